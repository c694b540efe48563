"""The document admin: upload to import, re-extract, and the way to a document's events."""
import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from events.models import Document, Event, Mention
from events.services.editing import event_correct
from events.services.importing import document_import, document_reextract
from tests.admin.conftest import change_form_data, change_url

pytestmark = pytest.mark.django_db
ADD = "/admin/events/document/add/"
CHRONICLE = (
    "青河区2020年大事记\n"
    "1月\n27日　区委召开常委会议，研究部署疫情防控工作。\n"
    "6月\n12日　区政府召开安全生产工作会议。\n"
)


def upload(client, data: bytes, name="qinghe-2020.txt", **fields):
    return client.post(ADD, {"file": SimpleUploadedFile(name, data), **fields}, follow=True)


def shown_messages(response, level: str) -> list[str]:
    return [str(m) for m in response.context["messages"] if m.level_tag == level]


def test_uploading_a_file_imports_it(editor_client):
    response = upload(editor_client, CHRONICLE.encode("gb18030"), title="青河大事记", year=2020)
    assert response.status_code == 200
    document = Document.objects.get()
    assert (document.title, document.source_name, document.year) == ("青河大事记", "qinghe-2020.txt", 2020)
    assert document.source_encoding.lower().startswith("gb")
    assert document.events.count() == 2
    assert any("青河大事记" in summary for summary in shown_messages(response, "success"))
    assert document.history.first().history_user.username == "editor"


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "damaged image"),
        (b"\x00\x01\x02\x03" * 64, "binary"),
    ],
)
def test_a_bad_file_shows_the_import_error_and_stores_nothing(editor_client, data, words):
    response = upload(editor_client, data, name="photo.png")
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["file"]
    assert len(errors) == 1 and words in errors[0] and "\n" not in errors[0]
    assert errors[0] in response.content.decode()
    assert (Document.objects.count(), Event.objects.count(), Mention.objects.count()) == (0, 0, 0)


def test_an_empty_file_is_refused_by_the_form(editor_client):
    response = upload(editor_client, b"")
    assert response.context["adminform"].form.errors["file"]
    assert Document.objects.count() == 0


def test_the_same_file_again_changes_nothing_and_says_so(editor_client):
    upload(editor_client, CHRONICLE.encode())
    response = upload(editor_client, CHRONICLE.encode())
    document = Document.objects.get()
    assert response.redirect_chain[-1][0] == reverse("admin:events_document_change", args=[document.pk])
    assert len(shown_messages(response, "warning")) == 1  # the import service says it changed nothing
    assert "成功添加" not in response.content.decode()


def test_the_list_links_to_each_documents_events_with_counts(editor_client, editor):
    document = document_import(data=CHRONICLE.encode(), title="青河大事记").document
    event = document.events.order_by("start_date").first()
    event_correct(event=event, user=editor, changes={"title": "区委召开常委会议"})
    page = editor_client.get(reverse("admin:events_document_changelist")).content.decode()
    url = reverse("admin:events_event_changelist") + f"?document__id__exact={document.pk}"
    assert f'<a href="{url}">2 个事件（已更正 1）</a>' in page
    assert editor_client.get(url).context["cl"].result_count == 2


def test_reextract_keeps_what_an_editor_corrected(editor_client):
    document = document_import(data=CHRONICLE.encode(), title="青河大事记").document
    event = document.events.order_by("start_date").first()
    data = change_form_data(event, end_date="2020-01-28", title="常委会")
    response = editor_client.post(change_url(event), data)
    assert response.status_code == 302
    response = editor_client.post(
        reverse("admin:events_document_changelist"),
        {"action": "reextract", "_selected_action": [document.pk]},
        follow=True,
    )
    assert any("青河大事记" in summary for summary in shown_messages(response, "success"))
    event.refresh_from_db()
    assert (event.title, event.end_date, event.status) == ("常委会", datetime.date(2020, 1, 28), "corrected")
    assert event.machine_reading["end_date"] == "2020-01-27"
    assert document.events.count() == 2


def test_a_new_version_of_a_document_keeps_corrections(editor_client):
    document = document_import(data=CHRONICLE.encode(), title="青河大事记").document
    event = document.events.order_by("start_date").first()
    editor_client.post(change_url(event), change_form_data(event, end_date="2020-01-28"))
    upload(editor_client, (CHRONICLE + "12月\n1日　区人大召开常委会议。\n").encode(), title="青河大事记")
    event.refresh_from_db()
    assert (event.end_date, event.status) == (datetime.date(2020, 1, 28), "corrected")
    assert Document.objects.count() == 1 and document.events.count() == 3


def test_a_merge_survives_reextract(editor_client, editor):
    text = CHRONICLE + "1月\n28日　区委常委会议继续研究疫情防控工作。\n"
    document = document_import(data=text.encode(), title="青河大事记").document
    first, second = document.events.filter(start_date__month=1).order_by("start_date")
    action = {"action": "merge", "_selected_action": [first.pk, second.pk]}
    editor_client.post(reverse("admin:events_event_changelist"), action)
    document_reextract(document=document)
    assert document.events.count() == 2
    assert document.events.get(pk=first.pk).mentions.count() == 2
