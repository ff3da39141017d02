using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

#nullable disable

namespace EventBooking.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// The waiting list (docs/adr/0016): entries, their immutable audit rows, and the ledger functions that move seats
    /// between free, held (offered to the first waiting user) and booked, all under the event's row lock. The seat
    /// invariant becomes available_seats + confirmed + held = seat_capacity, held being the entries in 'offered'.
    /// </summary>
    public partial class WaitingList : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE waitlist_entries (
                    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    event_id integer NOT NULL REFERENCES events (id) ON DELETE CASCADE,
                    user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                    status varchar(20) NOT NULL DEFAULT 'waiting',
                    joined_at timestamp NOT NULL DEFAULT timezone('utc', now()),
                    offered_at timestamp NULL,
                    offer_expires_at timestamp NULL,
                    resolved_at timestamp NULL,
                    booking_id varchar(50) NULL,
                    CONSTRAINT waitlist_entries_status_check
                        CHECK (status IN ('waiting', 'offered', 'accepted', 'expired', 'declined', 'left')),
                    CONSTRAINT waitlist_entries_offer_check CHECK (status <> 'offered' OR offer_expires_at IS NOT NULL)
                );
                -- One live entry (waiting or offered) per user and event; after leaving, expiring or declining one may join again, at the back.
                CREATE UNIQUE INDEX waitlist_entries_user_event_live_unique
                    ON waitlist_entries (event_id, user_id) WHERE status IN ('waiting', 'offered');
                -- The queue: first in, first offered (ids are taken under the event's row lock, so in join order).
                CREATE INDEX idx_waitlist_entries_queue ON waitlist_entries (event_id, id) WHERE status = 'waiting';
                CREATE INDEX idx_waitlist_entries_offers ON waitlist_entries (offer_expires_at) WHERE status = 'offered';
                CREATE INDEX idx_waitlist_entries_user ON waitlist_entries (user_id, event_id);

                CREATE TABLE waitlist_logs (
                    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    entry_id bigint NOT NULL,
                    event_id integer NOT NULL,
                    user_id integer NOT NULL,
                    action varchar(20) NOT NULL,
                    actor_id integer NULL,
                    details jsonb NULL,
                    "timestamp" timestamp NOT NULL DEFAULT timezone('utc', now())
                );
                CREATE INDEX idx_waitlist_logs_entry ON waitlist_logs (entry_id, id);
                CREATE INDEX idx_waitlist_logs_event ON waitlist_logs (event_id, id);

                CREATE OR REPLACE FUNCTION waitlist_logs_are_immutable()
                RETURNS trigger
                LANGUAGE plpgsql
                AS $$
                BEGIN
                    RAISE EXCEPTION 'waitlist_logs is append-only: % is not allowed', TG_OP
                        USING ERRCODE = 'insufficient_privilege';
                END;
                $$;
                CREATE TRIGGER waitlist_logs_immutable
                    BEFORE UPDATE OR DELETE ON waitlist_logs
                    FOR EACH ROW EXECUTE FUNCTION waitlist_logs_are_immutable();
                """);

            // Offers the event's free seats to its first waiting users, one seat each, for p_offer_seconds (never past the
            // event's start). The caller holds the event's row lock. Each offer is an audit row and a NOTIFY to the
            // listening instances, which pass it to the user's open sockets.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION waitlist_offer_free_seats(p_event_id integer, p_offer_seconds integer)
                RETURNS integer
                LANGUAGE plpgsql
                AS $$
                DECLARE
                    v_available integer;
                    v_event_date timestamp;
                    v_entry_id bigint;
                    v_user_id integer;
                    v_offers integer := 0;
                    v_now timestamp := timezone('utc', now());
                    v_expires timestamp;
                BEGIN
                    SELECT e.available_seats, e.event_date INTO v_available, v_event_date
                    FROM events e WHERE e.id = p_event_id FOR UPDATE;
                    IF NOT FOUND OR v_event_date <= timezone('utc', clock_timestamp()) THEN
                        RETURN 0;
                    END IF;
                    v_expires := least(v_now + make_interval(secs => p_offer_seconds), v_event_date);

                    WHILE v_available > 0 LOOP
                        SELECT w.id, w.user_id INTO v_entry_id, v_user_id
                        FROM waitlist_entries w
                        WHERE w.event_id = p_event_id AND w.status = 'waiting'
                        ORDER BY w.id
                        LIMIT 1
                        FOR UPDATE;
                        EXIT WHEN NOT FOUND;

                        UPDATE waitlist_entries SET status = 'offered', offered_at = v_now, offer_expires_at = v_expires
                        WHERE id = v_entry_id;
                        v_available := v_available - 1;
                        v_offers := v_offers + 1;
                        INSERT INTO waitlist_logs (entry_id, event_id, user_id, action, actor_id, details, "timestamp")
                        VALUES (v_entry_id, p_event_id, v_user_id, 'offered', NULL,
                                jsonb_build_object('offer_expires_at', v_expires, 'seats_remaining', v_available), v_now);
                        PERFORM pg_notify('eventbooking_seat_changes', json_build_object(
                            'type', 'waitlist_offer',
                            'eventId', p_event_id,
                            'availableSeats', v_available,
                            'userId', v_user_id,
                            'offerExpiresAt', to_char(v_expires, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text);
                    END LOOP;

                    IF v_offers > 0 THEN
                        UPDATE events SET available_seats = v_available WHERE id = p_event_id;
                    END IF;
                    RETURN v_offers;
                END;
                $$;
                """);

            // Releases one held seat of a live offer (declined, expired, or its user already booked) and offers it on.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION waitlist_release_offer(
                    p_entry_id bigint, p_status text, p_actor_id integer, p_reason text, p_offer_seconds integer)
                RETURNS void
                LANGUAGE plpgsql
                AS $$
                DECLARE
                    v_event_id integer;
                    v_user_id integer;
                    v_now timestamp := timezone('utc', now());
                BEGIN
                    UPDATE waitlist_entries SET status = p_status, resolved_at = v_now
                    WHERE id = p_entry_id AND status = 'offered'
                    RETURNING event_id, user_id INTO v_event_id, v_user_id;
                    IF NOT FOUND THEN
                        RETURN;
                    END IF;
                    UPDATE events SET available_seats = available_seats + 1 WHERE id = v_event_id;
                    INSERT INTO waitlist_logs (entry_id, event_id, user_id, action, actor_id, details, "timestamp")
                    VALUES (p_entry_id, v_event_id, v_user_id, p_status, p_actor_id,
                            CASE WHEN p_reason IS NULL THEN NULL ELSE jsonb_build_object('reason', p_reason) END, v_now);
                    PERFORM waitlist_offer_free_seats(v_event_id, p_offer_seconds);
                END;
                $$;
                """);

            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION join_waitlist(p_event_id integer, p_user_id integer)
                RETURNS TABLE (outcome text, entry_id bigint, queue_position integer, joined_at timestamp)
                LANGUAGE plpgsql
                AS $$
                DECLARE
                    v_available integer;
                    v_event_date timestamp;
                    v_now timestamp := timezone('utc', now());
                BEGIN
                    SELECT e.available_seats, e.event_date INTO v_available, v_event_date
                    FROM events e WHERE e.id = p_event_id FOR UPDATE;
                    IF NOT FOUND THEN
                        outcome := 'event_not_found';
                    ELSIF v_event_date <= timezone('utc', clock_timestamp()) THEN
                        outcome := 'event_started';
                    ELSIF NOT EXISTS (SELECT 1 FROM users u WHERE u.id = p_user_id FOR KEY SHARE) THEN
                        outcome := 'user_not_found';
                    ELSIF EXISTS (SELECT 1 FROM bookings b
                                  WHERE b.user_id = p_user_id AND b.event_id = p_event_id AND b.status = 'confirmed') THEN
                        outcome := 'already_booked';
                    ELSIF EXISTS (SELECT 1 FROM waitlist_entries w
                                  WHERE w.user_id = p_user_id AND w.event_id = p_event_id AND w.status IN ('waiting', 'offered')) THEN
                        outcome := 'already_listed';
                    ELSIF v_available > 0 THEN
                        outcome := 'seats_available';
                    END IF;
                    IF outcome IS NOT NULL THEN
                        RETURN NEXT;
                        RETURN;
                    END IF;

                    INSERT INTO waitlist_entries (event_id, user_id, status, joined_at)
                    VALUES (p_event_id, p_user_id, 'waiting', v_now)
                    RETURNING id INTO entry_id;
                    SELECT count(*)::integer INTO queue_position
                    FROM waitlist_entries w WHERE w.event_id = p_event_id AND w.status = 'waiting' AND w.id <= entry_id;
                    INSERT INTO waitlist_logs (entry_id, event_id, user_id, action, actor_id, details, "timestamp")
                    VALUES (entry_id, p_event_id, p_user_id, 'joined', p_user_id, jsonb_build_object('position', queue_position), v_now);
                    outcome := 'joined';
                    joined_at := v_now;
                    RETURN NEXT;
                END;
                $$;
                """);

            // Leaving: a waiting entry becomes 'left'; a pending offer becomes 'declined' and its seat goes to the next in line.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION leave_waitlist(p_event_id integer, p_user_id integer, p_offer_seconds integer)
                RETURNS TABLE (outcome text, seats_left integer)
                LANGUAGE plpgsql
                AS $$
                DECLARE
                    v_entry_id bigint;
                    v_status varchar;
                BEGIN
                    PERFORM 1 FROM events e WHERE e.id = p_event_id FOR UPDATE;
                    IF NOT FOUND THEN
                        outcome := 'event_not_found';
                        RETURN NEXT;
                        RETURN;
                    END IF;
                    SELECT w.id, w.status INTO v_entry_id, v_status
                    FROM waitlist_entries w
                    WHERE w.event_id = p_event_id AND w.user_id = p_user_id AND w.status IN ('waiting', 'offered')
                    FOR UPDATE;
                    IF NOT FOUND THEN
                        outcome := 'not_listed';
                    ELSIF v_status = 'offered' THEN
                        PERFORM waitlist_release_offer(v_entry_id, 'declined', p_user_id, NULL, p_offer_seconds);
                        PERFORM notify_seat_change('seat_update', p_event_id);
                        outcome := 'declined';
                    ELSE
                        UPDATE waitlist_entries SET status = 'left', resolved_at = timezone('utc', now()) WHERE id = v_entry_id;
                        INSERT INTO waitlist_logs (entry_id, event_id, user_id, action, actor_id, details, "timestamp")
                        VALUES (v_entry_id, p_event_id, p_user_id, 'left', p_user_id, NULL, timezone('utc', now()));
                        outcome := 'left';
                    END IF;
                    SELECT e.available_seats INTO seats_left FROM events e WHERE e.id = p_event_id;
                    RETURN NEXT;
                END;
                $$;
                """);

            // Accepting a live offer books the held seat: the same booking row, audit row and announcement as create_bookings,
            // without taking a free seat (it was taken when the offer was made).
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION accept_waitlist_offer(
                    p_event_id integer, p_user_id integer, p_booking_id varchar, p_offer_seconds integer)
                RETURNS TABLE (outcome text, booked_at timestamp, seats_left integer)
                LANGUAGE plpgsql
                AS $$
                DECLARE
                    v_event_date timestamp;
                    v_available integer;
                    v_entry_id bigint;
                    v_expires timestamp;
                    v_clock timestamp := timezone('utc', clock_timestamp());
                    v_now timestamp := timezone('utc', now());
                BEGIN
                    SELECT e.event_date, e.available_seats INTO v_event_date, v_available
                    FROM events e WHERE e.id = p_event_id FOR UPDATE;
                    IF NOT FOUND THEN
                        outcome := 'event_not_found';
                        RETURN NEXT;
                        RETURN;
                    END IF;
                    SELECT w.id, w.offer_expires_at INTO v_entry_id, v_expires
                    FROM waitlist_entries w
                    WHERE w.event_id = p_event_id AND w.user_id = p_user_id AND w.status = 'offered'
                    FOR UPDATE;

                    IF NOT FOUND THEN
                        outcome := 'no_offer';
                    ELSIF v_event_date <= v_clock THEN
                        outcome := 'event_started';
                    ELSIF v_expires <= v_clock THEN
                        -- Judged on the spot rather than waiting for the expiry worker: the seat goes to the next in line now.
                        PERFORM waitlist_release_offer(v_entry_id, 'expired', NULL, 'offer_expired', p_offer_seconds);
                        PERFORM notify_seat_change('seat_update', p_event_id);
                        outcome := 'offer_expired';
                    ELSIF EXISTS (SELECT 1 FROM bookings b
                                  WHERE b.user_id = p_user_id AND b.event_id = p_event_id AND b.status = 'confirmed') THEN
                        PERFORM waitlist_release_offer(v_entry_id, 'declined', p_user_id, 'already_booked', p_offer_seconds);
                        PERFORM notify_seat_change('seat_update', p_event_id);
                        outcome := 'already_booked';
                    ELSIF EXISTS (SELECT 1 FROM bookings b WHERE b.booking_id = p_booking_id) THEN
                        outcome := 'booking_id_taken';
                    END IF;
                    IF outcome IS NOT NULL THEN
                        SELECT e.available_seats INTO seats_left FROM events e WHERE e.id = p_event_id;
                        RETURN NEXT;
                        RETURN;
                    END IF;

                    INSERT INTO bookings (booking_id, user_id, event_id, status, created_at)
                    VALUES (p_booking_id, p_user_id, p_event_id, 'confirmed', v_now);
                    INSERT INTO booking_logs (booking_id, action, user_id, event_id, details, "timestamp")
                    VALUES (p_booking_id, 'created', p_user_id, p_event_id,
                            jsonb_build_object('seats_remaining', v_available, 'waitlist_entry_id', v_entry_id), v_now);
                    UPDATE waitlist_entries SET status = 'accepted', resolved_at = v_now, booking_id = p_booking_id WHERE id = v_entry_id;
                    INSERT INTO waitlist_logs (entry_id, event_id, user_id, action, actor_id, details, "timestamp")
                    VALUES (v_entry_id, p_event_id, p_user_id, 'accepted', p_user_id, jsonb_build_object('booking_id', p_booking_id), v_now);
                    PERFORM notify_seat_change('booking_created', p_event_id);
                    outcome := 'created';
                    booked_at := v_now;
                    seats_left := v_available;
                    RETURN NEXT;
                END;
                $$;
                """);

            // The expiry worker's step, safe on any number of instances: claims up to p_limit events that need it with
            // FOR UPDATE SKIP LOCKED (an event another instance or a booking holds is left for the next round), then
            // under each event's lock expires its offers that ran out, closes the list of an event that has started,
            // and offers any free seat to the first waiting users (also recovering a seat freed without an offer).
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION expire_waitlist_offers(p_offer_seconds integer, p_limit integer DEFAULT 100)
                RETURNS TABLE (event_id integer, expired integer, offered integer)
                LANGUAGE plpgsql
                AS $$
                DECLARE
                    v_event record;
                    v_entry record;
                    v_clock timestamp := timezone('utc', clock_timestamp());
                    v_started boolean;
                BEGIN
                    FOR v_event IN
                        SELECT e.id, e.event_date, e.available_seats FROM events e
                        WHERE EXISTS (SELECT 1 FROM waitlist_entries w
                                      WHERE w.event_id = e.id AND w.status = 'offered' AND w.offer_expires_at <= v_clock)
                           OR (EXISTS (SELECT 1 FROM waitlist_entries w WHERE w.event_id = e.id AND w.status = 'waiting')
                               AND (e.available_seats > 0 OR e.event_date <= v_clock))
                           OR (e.event_date <= v_clock
                               AND EXISTS (SELECT 1 FROM waitlist_entries w WHERE w.event_id = e.id AND w.status = 'offered'))
                        ORDER BY e.id
                        LIMIT p_limit
                        FOR UPDATE OF e SKIP LOCKED
                    LOOP
                        event_id := v_event.id;
                        expired := 0;
                        v_started := v_event.event_date <= timezone('utc', clock_timestamp());
                        FOR v_entry IN
                            SELECT w.id, w.status FROM waitlist_entries w
                            WHERE w.event_id = v_event.id
                              AND ((w.status = 'offered' AND (w.offer_expires_at <= v_clock OR v_started))
                                   OR (w.status = 'waiting' AND v_started))
                            ORDER BY w.id
                            FOR UPDATE
                        LOOP
                            IF v_entry.status = 'offered' THEN
                                -- No new offer is made for a started event (waitlist_offer_free_seats checks it).
                                PERFORM waitlist_release_offer(v_entry.id, 'expired', NULL,
                                    CASE WHEN v_started THEN 'event_started' ELSE 'offer_expired' END, p_offer_seconds);
                            ELSE
                                UPDATE waitlist_entries SET status = 'expired', resolved_at = timezone('utc', now()) WHERE id = v_entry.id;
                                INSERT INTO waitlist_logs (entry_id, event_id, user_id, action, actor_id, details, "timestamp")
                                SELECT w.id, w.event_id, w.user_id, 'expired', NULL, jsonb_build_object('reason', 'event_started'),
                                       timezone('utc', now())
                                FROM waitlist_entries w WHERE w.id = v_entry.id;
                            END IF;
                            expired := expired + 1;
                        END LOOP;
                        offered := waitlist_offer_free_seats(v_event.id, p_offer_seconds);
                        IF expired > 0 OR offered > 0 THEN
                            PERFORM notify_seat_change('seat_update', v_event.id);
                        END IF;
                        RETURN NEXT;
                    END LOOP;
                END;
                $$;
                """);

            // A freed seat goes to the waiting list first: cancelling now offers it in the same transaction.
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS cancel_booking_outcome(varchar, integer);");
            migrationBuilder.Sql(CancelBookingOutcomeOffering);

            // A capacity change counts held seats as taken, and offers any new free seat to the waiting list.
            migrationBuilder.Sql(ResizeEventOffering);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The earlier bodies, replayed from SeatLedgerFunctions rather than copied here.
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS cancel_booking_outcome(varchar, integer, integer);");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS resize_event(integer, integer, integer);");
            foreach (var operation in new SeatLedgerFunctions().UpOperations.OfType<SqlOperation>().Where(DefinesCancelOrResize))
            {
                migrationBuilder.Operations.Add(operation);
            }
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS expire_waitlist_offers(integer, integer);");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS accept_waitlist_offer(integer, integer, varchar, integer);");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS leave_waitlist(integer, integer, integer);");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS join_waitlist(integer, integer);");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS waitlist_release_offer(bigint, text, integer, text, integer);");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS waitlist_offer_free_seats(integer, integer);");
            migrationBuilder.Sql("DROP TABLE IF EXISTS waitlist_logs;");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS waitlist_logs_are_immutable();");
            migrationBuilder.Sql("DROP TABLE IF EXISTS waitlist_entries;");
        }

        private static bool DefinesCancelOrResize(SqlOperation operation) =>
            operation.Sql.Contains("FUNCTION cancel_booking_outcome(", StringComparison.Ordinal)
            || operation.Sql.Contains("FUNCTION resize_event(", StringComparison.Ordinal);

        /// <summary>cancel_booking_outcome of SeatLedgerFunctions, offering the freed seat to the waiting list first.</summary>
        internal const string CancelBookingOutcomeOffering = """
                CREATE OR REPLACE FUNCTION cancel_booking_outcome(p_booking_id varchar, p_actor_id integer DEFAULT NULL, p_offer_seconds integer DEFAULT 900)
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
                    -- The freed seat goes to the first waiting user, if any, before anyone else can book it.
                    PERFORM waitlist_offer_free_seats(v_event_id, p_offer_seconds);
                    SELECT e.available_seats INTO v_available FROM events e WHERE e.id = v_event_id;

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
                """;

        /// <summary>resize_event of SeatLedgerFunctions, counting held seats as taken and offering new free seats to the waiting list.</summary>
        private const string ResizeEventOffering = """
                DROP FUNCTION IF EXISTS resize_event(integer, integer);
                CREATE OR REPLACE FUNCTION resize_event(p_event_id integer, p_seat_capacity integer, p_offer_seconds integer DEFAULT 900)
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
                    -- Seats held for a waiting-list offer are taken too (reported with the confirmed ones).
                    confirmed := confirmed + (SELECT count(*)::integer FROM waitlist_entries w
                                              WHERE w.event_id = p_event_id AND w.status = 'offered');

                    IF v_event_date <= timezone('utc', clock_timestamp()) THEN
                        outcome := 'event_started';
                    ELSIF p_seat_capacity < confirmed THEN
                        outcome := 'below_confirmed';
                    ELSE
                        UPDATE events SET seat_capacity = p_seat_capacity, available_seats = p_seat_capacity - confirmed
                        WHERE id = p_event_id
                        RETURNING available_seats INTO seats_left;
                        PERFORM waitlist_offer_free_seats(p_event_id, p_offer_seconds);
                        SELECT e.available_seats INTO seats_left FROM events e WHERE e.id = p_event_id;
                        PERFORM notify_seat_change('seat_update', p_event_id);
                        outcome := 'resized';
                    END IF;
                    RETURN NEXT;
                END;
                $$;
                """;
    }
}
