using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EventBooking.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SeatLedgerFunctions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // One function family owns every seat change (docs/adr/0014). Each locks the event row first, judges the
            // rules under that lock (an event that has started, judged by the clock once the lock is held, so a
            // request that queued before the start is still refused after it), changes the rows, writes the audit row
            // and announces the new count through notify_seat_change, the only builder of the NOTIFY payload.

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
                        'seatCapacity', CASE WHEN p_type = 'seat_update' THEN e.seat_capacity END))::text)
                    FROM events e
                    WHERE e.id = p_event_id;
                $$;
                """);

            // The authoritative booking function: several buyers of one event under one row lock and one commit
            // (docs/adr/0012), now also refusing an event that has started.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION create_bookings(p_event_id integer, p_user_ids integer[], p_booking_ids text[])
                RETURNS TABLE (outcome text, booked_at timestamp, seats_left integer)
                LANGUAGE plpgsql
                AS $$
                DECLARE
                    v_available integer;
                    v_event_date timestamp;
                    v_created integer := 0;
                    v_now timestamp := timezone('utc', now());
                BEGIN
                    IF cardinality(p_user_ids) IS DISTINCT FROM cardinality(p_booking_ids) THEN
                        RAISE EXCEPTION 'p_user_ids and p_booking_ids differ in length' USING ERRCODE = 'invalid_parameter_value';
                    END IF;

                    -- 1. Lock the event row once for the whole batch.
                    SELECT e.available_seats, e.event_date INTO v_available, v_event_date
                    FROM events e
                    WHERE e.id = p_event_id
                    FOR UPDATE;

                    IF NOT FOUND THEN
                        RAISE EXCEPTION 'event % does not exist', p_event_id USING ERRCODE = 'no_data_found';
                    END IF;

                    -- 2. Started by now, however long the buyers waited for the lock: nobody is booked.
                    IF v_event_date <= timezone('utc', clock_timestamp()) THEN
                        FOR i IN 1 .. coalesce(cardinality(p_user_ids), 0) LOOP
                            outcome := 'event_started';
                            booked_at := NULL;
                            seats_left := v_available;
                            RETURN NEXT;
                        END LOOP;
                        RETURN;
                    END IF;

                    FOR i IN 1 .. coalesce(cardinality(p_user_ids), 0) LOOP
                        booked_at := NULL;
                        IF v_available <= 0 THEN
                            -- 3. No seat left: this buyer gets nothing, nothing changes.
                            outcome := 'sold_out';
                        ELSIF EXISTS (SELECT 1 FROM bookings b
                                      WHERE b.user_id = p_user_ids[i] AND b.event_id = p_event_id AND b.status = 'confirmed') THEN
                            -- 4. One confirmed booking per user and event (perhaps from earlier in this batch). Every
                            --    confirmed booking of the event is made under this row lock, so the check cannot race;
                            --    the partial unique index bookings_user_event_confirmed_unique is the backstop.
                            outcome := 'already_booked';
                        ELSE
                            -- 5. The booking and its audit row, with the seats left after it.
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

                    -- 6. All the seats taken, in one update of the event row, and one announcement.
                    IF v_created > 0 THEN
                        UPDATE events SET available_seats = available_seats - v_created WHERE id = p_event_id;
                        PERFORM notify_seat_change('booking_created', p_event_id);
                    END IF;
                    RETURN;
                END;
                $$;
                """);

            // The schema document's function, now a wrapper: one buyer through create_bookings. It keeps its documented
            // behaviour: true when booked, false when sold out, a unique_violation on the partial index for a second
            // confirmed booking; an event that has started raises object_not_in_prerequisite_state.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION create_booking(p_user_id integer, p_event_id integer, p_booking_id varchar)
                RETURNS boolean
                LANGUAGE plpgsql
                AS $$
                DECLARE
                    v_outcome text;
                BEGIN
                    SELECT r.outcome INTO v_outcome
                    FROM create_bookings(p_event_id, ARRAY[p_user_id], ARRAY[p_booking_id]::text[]) r;

                    CASE v_outcome
                        WHEN 'created' THEN
                            RETURN TRUE;
                        WHEN 'sold_out' THEN
                            RETURN FALSE;
                        WHEN 'already_booked' THEN
                            RAISE EXCEPTION 'user % already holds a confirmed booking for event %', p_user_id, p_event_id
                                USING ERRCODE = 'unique_violation', CONSTRAINT = 'bookings_user_event_confirmed_unique';
                        ELSE
                            RAISE EXCEPTION 'event % has started', p_event_id USING ERRCODE = 'object_not_in_prerequisite_state';
                    END CASE;
                END;
                $$;
                """);

            // Cancelling with its outcome: not_found, not_confirmed (a concurrent cancel may have won), event_started,
            // or cancelled with the event and the seats after it.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION cancel_booking_outcome(p_booking_id varchar, p_actor_id integer DEFAULT NULL)
                RETURNS TABLE (outcome text, booked_event integer, seats_left integer)
                LANGUAGE plpgsql
                AS $$
                DECLARE
                    v_event_id integer;
                    v_event_date timestamp;
                    v_user_id integer;
                    v_status varchar;
                    v_available integer;
                    v_actor_id integer;
                    v_now timestamp := timezone('utc', now());
                BEGIN
                    SELECT b.event_id INTO v_event_id FROM bookings b WHERE b.booking_id = p_booking_id;
                    IF NOT FOUND THEN
                        outcome := 'not_found';
                        RETURN NEXT;
                        RETURN;
                    END IF;
                    booked_event := v_event_id;

                    -- 1. Lock the event row, then the booking row: the same order as create_bookings.
                    SELECT e.event_date, e.available_seats INTO v_event_date, v_available
                    FROM events e WHERE e.id = v_event_id FOR UPDATE;

                    SELECT b.user_id, b.status INTO v_user_id, v_status
                    FROM bookings b
                    WHERE b.booking_id = p_booking_id
                    FOR UPDATE;

                    -- 2. Only a confirmed booking can be cancelled, and only before its event starts.
                    IF NOT FOUND OR v_status IS DISTINCT FROM 'confirmed' THEN
                        outcome := 'not_confirmed';
                    ELSIF v_event_date <= timezone('utc', clock_timestamp()) THEN
                        outcome := 'event_started';
                    END IF;
                    IF outcome IS NOT NULL THEN
                        seats_left := v_available;
                        RETURN NEXT;
                        RETURN;
                    END IF;

                    -- 3. Cancel, release the seat, write the audit row naming who acted and in which role.
                    UPDATE bookings SET status = 'cancelled', cancelled_at = v_now WHERE booking_id = p_booking_id;
                    UPDATE events SET available_seats = available_seats + 1 WHERE id = v_event_id
                    RETURNING available_seats INTO v_available;

                    v_actor_id := COALESCE(p_actor_id, v_user_id);
                    INSERT INTO booking_logs (booking_id, action, user_id, event_id, details, "timestamp")
                    VALUES (p_booking_id, 'cancelled', v_actor_id, v_event_id,
                            jsonb_build_object(
                                'seats_remaining', v_available,
                                'actor_role', (SELECT u.role FROM users u WHERE u.id = v_actor_id)),
                            v_now);
                    PERFORM notify_seat_change('booking_cancelled', v_event_id);

                    outcome := 'cancelled';
                    seats_left := v_available;
                    RETURN NEXT;
                END;
                $$;
                """);

            // The schema document's cancel_booking, now a wrapper keeping its documented answers (true when cancelled,
            // false when not found or not confirmed); an event that has started raises object_not_in_prerequisite_state.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION cancel_booking(p_booking_id varchar, p_actor_id integer DEFAULT NULL)
                RETURNS boolean
                LANGUAGE plpgsql
                AS $$
                DECLARE
                    v_outcome text;
                BEGIN
                    SELECT r.outcome INTO v_outcome FROM cancel_booking_outcome(p_booking_id, p_actor_id) r;
                    IF v_outcome = 'event_started' THEN
                        RAISE EXCEPTION 'the event of booking % has started', p_booking_id
                            USING ERRCODE = 'object_not_in_prerequisite_state';
                    END IF;
                    RETURN v_outcome = 'cancelled';
                END;
                $$;
                """);

            // Handing a confirmed booking to another user: the seat count stays, the holder changes, under the same
            // locks and rules as a cancellation, plus one confirmed booking per user and event for the recipient.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION transfer_booking(p_booking_id varchar, p_to_user_id integer, p_actor_id integer)
                RETURNS TABLE (outcome text, booked_event integer, seats_left integer)
                LANGUAGE plpgsql
                AS $$
                DECLARE
                    v_event_id integer;
                    v_event_date timestamp;
                    v_from_user_id integer;
                    v_status varchar;
                    v_available integer;
                    v_now timestamp := timezone('utc', now());
                BEGIN
                    SELECT b.event_id INTO v_event_id FROM bookings b WHERE b.booking_id = p_booking_id;
                    IF NOT FOUND THEN
                        outcome := 'not_found';
                        RETURN NEXT;
                        RETURN;
                    END IF;
                    booked_event := v_event_id;

                    SELECT e.event_date, e.available_seats INTO v_event_date, v_available
                    FROM events e WHERE e.id = v_event_id FOR UPDATE;

                    SELECT b.user_id, b.status INTO v_from_user_id, v_status
                    FROM bookings b
                    WHERE b.booking_id = p_booking_id
                    FOR UPDATE;
                    seats_left := v_available;

                    IF NOT FOUND OR v_status IS DISTINCT FROM 'confirmed' THEN
                        outcome := 'not_confirmed';
                    ELSIF v_event_date <= timezone('utc', clock_timestamp()) THEN
                        outcome := 'event_started';
                    ELSIF v_from_user_id = p_to_user_id THEN
                        outcome := 'same_user';
                    ELSIF NOT EXISTS (SELECT 1 FROM users u WHERE u.id = p_to_user_id FOR KEY SHARE) THEN
                        -- (the share lock keeps the recipient from being deleted before the update below)
                        outcome := 'user_not_found';
                    ELSIF EXISTS (SELECT 1 FROM bookings b
                                  WHERE b.user_id = p_to_user_id AND b.event_id = v_event_id AND b.status = 'confirmed') THEN
                        outcome := 'already_booked';
                    END IF;
                    IF outcome IS NOT NULL THEN
                        RETURN NEXT;
                        RETURN;
                    END IF;

                    UPDATE bookings SET user_id = p_to_user_id WHERE booking_id = p_booking_id;
                    INSERT INTO booking_logs (booking_id, action, user_id, event_id, details, "timestamp")
                    VALUES (p_booking_id, 'transferred', p_actor_id, v_event_id,
                            jsonb_build_object(
                                'from_user_id', v_from_user_id,
                                'to_user_id', p_to_user_id,
                                'seats_remaining', v_available,
                                'actor_role', (SELECT u.role FROM users u WHERE u.id = p_actor_id)),
                            v_now);
                    PERFORM notify_seat_change('booking_transferred', v_event_id);

                    outcome := 'transferred';
                    RETURN NEXT;
                END;
                $$;
                """);

            // A new capacity: the free seats become the capacity less the confirmed bookings, counted under the lock.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION resize_event(p_event_id integer, p_seat_capacity integer)
                RETURNS TABLE (outcome text, seats_left integer, confirmed integer)
                LANGUAGE plpgsql
                AS $$
                DECLARE
                    v_event_date timestamp;
                BEGIN
                    SELECT e.event_date, e.available_seats INTO v_event_date, seats_left
                    FROM events e WHERE e.id = p_event_id FOR UPDATE;
                    IF NOT FOUND THEN
                        outcome := 'not_found';
                        RETURN NEXT;
                        RETURN;
                    END IF;

                    SELECT count(*)::integer INTO confirmed
                    FROM bookings b WHERE b.event_id = p_event_id AND b.status = 'confirmed';

                    IF v_event_date <= timezone('utc', clock_timestamp()) THEN
                        outcome := 'event_started';
                    ELSIF p_seat_capacity < confirmed THEN
                        outcome := 'below_confirmed';
                    ELSE
                        UPDATE events SET seat_capacity = p_seat_capacity, available_seats = p_seat_capacity - confirmed
                        WHERE id = p_event_id
                        RETURNING available_seats INTO seats_left;
                        PERFORM notify_seat_change('seat_update', p_event_id);
                        outcome := 'resized';
                    END IF;
                    RETURN NEXT;
                END;
                $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The earlier bodies of create_booking, cancel_booking and create_bookings first: they do not call what is dropped.
            foreach (var operation in new BookingFunctions().UpOperations.Concat(new BatchBookingFunction().UpOperations))
            {
                migrationBuilder.Operations.Add(operation);
            }

            migrationBuilder.Sql("DROP FUNCTION IF EXISTS resize_event(integer, integer);");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS transfer_booking(varchar, integer, integer);");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS cancel_booking_outcome(varchar, integer);");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS notify_seat_change(text, integer);");
        }
    }
}
