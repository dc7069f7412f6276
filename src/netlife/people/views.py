"""Web pages about people: the searchable list and a read-only detail page."""

from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET, require_POST

from netlife.core import clock
from netlife.core.errors import Conflict, NetlifeError, NotFound
from netlife.core.http import NetworkRequest
from netlife.demo.services import generate_demo
from netlife.paths import queries as paths
from netlife.people import queries

PAGE_SIZE = 50
DEMO_PEOPLE = 300
_MAX_DB_ID = 2**63 - 1  # larger ids overflow SQLite's INTEGER
_SAFE_URL_SCHEMES = ("http://", "https://")


def _wants_fragment(request: HttpRequest) -> bool:
    # htmx restoring a page missing from its history cache needs the whole
    # page, although it sends HX-Request like any other htmx request.
    htmx = getattr(request, "htmx", None)
    return htmx is not None and bool(htmx) and not htmx.history_restore_request


def _list_url(**params: str | None) -> str:
    query = urlencode({key: value for key, value in params.items() if value})
    url = reverse("people:person_list")
    return f"{url}?{query}" if query else url


@require_GET
def person_list(request: NetworkRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    tag = request.GET.get("tag", "").strip()[:64] or None
    organization = request.GET.get("org", "").strip()[:200] or None
    people = queries.search_people(
        request.network, query, tag=tag, organization=organization
    )
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    summaries = queries.person_summaries(request.network, list(page.object_list))
    today = clock.today()

    def page_url(number: int) -> str | None:
        if not 1 <= number <= page.paginator.num_pages:
            return None
        return _list_url(q=query, tag=tag, org=organization, page=str(number))

    context: dict[str, Any] = {
        "nav": "people",
        "query": query,
        "tag": tag,
        "organization": organization,
        "filtered": bool(query or tag or organization),
        "empty_network": not (query or tag or organization)
        and page.paginator.count == 0,
        "page": page,
        "people": summaries,
        "total": page.paginator.count,
        "total_display": f"{page.paginator.count:,}",
        "today": today,
        "soon": today + timedelta(days=7),
        "previous_url": page_url(page.number - 1),
        "next_url": page_url(page.number + 1),
        "clear_search_url": _list_url(tag=tag, org=organization),
        "clear_tag_url": _list_url(q=query, org=organization),
        "clear_org_url": _list_url(q=query, tag=tag),
        "demo_people": DEMO_PEOPLE,
    }
    if _wants_fragment(request):
        response = render(request, "people/_person_rows.html", {**context, "oob": True})
    else:
        response = render(request, "people/person_list.html", context)
    # The same URL answers with a fragment or a page: caches must keep both.
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_POST
def load_demo(request: NetworkRequest) -> HttpResponseRedirect:
    try:
        summary = generate_demo(request.network, people=DEMO_PEOPLE, seed=1)
    except Conflict:
        # A second click, or a second tab: the first one already filled it.
        messages.info(request, "Your network already has people, so no demo was added.")
    except NetlifeError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            f"Loaded a demo network of {summary.people:,} invented people and "
            f"{summary.interactions:,} conversations. Look around, then bring in "
            "your own contacts when you are ready.",
        )
    return redirect("people:person_list")


def _birthday(iso: str | None) -> str:
    # "1969-07-15", or "--07-15" when the year is unknown (vCard style).
    if not iso:
        return ""
    year, month, day = iso.rsplit("-", 2)
    try:
        on = date(int(year) if year.strip("-") else 2000, int(month), int(day))
    except ValueError:
        return iso
    return f"{on.day} {on:%b} {on.year}" if year.strip("-") else f"{on.day} {on:%b}"


@require_GET
def person_detail(request: NetworkRequest, person_id: int) -> HttpResponse:
    if person_id > _MAX_DB_ID:
        raise Http404
    try:
        person = queries.get_person(request.network, person_id)
    except NotFound:
        raise Http404 from None
    details = queries.person_details(request.network, person)
    reach = paths.how_to_reach(request.network, person)
    # Addresses come from imports and typing: only web links become links,
    # never javascript: or data: URLs.
    urls: list[str] = details["urls"]
    links = [url for url in urls if url.lower().startswith(_SAFE_URL_SCHEMES)]
    other_urls = [url for url in urls if url not in links]
    today = clock.today()
    context = {
        "nav": "people",
        "person": details,
        "reach": reach,
        "links": links,
        "birthday": _birthday(details["birthday"]),
        "other_urls": other_urls,
        "today": today,
        "soon": today + timedelta(days=7),
        "back_url": reverse("people:person_list"),
    }
    return render(request, "people/person_detail.html", context)
