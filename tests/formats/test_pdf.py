"""PDF with a text layer: reading order, running heads, page numbers, footnotes, line joins."""
import io

import pypdfium2 as pdfium
import pytest

from events.formats import FormatError, read_document
from events.parsing import extract_events
from tests.formats.documents import Block, two_column_pdf
from tests.formats.texts import FOOTNOTE, LATIN, yearbook_pdf, yearbook_text

PARAGRAPHS = [line for line in yearbook_text().splitlines() if line.strip()]


def events(text: str) -> set[tuple]:
    return {(d.start_date, d.end_date, d.title) for d in extract_events(text).drafts}


@pytest.mark.parametrize("rows", [False, True], ids=["drawn column by column", "drawn row by row"])
def test_two_columns_come_back_in_reading_order_with_every_paragraph_whole(rows):
    reading = read_document(yearbook_pdf(rows=rows))

    assert reading.format == "pdf"
    at = 0
    for paragraph in PARAGRAPHS:
        found = reading.text.find(paragraph, at)
        assert found >= at, f"not whole or out of order: {paragraph}"
        at = found + len(paragraph)


@pytest.mark.parametrize("rows", [False, True], ids=["drawn column by column", "drawn row by row"])
def test_the_pdf_gives_the_events_of_its_text(rows):
    assert events(read_document(yearbook_pdf(rows=rows)).text) == events(yearbook_text())


def test_running_heads_and_page_numbers_are_dropped_and_number_the_pages():
    reading = read_document(yearbook_pdf())

    assert "青禾区年鉴·2024" not in reading.text and "大事记\n大事记" not in reading.text
    assert "· 37 ·" not in reading.text and "· 38 ·" not in reading.text
    assert [page for _, page in reading.pages] == [37, 38, 39]
    starts = [start for start, _ in reading.pages]
    assert starts[0] == 0 and starts == sorted(starts)


def test_each_page_run_starts_where_that_page_s_text_starts():
    pdf = yearbook_pdf()
    reading = read_document(pdf)
    document = pdfium.PdfDocument(pdf)
    for index, (start, _) in enumerate(reading.pages):
        printed = "".join(document[index].get_textpage().get_text_range().split())
        assert "".join(reading.text[start : start + 12].split()) in printed


def test_a_footnote_is_a_paragraph_of_its_own_after_the_paragraph_its_page_broke():
    text = read_document(yearbook_pdf()).text

    assert f"\n{FOOTNOTE}\n" in text
    before = text[: text.index(FOOTNOTE)].rstrip("\n").rsplit("\n", 1)[-1]
    assert before in PARAGRAPHS, "the footnote cut a paragraph"


def test_a_word_hyphenated_at_a_line_end_is_joined_whole():
    text = read_document(yearbook_pdf()).text

    assert LATIN in text
    assert "-\n" not in text and "\ufffe" not in text


def test_a_single_page_keeps_its_running_head_but_drops_its_page_number():
    pdf = two_column_pdf([Block("1月3日　区委召开常委会议，研究部署全年工作。", "line")], first_number=5)
    reading = read_document(pdf)

    assert reading.pages == ((0, 5),)
    assert "· 5 ·" not in reading.text and "1月3日　区委召开常委会议，研究部署全年工作。" in reading.text


def _fpdf_with(**encryption) -> bytes:
    from fpdf import FPDF

    from tests.formats.documents import FONT, SIMPLIFIED_FACE, need_fonts

    need_fonts()
    pdf = FPDF()
    pdf.add_font("body", fname=str(FONT), collection_font_number=SIMPLIFIED_FACE)
    pdf.add_page()
    pdf.set_font("body", size=12)
    pdf.text(20, 30, "3月5日，区委召开全区组织工作会议。")
    if encryption:
        pdf.set_encryption(**encryption)
    return bytes(pdf.output())


def test_a_pdf_that_needs_a_password_is_refused_in_one_line():
    with pytest.raises(FormatError, match=r"^encrypted PDF: .*password") as refused:
        read_document(_fpdf_with(owner_password="owner", user_password="secret"))
    assert "\n" not in str(refused.value)


def test_a_pdf_protected_only_against_editing_is_read():
    assert "3月5日，区委召开全区组织工作会议。" in read_document(_fpdf_with(owner_password="owner")).text


@pytest.mark.parametrize(
    "damage",
    [
        lambda pdf: b"%PDF-1.7\n1 0 obj <<>> endobj\n",
        lambda pdf: pdf[:5000],
        lambda pdf: pdf[:9] + bytes(3000),
    ],
    ids=["no pages", "truncated", "overwritten"],
)
def test_a_damaged_pdf_is_refused_in_one_line(damage):
    with pytest.raises(FormatError, match=r"^damaged PDF: [^\n]*$"):
        read_document(damage(yearbook_pdf()))


def test_a_pdf_without_text_or_scan_is_refused_in_one_line():
    document = pdfium.PdfDocument.new()
    document.new_page(595, 842)
    buffer = io.BytesIO()
    document.save(buffer)
    with pytest.raises(FormatError, match=r"^no text in this PDF"):
        read_document(buffer.getvalue())


def test_a_long_pdf_read_by_two_processes_reads_as_in_one(monkeypatch):
    from events.formats import pdf as pdf_reader

    monkeypatch.setattr(pdf_reader, "_PARALLEL_FROM", 10**6)
    alone = read_document(yearbook_pdf())
    monkeypatch.setattr(pdf_reader, "_PARALLEL_FROM", 2)  # the 3-page PDF counts as long
    assert read_document(yearbook_pdf()) == alone


@pytest.mark.slow
def test_the_reference_yearbook_set_in_two_columns_meets_the_gold_events(yearbook_text):
    import json

    from tests.conftest import GOLD_EVENTS
    from tests.formats.documents import blocks_from_text
    from tests.parsing.test_drafts import _scorer

    heads = ("魏都区年鉴·2021", "魏都年鉴")
    pdf = two_column_pdf(blocks_from_text(yearbook_text), heads=heads, first_number=21)
    text = read_document(pdf).text
    scorer = _scorer()
    gold = [json.loads(line) for line in GOLD_EVENTS.read_text(encoding="utf-8").splitlines() if line.strip()]
    score = scorer.score(scorer.draft_rows(extract_events(text).drafts), gold, text)
    assert score.recall >= 0.95, score.misses
    assert score.duplicated == 0 and score.bad_mentions == 0
