using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EventBooking.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// The seat-ledger functions that find their rows by key plan with <c>enable_seqscan = off</c>, so each lookup is an
    /// index scan whatever size its table had when the session planned it.
    /// <para>
    /// PL/pgSQL keeps a statement's plan for the connection's life, and the API's connections are pooled. On a new
    /// database, autovacuum analyses <c>events</c> and <c>bookings</c> while they hold a few rows; a session that plans
    /// then gets sequential scans (the cheaper plan for a page or two) and keeps them as the tables grow, until the next
    /// ANALYZE invalidates them, up to a minute later with autovacuum's defaults. Measured on the benchmark's new
    /// database: every booking scanned <c>bookings</c> (40,000-50,000 rows) and every call <c>events</c>, and a sale ran
    /// at 430-900 bookings/s until the ANALYZE, 3,500-4,000/s after; spread over 1,000 events at 64 connections,
    /// 710/s against 2,213/s with this setting (docs/performance.md).
    /// </para>
    /// <para>
    /// The setting is the function's own (<c>ALTER FUNCTION ... SET</c>): it applies to the statements it runs, the
    /// foreign-key checks of its inserts and the functions it calls, and nowhere else. A statement with no usable index
    /// still scans its table. <c>CREATE OR REPLACE FUNCTION</c> resets a function's settings, so a migration that
    /// replaces one of these must say <c>SET enable_seqscan = off</c> again (SchemaConformanceTests holds the list).
    /// <c>expire_waitlist_offers</c> is left out on purpose: it walks every event, and its best plan does depend on
    /// the tables' sizes. <c>create_booking</c> only calls <c>create_bookings</c>.
    /// </para>
    /// </summary>
    public partial class SeatLedgerPlansUseIndexes : Migration
    {
        /// <summary>The functions that find rows by key (all overloads of each name).</summary>
        private static readonly string[] Functions =
        [
            "accept_waitlist_offer",
            "cancel_booking",
            "cancel_booking_outcome",
            "check_in_booking",
            "create_bookings",
            "create_bookings_across_events",
            "join_waitlist",
            "leave_waitlist",
            "notify_seat_change",
            "resize_event",
            "transfer_booking",
            "undo_check_in",
            "waitlist_offer_free_seats",
            "waitlist_release_offer",
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(Alter("SET enable_seqscan = off"));

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(Alter("RESET enable_seqscan"));

        private static string Alter(string action) => $"""
            DO $$
            DECLARE
                f regprocedure;
            BEGIN
                FOR f IN
                    SELECT p.oid::regprocedure
                    FROM pg_proc p
                    JOIN pg_namespace n ON n.oid = p.pronamespace
                    WHERE n.nspname = current_schema()
                      AND p.proname = ANY (ARRAY['{string.Join("', '", Functions)}'])
                LOOP
                    EXECUTE format('ALTER FUNCTION %s {action}', f);
                END LOOP;
            END $$;
            """;
    }
}
