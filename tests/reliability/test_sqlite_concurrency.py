"""SQLite as chronicle opens it: WAL, so readers never wait for a writer, and one writer at a time,
so a second writer waits its turn instead of failing with 'database is locked'. On a real file,
from processes of their own (the test database is in memory and has no journal)."""
import contextlib
import sqlite3
import subprocess
import sys
import time

import pytest
from django.db import connection

from tests.reliability import stack

READ = """
import time
from events.models import Document, Event
began = time.monotonic()
count = Event.objects.count(), Document.objects.count()
print(count[1], round(time.monotonic() - began, 3))
"""
WRITE = """
import sys, time
from django.db import transaction
from events.models import Document
print("ready", flush=True)
began = time.monotonic()
with transaction.atomic():
    Document.objects.create(title="second writer", text="x", content_hash=str(time.time()))
print(round(time.monotonic() - began, 3))
"""
PRAGMAS = """
from django.db import connection
with connection.cursor() as cursor:
    print(*(cursor.execute(f"PRAGMA {name}").fetchone()[0] for name in ("journal_mode", "busy_timeout")))
"""


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's journal and locks; PostgreSQL is unchanged")
    with stack.scratch_database(tmp_path_factory.mktemp("sqlite")) as url:
        yield url, url.removeprefix("sqlite:///")


def shell(url: str, script: str) -> str:
    env = {**stack.production_env(url, None), "DEBUG": "1"}
    done = subprocess.run([sys.executable, "manage.py", "shell", "-c", script], cwd=stack.ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


def test_the_file_is_in_wal_mode_with_a_busy_timeout(database):
    url, _ = database
    assert shell(url, PRAGMAS) == "wal 60000"


@contextlib.contextmanager
def an_import_writing(path: str):
    """A writer in the middle of a transaction, as an import is while it stores its events; it
    commits when the block ends."""
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO events_document (title, text, content_hash, source_encoding, source_name, "
                   "format, pages, imported_at, review_notes) VALUES ('first', 'x', ?, '', '', 'text', '[]', "
                   "'2020-01-01', '[]')", (str(time.time()),))
    try:
        yield
    finally:
        writer.execute("COMMIT")
        writer.close()


def documents(path: str) -> int:
    with contextlib.closing(sqlite3.connect(path)) as db:
        return db.execute("SELECT count(*) FROM events_document").fetchone()[0]


def test_a_reader_reads_the_last_commit_while_a_writer_holds_the_lock(database):
    url, path = database
    before = documents(path)
    with an_import_writing(path):
        seen, seconds = shell(url, READ).split()
    assert int(seen) == before, "the uncommitted document is not seen"
    assert float(seconds) < 0.5, "the reader did not wait for the writer"
    assert documents(path) == before + 1


def test_a_second_writer_waits_for_the_first_instead_of_failing(database):
    url, path = database
    before = documents(path)
    env = {**stack.production_env(url, None), "DEBUG": "1"}
    with an_import_writing(path):
        second = subprocess.Popen([sys.executable, "manage.py", "shell", "-c", WRITE], cwd=stack.ROOT,
                                  env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert "ready" in (line.strip() for line in iter(second.stdout.readline, ""))  # after the shell's
        time.sleep(1.5)  # the second writer is waiting for the lock now
    out, err = second.communicate(timeout=60)
    assert second.returncode == 0, err
    assert float(out.strip().splitlines()[-1]) > 1.0, "it waited for the first writer's commit"
    assert documents(path) == before + 2
