"""`lead add`: opening a lead, its organization, its credits and its first stage."""

from netlife.leads.models import Lead, LeadCredit, LeadStageChange
from netlife.people.models import Organization
from netlife.people.services import add_person


def test_it_opens_a_lead_with_its_credits_and_first_stage(run_cli, ana):
    ada = add_person(ana, name="Ada Lovelace")
    bob = add_person(ana, name="Bob Byte")
    result = run_cli(
        "lead", "add", "Product manager", "--org", "Acme", "--via", "ada",
        "--through", "bob", "--notes", "Climate team", "--on", "2026-05-01", "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    lead = result.json
    assert lead["title"] == "Product manager"
    assert lead["organization"] == "Acme"
    assert lead["stage"] == "lead"
    assert lead["credited"] == [
        {"id": ada.pk, "name": "Ada Lovelace", "role": "opened"},
        {"id": bob.pk, "name": "Bob Byte", "role": "through"},
    ]
    assert lead["history"] == [{"stage": "lead", "on": "2026-05-01"}]
    assert lead["notes"] == "Climate team"
    assert lead["created_on"] == "2026-05-01"
    assert lead["source_interaction"] is None
    assert LeadStageChange.objects.get().changed_on.isoformat() == "2026-05-01"


def test_it_opens_today_without_a_date(run_cli, ana):
    result = run_cli("lead", "add", "Data engineer")
    assert result.exit_code == 0, result.stderr
    assert "Added lead" in result.stdout
    lead = Lead.objects.get()
    assert lead.created_on.isoformat() == "2026-06-15"  # NETLIFE_TODAY in tests
    assert lead.organization is None
    assert not LeadCredit.objects.exists()


def test_an_organization_is_reused_under_another_spelling(run_cli, ana):
    add_person(ana, name="Ada Lovelace", organization="ACME, Inc.")
    result = run_cli("lead", "add", "Engineer", "--org", "acme", "--json")
    assert result.json["organization"] == "ACME, Inc."
    assert Organization.objects.count() == 1


def test_several_people_can_open_the_door(run_cli, ana):
    add_person(ana, name="Ada Lovelace")
    add_person(ana, name="Bob Byte")
    result = run_cli("lead", "add", "CTO", "--via", "ada", "--via", "bob", "--json")
    assert [c["role"] for c in result.json["credited"]] == ["opened", "opened"]


def test_naming_someone_twice_in_one_role_credits_them_once(run_cli, ana):
    add_person(ana, name="Ada Lovelace")
    result = run_cli("lead", "add", "CTO", "--via", "ada", "--via", "Ada", "--json")
    assert len(result.json["credited"]) == 1


def test_someone_cannot_both_open_the_door_and_be_the_way_in(run_cli, ana):
    add_person(ana, name="Ada Lovelace")
    result = run_cli("lead", "add", "CTO", "--via", "ada", "--through", "ada")
    assert result.exit_code == 1
    assert "name them once" in result.stderr
    assert not Lead.objects.exists()


def test_an_unknown_person_is_an_error_and_nothing_is_written(run_cli, ana):
    result = run_cli("lead", "add", "CTO", "--org", "Acme", "--via", "nobody")
    assert result.exit_code == 1
    assert "No one in this network matches 'nobody'" in result.stderr
    assert not Lead.objects.exists()
    assert not Organization.objects.exists()


def test_a_blank_title_is_an_error(run_cli, ana):
    result = run_cli("lead", "add", "   ")
    assert result.exit_code == 1
    assert "needs a title" in result.stderr


def test_an_overlong_title_or_organization_is_an_error(run_cli, ana):
    long_title = run_cli("lead", "add", "x" * 301)
    assert long_title.exit_code == 1
    assert "300 characters at most" in long_title.stderr
    long_org = run_cli("lead", "add", "CTO", "--org", "y" * 201)
    assert long_org.exit_code == 1
    assert "200 characters at most" in long_org.stderr
    assert not Lead.objects.exists()


def test_a_lead_cannot_open_in_the_future(run_cli, ana):
    result = run_cli("lead", "add", "CTO", "--on", "2026-06-16")
    assert result.exit_code == 1
    assert "in the future" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not Lead.objects.exists()


def test_a_bad_date_is_one_sentence(run_cli, ana):
    result = run_cli("lead", "add", "CTO", "--on", "someday")
    assert result.exit_code == 1
    assert "YYYY-MM-DD" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_lead_written_down_late_opens_at_its_stage_in_one_step(ana):
    from datetime import date

    import pytest

    from netlife.core.errors import InvalidInput
    from netlife.leads.services import add_lead

    lead = add_lead(ana, title="Staff engineer", stage="interview", on=date(2026, 6, 1))
    assert lead.stage == "interview"
    history = LeadStageChange.objects.filter(lead=lead).order_by("pk")
    assert [(c.stage, c.changed_on.isoformat()) for c in history] == [
        ("lead", "2026-06-01"),
        ("interview", "2026-06-01"),
    ]
    with pytest.raises(InvalidInput):
        add_lead(ana, title="Nowhere", stage="promoted")
    assert not Lead.objects.filter(title="Nowhere").exists()
