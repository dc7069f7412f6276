from netlife.goals.models import Goal
from netlife.people.services import add_person


def test_without_a_goal_netlife_is_in_maintain_mode(run_cli, ana):
    shown = run_cli("goal", "show", "--json").json
    assert shown["mode"] == "maintain"
    assert shown["goal"] is None


def test_setting_a_goal_enters_search_mode(run_cli, ana):
    add_person(ana, name="Ada Lovelace")
    result = run_cli("goal", "set", "a product role in climate tech", "--json")
    assert result.exit_code == 0
    assert result.json["mode"] == "search"
    assert result.json["goal"]["text"] == "a product role in climate tech"
    assert result.json["contacts_not_aware"] == 1


def test_told_records_awareness_once(run_cli, ana):
    add_person(ana, name="Ada Lovelace")
    add_person(ana, name="Grace Hopper")
    run_cli("goal", "set", "a research role")
    first = run_cli("told", "ada", "--on", "2026-06-01", "--json").json
    again = run_cli("told", "ada", "grace", "--json").json
    assert len(first["newly_aware"]) == 1
    assert len(again["newly_aware"]) == 1
    aware = run_cli("goal", "show", "--json").json["aware"]
    assert [(a["name"], a["since"]) for a in aware] == [
        ("Ada Lovelace", "2026-06-01"),
        ("Grace Hopper", "2026-06-15"),
    ]


def test_telling_without_a_goal_explains(run_cli, ana):
    add_person(ana, name="Ada Lovelace")
    result = run_cli("told", "ada")
    assert result.exit_code == 1
    assert "goal set" in result.stderr


def test_a_new_goal_keeps_the_old_one_in_history(run_cli, ana):
    add_person(ana, name="Ada Lovelace")
    run_cli("goal", "set", "first goal")
    run_cli("told", "ada")
    run_cli("goal", "set", "second goal")
    assert run_cli("show", "ada", "--json").json["knows_goal"] is False
    assert list(Goal.objects.order_by("pk").values_list("status", flat=True)) == [
        "done",
        "active",
    ]


def test_goal_done_returns_to_maintain_mode(run_cli, ana):
    run_cli("goal", "set", "a research role")
    assert run_cli("goal", "done").exit_code == 0
    assert run_cli("goal", "show", "--json").json["mode"] == "maintain"
    assert Goal.objects.get().status == "done"
    assert run_cli("goal", "done").exit_code == 1


def test_an_empty_goal_is_rejected(run_cli, ana):
    result = run_cli("goal", "set", "  ")
    assert result.exit_code == 1
    assert not Goal.objects.exists()
