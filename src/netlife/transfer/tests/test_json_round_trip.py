import copy
import io
import json
from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from netlife.formats.json_dump import count_records
from netlife.interactions.models import Interaction, Participation
from netlife.networks.models import Network
from netlife.networks.services import create_network
from netlife.people.models import ContactMethod, Organization, Person, PersonEvent, Tag
from netlife.ties.models import Tie
from netlife.transfer import queries
from netlife.transfer.services import KINDS, import_network
from netlife.transfer.tests.conftest import (
    Document,
    comparable,
    fill_network,
)

Export = Callable[[Network], Document]


def _nothing() -> dict[str, int]:
    return dict.fromkeys(KINDS, 0)


def test_export_then_import_into_an_empty_network_reproduces_the_document(
    filled: Network, cara: Network, export: Export
) -> None:
    document = export(filled)

    result = import_network(cara, document)

    assert comparable(export(cara)) == comparable(document)
    assert result.created["people"] == 6
    assert result.created["events"] == 2
    assert result.created["interactions"] == 3
    assert sum(result.updated.values()) == 0


def test_every_kind_and_field_is_in_the_export(filled: Network, export: Export) -> None:
    document = export(filled)

    assert document["format"] == "netlife"
    assert document["version"] == 1
    assert document["network"] == {"name": "My network", "timezone": "UTC"}
    people = {p["full_name"]: p for p in document["people"]}
    first = people["Person Number0"]
    assert first["tags"] == ["mentor"]
    assert first["contact_methods"][0] == {
        "kind": "email",
        "label": "work",
        "value": "Person0@Example.com",
        "is_primary": True,
    }
    assert first["source_ids"] == [{"source": "linkedin", "value": "p0"}]
    assert [e["kind"] for e in first["events"]] == ["job-change", "birthday"]
    assert first["organization"] == document["organizations"][0]["uid"] or any(
        o["uid"] == first["organization"] for o in document["organizations"]
    )
    assert people["Person Number1"]["birthday_month"] == 4
    lead = next(x for x in document["leads"] if x["title"] == "Product manager")
    assert [s["stage"] for s in lead["stage_changes"]] == [
        "lead",
        "conversation",
        "interview",
    ]
    assert {c["role"] for c in lead["credits"]} == {"opened", "through"}
    assert lead["source_interaction"] in {x["uid"] for x in document["interactions"]}
    for section in (
        "organizations",
        "people",
        "interactions",
        "ties",
        "goals",
        "leads",
    ):
        uids = [item["uid"] for item in document[section]]
        assert uids == sorted(uids)


def test_the_export_of_an_unchanged_network_is_the_same_text(filled: Network) -> None:
    first, second = io.StringIO(), io.StringIO()
    when = datetime(2026, 6, 15, 12, tzinfo=UTC)

    queries.write_network_json(filled, first, exported_at=when)
    queries.write_network_json(filled, second, exported_at=when)

    assert first.getvalue() == second.getvalue()
    json.loads(first.getvalue())


def test_timestamps_survive_the_round_trip(
    filled: Network, cara: Network, export: Export
) -> None:
    Person.objects.filter(network=filled).update(
        created_at=datetime(2019, 3, 4, 5, 6, 7, 891011, tzinfo=UTC),
        updated_at=datetime(2020, 3, 4, tzinfo=UTC),
    )

    import_network(cara, export(filled))

    copied = Person.objects.filter(network=cara).first()
    assert copied is not None
    assert copied.created_at == datetime(2019, 3, 4, 5, 6, 7, 891011, tzinfo=UTC)
    assert copied.updated_at == datetime(2020, 3, 4, tzinfo=UTC)


def test_participations_are_derived_from_the_interaction(
    filled: Network, cara: Network, export: Export
) -> None:
    import_network(cara, export(filled))

    coffee = Interaction.objects.get(network=cara, summary="Coffee")
    rows = Participation.objects.filter(interaction=coffee)
    assert rows.count() == 3
    assert {(p.network_id, p.occurred_on, p.intent) for p in rows} == {
        (cara.pk, coffee.occurred_on, "advice")
    }


def test_reimporting_the_same_file_changes_nothing(
    filled: Network, export: Export
) -> None:
    document = export(filled)

    result = import_network(filled, document)

    assert result.created == _nothing()
    assert result.updated == _nothing()
    assert result.merged == _nothing()
    assert result.unchanged["people"] == 6
    assert result.unchanged["interactions"] == 3
    assert result.unchanged["events"] == 2
    assert result.unchanged["network"] == 1
    assert not result.changed
    assert export(filled)["people"] == document["people"]


def test_importing_a_file_twice_creates_once(
    filled: Network, cara: Network, export: Export
) -> None:
    document = export(filled)
    import_network(cara, document)

    again = import_network(cara, document)

    assert again.created == _nothing()
    assert again.updated == _nothing()
    assert Person.objects.filter(network=cara).count() == 6
    assert Tag.objects.filter(network=cara).count() == 2


def test_an_edited_file_updates_just_that_object(
    filled: Network, export: Export
) -> None:
    document = export(filled)
    edited = copy.deepcopy(document)
    person = next(p for p in edited["people"] if p["full_name"] == "Person Number2")
    person["title"] = "Chief Engineer"

    result = import_network(filled, edited)

    assert result.updated == {**_nothing(), "people": 1}
    assert result.created == _nothing()
    assert (
        Person.objects.get(network=filled, uid=person["uid"]).title == "Chief Engineer"
    )
    assert export(filled)["people"] == edited["people"]


def test_an_edited_email_replaces_the_persons_contact_methods(
    filled: Network, export: Export
) -> None:
    edited = export(filled)
    person = next(p for p in edited["people"] if p["full_name"] == "Person Number0")
    person["contact_methods"] = [
        {
            "kind": "email",
            "label": "home",
            "value": "NEW@example.com",
            "is_primary": True,
        }
    ]
    person["tags"] = ["Zeta", "alumni", "friend"]

    result = import_network(filled, edited)

    assert result.updated["people"] == 1
    methods = ContactMethod.objects.filter(person__uid=person["uid"], network=filled)
    assert [(m.value, m.normalized) for m in methods] == [
        ("NEW@example.com", "new@example.com")
    ]
    stored = Person.objects.get(network=filled, uid=person["uid"])
    assert sorted(t.name for t in stored.tags.all()) == ["Zeta", "alumni", "friend"]
    assert export(filled)["people"] == edited["people"]
    assert not import_network(filled, edited).changed


def test_an_edited_interaction_rewrites_its_participations(
    filled: Network, export: Export
) -> None:
    edited = export(filled)
    coffee = next(x for x in edited["interactions"] if x["summary"] == "Coffee")
    coffee["intent"] = "thanks"
    coffee["people"] = coffee["people"][:1]

    result = import_network(filled, edited)

    assert result.updated == {**_nothing(), "interactions": 1}
    rows = Participation.objects.filter(interaction__uid=coffee["uid"], network=filled)
    assert [(str(r.person.uid), r.intent) for r in rows] == [
        (coffee["people"][0], "thanks")
    ]


def test_a_tie_is_stored_lower_id_first_whichever_way_the_file_has_it(
    filled: Network, cara: Network, export: Export
) -> None:
    document = export(filled)
    for tie in document["ties"]:
        tie["person_a"], tie["person_b"] = tie["person_b"], tie["person_a"]
    # Created in reverse uid order, so ids and uids disagree on the order.
    document["people"].reverse()

    import_network(cara, document)

    ties = Tie.objects.filter(network=cara)
    assert ties.count() == 2
    assert all(t.person_a_id < t.person_b_id for t in ties)
    assert comparable(export(cara))["ties"] == comparable(export(filled))["ties"]


def test_an_organization_known_by_another_uid_is_merged_by_name(
    filled: Network, cara: Network, export: Export
) -> None:
    Organization.objects.create(network=cara, name="Acme", normalized_name="acme")
    document = export(filled)

    result = import_network(cara, document)

    assert result.merged["organizations"] == 1
    assert Organization.objects.filter(network=cara).count() == 2
    assert import_network(cara, document).merged == _nothing()
    assert comparable(export(cara)) == comparable(document)


def test_a_dry_run_reports_and_writes_nothing(
    filled: Network, cara: Network, export: Export
) -> None:
    result = import_network(cara, export(filled), dry_run=True)

    assert result.dry_run
    assert result.created["people"] == 6
    assert not Person.objects.filter(network=cara).exists()
    assert not Tag.objects.filter(network=cara).exists()


def test_importing_into_caras_network_leaves_anas_rows_alone(
    filled: Network, cara: Network, export: Export
) -> None:
    document = export(filled)
    edited = copy.deepcopy(document)
    for person in edited["people"]:
        person["title"] = "Changed in cara's copy"

    import_network(cara, document)
    import_network(cara, edited)

    assert export(filled) == {**document, "exported_at": export(filled)["exported_at"]}
    assert not Person.objects.filter(
        network=filled, title="Changed in cara's copy"
    ).exists()
    assert (
        Person.objects.filter(network=cara, title="Changed in cara's copy").count() == 6
    )


def test_the_export_runs_a_fixed_number_of_queries(
    ana: Network, django_assert_max_num_queries: Callable[..., object]
) -> None:
    small = create_network(owner_username="small", name="small")
    fill_network(small, people=6)
    fill_network(ana, people=40)

    def count(network: Network) -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            queries.write_network_json(network, io.StringIO())
        return len(captured)

    assert count(ana) == count(small)
    assert count(ana) <= 20


@pytest.mark.parametrize("people", [0])
def test_an_empty_network_exports_and_imports(
    ana: Network, cara: Network, export: Export, people: int
) -> None:
    document = export(ana)

    result = import_network(cara, document)

    assert all(document[section] == [] for section in ("people", "ties", "leads"))
    assert sum(result.created.values()) == people


def test_a_hand_written_file_needs_only_the_required_fields(cara: Network) -> None:
    person_uid = "7d0c2f52-77d7-4d3c-8bfa-6a3c1e5e0a01"
    document = {
        "format": "netlife",
        "version": 1,
        "people": [
            {
                "uid": person_uid,
                "full_name": "Ada Lovelace",
                "contact_methods": [{"kind": "email", "value": "ada@example.com"}],
                "tags": ["math"],
            }
        ],
        "interactions": [
            {
                "uid": "7d0c2f52-77d7-4d3c-8bfa-6a3c1e5e0a02",
                "occurred_on": "2026-06-01",
                "channel": "call",
                "intent": "catch-up",
                "people": [person_uid],
            }
        ],
    }

    result = import_network(cara, document)
    again = import_network(cara, document)

    ada = Person.objects.get(network=cara)
    assert (ada.kind, ada.tier, ada.archived) == ("contact", "", False)
    assert result.created["people"] == 1
    assert result.created["interactions"] == 1
    assert again.unchanged["people"] == 1
    assert again.unchanged["interactions"] == 1
    assert not again.changed


def test_an_event_moved_to_another_person_is_an_update(
    filled: Network, export: Export
) -> None:
    document = export(filled)
    owner = next(p for p in document["people"] if p["events"])
    other = next(p for p in document["people"] if not p["events"])
    other["events"] = [owner["events"].pop()]
    moved = other["events"][0]["uid"]

    result = import_network(filled, document)

    assert result.updated["events"] == 1
    assert result.updated["people"] == 0
    assert (
        str(PersonEvent.objects.get(network=filled, uid=moved).person.uid)
        == other["uid"]
    )


def test_a_tie_known_by_another_uid_is_merged_by_its_pair(
    filled: Network, export: Export
) -> None:
    document = export(filled)
    tie = document["ties"][0]
    tie["uid"] = "7d0c2f52-77d7-4d3c-8bfa-6a3c1e5e0a09"
    tie["how"] = "Same pair, new uid"

    result = import_network(filled, document)

    assert result.merged["ties"] == 1
    assert Tie.objects.filter(network=filled).count() == 2
    assert Tie.objects.get(network=filled, uid=tie["uid"]).how == "Same pair, new uid"


def test_the_timezone_comes_from_the_file(
    filled: Network, cara: Network, export: Export
) -> None:
    Network.objects.filter(pk=filled.pk).update(timezone="Europe/Paris")
    filled.refresh_from_db()
    document = export(filled)

    dry = import_network(cara, document, dry_run=True)
    assert dry.updated["network"] == 1
    assert cara.timezone == "UTC"
    cara.refresh_from_db()
    assert cara.timezone == "UTC"

    import_network(cara, document)
    cara.refresh_from_db()
    assert cara.timezone == "Europe/Paris"


def test_organizations_may_swap_names(filled: Network, export: Export) -> None:
    document = export(filled)
    first, second = document["organizations"]
    first["name"], second["name"] = second["name"], first["name"]

    result = import_network(filled, document)

    assert result.updated["organizations"] == 2
    names = dict(Organization.objects.filter(network=filled).values_list("uid", "name"))
    assert {str(uid): name for uid, name in names.items()} == {
        first["uid"]: first["name"],
        second["uid"]: second["name"],
    }


def test_progress_counts_every_record_once(
    filled: Network, cara: Network, export: Export
) -> None:
    document = export(filled)
    first: list[int] = []
    second: list[int] = []
    exported: list[int] = []

    import_network(cara, document, advance=first.append)
    import_network(cara, document, advance=second.append)
    queries.write_network_json(cara, io.StringIO(), advance=exported.append)

    assert sum(first) == sum(second) == count_records(document) == 21
    assert sum(exported) == queries.export_size(cara) == 19


def test_a_file_may_finish_one_goal_and_reopen_another(
    filled: Network, export: Export
) -> None:
    document = export(filled)
    for goal in document["goals"]:
        active = goal["status"] == "active"
        goal["status"] = "done" if active else "active"
        goal["done_on"] = "2026-06-01" if active else None

    result = import_network(filled, document)

    assert result.updated["goals"] == 2
    assert export(filled)["goals"] == document["goals"]
