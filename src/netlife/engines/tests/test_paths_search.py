"""How the path search prunes, branch by branch, against brute force.

The search (`netlife.engines.paths_search`) bounds the rest of every partial
path by levels built from the targets (`paths_bounds`), and keeps a partial
path only while its key plus that bound can still be among the `limit`
best. Which levels it builds depends on what they cost at a million people,
so small graphs take one branch only. These tests force each one with
`tuned`:

- "no levels": bounds from each node's strongest tie alone, as for a big
  organization, and the most promising partial paths first, a tie a pass;
- "few levels": levels stop early, and the next one is read off the ties of
  the nodes that need it;
- "meets the contacts": the last level only at the contacts;
- "near the contacts": the level before it only at the contacts and their
  neighbours.
"""

import random
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings

from netlife.engines import paths_bounds, paths_search
from netlife.engines.paths import MAX_HOPS
from netlife.engines.tests.test_paths import (
    ANN,
    BOB,
    CAROL,
    DAN,
    EVE,
    FAY,
    GUS,
    HAL,
    Edge,
    check_against_brute_force,
    graph_of,
    paths,
    queries,
    stored,
)

REGIMES: dict[str, dict[str, float]] = {
    "as tuned": {},
    "no levels": {"GROW_TIES": 0, "_BATCH": 1},
    "few levels": {"GROW_TIES": 6, "JOIN_RATIO": 0, "_BATCH": 2},
    "meets the contacts": {"GROW_TIES": 10**9, "JOIN_RATIO": 10**9},
    "near the contacts": {"GROW_TIES": 10**9, "JOIN_RATIO": 0, "NEAR_RATIO": 0},
}


def _module(name: str) -> Any:
    return paths_search if name == "_BATCH" else paths_bounds


@contextmanager
def tuned(regime: str) -> Iterator[None]:
    saved = {name: getattr(_module(name), name) for name in REGIMES[regime]}
    for name, value in REGIMES[regime].items():
        setattr(_module(name), name, value)
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(_module(name), name, value)


every_regime = pytest.mark.parametrize("regime", list(REGIMES))


# --- against brute force ---------------------------------------------------


@every_regime
@settings(max_examples=150, deadline=None)
@given(query=queries(nodes=(1, 30), edges_per_node=(0, 4), max_hops=MAX_HOPS))
def test_every_branch_finds_the_brute_force_best_paths(
    regime: str,
    query: tuple[
        int, list[Edge], list[tuple[int, float]], list[int], list[int], int, int
    ],
) -> None:
    with tuned(regime):
        check_against_brute_force(*query)


def random_query(
    seed: int, *, crowded: bool
) -> tuple[int, list[Edge], list[tuple[int, float]], list[int], list[int], int, int]:
    """A seeded random graph, denser than hypothesis tends to draw; crowded:
    a tenth to a half of everyone a target, as in a big organization."""
    rnd = random.Random(seed)
    n = rnd.randint(20, 60)
    values = [0.3, 0.6, 0.9] if seed % 2 else [0.125, 0.25, 0.5, 0.75, 1.0]
    edges = [
        (rnd.randrange(n), rnd.randrange(n), rnd.choice(values))
        for _ in range(rnd.randint(n, 4 * n))
    ]
    first = [
        (rnd.randrange(n), rnd.choice([*values, 0.06, 1.0]))
        for _ in range(rnd.randint(1, 10))
    ]
    size = rnd.randint(n // 10, n // 2) if crowded else rnd.randint(1, 6)
    targets = rnd.sample(range(n), size)
    excluded = rnd.sample(range(n), rnd.randint(0, 4))
    return n, edges, first, targets, excluded, rnd.randint(1, 6), rnd.randint(1, 7)


@every_regime
@pytest.mark.parametrize("crowded", [False, True])
def test_seeded_random_graphs_agree_with_brute_force_on_every_branch(
    regime: str, crowded: bool
) -> None:
    with tuned(regime):
        for seed in range(150):
            check_against_brute_force(*random_query(seed, crowded=crowded))


@pytest.mark.parametrize(
    ("regime", "owner", "branch"),
    [
        ("no levels", paths_search._Query, "_cut"),
        ("few levels", paths_bounds.Bounds, "lazy"),
        ("meets the contacts", paths_bounds.Bounds, "_meet"),
        ("near the contacts", paths_bounds.Bounds, "_near"),
    ],
)
def test_each_regime_takes_its_branch(
    regime: str, owner: type, branch: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    taken = 0
    original = getattr(owner, branch)

    def counted(self: object, *args: Any) -> Any:
        nonlocal taken
        found = original(self, *args)
        taken += found is not False
        return found

    monkeypatch.setattr(owner, branch, counted)
    with tuned(regime):
        for seed in range(60):
            check_against_brute_force(*random_query(seed, crowded=False))
    assert taken > 10


# --- what the pruning must not lose ------------------------------------------


@every_regime
def test_paths_tied_at_the_limit_are_decided_by_their_nodes(regime: str) -> None:
    # Five paths of 0.25 from three contacts: the limit cuts through the tie,
    # and the smaller node sequences win whatever the search saw first.
    edges = [
        (ANN, DAN, 0.5),
        (DAN, HAL, 0.5),
        (ANN, EVE, 0.25),
        (EVE, HAL, 1.0),
        (BOB, FAY, 0.5),
        (FAY, HAL, 0.5),
        (CAROL, GUS, 1.0),
        (GUS, HAL, 0.25),
        (CAROL, HAL, 0.25),
    ]
    contacts = {CAROL: 1.0, BOB: 1.0, ANN: 1.0}
    with tuned(regime):
        found = paths(edges, contacts, [HAL], max_hops=3, limit=3)
    assert found == [
        ((CAROL, HAL), 0.25),
        ((ANN, DAN, HAL), 0.25),
        ((ANN, EVE, HAL), 0.25),
    ]


@every_regime
def test_one_contact_with_many_best_paths_takes_every_place(regime: str) -> None:
    # Ann's three paths beat Bob's one: the bound from contacts' best walks
    # counts Ann once, so it must not stop the search at Bob's.
    edges = [(ANN, c, 0.9) for c in (CAROL, DAN, EVE)]
    edges += [(c, HAL, 0.9) for c in (CAROL, DAN, EVE)]
    edges += [(BOB, HAL, 0.5)]
    with tuned(regime):
        found = paths(edges, {ANN: 1.0, BOB: 1.0}, [HAL], limit=3)
    strong = stored(0.9) * stored(0.9)
    assert found == [
        ((ANN, CAROL, HAL), strong),
        ((ANN, DAN, HAL), strong),
        ((ANN, EVE, HAL), strong),
    ]


@every_regime
def test_a_walk_round_a_cycle_bounds_but_is_never_listed(regime: str) -> None:
    # The strongest walks go round the Ann-Bob-Carol triangle; the paths
    # listed are simple, and all of them are found.
    edges = [(ANN, BOB, 1.0), (BOB, CAROL, 1.0), (CAROL, ANN, 1.0), (CAROL, HAL, 0.5)]
    edges += [(ANN, DAN, 0.25), (DAN, HAL, 0.25)]
    with tuned(regime):
        found = paths(edges, {ANN: 1.0, BOB: 0.5}, [HAL], max_hops=6, limit=10)
    assert found == [
        ((ANN, CAROL, HAL), 0.5),
        ((ANN, BOB, CAROL, HAL), 0.5),
        ((BOB, CAROL, HAL), 0.25),
        ((BOB, ANN, CAROL, HAL), 0.25),
        ((ANN, DAN, HAL), 0.0625),
        ((BOB, ANN, DAN, HAL), 0.03125),
        ((BOB, CAROL, ANN, DAN, HAL), 0.03125),
    ]
    assert all(len(set(p)) == len(p) for p, _ in found)


@every_regime
def test_a_limit_above_the_number_of_paths_lists_them_all(regime: str) -> None:
    edges = [(ANN, BOB, 0.5), (BOB, HAL, 0.5), (CAROL, HAL, 0.9), (DAN, EVE, 1.0)]
    with tuned(regime):
        found = paths(edges, {ANN: 1.0, CAROL: 0.5, DAN: 1.0}, [HAL], limit=50)
    assert found == [((CAROL, HAL), 0.5 * stored(0.9)), ((ANN, BOB, HAL), 0.25)]


@every_regime
def test_equal_strengths_in_any_order_tie_exactly(regime: str) -> None:
    # 0.5 * 0.25 * 1, 0.25 * 1 * 0.5 and 1 * 0.5 * 0.25: one strength, three
    # hops each, so the nodes decide; 0.125 in two hops comes first.
    edges = [
        (ANN, DAN, 0.25),
        (DAN, HAL, 1.0),
        (BOB, EVE, 1.0),
        (EVE, HAL, 0.5),
        (CAROL, FAY, 0.5),
        (FAY, HAL, 0.25),
        (GUS, HAL, 0.125),
    ]
    contacts = {ANN: 0.5, BOB: 0.25, CAROL: 1.0, GUS: 1.0}
    with tuned(regime):
        found = paths(edges, contacts, [HAL], limit=4)
    assert found == [
        ((GUS, HAL), 0.125),
        ((ANN, DAN, HAL), 0.125),
        ((BOB, EVE, HAL), 0.125),
        ((CAROL, FAY, HAL), 0.125),
    ]


@every_regime
def test_a_company_of_many_is_reached_at_its_nearest_colleagues(regime: str) -> None:
    # Most people work at the company: short paths end at the first
    # colleague, and the strongest ties into it win.
    rng = np.random.default_rng(4)
    n = 300
    a, b = rng.integers(0, n, 1500), rng.integers(0, n, 1500)
    s = rng.choice([0.3, 0.6, 0.9], 1500)
    edges: list[Edge] = list(zip(a.tolist(), b.tolist(), s.tolist(), strict=True))
    company = list(range(60, n))
    first = [(c, 0.5 + c / 200) for c in range(0, 60, 3)]
    with tuned(regime):
        for hops in (2, 3, 4):
            check_against_brute_force(n, edges, first, company, [61, 62], hops, 5)


def test_one_graph_answers_query_after_query_on_every_branch() -> None:
    # Scratch is shared by the queries on a graph: nothing of one may leak
    # into the next, whichever branches they took.
    n, edges, *_ = random_query(7, crowded=False)
    graph = graph_of(edges, n)
    rnd = random.Random(8)
    for _ in range(40):
        for regime in REGIMES:
            first = [(rnd.randrange(n), rnd.choice([0.3, 0.6, 1.0])) for _ in range(5)]
            targets = rnd.sample(range(n), rnd.choice([1, 3, n // 3]))
            excluded = rnd.sample(range(n), 2)
            hops, limit = rnd.randint(1, MAX_HOPS), rnd.randint(1, 6)
            with tuned(regime):
                check_against_brute_force(
                    n, edges, first, targets, excluded, hops, limit, graph=graph
                )
