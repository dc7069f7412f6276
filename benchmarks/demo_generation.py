"""How fast `netlife demo` fills a fresh SQLite network, and what it writes.

Run from the repository root:

    .venv/bin/python benchmarks/demo_generation.py --people 100000
    .venv/bin/python benchmarks/demo_generation.py --people 10000 --compare

Each run uses a new NETLIFE_HOME in a temporary folder (removed afterwards
unless --keep) and prints the wall time of `generate_demo`, the rows per
table, rows per second and the size of the database file. --compare also
times the alternative a developer would reach for first, Django's
`bulk_create` of model instances, on the same planned rows in a second
fresh database. Record results in docs/benchmarks.md.
"""

import argparse
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from rich.console import Console
from rich.table import Table as RichTable

console = Console(highlight=False, width=120)


def _setup_django(home: Path) -> None:
    os.environ["NETLIFE_HOME"] = str(home)
    os.environ.pop("NETLIFE_DATABASE_URL", None)
    os.environ.setdefault("NETLIFE_SECRET_KEY", "benchmark-only-secret-key")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netlife.config.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    import django

    django.setup()
    from netlife.core.database import prepare_database

    prepare_database()


def _database_bytes(home: Path) -> tuple[int, int]:
    """Sizes of the database file and of its write-ahead log."""
    wal = home / "netlife.sqlite3-wal"
    return (
        home / "netlife.sqlite3"
    ).stat().st_size, wal.stat().st_size if wal.exists() else 0


def _rows_per_table() -> Counter[str]:
    from django.apps import apps
    from django.db import connection

    from netlife.demo.generator import Table

    counts: Counter[str] = Counter()
    with connection.cursor() as cursor:
        for table in Table:
            app_label, model_name = table.value.split(".")
            model = apps.get_model(app_label, model_name)
            quoted = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"SELECT COUNT(*) FROM {quoted}")
            counts[table.value] = int(cursor.fetchone()[0])
    return counts


def _run_service(people: int, seed: int) -> float:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    from netlife.demo.services import generate_demo
    from netlife.networks.services import ensure_local_network

    network = ensure_local_network()
    with Progress(
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
    ) as progress:
        task = progress.add_task("people", total=2 * people)  # written, summed up
        started = time.perf_counter()
        generate_demo(
            network,
            people=people,
            seed=seed,
            advance=lambda n: progress.advance(task, n),
        )
        return time.perf_counter() - started


def _run_bulk_create(people: int, seed: int) -> float:
    """The same planned rows written through model instances and bulk_create."""
    from django.apps import apps
    from django.db import transaction

    from netlife.core import clock
    from netlife.demo.generator import FIELDS, DemoNetwork
    from netlife.networks.services import ensure_local_network

    network = ensure_local_network()
    started = time.perf_counter()
    with transaction.atomic():
        demo = DemoNetwork(people=people, seed=seed, today=clock.today())
        for batch in demo.batches():
            app_label, model_name = batch.table.value.split(".")
            model = apps.get_model(app_label, model_name)
            attnames = [model._meta.get_field(f).attname for f in FIELDS[batch.table]]
            extra = {"network_id": network.pk} if hasattr(model, "network_id") else {}
            objects = [
                model(**dict(zip(attnames, row, strict=True)), **extra)
                for row in batch.rows
            ]
            model._default_manager.bulk_create(objects, batch_size=2_000)
    return time.perf_counter() - started


def _report(
    title: str, seconds: float, counts: Counter[str], size: tuple[int, int]
) -> None:
    total = sum(counts.values())
    table = RichTable(title=title, title_justify="left")
    table.add_column("table")
    table.add_column("rows", justify="right")
    for name, rows in counts.items():
        table.add_row(name, f"{rows:,}")
    table.add_row("[bold]total[/]", f"[bold]{total:,}[/]")
    console.print(table)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    console.print(
        f"wall time {seconds:.1f} s · {total / seconds:,.0f} rows/s · "
        f"{counts['interactions.Interaction'] / seconds:,.0f} interactions/s · "
        f"database {size[0] / 1e6:,.1f} MB (+ {size[1] / 1e6:,.1f} MB of WAL) · "
        f"peak memory {peak:,.0f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--compare", action="store_true", help="also time bulk_create")
    parser.add_argument("--keep", action="store_true", help="keep the database folder")
    parser.add_argument("--orm", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    os.environ.setdefault("NETLIFE_TODAY", "2026-06-15")

    root = Path(tempfile.mkdtemp(prefix="netlife-demo-bench-"))
    console.print(
        f"{'bulk_create' if args.orm else 'generate_demo'} --people {args.people:,} "
        f"--seed {args.seed} · Python {platform.python_version()} · "
        f"{os.cpu_count()} CPUs · {root}"
    )
    try:
        _setup_django(root)
        if args.orm:
            seconds = _run_bulk_create(args.people, args.seed)
            title = "bulk_create of model instances"
        else:
            seconds = _run_service(args.people, args.seed)
            title = "generate_demo (raw executemany)"
        _report(title, seconds, _rows_per_table(), _database_bytes(root))
    finally:
        if args.keep:
            console.print(f"kept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)
    if args.compare:
        # A fresh process and database, so neither run warms the other.
        command = [sys.executable, __file__, "--orm", f"--people={args.people}"]
        subprocess.run([*command, f"--seed={args.seed}"], check=True)


if __name__ == "__main__":
    main()
