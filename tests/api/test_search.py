"""The text index behind ?q= (events/search.py): never misses a match, kept by the database itself."""

import datetime

import pytest
from django.db import connection
from django.db.models import Q
from hypothesis import given, settings
from hypothesis import strategies as st

from events import search, selectors
from events.models import Event
from tests.factories import make_document, make_event

D = datetime.date

# Text a yearbook holds: Chinese, ASCII in both cases, full-width forms, punctuation, and
# letters whose case the databases fold differently (é, Ω, ß, ſ, İ).
ALPHABET = st.sampled_from(
    list("区委常会议防汛抗旱疫情月日") + list("aAbBgG5０１") + list("，。—·（） ") + list("éΩßſİ")
)


def test_words_need_their_bigrams_and_lone_characters():
    assert search.word_terms("防汛") == ["防汛"]
    assert search.word_terms("区委常委会") == ["区委", "委常", "常委", "委会"]
    assert search.word_terms("防") == ["防"]
    assert search.word_terms("5G") == ["5g"]
    assert search.word_terms("COVID-19") == ["co", "ov", "vi", "id", "19"]
    assert search.word_terms("区·委") == ["区", "委"]
    assert search.word_terms("——") == [] and search.word_terms("Ωé") == []


def test_grams_are_the_unigrams_and_bigrams_of_each_text():
    assert search.grams("防汛，抗旱", "5G") == ["防", "汛", "防汛", "抗", "旱", "抗旱", "5", "g", "5g"]


@settings(max_examples=300, deadline=None)
@given(st.text(ALPHABET, max_size=30), st.data())
def test_a_word_in_the_text_has_all_its_terms_among_the_texts_grams(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    word = text[start:end]
    if data.draw(st.booleans()):  # searched in the other case, as icontains allows for ASCII
        word = word.swapcase() if word.isascii() else word
    assert set(search.word_terms(word)) <= set(search.grams(text))


@pytest.mark.django_db
def test_the_index_follows_every_write_to_events_whatever_makes_it():
    event = make_event(title="区委召开防汛工作会议", description="部署抗旱。")
    assert list(selectors.event_list(q="防汛")) == [event]

    Event.objects.filter(pk=event.pk).update(title="区政府召开安全生产会议")  # no service, no signal
    assert list(selectors.event_list(q="防汛")) == []
    assert list(selectors.event_list(q="安全生产")) == [event]
    assert list(selectors.event_list(q="抗旱")) == [event]

    event.delete()
    assert list(selectors.event_list(q="安全生产")) == []


@pytest.mark.django_db
@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.text(ALPHABET, min_size=1, max_size=20), min_size=1, max_size=6),
    st.text(ALPHABET, max_size=4),
)
def test_searching_with_the_index_finds_what_a_full_scan_finds(titles, word):
    Event.objects.all().delete()
    document = make_document()
    for number, title in enumerate(titles):
        make_event(
            document=document, title=title, description=titles[-1 - number], fingerprint=f"search-{number}"
        )
    words = word.split()
    scanned = Event.objects.all()
    for part in words:
        exact = Q(title__icontains=part) | Q(description__icontains=part)
        if part.lower() == part.upper():  # what the selector does for caseless words: STRPOS/INSTR
            exact = Q(title__contains=part) | Q(description__contains=part)
        scanned = scanned.filter(exact)
    assert set(selectors.event_list(q=word)) == set(scanned)


@pytest.mark.django_db
def test_the_index_is_used():
    make_event(title="区委召开防汛工作会议")
    sql, params = selectors.event_list(q="防汛").order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            assert "VIRTUAL TABLE" in str(cursor.fetchall())
        else:
            cursor.execute("SET LOCAL enable_seqscan = off")  # a tiny table would be scanned anyway
            cursor.execute("EXPLAIN " + sql, params)
            assert search.INDEX in str(cursor.fetchall())


@pytest.mark.django_db
def test_install_rebuilds_what_a_table_rebuild_dropped():
    event = make_event(title="区委召开防汛工作会议")
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":  # Django's ALTER on SQLite: new table, copy, drop old
            for name in search._TRIGGERS:
                cursor.execute(f"DROP TRIGGER {name}")
            cursor.execute(f"INSERT INTO {search.TABLE}({search.TABLE}) VALUES ('delete-all')")
        else:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the test's transaction holds deferred FK checks
            cursor.execute(f"DROP INDEX {search.INDEX}")

    search.install(connection)
    search.install(connection)  # once is enough; twice changes nothing

    assert list(selectors.event_list(q="防汛")) == [event]
    later = make_event(title="区政府部署抗旱", day=D(2020, 6, 1))
    assert list(selectors.event_list(q="抗旱")) == [later]


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL chooses from its statistics")
def test_on_sqlite_a_date_range_leads_and_the_index_only_checks():
    make_event(title="区委召开防汛工作会议")
    sql, params = selectors.event_list(q="防汛", year=2020).values("pk").query.sql_with_params()
    unfiltered, unfiltered_params = selectors.event_list(q="防汛").values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        within_year = [row[3] for row in cursor.fetchall()]
        cursor.execute("EXPLAIN QUERY PLAN " + unfiltered, unfiltered_params)
        everywhere = [row[3] for row in cursor.fetchall()]
    assert within_year[0].startswith("SEARCH events_event USING") and "event_dates_idx" in within_year[0]
    assert everywhere[0] == "SEARCH events_event USING INTEGER PRIMARY KEY (rowid=?)"
