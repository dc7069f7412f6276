"""`path` and `intro-request`: who can introduce you, and along which ties."""

from typing import Annotated

import typer

from netlife.core.errors import InvalidInput
from netlife.core.terminal import JsonFlag, emit_json, stderr, stdout
from netlife.networks.models import Network
from netlife.networks.services import ensure_local_network
from netlife.paths import index, queries
from netlife.people.queries import resolve_person

MaxHops = Annotated[
    int,
    typer.Option("--max-hops", metavar="N", help="Longest path to consider (1-6)."),
]
Limit = Annotated[int, typer.Option("--limit", metavar="K", help="How many paths.")]


def _print_paths(paths: list[queries.WarmPath]) -> None:
    out = stdout()
    for rank, path in enumerate(paths, start=1):
        out.print(f"{rank}. strength {path.strength:.3f}, "
                  f"{len(path.hops) - 1} hop{'s' if len(path.hops) > 2 else ''}",
                  markup=False)  # fmt: skip
        for hop in path.hops[1:]:
            where = f" ({hop.organization})" if hop.organization else ""
            out.print(f"   → {hop.name}{where} — {hop.how}", markup=False,
                      soft_wrap=True)  # fmt: skip


def _note_rebuild(network: Network) -> None:
    # A community of millions of ties takes seconds to read again.
    if stderr().is_terminal and not index.is_current(network):
        stderr().print(
            "Reading who knows whom into the path index (once after ties change)…",
            markup=False,
        )


def path(
    to: Annotated[
        str | None,
        typer.Option("--to", metavar="PERSON", help="The person to reach."),
    ] = None,
    org: Annotated[
        str | None,
        typer.Option("--org", metavar="ORG", help="Anyone at this organization."),
    ] = None,
    max_hops: MaxHops = queries.DEFAULT_HOPS,
    limit: Limit = queries.DEFAULT_LIMIT,
    json_output: JsonFlag = False,
) -> None:
    """The best warm paths to a person or an organization, each hop explained."""
    if (to is None) == (org is None):
        raise InvalidInput("Give --to PERSON or --org ORG (one of them).")
    network = ensure_local_network()
    _note_rebuild(network)
    if to is not None:
        target = resolve_person(network, to)
        found = queries.paths_to_person(network, target, max_hops=max_hops,
                                        limit=limit)  # fmt: skip
        label = target.full_name
    else:
        assert org is not None
        organization, found = queries.paths_to_organization(
            network, org, max_hops=max_hops, limit=limit
        )
        label = f"anyone at {organization.name}"
    if json_output:
        emit_json([p.to_json() for p in found])
        return
    if not found:
        stdout().print(
            f"No path to {label} within {max_hops} hops. Try --max-hops "
            f"{min(max_hops + 1, 6)}, or record who knows whom with `netlife knows`.",
            markup=False,
        )
        return
    stdout().print(f"Best paths to {label}:", markup=False)
    _print_paths(found)


def intro_request(
    person: Annotated[str, typer.Argument(help="Who you want to meet.")],
    max_hops: MaxHops = queries.DEFAULT_HOPS,
    limit: Limit = queries.DEFAULT_LIMIT,
    json_output: JsonFlag = False,
) -> None:
    """Whom to ask for an introduction to PERSON, strongest path first."""
    network = ensure_local_network()
    target = resolve_person(network, person)
    _note_rebuild(network)
    request = queries.intro_request(network, target, max_hops=max_hops, limit=limit)
    if json_output:
        emit_json(request.to_json())
        return
    out = stdout()
    if request.direct:
        out.print(f"You know {target.full_name} yourself: no introduction needed.",
                  markup=False)  # fmt: skip
    if not request.paths:
        if not request.direct:
            out.print(f"Nobody you know leads to {target.full_name} within "
                      f"{max_hops} hops.", markup=False)  # fmt: skip
        return
    out.print(f"Ask for an introduction to {target.full_name}:", markup=False)
    _print_paths(request.paths)


def register(app: typer.Typer) -> None:
    app.command("path")(path)
    app.command("intro-request")(intro_request)
