"""The who-knows-whom graph the path search runs on: built, stored, trusted.

`build_graph` keeps each tie once a direction at its strongest, `save_graph`
and `load_graph` store it with each person's strongest tie, and a graph made
any other way is checked before a search relies on what build_graph
guarantees (see `paths_graph.trusted`).
"""

from pathlib import Path as FilePath

import numpy as np

from netlife.engines import paths_graph
from netlife.engines.paths import (
    Graph,
    best_paths,
    build_graph,
    load_graph,
    save_graph,
)
from netlife.engines.tests import path_reference as reference
from netlife.engines.tests.test_paths import (
    ANN,
    BOB,
    CAROL,
    DAN,
    EVE,
    HAL,
    graph_of,
    hops_of,
    stored,
)


def rows(graph: Graph) -> dict[int, list[tuple[int, float]]]:
    return {
        v: [
            (int(graph.indices[i]), float(graph.weights[i]))
            for i in range(graph.indptr[v], graph.indptr[v + 1])
        ]
        for v in range(graph.n_nodes)
    }


def test_a_graph_stores_each_tie_both_ways_once_at_its_strongest():
    graph = graph_of(
        [
            (ANN, BOB, 0.5),
            (BOB, ANN, 0.75),  # the same pair again, stronger: kept
            (ANN, BOB, 0.25),  # and weaker: dropped
            (CAROL, CAROL, 0.9),  # a self-loop: dropped
            (CAROL, DAN, 0.0),  # no strength: dropped
            (DAN, EVE, -1.0),  # dropped too
            (EVE, ANN, 3.0),  # above 1: counts as 1
        ],
        n_nodes=5,
    )
    assert rows(graph) == {
        ANN: [(BOB, 0.75), (EVE, 1.0)],
        BOB: [(ANN, 0.75)],
        CAROL: [],
        DAN: [],
        EVE: [(ANN, 1.0)],
    }
    assert graph.n_nodes == 5
    assert graph.n_edges == 2
    assert graph.indptr.dtype == np.int64
    assert graph.indices.dtype == np.int32
    assert graph.weights.dtype == np.float32


def test_a_bigger_graph_is_the_same_ties_in_sorted_rows():
    rng = np.random.default_rng(3)
    a, b = rng.integers(0, 200, 3000), rng.integers(0, 200, 3000)
    s = rng.choice([0.2, 0.4, 0.6, 0.8, 1.2, 0.0], 3000)
    graph = build_graph(200, a, b, s)
    want = reference.adjacency(zip(a.tolist(), b.tolist(), s.tolist(), strict=True))
    got = rows(graph)
    assert {v: dict(r) for v, r in got.items() if r} == want
    assert all([n for n, _ in r] == sorted(n for n, _ in r) for r in got.values())


def test_each_person_s_strongest_tie_is_known_and_0_without_ties():
    graph = graph_of([(ANN, BOB, 0.5), (ANN, CAROL, 0.75), (DAN, BOB, 0.25)], 6)
    same, strongest = paths_graph.trusted(graph)
    assert same is graph
    assert strongest.dtype == np.float32
    assert strongest.tolist() == [0.75, 0.5, 0.75, 0.25, 0.0, 0.0]


def test_an_empty_graph_has_no_paths():
    graph = build_graph(3, [], [], [])
    assert graph.n_edges == 0
    assert best_paths(graph, hops_of({ANN: 1.0}), np.array([CAROL])) == []


def test_a_saved_graph_loads_as_shared_maps_that_answer_the_same(tmp_path: FilePath):
    edges = [(ANN, BOB, 0.9), (BOB, HAL, 0.5), (ANN, HAL, 0.1)]
    graph = graph_of(edges)
    save_graph(graph, tmp_path / "graph")
    mapped = load_graph(tmp_path / "graph")
    assert isinstance(mapped.indices, np.memmap)
    assert not mapped.weights.flags.writeable
    for name in ("indptr", "indices", "weights"):
        assert np.array_equal(getattr(mapped, name), getattr(graph, name))
    # The strongest ties come from the file, not from reading every tie again.
    _, strongest = paths_graph.trusted(mapped)
    assert isinstance(strongest, np.memmap)
    assert np.array_equal(strongest, paths_graph.trusted(graph)[1])
    loaded = load_graph(tmp_path / "graph", mmap=False)
    assert not isinstance(loaded.indices, np.memmap)
    query = (hops_of({ANN: 1.0}), np.array([HAL]))
    assert best_paths(mapped, *query, limit=2) == best_paths(graph, *query, limit=2)


def test_a_graph_saved_without_strongest_ties_still_answers(tmp_path: FilePath):
    # As saved before the strongest ties were: they are worked out when needed.
    edges = [(ANN, BOB, 0.9), (BOB, HAL, 0.5), (ANN, HAL, 0.1)]
    save_graph(graph_of(edges), tmp_path)
    (tmp_path / "strongest.npy").unlink()
    loaded = load_graph(tmp_path)
    _, strongest = paths_graph.trusted(loaded)
    assert strongest.tolist()[: HAL + 1] == [stored(0.9), stored(0.9)] + [0] * 5 + [0.5]
    found = best_paths(loaded, hops_of({ANN: 1.0}), np.array([HAL]), limit=2)
    assert [p.nodes for p in found] == [(ANN, BOB, HAL), (ANN, HAL)]


def test_a_graph_made_by_hand_is_searched_as_build_graph_would_store_it():
    # Rows out of order, a tie listed twice, one stored one way only, a
    # self-loop and a strength above 1: the search sees the ties build_graph
    # would make of these entries.
    by_hand = Graph(
        indptr=np.array([0, 4, 5, 6, 7], dtype=np.int64),
        indices=np.array([2, 1, 1, 0, 0, 3, 2], dtype=np.int32),
        weights=np.array([0.5, 0.25, 0.75, 1.0, 0.75, 2.0, 2.0], dtype=np.float32),
    )
    graph, strongest = paths_graph.trusted(by_hand)
    assert graph is not by_hand
    assert rows(graph) == {
        0: [(1, 0.75), (2, 0.5)],
        1: [(0, 0.75)],
        2: [(0, 0.5), (3, 1.0)],
        3: [(2, 1.0)],
    }
    assert strongest.tolist() == [0.75, 0.75, 1.0, 1.0]
    assert paths_graph.trusted(by_hand)[0] is graph  # checked once
    found = best_paths(by_hand, hops_of({1: 1.0}), np.array([3]), max_hops=4)
    assert [(p.nodes, p.strength) for p in found] == [((1, 0, 2, 3), 0.75 * 0.5)]


def test_a_graph_made_by_hand_that_keeps_the_rules_is_used_as_it_is():
    fine = graph_of([(ANN, BOB, 0.5), (BOB, HAL, 1.0)])
    by_hand = Graph(indptr=fine.indptr, indices=fine.indices, weights=fine.weights)
    graph, strongest = paths_graph.trusted(by_hand)
    assert graph is by_hand
    assert strongest.tolist() == paths_graph.trusted(fine)[1].tolist()
