"""Write the agenda as an iCalendar feed (RFC 5545) for calendar apps.

Users subscribe to this feed from Google Calendar, Apple Calendar, Outlook
or Thunderbird. It holds two kinds of event:

* a `Reminder` is one all-day event on the day someone is due for a word
  ("Get in touch with Ana Lima"). Due dates move whenever the user logs an
  interaction, so each fetch recomputes single events instead of publishing
  a recurrence rule that would soon be wrong.
* a `Birthday` is an all-day event that repeats every year.

What every calendar app needs, and why:

* VEVENT, not VTODO: Google Calendar, iOS and Fastmail do not show tasks
  from a subscription. Events are all-day (``DTSTART;VALUE=DATE`` and
  ``DTEND`` the next day, which is exclusive) and ``TRANSP:TRANSPARENT``,
  so they never block free/busy time.
* ``UID`` comes from the caller and must not change between exports, or
  clients show every reminder twice after a refresh. Two events with the
  same UID are a `ValueError`.
* ``NAME`` (RFC 7986) plus ``X-WR-CALNAME`` for Google and Apple;
  ``REFRESH-INTERVAL`` (RFC 7986) plus ``X-PUBLISHED-TTL`` for Outlook.
* A 29 February birthday uses ``RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1``
  (the last day of February), because RFC 5545 §3.3.10 drops the invalid
  dates a plain ``FREQ=YEARLY`` rule makes, so it would show only in leap
  years. ``DTSTART`` is the last day of February of ``first_year``, which
  is itself an instance of the rule, as RFC 5545 requires.

Output is deterministic: the same reminders and birthdays (in any order)
with the same ``stamp`` give the same bytes, so exports can be diffed and
ETags computed from them. Events are written in UID order, which keeps an
event in place in a diff when its date changes.

Text is cleaned before it is written: line ends become ``\\n`` and the
control characters RFC 5545 §3.3.11 does not allow in TEXT (everything
below U+0020 except tab, and U+007F) are dropped. icalendar escapes commas,
semicolons, backslashes and newlines and folds lines at 75 octets with CRLF.
"""

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event, vCategory, vDuration, vRecur, vText

__all__ = ["Birthday", "Reminder", "write_calendar"]

PRODUCT = "-//netlife//netlife//EN"
REFRESH = timedelta(hours=12)
# SEQUENCE counts seconds from here, so it grows with every revision and
# stays within a signed 32-bit integer (what some clients store) until 2088.
SEQUENCE_EPOCH = datetime(2020, 1, 1, tzinfo=UTC)

_FORBIDDEN_TEXT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")
_LINE_END = re.compile(r"\r\n?")


@dataclass(frozen=True, slots=True)
class Reminder:
    """One all-day "get in touch" event.

    ``uid`` must be stable across exports (e.g. ``due-<person uid>@netlife``).
    ``revised`` (tz-aware) becomes ``LAST-MODIFIED`` and a ``SEQUENCE``
    that grows with it, so clients notice the change.
    """

    uid: str
    on: date
    summary: str
    description: str = ""
    url: str = ""
    categories: tuple[str, ...] = ()
    revised: datetime | None = None


@dataclass(frozen=True, slots=True)
class Birthday:
    """A yearly all-day event on ``month``/``day``, from ``first_year`` on."""

    uid: str
    month: int
    day: int
    summary: str
    first_year: int
    description: str = ""


def write_calendar(
    reminders: Iterable[Reminder],
    birthdays: Iterable[Birthday],
    *,
    name: str,
    stamp: datetime,
    product: str = PRODUCT,
) -> bytes:
    """Return the VCALENDAR holding ``reminders`` and ``birthdays``.

    ``stamp`` (tz-aware; written in UTC) is every event's ``DTSTAMP``: pass
    the time the feed's data last changed, not the time of the request, if
    identical data should give identical bytes.

    Raises `ValueError` for a naive ``stamp`` or ``revised``, a
    ``Reminder.on`` that is a datetime, a birthday that is no calendar date
    (29 February is one), an empty UID, a UID used twice, or a URL holding
    a line break.
    """
    dtstamp = _utc(stamp, "stamp")
    events = [_reminder_event(r, dtstamp) for r in reminders]
    events += [_birthday_event(b, dtstamp) for b in birthdays]
    events.sort(key=lambda event: str(event["UID"]))
    _reject_duplicate_uids(events)

    calendar = Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", vText(_clean(product)))
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # icalendar writes plain str values of these two unescaped; vText
    # escapes commas and semicolons as TEXT requires.
    calendar.add("name", vText(_clean(name)))
    calendar.add("x-wr-calname", vText(_clean(name)))
    # RFC 7986 §5.7 requires the explicit VALUE=DURATION parameter.
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    # Without vDuration icalendar would write a timedelta as "12:00:00".
    calendar.add("x-published-ttl", vDuration(REFRESH))
    for event in events:
        calendar.add_component(event)
    ical: bytes = calendar.to_ical()
    return ical


def _reminder_event(reminder: Reminder, dtstamp: datetime) -> Event:
    if isinstance(reminder.on, datetime):
        raise ValueError(
            f"Reminder {reminder.uid!r}: 'on' must be a date, not a datetime "
            "(reminders are all-day events)"
        )
    event = _all_day_event(
        reminder.uid, reminder.on, reminder.summary, reminder.description, dtstamp
    )
    if reminder.url:
        if "\r" in reminder.url or "\n" in reminder.url:
            raise ValueError(
                f"Reminder {reminder.uid!r}: the URL must not contain a line break"
            )
        event.add("url", reminder.url)
    categories = [c for c in map(_clean, reminder.categories) if c.strip()]
    if categories:
        event.add("categories", vCategory(categories))
    if reminder.revised is not None:
        revised = _utc(reminder.revised, f"Reminder {reminder.uid!r}: revised")
        event.add("last-modified", revised)
        event.add("sequence", _sequence(revised))
    return event


def _birthday_event(birthday: Birthday, dtstamp: datetime) -> Event:
    try:
        # 2000 is a leap year, so this accepts 29 February and nothing invalid.
        date(2000, birthday.month, birthday.day)
    except ValueError as error:
        raise ValueError(
            f"Birthday {birthday.uid!r}: {birthday.month}/{birthday.day} "
            f"is not a day of the year ({error})"
        ) from None
    if (birthday.month, birthday.day) == (2, 29):
        start = date(birthday.first_year, 3, 1) - timedelta(days=1)
        rule = vRecur({"FREQ": "YEARLY", "BYMONTH": 2, "BYMONTHDAY": -1})
    else:
        start = date(birthday.first_year, birthday.month, birthday.day)
        rule = vRecur({"FREQ": "YEARLY"})
    event = _all_day_event(
        birthday.uid, start, birthday.summary, birthday.description, dtstamp
    )
    event.add("rrule", rule)
    return event


def _all_day_event(
    uid: str, on: date, summary: str, description: str, dtstamp: datetime
) -> Event:
    uid = _clean(uid)
    if not uid.strip():
        raise ValueError(f"Event {summary!r} has an empty UID")
    event = Event()
    event.add("uid", vText(uid))
    event.add("dtstamp", dtstamp)
    event.add("dtstart", on)
    event.add("dtend", on + timedelta(days=1))
    event.add("summary", vText(_clean(summary)))
    if description:
        event.add("description", vText(_clean(description)))
    event.add("transp", "TRANSPARENT")
    return event


def _reject_duplicate_uids(events: list[Event]) -> None:
    counts = Counter(str(event["UID"]) for event in events)
    repeated = sorted(uid for uid, count in counts.items() if count > 1)
    if repeated:
        raise ValueError(
            "Every event needs its own UID; used more than once: " + ", ".join(repeated)
        )


def _utc(moment: datetime, what: str) -> datetime:
    if moment.utcoffset() is None:
        raise ValueError(
            f"{what} must be a timezone-aware datetime (e.g. with tzinfo=UTC), "
            f"got naive {moment.isoformat()}"
        )
    return moment.astimezone(UTC).replace(microsecond=0)


def _sequence(revised: datetime) -> int:
    return max(0, int((revised - SEQUENCE_EPOCH).total_seconds()))


def _clean(text: str) -> str:
    return _FORBIDDEN_TEXT.sub("", _LINE_END.sub("\n", text))
