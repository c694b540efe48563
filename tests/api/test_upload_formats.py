"""POST /api/documents/ takes every format; the detail gives the format, the page map and the original."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from events.models import Document
from tests.formats import documents
from tests.formats.texts import TITLE, chronicle_lines, entries, yearbook_pdf

pytestmark = pytest.mark.django_db

BUILDS = {
    "pdf": lambda: yearbook_pdf(),
    "docx": lambda: documents.docx(title=TITLE, paragraphs=[], entries=entries()),
    "html": lambda: documents.html_page(title=TITLE, stamp="2021-03-05", paragraphs=chronicle_lines()),
    "xlsx": lambda: documents.xlsx(entries(excel_dates=True)),
    "csv": lambda: documents.csv_bytes(entries(excel_dates=True)),
}


def post(client, name: str, data: bytes):
    return client.post("/api/documents/", {"file": SimpleUploadedFile(name, data)}, format="multipart")


@pytest.mark.parametrize("kind", BUILDS)
def test_an_upload_in_any_format_is_imported_by_its_content(client_editor, kind):
    data = BUILDS[kind]()
    response = post(client_editor, "upload.bin", data)

    assert response.status_code == 202, response.content
    job = response.json()
    assert job["status"] == "done" and job["events"] >= 29
    assert job["summary"].startswith('imported "upload"')
    assert client_editor.get(f"/api/documents/{job['document']['id']}/").json()["format"] == kind


def test_the_detail_gives_the_page_map_the_mentions_pages_and_the_original(client_editor, client_anon):
    created = post(client_editor, "qinghe.pdf", yearbook_pdf()).json()["document"]
    detail = client_anon.get(f"/api/documents/{created['id']}/").json()

    assert detail["format"] == "pdf" and [page for _, page in detail["pages"]] == [37, 38, 39]
    assert detail["original"] == f"http://testserver/documents/{created['id']}/original/"
    events = client_anon.get(f"/api/events/?document={created['id']}&page_size=500").json()["results"]
    assert {m["page"] for e in events for m in e["mentions"]} == {37, 38, 39}

    original = client_anon.get(detail["original"])
    assert original.status_code == 200 and original.content == yearbook_pdf()
    assert original["Content-Type"] == "application/pdf"
    assert original["Content-Disposition"] == 'attachment; filename="qinghe.pdf"'
    assert original["Content-Security-Policy"] == "sandbox"


def test_a_bad_upload_names_the_file_field_and_stores_nothing(client_editor):
    response = post(client_editor, "a.pdf", yearbook_pdf()[:3000])

    assert response.status_code == 202
    assert response.json()["status"] == "failed" and response.json()["error"].startswith("damaged PDF")
    assert Document.objects.count() == 0
