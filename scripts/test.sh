#!/usr/bin/env bash
# Installs everything the tests need and runs the whole suite, on SQLite and then on PostgreSQL.
#
# As root on Debian it also installs the system packages (PostgreSQL server, Redis, Chromium, the
# CJK fonts, Tesseract OCR with its Chinese models, poppler's pdftotext/pdftoppm, LibreOffice Writer
# to render the exported 大事记 to PDF); it starts a throwaway Redis (the broker of the background
# jobs, on a free loopback port) and a throwaway PostgreSQL cluster of its own and removes them
# afterwards. Elsewhere the PostgreSQL pass and the Redis, browser and OCR tests are skipped with a
# reason, except under CI=true, where a missing piece is an error. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[dev]'

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  missing=()
  command -v chromium >/dev/null || missing+=(chromium chromium-driver)
  fc-list 2>/dev/null | grep -q "Noto Sans CJK" || missing+=(fonts-noto-cjk)
  [ -n "$(pg_bin)" ] || missing+=(postgresql)
  command -v redis-server >/dev/null || missing+=(redis-server)
  tesseract --list-langs 2>/dev/null | grep -q chi_sim || missing+=(tesseract-ocr tesseract-ocr-chi-sim)
  tesseract --list-langs 2>/dev/null | grep -q chi_tra || missing+=(tesseract-ocr-chi-tra)
  command -v pdftotext >/dev/null || missing+=(poppler-utils)
  command -v soffice >/dev/null || missing+=(libreoffice-writer-nogui)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing Debian packages: ${missing[*]}"
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

if [ "${CI:-}" = "true" ]; then
  export CHRONICLE_REQUIRE_BROWSER=1 CHRONICLE_REQUIRE_OCR=1
fi

free_port() { .venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

redis_pid=""
stop_redis() { [ -z "$redis_pid" ] || kill "$redis_pid" 2>/dev/null || true; }
trap stop_redis EXIT
if command -v redis-server >/dev/null; then
  redis_port=${CHRONICLE_TEST_REDIS_PORT:-$(free_port)}
  redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --loglevel warning \
    --dir "$(mktemp -d /tmp/chronicle-redis.XXXXXX)" >/dev/null &
  redis_pid=$!
  for _ in $(seq 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  export CHRONICLE_TEST_REDIS_URL="redis://127.0.0.1:$redis_port"
  echo "== Redis for the job tests on 127.0.0.1:$redis_port"
elif [ "${CI:-}" = "true" ]; then
  echo "redis-server is not installed: the background-job tests need it" >&2; exit 1
fi

echo "== tests on SQLite"
env -u DATABASE_URL .venv/bin/python -m pytest "$@"

PGBIN=$(pg_bin)
if [ -z "$PGBIN" ]; then
  if [ "${CI:-}" = "true" ]; then echo "PostgreSQL is not installed: cannot run the PostgreSQL pass" >&2; exit 1; fi
  echo "== PostgreSQL not installed here: skipping the PostgreSQL pass"
  exit 0
fi

pgdir=$(mktemp -d /tmp/chronicle-pg.XXXXXX)
port=${CHRONICLE_PG_PORT:-55432}
run_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$pgdir"
cleanup() { run_pg "$PGBIN/pg_ctl" -D "$pgdir/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$pgdir"; stop_redis; }
trap cleanup EXIT
run_pg "$PGBIN/initdb" -D "$pgdir/data" -U chronicle --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
run_pg "$PGBIN/pg_ctl" -D "$pgdir/data" -l "$pgdir/log" -w \
  -o "-p $port -k $pgdir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
run_pg "$PGBIN/createdb" -h 127.0.0.1 -p "$port" -U chronicle chronicle

echo "== tests on PostgreSQL"
DATABASE_URL="postgres://chronicle@127.0.0.1:$port/chronicle" .venv/bin/python -m pytest "$@"
