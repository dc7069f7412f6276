"""The funnel's arithmetic on a hand-built history, numbers worked out below."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netlife.engines.funnel import (
    PIPELINE,
    STAGES,
    AskOutcomes,
    Credited,
    FirstAsk,
    LeadHistory,
    Outcomes,
    PersonOutcomes,
    StageCount,
    StageEntry,
    StageTime,
    first_ask,
    funnel,
    furthest_stage,
    stage_funnel,
)

ADA, BOB, CY = Credited(1, "Ada Lovelace"), Credited(2, "Bob Byte"), Credited(3, "Cy")


def entries(*pairs: tuple[str, str]) -> tuple[StageEntry, ...]:
    """("lead", "01-05") → the day it entered the stage, in 2026."""
    return tuple(
        StageEntry(stage, date.fromisoformat(f"2026-{day}")) for stage, day in pairs
    )


# Six leads. Furthest stage reached, and why:
#   1 hired        every stage recorded             Ada        advice
#   2 interview    closed after the interview       Ada, Bob   favour
#   3 interview    skipped conversation             Bob        none
#   4 conversation still there                      Cy         advice
#   5 lead         closed the next day              nobody     none
#   6 offer        imported without history         Cy         none
LEADS = [
    LeadHistory(
        1,
        "hired",
        entries(
            ("lead", "01-01"),
            ("conversation", "01-11"),
            ("interview", "01-21"),
            ("offer", "02-10"),
            ("hired", "02-20"),
        ),
        (ADA,),
        FirstAsk.ADVICE,
    ),
    LeadHistory(
        2,
        "closed",
        entries(
            ("lead", "01-05"),
            ("conversation", "01-09"),
            ("interview", "01-29"),
            ("closed", "02-05"),
        ),
        (ADA, BOB),
        FirstAsk.FAVOUR,
    ),
    LeadHistory(
        3, "interview", entries(("lead", "02-01"), ("interview", "02-15")), (BOB,)
    ),
    LeadHistory(
        4,
        "conversation",
        entries(("lead", "02-01"), ("conversation", "02-04")),
        (CY,),
        FirstAsk.ADVICE,
    ),
    LeadHistory(5, "closed", entries(("lead", "03-01"), ("closed", "03-02"))),
    LeadHistory(6, "offer", (), (CY,)),
]


def test_it_counts_the_leads_at_and_past_each_stage():
    result = funnel(LEADS)
    assert result.leads == 6
    assert result.stages == (
        # Now: 1 hired, 2 and 5 closed, 3 interview, 4 conversation, 6 offer.
        # Reached: all six; all but 5; 1, 2, 3, 6; 1 and 6; 1.
        StageCount("lead", 0, 6, None),
        StageCount("conversation", 1, 5, 0.8333),  # 5 / 6
        StageCount("interview", 1, 4, 0.8),  # 4 / 5
        StageCount("offer", 1, 2, 0.5),  # 2 / 4
        StageCount("hired", 1, 1, 0.5),  # 1 / 2
        StageCount("closed", 2, 2, None),
    )


def test_it_credits_each_person_with_how_far_their_leads_went():
    assert funnel(LEADS).by_person == (
        # Ada: 1 (hired) and 2 (interview). Cy: 4 (conversation) and 6
        # (offer). Bob: 2 and 3, both interviews. A hire ranks first, then
        # an offer.
        PersonOutcomes(1, "Ada Lovelace", Outcomes(2, 2, 1, 1)),
        PersonOutcomes(3, "Cy", Outcomes(2, 1, 1, 0)),
        PersonOutcomes(2, "Bob Byte", Outcomes(2, 2, 0, 0)),
    )


def test_it_splits_the_leads_by_the_first_ask():
    assert funnel(LEADS).by_first_ask == (
        AskOutcomes(FirstAsk.ADVICE, Outcomes(2, 1, 1, 1)),  # 1 and 4
        AskOutcomes(FirstAsk.FAVOUR, Outcomes(1, 1, 0, 0)),  # 2
        AskOutcomes(FirstAsk.NONE, Outcomes(3, 2, 1, 0)),  # 3, 5 and 6
    )


def test_it_takes_the_median_days_between_recorded_consecutive_stages():
    assert funnel(LEADS).days_between == (
        # 1: 10 days, 2: 4, 4: 3 (3 skipped it, 5 never got there) → 4.
        StageTime("lead", "conversation", 4.0, 3),
        # 1: 10, 2: 20 → 15.
        StageTime("conversation", "interview", 15.0, 2),
        # 1 alone: Jan 21 → Feb 10.
        StageTime("interview", "offer", 20.0, 1),
        StageTime("offer", "hired", 10.0, 1),
    )


def test_no_leads_is_an_empty_funnel():
    result = funnel([])
    assert result.leads == 0
    assert [(s.count, s.reached, s.conversion) for s in result.stages] == [
        (0, 0, None)
    ] * len(STAGES)
    assert result.by_person == ()
    assert all(a.outcomes == Outcomes() for a in result.by_first_ask)
    assert all(t.median_days is None for t in result.days_between)


def test_a_closed_lead_keeps_the_furthest_stage_it_reached():
    lead = LeadHistory(
        1, "closed", entries(("lead", "01-01"), ("offer", "01-02"), ("closed", "01-03"))
    )
    assert furthest_stage(lead) == "offer"
    assert furthest_stage(LeadHistory(2, "closed")) == "lead"


def test_someone_named_twice_on_a_lead_counts_it_once():
    lead = LeadHistory(1, "lead", credited=(ADA, ADA))
    assert funnel([lead]).by_person[0].outcomes == Outcomes(1, 0, 0, 0)


@pytest.mark.parametrize(
    ("source", "earlier", "expected"),
    [
        ("ask", [], FirstAsk.FAVOUR),
        ("advice", ["ask"], FirstAsk.ADVICE),
        ("ask", ["advice"], FirstAsk.FAVOUR),  # the source wins over earlier asks
        ("received", ["give", "ask", "advice"], FirstAsk.FAVOUR),
        ("catch-up", ["advice"], FirstAsk.ADVICE),
        (None, ["advice"], FirstAsk.ADVICE),
        (None, ["give", "thanks"], FirstAsk.NONE),
        (None, [], FirstAsk.NONE),
    ],
)
def test_the_first_ask_is_the_sources_else_the_earliest(source, earlier, expected):
    assert first_ask(source, earlier) is expected


STAGE_PATHS = st.lists(st.sampled_from(PIPELINE[1:]), unique=True).map(
    lambda stages: sorted(stages, key=PIPELINE.index)
)


@st.composite
def histories(draw: st.DrawFn) -> LeadHistory:
    path = ["lead", *draw(STAGE_PATHS)]
    closed = path[-1] != "hired" and draw(st.booleans())
    day = date(2026, 1, 1)
    history = []
    for stage in [*path, *(["closed"] if closed else [])]:
        day += timedelta(days=draw(st.integers(0, 30)))
        history.append(StageEntry(stage, day))
    people = draw(st.lists(st.sampled_from([ADA, BOB, CY]), max_size=3))
    return LeadHistory(
        draw(st.integers(1, 10_000)),
        "closed" if closed else path[-1],
        tuple(history),
        tuple(people),
        draw(st.sampled_from(FirstAsk)),
    )


@given(st.lists(histories(), max_size=30))
def test_the_numbers_always_add_up(leads):
    result = funnel(leads)
    reached = [s.reached for s in result.stages[: len(PIPELINE)]]
    assert reached == sorted(reached, reverse=True), "the funnel only narrows"
    assert reached[0] == len(leads)
    assert sum(s.count for s in result.stages) == len(leads)
    assert sum(a.outcomes.leads for a in result.by_first_ask) == len(leads)
    assert result.stages[4].reached == sum(
        a.outcomes.hires for a in result.by_first_ask
    )
    for s in result.stages:
        assert s.conversion is None or 0.0 <= s.conversion <= 1.0
    for t in result.days_between:
        assert (t.median_days is None) == (t.leads == 0)
        assert t.median_days is None or t.median_days >= 0


def _stages_only(leads: list[LeadHistory]) -> list[tuple[str, list[str]]]:
    return [(lead.stage, [entry.stage for entry in lead.history]) for lead in leads]


def test_the_stage_counts_alone_are_the_funnels():
    result = stage_funnel(_stages_only(LEADS))
    assert result.leads == 6
    assert result.stages == funnel(LEADS).stages


def test_the_stage_counts_alone_ignore_the_order_of_the_history():
    stages = stage_funnel([("closed", ["closed", "offer", "lead"])]).stages
    assert [s.reached for s in stages] == [1, 1, 1, 1, 0, 1]


@given(st.lists(histories(), max_size=30))
def test_the_stage_counts_alone_always_agree_with_the_funnel(leads):
    result = funnel(leads)
    alone = stage_funnel(_stages_only(leads))
    assert (alone.leads, alone.stages) == (result.leads, result.stages)
