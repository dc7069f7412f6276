"""The subscription addresses: /feeds/SECRET.ics and /feeds/SECRET.atom.

No login: the secret in the address is the key (FeedToken). An unknown,
revoked or mistyped secret is a plain 404, the same for all three, so an
address reveals nothing about which secrets exist.
"""

import hashlib

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotModified
from django.views.decorators.http import require_GET

from netlife.feeds import queries
from netlife.feeds.models import FeedToken
from netlife.feeds.services import feed_for_secret


def _respond(request: HttpRequest, body: bytes, content_type: str) -> HttpResponse:
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    if etag in request.headers.get("If-None-Match", ""):
        return HttpResponseNotModified(headers={"ETag": etag})
    response = HttpResponse(body, content_type=content_type)
    response["ETag"] = etag
    # Private to the holder of the address: no shared cache may keep it.
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Robots-Tag"] = "noindex"
    return response


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


@require_GET
def calendar_feed(request: HttpRequest, secret: str) -> HttpResponse:
    token = feed_for_secret(secret, FeedToken.Kind.CALENDAR)
    if token is None:
        raise Http404
    body = queries.calendar(token.network, base_url=_base_url(request))
    return _respond(request, body, "text/calendar; charset=utf-8")


@require_GET
def atom_feed(request: HttpRequest, secret: str) -> HttpResponse:
    token = feed_for_secret(secret, FeedToken.Kind.ATOM)
    if token is None:
        raise Http404
    body = queries.atom(
        token.network,
        base_url=_base_url(request),
        self_link=request.build_absolute_uri(),
    )
    return _respond(request, body, "application/atom+xml; charset=utf-8")
