"""Merging two records of one person from the Person page: `netlife merge A B`
in the browser.

The first page asks for the other record (named as on the command line: an
id, an email or part of a name); the second shows both side by side, says
which one is kept, and merges on a POST. `/people/<keep>/merge/<other>/`
keeps the first and folds the second into it, as `merge A B` does; the
confirm page links to the other way round.
"""

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from netlife.core.errors import NetlifeError
from netlife.core.http import NetworkRequest
from netlife.people import merging, queries
from netlife.people.views import person_or_404


class MergeAskForm(forms.Form):
    other = forms.CharField(
        max_length=300,
        error_messages={
            "required": "Name the other record: a name, an email or an id."
        },
    )


@dataclass(frozen=True, slots=True)
class MergeSide:
    summary: queries.PersonSummary
    interactions: int
    kept: bool


@require_GET
def person_merge(request: NetworkRequest, person_id: int) -> HttpResponse:
    network = request.network
    person = person_or_404(network, person_id)
    form = MergeAskForm(request.GET if "other" in request.GET else None)
    if form.is_bound and form.is_valid():
        try:
            other = queries.resolve_person(network, form.cleaned_data["other"])
        except NetlifeError as exc:
            form.add_error("other", str(exc))
        else:
            if other.pk != person.pk:
                return redirect(
                    "people:person_merge_confirm",
                    person_id=person.pk,
                    other_id=other.pk,
                )
            form.add_error(
                "other",
                f"That is {person.full_name} (id {person.pk}) themselves: "
                "name the other record.",
            )
    context = {
        "nav": "people",
        "subject": person,
        "form": form,
        "suggestions": queries.merge_suggestions_for(network, person),
    }
    return render(request, "people/person_merge.html", context)


@require_http_methods(["GET", "POST"])
def person_merge_confirm(
    request: NetworkRequest, person_id: int, other_id: int
) -> HttpResponse:
    network = request.network
    keep = person_or_404(network, person_id)
    other = person_or_404(network, other_id)
    if keep.pk == other.pk:
        raise Http404
    if request.method == "POST":
        merged = other.full_name
        try:
            merging.merge_people(network, keep, other)
        except NetlifeError as exc:
            messages.error(request, f"{exc} Nothing was merged.")
            return redirect("people:person_detail", person_id=keep.pk)
        messages.success(
            request,
            f"Merged {merged} into {keep.full_name}: their emails, history, ties "
            "and introductions are here now.",
        )
        return redirect("people:person_detail", person_id=keep.pk)
    kept, folded = queries.person_summaries(network, [keep, other])
    sides = [
        MergeSide(kept, queries.count_interactions_with(network, keep), kept=True),
        MergeSide(folded, queries.count_interactions_with(network, other), kept=False),
    ]
    context = {"nav": "people", "keep": keep, "other": other, "sides": sides}
    return render(request, "people/person_merge_confirm.html", context)
