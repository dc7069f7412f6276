"""Importing address books: one clean list of people, re-importable, honest counts."""

from pathlib import Path

import pytest

from netlife.people.models import MergeSuggestion, Person, PersonEvent

ADA_CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nN:Lovelace;Ada;;;\r\n"
    "EMAIL;TYPE=work:ada@engines.example\r\nTEL;TYPE=cell:+1 415 555 0100\r\n"
    "ORG:Analytical Engines\r\nTITLE:Mathematician\r\nUID:ada-1\r\nEND:VCARD\r\n"
)
GRACE_CARD = (
    "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Hopper;Grace\r\nTEL;CELL;PREF:415-555-0199\r\n"
    "END:VCARD\r\n"
)
BAD_CARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:nothing to go by\r\nEND:VCARD\r\n"
PREAMBLE = 'Notes:\n"When exporting your connection data, you may notice..."\n\n'
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return str(path)


def connections(*rows: str) -> str:
    return PREAMBLE + HEADER + "".join(row + "\n" for row in rows)


GRACE_ROW = (
    "Grace,Hopper,https://www.linkedin.com/in/grace-hopper,,US Navy,Admiral,01 Jan 2020"
)
ADA_ROW = (
    "Ada,Lovelace,https://www.linkedin.com/in/ada-lovelace,ADA@engines.example,"
    "Analytical Engines,Mathematician,09 Oct 2024"
)


def test_a_vcard_file_becomes_people(run_cli, ana, tmp_path):
    path = write(tmp_path, "phone.vcf", ADA_CARD + GRACE_CARD)
    result = run_cli("import", "vcard", path, "--json")
    assert result.exit_code == 0, result.stderr
    counts = result.json
    assert (counts["created"], counts["updated"], counts["unchanged"]) == (2, 0, 0)
    assert counts["merged"] == 0 and counts["review"] == [] and counts["errors"] == []
    ada = run_cli("show", "Ada Lovelace", "--json").json
    assert ada["emails"] == ["ada@engines.example"]
    assert ada["organization"] == "Analytical Engines"
    assert ada["strength"] == 0.05  # imported, never contacted: the base
    assert Person.objects.get(full_name="Grace Hopper").kind == Person.Kind.CONTACT


def test_importing_the_same_file_again_changes_nothing(run_cli, ana, tmp_path):
    path = write(tmp_path, "phone.vcf", ADA_CARD + GRACE_CARD)
    run_cli("import", "vcard", path)
    again = run_cli("import", "vcard", path, "--json").json
    assert (again["created"], again["unchanged"], again["merged"]) == (0, 2, 0)
    assert Person.objects.filter(network=ana).count() == 2


def test_the_same_person_from_another_source_is_merged(run_cli, ana, tmp_path):
    run_cli("import", "vcard", write(tmp_path, "a.vcf", ADA_CARD))
    result = run_cli(
        "import", "linkedin", write(tmp_path, "c.csv", connections(ADA_ROW)), "--json"
    )
    assert (result.json["created"], result.json["merged"]) == (0, 1)
    ada = run_cli("show", "Ada Lovelace", "--json").json
    assert ada["urls"] == ["https://www.linkedin.com/in/ada-lovelace"]
    assert ada["phones"] == ["+1 415 555 0100"]  # nothing lost from the card


def test_a_doubtful_match_is_suggested_never_merged(run_cli, ana, tmp_path):
    run_cli("import", "vcard", write(tmp_path, "g.vcf", GRACE_CARD))
    row = GRACE_ROW
    result = run_cli(
        "import", "linkedin", write(tmp_path, "c.csv", connections(row)), "--json"
    )
    (review,) = result.json["review"]
    assert review["name"] == review["candidate_name"] == "Grace Hopper"
    assert Person.objects.filter(full_name="Grace Hopper").count() == 2
    listed = run_cli("merge", "--review", "--json").json
    assert len(listed) == 1


def test_merging_keeps_everything_and_records_it(run_cli, ana, tmp_path):
    run_cli("import", "vcard", write(tmp_path, "g.vcf", GRACE_CARD))
    row = GRACE_ROW
    run_cli("import", "linkedin", write(tmp_path, "c.csv", connections(row)))
    card, connection = Person.objects.filter(full_name="Grace Hopper").order_by("pk")
    run_cli("log", str(connection.pk), "--intent", "catch-up", "--on", "2026-06-01")
    result = run_cli("merge", str(card.pk), str(connection.pk), "--yes", "--json")
    assert result.exit_code == 0, result.stderr
    shown = run_cli("show", str(card.pk), "--json").json
    assert shown["phones"] == ["415-555-0199"]
    assert shown["urls"] == ["https://www.linkedin.com/in/grace-hopper"]
    assert shown["organization"] == "US Navy"
    assert shown["last_contact"] == "2026-06-01"  # the history moved over
    assert [e["kind"] for e in shown["events"]] == ["merged"]
    assert run_cli("merge", "--review", "--json").json == []
    again = run_cli("import", "linkedin", str(tmp_path / "c.csv"), "--json").json
    assert (again["created"], again["unchanged"]) == (0, 1)


def test_two_people_said_apart_are_not_suggested_again(run_cli, ana, tmp_path):
    run_cli("import", "vcard", write(tmp_path, "g.vcf", GRACE_CARD))
    other = GRACE_CARD.replace("415-555-0199", "415-555-0123")
    path = write(
        tmp_path, "g2.vcf", other.replace("N:Hopper;Grace", "N:Hopper;Grace\r\nUID:g2")
    )
    run_cli("import", "vcard", path)
    first, second = Person.objects.filter(full_name="Grace Hopper").order_by("pk")
    result = run_cli("merge", "--not", str(first.pk), str(second.pk))
    assert result.exit_code == 0
    assert "are two people" in result.stdout
    assert run_cli("merge", "--review", "--json").json == []
    assert MergeSuggestion.objects.get().status == MergeSuggestion.Status.DISMISSED


def test_a_new_employer_on_reimport_is_a_job_change(run_cli, ana, tmp_path):
    path = write(tmp_path, "c.csv", connections(ADA_ROW))
    run_cli("import", "linkedin", path)
    moved = ADA_ROW.replace(
        "Analytical Engines,Mathematician", "Difference Co,Director"
    )
    result = run_cli(
        "import", "linkedin", write(tmp_path, "c2.csv", connections(moved)), "--json"
    )
    assert (result.json["updated"], result.json["job_changes"]) == (1, 1)
    event = PersonEvent.objects.get(kind=PersonEvent.Kind.JOB_CHANGE)
    assert (event.previous, event.current) == ("Analytical Engines", "Difference Co")
    items = run_cli("agenda", "--json").json["items"]
    assert [r["kind"] for r in items[0]["reasons"]] == ["job-change"]


def test_a_dry_run_writes_nothing(run_cli, ana, tmp_path):
    path = write(tmp_path, "phone.vcf", ADA_CARD + GRACE_CARD)
    result = run_cli("import", "vcard", path, "--dry-run", "--json")
    assert result.json["created"] == 2
    assert result.json["dry_run"] is True
    assert Person.objects.filter(network=ana).count() == 0


def test_a_bad_card_imports_nothing_unless_skipped(run_cli, ana, tmp_path):
    path = write(tmp_path, "phone.vcf", ADA_CARD + BAD_CARD + GRACE_CARD)
    refused = run_cli("import", "vcard", path)
    assert refused.exit_code == 1
    assert "card 2" in refused.stderr
    assert "--skip-bad" in refused.stderr
    assert Person.objects.filter(network=ana).count() == 0
    skipped = run_cli("import", "vcard", path, "--skip-bad", "--json")
    assert skipped.json["created"] == 2
    assert len(skipped.json["errors"]) == 1


def test_hidden_profiles_are_counted(run_cli, ana, tmp_path):
    path = write(tmp_path, "c.csv", connections(ADA_ROW, ",,,,,,02 Jun 2022"))
    result = run_cli("import", "linkedin", path)
    assert "Skipped 1 (hidden profile)." in result.stdout


@pytest.mark.parametrize(
    ("command", "text", "expected"),
    [
        ("linkedin", "name,email\nAda,ada@x.example\n", "Connections.csv"),
        ("google", "foo,bar\n1,2\n", ""),
        ("outlook", "foo,bar\n1,2\n", ""),
    ],
)
def test_a_file_of_another_kind_is_one_sentence(
    run_cli, ana, tmp_path, command, text, expected
):
    result = run_cli("import", command, write(tmp_path, "x.csv", text))
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")
    assert len(result.stderr.strip().splitlines()) == 1
    assert expected in result.stderr


def test_a_missing_file_is_one_sentence(run_cli, ana, tmp_path):
    result = run_cli("import", "vcard", str(tmp_path / "nope.vcf"))
    assert result.exit_code == 1
    assert "Cannot read" in result.stderr


def test_another_network_is_untouched(run_cli, ana, cara, tmp_path):
    run_cli("import", "vcard", write(tmp_path, "a.vcf", ADA_CARD))
    assert Person.objects.filter(network=cara).count() == 0


GOOGLE_HEADER = (
    "First Name,Last Name,Organization Name,E-mail 1 - Label,E-mail 1 - Value\n"
)


def test_a_row_with_only_a_name_is_found_again_on_reimport(run_cli, ana, tmp_path):
    # Nothing but the name identifies Grace: without the row's fingerprint a
    # re-import would file her again as a doubtful second Grace.
    path = write(tmp_path, "g.csv", GOOGLE_HEADER + "Grace,Hopper,,,\n")
    assert run_cli("import", "google", path, "--json").json["created"] == 1
    again = run_cli("import", "google", path, "--json").json
    assert (again["created"], again["unchanged"], again["review"]) == (0, 1, [])
    assert Person.objects.filter(network=ana).count() == 1


def test_two_cards_of_one_person_do_not_flip_their_job_each_time(
    run_cli, ana, tmp_path
):
    old = ADA_CARD.replace("UID:ada-1", "UID:ada-old")
    new = ADA_CARD.replace("UID:ada-1", "UID:ada-new").replace(
        "Analytical Engines", "Difference Co"
    )
    path = write(tmp_path, "both.vcf", old + new)
    first = run_cli("import", "vcard", path, "--json").json
    assert (first["created"], first["merged"], first["job_changes"]) == (1, 1, 0)
    again = run_cli("import", "vcard", path, "--json").json
    assert (again["job_changes"], again["unchanged"]) == (0, 2)
    assert not PersonEvent.objects.exists()


def test_namesakes_with_their_own_profiles_are_two_people(run_cli, ana, tmp_path):
    rows = connections(
        "Maria,Garcia,https://www.linkedin.com/in/maria-garcia-1,,Acme,Engineer,"
        "01 Jan 2020",
        "Maria,Garcia,https://www.linkedin.com/in/maria-garcia-2,,Acme,Designer,"
        "02 Jan 2020",
    )
    result = run_cli("import", "linkedin", write(tmp_path, "c.csv", rows), "--json")
    assert (result.json["created"], result.json["review"]) == (2, [])


def test_a_big_import_gives_everyone_a_relationship(run_cli, ana, tmp_path):
    rows = [
        f"Person{i},Family{i},https://www.linkedin.com/in/p-{i},,Org {i % 7},"
        f"Role,01 Jan 2020"
        for i in range(2500)
    ]
    path = write(tmp_path, "c.csv", connections(*rows))
    assert run_cli("import", "linkedin", path, "--json").json["created"] == 2500
    people = Person.objects.filter(network=ana)
    assert people.filter(relationship__isnull=True).count() == 0
    assert people.exclude(organization=None).count() == 2500
    assert people.values("organization").distinct().count() == 7


def test_a_dry_run_names_new_people_as_new(run_cli, ana, tmp_path):
    twice = ADA_CARD + ADA_CARD.replace("UID:ada-1", "UID:ada-2").replace(
        "ada@engines.example", "ada@home.example"
    ).replace("+1 415 555 0100", "+1 415 555 0101")
    result = run_cli("import", "vcard", write(tmp_path, "p.vcf", twice), "--dry-run")
    assert "May be the same: Ada Lovelace (new) and Ada Lovelace (new)" in (
        result.stdout
    )
    assert "Dry run: nothing was written." in result.stdout
