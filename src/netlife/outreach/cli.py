"""`draft` and `lint`: start the right conversation, and check it before sending."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from netlife.core.errors import InvalidInput
from netlife.core.terminal import JsonFlag, emit_json, stdout, warn
from netlife.engines import drafts
from netlife.networks.services import ensure_local_network
from netlife.outreach import queries
from netlife.people.queries import resolve_person

_MAX_BYTES = 200_000


def _print_draft(draft: drafts.Draft) -> None:
    out = stdout()
    out.print(f"Subject: {draft.subject}", markup=False)
    out.print("", markup=False)
    out.print(draft.body, markup=False, soft_wrap=True)


def draft(
    person: Annotated[str, typer.Argument(help="Whom the message is for.")],
    situation: Annotated[
        str,
        typer.Option(
            "--situation",
            metavar="S",
            help=f"One of: {', '.join(drafts.SITUATIONS)}.",
        ),
    ],
    to: Annotated[
        str | None,
        typer.Option(
            "--to",
            metavar="TARGET",
            help="For intro-request: whom to be introduced to.",
        ),
    ] = None,
    json_output: JsonFlag = False,
) -> None:
    """Write a first draft of a message to PERSON, from what netlife knows."""
    network = ensure_local_network()
    recipient = resolve_person(network, person)
    target = resolve_person(network, to) if to is not None else None
    written = queries.draft_message(network, recipient, situation, target=target)
    if json_output:
        emit_json(written.to_json())
        return
    for warning in written.warnings:
        warn(warning)
    if written.alternative is not None:
        stdout().print("Warm the tie up first — a message that asks for nothing:",
                       markup=False)  # fmt: skip
        _print_draft(written.alternative)
        stdout().print("\n— and the ask, for when the tie is warm again —\n",
                       markup=False)  # fmt: skip
    _print_draft(written)


def _read(source: str) -> str:
    if source == "-":
        text = sys.stdin.read(_MAX_BYTES + 1)
    else:
        try:
            with Path(source).open(encoding="utf-8", errors="replace") as f:
                text = f.read(_MAX_BYTES + 1)
        except OSError as exc:
            reason = (exc.strerror or str(exc)).rstrip(".")
            raise InvalidInput(f"Cannot read {source}: {reason}.") from None
    if len(text) > _MAX_BYTES:
        raise InvalidInput("That message is over 200 KB: lint a message, not a book.")
    return text


def lint(
    source: Annotated[
        str, typer.Argument(metavar="FILE|-", help="The message, or - for stdin.")
    ],
    to: Annotated[
        str | None,
        typer.Option("--to", metavar="PERSON", help="Whom it is for (cold-ask check)."),
    ] = None,
    json_output: JsonFlag = False,
) -> None:
    """Check a message before you send it: asks for openings, cold asks, and more."""
    text = _read(source)
    network = ensure_local_network()
    recipient = resolve_person(network, to) if to is not None else None
    findings = queries.lint_message(network, text, to=recipient)
    if json_output:
        emit_json([finding.to_json() for finding in findings])
        return
    out = stdout()
    if not findings:
        out.print("No findings: it reads like a message that gets a reply.",
                  markup=False)  # fmt: skip
        return
    for finding in findings:
        start, end = finding.span
        quoted = text[start:end].strip()
        where = f' "{quoted}"' if quoted and len(quoted) <= 80 else ""
        out.print(f"{finding.kind}{where}: {finding.message}", markup=False,
                  soft_wrap=True)  # fmt: skip
        out.print(f"  → {finding.suggestion}", markup=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.command("draft")(draft)
    app.command("lint")(lint)
