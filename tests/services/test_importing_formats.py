"""Importing any format: the command, the service and the archive keep the file, its format and pages."""
import re
from io import StringIO

import pypdfium2 as pdfium
import pytest
from django.core.management import CommandError, call_command

from events.models import Document, Mention, SourceFile
from events.services.importing import DocumentRejected, document_import, document_reextract
from tests.formats import documents
from tests.formats.texts import TITLE, entries, yearbook_pdf
from tests.reliability.rows import counts, snapshot, wipe_chronology

pytestmark = pytest.mark.django_db


def run(path) -> str:
    out = StringIO()
    call_command("import_document", str(path), stdout=out)
    return out.getvalue()


def printed_pages(pdf: bytes) -> dict[int, str]:
    """Each page's text as PDFium gives it, without whitespace, by its printed number (37, 38 …)."""
    document = pdfium.PdfDocument(pdf)
    texts = [document[i].get_textpage().get_text_range() for i in range(len(document))]
    return {37 + i: re.sub(r"\s", "", text) for i, text in enumerate(texts)}


def test_a_pdf_named_txt_is_imported_as_a_pdf_with_its_pages(tmp_path):
    path = tmp_path / "yearbook.txt"
    path.write_bytes(yearbook_pdf())

    out = run(path)

    assert out.startswith('imported "yearbook" (pdf, 3 pages, ') and out.count("\n") == 1
    document = Document.objects.get()
    assert (document.format, document.source_encoding) == ("pdf", "")
    assert [page for _, page in document.pages] == [37, 38, 39]
    assert bytes(document.source_file.content) == yearbook_pdf()
    assert document.source_file.name == "yearbook.txt"


def test_every_mention_knows_the_page_it_was_printed_on():
    result = document_import(data=yearbook_pdf(), source_name="qinghe.pdf")
    pages = printed_pages(yearbook_pdf())

    mentions = list(Mention.objects.filter(document=result.document))
    assert len(mentions) == result.mentions > 80
    assert {m.page for m in mentions} == {37, 38, 39}
    for mention in mentions:
        assert re.sub(r"\s", "", mention.text)[:8] in pages[mention.page], mention.text


def test_the_same_file_again_changes_nothing_and_is_not_read_again(tmp_path):
    first = document_import(data=yearbook_pdf(), source_name="a.pdf")
    before = snapshot()

    again = document_import(data=yearbook_pdf(), source_name="another-name.pdf")

    assert again.unchanged and again.document.pk == first.document.pk
    assert again.summary == f'unchanged: "a" is already imported as document {first.document.pk}'
    assert snapshot() == before


def test_a_text_file_named_pdf_is_imported_as_text(tmp_path):
    path = tmp_path / "chronicle.pdf"
    path.write_text("1月\n3日　区委召开常委会议，研究部署全年工作。\n", encoding="gb18030")

    assert run(path).startswith('imported "chronicle" (gb18030, ')
    assert Document.objects.get().format == "text"


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (lambda: yearbook_pdf()[:4000], "damaged PDF"),
        (lambda: b"PK\x03\x04" + bytes(64), "damaged ZIP"),
        (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "old Word or Excel"),
    ],
    ids=["truncated pdf", "damaged zip", "old office"],
)
def test_a_bad_file_is_one_line_a_failure_and_nothing_stored(data, words, tmp_path):
    path = tmp_path / "bad.pdf"
    path.write_bytes(data())
    before = counts()

    with pytest.raises(CommandError) as failed:
        run(path)

    assert words in str(failed.value) and "\n" not in str(failed.value)
    assert counts() == before and SourceFile.objects.count() == 0


def test_a_new_version_replaces_the_kept_file():
    first = document_import(data=documents.xlsx(entries()[:5]), title=TITLE)
    newer = documents.xlsx(entries()[:8])
    second = document_import(data=newer, title=TITLE)

    assert second.document.pk == first.document.pk and second.summary.startswith(f'updated "{TITLE}" (xlsx')
    assert SourceFile.objects.count() == 1
    assert bytes(SourceFile.objects.get().content) == newer


def test_a_re_extraction_keeps_the_pages_and_what_the_reading_noted(tmp_path):
    document = document_import(data=yearbook_pdf(), source_name="qinghe.pdf").document
    Mention.objects.filter(document=document).update(page=None)
    document.review_notes = [*document.review_notes, {"kind": "reading", "start": None, "end": None,
                                                      "message": "2 pages read by OCR"}]
    document.save()

    document_reextract(document=document)

    assert not Mention.objects.filter(document=document, page=None).exists()
    assert {"kind": "reading", "start": None, "end": None, "message": "2 pages read by OCR"} in (
        Document.objects.get(pk=document.pk).review_notes)


def test_the_kept_file_survives_an_export_and_an_import_of_the_chronology(tmp_path):
    document_import(data=documents.docx(title=TITLE, paragraphs=[], entries=entries()), source_name="q.docx")
    before = snapshot()
    path = tmp_path / "chronology.jsonl"
    call_command("export_chronology", str(path), stdout=StringIO())
    wipe_chronology()

    call_command("import_chronology", str(path), stdout=StringIO())

    assert snapshot() == before
    assert bytes(SourceFile.objects.get().content).startswith(b"PK\x03\x04")


def test_the_service_refuses_with_the_reader_s_line():
    with pytest.raises(DocumentRejected, match=r"^encrypted Office file"):
        document_import(data=b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"))
