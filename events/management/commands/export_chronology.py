"""`export_chronology PATH`: write the whole chronology to one JSON Lines file (gzip when PATH ends in .gz).

The file appears only when complete: it is written beside PATH, synced, and renamed into place.
"""
import gzip
import io
import os
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from events.services.archive import chronology_export


class Command(BaseCommand):
    help = "Write documents, events, mentions, corrections and their history to one JSON Lines file."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path: Path, **options):
        directory = path.resolve().parent
        if not directory.is_dir():
            raise CommandError(f"cannot write {path}: the folder {directory} does not exist")
        fd, partial = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=directory)
        try:
            with open(fd, "wb") as raw:
                binary = gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) if path.suffix == ".gz" else raw
                text = io.TextIOWrapper(binary, encoding="utf-8", newline="\n")
                counts = chronology_export(stream=text)
                text.flush()
                text.detach()
                if binary is not raw:
                    binary.close()  # writes the gzip trailer; raw stays open
                raw.flush()
                os.fsync(raw.fileno())
            os.replace(partial, path)
        except BaseException:
            Path(partial).unlink(missing_ok=True)
            raise
        rows = ", ".join(f"{n} {label}" for label, n in counts.items())
        self.stdout.write(f"exported to {path}: {rows}")
