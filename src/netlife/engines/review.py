"""The weekly review's arithmetic: weeks, ties kept within cadence, revived ties.

A review covers the last N weeks up to and including today, and compares
them with the N weeks before. Weeks are runs of seven days that end on the
review's day, not calendar weeks, so a review run on a Sunday and one run
on a Wednesday both cover whole weeks.

The rules, which `netlife report` states and the tests work through:

- **Kept within cadence.** A tracked tie is kept on a day when its last
  contact on or before that day is less than its cadence ago. The agenda
  calls a tie overdue from its due day (last contact + cadence), so a tie
  is kept exactly when the agenda would not list it as overdue or dormant.
  Snoozes do not count: a snooze postpones a reminder, it does not keep
  the tie (and netlife keeps no history of when a snooze was set).
- **Revived.** A tie was dormant when it had gone twice its cadence without
  a contact; it is revived in a period when its first contact in the
  period came at least twice its cadence after the contact before it.

Everything here takes plain dates and numbers, so the database side only
has to fetch each tie's contact days once for the whole report.
"""

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

DAYS_PER_WEEK: Final = 7
MAX_WEEKS: Final = 52
DORMANT_FACTOR: Final = 2  # dormant after twice the cadence, as on the agenda


@dataclass(frozen=True, slots=True)
class Week:
    """Seven days, `start` to `end` inclusive."""

    start: date
    end: date


def weeks_back(today: date, count: int) -> tuple[Week, ...]:
    """`count` weeks, oldest first, the last one ending on `today`.

    >>> [(w.start.isoformat(), w.end.isoformat())
    ...  for w in weeks_back(date(2026, 6, 15), 2)]
    [('2026-06-02', '2026-06-08'), ('2026-06-09', '2026-06-15')]
    """
    if count < 1:
        raise ValueError("a review covers at least one week")
    first = today - timedelta(days=DAYS_PER_WEEK * count - 1)
    return tuple(
        Week(
            first + timedelta(days=DAYS_PER_WEEK * i),
            first + timedelta(days=DAYS_PER_WEEK * i + DAYS_PER_WEEK - 1),
        )
        for i in range(count)
    )


def week_index(weeks: Sequence[Week], day: date) -> int | None:
    """The position in `weeks` (consecutive, oldest first) of the week holding `day`.

    None for a day outside them.

    >>> weeks = weeks_back(date(2026, 6, 15), 2)
    >>> week_index(weeks, date(2026, 6, 8)), week_index(weeks, date(2026, 6, 9))
    (0, 1)
    >>> week_index(weeks, date(2026, 6, 16)) is None
    True
    """
    if not weeks:
        return None
    offset = (day - weeks[0].start).days
    if 0 <= offset < DAYS_PER_WEEK * len(weeks):
        return offset // DAYS_PER_WEEK
    return None


def is_kept(last_contact: date | None, cadence: int, on: date) -> bool:
    """Whether a tie last contacted on `last_contact` is within its cadence on `on`.

    >>> is_kept(date(2026, 6, 1), 30, date(2026, 6, 30))
    True
    >>> is_kept(date(2026, 6, 1), 30, date(2026, 7, 1))  # the due day: overdue
    False
    >>> is_kept(None, 30, date(2026, 6, 30))
    False
    """
    return last_contact is not None and (on - last_contact).days < cadence


@dataclass(frozen=True, slots=True)
class ContactDays:
    """One tracked tie's contacts as the review needs them.

    `before` is the last contact before the review's window (None if none),
    `days` the distinct days of contact inside it, ascending.
    """

    cadence: int
    before: date | None
    days: tuple[date, ...]


def last_contact_on(tie: ContactDays, on: date) -> date | None:
    """The tie's latest contact on or before `on` (a day in the window or later).

    >>> tie = ContactDays(30, date(2026, 1, 5), (date(2026, 6, 3), date(2026, 6, 9)))
    >>> last_contact_on(tie, date(2026, 6, 8)), last_contact_on(tie, date(2026, 6, 1))
    (datetime.date(2026, 6, 3), datetime.date(2026, 1, 5))
    """
    i = bisect.bisect_right(tie.days, on)
    return tie.days[i - 1] if i else tie.before


def kept_counts(ties: Iterable[ContactDays], points: Sequence[date]) -> list[int]:
    """How many of `ties` were kept within cadence on each day of `points`.

    `points` must be ascending. Each contact keeps its tie from that day
    until its cadence runs out; a tie's overlapping spans are merged, then
    each span adds one to the points it covers (a running sum), so the
    cost grows with the contacts, not with contacts times points.

    >>> ties = [ContactDays(30, date(2026, 4, 1), (date(2026, 6, 10),)),
    ...         ContactDays(90, date(2026, 4, 1), ())]
    >>> kept_counts(ties, [date(2026, 6, 8), date(2026, 6, 15)])
    [1, 2]
    """
    changes = [0] * (len(points) + 1)
    for tie in ties:
        length = timedelta(days=tie.cadence)
        starts = tie.days if tie.before is None else (tie.before, *tie.days)
        span: tuple[date, date] | None = None
        for day in starts:
            if span is not None and day <= span[1]:
                span = (span[0], max(span[1], day + length))
                continue
            if span is not None:
                changes[bisect.bisect_left(points, span[0])] += 1
                changes[bisect.bisect_left(points, span[1])] -= 1
            span = (day, day + length)
        if span is not None:
            changes[bisect.bisect_left(points, span[0])] += 1
            changes[bisect.bisect_left(points, span[1])] -= 1
    counts, running = [], 0
    for change in changes[:-1]:
        running += change
        counts.append(running)
    return counts


@dataclass(frozen=True, slots=True)
class Revival:
    """A dormant tie brought back: silent from `last_contact` to `revived_on`."""

    last_contact: date
    revived_on: date

    @property
    def days_silent(self) -> int:
        return (self.revived_on - self.last_contact).days


def revival(tie: ContactDays, start: date, end: date) -> Revival | None:
    """The revival of `tie` between `start` and `end` (inclusive), if any.

    The first contact in the period must come at least twice the cadence
    after the contact before it; a tie never contacted before was not
    dormant, only new. `start` must lie inside the tie's window.

    >>> tie = ContactDays(30, date(2026, 3, 1), (date(2026, 6, 10),))
    >>> back = revival(tie, date(2026, 6, 9), date(2026, 6, 15))
    >>> back.last_contact, back.revived_on, back.days_silent
    (datetime.date(2026, 3, 1), datetime.date(2026, 6, 10), 101)
    >>> revival(ContactDays(90, date(2026, 3, 1), (date(2026, 6, 10),)),
    ...         date(2026, 6, 9), date(2026, 6, 15)) is None
    True
    """
    i = bisect.bisect_left(tie.days, start)
    if i == len(tie.days) or tie.days[i] > end:
        return None
    first = tie.days[i]
    previous = tie.days[i - 1] if i else tie.before
    if previous is None or (first - previous).days < DORMANT_FACTOR * tie.cadence:
        return None
    return Revival(previous, first)


def weekly_revivals(ties: Iterable[ContactDays], weeks: Sequence[Week]) -> list[int]:
    """How many of `ties` were revived in each of `weeks` (consecutive).

    The same rule as `revival` for each week, in one pass over each tie's
    days (which must all fall inside `weeks`).

    >>> weeks = weeks_back(date(2026, 6, 15), 2)
    >>> tie = ContactDays(30, date(2026, 3, 1), (date(2026, 6, 3), date(2026, 6, 10)))
    >>> weekly_revivals([tie], weeks)
    [1, 0]
    """
    counts = [0] * len(weeks)
    for tie in ties:
        previous, week = tie.before, None
        for day in tie.days:
            i = week_index(weeks, day)
            if i is not None and i != week:
                week = i
                if (
                    previous is not None
                    and (day - previous).days >= DORMANT_FACTOR * tie.cadence
                ):
                    counts[i] += 1
            previous = day
    return counts


def share(part: int, whole: int) -> float | None:
    """part / whole rounded to four places; None when there is no whole.

    >>> share(3, 4), share(0, 0)
    (0.75, None)
    """
    return round(part / whole, 4) if whole else None
