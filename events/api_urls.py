"""URLs of the REST API, mounted at /api/; a trailing slash is optional."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import SimpleRouter

from . import apis

router = SimpleRouter()
router.trailing_slash = "/?"
router.register("events", apis.EventViewSet, basename="api-event")
router.register("documents", apis.DocumentViewSet, basename="api-document")
router.register("jobs", apis.ImportJobViewSet, basename="api-job")

urlpatterns = [
    path("", include(router.urls)),
    re_path(r"^timeline/?$", apis.TimelineApi.as_view(), name="api-timeline"),
    re_path(r"^series/?$", apis.SeriesApi.as_view(), name="api-series"),
    re_path(r"^chronicle/?$", apis.ChronicleApi.as_view(), name="api-chronicle"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    re_path(r"^.*$", apis.api_not_found),
]
