"""Designed error pages: a person never sees a traceback or a bare server error."""

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    body = render_to_string("404.html", {"path": request.path}, request=request)
    return HttpResponse(body, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without a request context: whatever broke may be in the
    # context processors or the database, so this page needs neither.
    body = render_to_string("500.html")
    return HttpResponse(body, status=500)
