"""How long a whole import takes: a big LinkedIn export, then a phone's address book.

Generates, with the people of `benchmarks/matching.py`:

- a LinkedIn Connections.csv of --people rows in the current layout (the
  three-line preamble, profile URLs, `09 Oct 2024` dates, 30% with an
  email);
- a vCard 3.0 file of --cards cards in which --overlap of the people are
  LinkedIn connections written another way (a nickname or an initial,
  swapped names, the company upper-cased with ", Inc.", a personal email
  instead of the work one, phones with dashes), the rest new people.

It then imports both, in that order, into a new SQLite network through the
same service the CLI calls (`netlife import linkedin`, then `netlife import
vcard`), timing each from reading the file to the committed transaction,
and scores the result against the generated truth: a card of a connection
is *found* when it was merged into that connection or filed for review
with them; merges are *right* when the connection is the same person. A
naive all-pairs name comparison is timed on --naive-sample cards and
extrapolated, for comparison. Both files are then imported again, to show
that a re-import is idempotent and how long it takes, and last the two
imports are run again as the user runs them, as two `netlife import`
processes into a new data folder (Python and Django start-up included).

    .venv/bin/python benchmarks/imports.py --people 30000 --cards 10000

Record results in docs/benchmarks.md.
"""

import argparse
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from rapidfuzz import fuzz

from matching import Person, _people, _variant

_PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the '
    "email addresses are missing. You will only see email addresses for "
    'connections who have allowed their connections to see or download it."\n'
    "\n"
)


def _profile(p: Person) -> str:
    slug = f"{p.given}-{p.family}".lower().replace(" ", "-")
    return f"https://www.linkedin.com/in/{slug}-{p.truth:x}"


def _csv_cell(text: str) -> str:
    return f'"{text}"' if any(c in text for c in ',"\n') else text


def linkedin_file(people: list[Person], rng: random.Random) -> bytes:
    lines = [_PREAMBLE + "First Name,Last Name,URL,Email Address,Company,"
             "Position,Connected On"]  # fmt: skip
    start = date(2012, 1, 1)
    for p in people:
        connected = start + timedelta(days=rng.randrange(5000))
        cells = [p.given, p.family, _profile(p), p.email, p.company,
                 rng.choice(("Engineer", "Director, Sales", "Designer")),
                 connected.strftime("%d %b %Y")]  # fmt: skip
        lines.append(",".join(_csv_cell(c) for c in cells))
    return ("\n".join(lines) + "\n").encode()


def _vcard_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")


def vcard_file(cards: list[Person]) -> bytes:
    out = []
    for i, c in enumerate(cards):
        out += ["BEGIN:VCARD", "VERSION:3.0",
                f"N:{_vcard_text(c.family)};{_vcard_text(c.given)};;;",
                f"FN:{_vcard_text(f'{c.given} {c.family}')}",
                f"ORG:{_vcard_text(c.company)}",
                f"UID:bench-card-{i}"]  # fmt: skip
        if c.email:
            out.append(f"EMAIL;TYPE=INTERNET,HOME:{c.email}")
        if c.phone:
            out.append(f"TEL;TYPE=CELL:{c.phone}")
        out.append("END:VCARD")
    return ("\r\n".join(out) + "\r\n").encode()


def _setup_django(home: Path) -> None:
    os.environ["NETLIFE_HOME"] = str(home)
    os.environ["NETLIFE_TODAY"] = "2026-11-29"
    os.environ["NETLIFE_PHONE_REGION"] = "US"
    os.environ.pop("NETLIFE_DATABASE_URL", None)
    os.environ.setdefault("NETLIFE_SECRET_KEY", "benchmark-only-secret-key")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netlife.config.settings")
    import django

    django.setup()
    from netlife.core.database import prepare_database

    prepare_database()


def _import(path: Path, source: str) -> tuple[float, dict[str, object]]:
    from netlife.formats import linkedin, vcard
    from netlife.networks.services import ensure_local_network
    from netlife.transfer.contacts import import_contacts

    started = time.perf_counter()
    data = path.read_bytes()
    read = linkedin.read_connections if source == "linkedin" else vcard.read_vcards
    outcome = import_contacts(ensure_local_network(), read(data), source=source)
    elapsed = time.perf_counter() - started
    summary = outcome.to_json()
    summary["review"] = len(outcome.review)
    return elapsed, summary


def _score(cards: list[Person], people: int) -> dict[str, float]:
    """Recall and precision of the import's merges and suggestions."""
    from django.db.models import Q

    from netlife.people.models import MergeSuggestion, SourceId

    person_of = dict(SourceId.objects.values_list("value", "person_id"))
    truth_of_person: dict[int, int] = {}
    for value, person_id in person_of.items():
        if "linkedin.com/in/" in value:
            truth_of_person[person_id] = int(value.rsplit("-", 1)[1], 16)
    pairs: dict[int, set[int]] = {}
    for a, b in MergeSuggestion.objects.filter(~Q(status="dismissed")).values_list(
        "person_a_id", "person_b_id"
    ):
        pairs.setdefault(a, set()).add(b)
        pairs.setdefault(b, set()).add(a)
    same = [(i, c) for i, c in enumerate(cards) if c.truth < people]
    merged = right_merges = found = 0
    for i, card in enumerate(cards):
        person = person_of[f"bench-card-{i}"]
        if person in truth_of_person:
            merged += 1
            right_merges += truth_of_person[person] == card.truth
    for i, card in same:
        person = person_of[f"bench-card-{i}"]
        candidates = {person} | pairs.get(person, set())
        found += any(truth_of_person.get(c) == card.truth for c in candidates)
    return {
        "same people": len(same),
        "found (merged or suggested)": found,
        "recall": found / max(len(same), 1),
        "merged": merged,
        "merge precision": right_merges / max(merged, 1),
        "suggestions": MergeSuggestion.objects.count(),
    }


def _cli_runs(home: Path, connections: Path, address_book: Path) -> list[float]:
    """Both imports end to end, as a user runs them: new processes, new data."""
    netlife = Path(sys.executable).with_name("netlife")
    env = {**os.environ, "NETLIFE_HOME": str(home / "cli")}
    subprocess.run([netlife, "init"], env=env, check=True, capture_output=True)
    times = []
    for source, path in (("linkedin", connections), ("vcard", address_book)):
        started = time.perf_counter()
        subprocess.run([netlife, "import", source, str(path), "--json"], env=env,
                       check=True, capture_output=True)  # fmt: skip
        times.append(time.perf_counter() - started)
    return times


def _naive(cards: list[Person], people: list[Person], sample: int) -> float:
    from netlife.engines.matching import name_key

    names = [name_key(f"{p.given} {p.family}") for p in people]
    started = time.perf_counter()
    for card in cards[:sample]:
        key = name_key(f"{card.given} {card.family}")
        for name in names:
            fuzz.token_set_ratio(key, name, score_cutoff=88)
    return (time.perf_counter() - started) * len(cards) / sample


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=30_000)
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--overlap", type=float, default=0.2)
    parser.add_argument("--naive-sample", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    people = _people(rng, args.people)
    same = rng.sample(people, int(args.cards * args.overlap))
    others = _people(random.Random(args.seed + 1), args.cards - len(same))
    cards = [_variant(rng, p, f"card {i + 1}") for i, p in enumerate(same)] + [
        Person(o.ref, o.given, o.family, o.company, o.email, o.phone,
               args.people + o.truth)
        for o in others
    ]  # fmt: skip
    rng.shuffle(cards)

    with tempfile.TemporaryDirectory(prefix="netlife-imports-") as folder:
        home = Path(folder)
        connections = home / "Connections.csv"
        connections.write_bytes(linkedin_file(people, rng))
        address_book = home / "contacts.vcf"
        address_book.write_bytes(vcard_file(cards))
        _setup_django(home)
        print(f"Python {platform.python_version()} · {os.cpu_count()} CPUs · "
              f"{args.people:,} connections, {args.cards:,} cards "
              f"({len(same):,} of them connections)")  # fmt: skip
        first, linked = _import(connections, "linkedin")
        second, carded = _import(address_book, "vcard")
        print(f"import linkedin: {first:.2f} s  {linked}")
        print(f"import vcard:    {second:.2f} s  {carded}")
        print(f"total:           {first + second:.2f} s")
        for name, value in _score(cards, args.people).items():
            shown = f"{value:,.3f}" if value % 1 else f"{value:,.0f}"
            print(f"  {name}: {shown}")
        again_first, linked = _import(connections, "linkedin")
        again_second, carded = _import(address_book, "vcard")
        print(f"re-import linkedin: {again_first:.2f} s  {linked}")
        print(f"re-import vcard:    {again_second:.2f} s  {carded}")
        cli = _cli_runs(home, connections, address_book)
        print(f"as two `netlife import` processes in a new data folder: "
              f"{cli[0]:.2f} s + {cli[1]:.2f} s = {sum(cli):.2f} s")  # fmt: skip
        naive = _naive(cards, people, args.naive_sample)
        print(f"naive all-pairs name comparison, from {args.naive_sample} cards: "
              f"{naive:.1f} s for all, extrapolated")  # fmt: skip


if __name__ == "__main__":
    main()
