"""Chinese by default, English through Django's i18n; landmarks, labels and focus aids on every page."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings

from tests.factories import make_event, make_mention

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    event = make_event(day=datetime.date(2020, 1, 27))
    make_mention(event)
    return event


def urls(event):
    document = f"/documents/{event.document_id}/"
    return ["/timeline/2020/", "/calendar/2020/1/", f"/events/{event.pk}/", document]


def test_the_interface_is_chinese_by_default(client, event):
    html = client.get("/timeline/2020/").content.decode()
    assert '<html lang="zh-Hans">' in html
    assert "<h1>2020年大事记</h1>" in html and "跳到正文" in html


def test_english_is_chosen_by_the_browser_or_the_switcher(client, event):
    html = client.get("/timeline/2020/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="en">' in html
    assert "<h1>Chronicle of 2020</h1>" in html and "Skip to content" in html and "January" in html
    assert '<time datetime="2020-01-27">Jan 27</time>' in html  # dates in English words too
    client.post("/i18n/setlang/", {"language": "en", "next": "/calendar/2020/1/"})
    html = client.get("/calendar/2020/1/").content.decode()
    assert "<h1>January 2020</h1>" in html and 'title="Monday">Mon<' in html


def test_the_language_switcher_posts_to_setlang_with_csrf(client, event):
    html = client.get("/timeline/2020/").content.decode()
    form = re.search(r'<form class="lang" action="/i18n/setlang/" method="post">.*?</form>', html, re.S)
    form = form.group(0)
    assert 'name="csrfmiddlewaretoken"' in form
    assert 'name="next" type="hidden" value="/timeline/2020/"' in form
    assert '<label for="lang-select"' in form
    assert '<option value="en"' in form and '<option value="zh-hans" selected' in form


def test_every_english_message_is_translated_and_compiled():
    folder = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
    po = (folder / "django.po").read_text(encoding="utf-8")
    assert re.findall(r'^msgid "(.+)"\nmsgstr ""\n', po, re.M) == []
    assert "#, fuzzy" not in po
    assert (folder / "django.mo").stat().st_size > 1000


@pytest.mark.parametrize("page", range(4))
def test_every_page_has_landmarks_a_skip_link_and_one_h1(client, event, page):
    html = client.get(urls(event)[page]).content.decode()
    assert '<a class="skip" href="#main">' in html
    assert '<main id="main"' in html and "<header" in html and "<footer" in html and "<nav" in html
    assert len(re.findall(r"<h1[ >]", html)) == 1
    assert 'aria-current="page"' in html
    assert re.search(r'<meta name="viewport" content="width=device-width, initial-scale=1">', html)
    assert 'media="print"' in html


def test_every_form_control_has_a_label(client, event):
    for url in urls(event):
        html = client.get(url).content.decode()
        for control_id in re.findall(r'<(?:input|select)[^>]*\sid="([^"]+)"', html):
            assert f'for="{control_id}"' in html, (url, control_id)


def test_the_stylesheets_cover_phones_print_and_focus():
    css = (Path(settings.BASE_DIR) / "static" / "css" / "chronicle.css").read_text(encoding="utf-8")
    assert "@media (max-width:" in css and ":focus-visible" in css and ".skip:focus" in css
    assert (Path(settings.BASE_DIR) / "static" / "css" / "print.css").exists()
