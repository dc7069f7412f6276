"""Designed error pages: a person never sees a traceback or a bare server error."""

import logging

from django.http import HttpRequest, HttpResponse, HttpResponseNotFound
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

# The last resort when even the standalone 500.html cannot render (a missing
# template or a broken static-files setup): plain, but still no traceback.
_BARE_500 = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Something went wrong · netlife</title></head><body><main>
<h1>Something went wrong on our side</h1>
<p>netlife hit a problem it did not expect. Your data is safe. Try again in a
moment; the terminal running <code>netlife serve</code> names the log file with
the details.</p><p><a href="/">Back to your people</a></p></main></body></html>
"""


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    body = render_to_string("404.html", {"path": request.path}, request=request)
    return HttpResponseNotFound(body)


def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without a request context: whatever broke may be in the
    # context processors or the database, so this page needs neither.
    body: str
    try:
        body = render_to_string("500.html")
    except Exception:
        logger.exception("The 500 page itself failed to render.")
        body = _BARE_500
    return HttpResponse(body, status=500)
