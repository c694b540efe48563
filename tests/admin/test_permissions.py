"""The `editors` group: correct events and import documents, never delete documents."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from tests.admin.conftest import change_form_data, change_url
from tests.factories import make_document, make_event

pytestmark = pytest.mark.django_db


def test_the_group_holds_exactly_the_editor_permissions():
    codenames = set(Group.objects.get(name="editors").permissions.values_list("codename", flat=True))
    assert {
        "view_event",
        "change_event",
        "view_mention",
        "change_mention",
        "view_document",
        "add_document",
        "add_event",
        "view_duplicatesuggestion",
        "change_duplicatesuggestion",
        "add_collection",
    } <= codenames
    forbidden = {"delete_document", "delete_event", "change_document", "delete_duplicatesuggestion"}
    assert not forbidden & codenames


def test_an_editor_can_change_an_event(editor_client):
    event = make_event()
    assert editor_client.get(change_url(event)).status_code == 200
    response = editor_client.post(change_url(event), change_form_data(event, title="编辑改的标题"))
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.title, event.status) == ("编辑改的标题", "corrected")


def test_an_editor_cannot_delete_a_document_or_an_event(editor_client):
    event = make_event()
    document = event.document
    assert editor_client.get(reverse("admin:events_document_delete", args=[document.pk])).status_code == 403
    assert (
        editor_client.post(
            reverse("admin:events_document_delete", args=[document.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert editor_client.get(reverse("admin:events_event_delete", args=[event.pk])).status_code == 403
    actions = (
        editor_client.get(reverse("admin:events_document_changelist")).context["action_form"].fields["action"]
    )
    assert "delete_selected" not in dict(actions.choices)
    assert "reextract" in dict(actions.choices)


def test_an_editor_can_view_documents_and_open_the_upload_form(editor_client):
    document = make_document(title="青河年鉴2021")
    assert "青河年鉴2021" in editor_client.get(reverse("admin:events_document_changelist")).content.decode()
    assert editor_client.get(reverse("admin:events_document_change", args=[document.pk])).status_code == 200
    page = editor_client.get(reverse("admin:events_document_add")).content.decode()
    assert 'type="file"' in page and 'enctype="multipart/form-data"' in page


def test_an_editor_cannot_manage_users(editor_client):
    assert editor_client.get("/admin/auth/user/").status_code == 403


def test_staff_without_the_group_sees_no_events(client, django_user_model):
    user = django_user_model.objects.create_user("visitor", is_staff=True)
    client.force_login(user)
    assert client.get("/admin/events/event/").status_code == 403
