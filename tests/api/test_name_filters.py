"""The API filters by person, organization and section, as the pages' facets do (SQLite and PostgreSQL)."""

import datetime

import pytest

from tests.factories import make_document, make_event, make_mention

pytestmark = pytest.mark.django_db


@pytest.fixture
def named(db):
    doc = make_document(text="甲乙丙丁戊己庚辛壬癸" * 4)
    rows = [
        ("一", ["李朝锋"], ["区委常委会"], "中共魏都区区委 › 综 述"),
        ("二", ["李朝锋", "张书杰"], ["区政府"], "魏都区人民政府 › 综 述"),
        ("三", ["张书杰"], ["区委常委会", "区政府"], "中共魏都区区委"),
        ("四", ["李朝"], ['区政府"'], "中共魏都区区委会"),
    ]
    for n, (title, people, organizations, section) in enumerate(rows):
        event = make_event(document=doc, title=title, day=datetime.date(2020, 1, n + 1), people=people,
                           organizations=organizations)  # fmt: skip
        make_mention(event, n, n + 3, section=section)


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ({"person": "李朝锋"}, ["一", "二"]),
        ({"person": "李朝"}, ["四"]),  # the whole name, never a piece of a longer one
        ({"organization": "区政府"}, ["二", "三"]),
        ({"organization": '区政府"'}, ["四"]),
        ({"person": "张书杰", "organization": "区委常委会"}, ["三"]),
        ({"section": "中共魏都区区委"}, ["一", "三"]),  # not 中共魏都区区委会: whole parts of the path
        ({"section": "魏都区人民政府 › 综 述"}, ["二"]),
        ({"person": "无名氏"}, []),
    ],
)
def test_events_filtered_by_name_and_section(client, named, query, titles):
    body = client.get("/api/events/", query).json()
    assert [row["title"] for row in body["results"]] == titles


def test_too_long_a_name_is_a_400_naming_the_field(client):
    response = client.get("/api/events/", {"person": "名" * 101})
    assert response.status_code == 400 and "person" in response.json()["errors"]
