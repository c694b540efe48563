"""Background imports: an upload becomes an `ImportJob`, which a Celery worker runs.

- `import_job_create(data=…, file_name=…, title=…, year=…, user=…)` keeps the file in the job row
  (every worker reads the same database) and queues the job; without Redis it runs at once, in
  this process, so the job comes back finished.
- `import_job_run(job_id=…)` is what a worker does: it marks the job running, calls
  `document_import` with a progress callback that writes stage, pages and events to the row, and
  ends the job done (with the document and the summary) or failed (with the one-line reason; the
  import's transaction stored nothing). A job handed out again after its worker died starts over:
  the import is atomic and a whole import is recognized as unchanged.
"""
from __future__ import annotations

import logging
import socket
import time

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from events.models import ImportJob, JobStage, JobStatus
from events.services.importing import DocumentRejected, document_import

logger = logging.getLogger(__name__)

INTERNAL_ERROR = "internal error while importing (logged for the administrator); nothing was stored"


def import_job_create(*, data: bytes, file_name: str = "", title: str = "", year: int | None = None,
                      user=None) -> ImportJob:
    """A queued job for these bytes; finished already when there is no broker (no REDIS_URL)."""
    job = ImportJob.objects.create(user=user if user is not None and user.is_authenticated else None,
                                   file_name=file_name[:300], title=(title or "")[:300], year=year,
                                   data=data, size=len(data))
    if settings.CELERY_TASK_ALWAYS_EAGER:
        import_job_run(job_id=job.pk)
        job.refresh_from_db()
    else:
        from events.tasks import run_import_job

        transaction.on_commit(lambda: run_import_job.delay(job.pk))
    return job


def import_job_run(*, job_id: int, worker: str = "") -> ImportJob | None:
    """Run one job to its end; a job already finished (delivered twice) is left as it is."""
    claimed = ImportJob.objects.filter(pk=job_id, status__in=[JobStatus.QUEUED, JobStatus.RUNNING]).update(
        status=JobStatus.RUNNING, started_at=timezone.now(), worker=(worker or socket.gethostname())[:200],
        stage=JobStage.WAITING)
    if not claimed:
        return None
    job = ImportJob.objects.get(pk=job_id)

    last = {"stage": None, "at": 0.0}

    def progress(stage: str, *, pages: int = 0, events: int = 0, total_pages: int | None = None) -> None:
        # Every new stage is written; pages while reading at most twice a second.
        now = time.monotonic()
        if stage == last["stage"] and now - last["at"] < 0.5 and pages != total_pages:
            return
        last.update(stage=stage, at=now)
        figures = {"stage": stage, "pages": pages, "events": events}
        if total_pages is not None:
            figures["total_pages"] = total_pages
        ImportJob.objects.filter(pk=job_id).update(**figures)

    try:
        result = document_import(data=bytes(job.data or b""), title=job.title, source_name=job.file_name,
                                 year=job.year, progress=progress)
    except DocumentRejected as problem:
        return _end(job_id, status=JobStatus.FAILED, error=str(problem))
    except Exception:
        logger.exception("import job %s failed", job_id)
        return _end(job_id, status=JobStatus.FAILED, error=INTERNAL_ERROR)
    return _end(job_id, status=JobStatus.DONE, document=result.document, summary=result.summary,
                events=result.events)


def _end(job_id: int, *, status: str, **fields) -> ImportJob:
    # The file goes with the job's end: the document keeps its own copy.
    ImportJob.objects.filter(pk=job_id).update(status=status, finished_at=timezone.now(), data=None, **fields)
    return ImportJob.objects.get(pk=job_id)
