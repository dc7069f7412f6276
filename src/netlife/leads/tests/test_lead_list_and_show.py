"""`lead list` and `lead show`: the leads, newest first, and one lead in full."""

from datetime import date

from netlife.leads.services import add_lead, move_lead
from netlife.people.services import add_person


def test_list_shows_every_lead_newest_first(run_cli, ana):
    ada = add_person(ana, name="Ada Lovelace")
    older = add_lead(ana, title="Engineer", opened_by=[ada], on=date(2026, 3, 1))
    newer = add_lead(ana, title="Manager", organization="Acme", on=date(2026, 4, 1))
    move_lead(ana, older, "interview", on=date(2026, 3, 10))
    result = run_cli("lead", "list", "--json")
    assert result.exit_code == 0, result.stderr
    assert [lead["id"] for lead in result.json] == [newer.pk, older.pk]
    assert result.json[1] == {
        "id": older.pk,
        "title": "Engineer",
        "organization": None,
        "stage": "interview",
        "credited": [{"id": ada.pk, "name": "Ada Lovelace", "role": "opened"}],
        "history": [
            {"stage": "lead", "on": "2026-03-01"},
            {"stage": "interview", "on": "2026-03-10"},
        ],
        "notes": "",
        "created_on": "2026-03-01",
        "source_interaction": None,
    }
    table = run_cli("lead", "list")
    assert "Manager" in table.stdout
    assert "via Ada Lovelace" in table.stdout


def test_list_filters_by_stage(run_cli, ana):
    add_lead(ana, title="Engineer")
    moved = add_lead(ana, title="Manager")
    move_lead(ana, moved, "offer")
    result = run_cli("lead", "list", "--stage", "offer", "--json")
    assert [lead["title"] for lead in result.json] == ["Manager"]
    assert result.json[0]["history"][-1]["stage"] == "offer"
    assert run_cli("lead", "list", "--stage", "hired", "--json").json == []
    assert "No leads at hired." in run_cli("lead", "list", "--stage", "hired").stdout


def test_list_rejects_an_unknown_stage(run_cli, ana):
    result = run_cli("lead", "list", "--stage", "maybe")
    assert result.exit_code == 1
    assert "Unknown stage 'maybe'" in result.stderr


def test_an_empty_list_says_how_to_start(run_cli, ana):
    assert run_cli("lead", "list", "--json").json == []
    assert "netlife lead add" in run_cli("lead", "list").stdout


def test_show_prints_one_lead_in_full(run_cli, ana):
    add_person(ana, name="Bob Byte")
    lead = add_lead(
        ana,
        title="Designer",
        organization="Globex",
        through=[add_person(ana, name="Cy Chen")],
        notes="Ask about remote work",
        on=date(2026, 5, 5),
    )
    move_lead(ana, lead, "closed", on=date(2026, 5, 6))
    shown = run_cli("lead", "show", str(lead.pk), "--json")
    assert shown.exit_code == 0, shown.stderr
    assert shown.json["stage"] == "closed"
    assert shown.json["credited"][0]["role"] == "through"
    text = run_cli("lead", "show", str(lead.pk)).stdout
    assert "Designer at Globex — closed" in text
    assert "through Cy Chen" in text
    assert "2026-05-06  closed" in text
    assert "Ask about remote work" in text


def test_show_of_an_unknown_lead_is_an_error(run_cli, ana):
    result = run_cli("lead", "show", "42")
    assert result.exit_code == 1
    assert result.stderr.strip() == "Error: No lead with id 42 in this network."
