"""Conventions every command keeps: help, documentation, --json, clean errors."""

import os
import subprocess
import sys
from pathlib import Path

from tools import cli_reference

ROOT = Path(__file__).resolve().parent.parent
# Commands that show or return data must offer --json (DESIGN.md §6).
WITHOUT_JSON = {("serve",)}


def test_every_command_has_help():
    for path in cli_reference.command_paths():
        text = cli_reference.help_text(path)
        assert "Usage:" in text, path
        assert len(text.splitlines()) > 3, path


def test_every_data_command_takes_json():
    for path in cli_reference.command_paths():
        if tuple(path) in WITHOUT_JSON:
            continue
        assert "--json" in cli_reference.help_text(path), path


def test_the_design_commands_exist():
    paths = {tuple(p) for p in cli_reference.command_paths()}
    expected = {
        ("init",), ("serve",), ("demo",), ("add",), ("people",), ("show",),
        ("edit",), ("remove",), ("log",), ("knows",), ("intro",),
        ("goal", "set"), ("goal", "show"), ("goal", "done"), ("told",),
        ("export", "json"), ("import", "json"),
    }  # fmt: skip
    assert expected <= paths


def test_docs_cli_md_is_current():
    assert (ROOT / "docs" / "cli.md").read_text(
        encoding="utf-8"
    ) == cli_reference.render()


def _netlife(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "NETLIFE_HOME": str(home),
        "NETLIFE_SECRET_KEY": "tests",
        "NETLIFE_DATABASE_URL": "",
    }
    return subprocess.run(
        [sys.executable, "-m", "netlife", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def test_a_fresh_home_is_created_on_first_use(tmp_path):
    home = tmp_path / "new-home"
    result = _netlife(home, "people", "--json")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
    assert (home / "netlife.sqlite3").exists()
    again = _netlife(home, "init")
    assert again.returncode == 0


def test_a_corrupt_database_file_is_one_sentence(tmp_path):
    (tmp_path / "netlife.sqlite3").write_bytes(b"this is not a database" * 100)
    result = _netlife(tmp_path, "people")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "netlife.sqlite3" in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 2


def test_a_usage_error_exits_2(tmp_path):
    result = _netlife(tmp_path, "log")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_a_bad_netlife_today_is_one_sentence(tmp_path):
    env_home = tmp_path
    result = subprocess.run(
        [sys.executable, "-m", "netlife", "people"],
        capture_output=True,
        text=True,
        env={**os.environ, "NETLIFE_HOME": str(env_home), "NETLIFE_TODAY": "someday",
             "NETLIFE_SECRET_KEY": "tests", "NETLIFE_DATABASE_URL": ""},
        timeout=60,
        check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert "NETLIFE_TODAY" in result.stderr
    assert "Traceback" not in result.stderr
