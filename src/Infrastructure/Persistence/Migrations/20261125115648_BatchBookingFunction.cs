using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EventBooking.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class BatchBookingFunction : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // create_booking for several buyers of one event at once (docs/adr/0012): the same rules and the
            // same rows as calling create_booking once per buyer in array order, but the event row is locked
            // once and the transaction commits once. One buyer's outcome never fails the others: a second
            // confirmed booking is detected before the insert (every confirmed booking of the event is made
            // under this same row lock, so the check cannot race), and sold out is an outcome, not an error.
            // Only what no check foresees (a user deleted meanwhile, a booking id taken by another event's
            // booking) raises, and rolls back the whole call; the API then books each buyer on their own.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION create_bookings(p_event_id integer, p_user_ids integer[], p_booking_ids text[])
                RETURNS TABLE (outcome text, booked_at timestamp, seats_left integer)
                LANGUAGE plpgsql
                AS $$
                DECLARE
                    v_available integer;
                    v_created integer := 0;
                    v_now timestamp := timezone('utc', now());
                BEGIN
                    IF cardinality(p_user_ids) IS DISTINCT FROM cardinality(p_booking_ids) THEN
                        RAISE EXCEPTION 'p_user_ids and p_booking_ids differ in length' USING ERRCODE = 'invalid_parameter_value';
                    END IF;

                    -- 1. Lock the event row once for the whole batch.
                    SELECT e.available_seats INTO v_available
                    FROM events e
                    WHERE e.id = p_event_id
                    FOR UPDATE;

                    IF NOT FOUND THEN
                        RAISE EXCEPTION 'event % does not exist', p_event_id USING ERRCODE = 'no_data_found';
                    END IF;

                    FOR i IN 1 .. coalesce(cardinality(p_user_ids), 0) LOOP
                        booked_at := NULL;
                        IF v_available <= 0 THEN
                            -- 2. No seat left: this buyer gets nothing, nothing changes.
                            outcome := 'sold_out';
                        ELSIF EXISTS (SELECT 1 FROM bookings b
                                      WHERE b.user_id = p_user_ids[i] AND b.event_id = p_event_id AND b.status = 'confirmed') THEN
                            -- 3. The user already holds a confirmed booking (perhaps from earlier in this batch).
                            outcome := 'already_booked';
                        ELSE
                            -- 3, 5. The booking and its audit row, with the seats left after it.
                            INSERT INTO bookings (booking_id, user_id, event_id, status, created_at)
                            VALUES (p_booking_ids[i], p_user_ids[i], p_event_id, 'confirmed', v_now);
                            v_available := v_available - 1;
                            v_created := v_created + 1;
                            INSERT INTO booking_logs (booking_id, action, user_id, event_id, details, "timestamp")
                            VALUES (p_booking_ids[i], 'created', p_user_ids[i], p_event_id,
                                    jsonb_build_object('seats_remaining', v_available), v_now);
                            outcome := 'created';
                            booked_at := v_now;
                        END IF;
                        seats_left := v_available;
                        RETURN NEXT;
                    END LOOP;

                    -- 4. All the seats taken, in one update of the event row.
                    IF v_created > 0 THEN
                        UPDATE events SET available_seats = available_seats - v_created WHERE id = p_event_id;
                    END IF;
                    RETURN;
                END;
                $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS create_bookings(integer, integer[], text[]);");
        }
    }
}
