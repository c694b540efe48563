"""Dates are bounded where they enter (import, admin, API, filters, pages), and every view is
safe at the bounds: the accepted years are CHRONICLE_YEAR_MIN–CHRONICLE_YEAR_MAX (1–2200)."""
import datetime

import pytest
from django.contrib.auth.models import Permission, User
from django.core.exceptions import ValidationError
from django.test import Client, override_settings

from events.models import Document, Event
from events.services.importing import DocumentRejected, document_import
from tests.factories import make_event, make_mention

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_throttle")]


@pytest.fixture
def event():
    event = make_event()
    make_mention(event)
    return event


@pytest.fixture
def editor_client():
    user = User.objects.create_user("editor", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=["change_event", "view_event"]))
    client = Client()
    client.force_login(user)
    return client


def test_the_bounds_are_settings(settings):
    assert (settings.CHRONICLE_YEAR_MIN, settings.CHRONICLE_YEAR_MAX) == (1, 2200)


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("date_after=-1", 400),
        ("date_after=2020-13-01", 400),
        ("date_before=2020-02-30", 400),
        ("date_after=0000-01-01", 400),
        ("date_after=9999-12-31", 400),
        ("date_after=2201-01-01", 400),
        ("date_after=12345", 400),
        ("date_after=%25d", 400),  # a % the user typed is shown, not read as a format (once a 500)
        ("date_before=100%25%25", 400),
        ("date_after=2020-03", 200),
        ("date_after=2020", 200),
        ("date_after=2200-12-31", 200),
        ("date_after=0001-01-01", 200),
        ("year=2201", 400),
        ("year=0", 400),
        ("year=2200", 200),
    ],
)
def test_filters_refuse_impossible_and_out_of_range_dates(client, query, status):
    response = client.get(f"/api/events/?{query}")
    assert response.status_code == status, response.content
    if status == 400:
        assert query.split("=")[0] in response.json()["errors"]


def test_2020_13_01_is_not_read_as_13_january(client):
    body = client.get("/api/events/?date_after=2020-13-01").json()
    assert "YYYY-MM-DD" in body["errors"]["date_after"][0]


@pytest.mark.parametrize(
    "url",
    ["/calendar/9999/12/", "/calendar/2201/1/", "/calendar/0/1/", "/timeline/9999/", "/timeline/2201/",
     "/api/timeline/?year=9999", "/api/series/?year=9999"],
)
def test_addresses_past_the_bounds_are_refused_not_failed(client, url):
    assert client.get(url).status_code in {400, 404}


@pytest.mark.parametrize("url", ["/calendar/2200/12/", "/calendar/1/1/", "/timeline/2200/", "/timeline/1/",
                                 "/api/timeline/?year=2200", "/api/timeline/?year=1"])
def test_the_first_and_last_accepted_months_and_years_show(client, url):
    assert client.get(url).status_code == 200


def test_the_last_accepted_month_links_to_no_later_one(client):
    html = client.get("/calendar/2200/12/").content.decode()
    assert "/calendar/2201/" not in html
    assert "/timeline/2201/" not in client.get("/timeline/2200/").content.decode()


def test_the_calendar_jump_to_a_date_out_of_range_is_an_error_not_a_redirect(client):
    response = client.get("/calendar/2020/1/", {"date": "9999年12月"})
    assert response.status_code == 400


@pytest.mark.parametrize("day", ["9999-12-31", "2201-01-01", "0001-01-01"])
def test_an_editor_cannot_set_a_date_out_of_range_through_the_api(event, editor_client, day):
    response = editor_client.patch(f"/api/events/{event.pk}/", {"start_date": day, "end_date": day},
                                   content_type="application/json")
    if day == "0001-01-01":
        assert response.status_code == 200
        return
    assert response.status_code == 400 and "start_date" in response.json()["errors"]
    assert Event.objects.get(pk=event.pk).start_date == event.start_date


def test_an_editor_cannot_set_a_date_out_of_range_in_the_admin(event, editor_client):
    from tests.admin.conftest import change_form_data, change_url

    data = change_form_data(event, start_date="9999-12-31", end_date="9999-12-31")
    response = editor_client.post(change_url(event), data)
    assert response.status_code == 200, "the form comes back with the error"
    assert "超出可接受的范围" in response.content.decode()
    assert Event.objects.get(pk=event.pk).start_date == event.start_date


def test_a_row_stored_at_the_end_of_time_breaks_no_page_and_no_export(client, event):
    """Rows written before the bounds existed (or by raw SQL) must not take the site down."""
    Event.objects.filter(pk=event.pk).update(start_date=datetime.date.max, end_date=datetime.date.max)
    assert client.get("/").status_code == 200
    assert client.get("/calendar/", follow=True).status_code == 200
    assert client.get("/timeline/", follow=True).status_code == 200
    ics = b"".join(client.get("/api/events/?format=ics").streaming_content)
    assert ics.endswith(b"END:VCALENDAR\r\n") and b"DTSTART;VALUE=DATE:99991231" in ics
    assert client.get(f"/events/{event.pk}/").status_code == 200


@override_settings(CHRONICLE_YEAR_MAX=2019)
def test_an_import_leaves_out_dates_past_the_bounds_and_says_so():
    """The parser reads years up to 2199 itself; a narrower range is the importer's to apply."""
    text = "2019年1月27日，区委召开常委会议。\n2020年12月31日，区委举行新年活动。\n".encode()
    result = document_import(data=text, source_name="a.txt")
    document = Document.objects.get()
    assert [e.start_date for e in Event.everything.filter(document=document)] == [datetime.date(2019, 1, 27)]
    notes = [note for note in document.review_notes if note["kind"] == "date-out-of-range"]
    assert len(notes) == 1 and "2020-12-31" in notes[0]["message"]
    assert "1 notes to review" in result.summary


@pytest.mark.parametrize("year", [0, 2201, 9999])
def test_an_import_refuses_a_year_out_of_range(year):
    with pytest.raises(DocumentRejected, match="out of range"):
        document_import(data="1月27日，区委召开常委会议。".encode(), source_name="a.txt", year=year)
    assert not Document.objects.exists()


def test_the_upload_form_and_serializer_refuse_a_year_out_of_range(editor_client):
    user = User.objects.get(username="editor")
    user.user_permissions.add(Permission.objects.get(codename="add_document"))
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("a.txt", "1月27日，区委召开常委会议。".encode())
    response = editor_client.post("/api/documents/", {"file": upload, "year": "9999"})
    assert response.status_code == 400 and "year" in response.json()["errors"]
    assert not Document.objects.exists()


def test_a_percent_sign_in_a_date_comes_back_as_it_was_typed(client):
    message = client.get("/api/events/?date_after=%25d").json()["errors"]["date_after"][0]
    assert "“%d”" in message


@pytest.mark.parametrize(
    "values",
    [
        {"title": "区委召开常委会议", "date": "9999年12月31日"},
        {"title": "区委召开常委会议", "date": "2201-01-01"},
        {"title": "区委召开常委会议", "start_date": datetime.date(9999, 12, 31)},
    ],
)
def test_an_event_added_by_hand_is_bounded_like_a_correction(values):
    from events.services.compiling import event_add

    editor = User.objects.create_user("adder")
    with pytest.raises(ValidationError, match="超出可接受的范围"):
        event_add(user=editor, values=values, source="区委办报送")
    assert not Event.everything.exists()


def test_a_spreadsheet_row_dated_past_the_bounds_refuses_the_file():
    import io

    from openpyxl import load_workbook

    from events.chronicle_book import chronicle_book
    from events.chronicle_files import SHEET_COLUMNS, book_xlsx
    from events.services.sheets import SheetRejected, chronicle_sheet_import

    event = make_event()
    workbook = load_workbook(io.BytesIO(book_xlsx(chronicle_book(year=event.start_date.year))))
    workbook["大事记"].cell(row=2, column=SHEET_COLUMNS.index("日期") + 1).value = "9999年12月31日"
    out = io.BytesIO()
    workbook.save(out)
    with pytest.raises(SheetRejected, match="超出可接受的范围"):
        chronicle_sheet_import(data=out.getvalue(), user=User.objects.create_user("sheet-editor"))
    assert Event.everything.get().start_date == event.start_date


@pytest.mark.parametrize(("year", "status"), [(2201, 400), (0, 400), (2200, 200), (1, 200)])
def test_the_chronicle_export_takes_only_accepted_years(client, year, status):
    response = client.get(f"/api/chronicle/?year={year}&format=md")
    assert response.status_code == status
    if status == 400:
        assert "year" in response.json()["errors"]


def test_the_export_command_refuses_a_year_out_of_range_in_one_line(tmp_path):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="year 9999 is out of range"):
        call_command("export_chronicle", "9999", str(tmp_path / "out.md"))
    assert not (tmp_path / "out.md").exists()
