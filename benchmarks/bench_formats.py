"""The formats' goals (issue 14), measured: prints figures, asserts nothing.

Usage, from the checkout:  .venv/bin/python benchmarks/bench_formats.py [--runs 5] [--skip-ocr]

1. The reference yearbook (../shared/corpus/, read here and never stored) set as a two-column
   PDF (tests/formats/documents.py: running heads, page numbers, justified columns) and scored
   by ../shared/tools/check_events.py like its text. Goal: >= 0.95 of the gold events.
2. The test chronicle as Word, web pages, spreadsheets and CSV: the events of its text version.
3. Three years of the test chronicle set in two columns, rasterized at 300 dpi into a scan-only
   PDF and imported through OCR: the share of its events found (same interval, title at least 80%
   alike), and Tesseract's throughput in pages per minute per core (its CPU time). Goal: >= 0.80.
4. The yearbook set as a 65-page PDF: its import against `pdftotext` plus the import of the text
   pdftotext gives, the median of `--runs` warm runs each, into a SQLite file. Goal: <= 2x.
"""
from __future__ import annotations

import argparse
import difflib
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
YEARBOOK = SHARED / "corpus" / "weidu-yearbook-2021.txt"
GOLD = SHARED / "gold" / "weidu-events.jsonl"
SCORER = SHARED / "tools" / "check_events.py"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-ocr", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-formats-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{work / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chronicle.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from tests.formats import documents

    text = YEARBOOK.read_text(encoding="utf-8")
    pdf = documents.two_column_pdf(documents.blocks_from_text(text), heads=("魏都区年鉴·2021", "魏都年鉴"),
                                   first_number=21, size=10.2)
    pages = _pages(pdf)
    path = work / "weidu-yearbook-2021.pdf"
    path.write_bytes(pdf)
    print(f"1. reference yearbook as a two-column PDF ({pages} pages, {len(pdf):,} bytes):")
    print("   text:", _score(YEARBOOK))
    print("   pdf: ", _score(path))
    print("2. the test chronicle in other formats, events equal to its text version's:")
    for name, ok, count in _other_formats():
        print(f"   {name:<28} {'same' if ok else 'DIFFERENT'} ({count} events)")
    if not args.skip_ocr:
        recall, scan_pages, wall, cpu = _scanned_chronicle()
        print(f"3. scanned two-column chronicle ({scan_pages} pages at 300 dpi): {recall:.3f} of its events; "
              f"OCR {scan_pages / (cpu / 60):.1f} pages/min/core (Tesseract CPU {cpu:.1f} s), "
              f"{scan_pages / (wall / 60):.1f} pages/min wall on {os.cpu_count()} cores")
    from events.formats import pdf as pdf_reader

    pdftotext, text_import, pdf_import, cold = _speed(pdf, work, args.runs)
    baseline = pdftotext + text_import
    print(f"4. import of the {pages}-page PDF: {pdf_import:.2f} s (cold, first in the process {cold:.2f} s); "
          f"pdftotext {pdftotext:.2f} s + import of its text {text_import:.2f} s = {baseline:.2f} s; "
          f"ratio {pdf_import / baseline:.2f} (goal <= 2)")
    pdf_reader._PARALLEL_FROM = 10**6
    _, _, serial, _ = _speed(pdf, work, args.runs)
    print(f"   the same with every page read in this one process: {serial:.2f} s, "
          f"ratio {serial / baseline:.2f}")
    return 0


def _pages(pdf: bytes) -> int:
    import pypdfium2 as pdfium

    return len(pdfium.PdfDocument(pdf))


def _score(path: Path) -> str:
    environment = {**os.environ, "DATABASE_URL": f"sqlite:///{tempfile.mkdtemp()}/score.sqlite3"}
    done = subprocess.run([sys.executable, str(SCORER), str(path), str(GOLD)], capture_output=True, text=True,
                          cwd=ROOT, env=environment, check=False)
    return (done.stdout.strip().splitlines() or [done.stderr.strip()])[-1]


def _events(text: str) -> set[tuple]:
    from events.parsing import extract_events

    return {(d.start_date, d.end_date, d.title) for d in extract_events(text).drafts}


def _other_formats():
    from events.formats import read_document
    from tests.formats import documents
    from tests.formats.texts import TITLE, chronicle_lines, chronicle_text, entries

    expected = _events(chronicle_text())
    versions = {
        "Word (.docx), a table": documents.docx(title=TITLE, paragraphs=[], entries=entries()),
        "web page, utf-8": documents.html_page(title=TITLE, stamp="2021-03-05", paragraphs=chronicle_lines()),
        "web page, gb2312": documents.html_page(title=TITLE, stamp="2021-03-05", paragraphs=chronicle_lines(),
                                                charset="gb2312", declare="http-equiv"),
        "Excel (.xlsx), Excel dates": documents.xlsx(entries(excel_dates=True)),
        "CSV, GBK": documents.csv_bytes(entries(excel_dates=True), encoding="gbk"),
    }
    for name, data in versions.items():
        found = _events(read_document(data).text)
        yield name, found == expected, len(found)


def _scanned_chronicle() -> tuple[float, int, float, float]:
    from events.formats import read_document
    from tests.formats import documents
    from tests.formats.texts import yearbook_text

    source = yearbook_text()
    scan = documents.scanned_pdf(documents.two_column_pdf(documents.blocks_from_text(source)), dpi=300)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    reading = read_document(scan)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    expected, got = _events(source), _events(reading.text)
    hits = sum(
        any(difflib.SequenceMatcher(None, title, other).ratio() >= 0.8 for other in same)
        for start, end, title in expected
        for same in [[t for s, e, t in got if (s, e) == (start, end)]]
    )
    return hits / len(expected), _pages(scan), wall, cpu


def _speed(pdf: bytes, work: Path, runs: int) -> tuple[float, float, float, float]:
    from events.models import Document
    from events.services.importing import document_import

    path = work / "speed.pdf"
    path.write_bytes(pdf)
    text_path = work / "speed.txt"

    def timed(function) -> float:
        started = time.perf_counter()
        function()
        return time.perf_counter() - started

    def import_pdf():
        document_import(data=pdf, title="pdf")

    cold = timed(import_pdf)
    Document.objects.all().delete()
    pdftotext, text_import, pdf_import = [], [], []
    for _ in range(runs):
        pdftotext.append(timed(lambda: subprocess.run(["pdftotext", str(path), str(text_path)], check=True)))
        data = text_path.read_bytes()
        text_import.append(timed(lambda data=data: document_import(data=data, title="text")))
        Document.objects.all().delete()
        pdf_import.append(timed(import_pdf))
        Document.objects.all().delete()
    return statistics.median(pdftotext), statistics.median(text_import), statistics.median(pdf_import), cold


if __name__ == "__main__":
    sys.exit(main())
