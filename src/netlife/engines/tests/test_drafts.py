import json
import re
from dataclasses import fields, replace
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netlife.engines.drafts import (
    ASKING_SITUATIONS,
    SITUATIONS,
    Draft,
    DraftFacts,
    draft,
)

TODAY = date(2026, 6, 1)
FULL = DraftFacts(
    first_name="Ana",
    full_name="Ana Silva",
    organization="Acme Analytics",
    title="Head of Data",
    how_met="at the PyCon sprint in Porto",
    last_summary="the move to the platform team",
    last_contact=date(2026, 3, 12),
    today=TODAY,
    goal="a data engineering role in Lisbon",
    job_change=("Initech", "Acme Analytics"),
    new_title="Head of Data",
    helped_with="the introduction to Priya",
    outcome="Priya and I have a call booked for next week",
    target_name="Priya Patel",
    target_organization="Globex",
    target_how="worked together at Initech",
    sender_name="Sam Rivera",
    sender_blurb="a data engineer with eight years in logistics",
)
MINIMAL = DraftFacts(first_name="", full_name="")
# The "any openings?" family of asks that the advice framing replaces.
OPENINGS_ASK = re.compile(r"job|opening|vacanc|position|hiring|refer me", re.IGNORECASE)
# Leftovers of a template whose fact was missing. Facts are tidied of stray
# spaces, so SPACING never appears; USER_TYPED may, but only if a fact has it.
SPACING = ("  ", " ,", " .", " ;", " :", " ?", " !", "Hi ,")
USER_TYPED = ("None", "{", "}", "()")
BROKEN = SPACING + USER_TYPED


def assert_clean(text: str) -> None:
    for artifact in BROKEN:
        assert artifact not in text, f"{artifact!r} in {text!r}"
    assert "\n\n\n" not in text
    for line in text.splitlines():
        assert line == line.strip(), f"stray whitespace in {line!r}"


def words(text: str) -> int:
    return len(text.split())


def forwardable_note(body: str) -> str:
    paragraphs = body.split("\n\n")
    lead = next(i for i, p in enumerate(paragraphs) if "forward" in p)
    return paragraphs[lead + 1]


# --- Every situation ----------------------------------------------------------


@pytest.mark.parametrize("situation", SITUATIONS)
def test_every_situation_greets_by_first_name_and_signs_with_the_users_name(
    situation,
):
    result = draft(situation, FULL)
    assert result.situation == situation
    assert result.body.startswith("Hi Ana,\n\n")
    assert result.body.endswith(",\nSam Rivera")
    assert result.subject
    assert "\n" not in result.subject
    assert_clean(result.body)
    assert_clean(result.subject)


@pytest.mark.parametrize("situation", SITUATIONS)
def test_every_situation_degrades_cleanly_with_no_facts(situation):
    result = draft(situation, MINIMAL)
    assert result.body.startswith("Hi there,\n\n")
    assert_clean(result.body)
    assert_clean(result.subject)
    assert result.subject


@pytest.mark.parametrize("situation", SITUATIONS)
def test_every_situation_degrades_cleanly_with_only_a_name_and_a_date(situation):
    facts = DraftFacts(first_name="Ben", full_name="Ben Okafor", today=TODAY)
    result = draft(situation, facts)
    assert result.body.startswith("Hi Ben,\n\n")
    assert_clean(result.body)


@pytest.mark.parametrize("situation", SITUATIONS)
def test_drafts_stay_short(situation):
    assert words(draft(situation, FULL).body) <= 170


@pytest.mark.parametrize("situation", SITUATIONS)
def test_the_same_facts_give_the_same_draft(situation):
    assert draft(situation, FULL) == draft(situation, replace(FULL))


def test_an_unknown_situation_names_the_valid_ones():
    with pytest.raises(ValueError, match="reconnect, advice, update") as error:
        draft("beg", FULL)
    assert "intro-request" in str(error.value)


# --- Reconnect ----------------------------------------------------------------


def test_reconnect_recalls_the_last_conversation_and_when():
    body = draft("reconnect", FULL).body
    assert "when we spoke in March about the move to the platform team." in body
    assert "Acme Analytics" in body
    assert "How are you" in body or "how you are" in body


def test_reconnect_recalls_how_they_met_when_the_last_talk_is_unknown():
    body = draft("reconnect", replace(FULL, last_summary="")).body
    assert "when we met at the PyCon sprint in Porto." in body


def test_reconnect_asks_for_nothing_and_keeps_the_goal_out():
    body = draft("reconnect", FULL).body
    assert "Lisbon" not in body
    assert not re.search(r"advice|introduc|favour|minutes|looking for", body)
    assert not OPENINGS_ASK.search(body)


def test_reconnect_says_how_long_the_silence_has_been():
    facts = replace(FULL, last_contact=date(2024, 1, 10))
    assert "over two years since we last spoke" in draft("reconnect", facts).body


def test_reconnect_after_a_recent_contact_does_not_claim_a_silence():
    body = draft("reconnect", replace(FULL, last_contact=date(2026, 5, 28))).body
    assert "since we last spoke" not in body
    assert "when we spoke a few days ago about the move" in body


def test_a_logged_summary_is_cut_to_what_the_talk_was_about():
    facts = replace(
        FULL, last_summary="Lunch with Ana; talked about Ana's move to Berlin."
    )
    body = draft("reconnect", facts).body
    assert "about your move to Berlin." in body
    assert "Lunch with" not in body


# --- Advice, update and intro-request ------------------------------------------


def test_advice_asks_for_a_short_conversation_about_the_goal():
    body = draft("advice", FULL).body
    assert "a data engineering role in Lisbon" in body
    assert "15 or 20 minutes" in body
    assert "as Head of Data at Acme Analytics" in body
    assert "since we spoke in March" in body


def test_a_goal_typed_as_a_plan_reads_as_one():
    facts = replace(FULL, goal="move into product management")
    assert "I'm trying to move into product management" in draft("advice", facts).body


def test_a_goal_typed_as_a_sentence_is_kept_as_it_is():
    facts = replace(FULL, goal="I want to work closer to climate data")
    assert "I want to work closer to climate data, and" in draft("advice", facts).body


def test_update_shares_the_goal_and_invites_without_pressure():
    body = draft("update", FULL).body
    assert "I'm looking for a data engineering role in Lisbon." in body
    assert "worth talking to" in body
    assert "pressure" in body
    assert "a data engineer with eight years in logistics" in body


def test_intro_request_names_the_target_how_they_know_each_other_and_why():
    body = draft("intro-request", FULL).body
    assert "introduce me to Priya Patel at Globex?" in body
    assert "I understand you two worked together at Initech." in body
    assert "a data engineering role in Lisbon" in body


def test_intro_request_carries_a_note_that_can_be_forwarded_as_it_is():
    result = draft("intro-request", FULL)
    note = forwardable_note(result.body)
    sentences = re.findall(r"[^.!?]+[.!?]", note)
    assert 2 <= len(sentences) <= 3
    assert note.startswith("I'm Sam Rivera, a data engineer with eight years")
    assert "Globex" in note
    assert "Ana" not in note  # written to the target, not to the introducer
    assert "forward to Priya as is:" in result.body


def test_intro_request_note_needs_nothing_about_the_user():
    note = forwardable_note(draft("intro-request", MINIMAL).body)
    assert 2 <= len(re.findall(r"[^.!?]+[.!?]", note)) <= 3


def test_intro_request_reads_other_ways_of_knowing_each_other():
    facts = replace(FULL, target_how="from the university rowing club")
    body = draft("intro-request", facts).body
    assert "you know each other from the university rowing club." in body
    bracketed = draft("intro-request", replace(FULL, target_how="former colleagues"))
    assert "(former colleagues)" in bracketed.body


def test_intro_request_to_someone_at_an_organization():
    result = draft("intro-request", replace(FULL, target_name=""))
    assert "introduce me to someone at Globex?" in result.body
    assert result.subject == "Could you introduce me to someone at Globex?"


@pytest.mark.parametrize("situation", ["advice", "update", "intro-request"])
@pytest.mark.parametrize("facts", [FULL, MINIMAL], ids=["full", "minimal"])
def test_asks_never_ask_for_openings(situation, facts):
    result = draft(situation, facts)
    assert not OPENINGS_ASK.search(result.body)
    assert not OPENINGS_ASK.search(result.subject)


@pytest.mark.parametrize("situation", ["advice", "update", "intro-request"])
def test_a_missing_goal_is_pointed_out(situation):
    result = draft(situation, replace(FULL, goal=""))
    assert any("goal" in warning for warning in result.warnings)
    assert "next step" in result.body


# --- Thanks, follow-up, congrats ------------------------------------------------


def test_thanks_names_the_help_and_what_came_of_it():
    body = draft("thanks", FULL).body
    assert "Thank you for the introduction to Priya." in body
    assert "what came of it: Priya and I have a call booked for next week." in body


def test_thanks_without_a_named_help_recalls_the_last_conversation():
    body = draft("thanks", replace(FULL, helped_with="")).body
    assert (
        "Thank you for taking the time to talk in March about the move to the "
        "platform team." in body
    )


def test_thanks_for_something_that_is_not_a_phrase_of_thanks():
    body = draft("thanks", replace(FULL, helped_with="my CV")).body
    assert "Thank you for your help with my CV." in body


def test_follow_up_reports_back_on_the_advice():
    body = draft("follow-up", replace(FULL, helped_with="my CV")).body
    assert "the advice you gave me in March about my CV." in body
    assert "Here is where it led: Priya and I have a call booked" in body
    assert "I'm still working toward a data engineering role in Lisbon" in body


def test_congrats_names_the_new_role_and_the_old_organization():
    result = draft("congrats", FULL)
    assert "your new role as Head of Data at Acme Analytics!" in result.body
    assert "after your time at Initech." in result.body
    assert result.subject == "Congratulations on the new role"


def test_congrats_on_a_move_with_no_title():
    facts = replace(FULL, new_title="", job_change=("", "Globex"))
    body = draft("congrats", facts).body
    assert "congratulations on your move to Globex!" in body
    assert "Initech" not in body


# --- Cold ties ----------------------------------------------------------------


@pytest.mark.parametrize("situation", sorted(ASKING_SITUATIONS))
def test_a_cold_ask_warns_once_and_proposes_the_reconnect_first(situation):
    result = draft(situation, replace(FULL, cold=True))
    assert len(result.warnings) == 1
    assert "gone cold" in result.warnings[0]
    assert result.warnings[0].count(".") == 1  # one sentence
    assert result.alternative == draft("reconnect", FULL)
    assert result.alternative.situation == "reconnect"


@pytest.mark.parametrize(
    "situation", ["reconnect", "thanks", "congrats", "update", "follow-up"]
)
def test_a_cold_tie_needs_no_warning_when_nothing_is_asked(situation):
    result = draft(situation, replace(FULL, cold=True))
    assert result.warnings == ()
    assert result.alternative is None


@pytest.mark.parametrize("situation", SITUATIONS)
def test_a_warm_tie_with_full_facts_has_no_warnings(situation):
    result = draft(situation, FULL)
    assert result.warnings == ()
    assert result.alternative is None


def test_the_cold_warning_works_without_a_name():
    result = draft("advice", replace(MINIMAL, cold=True))
    assert any(w.startswith("This tie has gone cold") for w in result.warnings)
    assert result.alternative is not None
    assert result.alternative.body.startswith("Hi there,")


# --- Relative time --------------------------------------------------------------


@pytest.mark.parametrize(
    ("last", "phrase"),
    [
        (date(2026, 6, 1), "earlier today"),
        (date(2026, 5, 31), "yesterday"),
        (date(2026, 5, 28), "a few days ago"),
        (date(2026, 5, 22), "last week"),
        (date(2026, 3, 12), "in March"),
        (date(2025, 11, 3), "in November"),
        (date(2025, 6, 20), "in June last year"),
        (date(2022, 9, 1), "in 2022"),
    ],
)
def test_the_last_contact_is_told_in_words(last, phrase):
    facts = replace(FULL, last_contact=last, helped_with="")
    assert f"talk {phrase} about" in draft("thanks", facts).body


def test_a_contact_earlier_the_same_month_is_told_so():
    facts = replace(FULL, last_contact=date(2026, 6, 5), today=date(2026, 6, 30))
    assert "since we spoke earlier this month" in draft("advice", facts).body


@pytest.mark.parametrize(
    ("last", "gap"),
    [
        (date(2026, 5, 1), "a few weeks"),
        (date(2026, 4, 10), "over a month"),
        (date(2025, 12, 1), "six months"),
        (date(2025, 6, 20), "almost a year"),
        (date(2025, 3, 1), "over a year"),
        (date(2016, 3, 1), "over ten years"),
    ],
)
def test_the_silence_is_told_in_words(last, gap):
    body = draft("reconnect", replace(FULL, last_contact=last)).body
    assert f"been {gap} since we last spoke" in body


@pytest.mark.parametrize(
    "facts",
    [replace(FULL, today=None), replace(FULL, last_contact=date(2026, 7, 1))],
    ids=["no today", "future contact"],
)
def test_no_time_is_mentioned_when_it_cannot_be_told(facts):
    body = draft("thanks", replace(facts, helped_with="")).body
    assert "Thank you for taking the time to talk about the move" in body
    assert not re.search(r"\bin [A-Z][a-z]+\b|ago|yesterday|today", body)


# --- Messy input ----------------------------------------------------------------


def test_blank_and_punctuation_only_facts_count_as_unknown():
    facts = DraftFacts(
        first_name="  ,  ",
        full_name=" ",
        organization=" . ",
        goal="\n\t",
        target_name="--",
        sender_name=" , ",
    )
    for situation in SITUATIONS:
        result = draft(situation, facts)
        assert result.body.startswith("Hi there,")
        assert_clean(result.body)
        assert result.body.splitlines()[-1][-1] != ","


def test_facts_are_tidied_not_reworded():
    facts = replace(
        FULL,
        first_name=" Ana\u200b ",
        organization="Acme  Inc.",
        goal="a data role in\nLisbon .",
        how_met="at PyCon , Porto",
    )
    body = draft("advice", facts).body
    assert body.startswith("Hi Ana,")
    assert "at Acme Inc. would help" in body
    assert "a data role in Lisbon, and" in body


TRICKY = st.sampled_from(
    ["", " ", ",", ".", "None", "  Ana  ", "\n", "Acme Inc.", "at the sprint.",
     "I want to move", "to lead", "your help", "about", "(x)", "Ana's job", "?!"]
)  # fmt: skip
TEXT = st.one_of(st.text(max_size=40), TRICKY)
DATES = st.none() | st.dates(min_value=date(1990, 1, 1), max_value=date(2035, 1, 1))


@st.composite
def any_facts(draw: st.DrawFn) -> DraftFacts:
    texts = {spec.name: draw(TEXT) for spec in fields(DraftFacts) if spec.type is str}
    return DraftFacts(
        **texts,
        last_contact=draw(DATES),
        today=draw(DATES),
        cold=draw(st.booleans()),
        job_change=draw(st.none() | st.tuples(TEXT, TEXT)),
    )


@settings(max_examples=300, deadline=None)
@given(situation=st.sampled_from(SITUATIONS), facts=any_facts())
def test_any_facts_give_a_clean_draft(situation, facts):
    result = draft(situation, facts)
    given_text = " ".join(str(getattr(facts, spec.name)) for spec in fields(DraftFacts))
    for text in (result.subject, result.body):
        assert text
        for artifact in SPACING:
            assert artifact not in text, f"{artifact!r} in {text!r}"
        for artifact in USER_TYPED:
            # Typed by the user it is theirs; made by a template it is a bug.
            typed = artifact in given_text or (
                artifact == "()" and ("(" in given_text or ")" in given_text)
            )
            assert artifact not in text or typed, f"{artifact!r} in {text!r}"
        assert "\n\n\n" not in text
        assert all(line == line.strip() for line in text.splitlines())
    assert result.body.startswith("Hi ")
    assert "\n" not in result.subject
    json.dumps(result.to_json())


@pytest.mark.parametrize("situation", SITUATIONS)
@pytest.mark.parametrize("facts", [FULL, MINIMAL], ids=["full", "minimal"])
def test_drafts_pass_the_message_linter(situation, facts):
    lint = pytest.importorskip("netlife.engines.lint").lint
    assert [f.kind for f in lint(draft(situation, facts).body)] == []


# --- JSON -----------------------------------------------------------------------


def test_the_json_has_the_documented_fields():
    shape = draft("thanks", FULL).to_json()
    assert list(shape) == ["situation", "subject", "body", "warnings"]
    assert shape["situation"] == "thanks"
    assert shape["warnings"] == []
    assert json.loads(json.dumps(shape)) == shape


def test_the_json_of_a_cold_ask_carries_the_reconnect_draft():
    shape = draft("advice", replace(FULL, cold=True)).to_json()
    assert list(shape) == ["situation", "subject", "body", "warnings", "alternative"]
    assert isinstance(shape["warnings"], list)
    assert len(shape["warnings"]) == 1
    alternative = shape["alternative"]
    assert isinstance(alternative, dict)
    assert alternative["situation"] == "reconnect"
    assert "alternative" not in alternative


def test_a_draft_is_a_plain_value():
    result = Draft("thanks", "Thank you", "Hi,\n\nThanks.")
    assert result.to_json() == {
        "situation": "thanks",
        "subject": "Thank you",
        "body": "Hi,\n\nThanks.",
        "warnings": [],
    }
