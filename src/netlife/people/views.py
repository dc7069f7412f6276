"""Web pages about people: the list (search, filters, bulk changes), adding a
person, and the person page (history, ledger, ties, leads) with edit,
archive and delete."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from netlife.core import clock
from netlife.core.errors import Conflict, NetlifeError, NotFound
from netlife.core.http import MAX_DB_ID, NetworkRequest, wants_fragment
from netlife.demo.services import generate_demo
from netlife.engines import cadence
from netlife.engines.contact_values import clean_text
from netlife.networks.models import Network
from netlife.people import queries, services
from netlife.people.forms import (
    TAG_MAX,
    TIER_CHOICES,
    TIER_LABELS,
    AddPersonForm,
    EditPersonForm,
)
from netlife.people.models import Person
from netlife.relationships.queries import person_ledger

PAGE_SIZE = 50
SEARCH_CAP = 1000  # matches of a text search read at most; 20 pages
TIMELINE_SIZE = 20
DEMO_PEOPLE = 300
BULK_MAX = 1000  # far more than a page of rows; a guard, not a feature
_SAFE_URL_SCHEMES = ("http://", "https://")


def _fragment_or_page(
    request: HttpRequest, fragment: str, page: str, context: dict[str, Any]
) -> HttpResponse:
    if wants_fragment(request):
        response = render(request, fragment, context)
    else:
        response = render(request, page, context)
    # The same URL answers with a fragment or a page: caches must keep both.
    patch_vary_headers(response, ["HX-Request"])
    return response


def _list_url(**params: str | None) -> str:
    query = urlencode({key: value for key, value in params.items() if value})
    url = reverse("people:person_list")
    return f"{url}?{query}" if query else url


def person_or_404(network: Network, person_id: int) -> Person:
    """The network's person with this id (from a URL), or a 404."""
    if person_id > MAX_DB_ID:
        raise Http404
    try:
        return queries.get_person(network, person_id)
    except NotFound:
        raise Http404 from None


# --- The list ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ListFilters:
    query: str
    tag: str | None
    organization: str | None
    tier: str | None
    due: str | None

    @classmethod
    def from_request(cls, request: HttpRequest) -> "ListFilters":
        tier = request.GET.get("tier", "").strip().lower()
        due = request.GET.get("due", "").strip().lower()
        return cls(
            query=request.GET.get("q", "").strip()[:200],
            tag=clean_text(request.GET.get("tag", ""))[:TAG_MAX].casefold() or None,
            organization=request.GET.get("org", "").strip()[:200] or None,
            # An unknown tier or due state in a hand-typed URL filters nothing.
            tier=tier if tier in cadence.TIERS else None,
            due=due if due in queries.DUE_STATES else None,
        )

    @property
    def active(self) -> bool:
        return bool(
            self.query or self.tag or self.organization or self.tier or self.due
        )

    def url(self, **changes: str | None) -> str:
        params: dict[str, str | None] = {
            "q": self.query,
            "tag": self.tag,
            "org": self.organization,
            "tier": self.tier,
            "due": self.due,
        }
        params.update(changes)
        return _list_url(**params)


class _CountedPaginator(Paginator):  # type: ignore[type-arg]  # generic in the stubs only
    """A paginator told the count, for when counting the list is slow."""

    def __init__(self, object_list: Any, per_page: int, *, count: int) -> None:
        super().__init__(object_list, per_page)
        self._count = count

    @cached_property
    def count(self) -> int:
        return self._count


def _people_page(
    network: Network, f: ListFilters, number: str | None, *, today: date
) -> tuple[Page[Any], list[Person], bool]:
    """A page of the list, its people, and whether a search was cut short."""
    paginator: Paginator[Any]
    if f.query:
        ids, capped = queries.matching_ids(
            network,
            f.query,
            cap=SEARCH_CAP,
            tag=f.tag,
            organization=f.organization,
            tier=f.tier,
            due=f.due,
            today=today,
        )
        page = Paginator(ids, PAGE_SIZE).get_page(number)
        return page, queries.people_by_ids(network, list(page.object_list)), capped
    people = queries.list_people(
        network,
        tag=f.tag,
        organization=f.organization,
        tier=f.tier,
        due=f.due,
        today=today,
    )
    if (f.tier or f.due) and not (f.tag or f.organization):
        # Counting through the Relationship join reads every person row.
        count = queries.count_by_keeping_in_touch(
            network, tier=f.tier, due=f.due, today=today
        )
        paginator = _CountedPaginator(people, PAGE_SIZE, count=count)
    else:
        paginator = Paginator(people, PAGE_SIZE)
    page = paginator.get_page(number)
    return page, list(page.object_list), False


@require_GET
def person_list(request: NetworkRequest) -> HttpResponse:
    network = request.network
    f = ListFilters.from_request(request)
    today = clock.today()
    page, rows, capped = _people_page(network, f, request.GET.get("page"), today=today)
    summaries = queries.person_summaries(network, rows)

    def page_url(number: int) -> str | None:
        if not 1 <= number <= page.paginator.num_pages:
            return None
        return f.url(page=str(number))

    tags = queries.network_tags(network)
    if f.tag and f.tag not in tags:
        tags = [f.tag, *tags]
    total = page.paginator.count + (1 if capped else 0)
    context: dict[str, Any] = {
        "nav": "people",
        "query": f.query,
        "tag": f.tag,
        "organization": f.organization,
        "tier": f.tier,
        "due": f.due,
        "filtered": f.active,
        "empty_network": not f.active and total == 0,
        "page": page,
        "people": summaries,
        "total": total,
        "total_display": f"More than {SEARCH_CAP:,}" if capped else f"{total:,}",
        "capped": capped,
        "search_cap": f"{SEARCH_CAP:,}",
        "today": today,
        "soon": today + timedelta(days=queries.DUE_SOON_DAYS),
        "previous_url": page_url(page.number - 1),
        "next_url": page_url(page.number + 1),
        "list_url": f.url(page=str(page.number) if page.number > 1 else None),
        "tags": tags,
        "tiers": TIER_LABELS.items(),
        "bulk_tiers": TIER_CHOICES,
        "due_states": queries.DUE_STATES.items(),
        "demo_people": DEMO_PEOPLE,
        # Built once: reversing URLs for each of 50 rows costs milliseconds.
        "people_url": reverse("people:person_list"),
    }
    context["oob"] = wants_fragment(request)
    response = _fragment_or_page(
        request, "people/_person_rows.html", "people/person_list.html", context
    )
    if context["oob"]:
        # The address bar shows the list's own URL, without the empty fields
        # the search form sends.
        response["HX-Push-Url"] = context["list_url"]
    return response


def _safe_list_url(request: HttpRequest, url: str | None) -> str:
    fallback = reverse("people:person_list")
    if (
        url
        and url.startswith(fallback)
        and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()})
    ):
        return url
    return fallback


def _posted_ids(values: Iterable[str]) -> list[int] | None:
    ids = []
    for value in values:
        if not (value.isascii() and value.isdigit()) or int(value) > MAX_DB_ID:
            return None
        ids.append(int(value))
    return ids


def _people_count(n: int) -> str:
    return f"{n:,} {'person' if n == 1 else 'people'}"


@require_POST
def person_bulk(request: NetworkRequest) -> HttpResponseRedirect:
    back = _safe_list_url(request, request.POST.get("next"))
    chosen = request.POST.getlist("person")
    if request.POST.get("all_on_page"):
        chosen += request.POST.getlist("page_person")
    ids = _posted_ids(chosen)
    if ids is None:
        messages.error(request, "That selection could not be read; nothing changed.")
        return redirect(back)
    wanted = set(ids)
    if not wanted:
        messages.error(request, "Select at least one person first; nothing changed.")
        return redirect(back)
    if len(wanted) > BULK_MAX:
        messages.error(request, f"Select at most {BULK_MAX:,} people at a time.")
        return redirect(back)
    people = list(Person.objects.filter(network=request.network, pk__in=wanted))
    if len(people) != len(wanted):
        # Another network's ids, or people removed in another tab: refuse
        # the lot rather than change part of a selection.
        messages.error(
            request,
            "Some of the selected people are not in your network any more; "
            "nothing changed.",
        )
        return redirect(back)
    action = request.POST.get("action")
    try:
        if action == "tag":
            tag = clean_text(request.POST.get("tag", "")).casefold()
            added = services.tag_people(request.network, people, tag)
            already = len(people) - added
            note = f" ({already:,} already had it)" if already else ""
            messages.success(
                request, f"Tagged {_people_count(len(people))} “{tag}”{note}."
            )
        elif action == "tier":
            tier = request.POST.get("tier", "").strip().lower()
            services.set_tier(request.network, people, tier)
            verb = "is" if len(people) == 1 else "are"
            where = (
                f"{'now gets' if len(people) == 1 else 'now get'} their tier "
                "from tie strength"
                if tier == cadence.AUTO_TIER
                else f"{verb} now on the {tier} tier"
            )
            messages.success(request, f"{_people_count(len(people))} {where}.")
        else:
            messages.error(request, "Choose what to do with the selected people.")
    except NetlifeError as exc:
        messages.error(request, f"{exc} Nothing changed.")
    return redirect(back)


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
    return redirect("relationships:today")


@require_http_methods(["GET", "POST"])
def person_add(request: NetworkRequest) -> HttpResponse:
    form = AddPersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person = services.add_person(
                request.network,
                name=data["name"],
                emails=[data["email"]] if data["email"] else [],
                organization=data["organization"] or None,
                title=data["title"],
                tags=data["tags"],
                tier=data["tier"],
                how_met=data["how_met"],
                prospect=data["prospect"],
            )
        except NetlifeError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Added {person.full_name}.")
            return redirect("people:person_detail", person_id=person.pk)
    form.focus_first_error()
    status = 400 if request.method == "POST" else 200
    context = {"nav": "people", "form": form}
    return render(request, "people/person_add.html", context, status=status)


# --- The person page ----------------------------------------------------------


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


_STRENGTH_PARTS = (
    ("recency", "Recency", "how lately you were in touch"),
    ("frequency", "Frequency", "how often you are in touch"),
    ("reciprocity", "Reciprocity", "how even the give and take is"),
    ("duration", "Duration", "how long you have known each other"),
    ("variety", "Variety", "how many ways you talk"),
)
_TIES_SHOWN = 50


def _timeline_context(
    person_id: int, page: int, timeline: queries.Timeline
) -> dict[str, Any]:
    url = reverse("people:person_timeline", args=[person_id])
    return {
        "timeline": timeline,
        "timeline_page": page,
        "more_url": f"{url}?page={page + 1}" if timeline.has_more else None,
        "newer_url": f"{url}?page={page - 1}" if page > 1 else None,
    }


@require_GET
def person_detail(request: NetworkRequest, person_id: int) -> HttpResponse:
    network = request.network
    person = person_or_404(network, person_id)
    # The history is read page by page below; `recent=0` skips its copy.
    details = queries.person_details(network, person, recent=0)
    # Addresses come from imports and typing: only web links become links,
    # never javascript: or data: URLs.
    urls: list[str] = details["urls"]
    links = [url for url in urls if url.lower().startswith(_SAFE_URL_SCHEMES)]
    other_urls = [url for url in urls if url not in links]
    parts = details["strength_parts"] or {}
    today = clock.today()
    ties: list[dict[str, Any]] = details["ties"]
    context = {
        "nav": "people",
        "person": details,
        "subject": person,
        "links": links,
        "other_urls": other_urls,
        "birthday": _birthday(details["birthday"]),
        "strength_parts": [
            (label, parts[key], why) for key, label, why in _STRENGTH_PARTS
        ]
        if parts
        else [],
        "ledger": person_ledger(network, person),
        "ties": ties[:_TIES_SHOWN],
        "more_ties": max(0, len(ties) - _TIES_SHOWN),
        "introductions": queries.person_introductions(network, person),
        "leads": queries.leads_credited_to(network, person),
        "duplicates": queries.merge_suggestions_for(network, person),
        "today": today,
        "soon": today + timedelta(days=queries.DUE_SOON_DAYS),
        "back_url": reverse("people:person_list"),
        **_timeline_context(
            person.pk,
            1,
            queries.person_timeline(network, person, limit=TIMELINE_SIZE),
        ),
    }
    return render(request, "people/person_detail.html", context)


@require_GET
def person_timeline(request: NetworkRequest, person_id: int) -> HttpResponse:
    network = request.network
    person = person_or_404(network, person_id)
    raw = request.GET.get("page", "1")
    digits = raw.isascii() and raw.isdigit() and len(raw) < 6
    page = int(raw) if digits and int(raw) > 0 else 1
    timeline = queries.person_timeline(
        network, person, offset=(page - 1) * TIMELINE_SIZE, limit=TIMELINE_SIZE
    )
    context = {
        "nav": "people",
        "subject": person,
        **_timeline_context(person.pk, page, timeline),
    }
    return _fragment_or_page(
        request, "people/_timeline_items.html", "people/person_timeline.html", context
    )


@require_http_methods(["GET", "POST"])
def person_edit(request: NetworkRequest, person_id: int) -> HttpResponse:
    network = request.network
    person = person_or_404(network, person_id)
    current = queries.person_summaries(network, [person])[0]
    form = EditPersonForm(request.POST or None, person=person, current=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_person(network, person, form.changes())
        except NetlifeError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Saved the changes to {person.full_name}.")
            return redirect("people:person_detail", person_id=person.pk)
        # The failed edit rolled back; show the person as stored.
        person.refresh_from_db()
    form.focus_first_error()
    status = 400 if request.method == "POST" else 200
    context = {"nav": "people", "form": form, "subject": person}
    return render(request, "people/person_edit.html", context, status=status)


@require_POST
def person_archive(request: NetworkRequest, person_id: int) -> HttpResponseRedirect:
    network = request.network
    person = person_or_404(network, person_id)
    archive = request.POST.get("archived") != "0"
    services.edit_person(network, person, services.PersonChanges(archived=archive))
    if archive:
        messages.success(
            request,
            f"Archived {person.full_name}: they leave the lists and the agenda, "
            "and their history stays. Restore them here at any time.",
        )
    else:
        messages.success(request, f"Restored {person.full_name}.")
    return redirect("people:person_detail", person_id=person.pk)


@require_http_methods(["GET", "POST"])
def person_delete(request: NetworkRequest, person_id: int) -> HttpResponse:
    network = request.network
    person = person_or_404(network, person_id)
    if request.method == "POST":
        name = person.full_name
        services.remove_person(network, person)
        messages.success(request, f"Deleted {name}.")
        return redirect("people:person_list")
    context = {
        "nav": "people",
        "subject": person,
        "interactions": queries.count_interactions_with(network, person),
    }
    return render(request, "people/person_delete.html", context)
