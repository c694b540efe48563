"""Importing documents: one transaction, unchanged content, new versions that respect editors."""
import codecs
import datetime

import pytest
from django.test import override_settings

from events.models import Document, Event, Mention
from events.services import importing
from events.services.importing import DocumentRejected, document_import, document_reextract

pytestmark = pytest.mark.django_db

VERSION_1 = (
    "东林区年鉴（2021）\n\n组织工作\n\n"
    "【会议】 1月27日，区委书记张立主持召开十四届区委常委会第102次会议。会议议题有1项：传达学习。\n\n"
    "2月14日，区委书记张立主持召开十四届区委常委会第104次会议。听取疫情防控工作汇报。\n\n"
    "【活动】 3月5日，区委组织部在北关社区开展志愿服务活动。\n"
)
VERSION_2 = VERSION_1.replace(
    "【活动】 3月5日，区委组织部在北关社区开展志愿服务活动。",
    "【培训】 4月8日，区委组织部举办全区社区书记培训班。",
).replace("组织工作\n\n", "组织工作\n\n【概况】 2020年，区委组织部扎实推进各项工作。\n\n")


def import_text(text, **kwargs):
    kwargs.setdefault("title", None)
    kwargs.setdefault("source_name", "dongling-2021.txt")
    kwargs.setdefault("year", None)
    return document_import(data=text.encode("utf-8"), **kwargs)


def test_a_new_document_is_stored_with_its_events_and_exact_mentions():
    result = import_text(VERSION_1)
    document = result.document
    assert document.title == "dongling-2021" and document.source_encoding == "utf-8"
    assert document.year == 2020
    assert result.created == 3 and result.events == 3 and result.mentions == 3
    assert result.summary.startswith('imported "dongling-2021" (utf-8, ')
    meeting = Event.objects.get(series_number=102)
    assert meeting.start_date == datetime.date(2020, 1, 27)
    assert (meeting.type, meeting.series_name) == ("meeting", "区委常委会")
    assert meeting.people == ["张立"]
    assert meeting.machine_reading["title"] == meeting.title
    for mention in Mention.objects.all():
        assert document.text[mention.start : mention.end] == mention.text
        assert mention.section.startswith("东林区年鉴（2021） › 组织工作 › 【")


def test_the_title_given_wins_over_the_file_name():
    assert import_text(VERSION_1, title="东林区年鉴（2021）").document.title == "东林区年鉴（2021）"


def test_a_gb18030_file_is_read_and_its_encoding_recorded():
    result = document_import(data=VERSION_1.encode("gb18030"), title=None, source_name="gb.txt", year=None)
    assert result.document.source_encoding == "gb18030"
    assert result.document.text == VERSION_1


def test_the_same_content_again_changes_nothing_and_says_so():
    first = import_text(VERSION_1)
    again = document_import(data=codecs.BOM_UTF8 + VERSION_1.encode("utf-8"), title="another title",
                            source_name="copy.txt", year=None)
    assert again.unchanged
    assert again.summary == f'unchanged: "dongling-2021" is already imported as document {first.document.pk}'
    assert Document.objects.count() == 1 and Event.objects.count() == 3


@pytest.mark.parametrize(
    ("data", "words"),
    [(b"", "empty"), (b"%PDF-1.4\n...", "PDF"), (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
     (b"x\x80\xff\x80\xff", "undecodable")],
)
def test_what_is_not_a_record_is_rejected_in_one_line_and_nothing_is_stored(data, words):
    with pytest.raises(DocumentRejected, match=words):
        document_import(data=data, title=None, source_name="bad.txt", year=None)
    assert Document.objects.count() == 0


@override_settings(CHRONICLE_MAX_DOCUMENT_BYTES=100)
def test_a_file_over_the_size_limit_is_rejected():
    with pytest.raises(DocumentRejected, match="too large"):
        import_text(VERSION_1)
    assert Document.objects.count() == 0


def test_a_failure_half_way_leaves_nothing(monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(importing, "_store_mentions", fail)
    with pytest.raises(RuntimeError):
        import_text(VERSION_1)
    assert (Document.objects.count(), Event.objects.count(), Mention.objects.count()) == (0, 0, 0)


def test_a_new_version_is_read_again_into_the_same_document():
    first = import_text(VERSION_1).document
    kept_ids = set(Event.objects.filter(series_number__in=[102, 104]).values_list("pk", flat=True))
    result = import_text(VERSION_2)
    assert result.document.pk == first.pk and not result.unchanged
    assert (result.created, result.updated, result.removed, result.kept) == (1, 2, 1, 0)
    assert set(Event.objects.filter(series_number__in=[102, 104]).values_list("pk", flat=True)) == kept_ids
    assert Event.objects.filter(start_date=datetime.date(2020, 4, 8)).exists()
    assert not Event.objects.filter(start_date=datetime.date(2020, 3, 5)).exists()
    document = Document.objects.get()
    for mention in Mention.objects.all():
        assert document.text[mention.start : mention.end] == mention.text


@pytest.mark.parametrize("status", ["corrected", "verified"])
def test_events_an_editor_touched_survive_a_new_version(status):
    import_text(VERSION_1)
    meeting = Event.objects.get(series_number=102)
    activity = Event.objects.get(start_date=datetime.date(2020, 3, 5))
    Event.objects.filter(pk=meeting.pk).update(title="编辑改过的标题", status=status)
    Event.objects.filter(pk=activity.pk).update(type="other", status=status)
    result = import_text(VERSION_2)
    meeting.refresh_from_db()
    activity.refresh_from_db()
    assert meeting.title == "编辑改过的标题" and meeting.status == status
    assert activity.type == "other" and activity.status == status  # its statement is gone: kept anyway
    assert result.kept == 2
    document = Document.objects.get()
    for mention in Mention.objects.all():
        assert document.text[mention.start : mention.end] == mention.text
    assert any(note["kind"] == "edited-event-not-found" for note in document.review_notes)


def test_reextract_keeps_corrections_and_refreshes_the_rest():
    document = import_text(VERSION_1).document
    meeting = Event.objects.get(series_number=104)
    Event.objects.filter(pk=meeting.pk).update(title="已更正", status="corrected")
    Event.objects.filter(series_number=102).update(title="被覆盖")
    result = document_reextract(document=document)
    assert result.summary.startswith('re-extracted "dongling-2021"')
    assert Event.objects.get(pk=meeting.pk).title == "已更正"
    assert Event.objects.get(series_number=102).title != "被覆盖"
    assert Event.objects.count() == 3


def test_two_column_pages_are_noted_for_review():
    text = VERSION_1 + (
        "\n3月\n\n3日　区委召开常委会议，研究\n17日　区政府召开常务会议，\n部署春耕生产工作。\n"
        "研究城市更新工作。\n5日　区人大常委会举行\n20日　区政协召开常委\n第十次会议。\n会议，协商议政。\n"
    )
    result = import_text(text)
    assert [note["kind"] for note in result.document.review_notes] == ["interleaved-columns"]
    assert result.summary.endswith("; 1 notes to review")


@pytest.mark.slow
def test_the_reference_yearbook_imports_with_exact_mentions(yearbook_path):
    data = yearbook_path.read_bytes()
    result = document_import(data=data, title=None, source_name=yearbook_path.name, year=None)
    assert result.document.year == 2020 and result.events >= 86
    text = result.document.text
    assert all(text[m.start : m.end] == m.text for m in Mention.objects.all())
    that_day = Event.objects.filter(start_date=datetime.date(2020, 11, 27))
    kong = [e for e in that_day if "孔昌生" in e.description]
    assert len(kong) == 1 and kong[0].mentions.count() == 3


def test_an_editors_merge_survives_reextract_with_every_mention():
    from django.contrib.auth import get_user_model

    from events.services.editing import events_merge

    document = import_text(VERSION_1).document
    user = get_user_model().objects.create_user("merger", password="pw-merger-1")
    first, second = Event.objects.filter(series_name="区委常委会").order_by("start_date")
    survivor = events_merge(events=[first, second], user=user)
    result = document_reextract(document=document)
    assert Event.objects.count() == 2 and result.created == 0
    assert Event.objects.get(pk=survivor.pk).mentions.count() == 2


NO_YEAR = "区总工会大事记\n\n3月5日,区总工会举办职工书画展。\n4月12日,区总工会组织春季植树。\n"


def test_a_document_with_no_year_anywhere_keeps_its_events_out_of_the_chronology_and_says_so():
    result = import_text(NO_YEAR, source_name="union.txt")
    assert result.document.year is None
    assert "2 of them with no year" in result.summary and "--year" in result.summary
    assert not Event.objects.exists()  # never dated in the current year, nor in any other
    undated = list(Event.everything.order_by("start_date"))
    assert [(e.date_label, e.year_known, e.title) for e in undated] == [
        ("--03-05", False, "区总工会举办职工书画展"), ("--04-12", False, "区总工会组织春季植树"),
    ]
    assert import_text(NO_YEAR, source_name="union.txt").unchanged


def test_the_same_document_imported_again_with_its_year_dates_its_events():
    import_text(NO_YEAR, source_name="union.txt")
    result = import_text(NO_YEAR + "\n", source_name="union.txt", year=2019)
    assert [(e.start_date, e.year_known) for e in Event.everything.order_by("start_date")] == [
        (datetime.date(2019, 3, 5), True), (datetime.date(2019, 4, 12), True),
    ]
    assert result.document.year == 2019 and "no year" not in result.summary


def test_an_editor_who_sets_the_dates_gives_the_year(django_user_model):
    from events.services.editing import event_correct

    editor_user = django_user_model.objects.create_user("editor")
    import_text(NO_YEAR, source_name="union.txt")
    event = Event.everything.get(date_text="3月5日")
    dates = {"start_date": "2018-03-05", "end_date": "2018-03-05"}
    event_correct(event=event, user=editor_user, changes=dates)
    assert Event.objects.get().start_date == datetime.date(2018, 3, 5)
