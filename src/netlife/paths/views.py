"""Web pages for paths: the path search and the "how to reach" fragment."""

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from netlife.core.errors import Ambiguous, NetlifeError, NotFound
from netlife.core.http import MAX_DB_ID, NetworkRequest
from netlife.engines.paths import MAX_HOPS
from netlife.paths import index, queries
from netlife.people.models import Person
from netlife.people.queries import resolve_person
from netlife.people.views import person_or_404

MAX_LIMIT = 50
# Ambiguous lists its candidates as "Ann Lee (id 12, Initech)".
_CANDIDATE_ID = re.compile(r"\(id (\d+)")


class PathSearchForm(forms.Form):
    to = forms.CharField(required=False, max_length=200)
    org = forms.CharField(required=False, max_length=200)
    max_hops = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_HOPS,
        error_messages={
            "invalid": f"Hops must be a whole number from 1 to {MAX_HOPS}.",
            "min_value": f"Hops must be a whole number from 1 to {MAX_HOPS}.",
            "max_value": f"Hops must be a whole number from 1 to {MAX_HOPS}.",
        },
    )
    limit = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_LIMIT,
        error_messages={
            "invalid": f"Show between 1 and {MAX_LIMIT} paths.",
            "min_value": f"Show between 1 and {MAX_LIMIT} paths.",
            "max_value": f"Show between 1 and {MAX_LIMIT} paths.",
        },
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        to, org = data.get("to"), data.get("org")
        if to and org:
            self.add_error("org", "Look for a person or an organization, not both.")
        elif not to and not org and "to" not in self.errors:
            self.add_error("to", "Name a person or an organization to find paths to.")
        if data.get("max_hops") is None:
            data["max_hops"] = queries.DEFAULT_HOPS
        if data.get("limit") is None:
            data["limit"] = queries.DEFAULT_LIMIT
        return data


@dataclass(frozen=True, slots=True)
class Candidate:
    id: int | None
    label: str


def _candidates(error: Ambiguous) -> list[Candidate]:
    found = []
    for label in error.candidates[:10]:
        match = _CANDIDATE_ID.search(label)
        found.append(Candidate(int(match.group(1)) if match else None, label))
    return found


def _ambiguity(error: Ambiguous) -> str:
    """The error's sentence without its candidates, which become links."""
    return str(error).split(" Candidates:", 1)[0]


def _resolve(request: NetworkRequest, ref: str) -> Person:
    text = ref.strip()
    if text.isdigit() and int(text) > MAX_DB_ID:
        raise NotFound(f"No person with id {text} in this network.")
    return resolve_person(request.network, text)


def _search_url(**params: object) -> str:
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return f"{reverse('paths:path_search')}?{query}"


def _search(request: NetworkRequest, form: PathSearchForm) -> dict[str, Any]:
    """Run a valid search; errors go beside their field on the form."""
    data = form.cleaned_data
    hops, limit = data["max_hops"], data["limit"]
    found: dict[str, Any] = {
        "max_hops": hops,
        "stale": not index.is_current(request.network),
    }
    if data["to"]:
        try:
            target = _resolve(request, data["to"])
            searched = queries.search_person(
                request.network, target, max_hops=hops, limit=limit
            )
        except Ambiguous as exc:
            form.add_error("to", _ambiguity(exc))
            found["candidates"] = [
                (c, _search_url(to=c.id, max_hops=hops, limit=limit) if c.id else None)
                for c in _candidates(exc)
            ]
            found["more_candidates"] = len(exc.candidates) > 10
            return found
        except NetlifeError as exc:
            form.add_error("to", str(exc))
            return found
        found.update(target=target, paths=searched.paths, intro=searched.intro)
    else:
        try:
            organization, paths = queries.paths_to_organization(
                request.network, data["org"], max_hops=hops, limit=limit
            )
        except NotFound:
            form.add_error(
                "org",
                f"No organization called {data['org']!r} in your network: "
                "the People page shows who works where.",
            )
            return found
        except NetlifeError as exc:
            form.add_error("org", str(exc))
            return found
        found.update(organization=organization, paths=paths)
    if hops < MAX_HOPS:
        found["wider_url"] = _search_url(
            to=data["to"], org=data["org"], max_hops=hops + 1, limit=limit
        )
    found["searched"] = True
    return found


@require_GET
def path_search(request: NetworkRequest) -> HttpResponse:
    asked = any(request.GET.get(key) for key in ("to", "org", "max_hops", "limit"))
    form = PathSearchForm(request.GET if asked else None)
    context: dict[str, Any] = {"nav": "paths", "form": form, "hop_limit": MAX_HOPS}
    valid = asked and form.is_valid()
    if valid:
        # A name that matches no one is an answer, not a bad request.
        context.update(_search(request, form))
    else:
        context["stale"] = not index.is_current(request.network)
    status = 400 if asked and not valid else 200
    return render(request, "paths/path_search.html", context, status=status)


@require_GET
def reach(request: NetworkRequest, person_id: int) -> HttpResponse:
    person = person_or_404(request.network, person_id)
    context = {
        "person": person,
        "reach": queries.how_to_reach(request.network, person),
        "search_url": _search_url(to=person.pk),
        "hops": queries.DEFAULT_HOPS,
    }
    return render(request, "paths/_reach.html", context)
