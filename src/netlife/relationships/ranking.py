"""SQL forms of the engines' rankings, so the database returns the top rows only.

Each expression mirrors a function of `netlife.engines.strength` or
`netlife.engines.agenda`, using the same constants, as arithmetic that
SQLite and PostgreSQL both run on a Relationship row (day numbers make
"days since" a subtraction). The database picks and orders the rows; the
engines then compute every figure shown for the few rows returned, and a
test checks that the two agree on a hand-built network.
"""

from datetime import date, timedelta

from django.db import connection
from django.db.models import (
    Case,
    ExpressionWrapper,
    F,
    FloatField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.expressions import Combinable
from django.db.models.functions import Coalesce, Greatest, Least

from netlife.engines import agenda, reciprocity, strength
from netlife.networks.models import Network
from netlife.relationships.models import Relationship

FLOAT: "FloatField[float, float]" = FloatField()


def _float(value: float) -> Value:
    return Value(float(value), output_field=FLOAT)


FLOAT_04 = _float(0.4)
FLOAT_06 = _float(0.6)


def scan(network: Network) -> QuerySet[Relationship]:
    """The network's Relationship rows, read as a sequential scan on SQLite.

    Rankings score every row of a network. Through the network index, SQLite
    fetches each row by a random lookup: 140 ms for the 100k-people demo,
    against 20 ms for a plain scan of the table. `network_id + 0` keeps the
    planner off that index; PostgreSQL, serving many networks from one
    table, keeps its index and its own judgement.
    """
    rows = Relationship.objects.all()
    if connection.vendor == "sqlite":
        return rows.alias(scan_network=F("network_id") + 0).filter(
            scan_network=network.pk
        )
    return rows.filter(network=network)


def visible(network: Network, today: int) -> QuerySet[Relationship]:
    """Tracked relationships that are not snoozed today."""
    return (
        scan(network)
        .filter(tracked=True)
        .filter(Q(snoozed_day__isnull=True) | Q(snoozed_day__lte=today))
    )


def strength_today(today: int) -> Combinable:
    """bond - W + W*H / (H + days since the last contact); the bond if never."""
    # A last contact dated after today (an import can hold one) counts as
    # today, as in the engine.
    days_since = Greatest(Value(today) - F("last_contact_day"), Value(0))
    decayed = ExpressionWrapper(
        F("bond")
        - _float(strength.W_RECENCY)
        + _float(strength.W_RECENCY * strength.RECENCY_HALF_DAYS)
        / (_float(strength.RECENCY_HALF_DAYS) + days_since),
        output_field=FLOAT,
    )
    return Coalesce(decayed, F("bond"), output_field=FLOAT)


def _linear(score: agenda.Linear, s: Combinable, weight: float = 1.0) -> Combinable:
    return (_float(score.base) + _float(score.per_strength) * s) * _float(weight)


def _days(today: int, *, before: int, after: int = 0) -> tuple[int, int]:
    return today - before, today + after


def birthday_keys(today_ordinal: int) -> list[int]:
    """month * 100 + day for the birthdays shown today (see engines.agenda)."""
    today = date.fromordinal(today_ordinal)
    keys = []
    for offset in range(agenda.BIRTHDAY_AHEAD_DAYS + 1):
        day = today + timedelta(days=offset)
        keys.append(day.month * 100 + day.day)
        if day.month == 2 and day.day == 28 and agenda.next_birthday(2, 29, day) == day:
            keys.append(229)  # 29 February, kept on the 28th in a common year
    return keys


def goal_pull() -> Combinable:
    """engines.agenda.goal_pull: relevance plus the warm paths, at most 1."""
    bridges = Least(F("goal_bridges"), Value(agenda.BRIDGE_CAP))
    return Least(
        _float(1.0),
        F("goal_relevance")
        + _float(agenda.BRIDGE_WEIGHT / agenda.BRIDGE_CAP) * bridges,
        output_field=FLOAT,
    )


def thanks_owed(today: int) -> Q:
    """They helped within the thanks window and have not been thanked since."""
    return Q(last_received_day__range=_days(today, before=agenda.THANKS_DAYS)) & (
        Q(last_give_day__isnull=True) | Q(last_give_day__lt=F("last_received_day"))
    )


def agenda_score(today: int, mode: agenda.Mode) -> Combinable:
    """Every reason's score summed, as engines.agenda.reasons computes them."""
    weights = agenda.WEIGHTS[mode]
    s = strength_today(today)
    zero = _float(0.0)
    never_contacted = Q(last_contact_day__isnull=True)
    cooling = Q(last_warm_day__isnull=True) | Q(
        last_warm_day__lt=F("follow_up_day")
        - Coalesce(F("cadence"), Value(reciprocity.UNTRACKED_WARM_DAYS))
    )
    overdue: Combinable = (
        F("bond")
        * (_float(1.0) + (_float(today) - F("due_day")) / F("cadence"))
        * _float(weights.overdue)
    )
    relevance: Combinable = _float(0.0)
    never_relevant = (
        Q(introduced_day__gte=today - agenda.INTRODUCED_DAYS)
        | Q(met_day__gte=today - agenda.MET_RECENTLY_DAYS)
        | Q(tier_derived=False)
    )
    goal_related = Q(goal_relevance__gt=0) | Q(goal_bridges__gt=0)
    if mode is agenda.Mode.SEARCH:
        relevance = goal_pull()
        overdue = overdue * (_float(0.8) + _float(0.6) * relevance)
        never_relevant |= goal_related
    loop_window = _days(today, before=agenda.LOOP_MAX_DAYS, after=-agenda.LOOP_MIN_DAYS)
    conditions: list[tuple[Q, Combinable]] = [
        (
            Q(
                follow_up_intent__in=("ask", "advice"),
                follow_up_day__range=_days(
                    today,
                    before=agenda.FOLLOW_UP_DAYS,
                    after=agenda.WARM_UP_AHEAD_DAYS,
                ),
            )
            & cooling,
            _linear(agenda.WARM_UP, s),
        ),
        (
            Q(follow_up_day__range=_days(today, before=agenda.FOLLOW_UP_DAYS)),
            _linear(agenda.FOLLOW_UP, s),
        ),
        (thanks_owed(today), _linear(agenda.THANKS, s, weights.thanks)),
        (
            Q(
                last_advice_day__range=loop_window,
                last_contact_day=F("last_advice_day"),
            ),
            _linear(agenda.LOOP, s, weights.loop),
        ),
        (
            Q(intro_made_day__range=loop_window)
            & (never_contacted | Q(last_contact_day__lte=F("intro_made_day"))),
            _linear(agenda.LOOP, s, weights.loop),
        ),
        (
            Q(lead_news_day__range=_days(today, before=agenda.LOOP_MAX_DAYS))
            & (never_contacted | Q(last_contact_day__lt=F("lead_news_day"))),
            _linear(agenda.LOOP, s, weights.loop),
        ),
        (
            Q(job_change_day__range=_days(today, before=agenda.JOB_CHANGE_DAYS))
            & (never_contacted | Q(last_contact_day__lt=F("job_change_day"))),
            _linear(agenda.JOB_CHANGE, s),
        ),
        (Q(birthday_key__in=birthday_keys(today)), _linear(agenda.BIRTHDAY, s)),
        (
            Q(
                cadence__isnull=False,
                last_contact_day__isnull=False,
                due_day__lte=today,
                dormant_day__gt=today,
            ),
            overdue,
        ),
        (
            never_contacted & never_relevant,
            _float(agenda.NEVER_CONTACTED_BASE)
            + _float(agenda.NEVER_CONTACTED_PER_RELEVANCE) * relevance,
        ),
    ]
    if mode is agenda.Mode.SEARCH:
        conditions.append(
            (
                goal_related & Q(knows_goal=False),
                relevance * (_float(0.6) + s) * _float(weights.goal),
            )
        )
    total: Combinable = zero
    for condition, score in conditions:
        total = total + Case(When(condition, then=score), default=zero)
    return ExpressionWrapper(total, output_field=FLOAT)
