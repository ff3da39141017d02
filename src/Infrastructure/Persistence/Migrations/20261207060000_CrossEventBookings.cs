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
            // The buyers of several events in one transaction and one commit (docs/adr/0021). It locks every event row of
            // the call first, in id order, so two such calls (and a call and any single-event ledger function, which locks
            // one event row) never wait for each other in a circle; then it books each event's buyers through
            // create_bookings, which keeps every rule, the audit rows and the announcement in one place. An event that
            // does not exist answers 'event_not_found' for its buyers instead of failing the others.
            // Rows come back one per buyer: "ordinal" is the buyer's position (from 1) in the arrays given.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION create_bookings_across_events(p_event_ids integer[], p_user_ids integer[], p_booking_ids text[])
                RETURNS TABLE (ordinal integer, outcome text, booked_at timestamp, seats_left integer)
                LANGUAGE plpgsql
                AS $$
                DECLARE
                    v_event integer;
                    v_found integer[];
                    v_positions integer[];
                BEGIN
                    IF cardinality(p_event_ids) IS DISTINCT FROM cardinality(p_user_ids)
                       OR cardinality(p_user_ids) IS DISTINCT FROM cardinality(p_booking_ids) THEN
                        RAISE EXCEPTION 'p_event_ids, p_user_ids and p_booking_ids differ in length' USING ERRCODE = 'invalid_parameter_value';
                    END IF;

                    -- 1. Lock every event row of the call, in id order.
                    SELECT array_agg(locked.id) INTO v_found
                    FROM (SELECT e.id FROM events e WHERE e.id = ANY (p_event_ids) ORDER BY e.id FOR UPDATE) locked;

                    -- 2. Each event's buyers, in event id order, through create_bookings (the row lock is already held).
                    FOR v_event IN SELECT DISTINCT x FROM unnest(p_event_ids) x ORDER BY x LOOP
                        SELECT array_agg(i ORDER BY i) INTO v_positions
                        FROM generate_subscripts(p_event_ids, 1) i
                        WHERE p_event_ids[i] = v_event;

                        IF v_event = ANY (coalesce(v_found, '{}')) THEN
                            RETURN QUERY
                                SELECT v_positions[r.n]::integer, r.outcome, r.booked_at, r.seats_left
                                FROM create_bookings(
                                         v_event,
                                         ARRAY(SELECT p_user_ids[p.i] FROM unnest(v_positions) WITH ORDINALITY p(i, k) ORDER BY p.k),
                                         ARRAY(SELECT p_booking_ids[p.i] FROM unnest(v_positions) WITH ORDINALITY p(i, k) ORDER BY p.k))
                                     WITH ORDINALITY r(outcome, booked_at, seats_left, n);
                        ELSE
                            RETURN QUERY
                                SELECT p.i, 'event_not_found'::text, NULL::timestamp, NULL::integer
                                FROM unnest(v_positions) p(i);
                        END IF;
                    END LOOP;
                    RETURN;
                END;
                $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS create_bookings_across_events(integer[], integer[], text[]);");
        }
    }
}
