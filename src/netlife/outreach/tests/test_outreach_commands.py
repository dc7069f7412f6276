"""`draft` and `lint`: messages that ask for advice, checked before sending."""

from typing import Any

import pytest


@pytest.fixture
def network(run_cli: Any, ana: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Ana is warm (a recent catch-up), Ben cold (a year of silence), and
    Ben knows Priya at Globex."""
    monkeypatch.setenv("NETLIFE_TODAY", "2026-11-29")
    run_cli("goal", "set", "A data engineering role in Lisbon")
    run_cli("add", "Ana Lima", "--org", "Acme Analytics", "--title", "Head of Data",
            "--met", "at the PyCon sprint", "--tier", "close")  # fmt: skip
    run_cli("log", "Ana Lima", "--intent", "catch-up", "--on", "2026-11-10",
            "--about", "her move to Berlin")  # fmt: skip
    run_cli("add", "Ben Okafor", "--tier", "close")
    run_cli("log", "Ben Okafor", "--intent", "catch-up", "--on", "2025-10-01")
    run_cli("knows", "Ben Okafor", "Priya Patel", "--how", "worked together at Initech")
    run_cli("edit", "Priya Patel", "--org", "Globex")
    return ana


def test_an_advice_draft_is_personal_and_asks_for_no_job(run_cli, network):
    result = run_cli("draft", "Ana Lima", "--situation", "advice", "--json")
    assert result.exit_code == 0, result.stderr
    written = result.json
    assert set(written) >= {"situation", "subject", "body", "warnings"}
    assert written["situation"] == "advice"
    body = written["body"]
    assert body.startswith("Hi Ana,")
    assert "a data engineering role in Lisbon" in body
    assert "Acme Analytics" in body
    for word in ("opening", "vacanc", "hiring", "refer me", " job"):
        assert word not in body.lower()
    assert written["warnings"] == []
    assert run_cli("lint", "-", "--to", "Ana Lima", "--json", input=body).json == []


def test_an_ask_to_a_cold_tie_warns_and_proposes_reconnecting(run_cli, network):
    written = run_cli("draft", "Ben Okafor", "--situation", "advice", "--json").json
    assert written["warnings"] and "cold" in written["warnings"][0]
    assert written["alternative"]["situation"] == "reconnect"
    text = run_cli("draft", "Ben Okafor", "--situation", "advice")
    assert "Warm the tie up first" in text.stdout
    assert "cold" in text.stderr


def test_an_intro_request_names_the_target_with_a_forwardable_note(run_cli, network):
    written = run_cli("draft", "Ben Okafor", "--situation", "intro-request",
                      "--to", "Priya Patel", "--json").json  # fmt: skip
    assert "Priya Patel" in written["subject"]
    assert "Globex" in written["body"]
    assert "worked together at Initech" in written["body"]


@pytest.mark.parametrize(
    "situation", ["reconnect", "update", "thanks", "follow-up", "congrats"]
)
def test_every_situation_drafts_without_placeholders(run_cli, network, situation):
    written = run_cli("draft", "Ana Lima", "--situation", situation, "--json").json
    assert written["body"] and written["subject"]
    for broken in ("None", "{", "Hi ,", "  "):
        assert broken not in written["body"]


def test_draft_mistakes_are_one_sentence(run_cli, network):
    assert (
        "Unknown situation 'beg'"
        in run_cli("draft", "Ana Lima", "--situation", "beg").stderr
    )
    assert (
        "needs --to TARGET"
        in run_cli("draft", "Ben Okafor", "--situation", "intro-request").stderr
    )
    assert (
        "only for --situation intro-request"
        in run_cli(
            "draft", "Ana Lima", "--situation", "advice", "--to", "Ben Okafor"
        ).stderr
    )


def test_lint_finds_an_openings_ask_and_a_cold_ask(run_cli, network, tmp_path):
    message = tmp_path / "m.txt"
    message.write_text("Hi Ben, do you know of any openings at your company?")
    found = run_cli("lint", str(message), "--to", "Ben Okafor", "--json").json
    kinds = {f["kind"] for f in found}
    assert {"openings-ask", "cold-ask"} <= kinds
    ask = next(f for f in found if f["kind"] == "openings-ask")
    start, end = ask["span"]
    assert "openings" in message.read_text()[start:end]
    assert set(ask) == {"kind", "span", "message", "suggestion"}
    warm = run_cli("lint", str(message), "--to", "Ana Lima", "--json").json
    assert "cold-ask" not in {f["kind"] for f in warm}


def test_lint_of_a_good_message_says_so(run_cli, network):
    result = run_cli(
        "lint", "-",
        input="Hi Ana, congratulations on the move to Berlin! How are you finding "
        "it? I'd love your advice on data roles in Lisbon when you have 15 minutes.",
    )  # fmt: skip
    assert result.exit_code == 0
    assert "No findings" in result.stdout


def test_lint_refuses_a_missing_file_in_one_sentence(run_cli, network, tmp_path):
    result = run_cli("lint", str(tmp_path / "nope.txt"))
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: Cannot read")
