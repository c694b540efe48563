"""Background jobs and parallel imports (issue 17), measured: prints figures, asserts nothing.

    .venv/bin/python benchmarks/bench_jobs.py [--database postgres|sqlite] [--files 8] [--lines 6000]
                                              [--pages 300] [--skip-pdf]

1. A 300-page two-column PDF yearbook (set with tests/formats/documents.py) uploaded through the
   API to gunicorn and one Celery worker: the 202's time, then the job's progress as the upload
   page's bar shows it (stage, pages read of all, events, percent) every ~2 s, and the total.
2. `--files` yearbooks of `--lines` dated lines uploaded at once, imported by one Celery worker and
   then, on a fresh database, by two: wall time from the first upload to the last job's end, and
   the speed-up. Goal: two workers >= 1.7x one.
3. The same files as a folder through `manage.py import_document DIR --jobs 1` and `--jobs 2`.

Everything runs on loopback: Redis (redis-server), a throwaway PostgreSQL cluster (or SQLite files),
gunicorn and the workers are started here and stopped at the end.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.attack import Client, editor_token, lines  # noqa: E402
from scripts.loadtest import throwaway_postgres  # noqa: E402
from tests.reliability import stack  # noqa: E402


@contextlib.contextmanager
def database(kind: str, work: Path, name: str):
    if kind == "sqlite":
        url = f"sqlite:///{work / (name + '.sqlite3')}"
        stack._migrate(url)
        yield url
    else:
        with throwaway_postgres() as url:
            stack._migrate(url)
            yield url


@contextlib.contextmanager
def deployment(kind: str, work: Path, name: str, redis_url: str, workers: int):
    with database(kind, work, name) as url:
        # Throughput, not manners: workers keep their CPU priority here (the attack suite measures
        # readers beside niced workers).
        env = stack.production_env(url, redis_url, CHRONICLE_WORKER_NICE="0")
        token = editor_token(env)
        names = [f"{name}-w{n + 1}" for n in range(workers)]
        with (
            stack.celery_workers(env, names, log=work / f"{name}.log") as processes,
            stack.gunicorn(env) as base,
        ):
            _wait_for_workers(env, workers)
            yield Client(base, token), [p.pid for p in processes], url


def cpu_seconds(roots: list[int]) -> float:
    """User + system CPU of these processes and all their descendants alive now (/proc)."""
    parents, times = {}, {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry.name)] = int(fields[1])
        times[int(entry.name)] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def descends(pid: int) -> bool:
        while pid > 1:
            if pid in roots:
                return True
            pid = parents.get(pid, 0)
        return False

    return sum(seconds for pid, seconds in times.items() if descends(pid))


def _wait_for_workers(env: dict, count: int) -> None:
    import json

    for _ in range(120):
        ping = [str(stack.BIN / "celery"), "-A", "chronicle", "inspect", "ping", "--timeout", "1", "--json"]
        done = subprocess.run(ping, cwd=ROOT, env=env, capture_output=True, text=True, timeout=30)
        if done.returncode == 0 and len(json.loads(done.stdout or "{}")) >= count:
            return
        time.sleep(0.5)
    raise SystemExit("the Celery workers did not answer")


def pdf_yearbook(pages: int, work: Path) -> bytes:
    from tests.formats import documents

    path = work / f"yearbook-{pages}.pdf"
    cached = Path(tempfile.gettempdir()) / f"chronicle-bench-yearbook-{pages}-v2.pdf"
    if cached.exists():
        return cached.read_bytes()
    count = pages * 43 + 200  # 1,000 lines set ~23.3 pages
    data = documents.two_column_pdf(
        documents.blocks_from_text(lines(count, seed=300)),
        heads=("青禾区年鉴·2021", "大事记"),
        first_number=1,
    )
    path.write_bytes(data)
    cached.write_bytes(data)
    return data


def bench_pdf(kind: str, work: Path, redis_url: str, pages: int) -> None:
    began = time.monotonic()
    data = pdf_yearbook(pages, work)
    import pypdfium2

    count = len(pypdfium2.PdfDocument(data))
    print(
        f"1. a {count}-page PDF ({len(data) / 2**20:.1f} MB, set in {time.monotonic() - began:.0f} s) "
        f"through the API, one worker, {kind}:"
    )
    with deployment(kind, work, "pdf", redis_url, 1) as (client, _, _):
        began = time.monotonic()
        status, job = client.upload("yearbook-300.pdf", data, year=2020)
        print(
            f"   POST /api/documents/ answered {status} in {time.monotonic() - began:.2f} s: "
            f"job {job.get('id')}, {job.get('status')}"
        )
        path, shown = urlpath(job["url"]), None
        while time.monotonic() - began < 1800:
            _, job = client.json("GET", path)
            line = (
                f"   {time.monotonic() - began:6.1f} s  {job['status']:<8} {job['stage'] or '-':<10} "
                f"pages {job['pages']:>3}/{job['total_pages']:<3} events {job['events']:>6}  "
                f"{job['progress']:>3}%"
            )
            if line.split("s ", 1)[1] != shown:
                print(line, flush=True)
                shown = line.split("s ", 1)[1]
            if job["status"] in ("done", "failed"):
                break
            time.sleep(0.25)
        print(f"   total {time.monotonic() - began:.1f} s: {job['summary'] or job['error']}")


def urlpath(url: str) -> str:
    import urllib.parse

    return urllib.parse.urlsplit(url).path


def files(count: int, size: int) -> dict[str, bytes]:
    return {f"book-{n}.txt": lines(size, seed=1000 + n).encode() for n in range(count)}


def bench_workers(kind: str, work: Path, redis_url: str, books: dict[str, bytes], rounds: int) -> None:
    took: dict[int, list[float]] = {1: [], 2: []}
    for workers in [1, 2] * rounds:  # interleaved: other work on the machine falls on both
        name = f"workers{workers}-{len(took[workers])}"
        with deployment(kind, work, name, redis_url, workers) as (client, pids, _):
            began, cpu = time.monotonic(), cpu_seconds(pids)
            urls = []
            for name, data in books.items():
                status, job = client.upload(name, data)
                assert status == 202, job
                urls.append(urlpath(job["url"]))
            # One request for all the jobs, twice a second: polling each job would take CPU from them.
            while time.monotonic() - began < 1800:
                _, listing = client.json("GET", "/api/jobs/?page_size=100")
                if all(job["status"] in ("done", "failed") for job in listing["results"]):
                    break
                time.sleep(0.5)
            took[workers].append(time.monotonic() - began)
            cpu = cpu_seconds(pids) - cpu
            print(
                f"   {workers} worker{'s' if workers > 1 else ''}: {took[workers][-1]:.1f} s; workers' CPU "
                f"{cpu:.1f} s ({cpu / len(books):.2f} s a job), {cpu / took[workers][-1]:.2f} cores on avg. "
                f"(load average {os.getloadavg()[0]:.1f})",
                flush=True,
            )
    one, two = min(took[1]), min(took[2])
    print(f"   speed-up of two workers over one (best of {rounds} each): {one / two:.2f}x (goal >= 1.7)")


def bench_folder(kind: str, work: Path, books: dict[str, bytes]) -> None:
    folder = work / "folder"
    folder.mkdir(exist_ok=True)
    for name, data in books.items():
        (folder / name).write_bytes(data)
    took = {}
    for jobs in (1, 2):
        with database(kind, work, f"folder{jobs}") as url:
            env = {**os.environ, "DATABASE_URL": url, "CHRONICLE_WORKER_NICE": "0"}
            began = time.monotonic()
            done = subprocess.run(
                [
                    sys.executable,
                    "manage.py",
                    "import_document",
                    str(folder),
                    "--jobs",
                    str(jobs),
                    "--year",
                    "2020",
                ],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=1800,
            )
            took[jobs] = time.monotonic() - began
            print(
                f"   --jobs {jobs}: {took[jobs]:.1f} s ({done.stdout.strip().splitlines()[-1]})", flush=True
            )
    print(f"   speed-up of --jobs 2 over --jobs 1: {took[1] / took[2]:.2f}x")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--files", type=int, default=8)
    parser.add_argument("--lines", type=int, default=6000)
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--skip-pdf", action="store_true")
    parser.add_argument("--rounds", type=int, default=2, help="runs of one and of two workers, interleaved")
    parser.add_argument("--skip-folder", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="chronicle-bench-jobs."))
    print(
        f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}, database {args.database}", flush=True
    )
    with stack.redis_server(database=7) as redis_url:
        if not args.skip_pdf:
            bench_pdf(args.database, work, redis_url, args.pages)
        books = files(args.files, args.lines)
        print(
            f"2. {args.files} uploads of {args.lines:,} dated lines each "
            f"({sum(map(len, books.values())) / 2**20:.1f} MB), Celery workers of one process each, "
            f"{args.database}:",
            flush=True,
        )
        bench_workers(args.database, work, redis_url, books, args.rounds)
        if args.skip_folder:
            return 0
        print(
            f"3. the same {args.files} files as a folder: import_document DIR --jobs N, {args.database}:",
            flush=True,
        )
        bench_folder(args.database, work, books)
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
