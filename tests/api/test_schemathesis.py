"""Property-based run over the OpenAPI schema: no input makes the API answer 500 or break its schema.

Schemathesis generates requests for every operation of /api/schema/ and sends them to the
WSGI application in-process; each operation gets a bounded number of examples so the run
stays well under a minute on SQLite and PostgreSQL. Most requests come from schemathesis'
coverage phase (boundary and invalid values of every parameter), whatever `max_examples`.
"""
# ruff: noqa: E402 - the imports below need schemathesis, checked first
import datetime

import pytest

# Skipped, with the reason, on a machine whose dev install predates schemathesis in the dev extra.
schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is missing from the dev install")

from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from chronicle.wsgi import application
from tests.factories import make_document, make_event, make_mention

schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)


@pytest.fixture
def world(db, editor):
    """A few real rows for the generated ids to hit, and the WSGI calls kept inside the test transaction."""
    # Django's test client does this too: a raw WSGI request would otherwise close the
    # connection that holds the test's transaction when it finishes.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    document = make_document(text="1月27日，区政府召开第58次常务会议。")
    for number, day in [(1, 27), (2, 28), (4, 29)]:
        event = make_event(
            document=document,
            day=datetime.date(2020, 1, day),
            series_name="区政府常务会议",
            series_number=number,
            people=["赵明远"],
        )
        make_mention(event, 0, 5, section="大事记")
    yield {"Authorization": f"Token {Token.objects.create(user=editor).key}"}
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=20,
    deadline=None,
    derandomize=True,  # the same examples on every run: a failure here is reproducible, never flaky
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_no_input_makes_a_server_error_or_breaks_the_schema(case, world):
    response = case.call(headers=world)
    case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])
