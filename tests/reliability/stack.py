"""The production shape on one machine, for tests and the attack suite: Redis, Celery workers and
gunicorn, all on loopback, sharing one database.

`redis_server()` starts a throwaway `redis-server` (Debian's) on a free port, or uses
CHRONICLE_TEST_REDIS_URL (scripts/test.sh starts one); `celery_workers()` and `gunicorn()` start
the processes with the given environment and stop them (by their own process ids) afterwards.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_missing() -> str | None:
    """Why no Redis can be had here, or None."""
    if os.environ.get("CHRONICLE_TEST_REDIS_URL") or shutil.which("redis-server"):
        return None
    return "redis-server is not installed (Debian: apt-get install redis-server)"


def _ping(port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
        sock.sendall(b"PING\r\n")
        return sock.recv(16).startswith(b"+PONG")
    return False


@contextlib.contextmanager
def redis_server(database: int = 0) -> Iterator[str]:
    """A Redis URL: CHRONICLE_TEST_REDIS_URL's server, or one started here for the duration."""
    given = os.environ.get("CHRONICLE_TEST_REDIS_URL")
    if given:
        yield f"{given.rstrip('/')}/{database}"  # given without a database number: redis://host:port
        return
    port = free_port()
    folder = tempfile.mkdtemp(prefix="chronicle-redis.")
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", folder, "--loglevel", "warning"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while not _ping(port):
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"redis-server did not start on port {port}")
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/{database}"
    finally:
        server.terminate()
        server.wait(10)
        shutil.rmtree(folder, ignore_errors=True)


def _stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in processes:
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


@contextlib.contextmanager
def celery_workers(env: dict[str, str], names: list[str], *, log: Path | None = None,
                   concurrency: int = 1) -> Iterator[list[subprocess.Popen]]:
    """One `celery worker` process per name, each with `concurrency` child processes."""
    processes = []
    output = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115 - closed below
    try:
        for name in names:
            processes.append(subprocess.Popen(
                [str(BIN / "celery"), "-A", "chronicle", "worker", "--loglevel", "WARNING", "--concurrency",
                 str(concurrency), "--hostname", f"{name}@%h", "--without-gossip", "--without-mingle",
                 "--without-heartbeat"],
                cwd=ROOT, env=env, stdout=output, stderr=output,
            ))
        yield processes
    finally:
        _stop(processes)
        if log:
            output.close()


@contextlib.contextmanager
def gunicorn(env: dict[str, str], *, workers: int = 2, timeout: int = 30) -> Iterator[str]:
    """gunicorn serving chronicle on a free loopback port, as the README's production section does."""
    port = free_port()
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "chronicle.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
         "--timeout", str(timeout), "--log-level", "warning"],
        cwd=ROOT, env=env,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
                break
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not start")
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        _stop([server])


def production_env(database_url: str, redis_url: str | None, **extra: str) -> dict[str, str]:
    env = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "0", "SECRET_KEY": "x" * 60,
           "ALLOWED_HOSTS": "127.0.0.1,localhost", "SECURE_SSL_REDIRECT": "0", "SESSION_COOKIE_SECURE": "0",
           "CSRF_COOKIE_SECURE": "0", "LOG_LEVEL": "ERROR", **extra}
    env.pop("REDIS_URL", None)
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


@contextlib.contextmanager
def scratch_database(folder: Path) -> Iterator[str]:
    """A new, migrated database of the kind the tests run on (DATABASE_URL): a SQLite file in
    `folder`, or a PostgreSQL database created beside the test database and dropped afterwards."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        url = f"sqlite:///{folder / 'stack.sqlite3'}"
        _migrate(url)
        yield url
        return
    import psycopg

    base, _, _ = url.rpartition("/")
    name = f"chronicle_stack_{os.getpid()}_{int(time.time())}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        _migrate(f"{base}/{name}")
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _migrate(url: str) -> None:
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT,
                   env={**os.environ, "DATABASE_URL": url}, check=True, timeout=300)
