"""`netlife path` and `intro-request`: warm paths a user can act on."""

from typing import Any

import pytest

from netlife.paths import index
from netlife.people.models import Person


@pytest.fixture
def network(
    run_cli: Any, ana: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> Any:
    """You know Ann well and Bob a little; Ann knows Cara at Globex, Bob knows Dan
    at Globex and Eve at Initech; Cara and Dan are prospects."""
    monkeypatch.setattr("django.conf.settings.NETLIFE_HOME", tmp_path)
    run_cli("add", "Ann Lee", "--org", "Initech")
    run_cli("add", "Bob Moss")
    for day in ("2026-05-01", "2026-05-20", "2026-06-01", "2026-06-10"):
        run_cli("log", "Ann Lee", "--intent", "give", "--via", "meeting", "--on", day)
    run_cli("log", "Bob Moss", "--intent", "catch-up", "--on", "2025-01-10")
    run_cli("knows", "Ann Lee", "Cara Diaz", "--strength", "strong",
            "--how", "worked together at Initech")  # fmt: skip
    run_cli("knows", "Bob Moss", "Dan Fox", "--strength", "weak")
    run_cli("knows", "Bob Moss", "Eve Gray", "--strength", "medium")
    run_cli("edit", "Cara Diaz", "--org", "Globex")
    run_cli("edit", "Dan Fox", "--org", "Globex")
    return ana


def names(path: dict[str, Any]) -> list[str]:
    return [hop["name"] for hop in path["hops"]]


def test_paths_to_an_organization_best_first_with_each_hop_explained(run_cli, network):
    result = run_cli("path", "--org", "globex", "--json")
    assert result.exit_code == 0, result.stderr
    found = result.json
    assert [names(p) for p in found] == [
        ["you", "Ann Lee", "Cara Diaz"],
        ["you", "Bob Moss", "Dan Fox"],
    ]
    assert found[0]["strength"] > found[1]["strength"]
    first = found[0]["hops"]
    assert first[0] == {"id": None, "name": "you", "organization": None, "how": None}
    assert first[1]["how"].startswith("your contact (tie strength")
    assert first[2] == {
        "id": Person.objects.get(full_name="Cara Diaz").pk,
        "name": "Cara Diaz",
        "organization": "Globex",
        "how": "worked together at Initech (strong)",
    }
    text = run_cli("path", "--org", "Globex").stdout
    assert "→ Cara Diaz (Globex) — worked together at Initech (strong)" in text


def test_a_path_to_a_person_and_the_hop_limit(run_cli, network):
    assert [names(p) for p in run_cli("path", "--to", "Dan", "--json").json] == [
        ["you", "Bob Moss", "Dan Fox"]
    ]
    assert run_cli("path", "--to", "Dan", "--max-hops", "1", "--json").json == []


def test_no_path_is_an_answer_not_an_error(run_cli, network):
    run_cli("add", "Zed Stone", "--prospect")
    result = run_cli("path", "--to", "Zed Stone")
    assert result.exit_code == 0
    assert "No path to Zed Stone within 3 hops" in result.stdout
    assert run_cli("path", "--to", "Zed Stone", "--json").json == []


def test_unknown_people_and_organizations_are_clear_errors(run_cli, network):
    assert run_cli("path", "--org", "Hooli").stderr.startswith(
        "Error: No organization called 'Hooli'"
    )
    assert run_cli("path", "--to", "Nobody Here").exit_code == 1
    assert "Give --to PERSON or --org ORG" in run_cli("path").stderr
    assert (
        "--max-hops must be between 1 and 6"
        in run_cli("path", "--org", "Globex", "--max-hops", "7").stderr
    )


def test_prospects_are_never_a_first_hop(run_cli, network):
    # Cara is a prospect who knows Dan: a path through her would start with
    # someone the user has never met.
    run_cli("knows", "Cara Diaz", "Dan Fox", "--strength", "strong")
    for path in run_cli("path", "--to", "Dan Fox", "--json").json:
        assert path["hops"][1]["name"] in {"Ann Lee", "Bob Moss"}
    assert ["you", "Ann Lee", "Cara Diaz", "Dan Fox"] in [
        names(p) for p in run_cli("path", "--to", "Dan Fox", "--json").json
    ]


def test_archived_people_are_left_out(run_cli, network):
    run_cli("edit", "Ann Lee", "--archive")
    found = run_cli("path", "--org", "Globex", "--json").json
    assert [names(p) for p in found] == [["you", "Bob Moss", "Dan Fox"]]


def test_the_index_follows_every_write(run_cli, network):
    assert run_cli("path", "--to", "Eve Gray", "--json").json != []
    built = index.current_version(network)
    run_cli("knows", "Ann Lee", "Eve Gray", "--strength", "strong")
    assert index.current_version(network) > built
    assert names(run_cli("path", "--to", "Eve Gray", "--json").json[0]) == [
        "you", "Ann Lee", "Eve Gray",
    ]  # fmt: skip
    run_cli("remove", "Ann Lee", "--yes")
    assert [names(p) for p in run_cli("path", "--to", "Eve", "--json").json] == [
        ["you", "Bob Moss", "Eve Gray"]
    ]


def test_someone_added_after_the_index_is_reached_directly(run_cli, network):
    run_cli("path", "--org", "Globex")  # builds the index
    run_cli("add", "Fay Hart", "--org", "Globex")
    run_cli("log", "Fay Hart", "--intent", "give", "--on", "2026-06-14")
    found = run_cli("path", "--org", "Globex", "--json").json
    assert ["you", "Fay Hart"] in [names(p) for p in found]


def test_the_index_persists_between_commands(run_cli, network, tmp_path):
    run_cli("path", "--org", "Globex")
    saved = index.folder(network)
    assert (saved / "meta.json").exists()
    stamp = (saved / "meta.json").stat().st_mtime_ns
    run_cli("path", "--to", "Dan Fox")
    assert (saved / "meta.json").stat().st_mtime_ns == stamp  # reused, not rebuilt


def test_intro_request_names_whom_to_ask(run_cli, network):
    result = run_cli("intro-request", "Cara Diaz", "--json")
    assert result.exit_code == 0, result.stderr
    document = result.json
    assert document["direct"] is False
    assert [a["name"] for a in document["ask"]] == ["Ann Lee"]
    text = run_cli("intro-request", "Cara Diaz").stdout
    assert "Ask for an introduction to Cara Diaz:" in text
    assert "You know Ann Lee yourself" in run_cli("intro-request", "Ann Lee").stdout


def test_intro_request_takes_any_limit_the_path_command_takes(run_cli, network):
    result = run_cli("intro-request", "Cara Diaz", "--limit", "50", "--json")
    assert result.exit_code == 0, result.stderr
    assert [a["name"] for a in result.json["ask"]] == ["Ann Lee"]
    too_many = run_cli("intro-request", "Cara Diaz", "--limit", "51")
    assert too_many.exit_code == 1
    assert "--limit must be between 1 and 50, not 51." in too_many.stderr


def test_another_network_is_never_on_a_path(run_cli, network, cara):
    stranger = Person.objects.create(network=cara, full_name="Cara's Friend")
    from netlife.ties.models import Tie

    other = Person.objects.create(network=cara, full_name="Cara's Other")
    low, high = sorted((stranger, other), key=lambda p: p.pk)
    Tie.objects.create(network=cara, person_a=low, person_b=high)
    for path in run_cli("path", "--org", "Globex", "--json").json:
        assert "Cara's" not in " ".join(names(path))


def test_a_prospects_page_says_how_to_reach_them(run_cli, network, client):
    shown = run_cli("show", "Cara Diaz", "--json").json
    assert shown["reach"]["direct"] is False
    assert [names(p) for p in shown["reach"]["paths"]] == [
        ["you", "Ann Lee", "Cara Diaz"]
    ]
    assert run_cli("show", "Ann Lee", "--json").json["reach"] == {
        "direct": True,
        "paths": [],
    }
    assert "Ann Lee → Cara Diaz" in run_cli("show", "Cara Diaz").stdout
    page = client.get(f"/people/{shown['id']}/")
    assert "How to reach them" in page.content.decode()
