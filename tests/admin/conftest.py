"""Admin fixtures: an editor in the `editors` group, a superuser, and a change-form poster."""
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse


@pytest.fixture
def editor(db):
    user = get_user_model().objects.create_user("editor", is_staff=True)
    user.groups.add(Group.objects.get(name="editors"))
    return user

@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client

@pytest.fixture
def superuser_client(client, db):
    user = get_user_model().objects.create_superuser("root", password=None)
    client.force_login(user)
    return client

def change_url(event) -> str:
    return reverse("admin:events_event_change", args=[event.pk])

def change_form_data(event, **overrides) -> dict:
    """What the change form posts when the editor changes only `overrides`."""
    data = {
        "title": event.title,
        "type": event.type,
        "start_date": event.start_date.isoformat(),
        "end_date": event.end_date.isoformat(),
        "precision": event.precision,
        "calendar": event.calendar,
        "time": event.time,
        "date_text": event.date_text,
        "description": event.description,
        "place": event.place,
        "people": "、".join(event.people),
        "organizations": "、".join(event.organizations),
        "series_name": event.series_name,
        "series_number": "" if event.series_number is None else event.series_number,
    }
    mentions = list(event.mentions.all())
    data.update(
        {
            "mentions-TOTAL_FORMS": len(mentions),
            "mentions-INITIAL_FORMS": len(mentions),
            "mentions-MIN_NUM_FORMS": 0,
            "mentions-MAX_NUM_FORMS": 1000,
        }
    )
    for i, mention in enumerate(mentions):
        data[f"mentions-{i}-id"] = mention.pk
        data[f"mentions-{i}-event"] = event.pk
    data.update(overrides)
    return data
