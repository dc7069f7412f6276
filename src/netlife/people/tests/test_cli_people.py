from netlife.networks.models import Network
from netlife.people.models import Person, PersonEvent
from netlife.people.services import add_person

PERSON_FIELDS = {
    "id", "name", "emails", "phones", "organization", "title", "tags",
    "tier", "cadence_days", "last_contact", "next_due", "strength", "gives",
    "asks", "knows_goal",
}  # fmt: skip


def test_add_prints_the_person_with_the_documented_fields(run_cli, ana):
    result = run_cli(
        "add", "Ada Lovelace", "--email", "Ada@Example.com",
        "--org", "Analytical Engines", "--title", "Engineer",
        "--tag", "mentor", "--tier", "close", "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    person = result.json
    assert set(person) >= PERSON_FIELDS
    assert person["name"] == "Ada Lovelace"
    assert person["emails"] == ["Ada@Example.com"]
    assert person["organization"] == "Analytical Engines"
    assert person["tier"] == "close"
    assert person["cadence_days"] == 90
    assert person["tags"] == ["mentor"]
    assert person["last_contact"] is None
    assert person["next_due"] == "2026-06-15"  # never contacted: due today


def test_people_lists_and_filters(run_cli, ana):
    add_person(ana, name="Ada Lovelace", organization="Acme", tags=["mentor"])
    add_person(ana, name="Grace Hopper", organization="Navy")
    add_person(ana, name="Alan Turing", organization="ACME Inc.")
    everyone = run_cli("people", "--json").json
    assert [p["name"] for p in everyone] == [
        "Ada Lovelace",
        "Alan Turing",
        "Grace Hopper",
    ]
    assert [p["name"] for p in run_cli("people", "grace", "--json").json] == [
        "Grace Hopper"
    ]
    assert [p["name"] for p in run_cli("people", "--org", "acme", "--json").json] == [
        "Ada Lovelace",
        "Alan Turing",
    ]
    assert [p["name"] for p in run_cli("people", "--tag", "Mentor", "--json").json] == [
        "Ada Lovelace"
    ]


def test_people_table_is_readable(run_cli, ana):
    add_person(ana, name="Ada Lovelace", organization="Acme")
    result = run_cli("people")
    assert result.exit_code == 0
    assert "Ada Lovelace" in result.stdout
    assert "never" in result.stdout


def test_an_empty_network_says_how_to_start(run_cli, ana):
    result = run_cli("people")
    assert "netlife add" in result.stdout


def test_show_finds_a_person_by_id_email_or_part_of_a_name(run_cli, ana):
    ada = add_person(ana, name="Ada Lovelace", emails=["ada@example.com"])
    add_person(ana, name="Grace Hopper")
    for ref in (str(ada.pk), "ADA@example.com", "lovelace", "ada lovelace"):
        result = run_cli("show", ref, "--json")
        assert result.exit_code == 0, (ref, result.stderr)
        assert result.json["id"] == ada.pk


def test_an_ambiguous_name_lists_the_candidates(run_cli, ana):
    add_person(ana, name="Ann Lee", organization="Acme")
    add_person(ana, name="Ann Smith")
    result = run_cli("show", "ann")
    assert result.exit_code == 1
    assert "Ann Lee (id" in result.stderr
    assert "Ann Smith (id" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_exact_name_wins_over_longer_names(run_cli, ana):
    add_person(ana, name="Ann Lee")
    add_person(ana, name="Ann Leeds")
    assert run_cli("show", "ann lee", "--json").json["name"] == "Ann Lee"


def test_non_ascii_names_match_regardless_of_case(run_cli, ana):
    add_person(ana, name="Élodie Durand")
    assert run_cli("show", "élodie", "--json").json["name"] == "Élodie Durand"


def test_cara_s_people_are_invisible(run_cli, ana, cara: Network):
    theirs = add_person(cara, name="Secret Contact", emails=["secret@example.com"])
    for ref in (str(theirs.pk), "secret@example.com", "Secret"):
        result = run_cli("show", ref)
        assert result.exit_code == 1
        assert "Secret Contact" not in result.stderr
    assert run_cli("people", "--json").json == []
    assert run_cli("edit", str(theirs.pk), "--title", "x").exit_code == 1
    assert run_cli("remove", str(theirs.pk), "--yes").exit_code == 1
    assert Person.objects.filter(pk=theirs.pk, title="").exists()


def test_edit_changes_fields_and_records_a_job_change(run_cli, ana):
    ada = add_person(ana, name="Ada Lovelace", organization="Acme")
    result = run_cli(
        "edit", "ada", "--org", "Initech", "--title", "CTO", "--cadence", "45",
        "--phone", "+44 20 7946 0000", "--tag", "friend", "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.json["organization"] == "Initech"
    assert result.json["cadence_days"] == 45
    assert result.json["phones"] == ["+44 20 7946 0000"]
    event = PersonEvent.objects.get(person=ada)
    assert (event.kind, event.previous, event.current) == (
        "job-change",
        "Acme",
        "Initech",
    )


def test_remove_asks_for_confirmation(run_cli, ana):
    add_person(ana, name="Ada Lovelace")
    refused = run_cli("remove", "ada", input="n\n")
    assert refused.exit_code == 1
    assert Person.objects.filter(network=ana).count() == 1
    accepted = run_cli("remove", "ada", input="y\n")
    assert accepted.exit_code == 0
    assert not Person.objects.filter(network=ana).exists()


def test_remove_with_yes_does_not_ask(run_cli, ana):
    add_person(ana, name="Ada Lovelace")
    assert (
        run_cli("remove", "ada", "--yes", "--json").json["deleted"]["name"]
        == "Ada Lovelace"
    )


def test_bad_input_is_one_sentence_and_exit_1(run_cli, ana):
    cases = [
        (("add", "   "), "needs a name"),
        (("add", "Ada", "--email", "not-an-email"), "not an email"),
        (("add", "Ada", "--tier", "bestie"), "Unknown tier"),
        (("add", "Ada", "--met-on", "31/12/2020"), "YYYY-MM-DD"),
        (("add", "Ada", "--birthday", "02-30"), "not a real birthday"),
        (("show", "nobody"), "No one"),
    ]
    for args, message in cases:
        result = run_cli(*args)
        assert result.exit_code == 1, args
        assert message in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr
    assert not Person.objects.filter(network=ana).exists()


def test_a_failed_add_writes_nothing(run_cli, ana):
    result = run_cli("add", "Ada", "--email", "ada@example.com", "--email", "broken")
    assert result.exit_code == 1
    assert not Person.objects.filter(network=ana).exists()


def test_prospects_are_marked(run_cli, ana):
    result = run_cli("add", "Someone Famous", "--prospect", "--json")
    assert result.json["kind"] == "prospect"
    assert result.json["tier"] == "none"
    assert result.json["next_due"] is None


def test_markup_like_names_are_printed_as_typed(run_cli, ana):
    add_person(ana, name="[bold]Ada[/]")
    result = run_cli("show", "nobody[/]")
    assert result.exit_code == 1
    assert "nobody[/]" in result.stderr
    assert "[bold]Ada[/]" in run_cli("show", "ada").stdout


def test_an_organization_name_too_long_is_one_sentence(run_cli, ana):
    result = run_cli("add", "Ada Lovelace", "--org", "A" * 201)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: That organization name is too long")
