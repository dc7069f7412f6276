"""The agenda: who to get in touch with now, why, and how much it matters.

Each contact brings `Facts` (what the database knows that could make a
message timely); `reasons` turns them into `Reason`s with a score each, and
an item's score is the sum. Scores weigh the tie: a strong tie slipping past
its cadence outranks a weak one barely due, and a thank-you owed outranks a
routine catch-up. The weights differ by mode: in *maintain* mode (no active
goal) cadences and giving matter most; in *search* mode goal relevance and
awareness weigh more.

Every figure here is deterministic for a given "today", so tests can pin
the exact order of a hand-built network.
"""

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from netlife.engines.reciprocity import UNTRACKED_WARM_DAYS

# How long each timely reason stays on the agenda.
FOLLOW_UP_DAYS: Final = 60  # after the follow-up date, the cadence takes over
WARM_UP_AHEAD_DAYS: Final = 14  # a warm-up is suggested this long before a planned ask
JOB_CHANGE_DAYS: Final = 60
BIRTHDAY_AHEAD_DAYS: Final = 7
THANKS_DAYS: Final = 180  # a thank-you owed longer than this is not nagged about
LOOP_MIN_DAYS: Final = 14  # give an introduction or advice time to bear fruit
LOOP_MAX_DAYS: Final = 180
MET_RECENTLY_DAYS: Final = 90  # a contact met lately and never reached is relevant
INTRODUCED_DAYS: Final = 365  # so is one introduced to the user within a year


class Mode(enum.StrEnum):
    MAINTAIN = "maintain"
    SEARCH = "search"


class Kind(enum.StrEnum):
    """Reason kinds, in the order they are listed within one item."""

    WARM_UP = "warm-up"
    FOLLOW_UP = "follow-up"
    THANKS_OWED = "thanks-owed"
    CLOSE_THE_LOOP = "close-the-loop"
    JOB_CHANGE = "job-change"
    BIRTHDAY = "birthday"
    GOAL = "goal"
    OVERDUE = "overdue"
    NEVER_CONTACTED = "never-contacted"


@dataclass(frozen=True, slots=True)
class FollowUp:
    """A follow-up the user set when logging an interaction."""

    due_on: date
    set_on: date
    summary: str = ""
    # An asking intent here makes it a planned ask.
    intent: str = ""


@dataclass(frozen=True, slots=True)
class Loop:
    """Something the contact did for the user that they have not heard back on."""

    kind: str  # "introduction", "advice" or "lead"
    on: date
    # Whom they introduced; for a lead, its title and the stage it reached.
    about: str = ""


@dataclass(frozen=True, slots=True)
class Facts:
    """What could make a message to one contact timely today."""

    person_id: int
    name: str
    strength: float
    bond: float
    cadence: int | None
    due: date | None
    last_contact: date | None
    last_warm: date | None = None
    goal_relevance: float = 0.0
    # How many people relevant to the goal this contact knows: a warm path
    # towards it, one introduction away.
    goal_bridges: int = 0
    goal_matched: tuple[str, ...] = ()
    knows_goal: bool = False
    follow_ups: tuple[FollowUp, ...] = ()
    job_change: tuple[date, str, str] | None = None  # on, previous, current
    birthday: date | None = None  # the next one, if known
    thanks_owed_since: date | None = None
    loops: tuple[Loop, ...] = ()
    # Why a contact never reached is worth reaching: "introduced by Ann",
    # "you set a tier", "met on 2026-05-01". Empty means not relevant.
    never_contacted_because: str = ""
    organization: str | None = None
    # From this day the tie is dormant (listed by `dormant`, not as overdue);
    # None means last contact + twice the cadence.
    dormant_on: date | None = None

    def is_dormant(self, today: date) -> bool:
        """Past twice the cadence: too far gone to be merely overdue."""
        if self.cadence is None or self.last_contact is None:
            return False
        cutoff = self.dormant_on or self.last_contact + timedelta(days=2 * self.cadence)
        return today >= cutoff


@dataclass(frozen=True, slots=True)
class Reason:
    kind: Kind
    text: str
    score: float


@dataclass(frozen=True, slots=True)
class Item:
    """One line of the agenda."""

    facts: Facts
    reasons: tuple[Reason, ...]
    score: float
    days_overdue: int

    @property
    def person_id(self) -> int:
        return self.facts.person_id


@dataclass(frozen=True, slots=True)
class Linear:
    """A reason's score: base + per_strength * strength of the tie."""

    base: float
    per_strength: float

    def __call__(self, strength: float) -> float:
        return self.base + self.per_strength * strength


WARM_UP: Final = Linear(1.3, 0.5)  # ahead of the planned ask's follow-up
FOLLOW_UP: Final = Linear(1.0, 0.5)
THANKS: Final = Linear(1.1, 0.4)
LOOP: Final = Linear(0.9, 0.4)
JOB_CHANGE: Final = Linear(0.8, 0.5)
BIRTHDAY: Final = Linear(0.5, 0.7)
NEVER_CONTACTED_BASE: Final = 0.4
NEVER_CONTACTED_PER_RELEVANCE: Final = 0.6  # search mode only


@dataclass(frozen=True, slots=True)
class Weights:
    overdue: float
    goal: float
    thanks: float
    loop: float


WEIGHTS: Final[dict[Mode, Weights]] = {
    Mode.MAINTAIN: Weights(overdue=1.0, goal=0.0, thanks=1.2, loop=1.0),
    Mode.SEARCH: Weights(overdue=0.8, goal=1.0, thanks=1.0, loop=1.2),
}


def days_overdue(due: date | None, today: date) -> int:
    """Days past the due date; 0 when not yet due or not tracked."""
    return max(0, (today - due).days) if due is not None else 0


BRIDGE_WEIGHT: Final = 0.5  # knowing BRIDGE_CAP relevant people adds this much
BRIDGE_CAP: Final = 5


def goal_pull(relevance: float, bridges: int) -> float:
    """How much a contact matters to the goal, 0..1: their own relevance plus
    the warm paths they offer (relevant people they know).

    >>> goal_pull(0.5, 0), goal_pull(0.0, 5), goal_pull(0.8, 10)
    (0.5, 0.5, 1.0)
    """
    share = min(max(bridges, 0), BRIDGE_CAP) / BRIDGE_CAP
    return min(1.0, relevance + BRIDGE_WEIGHT * share)


def overdue_score(
    bond: float, days_over: int, cadence: int, relevance: float, mode: Mode
) -> float:
    """bond * (1 + days over / cadence): slipping further matters more, and a
    strong tie more than a weak one; in search mode also * (0.8 + 0.6 *
    relevance), so the goal weighs in."""
    base = bond * (1.0 + days_over / cadence) * WEIGHTS[mode].overdue
    if mode is Mode.SEARCH:
        base *= 0.8 + 0.6 * relevance
    return base


def goal_score(relevance: float, strength: float, mode: Mode) -> float:
    """relevance * (0.6 + strength): in search mode only."""
    return relevance * (0.6 + strength) * WEIGHTS[mode].goal


def thanks_score(strength: float, mode: Mode) -> float:
    return THANKS(strength) * WEIGHTS[mode].thanks


def loop_score(strength: float, mode: Mode) -> float:
    return LOOP(strength) * WEIGHTS[mode].loop


def never_contacted_score(relevance: float, mode: Mode) -> float:
    per = NEVER_CONTACTED_PER_RELEVANCE if mode is Mode.SEARCH else 0.0
    return NEVER_CONTACTED_BASE + per * relevance


def next_birthday(month: int, day: int, today: date) -> date:
    """The next 29 February falls on 28 February in a common year."""
    for year in (today.year, today.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            candidate = date(year, month, 28)
        if candidate >= today:
            return candidate
    raise AssertionError("unreachable: next year always has the date")


def _relative(on: date, today: date) -> str:
    """ "today", "yesterday", "in 3 days (2026-06-18)", "14 days ago (…)"."""
    days = (on - today).days
    if days == 0:
        return "today"
    if abs(days) == 1:
        return "tomorrow" if days > 0 else "yesterday"
    if days > 0:
        return f"in {days} days ({on.isoformat()})"
    return f"{-days} days ago ({on.isoformat()})"


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _quote(summary: str) -> str:
    text = " ".join(summary.split())
    if len(text) > 60:
        text = text[:57].rstrip() + "…"
    return f" about “{text}”" if text else ""


def _is_ask(intent: str) -> bool:
    return intent in ("ask", "advice")


def _cooling(facts: Facts, on: date) -> bool:
    """No non-asking contact within the cadence as of `on` (or ever)."""
    if facts.last_warm is None:
        return True
    window = facts.cadence if facts.cadence is not None else UNTRACKED_WARM_DAYS
    return facts.last_warm < on - timedelta(days=window)


def _within(on: date, today: date, *, before: int, after: int = 0) -> bool:
    """`on` lies from `before` days ago to `after` days ahead of today."""
    return today - timedelta(days=before) <= on <= today + timedelta(days=after)


def _follow_up_reasons(facts: Facts, today: date) -> list[Reason]:
    s = facts.strength
    reasons = []
    for f in sorted(facts.follow_ups, key=lambda f: f.due_on):
        planned_ask = _is_ask(f.intent)
        if (
            planned_ask
            and _cooling(facts, f.due_on)
            and _within(
                f.due_on, today, before=FOLLOW_UP_DAYS, after=WARM_UP_AHEAD_DAYS
            )
        ):
            when = _relative(f.due_on, today) if f.due_on >= today else "now"
            reasons.append(
                Reason(
                    Kind.WARM_UP,
                    f"You plan to ask {facts.name} for "
                    f"{'advice' if f.intent == 'advice' else 'a favour'} "
                    f"{when} and the tie has gone cool: get in "
                    "touch without asking first (share something useful, "
                    "congratulate, catch up).",
                    WARM_UP(s),
                )
            )
        if _within(f.due_on, today, before=FOLLOW_UP_DAYS):
            what = "your planned ask" if planned_ask else "the follow-up you planned"
            reasons.append(
                Reason(
                    Kind.FOLLOW_UP,
                    f"It is time for {what}{_quote(f.summary)} (set on "
                    f"{f.set_on.isoformat()}, due {_relative(f.due_on, today)}).",
                    FOLLOW_UP(s),
                )
            )
    return reasons


def _contacted_since(facts: Facts, on: date) -> bool:
    return facts.last_contact is not None and facts.last_contact >= on


def reasons(facts: Facts, today: date, mode: Mode) -> list[Reason]:
    """Every reason to contact this person today, each with its score.

    Each reason has its time window (the constants above): a follow-up stays
    for 60 days, a job change is news for 60 days, a birthday shows from a
    week ahead, a thank-you is owed for 180 days, and a loop is worth
    closing from 14 to 180 days after the help.
    """
    s = facts.strength
    found = _follow_up_reasons(facts, today)
    owed = facts.thanks_owed_since
    if owed is not None and _within(owed, today, before=THANKS_DAYS):
        found.append(
            Reason(
                Kind.THANKS_OWED,
                f"{facts.name} helped you {_relative(owed, today)} and "
                "you have not thanked them or given back since.",
                thanks_score(s, mode),
            )
        )
    for loop in facts.loops:
        if loop.kind == "lead":
            # News of a lead is worth passing on at once.
            if not 0 <= (today - loop.on).days <= LOOP_MAX_DAYS or _contacted_since(
                facts, loop.on
            ):
                continue
            text = (
                f"A lead {facts.name} helped with has news "
                f"({loop.about or 'it moved on'}, "
                f"{_relative(loop.on, today)}); tell them what came of it."
            )
            found.append(Reason(Kind.CLOSE_THE_LOOP, text, loop_score(s, mode)))
            continue
        if not LOOP_MIN_DAYS <= (today - loop.on).days <= LOOP_MAX_DAYS:
            continue
        if loop.kind == "introduction":
            if facts.last_contact is not None and facts.last_contact > loop.on:
                continue  # they have heard from the user since
            text = (
                f"{facts.name} introduced you to {loop.about or 'someone'} "
                f"{_relative(loop.on, today)}; tell them what came of it."
            )
        else:
            if facts.last_contact != loop.on:
                continue
            text = (
                f"{facts.name} gave you advice {_relative(loop.on, today)}; "
                "tell them how you used it."
            )
        found.append(Reason(Kind.CLOSE_THE_LOOP, text, loop_score(s, mode)))
    if facts.job_change is not None:
        on, previous, current = facts.job_change
        if _within(on, today, before=JOB_CHANGE_DAYS) and not _contacted_since(
            facts, on
        ):
            move = f"moved from {previous} to {current}" if previous else ""
            move = move or f"joined {current}"
            found.append(
                Reason(
                    Kind.JOB_CHANGE,
                    f"{facts.name} {move} {_relative(on, today)}: congratulate them.",
                    JOB_CHANGE(s),
                )
            )
    if facts.birthday is not None and _within(
        facts.birthday, today, before=0, after=BIRTHDAY_AHEAD_DAYS
    ):
        found.append(
            Reason(
                Kind.BIRTHDAY,
                f"{facts.name}'s birthday is {_relative(facts.birthday, today)}.",
                BIRTHDAY(s),
            )
        )
    pull = goal_pull(facts.goal_relevance, facts.goal_bridges)
    if mode is Mode.SEARCH and pull > 0 and not facts.knows_goal:
        why = []
        if facts.goal_relevance > 0:
            matched = ", ".join(facts.goal_matched) or "your goal"
            why.append(f"relevant to your goal ({matched})")
        if facts.goal_bridges > 0:
            n = facts.goal_bridges
            who = "1 person who is" if n == 1 else f"{n} people who are"
            why.append(f"knows {who}")
        found.append(
            Reason(
                Kind.GOAL,
                f"{_sentence(' and '.join(why))}; has not heard your goal yet.",
                goal_score(pull, s, mode),
            )
        )
    over = days_overdue(facts.due, today)
    if (
        facts.cadence is not None
        and facts.due is not None
        and facts.last_contact is not None
        and facts.due <= today
        and not facts.is_dormant(today)
    ):
        last = facts.last_contact.isoformat()
        text = (
            f"Due today: every {facts.cadence} days, last in touch {last}."
            if over == 0
            else f"{over} days past your {facts.cadence}-day cadence "
            f"(last in touch {last})."
        )
        found.append(
            Reason(
                Kind.OVERDUE,
                text,
                overdue_score(facts.bond, over, facts.cadence, pull, mode),
            )
        )
    if facts.last_contact is None and facts.never_contacted_because:
        found.append(
            Reason(
                Kind.NEVER_CONTACTED,
                f"Never in touch yet ({facts.never_contacted_because}).",
                never_contacted_score(pull, mode),
            )
        )
    order = list(Kind)
    return sorted(found, key=lambda r: order.index(r.kind))


def item(facts: Facts, today: date, mode: Mode) -> Item | None:
    """The agenda item for one contact, or None when nothing makes it timely."""
    found = reasons(facts, today, mode)
    if not found:
        return None
    return Item(
        facts=facts,
        reasons=tuple(found),
        score=round(sum(r.score for r in found), 4),
        days_overdue=days_overdue(facts.due, today),
    )


def rank(items: Iterable[Item], limit: int) -> list[Item]:
    """Highest score first; ties broken by name, then id, for a stable order."""
    ordered = sorted(
        items, key=lambda i: (-i.score, i.facts.name.casefold(), i.person_id)
    )
    return ordered[:limit]


def way_back_in(
    name: str,
    *,
    organization: str | None,
    last_summary: str,
    job_change: tuple[date, str, str] | None,
    birthday: date | None,
    days_silent: int,
) -> str:
    """A non-asking suggestion to reconnect, using what is known about them."""
    if job_change is not None:
        return (
            f"Congratulate {name} on joining {job_change[2]} and ask how the new "
            "role is going."
        )
    if birthday is not None:
        return f"Wish {name} a happy birthday and ask what they are up to these days."
    if last_summary:
        return (
            f"Follow up on your last conversation{_quote(last_summary)}: ask "
            f"{name} how things turned out since, with no request attached."
        )
    if organization:
        return (
            f"Send {name} something useful for their work at {organization} — an "
            "article, an event, a contact — with a short note and no ask."
        )
    years = days_silent // 365
    gap = f"{years} year{'s' if years != 1 else ''}" if years else "a while"
    return (
        f"It has been {gap}: send {name} a short note saying you thought of them, "
        "and ask how they are."
    )
