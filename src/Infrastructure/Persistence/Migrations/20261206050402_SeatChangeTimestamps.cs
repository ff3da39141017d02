using System;
using System.Linq;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

#nullable disable

namespace EventBooking.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// Seat-change notifications carry when the database sent them (<c>notifiedAtMs</c>, Unix milliseconds from
    /// <c>clock_timestamp()</c>, the last statement before the commit), so each instance can measure the lag from the
    /// change to its WebSocket messages (metric <c>eventbooking.seat_change.lag</c>, docs/operations.md).
    /// </summary>
    public partial class SeatChangeTimestamps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION notify_seat_change(p_type text, p_event_id integer)
                RETURNS void
                LANGUAGE sql
                AS $$
                    -- Delivered to every listening API instance when (and only if) the transaction commits.
                    SELECT pg_notify('eventbooking_seat_changes', json_strip_nulls(json_build_object(
                        'type', p_type,
                        'eventId', e.id,
                        'availableSeats', e.available_seats,
                        'seatCapacity', CASE WHEN p_type = 'seat_update' THEN e.seat_capacity END,
                        'notifiedAtMs', round(extract(epoch FROM clock_timestamp()) * 1000, 3)))::text)
                    FROM events e
                    WHERE e.id = p_event_id;
                $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Operations.Add(
                new SeatLedgerFunctions().UpOperations.OfType<SqlOperation>()
                    .Single(o => o.Sql.Contains("FUNCTION notify_seat_change(", StringComparison.Ordinal)));
        }
    }
}
