using System.Linq;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

#nullable disable

namespace EventBooking.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// <c>create_bookings_across_events</c> judges all its buyers in one statement instead of one event at a time, and
    /// <c>create_bookings</c> becomes its one-event wrapper, so the booking rules live in one function (docs/adr/0027).
    /// <para>
    /// Before, a call ran about ten PL/pgSQL statements per event (the buyers' positions, a nested <c>create_bookings</c>
    /// with its own lock, checks, inserts and update, and a <c>notify_seat_change</c> call) and three per buyer; spread
    /// over many events, each event cost PostgreSQL about as much again as its booking. Now a call is five statements
    /// whatever it carries: lock the event rows in id order and read them; judge every buyer and write the bookings and
    /// audit rows (one statement, which starts after the locks are held and so sees every booking committed before);
    /// update each changed event's count; announce them (<c>notify_seat_changes</c>, one query for all); answer.
    /// </para>
    /// <para>
    /// The judging statement is planned once per connection (<c>plan_cache_mode = force_generic_plan</c>): planned anew
    /// for each call, as PL/pgSQL's plan cache first does, it cost more than it saved. A plan kept that long must not
    /// depend on the statistics it was made with (docs/adr/0025): the events are found by <c>id = ANY (array)</c> index
    /// scans and read from arrays, never joined (a join planned when <c>events</c> held one row scanned all of it for
    /// every buyer), and the held-booking check is a lateral lookup, which cannot become a hashed subplan of every
    /// confirmed booking (LedgerPlanTests). The rules are those of before, in array order: a missing event answers
    /// <c>event_not_found</c> and a started one <c>event_started</c> for every buyer; else a buyer who holds a confirmed
    /// booking of the event, or appears earlier in the call for it, is <c>already_booked</c>, unless the seats ran out
    /// before their turn (<c>sold_out</c>); everyone else gets a seat while seats last.
    /// </para>
    /// </summary>
    public partial class BookingsJudgedAsOneSet : Migration
    {
        private const string AnnounceEach = """
            CREATE OR REPLACE FUNCTION notify_seat_changes(p_type text, p_event_ids integer[])
            RETURNS void
            LANGUAGE plpgsql
            SET enable_seqscan = off
            AS $$
            BEGIN
                -- Delivered to every listening API instance when (and only if) the transaction commits; one per event, in id order.
                PERFORM pg_notify('eventbooking_seat_changes', json_strip_nulls(json_build_object(
                    'type', p_type,
                    'eventId', e.id,
                    'availableSeats', e.available_seats,
                    'seatCapacity', CASE WHEN p_type = 'seat_update' THEN e.seat_capacity END,
                    'notifiedAtMs', round(extract(epoch FROM clock_timestamp()) * 1000, 3)))::text)
                FROM (SELECT e.id, e.available_seats, e.seat_capacity FROM events e WHERE e.id = ANY (p_event_ids) ORDER BY e.id) e;
            END;
            $$;

            CREATE OR REPLACE FUNCTION notify_seat_change(p_type text, p_event_id integer)
            RETURNS void
            LANGUAGE plpgsql
            SET enable_seqscan = off
            AS $$
            BEGIN
                PERFORM notify_seat_changes(p_type, ARRAY[p_event_id]);
            END;
            $$;
            """;

        private const string JudgeAsOneSet = """
            CREATE OR REPLACE FUNCTION create_bookings_across_events(p_event_ids integer[], p_user_ids integer[], p_booking_ids text[])
            RETURNS TABLE (ordinal integer, outcome text, booked_at timestamp, seats_left integer)
            LANGUAGE plpgsql
            SET enable_seqscan = off
            SET plan_cache_mode = force_generic_plan
            AS $$
            DECLARE
                v_now timestamp := timezone('utc', now());
                v_ids integer[];
                v_available integer[];
                v_dates timestamp[];
                v_clock timestamp;
                v_changed integer[];
                v_taken integer[];
                v_outcomes text[];
                v_seats integer[];
            BEGIN
                IF cardinality(p_event_ids) IS DISTINCT FROM cardinality(p_user_ids)
                   OR cardinality(p_user_ids) IS DISTINCT FROM cardinality(p_booking_ids) THEN
                    RAISE EXCEPTION 'p_event_ids, p_user_ids and p_booking_ids differ in length' USING ERRCODE = 'invalid_parameter_value';
                END IF;

                -- 1. Lock every event row of the call, in id order, so that two calls never wait for each other in a
                --    circle, and read each one's seats and date as they are once locked. The statements below start after
                --    the locks are held: they see every booking committed before.
                SELECT array_agg(l.id ORDER BY l.id), array_agg(l.available_seats ORDER BY l.id), array_agg(l.event_date ORDER BY l.id)
                INTO v_ids, v_available, v_dates
                FROM (SELECT e.id, e.available_seats, e.event_date FROM events e WHERE e.id = ANY (p_event_ids) ORDER BY e.id FOR UPDATE) l;
                -- The time now, once the locks are held, however long that took: an event that started meanwhile books nobody.
                v_clock := timezone('utc', clock_timestamp());

                -- 2. Every buyer judged in array order, and the bookings and audit rows that follow. The events are read
                --    from the arrays above, not joined: a join's order is the planner's choice, made once per connection
                --    from the statistics of the day (docs/adr/0027).
                WITH buyer AS (
                    SELECT r.n::integer AS n, r.event_id, r.user_id, r.booking_id, array_position(v_ids, r.event_id) AS k
                    FROM unnest(p_event_ids, p_user_ids, p_booking_ids) WITH ORDINALITY r(event_id, user_id, booking_id, n)
                ), judged AS (
                    SELECT b.n, b.event_id, b.user_id, b.booking_id,
                           b.k IS NOT NULL AS found,
                           v_dates[b.k] <= v_clock AS started,
                           v_available[b.k] AS available,
                           -- A first request of this user for this event, who holds no confirmed booking of it (a NULL
                           -- user matches nobody, as before). Every confirmed booking of an event is made under its row
                           -- lock, so this cannot race; the partial unique index bookings_user_event_confirmed_unique is
                           -- the backstop.
                           (b.user_id IS NULL OR row_number() OVER (PARTITION BY b.event_id, b.user_id ORDER BY b.n) = 1)
                           AND held.user_id IS NULL AS eligible
                    FROM buyer b
                    -- A lateral lookup, not NOT EXISTS: PostgreSQL may run a NOT EXISTS as a hashed subplan, which reads
                    -- every confirmed booking once per call, and picks it whenever the statistics say bookings is small.
                    LEFT JOIN LATERAL (SELECT x.user_id FROM bookings x
                                       WHERE x.user_id = b.user_id AND x.event_id = b.event_id AND x.status = 'confirmed'
                                       LIMIT 1) held ON true
                ), counted AS (
                    -- The eligible buyers of the event up to and including this one: each takes a seat while any are left.
                    SELECT j.*, sum(j.eligible::integer) OVER (PARTITION BY j.event_id ORDER BY j.n) AS takers
                    FROM judged j
                ), planned AS (
                    SELECT c.n, c.event_id, c.user_id, c.booking_id,
                           CASE WHEN NOT c.found THEN 'event_not_found'
                                WHEN c.started THEN 'event_started'
                                WHEN c.eligible AND c.takers <= c.available THEN 'created'
                                WHEN c.takers >= c.available THEN 'sold_out'
                                ELSE 'already_booked' END AS outcome,
                           -- The seats left after this buyer's turn (for a started event: as they are).
                           CASE WHEN c.found AND c.started THEN c.available
                                WHEN c.found THEN c.available - least(c.takers, c.available)::integer END AS seats_left
                    FROM counted c
                ), booked AS (
                    INSERT INTO bookings (booking_id, user_id, event_id, status, created_at)
                    SELECT p.booking_id, p.user_id, p.event_id, 'confirmed', v_now
                    FROM planned p WHERE p.outcome = 'created' ORDER BY p.n
                ), logged AS (
                    INSERT INTO booking_logs (booking_id, action, user_id, event_id, details, "timestamp")
                    SELECT p.booking_id, 'created', p.user_id, p.event_id, jsonb_build_object('seats_remaining', p.seats_left), v_now
                    FROM planned p WHERE p.outcome = 'created' ORDER BY p.n
                ), taken AS (
                    SELECT p.event_id, count(*)::integer AS created FROM planned p WHERE p.outcome = 'created' GROUP BY p.event_id
                )
                SELECT (SELECT array_agg(t.event_id ORDER BY t.event_id) FROM taken t), (SELECT array_agg(t.created ORDER BY t.event_id) FROM taken t),
                       array_agg(p.outcome ORDER BY p.n), array_agg(p.seats_left ORDER BY p.n)
                INTO v_changed, v_taken, v_outcomes, v_seats
                FROM planned p;

                IF v_changed IS NOT NULL THEN
                    -- 3. All the seats each event gave, in one update of its row; then one announcement per event.
                    UPDATE events e SET available_seats = e.available_seats - v_taken[array_position(v_changed, e.id)]
                    WHERE e.id = ANY (v_changed);
                    PERFORM notify_seat_changes('booking_created', v_changed);
                END IF;

                -- 4. One row per buyer; ordinal is the buyer's position (from 1) in the arrays given.
                RETURN QUERY
                    SELECT o.n::integer, o.outcome, CASE WHEN o.outcome = 'created' THEN v_now END, v_seats[o.n]
                    FROM unnest(v_outcomes) WITH ORDINALITY o(outcome, n);
            END;
            $$;
            """;

        private const string OneEventWrapper = """
            CREATE OR REPLACE FUNCTION create_bookings(p_event_id integer, p_user_ids integer[], p_booking_ids text[])
            RETURNS TABLE (outcome text, booked_at timestamp, seats_left integer)
            LANGUAGE plpgsql
            SET enable_seqscan = off
            AS $$
            BEGIN
                IF cardinality(p_user_ids) IS DISTINCT FROM cardinality(p_booking_ids) THEN
                    RAISE EXCEPTION 'p_user_ids and p_booking_ids differ in length' USING ERRCODE = 'invalid_parameter_value';
                END IF;
                IF coalesce(cardinality(p_user_ids), 0) = 0 THEN
                    RETURN; -- nobody to book (NULL arrays included), as before
                END IF;

                -- One event's buyers, in array order, under one row lock and one commit: the rules are create_bookings_across_events'.
                RETURN QUERY
                    SELECT r.outcome, r.booked_at, r.seats_left
                    FROM create_bookings_across_events(
                             array_fill(p_event_id, ARRAY[coalesce(cardinality(p_user_ids), 0)]), p_user_ids, p_booking_ids) r
                    ORDER BY r.ordinal;
            END;
            $$;
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(AnnounceEach);
            migrationBuilder.Sql(JudgeAsOneSet);
            migrationBuilder.Sql(OneEventWrapper);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The functions as the migrations before made them; CREATE OR REPLACE drops a function's settings, so each
            // gets SeatLedgerPlansUseIndexes' setting again.
            migrationBuilder.Operations.Add(Defining(new SeatChangeNoticePlannedOnce(), "notify_seat_change("));
            migrationBuilder.Operations.Add(Defining(new MissingEventAsAnOutcome(), "create_bookings("));
            migrationBuilder.Operations.Add(Defining(new CrossEventBookings(), "create_bookings_across_events("));
            migrationBuilder.Sql("""
                ALTER FUNCTION notify_seat_change(text, integer) SET enable_seqscan = off;
                ALTER FUNCTION create_bookings(integer, integer[], text[]) SET enable_seqscan = off;
                ALTER FUNCTION create_bookings_across_events(integer[], integer[], text[]) SET enable_seqscan = off;
                DROP FUNCTION IF EXISTS notify_seat_changes(text, integer[]);
                """);
        }

        private static SqlOperation Defining(Migration migration, string function) =>
            migration.UpOperations.OfType<SqlOperation>()
                .Single(o => o.Sql.Contains("FUNCTION " + function, System.StringComparison.Ordinal));
    }
}
