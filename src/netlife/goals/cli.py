"""`goal set | show | done` and `told`: what you are looking for, and who knows."""

from typing import Annotated, Any

import typer

from netlife.core.dates import parse_optional_date
from netlife.core.errors import InvalidInput
from netlife.core.terminal import JsonFlag, emit_json, stdout
from netlife.goals import queries, services
from netlife.networks.services import ensure_local_network
from netlife.people.queries import resolve_person
from netlife.relationships.queries import GoalCandidate, who_should_hear_next

_AWARE_SHOWN = 20  # the terminal lists the latest; --json lists everyone
goal_app = typer.Typer(help="What you are looking for now.", no_args_is_help=True)


def _overview_json(overview: queries.GoalOverview) -> dict[str, Any]:
    goal = overview.goal
    return {
        "mode": overview.mode,
        "goal": None
        if goal is None
        else {
            "text": goal.text,
            "status": goal.status,
            "started_on": goal.started_on,
            "done_on": goal.done_on,
        },
        "aware": [
            {"id": a.id, "name": a.name, "since": a.since, "how": a.how}
            for a in overview.aware
        ],
        "contacts_not_aware": overview.contacts_not_aware,
    }


@goal_app.command("set")
def goal_set(
    text: Annotated[
        str,
        typer.Argument(help="e.g. 'a product role in climate tech'.", metavar="TEXT"),
    ],
    json_output: JsonFlag = False,
) -> None:
    """Record what you are looking for (search mode)."""
    network = ensure_local_network()
    services.set_goal(network, text)
    if json_output:
        emit_json(_overview_json(queries.goal_overview(network)))
        return
    stdout().print(
        f"Your goal: {text.strip()}. Tell people with `netlife told PERSON`."
    )


def _candidate_json(c: GoalCandidate) -> dict[str, Any]:
    return {
        "id": c.person_id,
        "name": c.name,
        "organization": c.organization,
        "strength": c.strength,
        "relevance": c.relevance,
        "matched": list(c.matched),
        "knows_relevant": c.bridges,
        "score": c.score,
    }


@goal_app.command("show")
def goal_show(
    limit: Annotated[
        int,
        typer.Option(
            "--limit", "-n", help="How many to suggest telling next.", metavar="N"
        ),
    ] = 10,
    json_output: JsonFlag = False,
) -> None:
    """Show the current goal, who knows it, and who should hear it next."""
    if not 1 <= limit <= 1000:
        raise InvalidInput("--limit takes a number from 1 to 1000.")
    network = ensure_local_network()
    overview = queries.goal_overview(network)
    upcoming = who_should_hear_next(network, limit=limit)
    if json_output:
        emit_json(
            _overview_json(overview) | {"next": [_candidate_json(c) for c in upcoming]}
        )
        return
    out = stdout()
    if overview.goal is None:
        out.print(
            "No current goal: netlife is in maintain mode. "
            "Set one with `netlife goal set`."
        )
        return
    out.print(
        f"Goal: {overview.goal.text} (since {overview.goal.started_on})", markup=False
    )
    if overview.aware:
        shown = overview.aware[-_AWARE_SHOWN:]
        latest = " (the latest)" if len(shown) < len(overview.aware) else ""
        out.print(f"{len(overview.aware):,} people know it{latest}:")
        for a in shown:
            out.print(f"  {a.name} — since {a.since} ({a.how})", markup=False)
    else:
        out.print("Nobody knows it yet.")
    out.print(f"{overview.contacts_not_aware:,} contacts have not heard it yet.")
    if upcoming:
        out.print("Who should hear it next (strongest and most relevant first):")
        for c in upcoming:
            where = f", {c.organization}" if c.organization else ""
            why = f"; matches {', '.join(c.matched)}" if c.matched else ""
            if c.bridges:
                why += f"; knows {c.bridges} relevant"
            out.print(
                f"  {c.name}{where} — strength {c.strength:.2f}{why}", markup=False
            )


@goal_app.command("done")
def goal_done(json_output: JsonFlag = False) -> None:
    """Mark the current goal reached (back to maintain mode)."""
    network = ensure_local_network()
    goal = services.finish_goal(network)
    if json_output:
        emit_json(
            _overview_json(queries.goal_overview(network)) | {"finished": goal.text}
        )
        return
    stdout().print(f"Done: {goal.text}. Back to keeping in touch.", markup=False)


def told(
    people: Annotated[
        list[str], typer.Argument(help="Who now knows your goal.", metavar="PERSON")
    ],
    on: Annotated[
        str | None,
        typer.Option(help="When (YYYY-MM-DD); default today.", metavar="DATE"),
    ] = None,
    json_output: JsonFlag = False,
) -> None:
    """Record that you told these people your current goal."""
    network = ensure_local_network()
    when = parse_optional_date(on, what="date")
    resolved = [resolve_person(network, ref) for ref in people]
    fresh = services.mark_told(network, resolved, on=when)
    if json_output:
        emit_json(
            {
                "told": [{"id": p.pk, "name": p.full_name} for p in resolved],
                "newly_aware": [p.pk for p in fresh],
            }
        )
        return
    for person in resolved:
        already = "" if person in fresh else " (already knew)"
        stdout().print(f"{person.full_name} knows your goal{already}.", markup=False)


def register(app: typer.Typer) -> None:
    app.add_typer(goal_app, name="goal")
    app.command()(told)
