"""Warm-introduction paths as a user meets them: the best ways to a person or a company.

The search is checked against brute force (path_reference.py: every simple
path, enumerated) on many random small graphs, and on hand-made graphs for
the rules one can state: hop limits, ties, terminal targets, excluded
people, bad arguments. test_paths_search.py checks each of the search's
branches the same way, and test_paths_graph.py how a graph is built and
stored.
"""

import math
import random
import threading
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netlife.engines.paths import (
    MAX_HOPS,
    Graph,
    Path,
    best_paths,
    build_graph,
    hop_cost,
)
from netlife.engines.tests import path_reference as reference

Edge = tuple[int, int, float]

# The user's contacts and the people they know, by name, for readable cases.
ANN, BOB, CAROL, DAN, EVE, FAY, GUS, HAL = range(8)


def stored(strength: float) -> float:
    """A tie's strength as the graph keeps it: at float32 precision."""
    return float(np.float32(strength))


def graph_of(edges: Sequence[Edge], n_nodes: int = 8) -> Graph:
    return build_graph(
        n_nodes,
        np.array([e[0] for e in edges], dtype=np.int64),
        np.array([e[1] for e in edges], dtype=np.int64),
        np.array([e[2] for e in edges], dtype=np.float64),
    )


def hops_of(
    contacts: dict[int, float],
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    return (
        np.array(list(contacts), dtype=np.int64),
        np.array(list(contacts.values()), dtype=np.float64),
    )


def paths(
    edges: Sequence[Edge],
    contacts: dict[int, float],
    targets: Sequence[int],
    *,
    max_hops: int = 3,
    limit: int = 3,
    excluded: Sequence[int] = (),
) -> list[tuple[tuple[int, ...], float]]:
    found = best_paths(
        graph_of(edges),
        hops_of(contacts),
        np.array(targets, dtype=np.int64),
        max_hops=max_hops,
        limit=limit,
        excluded=np.array(excluded, dtype=np.int64),
    )
    return [(p.nodes, p.strength) for p in found]


# --- against brute force ---------------------------------------------------

# Strengths repeat (so paths tie), multiply to equal products in different
# orders (0.5 * 0.25 = 0.25 * 0.5 = 0.125 * 1), and include ones the graph
# drops (<= 0) or clips (> 1).
NICE = [0.125, 0.25, 0.5, 0.5, 0.75, 1.0, 0.3, 0.9]
strengths = st.one_of(
    st.sampled_from([*NICE, 0.0, -0.5, 1.5]),
    st.floats(min_value=0.01, max_value=1.0),
)
first_strengths = st.one_of(
    st.sampled_from(NICE), st.floats(min_value=0.01, max_value=1.0)
)


@st.composite
def queries(
    draw: st.DrawFn,
    *,
    nodes: tuple[int, int],
    edges_per_node: tuple[float, float],
    max_hops: int,
) -> tuple[int, list[Edge], list[tuple[int, float]], list[int], list[int], int, int]:
    n = draw(st.integers(*nodes))
    node = st.integers(0, n - 1)
    least, most = (int(n * k) for k in edges_per_node)
    edges = draw(
        st.lists(st.tuples(node, node, strengths), min_size=least, max_size=most)
    )
    first = draw(st.lists(st.tuples(node, first_strengths), max_size=8))
    targets = draw(st.lists(node, max_size=5, unique=True))
    excluded = draw(st.lists(node, max_size=3, unique=True))
    hops = draw(st.integers(1, max_hops))
    limit = draw(st.integers(1, 6))
    return n, edges, first, targets, excluded, hops, limit


def check_against_brute_force(
    n: int,
    edges: list[Edge],
    first: list[tuple[int, float]],
    targets: list[int],
    excluded: list[int],
    hops: int,
    limit: int,
    graph: Graph | None = None,
) -> None:
    graph = graph_of(edges, n) if graph is None else graph
    got = best_paths(
        graph,
        (
            np.array([c for c, _ in first], dtype=np.int64),
            np.array([s for _, s in first], dtype=np.float64),
        ),
        np.array(targets, dtype=np.int64),
        max_hops=hops,
        limit=limit,
        excluded=np.array(excluded, dtype=np.int64),
    )
    want = reference.best_paths(
        edges, first, targets, max_hops=hops, limit=limit, excluded=excluded
    )
    assert [p.nodes for p in got] == [p.nodes for p in want]
    # The same hop strengths multiplied in the same order.
    assert [p.strength for p in got] == [p.strength for p in want]


@settings(max_examples=400, deadline=None)
@given(queries(nodes=(1, 12), edges_per_node=(0, 2.5), max_hops=MAX_HOPS))
def test_the_best_paths_are_the_brute_force_best_paths(
    query: tuple[
        int, list[Edge], list[tuple[int, float]], list[int], list[int], int, int
    ],
) -> None:
    check_against_brute_force(*query)


@settings(max_examples=150, deadline=None)
@given(queries(nodes=(20, 40), edges_per_node=(1, 4), max_hops=4))
def test_on_bigger_graphs_too(
    query: tuple[
        int, list[Edge], list[tuple[int, float]], list[int], list[int], int, int
    ],
) -> None:
    # Enough paths for the later searches to reuse the first one's levels,
    # and to be found on them or searched for again.
    check_against_brute_force(*query)


@pytest.mark.parametrize("values", [[0.5, 1.0], [0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 0.99]])
def test_seeded_random_graphs_agree_with_brute_force(values: list[float]):
    # Plain uniform random graphs, denser than hypothesis tends to draw: the
    # later searches of a query lean on the first one's work most here.
    for seed in range(250):
        rnd = random.Random(seed)
        n = rnd.randint(20, 60)
        edges = [
            (rnd.randrange(n), rnd.randrange(n), rnd.choice(values))
            for _ in range(rnd.randint(n, 4 * n))
        ]
        first = [
            (rnd.randrange(n), rnd.choice(values)) for _ in range(rnd.randint(1, 8))
        ]
        targets = rnd.sample(range(n), rnd.randint(1, 6))
        excluded = rnd.sample(range(n), rnd.randint(0, 4))
        hops, limit = rnd.randint(1, 4), rnd.randint(1, 6)
        check_against_brute_force(n, edges, first, targets, excluded, hops, limit)


def _shared_edges() -> list[Edge]:
    rng = np.random.default_rng(5)
    return [
        (int(a), int(b), float(s))
        for a, b, s in zip(
            rng.integers(0, 30, 90),
            rng.integers(0, 30, 90),
            rng.choice([0.25, 0.5, 0.9, 0.3, 0.7], 90),
            strict=True,
        )
    ]


SHARED_EDGES = _shared_edges()
SHARED = graph_of(SHARED_EDGES, 30)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 29), first_strengths), min_size=1, max_size=6),
    st.lists(st.integers(0, 29), min_size=1, max_size=5, unique=True),
    st.lists(st.integers(0, 29), max_size=3, unique=True),
    st.integers(1, 4),
    st.integers(1, 5),
)
def test_one_graph_answers_query_after_query(
    first: list[tuple[int, float]],
    targets: list[int],
    excluded: list[int],
    hops: int,
    limit: int,
) -> None:
    # The search reuses per-graph scratch: nothing of a query may leak into
    # the next one.
    check_against_brute_force(
        30, SHARED_EDGES, first, targets, excluded, hops, limit, graph=SHARED
    )


# --- the rules, case by case ------------------------------------------------


def test_a_strong_long_path_loses_to_a_weak_short_one_within_the_hop_limit():
    edges = [
        # Ann -> Bob -> Carol -> Hal: every tie at 0.9, 4 hops with the user's.
        (ANN, BOB, 0.9),
        (BOB, CAROL, 0.9),
        (CAROL, HAL, 0.9),
        # Dan -> Eve -> Hal: 0.3 ties, 3 hops.
        (DAN, EVE, 0.3),
        (EVE, HAL, 0.3),
    ]
    contacts = {ANN: 0.9, DAN: 0.9}
    assert paths(edges, contacts, [HAL], max_hops=3, limit=1) == [
        ((DAN, EVE, HAL), 0.9 * stored(0.3) * stored(0.3))
    ]
    assert [p for p, _ in paths(edges, contacts, [HAL], max_hops=4)] == [
        (ANN, BOB, CAROL, HAL),
        (DAN, EVE, HAL),
    ]


def test_the_strength_is_the_product_of_every_hop_the_users_own_included():
    found = paths([(ANN, BOB, 0.5), (BOB, CAROL, 0.25)], {ANN: 0.8}, [CAROL])
    assert found == [((ANN, BOB, CAROL), 0.8 * 0.5 * 0.25)]


def test_equal_strengths_go_to_fewer_hops_then_to_the_smaller_nodes():
    edges = [
        # Three ways to Hal at 0.25 in all: 0.5 * 0.5 twice (3 hops), and a
        # direct 0.25 tie (2 hops).
        (ANN, BOB, 0.5),
        (BOB, HAL, 0.5),
        (CAROL, DAN, 0.5),
        (DAN, HAL, 0.5),
        (EVE, HAL, 0.25),
    ]
    contacts = {ANN: 1.0, CAROL: 1.0, EVE: 1.0}
    assert paths(edges, contacts, [HAL], max_hops=3, limit=5) == [
        ((EVE, HAL), 0.25),
        ((ANN, BOB, HAL), 0.25),
        ((CAROL, DAN, HAL), 0.25),
    ]


def test_equal_products_of_different_strengths_tie_exactly():
    # 0.5 * 0.25 and 0.25 * 0.5 and 0.125 * 1: the same strength, whatever
    # the order of the hops, so the node sequence decides.
    edges = [(ANN, HAL, 0.25), (BOB, HAL, 0.5), (CAROL, HAL, 1.0)]
    contacts = {ANN: 0.5, BOB: 0.25, CAROL: 0.125}
    assert paths(edges, contacts, [HAL], limit=3) == [
        ((ANN, HAL), 0.125),
        ((BOB, HAL), 0.125),
        ((CAROL, HAL), 0.125),
    ]
    assert hop_cost([0.5]) + hop_cost([0.25]) == hop_cost([0.125])


def test_paths_never_go_round_a_cycle():
    edges = [
        (ANN, BOB, 1.0),
        (BOB, CAROL, 1.0),
        (CAROL, ANN, 1.0),
        (CAROL, HAL, 0.5),
    ]
    found = paths(edges, {ANN: 1.0}, [HAL], max_hops=6, limit=10)
    assert found == [((ANN, CAROL, HAL), 0.5), ((ANN, BOB, CAROL, HAL), 0.5)]
    assert all(len(set(p)) == len(p) for p, _ in found)


def test_a_target_no_one_reaches_has_no_paths():
    edges = [(ANN, BOB, 0.9), (HAL, GUS, 0.9)]
    assert paths(edges, {ANN: 0.9}, [HAL], max_hops=MAX_HOPS) == []


def test_a_target_among_the_contacts_is_one_hop_away():
    found = paths([(ANN, HAL, 0.5)], {HAL: 0.4, ANN: 0.5}, [HAL])
    assert found == [((HAL,), 0.4), ((ANN, HAL), 0.25)]
    assert (
        best_paths(graph_of([(ANN, HAL, 1.0)]), hops_of({HAL: 0.4}), np.array([HAL]))[
            0
        ].hops
        == 1
    )


def test_a_path_to_a_company_ends_at_the_first_colleague_it_reaches():
    # Carol and Dan both work at Acme; Ann knows Carol, Carol knows Dan.
    edges = [(ANN, CAROL, 0.9), (CAROL, DAN, 0.9)]
    acme = [CAROL, DAN]
    assert paths(edges, {ANN: 0.9}, acme, max_hops=4, limit=5) == [
        ((ANN, CAROL), 0.9 * stored(0.9))
    ]


def test_excluded_people_are_never_on_a_path():
    edges = [(ANN, BOB, 0.9), (BOB, HAL, 0.9), (ANN, CAROL, 0.2), (CAROL, HAL, 0.2)]
    contacts = {ANN: 1.0, DAN: 1.0}
    assert [p for p, _ in paths(edges, contacts, [HAL], excluded=[BOB])] == [
        (ANN, CAROL, HAL)
    ]
    assert paths(edges, contacts, [HAL], excluded=[ANN]) == []
    assert paths(edges, contacts, [HAL], excluded=[HAL]) == []


def test_fewer_paths_than_the_limit_are_all_listed():
    found = paths([(ANN, HAL, 0.5)], {ANN: 1.0, BOB: 1.0}, [HAL], limit=6)
    assert found == [((ANN, HAL), 0.5)]


def test_queries_on_one_graph_from_several_threads_agree():
    rng = np.random.default_rng(11)
    graph = build_graph(
        400, rng.integers(0, 400, 2000), rng.integers(0, 400, 2000), rng.random(2000)
    )
    contacts = (np.arange(0, 400, 13), np.full(31, 0.7))
    targets = [np.array([t]) for t in range(5, 400, 37)]
    alone = [best_paths(graph, contacts, t, max_hops=4) for t in targets]
    together: dict[int, list[list[Path]]] = {}

    def ask(worker: int) -> None:
        together[worker] = [best_paths(graph, contacts, t, max_hops=4) for t in targets]

    workers = [threading.Thread(target=ask, args=(w,)) for w in range(4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert all(answers == alone for answers in together.values())


# --- errors ------------------------------------------------------------------

GRAPH = graph_of([(ANN, BOB, 0.5)])
CONTACTS = hops_of({ANN: 1.0})


@pytest.mark.parametrize("hops", [0, MAX_HOPS + 1])
def test_a_hop_limit_outside_1_to_6_is_an_error(hops: int):
    with pytest.raises(ValueError, match="max_hops"):
        best_paths(GRAPH, CONTACTS, np.array([BOB]), max_hops=hops)


def test_a_limit_below_one_is_an_error():
    with pytest.raises(ValueError, match="limit"):
        best_paths(GRAPH, CONTACTS, np.array([BOB]), limit=0)


@pytest.mark.parametrize(
    ("contacts", "targets", "excluded", "message"),
    [
        (hops_of({8: 1.0}), [BOB], [], "first-hop contacts"),
        (hops_of({-1: 1.0}), [BOB], [], "first-hop contacts"),
        (CONTACTS, [8], [], "targets"),
        (CONTACTS, [BOB], [99], "excluded"),
        (hops_of({ANN: 0.0}), [BOB], [], r"\(0, 1\]"),
        (hops_of({ANN: 1.5}), [BOB], [], r"\(0, 1\]"),
        (hops_of({ANN: math.nan}), [BOB], [], r"\(0, 1\]"),
        ((np.array([ANN, BOB]), np.array([1.0])), [BOB], [], "pair"),
    ],
)
def test_bad_queries_are_errors(
    contacts: tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]],
    targets: list[int],
    excluded: list[int],
    message: str,
):
    with pytest.raises(ValueError, match=message):
        best_paths(GRAPH, contacts, np.array(targets), excluded=np.array(excluded))


@pytest.mark.parametrize(
    ("a", "b", "s", "message"),
    [
        ([0], [8], [0.5], "edge ends"),
        ([-1], [0], [0.5], "edge ends"),
        ([0], [1], [math.nan], "NaN"),
        ([0, 1], [1], [0.5], "same length"),
    ],
)
def test_bad_edges_are_errors(a: list[int], b: list[int], s: list[float], message: str):
    with pytest.raises(ValueError, match=message):
        build_graph(8, a, b, s)
