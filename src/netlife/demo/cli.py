"""`netlife demo`: fill your network with an invented one, to try netlife out."""

import sys
from dataclasses import asdict
from typing import Annotated

import typer

from netlife.core.terminal import JsonFlag, emit_json, progress_bar, stdout
from netlife.demo.services import generate_demo
from netlife.networks.services import ensure_local_network


def demo(
    people: Annotated[
        int,
        typer.Option("--people", help="How many people to invent (1 to 1,000,000)."),
    ] = 300,
    seed: Annotated[
        int, typer.Option("--seed", help="The same seed and day give the same network.")
    ] = 1,
    force: Annotated[
        bool,
        typer.Option("--force", help="Add demo people to a network that has people."),
    ] = False,
    json_output: JsonFlag = False,
) -> None:
    """Create a realistic demo network: people, years of interactions, ties, leads."""
    network = ensure_local_network()
    # Progress goes to stderr, so it never mixes with --json on stdout; a
    # redirected stderr gets no bar at all.
    with progress_bar(
        "Inventing people", 2 * people, enabled=sys.stderr.isatty()
    ) as tick:
        summary = generate_demo(
            network, people=people, seed=seed, force=force, advance=tick
        )
    if json_output:
        emit_json(asdict(summary))
        return
    out = stdout()
    out.print(
        f"Created a demo network of {summary.people:,} people "
        f"({summary.contacts:,} contacts, {summary.prospects:,} prospects) "
        f"at {summary.organizations:,} organizations."
    )
    out.print(
        f"{summary.interactions:,} interactions, {summary.ties:,} ties, "
        f"{summary.introductions:,} introductions, {summary.leads:,} leads and "
        f"{summary.events:,} life events."
    )
    out.print("Try `netlife people`, `netlife show NAME` or `netlife serve`.")


def register(app: typer.Typer) -> None:
    app.command()(demo)
