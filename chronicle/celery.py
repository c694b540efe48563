"""The Celery application: background import jobs, with Redis as the broker.

Workers run `celery -A chronicle worker`; they read the same settings (DATABASE_URL, REDIS_URL)
as the web processes, so workers on several machines share one PostgreSQL and one Redis (see
docs/deployment.md). Without REDIS_URL there is no broker: tasks run in the process that
queues them (`CELERY_TASK_ALWAYS_EAGER`), as imports always did.

Each worker process lowers its CPU priority (`CHRONICLE_WORKER_NICE`): on a machine it shares
with gunicorn, an import takes the cores the readers leave, so pages and the API do not slow
down while it runs.
"""
import os

from celery import Celery
from celery.signals import worker_process_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chronicle.settings")

app = Celery("chronicle")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["events"])


def yield_to_readers() -> None:
    """Imports are background work: where one shares its machine with web processes, the readers'
    requests come first. Sets this process's niceness to settings.CHRONICLE_WORKER_NICE (never
    lower than it is; 0 leaves it as it is)."""
    from django.conf import settings

    current = os.getpriority(os.PRIO_PROCESS, 0)
    os.setpriority(os.PRIO_PROCESS, 0, max(current, min(settings.CHRONICLE_WORKER_NICE, 19)))


@worker_process_init.connect
def _worker_yields_to_readers(**kwargs) -> None:
    yield_to_readers()
