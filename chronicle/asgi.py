"""ASGI entry point, for servers that speak ASGI."""
import os

from django.core.asgi import get_asgi_application

from chronicle.warmup import warm_up

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chronicle.settings")
application = get_asgi_application()
warm_up()
