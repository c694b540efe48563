"""Small factories for tests: real rows with sensible defaults, overridable by keyword."""
import datetime
import hashlib
import itertools

from events.models import Document, Event, Mention

_counter = itertools.count(1)


def make_document(**overrides) -> Document:
    n = next(_counter)
    text = overrides.pop("text", f"1月{n % 28 + 1}日，区委召开第{n}次常委会议。")
    fields = {
        "title": f"测试年鉴 {n}",
        "text": text,
        "content_hash": hashlib.sha256(f"{n}:{text}".encode()).hexdigest(),
        "source_encoding": "utf-8",
        "year": 2020,
    }
    fields.update(overrides)
    return Document.objects.create(**fields)


def make_event(**overrides) -> Event:
    n = next(_counter)
    document = overrides.pop("document", None) or make_document()
    day = overrides.pop("day", datetime.date(2020, 1, 27))
    fields = {
        "document": document,
        "title": f"区委召开第{n}次常委会议",
        "description": f"区委召开第{n}次常委会议，研究部署工作。",
        "start_date": day,
        "end_date": day,
        "precision": "day",
        "calendar": "gregorian",
        "date_text": f"{day.month}月{day.day}日",
        "type": "meeting",
        "fingerprint": f"fp-{n}",
    }
    fields.update(overrides)
    return Event.objects.create(**fields)


def make_mention(event: Event, start: int = 0, end: int | None = None, **overrides) -> Mention:
    text = event.document.text
    end = len(text) if end is None else end
    fields = {"event": event, "document": event.document, "start": start, "end": end, "text": text[start:end]}
    fields.update(overrides)
    return Mention.objects.create(**fields)
