"""What a person sees in a real browser: headless Chromium (Playwright) against the live server.

The browser is /usr/bin/chromium (CHRONICLE_CHROMIUM overrides it); Playwright never downloads one.

Skipped with a reason when /usr/bin/chromium or Playwright is missing, unless
CHRONICLE_REQUIRE_BROWSER=1 (CI), where that is a failure.
"""

import datetime
import os
import re
from pathlib import Path

import pytest
from django.db import connections

from tests.factories import make_document, make_event, make_mention

CHROMIUM = Path(os.environ.get("CHRONICLE_CHROMIUM", "/usr/bin/chromium"))  # Debian's package
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _unavailable(reason: str):
    if os.environ.get("CHRONICLE_REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser tests are required here (CHRONICLE_REQUIRE_BROWSER=1) but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def allow_database_beside_the_event_loop():
    """Playwright's sync API runs an event loop in this thread, so Django's async-safety check
    would refuse the factories' and the live server's database access. Only for this module:
    the variable must not leak into other tests (`check --deploy` warns about it)."""
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if before is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


@pytest.fixture(scope="module")
def browser(allow_database_beside_the_event_loop):
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing (Debian package chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright for Python is not installed (pip install playwright)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    # The factories ran while Playwright's loop did, on a connection of that context; close it so
    # PostgreSQL can drop the test database at the end of the session.
    connections.close_all()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def chronicle():
    """A small 2020 yearbook: a meeting series with its source passage, and other events."""
    text = (
        "魏都区年鉴\n【区政府常务会议】\n"
        "1月3日，区长李朝锋主持召开区政府第57次常务会议，研究部署经济工作。会议要求抓好落实。\n"
        "1月16日，区政府第58次常务会议召开。\n"
        "3月5日，魏都区开展学雷锋志愿服务活动。\n"
        "文中有<script>window.pwned = 1</script>这样的文字。"
    )
    doc = make_document(title="魏都区年鉴2021", text=text)
    start = text.index("1月3日")
    meeting = make_event(
        document=doc, title="区政府第57次常务会议", day=datetime.date(2020, 1, 3), date_text="1月3日",
        type="meeting", people=["李朝锋"], series_name="区政府常务会议", series_number=57,
    )  # fmt: skip
    mention = make_mention(meeting, start, text.index("会议要求"), date_start=start, date_end=start + 4)
    make_event(document=doc, title="区政府第58次常务会议", day=datetime.date(2020, 1, 16), type="meeting",
               series_name="区政府常务会议", series_number=58)  # fmt: skip
    make_event(document=doc, title="开展学雷锋志愿服务活动", day=datetime.date(2020, 3, 5), type="activity")
    hostile = "<script>window.pwned = 1</script>"
    make_event(document=doc, title=hostile, day=datetime.date(2020, 3, 9), type="other")
    return doc, meeting, mention


def test_a_reader_filters_the_timeline_opens_a_month_an_event_and_its_source(page, live_server, chronicle):
    doc, meeting, mention = chronicle
    page.goto(f"{live_server.url}/timeline/2020/")
    assert page.locator("h1").inner_text() == "2020年大事记"
    assert page.locator("section.month").count() == 12
    january = page.locator("#m1")
    assert "3日" in january.locator("li.ev").first.locator("time").inner_text()
    assert page.locator("#m3").get_by_text("开展学雷锋志愿服务活动").is_visible()

    page.get_by_label("类型").select_option("meeting")
    page.get_by_role("button", name="筛选").click()
    page.wait_for_url(re.compile(r"type=meeting"))
    assert page.locator("li.ev").count() == 2
    assert page.get_by_text("开展学雷锋志愿服务活动").count() == 0

    page.locator("#m1").get_by_role("link", name="1月月历").click()
    page.wait_for_url(f"{live_server.url}/calendar/2020/1/?type=meeting")  # the filter goes along
    assert page.locator("h1").inner_text() == "2020年1月"
    cell = page.locator("td", has=page.locator('time[datetime="2020-01-03"]'))
    assert "区政府第57次常务会议" in cell.inner_text()

    cell.get_by_role("link", name="区政府第57次常务会议").click()
    page.wait_for_url(f"{live_server.url}/events/{meeting.pk}/")
    assert page.locator("h1").inner_text() == "区政府第57次常务会议"
    assert page.locator(".event-date").inner_text() == "2020年1月3日"
    assert page.locator("blockquote.passage mark.date").inner_text() == "1月3日"
    # the passage shows the text after the statement too
    assert "会议要求抓好落实" in page.locator("blockquote.passage").inner_text()
    assert "第58次" in page.locator('.series a[rel="next"]').inner_text()

    page.get_by_role("link", name="在原文中查看").click()
    page.wait_for_url(f"{live_server.url}/documents/{doc.pk}/#m{mention.pk}")
    statement = page.locator(f"#m{mention.pk}")
    assert statement.is_visible() and statement.get_attribute("href") == f"/events/{meeting.pk}/"
    first_date = page.locator(".doc-text mark.date").first
    assert first_date.inner_text() == "1月3日"
    assert first_date.get_attribute("title") == "2020-01-03 · 日 · 公历"


def test_markup_in_a_document_is_shown_as_text_and_never_runs(page, live_server, chronicle):
    doc, _, _ = chronicle
    for url in ("/timeline/2020/", "/calendar/2020/3/", f"/documents/{doc.pk}/"):
        page.goto(live_server.url + url)
        assert page.evaluate("window.pwned") is None
        assert "<script>window.pwned = 1</script>" in page.locator("main").inner_text()


def test_the_calendar_jumps_to_a_typed_date_or_says_it_cannot_read_it(page, live_server, chronicle):
    page.goto(f"{live_server.url}/calendar/2020/1/")
    page.get_by_label("跳到日期").fill("2020年3月")
    page.get_by_label("跳到日期").press("Enter")
    page.wait_for_url(f"{live_server.url}/calendar/2020/3/")
    assert page.locator("h1").inner_text() == "2020年3月"
    page.get_by_label("跳到日期").fill("随便什么")
    page.get_by_role("button", name="前往").click()
    alert = page.get_by_role("alert")
    assert "读不懂“随便什么”" in alert.inner_text()


def test_the_keyboard_reaches_the_skip_link_first(page, live_server, chronicle):
    page.goto(f"{live_server.url}/timeline/2020/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className + '|' + document.activeElement.textContent")
    assert focused == "skip|跳到正文"
    assert page.locator(".skip").bounding_box()["y"] >= 0  # it comes into view when focused
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_the_language_switcher_turns_the_interface_english(page, live_server, chronicle):
    page.goto(f"{live_server.url}/timeline/2020/")
    page.get_by_label("界面语言").select_option("en")
    page.get_by_role("button", name="切换").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Chronicle of 2020"
    assert page.locator("#m1 h2").inner_text() == "January"


def test_a_phone_shows_the_timeline_and_calendar_without_sideways_scrolling(browser, live_server, chronicle):
    context = browser.new_context(locale="zh-CN", viewport={"width": 375, "height": 740}, is_mobile=True)
    page = context.new_page()
    try:
        for url in ("/timeline/2020/", "/calendar/2020/1/"):
            page.goto(live_server.url + url)
            assert page.evaluate("document.documentElement.scrollWidth") <= 375, url
        # On a phone the month grid lists the days that hold events.
        assert page.locator("td.has-events").first.is_visible()
        assert not page.locator('td:not(.has-events) time[datetime="2020-01-02"]').is_visible()
    finally:
        context.close()
