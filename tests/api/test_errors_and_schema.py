"""Every API error is JSON a person can read; the OpenAPI schema is valid; the docs need no CDN."""

import json
import re

import pytest
from django.contrib.staticfiles import finders
from drf_spectacular.validation import validate_schema
from rest_framework.settings import api_settings

from tests.factories import make_event

pytestmark = pytest.mark.django_db


def test_unknown_api_address_is_json_404(client_anon):
    response = client_anon.get("/api/nothing/here/")

    assert response.status_code == 404 and response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "没有这个 API 地址：/api/nothing/here/。可用的地址见 /api/docs/。"}


def test_trailing_slash_is_optional(client_anon):
    event = make_event()

    assert client_anon.get("/api/events").status_code == 200
    assert client_anon.get(f"/api/events/{event.pk}").json()["id"] == event.pk
    assert client_anon.get("/api/timeline?year=2020").status_code == 200


def test_non_numeric_id_is_json_404(client_anon):
    response = client_anon.get("/api/events/abc/")

    assert response.status_code == 404 and response.json()["detail"]


def test_unexpected_error_is_json_500_not_html(client_anon, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("events.selectors.timeline_months", broken)

    response = client_anon.get("/api/timeline/?year=2020")

    assert response.status_code == 500 and response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "服务器内部错误，已记录。请稍后再试；若一再出现，请联系管理员。"}


def test_anonymous_reads_are_throttled_with_a_json_429(client_anon, monkeypatch):
    monkeypatch.setattr(api_settings, "DEFAULT_THROTTLE_RATES", {"anon": "2/minute"})

    statuses = [client_anon.get("/api/events/").status_code for _ in range(3)]

    assert statuses == [200, 200, 429]
    response = client_anon.get("/api/events/")
    assert response.json()["detail"] and int(response["Retry-After"]) > 0


def test_signed_in_users_are_not_throttled(client_reader, monkeypatch):
    monkeypatch.setattr(api_settings, "DEFAULT_THROTTLE_RATES", {"anon": "2/minute"})

    assert {client_reader.get("/api/events/").status_code for _ in range(4)} == {200}


def test_malformed_json_body_is_400_json(client_editor):
    event = make_event()

    response = client_editor.patch(f"/api/events/{event.pk}/", "{not json", content_type="application/json")

    assert response.status_code == 400 and response.json()["detail"]


def test_schema_is_valid_openapi_3_and_names_every_endpoint(client_anon):
    response = client_anon.get("/api/schema/?format=json")

    assert response.status_code == 200
    schema = json.loads(response.content)
    validate_schema(schema)
    assert schema["openapi"].startswith("3.")
    assert {
        "/api/events/",
        "/api/events/{id}/",
        "/api/documents/",
        "/api/documents/{id}/",
        "/api/timeline/",
        "/api/series/",
    } <= set(schema["paths"])
    parameters = {p["name"] for p in schema["paths"]["/api/events/"]["get"]["parameters"]}
    assert {
        "date_after",
        "date_before",
        "year",
        "month",
        "type",
        "precision",
        "document",
        "series",
        "q",
        "ordering",
        "page",
        "page_size",
        "format",
    } <= parameters
    assert (
        "patch" in schema["paths"]["/api/events/{id}/"] and "put" not in schema["paths"]["/api/events/{id}/"]
    )


def test_docs_are_served_from_the_product_itself(client_anon):
    response = client_anon.get("/api/docs/")

    assert response.status_code == 200
    html = response.content.decode()
    urls = re.findall(r"""(?:src|href)=["']([^"']+)["']""", html)
    assert urls, "the docs page loads no script or style at all"
    assert all(url.startswith("/") and not url.startswith("//") for url in urls), urls
    assert not re.search(r"https?://", html), "the docs page names an outside host"
    for url in urls:
        assert finders.find(url.removeprefix("/static/")), f"{url} is not a static file of the product"
    assert '"/api/schema/"' in html

