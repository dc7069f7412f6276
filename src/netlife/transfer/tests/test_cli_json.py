import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from netlife.networks.models import Network
from netlife.people.models import Person
from netlife.transfer.services import export_network_to_file
from netlife.transfer.tests.conftest import comparable, fill_network

RunCli = Callable[..., Any]  # the root conftest's run_cli


@pytest.fixture
def caras_file(cara: Network, tmp_path: Path) -> Path:
    fill_network(cara)
    path = tmp_path / "cara.json"
    export_network_to_file(cara, path)
    return path


def _one_line_error(result_stderr: str) -> str:
    lines = result_stderr.strip().splitlines()
    assert len(lines) == 1, result_stderr
    assert "Traceback" not in result_stderr
    return lines[0]


def test_export_json_prints_one_document(run_cli: RunCli, ana: Network) -> None:
    fill_network(ana)

    result = run_cli("export", "json")

    assert result.exit_code == 0, result.stderr
    assert result.json["format"] == "netlife"
    assert len(result.json["people"]) == 6


def test_export_json_to_a_file_leaves_no_temporary_file(
    run_cli: RunCli, ana: Network, tmp_path: Path
) -> None:
    fill_network(ana)
    target = tmp_path / "network.json"
    target.write_text("old content", encoding="utf-8")

    result = run_cli("export", "json", "-o", str(target))

    assert result.exit_code == 0, result.stderr
    assert "people: 6" in result.stdout
    assert json.loads(target.read_text(encoding="utf-8"))["version"] == 1
    assert [p.name for p in tmp_path.iterdir()] == ["network.json"]


def test_export_into_a_missing_folder_is_one_clear_error(
    run_cli: RunCli, tmp_path: Path
) -> None:
    result = run_cli("export", "json", "-o", str(tmp_path / "nowhere" / "out.json"))

    assert result.exit_code == 1
    assert "does not exist" in _one_line_error(result.stderr)


def test_import_json_into_an_empty_network_reproduces_it(
    run_cli: RunCli, ana: Network, cara: Network, caras_file: Path
) -> None:
    result = run_cli("import", "json", str(caras_file), "--json")

    assert result.exit_code == 0, result.stderr
    assert set(result.json) >= {
        "created",
        "updated",
        "unchanged",
        "merged",
        "review",
        "errors",
    }
    assert result.json["created"]["people"] == 6
    assert result.json["review"] == []
    assert result.json["errors"] == []
    exported = run_cli("export", "json").json
    original = json.loads(caras_file.read_text(encoding="utf-8"))
    assert comparable(exported) == comparable(original)


def test_import_json_again_changes_nothing(
    run_cli: RunCli, ana: Network, caras_file: Path
) -> None:
    run_cli("import", "json", str(caras_file))

    result = run_cli("import", "json", str(caras_file), "--json")
    human = run_cli("import", "json", str(caras_file))

    assert result.exit_code == 0
    assert sum(result.json["created"].values()) == 0
    assert sum(result.json["updated"].values()) == 0
    assert result.json["unchanged"]["people"] == 6
    assert "Nothing changed" in human.stdout


def test_import_json_dry_run_writes_nothing(
    run_cli: RunCli, ana: Network, caras_file: Path
) -> None:
    as_json = run_cli("import", "json", str(caras_file), "--dry-run", "--json")
    human = run_cli("import", "json", str(caras_file), "--dry-run")

    assert as_json.exit_code == 0
    assert as_json.json["dry_run"] is True
    assert as_json.json["created"]["people"] == 6
    assert "people" in human.stdout
    assert "Dry run: nothing was written." in human.stdout
    assert not Person.objects.filter(network=ana).exists()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            "not json at all",
            "is not a JSON document (Expecting value at line 1, column 1).",
        ),
        ('{"format": "netlife", "version": 7}', "this netlife reads version 1 only."),
        ('{"format": "other"}', "The file is not a netlife export"),
        (
            '{"format": "netlife", "version": 1, "people": [{"uid": "x"}]}',
            "people[0]: uid 'x' is not a uid (a UUID).",
        ),
    ],
)
def test_a_bad_file_is_one_clear_error(
    run_cli: RunCli, ana: Network, tmp_path: Path, content: str, expected: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")

    result = run_cli("import", "json", str(path))

    assert result.exit_code == 1
    assert expected in _one_line_error(result.stderr)
    assert result.stdout == ""


def test_a_missing_file_is_one_clear_error(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("import", "json", str(tmp_path / "missing.json"))

    assert result.exit_code == 1
    assert "No such file or directory" in _one_line_error(result.stderr)


def test_a_bad_record_imports_nothing(
    run_cli: RunCli, ana: Network, caras_file: Path
) -> None:
    document = json.loads(caras_file.read_text(encoding="utf-8"))
    document["people"][-1]["contact_methods"] = [{"kind": "fax", "value": "1"}]
    caras_file.write_text(json.dumps(document), encoding="utf-8")

    result = run_cli("import", "json", str(caras_file))

    assert result.exit_code == 1
    assert _one_line_error(result.stderr).endswith(
        "people[5].contact_methods[0]: kind 'fax' is not one of email, phone, url."
    )
    assert not Person.objects.filter(network=ana).exists()


def test_export_json_to_a_file_can_report_as_json(
    run_cli: RunCli, ana: Network, tmp_path: Path
) -> None:
    fill_network(ana)
    target = tmp_path / "network.json"

    result = run_cli("export", "json", "-o", str(target), "--json")

    assert result.exit_code == 0, result.stderr
    assert result.json["path"] == str(target)
    assert result.json["counts"]["people"] == 6


def test_export_json_with_json_still_prints_just_the_document(
    run_cli: RunCli, ana: Network
) -> None:
    result = run_cli("export", "json", "--json")

    assert result.exit_code == 0
    assert result.json["format"] == "netlife"
