#!/usr/bin/env bash
#
# build/bench.sh - the performance benchmark of issue 7 (see docs/performance.md).
#
# Release build, a throwaway PostgreSQL (default durability settings), then:
#   1. database ceiling: pgbench calling create_booking for distinct users on one hot event
#   2. hot-event sell-out through HTTP (bench/EventBooking.LoadClient) + invariant check in SQL
#   3. spread load over 1000 events
#   4. reads: GET /api/events?upcoming=true and GET /api/events/{id}
#   5. memory: peak RSS (VmHWM) of the API process
# Prints one table and writes bench/results/bench-<timestamp>.{json,md} (and latest.{json,md}).
# Everything runs on 127.0.0.1; the API and PostgreSQL are stopped on exit.
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO_ROOT"
# shellcheck source=build/lib/postgres.sh
source "$REPO_ROOT/build/lib/postgres.sh"
# shellcheck source=build/lib/api.sh
source "$REPO_ROOT/build/lib/api.sh"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

usage() {
  cat <<'EOF'
Usage: build/bench.sh [--quick] [--help]

  --quick   a development run of every step in a few minutes: pgbench and HTTP at 64 connections only, no
            batching-off reference, 5 s pgbench and read runs (the BENCH_* knobs below still win)

Environment knobs (defaults in brackets):
  BENCH_USERS         users per HTTP booking run; also the hot event's capacity [20000]
  BENCH_SPREAD_EVENTS events of the spread run [1000]
  BENCH_PG_SECONDS    seconds per pgbench run [20]
  BENCH_PG_CLIENTS    pgbench client counts [8 64 256] (256: the issue's collapse reference)
  BENCH_PG_BATCH      bookings per create_bookings call in the batched pgbench runs [16]
  BENCH_HTTP_CONNS    HTTP connection counts [8 64 256]
  BENCH_REF_CONNS     connection counts for the hot event through the API with batching off [64 256] ('' skips)
  BENCH_READ_SECONDS  seconds per read run [15]
  BENCH_MAX_SECONDS   cap per HTTP booking run [90]
  BENCH_QUIET_WAIT    seconds to wait for other builds/tests to finish [300]
  BENCH_API_ENV       extra API settings, space-separated NAME=VALUE (an A/B run: "Metrics__Enabled=false") ['']
  EVENTBOOKING_API_DLL  run this API build instead of src/WebApi's Release output (e.g. a ReadyToRun publish)
  BENCH_WATCHERS      WebSocket watchers of the hot event while it sells out at 64 connections, against the same run's
                      "hot 64" without them (issue 18); 0 skips it [10000]
  BENCH_MIX_BUYERS, BENCH_MIX_SEATS, BENCH_MIX_SECONDS, BENCH_MIX_WATCHERS
                      the on-sale on two instances: buyers arriving evenly over the seconds for an event of the seats,
                      with anonymous list reads and the watchers beside them [50000, 10000, 10, 5000]
  BENCH_STEPS         the steps to run, of: pgbench hot watchers spread reads mixed cold [all of them]; "watchers"
                      needs "hot" (its reference), and every HTTP step runs after the warm-up
  BENCH_COLD          1: end with a cold start, a new instance selling a hot event at 64 connections with no
                      warm-up traffic (its own start-up warm-up runs before it is ready), against the warm
                      figure of the same run (issue 18); 0 skips it [1]
EOF
}
case ${1:-} in
  -h | --help)
    usage
    exit 0
    ;;
  --quick)
    : "${BENCH_PG_CLIENTS=64}" "${BENCH_HTTP_CONNS=64}" "${BENCH_REF_CONNS=}" "${BENCH_PG_SECONDS=5}" "${BENCH_READ_SECONDS=5}"
    ;;
  "") ;;
  *)
    usage >&2
    exit 2
    ;;
esac


USERS=${BENCH_USERS:-20000}
SPREAD_EVENTS=${BENCH_SPREAD_EVENTS:-1000}
PG_SECONDS=${BENCH_PG_SECONDS:-20}
read -r -a PG_CLIENTS <<<"${BENCH_PG_CLIENTS:-8 64 256}"
PG_BATCH=${BENCH_PG_BATCH:-16}
read -r -a HTTP_CONNS <<<"${BENCH_HTTP_CONNS:-8 64 256}"
read -r -a REF_CONNS <<<"${BENCH_REF_CONNS-64 256}"
READ_SECONDS=${BENCH_READ_SECONDS:-15}
MAX_SECONDS=${BENCH_MAX_SECONDS:-90}
QUIET_WAIT=${BENCH_QUIET_WAIT:-300}
COLD=${BENCH_COLD:-1}
WATCHERS=${BENCH_WATCHERS:-10000}
MIX_BUYERS=${BENCH_MIX_BUYERS:-50000}
MIX_SEATS=${BENCH_MIX_SEATS:-10000}
MIX_SECONDS=${BENCH_MIX_SECONDS:-10}
MIX_WATCHERS=${BENCH_MIX_WATCHERS:-5000}
STEPS=" ${BENCH_STEPS:-pgbench hot watchers spread reads mixed cold} "
step() { [[ $STEPS == *" $1 "* ]]; }
step pgbench || PG_CLIENTS=()
step cold || COLD=0
step watchers || WATCHERS=0
READ_CONNS=64
for n in "$USERS" "$WATCHERS" "$MIX_BUYERS" "$MIX_SEATS" "$MIX_SECONDS" "$MIX_WATCHERS" "$SPREAD_EVENTS" "$PG_SECONDS" "$READ_SECONDS" "$MAX_SECONDS" "$QUIET_WAIT" "$PG_BATCH" "${PG_CLIENTS[@]}" "${HTTP_CONNS[@]}" "${REF_CONNS[@]}"; do
  [[ $n =~ ^[0-9]+$ ]] || die "bad number '$n' in a BENCH_* setting"
done
((USERS >= SPREAD_EVENTS)) || die "BENCH_USERS must be at least BENCH_SPREAD_EVENTS"
((MIX_SECONDS >= 1 && MIX_SEATS >= 1 && MIX_BUYERS >= MIX_SECONDS)) || die "BENCH_MIX_SECONDS and BENCH_MIX_SEATS must be at least 1, BENCH_MIX_BUYERS at least BENCH_MIX_SECONDS"
((WATCHERS <= 15000)) || die "BENCH_WATCHERS: at most 15000 (one process holds them; the open-file limit here is $(ulimit -Hn))"
command -v dotnet >/dev/null 2>&1 || die "the .NET SDK (dotnet) is not on PATH"
command -v python3 >/dev/null 2>&1 || die "python3 is needed to write the result table"
ensure_jq || die "jq is needed and could not be installed"

started_at=$(date -u +%Y-%m-%dT%H:%M:%SZ)
stamp=$(date -u +%Y%m%d-%H%M%S)
RESULTS_DIR="$REPO_ROOT/bench/results"
mkdir -p "$RESULTS_DIR"

# --- build (under the shared build lock; the benchmark itself runs without it) ---
api_build || die "build failed"

# --- throwaway PostgreSQL, stopped (with the API) on exit ---
WORK=$(mktemp -d /tmp/eb-bench.XXXXXX)
PG_DIR="$WORK/pg"
API_PID=
API_PID_B=
# Load clients and pollers sent to the background: stopped on the way out too, so that none outlives a failed run.
BG_PIDS=()
PG_STARTED=0

# shellcheck disable=SC2317 # called from the EXIT trap
cleanup() {
  local rc=$? pid
  trap - EXIT INT TERM
  for pid in "${BG_PIDS[@]}"; do
    api_stop_own "$pid"
  done
  if [[ -n $API_PID ]]; then
    log "stopping the API (pid $API_PID)"
    api_stop "$API_PID"
  fi
  if [[ -n $API_PID_B ]]; then
    log "stopping the second API (pid $API_PID_B)"
    api_stop "$API_PID_B"
  fi
  if [[ ${PG_STARTED:-0} == 1 ]]; then
    pg_stop_cluster "$PG_DIR" || true
  fi
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

pg_ensure_binaries
PG_PORT_WANTED=$(pg_free_port)
# Default durability (fsync, synchronous_commit, full_page_writes on); postgres.sh sets max_connections = 300.
pg_start_cluster "$PG_DIR" "$PG_PORT_WANTED"
pg_ensure_database "$PG_DIR" eventbooking
CONN=$(pg_connection_string "$PG_DIR" eventbooking)
PGPASSWORD_APP=$(<"$PG_DIR.password")
PGBENCH="$PG_BIN/pgbench"
[[ -x $PGBENCH ]] || PGBENCH=$(command -v pgbench) || die "pgbench not found"

sql() { pg_psql "$PG_DIR" -d eventbooking -At "$@"; }

pg_settings=$(sql -F '=' -c "SELECT name, current_setting(name) FROM pg_settings
  WHERE name IN ('server_version', 'max_connections', 'shared_buffers', 'fsync', 'synchronous_commit',
                 'full_page_writes', 'wal_sync_method', 'wal_level', 'max_wal_size', 'checkpoint_timeout',
                 'work_mem', 'effective_cache_size', 'commit_delay')
  ORDER BY name")
log "PostgreSQL settings:"
sed 's/^/    /' <<<"$pg_settings" >&2

JWT_KEY=$(pg__random_hex 32)
TICKET_KEY=$(new_ticket_signing_key) || die "could not generate a ticket signing key (openssl)"
api_env=(
  "ConnectionStrings__Default=$CONN"
  "Jwt__SigningKey=$JWT_KEY"
  "Tickets__SigningKey=$TICKET_KEY"
  "RateLimiting__Enabled=false"
  "ASPNETCORE_ENVIRONMENT=Production"
  "DOTNET_CLI_TELEMETRY_OPTOUT=1"
)
# Extra API settings for an A/B run, e.g. BENCH_API_ENV="Metrics__Enabled=false" (space-separated NAME=VALUE).
read -r -a extra_api_env <<<"${BENCH_API_ENV:-}"
api_env+=("${extra_api_env[@]}")

log "migrating the database"
api_migrate "$WORK/migrate.log" "${api_env[@]}" || die "migrate failed"

# --- data: users (one bcrypt hash for all) and events ---
# pgbench's runs take up to 400,000 users; without them, the HTTP steps need USERS, the on-sale its buyers and watchers.
PG_USERS=$((USERS > MIX_BUYERS + MIX_WATCHERS ? USERS : MIX_BUYERS + MIX_WATCHERS))
for need in 40000 "$WATCHERS"; do ((PG_USERS >= need)) || PG_USERS=$need; done # the warm-up's 40,000 buyers; the watchers
((${#PG_CLIENTS[@]} == 0 || PG_USERS >= 400000)) || PG_USERS=400000
log "creating $PG_USERS users and the benchmark events"
HASH=$(load_client hash benchmark-password)
[[ $HASH == '$2b$12$'* ]] || die "unexpected bcrypt hash '$HASH'"
sql -v hash="$HASH" -v n="$PG_USERS" >/dev/null <<'SQL'
INSERT INTO users (email, name, password_hash, role)
SELECT 'bench' || g || '@bench.example', 'Bench ' || g, :'hash', 'user'
FROM generate_series(1, :n) g;
CREATE SEQUENCE bench_user_seq;
GRANT ALL ON SEQUENCE bench_user_seq TO eventbooking;
SQL
read -r FIRST_USER LAST_USER < <(sql -F ' ' -c "SELECT min(id), max(id) FROM users WHERE email LIKE 'bench%@bench.example'")
((LAST_USER - FIRST_USER + 1 == PG_USERS)) || die "bench users are not contiguous ($FIRST_USER..$LAST_USER)"
# Should a fast pgbench run use up the users, the sequence starts over: repeated users are then refused
# (counted as failed or as not booked), never booked twice, and bookings/s counts only what was booked.
sql -c "ALTER SEQUENCE bench_user_seq MINVALUE $FIRST_USER MAXVALUE $LAST_USER CYCLE" >/dev/null

# new_events COUNT CAPACITY LABEL: prints "FIRST LAST" event ids.
new_events() {
  sql -F ' ' -v n="$1" -v cap="$2" -v label="$3" <<'SQL'
WITH e AS (
  INSERT INTO events (name, description, event_date, seat_capacity, available_seats)
  SELECT 'bench ' || :'label' || ' ' || g, 'benchmark event', timezone('utc', now()) + interval '30 days' + g * interval '1 minute', :cap, :cap
  FROM generate_series(1, :n) g
  RETURNING id)
SELECT min(id), max(id) FROM e;
SQL
}

# --- a quiet machine: wait for other builds and test runs to finish ---
# (Idle MSBuild worker nodes and the compiler server stay around after a build; they do not count.)
busy() { pgrep -f 'dotnet(\.dll)? (build|test|publish|run|format)( |$)|testhost|vstest\.console' >/dev/null 2>&1; }
waited=0
while busy && ((waited < QUIET_WAIT)); do
  ((waited == 0)) && log "another dotnet build/test is running; waiting up to ${QUIET_WAIT}s for a quiet machine"
  sleep 5
  waited=$((waited + 5))
done
quiet=true
busy && quiet=false && log "WARNING: other dotnet builds/tests still running; numbers will be noisy"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# --- 1. database ceiling: pgbench ---
# The reference: the schema's create_booking (since ADR 0014 a wrapper of create_bookings for one buyer, with
# the NOTIFY), one booking per transaction, one row lock per booking. Then the batched design:
# create_bookings books PG_BATCH distinct users per transaction under one row lock and one commit.
cat >"$WORK/create_booking.sql" <<'SQL'
SELECT create_booking(u, :event, 'BK-B-' || :event || '-' || u) FROM (SELECT nextval('bench_user_seq')::int AS u) s;
SQL
cat >"$WORK/create_bookings.sql" <<'SQL'
SELECT count(*) FILTER (WHERE r.outcome = 'created')
FROM (SELECT array_agg(u) AS us, array_agg('BK-B-' || :event || '-' || u) AS ids
      FROM (SELECT nextval('bench_user_seq')::int AS u FROM generate_series(1, :batch)) s) a,
     create_bookings(:event, a.us, a.ids) r;
SQL
declare -A PG_TPS PG_TX PG_FAILED PG_BOOKED
pgbench_run() { # FUNCTION CLIENTS
  local fn=$1 c=$2 key="$1-$2" ev rc=0
  read -r ev _ < <(new_events 1 1000000 "pgbench-$key")
  sql -c "SELECT setval('bench_user_seq', $FIRST_USER, false)" >/dev/null
  log "pgbench: $fn on one hot event, $c clients, ${PG_SECONDS}s"
  PGPASSWORD=$PGPASSWORD_APP "$PGBENCH" -h 127.0.0.1 -p "$PG_PORT" -U eventbooking -n -T "$PG_SECONDS" -c "$c" -j 2 \
    -f "$WORK/$fn.sql" -D event="$ev" -D batch="$PG_BATCH" eventbooking >"$WORK/pgbench-$key.log" 2>&1 || rc=$?
  PG_TPS[$key]=$(sed -n 's/^tps = \([0-9.]*\) (without initial connection time).*/\1/p' "$WORK/pgbench-$key.log")
  PG_TX[$key]=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$WORK/pgbench-$key.log")
  PG_FAILED[$key]=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$WORK/pgbench-$key.log")
  if ((rc != 0)) || [[ -z ${PG_TPS[$key]} ]]; then
    tail -n 20 "$WORK/pgbench-$key.log" >&2
    die "pgbench ($fn, $c clients) failed"
  fi
  PG_BOOKED[$key]=$(sql -c "SELECT count(*) FROM bookings WHERE event_id = $ev AND status = 'confirmed'")
  log "  ${PG_TPS[$key]} transactions/s (${PG_TX[$key]} transactions, ${PG_BOOKED[$key]} bookings)"
}
for c in "${PG_CLIENTS[@]}"; do pgbench_run create_booking "$c"; done
for c in "${PG_CLIENTS[@]}"; do pgbench_run create_bookings "$c"; done
((${#PG_CLIENTS[@]} > 0)) || log "pgbench: skipped (BENCH_STEPS)"

# The pgbench runs leave a million rows behind: vacuum and checkpoint now, so that neither autovacuum nor a
# checkpoint lands in the middle of the HTTP runs.
log "vacuum and checkpoint after pgbench"
sql -c "VACUUM ANALYZE" >/dev/null
sql -c "CHECKPOINT" >/dev/null

# --- the API: started directly (not via dotnet run) so its pid is the process to watch ---
API_PORT=$(pg_free_port 28000 31999) # below the ephemeral range (32768+)
BASE_URL="http://127.0.0.1:$API_PORT"
rss_hwm() { awk '/^VmHWM:/ {print int($2 / 1024)}' "/proc/$API_PID/status"; }

# Warm-up (JIT, connection pools), not measured: 40,000 bookings on their own event, then reads. The JIT
# keeps recompiling hot paths (tiered compilation, dynamic PGO) for tens of thousands of requests: with
# 2,000 warm-up bookings the first measured run was up to 1.5x slower, and perf still showed a quarter
# of the API's CPU in the JIT after 20,000; after 40,000 it was gone.
warm_up() { # LABEL [URL]
  local ev url=${2:-$BASE_URL}
  read -r ev _ < <(new_events 1 40000 "warmup-$1")
  load_client book --url "$url" --key "$JWT_KEY" --users "$FIRST_USER-$((FIRST_USER + 39999))" --event "$ev" \
    --concurrency 64 --max-seconds 90 >"$WORK/warmup-$1.json"
  load_client get --url "$url" --path "/api/events?upcoming=true" --concurrency 64 --seconds 3 >/dev/null
  load_client get --url "$url" --path "/api/events/$ev" --concurrency 64 --seconds 2 >/dev/null
}

HTTP_LAST_USER=$((FIRST_USER + USERS - 1))
invariants() { # FIRST_EVENT LAST_EVENT -> JSON
  sql -v a="$1" -v b="$2" <<'SQL'
SELECT json_build_object(
  'seat_violations', (SELECT count(*) FROM events e WHERE e.id BETWEEN :a AND :b AND (e.available_seats < 0
      OR e.available_seats + (SELECT count(*) FROM bookings x WHERE x.event_id = e.id AND x.status = 'confirmed') <> e.seat_capacity)),
  'duplicate_confirmed', (SELECT count(*) FROM (SELECT 1 FROM bookings WHERE event_id BETWEEN :a AND :b AND status = 'confirmed'
      GROUP BY user_id, event_id HAVING count(*) > 1) d),
  'confirmed', (SELECT count(*) FROM bookings WHERE event_id BETWEEN :a AND :b AND status = 'confirmed'),
  'bookings', (SELECT count(*) FROM bookings WHERE event_id BETWEEN :a AND :b),
  'created_logs', (SELECT count(*) FROM booking_logs WHERE event_id BETWEEN :a AND :b AND action = 'created'),
  'available_seats', (SELECT sum(available_seats) FROM events WHERE id BETWEEN :a AND :b),
  'capacity', (SELECT sum(seat_capacity) FROM events WHERE id BETWEEN :a AND :b));
SQL
}

# --- 2 and 3. bookings through HTTP: hot event, then spread over many events ---
run_http() { # KIND CONNS [EVENT]: a hot event of USERS seats (KIND hot*) or SPREAD_EVENTS events; EVENT: sell that one
  local kind=$1 c=$2 first last count cap
  if [[ $kind == hot* ]]; then
    count=1
    cap=$USERS
  else
    count=$SPREAD_EVENTS
    cap=$(((USERS + SPREAD_EVENTS - 1) / SPREAD_EVENTS))
  fi
  if [[ -n ${3:-} ]]; then
    first=$3 last=$3
  else
    read -r first last < <(new_events "$count" "$cap" "$kind-$c")
  fi
  log "HTTP $kind: $USERS users, $count event(s) of $cap seats, $c connections"
  load_client book --url "$BASE_URL" --key "$JWT_KEY" --users "$FIRST_USER-$HTTP_LAST_USER" --events "$first-$last" \
    --concurrency "$c" --max-seconds "$MAX_SECONDS" | jq -c --arg mode "$kind" '. + {mode: $mode}' >"$WORK/http-$kind-$c.json"
  invariants "$first" "$last" >"$WORK/inv-$kind-$c.json"
  jq -c '{bookings_per_s, p50_ms, p99_ms, status_201, status_409, other_status_count, errors}' "$WORK/http-$kind-$c.json" >&2
  jq -c . "$WORK/inv-$kind-$c.json" >&2
}

# start_watchers NAME URLS USERS EVENT: the load client's watchers in the background (WATCHERS_PID), their report in
# NAME.json; returns once every socket is subscribed (NAME.ready). Touch NAME.stop to end them 5 s later.
# The watchers stand for thousands of browsers, not for this API: their process runs socket completions inline, so it
# takes as little of the machine's CPU from the API as it can.
start_watchers() {
  local name=$1 urls=$2 users=$3 ev=$4 waited=0
  rm -f "$WORK/$name.ready" "$WORK/$name.stop"
  DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 load_client watchers --url "$urls" --key "$JWT_KEY" --users "$users" \
    --event "$ev" --seconds $((MAX_SECONDS + 180)) --ready-file "$WORK/$name.ready" --stop-file "$WORK/$name.stop" \
    >"$WORK/$name.json" &
  WATCHERS_PID=$!
  BG_PIDS+=("$WATCHERS_PID")
  until [[ -f $WORK/$name.ready ]]; do
    kill -0 "$WATCHERS_PID" 2>/dev/null || die "the $name client ended before it was ready"
    ((waited++ < 1200)) || die "the $name did not connect within 120 s"
    sleep 0.1
  done
  log "  $name ready after $((waited / 10)) s; API RSS $(awk '/^VmRSS:/ {print int($2 / 1024)}' "/proc/$API_PID/status") MB"
}

# watched_sell_out N: N WebSocket watchers (one user each) of a new hot event, connected before its sale starts; then
# it sells out at 64 connections. The watchers' report (lag from each message's changedAt, when each saw 0) is
# watchers.json; the API's RSS is sampled meanwhile. Its reference is the same sell-out without watchers right before
# the watchers connect (hot-unwatched): the same instance and database, instead of the "hot 64" run minutes earlier.
watched_sell_out() {
  local n=$1 ev rss_pid watchers_pid
  run_http hot-unwatched 64
  read -r ev _ < <(new_events 1 "$USERS" "watched")
  log "watchers: $n WebSocket watchers of event $ev, then its sell-out at 64 connections"
  start_watchers watchers "$BASE_URL" "$FIRST_USER-$((FIRST_USER + n - 1))" "$ev"
  watchers_pid=$WATCHERS_PID
  (while kill -0 "$API_PID" 2>/dev/null; do awk '/^VmRSS:/ {print int($2 / 1024)}' "/proc/$API_PID/status"; sleep 0.2; done) >"$WORK/watchers-rss.txt" &
  rss_pid=$!
  BG_PIDS+=("$rss_pid")
  run_http hot-watched 64 "$ev"
  touch "$WORK/watchers.stop" # a sale that did not sell out: the watchers end 5 s from now
  wait "$watchers_pid" || die "the watchers client failed"
  kill "$rss_pid" 2>/dev/null || true
  wait "$rss_pid" 2>/dev/null || true
  jq -c --argjson rss "$(sort -n "$WORK/watchers-rss.txt" | tail -n 1)" '. + {api_rss_max_mb: $rss}' "$WORK/watchers.json" >"$WORK/watchers-final.json"
  jq -c 'del(.connect_error_samples, .drop_samples)' "$WORK/watchers-final.json" >&2
}

# The reference path first: the same API with batching off (every buyer books alone, create_bookings of one,
# at most 8 of one event at once, every booking its own transaction: the configuration before ADR 0012 and 0021),
# for the hot event and the spread load. It is stopped before the real run.
if ((${#REF_CONNS[@]} > 0)); then
  log "starting the reference API (Bookings__MaxBatchSize=1, Bookings__MaxConcurrentPerEvent=8, Bookings__MaxEventsPerCall=1) on $BASE_URL"
  api_start "$WORK/api-reference.log" "$BASE_URL" "${api_env[@]}" Bookings__MaxBatchSize=1 Bookings__MaxConcurrentPerEvent=8 \
    Bookings__MaxEventsPerCall=1 || die "the reference API did not start"
  warm_up reference
  if step hot; then for c in "${REF_CONNS[@]}"; do run_http hot-reference "$c"; done; fi
  if step spread; then for c in "${REF_CONNS[@]}"; do run_http spread-reference "$c"; done; fi
  api_stop "$API_PID"
  API_PID=
fi

log "starting the API on $BASE_URL"
api_start "$WORK/api.log" "$BASE_URL" "${api_env[@]}" || die "the API did not start"
warm_up main
RSS_AFTER_WARMUP=$(rss_hwm)
if step hot; then for c in "${HTTP_CONNS[@]}"; do run_http hot "$c"; done; fi
if step spread; then for c in "${HTTP_CONNS[@]}"; do run_http spread "$c"; done; fi

# --- 4. reads ---
for f in read-list read-one read-mixed; do echo null >"$WORK/$f.json"; done
if step reads; then
  read -r read_ev _ < <(sql -F ' ' -c "SELECT min(id), 0 FROM events WHERE name LIKE 'bench hot-%'")
  log "reads: GET /api/events?upcoming=true, $READ_CONNS connections, ${READ_SECONDS}s"
  load_client get --url "$BASE_URL" --path "/api/events?upcoming=true" --concurrency "$READ_CONNS" --seconds "$READ_SECONDS" >"$WORK/read-list.json"
  log "reads: GET /api/events/$read_ev, $READ_CONNS connections, ${READ_SECONDS}s"
  load_client get --url "$BASE_URL" --path "/api/events/$read_ev" --concurrency "$READ_CONNS" --seconds "$READ_SECONDS" >"$WORK/read-one.json"
  # The same list read while a hot event sells out at 64 connections (every booking is a seat change).
  read -r mixed_ev _ < <(new_events 1 "$USERS" "during-sell-out")
  log "reads during a sell-out: GET /api/events?upcoming=true, $READ_CONNS connections, ${READ_SECONDS}s, with bookings at 64 connections"
  load_client book --url "$BASE_URL" --key "$JWT_KEY" --users "$FIRST_USER-$HTTP_LAST_USER" --event "$mixed_ev" \
    --concurrency 64 --max-seconds "$READ_SECONDS" >"$WORK/mixed-book.json" &
  mixed_pid=$!
  BG_PIDS+=("$mixed_pid")
  load_client get --url "$BASE_URL" --path "/api/events?upcoming=true" --concurrency "$READ_CONNS" --seconds "$READ_SECONDS" \
    >"$WORK/read-mixed-get.json"
  wait "$mixed_pid" || die "the booking run beside the mixed reads failed"
  jq -c --slurpfile b "$WORK/mixed-book.json" '. + {during: "hot sell-out", bookings_per_s_meanwhile: $b[0].bookings_per_s}' \
    "$WORK/read-mixed-get.json" >"$WORK/read-mixed.json"
  jq -c '{requests_per_s, p99_ms, during, bookings_per_s_meanwhile}' "$WORK/read-mixed.json" >&2 || die "the mixed read run failed"
fi

# --- 5. memory ---
RSS_PEAK=$(rss_hwm)
RSS_NOW=$(awk '/^VmRSS:/ {print int($2 / 1024)}' "/proc/$API_PID/status")

# --- 6. live watchers: measured after the memory figures above, which are the booking and read workload's ---
echo null >"$WORK/watchers-final.json"
if ((WATCHERS > 0)); then watched_sell_out "$WATCHERS"; fi
invariants 0 2147483647 >"$WORK/inv-all.json"

# --- 7. the on-sale (issue 18): MIX_BUYERS buyers arriving evenly over MIX_SECONDS for one event of MIX_SEATS seats,
# spread over two instances (buyer i to instance i mod 2, as a round-robin balancer would), with anonymous list reads
# (16 connections per instance) and MIX_WATCHERS watchers (half on each) beside them. Both instances are warm.
# Reported: sell-out time, bookings/s, p50/p99 of each kind of request, status counts, fairness and the invariants.
echo null >"$WORK/mixed-final.json"
if step mixed; then
  API_PORT_B=$(pg_free_port 28000 31999)
  URL_B="http://127.0.0.1:$API_PORT_B"
  main_pid=$API_PID
  log "on-sale: starting a second API instance on $URL_B"
  api_start "$WORK/api-b.log" "$URL_B" "${api_env[@]}" || die "the second API did not start"
  API_PID_B=$API_PID
  API_PID=$main_pid
  warm_up second "$URL_B"
  read -r mix_ev _ < <(new_events 1 "$MIX_SEATS" "on-sale")
  mix_last=$((FIRST_USER + MIX_BUYERS - 1))
  log "on-sale: $MIX_WATCHERS watchers of event $mix_ev on both instances"
  start_watchers mix-watchers "$BASE_URL,$URL_B" "$((LAST_USER - MIX_WATCHERS + 1))-$LAST_USER" "$mix_ev"
  mix_watchers_pid=$WATCHERS_PID
  log "on-sale: $MIX_BUYERS buyers over ${MIX_SECONDS}s for $MIX_SEATS seats on two instances, list reads beside them"
  load_client get --url "$BASE_URL" --path "/api/events?upcoming=true" --concurrency 16 --seconds $((MIX_SECONDS + 2)) >"$WORK/mix-reads-a.json" &
  reads_a=$!
  BG_PIDS+=("$reads_a")
  load_client get --url "$URL_B" --path "/api/events?upcoming=true" --concurrency 16 --seconds $((MIX_SECONDS + 2)) >"$WORK/mix-reads-b.json" &
  reads_b=$!
  BG_PIDS+=("$reads_b")
  load_client book --url "$BASE_URL,$URL_B" --key "$JWT_KEY" --users "$FIRST_USER-$mix_last" --event "$mix_ev" \
    --concurrency 1024 --rate $((MIX_BUYERS / MIX_SECONDS)) --max-seconds "$MAX_SECONDS" --outcomes "$WORK/mix-outcomes.csv" \
    >"$WORK/mix-book.json"
  touch "$WORK/mix-watchers.stop"
  wait "$reads_a" "$reads_b" || die "the on-sale reads failed"
  wait "$mix_watchers_pid" || die "the on-sale watchers failed"
  sql -F ',' -c "SELECT user_id, id FROM bookings WHERE event_id = $mix_ev AND status = 'confirmed' ORDER BY id" >"$WORK/mix-confirmed.csv"
  invariants "$mix_ev" "$mix_ev" >"$WORK/mix-inv.json"
  python3 - "$WORK" "$FIRST_USER" <<'PY_MIX' >"$WORK/mixed-final.json"
import csv, json, sys

work, first_user = sys.argv[1], int(sys.argv[2])
book = json.load(open(f"{work}/mix-book.json"))
rows = [r for r in csv.reader(open(f"{work}/mix-outcomes.csv"))]
outcomes = [{"user": int(r[0]), "instance": int(r[1]), "status": int(r[2]), "finished": int(r[4]), "latency": float(r[5])} for r in rows]
confirmed_rank = {int(u): i for i, (u, _) in enumerate(csv.reader(open(f"{work}/mix-confirmed.csv")))}

def pct(values, p):
    values = sorted(values)
    if not values:
        return 0
    k = max(0, min(len(values) - 1, -(-len(values) * p // 100) - 1))
    return round(values[int(k)], 2)

def inversions(seq):
    """Pairs out of order (merge sort)."""
    if len(seq) < 2:
        return seq, 0
    mid = len(seq) // 2
    left, a = inversions(seq[:mid])
    right, b = inversions(seq[mid:])
    merged, i, j, inv = [], 0, 0, a + b
    while i < len(left) and j < len(right):
        if left[i] <= right[j]:
            merged.append(left[i]); i += 1
        else:
            merged.append(right[j]); j += 1; inv += len(left) - i
    merged += left[i:] + right[j:]
    return merged, inv

statuses = {}
for o in outcomes:
    statuses[str(o["status"])] = statuses.get(str(o["status"]), 0) + 1
created = [o for o in outcomes if o["status"] == 201]
sold_out_ms = max(o["finished"] for o in created) - book["first_sent_unix_ms"] if created else None
fairness = {}
for inst in sorted({o["instance"] for o in outcomes}):
    mine = sorted((o for o in outcomes if o["instance"] == inst), key=lambda o: o["user"])  # arrival order
    won = [o for o in mine if o["status"] == 201 and o["user"] in confirmed_rank]
    by_confirmation = sorted(won, key=lambda o: confirmed_rank[o["user"]])
    arrival_rank = {o["user"]: i for i, o in enumerate(won)}
    displacement = [abs(arrival_rank[o["user"]] - i) for i, o in enumerate(by_confirmation)]
    _, inv = inversions([arrival_rank[o["user"]] for o in by_confirmation])
    n = len(won)
    last_winner = max((o["user"] for o in won), default=first_user - 1)
    fairness[f"instance_{inst}"] = {
        "buyers": len(mine), "confirmed": n,
        "mean_displacement": round(sum(displacement) / n, 2) if n else 0,
        "p99_displacement": pct(displacement, 99), "max_displacement": max(displacement, default=0),
        "pairs_out_of_order_pct": round(100 * inv / (n * (n - 1) / 2), 3) if n > 1 else 0,
        "refused_before_last_winner": sum(1 for o in mine if o["status"] == 409 and o["user"] < last_winner),
    }
reads = [json.load(open(f"{work}/mix-reads-{x}.json")) for x in ("a", "b")]
watchers = json.load(open(f"{work}/mix-watchers.json"))
print(json.dumps({
    "buyers": len(outcomes),
    "arrival_seconds": round((max(o["finished"] - o["latency"] for o in outcomes) - min(o["finished"] - o["latency"] for o in outcomes)) / 1000, 2),
    "statuses": statuses, "errors": book["errors"], "error_samples": book["error_samples"],
    "sold_out_ms": sold_out_ms,
    "bookings_per_s_to_sell_out": round(len(created) / (sold_out_ms / 1000), 1) if sold_out_ms else None,
    "booking_201_p50_ms": pct([o["latency"] for o in created], 50), "booking_201_p99_ms": pct([o["latency"] for o in created], 99),
    "booking_409_p50_ms": pct([o["latency"] for o in outcomes if o["status"] == 409], 50),
    "booking_409_p99_ms": pct([o["latency"] for o in outcomes if o["status"] == 409], 99),
    "booking_all_p50_ms": book["p50_ms"], "booking_all_p99_ms": book["p99_ms"], "booking_run_s": book["duration_s"],
    "reads": [{k: r[k] for k in ("requests_per_s", "p50_ms", "p99_ms", "status_200", "other_status_count", "errors")} for r in reads],
    "watchers": {k: watchers[k] for k in ("watchers", "connected", "dropped", "messages", "lag_p50_ms", "lag_p99_ms", "reached_final", "missing_final")},
    "fairness": fairness,
    "invariants": json.load(open(f"{work}/mix-inv.json")),
}))
PY_MIX
  jq -c '{sold_out_ms, bookings_per_s_to_sell_out, statuses, booking_201_p99_ms, fairness}' "$WORK/mixed-final.json" >&2
  api_stop "$API_PID_B"
  API_PID_B=
fi

# --- 8. cold start: a new instance, ready (/health/ready 200) and given no warm-up traffic, sells a hot event at
# 64 connections; its figure stands against the warm instance's "hot 64" of this same run. "Ready" includes the
# instance's own start-up warm-up (docs/adr/0024), whose log line is kept in the results ---
COLD_READY_MS=null
COLD_WARM_UP=
if ((COLD)); then
  api_stop "$API_PID"
  API_PID=
  log "cold start: a new API instance on $BASE_URL, no warm-up traffic"
  cold_started=$(date +%s%N)
  API_START_PATH=/ api_start "$WORK/api-cold.log" "$BASE_URL" "${api_env[@]}" || die "the cold API did not start"
  until curl -fsS -o /dev/null --max-time 2 "$BASE_URL/health/ready" 2>/dev/null; do sleep 0.05; done
  COLD_READY_MS=$((($(date +%s%N) - cold_started) / 1000000))
  COLD_WARM_UP=$(awk '/StartupWarmUp\[/ { getline; sub(/^ +/, ""); print }' "$WORK/api-cold.log" | paste -sd ' ' -)
  log "  ready after $COLD_READY_MS ms; ${COLD_WARM_UP:-no warm-up line in the log}"
  run_http hot-cold 64
fi
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# --- the table ---
pg_json=$(for fn in create_booking create_bookings; do
  for c in "${PG_CLIENTS[@]}"; do
    k="$fn-$c"
    jq -n --arg fn "$fn" --argjson c "$c" --argjson tps "${PG_TPS[$k]}" --argjson tx "${PG_TX[$k]:-0}" \
      --argjson failed "${PG_FAILED[$k]:-0}" --argjson booked "${PG_BOOKED[$k]:-0}" \
      --argjson batch "$([[ $fn == create_bookings ]] && echo "$PG_BATCH" || echo 1)" \
      '{function: $fn, clients: $c, batch: $batch, tps: $tps, transactions: $tx, failed: $failed, booked: $booked,
        bookings_per_s: (if $tx > 0 then $tps * $booked / $tx else 0 end)}'
  done
done | jq -s .)
http_json=$(for f in "$WORK"/http-*.json; do
  n=$(basename "$f" .json)
  jq -c --slurpfile inv "$WORK/inv-${n#http-}.json" '. + {invariants: $inv[0]}' "$f"
done | jq -s .)
meta_json=$(jq -n \
  --arg started "$started_at" --arg cpu "$(awk -F': *' '/^model name/ {print $2; exit}' /proc/cpuinfo)" \
  --arg cores "$(nproc)" --arg kernel "$(uname -r)" --arg dotnet "$(dotnet --version)" \
  --arg commit "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet -- src 2>/dev/null || echo '+src-changes')" \
  --arg pg "$pg_settings" --arg load_before "$load_before" --arg load_after "$load_after" --argjson quiet "$quiet" \
  --argjson users "$USERS" --argjson spread "$SPREAD_EVENTS" --argjson pgsec "$PG_SECONDS" --argjson readsec "$READ_SECONDS" \
  '{started: $started, cpu: $cpu, cores: ($cores | tonumber), kernel: $kernel, dotnet_sdk: $dotnet, commit: $commit,
    postgres: ($pg | split("\n") | map(select(length > 0) | split("=") | {(.[0]): .[1]}) | add),
    load_before: $load_before, load_after: $load_after, quiet_machine: $quiet,
    users_per_http_run: $users, spread_events: $spread, pgbench_seconds: $pgsec, read_seconds: $readsec}')
jq -n --argjson meta "$meta_json" --argjson pgbench "$pg_json" --argjson http "$http_json" \
  --slurpfile list "$WORK/read-list.json" --slurpfile one "$WORK/read-one.json" --slurpfile mixed "$WORK/read-mixed.json" \
  --slurpfile all "$WORK/inv-all.json" --slurpfile watchers "$WORK/watchers-final.json" --slurpfile onsale "$WORK/mixed-final.json" \
  --argjson rss_peak "$RSS_PEAK" --argjson rss_now "$RSS_NOW" --argjson rss_warm "$RSS_AFTER_WARMUP" \
  --argjson cold_ready "$COLD_READY_MS" --arg cold_warm_up "$COLD_WARM_UP" \
  '{meta: $meta, pgbench: $pgbench, http_bookings: $http, reads: ([$list[0], $one[0], $mixed[0]] | map(select(. != null))),
    cold_start: {ready_ms: $cold_ready, warm_up_log: $cold_warm_up}, watchers: $watchers[0], on_sale: $onsale[0],
    memory: {api_peak_rss_mb: $rss_peak, api_rss_after_warmup_mb: $rss_warm, api_rss_end_mb: $rss_now},
    invariants_all_events: $all[0]}' >"$WORK/raw.json"

python3 - "$WORK/raw.json" "$RESULTS_DIR/bench-$stamp" <<'PY'
import json, sys

raw = json.load(open(sys.argv[1]))
out = sys.argv[2]
meta = raw["meta"]
pg = {p["clients"]: p for p in raw["pgbench"] if p["function"] == "create_booking"}
pgb = {p["clients"]: p for p in raw["pgbench"] if p["function"] == "create_bookings"}
http = {(h["mode"], h["concurrency"]): h for h in raw["http_bookings"]}
reads = raw["reads"]

def ratio(c):
    h, p = http.get(("hot", c)), pg.get(c)
    return round(h["bookings_per_s"] / p["tps"], 3) if h and p and p["tps"] else None

def inv_ok(h):
    i = h["invariants"]
    return (i["seat_violations"] == 0 and i["duplicate_confirmed"] == 0 and i["confirmed"] == h["status_201"]
            and i["created_logs"] == i["confirmed"] and i["available_seats"] + i["confirmed"] == i["capacity"])

rows = []
for c in sorted(pg):
    rows.append([f"pgbench create_booking (reference), 1 hot event, {c} clients", f"{pg[c]['bookings_per_s']:.0f}", "", "", "",
                 f"{pg[c]['transactions']} tx, {pg[c]['failed']} failed"])
for c in sorted(pgb):
    p = pgb[c]
    rows.append([f"pgbench create_bookings (batches of {p['batch']}), 1 hot event, {c} clients", f"{p['bookings_per_s']:.0f}", "", "",
                 f"{p['bookings_per_s'] / pg[c]['bookings_per_s']:.2f}x ref" if c in pg and pg[c]["bookings_per_s"] else "",
                 f"{p['transactions']} tx, {p['booked']} booked, {p['failed']} failed"])
labels = {"hot": "hot event", "hot-reference": "hot event, batching off (reference)",
          "hot-cold": "hot event, cold instance (no warm-up traffic)",
          "hot-watched": f"hot event, {raw['watchers']['watchers'] if raw.get('watchers') else 0} WebSocket watchers",
          "hot-unwatched": "hot event, right before the watchers connect (their reference)"}
for (mode, c), h in sorted(http.items()):
    label = labels.get(mode, f"{h['events']} events") if mode != "spread-reference" else f"{h['events']} events, batching off (reference)"
    r = (round(h["bookings_per_s"] / pg[c]["tps"], 3) if c in pg and pg[c]["tps"] else None) if mode.startswith("hot") else None
    note = (f"{h['status_201']} x201, {h['status_409']} x409, {h['other_status_count']} other, {h['errors']} errors; "
            f"invariants {'OK' if inv_ok(h) else 'BROKEN'}" + ("" if h["completed"] else "; STOPPED AT TIME CAP"))
    rows.append([f"HTTP POST /api/bookings, {label}, {c} conns", f"{h['bookings_per_s']:.0f}",
                 f"{h['p50_ms']:.1f}", f"{h['p99_ms']:.1f}", f"{r:.2f}" if r is not None else "", note])
for rd in reads:
    during = f", during a hot sell-out ({rd['bookings_per_s_meanwhile']:.0f} bookings/s meanwhile)" if rd.get("during") else ""
    rows.append([f"HTTP GET {rd['path']}, {rd['concurrency']} conns{during}", f"{rd['requests_per_s']:.0f}",
                 f"{rd['p50_ms']:.1f}", f"{rd['p99_ms']:.1f}", "",
                 f"{rd['status_200']} x200, {rd['other_status_count']} other, {rd['errors']} errors"])
mem = raw["memory"]
rows.append(["API peak RSS (VmHWM)", f"{mem['api_peak_rss_mb']} MB", "", "", "",
             f"{mem['api_rss_after_warmup_mb']} MB after warm-up, {mem['api_rss_end_mb']} MB at the end"])
header = ["measurement", "per second (bookings or requests)", "p50 ms", "p99 ms", "HTTP/pgbench", "notes"]

h64, p64, list_read = http.get(("hot", 64)), pg.get(64), next((r for r in reads if "upcoming" in r["path"]), None)
targets = []
def target(name, ok, measured):
    targets.append({"target": name, "result": "PASS" if ok else "FAIL", "measured": measured})
if h64 and p64:
    target("hot event, 64 conns: HTTP bookings/s >= 60% of pgbench ceiling", ratio(64) >= 0.60, f"{ratio(64):.2f}")
    target("hot event, 64 conns: p99 < 100 ms", h64["p99_ms"] < 100, f"{h64['p99_ms']:.1f} ms")
    target("hot event, 64 conns: no errors besides 409", h64["errors"] + h64["other_status_count"] == 0,
           f"{h64['errors']} errors, {h64['other_status_count']} other statuses")
for c in (64, 256):
    ref = pg.get(c)
    if not ref or not ref["bookings_per_s"]:
        continue
    if c in pgb:
        b = pgb[c]["bookings_per_s"]
        target(f"hot event, {c} buyers, database: create_bookings >= 3x the single-row-lock create_booking (pgbench, same run)",
               b >= 3 * ref["bookings_per_s"], f"{b / ref['bookings_per_s']:.2f}x ({b:.0f} vs {ref['bookings_per_s']:.0f}/s)")
    h = http.get(("hot", c))
    if h:
        target(f"hot event, {c} buyers, through HTTP: >= 3x the single-row-lock create_booking (pgbench, same run)",
               h["bookings_per_s"] >= 3 * ref["bookings_per_s"],
               f"{h['bookings_per_s'] / ref['bookings_per_s']:.2f}x ({h['bookings_per_s']:.0f} vs {ref['bookings_per_s']:.0f}/s)")
cold = http.get(("hot-cold", 64))
if cold and h64:
    share = cold["bookings_per_s"] / h64["bookings_per_s"]
    raw["cold_start"].update({"bookings_per_s": cold["bookings_per_s"], "warm_bookings_per_s": h64["bookings_per_s"],
                              "share_of_warm": round(share, 3), "p99_ms": cold["p99_ms"], "warm_p99_ms": h64["p99_ms"]})
    target("cold start: a new instance sells its first seats at 64 conns at >= 80% of the warm figure (same run)",
           share >= 0.80 and inv_ok(cold),
           f"{share:.2f} ({cold['bookings_per_s']:.0f} vs {h64['bookings_per_s']:.0f}/s warm; p99 {cold['p99_ms']:.1f} vs "
           f"{h64['p99_ms']:.1f} ms; ready after {raw['cold_start']['ready_ms']} ms)")
watched, w, unwatched = http.get(("hot-watched", 64)), raw.get("watchers"), http.get(("hot-unwatched", 64))
if watched and w and unwatched:
    share = watched["bookings_per_s"] / unwatched["bookings_per_s"]
    late_ms = w["final_last_unix_ms"] - watched["last_answer_unix_ms"] if w["reached_final"] else None
    w.update({"bookings_per_s": watched["bookings_per_s"], "bookings_per_s_without": unwatched["bookings_per_s"],
              "share_of_without": round(share, 3), "final_after_last_answer_ms": late_ms,
              "share_of_hot_64": round(watched["bookings_per_s"] / h64["bookings_per_s"], 3) if h64 else None})
    rows.append([f"WebSocket watchers of the hot event: {w['connected']} of {w['watchers']} connected in {w['connect_seconds']} s",
                 f"{w['messages']} messages", f"{w['lag_p50_ms']:.1f}", f"{w['lag_p99_ms']:.1f}", "",
                 f"lag = receipt - changedAt (commit); {w['messages_per_watcher']} messages per watcher; {w['reached_final']} saw 0, "
                 f"the last {late_ms} ms after the last booking answer; {w['dropped']} dropped; API RSS max {w['api_rss_max_mb']} MB"])
    target(f"watchers: {w['watchers']} sockets on the hot event, bookings/s at 64 conns within 20% of the same run without",
           share >= 0.80 and w["connected"] == w["watchers"] and inv_ok(watched),
           f"{share:.2f} ({watched['bookings_per_s']:.0f} vs {unwatched['bookings_per_s']:.0f}/s right before without them; "
           f"{w['share_of_hot_64'] if w['share_of_hot_64'] is not None else 'n/a'} of the earlier hot 64); {w['connected']} connected")
    target("watchers: every watcher receives availableSeats 0 within 1 s of the last booking's answer",
           w["missing_final"] == 0 and w["connected"] == w["watchers"] and late_ms is not None and late_ms <= 1000,
           f"{w['reached_final']} of {w['watchers']}, the last {late_ms} ms after the last answer")
    target("watchers: p99 notification lag (commit to receipt) < 250 ms", w["lag_samples"] > 0 and w["lag_p99_ms"] < 250,
           f"p99 {w['lag_p99_ms']:.1f} ms, p50 {w['lag_p50_ms']:.1f} ms over {w['lag_samples']} messages")
    target("watchers: API RSS < 1 GB", w["api_rss_max_mb"] < 1024, f"{w['api_rss_max_mb']} MB")
for c in (64, 256):
    sp, ref = http.get(("spread", c)), http.get(("spread-reference", c))
    if not sp:
        continue
    beside = (f"; batching off, same run: {ref['bookings_per_s']:.0f}/s, p99 {ref['p99_ms']:.1f} ms"
              f"{'' if inv_ok(ref) else ', invariants BROKEN'}" if ref else "")
    if c == 64:
        target(f"spread over {sp['events']} events, 64 conns: >= 4,000 bookings/s, p99 < 100 ms, invariants hold",
               sp["bookings_per_s"] >= 4000 and sp["p99_ms"] < 100 and inv_ok(sp),
               f"{sp['bookings_per_s']:.0f}/s, p99 {sp['p99_ms']:.1f} ms{beside}")
    else:
        target(f"spread over {sp['events']} events, {c} conns: >= 4,000 bookings/s, invariants hold",
               sp["bookings_per_s"] >= 4000 and inv_ok(sp), f"{sp['bookings_per_s']:.0f}/s, p99 {sp['p99_ms']:.1f} ms{beside}")
sale = raw.get("on_sale")
if sale:
    st, inv = sale["statuses"], sale["invariants"]
    rows.append([f"on-sale, 2 instances: {sale['buyers']} buyers over {sale['arrival_seconds']} s for {inv['capacity']} seats, "
                 f"{sale['watchers']['connected']} watchers, list reads beside",
                 f"{sale['bookings_per_s_to_sell_out']}", f"{sale['booking_201_p50_ms']:.1f}", f"{sale['booking_201_p99_ms']:.1f}", "",
                 f"sold out {sale['sold_out_ms']} ms after the first request; statuses {json.dumps(st)}; {sale['errors']} errors; "
                 f"409 p50/p99 {sale['booking_409_p50_ms']}/{sale['booking_409_p99_ms']} ms; all p50/p99 {sale['booking_all_p50_ms']}/{sale['booking_all_p99_ms']} ms"])
    for i, rd in enumerate(sale["reads"]):
        rows.append([f"on-sale: GET /api/events?upcoming=true on instance {i}, 16 conns", f"{rd['requests_per_s']:.0f}",
                     f"{rd['p50_ms']:.1f}", f"{rd['p99_ms']:.1f}", "", f"{rd['status_200']} x200, {rd['other_status_count']} other, {rd['errors']} errors"])
    w2 = sale["watchers"]
    rows.append([f"on-sale: {w2['connected']} of {w2['watchers']} watchers (both instances)", f"{w2['messages']} messages",
                 f"{w2['lag_p50_ms']:.1f}", f"{w2['lag_p99_ms']:.1f}", "", f"{w2['reached_final']} saw 0; {w2['dropped']} dropped"])
    for name, f in sale["fairness"].items():
        rows.append([f"on-sale fairness, {name.replace('_', ' ')}", "", "", "", "",
                     f"{f['confirmed']} of {f['buyers']} confirmed; confirmation order vs arrival: mean displacement {f['mean_displacement']}, "
                     f"p99 {f['p99_displacement']}, max {f['max_displacement']} places; {f['pairs_out_of_order_pct']}% of pairs out of order; "
                     f"{f['refused_before_last_winner']} refused buyers arrived before the last confirmed one"])
    sale_ok = (inv["seat_violations"] == 0 and inv["duplicate_confirmed"] == 0 and inv["confirmed"] == st.get("201", 0)
               and inv["created_logs"] == inv["confirmed"] and inv["confirmed"] == inv["capacity"] and inv["available_seats"] == 0)
    target("on-sale (2 instances): sold out exactly, every buyer answered, no oversell, one booking per buyer, audit rows = bookings",
           sale_ok and sale["errors"] == 0 and sum(st.values()) == sale["buyers"],
           f"{st.get('201', 0)} x201 for {inv['capacity']} seats, {inv['available_seats']} left, {sale['errors']} errors; sold out in {sale['sold_out_ms']} ms")
if list_read:
    target("reads: GET /api/events?upcoming=true >= 10,000 req/s at 64 conns", list_read["requests_per_s"] >= 10000,
           f"{list_read['requests_per_s']:.0f} req/s")
    target("reads: GET /api/events?upcoming=true p99 < 20 ms", list_read["p99_ms"] < 20, f"{list_read['p99_ms']:.1f} ms")
mixed_read = next((r for r in reads if r.get("during")), None)
if mixed_read:
    target("(ours) event list during a hot sell-out >= 10,000 req/s, p99 < 20 ms",
           mixed_read["requests_per_s"] >= 10000 and mixed_read["p99_ms"] < 20,
           f"{mixed_read['requests_per_s']:.0f} req/s, p99 {mixed_read['p99_ms']:.1f} ms, {mixed_read['bookings_per_s_meanwhile']:.0f} bookings/s meanwhile")
target("API peak RSS < 300 MB", mem["api_peak_rss_mb"] < 300, f"{mem['api_peak_rss_mb']} MB")
all_inv = raw["invariants_all_events"]
inv_all_ok = all_inv["seat_violations"] == 0 and all_inv["duplicate_confirmed"] == 0 and all_inv["created_logs"] == all_inv["bookings"]
target("invariants (all events): no oversell, one confirmed per user and event, audit rows = bookings",
       inv_all_ok and all(inv_ok(h) for h in http.values()), json.dumps(all_inv))

raw["ratios"] = {str(c): ratio(c) for c in sorted(pg) if ("hot", c) in http}
raw["gain_over_reference_api"] = {str(c): round(http[("hot", c)]["bookings_per_s"] / http[("hot-reference", c)]["bookings_per_s"], 3)
                                  for c in sorted(pg) if ("hot", c) in http and ("hot-reference", c) in http}
raw["targets"] = targets
raw["table"] = {"header": header, "rows": rows}

md = [f"# EventBooking benchmark, {meta['started']}", "",
      f"- CPU: {meta['cpu']}, {meta['cores']} cores (load tool, API and PostgreSQL share them); kernel {meta['kernel']}",
      f"- .NET SDK {meta['dotnet_sdk']}, commit {meta['commit']}, API in Release, ASPNETCORE_ENVIRONMENT=Production, rate limiting off",
      "- PostgreSQL: " + ", ".join(f"{k}={v}" for k, v in meta["postgres"].items()),
      f"- {meta['users_per_http_run']} users per HTTP booking run; spread run over {meta['spread_events']} events; "
      f"pgbench {meta['pgbench_seconds']} s per run; reads {meta['read_seconds']} s per run",
      f"- load average before/after: {meta['load_before']} / {meta['load_after']}; quiet machine: {str(meta['quiet_machine']).lower()}", "",
      "| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
md += ["| " + " | ".join(r) + " |" for r in rows]
md += ["", "| target | result | measured |", "|---|---|---|"]
md += [f"| {t['target']} | {t['result']} | {t['measured']} |" for t in targets]
md_text = "\n".join(md) + "\n"
json.dump(raw, open(out + ".json", "w"), indent=2)
open(out + ".md", "w").write(md_text)
print(md_text)
PY
cp "$RESULTS_DIR/bench-$stamp.json" "$RESULTS_DIR/latest.json"
cp "$RESULTS_DIR/bench-$stamp.md" "$RESULTS_DIR/latest.md"
log "results: bench/results/bench-$stamp.{json,md} (also latest.{json,md})"
