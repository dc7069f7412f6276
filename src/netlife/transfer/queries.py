"""Reading a network as export records, in a fixed number of queries.

Every reader runs one query per table, whatever the size of the network, and
streams: parents and their children come from separate queries sorted by the
parent's uid and are merged as they arrive, so no table is ever held in
memory and no query is issued per row. The same readers serve the export
(the whole network) and the import (the rows a file touches, by id), so both
sides describe a row with exactly the same record.
"""

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any, Generic, TextIO, TypeVar
from uuid import UUID

from django.db import transaction
from django.db.models import Model, QuerySet

from netlife.core import clock
from netlife.core.progress import Advance, no_progress
from netlife.formats.json_dump import (
    AwarenessRecord,
    ContactMethodRecord,
    CreditRecord,
    EventRecord,
    GoalRecord,
    InteractionRecord,
    IntroductionRecord,
    LeadRecord,
    NetworkRecord,
    OrganizationRecord,
    PersonRecord,
    Record,
    SourceIdRecord,
    StageChangeRecord,
    TieRecord,
    write_document,
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
)
from netlife.ties.models import Introduction, Tie

# Rows fetched per round trip while streaming; large enough to be fast,
# small enough that a 2M-row table never sits in memory.
_FETCH = 2000
# How often (in records) the progress callback is told.
_TICK = 500

_M = TypeVar("_M", bound=Model)
_V = TypeVar("_V")

Row = tuple[Any, ...]

_PERSON_COLUMNS = (
    "uid",
    "full_name",
    "given_name",
    "family_name",
    "kind",
    "organization__uid",
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
)
_EVENT_COLUMNS = (
    "uid",
    "kind",
    "occurred_on",
    "summary",
    "previous",
    "current",
    "source",
    "created_at",
)
_INTERACTION_COLUMNS = (
    "uid",
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
)


def _rows(
    queryset: QuerySet[_M], order: Sequence[str], columns: Sequence[str]
) -> Iterator[Row]:
    return iter(
        queryset.order_by(*order).values_list(*columns).iterator(chunk_size=_FETCH)
    )


def _scoped(
    model: type[_M], network: Network, ids: Sequence[int] | None, parent: str = ""
) -> QuerySet[_M]:
    """The network's rows of `model` (or its parent's), or those of these ids.

    With ids, the filter is on the ids alone: they are this network's (the
    import looked them up by network), and a network condition beside them
    leads SQLite to walk the network's whole uid index for each batch
    instead of fetching a few hundred rows by key.
    """
    if ids is None:
        lookup = f"{parent}__network" if parent else "network"
        return model._default_manager.filter(**{lookup: network})
    return model._default_manager.filter(
        **{f"{parent}_id__in" if parent else "id__in": ids}
    )


class _Children(Generic[_V]):
    """Merges a child stream into its parents' stream; both sorted by parent uid."""

    __slots__ = ("_current", "_rows")

    def __init__(self, rows: Iterator[tuple[UUID, _V]]) -> None:
        self._rows = rows
        self._current = next(rows, None)

    def of(self, parent: UUID) -> tuple[_V, ...]:
        """The children of `parent`, skipping any left behind by earlier parents."""
        found = []
        while self._current is not None and self._current[0] <= parent:
            if self._current[0] == parent:
                found.append(self._current[1])
            self._current = next(self._rows, None)
        return tuple(found)


def _pairs(
    rows: Iterator[Row], build: Callable[[Row], _V]
) -> Iterator[tuple[UUID, _V]]:
    """(parent uid, child) from rows whose first column is the parent's uid."""
    return ((row[0], build(row[1:])) for row in rows)


def organization_records(
    network: Network, *, ids: Sequence[int] | None = None
) -> Iterator[OrganizationRecord]:
    """The network's organizations (or those with these ids), by uid."""
    organizations = _scoped(Organization, network, ids)
    for row in _rows(organizations, ["uid"], ["uid", "name", "domain", "industry"]):
        yield OrganizationRecord(*row)


def people_records(
    network: Network, *, ids: Sequence[int] | None = None, with_events: bool = True
) -> Iterator[PersonRecord]:
    """The network's people (or those with these ids), by uid, with their children.

    Five queries: people, tags, contact methods, source ids and events.
    Without events, `events` is empty (the import compares events one by one).
    """
    people = _scoped(Person, network, ids)
    tag_links = _scoped(Person.tags.through, network, ids, "person")
    methods = _scoped(ContactMethod, network, ids, "person")
    sources = _scoped(SourceId, network, ids, "person")
    tags = _Children(
        _pairs(
            _rows(
                tag_links, ["person__uid", "tag__name"], ["person__uid", "tag__name"]
            ),
            _first,
        )
    )
    contact_methods = _Children(
        _pairs(
            _rows(
                methods,
                ["person__uid", "id"],
                ["person__uid", "kind", "label", "value", "is_primary"],
            ),
            lambda row: ContactMethodRecord(*row),
        )
    )
    source_ids = _Children(
        _pairs(
            _rows(sources, ["person__uid", "id"], ["person__uid", "source", "value"]),
            lambda row: SourceIdRecord(*row),
        )
    )
    events: _Children[EventRecord] | None = None
    if with_events:
        events = _Children(_event_pairs(network, ids))
    for row in _rows(people, ["uid"], _PERSON_COLUMNS):
        uid = row[0]
        yield _record(
            PersonRecord,
            *row,
            # Sorted here: the database would sort by its collation, not by code point.
            tuple(sorted(tags.of(uid))),
            contact_methods.of(uid),
            source_ids.of(uid),
            events.of(uid) if events is not None else (),
        )


def _record(cls: Callable[..., _V], *values: Any) -> _V:
    """A record from its field values in order: the columns, then the children."""
    return cls(*values)


def _first(row: Row) -> Any:
    return row[0]


def _event_pairs(
    network: Network, person_ids: Sequence[int] | None
) -> Iterator[tuple[UUID, EventRecord]]:
    events = _scoped(PersonEvent, network, person_ids, "person")
    rows = _rows(
        events, ["person__uid", "occurred_on", "uid"], ["person__uid", *_EVENT_COLUMNS]
    )
    return _pairs(rows, lambda row: EventRecord(*row))


def event_records(
    network: Network, *, ids: Sequence[int]
) -> Iterator[tuple[UUID, EventRecord]]:
    """The events with these ids, each with the uid of the person it belongs to."""
    events = _scoped(PersonEvent, network, ids)
    rows = _rows(events, ["uid"], ["person__uid", *_EVENT_COLUMNS])
    return _pairs(rows, lambda row: EventRecord(*row))


def interaction_records(
    network: Network, *, ids: Sequence[int] | None = None
) -> Iterator[InteractionRecord]:
    """The network's interactions (or those with these ids), by uid, with people."""
    interactions = _scoped(Interaction, network, ids)
    participations = _scoped(Participation, network, ids, "interaction")
    people = _Children(
        _pairs(
            _rows(
                participations,
                ["interaction__uid", "person__uid"],
                ["interaction__uid", "person__uid"],
            ),
            _first,
        )
    )
    for row in _rows(interactions, ["uid"], _INTERACTION_COLUMNS):
        yield _record(InteractionRecord, *row, people.of(row[0]))


def tie_records(
    network: Network, *, ids: Sequence[int] | None = None
) -> Iterator[TieRecord]:
    """The network's ties (or those with these ids), by uid.

    The pair is written in uid order, not in the integer-id order the table
    keeps, so the same tie reads the same in every database.
    """
    ties = _scoped(Tie, network, ids)
    columns = [
        "uid",
        "person_a__uid",
        "person_b__uid",
        "strength",
        "how",
        "source",
        "archived",
        "created_at",
    ]
    for uid, a, b, *rest in _rows(ties, ["uid"], columns):
        low, high = sorted((a, b))
        yield TieRecord(uid, low, high, *rest)


def introduction_records(
    network: Network, *, ids: Sequence[int] | None = None
) -> Iterator[IntroductionRecord]:
    """The network's introductions (or those with these ids), by uid."""
    introductions = _scoped(Introduction, network, ids)
    columns = [
        "uid",
        "introducer__uid",
        "introduced__uid",
        "introduced_to__uid",
        "introduced_on",
        "outcome",
        "created_at",
    ]
    for row in _rows(introductions, ["uid"], columns):
        yield IntroductionRecord(*row)


def goal_records(
    network: Network, *, ids: Sequence[int] | None = None
) -> Iterator[GoalRecord]:
    """The network's goals (or those with these ids), by uid, with who knows them."""
    goals = _scoped(Goal, network, ids)
    awareness_rows = _scoped(GoalAwareness, network, ids, "goal")
    awareness = _Children(
        _pairs(
            _rows(
                awareness_rows,
                ["goal__uid", "person__uid"],
                ["goal__uid", "person__uid", "since", "how"],
            ),
            lambda row: AwarenessRecord(*row),
        )
    )
    columns = ["uid", "text", "status", "started_on", "done_on"]
    for row in _rows(goals, ["uid"], columns):
        yield _record(GoalRecord, *row, awareness.of(row[0]))


def lead_records(
    network: Network, *, ids: Sequence[int] | None = None
) -> Iterator[LeadRecord]:
    """The network's leads (or those with these ids), by uid, with their history."""
    leads = _scoped(Lead, network, ids)
    change_rows = _scoped(LeadStageChange, network, ids, "lead")
    credit_rows = _scoped(LeadCredit, network, ids, "lead")
    changes = _Children(
        _pairs(
            _rows(
                change_rows,
                ["lead__uid", "changed_on", "id"],
                ["lead__uid", "stage", "changed_on"],
            ),
            lambda row: StageChangeRecord(*row),
        )
    )
    credits = _Children(
        _pairs(
            _rows(
                credit_rows,
                ["lead__uid", "person__uid"],
                ["lead__uid", "person__uid", "role"],
            ),
            lambda row: CreditRecord(*row),
        )
    )
    columns = [
        "uid",
        "title",
        "organization__uid",
        "stage",
        "notes",
        "source_interaction__uid",
        "created_on",
    ]
    for row in _rows(leads, ["uid"], columns):
        uid = row[0]
        yield _record(LeadRecord, *row, changes.of(uid), credits.of(uid))


def export_size(network: Network) -> int:
    """How many top-level records an export of the network holds (for progress)."""
    return sum(
        model.objects.filter(network=network).count()
        for model in (Organization, Person, Interaction, Tie, Introduction, Goal, Lead)
    )


def _ticking(records: Iterable[_V], advance: Advance) -> Iterator[_V]:
    pending = 0
    for record in records:
        yield record
        pending += 1
        if pending == _TICK:
            advance(pending)
            pending = 0
    if pending:
        advance(pending)


def write_network_json(
    network: Network,
    out: TextIO,
    *,
    exported_at: datetime | None = None,
    advance: Advance = no_progress,
) -> dict[str, int]:
    """Write the whole network to `out` as one netlife JSON document.

    Streams every table (a fixed number of queries, about fifteen) inside
    one transaction, so the document is a consistent snapshot. Lists are in
    uid order, so exporting an unchanged network twice gives the same text
    apart from `exported_at`. Returns the number of records per section;
    `advance` is told as records are written.
    """
    sections: list[tuple[str, Callable[[], Iterable[Record]]]] = [
        ("organizations", lambda: organization_records(network)),
        ("people", lambda: people_records(network)),
        ("interactions", lambda: interaction_records(network)),
        ("ties", lambda: tie_records(network)),
        ("introductions", lambda: introduction_records(network)),
        ("goals", lambda: goal_records(network)),
        ("leads", lambda: lead_records(network)),
    ]
    with transaction.atomic():
        return write_document(
            out,
            exported_at=exported_at or clock.now(),
            network=NetworkRecord(name=network.name, timezone=network.timezone),
            # Each section's queries start only when the writer reaches it.
            sections=(
                (name, _ticking(_lazy(read), advance)) for name, read in sections
            ),
        )


def _lazy(read: Callable[[], Iterable[_V]]) -> Iterator[_V]:
    yield from read()
