"""`manage.py parse_dates PATH [--year YYYY]`: the dates found in a file, one JSON object per line."""
from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from events.parsing import find_dates
from events.parsing.decoding import DecodeError, decode_bytes


class Command(BaseCommand):
    help = "Print every date expression in a text file as JSON Lines (offsets index the decoded text)."
    # Reading a file needs neither the database nor the URL configuration.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("path", help="a text file: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030")
        parser.add_argument("--year", type=int, help="the year the document reports (default: inferred)")

    def handle(self, *args, path: str, year: int | None = None, **options):
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            raise CommandError(f"cannot read {path}: {error.strerror or error}") from error
        try:
            text = decode_bytes(data).text
        except DecodeError as error:
            raise CommandError(f"cannot read {path}: {error}") from error
        lines = (json.dumps(mention.as_json(), ensure_ascii=False) for mention in find_dates(text, year=year))
        for line in lines:
            self.stdout.write(line)
