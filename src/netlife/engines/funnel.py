"""The leads funnel: how far leads got, through whom, after which ask, how fast.

Each lead comes in as a `LeadHistory`: the stage it is at now, the day it
entered each stage it was recorded at, the people credited with it and the
kind of first ask behind it. `funnel` turns a list of them into a `Funnel`.

The rules, which the tests work through by hand:

- **Reached.** A lead reached a pipeline stage (lead → conversation →
  interview → offer → hired) when it got there *or further*. Its furthest
  stage is the furthest one in its history or its current stage; a closed
  lead keeps the furthest stage it reached before closing. Stages a lead
  skipped count as reached: an offer means there was an interview, recorded
  or not.
- **Count.** How many leads are at a stage now; `closed` is listed after
  the pipeline, and for it reached equals count.
- **Conversion** of a stage is reached(stage) / reached(previous stage),
  the share of leads that got one step further; None for the first stage,
  for `closed`, and when the previous stage was reached by none.
- **By person.** Everyone credited with a lead, whether they opened the
  door or it came through them: how many leads, and how many of those
  reached an interview, an offer, a hire. Most hires first.
- **By first ask.** The same counts for leads whose first ask was for
  advice, for a favour, or none (`first_ask` picks the kind).
- **Days between stages.** For each pair of consecutive pipeline stages, the
  median number of days from entering one to entering the next, over the
  leads whose history records both; a skipped stage gives no sample.
"""

import enum
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from typing import Final

PIPELINE: Final = ("lead", "conversation", "interview", "offer", "hired")
CLOSED: Final = "closed"
STAGES: Final = (*PIPELINE, CLOSED)
_INDEX: Final = {stage: i for i, stage in enumerate(PIPELINE)}
_INTERVIEW, _OFFER, _HIRED = _INDEX["interview"], _INDEX["offer"], _INDEX["hired"]


class FirstAsk(enum.StrEnum):
    """What the user first asked for on the way to a lead."""

    ADVICE = "advice"
    FAVOUR = "favour"
    NONE = "none"


# Interaction intents that are asks, and the kind of ask each one is.
_ASK_KINDS: Final = {"advice": FirstAsk.ADVICE, "ask": FirstAsk.FAVOUR}
# The intents `first_ask` looks for among the earlier ones: a caller that
# passes only the earliest of these passes all that decides the answer.
ASK_INTENTS: Final = frozenset(_ASK_KINDS)


def first_ask(source_intent: str | None, earlier_intents: Iterable[str]) -> FirstAsk:
    """The kind of first ask behind a lead.

    The intent of the interaction the lead came from, when it was an ask
    ("advice" is advice, "ask" a favour); otherwise the first asking intent
    among `earlier_intents` — the user's interactions with the people
    credited on or before the day the lead was created, earliest first;
    otherwise none.

    >>> first_ask("ask", ["advice"])
    <FirstAsk.FAVOUR: 'favour'>
    >>> first_ask("received", ["catch-up", "advice", "ask"])
    <FirstAsk.ADVICE: 'advice'>
    >>> first_ask(None, ["give"])
    <FirstAsk.NONE: 'none'>
    """
    if source_intent in _ASK_KINDS:
        return _ASK_KINDS[source_intent]
    for intent in earlier_intents:
        if intent in _ASK_KINDS:
            return _ASK_KINDS[intent]
    return FirstAsk.NONE


@dataclass(frozen=True, slots=True)
class StageEntry:
    """The day a lead entered a stage."""

    stage: str
    on: date


@dataclass(frozen=True, slots=True)
class Credited:
    """Someone credited with a lead."""

    person_id: int
    name: str


@dataclass(frozen=True, slots=True)
class LeadHistory:
    """One lead as the funnel sees it."""

    lead_id: int
    stage: str  # where it is now
    history: tuple[StageEntry, ...] = ()
    credited: tuple[Credited, ...] = ()
    first_ask: FirstAsk = FirstAsk.NONE


@dataclass(frozen=True, slots=True)
class StageCount:
    stage: str
    count: int  # leads at this stage now
    reached: int  # leads that got here or further
    conversion: float | None  # reached / the previous stage's reached


@dataclass(frozen=True, slots=True)
class Outcomes:
    """How far a group of leads went."""

    leads: int = 0
    interviews: int = 0
    offers: int = 0
    hires: int = 0

    def plus(self, furthest: int) -> "Outcomes":
        """These outcomes with one more lead whose furthest stage is `furthest`."""
        return Outcomes(
            self.leads + 1,
            self.interviews + (furthest >= _INTERVIEW),
            self.offers + (furthest >= _OFFER),
            self.hires + (furthest >= _HIRED),
        )


@dataclass(frozen=True, slots=True)
class PersonOutcomes:
    person_id: int
    name: str
    outcomes: Outcomes


@dataclass(frozen=True, slots=True)
class AskOutcomes:
    kind: FirstAsk
    outcomes: Outcomes


@dataclass(frozen=True, slots=True)
class StageTime:
    """The median days from entering `from_stage` to entering `to_stage`."""

    from_stage: str
    to_stage: str
    median_days: float | None  # None when no lead records both
    leads: int  # how many leads the median is over


@dataclass(frozen=True, slots=True)
class Funnel:
    leads: int
    stages: tuple[StageCount, ...]
    by_person: tuple[PersonOutcomes, ...]
    by_first_ask: tuple[AskOutcomes, ...]
    days_between: tuple[StageTime, ...]


@dataclass(frozen=True, slots=True)
class StageFunnel:
    """The funnel's stage counts alone (`stage_funnel`)."""

    leads: int
    stages: tuple[StageCount, ...]


def furthest_stage(lead: LeadHistory) -> str:
    """The furthest pipeline stage a lead reached (its history or where it is).

    >>> furthest_stage(LeadHistory(1, "closed", (StageEntry("lead", date(2026, 1, 1)),
    ...     StageEntry("interview", date(2026, 2, 1)),
    ...     StageEntry("closed", date(2026, 3, 1)))))
    'interview'
    """
    return PIPELINE[_furthest(lead.stage, [entry.stage for entry in lead.history])]


def _furthest(stage: str, recorded: Iterable[str]) -> int:
    """The index in PIPELINE of the furthest of `stage` and the `recorded` ones."""
    furthest = _INDEX.get(stage, 0)
    for other in recorded:
        furthest = max(furthest, _INDEX.get(other, 0))
    return furthest


def _entered(lead: LeadHistory) -> dict[str, date]:
    """The first day the lead entered each stage it was recorded at."""
    entered: dict[str, date] = {}
    for entry in sorted(lead.history, key=lambda e: e.on):
        entered.setdefault(entry.stage, entry.on)
    return entered


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


class _Tally:
    """Counts of stages while leads are added; `stages` gives the result."""

    __slots__ = ("now", "reached", "total")

    def __init__(self) -> None:
        self.total = 0
        self.reached = [0] * len(PIPELINE)
        self.now = dict.fromkeys(STAGES, 0)

    def add(self, stage: str, furthest: int) -> None:
        self.total += 1
        for i in range(furthest + 1):
            self.reached[i] += 1
        if stage in self.now:
            self.now[stage] += 1

    def stages(self) -> tuple[StageCount, ...]:
        reached, now = self.reached, self.now
        counts = [
            StageCount(
                stage,
                now[stage],
                reached[i],
                _ratio(reached[i], reached[i - 1]) if i else None,
            )
            for i, stage in enumerate(PIPELINE)
        ]
        counts.append(StageCount(CLOSED, now[CLOSED], now[CLOSED], None))
        return tuple(counts)


def stage_funnel(leads: Iterable[tuple[str, Iterable[str]]]) -> StageFunnel:
    """The stage counts of `funnel` alone, from each lead's current stage and
    the stages its history records (in any order): what a summary of the
    funnel needs, without people, asks or dates.

    >>> [(s.stage, s.count, s.reached) for s in stage_funnel(
    ...     [("closed", ["lead", "interview", "closed"]), ("lead", [])]).stages]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('lead', 1, 2), ('conversation', 0, 1), ('interview', 0, 1), ('offer', 0, 0),
     ('hired', 0, 0), ('closed', 1, 1)]
    """
    tally = _Tally()
    for stage, recorded in leads:
        tally.add(stage, _furthest(stage, recorded))
    return StageFunnel(tally.total, tally.stages())


def funnel(leads: Iterable[LeadHistory]) -> Funnel:
    """The funnel of these leads: see the module docstring for the rules."""
    tally = _Tally()
    # Per person: the name last given and [leads, interviews, offers, hires].
    people: dict[int, tuple[str, list[int]]] = {}
    by_ask = {kind: [0, 0, 0, 0] for kind in FirstAsk}
    gaps: list[list[int]] = [[] for _ in PIPELINE[1:]]
    for lead in leads:
        furthest = _furthest(lead.stage, [entry.stage for entry in lead.history])
        tally.add(lead.stage, furthest)
        outcome = (1, furthest >= _INTERVIEW, furthest >= _OFFER, furthest >= _HIRED)
        seen: set[int] = set()
        for person in lead.credited:
            if person.person_id in seen:
                continue
            seen.add(person.person_id)
            counts = (
                people[person.person_id][1] if person.person_id in people else [0] * 4
            )
            people[person.person_id] = (person.name, counts)
            for i, step in enumerate(outcome):
                counts[i] += step
        counts = by_ask[lead.first_ask]
        for i, step in enumerate(outcome):
            counts[i] += step
        entered = _entered(lead)
        for i, (earlier, later) in enumerate(pairwise(PIPELINE)):
            if earlier in entered and later in entered:
                gaps[i].append((entered[later] - entered[earlier]).days)
    ranked = sorted(
        (
            PersonOutcomes(person_id, name, Outcomes(*counts))
            for person_id, (name, counts) in people.items()
        ),
        key=lambda p: (
            -p.outcomes.hires,
            -p.outcomes.offers,
            -p.outcomes.interviews,
            -p.outcomes.leads,
            p.name.casefold(),
            p.person_id,
        ),
    )
    times = tuple(
        StageTime(
            earlier,
            later,
            float(statistics.median(days)) if days else None,
            len(days),
        )
        for (earlier, later), days in zip(pairwise(PIPELINE), gaps, strict=True)
    )
    return Funnel(
        leads=tally.total,
        stages=tally.stages(),
        by_person=tuple(ranked),
        by_first_ask=tuple(
            AskOutcomes(kind, Outcomes(*by_ask[kind])) for kind in FirstAsk
        ),
        days_between=times,
    )
