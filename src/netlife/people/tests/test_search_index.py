"""The People search through SQLite's trigram index: the same people, in the
same order, as the plain query; and the index kept right by every write.

The index (people migration 0004) only narrows a search to candidates;
`matching_ids` and `search_people` must return exactly what the plain
query below returns, on every path they take (few candidates sorted,
many walked against the candidates, very many walked against the text, and
texts of one or two letters, which the index cannot answer). On PostgreSQL
there is no index: the same comparisons check the plain path, and the tests
that read the index itself are skipped.
"""

import importlib
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Lower

from netlife.demo.services import generate_demo
from netlife.engines.contact_values import (
    clean_text,
    normalize_email,
    organization_key,
)
from netlife.networks.models import Network
from netlife.people import queries
from netlife.people.merging import merge_people
from netlife.people.models import ContactMethod, Organization, Person
from netlife.people.services import (
    PersonChanges,
    add_person,
    edit_person,
    remove_person,
)
from netlife.transfer.services import import_network
from netlife.transfer.tests.conftest import export_document

sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the trigram index is SQLite's"
)

MIGRATION = importlib.import_module(
    "netlife.people.migrations.0004_person_search_index"
)


# --- The reference: the plain query, as it was before the index ------------


def plain_search(
    network: Network, query: str, *, include_archived: bool = False
) -> QuerySet[Person]:
    people = Person.objects.filter(network=network)
    if not include_archived:
        people = people.filter(archived=False)
    text = clean_text(query)
    if text:
        emails = ContactMethod.objects.filter(
            person=OuterRef("pk"),
            kind=ContactMethod.Kind.EMAIL,
            normalized__contains=normalize_email(text),
        )
        people = people.filter(
            Q(full_name__icontains=text)
            | Q(organization__name__icontains=text)
            | Q(title__icontains=text)
            | Exists(emails)
        )
    return people.order_by(Lower("full_name"), "pk")


def plain_ids(network: Network, query: str, **kwargs: Any) -> list[int]:
    return list(plain_search(network, query, **kwargs).values_list("pk", flat=True))


def found_ids(network: Network, query: str, **kwargs: Any) -> list[int]:
    ids, more = queries.matching_ids(network, query, cap=10_000, **kwargs)
    assert not more
    return ids


def ids_of(*people: Person) -> set[int]:
    return {p.pk for p in people}


# --- The index, read directly ----------------------------------------------


def index_rows() -> dict[int, tuple[str, str, str, list[str]]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rowid, full_name, title, organization, emails "
            "FROM people_person_search"
        )
        return {
            pk: (name, title, org, sorted(e for e in emails.split("\n") if e))
            for pk, name, title, org, emails in cursor.fetchall()
        }


def table_rows() -> dict[int, tuple[str, str, str, list[str]]]:
    emails: dict[int, list[str]] = {}
    for person_id, value in ContactMethod.objects.filter(
        kind=ContactMethod.Kind.EMAIL
    ).values_list("person_id", "normalized"):
        emails.setdefault(person_id, []).append(value)
    return {
        p.pk: (
            p.full_name,
            p.title,
            p.organization.name if p.organization else "",
            sorted(emails.get(p.pk, [])),
        )
        for p in Person.objects.select_related("organization")
    }


def assert_in_step() -> None:
    """The index holds exactly what the tables say (on SQLite)."""
    if connection.vendor == "sqlite":
        assert index_rows() == table_rows()


# --- Random networks: the index path gives the plain query's answer ---------

PIECES = [
    "ann", "Anne", "son", "Lee", "li", "Li-Wang", "É", "é", "lodie", "Straße",
    "STRASSE", "ß", "O'Brien", "Zoë", "ÖZ", "eng", "ineer", "x", "q", "%", "_",
    "\\", '"', "and", "Mar", "tin", " ", "-", "İ", "\u0131", "Ǆ", "ǆ", "ﬁ",
]  # fmt: skip
ORGS = ["Annex Labs", "Straße & Co", "Zoë's", "100% Org", "a_b", "Élan", "Q"]
TITLES = ["Engineer", "VP Engineering", "Anne's assistant", "", "chef", "ÉTÉ"]
TRICKY = [
    "ann", "ANN", "an", "a", "e", "son", "Li-Wang", "li-w", "élo", "ÉLO", "Élo",
    "straße", "STRASSE", "strasse", "ss", "ß", "%", "_", "\\", '"', '"ann"',
    "a%b", "100%", "a_b", "  ann  lee ", "ann lee", "zoë", "ZOË", "engineer",
    "example", "exa", "@", ".example", "nobody-at-all", "İ", "i̇", "ﬁ", "fi",
    "ǅ", "ǆ", "o'b", "and", "q",
]  # fmt: skip


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 3)))


def _fill(network: Network, rng: random.Random, count: int) -> list[Person]:
    people = []
    for n in range(count):
        name = f"{_word(rng)} {_word(rng)}".strip() or f"Person {n}"
        local = "".join(c for c in _word(rng).casefold() if c.isalnum()) or "p"
        emails = [f"{local}{n}@{rng.choice(['example.org', 'Strasse.example'])}"]
        if rng.random() < 0.3:
            emails.append(f"x{n}.{rng.choice(['ann', 'straße', 'zoë'])}@mail.example")
        people.append(
            add_person(
                network,
                name=name,
                emails=emails if rng.random() < 0.8 else [],
                organization=rng.choice(ORGS) if rng.random() < 0.7 else None,
                title=rng.choice(TITLES),
                tags=["vip"] if rng.random() < 0.3 else [],
                tier="inner" if rng.random() < 0.3 else None,
            )
        )
    for person in rng.sample(people, count // 10):
        edit_person(network, person, PersonChanges(archived=True))
    return people


def _queries(rng: random.Random, people: list[Person]) -> Iterator[str]:
    yield from TRICKY
    texts = []
    for p in people:
        texts += [p.full_name, p.title]
        texts += [m.value for m in p.contact_methods.all()]
        if p.organization:
            texts.append(p.organization.name)
    for _ in range(25):
        text = rng.choice([t for t in texts if t])
        start = rng.randrange(len(text))
        part = text[start : start + rng.randint(1, 8)]
        yield "".join(c.upper() if rng.random() < 0.3 else c for c in part)


@pytest.mark.parametrize("seed", [1, 2])
def test_every_path_finds_the_plain_query_s_people_in_its_order(ana, cara, seed):
    rng = random.Random(seed)
    people = _fill(ana, rng, 90)
    _fill(cara, random.Random(seed), 40)  # the same texts: never found in ana's
    assert_in_step()
    for query in _queries(rng, people):
        expected = plain_ids(ana, query)
        # sort_limit picks the path: few candidates sorted, many walked
        # against the candidates (up to 3x), very many walked by the text.
        narrowed = list(
            queries.filter_by_keeping_in_touch(
                plain_search(ana, query).filter(tags__name="vip"), tier="inner"
            ).values_list("pk", flat=True)
        )
        for sort_limit, cap in ((1, 3), (4, 500), (10_000, 3), (10_000, 500)):
            ids, more = queries.matching_ids(ana, query, cap=cap, sort_limit=sort_limit)
            assert (ids, more) == (expected[:cap], len(expected) > cap), (
                query,
                sort_limit,
                cap,
            )
            ids, _ = queries.matching_ids(
                ana, query, cap=500, sort_limit=sort_limit, tag="vip", tier="inner"
            )
            assert ids == narrowed, (query, sort_limit)
        search = queries.search_people(ana, query).values_list("pk", flat=True)
        assert list(search) == expected, query
        assert list(search[:5]) == expected[:5], query
        with_archived = queries.search_people(ana, query, include_archived=True)
        assert list(with_archived.values_list("pk", flat=True)) == plain_ids(
            ana, query, include_archived=True
        ), query
        listed = queries.list_people(ana, query).values_list("pk", flat=True)
        assert list(listed) == expected, query
        tagged = queries.search_people(ana, query, tag="vip", organization="Annex Labs")
        assert list(tagged.values_list("pk", flat=True)) == list(
            plain_search(ana, query)
            .filter(
                tags__name="vip",
                organization__normalized_name=organization_key("Annex Labs"),
            )
            .values_list("pk", flat=True)
        ), query


@sqlite_only
def test_the_index_answers_texts_of_three_letters_or_more(ana):
    add_person(ana, name="Ann Lee", emails=["ann@straße.example"])
    assert queries._count_candidates(ana, "ann", limit=10) == 1
    assert queries._count_candidates(ana, "STRASSE", limit=10) == 1
    assert queries._count_candidates(ana, "an", limit=10) is None
    assert queries._count_candidates(ana, "zzz", limit=10) == 0


@sqlite_only
def test_the_index_is_what_narrows_the_search(ana):
    """Were the index stale, the search would miss: it is really used."""
    ann = add_person(ana, name="Ann Lee")
    assert found_ids(ana, "ann") == [ann.pk]
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM people_person_search WHERE rowid = %s", [ann.pk])
    assert found_ids(ana, "ann") == []
    assert found_ids(ana, "an") == [ann.pk]  # two letters: the plain query


# --- Every write path keeps the index right ---------------------------------


def test_a_person_added_is_found_by_each_of_their_texts(ana):
    ada = add_person(
        ana,
        name="Ada Lovelace",
        organization="Analytical Engines",
        title="Mathematician",
        emails=["ada@engines.example", "countess@lovelace.example"],
    )
    assert_in_step()
    for text in ("lovelace", "ANALYTICAL", "mathem", "countess@", "engines.ex"):
        assert found_ids(ana, text) == [ada.pk], text
        assert list(queries.search_people(ana, text)) == [ada], text


def test_an_edited_person_is_found_by_the_new_texts_only(ana):
    ada = add_person(
        ana, name="Ada Byron", organization="Analytical Engines", title="Analyst"
    )
    edit_person(
        ana,
        ada,
        PersonChanges(
            name="Ada Lovelace",
            organization="Difference Ltd",
            title="Countess",
            add_emails=["ada@numbers.example"],
        ),
    )
    assert_in_step()
    for text in ("lovelace", "difference", "countess", "numbers.ex"):
        assert found_ids(ana, text) == [ada.pk], text
    for text in ("byron", "analytical", "analyst"):
        assert found_ids(ana, text) == [], text
    edit_person(ana, ada, PersonChanges(remove_values=["ada@numbers.example"]))
    assert_in_step()
    assert found_ids(ana, "numbers.ex") == []


def test_an_archived_person_leaves_the_list_and_comes_back(ana):
    ada = add_person(ana, name="Ada Lovelace")
    edit_person(ana, ada, PersonChanges(archived=True))
    assert found_ids(ana, "lovelace") == []
    assert list(queries.search_people(ana, "lovelace", include_archived=True)) == [ada]
    edit_person(ana, ada, PersonChanges(archived=False))
    assert found_ids(ana, "lovelace") == [ada.pk]


def test_a_merge_moves_the_emails_to_the_person_kept(ana):
    keep = add_person(
        ana, name="Ada Lovelace", emails=["ada@one.example"], organization="First"
    )
    other = add_person(
        ana,
        name="A. Lovelace",
        emails=["ada@one.example", "ada@two.example"],
        organization="Second Org",
    )
    merge_people(ana, keep, other)
    assert_in_step()
    assert found_ids(ana, "two.example") == [keep.pk]
    assert found_ids(ana, "one.example") == [keep.pk]
    assert found_ids(ana, "a. love") == []
    assert found_ids(ana, "second org") == []


def test_a_merge_fills_what_the_person_kept_lacked(ana):
    keep = add_person(ana, name="Ada Lovelace")
    other = add_person(ana, name="A. Lovelace", organization="Second Org")
    merge_people(ana, keep, other)
    assert_in_step()
    assert found_ids(ana, "second org") == [keep.pk]


def test_a_removed_person_is_no_longer_found(ana):
    ada = add_person(ana, name="Ada Lovelace", emails=["ada@engines.example"])
    grace = add_person(ana, name="Grace Lovelace")
    remove_person(ana, ada)
    assert_in_step()
    assert found_ids(ana, "lovelace") == [grace.pk]
    assert found_ids(ana, "engines") == []


def test_a_renamed_or_deleted_organization_is_searched_by_its_name(ana):
    ada = add_person(ana, name="Ada", organization="Analytical Engines")
    grace = add_person(ana, name="Grace", organization="Analytical Engines")
    org = Organization.objects.get(network=ana, name="Analytical Engines")
    org.name = "Babbage Works"
    org.save()
    assert_in_step()
    assert found_ids(ana, "babbage") == [ada.pk, grace.pk]
    assert found_ids(ana, "analytical") == []
    Organization.objects.filter(pk=org.pk).update(name="Engine House")
    assert found_ids(ana, "engine h") == [ada.pk, grace.pk]
    org.delete()  # people keep their record, without the organization
    assert_in_step()
    assert found_ids(ana, "engine h") == []
    assert found_ids(ana, "ada") == [ada.pk]


def test_contact_methods_changed_by_any_update_are_followed(ana):
    ada = add_person(ana, name="Ada", phones=["+1 415 555 0100"])
    grace = add_person(ana, name="Grace", emails=["grace@navy.example"])
    method = ContactMethod.objects.get(person=grace, kind=ContactMethod.Kind.EMAIL)
    ContactMethod.objects.filter(pk=method.pk).update(normalized="grace@army.example")
    assert found_ids(ana, "army.ex") == [grace.pk]
    ContactMethod.objects.filter(pk=method.pk).update(person=ada)
    assert found_ids(ana, "army.ex") == [ada.pk]
    ContactMethod.objects.filter(pk=method.pk).update(kind=ContactMethod.Kind.URL)
    assert found_ids(ana, "army.ex") == []
    ContactMethod.objects.filter(person=ada).update(kind=ContactMethod.Kind.EMAIL)
    assert found_ids(ana, "army.ex") == [ada.pk]
    ContactMethod.objects.filter(person=ada).delete()
    assert found_ids(ana, "army.ex") == []
    assert_in_step()


VCARDS = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nN:Lovelace;Ada;;;\r\n"
    "EMAIL;TYPE=work:ada@engines.example\r\nORG:Analytical Engines\r\n"
    "TITLE:Mathematician\r\nUID:ada-1\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Grace Hopper\r\nN:Hopper;Grace;;;\r\n"
    "EMAIL:grace@navy.example\r\nUID:grace-1\r\nEND:VCARD\r\n"
)


def test_people_imported_from_a_vcard_file_are_found(run_cli, ana, tmp_path: Path):
    path = tmp_path / "phone.vcf"
    path.write_text(VCARDS, encoding="utf-8")
    assert run_cli("import", "vcard", str(path)).exit_code == 0
    assert_in_step()
    ada = Person.objects.get(network=ana, full_name="Ada Lovelace")
    grace = Person.objects.get(network=ana, full_name="Grace Hopper")
    assert found_ids(ana, "engines") == [ada.pk]
    assert found_ids(ana, "mathematic") == [ada.pk]
    assert found_ids(ana, "navy.ex") == [grace.pk]
    # Importing it again with a new email for Grace updates her row.
    path.write_text(
        VCARDS.replace("grace@navy.example", "grace@cobol.example"), encoding="utf-8"
    )
    assert run_cli("import", "vcard", str(path)).exit_code == 0
    assert_in_step()
    assert found_ids(ana, "cobol.ex") == [grace.pk]


def test_a_demo_and_a_json_import_of_it_are_searchable(ana, cara):
    generate_demo(ana, people=40, seed=3)
    assert_in_step()
    import_network(cara, export_document(ana))
    assert_in_step()
    person = Person.objects.filter(network=cara).exclude(title="").first()
    assert person is not None
    for network in (ana, cara):
        for text in (person.full_name, person.title, person.full_name[1:5]):
            assert found_ids(network, text) == plain_ids(network, text), text
    cara.delete()
    assert_in_step()


# --- The migration ----------------------------------------------------------


@sqlite_only
def test_every_trigger_of_the_index_exists(db):
    """A later migration that rebuilds a table drops its triggers: this fails
    until it creates them again (`create_search_index`)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        triggers = {name for (name,) in cursor.fetchall()}
    assert set(MIGRATION.TRIGGERS) <= triggers


@sqlite_only
def test_a_migration_that_dropped_a_trigger_gets_the_index_back(ana):
    from netlife.people.apps import repair_search_index

    ada = add_person(ana, name="Ada Lovelace")
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER people_person_search_update")
    Person.objects.filter(pk=ada.pk).update(full_name="Ada King")  # unseen
    repair_search_index(using="default")
    assert_in_step()
    assert found_ids(ana, "King") == [ada.pk]
    test_every_trigger_of_the_index_exists(None)


class _Executor:
    """What the migration's functions need of a schema editor."""

    def execute(self, sql: str) -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql)


@sqlite_only
def test_the_migration_fills_the_index_from_existing_people(ana):
    add_person(ana, name="Ada", organization="Engines", emails=["a@x.example"])
    add_person(ana, name="Grace", title="Admiral")
    MIGRATION.drop_search_index(_Executor())
    queries._index_ready.clear()
    try:
        # Without the index: the plain query, the same answer.
        assert [p.full_name for p in queries.search_people(ana, "engines")] == ["Ada"]
        MIGRATION.create_search_index(_Executor())
        assert_in_step()
        assert len(index_rows()) == 2
    finally:
        queries._index_ready.clear()
    assert [p.full_name for p in queries.search_people(ana, "admiral")] == ["Grace"]
