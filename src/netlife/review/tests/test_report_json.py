"""`report --json` prints one document whose field names stay put."""

SECTIONS = {
    "today", "weeks", "period", "previous_period", "touches", "balance",
    "cadence", "revived", "goal", "leads", "agenda", "by_week",
}  # fmt: skip
WEEK_FIELDS = {
    "start", "end", "in_period", "touches", "by_intent", "gives", "asks", "kept",
    "tracked", "kept_share", "revived", "goal_learned", "new_leads", "lead_moves",
    "hires",
}  # fmt: skip
AGENDA_ITEM = {
    "person_id", "name", "organization", "score", "due", "days_overdue",
    "strength", "cadence_days", "last_contact", "reasons",
}  # fmt: skip


def test_the_document_has_every_section_and_field(run_cli, history):
    result = run_cli("report", "--weeks", "3", "--json")
    assert result.exit_code == 0, result.stderr
    document = result.json
    assert set(document) == SECTIONS
    assert document["today"] == "2026-06-15"
    assert set(document["touches"]) == {"total", "by_intent", "previous"}
    assert list(document["touches"]["by_intent"]) == [
        "give", "catch-up", "advice", "ask", "received",
    ]  # fmt: skip
    assert set(document["balance"]) == {"gives", "asks", "previous", "warnings"}
    assert set(document["cadence"]) == {
        "kept", "tracked", "share", "previous", "change",
    }  # fmt: skip
    assert set(document["revived"]) == {"count", "people", "previous"}
    assert set(document["goal"]) == {
        "text", "started_on", "aware", "learned", "not_aware", "people", "previous",
    }  # fmt: skip
    assert set(document["leads"]) == {
        "new", "moves", "hires", "opened", "moved", "previous", "funnel",
    }  # fmt: skip
    assert set(document["agenda"]) == {"mode", "items"}
    assert all(set(item) == AGENDA_ITEM for item in document["agenda"]["items"])
    assert len(document["by_week"]) == 6
    assert all(set(week) == WEEK_FIELDS for week in document["by_week"])


def test_the_period_sums_its_weeks(run_cli, history):
    document = run_cli("report", "--weeks", "3", "--json").json
    weeks = [w for w in document["by_week"] if w["in_period"]]
    assert document["touches"]["total"] == sum(w["touches"] for w in weeks)
    assert document["leads"]["moves"] == sum(w["lead_moves"] for w in weeks)
    assert document["cadence"]["kept"] == weeks[-1]["kept"]
    assert document["goal"]["learned"] == sum(w["goal_learned"] for w in weeks)


def test_json_output_is_only_the_document(run_cli, history, tmp_path):
    page = tmp_path / "review.html"
    result = run_cli("report", "--json", "--html", str(page))
    assert result.exit_code == 0, result.stderr
    assert result.json["weeks"] == 1
    assert page.exists()
