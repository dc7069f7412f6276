"""`report`: the weekly review, in the terminal, as JSON, or as one HTML file."""

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from netlife.core.errors import InvalidInput
from netlife.core.terminal import JsonFlag, emit_json, stdout
from netlife.engines.review import MAX_WEEKS
from netlife.networks.services import ensure_local_network
from netlife.relationships.cli import item_json
from netlife.review import queries
from netlife.review.queries import TOUCH_KINDS, Figures, Review

_NAMES_SHOWN = 10  # the terminal lists this many names per line; --json, all


def _figures_json(figures: Figures) -> dict[str, Any]:
    return {
        "touches": figures.total_touches,
        "by_intent": dict(figures.touches),
        "gives": figures.gives,
        "asks": figures.asks,
        "kept": figures.kept,
        "tracked": figures.tracked,
        "kept_share": figures.kept_share,
        "revived": figures.revived,
        "goal_learned": figures.goal_learned,
        "new_leads": figures.new_leads,
        "lead_moves": figures.lead_moves,
        "hires": figures.hires,
    }


def _lead_event_json(event: queries.LeadEvent) -> dict[str, Any]:
    return {
        "lead_id": event.lead_id,
        "title": event.title,
        "organization": event.organization,
        "stage": event.stage,
        "on": event.on,
    }


def _change(now: float | None, before: float | None) -> float | None:
    return None if now is None or before is None else round(now - before, 4)


def review_json(review: Review) -> dict[str, Any]:
    """The review as one document; its field names are kept stable."""
    now, before = review.current, review.before
    goal = review.goal
    return {
        "today": review.today,
        "weeks": review.weeks,
        "period": {"start": review.period.start, "end": review.period.end},
        "previous_period": {
            "start": review.previous.start,
            "end": review.previous.end,
        },
        "touches": {
            "total": now.total_touches,
            "by_intent": dict(now.touches),
            "previous": {
                "total": before.total_touches,
                "by_intent": dict(before.touches),
            },
        },
        "balance": {
            "gives": now.gives,
            "asks": now.asks,
            "previous": {"gives": before.gives, "asks": before.asks},
            "warnings": [
                {"kind": w.kind, "text": w.text} for w in review.balance_warnings
            ],
        },
        "cadence": {
            "kept": now.kept,
            "tracked": now.tracked,
            "share": now.kept_share,
            "previous": {
                "kept": before.kept,
                "tracked": before.tracked,
                "share": before.kept_share,
            },
            "change": _change(now.kept_share, before.kept_share),
        },
        "revived": {
            "count": now.revived,
            "people": [
                {
                    "person_id": r.person_id,
                    "name": r.name,
                    "last_contact": r.last_contact,
                    "revived_on": r.revived_on,
                    "days_silent": r.days_silent,
                }
                for r in review.revived
            ],
            "previous": {"count": before.revived},
        },
        "goal": None
        if goal is None
        else {
            "text": goal.text,
            "started_on": goal.started_on,
            "aware": goal.aware,
            "learned": now.goal_learned,
            "not_aware": goal.not_aware,
            "people": [
                {"person_id": p.person_id, "name": p.name, "since": p.since}
                for p in goal.learned
            ],
            "previous": {"aware": goal.aware_before, "learned": before.goal_learned},
        },
        "leads": {
            "new": now.new_leads,
            "moves": now.lead_moves,
            "hires": now.hires,
            "opened": [_lead_event_json(e) for e in review.opened],
            "moved": [_lead_event_json(e) for e in review.moved],
            "previous": {
                "new": before.new_leads,
                "moves": before.lead_moves,
                "hires": before.hires,
            },
            "funnel": [
                {"stage": s.stage, "count": s.count, "reached": s.reached}
                for s in review.funnel.stages
            ],
        },
        "agenda": {
            "mode": str(review.agenda.mode),
            "items": [item_json(i) for i in review.agenda.items],
        },
        "by_week": [
            {"start": w.week.start, "end": w.week.end, "in_period": w.in_period}
            | _figures_json(w.figures)
            for w in review.by_week
        ],
    }


def _weeks_label(weeks: int) -> tuple[str, str]:
    if weeks == 1:
        return "this week", "week before"
    return f"last {weeks} weeks", f"{weeks} weeks before"


def _kept_text(figures: Figures) -> str:
    share = figures.kept_share
    percent = f" {share:.0%}" if share is not None else ""
    return f"{figures.kept}/{figures.tracked}{percent}"


def _summary_table(review: Review) -> Table:
    now_label, before_label = _weeks_label(review.weeks)
    table = Table(box=None, show_edge=False, header_style="bold", pad_edge=False)
    table.add_column("")
    table.add_column(now_label, justify="right")
    table.add_column(before_label, justify="right")
    now, before = review.current, review.before

    def row(label: str, value: Any, previous: Any) -> None:
        table.add_row(label, str(value), str(previous))

    row("touches", now.total_touches, before.total_touches)
    for kind in TOUCH_KINDS:
        label = "give (and thanks)" if kind == "give" else kind
        row(f"  {label}", now.touches[kind], before.touches[kind])
    row("gives : asks", f"{now.gives} : {now.asks}", f"{before.gives} : {before.asks}")
    row("ties within cadence", _kept_text(now), _kept_text(before))
    row("dormant ties revived", now.revived, before.revived)
    if review.goal is not None:
        row("learned your goal", now.goal_learned, before.goal_learned)
    row("leads opened", now.new_leads, before.new_leads)
    row("lead moves", now.lead_moves, before.lead_moves)
    row("hires", now.hires, before.hires)
    return table


def _names(names: list[str]) -> str:
    shown = ", ".join(names[:_NAMES_SHOWN])
    more = len(names) - _NAMES_SHOWN
    return f"{shown} and {more} more" if more > 0 else shown


def _print_review(review: Review) -> None:
    out = stdout()
    weeks = "1 week" if review.weeks == 1 else f"{review.weeks} weeks"
    out.print(
        f"Review of {review.period.start} to {review.period.end} ({weeks}), "
        f"beside {review.previous.start} to {review.previous.end}"
    )
    out.print()
    out.print(_summary_table(review))
    for warning in review.balance_warnings:
        out.print()
        out.print(Text(f"Give and ask: {warning.text}"))
    if review.revived:
        out.print()
        out.print(
            Text(
                "Revived: "
                + _names(
                    [f"{r.name} (silent {r.days_silent} days)" for r in review.revived]
                )
            )
        )
    goal = review.goal
    if goal is not None:
        out.print()
        out.print(
            Text(
                f"Goal “{goal.text}”: {goal.aware} "
                f"{'person knows' if goal.aware == 1 else 'people know'} it "
                f"({goal.aware_before} before), {goal.not_aware} contacts not yet."
            )
        )
        if goal.learned:
            out.print(Text("Learned it: " + _names([p.name for p in goal.learned])))
    events = sorted(
        review.opened + review.moved, key=lambda e: (e.on, e.stage != "lead")
    )
    if events:
        out.print()
        out.print("Leads:")
        for event in events:
            where = f" at {event.organization}" if event.organization else ""
            what = "opened" if event.stage == "lead" else f"→ {event.stage}"
            out.print(Text(f"  {event.on}  {event.title}{where} {what}"))
    out.print()
    if not review.agenda.items:
        out.print("Next week: nobody is due. A good time to give.")
        return
    out.print("Next week:")
    for rank, item in enumerate(review.agenda.items, start=1):
        where = f", {item.facts.organization}" if item.facts.organization else ""
        out.print(Text(f"{rank:>2}. {item.facts.name}{where}"))
        for reason in item.reasons:
            out.print(Text(f"      {reason.kind}: {reason.text}"))


def report(
    weeks: Annotated[
        int,
        typer.Option(
            "--weeks", help=f"How many weeks to review (1 to {MAX_WEEKS}).", metavar="N"
        ),
    ] = 1,
    html: Annotated[
        Path | None,
        typer.Option(
            "--html",
            help="Also write the review with charts to FILE, one self-contained page.",
            metavar="FILE",
        ),
    ] = None,
    json_output: JsonFlag = False,
) -> None:
    """Review what your networking produced in the last N weeks.

    Touches made by intent, gives against asks, ties kept within their
    cadence, dormant ties revived, who learned your goal, how leads moved,
    each beside the N weeks before; then the top of next week's agenda.
    Weeks end today (or on NETLIFE_TODAY).
    """
    if not 1 <= weeks <= MAX_WEEKS:
        raise InvalidInput(f"--weeks takes a number from 1 to {MAX_WEEKS}.")
    network = ensure_local_network()
    review = queries.weekly_review(network, weeks=weeks)
    if html is not None:
        # Imported here: matplotlib takes a good part of a second to load,
        # which only the HTML page needs.
        from netlife.review import report as html_report

        html_report.write_html(review, html)
    if json_output:
        emit_json(review_json(review))
        return
    _print_review(review)
    if html is not None:
        out = stdout()
        out.print()
        # Not wrapped: a path broken over two lines cannot be copied.
        out.print(Text(f"Wrote the review with its charts to {html}."), soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.command()(report)
