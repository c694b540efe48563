"""URLs of the pages (the REST API's /api/ routes live in chronicle/urls.py)."""
from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("years/", views.years, name="years"),
    path("timeline/", views.timeline_latest, name="timeline-latest"),
    path("timeline/<int:year>/", views.timeline, name="timeline"),
    path("calendar/", views.calendar_latest, name="calendar-latest"),
    path("calendar/<int:year>/<int:month>/", views.calendar, name="calendar"),
    path("on-this-day/", views.on_this_day_today, name="on-this-day-today"),
    path("on-this-day/<int:month>/<int:day>/", views.on_this_day, name="on-this-day"),
    path("people/", views.names, name="names"),
    path("people/<path:name>/", views.person, name="person"),
    path("organizations/<path:name>/", views.organization, name="organization"),
    path("events/<int:pk>/", views.event_detail, name="event"),
    path("documents/", views.document_list, name="document-list"),
    path("documents/<int:pk>/", views.document_detail, name="document"),
    path("documents/<int:pk>/original/", views.document_original, name="document-original"),
]
