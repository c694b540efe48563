"""`manage.py export_chronicle YEAR OUT [--collection ID] [--document ID] [--type T]`: the year's 大事记
in the yearbook layout, as DOCX, Markdown or XLSX (by OUT's suffix)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from events import bounds
from events.chronicle_files import export_response
from events.models import Collection, Document, EventType

FORMATS = {".docx": "docx", ".md": "md", ".xlsx": "xlsx"}


class Command(BaseCommand):
    help = (
        "Write a year's 大事记 in the yearbook layout (month headings, day entries, 同日 and 是月): "
        "OUT ending in .docx, .md or .xlsx. The XLSX keeps each event's id, for import_chronicle_sheet."
    )

    def add_arguments(self, parser):
        parser.add_argument("year", type=int, help="the year: events that begin in it")
        parser.add_argument("out", help="the file to write: .docx, .md or .xlsx")
        parser.add_argument("--collection", type=int, help="only the documents of this collection (id)")
        parser.add_argument("--document", type=int, help="only the events of this document (id)")
        parser.add_argument("--type", choices=EventType.values, help="only events of this type")

    def handle(self, *args, year: int, out: str, collection=None, document=None, type=None, **options):  # noqa: A002
        if not bounds.year_in_range(year):
            raise CommandError(f"cannot export: year {year} is out of range: the accepted years are "
                               f"{bounds.year_min()}-{bounds.year_max()}")
        kind = FORMATS.get(Path(out).suffix.lower())
        if kind is None:
            raise CommandError(f"cannot export to {out}: the name must end in .docx, .md or .xlsx")
        filters = {"type": type} if type else {}
        if collection is not None:
            filters["collection"] = _get(Collection, collection, "collection")
        if document is not None:
            filters["document"] = _get(Document, document, "document")
        response = export_response(year=year, format=kind, filters=filters)
        try:
            Path(out).write_bytes(response.content)
        except OSError as error:
            raise CommandError(f"cannot write {out}: {error.strerror or error}") from None
        self.stdout.write(f"wrote {out}: the {year} chronicle as {kind} ({len(response.content):,} bytes)")


def _get(model, pk: int, name: str):
    found = model.objects.filter(pk=pk).first()
    if found is None:
        raise CommandError(f"cannot export: there is no {name} {pk}")
    return found
