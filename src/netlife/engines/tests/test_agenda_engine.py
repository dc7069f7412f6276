from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netlife.engines.agenda import (
    Facts,
    FollowUp,
    Item,
    Kind,
    Loop,
    Mode,
    item,
    next_birthday,
    rank,
    reasons,
    way_back_in,
)

TODAY = date(2026, 6, 15)
ANN = Facts(
    person_id=1,
    name="Ann Lee",
    strength=0.5,
    bond=0.6,
    cadence=None,
    due=None,
    last_contact=None,
)


def days(n: int) -> timedelta:
    return timedelta(days=n)


def kinds(facts: Facts, mode: Mode = Mode.MAINTAIN) -> list[Kind]:
    return [r.kind for r in reasons(facts, TODAY, mode)]


def only(facts: Facts, kind: Kind, mode: Mode = Mode.MAINTAIN):
    found = [r for r in reasons(facts, TODAY, mode) if r.kind is kind]
    assert len(found) == 1, reasons(facts, TODAY, mode)
    return found[0]


def tracked(facts: Facts, *, cadence: int, days_over: int) -> Facts:
    """The facts of someone `days_over` days past a `cadence`-day cadence."""
    last = TODAY - days(cadence + days_over)
    return replace(facts, cadence=cadence, last_contact=last, due=last + days(cadence))


# Overdue


def test_a_strong_tie_slipping_outranks_a_weak_tie_barely_due():
    strong = tracked(
        replace(ANN, person_id=1, name="Zoe Strong", strength=0.7, bond=0.85),
        cadence=30,
        days_over=10,
    )
    weak = tracked(
        replace(ANN, person_id=2, name="Al Weak", strength=0.2, bond=0.3),
        cadence=365,
        days_over=1,
    )
    strong_item = item(strong, TODAY, Mode.MAINTAIN)
    weak_item = item(weak, TODAY, Mode.MAINTAIN)
    assert strong_item is not None
    assert weak_item is not None
    # 0.85 · (1 + 10/30) = 1.133333 against 0.3 · (1 + 1/365) = 0.300822
    assert strong_item.score == 1.1333
    assert weak_item.score == 0.3008
    assert strong_item.days_overdue == 10
    assert [i.facts.name for i in rank([weak_item, strong_item], 10)] == [
        "Zoe Strong",
        "Al Weak",
    ]


def test_overdue_text_gives_the_days_over_the_cadence_and_the_last_contact():
    late = tracked(ANN, cadence=90, days_over=12)
    text = only(late, Kind.OVERDUE).text
    assert "12 days past your 90-day cadence" in text
    assert (TODAY - days(102)).isoformat() in text


def test_due_today_is_a_reason_too():
    due = tracked(ANN, cadence=30, days_over=0)
    reason = only(due, Kind.OVERDUE)
    assert reason.text.startswith("Due today: every 30 days")
    assert reason.score == pytest.approx(ANN.bond)


def test_not_yet_due_gives_no_reason():
    early = tracked(ANN, cadence=30, days_over=-5)
    assert reasons(early, TODAY, Mode.MAINTAIN) == []
    assert item(early, TODAY, Mode.MAINTAIN) is None


def test_untracked_people_are_never_overdue():
    untracked = replace(ANN, cadence=None, due=None, last_contact=TODAY - days(900))
    assert Kind.OVERDUE not in kinds(untracked)
    assert item(untracked, TODAY, Mode.MAINTAIN) is None


def test_past_twice_the_cadence_a_tie_is_dormant_rather_than_overdue():
    assert Kind.OVERDUE in kinds(tracked(ANN, cadence=30, days_over=29))
    dormant = tracked(ANN, cadence=30, days_over=30)
    assert dormant.is_dormant(TODAY)
    assert Kind.OVERDUE not in kinds(dormant)


def test_in_search_mode_a_relevant_tie_outranks_an_equally_late_one():
    late = tracked(ANN, cadence=90, days_over=30)
    relevant = replace(late, goal_relevance=1.0, knows_goal=True)
    assert (
        only(relevant, Kind.OVERDUE, Mode.SEARCH).score
        > only(late, Kind.OVERDUE, Mode.SEARCH).score
    )
    # 0.6 · (1 + 30/90) · 0.8 (search weight) · (0.8 + 0.6 · 1) = 0.896
    assert only(relevant, Kind.OVERDUE, Mode.SEARCH).score == pytest.approx(0.896)


# Follow-ups and planned asks


def test_a_follow_up_that_has_come_due():
    facts = replace(
        ANN,
        follow_ups=(
            FollowUp(due_on=TODAY, set_on=date(2026, 5, 1), summary="the grant"),
        ),
    )
    reason = only(facts, Kind.FOLLOW_UP)
    assert "the follow-up you planned about “the grant”" in reason.text
    assert "set on 2026-05-01, due today" in reason.text
    assert reason.score == pytest.approx(1.0 + 0.5 * ANN.strength)


def test_a_follow_up_not_yet_due_waits():
    facts = replace(ANN, follow_ups=(FollowUp(due_on=TODAY + days(1), set_on=TODAY),))
    assert kinds(facts) == []


def test_a_long_follow_up_summary_is_shortened():
    facts = replace(
        ANN,
        follow_ups=(FollowUp(due_on=TODAY, set_on=TODAY, summary="word " * 40),),
    )
    assert "…”" in only(facts, Kind.FOLLOW_UP).text


def planned_ask(*, due_in: int, last_warm: date | None, intent: str = "ask"):
    return replace(
        ANN,
        cadence=90,
        last_warm=last_warm,
        follow_ups=(
            FollowUp(due_on=TODAY, set_on=TODAY - days(30), summary="the report"),
            FollowUp(due_on=TODAY + days(due_in), set_on=TODAY, intent=intent),
        ),
    )


def test_a_planned_ask_to_a_cooling_tie_comes_with_a_warm_up_first():
    facts = planned_ask(due_in=7, last_warm=TODAY - days(120))
    found = reasons(facts, TODAY, Mode.MAINTAIN)
    assert [r.kind for r in found] == [Kind.WARM_UP, Kind.FOLLOW_UP]
    warm_up, follow_up = found
    assert warm_up.score > follow_up.score
    assert "in 7 days (2026-06-22)" in warm_up.text
    assert "without asking first" in warm_up.text


def test_the_warm_up_names_what_will_be_asked_in_plain_words():
    favour = only(planned_ask(due_in=7, last_warm=None), Kind.WARM_UP).text
    advice = only(planned_ask(due_in=7, last_warm=None, intent="advice"), Kind.WARM_UP)
    assert "ask Ann Lee for a favour in 7 days" in favour
    assert "ask Ann Lee for advice in 7 days" in advice.text


def test_a_tie_that_will_have_cooled_by_the_day_of_the_ask_needs_a_warm_up():
    # Warm 85 days ago, so still inside the 90-day cadence today, but not
    # any more on the day of the ask a week from now.
    facts = planned_ask(due_in=7, last_warm=TODAY - days(85))
    assert Kind.WARM_UP in kinds(facts)


def test_no_warm_up_for_a_warm_tie():
    facts = planned_ask(due_in=7, last_warm=TODAY - days(10))
    assert Kind.WARM_UP not in kinds(facts)


def test_no_warm_up_more_than_two_weeks_ahead_of_the_ask():
    assert Kind.WARM_UP in kinds(planned_ask(due_in=14, last_warm=None))
    assert Kind.WARM_UP not in kinds(planned_ask(due_in=15, last_warm=None))


def test_a_due_planned_ask_to_someone_never_warm_still_asks_for_a_warm_up():
    facts = replace(
        ANN,
        follow_ups=(FollowUp(due_on=TODAY - days(2), set_on=TODAY, intent="ask"),),
    )
    found = reasons(facts, TODAY, Mode.MAINTAIN)
    assert [r.kind for r in found] == [Kind.WARM_UP, Kind.FOLLOW_UP]
    assert "your planned ask" in found[1].text


def test_giving_is_not_a_planned_ask():
    facts = planned_ask(due_in=7, last_warm=None, intent="give")
    assert kinds(facts) == [Kind.FOLLOW_UP]


# Give and take


def test_a_thank_you_owed_names_the_person_and_the_day():
    facts = replace(ANN, thanks_owed_since=date(2026, 5, 1))
    reason = only(facts, Kind.THANKS_OWED)
    assert reason.text.startswith("Ann Lee helped you 45 days ago (2026-05-01)")
    # (1.1 + 0.4 · 0.5) · 1.2 in maintain mode
    assert reason.score == pytest.approx(1.56)


def test_a_thank_you_owed_outranks_a_routine_catch_up():
    owed = replace(ANN, person_id=1, name="Owed", thanks_owed_since=TODAY)
    routine = tracked(
        replace(ANN, person_id=2, name="Routine"), cadence=90, days_over=5
    )
    items = [item(f, TODAY, Mode.MAINTAIN) for f in (routine, owed)]
    ranked = rank([i for i in items if i is not None], 10)
    assert [i.facts.name for i in ranked] == ["Owed", "Routine"]


def test_closing_the_loop_on_an_introduction():
    facts = replace(
        ANN, loops=(Loop(kind="introduction", on=date(2026, 5, 16), about="Bo Chen"),)
    )
    text = only(facts, Kind.CLOSE_THE_LOOP).text
    assert "Ann Lee introduced you to Bo Chen 30 days ago (2026-05-16)" in text
    assert "what came of it" in text


def test_closing_the_loop_on_advice():
    advice_on = date(2026, 5, 16)
    facts = replace(
        ANN, last_contact=advice_on, loops=(Loop(kind="advice", on=advice_on),)
    )
    text = only(facts, Kind.CLOSE_THE_LOOP).text
    assert "Ann Lee gave you advice 30 days ago (2026-05-16)" in text
    assert "how you used it" in text


def test_a_later_contact_closes_the_loop_on_advice():
    facts = replace(
        ANN,
        last_contact=date(2026, 6, 1),
        loops=(Loop(kind="advice", on=date(2026, 5, 16)),),
    )
    assert Kind.CLOSE_THE_LOOP not in kinds(facts)


# News


def test_a_job_change_names_both_employers():
    facts = replace(ANN, job_change=(date(2026, 6, 14), "Acme", "Globex"))
    text = only(facts, Kind.JOB_CHANGE).text
    assert text == "Ann Lee moved from Acme to Globex yesterday: congratulate them."


def test_a_job_change_with_no_known_previous_employer():
    facts = replace(ANN, job_change=(date(2026, 6, 1), "", "Globex"))
    assert (
        "Ann Lee joined Globex 14 days ago (2026-06-01)"
        in only(facts, Kind.JOB_CHANGE).text
    )


def test_a_birthday_names_the_person_and_the_day():
    soon = replace(ANN, birthday=date(2026, 6, 18))
    assert (
        only(soon, Kind.BIRTHDAY).text
        == "Ann Lee's birthday is in 3 days (2026-06-18)."
    )
    assert only(replace(ANN, birthday=TODAY), Kind.BIRTHDAY).text.endswith("today.")
    tomorrow = replace(ANN, birthday=TODAY + days(1))
    assert only(tomorrow, Kind.BIRTHDAY).text.endswith("tomorrow.")


# Goals and new contacts


def test_goal_relevance_counts_in_search_mode_only():
    relevant = replace(ANN, goal_relevance=0.5, goal_matched=("climate", "product"))
    assert Kind.GOAL not in kinds(relevant, Mode.MAINTAIN)
    reason = only(relevant, Kind.GOAL, Mode.SEARCH)
    assert "(climate, product)" in reason.text
    # 0.5 · (0.6 + 0.5)
    assert reason.score == pytest.approx(0.55)


def test_no_goal_reason_for_someone_who_already_knows_the_goal():
    told = replace(ANN, goal_relevance=1.0, goal_matched=("climate",), knows_goal=True)
    assert Kind.GOAL not in kinds(told, Mode.SEARCH)


def test_no_goal_reason_for_someone_unrelated_to_the_goal():
    assert Kind.GOAL not in kinds(replace(ANN, goal_relevance=0.0), Mode.SEARCH)


def test_never_contacted_only_with_a_reason_to_reach_them():
    assert kinds(ANN) == []
    introduced = replace(ANN, never_contacted_because="introduced by Bo Chen")
    reason = only(introduced, Kind.NEVER_CONTACTED)
    assert reason.text == "Never in touch yet (introduced by Bo Chen)."
    assert reason.score == pytest.approx(0.4)
    # Goal relevance adds to it in search mode only.
    relevant = replace(introduced, goal_relevance=0.5)
    assert only(relevant, Kind.NEVER_CONTACTED).score == pytest.approx(0.4)
    assert only(relevant, Kind.NEVER_CONTACTED, Mode.SEARCH).score == pytest.approx(0.7)


def test_someone_already_contacted_is_not_never_contacted():
    met = replace(ANN, last_contact=TODAY, never_contacted_because="you set a tier")
    assert Kind.NEVER_CONTACTED not in kinds(met)


def test_an_item_sums_its_reasons_in_a_fixed_order():
    busy = tracked(
        replace(
            ANN,
            birthday=TODAY + days(2),
            thanks_owed_since=TODAY - days(20),
            job_change=(TODAY - days(3), "Acme", "Globex"),
        ),
        cadence=30,
        days_over=3,
    )
    found = item(busy, TODAY, Mode.MAINTAIN)
    assert found is not None
    assert [r.kind for r in found.reasons] == [
        Kind.THANKS_OWED,
        Kind.JOB_CHANGE,
        Kind.BIRTHDAY,
        Kind.OVERDUE,
    ]
    # 1.56 + (0.8 + 0.25) + (0.5 + 0.35) + 0.6 · (1 + 3/30) = 4.12
    assert found.score == 4.12


# Birthdays


@pytest.mark.parametrize(
    ("month", "day", "today", "expected"),
    [
        (6, 20, date(2026, 6, 15), date(2026, 6, 20)),
        (6, 15, date(2026, 6, 15), date(2026, 6, 15)),  # today is still next
        (1, 2, date(2026, 12, 30), date(2027, 1, 2)),  # across the new year
        (6, 14, date(2026, 6, 15), date(2027, 6, 14)),  # just missed
        (2, 29, date(2026, 2, 1), date(2026, 2, 28)),  # common year
        (2, 29, date(2028, 2, 1), date(2028, 2, 29)),  # leap year
        (2, 29, date(2026, 3, 1), date(2027, 2, 28)),
        (2, 29, date(2027, 3, 1), date(2028, 2, 29)),  # next year is a leap year
    ],
)
def test_next_birthday(month, day, today, expected):
    assert next_birthday(month, day, today) == expected


@given(
    month=st.integers(min_value=1, max_value=12),
    day=st.integers(min_value=1, max_value=31),
    today=st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
)
def test_the_next_birthday_is_within_a_year(month, day, today):
    found = next_birthday(month, day, today)
    assert today <= found <= today + days(366)


# Ranking


def same_score_item(person_id: int, name: str, score: float = 1.0) -> Item:
    return Item(
        facts=replace(ANN, person_id=person_id, name=name),
        reasons=(),
        score=score,
        days_overdue=0,
    )


def test_ranking_breaks_ties_by_name_then_id():
    items = [
        same_score_item(5, "bea"),
        same_score_item(4, "Ann"),
        same_score_item(3, "ann"),
        same_score_item(9, "Zed", score=2.0),
    ]
    ranked = rank(items, 10)
    assert [(i.facts.name, i.person_id) for i in ranked] == [
        ("Zed", 9),
        ("ann", 3),
        ("Ann", 4),
        ("bea", 5),
    ]
    assert rank(list(reversed(items)), 10) == ranked


def test_ranking_honours_the_limit():
    items = [same_score_item(i, f"P{i:02}", score=i / 10) for i in range(20)]
    ranked = rank(items, 3)
    assert [i.person_id for i in ranked] == [19, 18, 17]
    assert rank(items, 0) == []


# A way back in for dormant ties

FORBIDDEN = ("ask for", "favour", "job", "opening")


def way_back(**overrides) -> str:
    known: dict[str, Any] = {
        "organization": None,
        "last_summary": "",
        "job_change": None,
        "birthday": None,
        "days_silent": 100,
    }
    known.update(overrides)
    return way_back_in("Ann Lee", **known)


def test_a_way_back_in_congratulates_on_a_new_job_first():
    text = way_back(
        job_change=(TODAY, "Acme", "Globex"),
        birthday=TODAY,
        last_summary="the grant",
        organization="Acme",
    )
    assert text.startswith("Congratulate Ann Lee on joining Globex")


def test_a_way_back_in_uses_a_birthday_next():
    text = way_back(birthday=TODAY, last_summary="the grant", organization="Acme")
    assert text.startswith("Wish Ann Lee a happy birthday")


def test_a_way_back_in_picks_up_the_last_conversation():
    text = way_back(last_summary="the grant proposal", organization="Acme")
    assert "your last conversation about “the grant proposal”" in text


def test_a_way_back_in_offers_something_useful_for_their_work():
    text = way_back(organization="Acme")
    assert "their work at Acme" in text
    assert "no ask" in text


@pytest.mark.parametrize(
    ("days_silent", "gap"),
    [(100, "It has been a while"), (400, "It has been 1 year:"), (800, "2 years")],
)
def test_a_way_back_in_with_nothing_known_counts_the_years(days_silent, gap):
    assert gap in way_back(days_silent=days_silent)


@given(
    organization=st.none() | st.sampled_from(["Acme", "Globex", "Initech"]),
    last_summary=st.sampled_from(["", "the grant", "coffee in Lyon"]),
    job_change=st.none() | st.just((TODAY, "Acme", "Globex")),
    birthday=st.none() | st.just(TODAY),
    days_silent=st.integers(min_value=0, max_value=10_000),
)
def test_a_way_back_in_never_asks_for_anything(
    organization, last_summary, job_change, birthday, days_silent
):
    text = way_back(
        organization=organization,
        last_summary=last_summary,
        job_change=job_change,
        birthday=birthday,
        days_silent=days_silent,
    ).casefold()
    assert not [word for word in FORBIDDEN if word in text]


# Properties

some_dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))
unit = st.floats(min_value=0.0, max_value=1.0)
words = st.text(max_size=30)
facts_strategy = st.builds(
    Facts,
    person_id=st.integers(min_value=1),
    name=words,
    strength=unit,
    bond=unit,
    cadence=st.none() | st.integers(min_value=1, max_value=3650),
    due=st.none() | some_dates,
    last_contact=st.none() | some_dates,
    last_warm=st.none() | some_dates,
    goal_relevance=unit,
    goal_matched=st.lists(words, max_size=3).map(tuple),
    knows_goal=st.booleans(),
    follow_ups=st.lists(
        st.builds(
            FollowUp,
            due_on=some_dates,
            set_on=some_dates,
            summary=words,
            intent=st.sampled_from(["", "catch-up", "give", "ask", "advice"]),
        ),
        max_size=3,
    ).map(tuple),
    job_change=st.none() | st.tuples(some_dates, words, words),
    birthday=st.none() | some_dates,
    thanks_owed_since=st.none() | some_dates,
    loops=st.lists(
        st.builds(
            Loop,
            kind=st.sampled_from(["introduction", "advice"]),
            on=some_dates,
            about=words,
        ),
        max_size=2,
    ).map(tuple),
    never_contacted_because=words,
    organization=st.none() | words,
    dormant_on=st.none() | some_dates,
)


@given(facts=facts_strategy, today=some_dates, mode=st.sampled_from(Mode))
def test_scores_are_never_negative_and_an_item_is_their_sum(facts, today, mode):
    found = reasons(facts, today, mode)
    assert all(r.score >= 0 for r in found)
    listed = item(facts, today, mode)
    if not found:
        assert listed is None
        return
    assert listed is not None
    assert listed.score == round(sum(r.score for r in found), 4)
    assert listed.reasons == tuple(found)
    order = list(Kind)
    assert [order.index(r.kind) for r in found] == sorted(
        order.index(r.kind) for r in found
    )
