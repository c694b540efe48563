"""Everything that comes from a document is shown as text: `<script>` never reaches the page as markup."""

import datetime
import re
from html import unescape
from urllib.parse import quote

import pytest

from tests.factories import make_document, make_event, make_mention

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("x")</script>'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"


@pytest.fixture
def hostile():
    text = f"前言{SCRIPT}。\n1月27日，区委召开{SCRIPT}会议。\n<b>2月3日</b>，{SCRIPT}"
    doc = make_document(title=f"年鉴{SCRIPT}", text=text, source_name=f"{SCRIPT}.txt")
    event = make_event(
        document=doc,
        title=f"会议{SCRIPT}",
        description=f"描述{SCRIPT}",
        day=datetime.date(2020, 1, 27),
        date_text="1月27日",
        people=[f"张三{SCRIPT}"],
        organizations=[f"区委{SCRIPT}"],
        place=SCRIPT,
        series_name=f"常委会{SCRIPT}",
        series_number=3,
        time="<i>",
    )
    start = text.index("1月27日")
    make_mention(
        event, start, text.index("\n<b>"), section=f"章节{SCRIPT}", date_start=start, date_end=start + 5
    )
    make_event(
        document=doc,
        title=f"下一次{SCRIPT}",
        day=datetime.date(2020, 2, 3),
        series_name=f"常委会{SCRIPT}",
        series_number=4,
        date_text=f"2月3日{SCRIPT}"[:100],
    )
    return doc, event


def pages(doc, event):
    return [
        "/",
        "/timeline/2020/",
        f"/timeline/2020/?q={SCRIPT}",
        f"/timeline/2020/?series=常委会{SCRIPT}",
        "/calendar/2020/1/",
        "/calendar/2020/2/",
        f"/events/{event.pk}/",
        f"/documents/{doc.pk}/",
        f"/documents/{doc.pk}/?find=script",
        "/documents/",
        "/search/?q=会议",
        f"/search/?person=张三{quote(SCRIPT)}",
        "/years/",
        "/on-this-day/1/27/",
        "/people/",
        f"/people/{quote('张三' + SCRIPT)}/",
        f"/organizations/{quote('区委' + SCRIPT)}/",
    ]


def test_no_page_lets_document_markup_through(client, hostile):
    doc, event = hostile
    for url in pages(doc, event):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        # The only scripts are the site's own files from static/ and data in json_script (escaped).
        own = (
            r"<script(?! src=\"/static/js/)(?! src=\"/static/vendor/)"
            r"(?! id=\"overview-data\" type=\"application/json\")"
        )
        assert re.findall(own, html) == [], url
        assert "<b>2月3日" not in html and "<i>" not in html, url


@pytest.mark.parametrize("where", ["timeline", "event", "document"])
def test_the_markup_is_shown_as_text(client, hostile, where):
    doc, event = hostile
    url = {
        "timeline": "/timeline/2020/",
        "event": f"/events/{event.pk}/",
        "document": f"/documents/{doc.pk}/",
    }[where]
    html = client.get(url).content.decode()
    assert ESCAPED in html or "&lt;script&gt;" in html


def test_the_highlighted_document_escapes_inside_and_outside_every_mark(client, hostile):
    doc, _ = hostile
    html = client.get(f"/documents/{doc.pk}/").content.decode()
    body = re.search(r'<div class="doc-text" lang="zh-Hans"[^>]*>(.*?)</div>', html, re.S).group(1)
    assert "&lt;b&gt;" in body  # a tag right before a recognized date
    assert '<mark class="date"' in body and '<a class="stmt"' in body
    assert unescape(re.sub(r"<[^>]+>", "", body)) == doc.text  # every character shown, as text
