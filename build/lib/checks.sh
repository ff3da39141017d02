# shellcheck shell=bash
#
# build/lib/checks.sh - PASS/FAIL checks and the seat invariants, for build/chaos.sh and build/deploy-check.sh.
#
# Sourced; defines functions only. The caller provides `sql` (psql on the scenario's database, -At) and sets SCENARIO
# before each group of checks. Results collect in RESULTS (one JSON object per check) and FAILED (a count).
#
#   check NAME true|false DETAIL      prints "PASS  NAME (DETAIL)" or "FAIL ..." on stderr and records it
#   is EXPR / both A B / alive PID    "true" or "false" for check's second argument
#   now / elapsed START END           a time stamp (s.ns) / END - START in seconds, one decimal
#   invariants EVENT OUTCOMES_CSV     the event's seat invariants and what the clients were told, as JSON
#   check_invariants JSON             the five checks on invariants' JSON

declare -a RESULTS=()
FAILED=0
check() { # NAME OK(true|false) DETAIL
  if [[ $2 == true ]]; then
    printf '    PASS  %s (%s)\n' "$1" "$3" >&2
  else
    printf '    FAIL  %s (%s)\n' "$1" "$3" >&2
    FAILED=$((FAILED + 1))
  fi
  RESULTS+=("$(jq -cn --arg s "$SCENARIO" --arg n "$1" --argjson ok "$2" --arg d "$3" '{scenario: $s, check: $n, ok: $ok, detail: $d}')")
}
is() { if (("$@")); then echo true; else echo false; fi; }
both() { if [[ $1 == true && $2 == true ]]; then echo true; else echo false; fi; }
alive() { if kill -0 "$1" 2>/dev/null; then echo true; else echo false; fi; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

# One row per event: capacity, available, confirmed, audit rows both ways, duplicates; plus what the
# clients were told (outcome file: user_id,instance,status,failed_over,finished_unix_ms).
invariants() { # EVENT OUTCOMES_CSV -> JSON
  {
    printf 'CREATE TEMP TABLE outcome (user_id int, instance int, status int, failed_over int, finished_ms bigint, latency_ms numeric);\n'
    printf 'COPY outcome FROM STDIN WITH (FORMAT csv);\n'
    cat "$2"
    printf '\\.\n'
    cat <<SQL
SELECT json_build_object(
  'capacity', e.seat_capacity,
  'available_seats', e.available_seats,
  'confirmed', (SELECT count(*) FROM bookings b WHERE b.event_id = e.id AND b.status = 'confirmed'),
  'confirmed_without_created_log', (SELECT count(*) FROM bookings b WHERE b.event_id = e.id
      AND NOT EXISTS (SELECT 1 FROM booking_logs l WHERE l.booking_id = b.booking_id AND l.action = 'created')),
  'created_log_without_booking', (SELECT count(*) FROM booking_logs l WHERE l.event_id = e.id AND l.action = 'created'
      AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.booking_id = l.booking_id)),
  'duplicate_confirmed', (SELECT count(*) FROM (SELECT 1 FROM bookings b WHERE b.event_id = e.id AND b.status = 'confirmed'
      GROUP BY b.user_id HAVING count(*) > 1) d),
  'told_201_without_booking', (SELECT count(*) FROM outcome o WHERE o.status = 201 AND NOT EXISTS
      (SELECT 1 FROM bookings b WHERE b.event_id = e.id AND b.user_id = o.user_id AND b.status = 'confirmed')),
  'told_409_with_booking', (SELECT count(*) FROM outcome o WHERE o.status = 409 AND EXISTS
      (SELECT 1 FROM bookings b WHERE b.event_id = e.id AND b.user_id = o.user_id)),
  'no_answer_but_booked', (SELECT count(*) FROM outcome o WHERE o.status = 0 AND EXISTS
      (SELECT 1 FROM bookings b WHERE b.event_id = e.id AND b.user_id = o.user_id)),
  'told_503_but_booked', (SELECT count(*) FROM outcome o WHERE o.status = 503 AND EXISTS
      (SELECT 1 FROM bookings b WHERE b.event_id = e.id AND b.user_id = o.user_id)))
FROM events e WHERE e.id = $1;
SQL
  } | sql -f -
}

check_invariants() { # JSON
  local inv=$1
  check "available_seats + confirmed = capacity" \
    "$(jq '.available_seats + .confirmed == .capacity and .available_seats >= 0' <<<"$inv")" \
    "$(jq -r '"\(.available_seats) + \(.confirmed) of \(.capacity)"' <<<"$inv")"
  check "every confirmed booking has its created audit row and vice versa" \
    "$(jq '.confirmed_without_created_log == 0 and .created_log_without_booking == 0' <<<"$inv")" \
    "$(jq -r '"\(.confirmed_without_created_log) bookings without, \(.created_log_without_booking) rows without"' <<<"$inv")"
  check "at most one confirmed booking per user" "$(jq '.duplicate_confirmed == 0' <<<"$inv")" "$(jq -r '.duplicate_confirmed' <<<"$inv") duplicates"
  check "every client told 201 owns a confirmed booking" "$(jq '.told_201_without_booking == 0' <<<"$inv")" "$(jq -r '.told_201_without_booking' <<<"$inv") without"
  check "no client told 409 owns a booking" "$(jq '.told_409_with_booking == 0' <<<"$inv")" "$(jq -r '.told_409_with_booking' <<<"$inv") with"
}
