"""`manage.py import_document PATH [--title TITLE] [--year YYYY]`: import one record, print one line."""
from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from events.services.importing import DocumentRejected, document_import


class Command(BaseCommand):
    requires_system_checks = []  # loading every URL and API schema for the checks costs more than the import
    help = ("Import a yearbook, gazetteer or chronicle and its events in one transaction; prints one summary "
            "line. The format is read from the content: text (UTF-8 with or without BOM, GB18030/GBK, UTF-16 "
            "with BOM), PDF (text layer or scanned: OCR), PNG/JPEG/TIFF scans, DOCX, HTML, XLSX or CSV.")

    def add_arguments(self, parser):
        parser.add_argument("path", help="the file to import")
        parser.add_argument("--title", help="the document's title (default: the file name)")
        parser.add_argument("--year", type=int, help="the year the record reports (default: inferred)")

    def handle(self, *args, path: str, title: str | None = None, year: int | None = None, **options):
        data = _read(Path(path))
        try:
            result = document_import(data=data, title=title, source_name=Path(path).name, year=year)
        except DocumentRejected as error:
            raise CommandError(f"cannot import {path}: {error}") from None
        self.stdout.write(result.summary)


def _read(path: Path) -> bytes:
    limit = settings.CHRONICLE_MAX_DOCUMENT_BYTES
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise CommandError(f"cannot import {path}: it is a directory, not a file")
        if size > limit:
            raise CommandError(
                f"cannot import {path}: file too large: {size:,} bytes, the limit is {limit:,}"
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise CommandError(f"cannot import {path}: no such file") from None
    except OSError as error:
        raise CommandError(f"cannot import {path}: {error.strerror or error}") from None
