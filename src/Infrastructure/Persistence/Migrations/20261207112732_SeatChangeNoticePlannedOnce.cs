using System.Linq;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

#nullable disable

namespace EventBooking.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// <c>notify_seat_change</c> in PL/pgSQL instead of SQL, with the same arguments and the same payload. A SQL function
    /// that cannot be inlined is parsed and planned again on every call, and every seat change calls it once per event:
    /// spread over many events that is once per booking. PL/pgSQL parses its query once per connection and caches its
    /// plan. Measured at the database alone (pgbench, 16 events per <c>create_bookings_across_events</c> call, 4 clients):
    /// 299 calls/s before, 342-395 after; through the API, spread over 1,000 events at 64 connections, 1,600-1,776 bookings/s before and
    /// 1,849-2,040 after (docs/performance.md).
    /// </summary>
    public partial class SeatChangeNoticePlannedOnce : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION notify_seat_change(p_type text, p_event_id integer)
                RETURNS void
                LANGUAGE plpgsql
                AS $$
                BEGIN
                    -- Delivered to every listening API instance when (and only if) the transaction commits.
                    PERFORM pg_notify('eventbooking_seat_changes', json_strip_nulls(json_build_object(
                        'type', p_type,
                        'eventId', e.id,
                        'availableSeats', e.available_seats,
                        'seatCapacity', CASE WHEN p_type = 'seat_update' THEN e.seat_capacity END,
                        'notifiedAtMs', round(extract(epoch FROM clock_timestamp()) * 1000, 3)))::text)
                    FROM events e
                    WHERE e.id = p_event_id;
                END;
                $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The SQL function as SeatChangeTimestamps made it (CREATE OR REPLACE may change a function's language).
            migrationBuilder.Operations.Add(
                new SeatChangeTimestamps().UpOperations.OfType<SqlOperation>()
                    .Single(o => o.Sql.Contains("FUNCTION notify_seat_change(", System.StringComparison.Ordinal)));
        }
    }
}
