#!/usr/bin/env bash
# Set up Zabta and run the whole check: ruff, mypy --strict, then the test suite on SQLite and on PostgreSQL.
# A PostgreSQL already listening on 127.0.0.1:5432 is used; otherwise a private one is started and stopped.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
export PYTHONUNBUFFERED=1
mkdir -p test-output

echo "== ruff"; .venv/bin/ruff check . && .venv/bin/ruff format --check .
echo "== mypy --strict"; .venv/bin/mypy zabta tests $(test -d bench && echo bench)

# Services the suite talks to: a Redis for the Redis task queue (and PostgreSQL below); private ones stop on exit.
ON_EXIT=()
trap 'for cmd in "${ON_EXIT[@]}"; do eval "$cmd"; done' EXIT
source scripts/redis.sh
ensure_redis

# The suite runs in parallel processes (pytest-xdist; one per core unless ZABTA_TEST_PROCESSES says otherwise).
PARALLEL=(-n "${ZABTA_TEST_PROCESSES:-auto}")

echo "== tests on SQLite"
env -u DATABASE_URL .venv/bin/pytest "${PARALLEL[@]}" "$@"

echo "== tests on PostgreSQL"
source scripts/postgres.sh
ensure_postgres
DATABASE_URL="$ZABTA_TEST_PG_URL" .venv/bin/pytest "${PARALLEL[@]}" "$@"
