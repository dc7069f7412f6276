"""The `netlife` command: wires each app's commands and maps errors to exits.

Each app's `cli.py` exposes `register(app)`; this module only bootstraps
Django, registers them, and turns domain errors into one sentence on stderr
with exit status 1 (2 for usage errors), never a traceback.
"""

import contextlib
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


app = typer.Typer(
    name="netlife",
    cls=NetlifeGroup,
    help="Keep your professional network alive: who is due for a word, and why.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    add_completion=False,
)


def _register_commands() -> None:
    from netlife.core import cli as core_cli
    from netlife.demo import cli as demo_cli
    from netlife.feeds import cli as feeds_cli
    from netlife.goals import cli as goals_cli
    from netlife.interactions import cli as interactions_cli
    from netlife.leads import cli as leads_cli
    from netlife.outreach import cli as outreach_cli
    from netlife.paths import cli as paths_cli
    from netlife.people import cli as people_cli
    from netlife.relationships import cli as relationships_cli
    from netlife.review import cli as review_cli
    from netlife.ties import cli as ties_cli
    from netlife.transfer import cli as transfer_cli

    core_cli.register(app)
    people_cli.register(app)
    interactions_cli.register(app)
    relationships_cli.register(app)
    ties_cli.register(app)
    paths_cli.register(app)
    outreach_cli.register(app)
    goals_cli.register(app)
    leads_cli.register(app)
    review_cli.register(app)
    transfer_cli.register(app)
    feeds_cli.register(app)
    demo_cli.register(app)


_setup_django()
_register_commands()


def main() -> None:
    """Entry point of the `netlife` console script."""
    try:
        app()
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
