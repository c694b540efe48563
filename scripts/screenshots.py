"""Screenshots of the four pages from the reference yearbook, for docs/screenshots/.

    .venv/bin/python scripts/screenshots.py [--document PATH] [--out docs/screenshots]

Imports the document into a scratch SQLite database (/tmp/shots.sqlite3, or DATABASE_URL),
runs the development server on 127.0.0.1, and photographs the timeline, a month's calendar,
an event and the document with Playwright driving Debian's /usr/bin/chromium (no browser
download). Re-run it after changing templates or CSS.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DOCUMENT = ROOT.parent / "shared" / "corpus" / "weidu-yearbook-2021.txt"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"the server did not start on port {port}")


def pick_pages() -> dict[str, str]:
    """The URLs worth showing: the latest year, its busiest month, a well-sourced meeting."""
    import django

    django.setup()
    from django.db.models import Count

    from events import selectors
    from events.models import Document, Event

    if selectors.latest_event_year() is None:
        raise SystemExit("no events were imported: nothing to photograph")
    # The year the document reports (the one with most events), not a stray later date.
    year = Event.objects.values_list("start_date__year").annotate(n=Count("id")).order_by("-n").first()[0]
    busiest = (
        Event.objects.filter(start_date__year=year, precision="day")
        .values_list("start_date__month")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    event = (
        Event.objects.filter(start_date__year=year)
        .exclude(series_name="")
        .annotate(n=Count("mentions"))
        .order_by("-n", "start_date")
        .first()
        or Event.objects.annotate(n=Count("mentions")).order_by("-n", "start_date").first()
    )
    document = Document.objects.order_by("-id").first()
    first_mention = document.mentions.order_by("start").first()
    return {
        "timeline": f"/timeline/{year}/",
        "calendar": f"/calendar/{year}/{busiest[0] if busiest else 1}/",
        "event": f"/events/{event.pk}/",
        "document": f"/documents/{document.pk}/" + (f"#m{first_mention.pk}" if first_mention else ""),
    }


def shoot(port: int, pages: dict[str, str], out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    taken = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for width, height, suffix in ((1280, 1500, ""), (390, 1100, "-phone")):
            page = browser.new_page(
                viewport={"width": width, "height": height}, device_scale_factor=1, locale="zh-CN"
            )
            for name, url in pages.items():
                if suffix and name not in {"timeline", "calendar"}:
                    continue
                page.goto(f"http://127.0.0.1:{port}{url}", wait_until="networkidle")
                if "#" in url:
                    page.evaluate("document.querySelector(location.hash)?.scrollIntoView({block: 'center'})")
                path = out / f"{name}{suffix}.png"
                page.screenshot(path=str(path))
                taken.append(path)
            page.close()
        browser.close()
    return taken


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--document", type=Path, default=DEFAULT_DOCUMENT)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    env = {
        **os.environ,
        "DATABASE_URL": os.environ.get("DATABASE_URL", "sqlite:////tmp/shots.sqlite3"),
        "DJANGO_SETTINGS_MODULE": "chronicle.settings",
        "DEBUG": "1",
    }
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True)
    subprocess.run([*manage, "import_document", str(args.document)], env=env, check=True)
    pages = pick_pages()
    port = free_port()
    server = subprocess.Popen(
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(port)
        for path in shoot(port, pages, args.out):
            print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
