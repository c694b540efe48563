"""One correction end to end in headless Chromium: an editor changes an event's end date."""
import datetime
import os
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.db import connections

from tests.factories import make_document, make_event, make_mention

CHROMIUM = Path("/usr/bin/chromium")
# serialized_rollback: the live server needs committed rows, and the `editors` group that a
# data migration made must come back even if an earlier transactional test flushed it.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def browser_page(monkeypatch):
    required = os.environ.get("CHRONICLE_REQUIRE_BROWSER") == "1"
    missing = None
    if not CHROMIUM.exists():
        missing = f"headless Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
    try:
        from playwright import sync_api as playwright_api
    except ImportError:
        missing = missing or "the playwright package is not installed (pip install playwright)"
    if missing:
        (pytest.fail if required else pytest.skip)(missing)
    # Playwright's sync API runs an event loop in this thread; the ORM calls in the test are
    # still plain synchronous code, so Django's async-safety guard does not apply.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    executable = str(CHROMIUM)
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=["--no-sandbox"])
        page = browser.new_page(locale="zh-CN")
        page.set_default_timeout(15_000)
        yield page
        browser.close()
        # ORM calls made while Playwright's loop ran used their own connection; close it so
        # the test database can be dropped at the end of the session (PostgreSQL refuses otherwise).
        connections.close_all()


def test_an_editor_corrects_an_end_date(browser_page, live_server, django_user_model):
    editor = django_user_model.objects.create_user("editor", password="correct-horse-42", is_staff=True)
    editor.groups.add(Group.objects.get(name="editors"))
    document = make_document(text="1月27日至29日，区政协召开全体会议。")
    event = make_event(document=document, title="区政协召开全体会议", day=datetime.date(2020, 1, 27))
    make_mention(event, 0, len(document.text))

    page = browser_page
    page.goto(f"{live_server.url}/admin/login/?next=/admin/events/event/{event.pk}/change/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "correct-horse-42")
    page.click("input[type=submit]")
    page.wait_for_selector("#id_end_date")
    page.fill("#id_end_date", "2020-01-29")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist")

    assert "已更正" in page.inner_text("div.field-status")
    assert "2020-01-27" in page.inner_text("table.machine-reading")
    event.refresh_from_db()
    assert (event.end_date, event.status) == (datetime.date(2020, 1, 29), "corrected")

    page.click("a.historylink")
    history = page.inner_text("#change-history")
    assert "editor" in history and "2020-01-27" in history and "2020-01-29" in history
