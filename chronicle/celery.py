"""The Celery application: background import jobs, with Redis as the broker.

Workers run `celery -A chronicle worker`; they read the same settings (DATABASE_URL, REDIS_URL)
as the web processes, so workers on several machines share one PostgreSQL and one Redis (see
docs/deployment.md). Without REDIS_URL there is no broker: tasks run in the process that
queues them (`CELERY_TASK_ALWAYS_EAGER`), as imports always did.
"""
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chronicle.settings")

app = Celery("chronicle")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["events"])
