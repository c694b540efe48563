"""`import_chronology PATH`: load an export_chronology file into an empty database, all or nothing."""
import gzip
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from events.services.archive import ArchiveError, chronology_import


class Command(BaseCommand):
    help = "Load a file written by export_chronology into an empty database, keeping every id."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path: Path, **options):
        opener = gzip.open if path.suffix == ".gz" else open
        try:
            with opener(path, "rt", encoding="utf-8") as stream:
                counts = chronology_import(stream=stream)
        except ArchiveError as error:
            raise CommandError(f"{path}: {error}") from error
        except (OSError, UnicodeDecodeError, EOFError) as error:
            raise CommandError(f"cannot read {path}: {error}") from error
        rows = ", ".join(f"{n} {label}" for label, n in counts.items())
        self.stdout.write(f"imported {path}: {rows}")
