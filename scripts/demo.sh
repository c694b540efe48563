#!/usr/bin/env bash
# Installs chronicle, imports the sample yearbook into SQLite and serves it on http://127.0.0.1:8000/.
#
# Where Debian's redis-server is installed (scripts/test.sh installs it when run as root), it also
# starts Redis on loopback and one Celery worker, so that uploads are imported in the background
# as in production (docs/deployment.md); without it, uploads are imported in the request.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e .
.venv/bin/python manage.py migrate --noinput
.venv/bin/python manage.py import_document samples/qinghe-yearbook-sample.txt --title "青禾区年鉴（2024）示例"

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM
if command -v redis-server >/dev/null; then
  port=${CHRONICLE_DEMO_REDIS_PORT:-6390}
  redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --loglevel warning \
    --dir "$(mktemp -d /tmp/chronicle-demo-redis.XXXXXX)" >/dev/null &
  pids+=($!)
  export REDIS_URL="redis://127.0.0.1:$port/0"
  .venv/bin/celery -A chronicle worker --concurrency 1 --loglevel WARNING --hostname demo@%h &
  pids+=($!)
  echo "Redis on 127.0.0.1:$port and one Celery worker: uploads are imported in the background"
else
  echo "redis-server is not installed: uploads are imported in the request (apt-get install redis-server)"
fi
.venv/bin/python manage.py runserver 127.0.0.1:8000
