"""The editors' goals measured on the reference yearbook, in a fresh SQLite database; prints figures.

Usage, from the checkout:  .venv/bin/python benchmarks/bench_editors.py [PATH]

1. Round trip: export the year's 大事记 as XLSX, edit 10 entries (each a different kind of cell:
   the text, the date typed three ways, the title, the type, place, people, organizations), import it
   back; count the events that changed and the history rows written (the goal: exactly those 10).
   The unedited export imported back must change nothing.
2. The DOCX 大事记: how long it takes to make, and, with LibreOffice installed, to render as PDF:
   pages, month headings found in order, 同日 and 是月 entries.
3. Duplicates across documents: a "news digest" is written from 40 of the yearbook's day events
   (their statements reworded at the head, a third of them dated a day later, as sources
   disagree), imported into the same collection; how many of the 40 pairs are suggested, how many
   suggestions are wrong, and how long the comparison takes.
4. The review queue's counts: how long the admin's four counts take.
"""

from __future__ import annotations

import argparse
import datetime
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "corpus" / "weidu-yearbook-2021.txt"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("path", nargs="?", default=str(DEFAULT))
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="bench-editors-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chronicle.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from events.models import Collection
    from events.services.importing import document_import

    volume = Collection.objects.create(name="reference volume")
    result = document_import(data=Path(args.path).read_bytes(), source_name=Path(args.path).name)
    result.document.collection = volume
    result.document.save()
    editor = get_user_model().objects.create_user("bench-editor")
    year = result.document.year
    print(result.summary)
    round_trip(year, editor)
    docx(year, workdir)
    duplicates(result.document, volume, year)
    queue()
    shutil.rmtree(workdir, ignore_errors=True)
    return 0


def _snapshot() -> dict:
    from events.models import Event

    fields = [
        "title",
        "description",
        "start_date",
        "end_date",
        "precision",
        "calendar",
        "date_text",
        "type",
        "place",
        "people",
        "organizations",
        "source",
        "status",
        "time",
    ]
    return {e.pk: tuple(str(getattr(e, name)) for name in fields) for e in Event.everything.all()}


def round_trip(year: int, editor) -> None:
    from openpyxl import load_workbook

    from events.chronicle_book import chronicle_book
    from events.chronicle_files import SHEET_COLUMNS, book_xlsx
    from events.models import Event
    from events.services.sheets import chronicle_sheet_import

    started = time.perf_counter()
    data = book_xlsx(chronicle_book(year=year))
    export_seconds = time.perf_counter() - started
    column = {name: index + 1 for index, name in enumerate(SHEET_COLUMNS)}
    before, history = _snapshot(), Event.history.count()
    unchanged = chronicle_sheet_import(data=data, user=editor)
    untouched = _snapshot() == before and Event.history.count() == history

    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook["大事记"]
    rows = list(range(2, sheet.max_row + 1))
    step = max(1, len(rows) // 10)
    chosen = rows[::step][:10]
    edits = [
        ("事项", "（编辑改写）区里召开会议，研究部署重点工作。"),
        ("日期", f"{year}年3月5日"),
        ("标题", "编辑改过的标题"),
        ("类型", "培训"),
        ("地点", "区会议中心"),
        ("人物", "张三、李四"),
        ("机构", "区委办公室"),
        ("日期", f"{year}年6月上旬"),
        ("日期", "腊月二十六"),
        ("事项", "全区开展专项行动。"),
    ]
    edited_ids = set()
    for row, (name, value) in zip(chosen, edits, strict=True):
        sheet.cell(row=row, column=column[name]).value = value
        edited_ids.add(sheet.cell(row=row, column=1).value)
    out = io.BytesIO()
    workbook.save(out)
    before, history = _snapshot(), Event.history.count()
    started = time.perf_counter()
    result = chronicle_sheet_import(data=out.getvalue(), user=editor)
    import_seconds = time.perf_counter() - started
    after = _snapshot()
    changed = {pk for pk in before if before[pk] != after.get(pk)}
    written = Event.history.count() - history
    print(
        f"round trip: {len(rows)} entries exported as XLSX in {export_seconds:.2f} s ({len(data):,} bytes); "
        f"the unedited sheet imported back changed {'nothing' if untouched else 'SOMETHING'} "
        f"({unchanged.summary})"
    )
    print(
        f"round trip: edited {len(edited_ids)} entries -> {len(changed)} events changed, "
        f"exactly the edited ones: {'yes' if changed == edited_ids else 'NO'}; {written} history rows "
        f"(表格导入, by {editor.username}); import {import_seconds:.2f} s; {result.summary}"
    )


def docx(year: int, workdir: Path) -> None:
    from events.chronicle_book import chronicle_book
    from events.chronicle_files import book_docx

    started = time.perf_counter()
    book = chronicle_book(year=year)
    data = book_docx(book)
    seconds = time.perf_counter() - started
    path = workdir / f"{year}.docx"
    path.write_bytes(data)
    entries, months = len(book.entries), len(book.months)
    print(f"docx: {entries} entries in {months} months, {len(data):,} bytes in {seconds:.2f} s")
    soffice = shutil.which("soffice")
    if soffice is None or shutil.which("pdftotext") is None:
        print("docx: LibreOffice or pdftotext not installed: not rendered")
        return
    started = time.perf_counter()
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{workdir}/profile",
            "--convert-to",
            "pdf",
            "--outdir",
            str(workdir),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    render = time.perf_counter() - started
    text = subprocess.run(
        ["pdftotext", "-layout", str(path.with_suffix(".pdf")), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    lines = ["".join(line.split()) for line in text.splitlines() if line.strip()]
    months = [line for line in lines if line in {f"{m}月" for m in range(1, 13)}]
    in_order = months == [f"{m}月" for m in range(1, 13)]
    print(
        f"docx: LibreOffice rendered it to {text.count(chr(12))} PDF pages in {render:.1f} s; title line "
        f"{lines[0]!r}; month headings in order: {in_order} ({len(months)}); "
        f"同日 entries {sum(line.startswith('同日') for line in lines)}, "
        f"是月 entries {sum(line.startswith('是月') for line in lines)}"
    )


def duplicates(document, volume, year: int) -> None:
    from events.chronicle_book import entry_text
    from events.models import DuplicateSuggestion, Event
    from events.services.duplicates import duplicates_find
    from events.services.importing import document_import

    candidates = Event.objects.filter(document=document, precision="day").order_by("start_date", "id")
    days = [e for e in candidates if e.start_date == e.end_date and len(entry_text(e)) > 20][:40]
    lines = [f"青禾新闻{year}年要闻摘编", ""]
    for index, event in enumerate(days):
        day = event.start_date + datetime.timedelta(days=1 if index % 3 == 0 else 0)
        lines += [f"{day.month}月{day.day}日讯　据报道，{entry_text(event)}", ""]
    news = document_import(data="\n".join(lines).encode(), source_name="news-digest.txt", year=year).document
    news.collection = volume
    news.save()
    started = time.perf_counter()
    found = duplicates_find(events=Event.objects.filter(document=news))
    seconds = time.perf_counter() - started
    news_events = set(Event.everything.filter(document=news).values_list("pk", flat=True))
    suggested: dict[int, set[int]] = {}
    for first, second in DuplicateSuggestion.objects.filter(dismissed_at=None).values_list("first", "second"):
        for ours, theirs in ((first, second), (second, first)):
            if ours in news_events:
                suggested.setdefault(ours, set()).add(theirs)
    sources = {}  # each news event: the yearbook events its words were taken from
    for restated in Event.everything.filter(document=news):
        sources[restated.pk] = {e.pk for e in days if entry_text(e)[:12] in restated.description}
    right = sum(1 for pk, source in sources.items() if source & suggested.get(pk, set()))
    wrong = sum(len(others - sources[pk]) for pk, others in suggested.items())
    shifted = sum(1 for index in range(len(days)) if index % 3 == 0)
    print(
        f"duplicates: a news digest restating {len(days)} of the year's events ({shifted} a day later), read "
        f"as {len(news_events)} events -> {found} suggestions: {right} of the {len(news_events)} news events "
        f"paired with the event they restate, {wrong} wrong pairs; comparison {seconds * 1000:.0f} ms"
    )


def queue() -> None:
    from events import selectors

    started = time.perf_counter()
    counts = selectors.review_counts()
    seconds = time.perf_counter() - started
    print(f"review queue: {counts} in {seconds * 1000:.0f} ms")


if __name__ == "__main__":
    sys.exit(main())
