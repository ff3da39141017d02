using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EventBooking.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// <c>create_bookings</c> answers <c>event_not_found</c> for each buyer of an event that does not exist, as
    /// <c>create_bookings_across_events</c> does, instead of raising <c>no_data_found</c>: a missing event is one of its
    /// answers, not a failure, and the start-up warm-up (docs/adr/0024) books absent events by the thousand without an
    /// error line each in PostgreSQL's log. <c>create_booking</c>, the replaced server's function, still raises
    /// <c>no_data_found</c> for it, as before.
    /// </summary>
    public partial class MissingEventAsAnOutcome : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
                        FOR i IN 1 .. coalesce(cardinality(p_user_ids), 0) LOOP
                            outcome := 'event_not_found';
                            booked_at := NULL;
                            seats_left := NULL;
                            RETURN NEXT;
                        END LOOP;
                        RETURN;
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
                        WHEN 'event_not_found' THEN
                            RAISE EXCEPTION 'event % does not exist', p_event_id USING ERRCODE = 'no_data_found';
                        WHEN 'already_booked' THEN
                            RAISE EXCEPTION 'user % already holds a confirmed booking for event %', p_user_id, p_event_id
                                USING ERRCODE = 'unique_violation', CONSTRAINT = 'bookings_user_event_confirmed_unique';
                        ELSE
                            RAISE EXCEPTION 'event % has started', p_event_id USING ERRCODE = 'object_not_in_prerequisite_state';
                    END CASE;
                END;
                $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
        }
    }
}
