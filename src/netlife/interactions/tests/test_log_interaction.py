from netlife.goals.models import GoalAwareness
from netlife.goals.services import set_goal
from netlife.interactions.models import Interaction, Participation
from netlife.people.models import Person
from netlife.people.services import add_person


def test_logging_records_the_interaction_for_every_person(run_cli, ana):
    add_person(ana, name="Ada Lovelace")
    add_person(ana, name="Grace Hopper")
    result = run_cli(
        "log", "ada", "grace", "--intent", "catch-up", "--via", "meeting",
        "--about", "coffee", "--on", "2026-06-01", "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    logged = result.json
    assert logged["intent"] == "catch-up"
    assert logged["channel"] == "meeting"
    assert logged["on"] == "2026-06-01"
    assert {p["name"] for p in logged["people"]} == {"Ada Lovelace", "Grace Hopper"}
    assert logged["warnings"] == []
    shown = run_cli("show", "ada", "--json").json
    assert shown["last_contact"] == "2026-06-01"
    assert shown["next_due"] == "2026-11-28"  # the default tier: 180 days


def test_logging_an_ask_to_someone_never_contacted_warns_of_a_cold_ask(run_cli, ana):
    add_person(ana, name="Ada Lovelace")
    result = run_cli("log", "ada", "--intent", "ask", "--json")
    assert result.exit_code == 0
    assert [w["kind"] for w in result.json["warnings"]] == ["cold-ask"]
    assert Interaction.objects.filter(
        network=ana, intent="ask"
    ).exists()  # still logged
    human = run_cli("log", "ada", "--intent", "advice")
    assert "cold ask" in human.stderr


def test_an_ask_after_a_recent_catch_up_is_not_cold(run_cli, ana):
    add_person(ana, name="Ada Lovelace", tier="close")
    run_cli("log", "ada", "--intent", "catch-up", "--on", "2026-05-01")
    result = run_cli("log", "ada", "--intent", "ask", "--json")
    assert result.json["warnings"] == []


def test_an_ask_after_the_cadence_has_lapsed_is_cold(run_cli, ana):
    add_person(ana, name="Ada Lovelace", tier="inner")
    run_cli("log", "ada", "--intent", "give", "--on", "2026-01-01")
    result = run_cli("log", "ada", "--intent", "ask", "--json")
    assert "2026-01-01" in result.json["warnings"][0]["text"]


def test_earlier_asks_do_not_warm_a_tie(run_cli, ana):
    add_person(ana, name="Ada Lovelace")
    run_cli("log", "ada", "--intent", "ask", "--on", "2026-06-01")
    assert run_cli("log", "ada", "--intent", "ask", "--json").json["warnings"]


def test_logging_with_a_prospect_makes_them_a_contact(run_cli, ana):
    add_person(ana, name="Zed Prospect", prospect=True)
    run_cli("log", "zed", "--intent", "catch-up")
    assert Person.objects.get(network=ana).kind == "contact"


def test_sharing_the_goal_makes_them_aware(run_cli, ana):
    add_person(ana, name="Ada Lovelace")
    set_goal(ana, "a research role")
    run_cli("log", "ada", "--intent", "catch-up", "--shared-goal")
    assert run_cli("show", "ada", "--json").json["knows_goal"] is True
    assert GoalAwareness.objects.get().how == "interaction"


def test_sharing_a_goal_when_none_is_set_warns(run_cli, ana):
    add_person(ana, name="Ada Lovelace")
    result = run_cli("log", "ada", "--intent", "catch-up", "--shared-goal", "--json")
    assert [w["kind"] for w in result.json["warnings"]] == ["no-goal"]


def test_participations_copy_the_date_and_intent(run_cli, ana):
    add_person(ana, name="Ada Lovelace")
    run_cli("log", "ada", "--intent", "thanks", "--on", "2026-03-03")
    participation = Participation.objects.get()
    assert (participation.occurred_on.isoformat(), participation.intent) == (
        "2026-03-03",
        "thanks",
    )


def test_gives_and_asks_are_counted(run_cli, ana):
    add_person(ana, name="Ada Lovelace")
    for intent in ("give", "thanks", "ask", "advice", "received", "catch-up"):
        run_cli("log", "ada", "--intent", intent)
    shown = run_cli("show", "ada", "--json").json
    assert (shown["gives"], shown["asks"]) == (2, 2)


def test_bad_values_are_rejected_and_nothing_is_written(run_cli, ana):
    add_person(ana, name="Ada Lovelace")
    cases = [
        (("log", "ada", "--intent", "bribe"), "Unknown intent"),
        (("log", "ada", "--intent", "ask", "--via", "pigeon"), "Unknown channel"),
        (
            ("log", "ada", "--intent", "ask", "--on", "yesterday-ish"),
            "not a valid date",
        ),
        (("log", "ada", "--intent", "ask", "--on", "2030-01-01"), "in the future"),
        (("log", "ada", "--intent", "ask", "--follow-up", "2020-01-01"), "before"),
        (("log", "ada", "nobody", "--intent", "ask"), "No one"),
    ]
    for args, message in cases:
        result = run_cli(*args)
        assert result.exit_code == 1, args
        assert message in result.stderr, (args, result.stderr)
    assert not Interaction.objects.exists()


def test_a_missing_intent_is_a_usage_error(run_cli, ana):
    add_person(ana, name="Ada Lovelace")
    assert run_cli("log", "ada").exit_code == 2


def test_removing_a_person_keeps_group_interactions_for_the_others(run_cli, ana):
    add_person(ana, name="Ada Lovelace")
    add_person(ana, name="Grace Hopper")
    run_cli("log", "ada", "grace", "--intent", "catch-up")
    run_cli("log", "ada", "--intent", "give")
    run_cli("remove", "ada", "--yes")
    assert Interaction.objects.count() == 1
    assert run_cli("show", "grace", "--json").json["last_contact"] == "2026-06-15"
