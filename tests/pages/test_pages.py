"""The pages through Django's test client: what each shows, its filters, navigation and 404s."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model

from tests.factories import make_document, make_event, make_mention

pytestmark = pytest.mark.django_db

D = datetime.date


def html_of(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def section(html: str, anchor: str) -> str:
    """The text of the page section with that id (a month is m1 … m12)."""
    return text_of(re.search(rf'<section[^>]* id="{anchor}".*?</section>', html, re.S).group(0))


def text_of(html: str) -> str:
    """What a reader sees: tags dropped, whitespace collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


@pytest.fixture
def year_2020():
    """A small 2020 chronicle with every kind of date a yearbook writes."""
    doc = make_document(title="魏都年鉴2021", text="1月27日，区委召开常委会议。" * 3)
    events = {
        "day": make_event(document=doc, title="区委召开常委会议", day=D(2020, 1, 27), type="meeting"),
        "range": make_event(
            document=doc,
            title="区人代会召开",
            start_date=D(2020, 1, 13),
            end_date=D(2020, 1, 15),
            date_text="13日—15日",
            type="meeting",
        ),
        "xun": make_event(
            document=doc,
            title="开展志愿服务",
            start_date=D(2020, 1, 1),
            end_date=D(2020, 1, 10),
            precision="xun",
            date_text="1月上旬",
            type="activity",
        ),
        "month": make_event(
            document=doc,
            title="全区开展春风行动",
            start_date=D(2020, 6, 1),
            end_date=D(2020, 6, 30),
            precision="month",
            date_text="6月",
            type="activity",
        ),
        "lunar": make_event(
            document=doc,
            title="举办迎新春活动",
            day=D(2020, 1, 21),
            calendar="lunar",
            date_text="腊月二十七",
            type="activity",
        ),
        "early": make_event(document=doc, title="区委理论学习", day=D(2020, 1, 5), type="training"),
        "quarter": make_event(
            document=doc,
            title="完成老旧小区改造",
            start_date=D(2020, 10, 1),
            end_date=D(2020, 12, 31),
            precision="quarter",
            date_text="第四季度",
        ),
    }
    return doc, events


# ---- home -----------------------------------------------------------------------------------


def test_home_on_an_empty_database_says_how_to_import(client):
    html = html_of(client.get("/"))
    assert "python manage.py import_document PATH" in html
    assert "还没有导入任何文献" in html


def test_home_shows_the_timeline_of_the_latest_year_with_events(client, year_2020):
    make_event(title="二〇二一年的一件事", day=D(2021, 3, 2))
    html = html_of(client.get("/"))
    assert "<h1>2021年大事记</h1>" in html
    assert "二〇二一年的一件事" in html
    assert "区委召开常委会议" not in html


def test_timeline_without_a_year_goes_to_the_latest(client, year_2020):
    assert client.get("/timeline/").url == "/timeline/2020/"


def test_timeline_without_events_goes_home(client):
    assert client.get("/timeline/").url == "/"


# ---- timeline -------------------------------------------------------------------------------


def test_timeline_has_twelve_month_sections_and_dates_as_a_chronicle_writes_them(client, year_2020):
    html = html_of(client.get("/timeline/2020/"))
    for month in range(1, 13):
        assert f'id="m{month}"' in html
    text = text_of(html)
    assert "27日 区委召开常委会议" in text
    assert "13日—15日 区人代会召开" in text
    assert "上旬 开展志愿服务" in text
    assert "6月 全区开展春风行动" in text
    assert "1月21日（农历腊月二十七） 举办迎新春活动" in text
    assert '<time datetime="2020-01-27">27日</time>' in html
    assert '<time datetime="2020-06">6月</time>' in html


def test_each_event_shows_its_type_and_source_document_and_links_to_its_page(client, year_2020):
    doc, events = year_2020
    html = html_of(client.get("/timeline/2020/"))
    row = re.search(r'<li class="ev p-day"><time datetime="2020-01-27">.*?</li>', html).group(0)
    assert f'href="/events/{events["day"].pk}/"' in row
    assert "会议" in row
    assert f'href="/documents/{doc.pk}/"' in row and "魏都年鉴2021" in row


def test_a_xun_follows_the_days_it_covers_and_month_events_head_the_month(client, year_2020):
    _, events = year_2020
    make_event(title="十一日的会议", day=D(2020, 1, 11))
    make_event(title="六月二日的活动", day=D(2020, 6, 2))
    html = html_of(client.get("/timeline/2020/"))
    january = section(html, "m1")
    assert (
        january.index("5日 区委理论学习")
        < january.index("上旬 开展志愿服务")
        < january.index("11日 十一日的会议")
    )
    june = section(html, "m6")
    assert june.index("6月 全区开展春风行动") < june.index("2日 六月二日的活动")


def test_quarters_and_years_head_the_page_instead_of_a_month(client, year_2020):
    html = html_of(client.get("/timeline/2020/"))
    assert "第四季度 完成老旧小区改造" in section(html, "myear")
    assert html.index('id="myear"') < html.index('id="m1"')
    assert "完成老旧小区改造" not in section(html, "m10")


def test_the_year_overview_counts_the_events_of_each_month(client, year_2020):
    html = html_of(client.get("/timeline/2020/"))
    bars = re.findall(r'<span class="bar-count" aria-hidden="true">(\d+)</span>', html)
    assert [int(n) for n in bars] == [5, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0]
    assert 'style="--h: 100%"' in html and 'style="--h: 20%"' in html
    assert (
        '<span class="visually-hidden">1月：5 件</span>' in html
    )  # what a screen reader says for January's bar


def test_timeline_links_to_the_nearest_years_with_events_keeping_the_filters(client, year_2020):
    make_event(title="更早的会议", day=D(2016, 5, 1), type="meeting")
    make_event(title="更早的活动", day=D(2018, 5, 1), type="activity")
    make_event(title="后来的会议", day=D(2023, 5, 1), type="meeting")
    html = html_of(client.get("/timeline/2020/?type=meeting"))
    assert 'rel="prev" href="/timeline/2016/?type=meeting"' in html  # 2018 has no meeting
    assert 'rel="next" href="/timeline/2023/?type=meeting"' in html
    html = html_of(client.get("/timeline/2020/"))
    assert 'rel="prev" href="/timeline/2018/"' in html and 'rel="next" href="/timeline/2023/"' in html
    html = html_of(client.get("/timeline/2023/"))
    assert 'rel="next"' not in html  # no later year holds events: no link to an empty one


def test_timeline_lists_the_years_that_hold_events_with_their_counts(client, year_2020):
    make_event(title="更早的会议", day=D(2016, 5, 1))
    strip = re.search(r'<nav class="years-strip".*?</nav>', html_of(client.get("/timeline/2020/")), re.S)
    links = re.findall(r'<a href="([^"]+)"[^>]*>(.*?)</a>', strip.group(0))
    assert [(url, text_of(label)) for url, label in links] == [
        ("/timeline/2016/", "2016 · 1"),
        ("/timeline/2020/", "2020 · 7"),
        ("/years/", "全部年份"),
    ]
    assert 'href="/timeline/2020/" aria-current="page"' in strip.group(0)


def test_timeline_links_each_month_to_its_calendar(client, year_2020):
    assert 'href="/calendar/2020/3/"' in html_of(client.get("/timeline/2020/"))


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("type=meeting", ["区委召开常委会议", "区人代会召开"], ["开展志愿服务", "全区开展春风行动"]),
        ("q=春风", ["全区开展春风行动"], ["区委召开常委会议"]),
        ("q=春风+行动", ["全区开展春风行动"], ["区委召开常委会议"]),
    ],
)
def test_timeline_filters(client, year_2020, query, shown, hidden):
    html = html_of(client.get(f"/timeline/2020/?{query}"))
    for title in shown:
        assert title in html
    for title in hidden:
        assert title not in html


def test_timeline_filters_by_series_and_document(client, year_2020):
    make_event(
        title="区政府第57次常务会议", day=D(2020, 3, 3), series_name="区政府常务会议", series_number=57
    )
    other = make_document(title="另一部年鉴")
    make_event(document=other, title="另一部年鉴里的事", day=D(2020, 4, 4))
    html = html_of(client.get("/timeline/2020/?series=区政府常务会议"))
    assert "区政府第57次常务会议" in html and "区委召开常委会议" not in html
    html = html_of(client.get(f"/timeline/2020/?document={other.pk}"))
    assert "另一部年鉴里的事" in html and "区委召开常委会议" not in html
    assert '<option value="区政府常务会议" selected>' in html or "区政府常务会议" in html


def test_an_invalid_filter_is_reported_and_ignored(client, year_2020):
    html = html_of(client.get("/timeline/2020/?type=bogus&document=abc"))
    assert 'class="error"' in html
    assert "区委召开常委会议" in html and "全区开展春风行动" in html


@pytest.mark.parametrize("url", ["/timeline/0/", "/timeline/10000/", "/timeline/abc/"])
def test_timeline_of_an_impossible_year_is_404(client, url):
    assert client.get(url).status_code == 404


def test_timeline_reads_a_constant_number_of_queries(client, year_2020):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            client.get("/timeline/2020/?type=meeting")
        return len(captured)

    doc, _ = year_2020
    before = queries()
    for day in range(1, 29):
        make_event(document=doc, day=D(2020, 2, day), series_name="区政府常务会议", series_number=day)
    # The page, its facets, the years that hold matching events (counted and remembered per
    # chronology version: each write makes the next page count again).
    assert queries() == before <= 10


# ---- calendar -------------------------------------------------------------------------------


def test_calendar_is_a_monday_first_grid_with_events_in_their_days(client, year_2020):
    _, events = year_2020
    html = html_of(client.get("/calendar/2020/1/"))
    headers = re.findall(r'<th scope="col"><abbr title="([^"]+)">', html)
    assert headers[0] == "星期一" and headers[-1] == "星期日"
    cell = re.search(
        r'<td class="[^"]*">\s*<div class="day-head"><time class="day-num" datetime="2020-01-27">.*?</td>',
        html,
        re.S,
    ).group(0)
    assert "区委召开常委会议" in cell
    assert f'href="/events/{events["day"].pk}/"' in cell


def test_calendar_shows_a_range_on_each_day_it_covers(client, year_2020):
    html = html_of(client.get("/calendar/2020/1/"))
    for day, part in ((13, "start"), (14, "middle"), (15, "end")):
        cell = re.search(rf'datetime="2020-01-{day}">.*?</td>', html, re.S).group(0)
        assert f'class="part-{part}' in cell and "区人代会召开" in cell
    assert "区人代会召开" not in re.search(r'datetime="2020-01-16">.*?</td>', html, re.S).group(0)


def test_calendar_shows_month_and_xun_events_above_the_grid(client, year_2020):
    html = html_of(client.get("/calendar/2020/1/"))
    above = html[html.index('class="above-grid"') : html.index('<table class="month-grid"')]
    assert "开展志愿服务" in above
    assert (
        "全区开展春风行动" in html_of(client.get("/calendar/2020/6/")).split('<table class="month-grid"')[0]
    )


def test_calendar_prints_the_lunar_day_under_each_day(client, year_2020):
    html = html_of(client.get("/calendar/2020/1/"))
    assert re.search(r'datetime="2020-01-21">.*?<span class="lunar" lang="zh-Hans">廿七</span>', html, re.S)
    assert re.search(r'datetime="2020-01-25">.*?<span class="lunar" lang="zh-Hans">正月</span>', html, re.S)


def test_calendar_links_to_the_months_before_and_after_across_years(client):
    html = html_of(client.get("/calendar/2020/12/"))
    assert 'href="/calendar/2020/11/"' in html and 'href="/calendar/2021/1/"' in html
    html = html_of(client.get("/calendar/2020/1/"))
    assert 'href="/calendar/2019/12/"' in html


@pytest.mark.parametrize(
    ("typed", "target"),
    [
        ("2020年3月", "/calendar/2020/3/"),
        ("March 2020", "/calendar/2020/3/"),
        ("腊月二十七", "/calendar/2020/1/"),
        ("5月1日", "/calendar/2020/5/"),
    ],
)
def test_calendar_jumps_to_a_date_typed_as_a_person_types_it(client, typed, target):
    response = client.get("/calendar/2020/7/", {"date": typed})
    assert response.status_code == 302
    assert response.url == target


def test_an_unreadable_date_shows_a_clear_message(client):
    response = client.get("/calendar/2020/7/", {"date": "下个星期<script>"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "读不懂" in html and "&lt;script&gt;" in html and "<script>" not in html
    assert 'aria-invalid="true"' in html


def test_calendar_without_a_month_goes_to_the_latest_events_month(client, year_2020):
    assert client.get("/calendar/").url == "/calendar/2020/10/"  # the fourth quarter starts in October


@pytest.mark.parametrize(
    "url", ["/calendar/2020/0/", "/calendar/2020/13/", "/calendar/0/1/", "/calendar/10000/1/"]
)
def test_calendar_of_an_impossible_month_is_404(client, url):
    assert client.get(url).status_code == 404


# ---- event ----------------------------------------------------------------------------------


@pytest.fixture
def sourced_event():
    text = (
        "【常委会议】\n1月3日，区长主持召开区政府第57次常务会议，研究部署经济工作。随后调研。"
        "\n1月16日，区政府第58次常务会议召开。"
    )
    doc = make_document(title="魏都年鉴", text=text)
    start = text.index("1月3日")
    event = make_event(
        document=doc,
        title="区政府第57次常务会议",
        day=D(2020, 1, 3),
        date_text="1月3日",
        type="meeting",
        people=["李朝锋"],
        organizations=["区政府"],
        series_name="区政府常务会议",
        series_number=57,
        description="区长主持召开区政府第57次常务会议，研究部署经济工作。",
    )
    end = text.index("随后")
    make_mention(event, start, end, section="魏都区人民政府", date_start=start, date_end=start + 4)
    after = make_event(
        document=doc,
        title="区政府第58次常务会议",
        day=D(2020, 1, 16),
        series_name="区政府常务会议",
        series_number=58,
    )
    before = make_event(
        document=doc,
        title="区政府第56次常务会议",
        day=D(2019, 12, 20),
        series_name="区政府常务会议",
        series_number=56,
    )
    return event, before, after


def test_event_page_shows_the_event_its_dates_and_who_took_part(client, sourced_event):
    event, _, _ = sourced_event
    html = html_of(client.get(f"/events/{event.pk}/"))
    assert '<h1 id="event-h">区政府第57次常务会议</h1>' in html
    assert '<time datetime="2020-01-03">2020年1月3日</time>' in html
    assert "<q>1月3日</q>" in html
    assert "李朝锋" in html and "区政府" in html and "会议" in html


def test_event_page_links_the_previous_and_next_session_of_its_series(client, sourced_event):
    event, before, after = sourced_event
    html = html_of(client.get(f"/events/{event.pk}/"))
    assert f'rel="prev" href="/events/{before.pk}/"' in html
    assert f'rel="next" href="/events/{after.pk}/"' in html
    assert "第57次" in html


def test_event_page_quotes_each_source_in_context_with_the_date_marked(client, sourced_event):
    event, _, _ = sourced_event
    mention = event.mentions.get()
    html = html_of(client.get(f"/events/{event.pk}/"))
    passage = re.search(r'<blockquote class="passage".*?</blockquote>', html, re.S).group(0)
    assert '<mark class="date"' in passage and ">1月3日</mark>" in passage
    assert "区长主持召开区政府第57次常务会议" in passage
    assert "随后调研。" in passage  # text after the statement, within its paragraph
    assert "【常委会议】" not in passage  # the previous paragraph is not this passage's context
    assert f'href="/documents/{event.document_id}/#m{mention.pk}"' in html
    assert "魏都区人民政府" in html


def test_without_date_offsets_the_event_date_as_written_is_marked_in_the_passage(client):
    doc = make_document(text="前文。3月5日上午，区委召开会议。")
    event = make_event(document=doc, day=D(2020, 3, 5), date_text="3月5日")
    make_mention(event, 3, len(doc.text))
    html = html_of(client.get(f"/events/{event.pk}/"))
    assert re.search(r'<mark class="date"[^>]*>3月5日</mark>上午', html)


def test_staff_see_a_link_to_correct_the_event_in_the_admin(client, sourced_event):
    event, _, _ = sourced_event
    link = f'href="/admin/events/event/{event.pk}/change/"'
    assert link not in html_of(client.get(f"/events/{event.pk}/"))
    staff = get_user_model().objects.create_user("editor", password="pw-123456", is_staff=True)
    client.force_login(staff)
    assert link in html_of(client.get(f"/events/{event.pk}/"))


def test_a_missing_event_is_404(client):
    assert client.get("/events/999999/").status_code == 404


# ---- document -------------------------------------------------------------------------------


def test_document_page_marks_every_date_and_links_each_statement(client, sourced_event):
    event, _, _ = sourced_event
    mention = event.mentions.get()
    html = html_of(client.get(f"/documents/{event.document_id}/"))
    text = html[html.index('<div class="doc-text"') :]
    assert text.count('<mark class="date"') == 2  # 1月3日 and 1月16日
    assert (
        'data-start="2020-01-16" data-end="2020-01-16" data-precision="day" data-calendar="gregorian"' in text
    )
    assert 'title="2020-01-03 · 日 · 公历"' in text
    assert f'<a class="stmt" id="m{mention.pk}" href="/events/{event.pk}/"' in text


def test_document_page_keeps_the_text_exactly(client):
    raw = "第一段。\n\n2月3日，区委开会。"
    doc = make_document(text=raw)
    html = html_of(client.get(f"/documents/{doc.pk}/"))
    body = re.search(r'<div class="doc-text" lang="zh-Hans"[^>]*>(.*?)</div>', html, re.S).group(1)
    assert re.sub(r"<[^>]+>", "", body) == raw


def test_document_list_links_each_document(client, year_2020):
    doc, _ = year_2020
    assert f'href="/documents/{doc.pk}/"' in html_of(client.get("/documents/"))


def test_a_missing_document_is_404(client):
    assert client.get("/documents/999999/").status_code == 404


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_pages_only_read(client, sourced_event, method):
    event, _, _ = sourced_event
    for url in (
        "/",
        "/timeline/2020/",
        "/calendar/2020/1/",
        f"/events/{event.pk}/",
        f"/documents/{event.document_id}/",
    ):
        assert getattr(client, method)(url).status_code == 405, url
    assert client.head("/timeline/2020/").status_code == 200


def test_an_event_begun_the_year_before_heads_january(client, year_2020):
    make_event(
        title="跨年慰问活动", start_date=D(2019, 12, 30), end_date=D(2020, 1, 2), date_text="12月30日—1月2日"
    )
    html = html_of(client.get("/timeline/2020/"))
    january = section(html, "m1")
    assert january.index("2019年12月30日—2020年1月2日 跨年慰问活动") < january.index("5日 区委理论学习")
    assert "跨年慰问活动" in section(html_of(client.get("/timeline/2019/")), "m12")


@pytest.mark.parametrize("url", ["/events/{}/", "/documents/{}/"])
@pytest.mark.parametrize("pk", ["0", "99999999999999999999999"])
def test_an_id_no_row_can_have_is_404_on_every_database(client, url, pk):
    assert client.get(url.format(pk)).status_code == 404


def test_events_with_no_known_year_are_listed_on_their_document_and_nowhere_in_the_chronology(client):
    from events.services.importing import document_import

    text = "区总工会大事记\n\n3月5日,区总工会举办职工书画展。\n"
    document = document_import(data=text.encode(), source_name="union.txt").document
    page = text_of(html_of(client.get(f"/documents/{document.pk}/")))
    assert "1 件事件年份不明" in page and "--03-05 区总工会举办职工书画展" in page
    event = document.events.model.everything.get()
    event_page = text_of(html_of(client.get(f"/events/{event.pk}/")))
    assert "3月5日（年份不明）" in event_page and "0004" not in event_page
    assert client.get("/api/events/").json()["count"] == 0
