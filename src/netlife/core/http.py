"""Typed requests for web views."""

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from netlife.networks.models import Network


class NetworkRequest(HttpRequest):
    """A request that NetworkMiddleware has given an acting network."""

    network: Network
    htmx: HtmxDetails
