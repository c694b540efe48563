"""export_corrections: every editor's date correction as a JSON Lines regression case.

One line per corrected event, in the format of the gold date files (`start`, `end`, `text`,
`start_date`, `end_date`, `precision`, `calendar`, `time`), plus `machine` (what the
machine read) and `document`, so each fix can be replayed against the parser.
"""
import json

from django.core.management.base import BaseCommand, CommandError

from events.models import Document, Event
from events.services.editing import corrections_as_cases


class Command(BaseCommand):
    help = "Print each corrected event's date as JSON Lines (the gold format plus the machine's reading)."

    def add_arguments(self, parser):
        parser.add_argument("--document", type=int, metavar="ID", help="only this document's corrections")

    def handle(self, *args, document=None, **options):
        events = Event.objects.all()
        if document is not None:
            if not Document.objects.filter(pk=document).exists():
                raise CommandError(f"no document with id {document}")
            events = events.filter(document_id=document)
        for case in corrections_as_cases(events=events):
            if case["start"] is None:
                self.stderr.write(f"event {case['event']}: date not found in its mentions; offsets are null")
            self.stdout.write(json.dumps(case, ensure_ascii=False))
