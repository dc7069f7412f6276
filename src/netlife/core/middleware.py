"""Attach the acting network to every web request."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class NetworkMiddleware:
    """In single-user mode every request acts as the local user's network."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.NETLIFE_SINGLE_USER:
            from netlife.networks.services import ensure_local_network

            request.network = ensure_local_network()  # type: ignore[attr-defined]  # see core.http.NetworkRequest
        return self.get_response(request)
