"""Editors compiling the chronicle: add by hand, reject, restore, split — and re-imports respect it."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from events.models import Event, Mention
from events.services.compiling import event_add, event_reject, event_restore, event_split
from events.services.editing import event_correct
from events.services.importing import document_import, document_reextract
from tests.factories import make_document, make_event, make_mention

pytestmark = pytest.mark.django_db
D = datetime.date

YEARBOOK = (
    "东林区年鉴（2021）\n\n大事记\n\n"
    "【会议】 1月27日，区委书记张立主持召开十四届区委常委会第102次会议，传达学习。\n\n"
    "【活动】 3月5日，区委组织部在北关社区开展志愿服务活动。\n\n"
    "【计划】 4月8日，区委组织部举办全区社区书记培训班。\n"
)


@pytest.fixture
def editor():
    return get_user_model().objects.create_user("editor")


def test_an_event_added_without_a_source_is_the_editors_and_in_the_chronology(editor):
    values = {"date": "2020年3月上旬", "title": "区长会见德国客人", "type": "visit"}
    event = event_add(user=editor, values=values, source="区外办报送")
    event.refresh_from_db()
    assert (event.document, event.origin, event.status) == (None, "editor", "verified")
    assert event.source == "区外办报送"
    assert (event.start_date, event.end_date, event.precision) == (D(2020, 3, 1), D(2020, 3, 10), "xun")
    assert Event.objects.filter(pk=event.pk).exists()
    record = event.history.get()
    assert (record.history_user, record.history_change_reason) == (editor, "编辑添加")


def test_an_event_added_with_a_passage_cites_it_in_the_documents_year(editor):
    document = make_document(text="3月5日，区委组织部开展志愿服务活动。区长会见德国客人。", year=2020)
    event = event_add(
        user=editor,
        document=document,
        passage="区长会见德国客人",
        values={"date": "3月5日", "title": "区长会见德国客人"},
    )
    mention = event.mentions.get()
    assert (mention.start, mention.end, mention.document_id) == (19, 27, document.pk)
    assert mention.reading["start_date"] == "2020-03-05"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"values": {"date": "3月5日", "title": ""}}, "title"),
        ({"values": {"title": "无日期"}}, "date"),
        ({"values": {"date": "3月5日", "title": "无年份"}}, "date"),
        ({"values": {"date": "2020年3月5日", "title": "t"}, "passage": "原文"}, "passage"),
        ({"values": {"date": "2020年3月5日", "title": "t", "status": "verified"}}, "status"),
    ],
)
def test_a_bad_new_event_is_refused_on_its_field_and_nothing_is_stored(editor, kwargs, field):
    with pytest.raises(ValidationError) as raised:
        event_add(user=editor, **kwargs)
    assert field in raised.value.message_dict
    assert not Event.everything.exists()


def test_a_passage_not_in_the_document_is_refused_and_nothing_is_stored(editor):
    document = make_document(year=2020)
    with pytest.raises(ValidationError, match="找不到"):
        event_add(user=editor, document=document, passage="没有", values={"date": "3月5日", "title": "t"})
    assert not Event.everything.filter(document=document).exists()


def test_a_rejected_event_is_kept_hidden_and_restored_with_its_status(editor):
    event = make_event()
    event_correct(event=event, user=editor, changes={"title": "改过的标题"})
    event_reject(event=event, user=editor, reason="是计划，不是事件")
    assert not Event.objects.filter(pk=event.pk).exists()
    assert Event.everything.get(pk=event.pk).status == "rejected"
    assert event.history.order_by("-history_id").first().history_change_reason == "驳回：是计划，不是事件"
    restored = event_restore(event=event, user=editor)
    assert restored.status == "corrected" and restored.title == "改过的标题"


def test_a_reimport_never_brings_a_rejected_event_back(editor):
    first = document_import(data=YEARBOOK.encode(), source_name="dongling.txt").document
    plan = Event.everything.get(document=first, title__contains="培训班")
    event_reject(event=plan, user=editor)
    document_reextract(document=first)
    newer = YEARBOOK.replace("传达学习。", "传达学习全会精神。")
    document_import(data=newer.encode(), source_name="dongling.txt")
    plans = Event.everything.filter(title__contains="培训班")
    assert [(e.pk, e.status) for e in plans] == [(plan.pk, "rejected")]
    assert not Event.objects.filter(title__contains="培训班").exists()


def test_split_moves_the_chosen_mentions_to_a_new_event(editor):
    document = make_document(text="3月5日，区委召开常委会议。3月5日，区政府召开常务会议。")
    event = make_event(document=document, title="区委召开常委会议", day=D(2020, 3, 5))
    keep, move = make_mention(event, 0, 14), make_mention(event, 14, None)
    new = event_split(event=event, user=editor, mentions=[move.pk], values={"title": "区政府召开常务会议"})
    assert list(new.mentions.values_list("pk", flat=True)) == [move.pk]
    assert list(event.mentions.values_list("pk", flat=True)) == [keep.pk]
    event.refresh_from_db()
    assert (event.status, new.status, new.start_date) == ("corrected", "corrected", D(2020, 3, 5))
    assert new.history.get().history_change_reason == f"拆分自 #{event.pk}"


def test_split_of_one_sentence_cites_it_from_both_events(editor):
    document = make_document(text="3月5日，区委、区政府分别召开常委会议和常务会议。")
    event = make_event(document=document)
    make_mention(event)
    new = event_split(
        event=event, user=editor, mentions=[], values={"title": "区政府召开常务会议", "date": "2020年3月6日"}
    )
    assert new.mentions.get().text == event.mentions.get().text
    assert new.start_date == D(2020, 3, 6) and Mention.objects.count() == 2


@pytest.mark.parametrize("case", ["all mentions", "nothing new", "someone else's mention"])
def test_split_refuses_what_is_no_split(editor, case):
    document = make_document(text="3月5日，区委召开常委会议。3月5日，区政府召开常务会议。")
    event = make_event(document=document)
    mentions = [make_mention(event, 0, 14).pk, make_mention(event, 14, None).pk]
    other = make_mention(make_event(document=document), 0, 14).pk
    chosen, values = {
        "all mentions": (mentions, {"title": "新"}),
        "nothing new": ([mentions[1]], {}),
        "someone else's mention": ([other], {"title": "新"}),
    }[case]
    with pytest.raises(ValidationError):
        event_split(event=event, user=editor, mentions=chosen, values=values)
    assert Event.everything.count() == 2
