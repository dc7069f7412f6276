"""The outreach message linter: what it flags, where, and in what words."""

import json
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netlife.engines import lint as lint_module
from netlife.engines.lint import (
    FIRST_MESSAGE_MAX_SENTENCES,
    FIRST_MESSAGE_MAX_WORDS,
    KINDS,
    Finding,
    lint,
)
from netlife.engines.reciprocity import warm_up_suggestion
from netlife.engines.tests import lint_corpus
from netlife.engines.tests.lint_corpus import ASKS, FRIENDLY, flags_openings, measure

DOCS = Path(__file__).resolve().parents[4] / "docs" / "lint.md"


def kinds(text: str, **options: Any) -> list[str]:
    return [f.kind for f in lint(text, **options)]


def flagged(text: str, kind: str = "openings-ask", **options: Any) -> list[str]:
    """The words each finding of this kind points at."""
    found = lint(text, **options)
    return [text[f.span[0] : f.span[1]] for f in found if f.kind == kind]


# --- The corpus and the measured quality -------------------------------------


def test_the_corpus_is_big_enough_and_has_no_repeats():
    assert len(ASKS) >= 60
    assert len(FRIENDLY) >= 80
    assert len(set(ASKS)) == len(ASKS)
    assert len(set(FRIENDLY)) == len(FRIENDLY)
    assert not set(ASKS) & set(FRIENDLY)


def test_it_finds_at_least_nine_in_ten_openings_asks():
    figures = measure(ASKS, FRIENDLY)
    assert figures.recall >= 0.90, figures.missed


def test_it_raises_at_most_one_false_alarm_per_forty_friendly_messages():
    figures = measure(ASKS, FRIENDLY)
    assert figures.false_alarm_rate <= 1 / 40, figures.false_alarms


def test_the_docs_quote_the_figures_the_corpus_gives():
    figures = measure(ASKS, FRIENDLY)
    quoted = lint_corpus.report("whole corpus", figures).splitlines()[:3]
    text = DOCS.read_text(encoding="utf-8")
    for line in quoted:
        assert line.strip() in text


def test_the_corpus_script_prints_every_set(capsys):
    lint_corpus.main()
    out = capsys.readouterr().out
    for name in ("development", "holdout 1", "holdout 2", "holdout 3", "whole"):
        assert name in out
    assert "recall" in out
    assert "false alarms" in out


def test_casing_and_curly_quotes_do_not_change_the_verdict():
    for text in ASKS + FRIENDLY:
        expected = flags_openings(text)
        assert flags_openings(text.upper()) == expected, text
        curly = text.replace("'", "\u2019")
        assert flags_openings(curly) == expected, text


# --- openings-ask ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Hi Ana, do you know of any openings at Acme?", "know of any openings"),
        ("Could you pass my CV to HR?", "pass my CV to"),
        ("Would you put in a good word for me?", "put in a good word"),
        ("Are you guys hiring at the moment?", "Are you guys hiring"),
        ("Let me know if something opens up!", "Let me know if something opens up"),
        ("Could you refer me for the data role?", "refer me"),
        ("Can you help me land a role at Stripe?", "help me land a role"),
        (
            "Any chance there's an opening in your team?",
            "any chance there's an opening",
        ),
    ],
)
def test_the_span_points_at_the_ask(text, words):
    assert [w.lower() for w in flagged(text)] == [words.lower()]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Do you know of any oppenings?", "know of any oppenings"),
        ("DO YOU KNOW OF ANY OPENINGS??", "KNOW OF ANY OPENINGS"),
        ("can u refer me", "refer me"),
        ("r u hiring", "r u hiring"),
        (
            "Could you introduce me to someone who\u2019s hiring?",
            "introduce me to someone who\u2019s hiring",
        ),
        ("Would you mind sharing my résumé with Jo?", "sharing my résumé with"),
        ("Could u plz fwd my cv to ur manager", "fwd my cv to"),
        # A decomposed accent and a zero-width space stay inside the span.
        (
            "Could you pass my re\u0301sume\u0301 to HR?",
            "pass my re\u0301sume\u0301 to",
        ),
        ("Do you know of any ope\u200bnings?", "know of any ope\u200bnings"),
    ],
)
def test_typos_casing_text_speak_and_unicode_are_read_through(text, words):
    assert flagged(text) == [words]


def test_each_asking_sentence_gets_its_own_finding():
    text = "Do you know of any openings? If not, could you pass my CV to HR?"
    assert flagged(text) == ["know of any openings", "pass my CV to"]


@pytest.mark.parametrize(
    "text",
    [
        "We're hiring, if anyone you know is looking.",
        "I got the job!",
        "I was hired last month.",
        "Thanks for the referral you made for Sam.",
        "My role now is mostly mentoring new hires.",
        "Thanks so much for passing my CV to Dana, she called me!",
        "I know of a few openings at my firm; want me to pass your name along?",
        "I'm not asking about openings, just your view of the industry.",
        "Any advice on how to ask for a referral without being pushy?",
        "Do you have any openings in your calendar next week?",
        "Let me know when you start the new position.",
        "Would you be willing to look over my CV?",
    ],
)
def test_mentions_of_jobs_that_ask_for_none_are_left_alone(text):
    assert "openings-ask" not in kinds(text)


def test_the_suggestion_proposes_the_advice_ask_by_name():
    [finding] = lint("Do you know of any openings?", name="Ana")
    assert "advice" in finding.suggestion
    assert "Ana" in finding.suggestion
    assert "15 minutes" in finding.suggestion


def test_a_referral_ask_is_told_the_offer_should_come_from_them():
    [finding] = lint("Could you refer me for the role?")
    assert "refer" in finding.message
    assert "offer to refer you" in finding.suggestion


# --- cold-ask ----------------------------------------------------------------


def test_a_cold_openings_ask_warns_at_the_ask():
    text = "Hi Ana, long time! Do you know of any openings?"
    [cold] = [f for f in lint(text, cold=True, name="Ana") if f.kind == "cold-ask"]
    assert text[cold.span[0] : cold.span[1]] == "know of any openings"
    assert "Ana" in cold.message
    assert cold.suggestion == warm_up_suggestion("Ana", None)


def test_a_cold_advice_ask_is_a_cold_ask_too():
    text = "Hi Ana, could we talk for 15 minutes? I'd value your advice."
    assert flagged(text, "cold-ask", cold=True, name="Ana") == ["could we talk"]
    assert "openings-ask" not in kinds(text, cold=True)


@pytest.mark.parametrize(
    "text",
    [
        "Hi Ana, how have you been? It has been ages.",
        "Would you like to grab coffee next week?",
        "Thank you for your advice last year, it worked!",
        "Congratulations on the new role!",
    ],
)
def test_a_cold_message_without_an_ask_is_fine(text):
    assert "cold-ask" not in kinds(text, cold=True, name="Ana")


def test_a_warm_ask_is_not_a_cold_ask():
    assert "cold-ask" not in kinds("Could we talk for 15 minutes?", name="Ana")


def test_without_a_name_the_cold_ask_wording_still_reads():
    [cold] = [f for f in lint("Could you refer me?", cold=True) if f.kind == "cold-ask"]
    assert "this person" in cold.message
    assert cold.suggestion == warm_up_suggestion("them", None)


# --- me-only -----------------------------------------------------------------


def test_a_message_all_about_the_sender_is_me_only():
    text = "  I moved to Lyon. I started at a bank and my team is great.\n"
    [finding] = [f for f in lint(text, name="Ana") if f.kind == "me-only"]
    assert finding.span == (2, len(text.rstrip()))
    assert "Ana" in finding.suggestion


@pytest.mark.parametrize(
    "text",
    [
        "I moved to Lyon. How is your new job?",
        "I moved to Lyon. Thanks again for the tip about the flat.",
        "I moved to Lyon. How is the family?",
        "I'm in.",
    ],
)
def test_interest_in_the_reader_or_thanks_is_not_me_only(text):
    assert "me-only" not in kinds(text)


# --- too-long ----------------------------------------------------------------


def test_length_is_only_checked_on_a_first_message():
    text = "I have worked in logistics for many years. " * 30
    assert "too-long" not in kinds(text)
    assert "too-long" in kinds(text, first_message=True)


def test_the_word_limit_is_inclusive_and_the_span_starts_past_it():
    words = [f"w{i}" for i in range(FIRST_MESSAGE_MAX_WORDS + 1)]
    at_limit = " ".join(words[:-1]) + "?"
    assert "too-long" not in kinds(at_limit, first_message=True)
    over = " ".join(words) + "?"
    [finding] = [f for f in lint(over, first_message=True) if f.kind == "too-long"]
    assert over[finding.span[0] : finding.span[1]] == words[-1] + "?"
    assert str(FIRST_MESSAGE_MAX_WORDS + 1) in finding.message


def test_too_many_sentences_is_too_long_but_greetings_do_not_count():
    lines = [f"This is sentence number {i}." for i in range(1, 10)]
    at_limit = "Hi Ana,\n" + " ".join(lines[:-1]) + "\nBest,\nJo"
    assert "too-long" not in kinds(at_limit, first_message=True)
    over = " ".join(lines)
    [finding] = [f for f in lint(over, first_message=True) if f.kind == "too-long"]
    assert over[finding.span[0] :].startswith(f"This is sentence number {9}.")
    assert str(FIRST_MESSAGE_MAX_SENTENCES) in finding.message


# --- no-request --------------------------------------------------------------


def test_an_outreach_without_a_request_is_flagged():
    text = "Hi Ana, I moved to Lyon and it reminded me of you."
    [finding] = [f for f in lint(text, name="Ana") if f.kind == "no-request"]
    assert finding.span == (0, len(text))
    assert "15 minutes next week, Ana?" in finding.suggestion


@pytest.mark.parametrize(
    "text",
    [
        "Hi Ana, how is the new job?",
        "Could we talk for 15 minutes next week.",
        "I'd value your advice on moving into product.",
        "Let's grab lunch when you are back.",
    ],
)
def test_a_question_or_a_small_request_is_enough(text):
    assert "no-request" not in kinds(text)


def test_a_message_that_is_not_outreach_needs_no_request():
    assert "no-request" not in kinds("Thanks for the book!", outreach=False)
    assert "no-request" in kinds("Thanks for the book!")


def test_an_openings_ask_is_not_also_called_no_request():
    assert kinds("Let me know if something opens up.") == ["openings-ask"]


# --- Shape -------------------------------------------------------------------


def test_the_kinds_are_the_ones_design_names():
    assert KINDS == ("openings-ask", "cold-ask", "me-only", "too-long", "no-request")


def test_a_finding_becomes_the_json_design_names():
    text = "I lost my job. Do you know of any openings?"
    [finding] = lint(text)
    data = finding.to_json()
    assert list(data) == ["kind", "span", "message", "suggestion"]
    assert data["kind"] == "openings-ask"
    assert data["span"] == [22, 42] == list(finding.span)
    assert json.loads(json.dumps(data)) == data


def test_every_kind_has_a_one_sentence_message_and_a_suggestion():
    text = "I have been out of work. I am very keen to find something. " * 12
    found = lint(text + "Any openings?", cold=True, name="Ana", first_message=True)
    found += lint("I moved to Lyon. I started at a bank.")
    assert {f.kind for f in found} == set(KINDS)
    for finding in found:
        assert finding.message.endswith(".")
        assert ". " not in finding.message.rstrip(".")
        assert finding.suggestion


def test_findings_come_sorted_by_where_they_start():
    text = "I moved to Lyon. I started at a bank. " * 20
    found = lint(text, first_message=True)
    assert [f.kind for f in found] == ["me-only", "no-request", "too-long"]
    assert [f.span[0] for f in found] == sorted(f.span[0] for f in found)


@pytest.mark.parametrize("text", ["", "   \n\t", "!!! ...", "\u200b\u200b"])
def test_a_draft_without_words_has_no_findings(text):
    assert lint(text, cold=True, first_message=True) == []


def test_a_huge_single_sentence_is_still_quick():
    text = "could you " + "keep me in mind for the club and thanks for me and " * 2000
    started = time.perf_counter()
    lint(text, cold=True, first_message=True)
    assert time.perf_counter() - started < 5


# --- Any text at all ---------------------------------------------------------

VOCABULARY = lint_module._words(
    "any openings job jobs hiring refer me my CV résumé to you your know of "
    "let me know if something opens up could would please thanks for I we "
    "not advice how the a role position r u hiring? keep in mind who\u2019s"
)


def check_invariants(text: str, findings: list[Finding]) -> None:
    for finding in findings:
        assert finding.kind in KINDS
        start, end = finding.span
        assert 0 <= start < end <= len(text)
        assert finding.message
        assert finding.suggestion
    starts = [f.span[0] for f in findings]
    assert starts == sorted(starts)


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(),
    cold=st.booleans(),
    first=st.booleans(),
    outreach=st.booleans(),
    name=st.text(max_size=20),
)
def test_any_text_lints_without_crashing_and_spans_stay_inside(
    text, cold, first, outreach, name
):
    options = {"cold": cold, "name": name, "first_message": first, "outreach": outreach}
    found = lint(text, **options)
    check_invariants(text, found)
    assert lint(text, **options) == found


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(
        st.sampled_from(VOCABULARY)
        | st.sampled_from([".", "?", "!", "\n", "\n\n", ",", "\u2019", "\u0301"])
        | st.text(max_size=3),
        max_size=60,
    ),
    separators=st.sampled_from([" ", "  ", "\t", " \u00a0"]),
)
def test_text_near_the_rules_keeps_the_invariants(words, separators):
    text = separators.join(words)
    check_invariants(text, lint(text, cold=True, first_message=True))


def test_folding_maps_expanding_characters_back_to_their_source():
    # "ﬁ" folds to two letters and "İ" to one plus a dropped dot: the span
    # must still cover what was typed.
    text = "İ ﬁnd it odd. Do you know of any openings?"
    [finding] = lint(text)
    assert text[finding.span[0] : finding.span[1]] == "know of any openings"
    folded = lint_module._fold(text)
    assert folded.text.startswith("i find it odd.")
