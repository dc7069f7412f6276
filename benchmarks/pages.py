"""How long the web app's main pages take on the server, on a big demo network.

Run from the repository root:

    .venv/bin/python benchmarks/pages.py --home /tmp/netlife-100k   # 100k, cached
    .venv/bin/python benchmarks/pages.py --people 2000              # quick check

--home names a data folder (NETLIFE_HOME) to keep the network in: if its
network already has people, it is reused as it is; otherwise `netlife demo
--people N --seed 1` fills it first, in its own process, timed (about a
minute and 1.8 GB of disk at 100,000 people). Without --home a temporary
folder is used and removed afterwards unless --keep. NETLIFE_TODAY is
pinned (--today), so a reused network and the pages agree on the day.

The pages are requested in this process through Django's test Client: the
whole middleware chain, the view, its queries and the template, i.e. the
server's time without the network or the browser. Like `netlife serve`, it
refreshes SQLite's statistics first, and reads the database file once so
the OS cache holds it. Each page is requested --warmup times untimed, then
--requests times timed; the Person page cycles through --persons different
people (spread over the network, plus the one with the most interactions).
Printed per page: p50, p95 and the slowest request in ms, the number of SQL
queries of one request (for the Person page the range over the people), and
PASS/MISS against the issue's target: p95 under 150 ms for Today, People
and Person. --all-pages also times the other pages of the navigation.
Record results in docs/benchmarks.md.
"""

import argparse
import math
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final

from rich.console import Console
from rich.table import Table as RichTable

if TYPE_CHECKING:
    from django.test import Client

    from netlife.networks.models import Network

console = Console(highlight=False, width=120)

DEFAULT_TODAY: Final = "2026-06-15"
TARGET_MS: Final = 150.0
TARGET_PAGES: Final = frozenset({"today", "people", "people search", "person"})
OTHER_PAGES: Final = (
    ("paths", "/paths/"),
    ("leads", "/leads/"),
    ("import", "/import/"),
    ("review", "/review/"),
    ("settings", "/settings/"),
)
SRC: Final = Path(__file__).resolve().parent.parent / "src"


@dataclass(frozen=True, slots=True)
class Page:
    name: str
    urls: tuple[str, ...]  # requests cycle through them
    htmx: bool = False


@dataclass(frozen=True, slots=True)
class PageTiming:
    page: Page
    seconds: list[float]
    queries: list[int]  # one request per URL
    status: int  # the first status other than 200, else 200

    def percentile_ms(self, p: float) -> float:
        """Nearest-rank percentile."""
        ordered = sorted(self.seconds)
        return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)] * 1000

    @property
    def p50_ms(self) -> float:
        return statistics.median(self.seconds) * 1000

    @property
    def queries_text(self) -> str:
        low, high = min(self.queries), max(self.queries)
        return str(low) if low == high else f"{low} to {high}"


def _netlife() -> list[str]:
    script = Path(sys.executable).with_name("netlife")
    return [str(script)] if script.exists() else [sys.executable, "-m", "netlife"]


def _environment(home: Path, today: str) -> None:
    # The clock reads NETLIFE_TODAY on every call; set before anything runs.
    os.environ["NETLIFE_TODAY"] = today
    os.environ["NETLIFE_HOME"] = str(home)
    os.environ.pop("NETLIFE_DATABASE_URL", None)
    os.environ.pop("NETLIFE_DEBUG", None)
    os.environ.setdefault("NETLIFE_SECRET_KEY", "benchmark-only-secret-key")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netlife.config.settings")


def _people_in(home: Path) -> int:
    """People in the home's database, without Django (0 when there is none)."""
    path = home / "netlife.sqlite3"
    if not path.exists():
        return 0
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        try:
            return int(db.execute("SELECT COUNT(*) FROM people_person").fetchone()[0])
        except sqlite3.OperationalError:  # not migrated yet
            return 0


def _build_demo(home: Path, people: int, seed: int) -> None:
    """`netlife demo` as a user runs it, in its own process, timed."""
    console.print(f"building a demo of {people:,} people (seed {seed}) in {home}")
    home.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    subprocess.run(
        [*_netlife(), "demo", "--people", str(people), "--seed", str(seed)],
        env=os.environ.copy(),
        check=True,
    )
    seconds = time.perf_counter() - started
    size = (home / "netlife.sqlite3").stat().st_size
    console.print(
        f"`netlife demo --people {people}` took {seconds:.1f} s "
        f"(database {size / 1e6:,.0f} MB)"
    )


def _setup_django() -> None:
    sys.path.insert(0, str(SRC))
    import django

    django.setup()
    from netlife.core.database import prepare_database, refresh_statistics

    prepare_database()
    refresh_statistics()  # as `netlife serve` does before it listens


def _warm_file_cache(home: Path) -> None:
    for name in ("netlife.sqlite3", "netlife.sqlite3-wal"):
        path = home / name
        if path.exists():
            with path.open("rb") as f:
                while f.read(16 * 1024 * 1024):
                    pass


def _person_ids(network: "Network", count: int) -> list[int]:
    """`count` people spread over the network, the busiest one first."""
    from django.db.models import Count

    from netlife.interactions.models import Participation
    from netlife.people.models import Person

    busiest = (
        Participation.objects.filter(network=network, person__archived=False)
        .values("person")
        .annotate(n=Count("id"))
        .order_by("-n")
        .values_list("person", flat=True)
        .first()
    )
    ids = list(
        Person.objects.filter(network=network, archived=False)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    step = max(1, len(ids) // max(1, count - 1))
    chosen = [busiest] if busiest is not None else []
    chosen += [pk for pk in ids[::step] if pk != busiest]
    return chosen[:count]


def _search_term(network: "Network") -> str:
    """A family name from the middle of the network: a plausible search."""
    from netlife.people.models import Person

    people = Person.objects.filter(network=network, archived=False).exclude(
        family_name=""
    )
    middle = people.count() // 2
    person = people.order_by("pk")[middle : middle + 1].first()
    return person.family_name if person is not None else "a"


def _pages(network: "Network", persons: int, *, all_pages: bool) -> list[Page]:
    from urllib.parse import urlencode

    search = f"/people/?{urlencode({'q': _search_term(network)})}"
    pages = [
        Page("today", ("/",)),
        Page("people", ("/people/",)),
        Page("people search", (search,)),
        Page("people search (htmx)", (search,), htmx=True),
        Page(
            "person",
            tuple(f"/people/{pk}/" for pk in _person_ids(network, persons)),
        ),
    ]
    if all_pages:
        pages += [Page(name, (url,)) for name, url in OTHER_PAGES]
    return pages


def _get(client: "Client", url: str, *, htmx: bool) -> int:
    headers = {"HX-Request": "true"} if htmx else {}
    return client.get(url, headers=headers).status_code


def _time_page(client: "Client", page: Page, warmup: int, requests: int) -> PageTiming:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    statuses: list[int] = []
    for _ in range(warmup):
        statuses += [_get(client, url, htmx=page.htmx) for url in page.urls]
    seconds: list[float] = []
    for i in range(requests):
        url = page.urls[i % len(page.urls)]
        started = time.perf_counter()
        status = _get(client, url, htmx=page.htmx)
        seconds.append(time.perf_counter() - started)
        statuses.append(status)
    queries: list[int] = []
    for url in page.urls:  # counted apart: capturing slows every query
        with CaptureQueriesContext(connection) as captured:
            _get(client, url, htmx=page.htmx)
        queries.append(len(captured.captured_queries))
    failed = [status for status in statuses if status != 200]
    return PageTiming(page, seconds, queries, failed[0] if failed else 200)


def _report(timings: Sequence[PageTiming], people: int) -> None:
    table = RichTable(
        title=f"Server time per page, {people:,} people", title_justify="left"
    )
    for column in ("page", "requests", "p50 ms", "p95 ms", "max ms", "queries", ""):
        table.add_column(column, justify="left" if column == "page" else "right")
    for t in timings:
        if t.status != 200:
            verdict = f"[red]HTTP {t.status}[/]"
        elif t.page.name in TARGET_PAGES:
            passed = t.percentile_ms(95) < TARGET_MS
            verdict = "[green]PASS[/]" if passed else "[red]MISS[/]"
        else:
            verdict = ""
        name = t.page.name
        if len(t.page.urls) > 1:
            name += f" ({len(t.page.urls)} people)"
        table.add_row(
            name,
            str(len(t.seconds)),
            f"{t.p50_ms:.1f}",
            f"{t.percentile_ms(95):.1f}",
            f"{max(t.seconds) * 1000:.1f}",
            t.queries_text,
            verdict,
        )
    console.print(table)
    console.print(
        f"target: p95 < {TARGET_MS:.0f} ms for "
        + ", ".join(sorted(TARGET_PAGES))
        + " (issue 7)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, help="data folder to keep and reuse")
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--today", default=DEFAULT_TODAY)
    parser.add_argument("--requests", type=int, default=40, help="timed, per page")
    parser.add_argument("--warmup", type=int, default=3, help="untimed, per URL")
    parser.add_argument("--persons", type=int, default=10, help="Person pages")
    parser.add_argument("--all-pages", action="store_true", help="every nav page")
    parser.add_argument("--keep", action="store_true", help="keep a temporary home")
    args = parser.parse_args()

    temporary = args.home is None
    home: Path = (
        Path(tempfile.mkdtemp(prefix="netlife-pages-bench-"))
        if temporary
        else args.home.resolve()
    )
    _environment(home, args.today)
    try:
        existing = _people_in(home)
        if existing:
            console.print(f"reusing {home}: {existing:,} people")
            if existing != args.people:
                console.print(
                    f"[yellow]note: --people {args.people:,} ignored, "
                    "the folder already has a network[/]"
                )
        else:
            _build_demo(home, args.people, args.seed)
        _setup_django()
        _run(home, args)
    finally:
        if temporary and not args.keep:
            shutil.rmtree(home, ignore_errors=True)
        elif temporary:
            console.print(f"kept {home}")


def _run(home: Path, args: argparse.Namespace) -> None:
    import django
    from django.test import Client

    from netlife.networks.services import ensure_local_network
    from netlife.people.models import Person

    network = ensure_local_network()
    people = Person.objects.filter(network=network).count()
    console.print(
        f"Python {platform.python_version()} · Django {django.get_version()} · "
        f"SQLite {sqlite3.sqlite_version} · {os.cpu_count()} CPUs · "
        f"today {args.today} · {home}"
    )
    _warm_file_cache(home)
    # As `netlife serve` does before it listens (core.serve.settle_the_heap).
    from netlife.core.serve import settle_the_heap

    settle_the_heap()
    # A host the default ALLOWED_HOSTS accepts; errors come back as 500s.
    client = Client(SERVER_NAME="127.0.0.1", raise_request_exception=False)
    pages = _pages(network, args.persons, all_pages=args.all_pages)
    timings = []
    for page in pages:
        console.print(f"timing {page.name} …")
        timings.append(_time_page(client, page, args.warmup, args.requests))
    _report(timings, people)


if __name__ == "__main__":
    main()
