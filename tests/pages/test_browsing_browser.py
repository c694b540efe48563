"""Browsing in headless Chromium (issue 16): every page passes axe-core with no serious issue, and
what needs a browser works — search from the header, facets, the zoomable timeline, the document's
tools on a phone, downloads, the admin without its time-zone note."""

import datetime
import re
from pathlib import Path

import pytest

from tests.factories import make_document, make_event, make_mention
from tests.pages.test_browser import (  # noqa: F401 - fixtures
    allow_database_beside_the_event_loop,
    browser,
    page,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parent.parent / "vendor" / "axe-core" / "axe.min.js"
D = datetime.date


def serious_issues(page) -> list[str]:
    """axe-core's violations of impact serious or critical on the page as it is now."""
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("axe.run(document, {resultTypes: ['violations']})")["violations"]
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(n["html"][:120] for n in v["nodes"][:3])
        for v in found
        if v["impact"] in ("serious", "critical")
    ]


@pytest.fixture
def chronicle():
    """Two years of a district's yearbook: 疫情 in 2020, a meeting series, people and sections."""
    lines = ["魏都区年鉴", "中共魏都区区委", "【区委常委会议纪要】"]
    lines += [f"{m}月{d}日，区委召开常委会议，研究疫情防控工作。" for m, d in ((1, 27), (2, 3), (3, 9))]
    lines += ["群团团体", "【志愿服务】", "3月5日上午，魏都区开展学雷锋志愿服务活动。"]
    text = "\n".join(lines) + "\n" + "全区各项工作有序推进。\n" * 2500
    doc = make_document(title="魏都区年鉴2021", text=text)
    events = []
    for n, (m, d) in enumerate(((1, 27), (2, 3), (3, 9))):
        written = f"{m}月{d}日"
        start = text.index(written)
        event = make_event(document=doc, title=f"区委召开常委会议研究疫情防控（{n + 1}）", day=D(2020, m, d),
                           date_text=written, type="meeting", people=["李朝锋"], organizations=["区委常委会"],
                           series_name="区委常委会议", series_number=n + 1)  # fmt: skip
        make_mention(event, start, text.index("\n", start), date_start=start, date_end=start + len(written),
                     section="中共魏都区区委 › 【区委常委会议纪要】")  # fmt: skip
        events.append(event)
    start = text.index("3月5日")
    event = make_event(
        document=doc, title="开展学雷锋志愿服务活动", day=D(2020, 3, 5), date_text="3月5日上午",
        type="activity", time="morning", people=["张书杰"],
    )  # fmt: skip
    end = text.index("\n", start)
    make_mention(event, start, end, date_start=start, date_end=start + 4, section="群团团体 › 【志愿服务】")
    events.append(event)
    make_event(title="迎新春活动", day=D(2023, 1, 15), type="activity")
    return doc, events


def test_every_page_passes_axe_without_serious_issues(page, live_server, chronicle):
    doc, events = chronicle
    urls = [
        "/", "/search/?q=疫情", "/search/", "/years/", "/timeline/2020/", "/timeline/2020/?person=李朝锋",
        "/calendar/2020/1/", "/calendar/2021/6/", f"/events/{events[0].pk}/", f"/documents/{doc.pk}/",
        f"/documents/{doc.pk}/?find=疫情", "/documents/", "/on-this-day/1/27/", "/people/",
        "/people/李朝锋/", "/organizations/区委常委会/", "/no/such/page/",
        "/api/events/", f"/api/events/{events[0].pk}/", "/api/timeline/?year=2020",  # the browsable API
    ]  # fmt: skip
    problems = {}
    for url in urls:
        page.goto(live_server.url + url)
        page.wait_for_load_state("networkidle")
        found = serious_issues(page)
        if found:
            problems[url] = found
    assert problems == {}


def test_a_phone_page_passes_axe_too(browser, live_server, chronicle):
    doc, _ = chronicle
    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 800}, is_mobile=True,
                                  has_touch=True)  # fmt: skip
    page = context.new_page()
    try:
        for url in ("/timeline/2020/", f"/documents/{doc.pk}/", "/years/"):
            page.goto(live_server.url + url)
            page.wait_for_load_state("networkidle")
            assert serious_issues(page) == [], url
            assert page.evaluate("document.documentElement.scrollWidth") <= 390, url
    finally:
        context.close()


def test_searching_from_any_page_finds_the_events_of_every_year(page, live_server, chronicle):
    page.goto(f"{live_server.url}/")
    assert page.locator("h1").inner_text() == "2023年大事记"  # the latest year holds no 疫情
    page.get_by_label("搜索全部年份的事件").fill("疫情")
    page.get_by_label("搜索全部年份的事件").press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    assert page.locator(".year-counts").inner_text().split() == ["2020年", "3", "件"]
    assert page.locator("#y2020 li.ev").count() == 3
    page.locator("#y2020").get_by_role("link", name="在2020年时间线中查看").click()
    page.wait_for_url(re.compile(r"/timeline/2020/\?q="))
    assert page.locator("li.ev").count() == 3


def test_facets_narrow_the_timeline_and_a_chip_drops_them(page, live_server, chronicle):
    page.goto(f"{live_server.url}/timeline/2020/")
    assert page.locator("li.ev").count() == 4
    page.locator(".facet", has_text="人物").get_by_role("link", name=re.compile("张书杰")).click()
    page.wait_for_url(re.compile(r"person="))
    assert page.locator("li.ev").count() == 1
    assert "时间：" not in page.locator("main").inner_text()
    page.get_by_role("link", name="去掉条件 人物：张书杰").click()
    page.wait_for_url(f"{live_server.url}/timeline/2020/?")
    assert page.locator("li.ev").count() == 4
    # prev/next skip the years without events
    assert page.locator('.pager a[rel="next"]').inner_text().strip().startswith("2023年")


def test_the_export_buttons_download_the_events_on_screen(page, live_server, chronicle):
    page.goto(f"{live_server.url}/timeline/2020/?type=activity")
    with page.expect_download() as csv:
        page.get_by_role("link", name="CSV · Excel").click()
    body = Path(csv.value.path()).read_text(encoding="utf-8-sig")
    assert len(body.splitlines()) == 2 and "开展学雷锋志愿服务活动" in body
    webcal = page.get_by_role("link", name="在日历应用中订阅").get_attribute("href")
    assert webcal.startswith("webcal://") and "format=ics" in webcal and "type=activity" in webcal


def test_the_zoomable_timeline_goes_from_years_to_events(page, live_server, chronicle):
    page.goto(f"{live_server.url}/years/")
    page.wait_for_function("window.chronicleOverview !== undefined")
    # 2020 to 2023 fit in months; zoomed out, one bar per year
    assert page.locator(".vis-item.ov-month").count() == 4
    for _ in range(3):
        page.get_by_role("button", name="缩小").click()
        page.wait_for_timeout(400)
    page.wait_for_selector(".vis-item.ov-year")
    assert page.locator(".vis-item.ov-year").count() == 2
    page.evaluate("window.chronicleOverview.setWindow(new Date(2020, 0, 1), new Date(2020, 3, 1))")
    page.wait_for_selector(".vis-item.ov-event")
    assert "此段共 4 件事件" in page.locator(".zoom-status").inner_text()
    page.locator(".vis-item.ov-event", has_text="开展学雷锋志愿服务活动").click()
    page.wait_for_url(re.compile(r"/events/\d+/"))
    assert page.locator("h1").inner_text() == "开展学雷锋志愿服务活动"
    assert "上午" in page.locator(".event-date").inner_text()


def test_the_document_page_walks_its_events_and_explains_a_tapped_date(browser, live_server, chronicle):
    doc, events = chronicle
    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 800}, is_mobile=True,
                                  has_touch=True)  # fmt: skip
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/documents/{doc.pk}/")
        page.get_by_role("button", name="下一个事件").click()
        assert page.evaluate("location.hash") == f"#{page.locator('a.stmt').first.get_attribute('id')}"
        page.get_by_role("button", name="下一个事件").click()
        assert "第 2 / 4 处" in page.locator(".doc-tools-status").inner_text()
        page.locator("mark.date", has_text="3月5日").tap()
        assert page.locator(".date-pop").is_visible()
        assert page.locator(".date-pop").inner_text() == "3月5日上午：2020-03-05 · 日 · 公历"
        assert "/events/" not in page.url  # the tap explained the date instead of leaving
        page.locator("summary", has_text="目录").click()
        page.locator(".toc").get_by_role("link", name="志愿服务").click()
        assert page.evaluate("location.hash") == "#s3"
        assert page.locator(".parts").first.locator(".part-numbers a").count() == 2  # 30,000 characters
    finally:
        context.close()


def test_an_old_link_to_a_passage_finds_its_part(page, live_server, chronicle):
    doc, events = chronicle
    mention = events[3].mentions.first()
    page.goto(f"{live_server.url}/documents/{doc.pk}/?part=2#m{mention.pk}")
    page.wait_for_url(re.compile(rf"/documents/{doc.pk}/#m{mention.pk}$"))
    assert page.locator(f"#m{mention.pk}").is_visible()


def test_the_admin_says_nothing_about_time_zones_beside_a_date(browser, live_server, chronicle):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser("root", password="a-long-test-password-1")
    _, events = chronicle
    context = browser.new_context(locale="zh-CN", timezone_id="America/New_York")
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/admin/login/?next=/admin/events/event/{events[0].pk}/change/")
        page.fill("#id_username", "root")
        page.fill("#id_password", "a-long-test-password-1")
        page.locator("input[type=submit]").click()
        page.wait_for_selector("#id_start_date")
        page.wait_for_load_state("load")
        assert page.locator("#id_start_date ~ .datetimeshortcuts").count() == 1  # the calendar is there
        assert page.locator(".timezonewarning").count() == 0
        assert page.locator("#id_time").input_value() == ""
    finally:
        context.close()
