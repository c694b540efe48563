"""The editors' workflow in the admin: add, reject, restore, split, save and go to the next
unreviewed, the review queue, duplicates, the week's changes and the 大事记 page."""

import datetime

import pytest
from django.urls import reverse

from events.models import DuplicateSuggestion, Event
from events.services.compiling import event_reject
from tests.admin.conftest import change_form_data, change_url
from tests.factories import make_document, make_event, make_mention

pytestmark = pytest.mark.django_db
D = datetime.date


def test_an_editor_adds_an_event_with_a_lunar_date_and_sees_it_back_in_solar_and_lunar(editor_client, editor):
    document = make_document(text="腊月二十七，区委成立疫情防控指挥部。", year=2020)
    response = editor_client.post(
        reverse("admin:events_event_add"),
        {
            "date": "腊月二十七",
            "title": "成立疫情防控指挥部",
            "type": "meeting",
            "document": document.pk,
            "passage": "区委成立疫情防控指挥部",
            "source": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    event = Event.everything.get(title="成立疫情防控指挥部")
    assert (event.start_date, event.calendar, event.origin, event.status) == (
        D(2020, 1, 21),
        "lunar",
        "editor",
        "verified",
    )
    assert event.mentions.get().text == "区委成立疫情防控指挥部"
    assert event.history.get().history_user == editor
    page = editor_client.get(change_url(event)).content.decode()
    assert "2020-01-21" in page and "己亥年腊月二十七" in page


def test_a_bad_date_is_shown_beside_the_field_and_nothing_is_added(editor_client):
    response = editor_client.post(
        reverse("admin:events_event_add"), {"date": "某日", "title": "t", "type": "other"}
    )
    assert response.status_code == 200
    assert "读不懂日期" in response.content.decode()
    assert not Event.everything.exists()


def test_a_typed_date_corrects_the_event_on_its_change_form(editor_client):
    event = make_event(document=make_document(year=2020), day=D(2020, 3, 5))
    response = editor_client.post(change_url(event), change_form_data(event, date="3月30日至4月2日"))
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.start_date, event.end_date, event.date_text) == (
        D(2020, 3, 30),
        D(2020, 4, 2),
        "3月30日至4月2日",
    )


def test_reject_keeps_the_event_out_of_the_timeline_and_restore_brings_it_back(editor_client, client):
    event = make_event(title="是计划不是事件", day=D(2020, 3, 5))
    page = editor_client.get(reverse("admin:events_event_reject", args=[event.pk]))
    assert page.status_code == 200 and "驳回这一条" in page.content.decode()
    response = editor_client.post(reverse("admin:events_event_reject", args=[event.pk]), {"reason": "是计划"})
    assert response.status_code == 302
    assert Event.everything.get(pk=event.pk).status == "rejected"
    assert "是计划不是事件" not in client.get("/timeline/2020/").content.decode()
    assert "已被驳回" in editor_client.get(change_url(event)).content.decode()
    editor_client.post(reverse("admin:events_event_restore", args=[event.pk]))
    assert Event.objects.get(pk=event.pk).status == "extracted"


def test_split_page_moves_a_passage_to_a_new_event(editor_client):
    document = make_document(text="3月5日，区委召开常委会议。3月5日，区政府召开常务会议。")
    event = make_event(document=document, day=D(2020, 3, 5))
    make_mention(event, 0, 14)
    moved = make_mention(event, 14, None)
    url = reverse("admin:events_event_split", args=[event.pk])
    assert "移到新事件的出处" in editor_client.get(url).content.decode()
    response = editor_client.post(url, {"mentions": [moved.pk], "title": "区政府召开常务会议", "date": ""})
    new = Event.everything.get(title="区政府召开常务会议")
    assert response.status_code == 302 and response["Location"] == change_url(new)
    assert list(new.mentions.values_list("pk", flat=True)) == [moved.pk]


def test_save_and_next_verifies_an_unchanged_event_and_opens_the_next_unreviewed(editor_client):
    document = make_document()
    first = make_event(document=document, day=D(2020, 1, 5))
    done = make_event(document=document, day=D(2020, 1, 6), status="verified")
    following = make_event(document=document, day=D(2020, 1, 7))
    response = editor_client.post(change_url(first), {**change_form_data(first), "_save_next": "1"})
    assert response.status_code == 302 and response["Location"] == change_url(following)
    first.refresh_from_db()
    assert first.status == "verified" and done.pk != following.pk
    last = editor_client.post(change_url(following), {**change_form_data(following), "_save_next": "1"})
    assert last["Location"] == reverse("admin:events_event_changelist")


def test_the_review_queue_counts_each_kind(editor_client):
    document = make_document(year=2020)
    make_event(document=document, day=D(2020, 3, 5))  # unreviewed
    make_event(document=document, day=D(2019, 3, 5))  # outside the document's year
    make_event(document=document, day=D(2020, 3, 6), status="verified")
    first, second = make_event(document=document), make_event(document=make_document(year=2020))
    DuplicateSuggestion.objects.create(first=first, second=second, score=0.8)
    page = editor_client.get(reverse("admin:events_event_changelist")).content.decode()
    assert (
        "未审核（4）" in page
        and "日期可疑（1）" in page
        and "可能重复（2）" in page
        and "来源日期不一（0）" in page
    )
    listed = editor_client.get(reverse("admin:events_event_changelist") + "?queue=suspicious")
    assert listed.context["cl"].result_count == 1
    index = editor_client.get(reverse("admin:index")).content.decode()
    assert "编辑工作台" in index and "?queue=duplicates" in index


def test_a_duplicate_pair_is_decided_on_its_page_with_the_date_chosen(editor_client):
    report = make_document(text="3月5日，区委常委会研究防汛工作。", year=2020)
    news = make_document(text="3月6日，区委常委会研究防汛工作。", year=2020)
    first = make_event(document=report, day=D(2020, 3, 5), date_text="3月5日")
    second = make_event(document=news, day=D(2020, 3, 6), date_text="3月6日")
    make_mention(first)
    make_mention(second)
    suggestion = DuplicateSuggestion.objects.create(first=first, second=second, score=0.91)
    listing = editor_client.get(reverse("admin:events_duplicatesuggestion_changelist")).content.decode()
    assert "0.91" in listing and "不一" in listing
    url = reverse("admin:events_duplicatesuggestion_decide", args=[suggestion.pk])
    page = editor_client.get(url).content.decode()
    assert "日期不一" in page and "3月5日，区委常委会研究防汛工作。" in page and "3月6日，区委常委会" in page
    refused = editor_client.post(url, {"_accept": "1"})
    assert refused.status_code == 200 and Event.everything.count() == 2  # which date? must be chosen
    editor_client.post(url, {"_accept": "1", "date_from": second.pk})
    merged = Event.everything.get()
    assert merged.start_date == D(2020, 3, 6) and merged.mentions.count() == 2
    assert "各来源所记日期不一" in editor_client.get(change_url(merged)).content.decode()


def test_a_dismissed_pair_leaves_the_open_list(editor_client, editor):
    first, second = make_event(), make_event()
    suggestion = DuplicateSuggestion.objects.create(first=first, second=second, score=0.6)
    url = reverse("admin:events_duplicatesuggestion_decide", args=[suggestion.pk])
    editor_client.post(url, {"_dismiss": "1"})
    suggestion.refresh_from_db()
    assert suggestion.dismissed_by == editor
    listing = editor_client.get(reverse("admin:events_duplicatesuggestion_changelist"))
    assert listing.context["cl"].result_count == 0


def test_the_weeks_changes_are_listed_per_editor(editor_client, editor):
    event = make_event(title="原标题")
    editor_client.post(change_url(event), change_form_data(event, title="新标题"))
    event_reject(event=make_event(title="非事件"), user=editor)
    page = editor_client.get(reverse("admin:events_event_activity")).content.decode()
    assert "editor：2 处改动" in page and "更正" in page and "驳回" in page and "新标题" in page
    assert (
        "这一周没有编辑改动过事件"
        in editor_client.get(reverse("admin:events_event_activity") + "?week=2001-W01").content.decode()
    )


def test_the_chronicle_page_downloads_the_year_and_imports_a_sheet(editor_client):
    make_event(day=D(2020, 3, 5), description="3月5日，区委召开常委会议。", date_text="3月5日")
    page = editor_client.get(reverse("admin:events_event_chronicle"))
    assert page.status_code == 200 and "回填改过的表格" in page.content.decode()
    download = editor_client.get(reverse("admin:events_event_chronicle") + "?year=2020&format=md")
    assert download["Content-Type"].startswith("text/markdown")
    assert "**5日**\u3000区委召开常委会议。" in download.content.decode()
    refused = editor_client.post(reverse("admin:events_event_chronicle"), {"file": _upload(b"not a sheet")})
    assert "不是 XLSX" in refused.content.decode()


def _upload(data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("chronicle.xlsx", data)


EDITOR_PAGES = [
    ("admin:events_event_reject", True, "get"),
    ("admin:events_event_restore", True, "post"),
    ("admin:events_event_split", True, "get"),
    ("admin:events_event_activity", False, "get"),
    ("admin:events_event_chronicle", False, "get"),
    ("admin:events_duplicatesuggestion_refresh", False, "post"),
]


@pytest.mark.parametrize(("name", "with_event", "method"), EDITOR_PAGES)
def test_the_editors_pages_need_a_staff_login_and_the_permission(client, name, with_event, method):
    from django.contrib.auth import get_user_model

    event = make_event()
    url = reverse(name, args=[event.pk] if with_event else [])
    anonymous = getattr(client, method)(url)
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]
    client.force_login(get_user_model().objects.create_user("staff-only", is_staff=True))
    assert getattr(client, method)(url).status_code == 403
    assert Event.everything.get(pk=event.pk).status == "extracted"
