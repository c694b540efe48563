"""Bodies too large to read are answered 413 with a sentence, never a 500; imports are bounded."""
import pytest
from django.contrib.auth.models import Permission, User
from django.test import Client, override_settings
from rest_framework.authtoken.models import Token

from events.models import Document
from events.services.importing import DocumentRejected, document_import
from tests.factories import make_event
from tests.reliability.rows import counts

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_throttle")]
MB = 1024 * 1024


@pytest.fixture
def token_client():
    user = User.objects.create_user("editor")
    user.user_permissions.add(*Permission.objects.filter(codename__in=["change_event", "add_document"]))
    return Client(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")


def multipart(size: int) -> tuple[bytes, str]:
    boundary = "chronicle-boundary"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n".encode() + b"x" * size
            + f"\r\n--{boundary}--\r\n".encode())
    return body, f"multipart/form-data; boundary={boundary}"


@pytest.mark.parametrize(
    ("method", "url", "body", "content_type"),
    [
        ("patch", "/api/events/{pk}/", b'{"title": "' + b"x" * (6 * MB) + b'"}', "application/json"),
        ("post", "/api/documents/", *multipart(22 * MB)),
        ("post", "/api/documents/", b"x" * (6 * MB), "application/x-www-form-urlencoded"),
        ("post", "/admin/login/", b"x" * (6 * MB), "application/x-www-form-urlencoded"),
    ],
)
def test_a_body_over_the_limit_is_413_json_and_changes_nothing(token_client, method, url, body, content_type):
    event = make_event()
    before = counts()
    response = getattr(token_client, method)(url.format(pk=event.pk), body, content_type=content_type)
    assert response.status_code == 413
    if url.startswith("/api/"):
        assert "上限" in response.json()["detail"]
    assert counts() == before


def test_a_form_field_over_the_limit_in_a_body_under_it_is_413_too(token_client):
    """A multipart body may be large (it carries a file), but no field other than a file may:
    Django's own limit trips inside the view, and the answer is the same 413."""
    event = make_event()
    body, content_type = multipart(6 * MB)
    response = token_client.generic("PATCH", f"/api/events/{event.pk}/", body, content_type=content_type)
    assert response.status_code == 413 and "上限" in response.json()["detail"]


def test_a_body_just_under_the_limit_is_read(token_client):
    event = make_event()
    response = token_client.patch(f"/api/events/{event.pk}/", {"title": "x" * 300},
                                  content_type="application/json")
    assert response.status_code == 200


LINE = "1月27日，区委召开常委会议，研究部署安全生产工作。\n"


@override_settings(CHRONICLE_MAX_DATES_PER_IMPORT=100)
def test_a_file_with_more_dates_than_an_import_may_read_is_refused_before_reading_them():
    with pytest.raises(DocumentRejected, match=r"too many dates: more than 100 in one file"):
        document_import(data=(LINE * 101).encode(), source_name="a.txt", year=2020)
    assert not Document.objects.exists()


@override_settings(CHRONICLE_MAX_EVENTS_PER_DOCUMENT=10)
def test_a_document_with_more_events_than_the_limit_is_refused_whole():
    text = "".join(f"1月{day}日，区委召开第{day}次常委会议。\n" for day in range(1, 12))
    with pytest.raises(DocumentRejected, match=r"too many events: 11 in one document, the limit is 10"):
        document_import(data=text.encode(), source_name="a.txt", year=2020)
    assert not Document.objects.exists()


@override_settings(CHRONICLE_MAX_EVENTS_PER_DOCUMENT=10)
def test_a_document_at_the_limit_is_imported():
    text = "".join(f"1月{day}日，区委召开第{day}次常委会议。\n" for day in range(1, 11))
    assert document_import(data=text.encode(), source_name="a.txt", year=2020).events == 10
