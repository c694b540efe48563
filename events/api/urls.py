"""URLs of the REST API, mounted at /api/; a trailing slash is optional."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.routers import SimpleRouter

from . import views
from .errors import api_not_found

router = SimpleRouter()
router.trailing_slash = "/?"
router.register("events", views.EventViewSet, basename="api-event")
router.register("documents", views.DocumentViewSet, basename="api-document")
router.register("jobs", views.ImportJobViewSet, basename="api-job")

urlpatterns = [
    path("", include(router.urls)),
    re_path(r"^timeline/?$", views.TimelineApi.as_view(), name="api-timeline"),
    re_path(r"^series/?$", views.SeriesApi.as_view(), name="api-series"),
    re_path(r"^chronicle/?$", views.ChronicleApi.as_view(), name="api-chronicle"),
    # The schema and its docs negotiate as DRF does: their formats are their own.
    path("schema/", SpectacularAPIView.as_view(content_negotiation_class=DefaultContentNegotiation),
         name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema",
                                                 content_negotiation_class=DefaultContentNegotiation),
         name="api-docs"),
    re_path(r"^.*$", api_not_found),
]
