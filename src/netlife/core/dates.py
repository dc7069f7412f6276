"""Reading dates the way people type them on the command line and in forms."""

from datetime import date, timedelta

from netlife.core import clock
from netlife.core.errors import InvalidInput

_RELATIVE = {"today": 0, "yesterday": -1, "tomorrow": 1}


def parse_date(text: str, *, what: str = "date") -> date:
    """Read YYYY-MM-DD, or today / yesterday / tomorrow, relative to clock.today().

    Raises InvalidInput naming `what` ("follow-up date") on anything else.
    """
    value = text.strip().lower()
    if value in _RELATIVE:
        return clock.today() + timedelta(days=_RELATIVE[value])
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(
            f"{text!r} is not a valid {what}; write it as YYYY-MM-DD (e.g. 2026-03-31)."
        ) from None


def parse_optional_date(text: str | None, *, what: str = "date") -> date | None:
    """parse_date for an option that may be absent."""
    return None if text is None else parse_date(text, what=what)
