"""The admin's upload takes Word files, spreadsheets and PDFs as it takes text."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from events.models import Document
from tests.formats import documents
from tests.formats.texts import TITLE, entries, yearbook_pdf

pytestmark = pytest.mark.django_db
ADD = "/admin/events/document/add/"


@pytest.mark.parametrize(
    ("build", "kind"),
    [
        (lambda: documents.docx(title=TITLE, paragraphs=[], entries=entries()), "docx"),
        (lambda: documents.xlsx(entries(excel_dates=True)), "xlsx"),
        (lambda: yearbook_pdf(), "pdf"),
    ],
)
def test_an_editor_uploads_any_format(editor_client, build, kind):
    data = build()  # once: Office files carry the time they were written
    upload = SimpleUploadedFile("upload", data)
    response = editor_client.post(ADD, {"file": upload, "title": TITLE}, follow=True)

    assert response.status_code == 200
    document = Document.objects.get()
    assert document.format == kind and document.events.count() >= 29
    assert bytes(document.source_file.content) == data


def test_an_encrypted_office_file_is_refused_on_the_form(editor_client):
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64) + "EncryptedPackage".encode("utf-16-le")
    response = editor_client.post(ADD, {"file": SimpleUploadedFile("secret.docx", data)}, follow=True)

    errors = response.context["adminform"].form.errors["file"]
    assert len(errors) == 1 and errors[0].startswith("encrypted Office file")
    assert Document.objects.count() == 0


def test_the_change_page_shows_the_format_and_links_the_original(editor_client):
    editor_client.post(ADD, {"file": SimpleUploadedFile("qinghe.pdf", yearbook_pdf())}, follow=True)
    document = Document.objects.get()

    html = editor_client.get(f"/admin/events/document/{document.pk}/change/").content.decode()

    assert f'<a href="/documents/{document.pk}/original/">qinghe.pdf</a>' in html
    assert "PDF" in html
