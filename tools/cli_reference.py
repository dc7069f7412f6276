"""Write docs/cli.md from the commands' own --help (run after changing a command).

python tools/cli_reference.py            # rewrite docs/cli.md
python tools/cli_reference.py --check    # exit 1 if docs/cli.md is stale
"""

import os
import sys
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netlife.config.settings")
os.environ.setdefault("NETLIFE_SECRET_KEY", "cli-reference")

import typer
from typer.testing import CliRunner

from netlife.cli import app

TARGET = Path(__file__).resolve().parent.parent / "docs" / "cli.md"

HEADER = """# netlife command reference

Generated from each command's `--help` by `python tools/cli_reference.py`;
a test fails when this file is out of date. Every command that shows data
takes `--json` and then prints exactly one JSON document on stdout; errors go
to stderr with exit status 1 (2 for usage errors).
"""


def command_paths() -> list[list[str]]:
    """Every runnable command as its list of words, in definition order."""
    root = typer.main.get_command(app)
    paths: list[list[str]] = []

    def walk(command: object, prefix: list[str]) -> None:
        subcommands = getattr(command, "commands", None)
        if subcommands is None:
            paths.append(prefix)
            return
        for name, sub in subcommands.items():
            walk(sub, [*prefix, name])

    walk(root, [])
    return paths


def help_text(path: list[str]) -> str:
    result = CliRunner().invoke(
        app, [*path, "--help"], env={"COLUMNS": "88"}, color=False
    )
    return result.stdout.rstrip()


def render() -> str:
    sections = [HEADER]
    for path in command_paths():
        sections.append(
            f"## netlife {' '.join(path)}\n\n```text\n{help_text(path)}\n```\n"
        )
    return "\n".join(sections)


def main() -> int:
    text = render()
    if "--check" in sys.argv:
        if not TARGET.exists() or TARGET.read_text(encoding="utf-8") != text:
            sys.stderr.write(
                "docs/cli.md is out of date; run python tools/cli_reference.py\n"
            )
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
