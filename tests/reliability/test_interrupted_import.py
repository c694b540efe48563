"""An import that is killed or fails half-way leaves the database exactly as it was.

The kill test runs `manage.py import_document` in a subprocess on a generated yearbook and
SIGKILLs it once it has started writing (seen from outside: the import holds SQLite's write lock,
or its PostgreSQL backend holds a write lock on the documents table), then
a little later on a second run. It uses a scratch SQLite file, or the test database itself
on the PostgreSQL pass.
"""
import contextlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pytest
from django.db import connection

from events.models import Document, Event, Mention
from events.parsing import extract_events
from events.services import archive, importing
from events.services.importing import document_import
from tests.factories import make_event, make_mention
from tests.reliability.rows import counts, snapshot, wipe_chronology

ROOT = Path(__file__).resolve().parent.parent.parent
TABLES = ["events_document", "events_event", "events_mention", "events_sourcefile",
          "events_historicaldocument", "events_historicalevent"]
DELETE_ORDER = ["events_mention", "events_event", "events_sourcefile", "events_document",
                "events_historicaldocument", "events_historicalevent"]
ORGS = ["区委", "区政府", "区人大常委会", "区政协", "区教育局", "区卫健委", "团区委", "区妇联", "区总工会"]
ACTS = ["召开常委会议", "举办安全生产培训班", "开展垃圾分类宣传活动", "调研营商环境工作", "走访慰问困难群众",
        "举行项目开工仪式", "召开疫情防控工作会议", "组织文明城区创建检查"]


def yearbook(lines: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    return "".join(
        f"{rng.randint(1, 12)}月{rng.randint(1, 28)}日，{rng.choice(ORGS)}{rng.choice(ACTS)}，"
        f"部署第{i}项重点任务。\n"
        for i in range(lines)
    )


class Scratch:
    """Where the subprocess imports: its DATABASE_URL, how to see that it writes, and the row counts."""

    def __init__(self, tmp_path: Path):
        if connection.vendor == "postgresql":
            s = connection.settings_dict
            auth = urllib.parse.quote(s["USER"] or "")
            if s["PASSWORD"]:
                auth += ":" + urllib.parse.quote(s["PASSWORD"])
            self.url = f"postgres://{auth}@{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}/{s['NAME']}"
        else:
            self.file = tmp_path / "scratch.sqlite3"
            self.url = f"sqlite:///{self.file}"
            connection.ensure_connection()
            with contextlib.closing(sqlite3.connect(self.file)) as copy:
                connection.connection.backup(copy)  # the migrated test database: faster than a migrate

    def env(self) -> dict[str, str]:
        return {**os.environ, "DATABASE_URL": self.url}

    def writing(self) -> bool:
        if connection.vendor == "sqlite":
            # In WAL mode the log exists while any connection is open; a writer is seen by the
            # write lock it holds from the start of its transaction (BEGIN IMMEDIATE).
            with contextlib.closing(sqlite3.connect(self.file, timeout=0, isolation_level=None)) as probe:
                try:
                    probe.execute("BEGIN IMMEDIATE")
                except sqlite3.OperationalError:
                    return True
                probe.execute("ROLLBACK")
                return False
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE "
                "c.relname = 'events_document' AND l.mode = 'RowExclusiveLock' AND l.pid <> pg_backend_pid()"
            )
            return cursor.fetchone()[0] > 0

    def counts(self) -> dict[str, int]:
        if connection.vendor == "sqlite":
            with contextlib.closing(sqlite3.connect(self.file)) as db:  # a reader rolls a hot journal back
                assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
                return {table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in TABLES}
        self.wait_for_other_writers_to_end()
        with connection.cursor() as cursor:
            counts = {}
            for table in TABLES:
                cursor.execute(f"SELECT count(*) FROM {table}")
                counts[table] = cursor.fetchone()[0]
            return counts

    def clear(self) -> None:
        if connection.vendor == "sqlite":
            with contextlib.closing(sqlite3.connect(self.file)) as db:
                for table in DELETE_ORDER:
                    db.execute(f"DELETE FROM {table}")
                db.commit()
            return
        with connection.cursor() as cursor:
            for table in DELETE_ORDER:
                cursor.execute(f"DELETE FROM {table}")

    def wait_for_other_writers_to_end(self) -> None:
        """A killed client's backend rolls back when it notices; its uncommitted rows are invisible anyway."""
        deadline = time.monotonic() + 10
        while self.writing() and time.monotonic() < deadline:
            time.sleep(0.05)


@pytest.fixture
def scratch(tmp_path, django_db_setup, django_db_blocker):
    """Outside any test transaction, so the subprocess's writes (and their absence) are visible.

    No transactional_db: its flush at the end would also drop the rows data migrations made
    (the editors group), which later tests rely on. Whatever the import left is removed instead.
    """
    with django_db_blocker.unblock():
        scratch = Scratch(tmp_path)
        yield scratch
        if connection.vendor == "postgresql":
            scratch.wait_for_other_writers_to_end()
            scratch.clear()


def test_killing_an_import_half_way_leaves_no_document_and_no_event(scratch, tmp_path):
    path = tmp_path / "yearbook.txt"
    path.write_text(yearbook(1500), encoding="utf-8")  # most of a second of writing, even in WAL mode
    empty = dict.fromkeys(TABLES, 0)
    drafts = extract_events(yearbook(1500), year=2020).drafts
    events, mentions = len(drafts), sum(len(draft.mentions) for draft in drafts)
    whole = {"events_document": 1, "events_event": events, "events_mention": mentions, "events_sourcefile": 1,
             "events_historicaldocument": 1, "events_historicalevent": events}
    assert scratch.counts() == empty
    kills = 0
    for delay in (0.0, 0.3):
        process = subprocess.Popen(
            [sys.executable, "manage.py", "import_document", str(path), "--year", "2020"],
            cwd=ROOT, env=scratch.env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 60
        while process.poll() is None and not scratch.writing() and time.monotonic() < deadline:
            time.sleep(0.002)
        time.sleep(delay)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            kills += 1
        process.communicate(timeout=30)
        if process.returncode == -signal.SIGKILL:
            # Nothing, or — where the kill came after the commit, before the process ended — all of it.
            found = scratch.counts()
            assert found == empty or (delay and found == whole), f"killed {delay}s after it began writing"
            if found == whole:
                scratch.clear()
        else:
            pytest.fail(f"the import ended ({process.returncode}) before it was killed; give it more to do")
    assert kills == 2


class Boom(RuntimeError):
    pass


def fail(*args, **kwargs):
    raise Boom("the disk filled up")


@pytest.mark.django_db
@pytest.mark.parametrize("step", ["bulk_create_with_history", "_store_mentions"])
def test_an_import_that_fails_half_way_writes_nothing(step, monkeypatch):
    event = make_event()
    make_mention(event)
    before = snapshot()
    monkeypatch.setattr(importing, step, fail)
    with pytest.raises(Boom):
        document_import(data=yearbook(50).encode("utf-8"), source_name="yearbook.txt", year=2020)
    assert snapshot() == before


@pytest.mark.django_db
def test_a_new_version_that_fails_half_way_leaves_the_old_version_whole(monkeypatch):
    document_import(data=yearbook(50, seed=1).encode("utf-8"), source_name="yearbook.txt", year=2020)
    before = snapshot()
    assert Event.objects.exists() and Mention.objects.exists()
    monkeypatch.setattr(importing, "_store_mentions", fail)
    with pytest.raises(Boom):
        document_import(data=yearbook(60, seed=2).encode("utf-8"), source_name="yearbook.txt", year=2020)
    assert snapshot() == before
    assert Document.objects.get().text == yearbook(50, seed=1)


@pytest.mark.django_db
def test_a_chronology_import_that_fails_half_way_loads_nothing(monkeypatch, tmp_path):
    from django.core.management import call_command

    event = make_event()
    make_mention(event)
    path = tmp_path / "chronology.jsonl"
    call_command("export_chronology", str(path))
    wipe_chronology()
    monkeypatch.setattr(archive, "_reset_sequences", fail)
    with pytest.raises(Boom):
        call_command("import_chronology", str(path))
    assert set(counts().values()) == {0}
