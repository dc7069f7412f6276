"""The who-knows-whom graph the path search runs on: CSR arrays in numpy.

An immutable CSR over people, both directions of every tie (`build_graph`),
saved as .npy files that worker processes map from the page cache
(`save_graph`, `load_graph`). Beside the three CSR arrays it keeps each
person's strongest tie, which bounds any path that goes on from them (see
`netlife.engines.paths_search`); `build_graph` computes it and `save_graph`
stores it. Pure numpy; no Django.
"""

from __future__ import annotations

import os
import pathlib
import threading
import weakref
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import numpy.typing as npt

COST_SCALE: Final = 2.0**32  # cost units per halving of strength

_FILES: Final = ("indptr", "indices", "weights")
_STRONGEST_FILE: Final = "strongest.npy"

Nodes = npt.NDArray[np.integer[Any]]
Costs = npt.NDArray[np.float64]
Strengths = npt.NDArray[np.float32]


@dataclass(frozen=True, slots=True, eq=False, weakref_slot=True)
class Graph:
    """Undirected ties among people as CSR arrays, both directions of every edge.

    Node v's neighbours are `indices[indptr[v]:indptr[v + 1]]`, with their tie
    strengths in (0, 1] at the same positions of `weights`. `build_graph`
    makes one from edge arrays; rows it builds are sorted by neighbour, and
    list each neighbour once.
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
    check_nodes(a_arr, n_nodes, "edge ends")
    check_nodes(b_arr, n_nodes, "edge ends")
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
    del order, below_at, lo, hi, strongest
    graph = Graph(indptr=indptr, indices=indices, weights=weights)
    _trust(graph, _strongest_ties(indptr, weights))
    return graph


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
    graph, strongest = trusted(graph)
    np.save(where / "indptr.npy", np.asarray(graph.indptr, dtype=np.int64))
    np.save(where / "indices.npy", np.asarray(graph.indices, dtype=np.int32))
    np.save(where / "weights.npy", np.asarray(graph.weights, dtype=np.float32))
    np.save(where / _STRONGEST_FILE, np.asarray(strongest, dtype=np.float32))


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
    graph = Graph(indptr=indptr, indices=indices, weights=weights)
    try:
        strongest = np.load(where / _STRONGEST_FILE, mmap_mode=mode)
    except FileNotFoundError:
        # Saved before the strongest ties were: still save_graph's, so
        # trusted; its strongest ties are read off its rows when first asked.
        _trust(graph, None)
        return graph
    if strongest.dtype != np.float32 or strongest.shape != (graph.n_nodes,):
        raise ValueError(f"{where} does not hold a graph written by save_graph.")
    _trust(graph, strongest)
    return graph


# Graphs known to keep the search's invariants (see `trusted`), with each
# node's strongest tie (None: not read yet): those build_graph made, and
# those save_graph wrote.
_TRUSTED: weakref.WeakKeyDictionary[Graph, tuple[Graph, Strengths | None]] = (
    weakref.WeakKeyDictionary()
)
_TRUSTED_LOCK = threading.Lock()


def _trust(graph: Graph, strongest: Strengths | None) -> None:
    with _TRUSTED_LOCK:
        _TRUSTED[graph] = (graph, strongest)


def trusted(graph: Graph) -> tuple[Graph, Strengths]:
    """The graph as the search needs it, and each node's strongest tie (0 without
    ties).

    The search relies on what `build_graph` guarantees: strengths in (0, 1]
    (no hop makes a path stronger), no self-loops, and no tie listed twice
    in a row. A graph it built, or `save_graph` wrote, is known to; any
    other is checked once (about a second at 10M ties), and if it breaks
    them, replaced by the graph build_graph makes of its ties (each stored
    entry an undirected tie, the strongest of a pair, strengths clipped to
    1).
    """
    with _TRUSTED_LOCK:
        known = _TRUSTED.get(graph)
    if known is not None:
        same, strongest = known
        if strongest is None:
            strongest = _strongest_ties(
                np.asarray(same.indptr), np.asarray(same.weights)
            )
            _trust(same, strongest)
        return same, strongest
    indptr = np.asarray(graph.indptr)
    indices = np.asarray(graph.indices)
    weights = np.asarray(graph.weights)
    n = graph.n_nodes
    rows = np.repeat(np.arange(n, dtype=np.int64), np.diff(indptr))
    ok = bool(((weights > 0) & (weights <= 1)).all()) and bool((indices != rows).all())
    if ok and len(indices) > 1:
        # Within a row, neighbours strictly rise: none is listed twice.
        rising = indices[1:] > indices[:-1]
        ok = bool((rising | (rows[1:] != rows[:-1])).all())
    found = (
        (graph, _strongest_ties(indptr, weights))
        if ok
        else trusted(build_graph(n, rows, indices, weights))
    )
    with _TRUSTED_LOCK:
        _TRUSTED[graph] = found
    return found


def _strongest_ties(indptr: Nodes, weights: Strengths) -> Strengths:
    """Each node's strongest tie, 0 for a node without ties."""
    n = len(indptr) - 1
    strongest = np.zeros(n, dtype=np.float32)
    filled = np.flatnonzero(indptr[1:] > indptr[:-1])
    if len(filled):
        strongest[filled] = np.maximum.reduceat(weights, indptr[filled])
    return strongest


def check_nodes(nodes: Nodes, n_nodes: int, what: str) -> None:
    if len(nodes) and (int(nodes.min()) < 0 or int(nodes.max()) >= n_nodes):
        raise ValueError(f"{what} must be node indices from 0 to {n_nodes - 1}.")
