"""The "log it" form: record an interaction from any page, warned of cold asks.

`log` is the POST endpoint behind `interactions/_log_form.html`, which the
Today and Person pages include. An ask or advice request to a cold tie is
not logged at once: the form comes back with the warning and a suggested
warm-up, and the user confirms (or picks another intent). `check` shows the
same warning as soon as the intent is picked, when JavaScript is on.
"""

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from netlife.core import clock
from netlife.core.dates import parse_date
from netlife.core.errors import InvalidInput, NetlifeError
from netlife.core.http import NetworkRequest
from netlife.interactions import services
from netlife.networks.models import Network
from netlife.people import views as people_views
from netlife.people.models import Person

CONFIRM_COLD_ASK = "cold-ask"
# "Logged a catch-up", "Logged an ask for advice"...
_LOGGED = {
    "catch-up": "a catch-up",
    "give": "a give",
    "thanks": "a thank-you",
    "advice": "an ask for advice",
    "ask": "an ask for a favour",
    "received": "help they gave you",
}
# Fields under "More details": an error in one opens that section.
_DETAIL_FIELDS = ("channel", "on", "follow_up_on", "follow_up_intent", "shared_goal")
# The element an htmx form swaps on success: an id, nothing else.
_TARGET = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}")


def _from_service(check: Callable[[str], str], value: str) -> str:
    try:
        return check(value)
    except InvalidInput as exc:
        raise forms.ValidationError(str(exc)) from None


def _date(value: str, what: str) -> date | None:
    if not value.strip():
        return None
    try:
        return parse_date(value, what=what)
    except InvalidInput as exc:
        raise forms.ValidationError(str(exc)) from None


class LogForm(forms.Form):
    intent = forms.CharField(
        max_length=20,
        error_messages={"required": "Pick what it was: a catch-up, a give, an ask…"},
    )
    channel = forms.CharField(max_length=20, required=False)
    summary = forms.CharField(max_length=2000, required=False, strip=True)
    on = forms.CharField(max_length=32, required=False)
    follow_up_on = forms.CharField(max_length=32, required=False)
    follow_up_intent = forms.CharField(max_length=20, required=False)
    they_initiated = forms.BooleanField(required=False)
    shared_goal = forms.BooleanField(required=False)

    def clean_intent(self) -> str:
        return _from_service(services.validate_intent, self.cleaned_data["intent"])

    def clean_channel(self) -> str:
        value: str = self.cleaned_data["channel"] or "message"
        return _from_service(services.validate_channel, value)

    def clean_on(self) -> date | None:
        on = _date(self.cleaned_data["on"], "date")
        if on is not None and on > clock.today():
            raise forms.ValidationError(
                "That day is in the future: log what happened, and set a "
                "follow-up for what you plan."
            )
        return on

    def clean_follow_up_on(self) -> date | None:
        return _date(self.cleaned_data["follow_up_on"], "follow-up date")

    def clean_follow_up_intent(self) -> str:
        value: str = self.cleaned_data["follow_up_intent"]
        return _from_service(services.validate_intent, value) if value else ""

    def clean(self) -> dict[str, Any] | None:
        data = super().clean()
        if data is None:
            return None
        follow_up_on = data.get("follow_up_on")
        if data.get("follow_up_intent") and follow_up_on is None:
            self.add_error("follow_up_on", "Say when the follow-up is.")
        happened = data.get("on") or clock.today()
        if follow_up_on is not None and follow_up_on < happened:
            self.add_error(
                "follow_up_on", "The follow-up date is before the interaction itself."
            )
        return data


def person_or_404(network: Network, raw: str | None) -> Person:
    """The network's person with this id (as typed in a form), or a 404."""
    if raw is None or not raw.strip().isdigit():
        raise Http404
    return people_views.person_or_404(network, int(raw))


def safe_next(request: HttpRequest, default: str) -> str:
    """The `next` the form carried when it stays on this site, else `default`."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


def htmx_target(request: HttpRequest) -> str:
    """The element the htmx form named as its target, as a CSS id selector."""
    htmx = getattr(request, "htmx", None)
    target = htmx.target if htmx else None
    return f"#{target}" if target and _TARGET.fullmatch(target) else "#main"


def _form_response(
    request: NetworkRequest,
    person: Person,
    form: LogForm,
    next_url: str,
    *,
    warnings: list[services.InteractionWarning] | None = None,
    status: int,
) -> HttpResponse:
    context = {
        "person": person,
        "form": form,
        "warnings": warnings or [],
        "next": next_url,
        "target": htmx_target(request),
        "open_details": any(name in form.errors for name in _DETAIL_FIELDS),
    }
    if request.htmx:
        # The form comes back in place of itself, whatever the form's
        # success target is (htmx swaps 200 responses only).
        response = render(request, "interactions/_log_form.html", context)
        form_id = f"#log-{person.pk}"
        response["HX-Retarget"] = form_id
        response["HX-Reswap"] = "outerHTML"
        response["HX-Reselect"] = form_id
        return response
    return render(request, "interactions/log_page.html", context, status=status)


@require_POST
def log(request: NetworkRequest) -> HttpResponse:
    person = person_or_404(request.network, request.POST.get("person"))
    next_url = safe_next(
        request, reverse("people:person_detail", kwargs={"person_id": person.pk})
    )
    form = LogForm(request.POST)
    if not form.is_valid():
        return _form_response(request, person, form, next_url, status=400)
    data = form.cleaned_data
    try:
        if request.POST.get("confirm") != CONFIRM_COLD_ASK:
            warnings = services.cold_ask_warnings(
                request.network, [person], data["intent"], on=data["on"]
            )
            if warnings:
                # Nothing is written until the user has seen the warning.
                return _form_response(
                    request, person, form, next_url, warnings=warnings, status=200
                )
        logged = services.log_interaction(
            request.network,
            people=[person],
            intent=data["intent"],
            channel=data["channel"],
            summary=data["summary"],
            on=data["on"],
            they_initiated=data["they_initiated"],
            shared_goal=data["shared_goal"],
            follow_up_on=data["follow_up_on"],
            follow_up_intent=data["follow_up_intent"],
        )
    except NetlifeError as exc:
        form.add_error(None, str(exc))
        return _form_response(request, person, form, next_url, status=400)
    interaction = logged.interaction
    when = (
        "today"
        if interaction.occurred_on == clock.today()
        else f"on {interaction.occurred_on.day} {interaction.occurred_on:%b %Y}"
    )
    messages.success(
        request,
        f"Logged {_LOGGED.get(interaction.intent, interaction.intent)} "
        f"by {interaction.channel} with "
        f"{person.full_name} {when}.",
    )
    for warning in logged.warnings:
        if warning.kind == "cold-ask":
            continue  # the user saw it and confirmed
        if warning.kind == "no-goal":
            # The service's words point at the command line.
            messages.warning(
                request,
                "You told them your goal, but none is set: set it in Settings "
                "so that netlife knows who has heard it.",
            )
            continue
        messages.warning(request, warning.text)
    return HttpResponseRedirect(next_url)


@require_GET
def check(request: NetworkRequest) -> HttpResponse:
    person = person_or_404(request.network, request.GET.get("person"))
    warnings: list[services.InteractionWarning] = []
    intent = request.GET.get("intent", "")[:20]
    try:
        on = _date(request.GET.get("on", "")[:32], "date")
        warnings = services.cold_ask_warnings(request.network, [person], intent, on=on)
    except (NetlifeError, forms.ValidationError):
        # The form itself explains a bad intent or day when it is sent.
        pass
    return render(
        request,
        "interactions/_cold_ask.html",
        {"person": person, "warnings": warnings},
    )
