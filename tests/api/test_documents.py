"""GET/POST /api/documents/: the list, the detail with its text, and uploads through the import service."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from events.models import Document
from tests.factories import make_document, make_event

pytestmark = pytest.mark.django_db

RECORD = "青禾区大事记\n\n2020年\n\n1月\n\n27日　区政府召开第58次常务会议，研究疫情防控工作。\n".encode(
    "gb18030"
)


def upload(client, data: bytes = RECORD, name: str = "qinghe.txt", **fields):
    return client.post(
        "/api/documents/", {"file": SimpleUploadedFile(name, data), **fields}, format="multipart"
    )


def test_list_and_detail(client_anon):
    document = make_document(title="青禾区年鉴", text="1月27日，区委召开常委会议。", year=2020)
    make_event(document=document)

    listed = client_anon.get("/api/documents/").json()
    detail = client_anon.get(f"/api/documents/{document.pk}/").json()

    summary = {
        "id": document.pk,
        "title": "青禾区年鉴",
        "source_name": "",
        "source_encoding": "utf-8",
        "format": "text",
        "year": 2020,
        "imported_at": detail["imported_at"],
        "event_count": 1,
        "review_notes": [],
    }
    assert listed == {"count": 1, "next": None, "previous": None, "results": [summary]}
    assert detail == {**summary, "pages": [], "original": None, "text": "1月27日，区委召开常委会议。"}


def test_unknown_document_is_json_404(client_anon):
    response = client_anon.get("/api/documents/424242/")

    assert response.status_code == 404 and response.json() == {"detail": "没有编号为 424242 的文献。"}


def test_editor_uploads_a_document(client_editor):
    response = upload(client_editor, title="青禾区大事记（2020）", year=2020)

    assert response.status_code == 201, response.content
    body = response.json()
    document = Document.objects.get()
    assert body["id"] == document.pk and body["title"] == "青禾区大事记（2020）" and body["year"] == 2020
    assert body["source_name"] == "qinghe.txt" and body["source_encoding"].lower() in {"gb18030", "gbk"}
    assert body["event_count"] == document.events.count() >= 1
    assert body["summary"].startswith('imported "青禾区大事记（2020）"')


def test_the_same_content_again_changes_nothing_and_says_so(client_editor):
    first = upload(client_editor).json()

    again = upload(client_editor, name="copy.txt")

    assert again.status_code == 200 and again.json()["id"] == first["id"]
    assert again.json()["summary"].startswith("unchanged:")
    assert Document.objects.count() == 1


@pytest.mark.parametrize("data", [b"", b"\x00\x01\x02\xff" * 100])
def test_bad_file_is_400_with_the_services_one_line_message(client_editor, data):
    response = upload(client_editor, data=data, name="bad.bin")

    assert response.status_code == 400
    message = response.json()["errors"]["file"][0]
    assert message and "\n" not in message
    assert Document.objects.count() == 0


@pytest.mark.parametrize(
    "fields, field", [({"year": "twenty"}, "year"), ({"year": 0}, "year"), ({"title": "长" * 301}, "title")]
)
def test_invalid_upload_fields_are_400(client_editor, fields, field):
    response = upload(client_editor, **fields)

    assert response.status_code == 400 and field in response.json()["errors"]


def test_missing_file_is_400(client_editor):
    response = client_editor.post("/api/documents/", {"title": "x"}, format="multipart")

    assert response.status_code == 400 and list(response.json()["errors"]) == ["file"]


def test_anonymous_upload_is_refused(client_anon):
    response = upload(client_anon)

    assert response.status_code in (401, 403)
    assert response.json()["detail"]
    assert Document.objects.count() == 0


def test_user_without_add_permission_is_refused(client_reader):
    response = upload(client_reader)

    assert response.status_code == 403 and response.json()["detail"]
    assert Document.objects.count() == 0
