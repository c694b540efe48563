"""What a format reader returns: the text, the pages it came from, and what to tell an editor.

`Reading.text` is what the importer stores as `Document.text` and what the parser reads, so
every offset (mentions, dates, page starts) indexes it. `Reading.pages` maps offsets to the
printed pages: `(start, page)` runs in text order, a page's number as printed on it when the
file numbers its pages, else its position in the file. A page may own several runs (a footnote
printed on page 37 follows the paragraph that page 37 tore, which ends on page 38).
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field


class FormatError(ValueError):
    """The bytes cannot be read as a record; the message is one line naming the problem."""


@dataclass(frozen=True, slots=True)
class Reading:
    """A file read into text."""

    text: str
    format: str  # text, pdf, pdf-ocr, image, docx, html, xlsx, csv
    encoding: str = ""  # the text encoding, for the formats that have one
    pages: tuple[tuple[int, int], ...] = ()
    notes: tuple[str, ...] = ()


def page_at(pages, offset: int) -> int | None:
    """The page that holds the character at `offset`, or None for a text without pages."""
    if not pages:
        return None
    index = bisect.bisect_right([start for start, _ in pages], offset) - 1
    return pages[max(index, 0)][1]


@dataclass
class TextBuilder:
    """Joins paragraphs into one text and remembers on which page each piece was printed."""

    parts: list[str] = field(default_factory=list)
    length: int = 0
    pages: list[tuple[int, int]] = field(default_factory=list)

    def add(self, piece: str, *, page: int | None = None) -> None:
        if not piece:
            return
        if page is not None and (not self.pages or self.pages[-1][1] != page):
            if self.pages and self.pages[-1][0] == self.length:
                self.pages[-1] = (self.length, page)  # nothing of the previous run was written
            else:
                self.pages.append((self.length, page))
        self.parts.append(piece)
        self.length += len(piece)

    def drop_last(self) -> None:
        """Take back the last character written (a hyphen that turned out to join a word)."""
        self.parts[-1] = self.parts[-1][:-1]
        self.length -= 1

    def text(self) -> str:
        return "".join(self.parts)
