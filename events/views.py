"""The pages: thin views that call selectors and render templates."""
from django.shortcuts import render

from . import selectors


def home(request):
    return render(
        request,
        "events/home.html",
        {"year": selectors.latest_event_year(), "documents": selectors.document_list()[:20]},
    )
