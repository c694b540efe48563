"""The event admin, driven through the test client: list, filters, search, change form, actions."""
import datetime
import json

import pytest
from django.urls import reverse

from events.models import Event
from tests.admin.conftest import change_form_data, change_url
from tests.factories import make_document, make_event, make_mention

pytestmark = pytest.mark.django_db
D = datetime.date
CHANGELIST = "/admin/events/event/"


@pytest.fixture
def events():
    yearbook = make_document(
        title="青河年鉴2021", text="1月27日，区委召开常委会议。6月，全区开展安全生产月活动。"
    )
    other = make_document(title="青河大事记")
    meeting = make_event(
        document=yearbook,
        title="区委召开常委会议",
        day=D(2020, 1, 27),
        series_name="区委常委会",
        series_number=3,
        people=["张建国"],
        organizations=["区委办公室"],
    )
    make_mention(meeting, 0, 14)
    month = make_event(
        document=yearbook,
        title="全区开展安全生产月活动",
        description="隐患排查",
        start_date=D(2020, 6, 1),
        end_date=D(2020, 6, 30),
        precision="month",
        date_text="6月",
        type="activity",
        calendar="gregorian",
    )
    lunar = make_event(
        document=other,
        title="春节慰问",
        description="走访慰问困难群众",
        day=D(2020, 1, 21),
        calendar="lunar",
        type="visit",
        status="verified",
    )
    return {"meeting": meeting, "month": month, "lunar": lunar}


def titles(response) -> set[str]:
    return {event.title for event in response.context["cl"].result_list}


def test_the_list_shows_the_date_as_written_and_as_normalized(superuser_client, events):
    response = superuser_client.get(CHANGELIST)
    assert response.status_code == 200
    page = response.content.decode()
    assert "6月" in page and "2020-06-01—30 · 月" in page
    assert "2020-01-27 · 日" in page
    assert "2020-01-21 · 日 · 农历" in page
    assert "区委召开常委会议" in page and "青河年鉴2021" in page and "会议" in page and "已核实" in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("type__exact=activity", {"全区开展安全生产月活动"}),
        ("precision__exact=month", {"全区开展安全生产月活动"}),
        ("status__exact=verified", {"春节慰问"}),
        ("calendar__exact=lunar", {"春节慰问"}),
        ("series=区委常委会", {"区委召开常委会议"}),
        ("start_date__year=2020&start_date__month=6", {"全区开展安全生产月活动"}),
    ],
)
def test_each_filter_narrows_the_list(superuser_client, events, query, expected):
    response = superuser_client.get(f"{CHANGELIST}?{query}")
    assert response.status_code == 200
    assert titles(response) == expected


def test_the_document_filter(superuser_client, events):
    document = events["lunar"].document
    response = superuser_client.get(f"{CHANGELIST}?document__id__exact={document.pk}")
    assert titles(response) == {"春节慰问"}
    assert "青河大事记" in response.content.decode()  # offered as a filter choice


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("常委会议", {"区委召开常委会议"}),
        ("隐患", {"全区开展安全生产月活动"}),
        ("张建国", {"区委召开常委会议"}),
        ("建国", {"区委召开常委会议"}),
        ("区委办公室", {"区委召开常委会议"}),
        ("区委 张建国", {"区委召开常委会议"}),
        ("无此人", set()),
        ('"区委办公室"', {"区委召开常委会议"}),
        ('"', set()),
    ],
)
def test_search_covers_title_description_people_and_organizations(superuser_client, events, term, expected):
    response = superuser_client.get(CHANGELIST, {"q": term})
    assert response.status_code == 200
    assert titles(response) == expected


def test_the_change_page_shows_the_source_passage_with_the_date_marked_and_escaped(superuser_client):
    document = make_document(text="3月5日，<b>区委</b>召开全会。")
    event = make_event(document=document, day=D(2020, 3, 5), date_text="3月5日")
    make_mention(event, 0, len(document.text))
    page = superuser_client.get(change_url(event)).content.decode()
    assert "<mark>3月5日</mark>，&lt;b&gt;区委&lt;/b&gt;召开全会。" in page


def test_the_mark_uses_the_recorded_date_offsets(superuser_client):
    document = make_document(text="前文。同日，区委召开会议。")
    event = make_event(document=document, day=D(2020, 3, 5), date_text="同日")
    make_mention(event, 3, len(document.text), date_start=3, date_end=5)
    assert "<mark>同日</mark>，区委召开会议。" in superuser_client.get(change_url(event)).content.decode()


def test_saving_the_change_form_corrects_through_the_service(editor_client, editor, events):
    event = events["meeting"]
    response = editor_client.post(
        change_url(event), change_form_data(event, end_date="2020-01-28", people="张建国、李明")
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    event.refresh_from_db()
    assert event.status == "corrected"
    assert event.end_date == D(2020, 1, 28) and event.people == ["张建国", "李明"]
    assert event.machine_reading["end_date"] == "2020-01-27"
    assert event.history.first().history_user == editor
    page = editor_client.get(change_url(event)).content.decode()
    assert "机器读取" in page and "2020-01-27" in page and "2020-01-28" in page


def test_saving_without_changes_keeps_the_status(editor_client, events):
    event = events["meeting"]
    assert editor_client.post(change_url(event), change_form_data(event)).status_code == 302
    event.refresh_from_db()
    assert event.status == "extracted"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"end_date": "2020-01-20"}, "结束日期不能早于开始日期"),
        ({"precision": "month"}, "精度为“月”时，日期须是整月"),
        ({"start_date": "2020-01-11", "end_date": "2020-01-19", "precision": "xun"}, "精度为“旬”"),
        ({"time": "晚上七点"}, "HH:MM"),
    ],
)
def test_validation_errors_are_shown_in_the_form(editor_client, events, overrides, message):
    event = events["meeting"]
    response = editor_client.post(change_url(event), change_form_data(event, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.content.decode().count("结束日期不能早于开始日期") <= 1
    event.refresh_from_db()
    assert event.status == "extracted" and event.end_date == D(2020, 1, 27)


def test_a_whole_month_correction_is_accepted(editor_client, events):
    event = events["meeting"]
    data = change_form_data(event, start_date="2020-01-01", end_date="2020-01-31", precision="month")
    assert editor_client.post(change_url(event), data).status_code == 302
    event.refresh_from_db()
    assert (event.precision, event.status) == ("month", "corrected")


def action(client, name, *events, **extra):
    data = {"action": name, "_selected_action": [e.pk for e in events], **extra}
    return client.post(CHANGELIST, data, follow=not extra.pop("download", False))


def test_mark_verified_action(editor_client, events):
    response = action(editor_client, "mark_verified", events["meeting"], events["month"])
    assert "已核实 2 个事件" in response.content.decode()
    assert set(Event.objects.filter(status="verified").values_list("title", flat=True)) == {
        "区委召开常委会议",
        "全区开展安全生产月活动",
        "春节慰问",
    }


def test_merge_action_keeps_every_mention(editor_client):
    document = make_document(text="1月27日，区委召开常委会议。同日，常委会议研究部署工作。")
    first, second = make_event(document=document), make_event(document=document)
    make_mention(first, 0, 14)
    make_mention(second, 14, None)
    response = action(editor_client, "merge", first, second)
    assert f"已合并为事件 #{first.pk}" in response.content.decode()
    assert list(Event.objects.filter(document=document)) == [first]
    assert first.mentions.count() == 2


def test_merge_action_with_one_event_says_why(editor_client, events):
    response = action(editor_client, "merge", events["meeting"])
    assert "请至少选择两个事件" in response.content.decode()


def test_undo_action_restores_the_machine_reading(editor_client, events):
    event = events["meeting"]
    editor_client.post(change_url(event), change_form_data(event, end_date="2020-01-29", title="改过的标题"))
    response = action(editor_client, "undo_correction", event)
    assert "已撤销 1 个事件的更正" in response.content.decode()
    event.refresh_from_db()
    assert (event.end_date, event.title, event.status) == (D(2020, 1, 27), "区委召开常委会议", "extracted")


def test_download_corrections_action(editor_client, events):
    event = events["meeting"]
    editor_client.post(change_url(event), change_form_data(event, end_date="2020-01-29"))
    response = editor_client.post(
        CHANGELIST, {"action": "download_corrections", "_selected_action": [event.pk, events["month"].pk]}
    )
    assert response["Content-Disposition"] == 'attachment; filename="corrections.jsonl"'
    [line] = response.content.decode().splitlines()
    case = json.loads(line)
    assert (case["start"], case["end"], case["text"]) == (0, 5, "1月27日")
    assert (case["start_date"], case["end_date"], case["precision"]) == ("2020-01-27", "2020-01-29", "day")
    assert case["machine"]["end_date"] == "2020-01-27"
    assert case["document"] == {"id": event.document_id, "title": "青河年鉴2021"}


def test_the_history_page_shows_what_changed_and_who(editor_client, events):
    event = events["meeting"]
    editor_client.post(change_url(event), change_form_data(event, end_date="2020-01-28"))
    page = editor_client.get(reverse("admin:events_event_history", args=[event.pk])).content.decode()
    assert "editor" in page
    assert "结束日期" in page and "2020-01-27" in page and "2020-01-28" in page
    assert "更正：结束日期" in page
    assert "已更正" in page


def test_admin_labels_are_chinese(superuser_client):
    page = superuser_client.get("/admin/").content.decode()
    assert "地方志大事记 · 编辑后台" in page and "审核与更正" in page


def test_line_endings_from_a_textarea_are_not_a_correction(editor_client):
    event = make_event(description="第一段。\n第二段。")
    data = change_form_data(event, description="第一段。\r\n第二段。\r\n")
    assert editor_client.post(change_url(event), data).status_code == 302
    event.refresh_from_db()
    assert (event.status, event.description) == ("extracted", "第一段。\n第二段。")


def test_reverting_to_an_old_version_from_the_history_page_goes_through_the_service(editor_client, editor):
    event = make_event(day=D(2020, 1, 27))
    editor_client.post(change_url(event), change_form_data(event, end_date="2020-01-28"))
    original = event.history.order_by("history_id").first()
    url = reverse("admin:events_event_simple_history", args=[event.pk, original.history_id])
    assert editor_client.get(url).status_code == 200
    event.refresh_from_db()
    response = editor_client.post(url, change_form_data(event, end_date="2020-01-27"))
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.end_date, event.status) == (D(2020, 1, 27), "corrected")
    assert event.history.first().history_user == editor


def test_the_mention_list_marks_the_date_too(editor_client, events):
    page = editor_client.get("/admin/events/mention/", {"q": "常委"}).content.decode()
    assert "<mark>1月27日</mark>" in page


def test_the_change_pages_link_to_the_public_pages(editor_client, events):
    event = events["meeting"]
    assert f'href="/events/{event.pk}/"' in editor_client.get(change_url(event)).content.decode()
    document_page = editor_client.get(reverse("admin:events_document_change", args=[event.document_id]))
    assert f'href="/documents/{event.document_id}/"' in document_page.content.decode()
