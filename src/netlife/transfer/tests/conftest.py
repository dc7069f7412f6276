"""Networks with something of every kind in them, and export helpers."""

import io
import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest

from netlife.goals.models import Goal, GoalAwareness
from netlife.interactions.models import Interaction, Participation
from netlife.leads.models import Lead, LeadCredit, LeadStageChange
from netlife.networks.models import Network
from netlife.people.models import (
    ContactMethod,
    Organization,
    Person,
    PersonEvent,
    SourceId,
    Tag,
)
from netlife.ties.models import Introduction, Tie
from netlife.transfer import queries

Document = dict[str, Any]


def export_document(network: Network) -> Document:
    out = io.StringIO()
    queries.write_network_json(network, out)
    document: Document = json.loads(out.getvalue())
    return document


def comparable(document: Document) -> Document:
    """The document without what legitimately differs between two networks."""
    return {
        **document,
        "exported_at": None,
        "network": {**document["network"], "name": None},
    }


def fill_network(network: Network, *, people: int = 6) -> None:
    """Something of every kind, every field set somewhere, via the ORM."""
    acme = Organization.objects.create(
        network=network,
        name="ACME, Inc.",
        normalized_name="acme",
        domain="acme.test",
        industry="Rockets",
    )
    Organization.objects.create(
        network=network, name="Globex", normalized_name="globex"
    )
    mentor = Tag.objects.create(network=network, name="mentor")
    alumni = Tag.objects.create(network=network, name="alumni")
    everyone = []
    for i in range(people):
        person = Person.objects.create(
            network=network,
            full_name=f"Person Number{i}",
            given_name="Person",
            family_name=f"Number{i}",
            kind=Person.Kind.PROSPECT if i == 5 else Person.Kind.CONTACT,
            organization=acme if i % 2 == 0 else None,
            title=f"Engineer {i}" if i % 3 else "",
            location="Lyon" if i == 1 else "",
            how_met="At a meetup, naïvely" if i == 2 else "",
            met_on=date(2020, 1, 1 + i % 28),
            birthday_month=4 if i == 1 else None,
            birthday_day=15 if i == 1 else None,
            birthday_year=1990 if i == 1 else None,
            notes='Likes "quotes" and émojis 🎉' if i == 3 else "",
            tier=Person.Tier.CLOSE if i == 0 else "",
            cadence_days=45 if i == 4 else None,
            snoozed_until=date(2026, 7, 1) if i == 4 else None,
            archived=i == 5,
        )
        if i < 3:
            person.tags.add(mentor)
        if i % 2:
            person.tags.add(alumni)
        ContactMethod.objects.create(
            network=network,
            person=person,
            kind="email",
            label="work",
            value=f"Person{i}@Example.com",
            normalized=f"person{i}@example.com",
            is_primary=True,
        )
        if i == 0:
            ContactMethod.objects.create(
                network=network,
                person=person,
                kind="phone",
                value="+1 (555) 010-2000",
                normalized="+15550102000",
            )
            ContactMethod.objects.create(
                network=network,
                person=person,
                kind="url",
                label="linkedin",
                value="https://www.linkedin.com/in/p0/",
                normalized="linkedin.com/in/p0",
            )
            SourceId.objects.create(
                network=network, person=person, source="linkedin", value="p0"
            )
            PersonEvent.objects.create(
                network=network,
                person=person,
                kind="job-change",
                occurred_on=date(2025, 3, 1),
                summary="Moved to ACME",
                previous="Globex",
                current="ACME, Inc.",
                source="linkedin",
            )
            PersonEvent.objects.create(
                network=network,
                person=person,
                kind="birthday",
                occurred_on=date(2025, 4, 15),
            )
        everyone.append(person)
    first = Interaction.objects.create(
        network=network,
        occurred_on=date(2026, 5, 1),
        occurred_at=datetime(2026, 5, 1, 9, 30, tzinfo=UTC),
        channel="meeting",
        intent="advice",
        initiated_by="them",
        summary="Coffee",
        follow_up_on=date(2026, 6, 1),
        shared_goal=True,
        source="calendar",
    )
    second = Interaction.objects.create(
        network=network, occurred_on=date(2026, 5, 10), channel="email", intent="give"
    )
    Interaction.objects.create(
        network=network, occurred_on=date(2026, 5, 11), channel="call", intent="ask"
    )
    for interaction, people_in_it in ((first, everyone[:3]), (second, everyone[3:4])):
        for person in people_in_it:
            Participation.objects.create(
                network=network,
                interaction=interaction,
                person=person,
                occurred_on=interaction.occurred_on,
                intent=interaction.intent,
            )
    Tie.objects.create(
        network=network,
        person_a=everyone[0],
        person_b=everyone[1],
        strength="strong",
        how="Worked together",
        source="manual",
    )
    Tie.objects.create(
        network=network, person_a=everyone[1], person_b=everyone[2], archived=True
    )
    Introduction.objects.create(
        network=network,
        introducer=everyone[0],
        introduced=everyone[2],
        introduced_to=everyone[3],
        introduced_on=date(2026, 2, 2),
        outcome="They met",
    )
    Introduction.objects.create(
        network=network,
        introducer=everyone[1],
        introduced=everyone[4],
        introduced_on=date(2026, 3, 3),
    )
    Goal.objects.create(
        network=network,
        text="Old goal",
        status="done",
        started_on=date(2024, 1, 1),
        done_on=date(2025, 1, 1),
    )
    goal = Goal.objects.create(
        network=network, text="A product role", started_on=date(2026, 1, 1)
    )
    GoalAwareness.objects.create(
        network=network, goal=goal, person=everyone[0], since=date(2026, 1, 5)
    )
    GoalAwareness.objects.create(
        network=network,
        goal=goal,
        person=everyone[1],
        since=date(2026, 5, 1),
        how="interaction",
    )
    lead = Lead.objects.create(
        network=network,
        title="Product manager",
        organization=acme,
        stage="interview",
        notes="Via coffee",
        source_interaction=first,
        created_on=date(2026, 5, 2),
    )
    for stage, day in (("lead", 2), ("conversation", 5), ("interview", 5)):
        LeadStageChange.objects.create(
            network=network, lead=lead, stage=stage, changed_on=date(2026, 5, day)
        )
    LeadCredit.objects.create(network=network, lead=lead, person=everyone[0])
    LeadCredit.objects.create(
        network=network, lead=lead, person=everyone[1], role="through"
    )
    Lead.objects.create(network=network, title="Bare lead", created_on=date(2026, 6, 1))


@pytest.fixture
def filled(ana: Network) -> Network:
    fill_network(ana)
    return ana


@pytest.fixture
def export() -> Callable[[Network], Document]:
    return export_document
