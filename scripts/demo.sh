#!/usr/bin/env bash
# Installs chronicle, imports the sample yearbook into SQLite and serves it on http://127.0.0.1:8000/.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e .
.venv/bin/python manage.py migrate --noinput
.venv/bin/python manage.py import_document samples/qinghe-yearbook-sample.txt --title "青禾区年鉴（2024）示例"
exec .venv/bin/python manage.py runserver 127.0.0.1:8000
