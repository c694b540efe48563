#!/usr/bin/env python3
"""Load test: a throwaway PostgreSQL, 100,000 synthetic events, gunicorn, a bounded load per endpoint.

    .venv/bin/python scripts/loadtest.py [--events 100000] [--duration 10] [--connections 8]

Without DATABASE_URL it starts its own PostgreSQL cluster in a temporary folder (as the
`postgres` user when run as root) and removes it afterwards; with DATABASE_URL it uses that
database, which must hold no chronology yet. It migrates, bulk-loads the events, serves the
product with gunicorn on 127.0.0.1 only, drives each endpoint for `--duration` seconds with
wrk (or, when wrk is not installed, a small threaded client) and prints requests/s,
p50/p95/p99 latency and errors per endpoint. Everything is bounded: the whole run stops
itself after `--timeout` seconds. Exit status 0 only when no request failed.

`scripts/query_plans.py` loads the same synthetic chronology (`load_chronology` below).
"""

from __future__ import annotations

import argparse
import calendar
import contextlib
import datetime
import hashlib
import http.client
import json
import os
import random
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

DISTRICTS = [
    "清河区",
    "海淀区",
    "朝阳区",
    "渭都区",
    "西城区",
    "东城区",
    "丰台区",
    "石景山区",
    "通州区",
    "顺义区",
]
SERIES = ["区委常委会议", "区政府常务会议", "区人大常委会会议", "区政协常委会议", "区委全会"]
ORGS = [
    "区委宣传部",
    "区教育局",
    "区卫生健康委",
    "区文化和旅游局",
    "区应急管理局",
    "区总工会",
    "团区委",
    "区妇联",
]
PEOPLE = ["王蕊", "李明", "张伟", "刘洋", "陈静", "杨帆", "赵磊", "黄婷", "周强", "吴敏"]
PLACES = ["中关村街道", "学院路", "清河街道", "西三旗", "上地", "马连洼", "四季青镇", "温泉镇"]
TOPICS = ["安全生产", "疫情防控", "垃圾分类", "文明城区创建", "营商环境", "乡村振兴", "扫黑除恶", "民生实事"]
PRECISIONS = [("day", 80), ("xun", 5), ("month", 9), ("quarter", 1), ("half", 1), ("season", 1), ("year", 3)]


# --- a throwaway PostgreSQL --------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def throwaway_postgres() -> Iterator[str]:
    """Start a PostgreSQL cluster in a temporary folder; yield its DATABASE_URL; remove it after."""
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
    if not versions:
        raise SystemExit("PostgreSQL is not installed (/usr/lib/postgresql/*/bin); set DATABASE_URL instead")
    pgbin = versions[-1]
    folder = Path(tempfile.mkdtemp(prefix="chronicle-loadtest-pg."))
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if as_postgres:
        shutil.chown(folder, "postgres")
    port = free_port()
    data = folder / "data"

    def run(*args: str) -> None:
        subprocess.run([*as_postgres, *args], check=True, stdout=subprocess.DEVNULL)

    try:
        run(
            str(pgbin / "initdb"),
            "-D",
            str(data),
            "-U",
            "chronicle",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )
        options = (
            f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
        )
        run(str(pgbin / "pg_ctl"), "-D", str(data), "-l", str(folder / "log"), "-w", "-o", options, "start")
        run(str(pgbin / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "chronicle", "chronicle")
        yield f"postgres://chronicle@127.0.0.1:{port}/chronicle"
    finally:
        subprocess.run(
            [*as_postgres, str(pgbin / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        shutil.rmtree(folder, ignore_errors=True)


# --- a synthetic chronology --------------------------------------------------------------------


@contextlib.contextmanager
def committed_tree() -> Iterator[Path]:
    """The code of HEAD in a temporary folder: what is measured is what was committed, not files
    others are editing in the working tree (static files are collected there too)."""
    folder = Path(tempfile.mkdtemp(prefix="chronicle-loadtest-src."))
    try:
        archive = subprocess.run(["git", "archive", "HEAD"], cwd=ROOT, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def setup_django(database_url: str, *, root: Path = ROOT) -> None:
    """Point this process's Django, with the code in `root`, at `database_url` and migrate it."""
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chronicle.settings")
    sys.path.insert(0, str(root))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def _interval(rng: random.Random, year: int, precision: str) -> tuple[datetime.date, datetime.date, str]:
    month = rng.randint(1, 12)
    last = calendar.monthrange(year, month)[1]
    if precision == "day":
        start = datetime.date(year, month, rng.randint(1, last))
        span = rng.choice([0] * 9 + [rng.randint(1, 4)])
        end = min(start + datetime.timedelta(days=span), datetime.date(year, 12, 31))
        text = f"{month}月{start.day}日" + (f"—{end.day}日" if span and end.month == month else "")
        return start, end, text
    if precision == "xun":
        n = rng.randint(0, 2)
        start = datetime.date(year, month, 1 + 10 * n)
        end = datetime.date(year, month, last if n == 2 else 10 + 10 * n)
        return start, end, f"{month}月{'上中下'[n]}旬"
    if precision == "month":
        return datetime.date(year, month, 1), datetime.date(year, month, last), f"{month}月"
    if precision == "quarter":
        q = rng.randint(0, 3)
        end_month = 3 * q + 3
        end = datetime.date(year, end_month, calendar.monthrange(year, end_month)[1])
        return datetime.date(year, 3 * q + 1, 1), end, f"第{'一二三四'[q]}季度"
    if precision == "half":
        if rng.random() < 0.5:
            return datetime.date(year, 1, 1), datetime.date(year, 6, 30), "上半年"
        return datetime.date(year, 7, 1), datetime.date(year, 12, 31), "下半年"
    if precision == "season":
        return datetime.date(year, 3, 1), datetime.date(year, 5, 31), "春季"
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31), f"{year}年"


def _statement(rng: random.Random, district: str, series_count: dict) -> dict:
    """One event's title, description, type and series, worded like a yearbook's 大事记."""
    kind = rng.choices(
        ["meeting", "inspection", "activity", "training", "visit", "ceremony", "media", "other"],
        [30, 15, 20, 8, 8, 5, 4, 10],
    )[0]
    org, topic, place = rng.choice(ORGS), rng.choice(TOPICS), rng.choice(PLACES)
    people = rng.sample(PEOPLE, rng.randint(0, 3))
    series_name, number = "", None
    if kind == "meeting" and rng.random() < 0.6:
        series_name = rng.choice(SERIES)
        series_count[series_name] = number = series_count.get(series_name, 0) + 1
        title = f"{district}召开{series_name}第{number}次会议"
    else:
        title = {
            "meeting": f"{org}召开{topic}工作会议",
            "inspection": f"{district}领导到{place}调研{topic}工作",
            "activity": f"{place}开展{topic}主题活动",
            "training": f"{org}举办{topic}培训班",
            "visit": f"{district}领导走访慰问{place}困难群众",
            "ceremony": f"{place}{topic}项目举行开工仪式",
            "media": f"《人民日报》报道{district}{topic}经验",
            "other": f"{district}{topic}工作通过验收",
        }[kind]
    persons = "、".join(people) or "有关负责同志"
    description = f"{title}。{persons}出席。会议（活动）围绕{topic}，研究部署{org}下一阶段重点任务。"
    return {
        "type": kind,
        "title": title,
        "description": description,
        "people": people,
        "organizations": [org],
        "place": place,
        "series_name": series_name,
        "series_number": number,
    }


def load_chronology(*, events: int, first_year: int, last_year: int, seed: int = 2020) -> dict[str, int]:
    """Bulk-load `events` synthetic events, each with its mention, into yearbooks of ten districts.

    One document per district and year, its text the events' statements in date order, so
    every mention's offsets index the document text as an import would leave them.
    """
    from django.db import transaction

    from events.models import Document, Event, Mention

    rng = random.Random(seed)
    years = list(range(first_year, last_year + 1))
    books = [(district, year) for year in years for district in DISTRICTS]
    per_book = [events // len(books) + (1 if i < events % len(books) else 0) for i in range(len(books))]
    weights = [w for _, w in PRECISIONS]
    created = {"documents": 0, "events": 0, "mentions": 0}
    for (district, year), count in zip(books, per_book, strict=True):
        series_count: dict[str, int] = {}
        drafts = []
        for _ in range(count):
            precision = rng.choices([p for p, _ in PRECISIONS], weights)[0]
            start, end, date_text = _interval(rng, year, precision)
            drafts.append((start, end, precision, date_text))
        drafts.sort()
        rows, parts, offset = [], [], 0
        for i, (start, end, precision, date_text) in enumerate(drafts):
            statement = _statement(rng, district, series_count)
            line = f"{date_text}，{statement['description']}"
            rows.append((statement, start, end, precision, date_text, offset, offset + len(line), i))
            parts.append(line + "\n")
            offset += len(line) + 1
        text = "".join(parts)
        with transaction.atomic():
            document = Document.objects.create(
                title=f"{district}年鉴（{year + 1}）",
                text=text,
                year=year,
                source_encoding="utf-8",
                content_hash=hashlib.sha256(text.encode()).hexdigest(),
                source_name=f"{district}-{year}.txt",
            )
            batch = [
                Event(
                    document=document,
                    start_date=start,
                    end_date=end,
                    precision=precision,
                    date_text=date_text,
                    calendar="lunar" if rng.random() < 0.02 else "gregorian",
                    time=rng.choice(["", "", "", "morning", "afternoon", "19:00"]),
                    fingerprint=f"synthetic-{i}",
                    **statement,
                )
                for statement, start, end, precision, date_text, _, _, i in rows
            ]
            Event.objects.bulk_create(batch, batch_size=2000)
            mentions = [
                Mention(
                    event=event,
                    document=document,
                    start=a,
                    end=b,
                    text=text[a:b],
                    section=f"{s.month}月",
                    date_start=a,
                    date_end=a + len(date_text),
                )
                for event, (_, s, _, _, date_text, a, b, _) in zip(batch, rows, strict=True)
            ]
            Mention.objects.bulk_create(mentions, batch_size=2000)
        created["documents"] += 1
        created["events"] += len(batch)
        created["mentions"] += len(mentions)
    return created


# --- load generation ---------------------------------------------------------------------------


@dataclass
class Result:
    name: str
    requests: int
    seconds: float
    errors: int
    p50: float  # milliseconds
    p95: float
    p99: float

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


WRK_SCRIPT = """
local paths = %s
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n %% #paths) + 1])
end
done = function(s, latency, requests)
  local e = s.errors
  io.write(string.format(
    'RESULT {"requests": %%d, "us": %%d, "errors": %%d, "p50": %%d, "p95": %%d, "p99": %%d}\\n',
    s.requests, s.duration, e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


def drive_with_wrk(name: str, base: str, paths: list[str], *, seconds: int, connections: int) -> Result:
    lua = WRK_SCRIPT % ("{" + ", ".join(json.dumps(p) for p in paths) + "}")
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(lua)
    try:
        out = subprocess.run(
            [
                "wrk",
                "-t",
                "1",
                "-c",
                str(connections),
                "-d",
                f"{seconds}s",
                "--timeout",
                "10s",
                "-s",
                script.name,
                base,
            ],
            capture_output=True,
            text=True,
            timeout=seconds + 30,
            check=True,
        ).stdout
    finally:
        os.unlink(script.name)
    data = json.loads(out.split("RESULT ", 1)[1].splitlines()[0])
    return Result(
        name,
        data["requests"],
        data["us"] / 1e6,
        data["errors"],
        data["p50"] / 1000,
        data["p95"] / 1000,
        data["p99"] / 1000,
    )


def drive_with_threads(name: str, base: str, paths: list[str], *, seconds: int, connections: int) -> Result:
    """The fallback client: `connections` threads with keep-alive connections, for `seconds` seconds."""
    host, port = base.removeprefix("http://").split(":")
    deadline = time.monotonic() + seconds
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()

    def worker(offset: int) -> None:
        conn = http.client.HTTPConnection(host, int(port), timeout=10)
        mine, failed, n = [], 0, offset
        while time.monotonic() < deadline:
            path = paths[n % len(paths)]
            n += 1
            began = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                failed += response.status >= 400
            except (OSError, http.client.HTTPException):
                failed += 1
                conn.close()
                conn = http.client.HTTPConnection(host, int(port), timeout=10)
            mine.append((time.perf_counter() - began) * 1000)
        conn.close()
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    began = time.monotonic()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 15)
    elapsed = time.monotonic() - began
    latencies.sort()

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(len(latencies) * p / 100))] if latencies else 0.0

    return Result(name, len(latencies), elapsed, errors[0], pct(50), pct(95), pct(99))


def endpoints(first_year: int, last_year: int) -> dict[str, list[str]]:
    """The URLs each endpoint is driven with: a spread of years and months, not one cached page."""
    years = list(range(first_year, last_year + 1))
    months = [(y, m) for y in years for m in range(1, 13)]
    return {
        "list": [f"/api/events/?year={y}&month={m}" for y, m in months[::3]]
        + [
            f"/api/events/?date_after={y}-{m:02d}-01&date_before={y}-{m:02d}-15&type=meeting"
            for y, m in months[1::3]
        ],
        "timeline": [f"/api/timeline/?year={y}" for y in years],
        "calendar": [f"/calendar/{y}/{m:02d}/" for y, m in months],
    }


# --- the run -----------------------------------------------------------------------------------


def production_env(database_url: str) -> dict[str, str]:
    """Production settings on loopback: no HTTPS redirect, and no anonymous throttle to measure."""
    return {
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,testserver",
        "SECURE_SSL_REDIRECT": "0",
        "ANON_THROTTLE_RATE": "100000000/minute",
        "LOG_LEVEL": "ERROR",
    }


def cpu_per_request(paths: dict[str, list[str]], *, rounds: int = 3) -> dict[str, tuple[float, float]]:
    """Milliseconds of this process's CPU per request, served in-process one at a time:
    (as served again, with the caches warm; with the API's response cache emptied first).

    Unlike requests/s this hardly moves when other work shares the machine, so it says what
    the code costs: 2 cores can serve at most about 2000 / ms requests per second (PostgreSQL's
    own CPU, not counted here, comes on top). The second figure is what a request costs the
    first time it is asked for after a write (pages have no response cache: both are the same).
    """
    from django.conf import settings
    from django.core.cache import caches
    from django.test import Client

    def forget() -> None:
        if "responses" in settings.CACHES:  # commits before the response cache have none
            caches["responses"].clear()

    client = Client()
    costs = {}
    for name, urls in paths.items():
        sample = urls[:: max(1, len(urls) // 10)][:10]
        for url in sample:
            client.get(url)  # warm caches
        began = time.process_time()
        for _ in range(rounds):
            for url in sample:
                client.get(url)
        warm = (time.process_time() - began) * 1000 / (rounds * len(sample))
        spent = 0.0
        for _ in range(rounds):
            for url in sample:
                forget()
                began = time.process_time()
                client.get(url)
                spent += time.process_time() - began
        costs[name] = (warm, spent * 1000 / (rounds * len(sample)))
    forget()
    return costs


@contextlib.contextmanager
def gunicorn(database_url: str, *, root: Path, workers: int, threads: int) -> Iterator[str]:
    port = free_port()
    env = {**os.environ, **production_env(database_url)}
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=root, env=env, check=True
    )
    exe = str(Path(PYTHON).parent / "gunicorn")
    server = subprocess.Popen(
        [
            exe,
            "chronicle.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--worker-class",
            "gthread",
            "--threads",
            str(threads),
            "--log-level",
            "warning",
        ],
        cwd=root,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_listening(server, port)
        yield base
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()


def _wait_until_listening(server: subprocess.Popen, port: int) -> None:
    for _ in range(150):
        if server.poll() is not None:
            raise SystemExit(f"loadtest: gunicorn exited with status {server.returncode}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
            return
        time.sleep(0.2)
    raise SystemExit("loadtest: gunicorn did not listen within 30s")


def check_paths(base: str, paths: dict[str, list[str]]) -> None:
    """Each endpoint answers 200 before it is loaded: a load test of 404s would measure nothing."""
    for name, urls in paths.items():
        for url in (urls[0], urls[-1]):
            try:
                status = urllib.request.urlopen(base + url, timeout=30).status
            except urllib.error.HTTPError as error:
                status = error.code
            if status != 200:
                raise SystemExit(f"{name}: GET {url} answered {status}, not 200; not loading it")


def _load_average() -> str:
    return " ".join(f"{n:.1f}" for n in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--first-year", type=int, default=2000)
    parser.add_argument("--last-year", type=int, default=2024)
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per endpoint")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4, help="gthread threads per worker")
    parser.add_argument(
        "--timeout", type=int, default=900, help="the whole run stops after this many seconds"
    )
    parser.add_argument("--client", choices=["auto", "wrk", "python"], default="auto")
    parser.add_argument(
        "--tree",
        choices=["head", "working"],
        default="head",
        help="serve the code committed at HEAD (default) or the working tree as it is",
    )
    parser.add_argument(
        "--reuse-data",
        action="store_true",
        help="with DATABASE_URL: keep the chronology already there instead of refusing it",
    )
    args = parser.parse_args(argv)

    def give_up(*_):
        raise SystemExit(f"loadtest: stopped after --timeout {args.timeout}s")

    signal.signal(signal.SIGALRM, give_up)
    signal.alarm(args.timeout)
    use_wrk = args.client == "wrk" or (args.client == "auto" and shutil.which("wrk"))
    drive = drive_with_wrk if use_wrk else drive_with_threads
    with contextlib.ExitStack() as stack:
        root = stack.enter_context(committed_tree()) if args.tree == "head" else ROOT
        url = os.environ.get("DATABASE_URL") or stack.enter_context(throwaway_postgres())
        began = time.monotonic()
        os.environ.update(production_env(url))  # this process too: it measures CPU per request
        setup_django(url, root=root)
        from django.db import connection

        from events.models import Event

        if Event.objects.exists() and not args.reuse_data:
            raise SystemExit("loadtest: the database already holds a chronology; give it an empty one")
        if not Event.objects.exists():
            loaded = load_chronology(events=args.events, first_year=args.first_year, last_year=args.last_year)
            print(f"loaded {loaded} in {time.monotonic() - began:.0f}s", flush=True)
        with connection.cursor() as cursor:
            # the statistics and visibility map autovacuum would leave, so index-only scans are index-only
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
        print(f"{Event.objects.count()} events in {connection.vendor}; code: {args.tree}", flush=True)
        connection.close()
        base = stack.enter_context(gunicorn(url, root=root, workers=args.workers, threads=args.threads))
        paths = endpoints(args.first_year, args.last_year)
        check_paths(base, paths)
        client = "wrk" if use_wrk else "python threads"
        print(
            f"gunicorn: {args.workers} workers x {args.threads} threads (gthread); client: {client}, "
            f"{args.connections} connections, {args.duration}s per endpoint",
            flush=True,
        )
        print("load average before: " + _load_average(), flush=True)
        costs = cpu_per_request(paths)
        connection.close()
        results = []
        for name, urls in paths.items():
            drive(name, base, urls, seconds=2, connections=args.connections)  # warm-up, not counted
            results.append(drive(name, base, urls, seconds=args.duration, connections=args.connections))
    print(
        f"{'endpoint':<10}{'requests':>10}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}"
        f"{'CPU ms/req':>12}{'uncached':>10}"
    )
    for r in results:
        print(
            f"{r.name:<10}{r.requests:>10}{r.rate:>9.1f}{r.p50:>9.1f}{r.p95:>9.1f}{r.p99:>9.1f}{r.errors:>8}"
            f"{costs[r.name][0]:>12.1f}{costs[r.name][1]:>10.1f}"
        )
    print("load average after: " + _load_average() + " (other work on this machine skews the figures)")
    return 1 if any(r.errors for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
