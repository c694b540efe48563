"""URLs of the pages (and, from the API issue on, of /api/)."""
from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("", views.home, name="home"),
]
