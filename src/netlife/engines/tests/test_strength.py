from datetime import date, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from netlife.engines.strength import (
    NEVER_CONTACTED,
    History,
    bond,
    derived_tier,
    parts,
    recency,
    strength,
    strength_from_bond,
)

TODAY = date(2026, 6, 15)

# A close colleague: 60 interactions over five years (12 a year), half of them
# started by the colleague, 6 gives, 3 asks and 3 favours received, on 3
# channels, last in touch on 2026-05-01 (45 days before TODAY).
COLLEAGUE_FIRST = date(2021, 5, 1)
COLLEAGUE_LAST = date(2026, 5, 1)
COLLEAGUE = History(
    first_contact=COLLEAGUE_FIRST,
    last_contact=COLLEAGUE_LAST,
    interactions=60,
    gives=6,
    asks=3,
    received=3,
    them_initiated=30,
    channels=3,
)


def test_one_catch_up_the_user_started_today():
    history = History(
        first_contact=TODAY, last_contact=TODAY, interactions=1, channels=1
    )
    # recency     = 90 / (90 + 0)                         = 1
    # frequency   = 1 a year (span 0, counted as a year) / (1 + 6) = 1/7
    # initiative  = them share (0 + 1) / (1 + 2) = 1/3 → 1 - |1/3 - 1/2|·2 = 2/3
    # exchange    = (0 + 1) / (0 + 0 + 1)                  = 1
    # reciprocity = (2/3 + 1) / 2                          = 5/6
    # duration    = 0 years known                          = 0
    # variety     = 1 channel / 4                          = 0.25
    # strength    = 0.35·1 + 0.25/7 + 0.15·5/6 + 0.15·0 + 0.10·0.25
    #             = 0.35 + 0.035714 + 0.125 + 0 + 0.025    = 0.535714
    assert strength(history, TODAY) == 0.5357
    assert bond(history) == 0.5357
    assert derived_tier(bond(history)) == "network"


def test_a_close_colleague_last_seen_six_weeks_ago():
    found = parts(COLLEAGUE, TODAY)
    assert found is not None
    # 2021-05-01 → 2026-05-01 is 1826 days = 4.999316 years (of 365.25 days).
    years = 1826 / 365.25
    # recency     = 90 / (90 + 45)                         = 0.666667
    assert found.recency == pytest.approx(2 / 3)
    # frequency   = 60 / 4.999316 = 12.001643 a year → 12.001643 / 18.001643
    #             = 0.666697
    assert found.frequency == pytest.approx((60 / years) / (60 / years + 6))
    assert found.frequency == pytest.approx(0.666697, abs=1e-6)
    # initiative  = them share (30 + 1) / (60 + 2) = 1/2 → 1
    # exchange    = (6 + 3 + 1) / (6 + 3 + 3 + 1) = 10/13  = 0.769231
    # reciprocity = (1 + 10/13) / 2 = 23/26                = 0.884615
    assert found.reciprocity == pytest.approx(23 / 26)
    # duration    = 4.999316 / (4.999316 + 3)              = 0.624968
    assert found.duration == pytest.approx(0.624968, abs=1e-6)
    # variety     = 3 / 4                                  = 0.75
    assert found.variety == 0.75
    # strength    = 0.35·0.666667 + 0.25·0.666697 + 0.15·0.884615
    #             + 0.15·0.624968 + 0.10·0.75
    #             = 0.233333 + 0.166674 + 0.132692 + 0.093745 + 0.075
    #             = 0.701445
    assert strength(COLLEAGUE, TODAY) == 0.7014
    # bond: recency is 1 on the last-contact day, so 0.35 replaces 0.233333:
    #       0.701445 - 0.233333 + 0.35 = 0.818112
    assert bond(COLLEAGUE) == 0.8181
    assert derived_tier(bond(COLLEAGUE)) == "inner"


def test_someone_never_contacted_has_the_low_base():
    never = History(first_contact=None, last_contact=None)
    assert strength(never, TODAY) == NEVER_CONTACTED == 0.05
    assert bond(never) == NEVER_CONTACTED
    assert strength_from_bond(bond(never), None, TODAY) == NEVER_CONTACTED
    assert derived_tier(NEVER_CONTACTED) == "distant"


def test_no_interactions_counts_as_never_contacted():
    history = History(first_contact=TODAY, last_contact=TODAY, interactions=0)
    assert strength(history, TODAY) == NEVER_CONTACTED


def test_bond_is_the_strength_on_the_day_of_the_last_contact():
    assert bond(COLLEAGUE) == strength(COLLEAGUE, COLLEAGUE_LAST)


def test_strength_from_a_stored_bond_matches_the_full_computation():
    for days_later in (0, 1, 45, 90, 365, 3650):
        today = COLLEAGUE_LAST + timedelta(days=days_later)
        assert strength_from_bond(
            bond(COLLEAGUE), COLLEAGUE_LAST, today
        ) == pytest.approx(strength(COLLEAGUE, today), abs=1e-3)


def test_recency_halves_after_ninety_days():
    assert recency(0) == 1.0
    assert recency(90) == 0.5
    assert recency(810) == pytest.approx(0.1)
    assert recency(-5) == 1.0  # a contact dated after "today" is as recent as can be


@pytest.mark.parametrize(
    ("bond_value", "tier"),
    [
        (1.0, "inner"),
        (0.80, "inner"),
        (0.7999, "close"),
        (0.65, "close"),
        (0.6499, "network"),
        (0.50, "network"),
        (0.4999, "distant"),
        (0.0, "distant"),
    ],
)
def test_derived_tier_thresholds(bond_value, tier):
    assert derived_tier(bond_value) == tier


def test_a_tie_going_quiet_loses_strength_but_keeps_its_tier():
    two_years_on = COLLEAGUE_LAST + timedelta(days=731)
    quiet = strength(COLLEAGUE, two_years_on)
    # recency = 90 / (90 + 731) = 0.109622; 0.818112 - 0.35 + 0.35·0.109622
    #         = 0.506480
    assert quiet == 0.5065
    assert quiet < strength(COLLEAGUE, TODAY) < bond(COLLEAGUE)
    # Today's strength alone would move the colleague to "network" (every
    # 180 days) just when they need a word; the bond keeps them "inner".
    assert derived_tier(quiet) == "network"
    assert bond(COLLEAGUE) == 0.8181
    assert derived_tier(bond(COLLEAGUE)) == "inner"


def test_strength_only_falls_as_time_passes():
    figures = [
        strength(COLLEAGUE, COLLEAGUE_LAST + timedelta(days=d))
        for d in (0, 30, 90, 365, 3650)
    ]
    assert figures == sorted(figures, reverse=True)
    assert figures[-1] > 0.35  # what is left once recency has gone


def test_giving_back_raises_reciprocity():
    taker = History(
        first_contact=COLLEAGUE_FIRST, last_contact=COLLEAGUE_LAST,
        interactions=10, asks=8, channels=1,
    )  # fmt: skip
    giver = History(
        first_contact=COLLEAGUE_FIRST, last_contact=COLLEAGUE_LAST,
        interactions=10, asks=8, gives=8, channels=1,
    )  # fmt: skip
    assert strength(giver, TODAY) > strength(taker, TODAY)


counts = st.integers(min_value=0, max_value=10**9)
histories = st.builds(
    History,
    first_contact=st.none() | st.dates(),
    last_contact=st.none() | st.dates(),
    interactions=counts,
    gives=counts,
    asks=counts,
    received=counts,
    them_initiated=counts,
    channels=st.integers(min_value=0, max_value=10),
    met_on=st.none() | st.dates(),
)


@given(history=histories, today=st.dates())
def test_strength_is_always_between_zero_and_one(history, today):
    assert 0.0 <= strength(history, today) <= 1.0
    assert 0.0 <= bond(history) <= 1.0
    stored = bond(history)
    assert 0.0 <= strength_from_bond(stored, history.last_contact, today) <= 1.0


@given(
    bond_value=st.floats(min_value=0.0, max_value=1.0),
    last=st.none() | st.dates(),
    today=st.dates(),
)
def test_strength_from_any_bond_is_between_zero_and_one(bond_value, last, today):
    assert 0.0 <= strength_from_bond(bond_value, last, today) <= 1.0


@given(history=histories, today=st.dates())
def test_the_stored_bond_gives_the_same_strength(history, today):
    # Never contacted is covered by test_someone_never_contacted_has_the_low_base.
    assume(history.last_contact is not None and history.interactions > 0)
    assert strength_from_bond(
        bond(history), history.last_contact, today
    ) == pytest.approx(strength(history, today), abs=1e-3)
