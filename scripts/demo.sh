#!/usr/bin/env bash
# Set up Zabta and run it with demo data on the embedded default (SQLite, database task queue).
# Usage: scripts/demo.sh [--port 8000] [--personnel N]
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=8000; PERSONNEL=3000
while [ $# -gt 0 ]; do
  case "$1" in
    --port) PORT="$2"; shift 2 ;;
    --personnel) PERSONNEL="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
scripts/setup.sh demo
export ZABTA_DEBUG="${ZABTA_DEBUG:-false}"
.venv/bin/zabta migrate -v 0
.venv/bin/zabta collectstatic --noinput -v 0
.venv/bin/zabta demo --personnel "$PERSONNEL" --url "http://127.0.0.1:$PORT/"
.venv/bin/zabta demo-posts  # a few hundred posts in four languages; the worker in `serve` screens them into the queue
exec .venv/bin/zabta serve --host 127.0.0.1 --port "$PORT"
