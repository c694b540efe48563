"""URLs of the pages (the REST API's /api/ routes live in chronicle/urls.py)."""
from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("", views.home, name="home"),
    path("timeline/", views.timeline_latest, name="timeline-latest"),
    path("timeline/<int:year>/", views.timeline, name="timeline"),
    path("calendar/", views.calendar_latest, name="calendar-latest"),
    path("calendar/<int:year>/<int:month>/", views.calendar, name="calendar"),
    path("events/<int:pk>/", views.event_detail, name="event"),
    path("documents/", views.document_list, name="document-list"),
    path("documents/<int:pk>/", views.document_detail, name="document"),
    path("documents/<int:pk>/original/", views.document_original, name="document-original"),
]
