"""A seeded community-scale who-knows-whom graph for the path benchmark.

An alumni or outplacement community pools its members' networks: a million
people, ten million ties. This module invents one, fast enough to use at
that size in a benchmark (numpy only, vectorised; about 10 s for
1,000,000 people and 10,000,000 ties), so that `benchmarks/paths.py`
can time warm-path searches on it. It needs nothing from Django.

The shape, and why:

- Organizations have Zipf sizes (exponent 1.07, the firm-size law, as in
  the measured research in /work/shared/notes/performance.md), the largest
  holding 13% of everyone, so five giants hold 2-13% each and most
  organizations are small (at 1M: 18,599 of them, median size 7).
- How many ties a person has is heavy-tailed: each person has a
  propensity drawn from Pareto(1.5) (degree distribution ~ k^-2.5), capped
  so the biggest connector has a few thousand ties, as in the research.
- Ties cluster: 70% are drawn inside one's organization, 20% into one of
  three "neighbour" organizations of one's own (partners, customers,
  former employers), 10% anywhere. One end is drawn by propensity, the
  other uniformly from the organization (by propensity for ties anywhere),
  so that a connector in a small organization does not take all its ties;
  ties from a big organization into a smaller neighbour are thinned to the
  smaller side's size. Thinned, duplicate and self-ties are dropped and
  more drawn, so the mix that remains differs (at 1M: 74% inside, 14%
  neighbour, 12% anywhere); `CommunityGraph.kind` records each tie's kind.
- Tie strengths are netlife's recorded tie weights, weak 0.3, medium 0.6,
  strong 0.9 (`netlife.paths.index.TIE_STRENGTHS`, which imports Django and
  so is not imported here), stronger inside an organization than across.
- The user (not a node) has a few hundred direct contacts spread over
  organizations, with continuous strengths 0.05-1 as the tie-strength
  engine gives them. None of them works at a giant organization, so a
  query for a giant is the hard case: the answer cannot be one hop.

Used as a module; running it prints a summary of one graph:

    .venv/bin/python benchmarks/community_graph.py --people 1000000 --ties 10000000
"""

import argparse
import time
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

WEAK: Final = 0.3
MEDIUM: Final = 0.6
STRONG: Final = 0.9
TIE_WEIGHTS: Final = (WEAK, MEDIUM, STRONG)

ZIPF_EXPONENT: Final = 1.07
LARGEST_SHARE: Final = 0.13  # of everyone, in the largest organization
GIANT_SHARE: Final = 0.02  # an organization this big or bigger is a giant
PARETO_SHAPE: Final = 1.5
NEIGHBOUR_ORGS: Final = 3

INSIDE, NEIGHBOUR, ANYWHERE = 0, 1, 2
KIND_NAMES: Final = ("inside", "neighbour", "anywhere")
KIND_SHARES: Final = (0.70, 0.20, 0.10)
# P(weak, medium, strong) by kind: colleagues are closer than strangers.
STRENGTH_MIX: Final = ((0.35, 0.40, 0.25), (0.55, 0.35, 0.10), (0.70, 0.25, 0.05))

Ints = npt.NDArray[np.int32]
Longs = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float32]
Doubles = npt.NDArray[np.float64]


@dataclass(frozen=True)
class CommunityGraph:
    """Undirected ties (each once, a < b) plus the user's first hops."""

    n_nodes: int
    organization: Ints  # per node; organization 0 is the largest
    org_sizes: Longs  # per organization, descending
    a: Ints
    b: Ints
    strength: Floats  # 0.3, 0.6 or 0.9
    kind: npt.NDArray[np.int8]  # INSIDE, NEIGHBOUR or ANYWHERE, per tie
    first_hops: tuple[Ints, Floats]  # the user's contacts and tie strengths
    home_org: int  # the user's own organization
    seed: int

    @property
    def n_edges(self) -> int:
        return len(self.a)

    @property
    def giants(self) -> Longs:
        """Organizations holding at least GIANT_SHARE of everyone."""
        return np.flatnonzero(self.org_sizes >= GIANT_SHARE * self.n_nodes)

    def degrees(self) -> Longs:
        return np.bincount(np.concatenate([self.a, self.b]), minlength=self.n_nodes)


def org_sizes(n_nodes: int) -> Longs:
    """Zipf sizes, largest first, summing to n_nodes.

    Rank k gets LARGEST_SHARE * n * k^-s people (at least one); ranks are
    added until everyone has an organization. At 1M people this gives 18,599
    organizations, from 130,000 people down to 3; at 100k and below the
    tail ends in one-person organizations.
    """
    ranks = np.arange(1, n_nodes + 1, dtype=np.float64)
    sizes = np.maximum(
        1, np.rint(LARGEST_SHARE * n_nodes * ranks**-ZIPF_EXPONENT)
    ).astype(np.int64)
    cumulative = np.cumsum(sizes)
    count = int(np.searchsorted(cumulative, n_nodes)) + 1
    sizes = sizes[:count].copy()
    sizes[-1] -= int(cumulative[count - 1]) - n_nodes
    if sizes[-1] == 0:
        sizes = sizes[:-1]
    return sizes


class _Members:
    """Draws people of given organizations, uniformly within each."""

    def __init__(self, organization: Ints, n_orgs: int) -> None:
        self.order = np.argsort(organization, kind="stable").astype(np.int32)
        counts = np.bincount(organization, minlength=n_orgs)
        self.end = np.cumsum(counts)
        self.start = self.end - counts

    def draw(self, rng: np.random.Generator, orgs: Longs) -> Ints:
        sizes = self.end[orgs] - self.start[orgs]
        slot = self.start[orgs] + (rng.random(len(orgs)) * sizes).astype(np.int64)
        drawn: Ints = self.order[slot]
        return drawn

    def of(self, org: int) -> Ints:
        found: Ints = self.order[self.start[org] : self.end[org]]
        return found


def generate(
    n_nodes: int,
    n_edges: int,
    *,
    seed: int = 1,
    first_hops: int = 300,
    max_degree: int = 5000,
) -> CommunityGraph:
    """Invent a community of n_nodes people and exactly n_edges distinct ties.

    max_degree caps the expected number of ties of the best-connected
    person (the propensity cap); drawn degrees land near it.
    """
    if n_edges > n_nodes * (n_nodes - 1) // 4:
        raise ValueError("too many ties for so few people")
    rng = np.random.default_rng(seed)
    sizes = org_sizes(n_nodes)
    n_orgs = len(sizes)
    organization = rng.permutation(np.repeat(np.arange(n_orgs, dtype=np.int32), sizes))

    # Pareto(1.5) with minimum 1 has mean 3, so a person is the propensity
    # end of about E * propensity / 3n ties, and the far end of a tenth as
    # many again; the cap bounds that at max_degree.
    propensity = rng.pareto(PARETO_SHAPE, n_nodes) + 1.0
    far_share = KIND_SHARES[ANYWHERE]
    cap = max(1.0, max_degree * 3.0 * n_nodes / (n_edges * (1.0 + far_share)))
    np.minimum(propensity, cap, out=propensity)
    everyone = np.cumsum(propensity)
    within = _Members(organization, n_orgs)

    # Neighbour organizations are drawn in proportion to size (a random
    # person's organization): big organizations are many people's partners.
    pull = sizes.astype(np.float64)
    neighbours = rng.choice(n_orgs, size=(n_orgs, NEIGHBOUR_ORGS), p=pull / pull.sum())

    keys = np.empty(0, dtype=np.int64)
    kinds = np.empty(0, dtype=np.int8)
    wanted = n_edges
    while True:
        # Draw 20% extra for the thinned, duplicate and self-ties dropped below.
        draw = int(wanted * 1.2) + 1000
        u = np.searchsorted(everyone, rng.random(draw) * everyone[-1], side="right")
        u = np.minimum(u, n_nodes - 1).astype(np.int32)
        kind = rng.choice(3, size=draw, p=KIND_SHARES).astype(np.int8)
        v = np.empty(draw, dtype=np.int32)
        inside = kind == INSIDE
        v[inside] = within.draw(rng, organization[u[inside]].astype(np.int64))
        near = kind == NEIGHBOUR
        source = organization[u[near]]
        picked = neighbours[source, rng.integers(0, NEIGHBOUR_ORGS, near.sum())]
        v[near] = within.draw(rng, picked)
        # A big organization's neighbour ties would swamp a small neighbour
        # (a giant's partner with 8 people got 10,000 ties each); keep them
        # in proportion to the smaller side, like ties between two teams.
        thin = rng.random(len(picked)) * sizes[source] > sizes[picked]
        v[np.flatnonzero(near)[thin]] = u[near][thin]  # a self-tie: dropped below
        far = kind == ANYWHERE
        v[far] = np.minimum(
            np.searchsorted(
                everyone, rng.random(far.sum()) * everyone[-1], side="right"
            ),
            n_nodes - 1,
        )
        keep = u != v
        low = np.minimum(u, v)[keep].astype(np.int64)
        high = np.maximum(u, v)[keep].astype(np.int64)
        keys = np.concatenate([keys, low * n_nodes + high])
        kinds = np.concatenate([kinds, kind[keep]])
        keys, first = np.unique(keys, return_index=True)
        kinds = kinds[first]
        if len(keys) >= n_edges:
            break
        wanted = n_edges - len(keys)

    # Keep a random n_edges of the distinct ties, in random order, so the
    # engine's build gets no help from sorted input.
    chosen = rng.permutation(len(keys))[:n_edges]
    keys, kinds = keys[chosen], kinds[chosen]
    a = (keys // n_nodes).astype(np.int32)
    b = (keys % n_nodes).astype(np.int32)
    strength = np.empty(n_edges, dtype=np.float32)
    for k, mix in enumerate(STRENGTH_MIX):
        mine = kinds == k
        strength[mine] = rng.choice(
            np.array(TIE_WEIGHTS, dtype=np.float32), size=int(mine.sum()), p=mix
        )

    home, contacts, contact_strength = _first_hops(
        rng, organization, sizes, neighbours, within, propensity, first_hops
    )
    return CommunityGraph(
        n_nodes=n_nodes,
        organization=organization,
        org_sizes=sizes,
        a=a,
        b=b,
        strength=strength,
        kind=kinds,
        first_hops=(contacts, contact_strength),
        home_org=home,
        seed=seed,
    )


def _first_hops(
    rng: np.random.Generator,
    organization: Ints,
    sizes: Longs,
    neighbours: Longs,
    within: _Members,
    propensity: Doubles,
    count: int,
) -> tuple[int, Ints, Floats]:
    """The user's contacts: 30% at their own organization, 20% at its
    neighbours, half anywhere else by propensity; none at a giant."""
    n_nodes = len(organization)
    giant = sizes >= GIANT_SHARE * n_nodes
    # Home: a mid-sized organization, a few hundred people at 1M.
    middle = np.flatnonzero(
        ~giant & (sizes >= max(2, count // 2)) & (sizes <= 0.002 * n_nodes)
    )
    home = int(rng.choice(middle)) if len(middle) else int(np.flatnonzero(~giant)[0])
    near = [int(o) for o in neighbours[home] if not giant[o] and o != home] or [home]
    allowed = ~giant[organization]
    weights = np.where(allowed, propensity, 0.0)
    chosen: list[int] = []
    seen: set[int] = set()

    def take(candidates: Ints, want: int) -> None:
        for node in candidates.tolist():
            if len(chosen) >= want:
                return
            if node not in seen:
                seen.add(node)
                chosen.append(node)

    # Draw extra and deduplicate, keeping the draw order (deterministic).
    take(within.draw(rng, np.full(count, home, dtype=np.int64)), int(count * 0.3))
    take(within.draw(rng, rng.choice(near, size=count)), int(count * 0.5))
    cumulative = np.cumsum(weights)
    while len(chosen) < min(count, int(allowed.sum())):
        picks = np.searchsorted(
            cumulative, rng.random(count * 2) * cumulative[-1], "right"
        )
        take(np.minimum(picks, n_nodes - 1).astype(np.int32), count)
    contacts = np.array(chosen, dtype=np.int32)
    contacts = contacts[allowed[contacts]]  # the clamp above could pick anyone
    strength = rng.uniform(0.05, 1.0, len(contacts)).astype(np.float32)
    return home, contacts, strength


@dataclass(frozen=True)
class QuerySet:
    """Targets of one kind of query: each entry is the target set of one query."""

    name: str
    labels: list[int]  # the organization or person each query is about
    targets: list[Ints]


def pick_targets(
    graph: CommunityGraph, count: int, *, seed: int = 2
) -> tuple[QuerySet, QuerySet, QuerySet]:
    """Query targets: ordinary organizations, the giants, and single persons.

    Ordinary organizations are drawn uniformly from the non-giant ones with
    5 people or more, so their sizes are those of the Zipf body (median 9
    at 1M). Giants are all organizations holding >= 2% of everyone, once
    each (five of them). Persons are drawn uniformly from everyone with at
    least one tie. No target set holds a direct contact of the user, so no
    answer can be a one-hop path (the benchmark still counts them, to show
    it).
    """
    rng = np.random.default_rng(seed)
    contacts = graph.first_hops[0]
    has_contact = np.zeros(len(graph.org_sizes), dtype=bool)
    has_contact[graph.organization[contacts]] = True
    people_of = _Members(graph.organization, len(graph.org_sizes)).of
    giants = graph.giants
    body = np.flatnonzero(
        (graph.org_sizes >= 5)
        & (graph.org_sizes < GIANT_SHARE * graph.n_nodes)
        & ~has_contact
    )
    ordinary = rng.choice(body, size=min(count, len(body)), replace=False)
    assert not has_contact[giants].any(), "the generator keeps contacts out of giants"
    giant_queue = [int(g) for g in giants]

    known = np.zeros(graph.n_nodes, dtype=bool)
    known[contacts] = True
    candidates = np.flatnonzero((graph.degrees() > 0) & ~known)
    persons = rng.choice(candidates, size=min(count, len(candidates)), replace=False)
    return (
        QuerySet(
            "org", [int(o) for o in ordinary], [people_of(int(o)) for o in ordinary]
        ),
        QuerySet("giant org", giant_queue, [people_of(o) for o in giant_queue]),
        QuerySet(
            "person",
            [int(p) for p in persons],
            [np.array([p], dtype=np.int32) for p in persons],
        ),
    )


def describe(graph: CommunityGraph) -> list[str]:
    """Lines summing up a graph: sizes, degrees, organizations, tie mix."""
    degrees = graph.degrees()
    sizes = graph.org_sizes
    giants = graph.giants
    kinds = np.bincount(graph.kind, minlength=3) / graph.n_edges
    weights = [float(np.mean(graph.strength == np.float32(w))) for w in TIE_WEIGHTS]
    contacts, strength = graph.first_hops
    return [
        f"{graph.n_nodes:,} people, {graph.n_edges:,} ties (seed {graph.seed})",
        f"degree median {np.median(degrees):.0f}, "
        f"p99 {np.percentile(degrees, 99):.0f}, "
        f"max {degrees.max():,}; {int((degrees == 0).sum()):,} people without ties",
        f"{len(sizes):,} organizations, median size {np.median(sizes):.0f}; "
        f"{len(giants)} giants: "
        + ", ".join(f"{sizes[g]:,} ({sizes[g] / graph.n_nodes:.1%})" for g in giants),
        "ties: "
        + ", ".join(
            f"{name} {share:.1%}" for name, share in zip(KIND_NAMES, kinds, strict=True)
        )
        + "; weak/medium/strong "
        + "/".join(f"{w:.0%}" for w in weights),
        f"the user: {len(contacts)} contacts in "
        f"{len(np.unique(graph.organization[contacts]))} organizations "
        f"(home organization {graph.home_org}, {sizes[graph.home_org]} people), "
        f"strengths {strength.min():.2f}-{strength.max():.2f}",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(
        description="Print a summary of one community graph."
    )
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--ties", type=int, default=10_000_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    started = time.perf_counter()
    graph = generate(args.people, args.ties, seed=args.seed)
    print(f"generated in {time.perf_counter() - started:.1f} s")
    for line in describe(graph):
        print(line)


if __name__ == "__main__":
    main()
