"""Browsing pages (issue 16) against a 10,000-event year: p50 and p95 of warm requests, queries
and size per page; and the goal on the real data: what `/?q=疫情` shows with the sample and the
reference yearbook imported. Prints figures; a measurement, not a test.

    .venv/bin/python benchmarks/bench_browsing.py [--events 10000] [--runs 20]

It builds a scratch SQLite database (DATABASE_URL, default /tmp/chronicle-bench-browsing.sqlite3):
the busy year 2020 with `--events` events (people, organizations and section paths drawn from
small pools, as a yearbook has them) plus 300 events in each of 2015–2023, then renders each page
through Django's test client (URL, view, selectors, templates), once to warm the caches and then
`--runs` times.
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
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/chronicle-bench-browsing.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chronicle.settings")
os.environ.setdefault("DEBUG", "1")  # static files from the finders, as bench_pages.py; pages render without

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from events.models import Document, Event, EventType, Mention  # noqa: E402

TYPES = EventType.values
PEOPLE = [f"{surname}{given}" for surname in "李王张刘陈杨赵黄"
          for given in ("建国", "海燕", "书杰", "朝锋", "明川")]  # fmt: skip
ORGANIZATIONS = [f"{place}{body}" for place in ("区委", "区政府", "区政协", "西关街道", "北大街道")
                 for body in ("", "办公室", "常委会")]  # fmt: skip
SECTIONS = [f"{top} › {middle} › 【{leaf}】"
            for top in ("中共魏都区区委", "魏都区人民政府", "群团团体")
            for middle in ("综 述", "组织工作", "宣传工作")
            for leaf in ("会议纪要", "党建", "志愿服务")]  # fmt: skip
WORDS = ["防汛", "疫情防控", "安全生产", "招商引资", "文明创建", "乡村振兴"]


def populate(n_events: int) -> Document:
    rng = random.Random(2020)
    years = [(2020, n_events)] + [(year, 300) for year in range(2015, 2024) if year != 2020]
    lines, rows, offset = [], [], 0
    for year, count in years:
        for i in range(count):
            day = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(365))
            word = WORDS[i % len(WORDS)]
            title = f"区委召开第{i + 1}次会议研究{word}工作"
            line = f"{day.month}月{day.day}日，{title}。"
            lines.append(line)
            rows.append((day, title, offset, offset + len(line), f"{day.month}月{day.day}日"))
            offset += len(line) + 1
    text = "\n".join(lines)
    document = Document.objects.create(
        title="基准年鉴", text=text, content_hash=f"browse-{n_events}", year=2020
    )
    events = Event.objects.bulk_create(
        Event(
            document=document, title=title, description=title, start_date=day, end_date=day,
            date_text=written, type=TYPES[i % len(TYPES)], fingerprint=f"b-{i}",
            people=rng.sample(PEOPLE, rng.randrange(3)),
            organizations=rng.sample(ORGANIZATIONS, rng.randrange(1, 3)),
        )
        for i, (day, title, _a, _b, written) in enumerate(rows)
    )  # fmt: skip
    Mention.objects.bulk_create(
        Mention(event=event, document=document, start=a, end=b, text=text[a:b], section=rng.choice(SECTIONS),
                date_start=a, date_end=a + len(written))
        for event, (_d, _t, a, b, written) in zip(events, rows, strict=True)
    )  # fmt: skip
    return document


def measure(client: Client, url: str, runs: int) -> tuple[float, float, int, int]:
    timings, queries, size = [], 0, 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            began = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - began) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries, size = len(captured), len(response.content)
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    return statistics.median(timings), p95, queries, size


def pages(document: Document) -> list[tuple[str, str]]:
    event = Event.objects.filter(start_date__year=2020).order_by("id")[500]
    person, organization = quote(PEOPLE[0]), quote(ORGANIZATIONS[1])
    section = quote("群团团体")
    return [
        ("home (latest year, 2023)", "/"),
        ("search 防汛, every year", "/search/?q=%E9%98%B2%E6%B1%9B"),
        ("search + person facet", f"/search/?q=%E9%98%B2%E6%B1%9B&person={person}"),
        ("years index + overview", "/years/"),
        ("timeline 2020 (10,000)", "/timeline/2020/"),
        ("timeline 2020, person", f"/timeline/2020/?person={person}"),
        ("timeline 2020, type+org", f"/timeline/2020/?type=meeting&organization={organization}"),
        ("timeline 2020, section", f"/timeline/2020/?section={section}"),
        ("timeline 2020, dates", "/timeline/2020/?date_after=3%E6%9C%88&date_before=4%E6%9C%88"),
        ("calendar 2020-06", "/calendar/2020/6/"),
        ("calendar 2020-06, person", f"/calendar/2020/6/?person={person}"),
        ("on this day 6-15", "/on-this-day/6/15/"),
        ("people and organizations", "/people/"),
        ("a person's page", f"/people/{person}/"),
        ("an organization's page", f"/organizations/{organization}/"),
        ("event", f"/events/{event.pk}/"),
        ("document, part 1", f"/documents/{document.pk}/"),
        ("document, part 5", f"/documents/{document.pk}/?part=5"),
        ("document, find 防汛", f"/documents/{document.pk}/?find=%E9%98%B2%E6%B1%9B"),
    ]


def goal(client: Client) -> None:
    """The issue's goal, on the sample and the reference yearbook: /?q=疫情 from the front page."""
    corpus = ROOT.parent / "shared" / "corpus" / "weidu-yearbook-2021.txt"
    if not corpus.exists():
        print(f"goal: skipped, the reference yearbook is not at {corpus}")
        return
    Event.everything.all().delete()
    Document.objects.all().delete()
    devnull = open(os.devnull, "w")  # noqa: SIM115
    call_command("import_document", str(ROOT / "samples" / "qinghe-yearbook-sample.txt"), stdout=devnull)
    call_command("import_document", str(corpus), stdout=devnull)
    front = client.get("/").content.decode()
    response = client.get("/?q=%E7%96%AB%E6%83%85", follow=True)
    html = response.content.decode()
    import re

    counts = re.findall(r'<a href="#y(\d+)">\d+年 <b>(\d+)</b> 件</a>', html)
    shown = len(re.findall(r'<a class="ev-title"', html))
    front_year = re.search(r"<h1>(\d+)年大事记</h1>", front).group(1)
    target = response.redirect_chain[-1][0]
    print(f"goal: / shows {front_year}; /?q=疫情 → {target} → years {counts}, {shown} events listed")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    document = Document.objects.filter(content_hash=f"browse-{args.events}").first()
    if document is None:
        Event.everything.all().delete()
        Document.objects.all().delete()
        began = time.perf_counter()
        document = populate(args.events)
        print(f"populated {Event.objects.count()} events in {time.perf_counter() - began:.1f} s")
    client = Client()
    print(f"{connection.vendor}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; "
          f"{args.runs} warm runs per page")  # fmt: skip
    print(f"{'page':30} {'first ms':>8} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8} {'KB':>6}")
    with override_settings(DEBUG=False):
        for name, url in pages(document):
            began = time.perf_counter()  # cold: what this page remembers per chronology version is built
            client.get(url)
            first = (time.perf_counter() - began) * 1000
            median, p95, queries, size = measure(client, url, args.runs)
            print(f"{name:30} {first:8.1f} {median:8.1f} {p95:8.1f} {queries:8d} {size / 1024:6.0f}")
        goal(client)


if __name__ == "__main__":
    main()
