"""The Event's shape is declared once (events.shape): the lists that name event fields follow it."""

import datetime

import pytest

from events import exports, selectors, shape
from events.forms import EventCorrectionForm
from events.models import Event
from events.parsing.statements.classify import Person
from events.parsing.statements.drafts import EventDraft
from events.serializers import EventSerializer, row_of
from events.services import editing, importing
from tests.factories import make_event, make_mention

D = datetime.date


def test_the_serializer_the_csv_and_the_row_follow_the_declared_order():
    api = [f.api for f in shape.FIELDS if f.api]
    assert EventSerializer.Meta.fields == list(dict.fromkeys(api))
    assert exports.CSV_COLUMNS == [f.csv for f in shape.FIELDS if f.csv] + ["url"]
    assert selectors.EVENT_ROW_FIELDS == tuple(f.name for f in shape.FIELDS if f.column and (f.api or f.csv))
    assert editing.MACHINE_FIELDS == tuple(f.name for f in shape.FIELDS if f.machine)
    assert editing.EDITABLE_FIELDS == {f.name for f in shape.FIELDS if f.editable}


def test_every_declared_field_is_a_field_of_the_event_or_a_row_column():
    model_fields = {field.name for field in Event._meta.get_fields()} | {"document_id", "document__title"}
    assert {f.name for f in shape.FIELDS} <= model_fields
    assert EventCorrectionForm.Meta.fields == ["date", *(f.name for f in shape.FIELDS if f.editable)]


def test_the_admins_change_form_shows_every_editable_field():
    from django.contrib.admin.utils import flatten_fieldsets

    from events.admin import EventAdmin

    assert set(shape.EDITABLE_FIELDS) <= set(flatten_fieldsets(EventAdmin.fieldsets))


@pytest.mark.django_db
def test_an_event_row_makes_the_api_object_and_the_csv_row_in_the_declared_order():
    event = make_event(
        day=D(2020, 1, 27), series_name="区委常委会", series_number=3, people=["李明"], time="19:00"
    )
    make_mention(event, 0, 5)
    [row] = selectors.event_rows([event.pk])
    assert row == {**row_of(Event.objects.get(pk=event.pk)), "mentions": row["mentions"]}
    body = shape.event_json(row)
    assert list(body) == list(shape.API_FIELDS)
    assert body["series"] == {"name": "区委常委会", "number": 3}
    assert body["document"] == {"id": event.document_id, "title": event.document.title}
    cells = shape.csv_cells(row)
    assert len(cells) == len(shape.CSV_COLUMNS)
    assert dict(zip(shape.CSV_COLUMNS, cells, strict=True))["people"] == "李明"


def _draft(**overrides) -> EventDraft:
    values = dict(
        title="区委召开常委会议", description="1月27日，区委召开常委会议。", start_date=D(2020, 1, 27),
        end_date=D(2020, 1, 27), precision="day", calendar="gregorian", time=None, date_text="1月27日",
        type="meeting", series_name="区委常委会", series_number=3,
        people=(Person(name="李明", post="区委书记", aliases=()),), organizations=("区委",), place="",
        mentions=(), fingerprint="fp",
    )
    return EventDraft(**{**values, **overrides})


def test_the_machine_reading_of_a_draft_is_the_parsers_own():
    draft = _draft()
    assert shape.machine_reading(draft) == draft.machine_reading


@pytest.mark.django_db
def test_the_import_fills_the_declared_fields_and_an_event_reads_back_the_same_reading():
    draft = _draft(title="题" * 400)
    event = Event()
    importing._fill(event, draft)
    assert event.title == "题" * 300
    assert (event.people, event.organizations, event.time) == (["李明"], ["区委"], "")
    reading = shape.machine_reading(event)
    assert {k: v for k, v in reading.items() if k not in ("title", "people")} == {
        k: v for k, v in draft.machine_reading.items() if k not in ("title", "people")
    }
    assert reading["people"] == [{"name": "李明", "post": ""}]
