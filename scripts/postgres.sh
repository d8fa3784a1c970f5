#!/usr/bin/env bash
# Sourced by test.sh: find a PostgreSQL on loopback, or start a private one under var/pg (stopped on exit).

pg_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }; done
  return 1
}

ensure_postgres() {
  if command -v psql >/dev/null && psql "postgresql://postgres@127.0.0.1:5432/postgres" -tAc 'select 1' >/dev/null 2>&1; then
    export ZABTA_TEST_PG_URL="postgres://postgres@127.0.0.1:5432/zabta"
    echo "using the PostgreSQL running on 127.0.0.1:5432"
    return 0
  fi
  local bin; bin=$(pg_bin) || { echo "PostgreSQL is not installed (scripts/setup.sh test installs it)" >&2; return 1; }
  local data; data="$(pwd)/var/pg"; local port=54329
  local run_as=(); [ "$(id -u)" = 0 ] && run_as=(runuser -u postgres --)
  if [ ! -f "$data/PG_VERSION" ]; then
    mkdir -p "$data"; [ "$(id -u)" = 0 ] && chown postgres "$data"
    "${run_as[@]}" "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 >/dev/null
  fi
  "${run_as[@]}" "$bin/pg_ctl" -D "$data" -o "-p $port -k /tmp -c listen_addresses=127.0.0.1" -l "$data/log" -w start >/dev/null
  ON_EXIT+=("${run_as[*]} $bin/pg_ctl -D $data -m fast stop >/dev/null")
  export ZABTA_TEST_PG_URL="postgres://postgres@127.0.0.1:$port/zabta"
  echo "started a private PostgreSQL on 127.0.0.1:$port"
}
