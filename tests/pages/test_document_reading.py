"""Reading a long document (issue 16, item 5): parts, a table of contents, search in the text,
the previous and next event, links that find their part."""

import datetime
import re

import pytest

from events.presenters.pages import document_parts, find_all, table_of_contents
from tests.factories import make_document, make_event, make_mention

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.mark.parametrize(
    ("text", "size", "parts"),
    [
        ("", 10, [(0, 0)]),
        ("短文", 10, [(0, 2)]),
        ("一二三四\n五六七八\n九十", 6, [(0, 5), (5, 10), (10, 12)]),  # cut after a line break
        ("一二三四五六七八九十", 4, [(0, 4), (4, 8), (8, 10)]),  # no line break: cut where it must
    ],
)
def test_a_document_is_cut_in_parts_at_line_breaks(text, size, parts):
    assert document_parts(text, size=size) == parts
    assert "".join(text[a:b] for a, b in parts) == text


@pytest.mark.parametrize(
    ("text", "word", "found"),
    [
        ("疫情防控，疫情", "疫情", [(0, 2), (5, 7)]),
        ("COVID and covid", "Covid", [(0, 5), (10, 15)]),
        ("没有", "疫情", []),
        ("任何", "", []),
    ],
)
def test_find_all(text, word, found):
    assert find_all(text, word) == found


def test_the_table_of_contents_follows_the_section_paths_to_their_headings():
    text = "年鉴\n区政府\n综 述\n【常务会议】\n1月3日，开会。\n群团\n【妇联】\n3月8日，活动。"
    sections = [
        ("区政府 › 综 述 › 【常务会议】", text.index("1月3日")),
        ("群团 › 【妇联】", text.index("3月8日")),
    ]
    toc = table_of_contents(text, sections)
    assert [(e["name"], e["depth"], text[e["offset"] :].split("\n")[0]) for e in toc] == [
        ("区政府", 1, "区政府"),
        ("综 述", 2, "综 述"),
        ("常务会议", 3, "【常务会议】"),
        ("群团", 1, "群团"),
        ("妇联", 2, "【妇联】"),
    ]


@pytest.fixture
def long_document():
    """A yearbook of about 60,000 characters: three parts, a statement in each."""
    filler = "全区各项工作有序推进。\n" * 700  # 8,400 characters
    text = "年鉴\n区政府\n" + filler * 2 + "1月3日，区政府召开常务会议。\n" + filler * 2
    text += "群团\n" + "3月8日，区妇联举办活动。\n" + filler * 2
    doc = make_document(title="长年鉴", text=text)
    events = []
    for title, written, section in (
        ("区政府召开常务会议", "1月3日", "区政府"),
        ("区妇联举办活动", "3月8日", "群团"),
    ):
        start = text.index(written)
        day = D(2020, int(written[0]), int(written[2:-1]))
        event = make_event(document=doc, title=title, day=day, date_text=written)
        mention = make_mention(event, start, text.index("\n", start), section=section)
        events.append((event, mention))
    return doc, events


def test_a_long_document_is_shown_in_parts_with_its_table_of_contents(client, long_document):
    doc, [(first, first_mention), (second, second_mention)] = long_document
    html = client.get(f"/documents/{doc.pk}/").content.decode()
    assert len(html) < 150_000
    assert re.findall(r'aria-label="第 (\d+) 部分"', html)[:3] == ["1", "2", "3"]
    toc = re.search(r'<nav class="toc".*?</nav>', html, re.S).group(0)
    links = re.findall(r'<a href="([^"]*)">([^<]+)</a>', toc)
    assert [name for _url, name in links] == ["区政府", "群团"]
    assert links[0][0] == "#s0" and links[1][0].startswith(f"/documents/{doc.pk}/?part=")
    part = re.search(r"part=(\d+)", links[1][0]).group(1)
    later = client.get(f"/documents/{doc.pk}/?part={part}").content.decode()
    assert '<span class="anchor" id="s1"></span>群团' in later
    assert f'id="m{second_mention.pk}"' in later and f'id="m{first_mention.pk}"' not in later


def test_links_to_a_mention_or_a_printed_page_find_their_part(client, long_document):
    doc, [_, (second, mention)] = long_document
    response = client.get(f"/documents/{doc.pk}/?mention={mention.pk}")
    assert response.status_code == 302
    assert re.fullmatch(rf"/documents/{doc.pk}/\?part=\d+#m{mention.pk}", response.url)
    event_page = client.get(f"/events/{second.pk}/").content.decode()
    assert f'href="{response.url}"' in event_page  # the event page links the right part directly
    assert client.get(f"/documents/{doc.pk}/?part=99").status_code == 404
    assert client.get(f"/documents/{doc.pk}/?part=x").status_code == 404


def test_search_within_the_text_lists_and_marks_every_match(client, long_document):
    doc, _ = long_document
    html = client.get(f"/documents/{doc.pk}/?find=常务会议").content.decode()
    assert "“常务会议”共 1 处" in html
    match = re.search(r'<ol class="find-list"><li><a href="([^"]+)">…', html).group(1)
    assert re.fullmatch(
        rf"/documents/{doc.pk}/\?(part=\d+&amp;)?find=%E5%B8%B8%E5%8A%A1%E4%BC%9A%E8%AE%AE#f0", match
    )
    shown = client.get(match.replace("&amp;", "&").split("#")[0]).content.decode()
    assert '<mark class="find" id="f0">常务会议</mark>' in shown


def test_the_event_page_links_the_previous_and_next_event_of_its_document(client, long_document):
    doc, [(first, _), (second, _)] = long_document
    html = client.get(f"/events/{first.pk}/").content.decode()
    nav = re.search(r'<nav class="pager in-document".*?</nav>', html, re.S).group(0)
    assert f'rel="next" href="/events/{second.pk}/"' in nav and 'rel="prev"' not in nav
    html = client.get(f"/events/{second.pk}/").content.decode()
    assert f'rel="prev" href="/events/{first.pk}/"' in html


def test_a_remembered_part_shows_what_an_editor_changed_since(client, long_document):
    """The marked part is built once per chronology version: a statement added or removed shows
    on the next visit, not an hour later."""
    doc, [(first, first_mention), _second] = long_document
    url = f"/documents/{doc.pk}/"
    assert f'id="m{first_mention.pk}"' in client.get(url).content.decode()
    start = doc.text.index("全区各项工作")
    added = make_event(document=doc, title="全区工作推进", day=D(2020, 1, 4))
    mention = make_mention(added, start, start + 10)
    html = client.get(url).content.decode()
    assert f'id="m{mention.pk}"' in html
    first.delete()
    html = client.get(url).content.decode()
    assert f'id="m{first_mention.pk}"' not in html and f'id="m{mention.pk}"' in html
