"""The keep-in-touch reads: the agenda, dormant ties, the ledger, who hears the goal.

Each answer takes a fixed number of queries whatever the network's size:
the database scores and orders the Relationship rows with the SQL forms in
`ranking` and returns the top few; then the engines compute every figure
shown for those few, from their rows plus the details (summaries, names of
employers and introducers) read for them alone.
"""

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, F, Max, OuterRef, Q, Subquery, Sum

from netlife.core import clock
from netlife.engines import agenda as engine
from netlife.engines import reciprocity, strength
from netlife.engines.relevance import goal_terms, relevance
from netlife.goals.models import Goal
from netlife.goals.queries import current_goal
from netlife.interactions.models import Interaction, Participation
from netlife.leads.models import Lead, LeadStageChange
from netlife.networks.models import Network
from netlife.people.models import Person, PersonEvent
from netlife.relationships import ranking
from netlife.relationships.models import Relationship
from netlife.relationships.services import day_to_date
from netlife.ties.models import Introduction

TAKER_WINDOW_DAYS = 90
# The database returns this many times the rows asked for; the engine then
# orders them by its own figures (equal to the database's but for rounding).
_FETCH_FACTOR = 3
_MIN_FETCH = 30


def mode_of(goal: Goal | None) -> engine.Mode:
    return engine.Mode.SEARCH if goal is not None else engine.Mode.MAINTAIN


@dataclass(frozen=True, slots=True)
class Agenda:
    mode: engine.Mode
    today: date
    goal: Goal | None
    items: list[engine.Item]


@dataclass(frozen=True, slots=True)
class _Details:
    """What the rows do not hold but the reasons' words need."""

    follow_up_summaries: dict[tuple[int, date], str]
    job_changes: dict[int, tuple[date, str, str]]
    introduced_whom: dict[int, str]  # introducer → whom, latest introduction
    introduced_by: dict[int, str]  # introduced → by whom, latest
    lead_news: dict[int, str]  # credited person → the latest lead news
    tags: dict[int, list[str]]


def _details(rows: Sequence[Relationship], *, with_tags: bool) -> _Details:
    ids = [r.person_id for r in rows]
    follow_up_days = {
        day_to_date(r.follow_up_day) for r in rows if r.follow_up_day is not None
    }
    summaries: dict[tuple[int, date], str] = {}
    if follow_up_days:
        for person_id, due_on, summary in (
            Participation.objects.filter(
                person_id__in=ids, interaction__follow_up_on__in=follow_up_days
            )
            .order_by("interaction_id")
            .values_list(
                "person_id", "interaction__follow_up_on", "interaction__summary"
            )
        ):
            if due_on is not None:
                summaries.setdefault((person_id, due_on), summary)
    job_changes = {
        person_id: (on, previous, current)
        for person_id, on, previous, current in PersonEvent.objects.filter(
            person_id__in=ids, kind=PersonEvent.Kind.JOB_CHANGE
        )
        .exclude(current="")
        .order_by("occurred_on", "pk")
        .values_list("person_id", "occurred_on", "previous", "current")
    }
    to_user = Introduction.objects.filter(introduced_to__isnull=True).order_by(
        "introduced_on", "pk"
    )
    introduced_whom = dict(
        to_user.filter(introducer_id__in=ids).values_list(
            "introducer_id", "introduced__full_name"
        )
    )
    introduced_by = dict(
        to_user.filter(introduced_id__in=ids).values_list(
            "introduced_id", "introducer__full_name"
        )
    )
    lead_news = {
        person_id: f"“{title}” reached {stage}"
        for person_id, title, stage in LeadStageChange.objects.filter(
            lead__credits__person_id__in=ids
        )
        .exclude(stage=Lead.Stage.LEAD)
        .order_by("changed_on", "pk")
        .values_list("lead__credits__person_id", "lead__title", "stage")
    }
    tags: dict[int, list[str]] = defaultdict(list)
    if with_tags:
        for person_id, name in Person.tags.through.objects.filter(
            person_id__in=ids
        ).values_list("person_id", "tag__name"):
            tags[person_id].append(name)
    return _Details(
        summaries, job_changes, introduced_whom, introduced_by, lead_news, tags
    )


def _never_contacted_because(
    row: Relationship, details: _Details, today: int, mode: engine.Mode
) -> str:
    """Why a contact never reached is worth reaching; mirrors the SQL."""
    if row.last_contact_day is not None:
        return ""
    if (
        row.introduced_day is not None
        and row.introduced_day >= today - engine.INTRODUCED_DAYS
    ):
        by = details.introduced_by.get(row.person_id, "someone")
        return f"{by} introduced you on {date.fromordinal(row.introduced_day)}"
    if row.met_day is not None and row.met_day >= today - engine.MET_RECENTLY_DAYS:
        return f"you met on {date.fromordinal(row.met_day).isoformat()}"
    if not row.tier_derived:
        return f"you keep them on the {row.tier} tier"
    if mode is engine.Mode.SEARCH and row.goal_relevance > 0:
        return "relevant to your goal"
    if mode is engine.Mode.SEARCH and row.goal_bridges > 0:
        return "knows people relevant to your goal"
    return ""


def facts_for(
    rows: Sequence[Relationship], *, today: date, mode: engine.Mode, goal: Goal | None
) -> list[engine.Facts]:
    """Engine Facts for these rows (with person and organization selected)."""
    t = today.toordinal()
    terms = goal_terms(goal.text) if goal is not None else ()
    details = _details(rows, with_tags=bool(terms))
    facts = []
    for row in rows:
        person = row.person
        organization = person.organization
        birthday = None
        if person.birthday_month and person.birthday_day:
            birthday = engine.next_birthday(
                person.birthday_month, person.birthday_day, today
            )
        loops = []
        if row.last_advice_day is not None:
            loops.append(engine.Loop("advice", date.fromordinal(row.last_advice_day)))
        if row.intro_made_day is not None:
            loops.append(
                engine.Loop(
                    "introduction",
                    date.fromordinal(row.intro_made_day),
                    details.introduced_whom.get(person.pk, ""),
                )
            )
        if row.lead_news_day is not None:
            loops.append(
                engine.Loop(
                    "lead",
                    date.fromordinal(row.lead_news_day),
                    details.lead_news.get(person.pk, ""),
                )
            )
        follow_ups: tuple[engine.FollowUp, ...] = ()
        if row.follow_up_day is not None and row.last_contact_day is not None:
            due_on = date.fromordinal(row.follow_up_day)
            follow_ups = (
                engine.FollowUp(
                    due_on,
                    date.fromordinal(row.last_contact_day),
                    summary=details.follow_up_summaries.get((person.pk, due_on), ""),
                    intent=row.follow_up_intent,
                ),
            )
        matched: tuple[str, ...] = ()
        if terms:
            texts = [person.title, *details.tags.get(person.pk, [])]
            if organization is not None:
                texts += [organization.name, organization.industry]
            matched = relevance(terms, [x for x in texts if x]).matched
        thanks_since = None
        if row.last_received_day is not None and (
            row.last_give_day is None or row.last_give_day < row.last_received_day
        ):
            thanks_since = date.fromordinal(row.last_received_day)
        last_contact = day_to_date(row.last_contact_day)
        facts.append(
            engine.Facts(
                person_id=person.pk,
                name=person.full_name,
                strength=strength.strength_from_bond(row.bond, last_contact, today),
                bond=row.bond,
                cadence=row.cadence if row.tracked else None,
                due=day_to_date(row.due_day),
                last_contact=last_contact,
                last_warm=day_to_date(row.last_warm_day),
                goal_relevance=row.goal_relevance
                if mode is engine.Mode.SEARCH
                else 0.0,
                goal_bridges=row.goal_bridges if mode is engine.Mode.SEARCH else 0,
                goal_matched=matched,
                knows_goal=row.knows_goal,
                follow_ups=follow_ups,
                job_change=details.job_changes.get(person.pk),
                birthday=birthday,
                thanks_owed_since=thanks_since,
                loops=tuple(loops),
                never_contacted_because=_never_contacted_because(row, details, t, mode),
                organization=organization.name if organization else None,
                dormant_on=day_to_date(row.dormant_day),
            )
        )
    return facts


def _with_people(ids: Collection[int]) -> list[Relationship]:
    return list(
        Relationship.objects.filter(person_id__in=list(ids)).select_related(
            "person", "person__organization"
        )
    )


def agenda(network: Network, *, limit: int = 10, today: date | None = None) -> Agenda:
    """Who to get in touch with today and why, best first.

    One scan scores every visible relationship in SQL (`ranking.agenda_score`)
    and returns the best rows; the engine recomputes their reasons in words
    and orders them by its own scores.
    """
    today = today or clock.today()
    t = today.toordinal()
    goal = current_goal(network)
    mode = mode_of(goal)
    top = list(
        ranking.visible(network, t)
        # No `score > 0` filter: Django would compute the sum twice, and
        # the engine drops rows without a reason anyway.
        .annotate(score=ranking.agenda_score(t, mode))
        .order_by("-score", "person_id")
        .values_list("person_id", flat=True)[: max(limit * _FETCH_FACTOR, _MIN_FETCH)]
    )
    facts = facts_for(_with_people(top), today=today, mode=mode, goal=goal)
    items = engine.rank(
        (i for f in facts if (i := engine.item(f, today, mode)) is not None), limit
    )
    return Agenda(mode=mode, today=today, goal=goal, items=items)


@dataclass(frozen=True, slots=True)
class DormantTie:
    facts: engine.Facts
    days_silent: int
    way_back: str
    tier: str


DORMANT_BIRTHDAY_DAYS = 30  # a birthday this close is a good way back in


def dormant(
    network: Network, *, limit: int = 20, today: date | None = None
) -> list[DormantTie]:
    """Ties past twice their cadence, strongest first, each with a way back in."""
    today = today or clock.today()
    t = today.toordinal()
    last_summary = (
        Participation.objects.filter(person_id=OuterRef("person_id"))
        .exclude(interaction__summary="")
        .order_by("-occurred_on", "-interaction_id")
        .values("interaction__summary")[:1]
    )
    top = list(
        ranking.visible(network, t)
        .filter(dormant_day__lte=t)
        .annotate(strength_now=ranking.strength_today(t))
        .order_by("-strength_now", "person_id")
        .values_list("person_id", flat=True)[:limit]
    )
    rows = {
        r.person_id: r
        for r in Relationship.objects.filter(person_id__in=top)
        .select_related("person", "person__organization")
        .annotate(last_summary=Subquery(last_summary))
    }
    ordered = [rows[pk] for pk in top if pk in rows]
    found = []
    for row, f in zip(
        ordered,
        facts_for(ordered, today=today, mode=engine.Mode.MAINTAIN, goal=None),
        strict=True,
    ):
        silent = (today - f.last_contact).days if f.last_contact else 0
        job = f.job_change
        if job is not None and f.last_contact is not None and job[0] <= f.last_contact:
            job = None  # they have heard from the user since
        soon = (
            f.birthday
            if f.birthday and (f.birthday - today).days <= DORMANT_BIRTHDAY_DAYS
            else None
        )
        found.append(
            DormantTie(
                facts=f,
                days_silent=silent,
                tier=row.tier,
                way_back=engine.way_back_in(
                    f.name,
                    organization=f.organization,
                    last_summary=getattr(row, "last_summary", None) or "",
                    job_change=job,
                    birthday=soon,
                    days_silent=silent,
                ),
            )
        )
    return found


@dataclass(frozen=True, slots=True)
class Ledger:
    """Give and ask, for one person or the whole network."""

    gives: int  # give and thanks
    thanks: int
    advice_asks: int
    favour_asks: int
    received: int
    interactions: int
    last_give: date | None
    last_ask: date | None

    @property
    def asks(self) -> int:
        return self.advice_asks + self.favour_asks


@dataclass(frozen=True, slots=True)
class PersonLedger:
    person_id: int
    name: str
    ledger: Ledger
    thanks_owed_since: date | None


@dataclass(frozen=True, slots=True)
class BalanceWarning:
    kind: str
    text: str


@dataclass(frozen=True, slots=True)
class NetworkBalance:
    ledger: Ledger
    recent_days: int
    recent_interactions: int
    recent_asks: int
    recent_gives: int
    warnings: list[BalanceWarning]
    # Where the user has asked more than given, most lopsided first.
    most_asked: list[PersonLedger]
    thanks_owed: int


def _ledger(row: dict[str, Any]) -> Ledger:
    return Ledger(
        gives=(row["gives"] or 0) + (row["thanks"] or 0),
        thanks=row["thanks"] or 0,
        advice_asks=row["advice"] or 0,
        favour_asks=row["favours"] or 0,
        received=row["received"] or 0,
        interactions=row["interactions"] or 0,
        last_give=day_to_date(row["last_give_day"]),
        last_ask=day_to_date(row["last_ask_day"]),
    )


_LEDGER_FIELDS = (
    "gives", "thanks", "advice", "favours", "received", "interactions",
    "last_give_day", "last_ask_day",
)  # fmt: skip


def person_ledger(network: Network, person: Person) -> PersonLedger:
    """`balance PERSON`: what the user gave this person and asked of them."""
    today = clock.today().toordinal()
    row = (
        Relationship.objects.filter(network=network, person=person)
        .values(*_LEDGER_FIELDS, "last_received_day")
        .first()
    )
    if row is None:
        row = dict.fromkeys((*_LEDGER_FIELDS, "last_received_day"))
    owed = None
    received = row["last_received_day"]
    if (
        received is not None
        and received >= today - engine.THANKS_DAYS
        and (row["last_give_day"] is None or row["last_give_day"] < received)
    ):
        owed = date.fromordinal(received)
    return PersonLedger(person.pk, person.full_name, _ledger(row), owed)


def network_balance(network: Network, *, most_asked: int = 5) -> NetworkBalance:
    """The whole network's ledger, the last 90 days, and the taker warning.

    Counts are per person: an interaction with two people counts for each
    of them, so the network's ledger is the sum of the people's.
    """
    today = clock.today()
    t = today.toordinal()
    rows = ranking.scan(network)
    totals = rows.aggregate(
        **{name: Sum(name) for name in _LEDGER_FIELDS[:6]},
        latest_give=Max("last_give_day"),
        latest_ask=Max("last_ask_day"),
        owed=Count("pk", filter=Q(tracked=True) & ranking.thanks_owed(t)),
    )
    # Named apart from the fields: an aggregate named like a field would
    # shadow it in the filter of `owed`.
    totals["last_give_day"] = totals.pop("latest_give")
    totals["last_ask_day"] = totals.pop("latest_ask")
    recent = recent_balance(network)
    worst = list(
        rows.annotate(excess=F("advice") + F("favours") - F("gives") - F("thanks"))
        .filter(excess__gt=0)
        .order_by("-excess", "person_id")
        .values_list("person_id", flat=True)[:most_asked]
    )
    by_id = {r.person_id: r for r in _with_people(worst)}
    lopsided = [by_id[pk] for pk in worst if pk in by_id]
    owed = totals["owed"]
    return NetworkBalance(
        ledger=_ledger(totals),
        recent_days=recent.days,
        recent_interactions=recent.interactions,
        recent_asks=recent.asks,
        recent_gives=recent.gives,
        warnings=recent.warnings,
        most_asked=[
            PersonLedger(
                r.person_id,
                r.person.full_name,
                _ledger({f: getattr(r, f) for f in _LEDGER_FIELDS}),
                None,
            )
            for r in lopsided
        ],
        thanks_owed=owed,
    )


@dataclass(frozen=True, slots=True)
class GoalCandidate:
    """Someone who should hear the goal next, and why them."""

    person_id: int
    name: str
    organization: str | None
    strength: float
    relevance: float
    matched: tuple[str, ...]
    bridges: int  # people relevant to the goal they know
    score: float


def who_should_hear_next(network: Network, *, limit: int = 10) -> list[GoalCandidate]:
    """Contacts not yet aware of the goal, strongest and most relevant first.

    Ranked by strength * (0.4 + 0.6 * goal pull), the pull being relevance
    plus the relevant people they know: a strong tie who has nothing to do
    with the goal still helps (it's who knows *you*), but a relevant one, or
    one a single introduction away from relevant people, helps more. Empty in
    maintain mode.
    """
    goal = current_goal(network)
    if goal is None:
        return []
    today = clock.today()
    t = today.toordinal()
    score = ranking.strength_today(t) * (
        ranking.FLOAT_04 + ranking.FLOAT_06 * ranking.goal_pull()
    )
    top = list(
        ranking.scan(network)
        .filter(contact=True, knows_goal=False)
        .annotate(score=score)
        .order_by("-score", "person_id")
        .values_list("person_id", flat=True)[:limit]
    )
    rows = {r.person_id: r for r in _with_people(top)}
    ordered = [rows[pk] for pk in top if pk in rows]
    facts = facts_for(ordered, today=today, mode=engine.Mode.SEARCH, goal=goal)
    found = []
    for f in facts:
        found.append(
            GoalCandidate(
                person_id=f.person_id,
                name=f.name,
                organization=f.organization,
                strength=f.strength,
                relevance=f.goal_relevance,
                matched=f.goal_matched,
                bridges=f.goal_bridges,
                score=round(
                    f.strength
                    * (0.4 + 0.6 * engine.goal_pull(f.goal_relevance, f.goal_bridges)),
                    4,
                ),
            )
        )
    return found


def has_people(network: Network) -> bool:
    """Whether the network has anyone in it, archived or not (one query)."""
    return Person.objects.filter(network=network).exists()


@dataclass(frozen=True, slots=True)
class RecentBalance:
    """Gives and asks over the last `days` days, and the taker warning."""

    days: int
    interactions: int
    asks: int
    gives: int
    warnings: list[BalanceWarning]


def recent_balance(network: Network, *, days: int = TAKER_WINDOW_DAYS) -> RecentBalance:
    """The recent part of `network_balance`: counts and the taker warning.

    One query over the interactions of the last `days` days (counted per
    interaction, as `network_balance` counts them), for a page that cannot
    afford to scan every relationship as the all-time ledger does.
    """
    since = clock.today() - timedelta(days=days)
    recent: dict[str, int] = defaultdict(int)
    for intent, count in (
        Interaction.objects.filter(network=network, occurred_on__gt=since)
        .values("intent")
        .annotate(n=Count("pk"))
        .values_list("intent", "n")
    ):
        recent[intent] = count
    total = sum(recent.values())
    asks = sum(recent[i] for i in reciprocity.ASKING_INTENTS)
    gives = sum(recent[i] for i in reciprocity.GIVING_INTENTS)
    warnings = []
    if reciprocity.is_taker(asks=asks, total=total):
        warnings.append(
            BalanceWarning(
                "taker", reciprocity.taker_text(asks=asks, total=total, days=days)
            )
        )
    return RecentBalance(
        days=days, interactions=total, asks=asks, gives=gives, warnings=warnings
    )
