"""`netlife CMD` imports only the app that owns CMD, so every call starts fast."""

import importlib
import subprocess
import sys

import typer

from netlife import cli


def _commands_of(app_name: str) -> set[str]:
    scratch = typer.Typer()
    importlib.import_module(f"netlife.{app_name}.cli").register(scratch)
    commands = {c.name or c.callback.__name__ for c in scratch.registered_commands}  # type: ignore[union-attr]
    return commands | {g.name for g in scratch.registered_groups if g.name}


def test_the_table_names_every_command_and_its_app():
    registered = {name: app for app in cli.APPS for name in _commands_of(app)}
    assert registered == cli.COMMAND_APPS


def test_a_command_imports_only_its_own_app():
    code = (
        "import sys; sys.argv = ['netlife', 'path', '--help'];"
        "from netlife import cli;"
        "cli.register_commands(only=cli._app_for(sys.argv[1:]));"
        "print(sorted(cli._registered));"
        "print('netlife.outreach.cli' in sys.modules,"
        " 'netlife.transfer.cli' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split("\n")
    assert out[:2] == ["['paths']", "False False"]


def test_help_and_unknown_commands_see_every_command():
    assert cli._app_for([]) is None
    assert cli._app_for(["--help"]) is None
    assert cli._app_for(["no-such-command"]) is None
    assert cli._app_for(["intro-request", "Ada"]) == "paths"
