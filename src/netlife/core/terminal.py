"""Terminal output for the CLI: Rich for people, plain JSON for programs.

`--json` output bypasses Rich entirely so it is never wrapped, coloured or
mixed with progress bars; progress and errors go to stderr.
"""

import enum
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Annotated, Any
from uuid import UUID

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)

JsonFlag = Annotated[bool, typer.Option("--json", help="Print one JSON document.")]
"""The `--json` option every data command takes (DESIGN.md §6)."""


class ExitStatus(enum.IntEnum):
    OK = 0
    ERROR = 1
    USAGE = 2


def stdout() -> Console:
    """A console on the current stdout (looked up per call, so tests can capture).

    Markup is off: names and notes are user data and "[bold]" in a name must
    print as typed. Pass markup=True (with escaped data) to style a line.
    """
    return Console(file=sys.stdout, highlight=False, soft_wrap=False, markup=False)


def stderr() -> Console:
    return Console(file=sys.stderr, highlight=False, soft_wrap=True, markup=False)


def _json_default(value: object) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def emit_json(document: Any) -> None:
    """Print exactly one JSON document on stdout.

    Indented for a person at a terminal; compact when piped, where the C
    encoder is several times faster on a 100,000-person listing.
    """
    indent = 2 if sys.stdout.isatty() else None
    sys.stdout.write(
        json.dumps(document, ensure_ascii=False, indent=indent, default=_json_default)
    )
    sys.stdout.write("\n")


def error(message: str) -> None:
    """Print one clear sentence on stderr."""
    stderr().print(
        f"[bold red]Error:[/] {escape(message)}", markup=True, highlight=False
    )


def warn(message: str) -> None:
    stderr().print(
        f"[yellow]Warning:[/] {escape(message)}", markup=True, highlight=False
    )


@contextmanager
def progress_bar(
    description: str, total: int | None, *, enabled: bool = True
) -> Iterator["Tick"]:
    """Show a progress bar on stderr for long work; `tick(n)` advances it."""
    if not enabled:
        yield Tick(None, None)
        return
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=stderr(),
        transient=False,
    )
    with progress:
        task = progress.add_task(description, total=total)
        yield Tick(progress, task)


class Tick:
    """Advances one progress task; a no-op when progress is disabled."""

    def __init__(self, progress: Progress | None, task: Any) -> None:
        self._progress = progress
        self._task = task

    def __call__(self, advance: int = 1, *, description: str | None = None) -> None:
        if self._progress is not None:
            if description is not None:
                self._progress.update(
                    self._task, advance=advance, description=description
                )
            else:
                self._progress.advance(self._task, advance)
