"""Keep-in-touch cadences: how often each tie should hear from the user.

Tiers map to a number of days; a person may carry an explicit number of days
instead. A person with no tier set gets one derived from tie strength
(`strength.derived_tier`); DEFAULT_TIER is what a blank tier means where no
strength is at hand.
"""

from datetime import date, timedelta
from typing import Final

TIER_DAYS: Final[dict[str, int | None]] = {
    "inner": 30,
    "close": 90,
    "network": 180,
    "distant": 365,
    "none": None,
}
TIERS: Final[tuple[str, ...]] = tuple(TIER_DAYS)
# An explicit cadence is a number of days in this range (ten years at most).
MIN_CADENCE_DAYS: Final = 1
MAX_CADENCE_DAYS: Final = 3650
DEFAULT_TIER: Final = "network"
# Said instead of a tier to clear the one set and let strength decide.
AUTO_TIER: Final = "auto"


def effective_tier(tier: str) -> str:
    """The tier in force: the one set, or the default for a blank one."""
    return tier or DEFAULT_TIER


def cadence_days(tier: str, explicit_days: int | None) -> int | None:
    """Days between contacts for a person; None when they are not tracked.

    An explicit number of days wins over the tier:
    >>> cadence_days("close", None), cadence_days("close", 45)
    (90, 45)
    >>> cadence_days("none", None) is None
    True
    """
    if explicit_days is not None:
        return explicit_days
    return TIER_DAYS[effective_tier(tier)]


def next_due(
    *,
    last_contact: date | None,
    cadence: int | None,
    snoozed_until: date | None,
    today: date,
) -> date | None:
    """The day a person is next due for a word, or None if not tracked.

    Never contacted means due today; a snooze pushes the date to the end of
    the snooze when that is later.

    >>> next_due(last_contact=date(2026, 1, 1), cadence=30, snoozed_until=None,
    ...          today=date(2026, 3, 1))
    datetime.date(2026, 1, 31)
    """
    if cadence is None:
        return None
    due = today if last_contact is None else last_contact + timedelta(days=cadence)
    if snoozed_until is not None and snoozed_until > due:
        due = snoozed_until
    return due
