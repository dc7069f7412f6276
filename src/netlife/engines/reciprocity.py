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
# The taker pattern: most recent interactions are asks, over enough of them
# that the share means something.
TAKER_SHARE: Final = 0.5
TAKER_MIN_INTERACTIONS: Final = 5


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


def cold_ask_text(name: str, last_warm_contact: date | None) -> str:
    """Why an ask to `name` is a cold one, in a sentence."""
    history = (
        f"your last contact with {name} that was not an ask was on "
        f"{last_warm_contact.isoformat()}"
        if last_warm_contact
        else f"you have never been in touch with {name} except to ask"
    )
    return f"This is a cold ask: {history}."


def warm_up_suggestion(name: str, organization: str | None) -> str:
    """A warm-up to make before asking: something that gives, not takes."""
    where = f" at {organization}" if organization else ""
    return (
        f"Before you ask, get back in touch with {name} without a request: share "
        f"an article or contact useful to their work{where}, congratulate them on "
        "news, or simply ask how they are. Ask once the conversation is warm again."
    )


def is_taker(*, asks: int, total: int) -> bool:
    """Whether most of these interactions were asks (and there were enough).

    >>> is_taker(asks=6, total=10), is_taker(asks=5, total=10)
    (True, False)
    >>> is_taker(asks=3, total=4)  # too few to tell
    False
    """
    return total >= TAKER_MIN_INTERACTIONS and asks > total * TAKER_SHARE


def taker_text(*, asks: int, total: int, days: int) -> str:
    """The taker warning in words."""
    share = round(100 * asks / total) if total else 0
    return (
        f"{asks} of your {total} interactions in the last {days} days were asks "
        f"({share}%). Give before you ask again: thank someone who helped, pass "
        "on an article or a lead, or catch up with no request."
    )
