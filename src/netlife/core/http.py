"""Typed requests and the page-or-fragment render helper for web views."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from netlife.networks.models import Network


class NetworkRequest(HttpRequest):
    """A request that NetworkMiddleware has given an acting network."""

    network: Network


def render_page_or_fragment(
    request: HttpRequest, page: str, fragment: str, context: dict[str, Any]
) -> HttpResponse:
    """Render the fragment for htmx requests and the whole page otherwise."""
    template = fragment if getattr(request, "htmx", False) else page
    return render(request, template, context)
