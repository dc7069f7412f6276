"""Warm paths: who can introduce the user to a person, or to anyone at an
organization, best first, each hop explained.

The graph comes from the path index (`paths.index`); what changes daily is
read here, per query, in a fixed number of queries: the user's contacts
with their tie strength today (the first hop), archived people (never on a
path), the target set, and, for the few people on the answers, their names,
organizations and how each knows the next.
"""

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.db.models import Q

from netlife.core import clock
from netlife.core.errors import InvalidInput, NotFound
from netlife.engines import paths as engine
from netlife.networks.models import Network
from netlife.paths.index import PathIndex, load_index
from netlife.people.models import Organization, Person
from netlife.people.queries import find_organization
from netlife.relationships.models import Relationship
from netlife.relationships.ranking import strength_today
from netlife.ties.models import Tie

DEFAULT_HOPS = 3
DEFAULT_LIMIT = 3
# Below this tie strength a contact is not someone to ask for a favour; it
# still counts as a hop, so it only ranks low rather than vanishing.
_MIN_FIRST_HOP = 0.01


@dataclass(frozen=True, slots=True)
class Hop:
    """One person on a path and how the previous one knows them."""

    id: int | None  # None for the user
    name: str
    organization: str | None
    how: str | None  # None for the user

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name,
                "organization": self.organization, "how": self.how}  # fmt: skip


@dataclass(frozen=True, slots=True)
class WarmPath:
    strength: float
    hops: tuple[Hop, ...]  # the user first

    def to_json(self) -> dict[str, Any]:
        return {"strength": round(self.strength, 4),
                "hops": [hop.to_json() for hop in self.hops]}  # fmt: skip


def _check(max_hops: int, limit: int) -> None:
    if not 1 <= max_hops <= engine.MAX_HOPS:
        raise InvalidInput(
            f"--max-hops must be between 1 and {engine.MAX_HOPS}, not {max_hops}."
        )
    if not 1 <= limit <= 50:
        raise InvalidInput(f"--limit must be between 1 and 50, not {limit}.")


@dataclass(frozen=True, slots=True)
class _Contacts:
    """The user's contacts and their tie strength today: the user's edges."""

    ids: np.ndarray  # person ids
    strengths: np.ndarray

    @classmethod
    def of(cls, network: Network) -> "_Contacts":
        # Prospects are never a first hop: the user does not know them yet.
        rows = list(
            Relationship.objects.filter(network=network, contact=True)
            .annotate(today=strength_today(clock.today().toordinal()))
            .values_list("person_id", "today")
        )
        ids = np.array([pk for pk, _ in rows], dtype=np.int64)
        strengths = np.array([s for _, s in rows], dtype=np.float64)
        return cls(ids, np.clip(strengths, _MIN_FIRST_HOP, 1.0))


def _excluded(network: Network, index: PathIndex) -> np.ndarray:
    archived = Person.objects.filter(network=network, archived=True).values_list(
        "pk", flat=True
    )
    return index.nodes_of(np.fromiter(archived, dtype=np.int64))


# A path as person ids (first contact first, target last) and its strength.
_Chain = tuple[tuple[int, ...], float]


def _search(
    network: Network, target_ids: Sequence[int], *, max_hops: int, limit: int
) -> tuple[list[_Chain], dict[int, float]]:
    """The best chains, and the tie strength today of each chain's first contact."""
    _check(max_hops, limit)
    index = load_index(network)
    contacts = _Contacts.of(network)
    wanted = np.array(sorted(target_ids), dtype=np.int64)
    first_nodes, present = index.locate(contacts.ids)
    found: list[_Chain] = []
    targets = index.nodes_of(wanted)
    if len(targets):
        found = [
            (tuple(index.person_of(n) for n in path.nodes), path.strength)
            for path in engine.best_paths(
                index.graph,
                (first_nodes, contacts.strengths[present].astype(np.float32)),
                targets,
                max_hops=max_hops,
                limit=limit,
                excluded=_excluded(network, index),
            )
        ]
    # Someone added since the index was built has no ties yet (a new tie
    # rebuilds it), so the only path to them is knowing them directly.
    newcomers = ~present & np.isin(contacts.ids, wanted)
    found += [
        ((int(pk),), float(s))
        for pk, s in zip(
            contacts.ids[newcomers], contacts.strengths[newcomers], strict=True
        )
    ]
    found.sort(key=lambda chain: (-chain[1], len(chain[0]), chain[0]))
    found = found[:limit]
    firsts = {chain[0] for chain, _ in found}
    strength_of = {
        int(pk): float(s)
        for pk, s in zip(contacts.ids, contacts.strengths, strict=True)
        if int(pk) in firsts
    }
    return found, strength_of


def _explain(
    network: Network, searched: tuple[list[_Chain], dict[int, float]]
) -> list[WarmPath]:
    """Names, organizations and how-they-know for the people on the paths."""
    found, strengths = searched
    chains = [chain for chain, _ in found]
    ids = {pk for chain in chains for pk in chain}
    people = {
        p.pk: p
        for p in Person.objects.filter(network=network, pk__in=ids).select_related(
            "organization"
        )
    }
    pairs = {
        tuple(sorted(pair)) for chain in chains for pair in itertools.pairwise(chain)
    }
    ties: dict[tuple[int, int], Tie] = {}
    if pairs:
        wanted = Q()
        for a, b in pairs:
            wanted |= Q(person_a_id=a, person_b_id=b)
        # By pair alone: the ids are this network's people, and with the
        # network in the filter SQLite walks every tie of the network.
        ties = {(t.person_a_id, t.person_b_id): t for t in Tie.objects.filter(wanted)}
    answers = []
    for chain, strength in found:
        hops = [Hop(None, "you", None, None)]
        first = people[chain[0]]
        hops.append(Hop(first.pk, first.full_name, _org(first),
                        _first_hop_how(first, strengths.get(first.pk))))  # fmt: skip
        for before, pk in itertools.pairwise(chain):
            person = people[pk]
            low, high = sorted((before, pk))
            hops.append(Hop(person.pk, person.full_name, _org(person),
                            _tie_how(ties.get((low, high)))))  # fmt: skip
        answers.append(WarmPath(strength, tuple(hops)))
    return answers


def _org(person: Person) -> str | None:
    return person.organization.name if person.organization else None


def _first_hop_how(person: Person, strength: float | None) -> str:
    met = f"{person.how_met}; " if person.how_met else ""
    return f"{met}your contact (tie strength {strength or 0:.2f})"


def _tie_how(tie: Tie | None) -> str:
    if tie is None:
        return "they know each other"
    return (
        f"{tie.how} ({tie.strength})"
        if tie.how
        else f"they know each other ({tie.strength})"
    )


def paths_to_person(
    network: Network,
    person: Person,
    *,
    max_hops: int = DEFAULT_HOPS,
    limit: int = DEFAULT_LIMIT,
) -> list[WarmPath]:
    """The best warm paths from the user to this person."""
    if person.archived:
        raise InvalidInput(f"{person.full_name} is archived: unarchive them first.")
    return _explain(
        network, _search(network, [person.pk], max_hops=max_hops, limit=limit)
    )


def paths_to_organization(
    network: Network,
    name: str,
    *,
    max_hops: int = DEFAULT_HOPS,
    limit: int = DEFAULT_LIMIT,
) -> tuple[Organization, list[WarmPath]]:
    """The best warm paths from the user to anyone at this organization."""
    organization = find_organization(network, name)
    if organization is None:
        raise NotFound(
            f"No organization called {name!r} in this network: "
            "`netlife people --org` lists who works where."
        )
    members = list(
        Person.objects.filter(
            network=network, organization=organization, archived=False
        ).values_list("pk", flat=True)
    )
    searched = _search(network, members, max_hops=max_hops, limit=limit)
    return organization, _explain(network, searched)


@dataclass(frozen=True, slots=True)
class IntroRequest:
    """Whom to ask for an introduction to someone, and along which path."""

    target: Person
    direct: bool  # the user already knows them: no introduction needed
    paths: list[WarmPath]

    def to_json(self) -> dict[str, Any]:
        return {
            "target": {"id": self.target.pk, "name": self.target.full_name},
            "direct": self.direct,
            "ask": [
                {"id": p.hops[1].id, "name": p.hops[1].name,
                 "strength": round(p.strength, 4), "path": p.to_json()}
                for p in self.paths
            ],
        }  # fmt: skip


def intro_request(
    network: Network,
    person: Person,
    *,
    max_hops: int = DEFAULT_HOPS,
    limit: int = DEFAULT_LIMIT,
) -> IntroRequest:
    """Who to ask for an introduction: the first contact of each best path,
    each contact once (asking the same friend twice is not two options)."""
    return search_person(network, person, max_hops=max_hops, limit=limit).intro


@dataclass(frozen=True, slots=True)
class Reach:
    """How the user could reach someone: directly, or along these paths."""

    direct: bool
    paths: list[WarmPath]

    def to_json(self) -> dict[str, Any]:
        return {"direct": self.direct, "paths": [p.to_json() for p in self.paths]}


def how_to_reach(network: Network, person: Person, *, limit: int = 3) -> Reach:
    """For a person page: a contact is reached directly; for anyone else
    (a prospect, an archived contact) the best warm paths, if any.

    Contacts are not searched for: the answer is "you know them", and the
    page stays as fast as it was.
    """
    if person.kind == Person.Kind.CONTACT and not person.archived:
        return Reach(direct=True, paths=[])
    if person.archived:
        return Reach(direct=False, paths=[])
    return Reach(direct=False, paths=paths_to_person(network, person, limit=limit))


@dataclass(frozen=True, slots=True)
class PersonSearch:
    """The best paths to a person and whom to ask for an introduction."""

    paths: list[WarmPath]
    intro: IntroRequest


def search_person(
    network: Network,
    person: Person,
    *,
    max_hops: int = DEFAULT_HOPS,
    limit: int = DEFAULT_LIMIT,
) -> PersonSearch:
    """`paths_to_person` and `intro_request` from one search, for the paths
    page: a graph search on a large community is the slow part, so it runs
    once. The best `limit` paths are the first `limit` of the wider search
    the introductions need; raises like `paths_to_person`."""
    _check(max_hops, limit)
    found = paths_to_person(
        network, person, max_hops=max_hops, limit=min(limit * 3, 50)
    )
    direct = any(len(p.hops) == 2 for p in found)
    asks: list[WarmPath] = []
    seen: set[int | None] = set()
    for path in found:
        if len(path.hops) > 2 and path.hops[1].id not in seen:
            seen.add(path.hops[1].id)
            asks.append(path)
    return PersonSearch(found[:limit], IntroRequest(person, direct, asks[:limit]))
