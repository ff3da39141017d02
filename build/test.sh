#!/usr/bin/env bash
#
# build/test.sh - restore, build, check formatting and run every test.
#
# Starts a throwaway PostgreSQL (unless EVENTBOOKING_TEST_DB is set), runs
# "dotnet test" on the solution and ends with the line
#   N passed, N failed, N skipped
# Usage: build/test.sh [--no-format] [-- extra dotnet test args, e.g. --filter X]
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO_ROOT"
# shellcheck source=build/lib/postgres.sh
source "$REPO_ROOT/build/lib/postgres.sh"
# shellcheck source=build/lib/tools.sh
source "$REPO_ROOT/build/lib/tools.sh"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

SOLUTION=EventBooking.sln

usage() {
    cat <<'EOF'
Usage: build/test.sh [--no-format] [--help] [-- DOTNET_TEST_ARGS...]

Restores, builds (Release), checks formatting and runs all tests of
EventBooking.sln against a throwaway PostgreSQL. The last line printed is
"N passed, N failed, N skipped".

  --no-format   skip "dotnet format --verify-no-changes"
  -h, --help    show this help
  -- ARGS       passed on to dotnet test (e.g. -- --filter "FullyQualifiedName~Booking")

Environment:
  EVENTBOOKING_TEST_DB  Npgsql connection string of a test database; when set,
                        no throwaway PostgreSQL is started
EOF
}

log() { printf '==> %s\n' "$*"; }

run_format=1
test_args=()
while (($#)); do
    case $1 in
        --no-format) run_format=0 ;;
        -h | --help)
            usage
            exit 0
            ;;
        --)
            shift
            test_args=("$@")
            break
            ;;
        *)
            printf 'error: unknown argument %s (see --help)\n' "$1" >&2
            exit 2
            ;;
    esac
    shift
done

WORK_DIR=
PG_TEST_DATA=
summary_printed=0
build_servers_stopped=0

# Stops the throwaway cluster and deletes its directory. Prints nothing, so
# the summary stays the last line. Safe to call more than once.
cleanup_quietly() {
    if [[ -n $PG_TEST_DATA ]]; then
        pg_stop_cluster "$PG_TEST_DATA" >/dev/null 2>&1 || true
        PG_TEST_DATA=
    fi
    if [[ -n $WORK_DIR ]]; then
        rm -rf "$WORK_DIR" 2>/dev/null || true
        WORK_DIR=
    fi
    # In CI, do not leave MSBuild/compiler servers running after the job.
    if [[ -n ${CI:-} ]] && ((!build_servers_stopped)) && command -v dotnet >/dev/null 2>&1; then
        build_servers_stopped=1
        dotnet build-server shutdown >/dev/null 2>&1 || true
    fi
}

# shellcheck disable=SC2317 # called from the EXIT trap
on_exit() {
    local rc=$?
    trap - EXIT INT TERM
    cleanup_quietly
    if ((!summary_printed)); then
        # Failed before the tests ran (restore, build, format, PostgreSQL...).
        ((rc != 0)) || rc=1
        printf '0 passed, 1 failed, 0 skipped\n'
    fi
    exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

command -v dotnet >/dev/null 2>&1 || { printf 'error: the .NET SDK (dotnet) is not on PATH\n' >&2; exit 1; }

WORK_DIR=$(mktemp -d -t eventbooking-test.XXXXXX)
RESULTS_DIR="$WORK_DIR/results"

# --- PostgreSQL -----------------------------------------------------------------
if [[ -n ${EVENTBOOKING_TEST_DB:-} ]]; then
    log "using the test database from EVENTBOOKING_TEST_DB (no throwaway PostgreSQL)"
else
    PG_TEST_DATA="$WORK_DIR/pgdata"
    pg_ensure_binaries
    pg__ensure_os_user
    if pg__is_root; then
        # mktemp made it root-only; the server runs as the postgres user.
        chown "$(pg__os_user):" "$WORK_DIR"
    fi
    # Another process may grab the free port first: try a few ports.
    for attempt in 1 2 3; do
        pg_port=$(pg_free_port 20000 32000)
        if pg_start_cluster "$PG_TEST_DATA" "$pg_port" fsync=off synchronous_commit=off full_page_writes=off; then
            break
        fi
        if ((attempt == 3)); then
            printf 'error: could not start the test PostgreSQL\n' >&2
            exit 1
        fi
        pg_stop_cluster "$PG_TEST_DATA" >/dev/null 2>&1 || true
    done
    pg_ensure_database "$PG_TEST_DATA" eventbooking_test
    EVENTBOOKING_TEST_DB=$(pg_connection_string "$PG_TEST_DATA" eventbooking_test)
    export EVENTBOOKING_TEST_DB
    log "throwaway PostgreSQL ready on 127.0.0.1:$PG_PORT (database eventbooking_test)"
fi

# --- build ------------------------------------------------------------------------
# The ticket tests decode QR codes with a standard reader (zbarimg), SVG drawn by librsvg first.
ensure_command zbarimg zbar-tools || { printf 'error: could not install zbar-tools (zbarimg)\n' >&2; exit 2; }
ensure_command rsvg-convert librsvg2-bin || { printf 'error: could not install librsvg2-bin (rsvg-convert)\n' >&2; exit 2; }

log "dotnet tool restore"
dotnet tool restore
log "dotnet restore $SOLUTION"
dotnet restore "$SOLUTION"
log "dotnet build $SOLUTION -c Release"
dotnet build "$SOLUTION" -c Release --no-restore
if ((run_format)); then
    log "dotnet format --verify-no-changes"
    dotnet format "$SOLUTION" --verify-no-changes --no-restore
else
    log "skipping dotnet format (--no-format)"
fi

# --- OpenAPI lint -----------------------------------------------------------------
# docs/openapi.json is the document the API serves (OpenApiTests fails when they differ); redocly's
# recommended rules must report no error. Known, explained exceptions: .redocly.lint-ignore.yaml.
log "redocly lint docs/openapi.json"
lint_rc=0
ensure_command npm npm || { printf 'error: could not install npm\n' >&2; exit 2; }
if [[ ! -x build/tools/node_modules/.bin/redocly ]]; then
    npm ci --prefix build/tools --no-audit --no-fund --loglevel=error || printf 'error: npm ci in build/tools failed\n' >&2
fi
# A missing linter counts as a lint failure, but the tests still run and the summary line is printed.
lint_output=$(build/tools/node_modules/.bin/redocly lint docs/openapi.json --format=stylish 2>&1) || lint_rc=$?
# (without the box in which redocly announces the end of Node 20 support)
grep -v -e '║' -e '╔' -e '╚' <<<"$lint_output" || true

# --- test -------------------------------------------------------------------------
log "dotnet test $SOLUTION"
test_rc=0
dotnet test "$SOLUTION" -c Release --no-build --logger trx --results-directory "$RESULTS_DIR" \
    "${test_args[@]}" || test_rc=$?

# --- summary ----------------------------------------------------------------------
# Prints the value of attribute NAME in a <Counters .../> element (0 if absent).
counter() {
    local v
    v=$(sed -n "s/.*[[:space:]]$1=\"\([0-9][0-9]*\)\".*/\1/p" <<<"$2")
    printf '%s\n' "${v:-0}"
}

passed=0 failed=0 skipped=0 trx_count=0
trx_files=()
if [[ -d $RESULTS_DIR ]]; then
    while IFS= read -r -d '' f; do trx_files+=("$f"); done \
        < <(find "$RESULTS_DIR" -type f -name '*.trx' -print0 | sort -z)
fi
for f in "${trx_files[@]}"; do
    trx_count=$((trx_count + 1))
    counters=$(tr '\r\n' '  ' <"$f" | grep -o '<Counters[[:space:]][^>]*>' | head -n 1 || true)
    if [[ -z $counters ]]; then
        printf 'warning: no <Counters> in %s; counting it as a failure\n' "$f" >&2
        failed=$((failed + 1))
        continue
    fi
    total=$(counter total "$counters")
    executed=$(counter executed "$counters")
    not_executed=$(counter notExecuted "$counters")
    passed=$((passed + $(counter passed "$counters")))
    failed=$((failed + $(counter failed "$counters") + $(counter error "$counters") \
        + $(counter timeout "$counters") + $(counter aborted "$counters")))
    # xunit skips are reported as results that were not executed; VSTest's
    # TRX logger leaves notExecuted at 0, so use total - executed.
    skip=$((total - executed))
    ((skip >= not_executed)) || skip=$not_executed
    ((skip >= 0)) || skip=0
    skipped=$((skipped + skip))
done

status=0
if ((trx_count == 0)); then
    printf 'error: dotnet test produced no TRX file\n' >&2
    ((failed > 0)) || failed=1
    status=1
fi
if ((test_rc != 0)); then
    printf 'error: dotnet test exited with code %s\n' "$test_rc" >&2
    status=$test_rc
fi
if ((lint_rc != 0)); then
    printf 'error: redocly lint found errors in docs/openapi.json (listed above); counted as a failed test\n' >&2
    failed=$((failed + 1))
    status=1
fi
if ((failed > 0)) && ((status == 0)); then
    status=1
fi
if ((status != 0 && failed == 0)); then
    # dotnet test failed without a failed test (crash, timeout...): show it.
    failed=1
fi

cleanup_quietly
summary_printed=1
printf '%d passed, %d failed, %d skipped\n' "$passed" "$failed" "$skipped"
exit "$status"
