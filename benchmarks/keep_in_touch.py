"""How fast the keep-in-touch reads answer on a big network, against a query per person.

Run from the repository root:

    .venv/bin/python benchmarks/keep_in_touch.py --home /tmp/bench100k
    .venv/bin/python benchmarks/keep_in_touch.py --people 100000   # new demo

--home reuses a data folder (NETLIFE_HOME): if its network already has
people, nothing is generated; otherwise `generate_demo` fills it with
--people people (seed 1). Without --home a temporary folder is used and
removed afterwards unless --keep. NETLIFE_TODAY is pinned (--today), so a
reused demo and the timings agree on the day. The database file is read
once before the timings (and again before the naive runs) so that the OS
cache holds it and no figure includes the first read from disk.

For each service (agenda, network balance, dormant, who should hear the
goal next) the script calls it once to warm up, then times --repeat calls
and prints the median and the slowest, the number of SQL queries of one
call and the peak Python memory of one call (tracemalloc, which sees
Python objects, not SQLite's page cache). It then times, once each, the
naive way to answer the first three without the Relationship table: one
query per person over their participations, scored with the engines. A
naive run projected past --naive-budget seconds stops after
--naive-sample people and is extrapolated linearly; the output says so.

The same peak memory is measured on a --small-people network (generated
in a second temporary folder, or --small-home) in a child process, to show
that memory does not grow with the network. Last, the bulk
`refresh_relationships` of the whole network is timed once (it rewrites
every row with the same values). Record results in docs/benchmarks.md.
"""

import argparse
import functools
import heapq
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from rich.console import Console
from rich.table import Table as RichTable

if TYPE_CHECKING:
    from netlife.networks.models import Network

console = Console(highlight=False, width=120)
_T = TypeVar("_T")

DEFAULT_TODAY = "2026-11-29"


def _setup_django(home: Path, today: str) -> None:
    # The clock reads NETLIFE_TODAY on every call; set before anything runs.
    os.environ["NETLIFE_TODAY"] = today
    os.environ["NETLIFE_HOME"] = str(home)
    os.environ.pop("NETLIFE_DATABASE_URL", None)
    os.environ.setdefault("NETLIFE_SECRET_KEY", "benchmark-only-secret-key")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netlife.config.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    import django

    django.setup()
    from netlife.core.database import prepare_database

    prepare_database()


def _network_with_demo(people: int, seed: int) -> "Network":
    """The local network, filled with a demo of `people` people if empty."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    from netlife.demo.services import generate_demo
    from netlife.networks.services import ensure_local_network
    from netlife.people.models import Person

    network = ensure_local_network()
    if Person.objects.filter(network=network).exists():
        return network
    stderr = Console(stderr=True)
    stderr.print(f"generating a demo of {people:,} people (seed {seed})")
    with Progress(
        BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=stderr
    ) as progress:
        # generate_demo advances once per person written, once per row summed.
        task = progress.add_task("demo", total=2 * people)
        started = time.perf_counter()
        generate_demo(
            network,
            people=people,
            seed=seed,
            advance=lambda n: progress.advance(task, n),
        )
    stderr.print(f"generated in {time.perf_counter() - started:.1f} s")
    return network


def _services() -> list[tuple[str, Callable[["Network"], object]]]:
    from netlife.relationships import queries

    return [
        ("agenda", lambda n: queries.agenda(n, limit=10)),
        ("network_balance", lambda n: queries.network_balance(n)),
        ("dormant", lambda n: queries.dormant(n, limit=20)),
        ("who_should_hear_next", lambda n: queries.who_should_hear_next(n, limit=10)),
    ]


def _peak_bytes(call: Callable[[], object]) -> int:
    """Peak Python memory allocated during one call."""
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        call()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@dataclass(frozen=True, slots=True)
class ServiceTiming:
    name: str
    seconds: list[float]
    queries: int
    slowest_query_ms: float
    peak_bytes: int

    @property
    def median_ms(self) -> float:
        return statistics.median(self.seconds) * 1000

    @property
    def max_ms(self) -> float:
        return max(self.seconds) * 1000


def _time_service(
    name: str, service: Callable[["Network"], object], network: "Network", repeat: int
) -> ServiceTiming:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    service(network)  # warm: statement caches, SQLite pages, Python imports
    seconds = []
    for _ in range(repeat):
        started = time.perf_counter()
        service(network)
        seconds.append(time.perf_counter() - started)
    timer = _QueryTimer()
    with (
        CaptureQueriesContext(connection) as captured,
        connection.execute_wrapper(timer),
    ):
        service(network)
    return ServiceTiming(
        name=name,
        seconds=seconds,
        queries=len(captured.captured_queries),
        slowest_query_ms=max(timer.seconds, default=0.0) * 1000,
        peak_bytes=_peak_bytes(functools.partial(service, network)),
    )


class _QueryTimer:
    """Times each statement's execute (Django's own record rounds to 1 ms)."""

    def __init__(self) -> None:
        self.seconds: list[float] = []

    def __call__(
        self,
        execute: Callable[..., Any],
        sql: str,
        params: Any,
        many: bool,  # noqa: FBT001
        context: dict[str, Any],
    ) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds.append(time.perf_counter() - started)


# --- The naive way: a query per person -------------------------------------


class _QueryCounter:
    """Counts the SQL statements run, without keeping them (unlike DEBUG)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(
        self,
        execute: Callable[..., Any],
        sql: str,
        params: Any,
        many: bool,  # noqa: FBT001
        context: dict[str, Any],
    ) -> Any:
        self.count += 1
        return execute(sql, params, many, context)


@dataclass(slots=True)
class NaiveRun:
    name: str
    total: int  # people to visit
    done: int = 0
    seconds: float = 0.0
    queries: int = 0
    result: list[Any] = field(default_factory=list)

    @property
    def partial(self) -> bool:
        return self.done < self.total

    @property
    def estimate(self) -> float:
        """Seconds for every person: measured, or extrapolated linearly."""
        return self.seconds * self.total / self.done if self.done else 0.0


def _visit(
    run: NaiveRun,
    rows: Iterable[_T],
    step: Callable[[_T], None],
    *,
    sample: int,
    budget: float,
) -> None:
    """Call `step` on every row; stop after `sample` rows if the whole would
    take longer than `budget` seconds."""
    from django.db import connection

    counter = _QueryCounter()
    started = time.perf_counter()
    with connection.execute_wrapper(counter):
        for row in rows:
            step(row)
            run.done += 1
            if run.done == sample and run.done < run.total:
                elapsed = time.perf_counter() - started
                if elapsed * run.total / run.done > budget:
                    break
    run.seconds = time.perf_counter() - started
    run.queries = counter.count


def _history_aggregates() -> dict[str, Any]:
    """What tie strength needs from one person's participations."""
    from django.db.models import Count, Max, Min, Q

    from netlife.interactions.models import Interaction

    def count(intent: str) -> Any:
        return Count("pk", filter=Q(intent=intent))

    return {
        "first": Min("occurred_on"),
        "last": Max("occurred_on"),
        "n": Count("pk"),
        "gives": count("give"),
        "thanks": count("thanks"),
        "advice": count("advice"),
        "favours": count("ask"),
        "received": count("received"),
        "them": Count(
            "pk", filter=Q(interaction__initiated_by=Interaction.Initiator.THEM)
        ),
        "channels": Count("interaction__channel", distinct=True),
    }


@dataclass(frozen=True, slots=True)
class _Tie:
    """A contact's tie as the naive way works it out from their history."""

    person_id: int
    bond: float
    last_contact: date
    cadence: int
    due: date
    dormant_on: date


def _naive_ties(
    run: NaiveRun,
    network: "Network",
    today: date,
    keep: Callable[[_Tie], None],
    *,
    sample: int,
    budget: float,
) -> None:
    """For every tracked, unsnoozed contact: one aggregate query, then the engines."""
    from netlife.engines import cadence, strength
    from netlife.interactions.models import Participation
    from netlife.people.models import Person

    aggregates = _history_aggregates()
    contacts = (
        Person.objects.filter(network=network, kind=Person.Kind.CONTACT, archived=False)
        .order_by("pk")
        .values_list("pk", "tier", "cadence_days", "met_on", "snoozed_until")
        .iterator(chunk_size=2_000)
    )

    def step(row: tuple[int, str, int | None, date | None, date | None]) -> None:
        pk, tier, cadence_days, met_on, snoozed = row
        h = Participation.objects.filter(person_id=pk).aggregate(**aggregates)
        if h["last"] is None or (snoozed is not None and snoozed > today):
            return
        bond = strength.bond(
            strength.History(
                first_contact=h["first"],
                last_contact=h["last"],
                interactions=h["n"],
                gives=h["gives"] + h["thanks"],
                asks=h["advice"] + h["favours"],
                received=h["received"],
                them_initiated=h["them"],
                channels=h["channels"],
                met_on=met_on,
            )
        )
        days = cadence.cadence_days(tier or strength.derived_tier(bond), cadence_days)
        if days is None:
            return
        due = cadence.next_due(
            last_contact=h["last"], cadence=days, snoozed_until=snoozed, today=today
        )
        assert due is not None
        dormant_on = h["last"] + timedelta(days=2 * days)
        if snoozed is not None:
            dormant_on = max(dormant_on, snoozed)
        keep(_Tie(pk, bond, h["last"], days, due, dormant_on))

    _visit(run, contacts, step, sample=sample, budget=budget)


def _naive_agenda(
    network: "Network", total: int, *, sample: int, budget: float
) -> NaiveRun:
    """The ten contacts most overdue by the engine's overdue score (no other
    reason, goal relevance left out)."""
    from netlife.core import clock
    from netlife.engines import agenda as engine
    from netlife.goals.queries import current_goal
    from netlife.relationships.queries import mode_of

    today = clock.today()
    mode = mode_of(current_goal(network))
    best: list[tuple[float, int]] = []

    def keep(tie: _Tie) -> None:
        if not tie.due <= today < tie.dormant_on:
            return
        over = engine.days_overdue(tie.due, today)
        score = engine.overdue_score(tie.bond, over, tie.cadence, 0.0, mode)
        heapq.heappush(best, (score, -tie.person_id))
        if len(best) > 10:
            heapq.heappop(best)

    run = NaiveRun("agenda", total)
    _naive_ties(run, network, today, keep, sample=sample, budget=budget)
    run.result = [-pk for _, pk in sorted(best, reverse=True)]
    return run


def _naive_dormant(
    network: "Network", total: int, *, sample: int, budget: float
) -> NaiveRun:
    """Contacts past twice their cadence, the 20 strongest today."""
    from netlife.core import clock
    from netlife.engines import strength

    today = clock.today()
    best: list[tuple[float, int]] = []

    def keep(tie: _Tie) -> None:
        if today < tie.dormant_on:
            return
        now = strength.strength_from_bond(tie.bond, tie.last_contact, today)
        heapq.heappush(best, (now, -tie.person_id))
        if len(best) > 20:
            heapq.heappop(best)

    run = NaiveRun("dormant", total)
    _naive_ties(run, network, today, keep, sample=sample, budget=budget)
    run.result = [-pk for _, pk in sorted(best, reverse=True)]
    return run


def _naive_balance(
    network: "Network", total: int, *, sample: int, budget: float
) -> NaiveRun:
    """Gives and asks counted person by person, summed, and the five most
    lopsided; plus the one query for the last 90 days by intent."""
    from django.db.models import Count, Q

    from netlife.core import clock
    from netlife.interactions.models import Interaction, Participation
    from netlife.people.models import Person
    from netlife.relationships.queries import TAKER_WINDOW_DAYS

    counts = {
        name: Count("pk", filter=Q(intent=intent))
        for name, intent in (
            ("gives", "give"), ("thanks", "thanks"), ("advice", "advice"),
            ("favours", "ask"), ("received", "received"),
        )
    }  # fmt: skip
    totals = dict.fromkeys([*counts, "interactions"], 0)
    worst: list[tuple[int, int]] = []
    people = (
        Person.objects.filter(network=network)
        .order_by("pk")
        .values_list("pk", flat=True)
        .iterator(chunk_size=2_000)
    )

    def step(pk: int) -> None:
        row = Participation.objects.filter(person_id=pk).aggregate(
            **counts, interactions=Count("pk")
        )
        for name in totals:
            totals[name] += row[name]
        excess = row["advice"] + row["favours"] - row["gives"] - row["thanks"]
        if excess > 0:
            heapq.heappush(worst, (excess, -pk))
            if len(worst) > 5:
                heapq.heappop(worst)

    run = NaiveRun("network_balance", total)
    _visit(run, people, step, sample=sample, budget=budget)
    started = time.perf_counter()
    since = clock.today() - timedelta(days=TAKER_WINDOW_DAYS)
    dict(
        Interaction.objects.filter(network=network, occurred_on__gt=since)
        .values("intent")
        .annotate(n=Count("pk"))
        .values_list("intent", "n")
    )
    run.seconds += time.perf_counter() - started
    run.queries += 1
    run.result = [totals, [-pk for _, pk in sorted(worst, reverse=True)]]
    return run


def _check(run: NaiveRun, network: "Network") -> str:
    """Whether the naive answer matches the service's, where they compare."""
    from netlife.relationships import queries

    if run.partial:
        return "not checked (partial run)"
    if run.name == "dormant":
        found = [t.facts.person_id for t in queries.dormant(network, limit=20)]
        return "same 20 people" if set(found) == set(run.result) else "DIFFERENT people"
    if run.name == "network_balance":
        ledger = queries.network_balance(network).ledger
        totals = run.result[0]
        same = (
            ledger.gives == totals["gives"] + totals["thanks"]
            and ledger.advice_asks == totals["advice"]
            and ledger.favour_asks == totals["favours"]
            and ledger.received == totals["received"]
            and ledger.interactions == totals["interactions"]
        )
        return "same totals" if same else "DIFFERENT totals"
    return "overdue reason only"


# --- Counting, reporting ---------------------------------------------------


def _data_counts(network: "Network") -> dict[str, int]:
    from netlife.interactions.models import Interaction, Participation
    from netlife.people.models import Person
    from netlife.relationships.models import Relationship

    people = Person.objects.filter(network=network)
    return {
        "people": people.count(),
        "contacts": people.filter(kind=Person.Kind.CONTACT, archived=False).count(),
        "interactions": Interaction.objects.filter(network=network).count(),
        "participations": Participation.objects.filter(network=network).count(),
        "relationships": Relationship.objects.filter(network=network).count(),
    }


def _read_database_files(home: Path) -> float:
    """Read the SQLite file and its WAL once, so that the OS cache holds them
    and no timing below pays for the first read from disk."""
    started = time.perf_counter()
    for path in (home / "netlife.sqlite3", home / "netlife.sqlite3-wal"):
        if path.exists():
            with path.open("rb") as f:
                while f.read(16 * 1024 * 1024):
                    pass
    return time.perf_counter() - started


def _mb(n: int) -> str:
    return f"{n / 1e6:,.2f} MB"


def _memory_peaks(network: "Network") -> dict[str, int]:
    peaks = {}
    for name, service in _services():
        service(network)  # warm, as for the timings
        peaks[name] = _peak_bytes(functools.partial(service, network))
    return peaks


def _small_network_peaks(args: argparse.Namespace) -> tuple[int, dict[str, int]]:
    """Peak memory per service on the small network, from a child process."""
    folder = Path(args.small_home or tempfile.mkdtemp(prefix="netlife-kit-small-"))
    command = [
        sys.executable,
        __file__,
        "--memory-only",
        f"--home={folder}",
        f"--people={args.small_people}",
        f"--seed={args.seed}",
        f"--today={args.today}",
    ]
    try:
        # Its progress bar (stderr) shows; its one line of JSON is read.
        done = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True)
    finally:
        if args.small_home is None:
            shutil.rmtree(folder, ignore_errors=True)
    found = json.loads(done.stdout.strip().splitlines()[-1])
    return int(found["people"]), {k: int(v) for k, v in found["peaks"].items()}


def _run_memory_only(args: argparse.Namespace) -> None:
    network = _network_with_demo(args.people, args.seed)
    from netlife.people.models import Person

    people = Person.objects.filter(network=network).count()
    print(json.dumps({"people": people, "peaks": _memory_peaks(network)}))


def _print_services(timings: list[ServiceTiming], repeat: int) -> None:
    table = RichTable(
        title=f"services: warm, then {repeat} timed calls", title_justify="left"
    )
    for column in ("service", "median", "max", "queries", "slowest execute", "peak"):
        table.add_column(column, justify="left" if column == "service" else "right")
    for t in timings:
        table.add_row(
            t.name,
            f"{t.median_ms:,.1f} ms",
            f"{t.max_ms:,.1f} ms",
            str(t.queries),
            f"{t.slowest_query_ms:,.1f} ms",
            _mb(t.peak_bytes),
        )
    console.print(table)
    over = [t.name for t in timings if t.max_ms >= 300]
    console.print(
        f"over 300 ms at the slowest call: {', '.join(over)}"
        if over
        else "every call under 300 ms"
    )


def _print_naive(
    runs: list[NaiveRun], timings: dict[str, ServiceTiming], network: "Network"
) -> None:
    table = RichTable(
        title="naive: a query per person, timed once", title_justify="left"
    )
    for column in (
        "service", "people", "naive time", "queries", "service median", "speed-up",
        "check",
    ):  # fmt: skip
        table.add_column(column, justify="left" if column == "service" else "right")
    for run in runs:
        service = timings[run.name].median_ms / 1000
        people = f"{run.done:,} of {run.total:,}" if run.partial else f"{run.total:,}"
        naive = f"{run.estimate:,.1f} s" + (" (extrapolated)" if run.partial else "")
        queries = run.queries * run.total // run.done if run.partial else run.queries
        table.add_row(
            run.name,
            people,
            naive,
            f"{queries:,}" + (" (est.)" if run.partial else ""),
            f"{service * 1000:,.1f} ms",
            f"{run.estimate / service:,.0f}x",
            _check(run, network),
        )
    console.print(table)
    for run in runs:
        if run.partial:
            console.print(
                f"[bold]{run.name}: naive run stopped after {run.done:,} of "
                f"{run.total:,} people ({run.seconds:.1f} s measured); the time "
                "for all is extrapolated linearly.[/]"
            )


def _print_memory(
    small: tuple[int, dict[str, int]], large_people: int, timings: list[ServiceTiming]
) -> None:
    small_people, peaks = small
    table = RichTable(title="peak Python memory of one call", title_justify="left")
    table.add_column("service")
    table.add_column(f"{small_people:,} people", justify="right")
    table.add_column(f"{large_people:,} people", justify="right")
    table.add_column("ratio", justify="right")
    for t in timings:
        before = peaks[t.name]
        table.add_row(
            t.name, _mb(before), _mb(t.peak_bytes), f"{t.peak_bytes / before:.2f}"
        )
    console.print(table)


def _run(args: argparse.Namespace, home: Path) -> None:
    import django
    from django.db import connection

    network = _network_with_demo(args.people, args.seed)
    counts = _data_counts(network)
    console.print(
        f"Python {platform.python_version()} · SQLite {sqlite3.sqlite_version} · "
        f"Django {django.get_version()} · {os.cpu_count()} CPUs · "
        f"NETLIFE_TODAY={args.today} · {home}"
    )
    console.print(" · ".join(f"{v:,} {k}" for k, v in counts.items()))
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        console.print(f"SQLite cache_size {cursor.fetchone()[0]}")

    console.print(
        f"read the database files into the OS cache in "
        f"{_read_database_files(home):.1f} s"
    )
    timings = [
        _time_service(name, service, network, args.repeat)
        for name, service in _services()
    ]
    _print_services(timings, args.repeat)

    if not args.skip_naive:
        _read_database_files(home)  # again: the cache may have dropped pages
        limits = {"sample": args.naive_sample, "budget": args.naive_budget}
        runs = [
            _naive_agenda(network, counts["contacts"], **limits),
            _naive_balance(network, counts["people"], **limits),
            _naive_dormant(network, counts["contacts"], **limits),
        ]
        _print_naive(runs, {t.name: t for t in timings}, network)

    if not args.skip_small:
        _print_memory(_small_network_peaks(args), counts["people"], timings)

    if not args.skip_refresh:
        from netlife.relationships.services import refresh_relationships

        started = time.perf_counter()
        rows = refresh_relationships(network)
        seconds = time.perf_counter() - started
        console.print(
            f"refresh_relationships (whole network): {seconds:.1f} s · "
            f"{rows:,} rows · {rows / seconds:,.0f} rows/s"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, help="data folder to use or fill")
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--today", default=DEFAULT_TODAY, help="NETLIFE_TODAY")
    parser.add_argument("--repeat", type=int, default=7, help="timed calls")
    parser.add_argument("--naive-sample", type=int, default=10_000)
    parser.add_argument(
        "--naive-budget", type=float, default=180.0, help="seconds per naive run"
    )
    parser.add_argument("--small-home", type=Path, help="data folder, small network")
    parser.add_argument("--small-people", type=int, default=10_000)
    parser.add_argument("--skip-naive", action="store_true")
    parser.add_argument("--skip-small", action="store_true")
    parser.add_argument("--skip-refresh", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep a temporary home")
    parser.add_argument("--memory-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    home = args.home or Path(tempfile.mkdtemp(prefix="netlife-kit-bench-"))
    try:
        _setup_django(home, args.today)
        if args.memory_only:
            _run_memory_only(args)
        else:
            _run(args, home)
    finally:
        if args.home is None:
            if args.keep:
                console.print(f"kept {home}")
            else:
                shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
