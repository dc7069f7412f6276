"""A seeded, invented professional network, produced as rows ready to insert.

Pure Python with no Django import, so it can be benchmarked and tested on its
own: `DemoNetwork(...).batches()` yields `Rows` (a table and value tuples in
the order of `FIELDS[table]`), with ids already assigned from the `FirstIds`
the caller reserved. A row may point at one in a later batch, so the rows
belong in one transaction with foreign keys checked at commit, as Django
creates them. One `random.Random` drives every choice, so the same seed,
"today" and starting network give the same rows, uids included.

Values are in the text forms Django stores on SQLite and PostgreSQL parses:
dates as YYYY-MM-DD, uids as 32 hex digits. Every name, organization and
sentence is invented here; emails use the reserved `.example` domain and
phone numbers come from ranges set aside for fiction, so demo data can never
reach a real person.
"""

import enum
import functools
import random
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import accumulate
from typing import TypeVar

from netlife.demo.vocabulary import (
    COMMUNITIES,
    CONFERENCES,
    CULTURES,
    HOBBIES,
    INDUSTRIES,
    INITIALS,
    ORG_PREFIXES,
    ORG_TAILS,
    SCHOOLS,
    SENIOR_TITLES,
    SUMMARIES,
    TAGS,
    TITLES,
    TOPICS,
    VIETNAMESE_MIDDLE,
    Culture,
)
from netlife.engines.contact_values import (
    normalize_email,
    normalize_phone,
    normalize_url,
    organization_key,
)

MAX_PEOPLE = 1_000_000
SOURCE = "demo"  # the `source` of demo interactions, ties and events
BATCH_PEOPLE = 2_000  # people per batch of interactions

_T = TypeVar("_T")
Value = str | int | bool | None
Row = tuple[Value, ...]


class Table(enum.Enum):
    """The tables demo rows go to, named by model label."""

    ORGANIZATION = "people.Organization"
    TAG = "people.Tag"
    PERSON = "people.Person"
    PERSON_TAG = "people.Person_tags"
    CONTACT_METHOD = "people.ContactMethod"
    PERSON_EVENT = "people.PersonEvent"
    TIE = "ties.Tie"
    INTRODUCTION = "ties.Introduction"
    GOAL = "goals.Goal"
    GOAL_AWARENESS = "goals.GoalAwareness"
    INTERACTION = "interactions.Interaction"
    PARTICIPATION = "interactions.Participation"
    LEAD = "leads.Lead"
    LEAD_STAGE_CHANGE = "leads.LeadStageChange"
    LEAD_CREDIT = "leads.LeadCredit"


# Model field names, in row order. The caller maps them to columns and adds
# what every row of a table shares: the network and the timestamps.
# fmt: off
FIELDS: dict[Table, tuple[str, ...]] = {
    Table.ORGANIZATION: ("id", "uid", "name", "normalized_name", "domain", "industry"),
    Table.TAG: ("id", "name"),
    Table.PERSON: (
        "id", "uid", "full_name", "given_name", "family_name", "kind", "organization",
        "title", "location", "how_met", "met_on", "birthday_month", "birthday_day",
        "birthday_year", "notes", "tier", "cadence_days", "snoozed_until", "archived",
    ),
    Table.PERSON_TAG: ("person", "tag"),
    Table.CONTACT_METHOD: (
        "person", "kind", "label", "value", "normalized", "is_primary",
    ),
    Table.PERSON_EVENT: (
        "uid", "person", "kind", "occurred_on", "summary", "previous", "current",
        "source",
    ),
    Table.TIE: ("uid", "person_a", "person_b", "strength", "how", "source", "archived"),
    Table.INTRODUCTION: (
        "uid", "introducer", "introduced", "introduced_to", "introduced_on", "outcome",
    ),
    Table.GOAL: ("id", "uid", "text", "status", "started_on", "done_on"),
    Table.GOAL_AWARENESS: ("goal", "person", "since", "how"),
    Table.INTERACTION: (
        "id", "uid", "occurred_on", "channel", "intent", "initiated_by", "summary",
        "follow_up_on", "follow_up_intent", "shared_goal", "source",
    ),
    Table.PARTICIPATION: ("interaction", "person", "occurred_on", "intent"),
    Table.LEAD: (
        "id", "uid", "title", "organization", "stage", "notes", "source_interaction",
        "created_on",
    ),
    Table.LEAD_STAGE_CHANGE: ("lead", "stage", "changed_on"),
    Table.LEAD_CREDIT: ("lead", "person", "role"),
}
# fmt: on


@dataclass(frozen=True, slots=True)
class Rows:
    """One batch of rows for one table; `people_done` counts people now complete."""

    table: Table
    rows: Sequence[Row]
    people_done: int = 0


@dataclass(frozen=True, slots=True)
class FirstIds:
    """The first free id of each table that other demo rows point at."""

    organization: int = 1
    tag: int = 1
    person: int = 1
    interaction: int = 1
    goal: int = 1
    lead: int = 1


@dataclass(frozen=True, slots=True)
class Existing:
    """What the network already holds, which demo rows reuse or avoid."""

    names: frozenset[str] = frozenset()  # casefolded full names
    emails: frozenset[str] = frozenset()  # normalized addresses
    organizations: Mapping[str, int] = field(default_factory=dict)  # normalized → id
    tags: Mapping[str, int] = field(default_factory=dict)  # name → id
    has_goals: bool = False
    active_goal: tuple[int, date] | None = None  # id and start of the active goal


_INTENTS = ("catch-up", "give", "thanks", "advice", "ask", "received")
_CHANNELS = ("call", "email", "meeting", "message", "event", "social")
_CHANNEL_WEIGHTS = {  # call, email, meeting, message, event, social
    "catch-up": (25, 10, 25, 20, 12, 8),
    "give": (5, 40, 5, 25, 5, 20),
    "thanks": (5, 40, 5, 35, 0, 15),
    "advice": (35, 20, 35, 5, 5, 0),
    "ask": (15, 50, 5, 25, 0, 5),
    "received": (15, 40, 5, 25, 5, 10),
}
# How often the other person started it; for catch-ups it depends on the
# relationship (see _Rhythm.them).
_THEM_SHARE = {"give": 0.1, "thanks": 0.2, "advice": 0.15, "ask": 0.05, "received": 0.9}
_LEAD_TITLES = (
    "Head of Product",
    "Director of Engineering",
    "Principal Product Manager",
    "VP Product",
    "Engineering Lead, Platform",
    "Product Lead, Climate",
    "Chief of Staff",
    "Group Product Manager",
    "Advisor",
)
_LEAD_PATHS: tuple[tuple[tuple[str, ...], bool, int], ...] = (  # stages, closed, weight
    (("lead",), False, 25),
    (("lead", "conversation"), False, 20),
    (("lead", "conversation", "interview"), False, 12),
    (("lead", "conversation", "interview", "offer"), False, 4),
    (("lead",), True, 14),
    (("lead", "conversation"), True, 14),
    (("lead", "conversation", "interview"), True, 11),
)
_LEAD_NOTES = (
    "",
    "Role not posted yet; hiring manager open to a chat.",
    "Team is growing after a funding round.",
    "Would report to the CTO.",
    "Remote-friendly; two days a month on site.",
)
_INTRO_OUTCOMES = (
    "",
    "Had a first call; stayed in touch.",
    "Became a mentor.",
    "Led to an interview.",
    "Friendly chat; nothing came of it yet.",
    "Swapped notes on hiring.",
)
_ACTIVE_GOAL = "An engineering or product leadership role at a climate-tech company"
_OLD_GOAL = "A senior product role in fintech"
# fmt: on


def _bag(items: tuple[str, ...], weights: tuple[int, ...]) -> tuple[str, ...]:
    """Items repeated by weight: one random index picks from it, far cheaper
    than random.choices in a loop that runs millions of times."""
    return tuple(i for i, w in zip(items, weights, strict=True) for _ in range(w))


_CHANNEL_BAGS = {intent: _bag(_CHANNELS, w) for intent, w in _CHANNEL_WEIGHTS.items()}
_CULTURE_WEIGHTS = list(accumulate(c.weight for c in CULTURES))


class Style(enum.Enum):
    """How the user's relationship with one person has gone over the years."""

    INNER = "inner"  # kept warm every few weeks
    CLOSE = "close"  # every couple of months
    NETWORK = "network"  # a few times a year
    DORMANT = "dormant"  # active once, silent for years now
    TAKER = "taker"  # the user only ever asked them for things
    NEW = "new"  # met in the last weeks
    ACQUAINTANCE = "acquaintance"  # a handful of contacts
    CONNECTION = "connection"  # an imported connection, never contacted
    PROSPECT = "prospect"  # someone to reach, only through others


# An intent with what goes with it: channels to pick from, how often the
# other person starts it, and summaries by channel.
_Intent = tuple[str, tuple[str, ...], float, dict[str, tuple[str, ...]]]


def _summaries(intent: str) -> dict[str, tuple[str, ...]]:
    return {c: SUMMARIES.get(f"{intent}:{c}", SUMMARIES[intent]) for c in _CHANNELS}


@dataclass(frozen=True, slots=True)
class _Rhythm:
    share: int  # people of this style per thousand
    count: tuple[int, int]  # interactions
    interval: tuple[int, int]  # days between interactions
    last_ago: tuple[int, int]  # days since the last one
    intents: tuple[_Intent, ...]  # a bag to pick from


def _rhythm(share: int, *ranges: tuple[int, int], them: float, intents: str) -> _Rhythm:
    """`them`: how often the other person starts a catch-up."""
    count, interval, last_ago = ranges
    weights = tuple(int(w) for w in intents.split())
    bag = tuple(
        (
            i,
            _CHANNEL_BAGS[i],
            them if i == "catch-up" else _THEM_SHARE[i],
            _summaries(i),
        )
        for i in _bag(_INTENTS, weights)
    )
    return _Rhythm(share, count, interval, last_ago, bag)


# Tuned so a network averages about 20 interactions per person, prospects and
# never-contacted connections included. Intent weights are in _INTENTS order.
# fmt: off
_RHYTHMS = {
    Style.INNER: _rhythm(50, (40, 115), (20, 40), (0, 35), them=0.45,
                         intents="40 15 10 10 5 20"),
    Style.CLOSE: _rhythm(120, (22, 70), (40, 85), (0, 90), them=0.4,
                         intents="35 17 10 12 8 18"),
    Style.NETWORK: _rhythm(180, (12, 38), (80, 170), (0, 170), them=0.35,
                           intents="30 20 8 15 10 17"),
    Style.DORMANT: _rhythm(200, (6, 45), (40, 140), (730, 3000), them=0.3,
                           intents="35 10 8 15 17 15"),
    Style.TAKER: _rhythm(50, (2, 7), (60, 400), (30, 1500), them=0,
                         intents="0 0 0 0 1 0"),
    Style.NEW: _rhythm(60, (1, 6), (5, 20), (0, 45), them=0.4,
                       intents="40 20 10 20 5 5"),
    Style.ACQUAINTANCE: _rhythm(160, (1, 6), (60, 400), (30, 2500), them=0.3,
                                intents="45 10 10 15 10 10"),
    Style.CONNECTION: _rhythm(80, (0, 0), (1, 1), (0, 0), them=0,
                              intents="0 0 0 0 0 0"),
    Style.PROSPECT: _rhythm(100, (0, 0), (1, 1), (0, 0), them=0,
                            intents="0 0 0 0 0 0"),
}
# fmt: on
_WARM = (Style.INNER, Style.CLOSE, Style.NETWORK)  # kept on a regular cadence
_OLDEST_YEARS = 15


@dataclass(slots=True, eq=False)
class _Org:
    id: int
    name: str
    domain: str
    industry: str
    members: list["_Person"] = field(default_factory=list)
    warm: list["_Person"] = field(default_factory=list)


@dataclass(slots=True, eq=False)
class _Person:
    id: int
    style: Style
    given: str
    family: str
    full: str
    email_name: str  # ASCII "given.family"
    city: str
    org: _Org | None
    title: str
    count: int = 0  # interactions planned
    first_on: int = 0  # date ordinals of the first and last interaction
    last_on: int = 0
    met_on: int | None = None
    introduced_by: "_Person | None" = None


_ASCII_FIXES = str.maketrans(
    {"ß": "ss", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "æ": "ae"}
    | {"\u0131": "i"}  # Turkish dotless i
)


@functools.cache
def ascii_fold(text: str) -> str:
    """Letters and digits of `text` without accents: "Łukasz Öz" → "LukaszOz"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_ASCII_FIXES))
    return "".join(ch for ch in decomposed if ch.isascii() and ch.isalnum())


_VERSION_MASK = ~((0xF000 << 64) | (0xC000 << 48))
_VERSION_BITS = (0x4000 << 64) | (0x8000 << 48)


def random_uid(rng: random.Random) -> str:
    """`uuid.UUID(int=rng.getrandbits(128), version=4).hex`, eight times faster."""
    return (
        (rng.getrandbits(128) & _VERSION_MASK | _VERSION_BITS).to_bytes(16, "big").hex()
    )


def sorted_uids(rng: random.Random, count: int) -> list[str]:
    """`count` uids made as `random_uid` makes them, in ascending order.

    Handed out in id order, they make every uid index grow at its end:
    inserting two million random keys into a B-tree costs far more than
    appending them, and each uid is just as random.
    """
    bits = rng.getrandbits
    mask, version = _VERSION_MASK, _VERSION_BITS
    uids = [
        (bits(128) & mask | version).to_bytes(16, "big").hex() for _ in range(count)
    ]
    uids.sort()  # hex of equal length sorts as the numbers do
    return uids


class DemoNetwork:
    """Plans an invented network of `people` people and yields its rows.

    `today` anchors every date: nothing lies after it except follow-ups and
    snoozes. `existing` describes the network the rows go into (names and
    emails to avoid, organizations and tags to reuse, its goals), and
    `first_ids` the ids the caller reserved. Raises ValueError for a size
    outside 1..MAX_PEOPLE. Call `batches()` once.
    """

    def __init__(
        self,
        *,
        people: int,
        seed: int | str,
        today: date,
        first_ids: FirstIds | None = None,
        existing: Existing | None = None,
    ) -> None:
        if not 1 <= people <= MAX_PEOPLE:
            raise ValueError(f"people must be within 1..{MAX_PEOPLE}, got {people}")
        self.rng = random.Random(seed)
        self.size = people
        self.today = today.toordinal()
        self.ids = first_ids or FirstIds()
        self.existing = existing or Existing()
        self._oldest = self.today - _OLDEST_YEARS * 366 - 400
        self._iso = [
            date.fromordinal(o).isoformat()
            for o in range(self._oldest, self.today + 400)
        ]
        self._names = set(self.existing.names)
        self._emails = set(self.existing.emails)
        self._email_numbers: dict[str, int] = {}
        self.fallback_names = 0
        # The search that ended years ago (its start and end), unless the
        # network has goals of its own, and the current one.
        self.old_goal: tuple[int, int] | None = None
        if not self.existing.has_goals:
            started = self.today - self.rng.randint(1900, 2200)
            self.old_goal = (started, started + self.rng.randint(200, 300))
        active = self.existing.active_goal
        if active is None:
            self.goal_id = self.ids.goal + (0 if self.old_goal is None else 1)
            self.goal_started = self.today - self.rng.randint(120, 220)
        else:
            self.goal_id, self.goal_started = active[0], active[1].toordinal()
        self._aware: dict[int, int] = {}  # person id → day they heard the goal
        self._next_interaction = self.ids.interaction
        self.orgs = self._plan_organizations()
        self.people = self._plan_people()
        self._intros = self._plan_introductions()
        self._person_uids = sorted_uids(self.rng, len(self.people))
        self._interaction_uids = sorted_uids(
            self.rng, sum(p.count for p in self.people)
        )

    def day(self, ordinal: int) -> str:
        """The ISO text of a date ordinal within the planned range."""
        return self._iso[ordinal - self._oldest]

    @property
    def prospects(self) -> int:
        return sum(1 for p in self.people if p.style is Style.PROSPECT)

    # -- the plan ------------------------------------------------------------

    def _plan_organizations(self) -> list[_Org]:
        rng = self.rng
        wanted = max(3, min(self.size // 12, 20_000))
        nouns = [(n, ind) for ind, text in INDUSTRIES.items() for n in text.split()]
        names = [(f"{p} {n}", ind) for p in ORG_PREFIXES for n, ind in nouns]
        rng.shuffle(names)
        if wanted > len(names):
            longer = [
                (f"{name} {tail}", ind) for name, ind in names for tail in ORG_TAILS
            ]
            rng.shuffle(longer)
            names += longer
        orgs = []
        next_id = self.ids.organization
        for name, industry in names[:wanted]:
            org_id = self.existing.organizations.get(organization_key(name))
            if org_id is None:
                org_id, next_id = next_id, next_id + 1
            orgs.append(
                _Org(org_id, name, f"{ascii_fold(name).lower()}.example", industry)
            )
        return orgs

    def _styles(self) -> list[Style]:
        """Styles in proportion, at least one of each from 20 people up."""
        total = sum(r.share for r in _RHYTHMS.values())
        least = 1 if self.size >= 20 else 0
        styles: list[Style] = []
        for style, rhythm in _RHYTHMS.items():
            styles += [style] * max(least, round(self.size * rhythm.share / total))
        styles += [Style.NETWORK] * (self.size - len(styles))
        self.rng.shuffle(styles)
        del styles[self.size :]
        # Someone the user keeps close comes first, so the first person a
        # small demo shows has a rich history.
        if Style.INNER in styles:
            i = styles.index(Style.INNER)
            styles[0], styles[i] = styles[i], styles[0]
        return styles

    def _plan_people(self) -> list[_Person]:
        rng = self.rng
        rnd = rng.random
        orgs = self.orgs
        # A few large employers and a long tail of small ones.
        weights = list(accumulate(1 / (k + 1) ** 0.9 for k in range(len(orgs))))
        org_picks = rng.choices(orgs, cum_weights=weights, k=self.size)
        people = []
        for index, style in enumerate(self._styles()):
            org = org_picks[index] if rnd() > 0.06 else None
            culture, given, family, full, email_name = self._name()
            senior = style is Style.PROSPECT or rnd() < 0.15
            titles = SENIOR_TITLES if senior else TITLES
            person = _Person(
                self.ids.person + index, style, given, family, full, email_name,
                rng.choice(culture.cities), org, titles[int(rnd() * len(titles))],
            )  # fmt: skip
            self._plan_rhythm(person)
            if org is not None:
                org.members.append(person)
                if style in _WARM:
                    org.warm.append(person)
            people.append(person)
        return people

    def _plan_rhythm(self, person: _Person) -> None:
        """When the user met this person and how many interactions followed."""
        rng = self.rng
        if person.style is Style.PROSPECT:
            return
        if person.style is Style.CONNECTION:
            if rng.random() < 0.5:
                person.met_on = self.today - rng.randint(200, 4000)
            return
        rhythm = _RHYTHMS[person.style]
        interval = rng.randint(*rhythm.interval)
        last = self.today - rng.randint(*rhythm.last_ago)
        fits = (last - (self.today - _OLDEST_YEARS * 365)) // interval + 1
        person.count = max(1, min(rng.randint(*rhythm.count), fits))
        person.last_on = last
        person.first_on = last - interval * (person.count - 1)
        person.met_on = person.first_on - rng.randint(0, 60)

    def _name(self) -> tuple[Culture, str, str, str, str]:
        """(culture, given, family, full, email name), the full name new to the
        network."""
        rnd = self.rng.random

        def pick(items: Sequence[_T]) -> _T:
            return items[int(rnd() * len(items))]

        for tries in range(32):
            # Names collide as the network grows: elaborate them the way
            # people do (middle names, initials, two family names), step by
            # step, and move to another culture when one runs short.
            step = tries % 8
            if step == 0:
                culture = self.rng.choices(CULTURES, cum_weights=_CULTURE_WEIGHTS)[0]
            female = rnd() < 0.5
            first = pick(culture.female if female else culture.male)
            last = pick(culture.family)[female]
            native = step < 2 and rnd() < culture.native_share
            given, family = (
                (first.native, last.native) if native else (first.latin, last.latin)
            )
            latin_family = last.latin
            initials = 0 if step < 2 else 1 if step < 6 else 2
            if culture.order == "vietnamese" and step >= 2:
                given = f"{pick(VIETNAMESE_MIDDLE)} {given}"
                initials -= 1
            for _ in range(initials):
                given = f"{given} {pick(INITIALS)}."
            if step >= 4:
                other = pick(culture.family)[female].latin
                if other != family:
                    family = latin_family = f"{family}-{other}"
            if native and culture.order == "eastern":
                full = f"{family}{given}"
            elif culture.order == "vietnamese":
                full = f"{family} {given}"
            else:
                full = f"{given} {family}"
            key = full.casefold()
            if key not in self._names:
                self._names.add(key)
                email = f"{ascii_fold(first.latin)}.{ascii_fold(latin_family)}".lower()
                return culture, given, family, full, email
        # Not reached below a million people; numbering keeps names unique.
        self.fallback_names += 1
        number = 2
        while f"{full} {number}".casefold() in self._names:
            number += 1
        self._names.add(f"{full} {number}".casefold())
        email = f"{ascii_fold(first.latin)}.{ascii_fold(latin_family)}".lower()
        return culture, given, f"{family} {number}", f"{full} {number}", email

    def _plan_introductions(
        self,
    ) -> list[tuple[_Person, _Person, _Person | None, int, str]]:
        """Who introduced whom: to the user, to each other, or (pending) to a
        prospect. Marks people introduced to the user, so how they met says so."""
        rng = self.rng
        intros: list[tuple[_Person, _Person, _Person | None, int, str]] = []
        if self.size < 10:
            return intros
        known = [p for p in self.people if p.style in (*_WARM, Style.DORMANT)]
        met = [
            p for p in self.people if p.style in (*_WARM, Style.NEW, Style.ACQUAINTANCE)
        ]
        prospects = [p for p in self.people if p.style is Style.PROSPECT]
        for _ in range(max(2, self.size // 25)):
            r = rng.random()
            if r < 0.55 and met:
                new = rng.choice(met)
                if new.introduced_by is not None or new.met_on is None:
                    continue
                by = self._someone(known, before=new.met_on - 30, besides=new)
                if by is not None:
                    new.introduced_by = by
                    intros.append(
                        (by, new, None, new.met_on, rng.choice(_INTRO_OUTCOMES))
                    )
            elif r < 0.85 and len(known) > 2:
                by, a, b = rng.sample(known, 3)
                on = self.today - rng.randint(30, 1800)
                intros.append((by, a, b, on, rng.choice(_INTRO_OUTCOMES)))
            elif prospects:
                prospect = rng.choice(prospects)
                by = self._someone(known, before=self.today, besides=prospect)
                if by is not None:
                    on = self.today - rng.randint(1, 20)
                    outcome = "Introduction sent; waiting for a reply."
                    intros.append((by, prospect, None, on, outcome))
        return intros

    def _someone(
        self, pool: list[_Person], *, before: int, besides: _Person
    ) -> _Person | None:
        """Someone from `pool` the user knew before a day, or None."""
        for _ in range(20 if pool else 0):
            candidate = self.rng.choice(pool)
            if (
                candidate is not besides
                and candidate.count
                and candidate.first_on < before
            ):
                return candidate
        return None

    # -- rows ------------------------------------------------------------------

    def batches(self) -> Iterator[Rows]:
        """Every row of the demo network; call once.

        People come in batches with everything of theirs, so `people_done`
        grows steadily; the rows between people (ties, introductions, leads)
        follow, and the last batch counts as done with them. Rows may point
        at rows of a later batch: the caller writes them in one transaction,
        where foreign keys are checked at commit.
        """
        yield Rows(Table.ORGANIZATION, self._organization_rows())
        tag_ids = self._tag_ids()
        new_tags = [
            (i, name) for name, i in tag_ids.items() if name not in self.existing.tags
        ]
        yield Rows(Table.TAG, new_tags)
        yield Rows(Table.GOAL, self._goal_rows())
        last = 0
        for start in range(0, self.size, BATCH_PEOPLE):
            chunk = self.people[start : start + BATCH_PEOPLE]
            yield Rows(Table.PERSON, [self._person_row(p) for p in chunk])
            yield Rows(
                Table.CONTACT_METHOD, [r for p in chunk for r in self._contact_rows(p)]
            )
            yield Rows(
                Table.PERSON_TAG, [r for p in chunk for r in self._tag_rows(p, tag_ids)]
            )
            interactions, participations = self._interaction_batch(chunk)
            yield Rows(Table.INTERACTION, interactions)
            last = len(chunk) if start + BATCH_PEOPLE >= self.size else 0
            yield Rows(
                Table.PARTICIPATION, participations, people_done=len(chunk) - last
            )
        ties = _Ties(self)
        yield Rows(Table.PERSON_EVENT, self._event_rows(ties))
        yield Rows(Table.INTRODUCTION, self._introduction_rows(ties))
        yield Rows(Table.TIE, ties.finish())
        yield from self._lead_rows()
        yield Rows(Table.GOAL_AWARENESS, self._awareness_rows(), people_done=last)

    def _organization_rows(self) -> list[Row]:
        rng = self.rng
        rows: list[Row] = []
        for org in self.orgs:
            normalized = organization_key(org.name)
            if normalized not in self.existing.organizations:
                uid = random_uid(rng)
                rows.append(
                    (org.id, uid, org.name, normalized, org.domain, org.industry)
                )
        return rows

    def _tag_ids(self) -> dict[str, int]:
        ids = {}
        next_id = self.ids.tag
        for name in TAGS:
            tag_id = self.existing.tags.get(name)
            if tag_id is None:
                tag_id, next_id = next_id, next_id + 1
            ids[name] = tag_id
        return ids

    def _tier(self, style: Style) -> tuple[str, int | None]:
        """An explicit tier or cadence for some people; blank means "derive it"."""
        r = self.rng.random()
        pick = self.rng.choice
        if style is Style.INNER:
            return (
                ("inner", None)
                if r < 0.6
                else ("", pick((21, 30, 45)))
                if r < 0.75
                else ("", None)
            )
        if style is Style.CLOSE:
            return (
                ("close", None)
                if r < 0.45
                else ("", pick((60, 75, 120)))
                if r < 0.6
                else ("", None)
            )
        if style is Style.NETWORK:
            return (
                ("network", None) if r < 0.3 else ("", 240) if r < 0.35 else ("", None)
            )
        if style is Style.DORMANT and r < 0.45:
            # Meant to keep in touch and did not: the agenda calls them overdue.
            return pick(("close", "network", "distant")), None
        if style is Style.NEW and r < 0.3:
            return "close", None
        if style in (Style.ACQUAINTANCE, Style.CONNECTION) and r < 0.3:
            return ("none" if r < 0.2 else "distant"), None
        return "", None

    def _person_row(self, p: _Person) -> Row:
        rng = self.rng
        rnd = rng.random
        prospect = p.style is Style.PROSPECT
        tier, cadence = self._tier(p.style)
        month = day = year = None
        if not prospect and rnd() < 0.4:
            month = rng.randint(1, 12)
            day = rng.randint(
                1, 30 if month in (4, 6, 9, 11) else 28 if month == 2 else 31
            )
            year = rng.randint(1958, 2001) if rnd() < 0.7 else None
        notes = ""
        if not prospect and rnd() < 0.12:
            notes = rng.choice((
                f"Enjoys {rng.choice(HOBBIES)}.", "Prefers a call to email.",
                f"Good person to ask about {rng.choice(TOPICS)}.",
                "Mentored me early on.",
                f"Thinking about a move to {rng.choice(rng.choice(CULTURES).cities)}.",
            ))  # fmt: skip
        snoozed = None
        if p.style in (*_WARM, Style.DORMANT) and rnd() < 0.02:
            snoozed = self.day(self.today + rng.randint(10, 90))
        archived = p.style is Style.ACQUAINTANCE and rnd() < 0.02
        return (
            p.id, self._person_uids[p.id - self.ids.person], p.full, p.given, p.family,
            "prospect" if prospect else "contact", p.org.id if p.org else None, p.title,
            p.city, self._how_met(p), self.day(p.met_on) if p.met_on else None,
            month, day, year, notes, tier, cadence, snoozed, archived,
        )  # fmt: skip

    def _how_met(self, p: _Person) -> str:
        if p.style is Style.PROSPECT:
            return ""
        if p.introduced_by is not None:
            return f"Introduced by {p.introduced_by.full}"
        rng = self.rng
        r = rng.random()
        if r < 0.35 and p.org is not None:
            return f"Worked together at {p.org.name}"
        if r < 0.55 and p.met_on:
            year = date.fromordinal(p.met_on).year
            return f"Met at {rng.choice(CONFERENCES)} in {year}"
        if r < 0.7:
            return f"Studied together at {rng.choice(SCHOOLS)}"
        if r < 0.8:
            return f"Through {rng.choice(COMMUNITIES)}"
        return ""

    def _email(self, local: str, domain: str) -> str:
        """A new address in the network: ana.silva@…, else ana.silva2@…"""
        plain = f"{local}@{domain}"
        # Common names share a local part thousands of times in a big demo;
        # starting from the last number used keeps this linear.
        n = self._email_numbers.get(plain, 1)
        while True:
            address = plain if n == 1 else f"{local}{n}@{domain}"
            if normalize_email(address) not in self._emails:
                break
            n += 1
        self._email_numbers[plain] = n + 1
        self._emails.add(normalize_email(address))
        return address

    def _contact_rows(self, p: _Person) -> list[Row]:
        """Emails (exactly one primary when any), a phone, a LinkedIn URL."""
        rng = self.rng
        rnd = rng.random
        rows: list[Row] = []
        prospect = p.style is Style.PROSPECT
        work = p.org is not None and rnd() < (0.25 if prospect else 0.85)
        if work and p.org is not None:
            value = self._email(p.email_name, p.org.domain)
            rows.append((p.id, "email", "work", value, normalize_email(value), True))
        if not prospect and (not work or rnd() < 0.35):
            local = p.email_name.replace(".", "") if rnd() < 0.3 else p.email_name
            domain = rng.choice(("mail.example", "post.example", "inbox.example"))
            value = self._email(local, domain)
            rows.append(
                (p.id, "email", "personal", value, normalize_email(value), not work)
            )
        if p.style not in (Style.PROSPECT, Style.CONNECTION) and rnd() < 0.45:
            r = rnd()
            if r < 0.5:  # 555-0100..0199 is fictional in every North American area
                value = f"+1 ({rng.randint(201, 989)}) 555-01{rng.randint(0, 99):02d}"
            elif r < 0.8:  # Ofcom's drama range
                value = f"+44 20 7946 0{rng.randint(0, 999):03d}"
            else:  # ACMA's range for fiction
                value = f"+61 2 5550 {rng.randint(0, 9999):04d}"
            rows.append((p.id, "phone", "mobile", value, normalize_phone(value), True))
        if rnd() < (0.7 if p.style in _WARM else 0.9):
            slug = p.email_name.replace(".", "-").strip("-")
            value = f"https://www.linkedin.com/in/{slug}-demo-{rng.getrandbits(24):06x}"
            rows.append((p.id, "url", "LinkedIn", value, normalize_url(value), False))
        return rows

    def _tag_rows(self, p: _Person, tag_ids: Mapping[str, int]) -> list[Row]:
        rng = self.rng
        names = set()
        if "Recruit" in p.title or "Talent" in p.title:
            names.add("recruiter")
        if p.style in (Style.INNER, Style.CLOSE) and rng.random() < 0.3:
            names.add(rng.choice(("friend", "mentor", "former-colleague")))
        if rng.random() < 0.2:
            names.add(rng.choice(TAGS))
        return [(p.id, tag_ids[name]) for name in sorted(names)]

    def _event_rows(self, ties: "_Ties") -> list[Row]:
        """Job changes (some in the last weeks: a reason to write) and new titles."""
        rng = self.rng
        rows: list[Row] = []
        for p in self.people:
            if p.org is None or p.style is Style.PROSPECT:
                continue
            r = rng.random()
            if r < 0.12:
                before = rng.choice(self.orgs)
                if before is p.org:
                    continue
                recent = rng.random() < 0.3
                on = self.today - (
                    rng.randint(3, 60) if recent else rng.randint(61, 1800)
                )
                rows.append((
                    random_uid(rng), p.id, "job-change", self.day(on),
                    f"{p.given} moved from {before.name} to {p.org.name}",
                    f"{rng.choice(TITLES)} at {before.name}",
                    f"{p.title} at {p.org.name}", SOURCE,
                ))  # fmt: skip
                if before.members:
                    other = rng.choice(before.members)
                    ties.add(p, other, f"Worked together at {before.name}")
            elif r < 0.16:
                on = self.today - rng.randint(3, 1500)
                rows.append((
                    random_uid(rng), p.id, "new-title", self.day(on),
                    f"{p.given} is now {p.title}", rng.choice(TITLES), p.title, SOURCE,
                ))  # fmt: skip
        return rows

    def _introduction_rows(self, ties: "_Ties") -> list[Row]:
        rng = self.rng
        rows: list[Row] = []
        for by, introduced, to, on, outcome in self._intros:
            ties.add(by, introduced, ties.how(by))
            if to is not None:
                ties.add(introduced, to, f"Introduced by {by.full}")
            rows.append((
                random_uid(rng), by.id, introduced.id, to.id if to else None,
                self.day(on), outcome,
            ))  # fmt: skip
        return rows

    def _goal_rows(self) -> list[Row]:
        """The goals planned: a network has one active goal at most."""
        rng = self.rng
        rows: list[Row] = []
        if self.old_goal is not None:
            started = self.old_goal[0]
            rows.append((self.ids.goal, random_uid(rng), _OLD_GOAL, "done",
                         self.day(started), self.day(self.old_goal[1])))  # fmt: skip
        if self.existing.active_goal is None:
            rows.append((self.goal_id, random_uid(rng), _ACTIVE_GOAL, "active",
                         self.day(self.goal_started), None))  # fmt: skip
        return rows

    def _interaction_batch(self, people: list[_Person]) -> tuple[list[Row], list[Row]]:
        """The interactions of a batch of people, and their participations.

        Person by person, so ids, uids and every per-person index grow at
        their end. (Sorting a batch by date speeds up the date index but
        slows the participations' indexes by as much.)
        """
        interactions: list[Row] = []
        participations: list[Row] = []
        for p in people:
            if p.count:
                self._interactions(p, interactions, participations)
        return interactions, participations

    def _interactions(
        self, p: _Person, interactions: list[Row], participations: list[Row]
    ) -> None:
        """Years of interactions with one person, and who took part.

        The hot loop of the demo (about 20 rows per person), hence the
        locals and one random number per choice.
        """
        rnd = self.rng.random
        iso = self._iso
        base = self._oldest
        rhythm = _RHYTHMS[p.style]
        n, first, last = p.count, p.first_on, p.last_on
        if n == 1:
            days = []
        elif p.style in _WARM:  # a steady rhythm, give or take
            step = (last - first) / (n - 1)
            wobble = step * 0.6
            days = sorted(
                [
                    min(
                        last, max(first, int(first + i * step + (rnd() - 0.5) * wobble))
                    )
                    for i in range(n - 1)
                ]
            )
        else:
            span = last - first + 1
            days = sorted([first + int(rnd() * span) for _ in range(n - 1)])
        if days:
            days[0] = first
        days.append(last)
        bag = rhythm.intents
        size = len(bag)
        given = p.given
        org_name = p.org.name if p.org else "their company"
        colleagues = p.org.warm if p.org else []
        introducer = p.introduced_by
        recent = self.today - 120
        goal_on = self.goal_started
        topics = TOPICS
        next_id = self._next_interaction
        uids = self._interaction_uids
        uid_index = next_id - self.ids.interaction
        for d in days:
            intent, channels, them, summaries = bag[int(rnd() * size)]
            channel = channels[int(rnd() * len(channels))]
            by = "them" if rnd() < them else "me"
            if introducer is not None:  # the first interaction, once only
                intent, channel, by = "catch-up", "call", "me"
                summary = f"First call with {given}; {introducer.given} introduced us."
                introducer = None
            elif rnd() < 0.2:
                summary = ""
            else:
                templates = summaries[channel]
                summary = templates[int(rnd() * len(templates))].format(
                    g=given, o=org_name, t=topics[int(rnd() * len(topics))]
                )
            follow_up = None
            if d >= recent and rnd() < 0.2:
                follow_up = iso[d - base + 3 + int(rnd() * 40)]
            shared = d >= goal_on and intent != "thanks" and rnd() < 0.3
            if shared and p.id not in self._aware:
                self._aware[p.id] = d
            day = iso[d - base]
            uid = uids[uid_index]
            uid_index += 1
            interactions.append(
                (
                    next_id,
                    uid,
                    day,
                    channel,
                    intent,
                    by,
                    summary,
                    follow_up,
                    # Every fourth follow-up is a planned request for advice;
                    # chosen by id, so the random stream (and the rest of
                    # the demo) stays as it was.
                    "advice" if follow_up is not None and next_id % 4 == 0 else "",
                    shared,
                    SOURCE,
                )
            )
            participations.append((next_id, p.id, day, intent))
            if (
                (channel == "meeting" or channel == "event")
                and colleagues
                and rnd() < 0.25
            ):
                other = colleagues[int(rnd() * len(colleagues))]
                if other is not p and other.first_on <= d:
                    participations.append((next_id, other.id, day, intent))
            next_id += 1
        self._next_interaction = next_id

    def _lead_rows(self) -> Iterator[Rows]:
        """Leads at every stage with their history and the people credited,
        and for most, the conversation the lead came out of."""
        rng = self.rng
        warm = [p for p in self.people if p.style in _WARM]
        leads: list[Row] = []
        changes: list[Row] = []
        credits: list[Row] = []
        interactions: list[Row] = []
        participations: list[Row] = []
        for index in range(max(6, min(self.size // 40, 5000))):
            lead_id = self.ids.lead + index
            stages, created, closing = self._lead_history(index)
            on = created
            for stage in stages:
                on = closing if stage == "hired" else min(on, closing)
                changes.append((lead_id, stage, self.day(on)))
                on += rng.randint(4, 25)
            title = rng.choice(_LEAD_TITLES)
            org = rng.choice(self.orgs)
            credited = rng.sample(warm, min(len(warm), rng.choice((1, 1, 2))))
            credited = [p for p in credited if p.first_on < created]
            if credited and credited[0].org is not None and rng.random() < 0.5:
                org = credited[0].org
            for p, role in zip(credited, ("opened", "through"), strict=False):
                credits.append((lead_id, p.id, role))
            source = None
            if credited and rng.random() < 0.6:
                source = self._next_interaction
                self._next_interaction += 1
                p = credited[0]
                on = max(p.first_on, created - rng.randint(0, 7))
                if rng.random() < 0.5:
                    summary = (
                        f"{p.given} told me about a {title} opening at {org.name}."
                    )
                    intent, by = "received", "them"
                else:
                    summary = f"Asked {p.given} for advice; they offered an intro."
                    intent, by = "advice", "me"
                shared = on >= self.goal_started
                if shared:
                    self._aware[p.id] = min(on, self._aware.get(p.id, on))
                day = self.day(on)
                interactions.append(
                    (
                        source,
                        random_uid(rng),
                        day,
                        "call",
                        intent,
                        by,
                        summary,
                        None,
                        "",
                        shared,
                        SOURCE,
                    )
                )
                participations.append((source, p.id, day, intent))
            note = rng.choice(_LEAD_NOTES)
            leads.append(
                (
                    lead_id,
                    random_uid(rng),
                    title,
                    org.id,
                    stages[-1],
                    note,
                    source,
                    self.day(created),
                )
            )
        yield Rows(Table.INTERACTION, interactions)
        yield Rows(Table.PARTICIPATION, participations)
        yield Rows(Table.LEAD, leads)
        yield Rows(Table.LEAD_STAGE_CHANGE, changes)
        yield Rows(Table.LEAD_CREDIT, credits)

    def _lead_history(self, index: int) -> tuple[tuple[str, ...], int, int]:
        """(stages reached, day created, last possible day) for one lead."""
        rng = self.rng
        if self.old_goal is not None and (index == 0 or rng.random() < 0.15):
            started, done = self.old_goal
            if index == 0:  # the offer that ended the previous search
                stages = ("lead", "conversation", "interview", "offer", "hired")
                return stages, started + 40, done
            path, _, _ = rng.choice(_LEAD_PATHS[4:])
            return (
                (*path, "closed"),
                started + rng.randint(0, done - started - 30),
                done,
            )
        if 1 <= index <= 4:  # one lead at each stage, however small the demo
            path, closed, _ = _LEAD_PATHS[(2, 1, 0, 5)[index - 1]]
        else:
            weights = [w for *_, w in _LEAD_PATHS]
            path, closed, _ = rng.choices(_LEAD_PATHS, weights=weights)[0]
        days = max(1, self.today - self.goal_started - 5)
        created = self.goal_started + rng.randint(0, days)
        return ((*path, "closed") if closed else path), created, self.today

    def _awareness_rows(self) -> list[Row]:
        """Who knows the current goal: those told in an interaction, and a few
        told in passing; most of the network has not heard it yet."""
        rng = self.rng
        rows: list[Row] = [
            (self.goal_id, person_id, self.day(on), "interaction")
            for person_id, on in sorted(self._aware.items())
        ]
        for p in self.people:
            if p.style in _WARM and p.id not in self._aware and rng.random() < 0.05:
                on = self.goal_started + rng.randint(
                    0, max(0, self.today - self.goal_started)
                )
                rows.append((self.goal_id, p.id, self.day(on), "told"))
        return rows


class _Ties:
    """Who knows whom: colleagues, classmates, people met at the same events.

    Collects ties from every step of the plan (job changes, introductions),
    keeps each pair once in (lower id, higher id) order as the Tie model
    requires, and makes sure every prospect is reachable through a contact.
    """

    def __init__(self, network: DemoNetwork) -> None:
        self.network = network
        self.rng = network.rng
        self.ties: dict[tuple[int, int], tuple[str, str]] = {}  # pair → strength, how
        self.reachable: set[int] = set()
        rnd = self.rng.random
        for org in network.orgs:
            members = org.members
            how = f"Worked together at {org.name}"
            for person in members if len(members) > 1 else ():
                for _ in range(1 + (rnd() < 0.5)):
                    self.add(person, members[int(rnd() * len(members))], how)
        people = network.people
        for person in people:
            if rnd() < 0.8:
                self.add(person, people[int(rnd() * len(people))], self.how(person))

    def how(self, person: _Person) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.3:
            return f"Studied together at {rng.choice(SCHOOLS)}"
        if r < 0.6:
            return f"Met at {rng.choice(CONFERENCES)}"
        if r < 0.85:
            return f"Both in {rng.choice(COMMUNITIES)}"
        return f"Neighbours in {person.city}"

    def add(self, a: _Person, b: _Person, how: str) -> None:
        if a is b:
            return
        pair = (a.id, b.id) if a.id < b.id else (b.id, a.id)
        if pair in self.ties:
            return
        self.ties[pair] = (self.rng.choice(("weak", "medium", "medium", "strong")), how)
        if a.style is not Style.PROSPECT:
            self.reachable.add(b.id)
        if b.style is not Style.PROSPECT:
            self.reachable.add(a.id)

    def finish(self) -> list[Row]:
        """The tie rows, after linking any prospect no contact leads to yet."""
        contacts = [p for p in self.network.people if p.style is not Style.PROSPECT]
        for p in self.network.people if contacts else ():
            if p.style is Style.PROSPECT and p.id not in self.reachable:
                self.add(p, self.rng.choice(contacts), self.how(p))
        # In pair order, so that the pair index, like the uid index, grows
        # at its end.
        pairs = sorted(self.ties)
        uids = sorted_uids(self.rng, len(pairs))
        return [
            (uid, a, b, *self.ties[a, b], SOURCE, False)
            for uid, (a, b) in zip(uids, pairs, strict=True)
        ]
