"""Keeping each person's Relationship row true to their history, and snoozing.

`refresh_relationships` is the one writer of Relationship rows. Every
service that changes what a row sums up calls it for the people touched:
logging an interaction, editing a person's tier, cadence, kind, snooze,
title, organization, tags or birthday, recording an introduction, removing
a person (for the other side of their introductions), and the bulk writers
(demo, imports) for the whole network at once. A goal change re-scores
relevance for everyone. Services that move leads must call it for the
people credited (`lead_news_day`).
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import islice
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, Max, Min, Q

from netlife.core import clock
from netlife.core.errors import InvalidInput
from netlife.core.progress import Advance, no_progress
from netlife.engines import cadence, strength
from netlife.engines.reciprocity import ASKING_INTENTS, GIVING_INTENTS
from netlife.engines.relevance import goal_terms, relevance
from netlife.goals.models import Goal, GoalAwareness
from netlife.interactions.models import Interaction, Participation
from netlife.leads.models import Lead, LeadStageChange
from netlife.networks.models import Network
from netlife.people.models import Person, PersonEvent
from netlife.relationships.models import Relationship
from netlife.ties.models import Introduction, Tie

BATCH = 2_000
# Every column but the two keys; field names are the column names.
_FIELDS = [
    f.column
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
    birthday_month: int | None = None
    birthday_day: int | None = None


@dataclass(slots=True)
class Timely:
    """Dated facts from other tables that make a message timely."""

    follow_up_on: date | None = None
    follow_up_intent: str = ""
    job_change_on: date | None = None
    intro_made_on: date | None = None
    introduced_on: date | None = None
    lead_news_on: date | None = None
    knows_goal: bool = False


def _day(value: date | None) -> int | None:
    return value.toordinal() if value is not None else None


def day_to_date(day: int | None) -> date | None:
    """A stored day number back as a date."""
    return date.fromordinal(day) if day is not None else None


def person_facts(person: Person, tags: Sequence[str] = ()) -> PersonFacts:
    """PersonFacts from a Person already in memory."""
    organization = person.organization
    texts = (
        person.title,
        organization.name if organization else "",
        organization.industry if organization else "",
        *tags,
    )
    return PersonFacts(
        kind=person.kind,
        archived=person.archived,
        tier=person.tier,
        cadence_days=person.cadence_days,
        snoozed_until=person.snoozed_until,
        met_on=person.met_on,
        texts=tuple(t for t in texts if t),
        birthday_month=person.birthday_month,
        birthday_day=person.birthday_day,
    )


def _batches(ids: Iterable[int], size: int) -> Iterator[list[int]]:
    it = iter(ids)
    while chunk := list(islice(it, size)):
        yield chunk


def _among(field: str, ids: Sequence[int]) -> Q:
    """`field IN ids`, or a range when the ids are consecutive.

    People an import just created have consecutive ids; a range costs the
    ORM nothing to build, where preparing thousands of ids for IN took
    longer than the queries themselves.
    """
    if ids and max(ids) - min(ids) + 1 == len(ids) == len(set(ids)):
        return Q(**{f"{field}__gte": min(ids), f"{field}__lte": max(ids)})
    return Q(**{f"{field}__in": ids})


def _history_rows(ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    asking = Q(intent__in=ASKING_INTENTS)
    return {
        row["person_id"]: row
        for row in Participation.objects.filter(_among("person_id", ids))
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
        _among("person_id", ids)
    ).values_list("person_id", "tag__name"):
        tags[person_id].append(name)
    facts = {}
    for row in Person.objects.filter(_among("pk", ids)).values(
        "pk", "kind", "archived", "tier", "cadence_days", "snoozed_until", "met_on",
        "title", "organization__name", "organization__industry", "birthday_month",
        "birthday_day",
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
            birthday_month=row["birthday_month"],
            birthday_day=row["birthday_day"],
        )
    return facts


def _timely(
    ids: Sequence[int], last_contact: dict[int, date], goal: Goal | None
) -> dict[int, Timely]:
    """Follow-ups still open, job changes, introductions and goal awareness."""
    found: dict[int, Timely] = defaultdict(Timely)
    # Only a follow-up set at the last contact can still be open.
    for person_id, on, follow_up_on, intent in (
        Participation.objects.filter(
            _among("person_id", ids), interaction__follow_up_on__isnull=False
        )
        .order_by("interaction__follow_up_on", "interaction_id")
        .values_list(
            "person_id",
            "occurred_on",
            "interaction__follow_up_on",
            "interaction__follow_up_intent",
        )
    ):
        t = found[person_id]
        if on == last_contact.get(person_id) and t.follow_up_on is None:
            t.follow_up_on, t.follow_up_intent = follow_up_on, intent
    for person_id, on in (
        # A move away with no new employer is not news to congratulate on.
        PersonEvent.objects.filter(
            _among("person_id", ids), kind=PersonEvent.Kind.JOB_CHANGE
        )
        .exclude(current="")
        .values("person_id")
        .annotate(on=Max("occurred_on"))
        .values_list("person_id", "on")
    ):
        found[person_id].job_change_on = on
    to_user = Introduction.objects.filter(introduced_to__isnull=True)
    for person_id, on in (
        to_user.filter(_among("introducer_id", ids))
        .values("introducer_id")
        .annotate(on=Max("introduced_on"))
        .values_list("introducer_id", "on")
    ):
        found[person_id].intro_made_on = on
    for person_id, on in (
        to_user.filter(_among("introduced_id", ids))
        .values("introduced_id")
        .annotate(on=Max("introduced_on"))
        .values_list("introduced_id", "on")
    ):
        found[person_id].introduced_on = on
    for person_id, on in (
        LeadStageChange.objects.filter(_among("lead__credits__person_id", ids))
        # A lead just opened is no news yet: only a move is worth passing on.
        .exclude(stage=Lead.Stage.LEAD)
        .values("lead__credits__person_id")
        .annotate(on=Max("changed_on"))
        .values_list("lead__credits__person_id", "on")
    ):
        found[person_id].lead_news_on = on
    if goal is not None:
        for person_id in GoalAwareness.objects.filter(
            _among("person_id", ids), goal=goal
        ).values_list("person_id", flat=True):
            found[person_id].knows_goal = True
    return found


def relationship_values(
    person: PersonFacts,
    history: dict[str, Any] | None,
    terms: tuple[str, ...],
    timely: Timely | None = None,
) -> dict[str, Any]:
    """The field values of one Relationship row; pure given its inputs."""
    h = history or {}
    t = timely or Timely()
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
        "contact": is_contact and not person.archived,
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
        "met_day": _day(person.met_on),
        # Prospects too: a contact who knows a relevant prospect is a warm
        # path towards the goal (`goal_bridges`).
        "goal_relevance": 0.0
        if person.archived
        else relevance(terms, person.texts).score,
        "goal_bridges": 0,  # counted once every row's relevance is known
        "knows_goal": t.knows_goal,
        "follow_up_day": _day(t.follow_up_on),
        "follow_up_intent": t.follow_up_intent if t.follow_up_on else "",
        "job_change_day": _day(t.job_change_on),
        "birthday_key": person.birthday_month * 100 + person.birthday_day
        if person.birthday_month and person.birthday_day
        else None,
        "intro_made_day": _day(t.intro_made_on),
        "introduced_day": _day(t.introduced_on),
        "lead_news_day": _day(t.lead_news_on),
    }


def _current_goal(network: Network) -> Goal | None:
    return Goal.objects.filter(network=network, status=Goal.Status.ACTIVE).first()


def history_of(row: Relationship, met_on: date | None) -> strength.History:
    """The strength engine's input, read back from a stored row."""
    return strength.History(
        first_contact=day_to_date(row.first_contact_day),
        last_contact=day_to_date(row.last_contact_day),
        interactions=row.interactions,
        gives=row.gives + row.thanks,
        asks=row.advice + row.favours,
        received=row.received,
        them_initiated=row.them_initiated,
        channels=row.channels,
        met_on=met_on,
    )


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
    full = person_ids is None
    if person_ids is None:
        person_ids = (
            Person.objects.filter(network=network)
            .order_by("pk")
            .values_list("pk", flat=True)
            .iterator(chunk_size=BATCH)
        )
    goal = _current_goal(network)
    terms = goal_terms(goal.text) if goal is not None else ()
    written = 0
    done: list[int] = []
    with transaction.atomic():
        for batch in _batches(person_ids, BATCH):
            done += batch
            people = _person_facts(batch)
            histories = _history_rows(batch)
            last = {pk: h["last"] for pk, h in histories.items()}
            timely = _timely(batch, last, goal)
            rows = []
            for pk, facts in people.items():
                values = relationship_values(
                    facts, histories.get(pk), terms, timely.get(pk)
                )
                rows.append((pk, network.pk, *(values[f] for f in _FIELDS)))
            _upsert(rows)
            written += len(rows)
            advance(len(rows))
        everyone = None if full else done
        refresh_bridges(network, everyone, with_partners=True)
    return written


def _upsert(rows: list[tuple[Any, ...]]) -> None:
    """INSERT … ON CONFLICT DO UPDATE, which SQLite and PostgreSQL both speak.

    Raw rather than bulk_create(update_conflicts=True): building model
    instances took half the time of a 100k-people refresh.
    """
    if not rows:
        return
    meta = Relationship._meta
    quote = connection.ops.quote_name
    columns = ["person_id", "network_id", *_FIELDS]
    assert len(rows[0]) == len(columns)
    updates = ", ".join(f"{quote(c)} = excluded.{quote(c)}" for c in columns[1:])
    # Identifiers come from model metadata; every value is a parameter.
    sql = (
        f"INSERT INTO {quote(meta.db_table)} "  # noqa: S608
        f"({', '.join(quote(c) for c in columns)}) "
        f"VALUES ({', '.join(['%s'] * len(columns))}) "
        f"ON CONFLICT ({quote('person_id')}) DO UPDATE SET {updates}"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _live_ties(network: Network, ids: Sequence[int] | None) -> list[tuple[int, int]]:
    """(a, b) of the ties not archived: the network's, or those touching `ids`."""
    if ids is None:
        return list(
            Tie.objects.filter(network=network, archived=False).values_list(
                "person_a_id", "person_b_id"
            )
        )
    # By id alone: with the network in the filter too, SQLite walks the
    # network's index, every tie of it, for each batch.
    live = Tie.objects.filter(archived=False)
    pairs: set[tuple[int, int]] = set()
    for batch in _batches(ids, BATCH):
        for side in ("person_a_id", "person_b_id"):
            pairs.update(
                live.filter(_among(side, batch)).values_list(
                    "person_a_id", "person_b_id"
                )
            )
    return sorted(pairs)


def refresh_bridges(
    network: Network, person_ids: Sequence[int] | None, *, with_partners: bool = False
) -> None:
    """Count, for these people (None: everyone), the relevant people they know.

    With `with_partners`, the people tied to them are counted again too:
    their counts depend on these people's relevance. Ties and relevance are
    read in bulk and counted here, which for a whole network (200k ties)
    takes well under a second, where a grouped join per batch took minutes.
    """
    ties = _live_ties(network, person_ids)
    if person_ids is None:
        targets = set(
            Relationship.objects.filter(network=network).values_list(
                "person_id", flat=True
            )
        )
        relevant = set(
            Relationship.objects.filter(
                network=network, goal_relevance__gt=0
            ).values_list("person_id", flat=True)
        )
    else:
        targets = set(person_ids)
        if with_partners:
            targets |= {pk for pair in ties for pk in pair}
            ties = _live_ties(network, sorted(targets))
        ends = sorted({pk for pair in ties for pk in pair})
        relevant = set()
        for batch in _batches(ends, BATCH):
            relevant.update(
                Relationship.objects.filter(
                    _among("person_id", batch), goal_relevance__gt=0
                ).values_list("person_id", flat=True)
            )
    counts: dict[int, int] = defaultdict(int)
    for a, b in ties:
        if b in relevant:
            counts[a] += 1
        if a in relevant:
            counts[b] += 1
    by_count: dict[int, list[int]] = defaultdict(list)
    for person_id in targets:
        by_count[counts.get(person_id, 0)].append(person_id)
    for n, ids in by_count.items():
        for batch in _batches(sorted(ids), BATCH):
            Relationship.objects.filter(_among("person_id", batch)).exclude(
                goal_bridges=n
            ).update(goal_bridges=n)


def refresh_goal_relevance(network: Network) -> None:
    """Re-score everyone against the goal now in force (0 with none), mark
    who knows it, and count the relevant people each person knows."""
    goal = _current_goal(network)
    terms = goal_terms(goal.text) if goal is not None else ()
    with transaction.atomic():
        Relationship.objects.filter(network=network, knows_goal=True).update(
            knows_goal=False
        )
        if goal is not None:
            Relationship.objects.filter(
                network=network,
                person_id__in=GoalAwareness.objects.filter(goal=goal).values(
                    "person_id"
                ),
            ).update(knows_goal=True)
        if not terms:
            Relationship.objects.filter(network=network, goal_relevance__gt=0).update(
                goal_relevance=0.0
            )
            Relationship.objects.filter(network=network, goal_bridges__gt=0).update(
                goal_bridges=0
            )
            return
        ids = list(
            Person.objects.filter(network=network)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        for batch in _batches(ids, BATCH):
            changed = [
                Relationship(person_id=pk, goal_relevance=score)
                for pk, facts in _person_facts(batch).items()
                if not facts.archived
                and (score := relevance(terms, facts.texts).score) > 0
            ]
            Relationship.objects.filter(_among("person_id", batch)).update(
                goal_relevance=0.0
            )
            Relationship.objects.bulk_update(changed, ["goal_relevance"])
        refresh_bridges(network, None)


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
