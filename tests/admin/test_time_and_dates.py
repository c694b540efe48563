"""The admin asks for a time of day in Chinese and says nothing about time zones beside a date."""

import pytest

from events.models import Event
from tests.admin.conftest import change_form_data, change_url
from tests.factories import make_event

pytestmark = pytest.mark.django_db


def test_the_change_form_shows_the_time_of_day_in_chinese(superuser_client):
    event = make_event(time="afternoon")
    html = superuser_client.get(change_url(event)).content.decode()
    assert 'name="time" value="下午"' in html
    assert "上午、下午、晚上" in html and "morning" not in html


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("上午", "morning"), ("下午", "afternoon"), ("晚上", "evening"), ("19：30", "19:30"), ("", "")],
)
def test_an_editor_types_the_time_of_day_as_chinese_writes_it(superuser_client, typed, stored):
    event = make_event()
    response = superuser_client.post(change_url(event), change_form_data(event, time=typed))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Event.everything.get(pk=event.pk).time == stored


def test_a_time_that_is_none_is_refused_with_the_chinese_words(superuser_client):
    event = make_event()
    response = superuser_client.post(change_url(event), change_form_data(event, time="傍晚时分"))
    assert response.status_code == 200
    assert "时间须为 HH:MM（如 19:00），或 上午、下午、晚上。" in response.content.decode()


def test_no_time_zone_note_beside_the_date_fields(superuser_client):
    """Django's DateTimeShortcuts notes "N hours behind server time" beside date fields when the
    browser's zone differs; the admin's pages load a script that removes the server's offset where
    no field has a time (the browser test sees the note gone)."""
    event = make_event()
    html = superuser_client.get(change_url(event)).content.decode()
    assert '<script src="/static/js/admin_date_only.js"></script>' in html
    assert '<link rel="icon" href="/static/img/favicon.svg"' in html
