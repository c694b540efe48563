"""The chronicle Django project; `celery_app` is loaded with it so that tasks find their broker."""
from chronicle.celery import app as celery_app

__all__ = ["celery_app"]
