"""`agenda`, `dormant`, `balance` and `snooze`: keeping in touch, day by day."""

from typing import Annotated, Any

import typer

from netlife.core.dates import parse_date
from netlife.core.errors import InvalidInput
from netlife.core.terminal import JsonFlag, emit_json, stdout, warn
from netlife.engines import agenda as engine
from netlife.networks.services import ensure_local_network
from netlife.people.queries import resolve_person
from netlife.relationships import queries, services

Limit = Annotated[
    int, typer.Option("--limit", "-n", help="How many people at most.", metavar="N")
]


def _check_limit(limit: int) -> None:
    if not 1 <= limit <= 10_000:
        raise InvalidInput("--limit takes a number from 1 to 10000.")


def item_json(item: engine.Item) -> dict[str, Any]:
    f = item.facts
    return {
        "person_id": f.person_id,
        "name": f.name,
        "organization": f.organization,
        "score": item.score,
        "due": f.due,
        "days_overdue": item.days_overdue,
        "strength": f.strength,
        "cadence_days": f.cadence,
        "last_contact": f.last_contact,
        "reasons": [{"kind": str(r.kind), "text": r.text} for r in item.reasons],
    }


def agenda(limit: Limit = 10, json_output: JsonFlag = False) -> None:
    """Who to get in touch with now, and why, best first."""
    _check_limit(limit)
    network = ensure_local_network()
    found = queries.agenda(network, limit=limit)
    if json_output:
        emit_json(
            {
                "today": found.today,
                "mode": str(found.mode),
                "goal": found.goal.text if found.goal else None,
                "items": [item_json(i) for i in found.items],
            }
        )
        return
    out = stdout()
    if not found.items:
        out.print("Nobody is due today. A good day to give: share something useful.")
        return
    mode = (
        f"search mode — your goal: {found.goal.text}"
        if found.goal
        else "maintain mode — keeping in touch"
    )
    out.print(f"Agenda for {found.today} ({mode})")
    for rank, item in enumerate(found.items, start=1):
        where = f", {item.facts.organization}" if item.facts.organization else ""
        out.print(
            f"{rank:>2}. {item.facts.name}{where}  "
            f"(score {item.score:.2f}, strength {item.facts.strength:.2f})"
        )
        for reason in item.reasons:
            out.print(f"      {reason.kind}: {reason.text}")


def dormant(limit: Limit = 20, json_output: JsonFlag = False) -> None:
    """Ties past twice their cadence, strongest first, with a way back in."""
    _check_limit(limit)
    network = ensure_local_network()
    found = queries.dormant(network, limit=limit)
    if json_output:
        emit_json(
            [
                {
                    "person_id": d.facts.person_id,
                    "name": d.facts.name,
                    "organization": d.facts.organization,
                    "strength": d.facts.strength,
                    "bond": d.facts.bond,
                    "tier": d.tier,
                    "cadence_days": d.facts.cadence,
                    "last_contact": d.facts.last_contact,
                    "days_silent": d.days_silent,
                    "way_back": d.way_back,
                }
                for d in found
            ]
        )
        return
    out = stdout()
    if not found:
        out.print("No dormant ties: everyone has heard from you within their cadence.")
        return
    for d in found:
        where = f", {d.facts.organization}" if d.facts.organization else ""
        out.print(
            f"{d.facts.name}{where} — silent {d.days_silent} days "
            f"(every {d.facts.cadence} days; strength {d.facts.strength:.2f})"
        )
        out.print(f"    {d.way_back}")


def _ledger_json(ledger: queries.Ledger) -> dict[str, Any]:
    return {
        "gives": ledger.gives,
        "thanks": ledger.thanks,
        "asks": ledger.asks,
        "advice_asks": ledger.advice_asks,
        "favour_asks": ledger.favour_asks,
        "received": ledger.received,
        "interactions": ledger.interactions,
        "last_give": ledger.last_give,
        "last_ask": ledger.last_ask,
    }


def _ledger_line(ledger: queries.Ledger) -> str:
    return (
        f"gave {ledger.gives:,} (thanks {ledger.thanks:,}), asked {ledger.asks:,} "
        f"(advice {ledger.advice_asks:,}, favours {ledger.favour_asks:,}), "
        f"received help {ledger.received:,}; "
        f"last give {ledger.last_give or 'never'}, "
        f"last ask {ledger.last_ask or 'never'}"
    )


def balance(
    person: Annotated[
        str | None,
        typer.Argument(
            help="One person's ledger; the network's without.", metavar="PERSON"
        ),
    ] = None,
    json_output: JsonFlag = False,
) -> None:
    """The give/ask ledger, for one person or the whole network."""
    network = ensure_local_network()
    if person is not None:
        one = queries.person_ledger(network, resolve_person(network, person))
        if json_output:
            emit_json(
                {"person_id": one.person_id, "name": one.name}
                | _ledger_json(one.ledger)
                | {"thanks_owed_since": one.thanks_owed_since}
            )
            return
        stdout().print(f"{one.name}: {_ledger_line(one.ledger)}", markup=False)
        if one.thanks_owed_since:
            warn(
                f"{one.name} helped you on {one.thanks_owed_since} and has not "
                "been thanked since."
            )
        return
    whole = queries.network_balance(network)
    if json_output:
        emit_json(
            _ledger_json(whole.ledger)
            | {
                "recent": {
                    "days": whole.recent_days,
                    "interactions": whole.recent_interactions,
                    "asks": whole.recent_asks,
                    "gives": whole.recent_gives,
                },
                "thanks_owed": whole.thanks_owed,
                "most_asked": [
                    {"person_id": p.person_id, "name": p.name} | _ledger_json(p.ledger)
                    for p in whole.most_asked
                ],
                "warnings": [{"kind": w.kind, "text": w.text} for w in whole.warnings],
            }
        )
        return
    out = stdout()
    out.print(f"Your network: {_ledger_line(whole.ledger)}", markup=False)
    out.print(
        f"Last {whole.recent_days} days: {whole.recent_interactions:,} interactions, "
        f"{whole.recent_asks:,} asks, {whole.recent_gives:,} gives.",
        markup=False,
    )
    if whole.thanks_owed:
        out.print(f"{whole.thanks_owed:,} people are owed a thank-you.", markup=False)
    if whole.most_asked:
        out.print("Asked more than given:")
        for p in whole.most_asked:
            out.print(
                f"  {p.name}: asked {p.ledger.asks}, gave {p.ledger.gives}",
                markup=False,
            )
    for w in whole.warnings:
        warn(w.text)


def snooze(
    person: Annotated[str, typer.Argument(help="Who to snooze.", metavar="PERSON")],
    until: Annotated[
        str | None,
        typer.Option(
            help="Back on the agenda on this day (YYYY-MM-DD).", metavar="DATE"
        ),
    ] = None,
    off: Annotated[bool, typer.Option("--off", help="Lift the snooze now.")] = False,
    json_output: JsonFlag = False,
) -> None:
    """Keep someone off the agenda until a date."""
    if (until is None) == (not off):
        raise InvalidInput("Give either --until DATE or --off.")
    network = ensure_local_network()
    who = resolve_person(network, person)
    when = parse_date(until, what="date") if until is not None else None
    services.snooze(network, who, when)
    if json_output:
        emit_json({"id": who.pk, "name": who.full_name, "snoozed_until": when})
        return
    if when is None:
        stdout().print(f"{who.full_name} is back on the agenda.", markup=False)
    else:
        stdout().print(f"{who.full_name} is off the agenda until {when}.", markup=False)


def register(app: typer.Typer) -> None:
    app.command()(agenda)
    app.command()(dormant)
    app.command()(balance)
    app.command()(snooze)
