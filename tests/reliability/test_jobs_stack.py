"""The deployment of docs/deployment.md on one machine: gunicorn (2 workers) and two Celery workers
sharing one database and one Redis. Uploads answer 202 at once and are imported by whichever
worker is free; progress shows while they run; a bad file fails its job and stores nothing; the
anonymous rate limit is one count for both web workers, whatever X-Forwarded-For says.

The database is a new one of the kind the suite runs on (a SQLite file, or a PostgreSQL database
beside the test database, dropped afterwards). Redis is Debian's redis-server, started here
or by scripts/test.sh; without it these tests are skipped (a failure under CI).
"""
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

import pytest

from tests.reliability import stack
from tests.reliability.test_interrupted_import import yearbook

USERNAME = "stack-editor"


def need_redis() -> None:
    reason = stack.redis_missing()
    if reason is None:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"Redis is required under CI: {reason}")
    pytest.skip(reason)


def manage(env: dict, *args: str) -> str:
    done = subprocess.run([sys.executable, "manage.py", *args], cwd=stack.ROOT, env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


MAKE_EDITOR = f"""
from django.contrib.auth.models import Permission, User
from rest_framework.authtoken.models import Token
user = User.objects.create_user({USERNAME!r})
user.user_permissions.add(*Permission.objects.filter(codename__in=["add_document", "view_document"]))
print(Token.objects.create(user=user).key)
"""


def wait_for_workers(env: dict, count: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ping = [str(stack.BIN / "celery"), "-A", "chronicle", "inspect", "ping", "--timeout", "1", "--json"]
        done = subprocess.run(ping, cwd=stack.ROOT, env=env, capture_output=True, text=True, timeout=30)
        if done.returncode == 0 and len(json.loads(done.stdout or "{}")) >= count:
            return
        time.sleep(0.5)
    raise RuntimeError("the Celery workers did not answer within 60 s")


@pytest.fixture(scope="module")
def deployed(tmp_path_factory):
    need_redis()
    folder = tmp_path_factory.mktemp("stack")
    with stack.scratch_database(folder) as database_url, stack.redis_server(database=3) as redis_url:
        env = stack.production_env(database_url, redis_url, ANON_THROTTLE_RATE="5/minute")
        token = manage(env, "shell", "-c", MAKE_EDITOR).splitlines()[-1]
        with stack.celery_workers(env, ["w1", "w2"], log=folder / "celery.log"), stack.gunicorn(env) as base:
            wait_for_workers(env, 2)
            yield {"base": base, "token": token, "env": env, "log": folder / "celery.log"}


def request(deployed, path: str, *, data: bytes | None = None, headers: dict | None = None, token=True):
    headers = dict(headers or {})
    if token:
        headers["Authorization"] = f"Token {deployed['token']}"
    call = urllib.request.Request(deployed["base"] + path, data=data, headers=headers)
    try:
        with urllib.request.urlopen(call, timeout=60) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def upload(deployed, name: str, data: bytes):
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"year\"\r\n\r\n2020\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
            "Content-Type: application/octet-stream\r\n\r\n").encode()
    body += data + f"\r\n--{boundary}--\r\n".encode()
    return request(deployed, "/api/documents/", data=body,
                   headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})


def follow(deployed, urls: list[str], *, seconds: int = 180) -> tuple[dict[str, dict], set[str]]:
    """Poll the jobs until all have ended; the last answer for each, and every (status, stage) seen."""
    last, seen = {}, set()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for url in urls:
            status, job = request(deployed, urllib.parse.urlsplit(url).path)
            assert status == 200, job
            last[url] = job
            seen.add((job["status"], job["stage"]))
        if all(job["status"] in ("done", "failed") for job in last.values()):
            return last, seen
        time.sleep(0.1)
    raise AssertionError(f"jobs still running after {seconds} s: {last}")


def test_uploads_answer_202_at_once_and_two_workers_share_the_jobs(deployed):
    files = {f"stack-{n}.txt": yearbook(800, seed=100 + n).encode() for n in range(4)}
    urls = []
    for name, data in files.items():
        began = time.monotonic()
        status, job = upload(deployed, name, data)
        assert status == 202, job
        assert time.monotonic() - began < 5, "the upload waits for no import"
        assert job["status"] in ("queued", "running") and job["document"] is None
        urls.append(job["url"])
    jobs, seen = follow(deployed, urls)
    assert {job["status"] for job in jobs.values()} == {"done"}, [job["error"] for job in jobs.values()]
    assert {job["worker"].split("@")[0] for job in jobs.values()} == {"w1", "w2"}, "both workers took jobs"
    assert {stage for status, stage in seen if status == "running"} & {"reading", "extracting", "storing"}
    for job in jobs.values():
        assert job["events"] > 500 and job["pages"] == 0 and job["progress"] == 100
        status, document = request(deployed, f"/api/documents/{job['document']['id']}/")
        assert status == 200 and document["event_count"] == job["events"]


def test_a_bad_file_fails_its_job_with_the_reason_and_stores_nothing(deployed):
    status, job = upload(deployed, "stack-bad.bin", b"\x00\x01\x02\xff" * 1000)
    assert status == 202
    jobs, _ = follow(deployed, [job["url"]])
    failed = jobs[job["url"]]
    assert failed["status"] == "failed" and failed["document"] is None
    assert failed["error"].startswith("binary file, not text"), failed["error"]
    _, documents = request(deployed, "/api/documents/?page_size=500")
    assert "stack-bad.bin" not in {document["source_name"] for document in documents["results"]}


def test_the_anonymous_rate_limit_is_shared_by_the_web_workers_and_ignores_forged_addresses(deployed):
    statuses = []
    for n in range(12):
        status, _ = request(deployed, "/api/series/", token=False,
                            headers={"X-Forwarded-For": f"10.0.0.{n}, 192.0.2.{n}"})
        statuses.append(status)
    assert statuses.count(200) == 5 and statuses.count(429) == 7, statuses
