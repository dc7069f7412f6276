"""Keeping each person's Relationship row true to their history, and snoozing.

`refresh_relationships` is the one writer of Relationship rows. Every
service that changes what a row sums up calls it for the people touched:
logging an interaction, editing a person's tier, cadence, kind, snooze,
title, organization or tags, and the bulk writers (demo, imports) for the
whole network at once. A goal change re-scores relevance for everyone.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import islice
from typing import Any

from django.db import transaction
from django.db.models import Count, Max, Min, Q

from netlife.core import clock
from netlife.core.errors import InvalidInput
from netlife.core.progress import Advance, no_progress
from netlife.engines import cadence, strength
from netlife.engines.reciprocity import ASKING_INTENTS, GIVING_INTENTS
from netlife.engines.relevance import goal_terms, relevance
from netlife.goals.models import Goal
from netlife.interactions.models import Interaction, Participation
from netlife.networks.models import Network
from netlife.people.models import Person
from netlife.relationships.models import Relationship

BATCH = 2_000
_FIELDS = [
    f.name
    for f in Relationship._meta.concrete_fields
    if f.name not in ("person", "network")
]


@dataclass(frozen=True, slots=True)
class PersonFacts:
    """What a Relationship row needs from the person themselves."""

    kind: str
    archived: bool
    tier: str
    cadence_days: int | None
    snoozed_until: date | None
    met_on: date | None
    texts: tuple[str, ...]  # title, organization, industry, tags: for relevance


def _day(value: date | None) -> int | None:
    return value.toordinal() if value is not None else None


def _batches(ids: Iterable[int], size: int) -> Iterator[list[int]]:
    it = iter(ids)
    while chunk := list(islice(it, size)):
        yield chunk


def _history_rows(ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    asking = Q(intent__in=ASKING_INTENTS)
    return {
        row["person_id"]: row
        for row in Participation.objects.filter(person_id__in=ids)
        .values("person_id")
        .annotate(
            first=Min("occurred_on"),
            last=Max("occurred_on"),
            n=Count("pk"),
            last_warm=Max("occurred_on", filter=~asking),
            last_give=Max("occurred_on", filter=Q(intent__in=GIVING_INTENTS)),
            last_ask=Max("occurred_on", filter=asking),
            last_advice=Max("occurred_on", filter=Q(intent="advice")),
            last_received=Max("occurred_on", filter=Q(intent="received")),
            gives=Count("pk", filter=Q(intent="give")),
            thanks=Count("pk", filter=Q(intent="thanks")),
            advice=Count("pk", filter=Q(intent="advice")),
            favours=Count("pk", filter=Q(intent="ask")),
            received=Count("pk", filter=Q(intent="received")),
            them=Count(
                "pk", filter=Q(interaction__initiated_by=Interaction.Initiator.THEM)
            ),
            channels=Count("interaction__channel", distinct=True),
        )
    }


def _person_facts(ids: Sequence[int]) -> dict[int, PersonFacts]:
    tags: dict[int, list[str]] = defaultdict(list)
    for person_id, name in Person.tags.through.objects.filter(
        person_id__in=ids
    ).values_list("person_id", "tag__name"):
        tags[person_id].append(name)
    facts = {}
    for row in Person.objects.filter(pk__in=ids).values(
        "pk", "kind", "archived", "tier", "cadence_days", "snoozed_until", "met_on",
        "title", "organization__name", "organization__industry",
    ):  # fmt: skip
        texts = (
            row["title"],
            row["organization__name"] or "",
            row["organization__industry"] or "",
            *tags[row["pk"]],
        )
        facts[row["pk"]] = PersonFacts(
            kind=row["kind"],
            archived=row["archived"],
            tier=row["tier"],
            cadence_days=row["cadence_days"],
            snoozed_until=row["snoozed_until"],
            met_on=row["met_on"],
            texts=tuple(t for t in texts if t),
        )
    return facts


def relationship_values(
    person: PersonFacts, history: dict[str, Any] | None, terms: tuple[str, ...]
) -> dict[str, Any]:
    """The field values of one Relationship row; pure given its inputs."""
    h = history or {}
    past = strength.History(
        first_contact=h.get("first"),
        last_contact=h.get("last"),
        interactions=h.get("n", 0),
        gives=h.get("gives", 0) + h.get("thanks", 0),
        asks=h.get("advice", 0) + h.get("favours", 0),
        received=h.get("received", 0),
        them_initiated=h.get("them", 0),
        channels=h.get("channels", 0),
        met_on=person.met_on,
    )
    bond = strength.bond(past)
    is_contact = person.kind == Person.Kind.CONTACT
    if not is_contact:
        tier, derived = "none", False  # prospects are reached through ties
    elif person.tier:
        tier, derived = person.tier, False
    else:
        tier, derived = strength.derived_tier(bond), True
    days = cadence.cadence_days(tier, person.cadence_days) if is_contact else None
    tracked = is_contact and not person.archived and days is not None
    last = _day(past.last_contact)
    snoozed = _day(person.snoozed_until)
    due = dormant = None
    if tracked and days is not None and last is not None:
        due, dormant = last + days, last + 2 * days
        if snoozed is not None:
            due, dormant = max(due, snoozed), max(dormant, snoozed)
    return {
        "tracked": tracked,
        "first_contact_day": _day(past.first_contact),
        "last_contact_day": last,
        "last_warm_day": _day(h.get("last_warm")),
        "last_give_day": _day(h.get("last_give")),
        "last_ask_day": _day(h.get("last_ask")),
        "last_advice_day": _day(h.get("last_advice")),
        "last_received_day": _day(h.get("last_received")),
        "interactions": past.interactions,
        "gives": h.get("gives", 0),
        "thanks": h.get("thanks", 0),
        "advice": h.get("advice", 0),
        "favours": h.get("favours", 0),
        "received": past.received,
        "them_initiated": past.them_initiated,
        "channels": past.channels,
        "bond": bond,
        "tier": tier,
        "tier_derived": derived,
        "cadence": days if is_contact else None,
        "due_day": due,
        "dormant_day": dormant,
        "snoozed_day": snoozed,
        "goal_relevance": relevance(terms, person.texts).score if is_contact else 0.0,
    }


def current_goal_terms(network: Network) -> tuple[str, ...]:
    goal = Goal.objects.filter(network=network, status=Goal.Status.ACTIVE).first()
    return goal_terms(goal.text) if goal is not None else ()


def refresh_relationships(
    network: Network,
    person_ids: Iterable[int] | None = None,
    *,
    advance: Advance = no_progress,
) -> int:
    """Recompute the Relationship rows of these people (everyone by default).

    Reads each batch's participations in one grouped query and writes the
    batch in one upsert; returns how many rows were written.
    """
    if person_ids is None:
        person_ids = (
            Person.objects.filter(network=network)
            .order_by("pk")
            .values_list("pk", flat=True)
            .iterator(chunk_size=BATCH)
        )
    terms = current_goal_terms(network)
    written = 0
    with transaction.atomic():
        for batch in _batches(person_ids, BATCH):
            people = _person_facts(batch)
            histories = _history_rows(batch)
            rows = [
                Relationship(
                    network=network,
                    person_id=pk,
                    **relationship_values(facts, histories.get(pk), terms),
                )
                for pk, facts in people.items()
            ]
            Relationship.objects.bulk_create(
                rows,
                update_conflicts=True,
                unique_fields=["person"],
                update_fields=_FIELDS,
            )
            written += len(rows)
            advance(len(rows))
    return written


def refresh_goal_relevance(network: Network) -> None:
    """Re-score every contact against the goal now in force (0 with none)."""
    terms = current_goal_terms(network)
    with transaction.atomic():
        if not terms:
            Relationship.objects.filter(network=network, goal_relevance__gt=0).update(
                goal_relevance=0.0
            )
            return
        ids = (
            Person.objects.filter(network=network, kind=Person.Kind.CONTACT)
            .order_by("pk")
            .values_list("pk", flat=True)
            .iterator(chunk_size=BATCH)
        )
        for batch in _batches(ids, BATCH):
            changed = [
                Relationship(person_id=pk, goal_relevance=score)
                for pk, facts in _person_facts(batch).items()
                if (score := relevance(terms, facts.texts).score) > 0
            ]
            Relationship.objects.filter(person_id__in=batch).update(goal_relevance=0.0)
            Relationship.objects.bulk_update(changed, ["goal_relevance"])


def refresh_people_missing_relationships() -> int:
    """Give every person without a Relationship row one (after an upgrade)."""
    written = 0
    missing = (
        Person.objects.filter(relationship__isnull=True)
        .values_list("network_id", flat=True)
        .distinct()
    )
    for network in Network.objects.filter(pk__in=list(missing)):
        ids = Person.objects.filter(
            network=network, relationship__isnull=True
        ).values_list("pk", flat=True)
        written += refresh_relationships(network, list(ids))
    return written


@transaction.atomic
def snooze(network: Network, person: Person, until: date | None) -> Person:
    """Keep a person off the agenda until `until` (None lifts the snooze)."""
    if person.network_id != network.pk:
        raise InvalidInput("That person belongs to another network.")
    if until is not None and until <= clock.today():
        raise InvalidInput("Snooze until a day after today.")
    person.snoozed_until = until
    person.save(update_fields=["snoozed_until", "updated_at"])
    refresh_relationships(network, [person.pk])
    return person
