# shellcheck shell=bash
# Throwaway Redis instances for tests and benchmarks. Source this file.
#
# An instance lives in one directory DIR (pid file, log, working directory),
# listens on 127.0.0.1:PORT only, and keeps nothing on disk.
#
#   redis_start "$dir" "$port"; export REDIS_URL=$(redis_url "$port"); ...; redis_stop "$dir"

# Starts redis-server in the background and waits (up to 10 s) for its PONG.
redis_start() {
    local dir=$1 port=$2 i
    mkdir -p "$dir"
    redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no \
        --daemonize yes --pidfile "$dir/redis.pid" --dir "$dir" \
        --logfile "$dir/redis.log" >/dev/null
    for ((i = 0; i < 100; i++)); do
        if [[ $(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null) == PONG ]]; then
            return 0
        fi
        sleep 0.1
    done
    echo "redis: not answering on port $port; its log:" >&2
    tail -n 20 "$dir/redis.log" >&2 2>/dev/null || true
    return 1
}

# Prints the URL of the instance on PORT.
redis_url() {
    echo "redis://127.0.0.1:$1"
}

# Stops the instance started in DIR and waits (up to 10 s) for it to exit.
redis_stop() {
    local dir=$1 pid i
    [[ -f $dir/redis.pid ]] || return 0
    pid=$(<"$dir/redis.pid")
    kill -TERM "$pid" 2>/dev/null || return 0
    for ((i = 0; i < 100; i++)); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
}
