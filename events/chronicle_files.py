"""The 大事记 as files: DOCX (python-docx), Markdown and XLSX (openpyxl), and the download response.

The layout is `chronicle_book.Book`'s; these writers only typeset it. Every entry keeps its
event's id: a bookmark `event-ID` in the DOCX, an anchor in the Markdown, the 编号 column in
the spreadsheet, whose other columns `services.sheets` reads back.
"""

from __future__ import annotations

import io
import re

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils.http import content_disposition_header

from .chronicle_book import SPACE, Book, Entry, chronicle_book
from .models import Event, EventType, Status

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MEDIA_TYPES = {"docx": DOCX_TYPE, "md": "text/markdown; charset=utf-8", "xlsx": XLSX_TYPE}

# The spreadsheet's columns, in order. `services.sheets` reads back the editable ones.
SHEET_COLUMNS = (
    "编号",
    "月份",
    "条目日期",
    "日期",
    "事项",
    "标题",
    "类型",
    "地点",
    "人物",
    "机构",
    "来源",
    "状态",
    "版本",
)
EDITABLE_COLUMNS = ("日期", "事项", "标题", "类型", "地点", "人物", "机构", "来源")
SHEET_NAME = "大事记"
NOTES_NAME = "说明"

_BODY_FONT, _HEADING_FONT, _LATIN_FONT = "宋体", "黑体", "Times New Roman"


def export_response(
    *,
    year: int,
    format: str,
    filters: dict | None = None,  # noqa: A002
    queryset: QuerySet[Event] | None = None,
) -> HttpResponse:
    """The year's 大事记, filtered like the event list, as a download in `format` (docx, md, xlsx)."""
    from .selectors import event_list

    filters = dict(filters or {})
    qs = event_list(queryset=queryset, **filters).prefetch_related(None)
    book = chronicle_book(year=year, queryset=qs, title=_title(year, filters))
    body = {"docx": book_docx, "md": lambda b: book_markdown(b).encode(), "xlsx": book_xlsx}[format](book)
    response = HttpResponse(body, content_type=MEDIA_TYPES[format])
    response["Content-Disposition"] = content_disposition_header(True, f"{book.title}.{format}")
    return response


def _title(year: int, filters: dict) -> str:
    collection, document = filters.get("collection"), filters.get("document")
    name = getattr(collection, "name", "") or getattr(document, "title", "")
    return f"{name}·{year}年大事记" if name else f"{year}年大事记"


# -- DOCX ---------------------------------------------------------------------------------------


def book_docx(book: Book) -> bytes:
    """A Word document that reads as a yearbook's chapter: the title, a heading per month, entries
    with their dates in bold, A4 pages numbered in the footer."""
    from docx import Document as Docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    docx = Docx()
    section = docx.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.6)
    section.top_margin = section.bottom_margin = Cm(2.5)
    _style_fonts(docx.styles["Normal"], _BODY_FONT, Pt(11))
    docx.styles["Normal"].paragraph_format.line_spacing = 1.3
    for name, size in (("Title", 20), ("Heading 1", 15)):
        style = docx.styles[name]
        _style_fonts(style, _HEADING_FONT, Pt(size))
        style.font.bold = True
        style.font.color.rgb = None
    docx.core_properties.title = book.title
    docx.core_properties.subject = "大事记"

    heading = docx.add_paragraph(book.title, style="Title")
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for month in book.months:
        docx.add_paragraph(month.heading, style="Heading 1")
        for entry in month.entries:
            _docx_entry(docx, entry)
    if book.year_entries:
        docx.add_paragraph("是年", style="Heading 1")
        for entry in book.year_entries:
            _docx_entry(docx, entry)
    _page_numbers(section)
    out = io.BytesIO()
    docx.save(out)
    return out.getvalue()


def _docx_entry(docx, entry: Entry) -> None:
    from docx.shared import Pt

    paragraph = docx.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(4)
    _bookmark(paragraph, f"event-{entry.id}", entry.id)
    label = paragraph.add_run(entry.label)
    label.bold = True
    _run_font(label, _HEADING_FONT)
    paragraph.add_run(SPACE + _docx_text(entry.text))


def _docx_text(text: str) -> str:
    # XML 1.0 has no room for control characters; a stray one must not make the file unreadable.
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", text)


def _style_fonts(style, east_asian: str, size) -> None:
    style.font.name = _LATIN_FONT
    style.font.size = size
    _east_asian(style.element.get_or_add_rPr(), east_asian)


def _run_font(run, east_asian: str) -> None:
    _east_asian(run._element.get_or_add_rPr(), east_asian)


def _east_asian(rpr, name: str) -> None:
    from docx.oxml.ns import qn

    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), name)


def _bookmark(paragraph, name: str, number: int) -> None:
    """A Word bookmark around nothing at the head of the paragraph: the entry's stable id."""
    from docx.oxml.ns import qn

    start = paragraph._p.makeelement(qn("w:bookmarkStart"), {qn("w:id"): str(number), qn("w:name"): name})
    end = paragraph._p.makeelement(qn("w:bookmarkEnd"), {qn("w:id"): str(number)})
    paragraph._p.append(start)
    paragraph._p.append(end)


def _page_numbers(section) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn

    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            run._r.append(run._r.makeelement(qn("w:fldChar"), {qn("w:fldCharType"): kind}))
        else:
            instruction = run._r.makeelement(qn("w:instrText"), {qn("xml:space"): "preserve"})
            instruction.text = text
            run._r.append(instruction)


# -- Markdown -----------------------------------------------------------------------------------

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def book_markdown(book: Book) -> str:
    """`# 2020年大事记`, `## 3月`, and one paragraph per entry: `**5日**　…`, with an anchor
    `<a id="event-ID"></a>` for each entry's stable id. Text is escaped, so no markup gets in."""
    lines = [f"# {_md(book.title)}", ""]
    for month in book.months:
        lines += [f"## {month.heading}", ""]
        lines += [line for entry in month.entries for line in (_md_entry(entry), "")]
    if book.year_entries:
        lines += ["## 是年", ""]
        lines += [line for entry in book.year_entries for line in (_md_entry(entry), "")]
    return "\n".join(lines)


def _md_entry(entry: Entry) -> str:
    return f'<a id="event-{entry.id}"></a>**{_md(entry.label)}**{SPACE}{_md(entry.text)}'


def _md(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


# -- XLSX ---------------------------------------------------------------------------------------


def book_xlsx(book: Book) -> bytes:
    """One row per entry in the chronicle's order, with the columns `SHEET_COLUMNS`; a second
    sheet says which columns are read back and holds the year."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    entries = book.entries
    events = {e.pk: e for e in Event.everything.filter(pk__in=[entry.id for entry in entries])}
    versions = history_versions([entry.id for entry in entries])
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_NAME
    sheet.append(list(SHEET_COLUMNS))
    for entry in entries:
        event = events[entry.id]
        sheet.append(
            [
                entry.id,
                f"{entry.month}月" if entry.label != "是年" else "是年",
                entry.label,
                entry.date,
                _cell(entry.text),
                _cell(event.title),
                str(EventType(event.type).label),
                _cell(event.place),
                "、".join(event.people),
                "、".join(event.organizations),
                _cell(entry.source),
                str(Status(event.status).label),
                versions.get(entry.id, 0),
            ]
        )
    header = Font(bold=True)
    editable = PatternFill("solid", fgColor="FFF7D6")
    for index, name in enumerate(SHEET_COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = header
        if name in EDITABLE_COLUMNS:
            cell.fill = editable
    widths = {
        "编号": 8,
        "月份": 6,
        "条目日期": 12,
        "日期": 24,
        "事项": 70,
        "标题": 36,
        "类型": 10,
        "地点": 14,
        "人物": 18,
        "机构": 18,
        "来源": 24,
        "状态": 9,
        "版本": 8,
    }
    for index, name in enumerate(SHEET_COLUMNS, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = widths[name]
    version_column = sheet.cell(row=1, column=SHEET_COLUMNS.index("版本") + 1).column_letter
    sheet.column_dimensions[version_column].hidden = True
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = wrap
            cell.number_format = "@"  # text: Excel must not turn 3-5 or 1/2 into dates
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # text that looks like a formula stays text, never runs
    sheet.freeze_panes = "B2"
    types = DataValidation(
        type="list",
        formula1='"' + ",".join(str(label) for _, label in EventType.choices) + '"',
        allow_blank=True,
    )
    types.add(f"G2:G{max(2, len(entries) + 200)}")
    sheet.add_data_validation(types)
    notes = workbook.create_sheet(NOTES_NAME)
    for row in _notes(book):
        notes.append(row)
    notes.column_dimensions["A"].width = 14
    notes.column_dimensions["B"].width = 90
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def history_versions(ids: list[int]) -> dict[int, int]:
    """Each event's newest history id: it changes with every write, so an import can tell whether an
    event was changed in chronicle after the spreadsheet was exported."""
    from django.db.models import Max

    rows = Event.history.filter(id__in=ids).values("id").annotate(newest=Max("history_id"))
    return {row["id"]: row["newest"] for row in rows}


def _cell(text: str) -> str:
    return text or ""


def _notes(book: Book) -> list[list]:
    return [
        ["年份", book.year],
        ["标题", book.title],
        ["", ""],
        [
            "可改的列",
            "、".join(EDITABLE_COLUMNS) + "（表头为黄色）。改后在编辑后台“大事记：导出与回填”上传，"
            "或用 manage.py import_chronicle_sheet；只有改过的条目会更新，每处改动都记入历史。",
        ],
        [
            "日期",
            "按写法填写：2020年3月5日、2020年3月上旬、2020年3月30日—4月2日、腊月二十七（没写年份按上面的年份）。",
        ],
        ["事项", "条目的正文，不含日期。"],
        ["人物、机构", "多个用顿号“、”分开。"],
        ["来源", "编辑添加、没有原文出处的事件可改；读自文献的事件此列只是文献名，改了不生效。"],
        ["新增条目", "在末尾加一行，编号留空，填上日期和事项（标题可空）：导入时成为编辑添加的事件。"],
        [
            "不要改",
            "编号、月份、条目日期、状态和隐藏的版本列：编号认出事件，版本认出导出后在系统里又被改过的事件。",
        ],
    ]
