"""The review's arithmetic: hand-worked weeks, kept ties and revivals, and
properties against a brute-force reading of a whole contact history."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netlife.engines.review import (
    ContactDays,
    Revival,
    is_kept,
    kept_counts,
    last_contact_on,
    revival,
    share,
    week_index,
    weeks_back,
)

TODAY = date(2026, 6, 15)


def d(text: str) -> date:
    return date.fromisoformat(text)


def test_weeks_end_on_the_review_day_oldest_first():
    weeks = weeks_back(TODAY, 3)
    assert [(w.start, w.end) for w in weeks] == [
        (d("2026-05-26"), d("2026-06-01")),
        (d("2026-06-02"), d("2026-06-08")),
        (d("2026-06-09"), d("2026-06-15")),
    ]


def test_a_review_needs_a_week():
    with pytest.raises(ValueError, match="at least one week"):
        weeks_back(TODAY, 0)


def test_days_fall_in_their_week_or_none():
    weeks = weeks_back(TODAY, 2)
    assert week_index(weeks, d("2026-06-02")) == 0
    assert week_index(weeks, d("2026-06-15")) == 1
    assert week_index(weeks, d("2026-06-01")) is None
    assert week_index((), TODAY) is None


def test_a_tie_is_kept_until_its_due_day():
    last = d("2026-05-16")
    assert is_kept(last, 30, d("2026-06-14"))  # 29 days
    assert not is_kept(last, 30, d("2026-06-15"))  # 30 days: due, so overdue
    assert not is_kept(None, 30, TODAY)


def test_the_last_contact_comes_from_the_window_or_before_it():
    tie = ContactDays(30, d("2026-01-05"), (d("2026-06-03"), d("2026-06-12")))
    assert last_contact_on(tie, d("2026-06-02")) == d("2026-01-05")
    assert last_contact_on(tie, d("2026-06-03")) == d("2026-06-03")
    assert last_contact_on(tie, TODAY) == d("2026-06-12")
    assert last_contact_on(ContactDays(30, None, ()), TODAY) is None


def test_kept_counts_per_week_end():
    ties = [
        ContactDays(30, d("2026-05-01"), (d("2026-06-10"),)),  # 38 days, then back
        ContactDays(365, d("2025-09-01"), ()),  # quiet but within a year
        ContactDays(90, d("2026-02-01"), ()),  # overdue throughout
    ]
    assert kept_counts(ties, [d("2026-06-08"), TODAY]) == [1, 2]


def test_a_revival_needs_twice_the_cadence_of_silence():
    start, end = d("2026-06-09"), TODAY
    # 60 days on a 30-day cadence: dormant on the day of the contact.
    assert revival(
        ContactDays(30, d("2026-04-11"), (d("2026-06-10"),)), start, end
    ) == (Revival(d("2026-04-11"), d("2026-06-10")))
    # 59 days: only overdue.
    assert (
        revival(ContactDays(30, d("2026-04-12"), (d("2026-06-10"),)), start, end)
        is None
    )
    # Never in touch before: a first contact, not a revival.
    assert revival(ContactDays(30, None, (d("2026-06-10"),)), start, end) is None
    # No contact in the period.
    assert (
        revival(ContactDays(30, d("2026-01-01"), (d("2026-06-01"),)), start, end)
        is None
    )


def test_a_revival_counts_from_the_contact_just_before_the_period():
    tie = ContactDays(30, d("2026-01-01"), (d("2026-06-02"), d("2026-06-10")))
    assert revival(tie, d("2026-06-09"), TODAY) is None  # 8 days after 06-02
    back = revival(tie, d("2026-06-02"), TODAY)
    assert back is not None
    assert back.days_silent == 152


def test_share_is_rounded_and_none_without_a_whole():
    assert share(5, 6) == 0.8333
    assert share(0, 0) is None


WINDOW_START = d("2026-03-01")
days_before = st.lists(
    st.dates(min_value=d("2024-01-01"), max_value=d("2026-02-28")), max_size=6
)
days_inside = st.lists(st.dates(min_value=WINDOW_START, max_value=TODAY), max_size=8)
cadences = st.integers(min_value=1, max_value=400)


def _split(history: list[date], cadence: int) -> ContactDays:
    before = [x for x in history if x < WINDOW_START]
    inside = sorted({x for x in history if x >= WINDOW_START})
    return ContactDays(cadence, max(before, default=None), tuple(inside))


@given(
    days_before,
    days_inside,
    cadences,
    st.dates(min_value=WINDOW_START, max_value=TODAY),
)
def test_kept_from_the_window_agrees_with_the_whole_history(
    before, inside, cadence, on
):
    history = before + inside
    last = max((x for x in history if x <= on), default=None)
    tie = _split(history, cadence)
    assert last_contact_on(tie, on) == last
    assert kept_counts([tie], [on]) == [int(is_kept(last, cadence, on))]


@given(days_before, days_inside, cadences)
def test_revived_exactly_when_the_first_contact_ends_a_dormant_silence(
    before, inside, cadence
):
    history = before + inside
    start = TODAY - timedelta(days=13)
    in_period = [x for x in history if start <= x <= TODAY]
    first = min(in_period, default=None)
    previous = max((x for x in history if first and x < first), default=None)
    back = revival(_split(history, cadence), start, TODAY)
    if first is None or previous is None or (first - previous).days < 2 * cadence:
        assert back is None
    else:
        assert back == Revival(previous, first)
