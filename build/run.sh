#!/usr/bin/env bash
#
# build/run.sh - run the EventBooking API locally.
#
# Starts a project-local PostgreSQL (in .data/postgres, data kept between
# runs) unless ConnectionStrings__Default is set, migrates and seeds the
# database, then runs the API until Ctrl-C. See --help.
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO_ROOT"
# shellcheck source=build/lib/postgres.sh
source "$REPO_ROOT/build/lib/postgres.sh"
# shellcheck source=build/lib/tools.sh
source "$REPO_ROOT/build/lib/tools.sh"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

usage() {
    cat <<'EOF'
Usage: build/run.sh [--reset] [--instances N] [--help]

Runs the EventBooking API on http://127.0.0.1:5000 until Ctrl-C.

  --reset          start from fresh seed data (runs the app's "reset" command,
                   then migrate and seed)
  --instances N    start N API instances on ports 5000, 5001, ... against the
                   same database (default 1)
  -h, --help       show this help

Environment:
  ConnectionStrings__Default  use this database; no local PostgreSQL is started
  EVENTBOOKING_PG_PORT        port of the local PostgreSQL (default 54329)
  Jwt__SigningKey             JWT signing key (default: random key kept in
                              .data/jwt-signing-key)
  Tickets__SigningKey         ticket signing key, EC P-256 PEM (default: one
                              generated with openssl, kept in
                              .data/ticket-signing-key.pem)
  ASPNETCORE_URLS             listen URL(s) when --instances is 1
  ASPNETCORE_ENVIRONMENT      default Development
EOF
}

log() { printf '==> %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 2; }

reset=0
instances=1
while (($#)); do
    case $1 in
        --reset) reset=1 ;;
        --instances)
            (($# >= 2)) || die "--instances needs a number"
            instances=$2
            shift
            ;;
        --instances=*) instances=${1#*=} ;;
        -h | --help)
            usage
            exit 0
            ;;
        *) die "unknown argument '$1' (see --help)" ;;
    esac
    shift
done
if [[ ! $instances =~ ^[1-9][0-9]*$ ]] || ((instances > 64)); then
    die "--instances must be a number from 1 to 64"
fi

command -v dotnet >/dev/null 2>&1 || die "the .NET SDK (dotnet) is not on PATH"

DATA_DIR="$REPO_ROOT/.data"
PG_DATA_DIR="$DATA_DIR/postgres"
SEED_MARKER="$DATA_DIR/seeded"
local_pg=0
PG_STARTED=0 # set by pg_start_cluster, also when it fails half-way
api_pids=()

# shellcheck disable=SC2317 # called from the EXIT trap
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    local pid i alive
    if ((${#api_pids[@]})); then
        log "stopping API instance(s)"
        for pid in "${api_pids[@]}"; do
            # Each instance runs in its own process group (setsid): signal the
            # group so "dotnet run" and the app it started both get it.
            kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
        done
        for ((i = 0; i < 150; i++)); do
            alive=0
            for pid in "${api_pids[@]}"; do
                kill -0 -- "-$pid" 2>/dev/null && alive=1
            done
            ((alive)) || break
            sleep 0.1
        done
        for pid in "${api_pids[@]}"; do
            kill -KILL -- "-$pid" 2>/dev/null || true
        done
    fi
    if ((local_pg)) && [[ ${PG_STARTED:-0} == 1 ]]; then
        pg_stop_cluster "$PG_DATA_DIR" || true
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

random_hex() {
    if command -v openssl >/dev/null 2>&1; then
        openssl rand -hex "$1"
    else
        od -An -tx1 -N"$1" /dev/urandom | tr -d ' \n'
        printf '\n'
    fi
}

# --- database -----------------------------------------------------------------
if [[ -n ${ConnectionStrings__Default:-} ]]; then
    log "using the database from ConnectionStrings__Default (no local PostgreSQL)"
else
    local_pg=1
    pg_port=${EVENTBOOKING_PG_PORT:-54329}
    mkdir -p "$DATA_DIR"
    pg_start_cluster "$PG_DATA_DIR" "$pg_port"
    if ((PG_CREATED)); then
        rm -f "$SEED_MARKER"
    fi
    pg_ensure_database "$PG_DATA_DIR" eventbooking
    ConnectionStrings__Default=$(pg_connection_string "$PG_DATA_DIR" eventbooking)
    export ConnectionStrings__Default
    log "PostgreSQL ready on 127.0.0.1:$PG_PORT, database eventbooking (password in ${PG_DATA_DIR}.password)"
fi

# --- JWT signing key ----------------------------------------------------------
if [[ -z ${Jwt__SigningKey:-} ]]; then
    key_file="$DATA_DIR/jwt-signing-key"
    mkdir -p "$DATA_DIR"
    if [[ ! -s $key_file ]]; then
        log "generating a JWT signing key in $key_file"
        (umask 077 && random_hex 32 >"$key_file")
    fi
    chmod 600 "$key_file"
    Jwt__SigningKey=$(<"$key_file")
    export Jwt__SigningKey
fi

# --- ticket signing key -------------------------------------------------------
if [[ -z ${Tickets__SigningKey:-} ]]; then
    ticket_key_file="$DATA_DIR/ticket-signing-key.pem"
    if [[ ! -s $ticket_key_file ]]; then
        log "generating a ticket signing key (EC P-256) in $ticket_key_file"
        (umask 077 && new_ticket_signing_key >"$ticket_key_file.tmp") && mv "$ticket_key_file.tmp" "$ticket_key_file"
    fi
    chmod 600 "$ticket_key_file"
    Tickets__SigningKey=$(<"$ticket_key_file")
    export Tickets__SigningKey
fi

export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}

# --- build, migrate, seed -----------------------------------------------------
log "restoring .NET tools"
dotnet tool restore
log "building src/WebApi (Release)"
dotnet build src/WebApi -c Release

app() {
    dotnet run --no-build -c Release --no-launch-profile --project src/WebApi -- "$@"
}

if ((reset)); then
    log "resetting the database to fresh seed data"
    rm -f "$SEED_MARKER"
    app reset
fi
log "applying database migrations"
app migrate
if ((!local_pg)); then
    log "seeding the database"
    app seed
elif ((reset)) || [[ ! -f $SEED_MARKER ]]; then
    log "seeding the database"
    app seed
    touch "$SEED_MARKER"
fi

# --- run ----------------------------------------------------------------------
start_instance() { # PORT_LABEL URLS [PREFIX]
    local urls=$2 prefix=${3:-}
    if [[ -n $prefix ]]; then
        ASPNETCORE_URLS=$urls setsid dotnet run --no-build -c Release --no-launch-profile \
            --project src/WebApi </dev/null > >(sed -u "s/^/$prefix /") 2>&1 &
    else
        ASPNETCORE_URLS=$urls setsid dotnet run --no-build -c Release --no-launch-profile \
            --project src/WebApi </dev/null &
    fi
    api_pids+=("$!")
    log "API instance $1 listening on $urls (pid $!)"
}

if ((instances == 1)); then
    start_instance 1 "${ASPNETCORE_URLS:-http://127.0.0.1:5000}"
else
    if [[ -n ${ASPNETCORE_URLS:-} ]]; then
        log "ignoring ASPNETCORE_URLS=$ASPNETCORE_URLS with --instances $instances"
    fi
    for ((n = 0; n < instances; n++)); do
        port=$((5000 + n))
        pg_port_is_free "$port" || die "port $port on 127.0.0.1 is already in use"
    done
    for ((n = 0; n < instances; n++)); do
        port=$((5000 + n))
        start_instance "$((n + 1))" "http://127.0.0.1:$port" "[api:$port]"
    done
fi
log "press Ctrl-C to stop"

# Wait for every instance; the EXIT trap stops the rest and PostgreSQL.
status=0
live=("${api_pids[@]}")
while ((${#live[@]})); do
    finished=
    rc=0
    wait -n -p finished "${live[@]}" || rc=$?
    [[ -n $finished ]] || break
    log "API instance (pid $finished) exited with code $rc"
    ((rc == 0)) || status=$rc
    still=()
    for pid in "${live[@]}"; do
        [[ $pid == "$finished" ]] || still+=("$pid")
    done
    live=("${still[@]}")
done
exit "$status"
