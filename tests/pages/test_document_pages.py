"""Where a passage was printed: "p. 37" on the event page links to the #p37 mark on the document page."""
import re

import pytest
from django.test import Client

from events.models import Document, Mention
from events.services.importing import document_import
from tests.formats import documents
from tests.formats.texts import TITLE, entries, yearbook_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def paged_document() -> Document:
    return document_import(data=yearbook_pdf(), source_name="qinghe.pdf").document


def test_the_document_page_marks_where_each_printed_page_begins(paged_document):
    html = Client().get(f"/documents/{paged_document.pk}/").content.decode()

    assert re.findall(r'<span class="page-mark" id="p(\d+)">p\. \1</span>', html) == ["37", "38", "39"]
    assert "PDF" in html and "3 页" in html
    assert f'href="/documents/{paged_document.pk}/original/" download' in html


def test_the_event_page_links_each_passage_to_its_printed_page(paged_document):
    mention = Mention.objects.filter(document=paged_document, page=39).select_related("event").first()
    html = Client().get(f"/events/{mention.event_id}/").content.decode()

    assert f'<a class="page-link" href="/documents/{paged_document.pk}/#p39">p. 39</a>' in html


def test_a_document_without_pages_shows_no_page_marks_and_its_original():
    document = document_import(data=documents.xlsx(entries()), title=TITLE).document
    html = Client().get(f"/documents/{document.pk}/").content.decode()

    assert "page-mark" not in html and "Excel 表格" in html
    event = document.events.first()
    assert "page-link" not in Client().get(f"/events/{event.pk}/").content.decode()


def test_an_uploaded_web_page_is_only_ever_downloaded():
    page = documents.html_page(title="<script>alert(1)</script>", stamp="2021-03-05",
                               paragraphs=["3月5日，区委召开常委会议。<script>alert(2)</script>"] * 12)
    document = document_import(data=page, title="网页").document
    response = Client().get(f"/documents/{document.pk}/original/")

    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "text/html" and response["Content-Security-Policy"] == "sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"
    shown = Client().get(f"/documents/{document.pk}/").content.decode()
    assert "<script>alert" not in shown


def test_a_document_without_a_kept_file_has_no_original():
    document = document_import(data="1月3日，区委召开常委会议。".encode(), title="文本").document
    document.source_file.delete()
    assert Client().get(f"/documents/{document.pk}/original/").status_code == 404
