"""The `netlife` command: wires each app's commands and maps errors to exits.

Each app's `cli.py` exposes `register(app)`; this module only bootstraps
Django, registers them, and turns domain errors into one sentence on stderr
with exit status 1 (2 for usage errors), never a traceback.
"""

import contextlib
import importlib
import os
import sys
from typing import Any

import django
import typer
from django.apps import apps
from typer.core import TyperGroup


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netlife.config.settings")
    if not apps.ready:
        django.setup()


class NetlifeGroup(TyperGroup):
    """The root group: prepares the database and maps errors for every command."""

    # Typer vendors Click and types this parameter with the vendored Context,
    # which has no public name; typer.Context is the subclass passed at run time.
    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        from django.core.exceptions import ImproperlyConfigured
        from django.db import DatabaseError

        from netlife.core import clock
        from netlife.core.database import describe_database, prepare_database
        from netlife.core.errors import NetlifeError
        from netlife.core.terminal import ExitStatus, error

        try:
            # A real command (not a subcommand's --help): check the pinned
            # clock before anything is written, then make sure the schema is
            # in place.
            if "--help" not in (*ctx._protected_args, *ctx.args):
                clock.today()
                prepare_database()
            return super().invoke(ctx)
        except NetlifeError as exc:
            error(str(exc))
            raise typer.Exit(ExitStatus.ERROR) from None
        except ImproperlyConfigured as exc:
            error(f"netlife is not configured correctly: {exc}")
            raise typer.Exit(ExitStatus.ERROR) from None
        except DatabaseError as exc:
            reason = str(exc).strip().rstrip(".") or type(exc).__name__
            error(f"Cannot use the {describe_database()}: {reason}.")
            raise typer.Exit(ExitStatus.ERROR) from None
        except BrokenPipeError:
            # `netlife export json | head`: the reader left; that is not an error.
            _silence_stdout()
            raise typer.Exit(ExitStatus.OK) from None
        except OSError as exc:
            error(
                f"{exc.strerror or exc}: {exc.filename}" if exc.filename else str(exc)
            )
            raise typer.Exit(ExitStatus.ERROR) from None


def _silence_stdout() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    # In tests stdout is not a real file and there is nothing to silence.
    with contextlib.suppress(OSError, ValueError):
        os.dup2(devnull, sys.stdout.fileno())


_root = typer.Typer(
    name="netlife",
    cls=NetlifeGroup,
    help="Keep your professional network alive: who is due for a word, and why.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    add_completion=False,
)


@_root.callback()
def _group() -> None:
    # A root callback keeps `netlife` a group even when only one app's
    # commands are registered: Typer runs a lone command without its name.
    pass


# The app whose cli.py registers each top-level command. `netlife CMD`
# imports only CMD's module: importing all thirteen (and the engines they
# pull in) cost ~0.4 s of every call's start-up. A test checks this table
# against what the modules register.
COMMAND_APPS: dict[str, str] = {
    "init": "core", "serve": "core",
    "merge": "people", "add": "people", "people": "people", "show": "people",
    "edit": "people", "remove": "people",
    "log": "interactions",
    "agenda": "relationships", "dormant": "relationships",
    "balance": "relationships", "snooze": "relationships",
    "knows": "ties", "intro": "ties",
    "path": "paths", "intro-request": "paths",
    "draft": "outreach", "lint": "outreach",
    "told": "goals", "goal": "goals",
    "funnel": "leads", "lead": "leads",
    "report": "review",
    "export": "transfer", "import": "transfer",
    "feed": "feeds",
    "demo": "demo",
}  # fmt: skip
# In this order in `netlife --help`.
APPS = (
    "core", "people", "interactions", "relationships", "ties", "paths",
    "outreach", "goals", "leads", "review", "transfer", "feeds", "demo",
)  # fmt: skip
_registered: set[str] = set()


def register_commands(only: str | None = None) -> typer.Typer:
    """Register every app's commands on the root app (or only `only`'s)."""
    for name in APPS if only is None else (only,):
        if name not in _registered:
            module = importlib.import_module(f"netlife.{name}.cli")
            module.register(_root)
            _registered.add(name)
    return _root


def _app_for(argv: list[str]) -> str | None:
    """The one app a command line needs, or None for all (help, a typo)."""
    if not argv or argv[0].startswith("-"):
        return None
    return COMMAND_APPS.get(argv[0])


def __getattr__(name: str) -> Any:
    # `from netlife.cli import app` (tests, tools/cli_reference.py): the
    # whole command line, registered on first use.
    if name == "app":
        return register_commands()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_setup_django()


def main() -> None:
    """Entry point of the `netlife` console script."""
    register_commands(only=_app_for(sys.argv[1:]))
    try:
        _root()
    except KeyboardInterrupt:
        sys.stderr.write("Interrupted.\n")
        sys.exit(130)
    except Exception as exc:  # the last line of defence: never a traceback
        if os.environ.get("NETLIFE_DEBUG"):
            raise
        sys.stderr.write(
            f"Error: something unexpected went wrong ({type(exc).__name__}: {exc}). "
            "Set NETLIFE_DEBUG=1 to see the details.\n"
        )
        sys.exit(1)
