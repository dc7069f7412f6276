"""`log`: record an interaction with one or more people."""

from typing import Annotated, Any

import typer

from netlife.core.dates import parse_optional_date
from netlife.core.terminal import JsonFlag, emit_json, stdout, warn
from netlife.interactions import services
from netlife.leads.cli import lead_json
from netlife.leads.queries import lead_summary
from netlife.networks.services import ensure_local_network
from netlife.people.queries import resolve_person


def log(
    people: Annotated[
        list[str],
        typer.Argument(help="Who: ids, emails or parts of names.", metavar="PERSON"),
    ],
    intent: Annotated[
        str,
        typer.Option(
            help="catch-up, give, thanks, advice, ask or received.", metavar="INTENT"
        ),
    ],
    via: Annotated[
        str,
        typer.Option(
            help="Channel: call, email, meeting, message, event or social.",
            metavar="CHANNEL",
        ),
    ] = "message",
    about: Annotated[str, typer.Option(help="What it was about.", metavar="TEXT")] = "",
    on: Annotated[
        str | None,
        typer.Option(help="When (YYYY-MM-DD); default today.", metavar="DATE"),
    ] = None,
    they_initiated: Annotated[
        bool, typer.Option("--they-initiated", help="They got in touch, not you.")
    ] = False,
    shared_goal: Annotated[
        bool,
        typer.Option("--shared-goal", help="You told them what you are looking for."),
    ] = False,
    follow_up: Annotated[
        str | None, typer.Option(help="Date to follow up (YYYY-MM-DD).", metavar="DATE")
    ] = None,
    follow_up_intent: Annotated[
        str | None,
        typer.Option(
            help="What the follow-up will be; ask or advice makes it a planned ask.",
            metavar="INTENT",
        ),
    ] = None,
    lead: Annotated[
        str | None,
        typer.Option(
            help="It opened a lead with this title; they are credited with it.",
            metavar="TITLE",
        ),
    ] = None,
    json_output: JsonFlag = False,
) -> None:
    """Log an interaction: a call, a message, a meeting..."""
    network = ensure_local_network()
    intent = services.validate_intent(intent)
    via = services.validate_channel(via)
    when = parse_optional_date(on, what="date")
    follow_up_on = parse_optional_date(follow_up, what="follow-up date")
    resolved = [resolve_person(network, ref) for ref in people]
    logged = services.log_interaction(
        network,
        people=resolved,
        intent=intent,
        channel=via,
        summary=about,
        on=when,
        they_initiated=they_initiated,
        shared_goal=shared_goal,
        follow_up_on=follow_up_on,
        follow_up_intent=follow_up_intent or "",
        lead=lead,
    )
    if json_output:
        emit_json(logged_json(logged))
        return
    names = ", ".join(p.full_name for p in logged.people)
    i = logged.interaction
    stdout().print(f"Logged {i.intent} by {i.channel} with {names} on {i.occurred_on}.")
    if logged.lead is not None:
        stdout().print(
            f"Opened lead {logged.lead.pk}: {logged.lead.title}, credited to {names}."
        )
    for warning in logged.warnings:
        warn(warning.text)
        if warning.suggestion:
            warn(f"Warm-up idea: {warning.suggestion}")


def logged_json(logged: services.LoggedInteraction) -> dict[str, Any]:
    i = logged.interaction
    return {
        "id": i.pk,
        "on": i.occurred_on,
        "channel": i.channel,
        "intent": i.intent,
        "initiated_by": i.initiated_by,
        "summary": i.summary,
        "follow_up_on": i.follow_up_on,
        "follow_up_intent": i.follow_up_intent,
        "shared_goal": i.shared_goal,
        "people": [{"id": p.pk, "name": p.full_name} for p in logged.people],
        # The lead it opened, in the shape `lead show --json` prints.
        "lead": None
        if logged.lead is None
        else lead_json(lead_summary(logged.lead.network, logged.lead.pk)),
        "warnings": [
            {
                "kind": w.kind,
                "person_id": w.person_id,
                "text": w.text,
                "suggestion": w.suggestion,
            }
            for w in logged.warnings
        ],
    }


def register(app: typer.Typer) -> None:
    app.command()(log)
