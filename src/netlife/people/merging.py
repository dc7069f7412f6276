"""Merging two people who are one, and deciding on the suggestions imports file.

`merge_people` folds one person into another: every email, phone, URL,
source id, tag, life event, interaction, tie, introduction, goal awareness
and lead credit moves to the person kept, blank facts are filled from the
merged one, and a `merged` life event on the person kept records who was
folded in and what they said differently, so nothing is lost (it travels in
the JSON export with the other events). `dismiss_suggestion` remembers that
two people are not the same, so imports stop asking.
"""

from dataclasses import dataclass

from django.db import models, transaction
from django.db.models import Q

from netlife.core import clock
from netlife.core.errors import InvalidInput
from netlife.goals.models import GoalAwareness
from netlife.interactions.models import Participation
from netlife.leads.models import LeadCredit
from netlife.networks.models import Network
from netlife.paths.services import graph_changed
from netlife.people.models import (
    ContactMethod,
    MergeSuggestion,
    Person,
    PersonEvent,
    SourceId,
)
from netlife.relationships.services import refresh_relationships
from netlife.ties.models import Introduction, Tie

_FILLED = (
    "given_name", "family_name", "organization", "title", "location", "how_met",
    "met_on", "birthday_month", "birthday_day", "birthday_year", "notes",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class OpenSuggestion:
    id: int
    a: Person
    b: Person
    reasons: str
    source: str


def open_suggestions(network: Network) -> list[OpenSuggestion]:
    """The pairs imports think may be one person, oldest first."""
    return [
        OpenSuggestion(s.pk, s.person_a, s.person_b, s.reasons, s.source)
        for s in MergeSuggestion.objects.filter(
            network=network, status=MergeSuggestion.Status.OPEN
        )
        .select_related("person_a__organization", "person_b__organization")
        .order_by("created_at", "pk")
    ]


def _pair(a: Person, b: Person) -> tuple[int, int]:
    low, high = sorted((a.pk, b.pk))
    return low, high


def _check(network: Network, keep: Person, other: Person) -> None:
    if keep.network_id != network.pk or other.network_id != network.pk:
        raise InvalidInput("Both people must belong to this network.")
    if keep.pk == other.pk:
        raise InvalidInput("That is one person already.")


def _summary(other: Person) -> str:
    facts = [other.full_name]
    if other.organization_id and other.organization:
        facts.append(other.organization.name)
    if other.title:
        facts.append(other.title)
    if other.notes:
        facts.append(f"notes: {other.notes}")
    return f"Merged in: {'; '.join(facts)}"[:500]


def _move_unique(
    model: type[models.Model], field: str, keep: Person, other: Person, key: str
) -> None:
    """Re-point rows from other to keep, dropping ones keep already has."""
    manager = model._default_manager
    have = set(manager.filter(**{field: keep}).values_list(key, flat=True))
    manager.filter(**{field: other, f"{key}__in": have}).delete()
    manager.filter(**{field: other}).update(**{field: keep})


def _move_ties(network: Network, keep: Person, other: Person) -> set[int]:
    partners: set[int] = set()
    for tie in Tie.objects.filter(Q(person_a=other) | Q(person_b=other)):
        partner = tie.person_b_id if tie.person_a_id == other.pk else tie.person_a_id
        partners.add(partner)
        if partner == keep.pk:
            tie.delete()
            continue
        low, high = sorted((keep.pk, partner))
        if Tie.objects.filter(person_a_id=low, person_b_id=high).exists():
            tie.delete()  # keep's own tie with them stays
            continue
        tie.person_a_id, tie.person_b_id = low, high
        tie.save(update_fields=["person_a", "person_b"])
    return partners


@transaction.atomic
def merge_people(network: Network, keep: Person, other: Person) -> Person:
    """Fold `other` into `keep` (see the module doc); returns `keep`, saved."""
    _check(network, keep, other)
    graph_changed(network)  # the other's ties move to the person kept
    ContactMethod.objects.filter(
        person=other,
        normalized__in=ContactMethod.objects.filter(person=keep).values("normalized"),
    ).delete()  # the same value of another kind stays: it is rare and harmless
    ContactMethod.objects.filter(person=other).update(person=keep)
    SourceId.objects.filter(person=other).update(person=keep)
    PersonEvent.objects.filter(person=other).update(person=keep)
    keep.tags.add(*other.tags.all())
    _move_unique(Participation, "person", keep, other, "interaction_id")
    _move_unique(GoalAwareness, "person", keep, other, "goal_id")
    _move_unique(LeadCredit, "person", keep, other, "lead_id")
    for field in ("introducer", "introduced", "introduced_to"):
        Introduction.objects.filter(**{field: other}).update(**{field: keep})
    Introduction.objects.filter(introducer=keep, introduced=keep).delete()
    partners = _move_ties(network, keep, other)
    changed = []
    for name in _FILLED:
        if not getattr(keep, name) and getattr(other, name):
            setattr(keep, name, getattr(other, name))
            changed.append(name)
    if other.kind == Person.Kind.CONTACT and keep.kind == Person.Kind.PROSPECT:
        keep.kind = Person.Kind.CONTACT
        changed.append("kind")
    keep.save(update_fields=[*changed, "updated_at"] if changed else ["updated_at"])
    PersonEvent.objects.create(
        network=network,
        person=keep,
        kind=PersonEvent.Kind.MERGED,
        occurred_on=clock.today(),
        previous=other.full_name[:300],
        current=keep.full_name[:300],
        summary=_summary(other),
        source="merge",
    )
    other.delete()
    refresh_relationships(network, sorted({keep.pk, *partners} - {other.pk}))
    return keep


@transaction.atomic
def dismiss_suggestion(network: Network, a: Person, b: Person) -> MergeSuggestion:
    """Remember that `a` and `b` are two people; imports will not ask again."""
    _check(network, a, b)
    low, high = _pair(a, b)
    suggestion, _ = MergeSuggestion.objects.update_or_create(
        network=network,
        person_a_id=low,
        person_b_id=high,
        defaults={"status": MergeSuggestion.Status.DISMISSED},
    )
    return suggestion


def count_open_suggestions(network: Network) -> int:
    """How many pairs imports suggested that the user has not decided on."""
    return MergeSuggestion.objects.filter(
        network=network, status=MergeSuggestion.Status.OPEN
    ).count()


def open_suggestion_page(
    network: Network, *, offset: int, limit: int
) -> list[OpenSuggestion]:
    """`limit` pairs of `open_suggestions` from `offset` on, in the same order.

    For pages of a long list: it reads only the pairs asked for.
    """
    rows = (
        MergeSuggestion.objects.filter(
            network=network, status=MergeSuggestion.Status.OPEN
        )
        .select_related("person_a__organization", "person_b__organization")
        .order_by("created_at", "pk")[offset : offset + limit]
    )
    return [
        OpenSuggestion(s.pk, s.person_a, s.person_b, s.reasons, s.source) for s in rows
    ]
