"""Scans and photographs into lines of print, through the Tesseract OCR engine.

Tesseract runs as a program (Debian: `tesseract-ocr` with `tesseract-ocr-chi-sim` and
`tesseract-ocr-chi-tra`), one process per page with one thread each, as many at once as there
are cores. Its TSV output gives every word's box; the words of a line are joined without the
spaces Tesseract puts between Chinese characters (a wide gap becomes `　`, as in a chronicle's
`3日　…`), and digits misread next to 年/月/日 are repaired (`repair_digits`) before the lines
go to `layout.flow` like those of a PDF's text layer.

The first page is read both as simplified (`chi_sim`) and as traditional Chinese (`chi_tra`),
side by side with the other pages in simplified; when `chi_tra` reads it with more confidence,
the document is traditional (a Taiwan or Hong Kong record: `chi_sim` would read its 區 and 會
as 区 and 会, with high confidence) and the other pages are read again in `chi_tra`.
"""
from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache

from events.formats.layout import PrintLine, word_gap
from events.formats.reading import FormatError

SIMPLIFIED, TRADITIONAL = "chi_sim", "chi_tra"
_PACKAGES = "tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-chi-tra"
_SURER = 1.0  # points of mean confidence by which chi_tra must beat chi_sim on the first page
_PSM = "1"  # automatic page segmentation with orientation and script detection
_PAGE_SECONDS = 300
_WIDE_GAP = 1.2  # Tesseract's boxes leave up to 0.8 of a character between the words of a line
_GUTTER = 1.6  # a wider gap between two words is the white between two columns


@dataclass(frozen=True, slots=True)
class OcrPage:
    lines: tuple[PrintLine, ...]
    width: int
    height: int
    confidence: float  # Tesseract's mean word confidence, 0–100


def recognize(images: list[tuple[bytes, int]]) -> tuple[list[OcrPage], str]:
    """Read each image (PNG, JPEG, TIFF …; one page each, with its resolution in dots per inch)
    and say in which script they were read. Tesseract is told the resolution: left to guess it
    from an image without one, it can misjudge the size of the print and lose the columns."""
    if TRADITIONAL not in _languages():
        return _read_all([(*image, SIMPLIFIED) for image in images]), SIMPLIFIED
    jobs = [(*images[0], TRADITIONAL), *((*image, SIMPLIFIED) for image in images)]
    first_traditional, *simplified = _read_all(jobs)
    if first_traditional.confidence > simplified[0].confidence + _SURER:
        return [first_traditional, *_read_all([(*image, TRADITIONAL) for image in images[1:]])], TRADITIONAL
    return simplified, SIMPLIFIED


@lru_cache(maxsize=1)
def _languages() -> frozenset[str]:
    if shutil.which("tesseract") is None:
        raise FormatError(f"cannot read a scan: the OCR engine Tesseract is not installed "
                          f"(on Debian: apt-get install {_PACKAGES})")
    listing = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, check=False)
    languages = frozenset(line.strip() for line in listing.stdout.splitlines()[1:])
    if SIMPLIFIED not in languages:
        raise FormatError(
            f"cannot read a scan: Tesseract has no Chinese model (on Debian: apt-get install {_PACKAGES})"
        )
    return languages


def _read_all(jobs: list[tuple[bytes, int, str]]) -> list[OcrPage]:
    """Each (image, dpi, language) read by a Tesseract process of its own, one per core at a time."""
    if not jobs:
        return []
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        return list(pool.map(lambda job: _read(*job), jobs))


def _read(image: bytes, dpi: int, language: str) -> OcrPage:
    command = ["tesseract", "stdin", "stdout", "-l", language, "--psm", _PSM, "--dpi", str(dpi), "tsv"]
    environment = {**os.environ, "OMP_THREAD_LIMIT": "1"}  # one core a page; pages run side by side
    try:
        done = subprocess.run(
            command, input=image, capture_output=True, timeout=_PAGE_SECONDS, env=environment, check=False
        )
    except subprocess.TimeoutExpired:
        raise FormatError(f"cannot read a scan: OCR of one page took more than {_PAGE_SECONDS} s") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = message[-1] if message else f"exit status {done.returncode}"
        raise FormatError(f"cannot read the image: Tesseract failed ({reason})")
    return _page_from_tsv(done.stdout.decode("utf-8", "replace"))


def _page_from_tsv(tsv: str) -> OcrPage:
    width = height = 0
    lines: dict[tuple, list[dict]] = {}
    boxes: dict[tuple, dict] = {}
    confidences = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        key = (row["page_num"], row["block_num"], row["par_num"], row["line_num"])
        level = row["level"]
        if level == "1":
            width, height = int(row["width"]), int(row["height"])
        elif level == "4":
            boxes[key] = row
        elif level == "5" and (row.get("text") or "").strip():
            lines.setdefault(key, []).append(row)
            confidences.append(float(row["conf"]))
    out = []
    for key, words in lines.items():
        box = boxes.get(key) or words[0]
        size, top = float(box["height"]), float(box["top"])
        for run in _runs(words, size):
            text = run[0]["text"].strip()
            for before, word in zip(run, run[1:], strict=False):
                gap = _left(word) - _right(before)
                text += word_gap(text, word["text"].strip(), gap, size, wide=_WIDE_GAP) + word["text"].strip()
            out.append(PrintLine(repair_digits(text), _left(run[0]), top, _right(run[-1]), top + size, size))
    confidence = sum(confidences) / len(confidences) if confidences else 0.0
    return OcrPage(tuple(out), width, height, confidence)


def _runs(words: list[dict], size: float) -> list[list[dict]]:
    """A line's words cut where a gutter runs between them: Tesseract may join two columns' lines."""
    runs = [[words[0]]]
    for before, word in zip(words, words[1:], strict=False):
        if _left(word) - _right(before) >= _GUTTER * size:
            runs.append([])
        runs[-1].append(word)
    return runs


def _left(word: dict) -> float:
    return float(word["left"])


def _right(word: dict) -> float:
    return float(word["left"]) + float(word["width"])


# -- digits misread next to 年/月/日 --------------------------------------------------------------

_MISREAD_ONE = "]】|lI!"
_RUN = re.compile(
    r"(?<![A-Za-z一二三四五六七八九十〇零])([0-9OoＯ〇" + re.escape(_MISREAD_ONE) + r"]{1,4})(?=[年月日号])"
)
_STROKE_AFTER_DIGIT = re.compile(r"(?<=\d)[\]】|](?=[年月日号])")  # `1]月`: the 1's own stroke read twice
_QUOTE_FOR_SPACE = re.compile(
    r"^((?:\d{1,2}\s*日(?:\s*[—–一\-~～至]\s*\d{1,2}\s*日)?|同日|是月|[上中下]旬))[\s　]*[”\"“]"
)
_DASH_READ_AS_ONE = re.compile(r"(?<=[日月])\s*一\s*(?=\d{1,2}\s*[日月])")  # 16日一18日: a range's dash
_ONE_BESIDE_DIGIT = re.compile(r"(?<=\d)一(?=\d*[月日])|(?<![一二三四五六七八九十〇零])一(?=\d[月日])")
_AS_DIGIT = str.maketrans({"O": "0", "o": "0", "Ｏ": "0", "〇": "0", **{c: "1" for c in _MISREAD_ONE}})


def repair_digits(text: str) -> str:
    """Mend the digits OCR misreads in dates: `]日` → `1日`, `2O2O年` → `2020年`, `l2月` → `12月`,
    `1一月` → `11月`, `1]月` → `1月`, `16日一18日` → `16日—18日`. Only a run of digits and look-alikes
    right before 年/月/日 is touched, and only when it holds a real digit or is one look-alike of 1
    (`二〇二〇年` and `十一月` stay). A chronicle entry's `　` after its date, which Tesseract reads as
    a quote, comes back."""
    def mend(match: re.Match) -> str:
        run = match.group(1)
        if any(c.isascii() and c.isdigit() for c in run) or (len(run) == 1 and run in _MISREAD_ONE):
            return run.translate(_AS_DIGIT)
        return run

    text = _QUOTE_FOR_SPACE.sub("\\1　", _STROKE_AFTER_DIGIT.sub("", _DASH_READ_AS_ONE.sub("—", text)))
    return _RUN.sub(mend, _ONE_BESIDE_DIGIT.sub("1", text))
