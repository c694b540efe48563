"""How fast the pages render: the timeline of a year with 10,000 events, a month's calendar,
an event and a document page. Prints figures; it is a measurement, not a test.

    .venv/bin/python benchmarks/bench_pages.py [--events 10000] [--runs 5]

It builds a scratch SQLite database (DATABASE_URL, default /tmp/chronicle-bench.sqlite3)
with synthetic events spread over 2020, then renders each page through Django's test
client (the full stack: URL, view, selectors, template) and prints the median time and
the number of SQL queries.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/chronicle-bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chronicle.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from events.models import Document, Event, EventType, Mention  # noqa: E402

TYPES = EventType.values
PRECISIONS = ["day"] * 8 + ["xun", "month"]


def populate(n_events: int) -> Document:
    """One document whose text states every event on its own line, and the events."""
    rng = random.Random(2020)
    lines, events = [], []
    offset = 0
    for i in range(n_events):
        day = datetime.date(2020, 1, 1) + datetime.timedelta(days=rng.randrange(366))
        precision = PRECISIONS[i % len(PRECISIONS)]
        start = end = day
        if precision == "xun":
            first = (min(day.day, 21) - 1) // 10 * 10 + 1
            start = day.replace(day=first)
            end = (
                day.replace(day=first + 9)
                if first < 21
                else (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
                - datetime.timedelta(days=1)
            )
            date_text = f"{day.month}月{'上中下'[first // 10]}旬"
        elif precision == "month":
            start = day.replace(day=1)
            end = (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1) - datetime.timedelta(
                days=1
            )
            date_text = f"{day.month}月"
        else:
            if i % 17 == 0:
                end = day + datetime.timedelta(days=2)
            date_text = f"{day.month}月{day.day}日"
        title = f"区委召开第{i + 1}次专题会议研究部署重点工作"
        line = f"{date_text}，{title}。"
        lines.append(line)
        events.append((start, end, precision, date_text, title, offset, offset + len(line)))
        offset += len(line) + 1
    text = "\n".join(lines)
    document = Document.objects.create(
        title="基准年鉴", text=text, content_hash=f"bench-{n_events}", source_encoding="utf-8", year=2020
    )
    rows = Event.objects.bulk_create(
        Event(
            document=document,
            title=title,
            description=title,
            start_date=s,
            end_date=e,
            precision=p,
            date_text=dt,
            type=TYPES[i % len(TYPES)],
            fingerprint=f"bench-{i}",
            series_name="区委专题会议" if i % 5 == 0 else "",
            series_number=i // 5 + 1 if i % 5 == 0 else None,
        )
        for i, (s, e, p, dt, title, _a, _b) in enumerate(events)
    )
    Mention.objects.bulk_create(
        Mention(
            event=row, document=document, start=a, end=b, text=text[a:b], date_start=a, date_end=a + len(dt)
        )
        for row, (_s, _e, _p, dt, _t, a, b) in zip(rows, events, strict=True)
    )
    return document


def measure(client: Client, url: str, runs: int) -> tuple[float, float, float, int, int]:
    """Median and best wall time, best CPU time of this process (less disturbed by other
    work on a shared machine; SQLite runs in-process so it includes the queries), queries, size."""
    timings, cpu, queries, size = [], [], 0, 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            began, began_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            timings.append(time.perf_counter() - began)
            cpu.append(time.process_time() - began_cpu)
        assert response.status_code == 200, (url, response.status_code)
        queries, size = len(captured), len(response.content)
    return statistics.median(timings) * 1000, min(timings) * 1000, min(cpu) * 1000, queries, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--yearbook",
        type=Path,
        default=ROOT.parent / "shared" / "corpus" / "weidu-yearbook-2021.txt",
        help="also time the page of this real document (imported with import_document), cold and warm",
    )
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    document = Document.objects.filter(content_hash=f"bench-{args.events}").first()
    if document is None:
        Document.objects.filter(content_hash__startswith="bench-").delete()
        began = time.perf_counter()
        document = populate(args.events)
        print(f"populated {args.events} events in {time.perf_counter() - began:.1f} s")
    event = Event.objects.filter(document=document, series_number=50).first() or Event.objects.first()
    client = Client()
    pages = [
        ("timeline, whole year", "/timeline/2020/"),
        ("timeline, filtered by type", "/timeline/2020/?type=meeting"),
        ("timeline, text search", "/timeline/2020/?q=%E7%AC%AC1"),
        ("calendar, one month", "/calendar/2020/6/"),
        ("event", f"/events/{event.pk}/"),
        ("document (warm cache)", f"/documents/{document.pk}/"),
    ]
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; {args.runs} runs per page")
    print(f"{'page':32} {'median ms':>10} {'best ms':>9} {'CPU ms':>8} {'queries':>8} {'KB':>8}")
    for name, url in pages:
        client.get(url)  # warm caches (templates, the document's date scan)
        median, best, cpu, queries, size = measure(client, url, args.runs)
        print(f"{name:32} {median:10.1f} {best:9.1f} {cpu:8.1f} {queries:8d} {size / 1024:8.0f}")
    if args.yearbook.exists():
        yearbook_page(client, args.yearbook)


def yearbook_page(client: Client, path: Path) -> None:
    """The reference yearbook's document page: the first view scans its dates, later ones hit the cache."""
    from django.core.cache import cache

    call_command("import_document", str(path), stdout=open(os.devnull, "w"))  # noqa: SIM115
    document = Document.objects.exclude(content_hash__startswith="bench-").order_by("-id").first()
    url = f"/documents/{document.pk}/"
    cache.clear()
    cold = measure(client, url, 1)
    warm = measure(client, url, 5)
    for name, (median, best, cpu, queries, size) in (("yearbook document, cold", cold), ("… warm", warm)):
        print(f"{name:32} {median:10.1f} {best:9.1f} {cpu:8.1f} {queries:8d} {size / 1024:8.0f}")


if __name__ == "__main__":
    main()
