"""The orjson renderer writes the bytes DRF's own JSONRenderer writes."""

import datetime
import decimal
import uuid

import pytest
from django.utils.translation import gettext_lazy
from rest_framework.renderers import JSONRenderer as DRFRenderer

from events.api.renderers import JSONRenderer
from tests.factories import make_event, make_mention

DATA = [
    {
        "id": 1,
        "title": "区委召开常委会议",
        "count": 0,
        "none": None,
        "ok": True,
        "list": [1, "二", {"三": []}],
    },
    {"quote": 'a "b" \\ c / d', "control": "tab\tnewline\ncr\r\x00", "separators": "\u2028 \u2029"},
    {
        "day": datetime.date(2020, 1, 27),
        "at": datetime.datetime(2020, 1, 27, 9, 30, 15, 123456, tzinfo=datetime.UTC),
    },
    {
        "lazy": gettext_lazy("事件"),
        "decimal": decimal.Decimal("1.50"),
        "uuid": uuid.UUID(int=7),
        3: "int key",
    },
    ["emoji 🎉", "full-width ０１", "é ß"],
]


@pytest.mark.parametrize("data", DATA)
def test_it_writes_what_drf_writes(data):
    assert JSONRenderer().render(data) == DRFRenderer().render(data)


def test_indented_output_is_left_to_drf():
    data = {"a": [1, 2]}
    indented = JSONRenderer().render(data, "application/json; indent=2", {})
    assert indented == DRFRenderer().render(data, "application/json; indent=2", {})
    assert b"\n  " in indented


@pytest.mark.django_db
def test_api_answers_are_the_same_bytes(client):
    event = make_event(title="区委召开“十四五”规划座谈会", description="讨论\u2028规划。")
    make_mention(event)
    for url in (
        "/api/events/",
        f"/api/events/{event.pk}/",
        "/api/timeline/?year=2020",
        "/api/events/?year=x",
    ):
        response = client.get(url)
        assert response.content == DRFRenderer().render(response.json()), url
