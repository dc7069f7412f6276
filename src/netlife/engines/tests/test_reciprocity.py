from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from netlife.engines.reciprocity import is_cold_ask

ON = date(2026, 6, 15)


def test_an_ask_with_no_warm_contact_ever_is_cold():
    assert is_cold_ask(intent="ask", last_warm_contact=None, cadence_days=90, on=ON)


def test_advice_counts_as_asking():
    assert is_cold_ask(intent="advice", last_warm_contact=None, cadence_days=90, on=ON)


def test_an_ask_inside_the_cadence_is_warm():
    assert not is_cold_ask(
        intent="ask", last_warm_contact=date(2026, 4, 1), cadence_days=90, on=ON
    )


def test_an_ask_just_past_the_cadence_is_cold():
    assert is_cold_ask(
        intent="ask", last_warm_contact=date(2026, 3, 16), cadence_days=90, on=ON
    )
    assert not is_cold_ask(
        intent="ask", last_warm_contact=date(2026, 3, 17), cadence_days=90, on=ON
    )


def test_untracked_ties_go_cold_after_a_year():
    assert not is_cold_ask(
        intent="ask", last_warm_contact=date(2025, 7, 1), cadence_days=None, on=ON
    )
    assert is_cold_ask(
        intent="ask", last_warm_contact=date(2025, 6, 1), cadence_days=None, on=ON
    )


@given(
    intent=st.sampled_from(["catch-up", "give", "thanks", "received"]),
    last=st.none() | st.dates(),
    days=st.none() | st.integers(min_value=1, max_value=3650),
)
def test_only_asks_can_be_cold(intent, last, days):
    assert not is_cold_ask(
        intent=intent, last_warm_contact=last, cadence_days=days, on=ON
    )
