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


def furthest_stage(lead: LeadHistory) -> str:
    """The furthest pipeline stage a lead reached (its history or where it is).

    >>> furthest_stage(LeadHistory(1, "closed", (StageEntry("lead", date(2026, 1, 1)),
    ...     StageEntry("interview", date(2026, 2, 1)),
    ...     StageEntry("closed", date(2026, 3, 1)))))
    'interview'
    """
    return PIPELINE[_furthest(lead)]


def _furthest(lead: LeadHistory) -> int:
    stages = (lead.stage, *(entry.stage for entry in lead.history))
    return max((_INDEX[s] for s in stages if s in _INDEX), default=0)


def _entered(lead: LeadHistory) -> dict[str, date]:
    """The first day the lead entered each stage it was recorded at."""
    entered: dict[str, date] = {}
    for entry in sorted(lead.history, key=lambda e: e.on):
        entered.setdefault(entry.stage, entry.on)
    return entered


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def funnel(leads: Iterable[LeadHistory]) -> Funnel:
    """The funnel of these leads: see the module docstring for the rules."""
    reached = [0] * len(PIPELINE)
    now = dict.fromkeys(STAGES, 0)
    people: dict[int, PersonOutcomes] = {}
    by_ask = {kind: Outcomes() for kind in FirstAsk}
    gaps: list[list[int]] = [[] for _ in PIPELINE[1:]]
    total = 0
    for lead in leads:
        total += 1
        furthest = _furthest(lead)
        for i in range(furthest + 1):
            reached[i] += 1
        if lead.stage in now:
            now[lead.stage] += 1
        seen: set[int] = set()
        for person in lead.credited:
            if person.person_id in seen:
                continue
            seen.add(person.person_id)
            before = people.get(person.person_id)
            counted = before.outcomes if before is not None else Outcomes()
            people[person.person_id] = PersonOutcomes(
                person.person_id, person.name, counted.plus(furthest)
            )
        by_ask[lead.first_ask] = by_ask[lead.first_ask].plus(furthest)
        entered = _entered(lead)
        for i, (earlier, later) in enumerate(pairwise(PIPELINE)):
            if earlier in entered and later in entered:
                gaps[i].append((entered[later] - entered[earlier]).days)
    stages = [
        StageCount(
            stage,
            now[stage],
            reached[i],
            _ratio(reached[i], reached[i - 1]) if i else None,
        )
        for i, stage in enumerate(PIPELINE)
    ]
    stages.append(StageCount(CLOSED, now[CLOSED], now[CLOSED], None))
    ranked = sorted(
        people.values(),
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
        leads=total,
        stages=tuple(stages),
        by_person=tuple(ranked),
        by_first_ask=tuple(AskOutcomes(kind, by_ask[kind]) for kind in FirstAsk),
        days_between=times,
    )
