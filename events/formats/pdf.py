"""PDF files: the text layer read with PDFium (pypdfium2), scanned pages through OCR.

Each page's characters come in PDFium's order with the line breaks and spaces it generates
between runs of print; the runs are cut there, boxed by their first and last character, and
handed to `layout.flow`, which finds the reading order. A page with (almost) no text but an
image is a scan: it is rendered at 300 dpi and read by `ocr`.
"""
from __future__ import annotations

import ctypes
import io
import multiprocessing
import os
import re
import threading
from concurrent.futures import ProcessPoolExecutor

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from events.formats import ocr
from events.formats.layout import PrintLine, PrintPage, flow
from events.formats.reading import FormatError, Reading

_SCAN_DPI = 300
_MAX_PIXELS = 8000  # on a scan's longer side
_PARALLEL_FROM = 16  # pages
_SCANNED_BELOW = 20  # characters: fewer on a page that holds an image, and it is a scan
_BREAKS = re.compile(r"[ \r\n\u00a0\ufffe]")  # U+FFFE: PDFium's mark of a hyphen ending a line


def read_pdf(data: bytes, *, on_page=None) -> Reading:
    """`on_page(done, total)` is told of each page read (the half read by another process at once)."""
    pages, scans = _pages(data, on_page or (lambda done, total: None))
    notes = []
    if scans:
        pages, script = _with_ocr(pages, scans)
        pages_read = _count(len(scans), "page")
        notes.append(f"{pages_read} read by OCR ({script}): check names and numbers against the scan")
    if not any(page.lines for page in pages):
        raise FormatError("no text in this PDF: it has no text layer and no scanned page that OCR could read")
    read = flow(pages, slack=1.0 if scans else 0.6)
    return Reading(read.text, "pdf-ocr" if scans else "pdf", "", read.pages, tuple(notes))


def _pages(data: bytes, on_page) -> tuple[list[PrintPage], dict[int, tuple[bytes, int]]]:
    """Every page's lines, and the scanned pages rendered for OCR.

    PDFium spends some milliseconds on each page (more with big embedded CJK fonts) and cannot
    be used from two threads, so a long PDF is read by two processes, half of it each — when
    this process runs a single thread (the command, a sync web worker): forking one with other
    threads could copy a lock one of them holds."""
    document = _open(data)
    count = len(document)
    document.close()
    if (count < _PARALLEL_FROM or (os.cpu_count() or 1) < 2 or threading.active_count() > 1
            or multiprocessing.current_process().daemon):
        return _read_pages(data, 0, count, lambda index: on_page(index + 1, count))
    half = count // 2
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork")) as pool:
        second = pool.submit(_read_pages, data, half, count)
        pages, scans = _read_pages(data, 0, half, lambda index: on_page(index + 1, count))
        more_pages, more_scans = second.result()
        on_page(count, count)
    return pages + more_pages, {**scans, **more_scans}


def _read_pages(data: bytes, first: int, stop: int,
                on_page=None) -> tuple[list[PrintPage], dict[int, tuple[bytes, int]]]:
    document = _open(data)
    pages, scans = [], {}
    try:
        for index in range(first, stop):
            page = document[index]
            try:
                width, height = page.get_size()
                lines = _text_lines(page, height)
                if sum(len(line.text) for line in lines) < _SCANNED_BELOW and _has_image(page):
                    scans[index + 1] = _render(page)
                pages.append(PrintPage(index + 1, width, height, tuple(lines)))
            finally:
                page.close()
            if on_page is not None:
                on_page(index)
    finally:
        document.close()
    return pages, scans


def _open(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if getattr(error, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            raise FormatError("encrypted PDF: it cannot be opened without its password; "
                              "import a copy saved without protection") from None
        raise FormatError("damaged PDF: PDFium cannot open it (truncated or not really a PDF)") from None


def _text_lines(page: pdfium.PdfPage, height: float) -> list[PrintLine]:
    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        text = textpage.get_text_range(0, count) if count > 0 else ""
        if len(text) != count:  # characters outside the BMP: PDFium counts them once, the text twice
            text = "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage, i)) for i in range(count))
        lines, start, boxes = [], 0, _Boxes(textpage)
        for match in [*_BREAKS.finditer(text), None]:
            end = match.start() if match else len(text)
            if match is None or text[end] in "\r\n\ufffe" or pdfium_c.FPDFText_IsGenerated(textpage, end):
                line = _line(boxes, text, start, end, height)
                if line is not None:
                    lines.append(line if text[end:end + 1] != "\ufffe" else _hyphen(line))
                start = end + 1
        return lines
    finally:
        textpage.close()


class _Boxes:
    """PDFium's boxes of a text page's characters, through its C API (the helpers cost more)."""

    def __init__(self, textpage):
        self.raw = textpage.raw
        self.left, self.right, self.bottom, self.top = (ctypes.c_double() for _ in range(4))
        self.loose = pdfium_c.FS_RECTF()

    def ink(self, index: int) -> tuple[float, float]:
        """The bottom and top of the character's ink."""
        pdfium_c.FPDFText_GetCharBox(self.raw, index, self.left, self.right, self.bottom, self.top)
        return self.bottom.value, self.top.value

    def advance(self, index: int) -> tuple[float, float]:
        """The left and right of the room the character takes on its line."""
        pdfium_c.FPDFText_GetLooseCharBox(self.raw, index, self.loose)
        return self.loose.left, self.loose.right


def _line(boxes: _Boxes, text: str, start: int, end: int, height: float) -> PrintLine | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        return None
    # Ink for the height, the advance for the width: a line-end 。 inks only the left of its box.
    bottom_a, top_a = boxes.ink(start)
    bottom_b, top_b = boxes.ink(end - 1)
    left, right = boxes.advance(start)[0], boxes.advance(end - 1)[1]
    size = pdfium_c.FPDFText_GetFontSize(boxes.raw, start) or (top_a - bottom_a)
    top, bottom = height - max(top_a, top_b), height - min(bottom_a, bottom_b)  # y grows downwards
    return PrintLine(text[start:end], left, top, right, bottom, size)


def _hyphen(line: PrintLine) -> PrintLine:
    return PrintLine(line.text + "-", line.x0, line.top, line.x1 + line.size / 3, line.bottom, line.size)


def _has_image(page: pdfium.PdfPage) -> bool:
    return any(True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2))


def _render(page: pdfium.PdfPage) -> tuple[bytes, int]:
    """The page as a grey PNG at 300 dpi, or less for a page so large it would not fit in memory."""
    scale = min(_SCAN_DPI / 72, _MAX_PIXELS / max(page.get_size()))
    image = page.render(scale=scale, grayscale=True).to_pil()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue(), round(scale * 72)


def _with_ocr(pages: list[PrintPage], scans: dict[int, tuple[bytes, int]]) -> tuple[list[PrintPage], str]:
    read, script = ocr.recognize(list(scans.values()))
    by_index = {index: (page, dpi) for (index, (_, dpi)), page in zip(scans.items(), read, strict=True)}
    out = []
    for page in pages:
        found, dpi = by_index.get(page.index, (None, 0))
        if found is not None:
            scale = 72 / dpi  # OCR boxes are pixels of the rendering; the layout wants the page's points
            lines = tuple(PrintLine(line.text, line.x0 * scale, line.top * scale, line.x1 * scale,
                                    line.bottom * scale, line.size * scale) for line in found.lines)
            page = PrintPage(page.index, page.width, page.height, lines)
        out.append(page)
    return out, script


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
