using System;
using System.Linq;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

#nullable disable

namespace EventBooking.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// Door check-in (docs/adr/0017): the <c>check_ins</c> table, the ledger functions <c>check_in_booking</c> and
    /// <c>undo_check_in</c>, and <c>cancel_booking_outcome</c> / <c>transfer_booking</c> refusing a checked-in booking.
    /// </summary>
    public partial class Tickets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "check_ins",
                columns: table => new
                {
                    booking_id = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    event_id = table.Column<int>(type: "integer", nullable: false),
                    checked_in_at = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    checked_in_by = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("check_ins_pkey", x => x.booking_id);
                    table.ForeignKey(
                        name: "check_ins_booking_id_bookings_booking_id_fk",
                        column: x => x.booking_id,
                        principalTable: "bookings",
                        principalColumn: "booking_id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "check_ins_checked_in_by_users_id_fk",
                        column: x => x.checked_in_by,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "idx_check_ins_checked_in_by",
                table: "check_ins",
                column: "checked_in_by");

            migrationBuilder.CreateIndex(
                name: "idx_check_ins_event_id",
                table: "check_ins",
                column: "event_id");

            migrationBuilder.Sql("""
                -- Checks in a booking from a verified ticket. Locks the booking row only (not the event's: the door must not
                -- queue behind a sale; check_ins.event_id has no foreign key, so the insert takes no lock on events), so
                -- of two scanners at once the second waits and then finds the first one's row.
                CREATE OR REPLACE FUNCTION check_in_booking(p_booking_id varchar, p_event_id integer, p_holder_id integer, p_actor_id integer)
                RETURNS TABLE (outcome text, at timestamp, by_user_id integer, by_name varchar)
                LANGUAGE plpgsql
                AS $$
                DECLARE
                    v_event_id integer;
                    v_user_id integer;
                    v_status varchar;
                    v_now timestamp := timezone('utc', now());
                BEGIN
                    SELECT b.event_id, b.user_id, b.status INTO v_event_id, v_user_id, v_status
                    FROM bookings b WHERE b.booking_id = p_booking_id
                    FOR UPDATE;
                    IF NOT FOUND THEN
                        outcome := 'not_found';
                    ELSIF v_event_id IS DISTINCT FROM p_event_id THEN
                        outcome := 'wrong_event';
                    ELSIF v_status IS DISTINCT FROM 'confirmed' THEN
                        outcome := 'not_confirmed';
                    ELSIF v_user_id IS DISTINCT FROM p_holder_id THEN
                        outcome := 'holder_changed';
                    END IF;
                    IF outcome IS NOT NULL THEN
                        RETURN NEXT;
                        RETURN;
                    END IF;

                    INSERT INTO check_ins (booking_id, event_id, checked_in_at, checked_in_by)
                    VALUES (p_booking_id, v_event_id, v_now, p_actor_id)
                    ON CONFLICT (booking_id) DO NOTHING;
                    IF NOT FOUND THEN
                        outcome := 'already_checked_in';
                        SELECT c.checked_in_at, c.checked_in_by, u.name INTO at, by_user_id, by_name
                        FROM check_ins c LEFT JOIN users u ON u.id = c.checked_in_by
                        WHERE c.booking_id = p_booking_id;
                        RETURN NEXT;
                        RETURN;
                    END IF;

                    INSERT INTO booking_logs (booking_id, action, user_id, event_id, details, "timestamp")
                    VALUES (p_booking_id, 'checked_in', p_actor_id, v_event_id,
                            jsonb_build_object(
                                'attendee_id', v_user_id,
                                'actor_role', (SELECT u.role FROM users u WHERE u.id = p_actor_id)),
                            v_now);
                    outcome := 'checked_in';
                    at := v_now;
                    by_user_id := p_actor_id;
                    RETURN NEXT;
                END;
                $$;
                """);

            migrationBuilder.Sql("""
                -- Takes back a mistaken check-in; the audit row keeps when it had been made and by whom.
                CREATE OR REPLACE FUNCTION undo_check_in(p_booking_id varchar, p_event_id integer, p_actor_id integer)
                RETURNS TABLE (outcome text)
                LANGUAGE plpgsql
                AS $$
                DECLARE
                    v_event_id integer;
                    v_at timestamp;
                    v_by integer;
                BEGIN
                    SELECT b.event_id INTO v_event_id FROM bookings b WHERE b.booking_id = p_booking_id FOR UPDATE;
                    IF NOT FOUND OR v_event_id IS DISTINCT FROM p_event_id THEN
                        outcome := 'not_found';
                        RETURN NEXT;
                        RETURN;
                    END IF;

                    DELETE FROM check_ins c WHERE c.booking_id = p_booking_id
                    RETURNING c.checked_in_at, c.checked_in_by INTO v_at, v_by;
                    IF NOT FOUND THEN
                        outcome := 'not_checked_in';
                        RETURN NEXT;
                        RETURN;
                    END IF;

                    INSERT INTO booking_logs (booking_id, action, user_id, event_id, details, "timestamp")
                    VALUES (p_booking_id, 'check_in_undone', p_actor_id, v_event_id,
                            jsonb_build_object(
                                'checked_in_at', v_at,
                                'checked_in_by', v_by,
                                'actor_role', (SELECT u.role FROM users u WHERE u.id = p_actor_id)),
                            timezone('utc', now()));
                    outcome := 'undone';
                    RETURN NEXT;
                END;
                $$;
                """);

            // A checked-in booking can no longer be cancelled or transferred: the same functions, one refusal more.
            migrationBuilder.Sql(RefusingCheckedIn(WaitingList.CancelBookingOutcomeOffering));
            migrationBuilder.Sql(RefusingCheckedIn(TransferBookingOfSeatLedgerFunctions().Sql));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Operations.Add(TransferBookingOfSeatLedgerFunctions());
            migrationBuilder.Sql(WaitingList.CancelBookingOutcomeOffering);
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS undo_check_in(varchar, integer, integer);");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS check_in_booking(varchar, integer, integer, integer);");
            migrationBuilder.DropTable(
                name: "check_ins");
        }

        /// <summary>The current <c>transfer_booking</c>, as SeatLedgerFunctions created it.</summary>
        private static SqlOperation TransferBookingOfSeatLedgerFunctions() =>
            new SeatLedgerFunctions().UpOperations.OfType<SqlOperation>()
                .Single(o => o.Sql.Contains("FUNCTION transfer_booking(", StringComparison.Ordinal));

        /// <summary>
        /// <paramref name="function"/> with one more refusal right after "not confirmed": a booking that has a check-in
        /// answers <c>checked_in</c>. Throws when the function does not have that step exactly once.
        /// </summary>
        private static string RefusingCheckedIn(string function)
        {
            const string NotConfirmed = "outcome := 'not_confirmed';";
            var at = function.IndexOf(NotConfirmed, StringComparison.Ordinal);
            if (at < 0 || function.IndexOf(NotConfirmed, at + 1, StringComparison.Ordinal) >= 0)
            {
                throw new InvalidOperationException("Expected exactly one 'not_confirmed' step in the function.");
            }

            return function.Insert(
                at + NotConfirmed.Length,
                """

                    ELSIF EXISTS (SELECT 1 FROM check_ins c WHERE c.booking_id = p_booking_id) THEN
                        outcome := 'checked_in';
                """.TrimEnd());
        }
    }
}
