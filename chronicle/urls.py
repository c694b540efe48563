"""Root URLs: the pages, the REST API under /api/, and Django admin."""
from django.contrib import admin
from django.urls import include, path

from events.throttling import login_throttled
from events.views import favicon

urlpatterns = [
    path("admin/login/", login_throttled(admin.site.login), name="admin-login"),
    path("admin/", admin.site.urls),
    path("api/", include("events.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    # Browsers ask for /favicon.ico whatever the page says.
    path("favicon.ico", favicon, name="favicon"),
    path("", include("events.urls")),
]

handler404 = "events.views.not_found"
