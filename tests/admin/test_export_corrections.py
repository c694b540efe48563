"""export_corrections: each corrected date becomes a regression case in the gold format."""

import datetime
import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from events.services.editing import event_correct
from tests.factories import make_document, make_event, make_mention

pytestmark = pytest.mark.django_db
D = datetime.date
GOLD_KEYS = {"start", "end", "text", "start_date", "end_date", "precision", "calendar"}


def export(*args) -> tuple[list[dict], str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("export_corrections", *args, stdout=out, stderr=err)
    return [json.loads(line) for line in out.getvalue().splitlines()], err.getvalue()


@pytest.fixture
def user():
    return get_user_model().objects.create_user("editor")


def test_prints_each_corrected_date_with_the_machine_reading(user):
    document = make_document(title="青河年鉴2021", text="概述。腊月二十七，区领导走访慰问困难群众。")
    event = make_event(document=document, day=D(2021, 2, 8), date_text="腊月二十七", calendar="gregorian")
    make_mention(event, 3, len(document.text))
    make_event(document=document)  # not corrected: not exported
    event_correct(
        event=event,
        user=user,
        changes={
            "start_date": "2020-01-21",
            "end_date": "2020-01-21",
            "calendar": "lunar",
            "time": "morning",
        },
    )
    [case], err = export()
    assert err == ""
    assert GOLD_KEYS <= case.keys()
    assert case["text"] == document.text[case["start"] : case["end"]] == "腊月二十七"
    assert (case["start"], case["end"]) == (3, 8)
    assert (case["start_date"], case["end_date"], case["calendar"], case["time"]) == (
        "2020-01-21",
        "2020-01-21",
        "lunar",
        "morning",
    )
    assert case["machine"]["start_date"] == "2021-02-08" and case["machine"]["calendar"] == "gregorian"
    assert case["document"] == {"id": document.pk, "title": "青河年鉴2021"}
    assert case["date_corrected"] is True


def test_uses_the_recorded_date_offsets_and_filters_by_document(user):
    first = make_document(text="同日，区委召开会议。")
    event = make_event(document=first, date_text="同日")
    make_mention(event, 0, len(first.text), date_start=0, date_end=2)
    event_correct(event=event, user=user, changes={"end_date": "2020-01-28"})
    other = make_event()
    event_correct(event=other, user=user, changes={"title": "别的"})
    rows, _ = export("--document", str(first.pk))
    assert [(r["start"], r["end"], r["text"]) for r in rows] == [(0, 2, "同日")]
    assert "time" not in rows[0]
    assert [r["date_corrected"] for r in export()[0]] == [True, False]
    assert len(export()[0]) == 2


def test_a_date_not_found_in_the_mentions_is_exported_with_null_offsets_and_a_warning(user):
    event = make_event(date_text="某日")
    event_correct(event=event, user=user, changes={"title": "改"})
    [case], err = export()
    assert case["start"] is None and case["text"] == "某日"
    assert f"event {event.pk}" in err


def test_an_unknown_document_is_an_error():
    with pytest.raises(CommandError, match="no document"):
        call_command("export_corrections", "--document", "999999")
