"""`manage.py import_chronicle_sheet PATH --user NAME`: an edited 大事记 spreadsheet back in, one line out."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from events.services.sheets import SheetRejected, chronicle_sheet_import


class Command(BaseCommand):
    help = (
        "Import a 大事记 spreadsheet exported by export_chronicle (or the admin) and edited: only the rows "
        "whose cells changed update their events, recorded in the history under the given user; rows "
        "without an id become new events. One transaction: any bad row and nothing is stored."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the edited .xlsx")
        parser.add_argument(
            "--user", required=True, help="the editor the changes are recorded under (username)"
        )

    def handle(self, *args, path: str, user: str, **options):
        editor = get_user_model().objects.filter(username=user).first()
        if editor is None:
            raise CommandError(f"cannot import {path}: there is no user {user!r}")
        try:
            data = Path(path).read_bytes()
        except FileNotFoundError:
            raise CommandError(f"cannot import {path}: no such file") from None
        except OSError as error:
            raise CommandError(f"cannot import {path}: {error.strerror or error}") from None
        try:
            result = chronicle_sheet_import(data=data, user=editor)
        except SheetRejected as error:
            raise CommandError(f"cannot import {path}: {error}") from None
        self.stdout.write(result.summary)
