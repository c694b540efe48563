"""Screenshots of the editors' pages in the admin, for docs/screenshots/admin-*.png.

    .venv/bin/python scripts/screenshots_editors.py [--document PATH] [--out docs/screenshots]

Imports the reference yearbook and a short news digest restating some of its events (so that
duplicates are suggested) into a scratch SQLite database, makes an editor, corrects and rejects
a few events, runs the development server and photographs the admin's front page, an event's
change form, a suggested duplicate, the 大事记 page and the week's changes with Playwright
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

    call_command("migrate", verbosity=0)
    from events.chronicle_book import entry_text
    from events.models import DuplicateSuggestion, Event
    from events.services.compiling import event_reject
    from events.services.editing import event_correct
    from events.services.importing import document_import

    yearbook = document_import(data=document.read_bytes(), source_name=document.name).document
    year = yearbook.year
    chosen = [
        e
        for e in Event.objects.filter(document=yearbook, precision="day").order_by("start_date")
        if e.start_date == e.end_date and len(entry_text(e)) > 20
    ][5:25:2]
    lines = [f"{year}年要闻摘编", ""]
    for index, event in enumerate(chosen):
        day = event.start_date.day + (1 if index % 3 == 0 else 0)
        lines += [f"{event.start_date.month}月{day}日讯　据报道，{entry_text(event)}", ""]
    document_import(data="\n".join(lines).encode(), source_name="要闻摘编.txt", year=year)
    editor = get_user_model().objects.create_superuser("editor", password=password)
    events = list(Event.objects.filter(document=yearbook).order_by("start_date")[:6])
    event_correct(event=events[0], user=editor, changes={"date": "腊月二十七"})
    event_reject(event=events[1], user=editor, reason="是计划，不是已发生的事")
    event_correct(event=events[2], user=editor, changes={"title": events[2].title + "（核对后）"})
    conflict = DuplicateSuggestion.objects.exclude(first__start_date=models_f("second__start_date")).first()
    suggestion = conflict or DuplicateSuggestion.objects.first()
    return {
        "admin-index": "/admin/",
        "admin-event": f"/admin/events/event/{events[0].pk}/change/",
        "admin-duplicate": f"/admin/events/duplicatesuggestion/{suggestion.pk}/decide/",
        "admin-duplicates": "/admin/events/duplicatesuggestion/",
        "admin-chronicle": "/admin/events/event/chronicle/",
        "admin-activity": "/admin/events/event/activity/",
        "admin-queue": "/admin/events/event/?queue=unreviewed",
    }


def models_f(name: str):
    from django.db.models import F

    return F(name)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--document", type=Path, default=DEFAULT_DOCUMENT)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/shots-editors.sqlite3")
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
            page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
            page.goto(f"http://127.0.0.1:{port}/admin/login/")
            page.fill("#id_username", "editor")
            page.fill("#id_password", password)
            page.click("input[type=submit]")
            for name, url in pages.items():
                page.goto(f"http://127.0.0.1:{port}{url}")
                page.screenshot(path=str(args.out / f"{name}.png"), full_page=name != "admin-queue")
                print(f"{name}: {url}")
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
