"""The date filters select exactly the events whose interval shares a day with the range asked for."""

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events.models import Event
from tests.factories import make_document, make_event

pytestmark = pytest.mark.django_db
D = datetime.date
days = st.integers(min_value=0, max_value=60).map(lambda n: D(2020, 1, 1) + datetime.timedelta(days=n))
intervals = st.tuples(days, st.integers(min_value=0, max_value=20))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(events=st.lists(intervals, max_size=8), after=st.none() | days, before=st.none() | days)
def test_date_filters_are_interval_overlap(client_anon, events, after, before):
    document = make_document()
    made = [
        make_event(document=document, start_date=start, end_date=start + datetime.timedelta(days=span))
        for start, span in events
    ]
    query = "&".join(
        f"{name}={value}" for name, value in [("date_after", after), ("date_before", before)] if value
    )

    response = client_anon.get(f"/api/events/?page_size=500&{query}")

    try:
        if after and before and after > before:
            assert response.status_code == 400
            return
        expected = {
            e.pk
            for e in made
            if (after is None or e.end_date >= after) and (before is None or e.start_date <= before)
        }
        assert {row["id"] for row in response.json()["results"]} == expected
    finally:
        Event.objects.all().delete()
