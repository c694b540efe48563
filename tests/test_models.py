"""The data model: constraints the database enforces, and the chainable event queries."""
import datetime

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction

from events.models import Event
from tests.factories import make_document, make_event, make_mention

pytestmark = pytest.mark.django_db
D = datetime.date


def test_end_before_start_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_event(start_date=D(2020, 3, 5), end_date=D(2020, 3, 4))


@pytest.mark.parametrize("field", ["precision", "calendar", "type", "status"])
def test_choices_are_enforced_by_the_database(field):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_event(**{field: "nonsense"})


def test_a_document_is_stored_once_per_content():
    doc = make_document()
    with pytest.raises(IntegrityError), transaction.atomic():
        make_document(content_hash=doc.content_hash)


def test_fingerprint_is_unique_within_a_document():
    event = make_event()
    with pytest.raises(IntegrityError), transaction.atomic():
        make_event(document=event.document, fingerprint=event.fingerprint)


def test_an_empty_mention_span_is_refused():
    event = make_event()
    with pytest.raises(IntegrityError), transaction.atomic():
        make_mention(event, start=3, end=3)


def test_mention_clean_checks_the_offsets_against_the_text():
    event = make_event()
    mention = make_mention(event, start=0, end=4)
    mention.full_clean()
    mention.text = "不对"
    with pytest.raises(Exception, match="不一致"):
        mention.full_clean()


def test_event_clean_names_the_field():
    event = make_event()
    event.end_date = D(2019, 1, 1)
    with pytest.raises(Exception) as info:
        event.full_clean()
    assert "end_date" in info.value.message_dict


def test_overlap_queries_find_ranges_that_touch_the_window():
    doc = make_document()
    inside = make_event(document=doc, day=D(2020, 3, 10))
    spanning = make_event(document=doc, start_date=D(2020, 2, 25), end_date=D(2020, 3, 2))
    make_event(document=doc, day=D(2020, 4, 1))
    assert set(Event.objects.in_month(2020, 3)) == {inside, spanning}
    assert list(Event.objects.in_year(2020).of_type("meeting").chronological()) == [
        spanning, inside, Event.objects.get(start_date=D(2020, 4, 1))
    ]


def test_the_longest_span_bounds_the_start_and_still_finds_every_overlap():
    doc = make_document()
    spanning = make_event(document=doc, start_date=D(2020, 2, 25), end_date=D(2020, 3, 2))
    inside = make_event(document=doc, day=D(2020, 3, 10))
    longest = spanning.end_date - spanning.start_date

    bounded = Event.objects.in_month(2020, 3, longest=longest)

    assert set(bounded) == {spanning, inside}
    assert "start_date\" >= 2020-02-24" in str(bounded.query).replace('"events_event".', "")
    assert set(Event.objects.overlapping(D(1, 1, 2), None, longest=datetime.timedelta(days=400))) == {
        spanning, inside
    }  # no bound below the first day there is


def test_series_property():
    event = make_event(series_name="区委常委会", series_number=102)
    assert event.series == {"name": "区委常委会", "number": 102}
    assert make_event().series is None


def test_history_records_each_change():
    event = make_event()
    event.title = "更正后的标题"
    event.save()
    assert [h.title for h in event.history.all()][:1] == ["更正后的标题"]
    assert event.history.count() == 2


def test_migrations_are_in_step_with_the_models():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
