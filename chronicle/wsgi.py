"""WSGI entry point: `gunicorn chronicle.wsgi`."""
import os

from django.core.wsgi import get_wsgi_application

from chronicle.warmup import warm_up

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chronicle.settings")
application = get_wsgi_application()
warm_up()
