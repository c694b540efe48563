"""Every read that the pages and the API share."""
from .models import Document, Event


def latest_event_year() -> int | None:
    """The most recent year that holds an event, or None for an empty chronology."""
    last = Event.objects.dates("start_date", "year", order="DESC").first()
    return last.year if last else None


def document_list():
    return Document.objects.with_event_counts().order_by("-imported_at", "-id")
