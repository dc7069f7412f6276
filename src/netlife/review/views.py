"""The weekly review page: the report of `netlife report`, in the site's layout.

The figures and the charts are `review.report`'s (the same context that
`report --html` fills its standalone page with). The charts sit inline as
SVG, rewritten by `charts.without_inline_css` so that they draw under the
site's Content-Security-Policy, which forbids inline style; each has a
title, a caption in words and a table of its numbers.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django import forms
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from netlife.core.http import NetworkRequest
from netlife.review import queries

WEEKS = (1, 4, 12, 52)
CHARTS = ("touches_chart", "balance_chart", "cadence_chart", "funnel_chart")
SHOWN = 8  # items of a long list shown at once
MOST = 100  # and at most this many behind "more"

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Listing(Generic[T]):
    """A long list, the latest first: a few shown, more behind a disclosure,
    and how many are left out (a year of a large network is thousands)."""

    shown: list[T]
    more: list[T]
    left: int


def _listing(items: Sequence[T]) -> Listing[T]:
    latest = list(reversed(items))
    return Listing(latest[:SHOWN], latest[SHOWN:MOST], max(0, len(latest) - MOST))


def _weeks_text(weeks: int) -> str:
    return "1 week" if weeks == 1 else f"{weeks} weeks"


class WeeksForm(forms.Form):
    weeks = forms.TypedChoiceField(
        choices=[(str(n), _weeks_text(n)) for n in WEEKS],
        coerce=int,
        error_messages={
            "required": "Choose how many weeks to review.",
            "invalid_choice": "Choose 1, 4, 12 or 52 weeks.",
        },
    )


def _wants_fragment(request: NetworkRequest) -> bool:
    # htmx restoring a page missing from its history cache needs the whole
    # page, although it sends HX-Request like any other htmx request.
    return bool(request.htmx) and not request.htmx.history_restore_request


def _review_context(request: NetworkRequest, weeks: int) -> dict[str, Any]:
    # Imported here: matplotlib takes a good part of a second to load, and
    # loading the URLs (system checks, the CLI) should not pay for it.
    from netlife.review import charts, report

    review = queries.weekly_review(request.network, weeks=weeks)
    context = report.context(review)
    for name in CHARTS:
        # Drawn from numbers, dates and fixed words only (report.py).
        context[name] = mark_safe(charts.without_inline_css(context[name]))  # noqa: S308
    context["revived"] = _listing(review.revived)
    context["learned"] = _listing(review.goal.learned if review.goal else [])
    context["lead_listing"] = _listing(context["lead_events"])
    return context


@require_GET
def weekly_review(request: NetworkRequest) -> HttpResponse:
    form = WeeksForm(request.GET if "weeks" in request.GET else {"weeks": "1"})
    context: dict[str, Any] = {
        "nav": "review",
        "form": form,
        "choices": [
            (str(n), _weeks_text(n), str(n) == form["weeks"].value()) for n in WEEKS
        ],
    }
    status = 400
    if form.is_valid():
        context.update(_review_context(request, form.cleaned_data["weeks"]))
        status = 200
    if _wants_fragment(request):
        # htmx swaps 2xx answers only: the form's error comes back as 200.
        response = render(request, "review/_review.html", context)
    else:
        response = render(request, "review/weekly_review.html", context, status=status)
    # The same URL answers with a fragment or a page: caches must keep both.
    patch_vary_headers(response, ["HX-Request"])
    return response
