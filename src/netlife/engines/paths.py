"""Warm introductions: the best few paths from the user to a person or an organization.

"Who can introduce me to X?" and "who do I know at Acme?" are one question:
the best simple paths from the user to a target node, or to any member of a
target set, in at most `max_hops` hops. The user is a virtual source, not a
node: their own ties arrive with each query as `first_hops`. A path's
strength is the product of its hops' strengths, the user's own first hop
included. A path ends at the first target it reaches (it never passes
through one member of an organization to reach another), and excluded
(archived) people are never on a path.

Three modules do the work, and this one is their public face:

- `paths_graph`: the graph, an immutable CSR over people with both
  directions of every tie (`build_graph`), saved as .npy files that worker
  processes map from the page cache (`save_graph`, `load_graph`).
- `paths_bounds`: from the targets' side, a hop at a time, the best key of
  reaching a target from each nearby node within j hops: a lower bound on
  the rest of any path through that node.
- `paths_search`: from the user's side, partial paths grow a tie at a time,
  kept only while their key so far plus that bound can still be among the
  `limit` best, until every path that can is found: the answer is exact.
  Ties are ranked by strength, then fewer hops, then the smaller node
  sequence.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from netlife.engines.paths_graph import (
    COST_SCALE,
    Graph,
    build_graph,
    check_nodes,
    hop_cost,
    load_graph,
    save_graph,
)
from netlife.engines.paths_search import MAX_HOPS, Path, search

__all__ = [
    "COST_SCALE",
    "MAX_HOPS",
    "Graph",
    "Path",
    "best_paths",
    "build_graph",
    "hop_cost",
    "load_graph",
    "save_graph",
]


def best_paths(
    graph: Graph,
    first_hops: tuple[npt.ArrayLike, npt.ArrayLike],
    targets: npt.ArrayLike,
    *,
    max_hops: int = 3,
    limit: int = 3,
    excluded: npt.ArrayLike | None = None,
) -> list[Path]:
    """The `limit` best simple paths from the user to any of targets, best first.

    first_hops is (contact nodes, strengths): the user's own ties. A path has
    at most max_hops hops, the user's own first hop included, ends at the
    first target it reaches and never passes an excluded node. Ranked by
    strength (see `hop_cost`), then fewer hops, then node sequence. [] when
    no path exists.
    """
    n = graph.n_nodes
    if not 1 <= max_hops <= MAX_HOPS:
        raise ValueError(f"max_hops must be between 1 and {MAX_HOPS}.")
    if limit < 1:
        raise ValueError("limit must be at least 1.")
    contacts = np.asarray(first_hops[0], dtype=np.int64).ravel()
    contact_strengths = np.asarray(first_hops[1], dtype=np.float64).ravel()
    if len(contacts) != len(contact_strengths):
        raise ValueError("first_hops must pair every contact with one strength.")
    check_nodes(contacts, n, "first-hop contacts")
    if not ((contact_strengths > 0) & (contact_strengths <= 1)).all():
        raise ValueError("first-hop strengths must be in (0, 1].")
    target_nodes = np.asarray(targets, dtype=np.int64).ravel()
    check_nodes(target_nodes, n, "targets")
    excluded_nodes = np.asarray(
        [] if excluded is None else excluded, dtype=np.int64
    ).ravel()
    check_nodes(excluded_nodes, n, "excluded nodes")
    # A contact listed twice keeps its strongest tie, like a duplicate edge.
    order = np.lexsort((-contact_strengths, contacts))
    contacts, contact_strengths = contacts[order], contact_strengths[order]
    if len(contacts) > 1:
        first = np.empty(len(contacts), dtype=bool)
        first[0] = True
        np.not_equal(contacts[1:], contacts[:-1], out=first[1:])
        if not first.all():
            contacts, contact_strengths = contacts[first], contact_strengths[first]
    return search(
        graph,
        contacts,
        contact_strengths,
        target_nodes,
        excluded_nodes,
        max_hops=max_hops,
        limit=limit,
    )
