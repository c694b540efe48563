"""`manage.py import_document PATH [--title T] [--year YYYY] [--jobs N]`: import a record, print one line.

PATH may be a folder: every file in it (not in its subfolders, hidden files left out) is imported,
N at a time in processes of their own (`--jobs`, default 1), one line per file, then a line with
the totals and the time taken. A file that cannot be imported is one line on stderr and makes the
exit status non-zero; the others are imported all the same (each import is its own transaction).
Like the background workers, the command lowers its CPU priority (CHRONICLE_WORKER_NICE) so that a
server on the same machine keeps answering at its usual speed.
"""
from __future__ import annotations

import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from chronicle.celery import yield_to_readers
from events.services.importing import DocumentRejected, document_import


class Command(BaseCommand):
    requires_system_checks = []  # loading every URL and API schema for the checks costs more than the import
    help = ("Import a yearbook, gazetteer or chronicle and its events in one transaction; prints one summary "
            "line. The format is read from the content: text (UTF-8 with or without BOM, GB18030/GBK, UTF-16 "
            "with BOM), PDF (text layer or scanned: OCR), PNG/JPEG/TIFF scans, DOCX, HTML, XLSX or CSV. "
            "PATH may be a folder: its files are imported --jobs at a time.")

    def add_arguments(self, parser):
        parser.add_argument("path", help="the file to import, or a folder of files")
        parser.add_argument("--title", help="the document's title (default: the file name; not for folders)")
        parser.add_argument("--year", type=int, help="the year the record reports (default: inferred)")
        parser.add_argument("--jobs", type=int, default=1, help="for a folder: files imported at once")

    def handle(self, *args, path: str, title: str | None = None, year: int | None = None, jobs: int = 1,
               **options):
        if jobs < 1:
            raise CommandError("--jobs must be 1 or more")
        yield_to_readers()  # background work, as in a Celery worker: a server's readers come first
        if Path(path).is_dir():
            if title:
                raise CommandError("--title names one document: leave it out when importing a folder")
            return self._folder(Path(path), year=year, jobs=jobs)
        data = _read(Path(path))
        try:
            result = document_import(data=data, title=title, source_name=Path(path).name, year=year)
        except DocumentRejected as error:
            raise CommandError(f"cannot import {path}: {error}") from None
        self.stdout.write(result.summary)

    def _folder(self, folder: Path, *, year: int | None, jobs: int) -> None:
        files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
        if not files:
            raise CommandError(f"cannot import {folder}: the directory holds no file")
        began = time.monotonic()
        failed = 0
        for ok, line in _import_all(files, year=year, jobs=jobs):
            if ok:
                self.stdout.write(line)
            else:
                failed += 1
                self.stderr.write(line)
        seconds = time.monotonic() - began
        total = (f"{len(files) - failed} of {len(files)} files imported in {seconds:.1f} s "
                 f"with {_jobs(min(jobs, len(files)))}")
        if failed:
            raise CommandError(f"{total}; {failed} could not be imported (see above)")
        self.stdout.write(total)


def _import_all(files: list[Path], *, year: int | None, jobs: int):
    """(ok, line) per file, in the order they finish."""
    if jobs == 1 or len(files) == 1:
        yield from (_import_one(str(path), year) for path in files)
        return
    connections.close_all()  # a forked child must open its own connections, not share these
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=min(jobs, len(files)), mp_context=context,
                             initializer=connections.close_all) as pool:
        futures = [pool.submit(_import_one, str(path), year) for path in files]
        for future in as_completed(futures):
            yield future.result()


def _import_one(path: str, year: int | None) -> tuple[bool, str]:
    try:
        data = _read(Path(path))
        result = document_import(data=data, source_name=Path(path).name, year=year)
    except CommandError as error:
        return False, str(error)
    except DocumentRejected as error:
        return False, f"cannot import {path}: {error}"
    except Exception as error:  # noqa: BLE001 - one file's failure must not stop the others
        return False, f"cannot import {path}: {type(error).__name__}: {error}"
    return True, f"{os.path.basename(path)}: {result.summary}"


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


def _jobs(count: int) -> str:
    return "1 job" if count == 1 else f"{count} jobs"
