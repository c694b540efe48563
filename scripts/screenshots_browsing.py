"""Screenshots of the browsing pages (issue 16) for docs/screenshots/, with an axe-core check of each.

    .venv/bin/python scripts/screenshots_browsing.py [--out docs/screenshots]

Imports the sample and the reference yearbook into a scratch SQLite database
(/tmp/shots-browsing.sqlite3, or DATABASE_URL), runs the development server on 127.0.0.1 and
photographs, with Playwright driving Debian's /usr/bin/chromium: the search for 疫情, the years
with the zoomable timeline (zoomed out and in), a timeline narrowed by a person, a calendar with
its facets, the document with its contents and a search, a tapped date on a phone, on this day, a
person's page, the 404 page and the browsable API. Prints each file and the serious accessibility
issues axe-core finds there (none).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from screenshots import CHROMIUM, CHROMIUM_ARGS, DEFAULT_DOCUMENT, free_port, wait_for  # noqa: E402

AXE = ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js"


def serious(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("axe.run(document, {resultTypes: ['violations']})")["violations"]
    return [v["id"] for v in found if v["impact"] in ("serious", "critical")]


def shoot(base: str, out: Path) -> None:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    person = quote("李朝锋")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        desktop = browser.new_page(viewport={"width": 1280, "height": 1100}, locale="zh-CN")
        phone = browser.new_page(viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True,
                                 has_touch=True)  # fmt: skip

        def take(page, name: str, url: str | None, before=None) -> None:
            if url is not None:
                page.goto(base + url, wait_until="networkidle")
            if before:
                before(page)
            path = out / f"{name}.png"
            page.screenshot(path=str(path))
            problems = serious(page)
            print(f"{path.relative_to(ROOT)}  axe serious/critical: {len(problems)} {problems or ''}")

        def zoom_in(page) -> None:
            page.evaluate("window.chronicleOverview.setWindow(new Date(2020, 0, 1), new Date(2020, 2, 15))")
            page.wait_for_selector(".vis-item.ov-event")
            page.wait_for_timeout(300)

        def tap_date(page) -> None:
            page.locator(".doc-text mark.date").nth(3).scroll_into_view_if_needed()
            page.locator(".doc-text mark.date").nth(3).tap()
            page.wait_for_timeout(200)

        take(desktop, "search", "/?q=%E7%96%AB%E6%83%85")
        take(desktop, "years", "/years/")
        take(desktop, "years-zoomed", None, zoom_in)
        take(desktop, "timeline-facets", f"/timeline/2020/?person={person}")
        take(desktop, "calendar-facets", "/calendar/2020/1/?type=meeting")
        take(desktop, "document-contents", "/documents/2/?find=%E7%96%AB%E6%83%85")
        take(desktop, "on-this-day", "/on-this-day/1/27/")
        take(desktop, "person", f"/people/{person}/")
        take(desktop, "not-found", "/no/such/page/")
        take(desktop, "api-browsable", "/api/events/?year=2020&page_size=3")
        take(phone, "document-phone-date", "/documents/2/", tap_date)
        take(phone, "search-phone", "/search/?q=%E7%96%AB%E6%83%85")
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--document", type=Path, default=DEFAULT_DOCUMENT)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    database = os.environ.get("DATABASE_URL", "sqlite:////tmp/shots-browsing.sqlite3")
    if database.startswith("sqlite:////tmp/"):
        Path(database.removeprefix("sqlite://")).unlink(missing_ok=True)
    env = {**os.environ, "DATABASE_URL": database, "DJANGO_SETTINGS_MODULE": "chronicle.settings"}
    env["DEBUG"] = "1"
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True)
    sample = ROOT / "samples" / "qinghe-yearbook-sample.txt"
    subprocess.run([*manage, "import_document", str(sample)], env=env, check=True)
    subprocess.run([*manage, "import_document", str(args.document)], env=env, check=True)
    port = free_port()
    server = subprocess.Popen([*manage, "runserver", f"127.0.0.1:{port}", "--noreload"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        wait_for(port)
        shoot(f"http://127.0.0.1:{port}", args.out)
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
