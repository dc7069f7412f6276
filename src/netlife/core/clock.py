"""The only place netlife reads the clock.

NETLIFE_TODAY=YYYY-MM-DD pins "today" for every command, page and test, so
agendas and due dates are reproducible.
"""

import os
from datetime import UTC, date, datetime, time

from netlife.core.errors import InvalidInput


def today() -> date:
    """Return today's date, or the date NETLIFE_TODAY pins."""
    pinned = os.environ.get("NETLIFE_TODAY", "").strip()
    if pinned:
        try:
            return date.fromisoformat(pinned)
        except ValueError:
            raise InvalidInput(
                f"NETLIFE_TODAY must be a date like 2026-01-31, got {pinned!r}."
            ) from None
    return datetime.now().astimezone().date()


def now() -> datetime:
    """Return the current aware datetime; under NETLIFE_TODAY, noon UTC of that day."""
    if os.environ.get("NETLIFE_TODAY", "").strip():
        return datetime.combine(today(), time(12, 0), tzinfo=UTC)
    return datetime.now(tz=UTC)
