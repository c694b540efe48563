"""An edited 大事记 spreadsheet back in: exactly the edited entries change, with history; a bad
row refuses the whole file and stores nothing."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from events.chronicle_book import chronicle_book
from events.chronicle_files import SHEET_COLUMNS, book_xlsx
from events.models import Event
from events.services.editing import event_correct
from events.services.importing import document_import
from events.services.sheets import SheetRejected, chronicle_sheet_import
from tests.conftest import SAMPLE

pytestmark = pytest.mark.django_db
D = datetime.date
COLUMN = {name: index + 1 for index, name in enumerate(SHEET_COLUMNS)}


@pytest.fixture
def editor():
    return get_user_model().objects.create_user("editor")


@pytest.fixture
def year():
    return document_import(data=SAMPLE.read_bytes(), source_name=SAMPLE.name).document.year


def exported(year):
    return load_workbook(io.BytesIO(book_xlsx(chronicle_book(year=year))))


def saved(workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def snapshot():
    fields = [
        "title",
        "description",
        "start_date",
        "end_date",
        "precision",
        "calendar",
        "type",
        "place",
        "people",
        "organizations",
        "source",
        "status",
    ]
    return {e.pk: {name: getattr(e, name) for name in fields} for e in Event.everything.all()}


def test_an_unedited_sheet_changes_nothing(editor, year):
    before, history = snapshot(), Event.history.count()
    result = chronicle_sheet_import(data=saved(exported(year)), user=editor)
    assert (result.updated, result.added, result.unchanged) == (0, 0, len(before))
    assert snapshot() == before and Event.history.count() == history


def test_edits_to_each_column_change_exactly_those_events_with_history(editor, year):
    workbook = exported(year)
    sheet = workbook["大事记"]
    ids = [sheet.cell(row=r, column=1).value for r in range(2, sheet.max_row + 1)]
    edits = [
        ("事项", "区委书记主持召开常委会议，改写过的条目。"),
        ("日期", f"{year}年1月4日"),
        ("标题", "改过的标题"),
        ("类型", "培训"),
        ("地点", "区会议中心"),
        ("人物", "林泽远、周明川"),
        ("机构", "区委、区政府"),
        ("日期", f"{year}年2月上旬"),
        ("事项", "是月，全区开展“春风行动”。"),
        ("日期", "腊月二十六"),
    ]
    assert len(ids) >= len(edits)
    for row, (column, value) in enumerate(edits, start=2):
        sheet.cell(row=row, column=COLUMN[column]).value = value
    before, history = snapshot(), Event.history.count()
    result = chronicle_sheet_import(data=saved(workbook), user=editor)
    after = snapshot()
    changed = {pk for pk in before if before[pk] != after[pk]}
    assert changed == set(ids[: len(edits)]) and result.updated == 10
    assert Event.history.count() == history + 10
    for pk in changed:
        record = Event.history.filter(id=pk).order_by("-history_id").first()
        assert record.history_user == editor and record.history_change_reason.startswith("表格导入：")
    assert after[ids[3]]["type"] == "training" and after[ids[5]]["people"] == ["林泽远", "周明川"]
    assert (after[ids[7]]["start_date"], after[ids[7]]["precision"]) == (D(year, 2, 1), "xun")
    assert after[ids[9]]["calendar"] == "lunar"


def test_a_row_without_an_id_adds_an_event(editor, year):
    workbook = exported(year)
    sheet = workbook["大事记"]
    sheet.append(
        [None, None, None, "3月8日", "区妇联举办三八节座谈会。", None, "会议", None, None, None, "区妇联报送"]
    )
    result = chronicle_sheet_import(data=saved(workbook), user=editor)
    added = Event.everything.get(origin="editor")
    assert result.added == 1 and (added.start_date, added.source) == (D(year, 3, 8), "区妇联报送")
    assert added.title == "区妇联举办三八节座谈会" and added.type == "meeting"


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("日期", "某日", "第 2 行"),
        ("编号", 999999, "已不存在"),
        ("类型", "聚餐", "类型“聚餐”"),
        ("日期", "", "日期是空的"),
    ],
)
def test_a_bad_row_refuses_the_file_and_stores_nothing(editor, year, column, value, message):
    workbook = exported(year)
    sheet = workbook["大事记"]
    sheet.cell(row=3, column=COLUMN["事项"]).value = "这一行改了，但不会写入。"
    sheet.cell(row=2, column=COLUMN[column]).value = value
    before, history = snapshot(), Event.history.count()
    with pytest.raises(SheetRejected, match=message):
        chronicle_sheet_import(data=saved(workbook), user=editor)
    assert snapshot() == before and Event.history.count() == history


def test_an_event_changed_since_the_export_is_not_overwritten(editor, year):
    workbook = exported(year)
    sheet = workbook["大事记"]
    pk = sheet.cell(row=2, column=1).value
    event_correct(event=Event.everything.get(pk=pk), user=editor, changes={"title": "在系统里改过"})
    sheet.cell(row=2, column=COLUMN["标题"]).value = "在表格里也改了"
    with pytest.raises(SheetRejected, match="又在系统里被改过"):
        chronicle_sheet_import(data=saved(workbook), user=editor)
    assert Event.everything.get(pk=pk).title == "在系统里改过"


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"", "不是 XLSX"), (b"hello", "不是 XLSX"), (b"PK\x03\x04broken", "不是可读的 XLSX")],
)
def test_what_is_no_spreadsheet_is_refused_in_one_line(editor, data, message):
    with pytest.raises(SheetRejected, match=message) as raised:
        chronicle_sheet_import(data=data, user=editor)
    assert "\n" not in str(raised.value)


def test_the_command_imports_a_sheet_under_a_user_and_says_what_changed(editor, year, tmp_path, capsys):
    workbook = exported(year)
    workbook["大事记"].cell(row=2, column=COLUMN["标题"]).value = "命令行改的标题"
    path = tmp_path / "edited.xlsx"
    path.write_bytes(saved(workbook))
    call_command("import_chronicle_sheet", str(path), "--user", "editor")
    assert "更新 1 个事件" in capsys.readouterr().out
    with pytest.raises(CommandError, match="no user 'nobody'"):
        call_command("import_chronicle_sheet", str(path), "--user", "nobody")
    with pytest.raises(CommandError, match="no such file"):
        call_command("import_chronicle_sheet", str(tmp_path / "missing.xlsx"), "--user", "editor")
