"""`netlife path` as a user runs it, on a million-person community database.

`benchmarks/paths.py` times the path engine on arrays in memory. This
script asks the question the user asks, end to end: a new `netlife path`
process on a netlife database that holds a whole community. It

1. generates the community graph of `benchmarks/community_graph.py`
   (default 1,000,000 people, 10,000,000 ties, seed 1) and writes it into
   a netlife SQLite database: one organization per generated one, every
   person a prospect except the user's few hundred contacts (whose tie
   strength today is the generated first-hop strength), every tie a `Tie`
   with its recorded strength;
2. times `netlife path --org ORG` as a new process with no index on disk
   (it builds the index from the database: the cost of the first query and
   of the first query after a write), then repeated processes with the
   index on disk (memory-mapped) for ordinary organizations, giant ones and
   single persons (`--to ID`);
3. records one tie with `netlife knows` and times the next `netlife path`
   (the rebuild a write costs), then the one after.

    .venv/bin/python benchmarks/paths_cli.py --home /tmp/community  # reuse
    .venv/bin/python benchmarks/paths_cli.py --people 100000 --ties 1000000

With --home, a folder already holding the database is reused as it is.
Record the figures in docs/benchmarks.md.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import numpy as np

from community_graph import CommunityGraph, generate, pick_targets

TODAY = "2026-11-29"


def _setup_django(home: Path) -> None:
    os.environ["NETLIFE_HOME"] = str(home)
    os.environ["NETLIFE_TODAY"] = TODAY
    os.environ.pop("NETLIFE_DATABASE_URL", None)
    os.environ.setdefault("NETLIFE_SECRET_KEY", "benchmark-only-secret-key")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netlife.config.settings")
    import django

    django.setup()
    from netlife.core.database import prepare_database

    prepare_database()


def _load(graph: CommunityGraph) -> None:
    """Write the graph into the (empty) local network, in bulk."""
    from django.db import connection, transaction

    from netlife.core.bulk import insert_rows
    from netlife.networks.services import ensure_local_network
    from netlife.paths.services import graph_changed
    from netlife.people.models import Organization, Person
    from netlife.relationships.models import Relationship
    from netlife.relationships.services import PersonFacts, relationship_values
    from netlife.ties.models import Tie

    network = ensure_local_network()
    today = date.fromisoformat(TODAY)
    contacts, strengths = graph.first_hops
    is_contact = np.zeros(graph.n_nodes, dtype=bool)
    is_contact[contacts] = True
    strength_of = dict(zip(contacts.tolist(), strengths.tolist(), strict=True))
    with transaction.atomic():
        insert_rows(
            Organization,
            ({"network": network.pk, "name": f"Org {i}", "normalized_name": f"org {i}",
              "uid": uuid.uuid4()} for i in range(len(graph.org_sizes))),
        )  # fmt: skip
        org_pk = dict(
            Organization.objects.filter(network=network).values_list(
                "normalized_name", "pk"
            )
        )
        orgs = np.array([org_pk[f"org {i}"] for i in range(len(graph.org_sizes))])
        insert_rows(
            Person,
            ({"network": network.pk, "full_name": f"Member {i}",
              "given_name": "Member", "family_name": str(i),
              "organization": int(orgs[graph.organization[i]]),
              "kind": "contact" if is_contact[i] else "prospect",
              "uid": uuid.uuid4()} for i in range(graph.n_nodes)),
        )  # fmt: skip
        first = Person.objects.filter(network=network).order_by("pk").first()
        assert first is not None
        base = first.pk
        prospect = relationship_values(
            PersonFacts(
                "prospect",
                archived=False,
                tier="",
                cadence_days=None,
                snoozed_until=None,
                met_on=None,
                texts=(),
            ),
            None,
            (),
        )
        contact = relationship_values(
            PersonFacts(
                "contact",
                archived=False,
                tier="",
                cadence_days=None,
                snoozed_until=None,
                met_on=None,
                texts=(),
            ),
            None,
            (),
        )
        columns = {f.column: f.attname for f in Relationship._meta.concrete_fields}

        def relationships() -> Iterator[dict[str, object]]:
            for i in range(graph.n_nodes):
                values = dict(contact if is_contact[i] else prospect)
                if is_contact[i]:
                    # Last in touch today: strength today is the bond.
                    values["bond"] = strength_of[i]
                    values["last_contact_day"] = today.toordinal()
                row = {columns[k]: v for k, v in values.items() if k in columns}
                yield {**row, "network": network.pk, "person": base + i}

        insert_rows(Relationship, relationships())
        now = datetime.now(UTC)
        names = np.array(["weak", "medium", "strong"])
        kinds = np.searchsorted(np.array([0.3, 0.6, 0.9]), graph.strength.round(1))
        quote = connection.ops.quote_name
        sql = (
            f"INSERT INTO {quote(Tie._meta.db_table)} (uid, network_id, person_a_id, "
            "person_b_id, strength, how, source, archived, created_at) "
            "VALUES (%s, %s, %s, %s, %s, '', 'benchmark', %s, %s)"
        )
        with connection.cursor() as cursor:
            for start in range(0, graph.n_edges, 200_000):
                stop = min(start + 200_000, graph.n_edges)
                a = graph.a[start:stop].astype(np.int64) + base
                b = graph.b[start:stop].astype(np.int64) + base
                low, high = np.minimum(a, b), np.maximum(a, b)
                cursor.executemany(sql, [
                    (uuid.uuid4().hex, network.pk, int(x), int(y), str(n), False, now)
                    for x, y, n in zip(low.tolist(), high.tolist(),
                                       names[kinds[start:stop]].tolist(), strict=True)
                ])  # fmt: skip
        graph_changed(network)


def _netlife(*args: str) -> float:
    netlife = Path(sys.executable).with_name("netlife")
    started = time.perf_counter()
    subprocess.run([netlife, *args], check=True, capture_output=True, env=os.environ)
    return time.perf_counter() - started


def _figures(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return (f"median {statistics.median(times):.2f} s, p95 {p95:.2f} s, "
            f"max {max(times):.2f} s ({len(times)} runs)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--ties", type=int, default=10_000_000)
    parser.add_argument("--queries", type=int, default=10)
    parser.add_argument("--home", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    home = args.home or Path(tempfile.mkdtemp(prefix="netlife-community-"))
    home.mkdir(parents=True, exist_ok=True)
    graph = generate(args.people, args.ties, seed=args.seed)
    fresh = not (home / "netlife.sqlite3").exists()
    _setup_django(home)
    if fresh:
        started = time.perf_counter()
        _load(graph)
        print(f"loaded {graph.n_nodes:,} people and {graph.n_edges:,} ties into "
              f"{home} in {time.perf_counter() - started:.0f} s")  # fmt: skip
    from netlife.people.models import Person

    base = Person.objects.order_by("pk").values_list("pk", flat=True).first() or 0
    ordinary, giants, persons = pick_targets(graph, args.queries)
    index = home / "paths"
    if index.exists():
        import shutil

        shutil.rmtree(index)
    first = _netlife("path", "--org", f"Org {ordinary.labels[0]}")
    print(
        f"first `netlife path --org` with no index on disk (builds it): {first:.2f} s"
    )
    for name, queries in (
        ("org", ordinary),
        ("giant org", giants),
        ("person", persons),
    ):
        for hops in ("3", "4"):
            times = [
                _netlife("path", "--max-hops", hops,
                         *(("--to", str(base + label)) if name == "person"
                           else ("--org", f"Org {label}")))
                for label in queries.labels
            ]  # fmt: skip
            print(
                f"`netlife path` {name}, {hops} hops, index on disk: {_figures(times)}"
            )
    a, b = int(graph.first_hops[0][0]), int(ordinary.targets[0][0])
    write = _netlife("knows", str(base + a), str(base + b), "--strength", "weak")
    after = _netlife("path", "--org", f"Org {ordinary.labels[0]}")
    again = _netlife("path", "--org", f"Org {ordinary.labels[0]}")
    print(f"`netlife knows` {write:.2f} s; the next `netlife path` (rebuilds) "
          f"{after:.2f} s; the one after {again:.2f} s")  # fmt: skip


if __name__ == "__main__":
    main()
