"""The targets' side of the path search: a lower bound on the rest of any path.

`netlife.engines.paths_search` grows partial paths from the user; this
module bounds what it costs a partial path ending at node v, with r hops
left, to reach a target: level r at v, the best key of a walk from v to a
target in at most r hops (targets 0; excluded people are on no walk).

- Levels. Level 1 comes from the targets' ties; each next one relaxes only
  the nodes whose key dropped at the level before (`Bounds.grow`), for as
  many levels as are cheap. Walks, not paths: a walk that repeats a node
  drops the cycle and becomes a path that is no costlier (no tie is stronger
  than 1), so levels bound simple paths too, and the key of a walk is that
  of a path no worse from its first node.
- Beyond the last level built, D. A walk of more than D hops from v goes
  first over one of v's ties, and its last D hops leave a node off the
  targets: it costs at least v's strongest tie plus the strongest tie into
  the targets. Where that is too loose, level D + 1 is read off the ties of
  the nodes that need it (`Bounds.lazy`), once a node.
- Where levels are read. The level that would reach the contacts (max_hops
  - 1) is kept at the contacts only (`_meet`), and level max_hops - 2, when
  big, only at the contacts and their neighbours (`_near`): the only places
  the search reads them.

Keys (`step`) are cost * 8 + hops in float64, exact integers: see
`netlife.engines.paths_search`. Scratch (a flag byte per node, and a key
column per level) is allocated once per graph and reset only where a query
wrote. Pure numpy; no Django.
"""

from __future__ import annotations

import threading
import weakref
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from netlife.engines.paths_graph import COST_SCALE, Graph

Nodes = npt.NDArray[np.integer[Any]]
Costs = npt.NDArray[np.float64]
Flags = npt.NDArray[np.int8]

HOPS: Final = 8.0  # a key is cost * HOPS + hops, for at most 7 hops
# A finite stand-in for "no bound", so that `key <= bound` also rules out inf.
NO_BOUND: Final = 1e300
NO_NODES: Final[Nodes] = np.zeros(0, dtype=np.int64)

# Tuning, measured on the 1M-people benchmark graph (docs/benchmarks.md). Not
# Final: the tests force every branch on small graphs.
# - A level is built while it reads at most GROW_TIES ties (and not at all
#   for targets whose ties are about twice that);
# - the level that meets the contacts, while it reads at most JOIN_RATIO
#   times the ties of the contacts, which the search reads otherwise;
# - level max_hops - 2 is kept near the contacts only when it reads at least
#   NEAR_RATIO times their ties (flagging them costs about that).
GROW_TIES = 200_000
JOIN_RATIO = 0.5
NEAR_RATIO = 0.25

# Per-node flags of a query (`Scratch.state`).
_TARGET: Final = 1
_BLOCKED: Final = 2  # excluded: on no path
_BALL: Final = 4  # has a key at the last level built
_CONTACT: Final = 8  # a contact, for `_meet`
_NEAR: Final = 16  # a contact or a contact's neighbour, for `_near`
_LAZY: Final = 32  # has a key at the level after the last (`lazy`)

_KEY_SCALE: Final = -COST_SCALE * HOPS


def step(strengths: npt.ArrayLike) -> Costs:
    """The key of hops with these strengths: their cost * 8, and one hop each."""
    key: Costs = np.log2(strengths, dtype=np.float64)
    key *= _KEY_SCALE
    np.rint(key, out=key)
    key += 1.0
    return key


def positions(lo: Nodes, degree: Nodes) -> tuple[Nodes, Nodes]:
    """The CSR positions of rows lo[i]:lo[i] + degree[i], one after another,
    and where each row's positions end."""
    ends: Nodes = degree.cumsum()
    at: Nodes = (lo - (ends - degree)).repeat(degree)
    at += np.arange(len(at))
    return at, ends


def infinite(size: int) -> Costs:
    keys = np.empty(size)
    keys.fill(np.inf)
    return keys


class Scratch:
    """Per-node arrays a query works in, all clear between queries, and plain
    views of the graph's arrays (indexing a memmap pays for a subclass on
    every result).

    state holds the flags above: a byte per node, so that most of a query's
    random reads hit the cache. cols[j][v] is level j at node v where v's
    flags say so, inf elsewhere. stamp is for `Bounds._distinct`.
    """

    __slots__ = (
        "_least",
        "cols",
        "indices",
        "indptr",
        "n",
        "stamp",
        "state",
        "strongest",
        "weights",
    )

    def __init__(self, graph: Graph, strongest: npt.NDArray[np.float32]) -> None:
        n = self.n = graph.n_nodes
        self.indptr: Nodes = np.asarray(graph.indptr)
        self.indices: Nodes = np.asarray(graph.indices)
        self.weights = np.asarray(graph.weights)
        self.strongest = np.asarray(strongest)
        self.state: Flags = np.zeros(n, dtype=np.int8)
        self.cols: dict[int, Costs] = {}
        self.stamp = np.zeros(n, dtype=np.int32)
        self._least: Costs | None = None

    @property
    def least(self) -> Costs:
        """The key of each node's strongest tie (inf without ties): computed
        when first needed, as most queries never are."""
        if self._least is None:
            with np.errstate(divide="ignore"):
                self._least = step(self.strongest)
        return self._least

    def col(self, j: int) -> Costs:
        if j not in self.cols:
            self.cols[j] = infinite(self.n)
        return self.cols[j]


# Free scratch per graph. Web workers run queries on threads, so each query
# takes its own (a second one is made only when two queries overlap).
_POOL: weakref.WeakKeyDictionary[Graph, list[Scratch]] = weakref.WeakKeyDictionary()
_POOL_LOCK = threading.Lock()


def acquire(graph: Graph, strongest: npt.NDArray[np.float32]) -> Scratch:
    with _POOL_LOCK:
        free = _POOL.setdefault(graph, [])
        if free:
            return free.pop()
    return Scratch(graph, strongest)


def release(graph: Graph, scratch: Scratch) -> None:
    with _POOL_LOCK:
        _POOL.setdefault(graph, []).append(scratch)


class Bounds:
    """The levels of one query, and the bounds read off them."""

    def __init__(self, scratch: Scratch, max_hops: int) -> None:
        self.scratch = scratch
        self.indptr = scratch.indptr
        self.indices = scratch.indices
        self.weights = scratch.weights
        self.state = scratch.state
        self.mean_degree = len(self.indices) / max(scratch.n, 1)
        self.max_hops = max_hops
        # Nodes whose flags, and (column, nodes) whose keys, were written.
        self.flagged: list[Nodes] = []
        self.dirty: list[tuple[int, Nodes]] = []
        self.depth = 0  # the last level built, D
        self.saturated = False  # no key dropped at level D: every level is D
        self.beyond = 0.0  # the strongest tie into the targets, as a key
        # The contacts' ties, when `_near` read them: (CSR positions, far
        # ends, where each contact's ties end, how many each has).
        self.contact_ties: tuple[Nodes, Nodes, Nodes, Nodes] | None = None

    @property
    def loose(self) -> bool:
        """Whether bounds after the contacts' are not all exact: the levels
        stop short of max_hops - 2 (the contacts' own are read off their
        ties)."""
        return not self.saturated and self.depth < self.max_hops - 2

    def flag(self, targets: Nodes, excluded: Nodes) -> None:
        """Flag the targets and the excluded people (an excluded target too)."""
        self.state[targets] = _TARGET
        self.state[excluded] = _BLOCKED
        self.flagged += [targets, excluded]

    def excluded(self, nodes: Nodes) -> npt.NDArray[np.bool_]:
        """Which of these nodes are excluded."""
        blocked: npt.NDArray[np.bool_] = (self.state[nodes] & _BLOCKED) != 0
        return blocked

    def clear(self) -> None:
        for nodes in self.flagged:
            self.state[nodes] = 0
        cols = self.scratch.cols
        for j, nodes in self.dirty:
            cols[j][nodes] = np.inf

    def grow(self, targets: Nodes, contacts: Nodes, contact_ties: int) -> None:
        """Build levels 1, 2, ... while each is cheap enough (see the tuning).

        A node flagged near keeps the key of level `depth` right only when
        it is near: that level is read nowhere else (`_near`).
        """
        if len(targets) * self.mean_degree > 2 * GROW_TIES:
            return  # not worth reading their rows to know
        state = self.state
        nodes = targets[state[targets] == _TARGET]
        keys = np.zeros(len(nodes))
        ball = NO_NODES  # nodes with a key at the last level built
        col: Costs | None = None
        while self.depth < self.max_hops - 1:
            meet = self.depth == self.max_hops - 2
            lo = self.indptr[nodes]
            degree = self.indptr[nodes + 1] - lo
            ties = int(degree.sum())
            if ties > (JOIN_RATIO * contact_ties if meet else GROW_TIES):
                break
            at, _ = positions(lo, degree)
            reached = self.indices[at].astype(np.int64)
            keys = keys.repeat(degree)
            if meet:
                self._meet(contacts, col, reached, at, keys)
                return
            near = self.depth == self.max_hops - 3 and self._near(
                ties, contacts, contact_ties
            )
            flags = state[reached]
            mask, want = (
                (_TARGET | _BLOCKED | _NEAR, _NEAR) if near else (_TARGET | _BLOCKED, 0)
            )
            on = ((flags & mask) == want).nonzero()[0]
            reached, at, flags, keys = reached[on], at[on], flags[on], keys[on]
            keys += step(self.weights[at])
            prev, col = col, self.scratch.col(self.depth + 1)
            if prev is not None:
                col[ball] = prev[ball]
                # Only nodes of the ball have a key to beat.
                seen = ((flags & _BALL) != 0).nonzero()[0]
                worse = seen[keys[seen] >= col[reached[seen]]]
                if len(worse):
                    better = np.ones(len(reached), dtype=bool)
                    better[worse] = False
                    reached, keys = reached[better], keys[better]
            elif len(keys):
                # No walk off the targets beats the strongest tie into them.
                self.beyond = float(keys.min())
            np.minimum.at(col, reached, keys)
            state[reached] |= _BALL
            self.flagged.append(reached)
            self.depth += 1
            ball = np.concatenate([ball, reached])
            self.dirty.append((self.depth, ball))
            if not len(reached):
                # Nothing dropped: every later level is this one (unless only
                # the contacts' side was looked at).
                self.saturated = not near
                return
            if near or not self._grows_on(len(reached), contact_ties):
                return  # the last level: its nodes are needed only to reset
            nodes = self._distinct(reached[col[reached] == keys])
            keys = col[nodes]

    def _grows_on(self, reached: int, contact_ties: int) -> bool:
        """Whether a level after this one, where keys dropped at about
        `reached` nodes, may be built: a guess from their number."""
        if self.depth == self.max_hops - 1:
            return False
        meet = self.depth == self.max_hops - 2
        most = JOIN_RATIO * contact_ties if meet else GROW_TIES
        return reached * self.mean_degree <= 4 * most

    def _near(self, ties: int, contacts: Nodes, contact_ties: int) -> bool:
        """Flag the contacts and their neighbours, if the next level, which
        reads `ties` ties, is the last and so needed only there."""
        if ties < NEAR_RATIO * contact_ties:
            return False  # cheap anyway
        if ties * self.mean_degree <= 4 * JOIN_RATIO * contact_ties:
            return False  # the level after it may meet the contacts
        lo = self.indptr[contacts]
        degree = self.indptr[contacts + 1] - lo
        at, ends = positions(lo, degree)
        reached = self.indices[at].astype(np.int64)
        self.contact_ties = (at, reached, ends, degree)
        self.state[reached] |= _NEAR
        self.state[contacts] |= _NEAR
        self.flagged += [reached, contacts]
        return True

    def _meet(
        self,
        contacts: Nodes,
        col: Costs | None,
        reached: Nodes,
        at: Nodes,
        keys: Costs,
    ) -> None:
        """The last level, at the contacts only: from the ties of the level
        before that end at one."""
        self.state[contacts] |= _CONTACT
        self.flagged.append(contacts)
        on = ((self.state[reached] & _CONTACT) != 0).nonzero()[0]
        self.depth += 1
        last = self.scratch.col(self.depth)
        last[contacts] = np.inf if col is None else col[contacts]
        self.dirty.append((self.depth, contacts))
        new = keys[on]
        new += step(self.weights[at[on]])
        np.minimum.at(last, reached[on], new)
        self.state[contacts] |= _BALL  # read their keys, inf or not

    def _distinct(self, nodes: Nodes) -> Nodes:
        """The nodes without repeats, in no useful order, without a sort."""
        stamp = self.scratch.stamp
        places = np.arange(len(nodes), dtype=np.int32)
        stamp[nodes] = places
        # Exactly one place per node is the one left written.
        distinct: Nodes = nodes[stamp[nodes] == places]
        return distinct

    def rest(self, nodes: Nodes, hops: int) -> tuple[Nodes, Costs, Costs]:
        """Which nodes may go on to a target within hops (indices into
        nodes), the bound on doing so and an achievable key (inf when none
        is known; at most the bound where the bound is exact): 0 at targets.
        """
        flags = self.state.take(nodes)
        if hops == 0:
            on = ((flags & _TARGET) != 0).nonzero()[0]
            zero = np.zeros(len(on))
            return on, zero, zero
        d = self.depth
        cols = self.scratch.cols
        if hops <= d or self.saturated:
            on = ((flags & (_TARGET | _BALL)) != 0).nonzero()[0]
            exact = cols[min(hops, d)][nodes[on]]
            exact[(flags[on] & _TARGET).astype(bool)] = 0.0
            within = (exact < NO_BOUND).nonzero()[0]
            if len(within) < len(on):
                on, exact = on[within], exact[within]
            return on, exact, exact
        on = ((flags & _BLOCKED) == 0).nonzero()[0]
        flags = flags[on]
        exact = infinite(len(on))
        if d:
            ball = ((flags & _BALL) != 0).nonzero()[0]
            exact[ball] = cols[d][nodes[on[ball]]]
        lazy = ((flags & _LAZY) != 0).nonzero()[0]
        if len(lazy):
            exact[lazy] = cols[d + 1][nodes[on[lazy]]]
        exact[(flags & _TARGET).astype(bool)] = 0.0
        bound = self.scratch.least[nodes[on]]  # inf without ties
        bound += self.beyond
        np.minimum(bound, exact, out=bound)
        if hops == d + 1 and len(lazy):
            bound[lazy] = exact[lazy]  # exact there
        within = (bound < NO_BOUND).nonzero()[0]
        return on[within], bound[within], exact[within]

    def lazy(self, nodes: Nodes) -> bool:
        """Level depth + 1 at these nodes, read off their ties, where not
        known yet (`rest` reads it there). Whether any was new."""
        d = self.depth
        state = self.state
        unknown = nodes[(state[nodes] & (_LAZY | _TARGET | _BLOCKED)) == 0]
        if not len(unknown):
            return False
        unknown = self._distinct(unknown)
        lo = self.indptr[unknown]
        at, ends = positions(lo, self.indptr[unknown + 1] - lo)
        on, _, new = self.rest(self.indices[at].astype(np.int64), d)
        col = self.scratch.col(d + 1)
        col[unknown] = self.scratch.cols[d][unknown] if d else np.inf
        new += step(self.weights[at[on]])
        np.minimum.at(col, unknown[ends.searchsorted(on, side="right")], new)
        state[unknown] |= _LAZY
        self.flagged.append(unknown)
        self.dirty.append((d + 1, unknown))
        return True
