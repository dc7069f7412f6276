"""Web pages for outreach: draft a message and check it beside the text."""

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET, require_POST

from netlife.core.errors import Ambiguous, NetlifeError, NotFound
from netlife.core.http import MAX_DB_ID, NetworkRequest
from netlife.engines import drafts, lint
from netlife.outreach import queries
from netlife.people.models import Person
from netlife.people.queries import resolve_person
from netlife.people.views import person_or_404

MAX_CHARS = 200_000  # as `netlife lint`: a message, not a book
# A quote longer than this is cut: the panel beside the text is narrow.
_QUOTE_CHARS = 80
# Ambiguous lists its candidates as "Ann Lee (id 12, Initech)".
_CANDIDATE_ID = re.compile(r"\(id (\d+)")

_SITUATION_LABELS: dict[str, str] = {
    "reconnect": "Reconnect, asking for nothing",
    "advice": "Ask for advice",
    "update": "Share an update on your goal",
    "thanks": "Say thank you",
    "follow-up": "Tell them where their advice led",
    "congrats": "Congratulate them",
    "intro-request": "Ask for an introduction",
}
# In the engine's order; a situation added there shows under its own name.
SITUATIONS = [(s, _SITUATION_LABELS.get(s, s)) for s in drafts.SITUATIONS]

KIND_LABELS: dict[str, str] = {
    "openings-ask": "Asks for openings",
    "cold-ask": "Cold ask",
    "me-only": "All about you",
    "too-long": "Long for a first message",
    "no-request": "No request",
}


class SituationForm(forms.Form):
    situation = forms.ChoiceField(
        choices=SITUATIONS,
        error_messages={
            "required": "Choose what the message is for.",
            "invalid_choice": "Choose one of the situations listed.",
        },
    )
    to = forms.CharField(required=False, max_length=200)


class MessageForm(forms.Form):
    situation = forms.CharField(required=False, max_length=32)
    to = forms.CharField(required=False, max_length=200)
    subject = forms.CharField(required=False, max_length=500)
    body = forms.CharField(
        required=False,
        max_length=MAX_CHARS,
        strip=False,
        error_messages={
            "max_length": "That message is over 200,000 characters: "
            "check a message, not a book."
        },
    )


@dataclass(frozen=True, slots=True)
class ShownFinding:
    kind: str
    label: str
    message: str
    suggestion: str
    words: str  # the flagged words, "" when the finding is about the whole text


def _shown(text: str, findings: list[lint.Finding]) -> list[ShownFinding]:
    whole = text.strip()
    shown = []
    for finding in findings:
        words = " ".join(text[slice(*finding.span)].split())
        if words == " ".join(whole.split()):
            words = ""  # "the whole message" says it better than a quote
        elif len(words) > _QUOTE_CHARS:
            words = words[: _QUOTE_CHARS - 1].rstrip() + "…"
        shown.append(
            ShownFinding(
                finding.kind,
                KIND_LABELS.get(finding.kind, finding.kind),
                finding.message,
                finding.suggestion,
                words,
            )
        )
    return shown


def _draft_url(person: Person, **params: object) -> str:
    url = reverse("outreach:draft", args=[person.pk])
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return f"{url}?{query}" if query else url


def _write(
    request: NetworkRequest, person: Person, form: SituationForm
) -> dict[str, Any]:
    """The draft for a valid situation form; errors go beside their field."""
    situation = form.cleaned_data["situation"]
    ref = form.cleaned_data["to"].strip()
    target = None
    if situation == "intro-request":
        if not ref:
            form.add_error("to", "Name the person you would like to be introduced to.")
            return {}
        try:
            if ref.isdigit() and int(ref) > MAX_DB_ID:
                raise NotFound(f"No person with id {ref} in this network.")
            target = resolve_person(request.network, ref)
        except Ambiguous as exc:
            form.add_error("to", str(exc).split(" Candidates:", 1)[0])
            found = []
            for label in exc.candidates[:10]:
                match = _CANDIDATE_ID.search(label)
                url = (
                    _draft_url(person, situation=situation, to=match.group(1))
                    if match
                    else None
                )
                found.append((label, url))
            return {"candidates": found, "more_candidates": len(exc.candidates) > 10}
        except NetlifeError as exc:
            form.add_error("to", str(exc))
            return {}
    try:
        written = queries.draft_message(
            request.network, person, situation, target=target
        )
    except NetlifeError as exc:
        form.add_error("to" if target is not None else "situation", str(exc))
        return {}
    return {"draft": written, "target": target}


def _page(
    request: NetworkRequest,
    person: Person,
    form: SituationForm,
    written: dict[str, Any],
    message: MessageForm | None = None,
) -> dict[str, Any]:
    draft: drafts.Draft | None = written.get("draft")
    if message is not None:
        subject = message.data.get("subject", "")
        body = message.data.get("body", "")
    elif draft is not None:
        subject, body = draft.subject, draft.body
    else:
        subject = body = ""
    error = None
    if message is not None and not message.is_valid():
        error = message.errors["body"][0] if "body" in message.errors else None
    findings = []
    if error is None and (draft is not None or message is not None):
        text = message.cleaned_data["body"] if message is not None else body
        findings = _shown(text, queries.lint_message(request.network, text, to=person))
    data = form.data if form.is_bound else {}
    return {
        "nav": "people",
        "person": person,
        "form": form,
        "situations": SITUATIONS,
        "situation": data.get("situation", ""),
        "to": data.get("to", ""),
        "subject": subject,
        "body": body,
        "error": error,
        "findings": findings,
        "checked": error is None and (draft is not None or message is not None),
        "reconnect_url": _draft_url(person, situation="reconnect"),
        **written,
    }


@require_GET
def draft(request: NetworkRequest, person_id: int) -> HttpResponse:
    person = person_or_404(request.network, person_id)
    data = request.GET if "situation" in request.GET else {"situation": "reconnect"}
    form = SituationForm(data)
    written = _write(request, person, form) if form.is_valid() else {}
    context = _page(request, person, form, written)
    return render(
        request, "outreach/draft.html", context, status=200 if written else 400
    )


@require_POST
def lint_draft(request: NetworkRequest, person_id: int) -> HttpResponse:
    person = person_or_404(request.network, person_id)
    message = MessageForm(request.POST)
    if request.htmx and not request.htmx.history_restore_request:
        # htmx swaps only a 2xx answer: an error is shown in the panel instead.
        if message.is_valid():
            text = message.cleaned_data["body"]
            context: dict[str, Any] = {
                "findings": _shown(
                    text, queries.lint_message(request.network, text, to=person)
                ),
                "checked": True,
            }
        else:
            context = {"error": message.errors.get("body", ["Check the message."])[0]}
        response = render(request, "outreach/_findings.html", context)
        patch_vary_headers(response, ["HX-Request"])
        return response
    # Without JavaScript, "Check again" shows the whole page with the text as
    # edited: nothing was written, so there is nothing to redirect to.
    form = SituationForm(
        {
            "situation": request.POST.get("situation", ""),
            "to": request.POST.get("to", ""),
        }
    )
    written = _write(request, person, form) if form.is_valid() else {}
    context = _page(request, person, form, written, message)
    status = 400 if context["error"] else 200
    return render(request, "outreach/draft.html", context, status=status)
