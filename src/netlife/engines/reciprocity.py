"""The give/ask side of a relationship: what counts as asking, and a cold ask.

A cold ask is an ask (or an advice request) to someone the user has had no
non-asking contact with inside their cadence — or ever. It is the pattern
that burns ties, so netlife warns before it and suggests warming up first.
"""

from datetime import date, timedelta
from typing import Final

ASKING_INTENTS: Final = frozenset({"ask", "advice"})
GIVING_INTENTS: Final = frozenset({"give", "thanks"})
# Untracked ties ("none" tier) still deserve a warm-up after a year of silence.
UNTRACKED_WARM_DAYS: Final = 365


def is_asking(intent: str) -> bool:
    """True for intents that ask something of the other person."""
    return intent in ASKING_INTENTS


def is_cold_ask(
    *, intent: str, last_warm_contact: date | None, cadence_days: int | None, on: date
) -> bool:
    """Whether an interaction with this intent on `on` is a cold ask.

    `last_warm_contact` is the latest non-asking interaction before `on`.

    >>> is_cold_ask(intent="ask", last_warm_contact=None, cadence_days=90,
    ...             on=date(2026, 5, 1))
    True
    >>> is_cold_ask(intent="ask", last_warm_contact=date(2026, 4, 1),
    ...             cadence_days=90, on=date(2026, 5, 1))
    False
    >>> is_cold_ask(intent="give", last_warm_contact=None, cadence_days=90,
    ...             on=date(2026, 5, 1))
    False
    """
    if not is_asking(intent):
        return False
    if last_warm_contact is None:
        return True
    window = cadence_days if cadence_days is not None else UNTRACKED_WARM_DAYS
    return last_warm_contact < on - timedelta(days=window)
