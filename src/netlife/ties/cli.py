"""`knows` and `intro`: who knows whom among your people."""

from typing import Annotated

import typer

from netlife.core.dates import parse_optional_date
from netlife.core.terminal import JsonFlag, emit_json, stdout
from netlife.networks.services import ensure_local_network
from netlife.people.queries import resolve_person
from netlife.people.services import resolve_or_add_prospect
from netlife.ties import services


def knows(
    first: Annotated[str, typer.Argument(metavar="A", help="Someone in your network.")],
    second: Annotated[
        str,
        typer.Argument(
            metavar="B", help="Whom they know (a new name adds a prospect)."
        ),
    ],
    strength: Annotated[
        str, typer.Option(help="weak, medium or strong.", metavar="STRENGTH")
    ] = "medium",
    how: Annotated[
        str, typer.Option(help="How they know each other.", metavar="TEXT")
    ] = "",
    json_output: JsonFlag = False,
) -> None:
    """Record that A knows B."""
    network = ensure_local_network()
    strength = services.validate_strength(strength)
    a = resolve_person(network, first)
    b, added = resolve_or_add_prospect(network, second)
    recorded = services.record_tie(network, a, b, strength=strength, how=how)
    tie = recorded.tie
    if json_output:
        emit_json(
            {
                "id": tie.pk,
                "a": {"id": a.pk, "name": a.full_name},
                "b": {"id": b.pk, "name": b.full_name, "added_as_prospect": added},
                "strength": tie.strength,
                "how": tie.how,
                "created": recorded.created,
            }
        )
        return
    verb = "now knows" if recorded.created else "knows (updated)"
    stdout().print(f"{a.full_name} {verb} {b.full_name} ({tie.strength}).")
    if added:
        stdout().print(f"Added {b.full_name} as a prospect you can reach through them.")


def intro(
    introducer: Annotated[
        str, typer.Argument(help="Who made the introduction.", metavar="INTRODUCER")
    ],
    person: Annotated[
        str,
        typer.Argument(
            help="Who was introduced (a new name adds a prospect).", metavar="PERSON"
        ),
    ],
    to: Annotated[
        str | None,
        typer.Option(help="Introduced to whom (default: to you).", metavar="PERSON"),
    ] = None,
    on: Annotated[
        str | None,
        typer.Option(help="When (YYYY-MM-DD); default today.", metavar="DATE"),
    ] = None,
    outcome: Annotated[str, typer.Option(help="What came of it.", metavar="TEXT")] = "",
    json_output: JsonFlag = False,
) -> None:
    """Record that INTRODUCER introduced PERSON to you (or --to someone)."""
    network = ensure_local_network()
    when = parse_optional_date(on, what="introduction date")
    introducer_person = resolve_person(network, introducer)
    introduced, added = resolve_or_add_prospect(network, person)
    to_person = resolve_person(network, to) if to else None
    introduction = services.record_introduction(
        network, introducer_person, introduced, to=to_person, on=when, outcome=outcome
    )
    if json_output:
        emit_json(
            {
                "id": introduction.pk,
                "introducer": {
                    "id": introducer_person.pk,
                    "name": introducer_person.full_name,
                },
                "introduced": {
                    "id": introduced.pk,
                    "name": introduced.full_name,
                    "added_as_prospect": added,
                },
                "to": {"id": to_person.pk, "name": to_person.full_name}
                if to_person
                else None,
                "on": introduction.introduced_on,
                "outcome": introduction.outcome,
            }
        )
        return
    target = to_person.full_name if to_person else "you"
    stdout().print(
        f"{introducer_person.full_name} introduced {introduced.full_name} to {target} "
        f"on {introduction.introduced_on}."
    )


def register(app: typer.Typer) -> None:
    app.command()(knows)
    app.command()(intro)
