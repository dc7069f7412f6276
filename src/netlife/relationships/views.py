"""The Today page: who to reach and why, with "log it" and snooze on each row.

Everything shown comes from the queries `netlife agenda`, `dormant`,
`balance` and `goal show` use, each a fixed number of queries. An htmx
request gets only the page's content (`_today.html`): the "log it", snooze
and "told them" forms swap it in after their redirect back here.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET, require_POST

from netlife.core import clock
from netlife.core.dates import parse_date
from netlife.core.errors import InvalidInput, NetlifeError
from netlife.core.http import NetworkRequest, wants_fragment
from netlife.engines.agenda import Item, Kind, Reason
from netlife.goals.queries import current_goal
from netlife.interactions.views import htmx_target, person_or_404, safe_next
from netlife.people.models import Person
from netlife.people.views import DEMO_PEOPLE
from netlife.relationships import queries, services

AGENDA_SHOWN = 10
AGENDA_MAX = 100
DORMANT_SHOWN = 5
GOAL_SHOWN = 5
QUICK_SNOOZES = {"7": "a week", "30": "a month"}
# The intent a row's "log it" starts with, from its first reason: a thank-you
# owed is paid with thanks, a planned ask is warmed up with a give.
_SUGGESTED_INTENT = {
    Kind.WARM_UP: "give",
    Kind.THANKS_OWED: "thanks",
    Kind.CLOSE_THE_LOOP: "thanks",
}


@dataclass(frozen=True, slots=True)
class AgendaRow:
    """One agenda item as the page shows it (`id` and `name` for the forms)."""

    id: int
    name: str
    organization: str | None
    score: float
    strength: float
    due: date | None
    days_overdue: int
    cadence: int | None
    last_contact: date | None
    reasons: tuple[Reason, ...]
    intent: str


def _row(item: Item) -> AgendaRow:
    f = item.facts
    return AgendaRow(
        id=f.person_id,
        name=f.name,
        organization=f.organization,
        score=item.score,
        strength=f.strength,
        due=f.due,
        days_overdue=item.days_overdue,
        cadence=f.cadence,
        last_contact=f.last_contact,
        reasons=item.reasons,
        intent=_SUGGESTED_INTENT.get(item.reasons[0].kind, "catch-up")
        if item.reasons
        else "catch-up",
    )


def _limit(raw: str | None) -> int:
    if raw and raw.isdigit():
        return max(1, min(int(raw), AGENDA_MAX))
    return AGENDA_SHOWN


@require_GET
def today(request: NetworkRequest) -> HttpResponse:
    network = request.network
    on = clock.today()
    limit = _limit(request.GET.get("limit"))
    context: dict[str, Any] = {
        "nav": "today",
        "today": on,
        "tomorrow": on + timedelta(days=1),
        "fragment": wants_fragment(request),
        "demo_people": DEMO_PEOPLE,
        "here": request.get_full_path(),
    }
    if not queries.has_people(network):
        context["empty"] = True
    else:
        agenda = queries.agenda(network, limit=limit, today=on)
        rows = [_row(item) for item in agenda.items]
        context.update(
            {
                "goal": agenda.goal,
                "rows": rows,
                "more_url": f"{reverse('relationships:today')}?limit="
                f"{min(limit + AGENDA_SHOWN, AGENDA_MAX)}"
                if len(rows) == limit and limit < AGENDA_MAX
                else None,
            }
        )
    template = (
        "relationships/_today.html"
        if context["fragment"]
        else "relationships/today.html"
    )
    response = render(request, template, context)
    # The same URL answers with a fragment or a page: caches must keep both.
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_GET
def today_side(request: NetworkRequest) -> HttpResponse:
    # Today's side cards, loaded after the agenda so that neither request
    # pays for every scan of the network: the page itself shows the agenda.
    network = request.network
    goal = current_goal(network)
    fragment = wants_fragment(request)
    context: dict[str, Any] = {
        "nav": "today",
        "fragment": fragment,
        "goal": goal,
        "balance": queries.recent_balance(network),
        "dormant": queries.dormant(network, limit=DORMANT_SHOWN),
        "hear_next": queries.who_should_hear_next(network, limit=GOAL_SHOWN)
        if goal is not None
        else [],
        # Inside Today, "told them" refreshes Today; on its own, this page.
        "here": reverse("relationships:today") if fragment else request.get_full_path(),
        "target": "#today" if fragment else "#main",
    }
    template = (
        "relationships/_today_side.html"
        if fragment
        else "relationships/today_side.html"
    )
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


class SnoozeForm(forms.Form):
    until = forms.CharField(max_length=32, required=False)
    days = forms.CharField(max_length=8, required=False)
    off = forms.CharField(max_length=8, required=False)

    def clean(self) -> dict[str, Any] | None:
        data = super().clean()
        if data is None:
            return None
        if data.get("off"):
            data["snooze_until"] = None
        elif data.get("days") in QUICK_SNOOZES:
            data["snooze_until"] = clock.today() + timedelta(days=int(data["days"]))
        elif not (data.get("until") or "").strip():
            self.add_error("until", "Pick the day they come back on the agenda.")
        else:
            try:
                data["snooze_until"] = parse_date(data["until"], what="date")
            except InvalidInput as exc:
                self.add_error("until", str(exc))
        return data


def _snooze_form_response(
    request: NetworkRequest, person: Person, form: SnoozeForm, next_url: str
) -> HttpResponse:
    context = {
        "person": person,
        "form": form,
        "next": next_url,
        "target": htmx_target(request),
        "tomorrow": clock.today() + timedelta(days=1),
    }
    if request.htmx:
        response = render(request, "relationships/_snooze_form.html", context)
        form_id = f"#snooze-{person.pk}"
        response["HX-Retarget"] = form_id
        response["HX-Reswap"] = "outerHTML"
        response["HX-Reselect"] = form_id
        return response
    return render(request, "relationships/snooze_page.html", context, status=400)


@require_POST
def snooze(request: NetworkRequest, person_id: int) -> HttpResponse:
    person = person_or_404(request.network, str(person_id))
    next_url = safe_next(request, reverse("relationships:today"))
    form = SnoozeForm(request.POST)
    if not form.is_valid():
        return _snooze_form_response(request, person, form, next_url)
    until: date | None = form.cleaned_data["snooze_until"]
    try:
        services.snooze(request.network, person, until)
    except NetlifeError as exc:
        form.add_error(None if until is None else "until", str(exc))
        return _snooze_form_response(request, person, form, next_url)
    if until is None:
        messages.success(request, f"{person.full_name} is back on the agenda.")
    else:
        messages.success(
            request,
            f"{person.full_name} is off the agenda until {until.day} {until:%b %Y}.",
        )
    return HttpResponseRedirect(next_url)
