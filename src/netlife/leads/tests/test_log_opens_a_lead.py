"""`log … --lead TITLE`: the conversation that opened a lead, credited to its people."""

from netlife.interactions.models import Interaction
from netlife.leads.models import Lead, LeadCredit
from netlife.people.services import add_person


def test_logging_with_a_lead_opens_it_credited_to_the_participants(run_cli, ana):
    ada = add_person(ana, name="Ada Lovelace")
    bob = add_person(ana, name="Bob Byte")
    result = run_cli(
        "log", "ada", "bob", "--intent", "received", "--via", "call",
        "--on", "2026-06-01", "--lead", "Head of product", "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    interaction = Interaction.objects.get()
    lead = result.json["lead"]
    assert lead["title"] == "Head of product"
    assert lead["stage"] == "lead"
    assert lead["source_interaction"] == interaction.pk == result.json["id"]
    assert lead["history"] == [{"stage": "lead", "on": "2026-06-01"}]
    assert lead["credited"] == [
        {"id": ada.pk, "name": "Ada Lovelace", "role": "opened"},
        {"id": bob.pk, "name": "Bob Byte", "role": "opened"},
    ]
    assert Lead.objects.get().source_interaction == interaction


def test_the_text_output_names_the_lead(run_cli, ana):
    add_person(ana, name="Ada Lovelace")
    result = run_cli("log", "ada", "--intent", "catch-up", "--lead", "Staff engineer")
    assert result.exit_code == 0, result.stderr
    lead = Lead.objects.get()
    assert (
        f"Opened lead {lead.pk}: Staff engineer, credited to Ada Lovelace."
        in result.stdout
    )


def test_logging_without_a_lead_opens_none(run_cli, ana):
    add_person(ana, name="Ada Lovelace")
    result = run_cli("log", "ada", "--intent", "catch-up", "--json")
    assert result.json["lead"] is None
    assert not Lead.objects.exists()


def test_a_blank_lead_title_logs_nothing(run_cli, ana):
    add_person(ana, name="Ada Lovelace")
    result = run_cli("log", "ada", "--intent", "catch-up", "--lead", " ")
    assert result.exit_code == 1
    assert "needs a title" in result.stderr
    assert not Interaction.objects.exists()
    assert not LeadCredit.objects.exists()


def test_the_lead_shows_up_in_the_list(run_cli, ana):
    add_person(ana, name="Ada Lovelace")
    run_cli("log", "ada", "--intent", "advice", "--lead", "Data lead")
    listed = run_cli("lead", "list", "--json").json
    assert [(lead["title"], lead["credited"][0]["name"]) for lead in listed] == [
        ("Data lead", "Ada Lovelace")
    ]
