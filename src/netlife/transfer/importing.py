"""The engine behind `import_network`: plan by uid, then write in bulk.

The importer loads the network's existing uids per table in a few queries,
decides for every object of the file whether it is created, updated,
unchanged or merged, and then writes each table with bulk statements.
"""

import dataclasses
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any, Generic, Protocol, TypeVar
from uuid import UUID

from django.db import connections, models, router

from netlife.core import clock
from netlife.core.errors import ImportFailed
from netlife.core.progress import Advance
from netlife.engines.contact_values import organization_key
from netlife.formats.json_dump import (
    ACTIVE_GOAL,
    EventRecord,
    FieldRule,
    GoalRecord,
    InteractionRecord,
    IntroductionRecord,
    LeadRecord,
    OrganizationRecord,
    ParsedDocument,
    PersonRecord,
    TieRecord,
    contact_key,
)
from netlife.goals.models import Goal, GoalAwareness
from netlife.interactions.models import Interaction, Participation
from netlife.leads.models import Lead, LeadCredit, LeadStageChange
from netlife.networks.models import Network
from netlife.people.models import (
    ContactMethod,
    Organization,
    Person,
    PersonEvent,
    SourceId,
    Tag,
)
from netlife.ties.models import Introduction, Tie
from netlife.transfer import queries

KINDS = (
    "network",
    "organizations",
    "people",
    "events",
    "interactions",
    "ties",
    "introductions",
    "goals",
    "leads",
)
"""The kinds an import result counts; child rows count as part of their parent."""

# Rows per `uid IN (...)` lookup and per bulk write: below SQLite's 999
# parameters per statement, and large enough that a million rows take a
# couple of thousand statements.
_CHUNK = 500


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import did (or, for a dry run, would do), counted per kind.

    Every object in the file is counted once, under one of: created (its uid
    was new to the network), updated (it existed with other values),
    unchanged, or merged (its uid was new, but the network already had the
    same organization by name or the same tie by pair; that row took the
    file's uid and values). Contact methods, tags, source ids, participants,
    goal awareness, lead stage changes and credits are part of their parent:
    a person whose email changed counts as one updated person.
    """

    created: Mapping[str, int]
    updated: Mapping[str, int]
    unchanged: Mapping[str, int]
    merged: Mapping[str, int]
    review: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()
    dry_run: bool = False

    @property
    def changed(self) -> bool:
        """True when the import wrote (or would write) anything."""
        return any(
            sum(counts.values()) for counts in (self.created, self.updated, self.merged)
        )

    def to_json(self) -> dict[str, object]:
        """The result as the CLI's and API's JSON document (DESIGN §6)."""
        return {
            "created": dict(self.created),
            "updated": dict(self.updated),
            "unchanged": dict(self.unchanged),
            "merged": dict(self.merged),
            "review": list(self.review),
            "errors": list(self.errors),
            "dry_run": self.dry_run,
        }


@cache
def field_rules() -> dict[str, FieldRule]:
    """Maximum lengths, allowed values and defaults, read from the models.

    Keyed "table.field" as `netlife.formats.json_dump` expects, so the file
    format accepts exactly what the database can hold.
    """
    tables: dict[str, type[models.Model]] = {
        "network": Network,
        "organization": Organization,
        "person": Person,
        "tag": Tag,
        "contact_method": ContactMethod,
        "source_id": SourceId,
        "event": PersonEvent,
        "interaction": Interaction,
        "tie": Tie,
        "introduction": Introduction,
        "goal": Goal,
        "awareness": GoalAwareness,
        "lead": Lead,
        "stage_change": LeadStageChange,
        "credit": LeadCredit,
    }
    rules = {}
    for table, model in tables.items():
        for field in model._meta.concrete_fields:
            choices = tuple(str(value) for value, _ in field.flatchoices or ())
            # What a missing value means: the model's default, "" for an
            # optional field, and nothing (it is required) otherwise.
            default = (
                field.get_default()
                if field.has_default()
                else ""
                if field.blank
                else None
            )
            rules[f"{table}.{field.name}"] = FieldRule(
                max_length=field.max_length,
                choices=choices,
                default=None if default is None else str(default),
                blank=field.blank,
            )
    return rules


class _WithUid(Protocol):
    @property
    def uid(self) -> UUID: ...


_R = TypeVar("_R", bound=_WithUid)
_M = TypeVar("_M", bound=models.Model)
_T = TypeVar("_T")
_K = TypeVar("_K")


@dataclass(frozen=True, slots=True)
class _Change(Generic[_R]):
    """An existing row (by id) that the file changes from `old` to `new`."""

    id: int
    new: _R
    old: _R


@dataclass(slots=True)
class _Plan(Generic[_R]):
    """What to do with one kind of record."""

    create: list[_R] = dataclasses.field(default_factory=list)
    update: list[_Change[_R]] = dataclasses.field(default_factory=list)
    merge: list[_Change[_R]] = dataclasses.field(default_factory=list)
    unchanged: int = 0
    # uid → id of every record of the file that is already in the network.
    ids: dict[UUID, int] = dataclasses.field(default_factory=dict)

    @property
    def changes(self) -> list[_Change[_R]]:
        return self.update + self.merge


def _chunks(items: Sequence[_T], size: int = _CHUNK) -> Iterator[Sequence[_T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _existing_ids(
    model: type[models.Model], network: Network, uids: Iterable[UUID]
) -> dict[UUID, int]:
    """uid → id of the network's rows among these uids, one query per chunk."""
    found: dict[UUID, int] = {}
    for chunk in _chunks(list(uids)):
        rows = model._default_manager.filter(network=network, uid__in=chunk)
        found.update(rows.values_list("uid", "id"))
    return found


def _ids(rows: Sequence[Any]) -> dict[UUID, int]:
    """uid → id of rows just inserted (both supported databases return ids)."""
    return {row.uid: _pk(row) for row in rows}


def _pk(row: models.Model) -> int:
    assert isinstance(row.pk, int), "the database did not return the new row's id"
    return row.pk


def _restore_timestamps(
    model: type[_M], rows: Sequence[_M], records: Sequence[object], fields: list[str]
) -> None:
    """Put the file's timestamps back on rows that bulk_create just inserted.

    bulk_create lets auto_now_add and auto_now stamp "now", which would make
    every imported person look created today and break export → import →
    export. One parameterized UPDATE per row through executemany is many
    times faster than bulk_update's CASE expressions, which dominated the
    import's time.
    """
    if not fields:
        return
    by_name = {field.name: field for field in model._meta.concrete_fields}
    columns = [by_name[name] for name in fields]
    connection = connections[router.db_for_write(model)]
    params = []
    for row, record in zip(rows, records, strict=True):
        values = [getattr(record, name) for name in fields]
        if all(value is None for value in values):
            continue
        for column, value in zip(columns, values, strict=True):
            if value is not None:
                setattr(row, column.attname, value)
        params.append(
            [
                column.get_db_prep_save(getattr(row, column.attname), connection)
                for column in columns
            ]
            + [row.pk]
        )
    if not params:
        return
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(column.column)} = %s" for column in columns)
    table, key = quote(model._meta.db_table), quote(by_name["id"].column)
    # Identifiers come from the model's metadata; every value is a parameter.
    sql = f"UPDATE {table} SET {assignments} WHERE {key} = %s"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _with_timestamps_of(new: _R, old: _R, now: datetime) -> _R:
    """A record from a file that may leave timestamps out, against the row it updates.

    A missing created_at keeps the row's; a missing updated_at keeps it too,
    unless something else changed, in which case the row was updated now.
    """
    kept = {
        name: getattr(old, name)
        for name in ("created_at", "updated_at")
        if hasattr(new, name) and getattr(new, name) is None
    }
    if not kept:
        return new
    filled = dataclasses.replace(new, **kept)  # type: ignore[type-var]  # records are dataclasses
    if "updated_at" in kept and filled != old:
        return dataclasses.replace(filled, updated_at=now)  # type: ignore[type-var]  # as above
    return filled


_PERSON_FIELDS = [
    "uid",
    "full_name",
    "given_name",
    "family_name",
    "kind",
    "organization",
    "title",
    "location",
    "how_met",
    "met_on",
    "birthday_month",
    "birthday_day",
    "birthday_year",
    "notes",
    "tier",
    "cadence_days",
    "snoozed_until",
    "archived",
    "created_at",
    "updated_at",
]
_EVENT_FIELDS = [
    "person",
    "kind",
    "occurred_on",
    "summary",
    "previous",
    "current",
    "source",
    "created_at",
]
_INTERACTION_FIELDS = [
    "occurred_on",
    "occurred_at",
    "channel",
    "intent",
    "initiated_by",
    "summary",
    "follow_up_on",
    "follow_up_intent",
    "shared_goal",
    "source",
    "created_at",
]
_TIE_FIELDS = [
    "uid",
    "person_a",
    "person_b",
    "strength",
    "how",
    "source",
    "archived",
    "created_at",
]
_INTRODUCTION_FIELDS = [
    "introducer",
    "introduced",
    "introduced_to",
    "introduced_on",
    "outcome",
    "created_at",
]
_GOAL_FIELDS = ["text", "status", "started_on", "done_on"]
_LEAD_FIELDS = [
    "title",
    "organization",
    "stage",
    "notes",
    "source_interaction",
    "created_on",
]


@dataclass(frozen=True, slots=True)
class _OwnedEvent:
    """An event with the uid of the person it belongs to."""

    person: UUID
    event: EventRecord

    @property
    def uid(self) -> UUID:
        return self.event.uid


_Pair = tuple[_R, _R | None]
"""A record to write and the row's current value (None for a new row)."""
_Reference = tuple[tuple[str, int], str, UUID | None]
"""Where a uid is referred to ((section, index), field) and the uid."""


class NetworkImporter:
    def __init__(
        self, network: Network, parsed: ParsedDocument, advance: Advance
    ) -> None:
        self.network = network
        self.doc = parsed
        self.advance = advance
        self.now = clock.now()
        self.created: Counter[str] = Counter()
        self.updated: Counter[str] = Counter()
        self.unchanged: Counter[str] = Counter()
        self.merged: Counter[str] = Counter()
        # uid → id of every row the file writes or refers to, filled as the
        # import goes so later kinds can point at earlier ones.
        self.organization_ids: dict[UUID, int] = {}
        self.person_ids: dict[UUID, int] = {}
        self.interaction_ids: dict[UUID, int] = {}

    def result(self, *, dry_run: bool) -> ImportResult:
        def per_kind(counter: Counter[str]) -> dict[str, int]:
            return {kind: counter[kind] for kind in KINDS}

        return ImportResult(
            created=per_kind(self.created),
            updated=per_kind(self.updated),
            unchanged=per_kind(self.unchanged),
            merged=per_kind(self.merged),
            dry_run=dry_run,
        )

    # Planning: reads only, so a problem found here has written nothing.

    def plan(self) -> None:
        doc, network = self.doc, self.network
        self._check_references()
        self.organizations = self._plan_organizations()
        self.people = self._diff(
            "people",
            Person,
            # Events are compared one by one, as records of their own.
            [dataclasses.replace(p, events=()) for p in doc.people],
            lambda ids: queries.people_records(network, ids=ids, with_events=False),
        )
        self._check_source_ids()
        self.events = self._plan_events()
        self.interactions = self._diff(
            "interactions",
            Interaction,
            doc.interactions,
            lambda ids: queries.interaction_records(network, ids=ids),
        )
        self.ties = self._plan_ties()
        self.introductions = self._diff(
            "introductions",
            Introduction,
            doc.introductions,
            lambda ids: queries.introduction_records(network, ids=ids),
        )
        self.goals = self._diff(
            "goals", Goal, doc.goals, lambda ids: queries.goal_records(network, ids=ids)
        )
        self._check_active_goal()
        self.leads = self._diff(
            "leads", Lead, doc.leads, lambda ids: queries.lead_records(network, ids=ids)
        )

    def _diff(
        self,
        kind: str,
        model: type[models.Model],
        records: Sequence[_R],
        load: Callable[[Sequence[int]], Iterable[_R]],
        fill: Callable[[_R, _R], _R] | None = None,
    ) -> _Plan[_R]:
        """Split records into new ones, changed ones and unchanged ones.

        `load` reads the current records of rows by id; `fill` completes a
        file record from the row's (timestamps a file may leave out).
        """
        plan: _Plan[_R] = _Plan()
        plan.ids = _existing_ids(model, self.network, (r.uid for r in records))
        plan.create = [r for r in records if r.uid not in plan.ids]
        present = [r for r in records if r.uid in plan.ids]
        for chunk in _chunks(present):
            current = {row.uid: row for row in load([plan.ids[r.uid] for r in chunk])}
            unchanged = 0
            for record in chunk:
                old = current[record.uid]
                new = (
                    fill(record, old)
                    if fill
                    else _with_timestamps_of(record, old, self.now)
                )
                if new == old:
                    unchanged += 1
                else:
                    plan.update.append(_Change(plan.ids[record.uid], new, old))
            plan.unchanged += unchanged
            self.advance(unchanged)
        self.unchanged[kind] += plan.unchanged
        return plan

    def _check_references(self) -> None:
        """Every uid the file refers to is in the file or already in the network."""
        doc = self.doc
        self.organization_ids = self._resolve(
            Organization, {o.uid for o in doc.organizations}, self._organization_refs
        )
        self.person_ids = self._resolve(
            Person, {p.uid for p in doc.people}, self._person_refs
        )
        self.interaction_ids = self._resolve(
            Interaction, {x.uid for x in doc.interactions}, self._interaction_refs
        )

    # Each yields (place, field, uid) for every reference of one kind; the
    # place is formatted only when it names an error.

    def _organization_refs(self) -> Iterator[_Reference]:
        for i, person in enumerate(self.doc.people):
            yield ("people", i), "organization", person.organization
        for i, lead in enumerate(self.doc.leads):
            yield ("leads", i), "organization", lead.organization

    def _person_refs(self) -> Iterator[_Reference]:
        doc = self.doc
        for i, interaction in enumerate(doc.interactions):
            for uid in interaction.people:
                yield ("interactions", i), "people", uid
        for i, tie in enumerate(doc.ties):
            yield ("ties", i), "person_a", tie.person_a
            yield ("ties", i), "person_b", tie.person_b
        for i, intro in enumerate(doc.introductions):
            yield ("introductions", i), "introducer", intro.introducer
            yield ("introductions", i), "introduced", intro.introduced
            yield ("introductions", i), "introduced_to", intro.introduced_to
        for i, goal in enumerate(doc.goals):
            for awareness in goal.awareness:
                yield ("goals", i), "awareness", awareness.person
        for i, lead in enumerate(doc.leads):
            for credit in lead.credits:
                yield ("leads", i), "credits", credit.person

    def _interaction_refs(self) -> Iterator[_Reference]:
        for i, lead in enumerate(self.doc.leads):
            yield ("leads", i), "source_interaction", lead.source_interaction

    def _resolve(
        self,
        model: type[models.Model],
        in_file: set[UUID],
        references: Callable[[], Iterator[_Reference]],
    ) -> dict[UUID, int]:
        """uid → id of the referenced rows that only the network holds."""
        outside = {
            uid for _, _, uid in references() if uid is not None and uid not in in_file
        }
        found = _existing_ids(model, self.network, outside)
        if len(found) < len(outside):
            for (section, i), field, uid in references():
                if uid is not None and uid not in in_file and uid not in found:
                    what = model._meta.verbose_name
                    raise ImportFailed(
                        f"{section}[{i}]: {field} refers to {what} {uid}, which is "
                        "neither in the file nor in this network."
                    )
        return found

    def _plan_organizations(self) -> _Plan[OrganizationRecord]:
        """Match organizations by uid, else by normalized name (a merge)."""
        rows = Organization.objects.filter(network=self.network).values_list(
            "id", "uid", "normalized_name"
        )
        return self._match(
            "organizations",
            self.doc.organizations,
            list(rows),
            lambda record: organization_key(record.name),
            lambda ids: queries.organization_records(self.network, ids=ids),
            lambda i, record, holder: (
                f"organizations[{i}]: {record.name!r} is already the name of "
                f"another organization in this network ({holder})."
            ),
        )

    def _match(
        self,
        kind: str,
        records: Sequence[_R],
        rows: Sequence[tuple[int, UUID, _K]],
        key: Callable[[_R], _K],
        load: Callable[[Sequence[int]], Iterable[_R]],
        clash: Callable[[int, _R, UUID], str],
    ) -> _Plan[_R]:
        """Like _diff, for rows that are also unique by a natural key.

        `rows` are the network's (id, uid, key). A record whose uid is new
        but whose key a row already has is that row (a merge: the row takes
        the file's uid and values), unless the file claims that row by uid
        for another record. Raises ImportFailed, via `clash`, when a record's
        key would end up on two rows.
        """
        by_uid = {uid: pk for pk, uid, _ in rows}
        by_key = {k: (pk, uid) for pk, uid, k in rows}
        uid_of = {pk: uid for pk, uid, _ in rows}
        claimed = {r.uid for r in records if r.uid in by_uid}
        plan: _Plan[_R] = _Plan()
        targets: list[tuple[int, _R, bool]] = []  # (row id, record, merged)
        for record in records:
            holder = by_key.get(key(record))
            if record.uid in by_uid:
                targets.append((by_uid[record.uid], record, False))
            elif holder is not None and holder[1] not in claimed:
                targets.append((holder[0], record, True))
            else:
                plan.create.append(record)
        plan.ids = {record.uid: pk for pk, record, _ in targets}
        written = set(plan.ids.values())
        for i, record in enumerate(records):
            holder = by_key.get(key(record))
            if holder is not None and holder[0] not in written:
                raise ImportFailed(clash(i, record, holder[1]))
        for chunk in _chunks(targets):
            current = {r.uid: r for r in load([pk for pk, _, _ in chunk])}
            for pk, record, merged in chunk:
                old = current[uid_of[pk]]
                new = _with_timestamps_of(record, old, self.now)
                if merged:
                    plan.merge.append(_Change(pk, new, old))
                elif new == old:
                    plan.unchanged += 1
                else:
                    plan.update.append(_Change(pk, new, old))
        self.unchanged[kind] += plan.unchanged
        self.advance(plan.unchanged)
        return plan

    def _check_source_ids(self) -> None:
        """No source id of the file may belong to a person the file leaves alone."""
        in_file = {p.uid for p in self.doc.people}
        wanted = {
            (s.source, s.value): i
            for i, p in enumerate(self.doc.people)
            for s in p.source_ids
        }
        values = sorted({value for _, value in wanted})
        for chunk in _chunks(values):
            rows = SourceId.objects.filter(
                network=self.network, value__in=chunk
            ).values_list("source", "value", "person__uid", "person__full_name")
            for source, value, owner, name in rows:
                if (source, value) in wanted and owner not in in_file:
                    raise ImportFailed(
                        f"people[{wanted[source, value]}]: {source} id {value!r} "
                        f"already belongs to {name} in this network."
                    )

    def _plan_events(self) -> _Plan["_OwnedEvent"]:
        """Events are matched by uid on their own; moving one to another person
        is a change like any other."""
        network = self.network
        events = [_OwnedEvent(p.uid, e) for p in self.doc.people for e in p.events]

        def load(ids: Sequence[int]) -> Iterator[_OwnedEvent]:
            return (
                _OwnedEvent(*pair) for pair in queries.event_records(network, ids=ids)
            )

        def fill(new: _OwnedEvent, old: _OwnedEvent) -> _OwnedEvent:
            return _OwnedEvent(
                new.person, _with_timestamps_of(new.event, old.event, self.now)
            )

        return self._diff("events", PersonEvent, events, load, fill)

    def _plan_ties(self) -> _Plan[TieRecord]:
        """Match ties by uid, else by the pair of people (a merge)."""
        rows = Tie.objects.filter(network=self.network).values_list(
            "id", "uid", "person_a__uid", "person_b__uid"
        )
        return self._match(
            "ties",
            self.doc.ties,
            [(pk, uid, (min(a, b), max(a, b))) for pk, uid, a, b in rows],
            lambda record: (record.person_a, record.person_b),
            lambda ids: queries.tie_records(self.network, ids=ids),
            lambda i, _, holder: (
                f"ties[{i}]: these two people already have another tie in this "
                f"network ({holder})."
            ),
        )

    def _check_active_goal(self) -> None:
        """A network has one active goal at most, after the import too."""
        active = [i for i, g in enumerate(self.doc.goals) if g.status == ACTIVE_GOAL]
        if not active:
            return
        other = (
            Goal.objects.filter(network=self.network, status=ACTIVE_GOAL)
            .exclude(uid__in=[g.uid for g in self.doc.goals])
            .values_list("text", flat=True)
            .first()
        )
        if other is not None:
            raise ImportFailed(
                f"goals[{active[0]}]: this goal is active, and so is this network's "
                f"goal {other!r}; mark that one done first."
            )

    # Writing.

    def apply(self) -> None:
        self._apply_network()
        self._apply_organizations()
        self._apply_people()
        self._apply_events()
        self._apply_interactions()
        self._apply_ties()
        self._apply_introductions()
        self._apply_goals()
        self._apply_leads()

    def _counted(self, kind: str, plan: _Plan[Any]) -> None:
        self.created[kind] += len(plan.create)
        self.updated[kind] += len(plan.update)
        self.merged[kind] += len(plan.merge)
        self.advance(len(plan.update) + len(plan.merge))

    def _create(
        self,
        model: type[_M],
        records: Sequence[_R],
        build: Callable[[_R], _M],
        timestamps: list[str],
    ) -> list[_M]:
        """Insert rows for new records in batches, keeping the file's timestamps."""
        created: list[_M] = []
        for chunk in _chunks(records):
            rows = model._default_manager.bulk_create([build(r) for r in chunk])
            _restore_timestamps(model, rows, chunk, timestamps)
            created += rows
            self.advance(len(chunk))
        return created

    def _apply_network(self) -> None:
        record = self.doc.network
        if record is None:
            return
        if self.network.timezone == record.timezone:
            self.unchanged["network"] += 1
            return
        Network.objects.filter(pk=self.network.pk).update(timezone=record.timezone)
        self.updated["network"] += 1

    def _apply_organizations(self) -> None:
        plan = self.organizations
        renamed = [
            c
            for c in plan.changes
            if organization_key(c.new.name) != organization_key(c.old.name)
        ]
        # Two organizations may swap names: park the renamed ones on unique
        # placeholders first, so that no single update breaks uniqueness.
        parked = [
            Organization(id=c.id, normalized_name=f"#import-{c.id}") for c in renamed
        ]
        Organization.objects.bulk_update(parked, ["normalized_name"], batch_size=_CHUNK)
        Organization.objects.bulk_update(
            [self._organization(c.new, c.id) for c in plan.changes],
            ["uid", "name", "normalized_name", "domain", "industry"],
            batch_size=_CHUNK,
        )
        created = self._create(Organization, plan.create, self._organization, [])
        self.organization_ids.update(plan.ids)
        self.organization_ids.update(_ids(created))
        self._counted("organizations", plan)

    def _organization(
        self, record: OrganizationRecord, pk: int | None = None
    ) -> Organization:
        return Organization(
            id=pk,
            network=self.network,
            uid=record.uid,
            name=record.name,
            normalized_name=organization_key(record.name),
            domain=record.domain,
            industry=record.industry,
        )

    def _apply_people(self) -> None:
        plan = self.people
        Person.objects.bulk_update(
            [self._person(c.new, c.id) for c in plan.update],
            _PERSON_FIELDS,
            batch_size=_CHUNK,
        )
        created = self._create(
            Person, plan.create, self._person, ["created_at", "updated_at"]
        )
        self.person_ids.update(plan.ids)
        self.person_ids.update(_ids(created))
        written: list[_Pair[PersonRecord]] = [
            *((c.new, c.old) for c in plan.update),
            *((r, None) for r in plan.create),
        ]
        self._replace_tags(
            [(n, o) for n, o in written if o is None or n.tags != o.tags]
        )
        self._replace(
            ContactMethod,
            "person",
            self.person_ids,
            [
                (n, o)
                for n, o in written
                if o is None or n.contact_methods != o.contact_methods
            ],
            lambda person, pk: [
                ContactMethod(
                    network=self.network,
                    person_id=pk,
                    kind=m.kind,
                    label=m.label,
                    value=m.value,
                    normalized=contact_key(m.kind, m.value),
                    is_primary=m.is_primary,
                )
                for m in person.contact_methods
            ],
        )
        self._replace(
            SourceId,
            "person",
            self.person_ids,
            [(n, o) for n, o in written if o is None or n.source_ids != o.source_ids],
            lambda person, pk: [
                SourceId(
                    network=self.network, person_id=pk, source=s.source, value=s.value
                )
                for s in person.source_ids
            ],
        )
        self._counted("people", plan)

    def _person(self, record: PersonRecord, pk: int | None = None) -> Person:
        organization = record.organization
        return Person(
            id=pk,
            network=self.network,
            uid=record.uid,
            full_name=record.full_name,
            given_name=record.given_name,
            family_name=record.family_name,
            kind=record.kind,
            organization_id=self.organization_ids[organization]
            if organization
            else None,
            title=record.title,
            location=record.location,
            how_met=record.how_met,
            met_on=record.met_on,
            birthday_month=record.birthday_month,
            birthday_day=record.birthday_day,
            birthday_year=record.birthday_year,
            notes=record.notes,
            tier=record.tier,
            cadence_days=record.cadence_days,
            snoozed_until=record.snoozed_until,
            archived=record.archived,
            created_at=record.created_at or self.now,
            updated_at=record.updated_at or self.now,
        )

    def _replace_tags(self, people: list[_Pair[PersonRecord]]) -> None:
        """Give these people the file's tags, creating the tags that are new."""
        names = sorted({tag for person, _ in people for tag in person.tags})
        tag_ids: dict[str, int] = {}
        for chunk in _chunks(names):
            rows = Tag.objects.filter(network=self.network, name__in=chunk)
            tag_ids.update(rows.values_list("name", "id"))
        missing = [
            Tag(network=self.network, name=name)
            for name in names
            if name not in tag_ids
        ]
        tag_ids.update({tag.name: _pk(tag) for tag in Tag.objects.bulk_create(missing)})
        link = Person.tags.through
        self._replace(
            link,
            "person",
            self.person_ids,
            people,
            lambda person, pk: [
                link(person_id=pk, tag_id=tag_ids[tag]) for tag in person.tags
            ],
        )

    def _replace(
        self,
        model: type[_M],
        parent: str,
        parent_ids: Mapping[UUID, int],
        records: Sequence[tuple[_R, _R | None]],
        build: Callable[[_R, int], list[_M]],
    ) -> None:
        """Make these parents' child rows the file's: delete the old, insert the new.

        Only parents whose children differ are passed in, so an unchanged
        list of emails is never rewritten.
        """
        stale = [parent_ids[new.uid] for new, old in records if old is not None]
        for ids in _chunks(stale):
            model._default_manager.filter(**{f"{parent}_id__in": ids}).delete()
        for batch in _chunks(records):
            rows = [row for new, _ in batch for row in build(new, parent_ids[new.uid])]
            model._default_manager.bulk_create(rows)

    def _apply_events(self) -> None:
        plan = self.events
        PersonEvent.objects.bulk_update(
            [self._event(c.new, c.id) for c in plan.update],
            _EVENT_FIELDS,
            batch_size=_CHUNK,
        )
        created = self._create(PersonEvent, plan.create, self._event, [])
        _restore_timestamps(
            PersonEvent, created, [e.event for e in plan.create], ["created_at"]
        )
        self._counted("events", plan)

    def _event(self, owned: "_OwnedEvent", pk: int | None = None) -> PersonEvent:
        record = owned.event
        return PersonEvent(
            id=pk,
            network=self.network,
            uid=record.uid,
            person_id=self.person_ids[owned.person],
            kind=record.kind,
            occurred_on=record.occurred_on,
            summary=record.summary,
            previous=record.previous,
            current=record.current,
            source=record.source,
            created_at=record.created_at or self.now,
        )

    def _apply_interactions(self) -> None:
        plan = self.interactions
        Interaction.objects.bulk_update(
            [self._interaction(c.new, c.id) for c in plan.update],
            _INTERACTION_FIELDS,
            batch_size=_CHUNK,
        )
        self.interaction_ids.update(plan.ids)
        stale = [
            (c.new, c.old)
            for c in plan.update
            # Participations copy the date and intent, so those count too.
            if (c.new.people, c.new.occurred_on, c.new.intent)
            != (c.old.people, c.old.occurred_on, c.old.intent)
        ]
        for chunk in _chunks(plan.create):
            created = self._create(
                Interaction, chunk, self._interaction, ["created_at"]
            )
            self.interaction_ids.update(_ids(created))
            self._replace_participations([(r, None) for r in chunk])
        self._replace_participations(stale)
        self._counted("interactions", plan)

    def _replace_participations(
        self, records: Sequence[_Pair[InteractionRecord]]
    ) -> None:
        self._replace(
            Participation,
            "interaction",
            self.interaction_ids,
            records,
            lambda interaction, pk: [
                Participation(
                    network=self.network,
                    interaction_id=pk,
                    person_id=self.person_ids[person],
                    occurred_on=interaction.occurred_on,
                    intent=interaction.intent,
                )
                for person in interaction.people
            ],
        )

    def _interaction(
        self, record: InteractionRecord, pk: int | None = None
    ) -> Interaction:
        return Interaction(
            id=pk,
            network=self.network,
            uid=record.uid,
            occurred_on=record.occurred_on,
            occurred_at=record.occurred_at,
            channel=record.channel,
            intent=record.intent,
            initiated_by=record.initiated_by,
            summary=record.summary,
            follow_up_on=record.follow_up_on,
            follow_up_intent=record.follow_up_intent,
            shared_goal=record.shared_goal,
            source=record.source,
            created_at=record.created_at or self.now,
        )

    def _apply_ties(self) -> None:
        plan = self.ties
        Tie.objects.bulk_update(
            [self._tie(c.new, c.id) for c in plan.changes],
            _TIE_FIELDS,
            batch_size=_CHUNK,
        )
        self._create(Tie, plan.create, self._tie, ["created_at"])
        self._counted("ties", plan)

    def _tie(self, record: TieRecord, pk: int | None = None) -> Tie:
        # The table keeps each pair once, lower id first (a check constraint).
        a, b = sorted(
            (self.person_ids[record.person_a], self.person_ids[record.person_b])
        )
        return Tie(
            id=pk,
            network=self.network,
            uid=record.uid,
            person_a_id=a,
            person_b_id=b,
            strength=record.strength,
            how=record.how,
            source=record.source,
            archived=record.archived,
            created_at=record.created_at or self.now,
        )

    def _apply_introductions(self) -> None:
        plan = self.introductions
        Introduction.objects.bulk_update(
            [self._introduction(c.new, c.id) for c in plan.update],
            _INTRODUCTION_FIELDS,
            batch_size=_CHUNK,
        )
        self._create(Introduction, plan.create, self._introduction, ["created_at"])
        self._counted("introductions", plan)

    def _introduction(
        self, record: IntroductionRecord, pk: int | None = None
    ) -> Introduction:
        to = record.introduced_to
        return Introduction(
            id=pk,
            network=self.network,
            uid=record.uid,
            introducer_id=self.person_ids[record.introducer],
            introduced_id=self.person_ids[record.introduced],
            introduced_to_id=self.person_ids[to] if to else None,
            introduced_on=record.introduced_on,
            outcome=record.outcome,
            created_at=record.created_at or self.now,
        )

    def _apply_goals(self) -> None:
        plan = self.goals
        # One goal may be finished and another started by the same file:
        # finish first, so there is never a moment with two active goals.
        finishing = [c for c in plan.update if c.new.status != ACTIVE_GOAL]
        starting = [c for c in plan.update if c.new.status == ACTIVE_GOAL]
        for changes in (finishing, starting):
            Goal.objects.bulk_update(
                [self._goal(c.new, c.id) for c in changes],
                _GOAL_FIELDS,
                batch_size=_CHUNK,
            )
        created = self._create(Goal, plan.create, self._goal, [])
        goal_ids = {**plan.ids, **_ids(created)}
        self._replace(
            GoalAwareness,
            "goal",
            goal_ids,
            [
                *(
                    (c.new, c.old)
                    for c in plan.update
                    if c.new.awareness != c.old.awareness
                ),
                *((r, None) for r in plan.create),
            ],
            lambda goal, pk: [
                GoalAwareness(
                    network=self.network,
                    goal_id=pk,
                    person_id=self.person_ids[a.person],
                    since=a.since,
                    how=a.how,
                )
                for a in goal.awareness
            ],
        )
        self._counted("goals", plan)

    def _goal(self, record: GoalRecord, pk: int | None = None) -> Goal:
        return Goal(
            id=pk,
            network=self.network,
            uid=record.uid,
            text=record.text,
            status=record.status,
            started_on=record.started_on,
            done_on=record.done_on,
        )

    def _apply_leads(self) -> None:
        plan = self.leads
        Lead.objects.bulk_update(
            [self._lead(c.new, c.id) for c in plan.update],
            _LEAD_FIELDS,
            batch_size=_CHUNK,
        )
        created = self._create(Lead, plan.create, self._lead, [])
        lead_ids = {**plan.ids, **_ids(created)}
        self._replace(
            LeadStageChange,
            "lead",
            lead_ids,
            [
                *(
                    (c.new, c.old)
                    for c in plan.update
                    if c.new.stage_changes != c.old.stage_changes
                ),
                *((r, None) for r in plan.create),
            ],
            lambda lead, pk: [
                LeadStageChange(
                    network=self.network,
                    lead_id=pk,
                    stage=s.stage,
                    changed_on=s.changed_on,
                )
                for s in lead.stage_changes
            ],
        )
        self._replace(
            LeadCredit,
            "lead",
            lead_ids,
            [
                *(
                    (c.new, c.old)
                    for c in plan.update
                    if c.new.credits != c.old.credits
                ),
                *((r, None) for r in plan.create),
            ],
            lambda lead, pk: [
                LeadCredit(
                    network=self.network,
                    lead_id=pk,
                    person_id=self.person_ids[c.person],
                    role=c.role,
                )
                for c in lead.credits
            ],
        )
        self._counted("leads", plan)

    def _lead(self, record: LeadRecord, pk: int | None = None) -> Lead:
        organization, source = record.organization, record.source_interaction
        return Lead(
            id=pk,
            network=self.network,
            uid=record.uid,
            title=record.title,
            organization_id=self.organization_ids[organization]
            if organization
            else None,
            stage=record.stage,
            notes=record.notes,
            source_interaction_id=self.interaction_ids[source] if source else None,
            created_on=record.created_on,
        )
