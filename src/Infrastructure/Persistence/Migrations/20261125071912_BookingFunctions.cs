using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EventBooking.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class BookingFunctions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The two stored functions of the schema document. Each runs as one statement in the caller's
            // transaction: the seat count, the booking row and the audit row change together or not at all.
            // Both lock the event row first (event -> booking), so they queue behind each other and never
            // deadlock. Timestamps are taken in UTC explicitly, whatever the session's time zone.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION create_booking(p_user_id integer, p_event_id integer, p_booking_id varchar)
                RETURNS boolean
                LANGUAGE plpgsql
                AS $$
                DECLARE
                    v_available integer;
                    v_now timestamp := timezone('utc', now());
                BEGIN
                    -- 1. Lock the event row: concurrent bookings of one event queue here, so none oversells.
                    SELECT available_seats INTO v_available
                    FROM events
                    WHERE id = p_event_id
                    FOR UPDATE;

                    IF NOT FOUND THEN
                        RAISE EXCEPTION 'event % does not exist', p_event_id USING ERRCODE = 'no_data_found';
                    END IF;

                    -- 2. No seat left: refuse and change nothing.
                    IF v_available <= 0 THEN
                        RETURN FALSE;
                    END IF;

                    -- 3. The booking. The partial unique index bookings_user_event_confirmed_unique refuses a
                    --    second confirmed booking of the same user for the same event (unique_violation).
                    INSERT INTO bookings (booking_id, user_id, event_id, status, created_at)
                    VALUES (p_booking_id, p_user_id, p_event_id, 'confirmed', v_now);

                    -- 4. One seat fewer.
                    UPDATE events
                    SET available_seats = available_seats - 1
                    WHERE id = p_event_id
                    RETURNING available_seats INTO v_available;

                    -- 5. The audit row.
                    INSERT INTO booking_logs (booking_id, action, user_id, event_id, details, "timestamp")
                    VALUES (p_booking_id, 'created', p_user_id, p_event_id,
                            jsonb_build_object('seats_remaining', v_available), v_now);

                    RETURN TRUE;
                END;
                $$;
                """);

            // p_actor_id is the user performing the cancellation (contract section 8): the owner, or an
            // admin cancelling someone else's booking. It defaults to the booking's owner.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION cancel_booking(p_booking_id varchar, p_actor_id integer DEFAULT NULL)
                RETURNS boolean
                LANGUAGE plpgsql
                AS $$
                DECLARE
                    v_event_id integer;
                    v_user_id integer;
                    v_status varchar;
                    v_available integer;
                    v_actor_id integer;
                    v_now timestamp := timezone('utc', now());
                BEGIN
                    SELECT event_id INTO v_event_id FROM bookings WHERE booking_id = p_booking_id;
                    IF NOT FOUND THEN
                        RETURN FALSE;
                    END IF;

                    -- 1. Lock the event row, then the booking row: the same order as create_booking.
                    PERFORM 1 FROM events WHERE id = v_event_id FOR UPDATE;

                    SELECT user_id, status INTO v_user_id, v_status
                    FROM bookings
                    WHERE booking_id = p_booking_id
                    FOR UPDATE;

                    -- 2. Only a confirmed booking can be cancelled (a concurrent cancel may have won).
                    IF NOT FOUND OR v_status IS DISTINCT FROM 'confirmed' THEN
                        RETURN FALSE;
                    END IF;

                    -- 3, 4. Cancel and stamp the time.
                    UPDATE bookings
                    SET status = 'cancelled', cancelled_at = v_now
                    WHERE booking_id = p_booking_id;

                    -- 5. Release the seat.
                    UPDATE events
                    SET available_seats = available_seats + 1
                    WHERE id = v_event_id
                    RETURNING available_seats INTO v_available;

                    -- 6. The audit row, naming who acted and in which role.
                    v_actor_id := COALESCE(p_actor_id, v_user_id);
                    INSERT INTO booking_logs (booking_id, action, user_id, event_id, details, "timestamp")
                    VALUES (p_booking_id, 'cancelled', v_actor_id, v_event_id,
                            jsonb_build_object(
                                'seats_remaining', v_available,
                                'actor_role', (SELECT role FROM users WHERE id = v_actor_id)),
                            v_now);

                    RETURN TRUE;
                END;
                $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS cancel_booking(varchar, integer);");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS create_booking(integer, integer, varchar);");
        }
    }
}
