from netlife.people.models import Person
from netlife.people.services import add_person
from netlife.ties.models import Introduction, Tie


def test_knows_records_one_tie_either_way_round(run_cli, ana):
    add_person(ana, name="Ada Lovelace")
    add_person(ana, name="Grace Hopper")
    first = run_cli(
        "knows", "ada", "grace", "--strength", "weak", "--how", "conference", "--json"
    )
    assert first.exit_code == 0, first.stderr
    assert first.json["created"] is True
    again = run_cli("knows", "grace", "ada", "--strength", "strong", "--json")
    assert again.json["created"] is False
    tie = Tie.objects.get()
    assert (tie.strength, tie.how) == ("strong", "conference")


def test_knowing_a_new_name_adds_a_prospect(run_cli, ana):
    add_person(ana, name="Ada Lovelace")
    result = run_cli("knows", "ada", "Katherine Johnson", "--json")
    assert result.json["b"]["added_as_prospect"] is True
    assert Person.objects.get(full_name="Katherine Johnson").kind == "prospect"
    shown = run_cli("show", "katherine", "--json").json
    assert shown["ties"][0]["name"] == "Ada Lovelace"


def test_the_near_end_of_knows_must_exist(run_cli, ana):
    result = run_cli("knows", "nobody", "someone")
    assert result.exit_code == 1
    assert not Person.objects.exists()


def test_nobody_knows_themselves(run_cli, ana):
    add_person(ana, name="Ada Lovelace")
    result = run_cli("knows", "ada", "ada")
    assert result.exit_code == 1
    assert "themselves" in result.stderr


def test_an_unknown_strength_is_rejected(run_cli, ana):
    add_person(ana, name="Ada Lovelace")
    add_person(ana, name="Grace Hopper")
    result = run_cli("knows", "ada", "grace", "--strength", "unbreakable")
    assert result.exit_code == 1
    assert "weak, medium, strong" in result.stderr


def test_an_introduction_to_me_ties_the_introducer_to_the_person(run_cli, ana):
    add_person(ana, name="Ada Lovelace")
    result = run_cli("intro", "ada", "Barbara Liskov", "--on", "2026-05-05", "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json["to"] is None
    assert result.json["introduced"]["added_as_prospect"] is True
    intro = Introduction.objects.get()
    assert intro.introduced_on.isoformat() == "2026-05-05"
    assert Tie.objects.count() == 1


def test_an_introduction_between_two_people_ties_all_three(run_cli, ana):
    add_person(ana, name="Ada Lovelace")
    add_person(ana, name="Grace Hopper")
    add_person(ana, name="Alan Turing")
    result = run_cli("intro", "ada", "grace", "--to", "alan", "--json")
    assert result.json["to"]["name"] == "Alan Turing"
    assert Tie.objects.count() == 3


def test_introductions_cannot_be_in_the_future(run_cli, ana):
    add_person(ana, name="Ada Lovelace")
    add_person(ana, name="Grace Hopper")
    result = run_cli("intro", "ada", "grace", "--on", "2099-01-01")
    assert result.exit_code == 1
    assert not Introduction.objects.exists()
