# shellcheck shell=bash
#
# build/lib/postgres.sh - helpers for project-local PostgreSQL clusters.
#
# Sourced by build/run.sh and build/test.sh. Sourcing it only defines
# functions; nothing runs until a function is called.
#
# Public functions (all write progress messages to stderr):
#
#   pg_ensure_binaries
#       Finds the PostgreSQL server binaries (installs the Debian package
#       "postgresql" when there are none) and sets/exports PG_BIN.
#
#   pg_start_cluster DATADIR PORT [NAME=VALUE ...]
#       Starts (creating it on first use) a cluster in DATADIR listening on
#       127.0.0.1:PORT only. Extra NAME=VALUE arguments become server
#       settings (e.g. fsync=off). Reuses the cluster if it is already running.
#       Sets: PG_DATA PG_PORT PG_SOCKET_DIR PG_LOG_FILE PG_PASSWORD_FILE
#             PG_CREATED (1 = initdb ran now) PG_STARTED (1 = this call started it)
#       Files next to DATADIR: DATADIR.password (mode 600, app role password),
#       DATADIR.sock/ (unix socket dir). Server log: DATADIR/server.log.
#
#   pg_stop_cluster DATADIR
#       Fast shutdown; does nothing if the cluster is not running.
#
#   pg_ensure_database DATADIR NAME
#       Creates database NAME owned by the app role, unless it exists.
#
#   pg_connection_string DATADIR DBNAME [PORT]
#       Prints Host=127.0.0.1;Port=P;Username=eventbooking;Password=...;Database=DBNAME
#       (PORT defaults to the port the running cluster listens on).
#
#   pg_free_port [MIN] [MAX]
#       Prints a TCP port in MIN..MAX (default 20000..32000, random start)
#       that nothing listens on at 127.0.0.1.
#
#   pg_port_is_free PORT
#       Succeeds when nothing listens on 127.0.0.1:PORT.
#
#   pg_psql DATADIR [psql args...]
#       Runs psql as the superuser "postgres" over the cluster's unix socket.
#
# Environment knobs: EVENTBOOKING_PG_OS_USER (OS user that runs the server
# when the caller is root; default "postgres").

PG_APP_ROLE=eventbooking
PG_SUPERUSER=postgres

pg__log() { printf '==> %s\n' "$*" >&2; }
pg__err() { printf 'error: %s\n' "$*" >&2; }

pg__is_root() { [[ ${EUID:-$(id -u)} -eq 0 ]]; }

# OS user that owns and runs the cluster.
pg__os_user() {
    if pg__is_root; then
        printf '%s\n' "${EVENTBOOKING_PG_OS_USER:-postgres}"
    else
        id -un
    fi
}

# Run a command as the cluster's OS user (from /, so an unreadable cwd such
# as /root does not produce warnings).
pg__as_owner() {
    if pg__is_root; then
        (cd / && runuser -u "$(pg__os_user)" -- "$@")
    else
        "$@"
    fi
}

pg__abspath() {
    local p=$1
    [[ $p == /* ]] || p="$PWD/$p"
    # Normalise "//", "/./" and a trailing "/" without requiring existence.
    p=$(printf '%s\n' "$p" | sed -e 's#//*#/#g' -e 's#/\./#/#g' -e 's#/\.$##' -e 's#\(.\)/$#\1#')
    printf '%s\n' "$p"
}

pg__find_bindir() {
    local d
    if command -v pg_config >/dev/null 2>&1; then
        d=$(pg_config --bindir 2>/dev/null || true)
        if [[ -n $d && -x $d/initdb && -x $d/pg_ctl && -x $d/postgres ]]; then
            printf '%s\n' "$d"
            return 0
        fi
    fi
    # Newest /usr/lib/postgresql/<version>/bin that has initdb.
    while IFS= read -r d; do
        if [[ -x $d/initdb && -x $d/pg_ctl && -x $d/postgres ]]; then
            printf '%s\n' "$d"
            return 0
        fi
    done < <(compgen -G '/usr/lib/postgresql/*/bin' | sort -t/ -k5,5 -V -r)
    return 1
}

pg_ensure_binaries() {
    if [[ -n ${PG_BIN:-} && -x ${PG_BIN}/initdb && -x ${PG_BIN}/pg_ctl ]]; then
        export PG_BIN
        return 0
    fi
    local d
    if ! d=$(pg__find_bindir); then
        pg__log "PostgreSQL server binaries not found; installing the Debian package 'postgresql'"
        local -a sudo=()
        if ! pg__is_root; then
            if command -v sudo >/dev/null 2>&1; then
                sudo=(sudo)
            else
                pg__err "not root and no sudo: install PostgreSQL by hand (apt-get install postgresql)"
                return 1
            fi
        fi
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2 || return 1
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
            apt-get install -y -q --no-install-recommends postgresql >&2 || return 1
        if ! d=$(pg__find_bindir); then
            pg__err "PostgreSQL was installed but initdb/pg_ctl cannot be found"
            return 1
        fi
    fi
    PG_BIN=$d
    export PG_BIN
}

# The cluster's OS user must exist when we run as root.
pg__ensure_os_user() {
    pg__is_root || return 0
    local u
    u=$(pg__os_user)
    id -u "$u" >/dev/null 2>&1 && return 0
    pg__log "creating system user '$u' to run PostgreSQL"
    useradd --system --user-group --home-dir /var/lib/postgresql --no-create-home \
        --shell /usr/sbin/nologin "$u" >&2
}

# Unix socket directory for a data dir: DATADIR.sock, or a short path under
# /tmp when that would exceed the ~107-byte socket path limit.
pg__socket_dir() {
    local d=$1
    if (( ${#d} + 21 <= 100 )); then  # 21 = ${#".sock/.s.PGSQL.65535"}
        printf '%s.sock\n' "$d"
    else
        printf '/tmp/eventbooking-pg-%s\n' "$(printf '%s' "$d" | cksum | cut -d' ' -f1)"
    fi
}

# When root, make sure the cluster's OS user can traverse every ancestor of
# DIR (grants o+x, i.e. search only, where it is missing).
pg__ensure_reachable() {
    pg__is_root || return 0
    local dir=$1 u p
    u=$(pg__os_user)
    runuser -u "$u" -- test -x "$dir" 2>/dev/null && return 0
    p=$dir
    local -a chain=()
    while [[ -n $p && $p != / ]]; do
        chain=("$p" "${chain[@]}")
        p=$(dirname "$p")
    done
    for p in "${chain[@]}"; do
        if ! (cd / && runuser -u "$u" -- test -x "$p") 2>/dev/null; then
            pg__log "granting search permission (o+x) on $p so user '$u' can reach the PostgreSQL data"
            chmod o+x "$p" || return 1
        fi
    done
}

# mkdir -p DIR owned by the cluster's OS user with mode 700.
pg__owned_dir() {
    local dir=$1 u
    u=$(pg__os_user)
    mkdir -p "$dir" || return 1
    if pg__is_root; then
        local owner
        owner=$(stat -c %U "$dir")
        if [[ $owner != "$u" ]]; then
            chown -R "$u:$(id -gn "$u")" "$dir" || return 1
        fi
    elif [[ ! -O $dir ]]; then
        pg__err "$dir is owned by $(stat -c %U "$dir"), not by $(id -un); remove it or run as that user"
        return 1
    fi
    chmod 700 "$dir" || return 1
}

pg__random_hex() {
    if command -v openssl >/dev/null 2>&1; then
        openssl rand -hex "$1"
    else
        od -An -tx1 -N"$1" /dev/urandom | tr -d ' \n'
        printf '\n'
    fi
}

pg__locale() {
    if locale -a 2>/dev/null | grep -Eiq '^c\.utf-?8$'; then
        printf 'C.UTF-8\n'
    else
        printf 'C\n'
    fi
}

# Port the running cluster listens on (line 4 of postmaster.pid).
pg__running_port() {
    local d=$1
    [[ -r $d/postmaster.pid ]] || return 1
    sed -n '4p' "$d/postmaster.pid"
}

pg__is_running() {
    local d=$1
    [[ -n ${PG_BIN:-} && -f $d/PG_VERSION ]] || return 1
    pg__as_owner "$PG_BIN/pg_ctl" -D "$d" status >/dev/null 2>&1
}

pg_port_is_free() {
    local port=$1
    if command -v ss >/dev/null 2>&1; then
        ! ss -Hltn 2>/dev/null | awk '{print $4}' | grep -q ":${port}\$"
    else
        # Nothing accepted the connection -> free.
        ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
    fi
}

pg_free_port() {
    # Default range stays below Linux's ephemeral ports (32768+).
    local min=${1:-20000} max=${2:-32000} span port i
    span=$((max - min + 1))
    port=$((min + (RANDOM * 32768 + RANDOM) % span))
    for ((i = 0; i < 200; i++)); do
        if pg_port_is_free "$port"; then
            printf '%s\n' "$port"
            return 0
        fi
        port=$((min + (port - min + 1) % span))
    done
    pg__err "no free TCP port found in $min-$max"
    return 1
}

pg_psql() {
    local d
    d=$(pg__abspath "$1")
    shift
    local port
    port=$(pg__running_port "$d") || { pg__err "cluster in $d is not running"; return 1; }
    pg__as_owner "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 \
        -h "$(pg__socket_dir "$d")" -p "$port" -U "$PG_SUPERUSER" -d postgres "$@"
}

# Writes DATADIR/eventbooking.conf (included from postgresql.conf).
pg__write_settings() {
    local d=$1 port=$2 sock=$3
    shift 3
    local kv name value
    {
        printf '# Written by build/lib/postgres.sh on every start; edits are overwritten.\n'
        printf "port = %s\n" "$port"
        printf "listen_addresses = '127.0.0.1'\n"
        printf "unix_socket_directories = '%s'\n" "${sock//\'/\'\'}"
        printf "unix_socket_permissions = 0700\n"
        printf "max_connections = 300\n"
        printf "timezone = 'UTC'\n"
        printf "log_timezone = 'UTC'\n"
        for kv in "$@"; do
            name=${kv%%=*}
            value=${kv#*=}
            if [[ $kv != *=* || ! $name =~ ^[A-Za-z_][A-Za-z0-9_.]*$ ]]; then
                pg__err "bad PostgreSQL setting '$kv' (expected name=value)"
                return 1
            fi
            printf "%s = '%s'\n" "$name" "${value//\'/\'\'}"
        done
    } | pg__as_owner tee "$d/eventbooking.conf" >/dev/null
    if ! grep -q "^include_if_exists = 'eventbooking.conf'" "$d/postgresql.conf"; then
        printf "\ninclude_if_exists = 'eventbooking.conf'\n" | pg__as_owner tee -a "$d/postgresql.conf" >/dev/null
    fi
}

pg_start_cluster() {
    if (($# < 2)); then
        pg__err "usage: pg_start_cluster DATADIR PORT [NAME=VALUE ...]"
        return 1
    fi
    local d port
    d=$(pg__abspath "$1")
    port=$2
    shift 2
    if [[ ! $port =~ ^[0-9]+$ ]] || ((port < 1 || port > 65535)); then
        pg__err "bad port '$port'"
        return 1
    fi
    pg_ensure_binaries || return 1
    pg__ensure_os_user || return 1

    local sock pwfile logfile
    sock=$(pg__socket_dir "$d")
    pwfile="$d.password"
    logfile="$d/server.log"
    PG_DATA=$d
    PG_SOCKET_DIR=$sock
    PG_PASSWORD_FILE=$pwfile
    PG_LOG_FILE=$logfile
    PG_CREATED=0
    PG_STARTED=0

    mkdir -p "$(dirname "$d")" || return 1
    pg__ensure_reachable "$(dirname "$d")" || return 1

    if pg__is_running "$d"; then
        PG_PORT=$(pg__running_port "$d")
        if [[ $PG_PORT != "$port" ]]; then
            pg__log "PostgreSQL in $d is already running on port $PG_PORT (not $port); reusing it"
        else
            pg__log "reusing the PostgreSQL already running on 127.0.0.1:$PG_PORT ($d)"
        fi
    else
        pg__owned_dir "$d" || return 1
        pg__owned_dir "$sock" || return 1

        if [[ ! -f $d/PG_VERSION ]]; then
            if [[ -n $(ls -A "$d") ]]; then
                pg__err "$d is not empty but holds no PostgreSQL cluster; remove it"
                return 1
            fi
            local auth_local=trust nosync=()
            # As root we connect as the OS user "postgres", so peer works;
            # otherwise rely on the socket dir being private (mode 700).
            pg__is_root && [[ $(pg__os_user) == "$PG_SUPERUSER" ]] && auth_local=peer
            local kv
            for kv in "$@"; do [[ $kv == fsync=off ]] && nosync=(--no-sync); done
            pg__log "initialising PostgreSQL cluster in $d"
            if ! pg__as_owner "$PG_BIN/initdb" -D "$d" -U "$PG_SUPERUSER" \
                --auth-host=scram-sha-256 --auth-local="$auth_local" \
                --encoding=UTF8 --locale="$(pg__locale)" "${nosync[@]}" >"$d.initdb.log" 2>&1; then
                cat "$d.initdb.log" >&2
                pg__err "initdb failed"
                return 1
            fi
            rm -f "$d.initdb.log"
            PG_CREATED=1
        fi

        pg__write_settings "$d" "$port" "$sock" "$@" || return 1

        if ! pg_port_is_free "$port"; then
            pg__err "port $port on 127.0.0.1 is already in use"
            return 1
        fi
        pg__log "starting local PostgreSQL on 127.0.0.1:$port (data: $d, log: $logfile)"
        if ! pg__as_owner "$PG_BIN/pg_ctl" -D "$d" -l "$logfile" -w -t 60 -s start >&2; then
            pg__err "PostgreSQL failed to start; last lines of $logfile:"
            pg__as_owner tail -n 30 "$logfile" >&2 || true
            return 1
        fi
        PG_STARTED=1
        PG_PORT=$port
    fi

    local i
    for ((i = 0; i < 30; i++)); do
        "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -t 2 && break
        sleep 1
    done
    if ! "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -t 2; then
        pg__err "PostgreSQL on 127.0.0.1:$PG_PORT is not accepting connections"
        return 1
    fi

    # Application role with a random password kept next to the data dir.
    local password
    if [[ -s $pwfile ]]; then
        password=$(<"$pwfile")
    else
        password=$(pg__random_hex 24)
        (umask 077 && printf '%s\n' "$password" >"$pwfile") || return 1
    fi
    chmod 600 "$pwfile" || return 1
    if [[ ! $password =~ ^[A-Za-z0-9]+$ ]]; then
        pg__err "$pwfile must hold a hex/alphanumeric password"
        return 1
    fi
    # Password goes through stdin, not the command line.
    pg_psql "$d" -f - >/dev/null <<SQL || { pg__err "could not create role $PG_APP_ROLE"; return 1; }
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_APP_ROLE') THEN
    CREATE ROLE $PG_APP_ROLE LOGIN CREATEDB;
  END IF;
END \$\$;
ALTER ROLE $PG_APP_ROLE WITH LOGIN CREATEDB PASSWORD '$password';
SQL
    export PG_BIN PG_DATA PG_PORT PG_SOCKET_DIR PG_LOG_FILE PG_PASSWORD_FILE PG_CREATED PG_STARTED
}

pg_stop_cluster() {
    local d
    d=$(pg__abspath "${1:?usage: pg_stop_cluster DATADIR}")
    [[ -f $d/PG_VERSION ]] || return 0
    if [[ -z ${PG_BIN:-} ]]; then
        PG_BIN=$(pg__find_bindir) || return 0
    fi
    pg__is_running "$d" || return 0
    pg__log "stopping PostgreSQL ($d)"
    if ! pg__as_owner "$PG_BIN/pg_ctl" -D "$d" -m fast -w -t 60 -s stop >&2; then
        pg__as_owner "$PG_BIN/pg_ctl" -D "$d" -m immediate -w -t 30 -s stop >&2 || return 1
    fi
}

pg_ensure_database() {
    local d=${1:?usage: pg_ensure_database DATADIR NAME} name=${2:?usage: pg_ensure_database DATADIR NAME}
    if [[ ! $name =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]]; then
        pg__err "bad database name '$name'"
        return 1
    fi
    local exists
    exists=$(pg_psql "$d" -At -c "SELECT 1 FROM pg_database WHERE datname = '$name'") || return 1
    if [[ $exists != 1 ]]; then
        pg__log "creating database $name"
        pg_psql "$d" -c "CREATE DATABASE \"$name\" OWNER $PG_APP_ROLE" >/dev/null || return 1
    fi
}

pg_connection_string() {
    local d db port password
    d=$(pg__abspath "${1:?usage: pg_connection_string DATADIR DBNAME [PORT]}")
    db=${2:?usage: pg_connection_string DATADIR DBNAME [PORT]}
    port=${3:-}
    if [[ -z $port ]]; then
        port=$(pg__running_port "$d") || { pg__err "cluster in $d is not running"; return 1; }
    fi
    password=$(<"$d.password") || return 1
    printf 'Host=127.0.0.1;Port=%s;Username=%s;Password=%s;Database=%s\n' \
        "$port" "$PG_APP_ROLE" "$password" "$db"
}
