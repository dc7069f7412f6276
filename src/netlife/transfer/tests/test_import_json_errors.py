import copy
from collections.abc import Callable
from pathlib import Path

import pytest

from netlife.core.errors import ImportFailed
from netlife.goals.models import Goal
from netlife.networks.models import Network
from netlife.people.models import Person, SourceId, Tag
from netlife.transfer.services import import_network, load_json_document
from netlife.transfer.tests.conftest import Document

Export = Callable[[Network], Document]


def _fails(network: Network, document: Document) -> str:
    with pytest.raises(ImportFailed) as caught:
        import_network(network, document)
    return str(caught.value)


def _person(document: Document, name: str) -> dict[str, object]:
    person: dict[str, object] = next(
        p for p in document["people"] if p["full_name"] == name
    )
    return person


def test_a_bad_record_imports_nothing_and_names_its_place(
    filled: Network, cara: Network, export: Export
) -> None:
    document = export(filled)
    index = next(i for i, p in enumerate(document["people"]) if p["contact_methods"])
    document["people"][index]["contact_methods"][0]["kind"] = "fax"

    message = _fails(cara, document)

    assert message == (
        f"people[{index}].contact_methods[0]: "
        "kind 'fax' is not one of email, phone, url."
    )
    assert not Person.objects.filter(network=cara).exists()
    assert not Tag.objects.filter(network=cara).exists()


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            lambda d: d["people"][0].update(met_on="15/06/2026"),
            "people[0]: met_on '15/06/2026' is not a date like 2026-06-15.",
        ),
        (lambda d: d["people"][0].pop("full_name"), "people[0]: full_name is missing."),
        (
            lambda d: d["people"][0].update(full_name="  "),
            "people[0]: full_name must not be empty.",
        ),
        (
            lambda d: d["people"][0].update(full_name="x" * 301),
            "people[0]: full_name is longer than 300 characters.",
        ),
        (
            lambda d: d["people"][0].update(archived="yes"),
            "people[0]: archived must be true or false, found text.",
        ),
        (
            lambda d: d["people"][0].update(birthday_month=13),
            "people[0]: birthday_month 13 is not between 1 and 12.",
        ),
        (
            lambda d: d["people"][0].update(uid="not-a-uid"),
            "people[0]: uid 'not-a-uid' is not a uid (a UUID).",
        ),
        (
            lambda d: d["people"][0].update(created_at="2026-01-01T10:00:00"),
            "people[0]: created_at '2026-01-01T10:00:00' is not a date-time with a UTC "
            "offset like 2026-06-15T09:30:00+00:00.",
        ),
        (
            lambda d: d["interactions"][0].update(channel="pigeon"),
            "interactions[0]: channel 'pigeon' is not one of "
            "call, email, meeting, message, event, social.",
        ),
        (lambda d: d.update(people={}), "people: must be a list, found an object."),
        (
            lambda d: d["people"].append("Ana"),
            "people[6]: expected an object, found text.",
        ),
        (
            lambda d: d["people"].append(copy.deepcopy(d["people"][0])),
            "people[6]: uid {uid} appears twice (also at people[0]).",
        ),
        (
            lambda d: d["network"].update(timezone="Mars/Olympus"),
            "network: timezone 'Mars/Olympus' is not a known time zone.",
        ),
        (
            lambda d: d["ties"][0].update(person_b=d["ties"][0]["person_a"]),
            "ties[0]: a person cannot have a tie with themselves.",
        ),
        (
            lambda d: [g.update(status="active") for g in d["goals"]],
            "goals[1]: only one goal can be active, and goals[0] is active too.",
        ),
        (
            lambda d: d["organizations"].append(
                {"uid": "00000000-0000-4000-8000-000000000001", "name": "Acme Inc"}
            ),
            "organizations[2]: "
            "'Acme Inc' is the same organization as organizations[0].",
        ),
    ],
)
def test_each_kind_of_bad_value_is_named(
    filled: Network,
    cara: Network,
    export: Export,
    edit: Callable[[Document], object],
    expected: str,
) -> None:
    document = export(filled)
    document["organizations"].sort(key=lambda o: o["name"])
    first_uid = document["people"][0]["uid"]
    edit(document)

    message = _fails(cara, document)

    assert message == expected.replace("{uid}", first_uid)
    assert not Person.objects.filter(network=cara).exists()


def test_a_reference_to_nobody_is_named(
    filled: Network, cara: Network, export: Export
) -> None:
    document = export(filled)
    missing = "00000000-0000-4000-8000-00000000abcd"
    document["ties"][1]["person_a"] = missing

    assert _fails(cara, document) == (
        f"ties[1]: person_a refers to person {missing}, "
        "which is neither in the file nor in this network."
    )


def test_a_reference_may_point_at_the_network(filled: Network, export: Export) -> None:
    document = export(filled)
    only_leads = {"format": "netlife", "version": 1, "leads": document["leads"]}
    for lead in only_leads["leads"]:
        lead["title"] += " (edited)"

    result = import_network(filled, only_leads)

    assert result.updated["leads"] == 2


def test_an_active_goal_cannot_join_another_active_goal(
    filled: Network, cara: Network, export: Export
) -> None:
    Goal.objects.create(network=cara, text="Cara's own goal", started_on="2026-01-01")
    document = export(filled)
    index = next(i for i, g in enumerate(document["goals"]) if g["status"] == "active")

    assert _fails(cara, document) == (
        f"goals[{index}]: this goal is active, and so is this network's goal "
        '"Cara\'s own goal"; mark that one done first.'
    )


def test_a_source_id_of_someone_else_is_refused(
    filled: Network, cara: Network, export: Export
) -> None:
    someone = Person.objects.create(network=cara, full_name="Someone Else")
    SourceId.objects.create(network=cara, person=someone, source="linkedin", value="p0")
    document = export(filled)
    index = next(i for i, p in enumerate(document["people"]) if p["source_ids"])

    assert _fails(cara, document) == (
        f"people[{index}]: "
        "linkedin id 'p0' already belongs to Someone Else in this network."
    )


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            "{not json",
            "is not a JSON document (Expecting property name enclosed in double",
        ),
        ("", "is not a JSON document (Expecting value at line 1, column 1)."),
        ("[1, 2]", "The file is not a netlife export: it holds a list, not an object."),
        ('{"people": []}', "The file is not a netlife export: it has no format"),
        (
            '{"format": "vcard", "version": 1}',
            "The file is not a netlife export: "
            "it has format 'vcard', not format 'netlife'.",
        ),
        (
            '{"format": "netlife", "version": 2}',
            "The file is a netlife export of version 2, "
            "and this netlife reads version 1 only.",
        ),
    ],
)
def test_a_file_that_is_not_a_netlife_export_is_refused(
    tmp_path: Path, content: str, expected: str
) -> None:
    path = tmp_path / "in.json"
    path.write_text(content, encoding="utf-8")

    with pytest.raises(ImportFailed) as caught:
        load_json_document(path)

    assert expected in str(caught.value)


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed) as caught:
        load_json_document(tmp_path / "nope.json")

    assert (
        str(caught.value)
        == f"Cannot read {tmp_path / 'nope.json'}: No such file or directory."
    )


def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "latin1.json"
    path.write_bytes('{"name": "Zoë"}'.encode("latin-1"))

    with pytest.raises(ImportFailed) as caught:
        load_json_document(path)

    assert str(caught.value) == f"{path} is not a JSON document: it is not UTF-8 text."


def test_renaming_onto_an_organization_the_file_leaves_alone_is_refused(
    filled: Network, export: Export
) -> None:
    document = export(filled)
    index = next(
        i for i, o in enumerate(document["organizations"]) if o["name"] == "Globex"
    )
    acme = next(o for o in document["organizations"] if o["name"] != "Globex")
    document["organizations"] = [document["organizations"][index]]
    document["organizations"][0]["name"] = "Acme"

    assert _fails(filled, document) == (
        "organizations[0]: 'Acme' is already the name of another organization in "
        f"this network ({acme['uid']})."
    )


def test_moving_a_tie_onto_a_pair_that_has_another_tie_is_refused(
    filled: Network, export: Export
) -> None:
    document = export(filled)
    first, second = document["ties"]
    first["person_a"], first["person_b"] = second["person_a"], second["person_b"]
    document["ties"] = [first]

    assert _fails(filled, document) == (
        "ties[0]: these two people already have another tie in this network "
        f"({second['uid']})."
    )
