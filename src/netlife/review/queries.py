"""The weekly review: what the user's networking produced in the last N weeks.

`weekly_review` reads everything `netlife report` shows in a fixed number
of queries, however many people, interactions, weeks or leads there are:
one aggregate over the Relationship rows answers "kept within cadence"
for every tie that was quiet through the whole window; only the ties
contacted inside the window have their contact days fetched (two queries)
and walked in Python by `engines.review`. Touches, goal awareness and
lead changes are grouped by day in the database and bucketed into weeks
here. The balance warnings, the funnel's stage counts (all the review
shows of it: `funnel_stages`, without the credits and asks the Leads page
reads) and the agenda come from their own apps' queries, each of which is
fixed-cost too.

The window is the review's N weeks and the N weeks before them, so that
every figure can be set beside the previous period's. Ties, tiers and
cadences are today's: netlife keeps no history of them.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby
from operator import itemgetter
from typing import Final

from django.db.models import Count, F, OuterRef, Q, Subquery

from netlife.core import clock
from netlife.engines import funnel as funnel_engine
from netlife.engines import review as engine
from netlife.goals.models import GoalAwareness
from netlife.goals.queries import current_goal
from netlife.interactions.models import Interaction, Participation
from netlife.leads.models import Lead, LeadStageChange
from netlife.leads.queries import funnel_stages
from netlife.networks.models import Network
from netlife.relationships import ranking
from netlife.relationships.queries import (
    Agenda,
    BalanceWarning,
    agenda,
    recent_balance,
)

# The intents a touch is counted under; a thank-you is a give, as in the
# ledger (`relationships.queries.Ledger.gives`).
TOUCH_KINDS: Final = ("give", "catch-up", "advice", "ask", "received")
_KIND_OF_INTENT: Final = {
    "give": "give",
    "thanks": "give",
    "catch-up": "catch-up",
    "advice": "advice",
    "ask": "ask",
    "received": "received",
}
ASK_KINDS: Final = ("advice", "ask")
AGENDA_SIZE: Final = 5


@dataclass(frozen=True, slots=True)
class Period:
    start: date
    end: date  # inclusive


@dataclass(slots=True)
class Figures:
    """What one week, or one period, produced.

    `kept` and `tracked` are as of the last day: the tracked ties within
    their cadence, out of those in touch at least once by then (a tie never
    contacted has no cadence to keep yet, and the agenda does not count it
    as overdue either). The rest are counts of what happened in the days
    covered; a tie revived twice in a period (possible on a cadence of a
    few days) counts once for the period, once in each week.
    """

    touches: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(TOUCH_KINDS, 0)
    )
    kept: int = 0
    tracked: int = 0
    revived: int = 0
    goal_learned: int = 0
    new_leads: int = 0
    lead_moves: int = 0
    hires: int = 0

    @property
    def total_touches(self) -> int:
        return sum(self.touches.values())

    @property
    def gives(self) -> int:
        return self.touches["give"]

    @property
    def asks(self) -> int:
        return sum(self.touches[kind] for kind in ASK_KINDS)

    @property
    def kept_share(self) -> float | None:
        return engine.share(self.kept, self.tracked)


@dataclass(frozen=True, slots=True)
class WeekFigures:
    week: engine.Week
    in_period: bool  # False for the weeks of the previous period
    figures: Figures


@dataclass(frozen=True, slots=True)
class RevivedTie:
    person_id: int
    name: str
    last_contact: date
    revived_on: date
    days_silent: int


@dataclass(frozen=True, slots=True)
class Learned:
    """Someone who learned the current goal in the period."""

    person_id: int
    name: str
    since: date


@dataclass(frozen=True, slots=True)
class GoalFigures:
    text: str
    started_on: date
    aware: int  # people who know it by the end of the period
    aware_before: int  # by the end of the previous period
    not_aware: int  # contacts who do not know it yet
    learned: list[Learned]  # in the period, earliest first


@dataclass(frozen=True, slots=True)
class LeadEvent:
    """A lead opened (`stage` "lead") or moved to `stage` on `on`."""

    lead_id: int
    title: str
    organization: str | None
    stage: str
    on: date


@dataclass(frozen=True, slots=True)
class Review:
    today: date
    weeks: int
    period: Period
    previous: Period
    by_week: list[WeekFigures]  # the previous period's weeks, then the period's
    current: Figures
    before: Figures
    balance_warnings: list[BalanceWarning]
    revived: list[RevivedTie]  # in the period, earliest first
    goal: GoalFigures | None  # None in maintain mode
    opened: list[LeadEvent]  # leads opened in the period, earliest first
    moved: list[LeadEvent]  # stage changes in the period, earliest first
    funnel: funnel_engine.StageFunnel  # the stage counts: all the review shows
    agenda: Agenda


def _kept_by_week(
    network: Network, weeks: Sequence[engine.Week], window_start: date
) -> tuple[list[int], list[int], int, dict[int, tuple[str, engine.ContactDays]]]:
    """Per week end: tracked ties kept and in touch by then; contacts not aware
    of the goal; and the ties contacted in the window with their contact days.

    Three queries. A tie quiet through the whole window keeps its last
    contact (`last_contact_day`) at every week end, so the database counts
    those; a tie contacted inside the window is walked day by day.
    """
    start = window_start.toordinal()
    tracked = Q(tracked=True)
    quiet = tracked & Q(last_contact_day__lt=start)
    counts: dict[str, Count] = {
        "not_aware": Count("pk", filter=Q(contact=True, knows_goal=False))
    }
    for i, week in enumerate(weeks):
        end = week.end.toordinal()
        counts[f"tracked_{i}"] = Count(
            "pk", filter=tracked & Q(first_contact_day__lte=end)
        )
        counts[f"kept_{i}"] = Count(
            "pk", filter=quiet & Q(last_contact_day__gt=end - F("cadence"))
        )
    totals = ranking.scan(network).aggregate(**counts)
    before = (
        Participation.objects.filter(
            person_id=OuterRef("person_id"), occurred_on__lt=window_start
        )
        .order_by("-occurred_on")
        .values("occurred_on")[:1]
    )
    in_window = ranking.scan(network).filter(tracked & Q(last_contact_day__gte=start))
    active = {
        person_id: (name, cadence, last)
        for person_id, name, cadence, last in in_window.annotate(
            before=Subquery(before)
        )
        .values_list("person_id", "person__full_name", "cadence", "before")
        .iterator()
        if cadence is not None  # always set on a tracked row
    }
    days: dict[int, tuple[date, ...]] = {}
    # Through the participations' (person, date) index, for these ties only:
    # faster than finding the window's interactions first, and than a
    # DISTINCT in the database (100k people, 52 weeks: 0.4 s against 1.5 s).
    # The index returns them in this order (no sort), one run per tie.
    contacts = (
        Participation.objects.filter(
            person_id__in=in_window.values("person_id"),
            occurred_on__range=(window_start, weeks[-1].end),
        )
        .order_by("person_id", "occurred_on")
        .values_list("person_id", "occurred_on")
        .iterator()
    )
    for person_id, run in groupby(contacts, key=itemgetter(0)):
        days[person_id] = tuple(dict.fromkeys(on for _, on in run))  # distinct
    ties = {
        person_id: (name, engine.ContactDays(cadence, last, days.get(person_id, ())))
        for person_id, (name, cadence, last) in active.items()
    }
    kept = engine.kept_counts((tie for _, tie in ties.values()), [w.end for w in weeks])
    return (
        [totals[f"kept_{i}"] + kept[i] for i in range(len(weeks))],
        [totals[f"tracked_{i}"] for i in range(len(weeks))],
        totals["not_aware"],
        ties,
    )


def _revived(
    ties: dict[int, tuple[str, engine.ContactDays]], period: Period
) -> list[RevivedTie]:
    found = []
    for person_id, (name, tie) in ties.items():
        back = engine.revival(tie, period.start, period.end)
        if back is not None:
            found.append(
                RevivedTie(
                    person_id,
                    name,
                    back.last_contact,
                    back.revived_on,
                    back.days_silent,
                )
            )
    found.sort(key=lambda r: (r.revived_on, r.name.casefold(), r.person_id))
    return found


def _goal(
    network: Network,
    weeks: Sequence[engine.Week],
    by_week: list[Figures],
    period: Period,
    not_aware: int,
) -> GoalFigures | None:
    """The current goal's awareness (two queries), the weeks' counts filled in."""
    goal = current_goal(network)
    if goal is None:
        return None
    aware = GoalAwareness.objects.filter(goal=goal)
    totals = aware.aggregate(
        aware=Count("pk", filter=Q(since__lte=period.end)),
        before=Count("pk", filter=Q(since__lt=period.start)),
    )
    learned = []
    for person_id, name, since in (
        aware.filter(since__range=(weeks[0].start, period.end))
        .order_by("since", "person__full_name", "person_id")
        .values_list("person_id", "person__full_name", "since")
    ):
        i = engine.week_index(weeks, since)
        if i is not None:
            by_week[i].goal_learned += 1
        if since >= period.start:
            learned.append(Learned(person_id, name, since))
    return GoalFigures(
        text=goal.text,
        started_on=goal.started_on,
        aware=totals["aware"],
        aware_before=totals["before"],
        not_aware=not_aware,
        learned=learned,
    )


def _leads(
    network: Network, weeks: Sequence[engine.Week], by_week: list[Figures]
) -> tuple[list[LeadEvent], list[LeadEvent]]:
    """Leads opened and moved in the window (two queries), counted by week."""
    window = (weeks[0].start, weeks[-1].end)
    opened = [
        LeadEvent(pk, title, organization, Lead.Stage.LEAD, on)
        for pk, title, organization, on in Lead.objects.filter(
            network=network, created_on__range=window
        )
        .order_by("created_on", "pk")
        .values_list("pk", "title", "organization__name", "created_on")
    ]
    # The opening "lead" entry is the lead being opened, counted above.
    moved = [
        LeadEvent(pk, title, organization, stage, on)
        for pk, title, organization, stage, on in LeadStageChange.objects.filter(
            network=network, changed_on__range=window
        )
        .exclude(stage=Lead.Stage.LEAD)
        .order_by("changed_on", "pk")
        .values_list(
            "lead_id", "lead__title", "lead__organization__name", "stage", "changed_on"
        )
    ]
    for event in opened:
        i = engine.week_index(weeks, event.on)
        if i is not None:
            by_week[i].new_leads += 1
    for event in moved:
        i = engine.week_index(weeks, event.on)
        if i is not None:
            by_week[i].lead_moves += 1
            by_week[i].hires += event.stage == Lead.Stage.HIRED
    return opened, moved


def _sum(weeks: Sequence[Figures], revived: int) -> Figures:
    """A period's figures from its weeks; ties kept are the last week's."""
    total = Figures(kept=weeks[-1].kept, tracked=weeks[-1].tracked, revived=revived)
    for week in weeks:
        for kind, count in week.touches.items():
            total.touches[kind] += count
        total.goal_learned += week.goal_learned
        total.new_leads += week.new_leads
        total.lead_moves += week.lead_moves
        total.hires += week.hires
    return total


def weekly_review(
    network: Network, *, weeks: int = 1, today: date | None = None
) -> Review:
    """The review of the last `weeks` weeks up to `today`, beside the weeks before.

    `weeks` runs from 1 to 52 (ValueError otherwise; the CLI checks it
    first). Reads only `network`'s rows, in a fixed number of queries. The
    taker warning is `network_balance`'s, over the 90 days up to the
    clock's today, whatever `today` is given; it is read through
    `recent_balance`, the part of `network_balance` it comes from, without
    the all-time ledger (a scan of every relationship) the review does not
    show.
    """
    if not 1 <= weeks <= engine.MAX_WEEKS:
        raise ValueError(f"weeks must be 1 to {engine.MAX_WEEKS}, not {weeks}")
    today = today or clock.today()
    all_weeks = engine.weeks_back(today, 2 * weeks)
    earlier, recent = all_weeks[:weeks], all_weeks[weeks:]
    period = Period(recent[0].start, today)
    previous = Period(earlier[0].start, earlier[-1].end)
    by_week = [Figures() for _ in all_weeks]

    for on, intent, count in (
        Interaction.objects.filter(
            network=network, occurred_on__range=(all_weeks[0].start, today)
        )
        .values("occurred_on", "intent")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("occurred_on", "intent", "n")
    ):
        i = engine.week_index(all_weeks, on)
        if i is not None:
            by_week[i].touches[_KIND_OF_INTENT[intent]] += count

    kept, tracked, not_aware, ties = _kept_by_week(
        network, all_weeks, all_weeks[0].start
    )
    for figures, k, t in zip(by_week, kept, tracked, strict=True):
        figures.kept, figures.tracked = k, t
    goal = _goal(network, all_weeks, by_week, period, not_aware)
    opened, moved = _leads(network, all_weeks, by_week)
    for figures, count in zip(
        by_week,
        engine.weekly_revivals((tie for _, tie in ties.values()), all_weeks),
        strict=True,
    ):
        figures.revived = count
    revived = _revived(ties, period)
    revived_before = _revived(ties, previous)

    return Review(
        today=today,
        weeks=weeks,
        period=period,
        previous=previous,
        by_week=[
            WeekFigures(week, i >= weeks, figures)
            for i, (week, figures) in enumerate(zip(all_weeks, by_week, strict=True))
        ],
        current=_sum(by_week[weeks:], len(revived)),
        before=_sum(by_week[:weeks], len(revived_before)),
        balance_warnings=recent_balance(network).warnings,
        revived=revived,
        goal=goal,
        opened=[e for e in opened if e.on >= period.start],
        moved=[e for e in moved if e.on >= period.start],
        funnel=funnel_stages(network),
        agenda=agenda(network, limit=AGENDA_SIZE, today=today),
    )
