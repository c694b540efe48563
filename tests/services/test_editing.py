"""Editors' writes: correct, verify, merge and undo, as the admin and the API call them."""
import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from events.models import Event, Mention
from events.services.editing import (
    event_correct,
    event_undo_correction,
    event_verify,
    events_merge,
    interval_problem,
    read_typed_date,
)
from tests.factories import make_document, make_event, make_mention

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def editor():
    return get_user_model().objects.create_user("editor", password="pw-editor-1")


@pytest.mark.parametrize(
    ("start", "end", "precision", "fits"),
    [
        (D(2020, 1, 27), D(2020, 1, 27), "day", True),
        (D(2020, 1, 27), D(2020, 2, 3), "day", True),
        (D(2020, 3, 1), D(2020, 3, 10), "xun", True),
        (D(2020, 3, 11), D(2020, 3, 20), "xun", True),
        (D(2020, 2, 21), D(2020, 2, 29), "xun", True),
        (D(2020, 3, 21), D(2020, 3, 30), "xun", False),
        (D(2020, 3, 5), D(2020, 3, 10), "xun", False),
        (D(2020, 6, 1), D(2020, 6, 30), "month", True),
        (D(2020, 3, 1), D(2020, 5, 31), "month", True),
        (D(2020, 6, 1), D(2020, 6, 29), "month", False),
        (D(2020, 6, 2), D(2020, 6, 30), "month", False),
        (D(2020, 4, 1), D(2020, 6, 30), "quarter", True),
        (D(2020, 3, 1), D(2020, 5, 31), "quarter", False),
        (D(2020, 7, 1), D(2020, 12, 31), "half", True),
        (D(2020, 4, 1), D(2020, 9, 30), "half", False),
        (D(2020, 1, 1), D(2020, 12, 31), "year", True),
        (D(2020, 1, 1), D(2021, 12, 31), "year", False),
        (D(2020, 3, 1), D(2020, 5, 31), "season", True),
        (D(2020, 3, 2), D(2020, 3, 1), "day", False),
    ],
)
def test_interval_must_fit_its_precision(start, end, precision, fits):
    assert (interval_problem(start, end, precision) is None) is fits


@pytest.mark.parametrize(
    ("start", "end", "precision", "fits"),
    [
        (D(2019, 12, 26), D(2020, 1, 24), "month", True),  # 腊月 of lunar 2019: 30 days
        (D(2020, 1, 25), D(2020, 2, 22), "month", True),  # 正月 of lunar 2020: 29 days
        (D(2020, 1, 25), D(2020, 3, 23), "month", True),  # 正月 and 二月
        (D(2020, 1, 1), D(2020, 1, 31), "month", False),  # a Gregorian month is no lunar month
        (D(2020, 1, 25), D(2020, 2, 3), "xun", True),  # 正月初一至初十
        (D(2020, 1, 15), D(2020, 1, 24), "xun", True),  # 腊月廿一至三十
        (D(2020, 1, 15), D(2020, 1, 23), "xun", False),
        (D(2023, 3, 22), D(2023, 4, 19), "month", True),  # 闰二月
        (D(2020, 1, 25), D(2020, 1, 25), "day", True),
        (D(2020, 1, 1), D(2020, 12, 31), "year", True),  # lunar years are not checked
    ],
)
def test_lunar_intervals_are_checked_against_lunar_months(start, end, precision, fits):
    assert (interval_problem(start, end, precision, "lunar") is None) is fits


def test_fixing_the_year_of_a_lunar_month_is_accepted(editor):
    event = make_event(
        start_date=D(2021, 1, 13), end_date=D(2021, 2, 11), precision="month", calendar="lunar"
    )
    event_correct(event=event, user=editor, changes={"start_date": "2019-12-26", "end_date": "2020-01-24"})
    event.refresh_from_db()
    assert (event.start_date, event.status) == (D(2019, 12, 26), "corrected")


def test_correct_changes_values_marks_corrected_and_keeps_the_machine_reading(editor):
    event = make_event(day=D(2020, 1, 27), title="机器标题")
    corrected = event_correct(
        event=event,
        user=editor,
        changes={
            "end_date": "2020-01-29",
            "title": "编辑标题",
            "series": {"name": "区委常委会", "number": 3},
        },
    )
    corrected.refresh_from_db()
    assert corrected.status == "corrected"
    assert (corrected.start_date, corrected.end_date) == (D(2020, 1, 27), D(2020, 1, 29))
    assert corrected.title == "编辑标题"
    assert corrected.series == {"name": "区委常委会", "number": 3}
    assert corrected.machine_reading["end_date"] == "2020-01-27"
    assert corrected.machine_reading["title"] == "机器标题"
    latest = corrected.history.first()
    assert latest.history_user == editor
    assert "结束日期" in latest.history_change_reason


def test_a_second_correction_keeps_the_first_machine_reading(editor):
    event = make_event(day=D(2020, 1, 27))
    event_correct(event=event, user=editor, changes={"end_date": D(2020, 1, 28)})
    event_correct(event=event, user=editor, changes={"end_date": D(2020, 1, 30)})
    event.refresh_from_db()
    assert event.machine_reading["end_date"] == "2020-01-27"


def test_an_existing_machine_reading_is_never_rewritten(editor):
    reading = {"start_date": "2020-01-01", "end_date": "2020-01-01", "precision": "day", "title": "原"}
    event = make_event(machine_reading=reading)
    event_correct(event=event, user=editor, changes={"title": "新"})
    event.refresh_from_db()
    assert event.machine_reading == reading


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"end_date": "2020-01-01"}, "end_date", "不能早于"),
        ({"precision": "month"}, "precision", "整月"),
        ({"start_date": "2020-03-01", "end_date": "2020-03-15", "precision": "xun"}, "precision", "旬"),
        ({"end_date": "2020-02-30"}, "end_date", ""),
        ({"type": "party"}, "type", ""),
        ({"time": "25:00"}, "time", "HH:MM"),
        ({"status": "verified"}, "status", "不能"),
        ({"series_number": 3}, "series_name", "会议系列"),
    ],
)
def test_correct_refuses_bad_values_by_field_and_writes_nothing(editor, changes, field, words):
    event = make_event(day=D(2020, 1, 27))
    with pytest.raises(ValidationError) as info:
        event_correct(event=event, user=editor, changes=changes)
    assert field in info.value.message_dict
    assert words in " ".join(info.value.message_dict[field])
    event.refresh_from_db()
    assert event.status == "extracted" and event.machine_reading == {}
    assert event.history.count() == 1


def test_a_correction_that_changes_nothing_writes_nothing(editor):
    event = make_event(title="不变")
    event_correct(event=event, user=editor, changes={"title": "不变"})
    event.refresh_from_db()
    assert event.status == "extracted"
    assert event.history.count() == 1


def test_a_title_fix_does_not_judge_a_fuzzy_machine_interval(editor):
    # 2020年底 is read as the last quarter with year precision; fixing the title must not fail on it.
    event = make_event(start_date=D(2020, 10, 1), end_date=D(2020, 12, 31), precision="year")
    event_correct(event=event, user=editor, changes={"title": "年底总结会"})
    event.refresh_from_db()
    assert event.title == "年底总结会"


def test_verify_marks_extracted_events_and_leaves_corrections_corrected(editor):
    event = make_event()
    assert event_verify(event=event, user=editor).status == "verified"
    assert event.history.first().history_user == editor
    corrected = event_correct(event=make_event(), user=editor, changes={"title": "改"})
    assert event_verify(event=corrected, user=editor).status == "corrected"


def test_undo_puts_back_the_machine_reading(editor):
    event = make_event(day=D(2020, 1, 27), title="机器标题")
    event_correct(event=event, user=editor, changes={"end_date": "2020-01-29", "title": "编辑标题"})
    undone = event_undo_correction(event=event, user=editor)
    undone.refresh_from_db()
    assert (undone.end_date, undone.title, undone.status) == (D(2020, 1, 27), "机器标题", "extracted")
    assert undone.history.first().history_change_reason == "撤销更正"


def test_undo_without_a_machine_reading_says_why(editor):
    with pytest.raises(ValidationError, match="无法撤销"):
        event_undo_correction(event=make_event(), user=editor)


def test_merge_keeps_one_event_with_every_mention(editor):
    doc = make_document(text="1月27日，区委召开常委会议。同日，区委常委会议研究部署工作。")
    first = make_event(document=doc, people=["张三"])
    second = make_event(document=doc, people=["李四", "张三"], organizations=["区委"])
    make_mention(first, 0, 14)
    make_mention(second, 14, None)
    make_mention(second, 0, 14)  # the same passage cited by both: kept once
    survivor = events_merge(events=[second, first], user=editor)
    assert survivor.pk == first.pk
    assert not Event.objects.filter(pk=second.pk).exists()
    assert sorted(survivor.mentions.values_list("start", flat=True)) == [0, 14]
    assert Mention.objects.count() == 2
    survivor.refresh_from_db()
    assert survivor.people == ["张三", "李四"] and survivor.organizations == ["区委"]
    deleted = Event.history.filter(id=second.pk, history_type="-").get()
    assert deleted.history_user == editor


def test_merge_prefers_the_corrected_event(editor):
    doc = make_document()
    first, second = make_event(document=doc), make_event(document=doc)
    event_correct(event=second, user=editor, changes={"title": "编辑过的"})
    assert events_merge(events=[first, second], user=editor).pk == second.pk


def test_merge_needs_two_events(editor):
    with pytest.raises(ValidationError, match="至少"):
        events_merge(events=[make_event()], user=editor)


def test_undo_restores_the_series_and_people_in_the_importers_shape(editor):
    reading = {
        "title": "区委召开常委会议",
        "start_date": "2020-01-27",
        "end_date": "2020-01-27",
        "precision": "day",
        "calendar": "gregorian",
        "time": "",
        "date_text": "1月27日",
        "type": "meeting",
        "series": {"name": "区委常委会", "number": 3},
        "people": [{"name": "张建国", "post": "区委书记"}],
    }
    event = make_event(day=D(2020, 1, 27), series_name="区委常委会", series_number=3, machine_reading=reading)
    event_correct(event=event, user=editor, changes={"series_number": 4, "people": ["李明"], "time": "19:00"})
    undone = event_undo_correction(event=event, user=editor)
    undone.refresh_from_db()
    assert undone.series == {"name": "区委常委会", "number": 3}
    assert (undone.people, undone.time, undone.status) == (["张建国"], "", "extracted")
    assert undone.machine_reading == reading


def test_the_first_correction_stores_the_reading_in_the_importers_shape(editor):
    event = make_event(series_name="区委常委会", series_number=3, people=["张建国"])
    event_correct(event=event, user=editor, changes={"title": "改"})
    event.refresh_from_db()
    assert event.machine_reading["series"] == {"name": "区委常委会", "number": 3}
    assert event.machine_reading["people"] == [{"name": "张建国", "post": ""}]
    assert event.machine_reading["title"] != "改"


def test_merge_across_documents_keeps_each_sources_date(editor):
    report = make_document(text="3月5日，区委召开常委会议，研究防汛工作。")
    news = make_document(text="3月6日，区委常委会议研究防汛工作。")
    first = make_event(document=report, day=D(2020, 3, 5), date_text="3月5日")
    second = make_event(document=news, day=D(2020, 3, 6), date_text="3月6日")
    make_mention(first)
    make_mention(second)
    survivor = events_merge(events=[first, second], user=editor)
    assert survivor.pk == first.pk
    readings = {m.document_id: (m.reading["start_date"], m.reading["date_text"])
                for m in survivor.mentions.all()}
    assert readings == {report.pk: ("2020-03-05", "3月5日"), news.pk: ("2020-03-06", "3月6日")}


def test_rejected_events_are_not_merged(editor):
    from events.services.compiling import event_reject

    first, second = make_event(), make_event()
    event_reject(event=second, user=editor)
    with pytest.raises(ValidationError, match="驳回"):
        events_merge(events=[first, second], user=editor)


@pytest.mark.parametrize(
    ("typed", "year", "expected"),
    [
        ("腊月二十七", 2020, (D(2020, 1, 21), D(2020, 1, 21), "day", "lunar")),
        ("2020年3月上旬", None, (D(2020, 3, 1), D(2020, 3, 10), "xun", "gregorian")),
        ("3月30日至4月2日", 2020, (D(2020, 3, 30), D(2020, 4, 2), "day", "gregorian")),
        ("2020年1月21日（农历腊月二十七）", None, (D(2020, 1, 21), D(2020, 1, 21), "day", "lunar")),
        ("2020年第一季度", None, (D(2020, 1, 1), D(2020, 3, 31), "quarter", "gregorian")),
        ("2020-03-05", None, (D(2020, 3, 5), D(2020, 3, 5), "day", "gregorian")),
        ("March 2020", None, (D(2020, 3, 1), D(2020, 3, 31), "month", "gregorian")),
    ],
)
def test_dates_are_read_as_editors_type_them(typed, year, expected):
    fields = read_typed_date(typed, year=year)
    assert (fields["start_date"], fields["end_date"], fields["precision"], fields["calendar"]) == expected
    assert fields["date_text"] == typed


@pytest.mark.parametrize("typed", ["下周", "3月5日和4月6日", "腊月二十七"])
def test_what_is_no_single_dated_day_is_refused_on_the_date_field(typed):
    with pytest.raises(ValidationError) as raised:
        read_typed_date(typed, year=None if typed == "腊月二十七" else 2020)
    assert list(raised.value.message_dict) == ["date"]


def test_a_typed_date_corrects_the_event_in_its_documents_year(editor):
    event = make_event(document=make_document(year=2020), day=D(2020, 2, 1))
    event_correct(event=event, user=editor, changes={"date": "腊月二十七"})
    event.refresh_from_db()
    assert (event.start_date, event.calendar, event.date_text, event.status) == (
        D(2020, 1, 21), "lunar", "腊月二十七", "corrected"
    )
