"""Brute force for warm-introduction paths: every simple path, enumerated and sorted.

Built from the raw edge list with its own reading of build_graph's rules, so
that it checks the graph as well as the search. Only for small graphs.
"""

import math
from collections.abc import Iterable, Sequence

import numpy as np

from netlife.engines.paths import Path, hop_cost

Edge = tuple[int, int, float]


def adjacency(edges: Iterable[Edge]) -> dict[int, dict[int, float]]:
    """Neighbour -> strength per node, by build_graph's rules in plain Python.

    No self-loops, no strengths <= 0, strengths above 1 as 1, the strongest
    of a pair given twice, at float32 precision as the graph stores them.
    """
    graph: dict[int, dict[int, float]] = {}
    for a, b, strength in edges:
        if a == b or strength <= 0:
            continue
        s = float(np.float32(min(strength, 1.0)))
        for u, v in ((a, b), (b, a)):
            row = graph.setdefault(u, {})
            row[v] = max(row.get(v, 0.0), s)
    return graph


def all_paths(
    edges: Iterable[Edge],
    first_hops: Sequence[tuple[int, float]],
    targets: Iterable[int],
    *,
    max_hops: int,
    excluded: Iterable[int] = (),
) -> list[tuple[float, int, tuple[int, ...], float]]:
    """Every valid path as (cost, hops, nodes, strength), sorted best first.

    Valid: simple, at most max_hops hops, the first node a contact, no
    excluded node, ending at the first target it reaches. Sorted by the
    ranking best_paths promises: summed `hop_cost`, then hops, then nodes.
    """
    graph = adjacency(edges)
    is_target = set(targets)
    blocked = set(excluded)
    contacts: dict[int, float] = {}
    for node, strength in first_hops:
        contacts[node] = max(contacts.get(node, 0.0), strength)
    found: list[tuple[float, int, tuple[int, ...], float]] = []

    def walk(nodes: list[int], strengths: list[float]) -> None:
        here = nodes[-1]
        if here in is_target:
            # A path ends at the first target it reaches.
            cost = float(hop_cost(strengths).sum())
            found.append((cost, len(nodes), tuple(nodes), math.prod(strengths)))
            return
        if len(nodes) == max_hops:
            return
        for nxt, strength in graph.get(here, {}).items():
            if nxt not in blocked and nxt not in nodes:
                walk([*nodes, nxt], [*strengths, strength])

    for contact, strength in contacts.items():
        if contact not in blocked:
            walk([contact], [strength])
    found.sort(key=lambda p: (p[0], p[1], p[2]))
    return found


def best_paths(
    edges: Iterable[Edge],
    first_hops: Sequence[tuple[int, float]],
    targets: Iterable[int],
    *,
    max_hops: int,
    limit: int,
    excluded: Iterable[int] = (),
) -> list[Path]:
    ranked = all_paths(edges, first_hops, targets, max_hops=max_hops, excluded=excluded)
    return [Path(nodes=p[2], strength=p[3]) for p in ranked[:limit]]
