using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EventBooking.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CrossEventBookings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The buyers of several events in one transaction and one commit (docs/adr/0021), judged as a set: one INSERT
            // of the bookings, one of their audit rows and one UPDATE of the events for the whole call, where booking
            // each event's buyers in turn cost a function call, an UPDATE and a re-lock per event.
            // 1. Every event row of the call is locked first, in id order, so two such calls (and a call and any
            //    single-event ledger function, which locks one event row) never wait for each other in a circle.
            // 2. Each buyer is judged as create_bookings always judged them, in the order given within an event: an
            //    event that does not exist -> event_not_found (the other events' buyers go on); started by now ->
            //    event_started; no seat left by then -> sold_out; a confirmed booking of that user and event (or an
            //    earlier buyer of this call who is the same user) -> already_booked; else created, with the seats
            //    left after it. The seats left of a refusal are the seats at its turn.
            // 3. One NOTIFY per event that sold seats, with its count after the call (notify_seat_change).
            // Rows come back one per buyer, in the order given: "ordinal" is the buyer's position (from 1).
            // create_bookings is now a wrapper of this function for one event: the rules live here only.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION create_bookings_across_events(p_event_ids integer[], p_user_ids integer[], p_booking_ids text[])
                RETURNS TABLE (ordinal integer, outcome text, booked_at timestamp, seats_left integer)
                LANGUAGE plpgsql
                AS $$
                DECLARE
                    v_now timestamp := timezone('utc', now());
                    v_event integer;
                    v_ordinals integer[];
                    v_outcomes text[];
                    v_seats integer[];
                    v_changed integer[];
                BEGIN
                    IF cardinality(p_event_ids) IS DISTINCT FROM cardinality(p_user_ids)
                       OR cardinality(p_user_ids) IS DISTINCT FROM cardinality(p_booking_ids) THEN
                        RAISE EXCEPTION 'p_event_ids, p_user_ids and p_booking_ids differ in length' USING ERRCODE = 'invalid_parameter_value';
                    END IF;

                    -- 1. Lock every event row of the call, in id order.
                    PERFORM 1 FROM events e WHERE e.id = ANY (p_event_ids) ORDER BY e.id FOR UPDATE;

                    -- 2. Judge, book and log every buyer, and take the seats, in one statement (it reads the locked rows).
                    WITH input AS (
                        SELECT i AS ord, p_event_ids[i] AS event_id, p_user_ids[i] AS user_id, p_booking_ids[i] AS booking_id
                        FROM generate_subscripts(p_event_ids, 1) i),
                    judged AS (
                        SELECT n.*, e.id IS NULL AS missing, e.available_seats AS available,
                               coalesce(e.event_date <= timezone('utc', clock_timestamp()), false) AS started,
                               -- May take a seat: the event is on sale, the user holds no confirmed booking of it, and is
                               -- not an earlier buyer of this call.
                               (e.id IS NOT NULL AND e.event_date > timezone('utc', clock_timestamp())
                                AND row_number() OVER (PARTITION BY n.event_id, n.user_id ORDER BY n.ord) = 1
                                AND NOT EXISTS (SELECT 1 FROM bookings b
                                                WHERE b.user_id = n.user_id AND b.event_id = n.event_id AND b.status = 'confirmed')) AS eligible
                        FROM input n
                        LEFT JOIN events e ON e.id = n.event_id),
                    ranked AS (
                        SELECT j.*, row_number() OVER (PARTITION BY j.event_id, j.eligible ORDER BY j.ord) AS rnk
                        FROM judged j),
                    decided AS (
                        SELECT r.*, (r.eligible AND r.rnk <= r.available) AS created
                        FROM ranked r),
                    final AS (
                        SELECT d.*, d.available - coalesce(count(*) FILTER (WHERE d.created) OVER (
                                   PARTITION BY d.event_id ORDER BY d.ord ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS seats_before
                        FROM decided d),
                    booked AS (
                        INSERT INTO bookings (booking_id, user_id, event_id, status, created_at)
                        SELECT f.booking_id, f.user_id, f.event_id, 'confirmed', v_now FROM final f WHERE f.created ORDER BY f.ord),
                    logged AS (
                        INSERT INTO booking_logs (booking_id, action, user_id, event_id, details, "timestamp")
                        SELECT f.booking_id, 'created', f.user_id, f.event_id, jsonb_build_object('seats_remaining', f.seats_before - 1), v_now
                        FROM final f WHERE f.created ORDER BY f.ord),
                    taken AS (
                        UPDATE events e SET available_seats = e.available_seats - c.seats
                        FROM (SELECT f.event_id, count(*)::integer AS seats FROM final f WHERE f.created GROUP BY f.event_id) c
                        WHERE e.id = c.event_id)
                    SELECT array_agg(f.ord::integer ORDER BY f.ord),
                           array_agg(CASE WHEN f.missing THEN 'event_not_found'
                                          WHEN f.started THEN 'event_started'
                                          WHEN f.created THEN 'created'
                                          WHEN f.seats_before <= 0 THEN 'sold_out'
                                          ELSE 'already_booked' END ORDER BY f.ord),
                           array_agg(CASE WHEN f.missing THEN NULL::integer
                                          WHEN f.created THEN (f.seats_before - 1)::integer
                                          ELSE f.seats_before::integer END ORDER BY f.ord),
                           array_agg(DISTINCT f.event_id ORDER BY f.event_id) FILTER (WHERE f.created)
                    INTO v_ordinals, v_outcomes, v_seats, v_changed
                    FROM final f;

                    -- 3. One announcement per event that sold seats, with its count now, in event id order.
                    FOREACH v_event IN ARRAY coalesce(v_changed, '{}') LOOP
                        PERFORM notify_seat_change('booking_created', v_event);
                    END LOOP;

                    RETURN QUERY
                        SELECT u.o, u.oc, CASE WHEN u.oc = 'created' THEN v_now END, u.s
                        FROM unnest(v_ordinals, v_outcomes, v_seats) u(o, oc, s)
                        ORDER BY u.o;
                    RETURN;
                END;
                $$;
                """);

            // The single-event function keeps its behaviour and signature (and its error for an event that does not
            // exist), now as a wrapper: create_booking, the benchmark's pgbench script and the API's one-event calls use it.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION create_bookings(p_event_id integer, p_user_ids integer[], p_booking_ids text[])
                RETURNS TABLE (outcome text, booked_at timestamp, seats_left integer)
                LANGUAGE plpgsql
                AS $$
                DECLARE
                    r record;
                BEGIN
                    IF cardinality(p_user_ids) IS DISTINCT FROM cardinality(p_booking_ids) THEN
                        RAISE EXCEPTION 'p_user_ids and p_booking_ids differ in length' USING ERRCODE = 'invalid_parameter_value';
                    END IF;

                    IF NOT EXISTS (SELECT 1 FROM events e WHERE e.id = p_event_id) THEN
                        RAISE EXCEPTION 'event % does not exist', p_event_id USING ERRCODE = 'no_data_found';
                    END IF;

                    FOR r IN
                        SELECT x.outcome, x.booked_at, x.seats_left
                        FROM create_bookings_across_events(
                                 array_fill(p_event_id, ARRAY[coalesce(cardinality(p_user_ids), 0)]),
                                 coalesce(p_user_ids, '{}'), coalesce(p_booking_ids, '{}')) x
                        ORDER BY x.ordinal
                    LOOP
                        IF r.outcome = 'event_not_found' THEN -- deleted between the check and the lock
                            RAISE EXCEPTION 'event % does not exist', p_event_id USING ERRCODE = 'no_data_found';
                        END IF;
                        outcome := r.outcome;
                        booked_at := r.booked_at;
                        seats_left := r.seats_left;
                        RETURN NEXT;
                    END LOOP;
                    RETURN;
                END;
                $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // create_bookings' own body again (migration SeatLedgerFunctions), then the function it wrapped goes.
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

            migrationBuilder.Sql("DROP FUNCTION IF EXISTS create_bookings_across_events(integer[], integer[], text[]);");
        }
    }
}
