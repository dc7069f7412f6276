"""Exports for other tools: vCard and CSV that address books read back whole."""

from typing import Any

import vobject

from netlife.formats.address_book_csv import read_google, read_outlook
from netlife.formats.vcard import read_vcards


def add_ada(run_cli: Any) -> None:
    result = run_cli(
        "add", "Ada Lovelace", "--email", "ada@engines.example", "--email",
        "ada@home.example", "--phone", "+44 20 7946 0018", "--org",
        "Analytical Engines", "--title", "Mathematician", "--birthday", "02-29",
        "--notes", "Met at the Difference Engine demo; likes poetry", "--tag",
        "mentor",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr


def test_vcard_export_reads_back_without_loss(run_cli, ana, tmp_path):
    add_ada(run_cli)
    run_cli("add", "Grace Hopper", "--org", "US Navy")
    result = run_cli("export", "vcard", "-o", str(tmp_path / "all.vcf"))
    assert result.exit_code == 0, result.stderr
    assert "Exported 2 people" in result.stdout
    data = (tmp_path / "all.vcf").read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    assert all(line.endswith(b"\r") for line in data.split(b"\n")[:-1])
    ada = next(r for r in read_vcards(data).records if r.full_name == "Ada Lovelace")
    assert {e.value for e in ada.emails} == {"ada@engines.example", "ada@home.example"}
    assert [p.value for p in ada.phones] == ["+44 20 7946 0018"]
    assert (ada.organization, ada.title) == ("Analytical Engines", "Mathematician")
    assert ada.birthday is not None
    assert (ada.birthday.month, ada.birthday.day) == (2, 29)
    assert ada.notes == "Met at the Difference Engine demo; likes poetry"
    assert ada.labels == ("mentor",)
    cards = list(vobject.readComponents(data.decode()))
    assert sorted(c.fn.value for c in cards) == ["Ada Lovelace", "Grace Hopper"]
    assert all(c.uid.value and c.rev.value and c.n.value for c in cards)


def test_a_vcard_export_imports_into_another_network_unchanged(run_cli, ana, tmp_path):
    add_ada(run_cli)
    path = tmp_path / "all.vcf"
    run_cli("export", "vcard", "-o", str(path))
    again = run_cli("import", "vcard", str(path), "--json").json
    # The card's UID is the person's uid: the same people, nothing new.
    assert (again["created"], again["merged"] + again["unchanged"]) == (0, 1)


def test_google_csv_export_reads_back(run_cli, ana):
    add_ada(run_cli)
    result = run_cli("export", "csv")
    data = result.stdout.encode()
    assert not data.startswith(b"\xef\xbb\xbf")
    (ada,) = read_google(data).records
    assert ada.full_name == "Ada Lovelace"
    assert {e.value for e in ada.emails} == {"ada@engines.example", "ada@home.example"}
    assert ada.organization == "Analytical Engines"
    assert ada.labels == ("mentor",)


def test_outlook_csv_has_a_bom_and_crlf_and_says_what_did_not_fit(
    run_cli, ana, tmp_path
):
    emails = [f"--email=ada{i}@x.example" for i in range(4)]
    run_cli("add", "Ada Lovelace", *emails)
    path = tmp_path / "outlook.csv"
    result = run_cli("export", "csv", "--outlook", "-o", str(path))
    assert result.exit_code == 0
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    (ada,) = read_outlook(data).records
    assert len(ada.emails) == 3
    assert "no room for 1 values" in result.stderr
    assert "ada3@x.example" in result.stderr


def test_archived_people_and_other_networks_are_not_exported(run_cli, ana, cara):
    from netlife.people.models import Person

    run_cli("add", "Ada Lovelace")
    run_cli("add", "Old Friend")
    Person.objects.filter(full_name="Old Friend").update(archived=True)
    Person.objects.create(network=cara, full_name="Cara's Secret")
    text = run_cli("export", "vcard").stdout
    assert "Ada Lovelace" in text
    assert "Old Friend" not in text and "Cara" not in text


def test_an_unwritable_output_is_one_sentence(run_cli, ana, tmp_path):
    result = run_cli("export", "vcard", "-o", str(tmp_path / "no" / "such.vcf"))
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: Cannot write")
