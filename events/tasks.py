"""Celery tasks: the background side of `events.services.jobs`."""
from celery import shared_task


@shared_task(name="events.run_import_job")
def run_import_job(job_id: int) -> None:
    from celery import current_task

    from events.services.jobs import import_job_run

    import_job_run(job_id=job_id, worker=getattr(current_task.request, "hostname", "") or "")
