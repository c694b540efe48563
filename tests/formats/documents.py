"""Test documents in every format chronicle reads, made here from text written for the tests.

`two_column_pdf` sets text as a yearbook prints it: two justified columns of Noto Sans CJK
(Debian's fonts-noto-cjk), indented paragraphs, titles in larger print, running heads that
alternate between even and odd pages, a page number at the foot, footnotes in small print, and
Latin words hyphenated at a line's end. With `rows=True` it draws the lines across both columns
row by row, as some exporters do, so that only the reading order found from the boxes gives
the text back. `scanned_pdf` and `page_images` rasterize a PDF for OCR; `docx`, `html_page`,
`xlsx` and `csv_bytes` write the other formats. Benchmarks use the same builders.
"""
from __future__ import annotations

import csv
import datetime
import io
import os
import re
from dataclasses import dataclass
from pathlib import Path

FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
FONT_BOLD = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc")
SIMPLIFIED_FACE = 2  # the collection's faces: JP, KR, SC, TC, HK …

WIDTH, HEIGHT = 595.28, 841.89  # A4 in points
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM, GUTTER = 56.0, 72.0, 72.0, 22.0
HANGING = "，。、；：！？）》”’」』"


@dataclass(frozen=True)
class Block:
    """A paragraph to set: `text` (one paragraph), `kind` text (indented), line (flush left) or
    title (larger print), and the blank lines that stood before it in the source."""

    text: str
    kind: str = "text"
    space_before: int = 0


def blocks_from_text(text: str) -> list[Block]:
    """A plain-text record as blocks: each line a paragraph; short lines without a full stop are
    set flush left (titles, captions, credits), lines in 【】 or longer ones indented."""
    blocks, blank = [], 0
    for line in text.splitlines():
        line = line.strip()
        if not line:
            blank += 1
            continue
        short = len(line) <= 24 and not re.search(r"[。；]", line)
        kind = "title" if short and not re.search(r"[，、：\d（(]", line) and len(line) <= 12 else (
            "line" if short else "text")
        blocks.append(Block(line, kind, min(blank, 3)))
        blank = 0
    return blocks


def two_column_pdf(blocks: list[Block], *, heads: tuple[str, str] = ("青禾区年鉴·2024", "大事记"),
                   first_number: int = 37, footnotes: dict[int, list[str]] | None = None,
                   rows: bool = False, size: float = 10.0) -> bytes:
    """The blocks set in two columns; `footnotes` maps a page's position (from 0) to its notes."""
    from fpdf import FPDF

    need_fonts()

    pdf = FPDF(unit="pt", format=(WIDTH, HEIGHT))
    pdf.set_auto_page_break(False)
    pdf.add_font("body", fname=str(FONT), collection_font_number=SIMPLIFIED_FACE)
    pdf.add_font("head", fname=str(FONT_BOLD), collection_font_number=SIMPLIFIED_FACE)
    setter = _Setter(pdf, size)
    pages = setter.set(blocks, footnotes or {})
    for number, page in enumerate(pages):
        pdf.add_page()
        _running_head(pdf, heads[number % 2], number, first_number + number, size)
        for _, _, font, font_size, spacing, x, y, text in sorted(
            page, key=(lambda item: (round(item[6]), item[0])) if rows else (lambda item: (item[0], item[1]))
        ):
            pdf.set_font(font, size=font_size)
            pdf.set_char_spacing(spacing)
            pdf.text(x, y, text)
        pdf.set_char_spacing(0)
    return bytes(pdf.output())


def need_fonts() -> None:
    """The PDFs are set in Debian's Noto CJK fonts (scripts/test.sh installs fonts-noto-cjk): without
    them the tests that need a PDF are skipped, or fail where everything is required (CI)."""
    if FONT.exists() and FONT_BOLD.exists():
        return
    import pytest

    message = f"the CJK fonts to set test PDFs in are not installed ({FONT}; apt-get install fonts-noto-cjk)"
    if os.environ.get("CHRONICLE_REQUIRE_OCR") == "1":
        pytest.fail(message)
    pytest.skip(message)


def _running_head(pdf, head: str, number: int, printed: int, size: float) -> None:
    pdf.set_font("body", size=size - 1)
    width = pdf.get_string_width(head)
    pdf.text(MARGIN_X if number % 2 == 0 else WIDTH - MARGIN_X - width, MARGIN_TOP - 26, head)
    pdf.line(MARGIN_X, MARGIN_TOP - 20, WIDTH - MARGIN_X, MARGIN_TOP - 20)
    folio = f"· {printed} ·"
    pdf.text((WIDTH - pdf.get_string_width(folio)) / 2, HEIGHT - MARGIN_BOTTOM + 30, folio)


class _Setter:
    """Breaks blocks into justified lines and the lines into columns and pages."""

    def __init__(self, pdf, size: float):
        self.pdf, self.size = pdf, size
        self.column_width = (WIDTH - 2 * MARGIN_X - GUTTER) / 2
        self.widths: dict[tuple[str, float, str], float] = {}

    def width(self, text: str, font: str, size: float) -> float:
        total = 0.0
        for char in text:
            key = (font, size, char)
            if key not in self.widths:
                self.pdf.set_font(font, size=size)
                self.widths[key] = self.pdf.get_string_width(char)
            total += self.widths[key]
        return total

    def set(self, blocks: list[Block], footnotes: dict[int, list[str]]) -> list[list[tuple]]:
        pages: list[list[tuple]] = [[]]
        column, y = 0, MARGIN_TOP
        bottom = self._bottom(footnotes, 0, pages)
        for block in blocks:
            font, font_size = ("head", self.size * 1.25) if block.kind == "title" else ("body", self.size)
            leading = font_size * 1.6
            indent = 2 * font_size if block.kind == "text" else 0.0
            lines = self.lines(block.text, font, font_size, indent)
            y += block.space_before * self.size * 0.8
            for number, (text, spacing) in enumerate(lines):
                if y + leading > bottom:
                    column, y = column + 1, MARGIN_TOP
                    if column == 2:
                        pages.append([])
                        column = 0
                        bottom = self._bottom(footnotes, len(pages) - 1, pages)
                    elif column == 1:
                        bottom = HEIGHT - MARGIN_BOTTOM
                x = MARGIN_X + column * (self.column_width + GUTTER) + (indent if number == 0 else 0.0)
                pages[-1].append((column, y, font, font_size, spacing, x, y + font_size, text))
                y += leading
        return pages

    def _bottom(self, footnotes: dict[int, list[str]], page: int, pages: list[list[tuple]]) -> float:
        """Set the page's footnotes under the left column; return where its text must stop."""
        notes = footnotes.get(page, [])
        if not notes:
            return HEIGHT - MARGIN_BOTTOM
        small = self.size * 0.75
        lines = [line for note in notes for line in self.lines(note, "body", small, 0.0)]
        top = HEIGHT - MARGIN_BOTTOM - len(lines) * small * 1.5
        for number, (text, spacing) in enumerate(lines):
            pages[page].append((0, top + number * small * 1.5, "body", small, spacing, MARGIN_X,
                                top + number * small * 1.5 + small, text))
        return top - self.size * 1.5

    def lines(self, text: str, font: str, size: float, indent: float) -> list[tuple[str, float]]:
        """The paragraph broken into lines, each with the character spacing that justifies it."""
        out, line, width = [], "", indent
        tokens = re.findall(r"[A-Za-z]+|\d+(?:\.\d+)?%?|\s+|.", text)
        for token in tokens:
            token_width = self.width(token, font, size)
            room = self.column_width - width
            if token_width <= room or (token in HANGING and line and room >= 0):  # one stop may hang
                line, width = line + token, width + token_width
                continue
            if re.fullmatch(r"[A-Za-z]{6,}", token):  # hyphenate a long Latin word
                cut = 0
                while cut < len(token) - 2 and self.width(token[: cut + 1] + "-", font, size) <= room:
                    cut += 1
                if cut >= 3:
                    first_indent = indent if not out else 0
                    out.append(self._justified(line + token[:cut] + "-", font, size, first_indent))
                    line, width = token[cut:], self.width(token[cut:], font, size)
                    continue
            out.append(self._justified(line.rstrip(), font, size, indent if not out else 0))
            line = token.lstrip()
            width = self.width(line, font, size)
        out.append((line, 0.0))
        return out

    def _justified(self, line: str, font: str, size: float, indent: float) -> tuple[str, float]:
        """Spread the characters to the column's edge; a stop hanging past it needs none."""
        free = self.column_width - indent - self.width(line, font, size)
        return line, max(0.0, free / max(1, len(line) - 1))


def page_images(pdf: bytes, *, dpi: int = 200, pages: list[int] | None = None,
                fmt: str = "PNG") -> list[bytes]:
    """The PDF's pages rendered as scans would be (grey, `dpi` dots per inch)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    out = []
    for index in pages if pages is not None else range(len(document)):
        image = document[index].render(scale=dpi / 72, grayscale=True).to_pil()
        buffer = io.BytesIO()
        image.save(buffer, format=fmt)
        out.append(buffer.getvalue())
    document.close()
    return out


def scanned_pdf(pdf: bytes, *, dpi: int = 200, pages: list[int] | None = None) -> bytes:
    """An image-only PDF of the pages, as a scanner makes it: no text layer at all."""
    from PIL import Image

    images = [Image.open(io.BytesIO(png)) for png in page_images(pdf, dpi=dpi, pages=pages)]
    buffer = io.BytesIO()
    images[0].save(buffer, format="PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return buffer.getvalue()


# -- chronicles as editors keep them ----------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One row of a chronicle: its date as written, what happened, where it is recorded."""

    date: str | datetime.date
    text: str
    source: str = ""


def docx(*, title: str, paragraphs: list[str], entries: list[Entry], heading: str = "大事记") -> bytes:
    """A Word file: a title, paragraphs, a heading and a 日期 | 事项 | 来源 table."""
    import docx as python_docx

    document = python_docx.Document()
    document.add_heading(title, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    document.add_heading(heading, level=2)
    table = document.add_table(rows=1, cols=3)
    for cell, name in zip(table.rows[0].cells, ("日期", "事项", "来源"), strict=True):
        cell.text = name
    for entry in entries:
        cells = table.add_row().cells
        cells[0].text = _date_text(entry.date)
        cells[1].text = entry.text
        cells[2].text = entry.source
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx(entries: list[Entry], *, sheet: str = "2020年", excel_dates: bool = True) -> bytes:
    """An editor's workbook: a header row and one row an entry; dates as Excel dates where possible."""
    from openpyxl import Workbook

    book = Workbook()
    table = book.active
    table.title = sheet
    table.append(["日期", "事项", "来源"])
    for entry in entries:
        date = entry.date if excel_dates or isinstance(entry.date, str) else _date_text(entry.date)
        table.append([date, entry.text, entry.source or None])
        if isinstance(date, datetime.date):
            table.cell(row=table.max_row, column=1).number_format = "yyyy-mm-dd"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_bytes(entries: list[Entry], *, encoding: str = "utf-8-sig") -> bytes:
    """The same rows as Excel saves them as CSV (UTF-8 with BOM, or GBK)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["日期", "事项", "来源"])
    for entry in entries:
        writer.writerow([_date_text(entry.date, excel=True), entry.text, entry.source])
    return buffer.getvalue().encode(encoding)


def html_page(*, title: str, stamp: str, paragraphs: list[str], charset: str = "utf-8",
              declare: str = "meta") -> bytes:
    """A government site's article page: navigation, breadcrumbs, the article with its
    publication line, related links and a footer, in `charset`, declared the old way
    (`http-equiv`) or the new (`meta charset`)."""
    declaration = (f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
                   if declare == "http-equiv" else f'<meta charset="{charset}">')
    body = "\n".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    page = f"""<!DOCTYPE html>
<html lang="zh-CN"><head>{declaration}<title>{title}_青禾区人民政府网</title></head>
<body>
<div class="top"><a href="/">首页</a> <a href="/zwgk/">政务公开</a>
<a href="/hdjl/">互动交流</a> <a href="/bsfw/">办事服务</a></div>
<div class="nav">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 大事记</div>
<div class="article">
<h1>{title}</h1>
<div class="info">发布时间：{stamp}　来源：青禾区档案馆　浏览次数：1024</div>
<div class="content">
{body}
</div>
</div>
<div class="related"><h3>相关链接</h3><ul>
<li><a href="/a/1.html">2019年3月8日青禾区召开妇女工作会议</a></li>
<li><a href="/a/2.html">2018年12月1日青禾区开展消防宣传月活动</a></li>
</ul></div>
<div class="footer">主办单位：青禾区人民政府办公室　版权所有 2021
备案号：青ICP备12345678号　2021年1月1日起施行</div>
</body></html>"""
    # Sites that declare gb2312 write GBK (— and 《》 are outside gb2312), as encoders in the wild do.
    return page.encode("gbk" if charset == "gb2312" else charset)


def _date_text(date: str | datetime.date, *, excel: bool = False) -> str:
    """A date as a person types it, or as Excel writes a date cell into CSV (`2020/1/3`)."""
    if isinstance(date, str):
        return date
    return f"{date.year}/{date.month}/{date.day}" if excel else date.isoformat()
