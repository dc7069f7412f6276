"""`lead add | move | list | show` and `funnel`: opportunities and who opened them."""

from typing import Annotated, Any

import typer
from rich.table import Table

from netlife.core.dates import parse_optional_date
from netlife.core.terminal import JsonFlag, emit_json, stdout
from netlife.engines import funnel as engine
from netlife.leads import queries, services
from netlife.networks.services import ensure_local_network
from netlife.people.queries import resolve_person

_PEOPLE_SHOWN = 10  # the terminal lists the top; --json lists everyone
lead_app = typer.Typer(
    help="Opportunities: lead, conversation, interview, offer, hired (or closed).",
    no_args_is_help=True,
)
LeadId = Annotated[int, typer.Argument(help="The lead's id.", metavar="ID")]
OnOption = Annotated[
    str | None, typer.Option(help="When (YYYY-MM-DD); default today.", metavar="DATE")
]


def lead_json(lead: queries.LeadSummary) -> dict[str, Any]:
    """A lead as DESIGN.md §6 names its fields (and a few more)."""
    return {
        "id": lead.id,
        "title": lead.title,
        "organization": lead.organization,
        "stage": lead.stage,
        "credited": [
            {"id": c.id, "name": c.name, "role": c.role} for c in lead.credited
        ],
        "history": [{"stage": h.stage, "on": h.on} for h in lead.history],
        "notes": lead.notes,
        "created_on": lead.created_on,
        "source_interaction": lead.source_interaction_id,
    }


def _credits_text(lead: queries.LeadSummary) -> str:
    opened = [c.name for c in lead.credited if c.role == "opened"]
    through = [c.name for c in lead.credited if c.role == "through"]
    parts = []
    if opened:
        parts.append(f"via {', '.join(opened)}")
    if through:
        parts.append(f"through {', '.join(through)}")
    return "; ".join(parts)


def _headline(lead: queries.LeadSummary) -> str:
    where = f" at {lead.organization}" if lead.organization else ""
    return f"{lead.title}{where}"


@lead_app.command("add")
def lead_add(
    title: Annotated[
        str, typer.Argument(help="e.g. 'Product manager'.", metavar="TITLE")
    ],
    org: Annotated[
        str, typer.Option(help="The organization (created if new).", metavar="ORG")
    ] = "",
    via: Annotated[
        list[str] | None,
        typer.Option(help="Who opened the door (repeatable).", metavar="PERSON"),
    ] = None,
    through: Annotated[
        list[str] | None,
        typer.Option(help="Who it came through (repeatable).", metavar="PERSON"),
    ] = None,
    notes: Annotated[
        str, typer.Option(help="Anything worth remembering.", metavar="TEXT")
    ] = "",
    on: OnOption = None,
    json_output: JsonFlag = False,
) -> None:
    """Open a lead, crediting who opened the door and who it came through."""
    network = ensure_local_network()
    when = parse_optional_date(on, what="date")
    lead = services.add_lead(
        network,
        title=title,
        organization=org,
        opened_by=[resolve_person(network, ref) for ref in via or []],
        through=[resolve_person(network, ref) for ref in through or []],
        notes=notes,
        on=when,
    )
    summary = queries.lead_summary(network, lead.pk)
    if json_output:
        emit_json(lead_json(summary))
        return
    credits = _credits_text(summary)
    stdout().print(
        f"Added lead {summary.id}: {_headline(summary)}"
        f"{f' ({credits})' if credits else ''}, opened on {summary.created_on}."
    )


@lead_app.command("move")
def lead_move(
    lead_id: LeadId,
    stage: Annotated[
        str,
        typer.Argument(
            help="conversation, interview, offer, hired, or closed.", metavar="STAGE"
        ),
    ],
    on: OnOption = None,
    json_output: JsonFlag = False,
) -> None:
    """Move a lead forward to STAGE (or close it), recording the day.

    Stages run lead, conversation, interview, offer, hired; a lead may skip
    ahead but never go back. closed ends a lead from any open stage, and a
    hired or closed lead does not move again.
    """
    network = ensure_local_network()
    target = services.validate_stage(stage)
    when = parse_optional_date(on, what="date")
    lead = queries.get_lead(network, lead_id)
    services.move_lead(network, lead, target, on=when)
    summary = queries.lead_summary(network, lead.pk)
    if json_output:
        emit_json(lead_json(summary))
        return
    stdout().print(
        f"Lead {summary.id} ({_headline(summary)}) is now at {summary.stage}, "
        f"since {summary.history[-1].on}."
    )


@lead_app.command("list")
def lead_list(
    stage: Annotated[
        str | None, typer.Option(help="Only leads at this stage.", metavar="STAGE")
    ] = None,
    json_output: JsonFlag = False,
) -> None:
    """List your leads, newest first."""
    network = ensure_local_network()
    wanted = services.validate_stage(stage) if stage is not None else None
    leads = queries.lead_summaries(network, stage=wanted)
    if json_output:
        emit_json([lead_json(lead) for lead in leads])
        return
    if not leads:
        stdout().print(
            f"No leads at {wanted}."
            if wanted
            else "No leads yet. Open one with `netlife lead add TITLE`."
        )
        return
    table = Table(show_edge=False, header_style="bold")
    table.add_column("id", no_wrap=True, justify="right")
    table.add_column("stage", no_wrap=True)
    table.add_column("since", no_wrap=True, min_width=10)
    for column in ("title", "organization", "credited"):
        table.add_column(column)
    for lead in leads:
        since = lead.history[-1].on if lead.history else lead.created_on
        table.add_row(
            str(lead.id),
            lead.stage,
            since.isoformat(),
            lead.title,
            lead.organization or "",
            _credits_text(lead),
        )
    stdout().print(table)


@lead_app.command("show")
def lead_show(lead_id: LeadId, json_output: JsonFlag = False) -> None:
    """Show a lead: its stage history and who is credited."""
    network = ensure_local_network()
    lead = queries.lead_summary(network, lead_id)
    if json_output:
        emit_json(lead_json(lead))
        return
    out = stdout()
    out.print(f"Lead {lead.id}: {_headline(lead)} — {lead.stage}")
    credits = _credits_text(lead)
    if credits:
        out.print(f"Credited: {credits}")
    for change in lead.history:
        out.print(f"  {change.on}  {change.stage}")
    if lead.notes:
        out.print(f"Notes: {lead.notes}")


def _outcomes_json(outcomes: engine.Outcomes) -> dict[str, int]:
    return {
        "leads": outcomes.leads,
        "interviews": outcomes.interviews,
        "offers": outcomes.offers,
        "hires": outcomes.hires,
    }


def funnel_json(result: engine.Funnel) -> dict[str, Any]:
    """The funnel as DESIGN.md §6 names its fields (and a few more)."""
    return {
        "leads": result.leads,
        "stages": [
            {
                "stage": s.stage,
                "count": s.count,
                "reached": s.reached,
                "conversion": s.conversion,
            }
            for s in result.stages
        ],
        "by_person": [
            {"id": p.person_id, "name": p.name, **_outcomes_json(p.outcomes)}
            for p in result.by_person
        ],
        "by_first_ask": [
            {"kind": a.kind.value, **_outcomes_json(a.outcomes)}
            for a in result.by_first_ask
        ],
        "median_days": [
            {
                "from": t.from_stage,
                "to": t.to_stage,
                "days": t.median_days,
                "leads": t.leads,
            }
            for t in result.days_between
        ],
    }


def _percent(value: float | None) -> str:
    return "" if value is None else f"{value:.0%}"


def _outcomes_row(outcomes: engine.Outcomes) -> list[str]:
    return [
        str(outcomes.leads),
        str(outcomes.interviews),
        str(outcomes.offers),
        str(outcomes.hires),
    ]


def funnel(json_output: JsonFlag = False) -> None:
    """How far your leads got, through whom, after which ask, and how fast.

    A lead counts as reaching every stage up to the furthest it got to. Its
    first ask is its own conversation's, if that was an ask (advice, or a
    favour), else the earliest ask of someone credited, on or before the day
    it opened, else none. Days between stages are medians over the leads
    that recorded both.
    """
    network = ensure_local_network()
    result = queries.funnel(network)
    if json_output:
        emit_json(funnel_json(result))
        return
    out = stdout()
    if not result.leads:
        out.print("No leads yet. Open one with `netlife lead add TITLE`.")
        return
    stages = Table(show_edge=False, header_style="bold")
    for column in ("stage", "now", "reached", "from previous"):
        stages.add_column(column, justify="left" if column == "stage" else "right")
    for s in result.stages:
        stages.add_row(s.stage, str(s.count), str(s.reached), _percent(s.conversion))
    out.print(stages)
    times = [t for t in result.days_between if t.median_days is not None]
    if times:
        out.print("Median days between stages:")
        for t in times:
            out.print(
                f"  {t.from_stage} → {t.to_stage}: {t.median_days:g} "
                f"(over {t.leads} lead{'s' if t.leads != 1 else ''})"
            )
    heads = ("leads", "interviews", "offers", "hires")
    asks = Table(show_edge=False, header_style="bold")
    asks.add_column("first ask")
    for column in heads:
        asks.add_column(column, justify="right")
    for a in result.by_first_ask:
        asks.add_row(a.kind.value, *_outcomes_row(a.outcomes))
    out.print(asks)
    if result.by_person:
        people = Table(show_edge=False, header_style="bold")
        people.add_column("credited")
        for column in heads:
            people.add_column(column, justify="right")
        for p in result.by_person[:_PEOPLE_SHOWN]:
            people.add_row(p.name, *_outcomes_row(p.outcomes))
        out.print(people)


def register(app: typer.Typer) -> None:
    app.add_typer(lead_app, name="lead")
    app.command()(funnel)
