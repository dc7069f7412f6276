import random
import uuid
from collections import Counter
from datetime import date, timedelta

import pytest
from django.db.models import Count, F, Max, Min, Q

from netlife.core import clock
from netlife.demo.generator import random_uid, sorted_uids
from netlife.demo.services import DemoSummary, generate_demo
from netlife.goals.models import Goal, GoalAwareness
from netlife.interactions.models import Interaction, Participation
from netlife.leads.models import Lead, LeadCredit, LeadStageChange
from netlife.networks.models import Network
from netlife.people.models import ContactMethod, Organization, Person, PersonEvent
from netlife.ties.models import Introduction, Tie


def _last_contacts(network: Network) -> dict[int, tuple[date, int]]:
    """person id → (last interaction day, number of interactions)."""
    rows = (
        Participation.objects.filter(network=network)
        .values("person")
        .annotate(last=Max("occurred_on"), n=Count("id"))
    )
    return {row["person"]: (row["last"], row["n"]) for row in rows}


def _snapshot(network: Network) -> dict[str, list[tuple[object, ...]]]:
    """The demo data of a network without its database ids."""
    return {
        "people": sorted(
            Person.objects.filter(network=network).values_list(
                "uid",
                "full_name",
                "kind",
                "organization__name",
                "title",
                "tier",
                "met_on",
            )
        ),
        "interactions": sorted(
            Interaction.objects.filter(network=network).values_list(
                "uid", "occurred_on", "channel", "intent", "initiated_by", "summary"
            )
        ),
        "ties": sorted(
            Tie.objects.filter(network=network).values_list(
                "uid", "person_a__uid", "person_b__uid", "how"
            )
        ),
        "emails": sorted(
            ContactMethod.objects.filter(network=network).values_list(
                "person__uid", "value"
            )
        ),
    }


def test_demo_creates_a_plausible_network(run_cli, ana):
    result = run_cli("demo", "--people", "60", "--json")

    assert result.exit_code == 0, result.stderr
    summary = result.json
    assert summary["people"] == 60
    assert summary["contacts"] + summary["prospects"] == 60
    assert 1 <= summary["prospects"] < 15
    assert 15 * 60 <= summary["interactions"] <= 30 * 60
    assert summary["organizations"] >= 3
    assert summary["ties"] >= 60
    assert summary["introductions"] >= 1
    assert summary["leads"] >= 3
    assert summary["events"] >= 1
    assert Person.objects.filter(network=ana).count() == 60
    assert Interaction.objects.filter(network=ana).count() == summary["interactions"]
    assert Tie.objects.filter(network=ana).count() == summary["ties"]


def test_the_human_summary_names_what_was_created(run_cli, ana):
    result = run_cli("demo", "--people", "40")

    assert result.exit_code == 0, result.stderr
    assert "Created a demo network of 40 people" in result.stdout
    assert "interactions" in result.stdout


def test_the_same_seed_and_day_give_the_same_network(ana, cara):
    generate_demo(ana, people=50, seed=7)
    generate_demo(cara, people=50, seed=7)

    assert _snapshot(ana) == _snapshot(cara)


def test_another_seed_gives_another_network(ana, cara):
    generate_demo(ana, people=50, seed=7)
    generate_demo(cara, people=50, seed=8)

    ana_names = set(
        Person.objects.filter(network=ana).values_list("full_name", flat=True)
    )
    cara_names = set(
        Person.objects.filter(network=cara).values_list("full_name", flat=True)
    )
    assert ana_names != cara_names


def test_uids_are_version_4_uuids_drawn_from_the_seed():
    assert (
        random_uid(random.Random(3))
        == uuid.UUID(int=random.Random(3).getrandbits(128), version=4).hex
    )
    uids = sorted_uids(random.Random(3), 100)
    assert uids == sorted(uids)
    assert all(uuid.UUID(hex=u).version == 4 for u in uids)


def test_every_intent_and_channel_appears_and_both_sides_initiate(ana):
    generate_demo(ana, people=60)

    interactions = Interaction.objects.filter(network=ana)
    assert set(interactions.values_list("intent", flat=True)) == set(
        Interaction.Intent.values
    )
    assert set(interactions.values_list("channel", flat=True)) == set(
        Interaction.Channel.values
    )
    assert set(interactions.values_list("initiated_by", flat=True)) == {"me", "them"}
    assert interactions.filter(follow_up_on__isnull=False).exists()
    assert interactions.filter(shared_goal=True).exists()
    assert interactions.filter(summary="").exists()
    assert interactions.exclude(summary="").exists()
    assert interactions.aggregate(last=Max("occurred_on"))["last"] <= clock.today()
    years = (
        clock.today() - interactions.aggregate(first=Min("occurred_on"))["first"]
    ).days
    assert years > 3 * 365


def test_participations_copy_the_date_and_intent_of_their_interaction(ana):
    generate_demo(ana, people=60)

    participations = Participation.objects.filter(network=ana)
    assert participations.count() >= Interaction.objects.filter(network=ana).count()
    mismatched = participations.exclude(
        occurred_on=F("interaction__occurred_on"), intent=F("interaction__intent")
    )
    assert not mismatched.exists()
    lonely = Interaction.objects.filter(network=ana, participations__isnull=True)
    assert not lonely.exists()


def test_prospects_have_no_interactions_but_a_tie_to_a_contact(ana):
    generate_demo(ana, people=60)

    prospects = Person.objects.filter(network=ana, kind=Person.Kind.PROSPECT)
    assert prospects.exists()
    assert not Participation.objects.filter(person__in=prospects).exists()
    for prospect in prospects:
        ties = Tie.objects.filter(Q(person_a=prospect) | Q(person_b=prospect))
        others = {
            t.person_b_id if t.person_a_id == prospect.pk else t.person_a_id
            for t in ties
        }
        assert Person.objects.filter(pk__in=others, kind=Person.Kind.CONTACT).exists()


def test_some_ties_are_kept_warm_some_went_dormant_and_some_only_asked(ana):
    generate_demo(ana, people=60)

    today = clock.today()
    last_contacts = _last_contacts(ana)
    warm = [
        p
        for p, (last, n) in last_contacts.items()
        if (today - last).days <= 45 and n >= 10
    ]
    dormant = [
        p
        for p, (last, n) in last_contacts.items()
        if (today - last).days > 700 and n >= 3
    ]
    assert warm
    assert dormant
    intents_by_person: dict[int, set[str]] = {}
    for person, intent in Participation.objects.filter(network=ana).values_list(
        "person", "intent"
    ):
        intents_by_person.setdefault(person, set()).add(intent)
    takers = [p for p, intents in intents_by_person.items() if intents == {"ask"}]
    assert takers


def test_people_have_contact_methods_birthdays_tags_and_cadences(ana):
    generate_demo(ana, people=80)

    people = Person.objects.filter(network=ana)
    emails = ContactMethod.objects.filter(network=ana, kind=ContactMethod.Kind.EMAIL)
    primaries = Counter(emails.filter(is_primary=True).values_list("person", flat=True))
    with_email = set(emails.values_list("person", flat=True))
    assert with_email
    assert all(primaries[person] == 1 for person in with_email)
    assert all(
        value.endswith(".example") for value in emails.values_list("value", flat=True)
    )
    assert ContactMethod.objects.filter(
        network=ana, kind=ContactMethod.Kind.PHONE
    ).exists()
    urls = ContactMethod.objects.filter(network=ana, kind=ContactMethod.Kind.URL)
    assert urls.filter(value__startswith="https://www.linkedin.com/in/").exists()
    assert people.filter(
        birthday_month__isnull=False, birthday_year__isnull=True
    ).exists()
    assert people.filter(birthday_year__isnull=False).exists()
    assert people.exclude(tier="").exists()
    assert people.filter(cadence_days__isnull=False).exists()
    assert people.filter(tags__isnull=False).exists()
    assert people.exclude(given_name="").exclude(family_name="").count() == 80
    assert people.filter(organization__isnull=False).exists()
    assert Organization.objects.filter(network=ana).exclude(industry="").exists()


def test_job_changes_introductions_goal_and_leads_come_with_history(ana):
    generate_demo(ana, people=120)

    assert PersonEvent.objects.filter(
        network=ana, kind=PersonEvent.Kind.JOB_CHANGE
    ).exists()
    introductions = Introduction.objects.filter(network=ana)
    assert introductions.exists()
    assert not introductions.filter(introduced_on__gt=clock.today()).exists()

    active = Goal.objects.get(network=ana, status=Goal.Status.ACTIVE)
    aware = GoalAwareness.objects.filter(goal=active).count()
    contacts = Person.objects.filter(network=ana, kind=Person.Kind.CONTACT).count()
    assert 0 < aware < contacts

    leads = Lead.objects.filter(network=ana)
    assert len(set(leads.values_list("stage", flat=True))) >= 3
    for lead in leads:
        stages = list(
            LeadStageChange.objects.filter(lead=lead).values_list("stage", flat=True)
        )
        assert stages[0] == Lead.Stage.LEAD
        assert stages[-1] == lead.stage
    assert LeadCredit.objects.filter(network=ana).exists()
    assert leads.filter(source_interaction__isnull=False).exists()


def test_a_network_with_people_is_refused_without_force(run_cli, ana):
    assert run_cli("demo", "--people", "30").exit_code == 0

    result = run_cli("demo", "--people", "30")

    assert result.exit_code == 1
    assert "already has 30 people" in result.stderr
    assert "--force" in result.stderr
    assert "Traceback" not in result.stderr
    assert Person.objects.filter(network=ana).count() == 30


def test_force_adds_people_with_names_and_uids_of_their_own(run_cli, ana):
    assert run_cli("demo", "--people", "40").exit_code == 0
    organizations = Organization.objects.filter(network=ana).count()

    result = run_cli("demo", "--people", "40", "--force", "--json")

    assert result.exit_code == 0, result.stderr
    people = Person.objects.filter(network=ana)
    assert people.count() == 80
    names = [name.casefold() for name in people.values_list("full_name", flat=True)]
    assert len(set(names)) == 80
    assert len(set(people.values_list("uid", flat=True))) == 80
    emails = ContactMethod.objects.filter(network=ana, kind=ContactMethod.Kind.EMAIL)
    assert emails.values("normalized").distinct().count() == emails.count()
    assert (
        Organization.objects.filter(network=ana).count()
        == organizations + result.json["organizations"]
    )
    assert Goal.objects.filter(network=ana, status=Goal.Status.ACTIVE).count() == 1


def test_the_number_of_people_must_be_sensible(run_cli, ana):
    for people in ("0", "1000001", "-5"):
        result = run_cli("demo", "--people", people)
        assert result.exit_code == 1, people
        assert "between 1 and 1,000,000" in result.stderr
    assert not Person.objects.filter(network=ana).exists()


def test_a_demo_of_one_person_works(ana):
    summary = generate_demo(ana, people=1)

    assert summary.people == 1
    assert Person.objects.filter(network=ana).count() == 1


def test_progress_is_reported_person_by_person(ana):
    done: list[int] = []

    summary = generate_demo(ana, people=45, advance=done.append)

    assert sum(done) == 2 * 45  # written, then summed up
    assert isinstance(summary, DemoSummary)


def test_dates_follow_the_pinned_today(ana, monkeypatch):
    monkeypatch.setenv("NETLIFE_TODAY", "2030-01-31")

    generate_demo(ana, people=30)

    last = Interaction.objects.filter(network=ana).aggregate(last=Max("occurred_on"))[
        "last"
    ]
    assert date(2029, 6, 1) < last <= date(2030, 1, 31)
    follow_ups = Interaction.objects.filter(network=ana, follow_up_on__isnull=False)
    assert not follow_ups.filter(
        follow_up_on__gt=date(2030, 1, 31) + timedelta(days=60)
    ).exists()


def test_the_people_command_lists_the_demo_people(run_cli, ana):
    from netlife.cli import app

    names = {
        c.name or getattr(c.callback, "__name__", "") for c in app.registered_commands
    }
    if "people" not in names:
        pytest.skip("`netlife people` is not there yet")
    assert run_cli("demo", "--people", "25").exit_code == 0

    result = run_cli("people", "--json")

    assert result.exit_code == 0, result.stderr
    listed = {person["name"] for person in result.json}
    assert listed == set(
        Person.objects.filter(network=ana).values_list("full_name", flat=True)
    )


def test_rows_added_after_the_demo_get_fresh_ids(ana):
    generate_demo(ana, people=30)
    demo_people = Person.objects.filter(network=ana).count()

    person = Person.objects.create(network=ana, full_name="Someone New")
    interaction = Interaction.objects.create(
        network=ana, occurred_on=clock.today(), channel="call", intent="give"
    )
    Participation.objects.create(
        network=ana,
        interaction=interaction,
        person=person,
        occurred_on=interaction.occurred_on,
        intent=interaction.intent,
    )

    assert Person.objects.filter(network=ana).count() == demo_people + 1
    assert person.pk > Person.objects.exclude(pk=person.pk).aggregate(m=Max("id"))["m"]


def test_organizations_already_in_the_network_are_reused(ana, cara):
    from netlife.people.services import get_or_create_organization

    generate_demo(ana, people=40, seed=3)
    for name in Organization.objects.filter(network=ana).values_list("name", flat=True):
        get_or_create_organization(cara, name.upper())

    summary = generate_demo(cara, people=40, seed=3)

    assert summary.organizations == 0
    employers = Organization.objects.filter(network=cara, people__isnull=False)
    assert employers.exists()
    assert (
        not Person.objects.filter(network=cara)
        .exclude(organization__network=cara)
        .filter(organization__isnull=False)
        .exists()
    )
