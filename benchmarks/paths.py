"""How fast warm paths are found in a community of a million people.

Generates a community graph (`community_graph.py`: Zipf organizations,
clustered ties weak 0.3 / medium 0.6 / strong 0.9, a user with a few
hundred contacts), then measures the path engine (`netlife.engines.paths`)
and, in the same run, what a user would otherwise reach for, networkx:

- building the engine's graph from the edge arrays: time, bytes per tie
  (the arrays' nbytes / ties: the CSR and each person's strongest tie),
  resident memory after and at the peak;
  saving it, and loading it memory-mapped as `netlife path` does;
- `best_paths` (limit 3) on the memory-mapped graph, warm (each query
  once untimed, then the median of --repeat calls), to ordinary
  organizations, to the giant ones and to single persons, each at
  max_hops 3 and 4: median, p95 and max over the queries;
- an `nx.Graph` built from the same ties (time and memory); the same exact
  hop-bounded best-3 search written in pure Python over its adjacency
  (`nx_best_paths`, checked on every query to find the same strengths as
  the engine); and networkx's own `multi_source_dijkstra` on
  -log(strength) from the target set to a virtual user node (one best
  path, no hop limit; how many of its answers are longer than the limit
  is counted).

It ends with tables of everything, the speed-ups, and PASS/MISS against
the issue's targets. Record results in docs/benchmarks.md. From the
repository root:

    .venv/bin/python benchmarks/paths.py                       # 1M people, 10M ties
    .venv/bin/python benchmarks/paths.py --people 100000 --ties 1000000
    .venv/bin/python benchmarks/paths.py --people 10000 --ties 100000 --queries 20

At 1M, networkx needs about 4 GB and a minute to build, and its Dijkstra
takes seconds to tens of seconds a query, so --dijkstra-queries caps how
many queries of each kind it runs (10 above 100k people; the output says
how many ran) and --nx-queries can cap the pure-Python search;
--no-networkx skips networkx altogether.
"""

import argparse
import functools
import gc
import hashlib
import heapq
import itertools
import json
import math
import platform
import statistics
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, TypeVar

import networkx as nx
import numpy as np
import numpy.typing as npt

from community_graph import CommunityGraph, QuerySet, describe, generate, pick_targets
from netlife.engines import paths as engine
from netlife.engines import paths_graph as engine_graph

HOPS: Final = (3, 4)
LIMIT: Final = 3
USER: Final = -1  # the virtual user's node in the networkx graph
# The engine multiplies float32 strengths in float64, networkx the same
# values in another order; anything closer than this is the same strength.
REL_TOL: Final = 1e-6
MB: Final = 1024 * 1024

# The targets.
ORG_MEDIAN_MS: Final = 1.0
ORG_P95_MS: Final = 10.0
GIANT_P95_MS: Final = 50.0
BUILD_S: Final = 5.0
BYTES_PER_TIE: Final = 32.0
VS_SAME_SEARCH: Final = 10.0
VS_DIJKSTRA: Final = 1000.0

Ints = npt.NDArray[np.int32]
Adjacency = dict[int, dict[int, dict[str, float]]]
# One answer: (strength, nodes from the first contact to the target) per path.
Found = list[tuple[float, tuple[int, ...]]]
_T = TypeVar("_T")


# --- measuring -----------------------------------------------------------------------


def _status(name: str) -> int:
    """A field of /proc/self/status (VmRSS, VmHWM), in bytes. Linux only."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(name + ":"):
            return int(line.split()[1]) * 1024
    raise LookupError(name)


def rss() -> int:
    gc.collect()
    return _status("VmRSS")


_EARLIER_PEAKS: list[int] = []


def reset_peak() -> None:
    """Restart the peak resident memory (VmHWM) from the current RSS, so
    that one step's peak can be read on its own."""
    _EARLIER_PEAKS.append(_status("VmHWM"))
    Path("/proc/self/clear_refs").write_text("5")


def peak() -> int:
    return _status("VmHWM")


def highest_peak() -> int:
    return max([*_EARLIER_PEAKS, peak()])


def timed(call: Callable[[], _T]) -> tuple[float, _T]:
    """(milliseconds, result) of one call."""
    started = time.perf_counter()
    result = call()
    return (time.perf_counter() - started) * 1000, result


@dataclass
class Row:
    """One kind of query at one hop limit, for one implementation."""

    times_ms: list[float] = field(default_factory=list)  # one per query
    labels: list[int] = field(default_factory=list)  # the org or person queried
    results: list[Found] = field(default_factory=list)

    def stats(self, first: int | None = None) -> dict[str, float]:
        """Median, p95 and max over the queries (only the first `first`)."""
        times = self.times_ms[:first]
        if not times:
            return {}
        return {
            "median": statistics.median(times),
            "p95": float(np.percentile(times, 95)),
            "max": max(times),
            "queries": len(times),
        }


@dataclass
class Run:
    """Everything one run measured, for the summary and the --json file."""

    graph: CommunityGraph
    query_sets: tuple[QuerySet, ...]
    figures: dict[str, Any] = field(default_factory=dict)
    engine: dict[tuple[str, int], Row] = field(default_factory=dict)
    same_search: dict[tuple[str, int], Row] = field(default_factory=dict)
    dijkstra: dict[str, Row] = field(default_factory=dict)

    def size_of(self, name: str, label: int) -> int:
        query_set = next(q for q in self.query_sets if q.name == name)
        return len(query_set.targets[query_set.labels.index(label)])


# --- the same search over networkx, in pure Python -----------------------------------


def nx_best_paths(
    adj: Adjacency,
    first_hops: Sequence[tuple[int, float]],
    targets: Iterable[int],
    *,
    max_hops: int,
    limit: int,
    max_strength: float,
    budget: int = 50_000,
) -> Found:
    """The best `limit` simple paths of at most max_hops hops from the user
    (through first_hops) to any target, best first; targets end a path.

    Best-first search over partial paths, each ranked by its strength so far
    times an upper bound on what any continuation can still multiply in. A
    finished path is popped only when nothing left can beat it, so the
    first `limit` finished paths popped are the answer, exactly.

    The bound comes from the target side: `best[j][v]` is the best product
    of a walk of at most j ties from v to a target, computed for j up to
    `rounds` by relaxing backwards from the targets for as many rounds as
    stay within `budget` adjacency entries (a giant organization gets none,
    a person two). A continuation of more ties than that multiplies at
    most max(best[rounds][v], max_strength * the best best[rounds] of any
    non-target), or max_strength with no rounds at all.
    """
    target_set = set(targets)
    # best[j]: non-targets only; targets themselves are checked by membership.
    best: list[dict[int, float]] = [{}]
    frontier: Iterable[tuple[int, float]] = ((t, 1.0) for t in target_set)
    cost = 0  # adjacency entries the next round would read; stop counting early
    for t in target_set:
        cost += len(adj[t])
        if cost > budget:
            break
    while len(best) < max_hops and cost <= budget:
        layer = dict(best[-1])
        improved: dict[int, float] = {}
        for node, value in frontier:
            for other, data in adj[node].items():
                if other == USER or other in target_set:
                    continue
                candidate = value * data["strength"]
                if candidate > layer.get(other, 0.0):
                    layer[other] = improved[other] = candidate
        best.append(layer)
        frontier = improved.items()
        cost = sum(len(adj[v]) for v in improved)
    rounds = len(best) - 1
    reach = best[rounds]
    beyond = max_strength * (max(reach.values(), default=0.0) if rounds else 1.0)

    def bound(node: int, remaining: int) -> float:
        """At most what `remaining` more ties from a non-target can multiply in."""
        if remaining <= rounds:
            return best[remaining].get(node, 0.0)
        return max(reach.get(node, 0.0), beyond)

    order = itertools.count()  # breaks ties in the heap, so paths never compare
    heap: list[tuple[float, int, float, tuple[int, ...], bool]] = []

    def push(value: float, path: tuple[int, ...], remaining: int) -> None:
        if path[-1] in target_set:
            heapq.heappush(heap, (-value, next(order), value, path, True))
        elif remaining > 0:
            score = value * bound(path[-1], remaining)
            if score > 0:
                heapq.heappush(heap, (-score, next(order), value, path, False))

    for contact, strength in first_hops:
        push(strength, (contact,), max_hops - 1)
    found: Found = []
    while heap and len(found) < limit:
        _, _, value, path, done = heapq.heappop(heap)
        if done:
            found.append((value, path))
            continue
        remaining = max_hops - len(path) - 1  # ties left after the next one
        for other, data in adj[path[-1]].items():
            if other != USER and other not in path:
                push(value * data["strength"], (*path, other), remaining)
    return found


def same_strengths(mine: Found, theirs: Found) -> bool:
    return len(mine) == len(theirs) and all(
        math.isclose(x, y, rel_tol=REL_TOL)
        for (x, _), (y, _) in zip(mine, theirs, strict=True)
    )


# --- the steps -----------------------------------------------------------------------


def measure_engine(run: Run) -> engine.Graph:
    """Build, save and load (mmap) the engine's graph; returns the loaded one."""
    print("\n## The engine's graph")
    graph = run.graph
    before = rss()
    reset_peak()
    build_ms, built = timed(
        lambda: engine.build_graph(graph.n_nodes, graph.a, graph.b, graph.strength)
    )
    high = peak()
    after = rss()
    # The CSR arrays, and each person's strongest tie, which is saved with them.
    strongest = engine_graph.trusted(built)[1]
    arrays = (
        built.indptr.nbytes
        + built.indices.nbytes
        + built.weights.nbytes
        + strongest.nbytes
    )
    with tempfile.TemporaryDirectory(prefix="netlife-paths-") as folder:
        save_ms, _ = timed(lambda: engine.save_graph(built, folder))
        on_disk = sum(f.stat().st_size for f in Path(folder).iterdir())
        load_ms, loaded = timed(lambda: engine.load_graph(folder, mmap=True))
        # Read every page once, so that the query timings below are warm;
        # the map keeps the files' pages after the folder is removed.
        read_ms, _ = timed(
            lambda: (loaded.indptr.sum(), loaded.indices.sum(), loaded.weights.sum())
        )
    f = run.figures["engine_graph"] = {
        "build_s": build_ms / 1000,
        "arrays_mb": arrays / MB,
        "bytes_per_tie": arrays / graph.n_edges,
        "rss_delta_mb": (after - before) / MB,
        "peak_delta_mb": (high - before) / MB,
        "save_s": save_ms / 1000,
        "on_disk_mb": on_disk / MB,
        "load_ms": load_ms,
        "first_read_ms": read_ms,
    }
    print(
        f"build_graph: {f['build_s']:.2f} s; arrays {f['arrays_mb']:.0f} MB = "
        f"{f['bytes_per_tie']:.1f} bytes per tie; RSS +{f['rss_delta_mb']:.0f} MB "
        f"after, +{f['peak_delta_mb']:.0f} MB at the peak"
    )
    print(
        f"save_graph: {f['save_s']:.2f} s ({f['on_disk_mb']:.0f} MB on disk); "
        f"load_graph(mmap=True): {load_ms:.1f} ms; first read of every page "
        f"{read_ms:.0f} ms"
    )
    return loaded


def run_engine(run: Run, graph: engine.Graph, repeat: int) -> None:
    print(f"\n## best_paths, limit {LIMIT} (warm, memory-mapped graph)")
    first_hops = run.graph.first_hops
    for max_hops in HOPS:
        for query_set in run.query_sets:
            row = run.engine[query_set.name, max_hops] = Row()
            for label, targets in zip(query_set.labels, query_set.targets, strict=True):

                def search(
                    targets: Ints = targets, max_hops: int = max_hops
                ) -> list[engine.Path]:
                    return engine.best_paths(
                        graph, first_hops, targets, max_hops=max_hops, limit=LIMIT
                    )

                found = search()  # warm-up, and the answer
                times = [timed(search)[0] for _ in range(repeat)]
                row.times_ms.append(statistics.median(times))
                row.labels.append(label)
                row.results.append(
                    [(p.strength, tuple(int(n) for n in p.nodes)) for p in found]
                )
            print_stats(query_set.name, max_hops, row)


def print_stats(name: str, max_hops: int, row: Row) -> None:
    s = row.stats()
    print(
        f"{name:>9}, max_hops {max_hops}: median {ms(s['median'])} ms, p95 "
        f"{ms(s['p95'])} ms, max {ms(s['max'])} ms ({len(row.times_ms)} queries)"
    )


def measure_networkx(run: Run) -> Any:
    """An nx.Graph of the same ties, each with its strength and -log(strength)."""
    print("\n## networkx")
    graph = run.graph
    before = rss()
    reset_peak()

    def build() -> Any:
        g = nx.Graph()
        g.add_nodes_from(range(graph.n_nodes))
        strengths = graph.strength.tolist()
        g.add_edges_from(
            (u, v, {"strength": s, "cost": -math.log(s)})
            for u, v, s in zip(
                graph.a.tolist(), graph.b.tolist(), strengths, strict=True
            )
        )
        return g

    build_ms, g = timed(build)
    high = peak()
    after = rss()
    f = run.figures["networkx_graph"] = {
        "build_s": build_ms / 1000,
        "rss_delta_mb": (after - before) / MB,
        "peak_delta_mb": (high - before) / MB,
        "bytes_per_tie": (after - before) / graph.n_edges,
    }
    print(
        f"nx.Graph of the same ties: {f['build_s']:.1f} s; RSS "
        f"+{f['rss_delta_mb']:.0f} MB after ({f['bytes_per_tie']:.0f} bytes per "
        f"tie), +{f['peak_delta_mb']:.0f} MB at the peak"
    )
    # The virtual user, for Dijkstra; the pure-Python search steps around it.
    contacts, strengths = graph.first_hops
    for contact, s in zip(contacts.tolist(), strengths.tolist(), strict=True):
        g.add_edge(USER, contact, strength=s, cost=-math.log(s))
    return g


def run_same_search(run: Run, g: Any, count: int) -> None:
    print(
        f"\n## The same search in pure Python over networkx "
        f"(the first {count} queries of each kind)"
    )
    adj: Adjacency = g._adj  # the dict of dicts a hand-written loop would walk
    contacts, strengths = run.graph.first_hops
    first_hops = list(zip(contacts.tolist(), strengths.tolist(), strict=True))
    # Known from the graph once; the engine needs no such bound.
    max_strength = float(run.graph.strength.max())
    for max_hops in HOPS:
        for query_set in run.query_sets:
            row = run.same_search[query_set.name, max_hops] = Row()
            mine = run.engine[query_set.name, max_hops]
            for i, (label, targets) in enumerate(
                zip(query_set.labels[:count], query_set.targets[:count], strict=True)
            ):
                target_list = targets.tolist()

                def search(
                    target_list: list[int] = target_list, max_hops: int = max_hops
                ) -> Found:
                    return nx_best_paths(
                        adj,
                        first_hops,
                        target_list,
                        max_hops=max_hops,
                        limit=LIMIT,
                        max_strength=max_strength,
                    )

                found = search()  # warm-up, and the answer to check
                row.times_ms.append(timed(search)[0])
                row.labels.append(label)
                row.results.append(found)
                if not same_strengths(mine.results[i], found):
                    print(
                        f"  DIFFERENT ANSWER, {query_set.name} {label}, max_hops "
                        f"{max_hops}: engine {mine.results[i]}, networkx {found}"
                    )
            print_stats(query_set.name, max_hops, row)


def _dijkstra(g: Any, sources: set[int]) -> Found:
    # From the targets to the user: it stops as soon as the user is reached.
    try:
        distance, path = nx.multi_source_dijkstra(
            g, sources, target=USER, weight="cost"
        )
    except nx.NetworkXNoPath:
        return []
    return [(math.exp(-distance), tuple(reversed(path[:-1])))]


def run_dijkstra(run: Run, g: Any, count: int) -> None:
    print(
        f"\n## networkx multi_source_dijkstra, no hop limit "
        f"(the first {count} queries of each kind, once each)"
    )
    for query_set in run.query_sets:
        row = run.dijkstra[query_set.name] = Row()
        for label, targets in zip(
            query_set.labels[:count], query_set.targets[:count], strict=True
        ):
            sources = set(targets.tolist())
            elapsed, found = timed(functools.partial(_dijkstra, g, sources))
            row.times_ms.append(elapsed)
            row.labels.append(label)
            row.results.append(found)
        s = row.stats()
        print(
            f"{query_set.name:>9}: median {ms(s['median'])} ms, max {ms(s['max'])} ms "
            f"({len(row.times_ms)} queries)"
        )


# --- the summary ---------------------------------------------------------------------


def ms(value: float | None) -> str:
    if value is None:
        return "-"
    if value >= 100:
        return f"{value:,.0f}"
    return f"{value:.2f}" if value >= 1 else f"{value:.3f}"


def times(slow: float | None, fast: float | None) -> str:
    if slow is None or fast is None:
        return "-"
    ratio = slow / fast
    return f"{ratio:,.0f}x" if ratio >= 10 else f"{ratio:.2g}x"


def speedups(run: Run) -> tuple[list[tuple[str, float]], list[tuple[str, float]]]:
    """Per row, networkx time / engine time, each over the same queries."""
    same, dijkstra = [], []
    for (name, max_hops), row in run.engine.items():
        theirs = run.same_search.get((name, max_hops))
        if theirs and theirs.times_ms:
            mine = row.stats(len(theirs.times_ms))["median"]
            same.append(
                (f"{name}, max_hops {max_hops}", theirs.stats()["median"] / mine)
            )
        slow = run.dijkstra.get(name)
        if slow and slow.times_ms:
            mine = row.stats(len(slow.times_ms))["median"]
            dijkstra.append(
                (f"{name}, max_hops {max_hops}", slow.stats()["median"] / mine)
            )
    return same, dijkstra


def print_latency(run: Run) -> None:
    print("\n## Latency, ms per query (speed-ups over the same queries)\n")
    print(
        "| query | hops | engine median | p95 | max | networkx same search median "
        "| p95 | max | speed-up | networkx Dijkstra median | speed-up |"
    )
    print(
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    )
    for (name, max_hops), row in run.engine.items():
        mine = row.stats()
        theirs = run.same_search.get((name, max_hops), Row())
        slow = run.dijkstra.get(name, Row())
        s, d = theirs.stats(), slow.stats()
        mine_s = row.stats(len(theirs.times_ms)).get("median")
        mine_d = row.stats(len(slow.times_ms)).get("median")
        print(
            f"| {name} | {max_hops} | {ms(mine['median'])} | {ms(mine['p95'])} | "
            f"{ms(mine['max'])} | {ms(s.get('median'))} | {ms(s.get('p95'))} | "
            f"{ms(s.get('max'))} | {times(s.get('median'), mine_s)} | "
            f"{ms(d.get('median'))} | {times(d.get('median'), mine_d)} |"
        )
        run.figures.setdefault("rows", []).append(
            {
                "query": name,
                "max_hops": max_hops,
                "engine": mine,
                "same_search": s,
                "engine_over_same_queries": mine_s,
                "dijkstra": d,
                "engine_over_dijkstra_queries": mine_d,
            }
        )
    counts = sorted({len(r.times_ms) for r in run.same_search.values()})
    if counts:
        print(f"\nThe networkx same search ran {counts} queries a row.")
    if run.dijkstra:
        ran = len(next(iter(run.dijkstra.values())).times_ms)
        print(
            f"networkx Dijkstra ran {ran} queries of each kind, once each; it has "
            "no hop limit, so one run serves both hop rows."
        )


def print_answers(run: Run) -> None:
    print("\n## Answers of the engine\n")
    print("| query | hops | queries | no path | paths by hops | same as networkx |")
    print("| --- | ---: | ---: | ---: | --- | --- |")
    for (name, max_hops), row in run.engine.items():
        empty = sum(1 for found in row.results if not found)
        by_hops: dict[int, int] = {}
        for found in row.results:
            for _, nodes in found:
                by_hops[len(nodes)] = by_hops.get(len(nodes), 0) + 1
        agreed = "-"
        if theirs := run.same_search.get((name, max_hops)):
            same = sum(
                same_strengths(m, t)
                for m, t in zip(row.results, theirs.results, strict=False)
            )
            agreed = f"{same}/{len(theirs.results)}"
        hops = ", ".join(f"{h}-hop {n}" for h, n in sorted(by_hops.items()))
        print(f"| {name} | {max_hops} | {len(row.results)} | {empty} | {hops} ", end="")
        print(f"| {agreed} |")
        run.figures.setdefault("answers", []).append(
            {
                "query": name,
                "max_hops": max_hops,
                "no_path": empty,
                "paths_by_hops": by_hops,
                "same_strengths": agreed,
            }
        )


def print_unconstrained(run: Run) -> None:
    """How Dijkstra's one best path, with no hop limit, compares with the engine's."""
    if not run.dijkstra:
        return
    print("\n## networkx Dijkstra's best path, no hop limit\n")
    print(
        "| query | queries | its hops | more than 3 | more than 4 "
        "| engine's best / its best, max_hops 3 | max_hops 4 |"
    )
    print("| --- | ---: | --- | ---: | ---: | ---: | ---: |")
    for name, row in run.dijkstra.items():
        answered = [found[0] for found in row.results if found]
        lengths = [len(nodes) for _, nodes in answered]
        shares = []
        for max_hops in HOPS:
            mine = run.engine[name, max_hops].results
            ratios = []
            for label, m, d in zip(row.labels, mine, row.results, strict=False):
                if not d:
                    continue
                ratios.append(m[0][0] / d[0][0] if m else 0.0)
                # Checks: nothing beats the unconstrained best, and a best
                # within the hop limit is what the engine finds first.
                if m and m[0][0] > d[0][0] * (1 + REL_TOL):
                    print(f"  ENGINE BEATS DIJKSTRA: {name} {label}: {m} vs {d}")
                if len(d[0][1]) <= max_hops and not same_strengths(m[:1], d):
                    print(
                        f"  ENGINE MISSED A PATH: {name} {label}, {max_hops}: ", end=""
                    )
                    print(f"{m} vs {d}")
            shares.append(f"{statistics.median(ratios):.2f}" if ratios else "-")
        spread = (
            f"{min(lengths)}-{max(lengths)}, median {statistics.median(lengths):g}"
            if lengths
            else "-"
        )
        print(
            f"| {name} | {len(row.results)} | {spread} | {sum(n > 3 for n in lengths)} "
            f"| {sum(n > 4 for n in lengths)} | {shares[0]} | {shares[1]} |"
        )


def print_slowest(run: Run) -> None:
    print(
        "\n## The engine's slowest queries (reproduce with the same size and --seed)\n"
    )
    for (name, max_hops), row in run.engine.items():
        worst = sorted(zip(row.times_ms, row.labels, row.results, strict=True))[-2:]
        for elapsed, label, found in reversed(worst):
            best = (
                f"best {found[0][0]:.3f} over {len(found[0][1])} hops"
                if found
                else "no path"
            )
            size = run.size_of(name, label)
            print(
                f"  {name} {label} ({size:,} {'person' if size == 1 else 'people'}), "
                f"max_hops {max_hops}: "
                f"{ms(elapsed)} ms, {best}"
            )


def print_targets(run: Run) -> None:
    checks: list[tuple[str, bool, str]] = []
    for max_hops in HOPS:
        org = run.engine["org", max_hops].stats()
        giant = run.engine["giant org", max_hops].stats()
        checks += [
            (f"org median < {ORG_MEDIAN_MS:g} ms, max_hops {max_hops}",
             org["median"] < ORG_MEDIAN_MS, f"{ms(org['median'])} ms"),
            (f"org p95 < {ORG_P95_MS:g} ms, max_hops {max_hops}",
             org["p95"] < ORG_P95_MS, f"{ms(org['p95'])} ms"),
            (f"giant org p95 < {GIANT_P95_MS:g} ms, max_hops {max_hops}",
             giant["p95"] < GIANT_P95_MS, f"{ms(giant['p95'])} ms"),
        ]  # fmt: skip
    built = run.figures["engine_graph"]
    checks += [
        (f"build < {BUILD_S:g} s", built["build_s"] < BUILD_S,
         f"{built['build_s']:.2f} s"),
        (f"< {BYTES_PER_TIE:g} bytes per tie", built["bytes_per_tie"] < BYTES_PER_TIE,
         f"{built['bytes_per_tie']:.1f} bytes"),
    ]  # fmt: skip
    same, dijkstra = speedups(run)
    for what, wanted, ratios in (
        ("the networkx same search", VS_SAME_SEARCH, same),
        ("networkx Dijkstra", VS_DIJKSTRA, dijkstra),
    ):
        if ratios:
            where, lowest = min(ratios, key=lambda item: item[1])
            checks.append(
                (f">= {wanted:g}x {what}, every row", lowest >= wanted,
                 f"lowest {times(lowest, 1.0)} ({where})")
            )  # fmt: skip
    print("\n## Targets\n")
    for name, ok, figure in checks:
        print(f"  {'PASS' if ok else 'MISS'}  {name}: {figure}")
    run.figures["targets"] = [
        {"target": name, "pass": ok, "figure": figure} for name, ok, figure in checks
    ]


# --- the run -------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(
        description="Warm paths at community scale: the path engine against networkx."
    )
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--ties", type=int, default=10_000_000)
    parser.add_argument("--queries", type=int, default=100, help="of each kind")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--contacts", type=int, default=300, help="the user's")
    parser.add_argument("--repeat", type=int, default=3, help="timed engine calls")
    parser.add_argument("--nx-queries", type=int, help="default: all")
    parser.add_argument("--dijkstra-queries", type=int, help="default: all, 10 >100k")
    parser.add_argument("--no-networkx", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    nx_queries = args.queries if args.nx_queries is None else args.nx_queries
    dijkstra_queries = args.dijkstra_queries
    if dijkstra_queries is None:
        dijkstra_queries = args.queries if args.people <= 100_000 else 10

    # The engine is still changing; the hash says which version was measured.
    engine_files = sorted(Path(engine.__file__).parent.glob("paths*.py"))
    source = b"".join(path.read_bytes() for path in engine_files)
    version = hashlib.sha256(source).hexdigest()[:12]
    print(
        f"# Warm paths: Python {platform.python_version()}, numpy {np.__version__}, "
        f"networkx {nx.__version__}, engines/paths*.py sha256 {version}"
    )
    generate_ms, graph = timed(
        lambda: generate(
            args.people, args.ties, seed=args.seed, first_hops=args.contacts
        )
    )
    print(f"\ngenerated in {generate_ms / 1000:.1f} s")
    for line in describe(graph):
        print("  " + line)
    run = Run(graph, pick_targets(graph, args.queries, seed=args.seed + 1))
    run.figures["args"] = vars(args) | {"json": str(args.json)}
    run.figures["engine_sha256"] = version
    run.figures["graph"] = describe(graph)
    for query_set in run.query_sets:
        sizes = [len(t) for t in query_set.targets]
        print(
            f"  {query_set.name} queries: {len(sizes)}, people in the target: median "
            f"{statistics.median(sizes):,.0f}, {min(sizes):,} to {max(sizes):,}"
        )

    run_engine(run, measure_engine(run), args.repeat)
    if not args.no_networkx:
        g = measure_networkx(run)
        run_same_search(run, g, nx_queries)
        run_dijkstra(run, g, dijkstra_queries)
    print_latency(run)
    print_answers(run)
    print_unconstrained(run)
    print_slowest(run)
    print_targets(run)
    run.figures["peak_rss_mb"] = highest_peak() / MB
    print(f"\npeak RSS of the whole run: {run.figures['peak_rss_mb']:,.0f} MB")
    if args.json:
        args.json.write_text(json.dumps(run.figures, indent=1))


if __name__ == "__main__":
    main()
