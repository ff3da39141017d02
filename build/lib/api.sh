# shellcheck shell=bash
#
# build/lib/api.sh - build, start and stop API processes for build/bench.sh and build/chaos.sh.
#
# Sourced; defines functions only. Progress goes to stderr.
#
#   api_build
#       Release build of src/WebApi and bench/EventBooking.LoadClient under the shared build lock
#       (/tmp/eb/build.lock, so a benchmark never builds while a test run does). Sets API_DLL, CLIENT_DLL.
#       EVENTBOOKING_API_DLL, when set, names the API to run instead (a published build, e.g. ReadyToRun).
#
#   api_migrate LOG [NAME=VALUE ...]
#       Applies the migrations (the API's "migrate" command) with the given environment.
#
#   api_start LOG URL [NAME=VALUE ...]
#       Starts the API (dotnet API_DLL, cwd src/WebApi) listening on URL with the given environment,
#       output to LOG, and waits until GET $API_START_PATH answers 200: by default /health/ready, the
#       database reachable and the start-up warm-up done (docs/adr/0024), as a load balancer would wait
#       before sending it traffic; API_START_PATH=/ waits for liveness only. Sets API_PID (the dotnet
#       process itself, so a signal reaches the server and nothing else).
#
#   api_stop PID
#       SIGTERM to PID and its own children (a backgrounded function's real process), up to 10 s for
#       them to end, then SIGKILL to any left. Does nothing if PID is gone.
#
#   api_stop_own PID
#       api_stop PID if it is still this script's child (cleanups: no recycled PID is touched).
#
#   load_client ARGS...
#       Runs bench/EventBooking.LoadClient (see its Program.cs for the modes).
#
#   log MESSAGE / die MESSAGE
#       "==> MESSAGE" on stderr / "error: MESSAGE" on stderr and exit 2.
#
#   ensure_jq
#       Installs jq (Debian package) when it is missing.

log() { printf '==> %s\n' "$*" >&2; }
die() {
  printf 'error: %s\n' "$*" >&2
  exit 2
}

# shellcheck source=build/lib/tools.sh
source "$(dirname "${BASH_SOURCE[0]}")/tools.sh"

ensure_jq() { ensure_command jq jq; }

api__repo_root() { cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd; }

api_build() {
  local root
  root=$(api__repo_root)
  mkdir -p /tmp/eb
  printf '==> building src/WebApi and bench/EventBooking.LoadClient (Release)\n' >&2
  flock /tmp/eb/build.lock dotnet build "$root/src/WebApi" -c Release -nologo -v q -clp:ErrorsOnly -nodeReuse:false >&2 || return 1
  flock /tmp/eb/build.lock dotnet build "$root/bench/EventBooking.LoadClient" -c Release -nologo -v q -clp:ErrorsOnly -nodeReuse:false >&2 || return 1
  API_DLL=${EVENTBOOKING_API_DLL:-"$root/src/WebApi/bin/Release/net10.0/EventBooking.WebApi.dll"}
  CLIENT_DLL="$root/bench/EventBooking.LoadClient/bin/Release/net10.0/EventBooking.LoadClient.dll"
  if [[ ! -f $API_DLL || ! -f $CLIENT_DLL ]]; then
    printf 'error: build outputs not found\n' >&2
    return 1
  fi
}

api_migrate() {
  local log=$1 root
  shift
  root=$(api__repo_root)
  if ! (cd "$root/src/WebApi" && env "$@" dotnet "$API_DLL" migrate) >>"$log" 2>&1; then
    tail -n 30 "$log" >&2
    printf 'error: migrate failed\n' >&2
    return 1
  fi
}

api_start() {
  local log=$1 url=$2 root i
  shift 2
  root=$(api__repo_root)
  (cd "$root/src/WebApi" && exec env "$@" "ASPNETCORE_URLS=$url" dotnet "$API_DLL") >>"$log" 2>&1 &
  API_PID=$!
  for ((i = 0; i < 600; i++)); do
    curl -fsS -o /dev/null --max-time 2 "$url${API_START_PATH:-/health/ready}" 2>/dev/null && return 0
    if ! kill -0 "$API_PID" 2>/dev/null; then
      tail -n 30 "$log" >&2
      printf 'error: the API on %s exited during start-up\n' "$url" >&2
      return 1
    fi
    sleep 0.1
  done
  printf 'error: the API on %s did not answer %s within 60 s\n' "$url" "${API_START_PATH:-/health/ready}" >&2
  return 1
}

api_stop() {
  local pid=$1 children child alive tries
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 0
  # A shell function sent to the background (load_client ... &, a polling loop) is a subshell whose child does the
  # work: without this the child outlives the subshell's SIGTERM. Listed first: once the subshell is gone they are
  # no longer its children.
  children=$(pgrep -P "$pid" 2>/dev/null || true)
  kill -TERM "$pid" $children 2>/dev/null || true
  for ((tries = 0; tries < 100; tries++)); do
    alive=
    for child in "$pid" $children; do
      kill -0 "$child" 2>/dev/null && alive=1
    done
    [[ -n $alive ]] || return 0
    sleep 0.1
  done
  for child in "$pid" $children; do
    kill -0 "$child" 2>/dev/null && kill -KILL "$child" 2>/dev/null
  done
  return 0
}

# For cleanups: api_stop PID only while it is still this script's child. A process that ended long ago may have left
# its PID to another process, which is not ours to stop.
api_stop_own() {
  [[ $(ps -o ppid= -p "$1" 2>/dev/null | tr -d ' ') == "$$" ]] && api_stop "$1"
  return 0
}

load_client() { dotnet "$CLIENT_DLL" "$@"; }
