from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from netlife.engines.cadence import TIER_DAYS, cadence_days, next_due

TODAY = date(2026, 6, 15)


def test_tiers_have_the_documented_days():
    assert TIER_DAYS == {
        "inner": 30,
        "close": 90,
        "network": 180,
        "distant": 365,
        "none": None,
    }


def test_an_explicit_cadence_wins_over_the_tier():
    assert cadence_days("distant", 14) == 14


def test_a_blank_tier_uses_the_default():
    assert cadence_days("", None) == 180


def test_untracked_people_are_never_due():
    assert (
        next_due(last_contact=TODAY, cadence=None, snoozed_until=None, today=TODAY)
        is None
    )


def test_never_contacted_is_due_today():
    assert (
        next_due(last_contact=None, cadence=30, snoozed_until=None, today=TODAY)
        == TODAY
    )


def test_a_snooze_postpones_but_never_advances():
    last = date(2026, 1, 1)
    assert next_due(
        last_contact=last, cadence=30, snoozed_until=date(2026, 7, 1), today=TODAY
    ) == date(2026, 7, 1)
    assert next_due(
        last_contact=last, cadence=30, snoozed_until=date(2026, 1, 2), today=TODAY
    ) == date(2026, 1, 31)


@given(
    last=st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 1, 1)),
    days=st.integers(min_value=1, max_value=3650),
)
def test_next_due_is_last_contact_plus_cadence(last, days):
    due = next_due(last_contact=last, cadence=days, snoozed_until=None, today=TODAY)
    assert due == last + timedelta(days=days)
