"""What the reliability tests compare: every row of the chronology, counted or in full."""
from django.contrib.auth import get_user_model
from django.core import serializers

from events.models import Document, Event, Mention
from events.services.archive import archived_models


def counts() -> dict[str, int]:
    """Rows per model of the events app, history included."""
    return {model._meta.label_lower: model._default_manager.count() for model in archived_models()}


def snapshot() -> dict[str, list[dict]]:
    """Every row as Django serializes it, users named rather than numbered."""
    usernames = dict(get_user_model().objects.values_list("pk", "username"))
    rows = {}
    for model in archived_models():
        items = serializers.serialize("python", model._default_manager.order_by("pk"))
        for item in items:
            if "history_user" in item["fields"]:
                item["fields"]["history_user"] = usernames.get(item["fields"]["history_user"])
        rows[model._meta.label_lower] = items
    return rows


def wipe_chronology() -> None:
    """An empty chronology and no users, as on a new server."""
    Mention.objects.all().delete()
    Event.objects.all().delete()
    Document.objects.all().delete()
    for model in archived_models():
        model._default_manager.all().delete()  # the history rows, including the deletions just made
    get_user_model().objects.all().delete()
