"""The keep-in-touch engine on a hand-built network, as a user meets it.

Today is 2026-06-15 (NETLIFE_TODAY in the test settings). Each person below
is there for one reason to be (or not to be) on the agenda, so the exact
order, reasons, dormant list, warnings and ledger figures are known.
"""

from datetime import date

import pytest

from netlife.goals.services import finish_goal, mark_told, set_goal
from netlife.interactions.services import log_interaction
from netlife.networks.models import Network
from netlife.people.models import Person
from netlife.people.services import Birthday, PersonChanges, add_person, edit_person
from netlife.relationships import queries
from netlife.relationships.services import snooze
from netlife.ties.services import record_introduction

TODAY = date(2026, 6, 15)


def _log(network: Network, person: Person, on: str, intent: str, **kwargs):
    return log_interaction(
        network, people=[person], intent=intent, on=date.fromisoformat(on), **kwargs
    )


def build_network(ana: Network) -> dict[str, Person]:
    """The cast: one person per behaviour, named for it."""
    people: dict[str, Person] = {}

    def add(key: str, name: str, **kwargs) -> Person:
        people[key] = add_person(ana, name=name, **kwargs)
        return people[key]

    # A strong, long tie on the inner tier, 15 days past its 30 days.
    ines = add("ines", "Ines Inner", tier="inner", organization="Acme")
    _log(ana, ines, "2023-01-10", "give", channel="meeting")
    _log(ana, ines, "2024-03-01", "catch-up", channel="call", they_initiated=True)
    _log(ana, ines, "2025-02-01", "thanks", channel="message")
    _log(ana, ines, "2026-05-01", "catch-up", channel="email", they_initiated=True)
    # A weak tie on the distant tier, one day past its 365 days.
    walt = add("walt", "Walt Weak", tier="distant")
    _log(ana, walt, "2025-06-14", "catch-up")
    # A follow-up planned for five days ago.
    fran = add("fran", "Fran Follow", tier="close")
    _log(ana, fran, "2026-06-01", "catch-up", summary="the pricing deck",
         follow_up_on=date(2026, 6, 10))  # fmt: skip
    # Helped two weeks ago, not thanked since.
    hal = add("hal", "Hal Helper", tier="network")
    _log(ana, hal, "2026-06-01", "received", summary="an intro to a recruiter")
    # Changed jobs today; last heard from in March.
    jo = add("jo", "Jo Jobs", tier="network", organization="Initech")
    _log(ana, jo, "2026-03-01", "catch-up")
    edit_person(ana, jo, PersonChanges(organization="Globex"))
    # A birthday in three days.
    bea = add("bea", "Bea Birthday", tier="network", birthday=Birthday(6, 18))
    _log(ana, bea, "2026-04-01", "catch-up")
    # Never reached, though the user put them on a tier.
    add("nina", "Nina Never", tier="close")
    # Gone quiet: past twice the 30 days.
    dora = add("dora", "Dora Dormant", tier="inner", organization="Umbrella")
    _log(ana, dora, "2024-06-01", "give", channel="meeting")
    _log(ana, dora, "2025-01-01", "catch-up", summary="her move to Lisbon")
    # Not tracked, archived, snoozed: never on the agenda.
    uma = add("uma", "Uma Untracked", tier="none")
    _log(ana, uma, "2026-06-01", "received")
    archie = add("archie", "Archie Archived", tier="inner")
    _log(ana, archie, "2026-01-01", "catch-up")
    edit_person(ana, archie, PersonChanges(archived=True))
    sam = add("sam", "Sam Snoozed", tier="inner")
    _log(ana, sam, "2026-04-01", "catch-up")
    snooze(ana, sam, date(2026, 7, 1))
    # Gave advice six weeks ago and has not heard back since.
    lou = add("lou", "Lou Loop", tier="close")
    _log(ana, lou, "2026-05-01", "advice", summary="moving into product")
    # Introduced the user to Pat three weeks ago; Pat not reached yet.
    ivan = add("ivan", "Ivan Introducer", tier="network")
    _log(ana, ivan, "2026-04-01", "catch-up")
    pat = add("pat", "Pat Introduced")
    record_introduction(ana, ivan, pat, on=date(2026, 5, 20))
    # A planned ask in five days to a tie that has gone cool.
    paula = add("paula", "Paula Planned", tier="close")
    _log(ana, paula, "2026-02-01", "catch-up",
         follow_up_on=date(2026, 6, 20), follow_up_intent="ask")  # fmt: skip
    return people


@pytest.fixture
def cast(ana: Network) -> dict[str, Person]:
    return build_network(ana)


def test_the_agenda_ranks_who_to_reach_and_says_why(run_cli, cast):
    result = run_cli("agenda", "--limit", "20", "--json")
    assert result.exit_code == 0, result.stderr
    document = result.json
    assert document["today"] == "2026-06-15"
    assert document["mode"] == "maintain"
    listed = [(i["name"], [r["kind"] for r in i["reasons"]]) for i in document["items"]]
    assert listed == [
        ("Paula Planned", ["warm-up", "overdue"]),
        ("Hal Helper", ["thanks-owed"]),
        ("Fran Follow", ["follow-up"]),
        ("Ines Inner", ["overdue"]),
        ("Lou Loop", ["close-the-loop"]),
        ("Ivan Introducer", ["close-the-loop"]),
        ("Jo Jobs", ["job-change"]),
        ("Bea Birthday", ["birthday"]),
        ("Walt Weak", ["overdue"]),
        ("Nina Never", ["never-contacted"]),
        ("Pat Introduced", ["never-contacted"]),
    ]
    scores = [i["score"] for i in document["items"]]
    assert scores == sorted(scores, reverse=True)
    by_name = {i["name"]: i for i in document["items"]}
    assert by_name["Ines Inner"]["days_overdue"] == 15
    assert by_name["Walt Weak"]["days_overdue"] == 1
    assert by_name["Ines Inner"]["due"] == "2026-05-31"
    texts = {i["name"]: i["reasons"][0]["text"] for i in document["items"]}
    assert "15 days past your 30-day cadence" in texts["Ines Inner"]
    assert "the pricing deck" in texts["Fran Follow"]
    assert "Hal Helper helped you 14 days ago" in texts["Hal Helper"]
    assert "moved from Initech to Globex today" in texts["Jo Jobs"]
    assert "birthday is in 3 days (2026-06-18)" in texts["Bea Birthday"]
    assert "introduced you to Pat Introduced" in texts["Ivan Introducer"]
    assert "gave you advice 45 days ago" in texts["Lou Loop"]
    assert "ask Paula Planned for a favour in 5 days" in texts["Paula Planned"]
    assert "Ivan Introducer introduced you on 2026-05-20" in texts["Pat Introduced"]
    assert "close tier" in texts["Nina Never"]


def test_a_strong_tie_slipping_outranks_a_weak_one_barely_due(cast, ana):
    items = {i.facts.name: i for i in queries.agenda(ana, limit=20).items}
    strong, weak = items["Ines Inner"], items["Walt Weak"]
    assert strong.facts.strength > weak.facts.strength
    assert strong.score > weak.score


def test_the_agenda_leaves_out_the_untracked_the_archived_and_the_snoozed(cast, ana):
    names = {i.facts.name for i in queries.agenda(ana, limit=100).items}
    assert not names & {"Uma Untracked", "Archie Archived", "Sam Snoozed"}
    assert "Dora Dormant" not in names  # dormant, listed by `dormant` instead


def test_the_limit_keeps_the_best(run_cli, cast):
    items = run_cli("agenda", "-n", "3", "--json").json["items"]
    assert [i["name"] for i in items] == ["Paula Planned", "Hal Helper", "Fran Follow"]


def test_logging_takes_someone_off_the_agenda(run_cli, cast):
    run_cli("log", "Ines Inner", "--intent", "give", "--about", "an article")
    names = [i["name"] for i in run_cli("agenda", "-n", "20", "--json").json["items"]]
    assert "Ines Inner" not in names
    shown = run_cli("show", "Ines Inner", "--json").json
    assert shown["last_contact"] == "2026-06-15"
    assert shown["next_due"] == "2026-07-15"


def test_thanking_settles_a_thank_you_owed(run_cli, cast):
    run_cli("log", "Hal Helper", "--intent", "thanks")
    names = [i["name"] for i in run_cli("agenda", "-n", "20", "--json").json["items"]]
    assert "Hal Helper" not in names


def test_snoozing_hides_someone_until_the_day(run_cli, cast):
    result = run_cli("snooze", "Fran Follow", "--until", "2026-06-30")
    assert result.exit_code == 0
    assert "off the agenda until 2026-06-30" in result.stdout
    names = [i["name"] for i in run_cli("agenda", "-n", "20", "--json").json["items"]]
    assert "Fran Follow" not in names
    run_cli("snooze", "Fran Follow", "--off")
    names = [i["name"] for i in run_cli("agenda", "-n", "20", "--json").json["items"]]
    assert "Fran Follow" in names


def test_a_snooze_must_end_after_today(run_cli, cast):
    result = run_cli("snooze", "Fran Follow", "--until", "2026-06-01")
    assert result.exit_code == 1
    assert result.stderr.strip() == "Error: Snooze until a day after today."


def test_dormant_lists_ties_past_twice_their_cadence_with_a_way_back(run_cli, cast):
    result = run_cli("dormant", "--json")
    assert result.exit_code == 0
    dormant = result.json
    assert [d["name"] for d in dormant] == ["Dora Dormant"]
    dora = dormant[0]
    assert dora["days_silent"] == (TODAY - date(2025, 1, 1)).days
    assert dora["cadence_days"] == 30
    assert "her move to Lisbon" in dora["way_back"]
    for word in ("ask for", "favour", "job", "opening"):
        assert word not in dora["way_back"].lower()


def test_dormant_is_strongest_first(ana, cast):
    strong = add_person(ana, name="Old Friend", tier="inner")
    for year in range(2016, 2026):
        log_interaction(ana, people=[strong], intent="give", on=date(year, 3, 1))
    names = [d.facts.name for d in queries.dormant(ana)]
    assert names == ["Old Friend", "Dora Dormant"]


def test_the_ledger_per_person(run_cli, cast):
    ines = run_cli("balance", "Ines Inner", "--json").json
    assert ines["gives"] == 2
    assert ines["thanks"] == 1
    assert ines["asks"] == 0
    assert ines["last_give"] == "2025-02-01"
    assert ines["last_ask"] is None
    hal = run_cli("balance", "Hal Helper", "--json").json
    assert hal["received"] == 1
    assert hal["thanks_owed_since"] == "2026-06-01"
    human = run_cli("balance", "Hal Helper")
    assert "has not been thanked since" in human.stderr


def test_the_ledger_of_the_network(run_cli, cast):
    document = run_cli("balance", "--json").json
    # give: Ines 1, Dora 1; thanks: Ines 1; advice: Lou 1; received: Hal, Uma.
    assert document["gives"] == 3
    assert document["thanks"] == 1
    assert document["advice_asks"] == 1
    assert document["favour_asks"] == 0
    assert document["received"] == 2
    assert document["thanks_owed"] == 1  # Hal; Uma is not tracked
    assert document["warnings"] == []
    assert document["recent"]["days"] == 90


def test_show_carries_strength_gives_asks_and_goal_awareness(run_cli, cast):
    shown = run_cli("show", "Ines Inner", "--json").json
    assert 0.5 < shown["strength"] < 1
    assert shown["gives"] == 2
    assert shown["asks"] == 0
    assert shown["knows_goal"] is False
    assert shown["tier"] == "inner"
    parts = shown["strength_parts"]
    weights = {"recency": 0.35, "frequency": 0.25, "reciprocity": 0.15,
               "duration": 0.15, "variety": 0.10}  # fmt: skip
    weighted = sum(weights[name] * value for name, value in parts.items())
    assert weighted == pytest.approx(shown["strength"], abs=2e-3)
    assert parts["variety"] == 1.0  # meeting, call, message and email
    never = run_cli("show", "Nina Never", "--json").json
    assert never["strength"] == 0.05
    assert never["strength_parts"] is None
    human = run_cli("show", "Ines Inner")
    assert "strength 0." in human.stdout
    assert "variety 1.00)" in human.stdout
    assert "(never in touch)" in run_cli("show", "Nina Never").stdout


def test_a_blank_tier_is_derived_from_strength(run_cli, ana):
    add_person(ana, name="Once Met")
    run_cli("log", "Once Met", "--intent", "catch-up", "--on", "2026-06-01")
    shown = run_cli("show", "Once Met", "--json").json
    assert shown["tier"] == "network"
    assert shown["tier_derived"] is True
    run_cli("edit", "Once Met", "--tier", "inner")
    assert run_cli("show", "Once Met", "--json").json["tier_derived"] is False
    run_cli("edit", "Once Met", "--tier", "auto")
    assert run_cli("show", "Once Met", "--json").json["tier"] == "network"


def test_an_explicit_cadence_wins(run_cli, cast):
    run_cli("edit", "Walt Weak", "--cadence", "45")
    shown = run_cli("show", "Walt Weak", "--json").json
    assert shown["cadence_days"] == 45


# The cold-ask guard


def test_a_cold_ask_is_logged_with_a_warm_up_suggestion(run_cli, cast):
    result = run_cli("log", "Walt Weak", "--intent", "ask", "--json")
    assert result.exit_code == 0
    (warning,) = result.json["warnings"]
    assert warning["kind"] == "cold-ask"
    assert "2025-06-14" in warning["text"]
    assert "without a request" in warning["suggestion"]
    human = run_cli("log", "Nina Never", "--intent", "advice")
    assert "never been in touch with Nina Never except to ask" in human.stderr
    assert "Warm-up idea" in human.stderr


def test_an_ask_inside_the_cadence_is_warm(run_cli, cast):
    result = run_cli("log", "Fran Follow", "--intent", "advice", "--json")
    assert result.json["warnings"] == []


def test_a_planned_ask_needs_a_follow_up_date(run_cli, cast):
    result = run_cli("log", "Fran Follow", "--intent", "catch-up",
                     "--follow-up-intent", "ask")  # fmt: skip
    assert result.exit_code == 1
    assert "--follow-up DATE" in result.stderr


def test_a_planned_ask_to_a_warm_tie_gets_no_warm_up(run_cli, ana):
    add_person(ana, name="Warm Wendy", tier="close")
    run_cli("log", "Warm Wendy", "--intent", "give", "--on", "2026-06-10",
            "--follow-up", "2026-06-20", "--follow-up-intent", "advice")  # fmt: skip
    items = run_cli("agenda", "--json").json["items"]
    assert all(i["name"] != "Warm Wendy" for i in items)


# The taker pattern


def test_mostly_asking_lately_is_a_taker_warning(run_cli, ana):
    people = [add_person(ana, name=f"Person {n}") for n in range(6)]
    for n, person in enumerate(people):
        intent = "catch-up" if n == 0 else ("ask" if n % 2 else "advice")
        log_interaction(ana, people=[person], intent=intent, on=date(2026, 6, 1))
    document = run_cli("balance", "--json").json
    assert [w["kind"] for w in document["warnings"]] == ["taker"]
    assert (
        "5 of your 6 interactions in the last 90 days were asks"
        in (document["warnings"][0]["text"])
    )
    assert document["most_asked"][0]["asks"] == 1
    human = run_cli("balance")
    assert "Give before you ask again" in human.stderr


def test_old_asks_do_not_make_a_taker(run_cli, ana):
    people = [add_person(ana, name=f"Person {n}") for n in range(6)]
    for person in people:
        log_interaction(ana, people=[person], intent="ask", on=date(2025, 1, 1))
    assert run_cli("balance", "--json").json["warnings"] == []


# Two modes of a life: maintain and search


def test_search_mode_puts_the_goal_on_the_agenda(run_cli, ana, cast):
    edit_person(ana, cast["walt"], PersonChanges(title="Product Manager"))
    set_goal(ana, "a product role in climate tech")
    document = run_cli("agenda", "-n", "20", "--json").json
    assert document["mode"] == "search"
    walt = next(i for i in document["items"] if i["name"] == "Walt Weak")
    kinds = [r["kind"] for r in walt["reasons"]]
    assert kinds == ["goal", "overdue"]
    assert "(product)" in walt["reasons"][0]["text"]
    mark_told(ana, [cast["walt"]])
    document = run_cli("agenda", "-n", "20", "--json").json
    walt = next(i for i in document["items"] if i["name"] == "Walt Weak")
    assert [r["kind"] for r in walt["reasons"]] == ["overdue"]
    assert run_cli("show", "Walt Weak", "--json").json["knows_goal"] is True
    finish_goal(ana)
    assert run_cli("agenda", "--json").json["mode"] == "maintain"


def test_goal_show_names_who_should_hear_next(run_cli, ana, cast):
    edit_person(ana, cast["walt"], PersonChanges(title="Product Manager"))
    set_goal(ana, "a product role in climate tech")
    document = run_cli("goal", "show", "--json").json
    upcoming = document["next"]
    names = [c["name"] for c in upcoming]
    assert "Walt Weak" in names
    assert "Archie Archived" not in names
    scores = [c["score"] for c in upcoming]
    assert scores == sorted(scores, reverse=True)
    walt = next(c for c in upcoming if c["name"] == "Walt Weak")
    assert walt["matched"] == ["product"]
    run_cli("told", "Walt Weak")
    names = [c["name"] for c in run_cli("goal", "show", "--json").json["next"]]
    assert "Walt Weak" not in names
    human = run_cli("goal", "show")
    assert "Who should hear it next" in human.stdout


def test_goal_show_in_maintain_mode_suggests_nobody(run_cli, cast):
    assert run_cli("goal", "show", "--json").json["next"] == []


def test_sharing_the_goal_while_logging_records_awareness(run_cli, ana, cast):
    set_goal(ana, "a product role in climate tech")
    run_cli("log", "Ines Inner", "--intent", "catch-up", "--shared-goal")
    assert run_cli("show", "Ines Inner", "--json").json["knows_goal"] is True


def test_a_bad_limit_is_one_sentence(run_cli, cast):
    result = run_cli("agenda", "--limit", "0")
    assert result.exit_code == 1
    assert result.stderr.strip() == "Error: --limit takes a number from 1 to 10000."


def test_an_empty_network_has_a_calm_agenda(run_cli, ana):
    result = run_cli("agenda")
    assert result.exit_code == 0
    assert "Nobody is due today" in result.stdout
    assert run_cli("dormant", "--json").json == []


def test_a_cadence_of_zero_days_in_an_import_is_refused(run_cli, ana, tmp_path):
    document = run_cli("export", "json").json
    document["people"] = [
        {"uid": "0" * 31 + "1", "full_name": "Zero Days", "cadence_days": 0}
    ]
    path = tmp_path / "zero.json"
    path.write_text(__import__("json").dumps(document))
    result = run_cli("import", "json", str(path))
    assert result.exit_code == 1
    assert "cadence_days 0 is not between 1 and 3650" in result.stderr


def test_the_agenda_and_dormant_read_well_in_a_terminal(run_cli, cast):
    agenda = run_cli("agenda", "-n", "2")
    assert agenda.exit_code == 0
    assert "Agenda for 2026-06-15 (maintain mode" in agenda.stdout
    assert " 1. Paula Planned" in agenda.stdout
    assert "warm-up: You plan to ask Paula Planned" in agenda.stdout
    dormant = run_cli("dormant")
    assert "Dora Dormant, Umbrella — silent 530 days (every 30 days" in dormant.stdout


def test_news_of_a_lead_someone_opened_closes_the_loop(run_cli, ana):
    from netlife.leads.models import Lead, LeadCredit, LeadStageChange
    from netlife.relationships.services import refresh_relationships

    leo = add_person(ana, name="Leo Lead", tier="network")
    _log(ana, leo, "2026-05-01", "catch-up")
    lead = Lead.objects.create(
        network=ana, title="Data PM at Globex", stage="interview",
        created_on=date(2026, 5, 10),
    )  # fmt: skip
    LeadCredit.objects.create(network=ana, lead=lead, person=leo)
    for stage, on in (("lead", date(2026, 5, 10)), ("interview", date(2026, 6, 5))):
        LeadStageChange.objects.create(
            network=ana, lead=lead, stage=stage, changed_on=on
        )
    refresh_relationships(ana, [leo.pk])  # what the lead services will do
    (item,) = run_cli("agenda", "--json").json["items"]
    (reason,) = item["reasons"]
    assert reason["kind"] == "close-the-loop"
    assert "“Data PM at Globex” reached interview, 10 days ago" in reason["text"]
    run_cli("log", "Leo Lead", "--intent", "catch-up")
    assert run_cli("agenda", "--json").json["items"] == []
