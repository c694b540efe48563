"""Settings come from the environment, with safe development defaults and a clean deploy check."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"}}
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=full_env, capture_output=True, text=True
    )


def test_deploy_check_is_clean_in_production_settings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="chronicle.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret():
    result = run_manage("check", DEBUG="0", ALLOWED_HOSTS="chronicle.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_a_malformed_boolean_is_named():
    result = run_manage("check", DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr


@pytest.mark.parametrize(
    ("url", "engine"),
    [
        ("sqlite:////tmp/chronicle-test.sqlite3", "django.db.backends.sqlite3"),
        ("postgres://u:p@127.0.0.1:5432/chronicle", "django.db.backends.postgresql"),
    ],
)
def test_database_url_chooses_the_engine(url, engine):
    code = "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
    env = {k: v for k, v in os.environ.items()}
    env.update(DATABASE_URL=url, DJANGO_SETTINGS_MODULE="chronicle.settings")
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.stdout.strip() == engine, result.stderr


def test_default_database_is_sqlite_in_the_project_root():
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["DJANGO_SETTINGS_MODULE"] = "chronicle.settings"
    code = (
        "import django; django.setup(); "
        "from django.conf import settings; print(settings.DATABASES['default']['NAME'])"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.stdout.strip() == str(ROOT / "db.sqlite3"), result.stderr


def test_a_server_process_freezes_what_it_loaded_before_its_first_request():
    import gc

    import chronicle.wsgi  # noqa: F401 - what gunicorn imports

    try:
        assert gc.get_freeze_count() > 10_000  # Django, the URL conf, dateparser's tables
    finally:
        gc.unfreeze()


def test_an_import_lowers_its_cpu_priority_to_the_workers_and_never_raises_it():
    script = (
        "import os\n"
        "from chronicle.celery import yield_to_readers\n"
        "yield_to_readers(); first = os.getpriority(os.PRIO_PROCESS, 0)\n"
        "yield_to_readers(); print(first, os.getpriority(os.PRIO_PROCESS, 0))\n"
    )
    result = run_manage("shell", "-c", script, CHRONICLE_WORKER_NICE="7")
    assert result.returncode == 0, result.stderr
    expected = max(7, os.getpriority(os.PRIO_PROCESS, 0))  # an import in this process may have set 10
    assert result.stdout.strip().splitlines()[-1] == f"{expected} {expected}"
