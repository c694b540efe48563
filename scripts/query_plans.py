#!/usr/bin/env python3
"""The query plans of the chronology's main reads, on SQLite and on PostgreSQL, over ~100k events.

    .venv/bin/python scripts/query_plans.py [--events 100000] [--database both|sqlite|postgresql]

For each database it migrates a scratch database (a temporary SQLite file; for PostgreSQL
the DATABASE_URL when it names one, which must hold no chronology, else a throwaway cluster
started like scripts/loadtest.py's), bulk-loads the load test's synthetic chronology, runs
ANALYZE, then calls the selectors the API and the pages use and prints, for every SQL
statement they run, the plan: EXPLAIN QUERY PLAN on SQLite, EXPLAIN (ANALYZE, BUFFERS) on
PostgreSQL. Statements that read the whole events table are marked FULL SCAN. The output
is Markdown; docs/query-plans.md is one run of it.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import loadtest  # noqa: E402 - the synthetic chronology and the throwaway PostgreSQL live there

D = datetime.date


def operations() -> list[tuple[str, object]]:
    """(what a user does, the call that reads it), as the API's list, the timeline and the calendar do."""
    from events import selectors
    from events.models import Document, Event

    document = Document.objects.order_by("id")[len(loadtest.DISTRICTS) * 20]  # a yearbook of 2020

    def page(**filters):
        qs = selectors.event_list(**filters)
        return lambda: (qs.count(), list(qs[:20]))

    return [
        (
            "overlapping a date range (March 2020), count and first page",
            page(date_after=D(2020, 3, 1), date_before=D(2020, 3, 31)),
        ),
        ("overlapping a date range, newest first", page(date_after=D(2020, 3, 1), ordering="-start_date")),
        ("year=2020", page(year=2020)),
        ("year=2020&month=3", page(year=2020, month=3)),
        (
            "type=meeting in March 2020",
            page(type="meeting", date_after=D(2020, 3, 1), date_before=D(2020, 3, 31)),
        ),
        ("series=区委常委会议", page(series="区委常委会议")),
        (f"document={document.pk}", page(document=document.pk)),
        ("the whole chronology, first page (no filter)", page()),
        ("text search q=垃圾分类 in 2020", page(q="垃圾分类", year=2020)),
        ("text search q=垃圾分类 over every year", page(q="垃圾分类")),
        ("timeline of 2020 (10 events a month)", lambda: selectors.timeline_months(year=2020, per_month=10)),
        ("calendar grid of March 2020", lambda: selectors.calendar_month(year=2020, month=3)),
        ("latest year with events (the home page)", selectors.latest_event_year),
        (
            "series overview of one document's series",
            lambda: selectors.series_overview(queryset=Event.objects.filter(document=document)),
        ),
    ]


def capture(call) -> list[tuple[str, tuple]]:
    """The SQL statements (with their parameters) that `call()` runs."""
    from django.db import connection

    statements: list[tuple[str, tuple]] = []

    def record(execute, sql, params, many, context):
        statements.append((sql, tuple(params or ())))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        call()
    return statements


def explain(sql: str, params: tuple) -> list[str]:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
            return [row[0] for row in cursor.fetchall()]
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        rows = cursor.fetchall()
        took = []
        for _ in range(3):
            began = time.perf_counter()
            cursor.execute(sql, params)
            cursor.fetchall()
            took.append((time.perf_counter() - began) * 1000)
    depth = {0: -1}
    lines = []
    for node, parent, _, detail in rows:
        depth[node] = depth.get(parent, -1) + 1
        lines.append("  " * depth[node] + detail)
    return lines + [f"(run time, best of 3: {min(took):.2f} ms)"]


def full_scan(sql: str, plan: list[str], events: int) -> bool:
    """Whether a step reads the whole events table or one of its indexes end to end.

    SQLite says SCAN (not SEARCH) for that, unless a LIMIT stops a scan already in the right
    order; PostgreSQL shows a scan node on events_event that returns at least half of the
    rows, whether a Seq Scan or an index scan without a bound.
    """
    stops_early = " LIMIT " in sql and not any("TEMP B-TREE" in line for line in plan)
    for line in plan:
        if re.search(r"\bSCAN events_event\b", line) and not stops_early:
            return True
        scanned = re.search(r" on events_event .*actual time=\S+ rows=(\d+) loops=(\d+)", line)
        if scanned and int(scanned[1]) * int(scanned[2]) >= events / 2:
            return True
    return False


def shown(sql: str, params: tuple) -> str:
    """The statement as a reader wants it: the column list cut, the parameters in place."""
    sql = re.sub(r"^SELECT (?!COUNT)(?:DISTINCT )?.*? FROM ", "SELECT … FROM ", sql, count=1)
    for value in params:
        if isinstance(value, datetime.date):
            value = value.isoformat()
        sql = sql.replace("%s", repr(str(value) if isinstance(value, str) else value), 1)
    return sql


def report(events: int, root: Path) -> None:
    """Runs inside a child whose DATABASE_URL is the scratch database, with the code in `root`."""
    loadtest.setup_django(os.environ["DATABASE_URL"], root=root)
    from django.db import connection

    from events.models import Document

    if Document.objects.exists():
        raise SystemExit("query_plans: the database already holds a chronology; give it an empty one")
    loaded = loadtest.load_chronology(events=events, first_year=2000, last_year=2024)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
        cursor.execute("select sqlite_version()" if connection.vendor == "sqlite" else "show server_version")
        version = cursor.fetchone()[0]
    name = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}[connection.vendor]
    print(f"## {name} {version}\n")
    print(
        f"{loaded['events']} events and {loaded['mentions']} mentions in {loaded['documents']} documents "
        f"(2000–2024), after {'VACUUM ANALYZE' if connection.vendor == 'postgresql' else 'ANALYZE'}.\n"
    )
    for title, call in operations():
        statements = capture(call)
        print(f"### {title}\n")
        for sql, params in statements:
            plan = explain(sql, params)
            mark = " — **reads all of events_event**" if full_scan(sql, plan, loaded["events"]) else ""
            print(f"```sql\n{shown(sql, params)}\n```\n")
            print(f"Plan{mark}:\n\n```\n" + "\n".join(plan) + "\n```\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--database", choices=["both", "sqlite", "postgresql"], default="both")
    parser.add_argument(
        "--tree",
        choices=["head", "working"],
        default="head",
        help="the code committed at HEAD (default) or the working tree",
    )
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        report(args.events, args.child)
        return 0
    given = os.environ.get("DATABASE_URL", "")
    with contextlib.ExitStack() as stack:
        root = stack.enter_context(loadtest.committed_tree()) if args.tree == "head" else loadtest.ROOT
        for vendor in ["sqlite", "postgresql"] if args.database == "both" else [args.database]:
            with tempfile.TemporaryDirectory(prefix="chronicle-plans.") as folder:
                if vendor == "sqlite":
                    _child(f"sqlite:///{folder}/plans.sqlite3", args.events, root)
                elif given.startswith("postgres"):
                    _child(given, args.events, root)
                else:
                    with loadtest.throwaway_postgres() as url:
                        _child(url, args.events, root)
    return 0


def _child(url: str, events: int, root: Path) -> None:
    env = {**os.environ, "DATABASE_URL": url}
    command = [sys.executable, __file__, "--child", str(root), "--events", str(events)]
    subprocess.run(command, env=env, check=True, timeout=900)


if __name__ == "__main__":
    sys.exit(main())
