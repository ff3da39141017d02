#!/usr/bin/env bash
#
# build/deploy-check.sh - proves deploy/ on this machine (docs/deployment.md).
#
# Debian's nginx on loopback runs deploy/nginx/eventbooking.conf (TLS with a certificate made here) in front of two
# API instances started from deploy/eventbooking.env.example, on one throwaway PostgreSQL. Then:
#   1. configuration: the nginx file passes `nginx -t`, the systemd units pass `systemd-analyze verify`, the settings
#      file starts both instances and migrates the database
#   2. routing: HTTP redirects to HTTPS, requests alternate between the instances, the API logs the client's address
#      as nginx saw it (and ignores one the client made up), /metrics is not reachable through nginx
#   3. WebSocket: a watcher connected through nginx gets the seat update of a booking made on the other instance
#   4. login limits: measured per instance and through nginx (docs/adr/0018)
#   5. one instance killed under load: every booking and read is answered, by the other; invariants hold; the killed
#      instance rejoins once restarted
# Prints PASS/FAIL per check and a summary, writes bench/results/deploy-check-<timestamp>.json (and
# deploy-check-latest.json); exits 1 if any check failed. Everything it starts is stopped on exit, by PID.
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO_ROOT"
# shellcheck source=build/lib/postgres.sh
source "$REPO_ROOT/build/lib/postgres.sh"
# shellcheck source=build/lib/api.sh
source "$REPO_ROOT/build/lib/api.sh"
# shellcheck source=build/lib/checks.sh
source "$REPO_ROOT/build/lib/checks.sh"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

usage() {
  cat <<'EOF'
Usage: build/deploy-check.sh [--help]

Environment knobs (defaults in brackets):
  DEPLOY_BUYERS     buyers in the kill-under-load run, each books once [3000]
  DEPLOY_SEATS      seats of its event [1000]
  DEPLOY_RATE       buyers arriving per second [250]
  DEPLOY_KILL_AT    seats sold (read from the database) when instance A gets SIGKILL [200]
  DEPLOY_KEEP_WORK  set to keep the work directory (logs, nginx files, outcome files) for a look afterwards
EOF
}
case ${1:-} in
  "") ;;
  -h | --help)
    usage
    exit 0
    ;;
  *)
    usage >&2
    exit 2
    ;;
esac

BUYERS=${DEPLOY_BUYERS:-3000}
SEATS=${DEPLOY_SEATS:-1000}
RATE=${DEPLOY_RATE:-250}
KILL_AT=${DEPLOY_KILL_AT:-200}
for n in "$BUYERS" "$SEATS" "$RATE" "$KILL_AT"; do
  [[ $n =~ ^[0-9]+$ ]] && ((n > 0)) || die "bad number '$n' in a DEPLOY_* setting"
done
((KILL_AT < SEATS && SEATS <= BUYERS)) || die "need DEPLOY_KILL_AT < DEPLOY_SEATS <= DEPLOY_BUYERS"

command -v dotnet >/dev/null 2>&1 || die "the .NET SDK (dotnet) is not on PATH"
command -v curl >/dev/null 2>&1 || die "curl is needed"
ensure_jq || die "jq is needed and could not be installed"
ensure_command nginx nginx || die "nginx is needed and could not be installed (Debian package nginx)"
ensure_command openssl openssl || die "openssl is needed"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

api_build || die "build failed"

# --- throwaway PostgreSQL and everything started here, stopped on exit ---
WORK=$(mktemp -d /tmp/eb-deploy.XXXXXX)
chmod 755 "$WORK"
PG_DIR="$WORK/pg"
PG_STARTED=0
declare -a STARTED_PIDS=()
track() { STARTED_PIDS+=("$1"); }

# shellcheck disable=SC2317 # called from the EXIT trap
cleanup() {
  local rc=$? pid
  trap - EXIT INT TERM
  for pid in "${STARTED_PIDS[@]}"; do
    api_stop_own "$pid"
  done
  if [[ ${PG_STARTED:-0} == 1 ]]; then
    pg_stop_cluster "$PG_DIR" || true
  fi
  [[ -n ${DEPLOY_KEEP_WORK:-} ]] || rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

pg_ensure_binaries
pg_start_cluster "$PG_DIR" "$(pg_free_port)"
PG_STARTED=1
pg_ensure_database "$PG_DIR" eventbooking
CONN=$(pg_connection_string "$PG_DIR" eventbooking)
sql() { pg_psql "$PG_DIR" -d eventbooking -At "$@"; }

stamp=$(date -u +%Y%m%d-%H%M%S)
started_at=$(date -u +%Y-%m-%dT%H:%M:%SZ)
declare -A FIGURES=()

# ------------------------------------------------------------------------------------------------
SCENARIO="1 configuration"
log "1. configuration: deploy/eventbooking.env.example, deploy/nginx/eventbooking.conf, deploy/systemd/"

# The settings file as systemd reads it (EnvironmentFile=): NAME=value, a single-quoted value taken as is. Only the
# CHANGE_ME values are filled in; the ticket key made with the recipe the file gives.
JWT_KEY=$(pg__random_hex 32)
TICKET_KEY=$(openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 2>/dev/null | awk 'BEGIN{ORS="\\n"} 1')
api_env=()
while IFS= read -r line || [[ -n $line ]]; do
  [[ -z $line || $line == \#* ]] && continue
  name=${line%%=*} value=${line#*=}
  if [[ $value == \'*\' ]]; then
    value=${value:1:${#value}-2}
  fi
  case $name in
    ConnectionStrings__Default) value="$CONN;Maximum Pool Size=50" ;;
    Jwt__SigningKey) value=$JWT_KEY ;;
    Tickets__SigningKey) value=$TICKET_KEY ;;
  esac
  [[ $value != *CHANGE_ME* ]] || die "deploy/eventbooking.env.example: $name has a CHANGE_ME this script does not fill in"
  api_env+=("$name=$value")
done <deploy/eventbooking.env.example
log "  $((${#api_env[@]})) settings from deploy/eventbooking.env.example"
migrate_ok=true
api_migrate "$WORK/migrate.log" "${api_env[@]}" || migrate_ok=false
check "the settings file migrates the database (eventbooking-migrate.service's command)" "$migrate_ok" "dotnet EventBooking.WebApi.dll migrate"
[[ $migrate_ok == true ]] || die "migrate failed; see above"

# nginx: the shipped file, with only its ports, certificate and log paths changed (each must occur exactly once, so
# a change of the file's shape stops this script instead of testing something else).
NGINX="$WORK/nginx"
mkdir -p "$NGINX/tmp"
chmod 777 "$NGINX/tmp"
PORT_A=$(pg_free_port 28000 28999)
PORT_B=$(pg_free_port 29000 29999)
HTTP_PORT=$(pg_free_port 30000 30999)
HTTPS_PORT=$(pg_free_port 31000 31999)
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=127.0.0.1 \
  -addext subjectAltName=IP:127.0.0.1 -keyout "$NGINX/tls.key" -out "$NGINX/tls.pem" 2>/dev/null
conf=$(<deploy/nginx/eventbooking.conf)
replace() { # FROM TO
  local count
  count=$(grep -cF -- "$1" <<<"$conf" || true)
  ((count == 1)) || die "deploy/nginx/eventbooking.conf: expected '$1' once, found it $count times"
  conf=${conf//"$1"/"$2"}
}
replace "server 127.0.0.1:5001 " "server 127.0.0.1:$PORT_A "
replace "server 127.0.0.1:5002 " "server 127.0.0.1:$PORT_B "
replace "    listen 80;" "    listen 127.0.0.1:$HTTP_PORT;"
replace "    listen [::]:80;" ""
replace "    listen 443 ssl http2;" "    listen 127.0.0.1:$HTTPS_PORT ssl http2;"
replace "    listen [::]:443 ssl http2;" ""
replace "/etc/ssl/certs/booking.example.com.pem" "$NGINX/tls.pem"
replace "/etc/ssl/private/booking.example.com.key" "$NGINX/tls.key"
replace "/var/log/nginx/eventbooking.access.log" "$NGINX/access.log"
printf '%s\n' "$conf" >"$NGINX/eventbooking.conf"
cat >"$NGINX/nginx.conf" <<EOF
daemon off;
worker_processes 1;
pid $NGINX/nginx.pid;
error_log $NGINX/error.log warn;
events { worker_connections 8192; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    client_body_temp_path $NGINX/tmp/body;
    proxy_temp_path $NGINX/tmp/proxy;
    fastcgi_temp_path $NGINX/tmp/fastcgi;
    uwsgi_temp_path $NGINX/tmp/uwsgi;
    scgi_temp_path $NGINX/tmp/scgi;
    include $NGINX/eventbooking.conf;
}
EOF
nginx_t=$(nginx -t -c "$NGINX/nginx.conf" -p "$NGINX" 2>&1) && nginx_ok=true || nginx_ok=false
check "nginx -t accepts deploy/nginx/eventbooking.conf" "$nginx_ok" "$(tail -n 1 <<<"$nginx_t")"

if command -v systemd-analyze >/dev/null 2>&1; then
  mkdir -p "$WORK/units"
  cp deploy/systemd/eventbooking-migrate.service "$WORK/units/"
  cp deploy/systemd/eventbooking@.service "$WORK/units/eventbooking@.service"
  cp deploy/systemd/eventbooking@.service "$WORK/units/eventbooking@5001.service"
  verify=$(cd "$WORK/units" && systemd-analyze verify eventbooking-migrate.service eventbooking@5001.service 2>&1) && units_ok=true || units_ok=false
  # Dependencies this machine has no unit for are not the units' fault.
  verify=$(grep -v -e 'postgresql.service' -e 'network-online.target' <<<"$verify" || true)
  [[ -z $verify ]] || units_ok=false
  check "systemd-analyze verify accepts deploy/systemd/*.service" "$units_ok" "${verify:-no complaints}"
else
  log "  systemd-analyze is not installed: the unit files were not verified"
fi

log "starting instance A on 127.0.0.1:$PORT_A and B on 127.0.0.1:$PORT_B, nginx on https://127.0.0.1:$HTTPS_PORT"
start_api() { # LOG PORT -> API_PID (tracked even when the start fails)
  local rc=0
  api_start "$1" "http://127.0.0.1:$2" "${api_env[@]}" || rc=$?
  [[ -n ${API_PID:-} ]] && track "$API_PID"
  return "$rc"
}
start_api "$WORK/api-a.log" "$PORT_A" || die "instance A did not start"
PID_A=$API_PID
start_api "$WORK/api-b.log" "$PORT_B" || die "instance B did not start"
PID_B=$API_PID
check "both instances start from the settings file" "$(both "$(alive "$PID_A")" "$(alive "$PID_B")")" "A pid $PID_A, B pid $PID_B"

nginx -c "$NGINX/nginx.conf" -p "$NGINX" 2>>"$NGINX/error.log" &
NGINX_PID=$!
track "$NGINX_PID"
BASE="https://127.0.0.1:$HTTPS_PORT"
export LOADCLIENT_TLS_ROOT="$NGINX/tls.pem"
tls=(--cacert "$NGINX/tls.pem")
for _ in $(seq 1 100); do
  curl -fsS -o /dev/null "${tls[@]}" "$BASE/health/live" 2>/dev/null && break
  kill -0 "$NGINX_PID" 2>/dev/null || die "nginx exited: $(tail -n 5 "$NGINX/error.log")"
  sleep 0.1
done

# Users (all with one password) and events, straight into the database.
PASSWORD=deploy-password
USERS=$((BUYERS + 400))
HASH=$(load_client hash "$PASSWORD")
sql -v hash="$HASH" -v n="$USERS" >/dev/null <<'SQL'
INSERT INTO users (email, name, password_hash, role)
SELECT 'bench' || g || '@bench.example', 'Deploy ' || g, :'hash', 'user' FROM generate_series(1, :n) g;
SQL
FIRST_USER=$(sql -c "SELECT min(id) FROM users WHERE email = 'bench1@bench.example'")
token() { load_client token --key "$JWT_KEY" --user "$1"; }
new_event() { # CAPACITY LABEL -> id
  sql -v cap="$1" -v label="$2" <<'SQL'
INSERT INTO events (name, description, event_date, seat_capacity, available_seats)
VALUES ('deploy ' || :'label', 'deploy check', timezone('utc', now()) + interval '30 days', :cap, :cap) RETURNING id;
SQL
}
# Which instance answered: nginx's access log names the upstream of every request.
upstream_of() { # PORT -> "A" | "B"
  case $1 in *":$PORT_A") echo A ;; *":$PORT_B") echo B ;; *) echo "?" ;; esac
}

# ------------------------------------------------------------------------------------------------
SCENARIO="2 routing"
log "2. routing through nginx"
redirect=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "http://127.0.0.1:$HTTP_PORT/api/events?page=1")
check "plain HTTP is redirected to HTTPS" "$(is "${redirect%% *} == 301")" "$redirect"

before=$(wc -l <"$NGINX/access.log")
codes=""
for i in $(seq 1 20); do
  codes+="$(curl -s -o /dev/null -w '%{http_code}' "${tls[@]}" "$BASE/api/events?page=1&n=$i") "
done
served=$(tail -n +"$((before + 1))" "$NGINX/access.log" | grep -F '"GET /api/events"' | sed -E 's/.*upstream=([^ ]+).*/\1/')
to_a=$(grep -c ":$PORT_A$" <<<"$served" || true)
to_b=$(grep -c ":$PORT_B$" <<<"$served" || true)
check "requests alternate between the instances" "$(is "to_a >= 8 && to_b >= 8 && to_a + to_b == 20")" \
  "20 GET /api/events: $to_a to A, $to_b to B; statuses $(tr -s ' ' '\n' <<<"$codes" | grep . | sort | uniq -c | awk '{printf "%s%s x %s", (NR > 1 ? ", " : ""), $1, $2}')"

# The client address: nginx replaces X-Forwarded-For with the address it sees, and the API (KnownProxies=127.0.0.1)
# takes it from there. The client here is 127.0.0.2 and claims to be 203.0.113.66.
spoofed=$(curl -s -o /dev/null -w '%{http_code}' "${tls[@]}" --interface 127.0.0.2 -H 'X-Forwarded-For: 203.0.113.66' \
  "$BASE/api/events/987654321")
sleep 0.5
seen_real=$(cat "$WORK/api-a.log" "$WORK/api-b.log" | grep -F '/api/events/{id}' | grep -cF 'client 127.0.0.2,' || true)
seen_spoof=$(cat "$WORK/api-a.log" "$WORK/api-b.log" | grep -cF '203.0.113.66' || true)
check "the API logs the client address nginx saw, not one the client made up" "$(is "seen_real == 1 && seen_spoof == 0")" \
  "GET /api/events/987654321 from 127.0.0.2 with X-Forwarded-For: 203.0.113.66 -> $spoofed; request lines naming 127.0.0.2: $seen_real, naming 203.0.113.66: $seen_spoof"
json_line=$(grep -F 'client 127.0.0.2,' "$WORK/api-a.log" "$WORK/api-b.log" | head -n 1 | cut -d: -f2-)
check "request log lines are JSON (Logging__Console__FormatterName=json)" \
  "$(jq -e '.Category == "EventBooking.WebApi.Observability.RequestLogging" and (.State.TraceId | test("^[0-9a-f]{32}$"))' <<<"$json_line" >/dev/null 2>&1 && echo true || echo false)" \
  "$(head -c 200 <<<"$json_line")"

metrics_proxy=$(curl -s -o /dev/null -w '%{http_code}' "${tls[@]}" "$BASE/metrics")
metrics_direct=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT_A/metrics")
check "/metrics is scraped from each instance, not through nginx" "$(is "metrics_proxy == 404 && metrics_direct == 200")" \
  "through nginx $metrics_proxy, on instance A $metrics_direct"

# ------------------------------------------------------------------------------------------------
SCENARIO="3 WebSocket through nginx"
log "3. a watcher through nginx, a booking on the other instance"
ws_event=$(new_event 10 websocket)
load_client watch --url "$BASE" --key "$JWT_KEY" --user "$((FIRST_USER + USERS - 1))" --event "$ws_event" --seconds 40 \
  --log "$WORK/watch.log" >"$WORK/watch.json" &
watch_pid=$!
track "$watch_pid"
sockets() { # PORT -> open WebSocket connections on that instance
  curl -s "http://127.0.0.1:$1/metrics" | awk '/^eventbooking_websocket_connections[{ ]/ { n += $NF } END { print n + 0 }'
}
holder=""
for _ in $(seq 1 100); do
  if (($(sockets "$PORT_A") > 0)); then holder=A other_port=$PORT_B && break; fi
  if (($(sockets "$PORT_B") > 0)); then holder=B other_port=$PORT_A && break; fi
  sleep 0.1
done
if [[ -n $holder ]]; then
  t_book=$(now)
  book_status=$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$other_port/api/bookings" \
    -H "Authorization: Bearer $(token "$((FIRST_USER + USERS - 2))")" -H 'Content-Type: application/json' -d "{\"eventId\":$ws_event}")
  got=false
  for _ in $(seq 1 50); do
    grep -q '"availableSeats":9' "$WORK/watch.log" 2>/dev/null && got=true && break
    sleep 0.1
  done
  check "a watcher connected through nginx gets the seats of a booking made on the other instance" \
    "$(both "$(is "book_status == 201")" "$got")" \
    "socket on $holder, booking on the other answered $book_status; update received: $got, $(elapsed "$t_book" "$(now)") s after the booking"
else
  check "a watcher connected through nginx gets the seats of a booking made on the other instance" false \
    "the watcher's socket never showed up on either instance: $(tail -c 300 "$WORK/watch.json" 2>/dev/null)"
fi
kill "$watch_pid" 2>/dev/null || true
wait "$watch_pid" 2>/dev/null || true

# ------------------------------------------------------------------------------------------------
SCENARIO="4 login limits across instances"
log "4. login attempts from one address: straight to each instance, then through nginx"
attempts() { # SOURCE_ADDRESS URL COUNT LABEL -> "401s 429s others"
  local n401=0 n429=0 other=0 code i
  for ((i = 1; i <= $3; i++)); do
    code=$(curl -s -o "$WORK/login-$4-$i.json" -w '%{http_code}' "${tls[@]}" --interface "$1" -X POST "$2/api/auth/login" \
      -H 'Content-Type: application/json' -d "{\"email\":\"nobody-$4-$i@example.com\",\"password\":\"wrong-password\"}")
    case $code in 401) n401=$((n401 + 1)) ;; 429) n429=$((n429 + 1)) ;; *) other=$((other + 1)) ;; esac
  done
  echo "$n401 $n429 $other"
}
read -r direct_a_401 direct_a_429 direct_a_other < <(attempts 127.0.0.3 "http://127.0.0.1:$PORT_A" 15 a)
read -r direct_b_401 direct_b_429 direct_b_other < <(attempts 127.0.0.3 "http://127.0.0.1:$PORT_B" 15 b)
read -r proxy_401 proxy_429 proxy_other < <(attempts 127.0.0.4 "$BASE" 20 proxy)
per_instance=$(printf '%s\n' "${api_env[@]}" | sed -n 's/^RateLimiting__AuthPermitsPerMinute=//p')
per_instance=${per_instance:-10}
check "each instance limits login attempts per address on its own (the per-instance figure)" \
  "$(is "direct_a_401 == per_instance && direct_b_401 == per_instance && direct_a_other + direct_b_other == 0")" \
  "15 wrong logins straight to A: $direct_a_401 answered 401, $direct_a_429 x 429; to B: $direct_b_401 x 401, $direct_b_429 x 429: $((direct_a_401 + direct_b_401)) tries a minute across 2 instances"
check "through nginx one address gets the same limit whichever instance answers (rate 10/min, burst 5)" \
  "$(is "proxy_401 <= 6 && proxy_401 >= 5 && proxy_other == 0")" \
  "20 wrong logins through nginx: $proxy_401 reached an instance (401), $proxy_429 refused by nginx (429)"
envelope=$(cat "$WORK/login-proxy-20.json")
check "nginx refuses in the API's error envelope" \
  "$(jq -e '.success == false and .error.code == "RATE_LIMITED" and (.error.traceId | length) == 32' <<<"$envelope" >/dev/null 2>&1 && echo true || echo false)" \
  "$(head -c 200 <<<"$envelope")"
FIGURES[login_limits]=$(jq -cn --argjson a "$direct_a_401" --argjson b "$direct_b_401" --argjson p "$proxy_401" --argjson per "$per_instance" \
  '{per_instance_limit: $per, straight_to_a_401: $a, straight_to_b_401: $b, through_nginx_401: $p}')

# ------------------------------------------------------------------------------------------------
SCENARIO="5 one instance killed under load"
log "5. $BUYERS buyers for $SEATS seats at $RATE/s through nginx, reads beside them; SIGKILL to A at $KILL_AT seats sold"
ev=$(new_event "$SEATS" kill)
before=$(wc -l <"$NGINX/access.log")
load_seconds=$(((BUYERS + RATE - 1) / RATE + 3))
load_client book --url "$BASE" --key "$JWT_KEY" --users "$FIRST_USER-$((FIRST_USER + BUYERS - 1))" --event "$ev" \
  --concurrency 16 --rate "$RATE" --idempotency-keys deploy --retry-seconds 10 --outcomes "$WORK/s5.csv" --max-seconds 120 \
  >"$WORK/s5.json" &
book_pid=$!
track "$book_pid"
load_client get --url "$BASE" --path "/api/events/$ev" --key "$JWT_KEY" --users "$((FIRST_USER + BUYERS))-$((FIRST_USER + BUYERS + 199))" \
  --concurrency 8 --rate 50 --seconds "$load_seconds" >"$WORK/s5-get.json" &
get_pid=$!
track "$get_pid"
coproc SEATS_SOLD { sql; }
seats_sold_pid=$SEATS_SOLD_PID # bash unsets SEATS_SOLD_PID once the coprocess has ended: read it while it runs
deadline=$(($(date +%s) + 60))
sold_at_kill=0
while ((sold_at_kill < KILL_AT)) && (($(date +%s) < deadline)); do
  printf 'SELECT seat_capacity - available_seats FROM events WHERE id = %s;\n' "$ev" >&"${SEATS_SOLD[1]}"
  read -r sold_at_kill <&"${SEATS_SOLD[0]}"
done
kill -KILL "$PID_A"
exec {SEATS_SOLD[1]}>&-
wait "$seats_sold_pid" 2>/dev/null || true
wait "$PID_A" 2>/dev/null || true
log "  killed A (pid $PID_A) with $sold_at_kill seats sold"
wait "$book_pid" || die "the booking client failed"
wait "$get_pid" || die "the read client failed"
retried=$(tail -n +"$((before + 1))" "$NGINX/access.log" | grep -c 'upstream=[^ ]*, ' || true)
inv=$(invariants "$ev" "$WORK/s5.csv")
log "  bookings: $(jq -c '{"201": .status_201, "409": .status_409} + .other_statuses + {errors, codes, repeated}' "$WORK/s5.json")"
log "  reads: $(jq -c '{"200": .status_200} + .other_statuses + {errors}' "$WORK/s5-get.json"); nginx passed $retried requests on to the next instance"
log "  database: $inv"
check "the kill came mid sell-out" "$(is "sold_at_kill >= KILL_AT && sold_at_kill < SEATS")" "$sold_at_kill of $SEATS seats sold when A was killed"
check "every booking was answered 201 or 409, none without an answer" \
  "$(jq '.completed and .errors == 0 and .other_status_count == 0' "$WORK/s5.json")" \
  "$(jq -c '{"201": .status_201, "409": .status_409} + .other_statuses + {errors}' "$WORK/s5.json")"
check "no booking is left 'in progress': the other instance took over the dead one's keys" \
  "$(jq '(.codes["409 CONFLICT"] // 0) == 0' "$WORK/s5.json")" \
  "$(jq -c '{codes, repeated}' "$WORK/s5.json") (repeated: sent again with the same key after a 409 in progress or a 5xx)"
check "every read was answered 200" "$(jq '.errors == 0 and .other_status_count == 0' "$WORK/s5-get.json")" \
  "$(jq -c '{"200": .status_200} + .other_statuses + {errors}' "$WORK/s5-get.json")"
check "sold out exactly" "$(jq --argjson s "$SEATS" '.confirmed == $s and .available_seats == 0' <<<"$inv")" "$(jq -r .confirmed <<<"$inv") confirmed"
check "available_seats + confirmed = capacity" \
  "$(jq '.available_seats + .confirmed == .capacity and .available_seats >= 0' <<<"$inv")" \
  "$(jq -r '"\(.available_seats) + \(.confirmed) of \(.capacity)"' <<<"$inv")"
check "every confirmed booking has its created audit row and vice versa" \
  "$(jq '.confirmed_without_created_log == 0 and .created_log_without_booking == 0' <<<"$inv")" \
  "$(jq -r '"\(.confirmed_without_created_log) bookings without, \(.created_log_without_booking) rows without"' <<<"$inv")"
check "at most one confirmed booking per user" "$(jq '.duplicate_confirmed == 0' <<<"$inv")" "$(jq -r '.duplicate_confirmed' <<<"$inv") duplicates"
check "every client told 201 owns a confirmed booking" "$(jq '.told_201_without_booking == 0' <<<"$inv")" "$(jq -r '.told_201_without_booking' <<<"$inv") without"
# A booking whose instance died after it committed but before it answered is sent again; the other instance, running
# it afresh, says "You already have a booking for this event": true, and the only 409 a booking owner may get.
told_409_owning=$(jq -r '.told_409_with_booking' <<<"$inv")
check "a client told 409 owns a booking only when its request was in flight on the killed instance" \
  "$(is "told_409_owning <= 16")" "$told_409_owning clients told 409 own a booking (at most 16 requests were in flight)"

log "  restarting A; nginx sends it requests again after fail_timeout (5 s)"
start_api "$WORK/api-a.log" "$PORT_A" || die "instance A did not restart"
PID_A=$API_PID
sleep 6
before=$(wc -l <"$NGINX/access.log")
for i in $(seq 1 20); do
  curl -s -o /dev/null "${tls[@]}" "$BASE/api/events?page=1&rejoin=$i"
done
served=$(tail -n +"$((before + 1))" "$NGINX/access.log" | grep -F '"GET /api/events"' | sed -E 's/.*upstream=([^ ]+).*/\1/')
to_a=$(grep -c ":$PORT_A$" <<<"$served" || true)
check "the restarted instance rejoins" "$(is "to_a >= 5")" "$to_a of 20 requests went to the restarted A"
FIGURES[kill]=$(jq -cn --slurpfile book "$WORK/s5.json" --slurpfile get "$WORK/s5-get.json" --argjson db "$inv" \
  --argjson sold "$sold_at_kill" --argjson retried "$retried" \
  '{seats_sold_at_kill: $sold, bookings: ($book[0] | del(.error_samples)), reads: ($get[0] | del(.error_samples)), database: $db,
    nginx_passed_on: $retried}')

# --- summary ---
RESULTS_DIR="$REPO_ROOT/bench/results"
mkdir -p "$RESULTS_DIR"
figures='{}'
for k in "${!FIGURES[@]}"; do figures=$(jq -c --arg k "$k" --argjson v "${FIGURES[$k]}" '. + {($k): $v}' <<<"$figures"); done
printf '%s\n' "${RESULTS[@]}" | jq -s --arg started "$started_at" --arg commit "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)" \
  --arg nginx "$(nginx -v 2>&1)" --argjson figures "$figures" \
  '{started: $started, commit: $commit, nginx: $nginx, checks: ., figures: $figures}' >"$RESULTS_DIR/deploy-check-$stamp.json"
cp "$RESULTS_DIR/deploy-check-$stamp.json" "$RESULTS_DIR/deploy-check-latest.json"
total=${#RESULTS[@]}
printf '\ndeploy-check: %d checks, %d passed, %d failed (results: bench/results/deploy-check-%s.json)\n' \
  "$total" "$((total - FAILED))" "$FAILED" "$stamp"
((FAILED == 0))
