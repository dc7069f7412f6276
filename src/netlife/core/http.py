"""Typed requests for web views."""

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from netlife.networks.models import Network


class NetworkRequest(HttpRequest):
    """A request that NetworkMiddleware has given an acting network."""

    network: Network
    htmx: HtmxDetails


# Ids in URLs above this overflow SQLite's INTEGER: such a URL is a 404.
MAX_DB_ID = 2**63 - 1


def wants_fragment(request: HttpRequest) -> bool:
    """Whether to answer with a fragment rather than the whole page.

    htmx restoring a page missing from its history cache needs the whole
    page, although it sends HX-Request like any other htmx request.
    """
    htmx = getattr(request, "htmx", None)
    return htmx is not None and bool(htmx) and not htmx.history_restore_request
