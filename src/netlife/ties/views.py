"""The Person page's "Knows" and "Introductions" forms: `netlife knows` and
`netlife intro` in the browser.

Each form posts here. Without JavaScript a saved form redirects to the
person page with a message, and a refused one comes back on a page of its
own with the error beside the field. With htmx the card answers in place:
the list as it now stands, the form, and what was saved or refused. People
are named as on the command line (an id, an email or part of a name,
`resolve_person`); the far end of a tie, and the person introduced, may be
a new name, which adds a prospect, as `knows` and `intro` do.
"""

from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_http_methods

from netlife.core import clock
from netlife.core.dates import parse_date
from netlife.core.errors import InvalidInput, NetlifeError
from netlife.core.http import NetworkRequest, wants_fragment
from netlife.networks.models import Network
from netlife.people import queries
from netlife.people.models import Person
from netlife.people.services import resolve_or_add_prospect
from netlife.people.views import person_or_404
from netlife.ties import services

TIES_SHOWN = 50  # as many as the person page lists
REF_MAX = 300  # a person's full name is 300 characters at most
BY, MADE = "by", "made"  # who introduced whom, seen from the person's page


class KnowsForm(forms.Form):
    other = forms.CharField(
        max_length=REF_MAX,
        error_messages={
            "required": "Name the person they know: a name, an email or an id."
        },
    )
    strength = forms.CharField(max_length=16, required=False)
    how = forms.CharField(max_length=300, required=False)

    def clean_strength(self) -> str:
        try:
            return services.validate_strength(self.cleaned_data["strength"] or "medium")
        except InvalidInput as exc:
            raise forms.ValidationError(str(exc)) from None


class IntroForm(forms.Form):
    direction = forms.ChoiceField(
        choices=[(BY, BY), (MADE, MADE)],
        error_messages={
            "required": "Say who introduced whom.",
            "invalid_choice": "Say who introduced whom.",
        },
    )
    other = forms.CharField(
        max_length=REF_MAX,
        error_messages={
            "required": "Name the other person: a name, an email or an id."
        },
    )
    to = forms.CharField(max_length=REF_MAX, required=False)
    on = forms.CharField(max_length=32, required=False)
    outcome = forms.CharField(max_length=2000, required=False)

    def clean_on(self) -> date | None:
        text: str = self.cleaned_data["on"]
        if not text:
            return None
        try:
            on = parse_date(text, what="introduction date")
        except InvalidInput as exc:
            raise forms.ValidationError(str(exc)) from None
        if on > clock.today():
            raise forms.ValidationError(f"{on.isoformat()} is in the future.")
        return on


def _first_error(form: forms.Form) -> str | None:
    return next((name for name in form.fields if name in form.errors), None)


def _cards(network: Network, person: Person) -> dict[str, Any]:
    """What the Knows and Introductions cards show, as the person page has it."""
    details = queries.person_details(network, person, recent=0)
    ties: list[dict[str, Any]] = details["ties"]
    return {
        "person": details,
        "ties": ties[:TIES_SHOWN],
        "more_ties": max(0, len(ties) - TIES_SHOWN),
        "introductions": queries.person_introductions(network, person),
    }


def _answer(
    request: NetworkRequest,
    person: Person,
    *,
    card: str,
    page: str,
    context: dict[str, Any],
    saved: list[str],
    form: forms.Form | None,
) -> HttpResponse:
    """The card in place (htmx), or the form's own page (no JavaScript)."""
    if wants_fragment(request):
        context |= _cards(request.network, person)
        context["status"] = saved
        context["focus"] = _first_error(form) if form is not None else None
        # htmx swaps 200 answers only: a refused form comes back as one too.
        response = render(request, card, context)
        # The same URL answers with a card or a page: caches must keep both.
        patch_vary_headers(response, ["HX-Request"])
        return response
    context |= {
        "nav": "people",
        "person": {"id": person.pk, "name": person.full_name},
        "standalone": True,
        "focus": _first_error(form) if form is not None else None,
    }
    status = 400 if form is not None and form.errors else 200
    return render(request, page, context, status=status)


@require_http_methods(["GET", "POST"])
def knows(request: NetworkRequest, person_id: int) -> HttpResponse:
    network = request.network
    person = person_or_404(network, person_id)
    form = KnowsForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            # A prospect added for a tie that is then refused goes too.
            with transaction.atomic():
                other, added = resolve_or_add_prospect(network, data["other"])
                recorded = services.record_tie(
                    network, person, other, strength=data["strength"], how=data["how"]
                )
        except NetlifeError as exc:
            form.add_error("other", str(exc))
        else:
            tie = recorded.tie
            verb = "now knows" if recorded.created else "knows (updated)"
            saved = [f"{person.full_name} {verb} {other.full_name} ({tie.strength})."]
            if added:
                saved.append(
                    f"Added {other.full_name} as a prospect you can reach through them."
                )
            if not wants_fragment(request):
                for text in saved:
                    messages.success(request, text)
                return redirect("people:person_detail", person_id=person.pk)
            return _answer(
                request, person, card="ties/_knows.html", page="ties/knows_page.html",
                context={}, saved=saved, form=None,
            )  # fmt: skip
    return _answer(
        request, person, card="ties/_knows.html", page="ties/knows_page.html",
        context={"knows_form": form}, saved=[],
        form=form if form.is_bound else None,
    )  # fmt: skip


def _resolve(form: IntroForm, field: str, network: Network, ref: str) -> Person | None:
    try:
        return queries.resolve_person(network, ref)
    except NetlifeError as exc:
        form.add_error(field, str(exc))
        return None


def _record_introduction(
    network: Network, person: Person, form: IntroForm
) -> tuple[str, str | None] | None:
    """Record what the form says, as `netlife intro` would; the sentences
    to show (what was recorded, a prospect added), or None with the errors
    put on the form and nothing written."""
    data = form.cleaned_data
    to = _resolve(form, "to", network, data["to"]) if data["to"] else None
    introducer = (
        _resolve(form, "other", network, data["other"])
        if data["direction"] == BY
        else person
    )
    if form.errors or introducer is None:
        return None
    field = "other"
    try:
        # A prospect added for an introduction that is then refused goes too.
        with transaction.atomic():
            if data["direction"] == BY:
                introduced, added = person, False
            else:
                introduced, added = resolve_or_add_prospect(network, data["other"])
            if to is not None and to.pk in (introducer.pk, introduced.pk):
                field = "to"
            introduction = services.record_introduction(
                network, introducer, introduced,
                to=to, on=data["on"], outcome=data["outcome"],
            )  # fmt: skip
    except NetlifeError as exc:
        form.add_error(field, str(exc))
        return None
    on = introduction.introduced_on
    target = to.full_name if to is not None else "you"
    recorded = (
        f"{introducer.full_name} introduced {introduced.full_name} to {target} "
        f"on {on.day} {on:%b %Y}."
    )
    note = (
        f"Added {introduced.full_name} as a prospect you can reach through "
        f"{introducer.full_name}."
        if added
        else None
    )
    return recorded, note


@require_http_methods(["GET", "POST"])
def intro(request: NetworkRequest, person_id: int) -> HttpResponse:
    network = request.network
    person = person_or_404(network, person_id)
    form = IntroForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        result = _record_introduction(network, person, form)
        if result is not None:
            saved = [text for text in result if text]
            if not wants_fragment(request):
                for text in saved:
                    messages.success(request, text)
                return redirect("people:person_detail", person_id=person.pk)
            # The introduction tied its people: the Knows card changes too.
            return _answer(
                request, person, card="ties/_introductions.html",
                page="ties/intro_page.html", context={"knows_oob": True},
                saved=saved, form=None,
            )  # fmt: skip
    return _answer(
        request, person, card="ties/_introductions.html",
        page="ties/intro_page.html", context={"intro_form": form}, saved=[],
        form=form if form.is_bound else None,
    )  # fmt: skip
