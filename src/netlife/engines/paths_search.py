"""The search behind `netlife.engines.paths.best_paths`: the best few simple paths.

Exact best-first enumeration of simple paths from the user, pruned by the
lower bounds of `netlife.engines.paths_bounds`. The module docstring of
`netlife.engines.paths` states the problem; this is how it is solved.

- Keys. A hop's key is its cost (`hop_cost`) * 8 + 1, in float64, where
  these integers add up exactly: a path's key is its cost * 8 + its hops,
  so one comparison orders paths by strength (the product, to about 1e-9
  relative), then by fewer hops, and equal products of the same strengths
  tie exactly in any order. Ties left are broken by the smaller node
  sequence.
- Enumeration. Partial paths from the user grow a tie at a time; one that
  reaches a target is a path (it ends at the first target it reaches), one
  never goes back to a node it passed. Each is kept while its key plus the
  bound on its rest is within `tau`, a key the limit-th best path is known
  to be no worse than: the limit-th best of the paths found, or of the best
  walks found from distinct contacts (a walk from a contact contains a path
  from it no worse). So every path within the final `tau` is found, ties
  included, and the limit best, sorted by key and node sequence, are exact.
- Order. With exact bounds after the contacts, everything kept grows in one
  pass, a depth at a time; reading the contacts' ties in that pass also
  gives each contact its best walk, so `tau` is tight before the second
  hop. With loose bounds (big organizations, long paths), the most
  promising partial paths grow first, in passes that read twice as many
  ties each time, so that the first paths found tighten `tau` before the
  rest is read; a bound one level short of exact is made exact first, once
  a node (`paths_bounds.Bounds.lazy`).

Pure numpy; no Django.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final

import numpy as np

from netlife.engines.paths_bounds import (
    NO_BOUND,
    NO_NODES,
    Bounds,
    Costs,
    Nodes,
    Scratch,
    acquire,
    infinite,
    positions,
    release,
    step,
)
from netlife.engines.paths_graph import Graph, trusted

MAX_HOPS: Final = 6

# Tuning, measured on the 1M-people benchmark graph (docs/benchmarks.md); not
# Final: the tests force every branch on small graphs. With no level at all
# (a big organization), the first pass of loose bounds reads _BATCH ties.
_BATCH = 4_096

_NO_KEYS: Final[Costs] = np.zeros(0)
_NO_INTS: Final[Nodes] = np.zeros((4, 0), dtype=np.int64)


@dataclass(frozen=True, slots=True)
class Path:
    """One way to the target: people in order, first contact first, target last."""

    nodes: tuple[int, ...]
    strength: float  # the product of every hop's strength, the user's own included

    @property
    def hops(self) -> int:
        return len(self.nodes)


def search(
    graph: Graph,
    contacts: Nodes,
    contact_strengths: Costs,
    targets: Nodes,
    excluded: Nodes,
    *,
    max_hops: int,
    limit: int,
) -> list[Path]:
    """`best_paths` on checked arguments: distinct contacts, valid nodes."""
    if not len(targets) or not len(contacts):
        return []
    graph, strongest = trusted(graph)
    scratch = acquire(graph, strongest)
    query = _Query(scratch, max_hops, limit)
    try:
        return query.run(contacts, contact_strengths, targets, excluded)
    finally:
        query.bounds.clear()
        release(graph, scratch)


class _Depth:
    """The partial paths of one depth (hops from the user): growable columns.

    Entry i is node[i], reached from entry parent[i] of the depth before
    over the tie at CSR position at[i] (-1 at depth 1, the user's own), with
    key g[i] so far, on a path from contact root[i] (an index into depth 1).
    """

    __slots__ = ("at", "g", "ints", "node", "parent", "root", "size")

    def __init__(self) -> None:
        self.size = 0
        self.ints = _NO_INTS
        self.node = self.parent = self.root = self.at = NO_NODES
        self.g: Costs = _NO_KEYS

    def add(
        self, node: Nodes, parent: Nodes, root: Nodes, at: Nodes, g: Costs
    ) -> Nodes:
        """Append entries; their indices."""
        start, end = self.size, self.size + len(node)
        if end > len(self.g):
            room = max(end, 2 * len(self.g), 256)
            ints = np.empty((4, room), dtype=np.int64)
            ints[:, :start] = self.ints[:, :start]
            self.ints = ints
            self.node, self.parent, self.root, self.at = ints
            keys = np.empty(room)
            keys[:start] = self.g[:start]
            self.g = keys
        self.node[start:end] = node
        self.parent[start:end] = parent
        self.root[start:end] = root
        self.at[start:end] = at
        self.g[start:end] = g
        self.size = end
        return np.arange(start, end)


# Partial paths waiting to grow: (depth, indices into it, key so far + bound).
_Open = tuple[int, Nodes, Costs]


class _Query:
    """One search: the bounds, then the enumeration from the user."""

    def __init__(self, scratch: Scratch, max_hops: int, limit: int) -> None:
        self.bounds = Bounds(scratch, max_hops)
        self.indptr = scratch.indptr
        self.indices = scratch.indices
        self.weights = scratch.weights
        self.max_hops = max_hops
        self.limit = limit
        self.loose = False  # bounds are not exact after the contacts
        self.batch = _BATCH  # ties the first loose pass reads
        self.levels = [_Depth() for _ in range(max_hops + 1)]
        self.open: list[_Open] = []
        # Paths found: (keys, depth, indices into it).
        self.done: list[tuple[Costs, int, Nodes]] = []
        self.best_done: Costs = _NO_KEYS  # the limit least keys found
        self.upper: Costs = _NO_KEYS  # per contact, its best walk found
        self.tau = NO_BOUND  # see `_bound_tau`

    def run(
        self, contacts: Nodes, strengths: Costs, targets: Nodes, excluded: Nodes
    ) -> list[Path]:
        bounds = self.bounds
        bounds.flag(targets, excluded)
        if len(excluded):
            free = ~bounds.excluded(contacts)
            contacts, strengths = contacts[free], strengths[free]
            if not len(contacts):
                return []
        contact_ties = int((self.indptr[contacts + 1] - self.indptr[contacts]).sum())
        bounds.grow(targets, contacts, contact_ties)
        self.loose = bounds.loose
        if bounds.depth:
            # The contacts' ties are read at once: their bounds are alike.
            self.batch = max(_BATCH, contact_ties)
        self._start(contacts, strengths)
        self._enumerate()
        return self._finish(strengths)

    # --- the enumeration -----------------------------------------------------

    def _start(self, contacts: Nodes, strengths: Costs) -> None:
        """Depth 1: the user's contacts, each with the bound of its paths."""
        g = step(strengths)
        none = np.empty(len(contacts), dtype=np.int64)
        none.fill(-1)
        self.levels[1].add(contacts, none, np.arange(len(contacts)), none, g)
        on, bound, exact = self.bounds.rest(contacts, self.max_hops - 1)
        self.upper = infinite(len(contacts))
        self.upper[on] = g[on] + exact
        self._bound_tau()
        hit = bound == 0
        if hit.any():
            self._found(g[on[hit]], 1, on[hit])
        if self.max_hops > 1:
            on, bound = on[~hit], bound[~hit]
            f = g[on] + bound
            go = (f <= self.tau).nonzero()[0]
            self.open.append((1, on[go], f[go]))

    def _enumerate(self) -> None:
        """Grow what is within `tau` until nothing is: with exact bounds, in
        one pass, a depth at a time; with loose ones, in passes over the
        most promising partial paths, reading twice as many ties each time."""
        if not self.loose:
            for d in range(1, self.max_hops):
                chunks = [chunk for chunk in self.open if chunk[0] == d]
                for _, idx, f in chunks:
                    take = f <= self.tau
                    if take.any():
                        self._expand(d, idx[take])
            return
        passes = 0
        while True:
            waiting = [
                (d, idx[keep], f[keep])
                for d, idx, f in self.open
                if (keep := f <= self.tau).any()
            ]
            if not waiting:
                return
            theta = self._cut(waiting, self.batch << min(passes, 40))
            passes += 1
            # What grows now makes the next pass's choices.
            self.open = []
            for d, idx, f in waiting:
                if self.bounds.depth and self.max_hops - d == self.bounds.depth + 1:
                    f = self._tighten(d, idx, f, theta)
                take = f <= min(theta, self.tau)
                later = ~take & (f <= self.tau)
                if later.any():
                    self.open.append((d, idx[later], f[later]))
                if take.any():
                    self._expand(d, idx[take])

    def _tighten(self, d: int, idx: Nodes, f: Costs, theta: float) -> Costs:
        """The keys + bounds of partial paths of depth d, the bounds of those
        about to grow made exact (read off their nodes' ties, once a node)."""
        chosen = (f <= min(theta, self.tau)).nonzero()[0]
        if not len(chosen):
            return f
        level = self.levels[d]
        nodes = level.node[idx[chosen]]
        self.bounds.lazy(nodes)
        on, exact, _ = self.bounds.rest(nodes, self.max_hops - d)
        f = f.copy()
        f[chosen] = np.inf
        chosen = chosen[on]
        f[chosen] = level.g[idx[chosen]] + exact
        # A walk from the contact, found: a path from it no worse.
        np.minimum.at(self.upper, level.root[idx[chosen]], f[chosen])
        self._bound_tau()
        return f

    def _cut(self, waiting: list[_Open], ties: int) -> float:
        """The bound up to which the most promising partial paths read about
        `ties` ties (at least one path)."""
        f = np.concatenate([f for _, _, f in waiting])
        nodes = np.concatenate([self.levels[d].node[idx] for d, idx, _ in waiting])
        degree = self.indptr[nodes + 1] - self.indptr[nodes]
        if int(degree.sum()) <= ties:
            return float(f.max())
        order = f.argsort(kind="stable")
        reading = degree[order].cumsum()
        last = max(int(reading.searchsorted(ties, side="right")), 1)
        return float(f[order[last - 1]])

    def _expand(self, d: int, idx: Nodes) -> None:
        """Grow these partial paths of depth d by each of their ties."""
        level = self.levels[d]
        if d == 1 and self.bounds.contact_ties is not None:
            # Read already: the contacts' ties.
            at, reached, ends, degree = self.bounds.contact_ties
            if len(idx) < level.size:
                some, ends = positions((ends - degree)[idx], degree[idx])
                at, reached = at[some], reached[some]
        else:
            lo = self.indptr[level.node[idx]]
            at, ends = positions(lo, self.indptr[level.node[idx] + 1] - lo)
            reached = self.indices[at].astype(np.int64)
        hops_left = self.max_hops - d - 1
        on, bound, exact = self.bounds.rest(reached, hops_left)
        if not len(on):
            return
        parent = idx[ends.searchsorted(on, side="right")]
        reached, at = reached[on], at[on]
        g = level.g[parent]
        g += step(self.weights[at])
        f = g + bound
        root = level.root[parent]
        if self.loose or d == 1:
            # A walk from the contact, found: a path from it no worse.
            np.minimum.at(self.upper, root, g + exact)
            self._bound_tau()
        keep = (f <= self.tau).nonzero()[0]
        if d > 1 and len(keep):
            # Simple paths: not a node already on the way.
            up = level.parent[parent[keep]]
            simple = np.ones(len(keep), dtype=bool)
            for e in range(d - 1, 0, -1):
                simple &= reached[keep] != self.levels[e].node[up]
                if e > 1:
                    up = self.levels[e].parent[up]
            keep = keep[simple]
        if not len(keep):
            return
        g, f = g[keep], f[keep]
        new = self.levels[d + 1].add(
            reached[keep], parent[keep], root[keep], at[keep], g
        )
        hit = bound[keep] == 0
        if hit.any():
            self._found(g[hit], d + 1, new[hit])
        if hops_left:
            go = ~hit
            self.open.append((d + 1, new[go], f[go]))

    def _found(self, keys: Costs, d: int, idx: Nodes) -> None:
        self.done.append((keys, d, idx))
        best = np.concatenate([self.best_done, keys])
        if len(best) > self.limit:
            best = best[best.argpartition(self.limit - 1)[: self.limit]]
        self.best_done = best
        self._bound_tau()

    def _bound_tau(self) -> None:
        """tau: a key the limit-th best path is no worse than. The limit-th
        best of the paths found, or of the contacts' best walks (distinct
        contacts, so distinct paths), whichever is less."""
        tau = NO_BOUND
        limit = self.limit
        if len(self.upper) >= limit:
            tau = float(self.upper[self.upper.argpartition(limit - 1)[limit - 1]])
        if len(self.best_done) == limit:
            tau = min(tau, float(self.best_done.max()))
        self.tau = min(tau, NO_BOUND)

    def _finish(self, strengths: Costs) -> list[Path]:
        """The limit best paths found, by key and then node sequence."""
        if not self.done:
            return []
        keys = np.concatenate([k for k, _, _ in self.done])
        depth = np.concatenate([np.full(len(k), d) for k, d, _ in self.done])
        index = np.concatenate([i for _, _, i in self.done])
        if len(keys) > self.limit:
            worst = keys[keys.argpartition(self.limit - 1)[self.limit - 1]]
            within = keys <= worst
            keys, depth, index = keys[within], depth[within], index[within]
        found = []
        for key, d, i in zip(
            keys.tolist(), depth.tolist(), index.tolist(), strict=True
        ):
            nodes, hops = [], []
            for e in range(d, 0, -1):
                level = self.levels[e]
                nodes.append(int(level.node[i]))
                hops.append(
                    float(strengths[i]) if e == 1 else float(self.weights[level.at[i]])
                )
                i = int(level.parent[i])
            found.append((key, tuple(reversed(nodes)), math.prod(reversed(hops))))
        found.sort()
        return [Path(nodes=nodes, strength=s) for _, nodes, s in found[: self.limit]]
