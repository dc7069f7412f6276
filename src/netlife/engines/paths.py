"""Warm introductions: the best few paths from the user to a person or an organization.

"Who can introduce me to X?" and "who do I know at Acme?" are one question:
the best simple paths from the user to a target node, or to any member of a
target set, in at most `max_hops` hops. The user is a virtual source, not a
node: their own ties arrive with each query as `first_hops`. A path's
strength is the product of its hops' strengths, the user's own first hop
included. A path ends at the first target it reaches (it never passes
through one member of an organization to reach another), and excluded
(archived) people are never on a path.

The graph is an immutable CSR over people, both directions of every edge
(`build_graph`), saved as .npy files that worker processes map from the page
cache (`save_graph`, `load_graph`). The search is the exact hop-bounded
meet-in-the-middle of shared/notes/performance.md, part A, in numpy:

- Exact arithmetic. A hop costs round(-log2(strength) * 2**32) units
  (`hop_cost`); a walk's *key* is its cost * 8 + its hops, kept in float64,
  where these integers add up exactly. One comparison of keys orders walks
  by strength (the product, to about 1e-9 relative) and then by fewer hops;
  equal products of the same strengths tie exactly in any order of hops.
  Ties left are broken by the smaller node sequence.
- One search. Per side it keeps the best key of reaching each node in at
  most i hops from the user (forward) and from the targets (backward), one
  level at a time: only nodes whose key dropped at the last level are
  relaxed, the side whose frontier has fewer edges grows, and frontier
  entries that cannot beat the best meeting so far are dropped. When the
  levels add up to the hop budget, every path within it has been seen at a
  meeting node, so the best key is exact. Every edge that set a node's key
  at a level is recorded, ties included, and the smallest node sequence
  among the best paths is read off that record.
- Walks are enough. The per-level keys are over walks, but a walk that
  repeats a node drops the cycle and becomes a path that is no costlier and
  shorter, so the best key always belongs to simple paths only.
- The `limit` best paths come from Lawler's form of Yen's algorithm: once a
  path is listed, the paths left in its subproblem split into "the same
  first i nodes, then not this next node" subproblems, each solved by one
  search from the i-th node with the first i nodes blocked. Searches get a
  bound: the key of the worst of the paths already known that could still
  fill the list.
- Shared work. The first search leaves its backward levels (the *ball*) for
  the others: exact for the searches from the user, a relaxation for those
  from a node of a path (their blocked nodes may lie in the ball), whose
  answer stands when it avoids the blocked nodes and is searched for again
  exactly when not. The ball also bounds a subproblem before any search,
  and the user's contacts' edges into the ball give the best path from each
  contact, which bounds the searches that follow.
- Short paths first. For a big target set (an organization of thousands),
  whose backward side is costly to grow, a probe reads rows outward from a
  search's start nodes, cheapest bound first: it lists the paths of one to
  three hops it meets and bounds every other path by the keys so far plus
  the strongest tie out of the node reached (per node, computed once per
  graph; no hop lowers a key). When the best listed path is below every
  bound, it is the search's answer, ties included (equal keys have equal
  hops); when it is not within a bounded number of rows, the search runs
  as before. Only for graphs with strictly sorted rows and strengths in (0, 1],
  as `build_graph` makes them.

Scratch (three keys per node) is allocated once per graph and reset only
where a query touched it. Pure numpy; no Django.
"""

from __future__ import annotations

import functools
import heapq
import math
import os
import pathlib
import threading
import weakref
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import numpy.typing as npt

MAX_HOPS: Final = 6
COST_SCALE: Final = 2.0**32  # cost units per halving of strength

_FILES: Final = ("indptr", "indices", "weights")
# A finite stand-in for "no bound", so that `cost <= bound` also rules out inf.
_NO_BOUND: Final = 1e300

Nodes = npt.NDArray[np.integer[Any]]
Costs = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True, eq=False, weakref_slot=True)
class Graph:
    """Undirected ties among people as CSR arrays, both directions of every edge.

    Node v's neighbours are `indices[indptr[v]:indptr[v + 1]]`, with their tie
    strengths in (0, 1] at the same positions of `weights`. `build_graph`
    makes one from edge arrays; rows it builds are sorted by neighbour.
    """

    indptr: npt.NDArray[np.int64]
    indices: npt.NDArray[np.int32]
    weights: npt.NDArray[np.float32]

    def __post_init__(self) -> None:
        if self.indptr.ndim != 1 or len(self.indptr) < 1:
            raise ValueError("indptr must be a one-dimensional array of n_nodes + 1.")
        if self.indices.shape != self.weights.shape or self.indices.ndim != 1:
            raise ValueError("indices and weights must be one-dimensional and aligned.")
        if int(self.indptr[-1]) != len(self.indices):
            raise ValueError("indptr must end at the number of stored neighbours.")

    @property
    def n_nodes(self) -> int:
        return len(self.indptr) - 1

    @property
    def n_edges(self) -> int:
        """Undirected edges: every one is stored in both directions."""
        return len(self.indices) // 2


@dataclass(frozen=True, slots=True)
class Path:
    """One way to the target: people in order, first contact first, target last."""

    nodes: tuple[int, ...]
    strength: float  # the product of every hop's strength, the user's own included

    @property
    def hops(self) -> int:
        return len(self.nodes)


def hop_cost(strengths: npt.ArrayLike) -> Costs:
    """The cost of hops with these strengths, in the units paths are ranked by.

    round(-log2(strength) * 2**32), as integral float64: a path's cost is the
    sum over its hops, exact for any path of at most MAX_HOPS + 1 hops.
    """
    cost: Costs = np.log2(np.asarray(strengths), dtype=np.float64)
    cost *= -COST_SCALE
    np.rint(cost, out=cost)
    # rint(-0.0) is -0.0, which compares equal to 0.0 but prints oddly.
    cost += 0.0
    return cost


def build_graph(
    n_nodes: int,
    a: npt.ArrayLike,
    b: npt.ArrayLike,
    strength: npt.ArrayLike,
) -> Graph:
    """The CSR graph of n_nodes people from undirected edges (a[k], b[k], strength[k]).

    Self-loops and strengths <= 0 are dropped, strengths above 1 count as 1,
    and a pair given more than once keeps its strongest tie. Works in bulk
    (two sorts and a few passes), so 10M edges take about a second.
    """
    if n_nodes < 0 or n_nodes >= 2**31:
        raise ValueError("n_nodes must be between 0 and 2**31 - 1.")
    a_arr = np.asarray(a, dtype=np.int64).ravel()
    b_arr = np.asarray(b, dtype=np.int64).ravel()
    s_arr = np.asarray(strength, dtype=np.float64).ravel()
    if not len(a_arr) == len(b_arr) == len(s_arr):
        raise ValueError("a, b and strength must have the same length.")
    _check_nodes(a_arr, n_nodes, "edge ends")
    _check_nodes(b_arr, n_nodes, "edge ends")
    if np.isnan(s_arr).any():
        raise ValueError("edge strengths must be numbers, not NaN.")

    keep = (a_arr != b_arr) & (s_arr > 0)
    lo = np.minimum(a_arr, b_arr)[keep]
    hi = np.maximum(a_arr, b_arr)[keep]
    s32 = np.minimum(s_arr[keep], 1.0).astype(np.float32)
    del a_arr, b_arr, s_arr, keep

    # Duplicates: sort by pair, keep each pair's strongest.
    order, pair = _argsort_with_keys(lo * n_nodes + hi)
    del lo, hi
    starts = np.flatnonzero(np.diff(pair, prepend=-1))
    s_sorted = s32[order]
    del order, s32
    strongest = (
        np.maximum.reduceat(s_sorted, starts) if len(starts) else s_sorted[:0].copy()
    )
    del s_sorted
    pair = pair[starts]
    lo, hi = np.divmod(pair, n_nodes) if n_nodes else (pair, pair)
    del pair

    # Each row is its neighbours below it (from the pairs sorted by (hi, lo))
    # then those above it (from the pairs sorted by (lo, hi)): sorted rows.
    n_below = np.bincount(hi, minlength=n_nodes)
    n_above = np.bincount(lo, minlength=n_nodes)
    indptr = np.zeros(n_nodes + 1, dtype=np.int64)
    np.cumsum(n_below + n_above, out=indptr[1:])
    edges = len(lo)
    indices = np.empty(2 * edges, dtype=np.int32)
    weights = np.empty(2 * edges, dtype=np.float32)
    rank = np.arange(edges, dtype=np.int64)

    # indptr[lo] + n_below[lo] + (rank - pairs with a smaller lo) simplifies to:
    above_at = rank + np.cumsum(n_below)[lo]
    indices[above_at] = hi
    weights[above_at] = strongest
    del above_at

    order, below_pair = _argsort_with_keys(hi * n_nodes + lo)
    del below_pair
    hi_sorted = hi[order]
    # indptr[hi] + (rank - pairs with a smaller hi) simplifies to:
    below_at = rank + (np.cumsum(n_above) - n_above)[hi_sorted]
    del hi_sorted
    indices[below_at] = lo[order]
    weights[below_at] = strongest[order]
    return Graph(indptr=indptr, indices=indices, weights=weights)


def _argsort_with_keys(
    keys: npt.NDArray[np.int64],
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """(argsort of keys, sorted keys), by one value sort when key and index fit 64 bits.

    numpy sorts plain integers several times faster than it argsorts them, so
    the index rides in the low bits of the key.
    """
    count = len(keys)
    top = int(keys.max()) if count else 0
    key_bits = max(top.bit_length(), 1)
    index_bits = max((count - 1).bit_length(), 1)
    if key_bits + index_bits > 64:
        order = np.argsort(keys)
        return order.astype(np.int64), keys[order]
    packed = keys.astype(np.uint64) << np.uint64(index_bits)
    packed |= np.arange(count, dtype=np.uint64)
    packed.sort()
    order = (packed & np.uint64((1 << index_bits) - 1)).astype(np.int64)
    packed >>= np.uint64(index_bits)
    return order, packed.astype(np.int64)


def save_graph(graph: Graph, folder: str | os.PathLike[str]) -> None:
    """Write the graph as .npy files in folder (created if missing)."""
    where = pathlib.Path(folder)
    where.mkdir(parents=True, exist_ok=True)
    np.save(where / "indptr.npy", np.asarray(graph.indptr, dtype=np.int64))
    np.save(where / "indices.npy", np.asarray(graph.indices, dtype=np.int32))
    np.save(where / "weights.npy", np.asarray(graph.weights, dtype=np.float32))


def load_graph(folder: str | os.PathLike[str], *, mmap: bool = True) -> Graph:
    """Read a graph written by `save_graph`.

    With mmap (the default) the arrays are read-only maps of the files, so
    every process serving queries shares one copy in the page cache.
    """
    where = pathlib.Path(folder)
    mode: Any = "r" if mmap else None
    arrays = [np.load(where / f"{name}.npy", mmap_mode=mode) for name in _FILES]
    indptr, indices, weights = arrays
    if (
        indptr.dtype != np.int64
        or indices.dtype != np.int32
        or weights.dtype != np.float32
    ):
        raise ValueError(f"{where} does not hold a graph written by save_graph.")
    return Graph(indptr=indptr, indices=indices, weights=weights)


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
    _check_nodes(contacts, n, "first-hop contacts")
    if not ((contact_strengths > 0) & (contact_strengths <= 1)).all():
        raise ValueError("first-hop strengths must be in (0, 1].")
    target_nodes = _unique(np.asarray(targets, dtype=np.int64).ravel())
    _check_nodes(target_nodes, n, "targets")
    excluded_nodes = _unique(
        np.asarray([] if excluded is None else excluded, dtype=np.int64).ravel()
    )
    _check_nodes(excluded_nodes, n, "excluded nodes")

    scratch = _acquire(graph)
    try:
        return _Query(
            graph, scratch, contacts, contact_strengths, target_nodes, excluded_nodes
        ).best(max_hops, limit)
    finally:
        _release(graph, scratch)


def _unique(nodes: Nodes) -> Nodes:
    """The sorted distinct nodes (np.unique hashes, which is slower here)."""
    if len(nodes) > 1 and bool((nodes[1:] > nodes[:-1]).all()):
        return nodes  # already so: a big organization's members often are
    nodes = np.sort(nodes)
    if len(nodes) > 1:
        first = np.empty(len(nodes), dtype=bool)
        first[0] = True
        np.not_equal(nodes[1:], nodes[:-1], out=first[1:])
        nodes = nodes[first]
    return nodes


def _check_nodes(nodes: Nodes, n_nodes: int, what: str) -> None:
    if len(nodes) and (int(nodes.min()) < 0 or int(nodes.max()) >= n_nodes):
        raise ValueError(f"{what} must be node indices from 0 to {n_nodes - 1}.")


_FORWARD: Final = 0
_BACKWARD: Final = 1
_BALL: Final = 2


class _Scratch:
    """Per-node state one query at a time works in; all-clear between queries.

    key[v, 0] is the best key (see `_step`) of a walk from the origin to v
    (forward), key[v, 1] of a walk from v to a target (backward), at the
    current level: inf where unreached, and NaN on blocked nodes (excluded,
    or on the fixed part of a path), where every comparison is false, so one
    read tells both. key[v, 2] keeps the query's shared backward levels (see
    `_Ball`). A node's keys share a cache line: most reads are random.
    """

    __slots__ = ("key", "mark", "target")

    def __init__(self, n: int) -> None:
        self.key = np.full((n, 3), np.inf)
        self.mark = np.zeros(n, dtype=bool)
        self.target = np.zeros(n, dtype=bool)  # set for the probe's queries only

    def block(self, nodes: Nodes) -> None:
        self.key[nodes, :2] = np.nan

    def unblock(self, nodes: Nodes) -> None:
        self.key[nodes, :2] = np.inf


# Free scratch per graph. Web workers run queries on threads, so each query
# takes its own (a second one is made only when two queries overlap).
_POOL: weakref.WeakKeyDictionary[Graph, list[_Scratch]] = weakref.WeakKeyDictionary()
_POOL_LOCK = threading.Lock()


def _acquire(graph: Graph) -> _Scratch:
    with _POOL_LOCK:
        free = _POOL.setdefault(graph, [])
        if free:
            return free.pop()
    return _Scratch(graph.n_nodes)


def _release(graph: Graph, scratch: _Scratch) -> None:
    with _POOL_LOCK:
        _POOL.setdefault(graph, []).append(scratch)


_HOPS: Final = 8.0  # a key is cost * _HOPS + hops, for at most 7 hops

# Per graph: the least key of one hop out of each node (inf without ties), or
# None when the probe may not trust the graph (see `_least_steps`).
_LEAST: weakref.WeakKeyDictionary[Graph, tuple[Costs, float] | None] = (
    weakref.WeakKeyDictionary()
)


def _least_steps(graph: Graph) -> tuple[Costs, float] | None:
    """The key of each node's strongest tie, and the least of them, once per graph.

    None unless every row is strictly sorted (no tie listed twice) and every
    strength is in (0, 1] (no hop lowers a key), as `build_graph` makes them:
    the probe's bound and its reading of paths rely on both.
    """
    with _POOL_LOCK:
        if graph in _LEAST:
            return _LEAST[graph]
    indptr = np.asarray(graph.indptr)
    indices = np.asarray(graph.indices)
    weights = np.asarray(graph.weights)
    n = graph.n_nodes
    least: tuple[Costs, float] | None = None
    trusted = bool(((weights > 0) & (weights <= 1)).all())
    if trusted and len(indices) > 1:
        rising = indices[1:] > indices[:-1]
        # A row's first entry may be anything: only pairs within a row count.
        row_start = indptr[1:-1]
        row_start = row_start[(row_start > 0) & (row_start < len(indices))]
        rising[row_start - 1] = True
        trusted = bool(rising.all())
    if trusted:
        strongest = np.zeros(n, dtype=np.float64)
        filled = indptr[1:] > indptr[:-1]
        if len(indices):
            starts = indptr[:-1][filled]
            strongest[filled] = np.maximum.reduceat(weights, starts)
        steps = np.full(n, np.inf)
        steps[filled] = _step(strongest[filled])
        least = (steps, float(steps.min()) if n else np.inf)
    with _POOL_LOCK:
        _LEAST[graph] = least
    return least


def _step(strengths: npt.ArrayLike) -> Costs:
    """The key of hops with these strengths: their cost, and one hop each.

    Keys add up along a walk to cost * 8 + hops, so one comparison of keys
    orders walks by cost and then by fewer hops, and a key's hops are
    `key % 8`. Still exact: below 2**46 for MAX_HOPS hops.
    """
    key = hop_cost(strengths)
    key *= _HOPS
    key += 1.0
    return key


@dataclass(frozen=True, slots=True)
class _Found:
    """A path as the ranking sees it, and the subproblem it is the best of.

    In that subproblem the first `fixed` nodes are given and the next node is
    none of `banned`.
    """

    key: float
    nodes: tuple[int, ...]
    strengths: tuple[float, ...]
    fixed: int
    banned: frozenset[int]

    @property
    def rank(self) -> tuple[float, tuple[int, ...]]:
        return (self.key, self.nodes)


_Best = tuple[float, tuple[int, ...], tuple[float, ...]]  # key, nodes, strengths
_Frontier = tuple[Nodes, Costs, Nodes]  # nodes, their keys, their degrees
_Edges = tuple[Nodes, Nodes, Nodes]  # node, the neighbour it came from, CSR position
_Candidates = tuple[Nodes, Nodes, Nodes, Costs]  # from, to, CSR position, key


@dataclass(frozen=True, slots=True)
class _Ball:
    """The backward levels 0..level the first search built, kept for the others.

    Built with nothing but the excluded nodes blocked and no bound, they are
    exact for every search from the user. A search from a node of a path
    (whose first nodes are blocked too) uses them as a relaxation: its
    answer stands when it avoids the blocked nodes, and is searched again
    exactly when not.
    """

    level: int
    # Every node with a ball key, targets included (some more than once).
    nodes: Nodes
    frontier: _Frontier  # the nodes whose key dropped at `level`
    frontier_size: int  # their degrees added up
    # The least key from a node beyond the ball: one hop to a node at least
    # one hop from a target.
    beyond: float
    edges: dict[int, _Edges]


class _Query:
    """One best_paths call: Lawler's partition over `_Search` runs."""

    def __init__(
        self,
        graph: Graph,
        scratch: _Scratch,
        contacts: npt.NDArray[np.int64],
        contact_strengths: Costs,
        targets: Nodes,
        excluded: Nodes,
    ) -> None:
        # Plain views: indexing a memmap pays for a subclass on every result.
        self.indptr = np.asarray(graph.indptr)
        self.indices = np.asarray(graph.indices)
        self.weights = np.asarray(graph.weights)
        self.scratch = scratch
        self.excluded = excluded
        self.targets = (
            targets[~np.isin(targets, excluded)] if len(excluded) else targets
        )
        # A contact listed twice keeps its strongest tie, like a duplicate edge.
        keep = ~np.isin(contacts, excluded)
        order = np.lexsort((-contact_strengths[keep], contacts[keep]))
        contacts = contacts[keep][order]
        contact_strengths = contact_strengths[keep][order]
        first = np.flatnonzero(np.diff(contacts, prepend=-1))
        self.contacts = contacts[first]
        self.contact_strengths = contact_strengths[first]
        self.ball: _Ball | None = None
        self.sharing = False
        self.least = _least_steps(graph)
        # The probe's reading of the contacts, once (see `_probe`), and the
        # ties the query's probes may still read: a share of what the targets'
        # rows hold (about), which a search's backward side would read.
        self.user_probe: _Probe | None = None
        ties = len(self.targets) * len(self.indices) / max(graph.n_nodes, 1)
        self.probe_reads = min(_PROBE_EDGES, _PROBE_SHARE * ties)
        # The edges from the contacts into the ball, once a search needed them.
        self.join: _Candidates | None = None
        # (key, first contact) of paths from different contacts, best first.
        self.labels: list[tuple[float, int]] = []

    @functools.cached_property
    def target_degree(self) -> Nodes:
        # Only once a search needs it: for many targets, reading their rows'
        # bounds costs as much as a probe.
        degree: Nodes = self.indptr[self.targets + 1] - self.indptr[self.targets]
        return degree

    @functools.cached_property
    def target_size(self) -> int:
        return int(self.target_degree.sum())

    def best(self, max_hops: int, limit: int) -> list[Path]:
        if not len(self.targets) or not len(self.contacts):
            return []
        self.scratch.block(self.excluded)
        probing = self.least is not None and len(self.targets) > _PROBE_TARGETS
        if probing:
            self.scratch.target[self.targets] = True
        try:
            return self._lawler(max_hops, limit)
        finally:
            if probing:
                self.scratch.target[self.targets] = False
            self.scratch.unblock(self.excluded)
            if self.ball is not None:
                self.scratch.key[self.ball.nodes, _BALL] = np.inf

    def _lawler(self, max_hops: int, limit: int) -> list[Path]:
        # One path needs no second search to share levels with.
        self.sharing = limit > 1
        first = self._spur((), 0.0, (), frozenset(), max_hops, _NO_BOUND)
        if first is None:
            return []
        candidates = [(first.rank, first)]
        taken: list[_Found] = []
        while candidates and len(taken) < limit:
            _, path = heapq.heappop(candidates)
            taken.append(path)
            if len(taken) == limit:
                break
            keys = np.cumsum(_step(np.asarray(path.strengths)))
            # Longest fixed part first: those searches are cheap, and what they
            # find bounds the longer searches that follow.
            for i in range(len(path.nodes) - 1, path.fixed - 1, -1):
                banned = path.banned if i == path.fixed else frozenset()
                banned = banned | {path.nodes[i]}
                found = self._spur(
                    path.nodes[:i],
                    float(keys[i - 1]) if i else 0.0,
                    path.strengths[:i],
                    banned,
                    max_hops - i,
                    self._bound(candidates, taken, limit),
                )
                if found is not None:
                    heapq.heappush(candidates, (found.rank, found))
        return [Path(nodes=p.nodes, strength=math.prod(p.strengths)) for p in taken]

    def _bound(
        self,
        candidates: list[tuple[tuple[float, tuple[int, ...]], _Found]],
        taken: list[_Found],
        limit: int,
    ) -> float:
        """A key no path still to be listed is worse than.

        `need` paths are still to be listed: any `need` distinct paths not
        yet listed bound the worst of them, whether candidates or the best
        paths from contacts that no listed path starts at.
        """
        need = limit - len(taken)
        bound = _NO_BOUND
        if len(candidates) >= need:
            bound = heapq.nsmallest(need, candidates)[-1][0][0]
        firsts = {p.nodes[0] for p in taken}
        others = [key for key, contact in self.labels if contact not in firsts][:need]
        if len(others) == need:
            bound = min(bound, others[-1])
        return bound

    def _spur(
        self,
        prefix: tuple[int, ...],
        prefix_key: float,
        prefix_strengths: tuple[float, ...],
        banned: frozenset[int],
        budget: int,
        bound: float,
    ) -> _Found | None:
        """The best path that starts with prefix and whose next node is not banned."""
        if prefix:
            row = slice(self.indptr[prefix[-1]], self.indptr[prefix[-1] + 1])
            starts: Nodes = self.indices[row]
            strengths = self.weights[row].astype(np.float64)
        else:
            starts, strengths = self.contacts, self.contact_strengths
        if banned:
            keep = starts != -1
            for node in banned:  # a few nodes: cheaper than np.isin
                keep &= starts != node
            starts, strengths = starts[keep], strengths[keep]
        if prefix and self.ball is not None:
            # The ball ignores the fixed part and counts hops loosely: a
            # lower bound, and often enough to know there is nothing here.
            rest = self.scratch.key[starts, _BALL]
            if budget - 1 > self.ball.level:
                # A longer walk may be cheaper than any within the ball.
                rest = np.minimum(rest, self.ball.beyond)
            reach = _step(strengths) + rest
            if not len(reach) or prefix_key + reach.min() > bound:
                return None
        prefix_nodes = np.asarray(prefix, dtype=np.int64)
        self.scratch.block(prefix_nodes)
        try:
            keep = ~np.isnan(self.scratch.key[starts, _FORWARD])
            starts, strengths = starts[keep], strengths[keep]
            relative = bound - prefix_key
            best = None
            probed = self._probe(prefix, banned, starts, strengths, budget, relative)
            if probed is not None:
                best = probed[0]
            ball = None if probed is not None else self.ball
            if ball is not None and ball.level < budget:
                try:
                    best = _Search(self, from_user=not prefix, ball=ball).run(
                        starts, strengths, budget, relative
                    )
                except _Unrelaxed:
                    ball = None
                # The ball ignores the fixed part: a path through it is no answer.
                if best is not None and not set(best[1]).isdisjoint(prefix):
                    ball = None
            if probed is None and (ball is None or ball.level >= budget):
                best = _Search(
                    self, from_user=not prefix, root=self.sharing and not prefix
                ).run(starts, strengths, budget, relative)
        finally:
            self.scratch.unblock(prefix_nodes)
        if best is None:
            return None
        key, nodes, spur_strengths = best
        return _Found(
            key=prefix_key + key,
            nodes=prefix + nodes,
            strengths=prefix_strengths + spur_strengths,
            fixed=len(prefix),
            banned=banned,
        )

    def _probe(
        self,
        prefix: tuple[int, ...],
        banned: frozenset[int],
        starts: Nodes,
        strengths: Costs,
        budget: int,
        relative: float,
    ) -> tuple[_Best | None] | None:
        """The spur's answer from its short paths, when they settle it.

        Reading rows outward from the starts, cheapest bound first, lists
        paths of one to three hops and bounds the keys of the rest (see
        `_Probe`). The best listed path is the answer when its key is below
        every bound; there is none within the search's bound when both are
        above it. Equal keys mean equal hops, so ties are only among listed
        paths of one length, broken by node sequence as the search does.
        (answer,) when settled, with None for "nothing within the bound";
        None when the search must decide.
        """
        if self.least is None or len(self.targets) <= _PROBE_TARGETS:
            # Few targets: the search's backward side is cheap, the probe not.
            return None
        allowed: npt.NDArray[np.bool_] | None = None
        if prefix:
            probe = self._start_probe(starts, strengths, budget)
        else:
            if self.user_probe is None:
                self.user_probe = self._start_probe(
                    self.contacts, self.contact_strengths, budget
                )
            probe = self.user_probe
            if banned:
                # The spur's starts are the contacts less the banned ones.
                mark = self.scratch.mark
                mark[starts] = True
                allowed = mark[self.contacts]
                mark[starts] = False
        strongest = self.least[1]
        while True:
            key, nodes, path_strengths = probe.best(allowed, self.weights)
            rest = (
                probe.rest if allowed is None else np.where(allowed, probe.rest, np.inf)
            )
            # The rows that may still change the answer: of the starts, then
            # of the second nodes of walks, whose bound is below the best path
            # so far. Without one yet, the most promising first.
            cutoff = min(key, relative)
            starts_open = ~probe.read & (rest <= cutoff)
            walks_open = ~probe.via_read & (probe.via_rest <= cutoff)
            if allowed is not None:
                walks_open &= allowed[probe.via_start]
            first = float(rest[starts_open].min()) if starts_open.any() else np.inf
            then = (
                float(probe.via_rest[walks_open].min()) if walks_open.any() else np.inf
            )
            deeper = then < first
            pending, lowest = (walks_open, then) if deeper else (starts_open, first)
            if key == np.inf:
                pending &= (probe.via_rest if deeper else rest) <= lowest + strongest
            reading = np.flatnonzero(pending)
            if not len(reading):
                break
            nodes_read = probe.via[reading] if deeper else probe.starts[reading]
            size = int((self.indptr[nodes_read + 1] - self.indptr[nodes_read]).sum())
            if size > self.probe_reads:
                self.probe_reads = 0  # not worth it here: leave it to the searches
                return None
            self.probe_reads -= size
            if deeper:
                self._read_via(probe, reading)
            else:
                self._read_ties(probe, reading)
        longer = float(rest.min()) if len(rest) else np.inf
        if key > relative and longer > relative:
            return (None,)
        if key < longer:
            return ((key, nodes, path_strengths),)
        return None

    def _start_probe(self, starts: Nodes, strengths: Costs, budget: int) -> _Probe:
        """The paths of one hop from these starts, and bounds on the rest."""
        assert self.least is not None
        start_keys = _step(strengths)
        ends_here = self.scratch.target[starts]
        one = np.flatnonzero(ends_here)
        probe = _Probe(
            starts=starts,
            strengths=strengths,
            start_keys=start_keys,
            budget=budget,
            start=one,
            middle=np.full(len(one), -1),
            end=np.full(len(one), -1),
            key=start_keys[one],
            at=np.full(len(one), -1),
            rest=np.full(len(starts), np.inf),
            read=ends_here.copy(),
            via_start=np.zeros(0, dtype=np.int64),
            via=np.zeros(0, dtype=np.int64),
            via_at=np.zeros(0, dtype=np.int64),
            via_key=np.zeros(0),
            via_rest=np.zeros(0),
            via_read=np.zeros(0, dtype=bool),
        )
        if budget < 2:
            probe.read[:] = True
            return probe
        inner: Nodes = np.flatnonzero(~ends_here)
        # A path of two hops or more: the start's key and its strongest tie.
        probe.rest[inner] = start_keys[inner] + self.least[0][starts[inner]]
        return probe

    def _read_ties(self, probe: _Probe, inner: Nodes) -> None:
        """Read the rows of these unread non-target starts: their paths of two
        hops, and with three hops or more left, a bound on their longer ones."""
        assert self.least is not None
        least = self.least[0]
        reached, tie, which = _gather(self.indptr, self.indices, probe.starts[inner])
        which = inner[which]
        keys = probe.start_keys[which] + _step(self.weights[tie])
        done = self.scratch.target[reached]
        two = np.flatnonzero(done)
        probe.start = np.concatenate([probe.start, which[two]])
        probe.middle = np.concatenate([probe.middle, np.full(len(two), -1)])
        probe.end = np.concatenate([probe.end, reached[two]])
        probe.key = np.concatenate([probe.key, keys[two]])
        probe.at = np.concatenate([probe.at, tie[two]])
        probe.read[inner] = True
        probe.rest[inner] = np.inf
        if probe.budget >= 3:
            # Walks of three hops or more go on from a non-target that is not
            # blocked (blocked nodes have a NaN forward key).
            on = np.flatnonzero(~done & (reached != probe.starts[which]))
            on = on[~np.isnan(self.scratch.key[reached[on], _FORWARD])]
            bound = keys[on] + least[reached[on]]
            np.minimum.at(probe.rest, which[on], bound)
            probe.via_start = np.concatenate([probe.via_start, which[on]])
            probe.via = np.concatenate([probe.via, reached[on]])
            probe.via_at = np.concatenate([probe.via_at, tie[on]])
            probe.via_key = np.concatenate([probe.via_key, keys[on]])
            probe.via_rest = np.concatenate([probe.via_rest, bound])
            probe.via_read = np.concatenate([probe.via_read, np.zeros(len(on), bool)])

    def _read_via(self, probe: _Probe, pairs: Nodes) -> None:
        """Read the rows of these walks' second nodes: a third hop to a target
        ends a path of three hops, listed; with four hops or more left, a hop
        on to an unblocked non-target other than the start bounds the longer
        paths by that node's strongest tie."""
        assert self.least is not None
        least = self.least[0]
        reached, tie, which = _gather(self.indptr, self.indices, probe.via[pairs])
        step = _step(self.weights[tie])
        done = self.scratch.target[reached]
        three = np.flatnonzero(done)
        walk = pairs[which[three]]
        probe.start = np.concatenate([probe.start, probe.via_start[walk]])
        probe.middle = np.concatenate([probe.middle, walk])
        probe.end = np.concatenate([probe.end, reached[three]])
        probe.key = np.concatenate([probe.key, probe.via_key[walk] + step[three]])
        probe.at = np.concatenate([probe.at, tie[three]])
        best = np.full(len(pairs), np.inf)
        if probe.budget >= 4:
            goes_on = ~done & (reached != probe.starts[probe.via_start[pairs]][which])
            goes_on &= ~np.isnan(self.scratch.key[reached, _FORWARD])
            np.minimum.at(best, which[goes_on], step[goes_on] + least[reached[goes_on]])
        probe.via_rest[pairs] = probe.via_key[pairs] + best
        probe.via_read[pairs] = True
        # The starts' bounds, again from all their walks.
        mark = self.scratch.mark
        starts = _unique(probe.via_start[pairs])
        mark[starts] = True
        mine = np.flatnonzero(mark[probe.via_start])
        mark[starts] = False
        probe.rest[starts] = np.inf
        np.minimum.at(probe.rest, probe.via_start[mine], probe.via_rest[mine])


# A probe (see `_Query._probe`) runs for more than _PROBE_TARGETS targets (the
# search's backward side is costly then, the probe cheap next to it). A query's
# probes read at most _PROBE_EDGES ties, and at most _PROBE_SHARE of the ties of
# the targets' rows, before leaving the rest to the searches. Not Final: the
# tests probe small graphs too.
_PROBE_TARGETS = 5_000
_PROBE_EDGES = 100_000
_PROBE_SHARE = 0.25


def _gather(indptr: Nodes, indices: Nodes, nodes: Nodes) -> tuple[Nodes, Nodes, Nodes]:
    """The rows of nodes: (neighbour, CSR position, index into nodes) per tie."""
    lo = indptr[nodes]
    degree = indptr[nodes + 1] - lo
    ends = np.cumsum(degree)
    at = np.arange(int(ends[-1]) if len(ends) else 0, dtype=np.int64)
    at += np.repeat(lo - (ends - degree), degree)
    which = np.repeat(np.arange(len(nodes)), degree)
    return indices[at], at, which


@dataclass(slots=True)
class _Probe:
    """Paths of one to three hops from some starts, and bounds on the rest.

    Path k leaves from starts[start[k]] and ends there (end -1) or, through
    via[middle[k]] when middle[k] >= 0, at end[k] over the tie at CSR
    position at[k]. No path from starts[i] that is not
    listed has a key below rest[i] (no hop lowers a key): until its row is
    read, the start's key plus its strongest tie's; once read (read[i]),
    with all its paths of two hops listed, the least over its ties to an
    unblocked non-target of the start's key, the tie's and the far end's
    strongest tie's (or, once that end's row is read too, its least tie to a
    target, or on to a node's strongest tie). A start that is a target is
    read: its path ends there.
    """

    starts: Nodes
    strengths: Costs
    start_keys: Costs
    budget: int
    start: Nodes
    middle: Nodes
    end: Nodes
    key: Costs
    at: Nodes
    rest: Costs
    read: npt.NDArray[np.bool_]
    # The walks of two hops from read starts to an unblocked non-target, which
    # go on: start index, second node, key so far, and the bound on a path
    # they begin (rest is the least over a start's walks), read[i] once the
    # second node's row was read for a better one.
    via_start: Nodes
    via: Nodes
    via_at: Nodes
    via_key: Costs
    via_rest: Costs
    via_read: npt.NDArray[np.bool_]

    def best(
        self, allowed: npt.NDArray[np.bool_] | None, weights: npt.NDArray[np.float32]
    ) -> _Best:
        """The best path listed from the allowed starts (all without a mask):
        least key, then node sequence. An inf key when there is none."""
        listed = (
            np.arange(len(self.key))
            if allowed is None
            else (np.flatnonzero(allowed[self.start]))
        )
        if not len(listed):
            return np.inf, (), ()
        least = float(self.key[listed].min())
        tied = listed[self.key[listed] == least]
        # Equal keys have equal hops: the node sequences have one length.
        # (-1 picks the -1 appended: no middle node.)
        middle = np.append(self.via, -1)[self.middle[tied]]
        first = self.starts[self.start[tied]]
        pick = tied[np.lexsort((self.end[tied], middle, first))[0]]
        nodes = [int(self.starts[self.start[pick]])]
        strengths = [float(self.strengths[self.start[pick]])]
        if self.middle[pick] >= 0:
            nodes.append(int(self.via[self.middle[pick]]))
            strengths.append(float(weights[self.via_at[self.middle[pick]]]))
        if self.end[pick] >= 0:
            nodes.append(int(self.end[pick]))
            strengths.append(float(weights[self.at[pick]]))
        return least, tuple(nodes), tuple(strengths)


class _Unrelaxed(Exception):
    """A search on a relaxation cannot go on: search again exactly."""


class _Search:
    """One exact hop-bounded meet-in-the-middle search, from a set of start nodes.

    The start nodes are the origin's allowed neighbours (the origin is the
    virtual user, or a blocked node): level 1 of the forward side. Level 0 of
    the backward side is the targets, the only nodes whose backward key is 0.
    With a ball, the backward side starts at the ball's last level and reads
    its keys from the ball's column until it has to grow.
    """

    def __init__(
        self,
        query: _Query,
        *,
        from_user: bool,
        ball: _Ball | None = None,
        root: bool = False,
    ) -> None:
        self.query = query
        # Searches from the user all start at the contacts, with their keys.
        self.from_user = from_user
        self.ball = ball
        self.relaxed = ball is not None and not from_user  # see _Ball
        # The first search from the user leaves its backward levels as the
        # ball, so the bound does not prune them.
        self.root = root
        self.back = _BACKWARD if ball is None else _BALL
        self.indptr = query.indptr
        self.indices = query.indices
        self.weights = query.weights
        self.key = query.scratch.key
        self.mark = query.scratch.mark
        self.bound = _NO_BOUND
        # Per side and level, the edges that set a node's key at that level.
        self.edges: tuple[dict[int, _Edges], dict[int, _Edges]] = ({}, {})
        self.touched: list[Nodes] = []
        # Meetings within the bound: node, total key, forward hops.
        self.meets: list[tuple[Nodes, Costs, Costs]] = []
        # The root's backward levels so far, for the ball: what dropped at each.
        self.kept: list[_Frontier] = []
        self.kept_edges: dict[int, _Edges] = {}
        self.backward_size = 0  # the degrees of the backward frontier added up
        # The root's start nodes that are no target, and all with their keys.
        self.starts: _Frontier | None = None
        self.start_keys: tuple[Nodes, Costs] | None = None

    def run(
        self, starts: Nodes, start_strengths: Costs, budget: int, bound: float
    ) -> _Best | None:
        try:
            return self._run(starts, start_strengths, budget, bound)
        finally:
            if self.kept:
                self._leave_ball()
            for nodes in self.touched:
                self.key[nodes, :2] = np.inf

    def _run(
        self, starts: Nodes, start_strengths: Costs, budget: int, bound: float
    ) -> _Best | None:
        self.bound = min(bound, _NO_BOUND)
        start_keys = _step(start_strengths)
        within = start_keys <= self.bound
        starts, start_keys = starts[within], start_keys[within]
        start_strengths = start_strengths[within]
        if not len(starts):
            return None
        query = self.query
        level = [1, 0 if self.ball is None else self.ball.level]
        if self.ball is None:
            self.key[query.targets, _BACKWARD] = 0.0
            self.touched.append(query.targets)
            backward: _Frontier = (
                query.targets,
                np.zeros(len(query.targets)),
                query.target_degree,
            )
            self.backward_size = query.target_size
            if self.root:
                self._keep(0, backward)
        else:
            self.edges[1].update(self.ball.edges)
            backward = self.ball.frontier
            self.backward_size = self.ball.frontier_size
        self.key[starts, _FORWARD] = start_keys
        self.touched.append(starts)
        self._meet(0, starts, start_keys, 1)
        frontier: list[_Frontier] = [
            (starts, start_keys, self.indptr[starts + 1] - self.indptr[starts]),
            backward,
        ]
        if self.root:
            not_target = self.key[starts, _BACKWARD] != 0
            self.starts = (
                starts[not_target],
                start_keys[not_target],
                frontier[0][2][not_target],
            )
            self.start_keys = (starts, start_keys)
        # forward_level[h]: the forward level when the two levels first added
        # up to h, that is when paths of h hops were first all seen.
        forward_level = dict.fromkeys(range(1, level[1] + 2), 1)
        size = [int(frontier[0][2].sum()), self.backward_size]
        while level[0] + level[1] < budget:
            # A path not yet seen has more hops than the two levels add up to,
            # and (unless a shorter walk beats it) passes a node of each
            # frontier: its key is at least a frontier key on each side.
            nodes, keys, degree = frontier[0]
            if len(nodes):
                other = frontier[1][1]
                least = other.min() if len(other) else 0.0
                keep = keys <= self.bound - least
                keep &= (
                    self.key[nodes, self.back] != 0
                )  # a path ends at its first target
                frontier[0] = (nodes[keep], keys[keep], degree[keep])
                size[0] = int(frontier[0][2].sum())
            nodes, keys, degree = frontier[1]
            # The targets have key 0; the root keeps its levels unpruned, but
            # for the last, which only meets the forward side.
            last = level[0] + level[1] + 1 == budget
            if len(nodes) and level[1] and (last or not self.root):
                other = frontier[0][1]
                least = other.min() if len(other) else 0.0
                keep = keys <= self.bound - least
                frontier[1] = (nodes[keep], keys[keep], degree[keep])
                size[1] = int(frontier[1][2].sum())
            if size[0] == 0 or size[1] == 0:
                # Nothing improved within the bound at one side's last level:
                # any longer path has a node whose key was already as low one
                # hop earlier there, so a shorter walk is no worse.
                break
            side = 0 if size[0] <= size[1] else 1
            if self.root and level[1] < budget - 2 and size[1] <= 3 * size[0]:
                # The searches from the user after this one repeat its forward
                # side but share its backward one: grow the ball to where they
                # only join the contacts' edges to it, unless that costs more.
                side = 1
            if side == 1 and self.back == _BALL:
                if self.relaxed:
                    # Grown past blocked nodes, the relaxation would no longer
                    # be one walk set for every split of a walk.
                    raise _Unrelaxed
                self._grow_from_ball()
            level[side] += 1
            forward_level[level[0] + level[1]] = level[0]
            final = level[0] + level[1] == budget
            nodes, keys = self._expand(
                side, frontier[side], (level[0], level[1]), final=final
            )
            if not final:
                degree = self.indptr[nodes + 1] - self.indptr[nodes]
                frontier[side] = (nodes, keys, degree)
                size[side] = int(degree.sum())
                if side == 1 and self.root:
                    self._keep(level[1], frontier[1])
            self._meet(side, nodes, keys, level[side])
        return self._best_path(forward_level, starts, start_strengths)

    def _keep(self, level: int, frontier: _Frontier) -> None:
        """Note the root's backward level, to become part of the query's ball."""
        assert len(self.kept) == level
        self.kept.append(frontier)
        self.kept_edges = dict(self.edges[1])

    def _leave_ball(self) -> None:
        """Make the backward levels the root kept the query's ball.

        Written level by level, a node's key ends as its key at the last
        level kept, whatever the root did after.
        """
        for nodes, keys, _ in self.kept:
            self.key[nodes, _BALL] = keys
        beyond = min(
            (float(keys.min()) for _, keys, _ in self.kept[1:] if len(keys)),
            default=np.inf,
        )
        last = self.kept[-1]
        self.query.ball = _Ball(
            level=len(self.kept) - 1,
            nodes=np.concatenate([nodes for nodes, _, _ in self.kept]),
            frontier=last,
            frontier_size=int(last[2].sum()),
            beyond=1.0 + (beyond if len(self.kept) > 1 else 0.0),
            edges=self.kept_edges,
        )

    def _grow_from_ball(self) -> None:
        """Copy the ball into the backward column, for the backward side to grow.

        Only searches from the user grow it: their only blocked nodes are the
        excluded ones, which the ball never reached.
        """
        assert self.ball is not None and not self.relaxed
        self.key[self.ball.nodes, _BACKWARD] = self.key[self.ball.nodes, _BALL]
        self.touched.append(self.ball.nodes)
        self.back = _BACKWARD

    def _expand(
        self, side: int, frontier: _Frontier, level: tuple[int, int], *, final: bool
    ) -> tuple[Nodes, Costs]:
        """Relax every edge of the frontier: the nodes whose key drops at this level.

        On the last level only nodes the other side has reached matter, so
        the other side's key filters the edges before anything is computed.
        """
        own_col, other_col = (_FORWARD, self.back) if side == 0 else (self.back, 0)
        query = self.query
        if final and side == 0 and level[0] == 2 and self._joins_ball(level[1]):
            # The user's contacts against the ball: the same edges for every
            # search from the user, so they are found once.
            if query.join is None:
                assert self.starts is not None
                query.join = self._candidates(
                    0, self.starts, final=True, unbounded=True
                )
                self._label_keys()
            sources, reached, at, new = query.join
            mark = self.mark
            mark[frontier[0]] = True
            keep = np.flatnonzero(mark[sources])
            mark[frontier[0]] = False
            sources, reached, at, new = (
                sources[keep],
                reached[keep],
                at[keep],
                new[keep],
            )
        else:
            sources, reached, at, new = self._candidates(side, frontier, final=final)
        own, other = self.key[:, own_col], self.key[:, other_col]
        here, beyond = own[reached], other[reached]
        met = new + beyond
        # The walks met here bound the search before this level is kept
        # (not through blocked nodes: a ball's key may be finite there).
        open_walks = met[here == here]
        if len(open_walks):
            self.bound = min(self.bound, float(open_walks.min()))
        better = new < here
        if final:
            better &= met <= self.bound
        elif not (side and self.root):
            # Only a target (other key 0) can end here: elsewhere a path has
            # at least one hop more to go, which adds at least 1.
            better &= new + (beyond != 0) <= self.bound
        keep = np.flatnonzero(better)
        if not len(keep):
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        reached, new, at, sources = reached[keep], new[keep], at[keep], sources[keep]
        np.minimum.at(own, reached, new)
        wins = np.flatnonzero(own[reached] == new)
        winners = reached[wins]
        self.edges[side][level[side]] = (winners, sources[wins], at[wins])
        improved = _unique(winners)
        self.touched.append(improved)
        return improved, own[improved]

    def _joins_ball(self, backward_level: int) -> bool:
        """Whether the contacts' edges meet the ball itself, as in every search
        from the user whose backward side is just the ball."""
        if not self.from_user:
            return False
        if self.root:
            return len(self.kept) - 1 == backward_level
        return (
            self.query.join is not None
            and self.ball is not None
            and self.back == _BALL
            and self.ball.level == backward_level
        )

    def _label_keys(self) -> None:
        """For each contact, the key of a path that starts there: from the join.

        With the forward side at the contacts and the backward side the whole
        ball, the best key per first contact is the least of the contact's own
        meeting and of its edges into the ball. Each is the key of a path
        starting at that contact (or of a walk, which drops a cycle to become
        a better one), so `limit` of them bound the `limit`-th best path.
        """
        assert self.query.join is not None
        assert self.start_keys is not None
        sources, reached, _, new = self.query.join
        starts, start_keys = self.start_keys
        best = start_keys + self.key[starts, self.back]
        np.minimum.at(
            best, np.searchsorted(starts, sources), new + self.key[reached, self.back]
        )
        order = np.argsort(best, kind="stable")
        order = order[np.isfinite(best[order])]
        self.query.labels = list(
            zip(best[order].tolist(), starts[order].tolist(), strict=True)
        )

    def _candidates(
        self, side: int, frontier: _Frontier, *, final: bool, unbounded: bool = False
    ) -> _Candidates:
        """The frontier's edges that may lower a key."""
        nodes, keys, degree = frontier
        own_col, other_col = (_FORWARD, self.back) if side == 0 else (self.back, 0)
        own, other = self.key[:, own_col], self.key[:, other_col]
        lo = self.indptr[nodes]
        ends = np.cumsum(degree)
        at = np.arange(int(ends[-1]) if len(ends) else 0, dtype=np.int64)
        at += np.repeat(lo - (ends - degree), degree)
        reached = self.indices[at]
        from_key = np.repeat(keys, degree)
        # A hop adds at least 1 to a key, so these tests on the source come first.
        if final:
            bound = np.inf if unbounded else self.bound
            useful = np.flatnonzero(from_key + other[reached] < bound)
        else:
            useful = np.flatnonzero(own[reached] > from_key + 1.0)
        reached, at = reached[useful], at[useful]
        new = from_key[useful] + _step(self.weights[at])
        sources = nodes[np.searchsorted(ends, useful, side="right")]
        return sources, reached, at, new

    def _meet(self, side: int, nodes: Nodes, keys: Costs, level: int) -> None:
        """Record where the side's new level meets the other side within the bound."""
        if not len(nodes):
            return
        other = self.key[nodes, self.back if side == 0 else _FORWARD]
        total = keys + other
        within = np.flatnonzero(total <= self.bound)
        if not len(within):
            return
        nodes, total = nodes[within], total[within]
        forward_hops = (
            np.full(len(nodes), level) if side == 0 else other[within] % _HOPS
        )
        self.meets.append((nodes, total, forward_hops))
        self.bound = min(self.bound, float(total.min()))

    def _best_path(
        self, forward_level: dict[int, int], starts: Nodes, start_strengths: Costs
    ) -> _Best | None:
        """The best (key, node sequence) path among the recorded meetings."""
        if not self.meets:
            return None
        nodes, total, forward_hops = (
            np.concatenate(parts) for parts in zip(*self.meets, strict=True)
        )
        best = float(total.min())
        hops = int(best % _HOPS)
        # The best paths were first all seen when the levels added up to their
        # hops: each was recorded then as a meeting at the node where the
        # forward level ended, with every edge up to it and after it.
        middle = forward_level[hops]
        layers: dict[int, Nodes] = {
            middle: _unique(nodes[(total == best) & (forward_hops == middle)])
        }
        # steps[d]: the edges (from, to, CSR position) from position d to d + 1.
        steps: dict[int, _Edges] = {}
        mark = self.mark
        for d in range(middle, 1, -1):
            to, came_from, at = self.edges[0][d]
            mark[layers[d]] = True
            on = mark[to]
            mark[layers[d]] = False
            steps[d - 1] = (came_from[on], to[on], at[on])
            layers[d - 1] = _unique(came_from[on])
        for d in range(middle, hops):
            here, toward, at = self.edges[1][hops - d]
            mark[layers[d]] = True
            on = mark[here]
            mark[layers[d]] = False
            steps[d] = (here[on], toward[on], at[on])
            layers[d + 1] = _unique(toward[on])
        # The smallest node sequence: greedily the smallest next node that
        # still lies on a best path.
        node = int(layers[1][0])
        path = [node]
        strengths = [float(start_strengths[np.flatnonzero(starts == node)[0]])]
        for d in range(1, hops):
            frm, to, at = steps[d]
            options = np.flatnonzero(frm == node)
            pick = options[np.argmin(to[options])]
            node = int(to[pick])
            path.append(node)
            strengths.append(float(self.weights[at[pick]]))
        return best, tuple(path), tuple(strengths)
