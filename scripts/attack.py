#!/usr/bin/env python3
"""The load and fault suite of issue 17: every attack that once broke chronicle, run again against
the production shape on loopback, with figures.

    .venv/bin/python scripts/attack.py [--database sqlite|postgres] [--quick]

It starts, all on 127.0.0.1 and all stopped at the end: a database (a SQLite file, or a throwaway
PostgreSQL cluster), Redis (Debian's redis-server), one Celery worker and gunicorn with 2 workers
and its 30 s worker timeout (DEBUG=0). Then, one case after another:

- dates at the bounds: /calendar/9999/12/, an editor's PATCH to 9999-12-31, the ICS export and
  /calendar/ afterwards, date_after=-1 and 2020-13-01;
- bodies too large: a 6 MB PATCH, a 25 MB multipart upload;
- two imports at once (two `import_document` processes on the same database);
- readers during an import: 2 reader threads for 8 s before and during the import of a
  40,000-line upload by the Celery worker, then during a `manage.py import_document` of another
  (p50/p95 and errors each time);
- a slow upload: 100,000 dated lines (7.6 MB) through the API, which gunicorn's timeout used to
  kill: now a job, followed to its end; a 20 MB file of one repeated line: a failed job, quickly;
- the rate limit: 40 anonymous requests with forged X-Forwarded-For against a limit of 20/minute;
- schemathesis over the whole API schema against the live server (--quick: fewer examples);
- integrity at the end: every document whole (its file kept, every mention slicing its text),
  no job left running.

It prints a line per case and the number of 5xx answers in gunicorn's access log over the whole
run. Exit status 0 only when every case held and no answer was a 5xx. Bounded: every request has a
timeout, every wait a deadline, the whole run `--timeout` seconds (default 900).
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.loadtest import throwaway_postgres  # noqa: E402
from tests.reliability import stack  # noqa: E402

LINE = "{m}月{d}日，区委召开第{n}次常委会议，研究部署安全生产工作。\n"
EDITOR = """
from django.contrib.auth.models import User
from rest_framework.authtoken.models import Token
user = User.objects.create_superuser("attacker-editor", password=None)
print(Token.objects.create(user=user).key)
"""


def editor_token(env: dict) -> str:
    """A superuser's API token, made in the deployment's own database (env's DATABASE_URL)."""
    made = subprocess.run([sys.executable, "manage.py", "shell", "-c", EDITOR], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=True)
    return made.stdout.strip().splitlines()[-1]


INTEGRITY = """
from events.models import Document, ImportJob, Mention, SourceFile
broken = []
for document in Document.objects.all():
    if not SourceFile.objects.filter(document=document).exists():
        broken.append(f"document {document.pk} has no file")
    for m in Mention.objects.filter(document=document).only("start", "end", "text"):
        if document.text[m.start:m.end] != m.text:
            broken.append(f"mention {m.pk} does not slice document {document.pk}")
            break
running = ImportJob.objects.filter(status__in=["queued", "running"]).count()
print(json.dumps({"documents": Document.objects.count(), "broken": broken, "unfinished_jobs": running}))
"""


class Client:
    def __init__(self, base: str, token: str):
        self.base, self.token = base, token
        self.seen: list[int] = []

    def call(
        self,
        method: str,
        path: str,
        *,
        body: bytes | None = None,
        headers: dict | None = None,
        auth: bool = True,
        timeout: float = 60,
    ) -> tuple[int, bytes]:
        """(status, body); 599 for a connection that failed. A server may answer (413) before it
        has read a large body and close the connection: the answer is read all the same."""
        headers = dict(headers or {})
        if auth:
            headers["Authorization"] = f"Token {self.token}"
        host, port = self.base.removeprefix("http://").split(":")
        connection = http.client.HTTPConnection(host, int(port), timeout=timeout)
        try:
            try:
                connection.request(
                    method, urllib.parse.quote(path, safe="/?&=%:,+"), body=body, headers=headers
                )
            except (BrokenPipeError, ConnectionResetError):
                pass  # answered early: the response is waiting in the socket
            response = connection.getresponse()
            status, content = response.status, response.read()
        except (OSError, http.client.HTTPException) as error:  # reset, timeout: as bad as a 5xx for a reader
            status, content = 599, str(error).encode()
        finally:
            connection.close()
        self.seen.append(status)
        return status, content

    def get_followed(self, path: str) -> int:
        """The status at the end of the redirects (at most 5)."""
        for _ in range(5):
            connection = http.client.HTTPConnection(*self.base.removeprefix("http://").split(":"), timeout=60)
            connection.request("GET", path, headers={"Authorization": f"Token {self.token}"})
            response = connection.getresponse()
            response.read()
            connection.close()
            self.seen.append(response.status)
            if response.status not in (301, 302) or not response.getheader("Location"):
                return response.status
            path = urllib.parse.urlsplit(response.getheader("Location")).path
        return response.status

    def json(self, method: str, path: str, **kwargs) -> tuple[int, dict]:
        status, content = self.call(method, path, **kwargs)
        try:
            return status, json.loads(content or b"null")
        except ValueError:
            return status, {"raw": content[:200].decode("utf-8", "replace")}

    def upload(self, name: str, data: bytes, year: int = 2020) -> tuple[int, dict]:
        boundary = uuid.uuid4().hex
        body = (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="year"\r\n\r\n{year}\r\n'
                f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
                "Content-Type: application/octet-stream\r\n\r\n"
            ).encode()
            + data
            + f"\r\n--{boundary}--\r\n".encode()
        )
        return self.json(
            "POST",
            "/api/documents/",
            body=body,
            headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
            timeout=120,
        )

    def follow(self, url: str, *, seconds: float) -> tuple[dict, list[tuple]]:
        path = urllib.parse.urlsplit(url).path
        deadline, trail = time.monotonic() + seconds, []
        while time.monotonic() < deadline:
            _, job = self.json("GET", path)
            step = (
                job.get("status"),
                job.get("stage"),
                job.get("pages"),
                job.get("events"),
                job.get("progress"),
            )
            if not trail or trail[-1] != step:
                trail.append(step)
            if job.get("status") in ("done", "failed"):
                return job, trail
            time.sleep(0.2)
        return job, trail


def lines(count: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    return "".join(LINE.format(m=rng.randint(1, 12), d=rng.randint(1, 28), n=i) for i in range(count))


def multipart_field(size: int) -> tuple[bytes, str]:
    boundary = "attack"
    body = f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\n\r\n'.encode()
    return (
        body + b"x" * size + f"\r\n--{boundary}--\r\n".encode(),
        f"multipart/form-data; boundary={boundary}",
    )


# -- the cases: each returns (held, what was seen) -------------------------------------------------


def case_bounds(c: Client) -> tuple[bool, str]:
    results = {"/calendar/9999/12/": c.call("GET", "/calendar/9999/12/")[0]}
    _, listing = c.json("GET", "/api/events/?page_size=1")
    event = listing["results"][0]["id"]
    body = json.dumps({"start_date": "9999-12-31", "end_date": "9999-12-31"}).encode()
    results["PATCH 9999-12-31"] = c.call(
        "PATCH", f"/api/events/{event}/", body=body, headers={"Content-Type": "application/json"}
    )[0]
    status, ics = c.call("GET", "/api/events/?format=ics")
    results["ics whole"] = status == 200 and ics.endswith(b"END:VCALENDAR\r\n")
    results["/calendar/"] = c.get_followed("/calendar/")  # a redirect to the latest month
    for query in ("date_after=-1", "date_after=2020-13-01"):
        results[query] = c.call("GET", f"/api/events/?{query}")[0]
    held = (
        results["/calendar/9999/12/"] == 404
        and results["PATCH 9999-12-31"] == 400
        and results["ics whole"]
        and results["/calendar/"] == 200
        and results["date_after=-1"] == results["date_after=2020-13-01"] == 400
    )
    return held, ", ".join(f"{k}: {v}" for k, v in results.items())


def case_bodies(c: Client) -> tuple[bool, str]:
    _, listing = c.json("GET", "/api/events/?page_size=1")
    event = listing["results"][0]["id"]
    patch = c.call(
        "PATCH",
        f"/api/events/{event}/",
        body=b'{"title": "' + b"x" * (6 * 2**20) + b'"}',
        headers={"Content-Type": "application/json"},
    )
    body, content_type = multipart_field(25 * 2**20)
    upload = c.call("POST", "/api/documents/", body=body, headers={"Content-Type": content_type})
    held = patch[0] == 413 and upload[0] == 413 and b"detail" in patch[1]
    return held, f"6 MB PATCH: {patch[0]}, 25 MB upload: {upload[0]}"


def case_two_imports(env: dict, work: Path) -> tuple[bool, str]:
    paths = []
    for n in range(2):
        path = work / f"together-{n}.txt"
        path.write_text(lines(8000, seed=50 + n), encoding="utf-8")
        paths.append(path)
    began = time.monotonic()
    processes = [
        subprocess.Popen(
            [sys.executable, "manage.py", "import_document", str(p), "--year", "2020"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for p in paths
    ]
    outcomes = [p.communicate(timeout=300) + (p.returncode,) for p in processes]
    seconds = time.monotonic() - began
    held = all(code == 0 and "locked" not in err for _, err, code in outcomes)
    detail = "; ".join(f"exit {code} {(out or err).strip()[:70]}" for out, err, code in outcomes)
    return held, f"both in {seconds:.1f} s: {detail}"


# What readers ask for while an import runs: the pages and API reads a visitor makes, on the demo's
# year (2024; the imports of the other cases fill 2020).
READS = [
    "/api/events/?year=2024&page_size=20",
    "/api/events/?date_after=2024-03-01&date_before=2024-06-30",
    "/api/timeline/?year=2024",
    "/timeline/2024/",
    "/calendar/2024/03/",
    "/api/events/?q=青禾",
    "/api/documents/",
]


def read_load(c: Client, seconds: float, threads: int = 2) -> dict:
    latencies, errors, lock = [], [0], threading.Lock()
    deadline = time.monotonic() + seconds

    def reader(offset: int) -> None:
        mine, failed, n = [], 0, offset
        while time.monotonic() < deadline:
            began = time.perf_counter()
            status, _ = c.call("GET", READS[n % len(READS)], timeout=30)
            mine.append((time.perf_counter() - began) * 1000)
            failed += status >= 500
            n += 1
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    workers = [threading.Thread(target=reader, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(seconds + 60)
    latencies.sort()
    return {
        "requests": len(latencies),
        "errors": errors[0],
        "p50": statistics.median(latencies),
        "p95": latencies[int(len(latencies) * 0.95)],
        "max": latencies[-1],
    }


def case_readers_during_import(c: Client, env: dict, work: Path) -> tuple[bool, str, dict]:
    """Readers before and while a 40,000-line upload is imported by the Celery worker (the way
    imports run in production), then while `manage.py import_document` imports another, at the
    command's normal priority (shown, not judged: it is an operator's command, not the product's
    background work)."""
    idle = read_load(c, 8)
    status, job = c.upload("big-upload.txt", lines(40000, seed=7).encode())
    assert status == 202, job
    during = read_load(c, 8)
    job, _ = c.follow(job["url"], seconds=600)
    path = work / "big-import.txt"
    path.write_text(lines(40000, seed=8), encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "manage.py", "import_document", str(path), "--year", "2020"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(1)
    command = read_load(c, 8)
    out, err = process.communicate(timeout=600)
    ratio = during["p95"] / idle["p95"]
    held = job.get("status") == "done" and process.returncode == 0 and ratio <= 2
    held = held and idle["errors"] == during["errors"] == command["errors"] == 0
    figures = {"idle": idle, "during_job": during, "during_command": command, "ratio": ratio}

    def shown(f: dict) -> str:
        return f"p50 {f['p50']:.0f} p95 {f['p95']:.0f} ms ({f['requests']} requests, {f['errors']} errors)"

    return (
        held,
        (
            f"idle {shown(idle)}; during the upload's job {shown(during)}, p95 ratio {ratio:.2f}; during "
            f"import_document {shown(command)}, p95 ratio {command['p95'] / idle['p95']:.2f}; "
            f"job {job.get('status')}, command: {(out or err).strip()[:50]}"
        ),
        figures,
    )


def case_slow_upload(c: Client, quick: bool) -> tuple[bool, str]:
    count = 20000 if quick else 99000
    data = lines(count, seed=9).encode()
    began = time.monotonic()
    status, job = c.upload("hundred-thousand-lines.txt", data)
    answered = time.monotonic() - began
    if status != 202:
        return False, f"upload answered {status}: {job}"
    job, trail = c.follow(job["url"], seconds=600)
    took = time.monotonic() - began
    held = job.get("status") == "done" and job.get("events") == count and answered < 30
    stages = " → ".join(f"{s}/{st or '-'} {p}%" for s, st, _, _, p in trail[:8])
    return held, (
        f"{len(data) / 2**20:.1f} MB, {count:,} lines: 202 in {answered:.1f} s, job {job.get('status')} "
        f"after {took:.0f} s with {job.get('events')} events ({stages})"
    )


def case_repeated_line(c: Client) -> tuple[bool, str]:
    data = LINE.format(m=1, d=27, n=1) * (20 * 2**20 // len(LINE.format(m=1, d=27, n=1).encode()))
    data = data.encode()[: 20 * 2**20 - 1000]
    began = time.monotonic()
    status, job = c.upload("one-line.txt", data)
    if status != 202:
        return False, f"upload answered {status}"
    job, _ = c.follow(job["url"], seconds=300)
    took = time.monotonic() - began
    held = job.get("status") == "failed" and "too many" in job.get("error", "") and took < 60
    return held, f"{len(data) / 2**20:.1f} MB: job {job.get('status')} in {took:.1f} s: {job.get('error')}"


def case_rate_limit(c: Client) -> tuple[bool, str]:
    statuses = [
        c.call("GET", "/api/series/", auth=False, headers={"X-Forwarded-For": f"198.51.100.{n}, 10.1.{n}.1"})[
            0
        ]
        for n in range(40)
    ]
    held = statuses.count(200) == 20 and statuses.count(429) == 20
    return (
        held,
        f"40 requests with 40 forged addresses, limit 20/minute: {statuses.count(200)} × 200, "
        f"{statuses.count(429)} × 429",
    )


def case_schemathesis(base: str, token: str, quick: bool) -> tuple[bool, str]:
    command = [
        str(stack.BIN / "schemathesis"),
        "run",
        f"{base}/api/schema/",
        "--checks",
        "not_a_server_error",
        "--max-examples",
        "10" if quick else "40",
        "--header",
        f"Authorization: Token {token}",
        "--request-timeout",
        "30",
        "--suppress-health-check",
        "all",
        "--exclude-method",
        "POST",
    ]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=900)
    tail = [line for line in done.stdout.splitlines() if line.strip()][-3:]
    return done.returncode == 0, " | ".join(tail)[:300]


def case_integrity(env: dict) -> tuple[bool, str]:
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", "import json\n" + INTEGRITY],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    found = json.loads(done.stdout.strip().splitlines()[-1])
    held = not found["broken"] and found["unfinished_jobs"] == 0
    return (
        held,
        f"{found['documents']} documents, {len(found['broken'])} broken, "
        f"{found['unfinished_jobs']} jobs unfinished {found['broken'][:3]}",
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument(
        "--quick", action="store_true", help="smaller uploads and fewer schemathesis examples"
    )
    parser.add_argument("--timeout", type=int, default=1800)
    parser.add_argument("--json", help="write the figures here too")
    args = parser.parse_args()
    signal.signal(signal.SIGALRM, lambda *_: (_ for _ in ()).throw(SystemExit("attack: --timeout reached")))
    signal.alarm(args.timeout)
    work = Path(tempfile.mkdtemp(prefix="chronicle-attack."))
    results, figures = [], {}
    with contextlib.ExitStack() as running:
        if args.database == "postgres":
            database = running.enter_context(throwaway_postgres())
        else:
            database = f"sqlite:///{work / 'attack.sqlite3'}"
        redis_url = running.enter_context(stack.redis_server(database=5))
        env = stack.production_env(database, redis_url, ANON_THROTTLE_RATE="20/minute")
        stack._migrate(database)
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
        token = editor_token(env)
        subprocess.run(
            [
                sys.executable,
                "manage.py",
                "import_document",
                "samples/qinghe-yearbook-sample.txt",
                "--year",
                "2024",
            ],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        subprocess.run(
            [
                sys.executable,
                "manage.py",
                "import_document",
                str(_write(work / "seed.txt", 3000)),
                "--year",
                "2020",
            ],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        running.enter_context(stack.celery_workers(env, ["attack"], log=work / "celery.log"))
        access = work / "access.log"
        base = running.enter_context(_gunicorn(env, access))
        c = Client(base, token)
        print(
            f"attack on {args.database}: gunicorn 2 workers (timeout 30 s) at {base}, 1 Celery worker, Redis "
            f"{redis_url}; load average {os.getloadavg()[0]:.1f}",
            flush=True,
        )

        def run(name, function, *parameters):
            began = time.monotonic()
            outcome = function(*parameters)
            held, seen = outcome[0], outcome[1]
            if len(outcome) > 2:
                figures[name] = outcome[2]
            results.append((name, held))
            print(
                f"{'held ' if held else 'BROKE'} {name} ({time.monotonic() - began:.0f} s): {seen}",
                flush=True,
            )

        run("rate limit, forged X-Forwarded-For", case_rate_limit, c)
        run("dates at the bounds", case_bounds, c)
        run("bodies too large", case_bodies, c)
        run("two imports at once", case_two_imports, env, work)
        run("readers during an import", case_readers_during_import, c, env, work)
        run("slow upload as a job", case_slow_upload, c, args.quick)
        run("20 MB of one repeated line", case_repeated_line, c)
        run("schemathesis, every endpoint", case_schemathesis, base, token, args.quick)
        run("integrity", case_integrity, env)
    server_errors = _count_5xx(access)
    print(
        f"5xx answers in gunicorn's access log over the whole run: {server_errors}; "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {
                    "database": args.database,
                    "results": results,
                    "figures": figures,
                    "server_errors": server_errors,
                },
                indent=1,
            )
        )
    return 0 if all(held for _, held in results) and server_errors == 0 else 1


def _write(path: Path, count: int) -> Path:
    path.write_text(lines(count, seed=3), encoding="utf-8")
    return path


@contextlib.contextmanager
def _gunicorn(env: dict, access: Path):
    port = stack.free_port()
    server = subprocess.Popen(
        [
            str(stack.BIN / "gunicorn"),
            "chronicle.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--timeout",
            "30",
            "--access-logfile",
            str(access),
            "--access-logformat",
            "%(s)s %(m)s %(U)s",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(300):
            with (
                contextlib.suppress(OSError),
                urllib.request.urlopen(f"http://127.0.0.1:{port}/documents/", timeout=2),
            ):
                break
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()


def _count_5xx(access: Path) -> int:
    if not access.exists():
        return 0
    return sum(1 for line in access.read_text().splitlines() if line[:1] == "5")


if __name__ == "__main__":
    sys.exit(main())
