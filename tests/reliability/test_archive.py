"""Nothing lost: export_chronology then import_chronology gives back every row, id and history entry."""
import datetime
import gzip
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

from events.models import Document, Event
from events.services.editing import event_correct, event_verify, events_merge
from tests.factories import make_document, make_event, make_mention
from tests.reliability.rows import counts, snapshot, wipe_chronology

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def chronology():
    """Two documents, a series, a correction, a verification and a merge, each leaving history."""
    editor = get_user_model().objects.create_user("editor")
    checker = get_user_model().objects.create_user("checker")
    get_user_model().objects.create_user("bystander")
    first = make_document(
        text="1月27日，区委召开第1次常委会议。3月上旬，开展植树活动。腊月二十七，走访慰问。"
    )
    second = make_document(text="2021年6月，区人大召开第5次会议。", year=2021)
    meeting = make_event(document=first, day=D(2020, 1, 27), series_name="区委常委会议", series_number=1)
    make_mention(meeting, 0, 17, section="一月")
    planting = make_event(
        document=first, day=D(2020, 3, 1), end_date=D(2020, 3, 10), precision="xun", type="activity",
        people=["王蕊"], organizations=["区林业局"],
    )
    make_mention(planting, 18, 29)
    lunar = {"day": D(2020, 1, 21), "calendar": "lunar", "date_text": "腊月二十七", "type": "visit"}
    visit = make_event(document=first, **lunar)
    twin = make_event(document=first, **lunar)
    make_mention(visit, 30, 39)
    make_mention(twin, 30, 36)
    session = make_event(
        document=second, day=D(2021, 6, 1), end_date=D(2021, 6, 30), precision="month",
        series_name="区人大会议", series_number=5,
    )
    make_mention(session, 0, len(second.text))
    event_correct(event=meeting, user=editor, changes={"title": "区委召开常委会议", "time": "morning"})
    event_verify(event=planting, user=checker)
    events_merge(events=[visit, twin], user=editor)
    return {"editor": editor, "first": first, "second": second, "meeting": meeting}


def test_export_then_import_into_an_emptied_database_gives_back_every_row(chronology, tmp_path):
    before = snapshot()
    assert before["events.historicalevent"], "the fixture must leave history to carry over"
    path = tmp_path / "chronology.jsonl"
    call_command("export_chronology", str(path))
    wipe_chronology()

    call_command("import_chronology", str(path))

    assert snapshot() == before
    meeting = Event.objects.get(pk=chronology["meeting"].pk)
    assert meeting.status == "corrected"
    assert meeting.machine_reading["title"] != meeting.title
    assert {h.history_user.username for h in meeting.history.all() if h.history_user} == {"editor"}
    assert set(get_user_model().objects.values_list("username", flat=True)) == {"editor", "checker"}
    assert not get_user_model().objects.get(username="editor").has_usable_password()


def api_view() -> dict:
    """What API readers see of the chronology: every event, every document with its text, the series."""
    client = APIClient()
    view = {
        "events": client.get("/api/events/", {"page_size": 500}).json(),
        "documents": client.get("/api/documents/", {"page_size": 500}).json(),
        "series": client.get("/api/series/").json(),
    }
    for document in Document.objects.all():
        view[f"document {document.pk}"] = client.get(f"/api/documents/{document.pk}/").json()
    return view


def test_the_api_answers_the_same_before_and_after_a_round_trip(chronology, tmp_path):
    cache.clear()  # the anonymous throttle counts in the cache
    before = api_view()
    assert before["events"]["count"] == 4 and before["series"], "the API must see the fixture"
    path = tmp_path / "chronology.jsonl"
    call_command("export_chronology", str(path))
    wipe_chronology()
    assert api_view()["events"]["count"] == 0

    call_command("import_chronology", str(path))

    assert api_view() == before


def test_the_export_is_json_lines_with_a_header_that_counts_and_names_users(chronology, tmp_path):
    path = tmp_path / "chronology.jsonl"
    call_command("export_chronology", str(path))
    header, *rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert header["format"] == "chronicle-chronology"
    assert header["counts"] == counts()
    assert sorted(header["users"].values()) == ["checker", "editor"]
    assert len(rows) == sum(header["counts"].values())
    assert {row["model"] for row in rows} == {label for label, n in counts().items() if n}
    assert not list(tmp_path.glob(".*partial")), "no partial file is left beside the export"


def test_a_gzipped_export_round_trips(chronology, tmp_path):
    before = snapshot()
    path = tmp_path / "chronology.jsonl.gz"
    call_command("export_chronology", str(path))
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        assert json.loads(stream.readline())["format"] == "chronicle-chronology"
    wipe_chronology()
    call_command("import_chronology", str(path))
    assert snapshot() == before


def test_rows_created_after_an_import_get_fresh_ids(chronology, tmp_path):
    path = tmp_path / "chronology.jsonl"
    call_command("export_chronology", str(path))
    highest = max(Event.objects.values_list("pk", flat=True))
    wipe_chronology()
    call_command("import_chronology", str(path))
    event = make_event(document=Document.objects.first())
    assert event.pk > highest
    assert make_document().pk > max(chronology["first"].pk, chronology["second"].pk)


def test_import_refuses_a_database_that_already_holds_a_chronology(chronology, tmp_path):
    path = tmp_path / "chronology.jsonl"
    call_command("export_chronology", str(path))
    before = counts()
    with pytest.raises(CommandError, match=r"already holds a chronology .*import into an empty one") as error:
        call_command("import_chronology", str(path))
    assert "\n" not in str(error.value)
    assert counts() == before


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda lines: lines[:-2], "the file is incomplete"),
        (lambda lines: lines[:-1] + [lines[-1][: len(lines[-1]) // 2]], "cannot be loaded"),
        (lambda lines: lines[1:], "not a chronology export"),
        (lambda lines: [], "not a chronology export"),
        (lambda lines: [lines[0].replace('"version": 1', '"version": 99')] + lines[1:], "version 99"),
        (lambda lines: lines + [lines[-1]], "cannot be loaded"),  # the same id twice
    ],
    ids=["truncated", "torn-last-line", "no-header", "empty", "future-version", "duplicate-row"],
)
def test_a_damaged_file_is_refused_in_one_line_and_loads_nothing(chronology, tmp_path, damage, message):
    path = tmp_path / "chronology.jsonl"
    call_command("export_chronology", str(path))
    lines = path.read_text(encoding="utf-8").splitlines()
    wipe_chronology()
    path.write_text("\n".join(damage(lines)) + "\n", encoding="utf-8")

    with pytest.raises(CommandError, match=message) as error:
        call_command("import_chronology", str(path))

    assert "\n" not in str(error.value)
    assert set(counts().values()) == {0}
    assert not get_user_model().objects.exists()


def test_a_missing_file_is_one_line(db, tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        call_command("import_chronology", str(tmp_path / "absent.jsonl"))


def test_an_export_into_a_missing_folder_is_one_line(db, tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("export_chronology", str(tmp_path / "nowhere" / "chronology.jsonl"))
