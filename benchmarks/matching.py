"""How fast and how well the duplicate matcher finds the same people twice.

Generates a LinkedIn-like set of people and an address-book-like set in
which a share are the same people, written differently (nicknames and
initials, swapped or accented names, other emails, formatted phones,
"Inc." and case on the company), then matches the second set against the
first with `engines.matching` and reports the time, and precision and
recall against the generated truth. The same is timed for a naive
all-pairs comparison on a sample, extrapolated, for comparison.

    .venv/bin/python benchmarks/matching.py --people 30000 --cards 10000
"""

import argparse
import random
import time
from collections.abc import Hashable
from dataclasses import dataclass

from rapidfuzz import fuzz

from netlife.engines.matching import MatchIndex, MatchKeys, keys_for

GIVEN = [
    "Ada", "Grace", "Alan", "Katherine", "Mary", "Charles", "Edsger", "Barbara",
    "Donald", "Frances", "John", "Margaret", "Tim", "Radia", "Shafi", "Leslie",
    "Zoë", "José", "Åsa", "Nguyễn", "Ioana", "Mateo", "Aisha", "Kenji", "Priya",
    "Olu", "Sven", "Chloé", "Yusuf", "Mei", "Ravi", "Elena", "Tomasz", "Ingrid",
]  # fmt: skip
FAMILY = [
    "Lovelace", "Hopper", "Turing", "Johnson", "Somerville", "Babbage", "Dijkstra",
    "Liskov", "Knuth", "Allen", "McCarthy", "Hamilton", "Berners-Lee", "Perlman",
    "Goldwasser", "Lamport", "García", "Ångström", "Okafor", "Tanaka", "Sharma",
    "Kowalski", "Larsen", "Haddad", "Chen", "Novak", "Silva", "Müller", "Rossi",
    "Dubois", "Andersson", "Ivanova", "Kim", "Nakamura", "Osei", "Petrov",
]  # fmt: skip
_BRANDS = ("Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Stark",
           "Wayne", "Tyrell", "Cyberdyne", "Soylent", "Aperture")  # fmt: skip
_KINDS = ("Labs", "Systems", "Foods", "Energy", "Health", "Studio")
COMPANIES = [f"{brand} {kind}" for brand in _BRANDS for kind in _KINDS]
NICKNAMES = {
    "Margaret": "Peggy", "Katherine": "Kate", "Charles": "Charlie",
    "Donald": "Don", "Frances": "Fran", "Timothy": "Tim", "John": "Jack",
}  # fmt: skip


@dataclass(frozen=True)
class Person:
    ref: str
    given: str
    family: str
    company: str
    email: str
    phone: str
    truth: int  # the real person behind the record


SYLLABLES = ["ka", "lo", "mi", "ra", "ne", "to", "vi", "sa", "du", "be", "go",
             "ri", "na", "el", "or", "un", "ha", "zu", "pe", "qi"]  # fmt: skip


def _family(rng: random.Random) -> str:
    """A family name: a common one, or an invented one, as in a real network
    where most surnames are rare."""
    if rng.random() < 0.1:
        return rng.choice(FAMILY)
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).title()


def _people(rng: random.Random, n: int) -> list[Person]:
    found = []
    for i in range(n):
        given, family = rng.choice(GIVEN), _family(rng)
        company = rng.choice(COMPANIES)
        # Real exports leave most LinkedIn emails and phones empty.
        email = f"{given[0]}.{family}.{i}@{company.split()[0]}.example".lower()
        phone = f"+1 415 {rng.randrange(200, 999)} {i % 10000:04d}"
        found.append(Person(f"line {i + 5}", given, family, company,
                            email if rng.random() < 0.3 else "",
                            phone if rng.random() < 0.2 else "", i))  # fmt: skip
    return found


def _variant(rng: random.Random, p: Person, ref: str) -> Person:
    """The same person as another source writes them."""
    given, family, company = p.given, p.family, p.company
    roll = rng.random()
    if roll < 0.2:
        given = NICKNAMES.get(given, given)
    elif roll < 0.3:
        given = given[0] + "."
    elif roll < 0.4:
        given, family = family, given
    if rng.random() < 0.3:
        company = company.upper() + ", Inc."
    email = p.email
    if not email or rng.random() < 0.4:
        # Personal addresses are personal: the truth index keeps them unique.
        email = f"{given.lower().strip('.')}.{p.truth}@home.example"
    phone = p.phone.replace(" ", "-") if p.phone else ""
    return Person(ref, given, family, company, email, phone, p.truth)


def _keys(p: Person) -> MatchKeys:
    return keys_for(
        p.ref, full_name=f"{p.given} {p.family}", given_name=p.given,
        family_name=p.family, organization=p.company,
        emails=[p.email] if p.email else [], phones=[p.phone] if p.phone else [],
        region="US",
    )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=30_000)
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--overlap", type=float, default=0.2)
    parser.add_argument("--naive-sample", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    existing = _people(rng, args.people)
    same = rng.sample(existing, int(args.cards * args.overlap))
    others = _people(random.Random(args.seed + 1), args.cards - len(same))
    cards = [_variant(rng, p, f"card {i + 1}") for i, p in enumerate(same)] + [
        Person(
            f"card {len(same) + i + 1}",
            o.given,
            o.family,
            o.company,
            o.email,
            o.phone,
            args.people + o.truth,
        )
        for i, o in enumerate(others)
    ]
    truth_of: dict[Hashable, int] = {p.ref: p.truth for p in existing + cards}

    started = time.perf_counter()
    index = MatchIndex.of(_keys(p) for p in existing)
    built = time.perf_counter() - started
    card_keys = [_keys(c) for c in cards]
    started = time.perf_counter()
    found = {k.ref: index.find(k) for k in card_keys}
    matched = time.perf_counter() - started

    expected = {c.ref for c in cards if c.truth < args.people}
    suggested = {ref for ref, ms in found.items() if ms}
    right = {
        ref for ref, ms in found.items()
        if any(truth_of[m.existing] == truth_of[ref] for m in ms)
    }  # fmt: skip
    sure = [(ref, m) for ref, ms in found.items() for m in ms if m.verdict == "sure"]
    sure_right = sum(truth_of[m.existing] == truth_of[ref] for ref, m in sure)

    sample = card_keys[: args.naive_sample]
    started = time.perf_counter()
    existing_keys = list(index.people.values())
    for k in sample:
        for e in existing_keys:
            fuzz.token_set_ratio(k.name, e.name, score_cutoff=88)
    naive = (time.perf_counter() - started) * len(card_keys) / len(sample)

    print(f"{args.people:,} people, {args.cards:,} cards, {len(expected):,} the same")
    per_card = matched / len(cards) * 1000
    print(f"index built in {built:.2f} s; {len(cards):,} cards matched in "
          f"{matched:.2f} s ({per_card:.3f} ms a card)")  # fmt: skip
    print(f"cards with a suggestion: {len(suggested):,}; with the right person among"
          f" them: {len(right):,}")  # fmt: skip
    print(f"recall {len(right & expected) / len(expected):.3f}; precision of "
          f"suggestions {len(right) / max(len(suggested), 1):.3f}")  # fmt: skip
    print(f"sure matches: {len(sure):,}, right: {sure_right:,} "
          f"({sure_right / max(len(sure), 1):.3f})")  # fmt: skip
    print(f"naive all-pairs names (token_set_ratio, cutoff 88), from {len(sample)} "
          f"cards: {naive:.1f} s for all, extrapolated")  # fmt: skip


if __name__ == "__main__":
    main()
