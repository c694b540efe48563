"""Browsing as readers expect (issue 16): search across years, the years that hold events, facets,
people and organizations, on this day, exports of what is on screen, and the site's own frame
(404 and 500 pages, favicon, the browsable API, Chinese labels)."""

import datetime
import re
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from django.test import Client, override_settings

from tests.factories import make_document, make_event, make_mention

pytestmark = pytest.mark.django_db

D = datetime.date


def html_of(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def titles(html: str) -> list[str]:
    return re.findall(r'<a class="ev-title" href="/events/\d+/">([^<]*)</a>', html)


@pytest.fixture
def years():
    """Three years of a county's chronicle: 疫情 in 2020 and 2022, nothing in 2021."""
    doc = make_document(title="魏都年鉴", text="1月27日，区委召开疫情防控会议。")
    rows = [
        ("疫情防控指挥部成立", D(2020, 1, 27), "meeting", ["李朝锋"], ["区委常委会"]),
        ("疫情防控工作会议", D(2020, 2, 3), "meeting", ["李朝锋", "张书杰"], ["区政府"]),
        ("开展学雷锋活动", D(2020, 3, 5), "activity", ["张书杰"], []),
        ("疫情防控常态化部署", D(2022, 1, 27), "meeting", ["王敏"], ["区委常委会"]),
        ("举办迎新春活动", D(2023, 1, 27), "activity", [], ["区文联"]),
    ]
    events = {}
    for title, day, type_, people, organizations in rows:
        events[title] = make_event(document=doc, title=title, description=title, day=day, type=type_,
                                   people=people, organizations=organizations)  # fmt: skip
    return doc, events


# ---- search across the years ----------------------------------------------------------------


def test_the_search_box_of_every_page_searches_every_year(client, years):
    html = html_of(client.get("/timeline/2023/"))
    assert '<form class="site-search" action="/search/" method="get" role="search"' in html
    response = client.get("/?q=疫情")
    assert response.status_code == 302 and response.url == "/search/?q=%E7%96%AB%E6%83%85"


def test_search_groups_the_matches_by_year_counts_first(client, years):
    html = html_of(client.get("/search/?q=疫情"))
    counts = re.search(r'<nav class="year-counts".*?</nav>', html, re.S).group(0)
    assert text_of(counts).split() == ["2020年", "2", "件2022年", "1", "件"]
    assert re.findall(r'<section class="month year-group" id="y(\d+)"', html) == ["2020", "2022"]
    assert titles(html) == ["疫情防控指挥部成立", "疫情防控工作会议", "疫情防控常态化部署"]
    assert "共 3 件事件，分布在 2 个年份" in text_of(html)
    assert 'href="/timeline/2020/?q=%E7%96%AB%E6%83%85"' in html  # each year opens its timeline, filtered
    assert 'id="site-q" name="q" type="search" value="疫情"' in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=疫情+会议", ["疫情防控工作会议"]),
        ("q=疫情&type=meeting&person=李朝锋", ["疫情防控指挥部成立", "疫情防控工作会议"]),
        ("organization=区委常委会", ["疫情防控指挥部成立", "疫情防控常态化部署"]),
        ("q=没有的词", []),
    ],
)
def test_search_takes_the_facets_too(client, years, query, expected):
    html = html_of(client.get(f"/search/?{query}"))
    assert titles(html) == expected
    if not expected:
        assert "没有找到符合条件的事件。" in html


def test_the_timeline_says_how_many_matches_other_years_hold(client, years):
    html = html_of(client.get("/timeline/2022/?q=疫情"))
    assert titles(html) == ["疫情防控常态化部署"]
    assert '<a href="/search/?q=%E7%96%AB%E6%83%85">全部年份共 3 件</a>' in html
    assert 'rel="prev" href="/timeline/2020/?q=%E7%96%AB%E6%83%85"' in html
    assert 'rel="next"' not in html  # 2023 holds no 疫情


def test_a_search_lists_at_most_a_hundred_events_a_year_and_links_the_rest(client):
    doc = make_document()
    for day in range(1, 121):
        make_event(document=doc, title=f"防汛检查第{day}次", day=D(2020, 1, 1) + datetime.timedelta(days=day))
    html = html_of(client.get("/search/?q=防汛"))
    assert len(titles(html)) == 100
    assert "这一年共 120 件，在2020年时间线中查看全部" in html


# ---- the years ------------------------------------------------------------------------------


def test_the_years_index_lists_every_year_with_its_count(client, years):
    html = html_of(client.get("/years/"))
    listed = re.findall(r'<a href="/timeline/(\d+)/"><span class="year-num">\d+</span>.*?(\d+) 件', html)
    assert listed == [("2020", "3"), ("2022", "1"), ("2023", "1")]
    assert "3 个年份有事件，共 5 件" in text_of(html)
    assert '<script id="overview-data" type="application/json">' in html
    assert "/static/vendor/vis-timeline/vis-timeline-graph2d.min.js" in html


def test_the_years_index_of_an_empty_chronology(client):
    assert "还没有任何事件。" in html_of(client.get("/years/"))


# ---- facets ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("person=李朝锋", ["疫情防控指挥部成立", "疫情防控工作会议"]),
        ("person=张书杰&type=activity", ["开展学雷锋活动"]),
        ("organization=区政府", ["疫情防控工作会议"]),
        ("precision=day&date_after=2月&date_before=3月", ["疫情防控工作会议", "开展学雷锋活动"]),
        ("date_after=2020-02-01&date_before=2020-02-29", ["疫情防控工作会议"]),
        ("person=李", []),  # a name, not a piece of one
    ],
)
def test_timeline_facets(client, years, query, expected):
    assert titles(html_of(client.get(f"/timeline/2020/?{query}"))) == expected


def test_the_timeline_counts_each_facet_and_links_to_add_or_drop_it(client, years):
    html = html_of(client.get("/timeline/2020/?type=meeting"))
    facets = re.search(r'<section class="facets".*?</section>', html, re.S).group(0)
    people = re.search(r"<h3>人物</h3>.*?</ul>", facets, re.S).group(0)
    assert re.findall(
        r'href="([^"]+)"><span class="facet-label">([^<]+)</span> <span class="facet-count">(\d+)', people
    ) == [
        ("?type=meeting&amp;person=%E6%9D%8E%E6%9C%9D%E9%94%8B", "李朝锋", "2"),
        ("?type=meeting&amp;person=%E5%BC%A0%E4%B9%A6%E6%9D%B0", "张书杰", "1"),
    ]
    chosen = re.search(r'<div class="chosen".*?</div>', html, re.S).group(0)
    assert '<a class="chip" href="?"' in chosen and "类型：会议" in text_of(chosen)


def test_the_section_facet_goes_one_level_down_at_a_time(client):
    doc = make_document(text="甲" * 40)
    for n, section in enumerate(["群团团体 › 妇联 › 【家庭】", "群团团体 › 残联", "区政府 › 综述"]):
        event = make_event(document=doc, title=f"事件{n}", day=D(2020, 3, n + 1))
        make_mention(event, n, n + 5, section=section)
    html = html_of(client.get("/timeline/2020/"))
    sections = re.search(r"<h3>章节</h3>.*?</ul>", html, re.S).group(0)
    assert re.findall(
        r'<span class="facet-label">([^<]+)</span> <span class="facet-count">(\d+)', sections
    ) == [("群团团体", "2"), ("区政府", "1")]
    html = html_of(client.get("/timeline/2020/?section=群团团体"))
    assert titles(html) == ["事件0", "事件1"]
    sections = re.search(r"<h3>章节</h3>.*?</ul>", html, re.S).group(0)
    assert re.findall(r'<span class="facet-label">([^<]+)</span>', sections) == ["妇联", "残联"]
    assert titles(html_of(client.get("/timeline/2020/?section=群团"))) == []  # whole parts of a path only


def test_the_calendar_takes_the_facets(client, years):
    html = html_of(client.get("/calendar/2020/2/?person=张书杰"))
    assert "疫情防控工作会议" in html
    html = html_of(client.get("/calendar/2020/2/?person=王敏"))
    assert "疫情防控工作会议" not in html
    assert "本月没有事件。" in html and 'href="/calendar/2022/1/?person=%E7%8E%8B%E6%95%8F"' in html


def test_an_empty_calendar_month_links_the_nearest_months_with_events(client, years):
    html = html_of(client.get("/calendar/2021/6/"))
    assert 'href="/calendar/2020/3/"' in html and 'href="/calendar/2022/1/"' in html


# ---- people and organizations ---------------------------------------------------------------


def test_a_person_has_a_page_of_their_events_in_order(client, years):
    html = html_of(client.get(f"/people/{quote('张书杰')}/"))
    assert "<h1>张书杰</h1>" in html
    assert titles(html) == ["疫情防控工作会议", "开展学雷锋活动"]
    html = html_of(client.get(f"/organizations/{quote('区委常委会')}/"))
    assert titles(html) == ["疫情防控指挥部成立", "疫情防控常态化部署"]
    assert re.findall(r'id="y(\d+)"', html) == ["2020", "2022"]


def test_a_name_nobody_has_is_404(client, years):
    assert client.get(f"/people/{quote('无名氏')}/").status_code == 404


def test_the_index_of_people_and_organizations_counts_their_events(client, years):
    html = html_of(client.get("/people/"))
    assert f'<a href="/people/{quote("李朝锋")}/">李朝锋</a> <span class="facet-count">2</span>' in html
    assert (
        f'<a href="/organizations/{quote("区委常委会")}/">区委常委会</a> <span class="facet-count">2</span>'
        in html
    )


# ---- on this day ----------------------------------------------------------------------------


def test_on_this_day_lists_the_date_in_every_year(client, years):
    make_event(title="跨三天的会议", start_date=D(2019, 1, 26), end_date=D(2019, 1, 28), type="meeting")
    make_event(title="一月中旬的事", start_date=D(2021, 1, 21), end_date=D(2021, 1, 31), precision="xun")
    html = html_of(client.get("/on-this-day/1/27/"))
    assert re.findall(r'id="y(\d+)"', html) == ["2019", "2020", "2022", "2023"]
    assert titles(html) == ["跨三天的会议", "疫情防控指挥部成立", "疫情防控常态化部署", "举办迎新春活动"]
    assert 'href="/on-this-day/1/26/"' in html and 'href="/on-this-day/1/28/"' in html


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/on-this-day/2/29/", 200),
        ("/on-this-day/2/30/", 404),
        ("/on-this-day/13/1/", 404),
        ("/on-this-day/", 200),
    ],
)
def test_on_this_day_takes_every_day_of_a_leap_year(client, url, status):
    assert client.get(url).status_code == status


# ---- exports of what is on screen -----------------------------------------------------------


def exports(html: str) -> dict[str, str]:
    block = re.search(r'<section class="exports".*?</section>', html, re.S).group(0)
    return {
        text_of(label).strip(): url.replace("&amp;", "&")
        for url, label in re.findall(r'<a class="button-light[^"]*" href="([^"]+)"[^>]*>(.*?)</a>', block)
    }


def test_the_timeline_offers_its_events_as_downloads_and_a_subscription(client, years):
    html = html_of(client.get(f"/timeline/2020/?type=meeting&person={quote('李朝锋')}"))
    links = exports(html)
    query = {"type": ["meeting"], "person": ["李朝锋"], "year": ["2020"]}
    assert parse_qs(urlsplit(links["CSV · Excel"]).query) == {**query, "format": ["csv"]}
    assert parse_qs(urlsplit(links["iCalendar (.ics)"]).query) == {**query, "format": ["ics"]}
    assert parse_qs(urlsplit(links["JSON Lines"]).query) == {**query, "format": ["jsonl"]}
    assert links["在日历应用中订阅"] == "webcal://testserver" + links["iCalendar (.ics)"]
    assert urlsplit(links["Word"]).path.rstrip("/") == "/api/chronicle"
    assert parse_qs(urlsplit(links["Word"]).query) == {**query, "format": ["docx"]}

    body = b"".join(client.get(links["CSV · Excel"]).streaming_content).decode("utf-8-sig")
    assert [line.split(",")[1] for line in body.splitlines()[1:]] == [
        "疫情防控指挥部成立",
        "疫情防控工作会议",
    ]
    calendar = b"".join(client.get(links["iCalendar (.ics)"]).streaming_content).decode()
    assert calendar.count("BEGIN:VEVENT") == 2
    assert client.get(links["Markdown"]).status_code == 200


def test_the_calendar_exports_its_month(client, years):
    links = exports(html_of(client.get("/calendar/2020/2/")))
    assert parse_qs(urlsplit(links["JSON Lines"]).query) == {
        "year": ["2020"],
        "month": ["2"],
        "format": ["jsonl"],
    }
    book = parse_qs(urlsplit(links["Markdown"]).query)
    assert book == {
        "year": ["2020"],
        "date_after": ["2020-02-01"],
        "date_before": ["2020-02-29"],
        "format": ["md"],
    }
    lines = b"".join(client.get(links["JSON Lines"]).streaming_content).decode().splitlines()
    assert len(lines) == 1 and "疫情防控工作会议" in lines[0]


# ---- the site's frame -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("/no/such/page/", "地址可能有误"),
        ("/events/999999/", "没有这个事件。"),
        ("/timeline/10000/", "没有这一年。"),
    ],
)
def test_a_missing_page_is_the_sites_own_404(client, url, says):
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 404
    assert '<a class="skip" href="#main">' in html and says in html and 'href="/years/"' in html


def test_a_server_error_is_the_sites_own_500():
    from django.urls import path

    from chronicle.urls import urlpatterns

    def broken(request):
        raise RuntimeError("boom")

    module = type("urls", (), {"urlpatterns": [path("broken/", broken), *urlpatterns]})
    with override_settings(ROOT_URLCONF=module):
        response = Client(raise_request_exception=False).get("/broken/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "服务器出错了" in html and "/static/css/chronicle.css" in html and "boom" not in html


def test_the_site_has_a_favicon(client):
    html = html_of(client.get("/"))
    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in html
    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response.url == "/static/img/favicon.ico"


def test_a_browser_opening_the_api_gets_the_browsable_api_in_chinese(client, years):
    response = client.get("/api/events/", HTTP_ACCEPT="text/html,application/xhtml+xml,*/*;q=0.8")
    html = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert "<title>事件列表 · chronicle API</title>" in html and "疫情防控指挥部成立" in html
    assert "cdn" not in html.lower()
    assert client.get("/api/events/").json()["count"] == 5  # a script still gets JSON
    assert client.get("/api/events/?year=abc", HTTP_ACCEPT="text/html").status_code == 400


def test_the_event_page_says_the_time_of_day_in_chinese(client):
    event = make_event(time="morning")
    html = html_of(client.get(f"/events/{event.pk}/"))
    assert "<dt>时间</dt><dd>上午</dd>" in html and "morning" not in html


def test_a_month_past_twelve_is_no_date_to_jump_to(client):
    response = client.get("/calendar/2020/1/?date=13月")
    assert response.status_code == 400 and "读不懂“13月”" in response.content.decode()


def test_a_remembered_timeline_shows_the_chronology_as_it_is_now(client, years):
    """A year's rows are built once per chronology version, filters and language: an event added,
    corrected or removed shows on the next visit; each filter and language has its own."""
    doc, events = years
    timeline = "/timeline/2020/"
    before = ["疫情防控指挥部成立", "疫情防控工作会议", "开展学雷锋活动"]
    assert titles(html_of(client.get(timeline))) == before
    added = make_event(document=doc, title="召开防汛会议", day=D(2020, 7, 1))
    events["开展学雷锋活动"].title = "开展学雷锋志愿服务"
    events["开展学雷锋活动"].save()
    events["疫情防控工作会议"].delete()
    after = ["疫情防控指挥部成立", "开展学雷锋志愿服务", "召开防汛会议"]
    assert titles(html_of(client.get(timeline))) == after
    assert titles(html_of(client.get("/timeline/2020/?q=防汛"))) == [added.title]
    english = html_of(client.get("/timeline/2020/", HTTP_ACCEPT_LANGUAGE="en"))
    chinese = html_of(client.get("/timeline/2020/", HTTP_ACCEPT_LANGUAGE="zh-hans"))
    assert ">Jan 27<" in english and ">27日<" not in english
    assert ">27日<" in chinese and ">Jan 27<" not in chinese
