"""The netlife JSON export: plain records, their validation, and streaming output.

One document holds a whole network::

    {"format": "netlife", "version": 1, "exported_at": "...",
     "network": {"name": ..., "timezone": ...},
     "organizations": [...], "people": [...], "interactions": [...],
     "ties": [...], "introductions": [...], "goals": [...], "leads": [...]}

Objects refer to each other by uid. Child rows without a uid of their own
(contact methods, tags, source ids, participants, goal awareness, lead stage
changes and credits) are nested in their parent and are part of its value.

Pure: no Django import. The field rules (maximum lengths, allowed values,
defaults) come from the caller, which reads them from the models, so this
module cannot drift from the schema.
"""

import dataclasses
import json
import re
import uuid
import zoneinfo
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TextIO, TypeVar

from netlife.engines.cadence import MAX_CADENCE_DAYS, MIN_CADENCE_DAYS
from netlife.engines.contact_values import (
    normalize_email,
    normalize_phone,
    normalize_url,
    organization_key,
)

FORMAT = "netlife"
VERSION = 1
SECTIONS = (
    "organizations",
    "people",
    "interactions",
    "ties",
    "introductions",
    "goals",
    "leads",
)

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
_DATETIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9:.]+(Z|[+-][0-9:]+)", re.ASCII
)
_MAX_INT = 2147483647
ACTIVE_GOAL = "active"


class DocumentError(ValueError):
    """A document that is not a valid netlife export; says where and why."""

    def __init__(self, where: str, problem: str) -> None:
        self.where = where
        self.problem = problem
        super().__init__(f"{where}: {problem}" if where else problem)


@dataclass(frozen=True, slots=True)
class FieldRule:
    """What a text field accepts: at most max_length characters, one of choices."""

    max_length: int | None = None
    choices: tuple[str, ...] = ()
    # For a choice field: the value a missing key means (None: it is required).
    default: str | None = None
    # For a choice field: whether "" is allowed too (Person.tier is).
    blank: bool = False


Rules = Mapping[str, FieldRule]
"""Field rules keyed "table.field", e.g. "person.full_name"."""


# The records. Field order is the key order in the file; tuples of children
# are in their canonical order, so two records compare equal exactly when the
# rows they describe hold the same values.


@dataclass(frozen=True, slots=True)
class NetworkRecord:
    name: str
    timezone: str


@dataclass(frozen=True, slots=True)
class OrganizationRecord:
    uid: uuid.UUID
    name: str
    domain: str
    industry: str


@dataclass(frozen=True, slots=True)
class ContactMethodRecord:
    kind: str
    label: str
    value: str
    is_primary: bool


@dataclass(frozen=True, slots=True)
class SourceIdRecord:
    source: str
    value: str


@dataclass(frozen=True, slots=True)
class EventRecord:
    uid: uuid.UUID
    kind: str
    occurred_on: date
    summary: str
    previous: str
    current: str
    source: str
    # None in a hand-written file: "now" when created, kept when updated.
    created_at: datetime | None


@dataclass(frozen=True, slots=True)
class PersonRecord:
    uid: uuid.UUID
    full_name: str
    given_name: str
    family_name: str
    kind: str
    organization: uuid.UUID | None
    title: str
    location: str
    how_met: str
    met_on: date | None
    birthday_month: int | None
    birthday_day: int | None
    birthday_year: int | None
    notes: str
    tier: str
    cadence_days: int | None
    snoozed_until: date | None
    archived: bool
    created_at: datetime | None
    updated_at: datetime | None
    tags: tuple[str, ...]  # sorted
    contact_methods: tuple[ContactMethodRecord, ...]  # in the order they were added
    source_ids: tuple[SourceIdRecord, ...]  # in the order they were added
    events: tuple[EventRecord, ...]  # by (occurred_on, uid)


@dataclass(frozen=True, slots=True)
class InteractionRecord:
    uid: uuid.UUID
    occurred_on: date
    occurred_at: datetime | None
    channel: str
    intent: str
    initiated_by: str
    summary: str
    follow_up_on: date | None
    follow_up_intent: str
    shared_goal: bool
    source: str
    created_at: datetime | None
    people: tuple[uuid.UUID, ...]  # sorted


@dataclass(frozen=True, slots=True)
class TieRecord:
    uid: uuid.UUID
    person_a: uuid.UUID  # person_a < person_b, whichever way round the file had them
    person_b: uuid.UUID
    strength: str
    how: str
    source: str
    archived: bool
    created_at: datetime | None


@dataclass(frozen=True, slots=True)
class IntroductionRecord:
    uid: uuid.UUID
    introducer: uuid.UUID
    introduced: uuid.UUID
    introduced_to: uuid.UUID | None
    introduced_on: date
    outcome: str
    created_at: datetime | None


@dataclass(frozen=True, slots=True)
class AwarenessRecord:
    person: uuid.UUID
    since: date
    how: str


@dataclass(frozen=True, slots=True)
class GoalRecord:
    uid: uuid.UUID
    text: str
    status: str
    started_on: date
    done_on: date | None
    awareness: tuple[AwarenessRecord, ...]  # by person


@dataclass(frozen=True, slots=True)
class StageChangeRecord:
    stage: str
    changed_on: date


@dataclass(frozen=True, slots=True)
class CreditRecord:
    person: uuid.UUID
    role: str


@dataclass(frozen=True, slots=True)
class LeadRecord:
    uid: uuid.UUID
    title: str
    organization: uuid.UUID | None
    stage: str
    notes: str
    source_interaction: uuid.UUID | None
    created_on: date
    stage_changes: tuple[StageChangeRecord, ...]  # by date, same-day order kept
    credits: tuple[CreditRecord, ...]  # by person


Record = (
    NetworkRecord
    | OrganizationRecord
    | PersonRecord
    | InteractionRecord
    | TieRecord
    | IntroductionRecord
    | GoalRecord
    | LeadRecord
)


@dataclass(frozen=True, slots=True)
class ParsedDocument:
    """A validated document: every value typed, every list in canonical order."""

    network: NetworkRecord | None
    organizations: tuple[OrganizationRecord, ...]
    people: tuple[PersonRecord, ...]
    interactions: tuple[InteractionRecord, ...]
    ties: tuple[TieRecord, ...]
    introductions: tuple[IntroductionRecord, ...]
    goals: tuple[GoalRecord, ...]
    leads: tuple[LeadRecord, ...]


# Normal forms shared by validation and the import, so both agree on what
# counts as "the same organization" or "the same email".

_CONTACT_NORMALIZERS: dict[str, Callable[[str], str]] = {
    "email": normalize_email,
    "phone": normalize_phone,
    "url": normalize_url,
}


def contact_key(kind: str, value: str) -> str:
    """The normalized form of a contact value of this kind (what lookups compare)."""
    normalizer = _CONTACT_NORMALIZERS.get(kind)
    if normalizer is None:
        return value.strip()
    return normalizer(value)


# Reading values.


def parse_date(value: object) -> date | None:
    """A date written YYYY-MM-DD, or None when the value is not one."""
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def parse_datetime(value: object) -> datetime | None:
    """An ISO 8601 date-time with a UTC offset, in UTC; None when it is not one."""
    if not isinstance(value, str) or not _DATETIME.fullmatch(value):
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        return None
    return parsed.astimezone(UTC)


def parse_uid(value: object) -> uuid.UUID | None:
    """A UUID written as text, or None when the value is not one."""
    if not isinstance(value, str):
        return None
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


def _describe(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "an object"


def _choices_text(choices: Sequence[str]) -> str:
    return ", ".join(choices)


class _Reader:
    """Typed access to one JSON object, raising DocumentError with its path."""

    __slots__ = ("_data", "_rules", "_table", "where")

    def __init__(self, value: object, where: str, table: str, rules: Rules) -> None:
        if not isinstance(value, Mapping):
            raise DocumentError(where, f"expected an object, found {_describe(value)}.")
        self._data: Mapping[str, object] = value
        self.where = where
        self._table = table
        self._rules = rules

    def fail(self, problem: str) -> DocumentError:
        return DocumentError(self.where, problem)

    def _rule(self, name: str) -> FieldRule:
        return self._rules.get(f"{self._table}.{name}", FieldRule())

    def text(self, name: str, *, required: bool = False) -> str:
        value = self._data.get(name)
        if value is None:
            if required:
                raise self.fail(f"{name} is missing.")
            return ""
        if not isinstance(value, str):
            raise self.fail(f"{name} must be text, found {_describe(value)}.")
        if required and not value.strip():
            raise self.fail(f"{name} must not be empty.")
        if "\x00" in value:
            raise self.fail(f"{name} contains a NUL character.")
        limit = self._rule(name).max_length
        if limit is not None and len(value) > limit:
            raise self.fail(f"{name} is longer than {limit} characters.")
        return value

    def choice(self, name: str) -> str:
        rule = self._rule(name)
        value = self._data.get(name)
        if value is None:
            if rule.default is None:
                raise self.fail(f"{name} is missing.")
            return rule.default
        if not isinstance(value, str):
            raise self.fail(f"{name} must be text, found {_describe(value)}.")
        if value == "" and rule.blank:
            return value
        if rule.choices and value not in rule.choices:
            raise self.fail(
                f"{name} {_show(value)} is not one of {_choices_text(rule.choices)}."
            )
        return value

    def required_date(self, name: str) -> date:
        value = self.optional_date(name)
        if value is None:
            raise self.fail(f"{name} is missing.")
        return value

    def optional_date(self, name: str) -> date | None:
        value = self._data.get(name)
        if value is None:
            return None
        parsed = parse_date(value)
        if parsed is None:
            raise self.fail(f"{name} {_show(value)} is not a date like 2026-06-15.")
        return parsed

    def optional_datetime(self, name: str) -> datetime | None:
        value = self._data.get(name)
        if value is None:
            return None
        parsed = parse_datetime(value)
        if parsed is None:
            raise self.fail(
                f"{name} {_show(value)} is not a date-time with a UTC offset "
                "like 2026-06-15T09:30:00+00:00."
            )
        return parsed

    def uid(self, name: str) -> uuid.UUID:
        value = self.optional_uid(name)
        if value is None:
            raise self.fail(f"{name} is missing.")
        return value

    def optional_uid(self, name: str) -> uuid.UUID | None:
        value = self._data.get(name)
        if value is None:
            return None
        parsed = parse_uid(value)
        if parsed is None:
            raise self.fail(f"{name} {_show(value)} is not a uid (a UUID).")
        return parsed

    def flag(self, name: str) -> bool:
        value = self._data.get(name)
        if value is None:
            return False
        if not isinstance(value, bool):
            raise self.fail(f"{name} must be true or false, found {_describe(value)}.")
        return value

    def number(self, name: str, *, low: int, high: int) -> int | None:
        value = self._data.get(name)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(f"{name} must be a whole number, found {_describe(value)}.")
        if not low <= value <= high:
            raise self.fail(f"{name} {value} is not between {low} and {high}.")
        return value

    def items(self, name: str) -> list[tuple[str, object]]:
        """The elements of a list field with their paths; [] when it is absent."""
        value = self._data.get(name)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(f"{name} must be a list, found {_describe(value)}.")
        return [(f"{self.where}.{name}[{i}]", item) for i, item in enumerate(value)]

    def children(self, name: str, table: str) -> list["_Reader"]:
        """Readers for the objects in a list field; [] when it is absent."""
        return [
            _Reader(value, where, table, self._rules)
            for where, value in self.items(name)
        ]


def _show(value: object) -> str:
    """A bad value as an error message quotes it: short, escaped, never a whole list."""
    if isinstance(value, list | Mapping):
        return _describe(value)
    if not isinstance(value, str):
        return json.dumps(value)
    return repr(value if len(value) <= 60 else value[:57] + "...")


class _Seen:
    """Remembers where each key was first seen, to report duplicates."""

    __slots__ = ("_first",)

    def __init__(self) -> None:
        self._first: dict[object, str] = {}

    def earlier(self, key: object, where: str) -> str | None:
        """Where `key` was seen before, or None (and remember it is seen here)."""
        first = self._first.setdefault(key, where)
        return None if first == where else first

    def unique_uid(self, uid: uuid.UUID, where: str) -> None:
        if first := self.earlier(uid, where):
            raise DocumentError(where, f"uid {uid} appears twice (also at {first}).")


# Reading a whole document.


def check_header(document: object) -> Mapping[str, object]:
    """Check that this is a netlife export of a version this code reads."""
    if not isinstance(document, Mapping):
        raise DocumentError(
            "",
            "The file is not a netlife export: "
            f"it holds {_describe(document)}, not an object.",
        )
    kind = document.get("format")
    if kind != FORMAT:
        found = "no format" if kind is None else f"format {_show(kind)}"
        raise DocumentError(
            "",
            f"The file is not a netlife export: it has {found}, not format 'netlife'.",
        )
    version = document.get("version")
    if version != VERSION or isinstance(version, bool):
        raise DocumentError(
            "",
            f"The file is a netlife export of version {_show(version)}, "
            f"and this netlife reads version {VERSION} only.",
        )
    return document


def count_records(document: object) -> int:
    """How many records a document holds, events included (for progress bars)."""
    if not isinstance(document, Mapping):
        return 0
    sections = [v for k in SECTIONS if isinstance(v := document.get(k), list)]
    people = document.get("people")
    events = [
        person.get("events")
        for person in (people if isinstance(people, list) else [])
        if isinstance(person, Mapping)
    ]
    return sum(map(len, sections)) + sum(len(e) for e in events if isinstance(e, list))


def parse_document(document: object, rules: Rules) -> ParsedDocument:
    """Validate a decoded JSON document and return its records.

    Checks the header, every field's type, length and allowed values, dates,
    and the document's own consistency (no uid twice, no organization twice
    under two spellings, one active goal at most). References to uids are
    checked for form only: whether they exist is for the caller to decide,
    since they may point at the network the document is imported into.
    Raises DocumentError naming the first bad place.
    """
    top = check_header(document)
    network_value = top.get("network")
    network = (
        None
        if network_value is None
        else _network(_Reader(network_value, "network", "network", rules))
    )

    def readers(name: str, table: str) -> list[_Reader]:
        return [
            _Reader(value, where, table, rules) for where, value in _section(top, name)
        ]

    return ParsedDocument(
        network=network,
        organizations=_organizations(readers("organizations", "organization")),
        people=_people(readers("people", "person"), rules),
        interactions=_unique(
            [_interaction(r) for r in readers("interactions", "interaction")]
        ),
        ties=_ties(readers("ties", "tie")),
        introductions=_unique(
            [_introduction(r) for r in readers("introductions", "introduction")]
        ),
        goals=_goals(readers("goals", "goal")),
        leads=_unique([_lead(r) for r in readers("leads", "lead")]),
    )


def _section(top: Mapping[str, object], name: str) -> list[tuple[str, object]]:
    value = top.get(name)
    if value is None:
        return []
    if not isinstance(value, list):
        raise DocumentError(name, f"must be a list, found {_describe(value)}.")
    return [(f"{name}[{i}]", item) for i, item in enumerate(value)]


_WithUid = TypeVar("_WithUid", InteractionRecord, IntroductionRecord, LeadRecord)


def _unique(pairs: list[tuple[str, _WithUid]]) -> tuple[_WithUid, ...]:
    seen = _Seen()
    for where, record in pairs:
        seen.unique_uid(record.uid, where)
    return tuple(record for _, record in pairs)


def _network(r: _Reader) -> NetworkRecord:
    timezone = r.text("timezone") or "UTC"
    try:
        zoneinfo.ZoneInfo(timezone)
    except (ValueError, OSError, zoneinfo.ZoneInfoNotFoundError):
        raise r.fail(f"timezone {_show(timezone)} is not a known time zone.") from None
    return NetworkRecord(name=r.text("name"), timezone=timezone)


def _organizations(readers: list[_Reader]) -> tuple[OrganizationRecord, ...]:
    uids, names = _Seen(), _Seen()
    records = []
    for r in readers:
        record = OrganizationRecord(
            uid=r.uid("uid"),
            name=r.text("name", required=True),
            domain=r.text("domain"),
            industry=r.text("industry"),
        )
        uids.unique_uid(record.uid, r.where)
        if first := names.earlier(organization_key(record.name), r.where):
            raise r.fail(f"{_show(record.name)} is the same organization as {first}.")
        records.append(record)
    return tuple(records)


def _people(readers: list[_Reader], rules: Rules) -> tuple[PersonRecord, ...]:
    uids, event_uids, source_ids = _Seen(), _Seen(), _Seen()
    records = []
    for r in readers:
        uid = r.uid("uid")
        uids.unique_uid(uid, r.where)
        sources = []
        for sid in r.children("source_ids", "source_id"):
            source = SourceIdRecord(
                source=sid.text("source", required=True),
                value=sid.text("value", required=True),
            )
            if first := source_ids.earlier((source.source, source.value), sid.where):
                shown = _show(source.value)
                raise sid.fail(f"{source.source} id {shown} is also given at {first}.")
            sources.append(source)
        events = []
        for ev in r.children("events", "event"):
            event = _event(ev)
            event_uids.unique_uid(event.uid, ev.where)
            events.append(event)
        records.append(
            PersonRecord(
                uid=uid,
                full_name=r.text("full_name", required=True),
                given_name=r.text("given_name"),
                family_name=r.text("family_name"),
                kind=r.choice("kind"),
                organization=r.optional_uid("organization"),
                title=r.text("title"),
                location=r.text("location"),
                how_met=r.text("how_met"),
                met_on=r.optional_date("met_on"),
                birthday_month=r.number("birthday_month", low=1, high=12),
                birthday_day=r.number("birthday_day", low=1, high=31),
                birthday_year=r.number("birthday_year", low=1, high=9999),
                notes=r.text("notes"),
                tier=r.choice("tier"),
                cadence_days=r.number(
                    "cadence_days", low=MIN_CADENCE_DAYS, high=MAX_CADENCE_DAYS
                ),
                snoozed_until=r.optional_date("snoozed_until"),
                archived=r.flag("archived"),
                created_at=r.optional_datetime("created_at"),
                updated_at=r.optional_datetime("updated_at"),
                tags=_tags(r, rules),
                contact_methods=_contact_methods(r),
                source_ids=tuple(sources),
                events=tuple(sorted(events, key=lambda e: (e.occurred_on, e.uid))),
            )
        )
    return tuple(records)


def _tags(r: _Reader, rules: Rules) -> tuple[str, ...]:
    limit = rules.get("tag.name", FieldRule()).max_length
    seen = _Seen()
    for where, tag in r.items("tags"):
        if not isinstance(tag, str) or not tag.strip():
            raise DocumentError(
                where, f"a tag must be non-empty text, found {_describe(tag)}."
            )
        if "\x00" in tag:
            raise DocumentError(where, "the tag contains a NUL character.")
        if limit is not None and len(tag) > limit:
            raise DocumentError(where, f"the tag is longer than {limit} characters.")
        if first := seen.earlier(tag, where):
            raise DocumentError(
                where, f"tag {_show(tag)} is listed twice (also at {first})."
            )
    return tuple(sorted(str(tag) for _, tag in r.items("tags")))


def _contact_methods(r: _Reader) -> tuple[ContactMethodRecord, ...]:
    seen = _Seen()
    methods = []
    for cm in r.children("contact_methods", "contact_method"):
        method = ContactMethodRecord(
            kind=cm.choice("kind"),
            label=cm.text("label"),
            value=cm.text("value", required=True),
            is_primary=cm.flag("is_primary"),
        )
        if first := seen.earlier(
            (method.kind, contact_key(method.kind, method.value)), cm.where
        ):
            raise cm.fail(f"the same {method.kind} is listed twice (also at {first}).")
        methods.append(method)
    return tuple(methods)


def _event(r: _Reader) -> EventRecord:
    return EventRecord(
        uid=r.uid("uid"),
        kind=r.choice("kind"),
        occurred_on=r.required_date("occurred_on"),
        summary=r.text("summary"),
        previous=r.text("previous"),
        current=r.text("current"),
        source=r.text("source"),
        created_at=r.optional_datetime("created_at"),
    )


def _interaction(r: _Reader) -> tuple[str, InteractionRecord]:
    seen = _Seen()
    people = []
    for where, value in r.items("people"):
        uid = parse_uid(value)
        if uid is None:
            raise DocumentError(where, f"{_show(value)} is not the uid of a person.")
        if first := seen.earlier(uid, where):
            raise DocumentError(
                where, f"the same person is listed twice (also at {first})."
            )
        people.append(uid)
    return r.where, InteractionRecord(
        uid=r.uid("uid"),
        occurred_on=r.required_date("occurred_on"),
        occurred_at=r.optional_datetime("occurred_at"),
        channel=r.choice("channel"),
        intent=r.choice("intent"),
        initiated_by=r.choice("initiated_by"),
        summary=r.text("summary"),
        follow_up_on=r.optional_date("follow_up_on"),
        follow_up_intent=r.choice("follow_up_intent"),
        shared_goal=r.flag("shared_goal"),
        source=r.text("source"),
        created_at=r.optional_datetime("created_at"),
        people=tuple(sorted(people)),
    )


def _ties(readers: list[_Reader]) -> tuple[TieRecord, ...]:
    uids, pairs = _Seen(), _Seen()
    records = []
    for r in readers:
        a, b = r.uid("person_a"), r.uid("person_b")
        if a == b:
            raise r.fail("a person cannot have a tie with themselves.")
        low, high = sorted((a, b))
        record = TieRecord(
            uid=r.uid("uid"),
            person_a=low,
            person_b=high,
            strength=r.choice("strength"),
            how=r.text("how"),
            source=r.text("source"),
            archived=r.flag("archived"),
            created_at=r.optional_datetime("created_at"),
        )
        uids.unique_uid(record.uid, r.where)
        if first := pairs.earlier((low, high), r.where):
            raise r.fail(f"the same two people already have a tie at {first}.")
        records.append(record)
    return tuple(records)


def _introduction(r: _Reader) -> tuple[str, IntroductionRecord]:
    return r.where, IntroductionRecord(
        uid=r.uid("uid"),
        introducer=r.uid("introducer"),
        introduced=r.uid("introduced"),
        introduced_to=r.optional_uid("introduced_to"),
        introduced_on=r.required_date("introduced_on"),
        outcome=r.text("outcome"),
        created_at=r.optional_datetime("created_at"),
    )


def _goals(readers: list[_Reader]) -> tuple[GoalRecord, ...]:
    uids = _Seen()
    active: str | None = None
    records = []
    for r in readers:
        awareness = []
        people = _Seen()
        for aw in r.children("awareness", "awareness"):
            record = AwarenessRecord(
                person=aw.uid("person"),
                since=aw.required_date("since"),
                how=aw.choice("how"),
            )
            if first := people.earlier(record.person, aw.where):
                raise aw.fail(f"the same person is listed twice (also at {first}).")
            awareness.append(record)
        goal = GoalRecord(
            uid=r.uid("uid"),
            text=r.text("text", required=True),
            status=r.choice("status"),
            started_on=r.required_date("started_on"),
            done_on=r.optional_date("done_on"),
            awareness=tuple(sorted(awareness, key=lambda a: a.person)),
        )
        uids.unique_uid(goal.uid, r.where)
        if goal.status == ACTIVE_GOAL:
            if active is not None:
                raise r.fail(
                    f"only one goal can be active, and {active} is active too."
                )
            active = r.where
        records.append(goal)
    return tuple(records)


def _lead(r: _Reader) -> tuple[str, LeadRecord]:
    changes = [
        StageChangeRecord(
            stage=change.choice("stage"), changed_on=change.required_date("changed_on")
        )
        for change in r.children("stage_changes", "stage_change")
    ]
    credits = []
    people = _Seen()
    for credit in r.children("credits", "credit"):
        record = CreditRecord(person=credit.uid("person"), role=credit.choice("role"))
        if first := people.earlier(record.person, credit.where):
            raise credit.fail(f"the same person is credited twice (also at {first}).")
        credits.append(record)
    return r.where, LeadRecord(
        uid=r.uid("uid"),
        title=r.text("title", required=True),
        organization=r.optional_uid("organization"),
        stage=r.choice("stage"),
        notes=r.text("notes"),
        source_interaction=r.optional_uid("source_interaction"),
        created_on=r.required_date("created_on"),
        # sorted() is stable: changes on the same day keep the file's order.
        stage_changes=tuple(sorted(changes, key=lambda c: c.changed_on)),
        credits=tuple(sorted(credits, key=lambda c: c.person)),
    )


# Writing.


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


_PLAIN = (str, bool, int, float, type(None))


def _json_value(value: object) -> object:
    # Plain values first: they are most of a document, and this runs for
    # every field of millions of records.
    if isinstance(value, _PLAIN):
        return value
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_json_value(item) for item in value]
    return to_json(value)


def to_json(record: object) -> dict[str, object]:
    """A record as a JSON object: keys in field order, dates ISO, uids as text."""
    cls = type(record)
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(record))  # type: ignore[arg-type]  # every record is a dataclass
    return {name: _json_value(getattr(record, name)) for name in names}


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def write_document(
    out: TextIO,
    *,
    exported_at: datetime,
    network: NetworkRecord,
    sections: Iterable[tuple[str, Iterable[Record]]],
) -> dict[str, int]:
    """Write one document to `out`, a record per line, as the records arrive.

    Nothing is held in memory beyond one record, so a network of millions of
    interactions streams straight to the file. Returns the count per section.
    """
    out.write("{")
    out.write(f'"format": {_dumps(FORMAT)}, "version": {VERSION}, ')
    out.write(f'"exported_at": {_dumps(_json_value(exported_at))},\n')
    out.write(f'"network": {_dumps(to_json(network))}')
    counts: dict[str, int] = {}
    for name, records in sections:
        out.write(f",\n{_dumps(name)}: [")
        count = 0
        for record in records:
            out.write("\n" if count == 0 else ",\n")
            out.write(_dumps(to_json(record)))
            count += 1
        out.write("\n]" if count else "]")
        counts[name] = count
    out.write("\n}\n")
    return counts
