"""Scans through Tesseract: digit repair in dates, a scanned chronicle page, a clear line without OCR.

The OCR tests run the real Tesseract on one page each (a couple of seconds); where it is not
installed they are skipped with that reason, except under CHRONICLE_REQUIRE_OCR=1 (CI), where
that is a failure.
"""
import difflib
import os
import shutil

import pytest

from events.formats import FormatError, ocr, read_document
from events.parsing import extract_events
from tests.formats.documents import blocks_from_text, scanned_pdf, two_column_pdf
from tests.formats.texts import chronicle_page_png, chronicle_text


@pytest.fixture
def tesseract():
    if shutil.which("tesseract") is None:
        if os.environ.get("CHRONICLE_REQUIRE_OCR") == "1":
            pytest.fail("Tesseract is not installed and CHRONICLE_REQUIRE_OCR=1")
        pytest.skip("Tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-chi-sim)")
    ocr._languages.cache_clear()
    yield
    ocr._languages.cache_clear()


@pytest.mark.parametrize(
    ("read", "repaired"),
    [
        ("3月]日，区委召开常委会议", "3月1日，区委召开常委会议"),
        ("2O2O年3月5日", "2020年3月5日"),
        ("1O月8日", "10月8日"),
        ("2〇20年", "2020年"),
        ("l2月l日", "12月1日"),
        ("I月3日", "1月3日"),
        ("1一月", "11月"),
        ("一1日", "11日"),
        ("1]月", "1月"),
        ("16日一18日", "16日—18日"),
        ("3日”区委书记主持召开会议", "3日　区委书记主持召开会议"),
        ("同日 “区长到社区调研", "同日　区长到社区调研"),
        ("上旬”全区组织党员干部", "上旬　全区组织党员干部"),
        # left alone: Chinese numerals, words, and look-alikes away from a date
        ("二〇二〇年十一月", "二〇二〇年十一月"),
        ("一月三日", "一月三日"),
        ("Mail日报", "Mail日报"),
        ("第l章 OK", "第l章 OK"),
        ("他说：“我们”", "他说：“我们”"),
    ],
)
def test_digits_misread_in_dates_are_repaired(read, repaired):
    assert ocr.repair_digits(read) == repaired


def _found(expected: set, got: set) -> float:
    """Share of the expected events read with the same interval and a title close to the text's."""
    hits = 0
    for start, end, title in expected:
        close = [t for s, e, t in got if (s, e) == (start, end)]
        hits += any(difflib.SequenceMatcher(None, title, t).ratio() >= 0.8 for t in close)
    return hits / len(expected)


def events(text: str) -> set[tuple]:
    return {(d.start_date, d.end_date, d.title) for d in extract_events(text).drafts}


def test_a_scanned_two_column_chronicle_page_gives_its_events(tesseract):
    reading = read_document(chronicle_page_png())

    assert reading.format == "image" and len(reading.pages) == 1 and reading.pages[0][0] == 0
    assert "OCR (chi_sim)" in reading.notes[0]
    assert _found(events(chronicle_text()), events(reading.text)) >= 0.8


@pytest.mark.django_db
def test_a_scanned_pdf_is_imported_with_its_pages_and_a_note_for_the_editor(tesseract):
    from events.services.importing import document_import

    scan = scanned_pdf(two_column_pdf(blocks_from_text(chronicle_text())), dpi=200)
    result = document_import(data=scan, source_name="scan.pdf")

    document = result.document
    assert document.format == "pdf-ocr" and result.summary.startswith('imported "scan" (pdf-ocr, ')
    assert [note["kind"] for note in document.review_notes][:1] == ["reading"]
    assert "read by OCR" in document.review_notes[0]["message"]
    assert result.events >= 0.8 * len(events(chronicle_text()))
    assert set(document.mentions.values_list("page", flat=True)) == {document.pages[0][1]}


def test_a_scan_in_traditional_characters_is_read_as_traditional(tesseract):
    from fpdf import FPDF

    from tests.formats.documents import FONT, need_fonts, page_images

    need_fonts()
    pdf = FPDF(unit="pt", format="A4")
    pdf.add_font("traditional", fname=str(FONT), collection_font_number=3)  # the collection's TC face
    pdf.add_page()
    pdf.set_font("traditional", size=12)
    for row, line in enumerate(TRADITIONAL):
        pdf.text(56, 80 + row * 24, line)
    reading = read_document(page_images(bytes(pdf.output()), dpi=200)[0])

    assert "OCR (chi_tra)" in reading.notes[0]
    assert "區長周明川帶隊到城東街道" in reading.text
    days = {(d.start_date.month, d.start_date.day) for d in extract_events(reading.text, year=2021).drafts}
    assert days == {(1, 3), (1, 5), (2, 12)}


TRADITIONAL = [
    "臺北市大事記",
    "1月3日　區委書記林澤遠主持召開區委常委會第41次會議，研究部署全年工作。",
    "1月5日　區長周明川帶隊到城東街道檢查安全生產工作。",
    "2月12日　區政府召開第27次常務會議，研究城市更新工作。",
]


def test_without_tesseract_a_scan_is_refused_in_one_clear_line(tesseract, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(FormatError, match=r"^cannot read a scan: the OCR engine Tesseract is not installed"):
        read_document(chronicle_page_png())
