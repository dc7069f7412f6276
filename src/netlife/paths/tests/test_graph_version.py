"""Every write that changes who knows whom moves the graph version, so the
path index on disk is rebuilt before it answers (decision 0009)."""

from typing import Any

from netlife.paths.index import current_version


def test_ties_and_introductions_move_the_version(run_cli: Any, ana: Any) -> None:
    run_cli("add", "Ann Lee")
    run_cli("add", "Bob Moss")
    start = current_version(ana)
    run_cli("knows", "Ann Lee", "Bob Moss")
    after_tie = current_version(ana)
    run_cli("intro", "Ann Lee", "Cara Diaz", "--to", "Bob Moss")
    assert start < after_tie < current_version(ana)


def test_merging_and_removing_people_move_the_version(run_cli: Any, ana: Any) -> None:
    run_cli("add", "Ann Lee", "--email", "ann@x.example")
    run_cli("add", "Ann Lee-Smith", "--email", "ann@y.example")
    before = current_version(ana)
    run_cli("merge", "Ann Lee", "Ann Lee-Smith", "--yes")
    merged = current_version(ana)
    run_cli("remove", "Ann Lee", "--yes")
    assert before < merged < current_version(ana)


def test_json_import_and_the_demo_move_the_version(
    run_cli: Any, ana: Any, tmp_path: Any
) -> None:
    run_cli("add", "Ann Lee")
    path = tmp_path / "backup.json"
    run_cli("export", "json", "-o", str(path))
    before = current_version(ana)
    run_cli("import", "json", str(path))
    imported = current_version(ana)
    run_cli("demo", "--people", "20", "--force")
    assert before < imported < current_version(ana)


def test_a_dry_run_moves_nothing(run_cli: Any, ana: Any, tmp_path: Any) -> None:
    run_cli("add", "Ann Lee")
    path = tmp_path / "backup.json"
    run_cli("export", "json", "-o", str(path))
    before = current_version(ana)
    run_cli("import", "json", str(path), "--dry-run")
    assert current_version(ana) == before
