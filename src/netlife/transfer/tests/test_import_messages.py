"""A LinkedIn export's messages become interactions with the people in them.

All people and URLs here are invented. The pinned today is 2026-06-15.
"""

import csv
import io
import zipfile
from pathlib import Path

import pytest

from netlife.core.errors import ImportFailed
from netlife.formats.linkedin import read_export
from netlife.interactions.models import Interaction, Participation
from netlife.networks.models import Network
from netlife.people.models import Person
from netlife.transfer import conversations
from netlife.transfer.contacts import import_contacts

OWNER = "https://www.linkedin.com/in/ada-example"
BRUNO = "https://www.linkedin.com/in/bruno-sample"
CHLOE = "https://www.linkedin.com/in/chlo%C3%A9-specimen"
DAN = "https://www.linkedin.com/in/dan-stranger"
CONNECTIONS = (
    'Notes:\n"When exporting your connection data, you may notice..."\n\n'
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    f"Bruno,Sample,{BRUNO},,Sample Works,Engineer,09 Oct 2024\n"
    f"Chloé,Specimen,{CHLOE},,,,01 Jan 2020\n"
)
PROFILE = f"First Name,Last Name,Public Profile Url\nAda,Example,{OWNER}\n"
HEADER = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,"
    "RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER"
)
STRANGER = "conversation with someone not in your network"


def said(
    thread: str, sender: str, sender_url: str, to_urls: str, when: str, content: str
) -> str:
    buffer = io.StringIO()
    cells = [thread, "", sender, sender_url, "", to_urls, when, "", content, "INBOX"]
    csv.writer(buffer, lineterminator="").writerow(cells)
    return buffer.getvalue()


BRUNO_ASKS = said(
    "2-a", "Bruno Sample", BRUNO, OWNER, "2026-05-01 10:00:00 UTC", "<p>Coffee?</p>"
)
ADA_ANSWERS = said(
    "2-a", "Ada Example", OWNER, BRUNO, "2026-05-01 10:05:00 UTC", "Gladly"
)
ADA_CONGRATULATES = said(
    "2-b", "Ada Example", OWNER, CHLOE, "2026-05-03 08:00:00 UTC", "Congrats!"
)
DAN_PITCHES = said(
    "2-c", "Dan Stranger", DAN, OWNER, "2026-05-04 09:00:00 UTC", "Buy my thing"
)
SPONSORED = said(
    "2-d", "LinkedIn Member", "", OWNER, "2026-05-05 09:00:00 UTC", "Sponsored ad"
)
EVERY_MESSAGE = (BRUNO_ASKS, ADA_ANSWERS, ADA_CONGRATULATES, DAN_PITCHES, SPONSORED)


def export(
    tmp_path: Path, *rows: str, connections: str = CONNECTIONS, name: str = "x.zip"
) -> str:
    """A LinkedIn export zip holding these messages, written to disk."""
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("Connections.csv", connections)
        archive.writestr("messages.csv", "\n".join((HEADER, *rows)))
        archive.writestr("Profile.csv", PROFILE)
    return str(path)


def interactions_of(run_cli, name: str) -> list[dict[str, object]]:
    shown: list[dict[str, object]] = run_cli("show", name, "--json").json[
        "interactions"
    ]
    return shown


def test_messages_become_interactions_with_the_people_in_them(run_cli, ana, tmp_path):
    result = run_cli("import", "linkedin", export(tmp_path, *EVERY_MESSAGE), "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json["created"] == 2
    assert result.json["conversations"] == {
        "created": 2,
        "unchanged": 0,
        "skipped": {STRANGER: 1},
    }
    [with_bruno] = interactions_of(run_cli, "Bruno")
    assert with_bruno["on"] == "2026-05-01"
    assert with_bruno["channel"] == "message"
    assert with_bruno["intent"] == "catch-up"
    assert with_bruno["initiated_by"] == "them"
    assert with_bruno["summary"] == "LinkedIn message: Coffee?"
    [with_chloe] = interactions_of(run_cli, "Chloé")
    assert (with_chloe["on"], with_chloe["initiated_by"]) == ("2026-05-03", "me")
    stored = Interaction.objects.get(network=ana, summary="LinkedIn message: Coffee?")
    assert stored.source == "linkedin"
    assert stored.occurred_at is not None
    assert stored.occurred_at.isoformat() == "2026-05-01T10:00:00+00:00"


def test_importing_the_export_twice_creates_nothing_the_second_time(
    run_cli, ana, tmp_path
):
    path = export(tmp_path, *EVERY_MESSAGE)
    run_cli("import", "linkedin", path)
    again = run_cli("import", "linkedin", path, "--json").json
    assert (again["created"], again["unchanged"]) == (0, 2)
    assert again["conversations"]["created"] == 0
    assert again["conversations"]["unchanged"] == 2
    assert Interaction.objects.filter(network=ana).count() == 2
    assert Participation.objects.filter(network=ana).count() == 2


def test_a_later_export_adds_only_the_new_conversations(run_cli, ana, tmp_path):
    run_cli("import", "linkedin", export(tmp_path, BRUNO_ASKS, name="may.zip"))
    later = said(
        "2-a", "Bruno Sample", BRUNO, OWNER, "2026-06-01 07:00:00 UTC", "Thanks!"
    )
    path = export(tmp_path, BRUNO_ASKS, ADA_ANSWERS, later, name="june.zip")
    counts = run_cli("import", "linkedin", path, "--json").json["conversations"]
    assert (counts["created"], counts["unchanged"]) == (1, 1)
    assert [i["on"] for i in interactions_of(run_cli, "Bruno")] == [
        "2026-06-01",
        "2026-05-01",
    ]


def test_messages_with_someone_not_in_the_network_are_skipped_and_counted(
    run_cli, ana, tmp_path
):
    counts = run_cli(
        "import", "linkedin", export(tmp_path, DAN_PITCHES), "--json"
    ).json["conversations"]
    assert counts == {"created": 0, "unchanged": 0, "skipped": {STRANGER: 1}}
    assert not Interaction.objects.filter(network=ana).exists()


def test_someone_added_by_hand_with_their_profile_is_found(run_cli, ana, tmp_path):
    # Not a connection, but in the network as a prospect; the URL differs in
    # case and trailing slash from the one in messages.csv.
    run_cli(
        "add", "Dan Stranger", "--prospect",
        "--linkedin", "https://WWW.linkedin.com/in/Dan-Stranger/",
    )  # fmt: skip
    result = run_cli("import", "linkedin", export(tmp_path, DAN_PITCHES), "--json")
    assert result.json["conversations"]["created"] == 1
    [pitch] = interactions_of(run_cli, "Dan")
    assert pitch["initiated_by"] == "them"
    # Someone the user exchanged messages with is someone they know.
    assert Person.objects.get(full_name="Dan Stranger").kind == Person.Kind.CONTACT


def test_a_group_conversation_includes_only_the_people_in_the_network(
    run_cli, ana, tmp_path
):
    group = said(
        "2-g", "Ada Example", OWNER, f"{BRUNO},{DAN},{CHLOE}",
        "2026-05-07 12:00:00 UTC", "Reunion?",
    )  # fmt: skip
    run_cli("import", "linkedin", export(tmp_path, group))
    interaction = Interaction.objects.get(network=ana)
    names = sorted(interaction.people.values_list("full_name", flat=True))
    assert names == ["Bruno Sample", "Chloé Specimen"]


def test_sponsored_messages_never_become_interactions(run_cli, ana, tmp_path):
    result = run_cli("import", "linkedin", export(tmp_path, SPONSORED), "--json")
    assert result.json["skipped"] == {"sponsored message": 1}
    assert result.json["conversations"]["created"] == 0
    assert not Interaction.objects.filter(network=ana).exists()


def test_the_conversation_counts_as_being_in_touch(run_cli, ana, tmp_path):
    run_cli("import", "linkedin", export(tmp_path, BRUNO_ASKS, ADA_ANSWERS))
    bruno = run_cli("show", "Bruno", "--json").json
    assert bruno["last_contact"] == "2026-05-01"
    assert bruno["strength"] > 0.05  # above the never-contacted base
    chloe = run_cli("show", "Chloé", "--json").json
    assert chloe["last_contact"] is None


def test_a_dry_run_writes_nothing_and_says_what_would_happen(run_cli, ana, tmp_path):
    path = export(tmp_path, *EVERY_MESSAGE)
    result = run_cli("import", "linkedin", path, "--dry-run", "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json["dry_run"] is True
    # Bruno and Chloé are only planned, yet their conversations are counted.
    assert result.json["conversations"] == {
        "created": 2,
        "unchanged": 0,
        "skipped": {STRANGER: 1},
    }
    assert not Person.objects.filter(network=ana).exists()
    assert not Interaction.objects.filter(network=ana).exists()


def test_a_dry_run_after_an_import_finds_every_conversation_there(
    run_cli, ana, tmp_path
):
    path = export(tmp_path, *EVERY_MESSAGE)
    run_cli("import", "linkedin", path)
    again = run_cli("import", "linkedin", path, "--dry-run", "--json").json
    assert (again["conversations"]["created"], again["conversations"]["unchanged"]) == (
        0,
        2,
    )


def test_a_bad_message_imports_neither_people_nor_messages(run_cli, ana, tmp_path):
    broken = said("2-a", "Bruno Sample", BRUNO, OWNER, "last week", "Hi")
    result = run_cli("import", "linkedin", export(tmp_path, BRUNO_ASKS, broken))
    assert result.exit_code == 1
    assert "messages.csv, line 3" in result.stderr
    assert not Person.objects.filter(network=ana).exists()
    assert not Interaction.objects.filter(network=ana).exists()


def test_a_failure_writing_messages_undoes_the_people_too(
    ana: Network, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: object) -> None:
        raise ImportFailed("the disk is full")

    monkeypatch.setattr(conversations, "_write", fail)
    data = Path(export(tmp_path, BRUNO_ASKS)).read_bytes()
    with pytest.raises(ImportFailed):
        import_contacts(ana, read_export(data), source="linkedin")
    assert not Person.objects.filter(network=ana).exists()
    assert not Interaction.objects.filter(network=ana).exists()


def test_another_network_is_untouched(run_cli, ana, cara, tmp_path):
    run_cli("import", "linkedin", export(tmp_path, *EVERY_MESSAGE))
    assert not Interaction.objects.filter(network=cara).exists()
    assert not Participation.objects.filter(network=cara).exists()


def test_writing_takes_a_few_queries_however_many_conversations(
    ana, tmp_path, django_assert_max_num_queries
):
    import_contacts(
        ana, read_export(Path(export(tmp_path)).read_bytes()), source="linkedin"
    )
    rows = [
        said(
            "2-a",
            "Ada Example",
            OWNER,
            f"{BRUNO},{CHLOE}",
            f"2026-05-{day:02} 10:00:00 UTC",
            "Hi",
        )
        for day in range(1, 29)
    ]
    path = export(tmp_path, *rows, name="month.zip")
    messages = read_export(Path(path).read_bytes()).messages
    profiles = conversations.profile_index(ana)
    with django_assert_max_num_queries(7):
        counts = conversations.import_conversations(
            ana, messages, profiles=profiles, dry_run=False
        )
    assert counts.created == 28
    assert Participation.objects.filter(network=ana).count() == 56
