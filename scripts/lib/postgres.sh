# shellcheck shell=bash
# PostgreSQL 15 clusters for local runs, tests and benchmarks. Source this file.
#
# A cluster lives in one directory DIR: DIR/data is its data directory,
# DIR/postgres.log its log, and its unix socket is in DIR. It listens on
# 127.0.0.1 only, on the port given at start, and trusts local connections
# (user postgres, no password): it is for this machine's tests and demos only.
# As root, the server programs run as the postgres user (initdb refuses root).
#
#   dir=$(mktemp -d); port=$(free_port)
#   pg_create_cluster "$dir" throwaway && pg_start "$dir" "$port"
#   pg_create_database "$dir" "$port" superapp
#   export DATABASE_URL=$(pg_url "$port" superapp)
#   ...; pg_stop "$dir"

PG_BIN_DIR=${PG_BIN_DIR:-/usr/lib/postgresql/15/bin}

# Prints a TCP port on 127.0.0.1 that nothing listens on right now.
free_port() {
    node -e 'const s = require("net").createServer();
s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

# Succeeds when PORT can be bound on 127.0.0.1 right now.
port_is_free() {
    node -e 'const s = require("net").createServer();
s.once("error", () => process.exit(1));
s.listen(Number(process.argv[1]), "127.0.0.1", () => s.close());' "$1"
}

# Runs a command as the cluster's owner: postgres when we are root, else us.
pg_as_owner() {
    if ((EUID == 0)); then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# Creates a cluster in DIR unless one is already there. With "throwaway" as
# second argument it trades durability for speed (no fsync), for tests.
pg_create_cluster() {
    local dir kind=${2:-persistent}
    dir=$(realpath -m "$1")
    if [[ -f $dir/data/PG_VERSION ]]; then
        return 0
    fi
    mkdir -p "$dir"
    if ((EUID == 0)); then
        chown postgres: "$dir"
        if ! runuser -u postgres -- test -w "$dir"; then
            echo "postgres: user postgres cannot reach $dir (a parent directory is not searchable)" >&2
            return 1
        fi
    fi
    pg_as_owner "$PG_BIN_DIR/initdb" -D "$dir/data" --username=postgres --auth=trust \
        --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 || {
        echo "postgres: initdb failed in $dir/data:" >&2
        cat "$dir/initdb.log" >&2
        return 1
    }
    {
        echo "listen_addresses = '127.0.0.1'"
        echo "max_connections = 300"
        echo "log_min_messages = warning"
        if [[ $kind == throwaway ]]; then
            echo "fsync = off"
            echo "synchronous_commit = off"
            echo "full_page_writes = off"
        fi
    } | pg_as_owner tee -a "$dir/data/postgresql.conf" >/dev/null
}

# Succeeds when the cluster in DIR is running.
pg_is_running() {
    pg_as_owner "$PG_BIN_DIR/pg_ctl" -D "$1/data" status >/dev/null 2>&1
}

# Starts the cluster in DIR on PORT (nothing happens when it already runs)
# and waits until it accepts connections.
pg_start() {
    local dir port=$2
    dir=$(realpath -m "$1")
    if ! pg_is_running "$dir"; then
        pg_as_owner "$PG_BIN_DIR/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" \
            -o "-p $port -k '$dir'" -w -t 60 start >/dev/null || {
            echo "postgres: the cluster in $dir did not start; its log:" >&2
            tail -n 30 "$dir/postgres.log" >&2
            return 1
        }
    fi
    pg_wait_ready "$dir" "$port"
}

# Waits (up to 30 s) until the cluster in DIR answers on PORT.
pg_wait_ready() {
    local dir=$1 port=$2 i
    for ((i = 0; i < 300; i++)); do
        if "$PG_BIN_DIR/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres; then
            return 0
        fi
        sleep 0.1
    done
    echo "postgres: the cluster in $dir is not ready on port $port" >&2
    return 1
}

# Creates database NAME in the cluster on PORT unless it exists.
pg_create_database() {
    local dir port=$2 name=$3 exists
    dir=$(realpath -m "$1")
    # shellcheck disable=SC2016  # :'name' is psql's quoting, not the shell's
    exists=$("$PG_BIN_DIR/psql" -h "$dir" -p "$port" -U postgres -d postgres -XtAq \
        -v name="$name" <<<'SELECT 1 FROM pg_database WHERE datname = :'"'"'name'"'"';')
    if [[ $exists != 1 ]]; then
        "$PG_BIN_DIR/createdb" -h "$dir" -p "$port" -U postgres "$name"
    fi
}

# Prints the connection URL of database NAME on PORT.
pg_url() {
    echo "postgresql://postgres@127.0.0.1:$1/$2"
}

# Stops the cluster in DIR (fast: open sessions are cut) when it runs.
pg_stop() {
    local dir=$1
    if [[ -f $dir/data/postmaster.pid ]] && pg_is_running "$dir"; then
        pg_as_owner "$PG_BIN_DIR/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null
    fi
}
