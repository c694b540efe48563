"""Screenshots of the import jobs in the admin, for docs/screenshots/admin-jobs*.png.

    .venv/bin/python scripts/screenshots_jobs.py [--document PATH] [--out docs/screenshots]

Makes a scratch SQLite database without Redis (jobs run in process), imports the reference
yearbook as an upload job, lets a file of one repeated line fail as a job, and leaves one job
half-way through a PDF's pages as a worker would while reading it; then runs the development
server and photographs the jobs' list, the running job and the failed one with Playwright
driving Debian's /usr/bin/chromium.
"""

from __future__ import annotations

import argparse
import os
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from scripts.screenshots import CHROMIUM, CHROMIUM_ARGS, DEFAULT_DOCUMENT, free_port, wait_for  # noqa: E402


def prepare(document: Path, password: str) -> dict[str, str]:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    from events.models import ImportJob, JobStage, JobStatus
    from events.services.jobs import import_job_create

    editor = get_user_model().objects.create_superuser("editor", password=password)
    import_job_create(data=document.read_bytes(), file_name=document.name, user=editor)
    failed = import_job_create(data=("1月1日，区委召开常委会议。\n" * 160_000).encode(),
                               file_name="one-line-repeated.txt", user=editor)
    running = ImportJob.objects.create(
        user=editor, file_name="yearbook-300.pdf", size=433_690, status=JobStatus.RUNNING,
        stage=JobStage.READING, pages=122, total_pages=305, started_at=timezone.now(), worker="worker-2",
    )
    return {
        "admin-jobs": "/admin/events/importjob/",
        "admin-job-running": f"/admin/events/importjob/{running.pk}/change/",
        "admin-job-failed": f"/admin/events/importjob/{failed.pk}/change/",
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--document", type=Path, default=DEFAULT_DOCUMENT)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/shots-jobs.sqlite3"
    os.environ["REDIS_URL"] = ""  # jobs run in process: the pictures need no worker
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chronicle.settings")
    password = secrets.token_urlsafe(12)  # a throwaway login for the scratch database
    pages = prepare(args.document, password)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=os.environ.copy(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(port)
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 800}, locale="zh-CN")
            page.goto(f"http://127.0.0.1:{port}/admin/login/")
            page.fill("#id_username", "editor")
            page.fill("#id_password", password)
            page.click("input[type=submit]")
            for name, url in pages.items():
                page.goto(f"http://127.0.0.1:{port}{url}")
                page.screenshot(path=str(args.out / f"{name}.png"), full_page=True)
                print(f"{name}: {url}")
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
