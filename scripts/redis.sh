#!/usr/bin/env bash
# Sourced by test.sh: find a Redis on loopback for the Redis task-queue tests, or start a private one (stopped on exit).

ensure_redis() {
  if command -v redis-cli >/dev/null && [ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = PONG ]; then
    export ZABTA_TEST_REDIS_URL="redis://127.0.0.1:6379/15"
    echo "using the Redis running on 127.0.0.1:6379 (database 15)"
    return 0
  fi
  command -v redis-server >/dev/null || { echo "Redis is not installed (scripts/setup.sh test installs it)" >&2; return 1; }
  local port=63799 dir; dir="$(pwd)/var/redis"; mkdir -p "$dir"
  redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --save "" --appendonly no --dir "$dir" \
    --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
  for _ in $(seq 50); do [ "$(redis-cli -p "$port" ping 2>/dev/null)" = PONG ] && break; sleep 0.1; done
  ON_EXIT+=("redis-cli -p $port shutdown nosave >/dev/null 2>&1 || true")
  export ZABTA_TEST_REDIS_URL="redis://127.0.0.1:$port/0"
  echo "started a private Redis on 127.0.0.1:$port"
}
