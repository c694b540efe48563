"""Checking for duplicates across the documents of a collection: suggest, accept, dismiss."""

import datetime

import pytest
from django.contrib.auth import get_user_model

from events.models import Collection, DuplicateSuggestion, Event
from events.services.duplicates import duplicate_accept, duplicate_dismiss, duplicates_find
from events.services.importing import document_import, document_reextract

pytestmark = pytest.mark.django_db
D = datetime.date

REPORT = (
    "青禾区委办公室2020年工作总结\n\n"
    "3月5日，区委书记林泽远主持召开区委常委会会议，专题研究河湾片区防汛排涝和堤防加固工作。\n\n"
    "4月8日，区委组织部举办全区社区党组织书记培训班。\n"
)
NEWS = (
    "青禾新闻2020年合订本\n\n"
    "3月6日，区委常委会会议专题研究河湾片区防汛排涝和堤防加固工作，林泽远主持。\n\n"
    "5月1日，区文化中心举办劳动节文艺演出。\n"
)
OTHER_COUNTY = "白沙县年鉴（2021）\n\n3月5日，县委常委会会议专题研究河湾片区防汛排涝和堤防加固工作。\n"


@pytest.fixture
def editor():
    return get_user_model().objects.create_user("editor")


def imported(text, name, collection=None):
    document = document_import(data=text.encode(), source_name=name, year=2020).document
    if collection is not None:
        document.collection = collection
        document.save()
        duplicates_find(events=Event.objects.filter(document=document))
    return document


def flood_events():
    return list(Event.objects.filter(description__contains="堤防加固").order_by("document_id"))


def test_an_import_suggests_the_same_happening_in_another_document_with_a_score():
    imported(REPORT, "report.txt")
    imported(NEWS, "news.txt")
    suggestion = DuplicateSuggestion.objects.get()
    flood = flood_events()
    assert (suggestion.first_id, suggestion.second_id) == (flood[0].pk, flood[1].pk)
    assert 0.5 <= suggestion.score <= 1


def test_documents_of_different_collections_are_not_compared():
    county = Collection.objects.create(name="白沙县2020年卷")
    imported(REPORT, "report.txt", collection=Collection.objects.create(name="青禾区2020年卷"))
    imported(OTHER_COUNTY, "baisha.txt", collection=county)
    assert not DuplicateSuggestion.objects.exists()


def test_accepting_makes_one_event_with_both_sources_and_the_date_chosen(editor):
    imported(REPORT, "report.txt")
    imported(NEWS, "news.txt")
    report_event, news_event = flood_events()
    suggestion = DuplicateSuggestion.objects.get()
    survivor = duplicate_accept(suggestion=suggestion, user=editor, date_from=news_event)
    assert Event.everything.filter(description__contains="堤防加固").count() == 1
    assert (survivor.start_date, survivor.status) == (D(2020, 3, 6), "corrected")
    readings = sorted(m.reading["start_date"] for m in survivor.mentions.all())
    assert readings == ["2020-03-05", "2020-03-06"]  # the conflict stays visible
    sources = {m.document_id for m in survivor.mentions.all()}
    assert sources == {report_event.document_id, news_event.document_id}
    assert not DuplicateSuggestion.objects.exists()


def test_accepting_without_a_date_choice_keeps_the_survivors_date_and_verifies_it(editor):
    imported(REPORT, "report.txt")
    imported(NEWS, "news.txt")
    survivor = duplicate_accept(suggestion=DuplicateSuggestion.objects.get(), user=editor)
    assert (survivor.start_date, survivor.status) == (D(2020, 3, 5), "verified")


def test_a_dismissed_pair_is_never_suggested_again(editor):
    imported(REPORT, "report.txt")
    imported(NEWS, "news.txt")
    duplicate_dismiss(suggestion=DuplicateSuggestion.objects.get(), user=editor)
    duplicates_find()
    suggestion = DuplicateSuggestion.objects.get()
    assert suggestion.dismissed_by == editor and suggestion.dismissed_at is not None


def test_reextracting_either_document_keeps_the_merged_event_whole(editor):
    report = imported(REPORT, "report.txt")
    news = imported(NEWS, "news.txt")
    survivor = duplicate_accept(suggestion=DuplicateSuggestion.objects.get(), user=editor)
    document_reextract(document=news)
    document_reextract(document=report)
    flood = Event.everything.filter(description__contains="堤防加固")
    assert list(flood.values_list("pk", flat=True)) == [survivor.pk]
    assert sorted(survivor.mentions.values_list("document_id", flat=True)) == sorted([report.pk, news.pk])


def test_a_new_version_of_the_other_document_moves_only_its_own_mention(editor):
    imported(REPORT, "report.txt")
    news = imported(NEWS, "news.txt")
    survivor = duplicate_accept(suggestion=DuplicateSuggestion.objects.get(), user=editor)
    document_import(data=("【要闻】\n\n" + NEWS).encode(), source_name="news.txt", year=2020)
    news.refresh_from_db()
    cited = {m.document_id: m.text for m in survivor.mentions.all()}
    assert len(cited) == 2 and news.text[news.text.index("3月6日") :].startswith(cited[news.pk])
    assert Event.everything.filter(description__contains="堤防加固").count() == 1


def test_documents_that_restate_each_other_wholesale_make_a_few_likely_pairs_per_event():
    """Each event of the second copy is near seven of the first (three days each way): it keeps
    its likeliest pairs (the same day first), so the pairs grow with the events, not their product."""
    from events.services.duplicates import PER_EVENT

    entry = "3月{}日，区委召开常委会议，研究部署河湾片区防汛排涝和堤防加固工作。\n\n"
    days = "".join(entry.format(day) for day in range(1, 13))
    first = imported(days, "first.txt")
    second = imported(days.replace("区委召开", "区委再次召开"), "second.txt")
    pairs = list(DuplicateSuggestion.objects.select_related("first", "second"))
    seconds = Event.objects.filter(document=second)
    assert seconds.count() == 12
    for event in seconds:
        mine = [p for p in pairs if event.pk in (p.first_id, p.second_id)]
        assert 1 <= len(mine) <= PER_EVENT
        likeliest = max(mine, key=lambda p: p.score)
        assert {likeliest.first.start_date, likeliest.second.start_date} == {event.start_date}
        assert {likeliest.first.document_id, likeliest.second.document_id} == {first.pk, second.pk}
    assert len(pairs) <= PER_EVENT * 12 < 12 * 7


def test_an_event_is_compared_with_the_nearest_days_first_and_with_a_bounded_number(monkeypatch):
    from events.services import duplicates

    monkeypatch.setattr(duplicates, "MAX_COMPARED", 2)
    entry = "3月{}日，区委召开常委会议，研究部署河湾片区防汛排涝和堤防加固工作。\n\n"
    imported("".join(entry.format(day) for day in range(7, 14)), "week.txt")  # 7–13 March
    news = imported(entry.format(10).replace("区委召开", "区委再次召开"), "news.txt")
    event = Event.objects.get(document=news)
    paired = {
        (s.second if s.first_id == event.pk else s.first).start_date
        for s in DuplicateSuggestion.objects.select_related("first", "second")
    }
    assert D(2020, 3, 10) in paired and len(paired) == 2
    assert paired <= {D(2020, 3, 9), D(2020, 3, 10), D(2020, 3, 11)}
