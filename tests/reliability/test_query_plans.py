"""The main reads can be served from an index on both databases, whatever the data's size.

Each read's SQL is captured as the selectors run it and explained. On PostgreSQL sequential
scans are switched off for the check, so the test asks whether an index *can* serve the read,
not what the planner picks for a small table; on SQLite the plan of an un-ANALYZEd table is
already index-first. docs/query-plans.md shows the plans over 100,000 events
(scripts/query_plans.py).
"""
import datetime
import re

import pytest
from django.db import connection

from events import selectors
from events.models import Event
from tests.factories import make_document

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def chronology():
    """Three years of events of every precision, type and a series, in two documents."""
    documents = [make_document(year=2019), make_document(year=2020)]
    events, n = [], 0
    for year in (2019, 2020, 2021):
        for month in range(1, 13):
            for day, kind in ((3, "meeting"), (17, "activity")):
                n += 1
                start = D(year, month, day)
                events.append(Event(
                    document=documents[n % 2], title=f"事件{n}", start_date=start, end_date=start,
                    type=kind, series_name="区委常委会议" if kind == "meeting" else "",
                    series_number=n if kind == "meeting" else None, fingerprint=f"plan-{n}",
                ))
            events.append(Event(
                document=documents[0], title=f"月{n}", start_date=D(year, month, 1),
                end_date=D(year, month, 28), precision="month", fingerprint=f"plan-month-{year}-{month}",
            ))
    Event.objects.bulk_create(events)
    if connection.vendor == "postgresql":
        # Statistics, as autovacuum keeps them in production: without them PostgreSQL takes a
        # just-filled table for one row, where every index costs the same and MAX(id) may read
        # the whole dates index instead of the primary key's last entry.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE events_event, events_document, events_mention, events_historicalevent, "
                           "events_historicaldocument, events_historicalmention")
    return documents


def statements(call) -> list[tuple[str, tuple]]:
    captured = []

    def record(execute, sql, params, many, context):
        captured.append((sql, tuple(params or ())))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        call()
    return captured


def whole_table_reads(call) -> list[str]:
    """The plans of the statements `call()` runs that read all of events_event, once warm.

    The first call fills caches (the longest event's length is one aggregate over every event,
    recomputed only after a write); what matters is what every later request reads.
    """
    call()
    found = []
    total = Event.objects.count()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
        for sql, params in statements(call):
            if "events_event" not in sql:
                continue
            if connection.vendor == "postgresql":
                cursor.execute("EXPLAIN ANALYZE " + sql, params)
                plan = [row[0] for row in cursor.fetchall()]
                if any(_reads_nearly_all(line, total) for line in plan):
                    found.append("\n".join(plan))
            else:
                cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
                plan = [row[3] for row in cursor.fetchall()]
                stops_early = " LIMIT " in sql and not any("TEMP B-TREE" in line for line in plan)
                # events_event itself, not the text index (events_event_search, an FTS5 lookup)
                if any(re.match(r"SCAN events_event\b", line) for line in plan) and not stops_early:
                    found.append(sql[:200] + "\n" + "\n".join(plan))
    return found


def _reads_nearly_all(line: str, total: int) -> bool:
    """A PostgreSQL scan node on events_event that returns nine rows in ten or more: a Seq Scan,
    or an index scan without a range on the index's leading column."""
    scanned = re.search(r" on events_event .*actual time=\S+ rows=(\d+) loops=(\d+)", line)
    return bool(scanned) and int(scanned[1]) * int(scanned[2]) >= 0.9 * total


def page(**filters):
    def read():
        qs = selectors.event_list(**filters)
        return qs.count(), list(qs[:20])

    return read


READS = {
    "a date range": page(date_after=D(2020, 3, 1), date_before=D(2020, 3, 31)),
    "from a date on, newest first": page(date_after=D(2020, 3, 1), ordering="-start_date"),
    "up to a date": page(date_before=D(2019, 6, 30)),
    "a year": page(year=2020),
    "a month": page(year=2020, month=3),
    "a type in a date range": page(type="meeting", date_after=D(2020, 3, 1), date_before=D(2020, 6, 30)),
    "a series": page(series="区委常委会议"),
    "a word, every year": page(q="事件1"),
    "two words in a year": page(q="事件 1", year=2020),
    "a timeline year": lambda: selectors.timeline_months(year=2020, per_month=10),
    "a calendar month": lambda: selectors.calendar_month(year=2020, month=3),
}


@pytest.mark.parametrize("read", READS.values(), ids=READS.keys())
def test_the_main_reads_use_an_index(read, chronology):
    assert whole_table_reads(read) == []


def test_a_documents_events_use_an_index(chronology):
    assert whole_table_reads(page(document=chronology[0].pk)) == []


def test_the_latest_year_uses_an_index(chronology):
    assert whole_table_reads(selectors.latest_event_year) == []


def test_the_check_sees_a_read_of_the_whole_table(chronology):
    """A filter on a column no index leads with is caught, so a passing test above means something."""
    assert whole_table_reads(lambda: list(Event.objects.filter(place="").order_by("id")))
