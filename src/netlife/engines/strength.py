"""Tie strength: how strong the user's tie with one contact is, from 0 to 1.

The formula is a weighted sum of five parts, each between 0 and 1 (see
docs/tie-strength.md for the same in plain words):

    strength = 0.35·recency + 0.25·frequency + 0.15·reciprocity
             + 0.15·duration + 0.10·variety

- recency = H / (H + d): d days since the last contact, H = 90, so a tie is
  at half recency after three months and at a tenth after 810 days (about
  two years and two months). A rational decay rather than an exponential
  one, so that SQL can rank by it with plain arithmetic on SQLite and
  PostgreSQL alike.
- frequency = r / (r + 6): r contacts a year over the span of the
  relationship (first to last contact, at least a year); six a year is half.
- reciprocity: the mean of initiative (both sides start conversations) and
  exchange (help flows both ways rather than the user only asking).
- duration = y / (y + 3): y years from first meeting to the last contact;
  three years is half.
- variety = channels / 4, at most 1: call, email, meeting, message, event
  and social each count once.

Everything but recency is fixed between contacts, so the *bond* (the
strength on the day of the last contact) is stored, and today's strength is
`bond - 0.35 + 0.35·recency`. Someone never contacted has strength
NEVER_CONTACTED, a low base that still lets a new contact rank above nobody.

The default keep-in-touch tier derives from the bond, not today's strength:
a tie going quiet must not slide into a longer cadence and stop being due.
"""

from dataclasses import dataclass
from datetime import date
from typing import Final

W_RECENCY: Final = 0.35
W_FREQUENCY: Final = 0.25
W_RECIPROCITY: Final = 0.15
W_DURATION: Final = 0.15
W_VARIETY: Final = 0.10
RECENCY_HALF_DAYS: Final = 90
FREQUENCY_HALF_PER_YEAR: Final = 6.0
DURATION_HALF_YEARS: Final = 3.0
VARIETY_FULL_CHANNELS: Final = 4
NEVER_CONTACTED: Final = 0.05
DAYS_PER_YEAR: Final = 365.25

# Bond thresholds for the derived tier, strongest first.
DERIVED_TIERS: Final[tuple[tuple[float, str], ...]] = (
    (0.80, "inner"),
    (0.65, "close"),
    (0.50, "network"),
)
WEAKEST_DERIVED_TIER: Final = "distant"


@dataclass(frozen=True, slots=True)
class History:
    """What strength is computed from: one contact's interactions, summed up.

    `gives` counts give and thanks, `asks` counts ask and advice, `received`
    counts help received; `them_initiated` the interactions they started.
    """

    first_contact: date | None
    last_contact: date | None
    interactions: int = 0
    gives: int = 0
    asks: int = 0
    received: int = 0
    them_initiated: int = 0
    channels: int = 0
    met_on: date | None = None


@dataclass(frozen=True, slots=True)
class Parts:
    """The five parts of strength, each 0..1, for explaining a figure."""

    recency: float
    frequency: float
    reciprocity: float
    duration: float
    variety: float

    @property
    def total(self) -> float:
        return _clamp(
            W_RECENCY * self.recency
            + W_FREQUENCY * self.frequency
            + W_RECIPROCITY * self.reciprocity
            + W_DURATION * self.duration
            + W_VARIETY * self.variety
        )


def _clamp(value: float) -> float:
    return min(1.0, max(0.0, value))


def recency(days_since: int) -> float:
    """H / (H + d), with d never below zero.

    >>> recency(0), recency(90)
    (1.0, 0.5)
    """
    d = max(0, days_since)
    return RECENCY_HALF_DAYS / (RECENCY_HALF_DAYS + d)


def _ratio(value: float, half: float) -> float:
    return value / (value + half) if value > 0 else 0.0


def parts(history: History, today: date) -> Parts | None:
    """The parts of strength today, or None for someone never contacted."""
    if history.last_contact is None or history.interactions <= 0:
        return None
    last = history.last_contact
    first = history.first_contact or last
    span_days = max((last - first).days, 0)
    years = max(span_days, DAYS_PER_YEAR) / DAYS_PER_YEAR
    n = history.interactions
    # Laplace smoothing: one conversation the user started is not yet proof
    # of a one-sided tie.
    them_share = (history.them_initiated + 1) / (n + 2)
    initiative = 1.0 - abs(them_share - 0.5) * 2
    exchanged = history.gives + history.received
    exchange = (exchanged + 1) / (exchanged + history.asks + 1)
    known_since = min(first, history.met_on) if history.met_on else first
    known_years = max((last - known_since).days, 0) / DAYS_PER_YEAR
    return Parts(
        recency=recency((today - last).days),
        frequency=_ratio(n / years, FREQUENCY_HALF_PER_YEAR),
        reciprocity=_clamp((initiative + exchange) / 2),
        duration=_ratio(known_years, DURATION_HALF_YEARS),
        variety=min(history.channels, VARIETY_FULL_CHANNELS) / VARIETY_FULL_CHANNELS,
    )


def strength(history: History, today: date) -> float:
    """Tie strength today, 0..1 (NEVER_CONTACTED for no contact at all)."""
    found = parts(history, today)
    return NEVER_CONTACTED if found is None else round(found.total, 4)


def bond(history: History) -> float:
    """Strength on the day of the last contact: what the tie is worth, undecayed."""
    if history.last_contact is None:
        return NEVER_CONTACTED
    return strength(history, history.last_contact)


def strength_from_bond(
    bond_value: float, last_contact: date | None, today: date
) -> float:
    """Today's strength from a stored bond; the same figure as `strength`.

    >>> strength_from_bond(0.8, date(2026, 1, 1), date(2026, 4, 1))
    0.625
    """
    if last_contact is None:
        return bond_value
    decayed = bond_value - W_RECENCY + W_RECENCY * recency((today - last_contact).days)
    return round(_clamp(decayed), 4)


def derived_tier(bond_value: float) -> str:
    """The keep-in-touch tier a tie of this bond gets when the user set none.

    >>> derived_tier(0.9), derived_tier(0.7), derived_tier(0.55), derived_tier(0.1)
    ('inner', 'close', 'network', 'distant')
    """
    for threshold, tier in DERIVED_TIERS:
        if bond_value >= threshold:
            return tier
    return WEAKEST_DERIVED_TIER
