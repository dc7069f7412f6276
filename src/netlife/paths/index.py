"""The path index: a network's who-knows-whom graph as arrays on disk.

Built in one pass from the database (every person a node, every tie not
archived an edge weighted by its strength, see `TIE_STRENGTHS`) and saved
under NETLIFE_HOME as .npy files that later processes memory-map, so a
`netlife path` on a million-person community starts answering in
milliseconds instead of reading ten million ties again. The files record
the `GraphVersion` they were built at; a query that finds the network at a
newer version rebuilds first (decision 0009), so the index is never stale.

What changes every day or every minute is read at query time instead:
the user's own edges (their contacts, weighted by tie strength today),
archived people, and who works where.
"""

import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import numpy as np
import numpy.typing as npt
from django.conf import settings
from django.db import connection

from netlife.engines import paths as engine
from netlife.networks.models import Network
from netlife.paths.models import GraphVersion
from netlife.people.models import Person
from netlife.ties.models import Tie

# What a tie's recorded strength is worth on a path (docs/paths.md).
TIE_STRENGTHS: Final = {
    Tie.Strength.WEAK: 0.3,
    Tie.Strength.MEDIUM: 0.6,
    Tie.Strength.STRONG: 0.9,
}
_FORMAT = 2  # bump when the files' layout changes (2: strongest.npy)
_CHUNK = 100_000


@dataclass(frozen=True, slots=True)
class PathIndex:
    """The graph, and which person each node is (node i is person people[i])."""

    graph: engine.Graph
    people: npt.NDArray[np.int64]  # sorted person ids
    version: int

    def locate(
        self, person_ids: npt.ArrayLike
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.bool_]]:
        """Node indices of these people, and which of them the index holds
        (someone added since the build is not in it yet)."""
        ids = np.asarray(person_ids, dtype=np.int64)
        if not len(self.people) or not len(ids):
            return np.empty(0, dtype=np.int64), np.zeros(len(ids), dtype=bool)
        at = np.searchsorted(self.people, ids)
        at[at >= len(self.people)] = 0
        present = np.asarray(self.people[at] == ids)
        return at[present].astype(np.int64), present

    def nodes_of(self, person_ids: npt.ArrayLike) -> npt.NDArray[np.int64]:
        """Node indices of the people the index holds."""
        return self.locate(person_ids)[0]

    def person_of(self, node: int) -> int:
        return int(self.people[node])


def folder(network: Network) -> Path:
    return Path(settings.NETLIFE_HOME) / "paths" / f"network-{network.pk}"


def current_version(network: Network) -> int:
    found = (
        GraphVersion.objects.filter(network=network)
        .values_list("version", flat=True)
        .first()
    )
    return found or 0


def _read_meta(where: Path) -> dict[str, int] | None:
    try:
        meta = json.loads((where / "meta.json").read_text())
    except (OSError, ValueError):
        return None
    return meta if isinstance(meta, dict) else None


def _saved_is(version: int, where: Path) -> bool:
    meta = _read_meta(where) or {}
    return meta.get("version") == version and meta.get("format") == _FORMAT


def is_current(network: Network) -> bool:
    """Whether the saved index answers without a rebuild (for a progress note)."""
    return _saved_is(current_version(network), folder(network))


def load_index(network: Network) -> PathIndex:
    """The network's path index, rebuilt first if the graph changed since."""
    version = current_version(network)
    where = folder(network)
    if _saved_is(version, where):
        try:
            people = np.load(where / "people.npy", mmap_mode="r")
            return PathIndex(engine.load_graph(where, mmap=True), people, version)
        except (OSError, ValueError):
            pass  # damaged or half-written by a crash: build it again
    return build_index(network, version)


def _fetch(
    sql: str, params: list[int], dtype: str, width: int
) -> npt.NDArray[np.generic]:
    """All rows of a query as one array, read in chunks without Python objects
    per row beyond the cursor's own tuples."""
    parts = []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(_CHUNK):
            parts.append(np.array(rows, dtype=dtype).reshape(-1, width))
    if not parts:
        return np.empty((0, width), dtype=dtype)
    return np.concatenate(parts)


def build_index(network: Network, version: int | None = None) -> PathIndex:
    """Read the graph in one pass over people and ties, save it, return it."""
    version = current_version(network) if version is None else version
    quote = connection.ops.quote_name
    people = _fetch(
        f"SELECT {quote('id')} FROM {quote(Person._meta.db_table)} "  # noqa: S608
        f"WHERE {quote('network_id')} = %s ORDER BY {quote('id')}",
        [network.pk],
        "int64",
        1,
    )[:, 0].astype(np.int64)
    ties = _fetch(
        f"SELECT {quote('person_a_id')}, {quote('person_b_id')}, "  # noqa: S608
        f"CASE {quote('strength')} "
        + " ".join(
            f"WHEN '{name}' THEN {weight}" for name, weight in TIE_STRENGTHS.items()
        )
        + f" ELSE 0 END FROM {quote(Tie._meta.db_table)} "
        f"WHERE {quote('network_id')} = %s AND NOT {quote('archived')}",
        [network.pk],
        "float64",
        3,
    )
    a = np.searchsorted(people, ties[:, 0].astype(np.int64))
    b = np.searchsorted(people, ties[:, 1].astype(np.int64))
    graph = engine.build_graph(len(people), a, b, ties[:, 2].astype(np.float32))
    index = PathIndex(graph, people, version)
    _save(network, index)
    return index


def _save(network: Network, index: PathIndex) -> None:
    """Write to a new folder, then swap it in: readers never see half a file."""
    target = folder(network)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        engine.save_graph(index.graph, staging)
        np.save(staging / "people.npy", np.asarray(index.people))
        (staging / "meta.json").write_text(
            json.dumps({"version": index.version, "format": _FORMAT,
                        "nodes": index.graph.n_nodes, "edges": index.graph.n_edges})
        )  # fmt: skip
        old = target.with_name(f".{target.name}-old-{os.getpid()}")
        if target.exists():
            target.rename(old)
        staging.rename(target)
        shutil.rmtree(old, ignore_errors=True)
    except OSError:
        # An index that cannot be saved (a read-only home) still answers
        # this query; the next one builds again.
        shutil.rmtree(staging, ignore_errors=True)
