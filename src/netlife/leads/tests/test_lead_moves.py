"""`lead move`: forward through the stages, or closed; never back, never after the end.

Every (from, to) pair of the six stages is tried. Skipping ahead is
allowed; going back, staying put, and moving a hired or closed lead are
errors that change nothing.
"""

from datetime import date

import pytest

from netlife.engines.funnel import PIPELINE, STAGES
from netlife.leads.models import Lead, LeadStageChange
from netlife.leads.services import add_lead, move_lead


def allowed(current: str, target: str) -> bool:
    if current in ("hired", "closed") or target == current:
        return False
    return target == "closed" or PIPELINE.index(target) > PIPELINE.index(current)


def lead_at(network, stage: str) -> Lead:
    lead = add_lead(network, title="Product manager", on=date(2026, 1, 1))
    if stage != "lead":
        lead = move_lead(network, lead, stage, on=date(2026, 2, 1))
    return lead


@pytest.mark.parametrize("target", STAGES)
@pytest.mark.parametrize("current", STAGES)
def test_every_move_between_two_stages(run_cli, ana, current, target):
    lead = lead_at(ana, current)
    changes = LeadStageChange.objects.filter(lead=lead).count()
    result = run_cli(
        "lead", "move", str(lead.pk), target, "--on", "2026-03-01", "--json"
    )
    lead.refresh_from_db()
    if allowed(current, target):
        assert result.exit_code == 0, result.stderr
        assert result.json["stage"] == target
        assert result.json["history"][-1] == {"stage": target, "on": "2026-03-01"}
        assert lead.stage == target
        assert LeadStageChange.objects.filter(lead=lead).count() == changes + 1
    else:
        assert result.exit_code == 1
        assert result.stdout == ""
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert lead.stage == current
        assert LeadStageChange.objects.filter(lead=lead).count() == changes


def test_the_allowed_moves_are_the_documented_ones():
    moves = {(a, b) for a in STAGES for b in STAGES if allowed(a, b)}
    assert moves == {
        ("lead", "conversation"), ("lead", "interview"), ("lead", "offer"),
        ("lead", "hired"), ("lead", "closed"),
        ("conversation", "interview"), ("conversation", "offer"),
        ("conversation", "hired"), ("conversation", "closed"),
        ("interview", "offer"), ("interview", "hired"), ("interview", "closed"),
        ("offer", "hired"), ("offer", "closed"),
    }  # fmt: skip


def test_the_errors_say_what_is_wrong(run_cli, ana):
    lead = lead_at(ana, "interview")
    back = run_cli("lead", "move", str(lead.pk), "conversation")
    assert "cannot go back from interview to conversation" in back.stderr
    same = run_cli("lead", "move", str(lead.pk), "interview")
    assert "already at the interview stage" in same.stderr
    run_cli("lead", "move", str(lead.pk), "hired")
    done = run_cli("lead", "move", str(lead.pk), "closed")
    assert "already hired; a hired lead cannot move" in done.stderr


def test_a_full_journey_records_every_date(run_cli, ana):
    lead = add_lead(ana, title="Staff engineer", on=date(2026, 4, 1))
    for stage, day in (
        ("conversation", "2026-04-03"),
        ("interview", "2026-04-20"),
        ("offer", "2026-05-02"),
        ("hired", "2026-05-02"),  # the same day as the offer is fine
    ):
        moved = run_cli("lead", "move", str(lead.pk), stage, "--on", day)
        assert moved.exit_code == 0, moved.stderr
        assert f"now at {stage}, since {day}" in moved.stdout
    shown = run_cli("lead", "show", str(lead.pk), "--json").json
    assert shown["history"] == [
        {"stage": "lead", "on": "2026-04-01"},
        {"stage": "conversation", "on": "2026-04-03"},
        {"stage": "interview", "on": "2026-04-20"},
        {"stage": "offer", "on": "2026-05-02"},
        {"stage": "hired", "on": "2026-05-02"},
    ]


def test_a_move_defaults_to_today(run_cli, ana):
    lead = lead_at(ana, "lead")
    result = run_cli("lead", "move", str(lead.pk), "conversation", "--json")
    assert result.json["history"][-1] == {"stage": "conversation", "on": "2026-06-15"}


def test_a_move_cannot_be_in_the_future(run_cli, ana):
    lead = lead_at(ana, "lead")
    result = run_cli("lead", "move", str(lead.pk), "offer", "--on", "2026-06-16")
    assert result.exit_code == 1
    assert "in the future" in result.stderr
    assert Lead.objects.get().stage == "lead"


def test_a_move_cannot_be_dated_before_the_last_one(run_cli, ana):
    lead = lead_at(ana, "conversation")  # on 2026-02-01
    result = run_cli("lead", "move", str(lead.pk), "offer", "--on", "2026-01-31")
    assert result.exit_code == 1
    assert "reached conversation on 2026-02-01" in result.stderr
    assert Lead.objects.get().stage == "conversation"


def test_stage_names_are_case_insensitive(run_cli, ana):
    lead = lead_at(ana, "lead")
    result = run_cli("lead", "move", str(lead.pk), " Interview ", "--json")
    assert result.json["stage"] == "interview"


def test_an_unknown_stage_is_an_error(run_cli, ana):
    lead = lead_at(ana, "lead")
    result = run_cli("lead", "move", str(lead.pk), "negotiation")
    assert result.exit_code == 1
    assert (
        "Unknown stage 'negotiation'; use one of lead, conversation, interview, "
        "offer, hired, closed." in result.stderr
    )


def test_an_unknown_lead_is_an_error(run_cli, ana):
    result = run_cli("lead", "move", "999", "offer")
    assert result.exit_code == 1
    assert "No lead with id 999 in this network." in result.stderr


def test_a_lead_id_must_be_a_number(run_cli, ana):
    result = run_cli("lead", "move", "first", "offer")
    assert result.exit_code == 2
