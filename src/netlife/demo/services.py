"""Filling a network with the invented demo network, fast enough for 10^5 people.

`generate_demo` writes what `generator.DemoNetwork` plans with raw
`executemany` in one transaction: building model instances for two million
interactions would take minutes, inserting tuples takes seconds.
"""

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain, islice
from typing import TypeVar

from django.core.exceptions import FieldDoesNotExist
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.backends.utils import CursorWrapper
from django.db.models import Max
from django.db.models.options import Options

from netlife.core import clock
from netlife.core.database import refresh_statistics
from netlife.core.errors import Conflict, InvalidInput
from netlife.core.progress import Advance, no_progress
from netlife.demo.generator import (
    FIELDS,
    MAX_PEOPLE,
    DemoNetwork,
    Existing,
    FirstIds,
    Rows,
    Table,
    Value,
)
from netlife.goals.models import Goal, GoalAwareness
from netlife.interactions.models import Interaction, Participation
from netlife.leads.models import Lead, LeadCredit, LeadStageChange
from netlife.networks.models import Network
from netlife.paths.services import graph_changed
from netlife.people.models import ContactMethod, Organization, Person, PersonEvent, Tag
from netlife.relationships.services import (
    refresh_goal_relevance,
    refresh_relationships,
)
from netlife.ties.models import Introduction, Tie

_T = TypeVar("_T")

_MODELS: dict[Table, type[models.Model]] = {
    Table.ORGANIZATION: Organization,
    Table.TAG: Tag,
    Table.PERSON: Person,
    Table.PERSON_TAG: Person.tags.through,
    Table.CONTACT_METHOD: ContactMethod,
    Table.PERSON_EVENT: PersonEvent,
    Table.TIE: Tie,
    Table.INTRODUCTION: Introduction,
    Table.GOAL: Goal,
    Table.GOAL_AWARENESS: GoalAwareness,
    Table.INTERACTION: Interaction,
    Table.PARTICIPATION: Participation,
    Table.LEAD: Lead,
    Table.LEAD_STAGE_CHANGE: LeadStageChange,
    Table.LEAD_CREDIT: LeadCredit,
}
# Tables whose ids the generator assigns, because other demo rows point at them.
_ID_MODELS: tuple[type[models.Model], ...] = (
    Organization, Tag, Person, Interaction, Goal, Lead,
)  # fmt: skip
_CHUNK = 5_000  # rows per executemany call
# Several rows per INSERT statement halve the time of narrow rows such as
# participations; the wide interaction rows measured slower that way, so
# they go one row per statement.
_MAX_ROWS_PER_STATEMENT = 200
_ONE_ROW_PER_STATEMENT = {Table.INTERACTION}
# SQLite page cache for the run, in KiB: the random-order index inserts of a
# big demo crawl once the indexes outgrow Django's default 2 MB cache.
_SQLITE_CACHE_KIB = 1_048_576


@dataclass(frozen=True, slots=True)
class DemoSummary:
    """What `generate_demo` created."""

    people: int
    contacts: int
    prospects: int
    organizations: int
    interactions: int
    ties: int
    introductions: int
    leads: int
    events: int


def generate_demo(
    network: Network,
    *,
    people: int = 300,
    seed: int = 1,
    force: bool = False,
    advance: Advance = no_progress,
) -> DemoSummary:
    """Fill `network` with an invented, reproducible network of `people` people.

    About 20 interactions per person over up to 15 years, ties,
    introductions, job changes, a goal and leads, all dated relative to
    clock.today(): the same seed and day give the same data, uids included.
    `advance` is called with the number of people completed as work goes on:
    once as each is written and once as their relationship is summed up, so
    the total is twice `people`.

    Raises InvalidInput when `people` is outside 1..1,000,000, and Conflict
    when the network already has people, unless `force` is set; then names,
    emails and uids stay unique and existing organizations and tags are
    reused. Everything is written in one transaction: nothing on failure.
    """
    if not 1 <= people <= MAX_PEOPLE:
        raise InvalidInput(
            f"A demo network has between 1 and {MAX_PEOPLE:,} people (--people); "
            f"got {people:,}."
        )
    with transaction.atomic(), connection.cursor() as cursor, _sqlite_cache(cursor):
        already = Person.objects.filter(network=network).count()
        if already and not force:
            noun = "person" if already == 1 else "people"
            raise Conflict(
                f"This network already has {already:,} {noun}; "
                "run `netlife demo --force` to add demo people anyway."
            )
        _lock_id_tables(cursor)
        first_ids = _first_ids()
        demo = DemoNetwork(
            people=people,
            # A second demo in the same network must not repeat the uids of
            # the first, which the same seed alone would.
            seed=seed if not already else f"{seed}/{already}",
            today=clock.today(),
            first_ids=first_ids,
            existing=_existing(network, already),
        )
        counts = dict.fromkeys(Table, 0)
        shared: dict[str, Value] = {
            "network": network.pk,
            "created_at": connection.ops.adapt_datetimefield_value(clock.now()),
        }
        shared["updated_at"] = shared["created_at"]
        for batch in demo.batches():
            _insert(cursor, batch, shared)
            counts[batch.table] += len(batch.rows)
            if batch.people_done:
                advance(batch.people_done)
        _reset_sequences(cursor)
        new_people = (
            Person.objects.filter(network=network, pk__gte=first_ids.person)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        graph_changed(network)
        refresh_relationships(network, new_people.iterator(), advance=advance)
        if already:
            # The demo may have set the goal the people already here are
            # measured against.
            refresh_goal_relevance(network)
    refresh_statistics()
    return DemoSummary(
        people=people,
        contacts=people - demo.prospects,
        prospects=demo.prospects,
        organizations=counts[Table.ORGANIZATION],
        interactions=counts[Table.INTERACTION],
        ties=counts[Table.TIE],
        introductions=counts[Table.INTRODUCTION],
        leads=counts[Table.LEAD],
        events=counts[Table.PERSON_EVENT],
    )


def _existing(network: Network, people: int) -> Existing:
    """Names and emails to avoid, organizations and tags to reuse, goals to respect."""
    organizations = dict(
        Organization.objects.filter(network=network).values_list(
            "normalized_name", "id"
        )
    )
    tags = dict(Tag.objects.filter(network=network).values_list("name", "id"))
    goals = Goal.objects.filter(network=network)
    active = (
        goals.filter(status=Goal.Status.ACTIVE).values_list("id", "started_on").first()
    )
    names: frozenset[str] = frozenset()
    emails: frozenset[str] = frozenset()
    if people:
        full_names = Person.objects.filter(network=network).values_list(
            "full_name", flat=True
        )
        names = frozenset(name.casefold() for name in full_names.iterator())
        emails = frozenset(
            ContactMethod.objects.filter(network=network, kind=ContactMethod.Kind.EMAIL)
            .values_list("normalized", flat=True)
            .iterator()
        )
    return Existing(
        names=names,
        emails=emails,
        organizations=organizations,
        tags=tags,
        has_goals=goals.exists(),
        active_goal=active,
    )


def _first_ids() -> FirstIds:
    def after_last(model: type[models.Model]) -> int:
        last = model._default_manager.aggregate(last=Max("id"))["last"]
        return int(last or 0) + 1

    return FirstIds(
        organization=after_last(Organization),
        tag=after_last(Tag),
        person=after_last(Person),
        interaction=after_last(Interaction),
        goal=after_last(Goal),
        lead=after_last(Lead),
    )


def _lock_id_tables(cursor: CursorWrapper) -> None:
    # Ids are reserved as max(id) + 1 onwards; on PostgreSQL another writer
    # could take one from the sequence meanwhile. SQLite's IMMEDIATE
    # transactions already exclude other writers.
    if connection.vendor == "postgresql":
        tables = ", ".join(
            connection.ops.quote_name(m._meta.db_table) for m in _ID_MODELS
        )
        cursor.execute(f"LOCK TABLE {tables} IN EXCLUSIVE MODE")


def _reset_sequences(cursor: CursorWrapper) -> None:
    # Rows inserted with explicit ids leave PostgreSQL's sequences behind;
    # SQLite's AUTOINCREMENT follows explicit ids by itself.
    for sql in connection.ops.sequence_reset_sql(no_style(), list(_ID_MODELS)):
        cursor.execute(sql)


@contextmanager
def _sqlite_cache(cursor: CursorWrapper) -> Iterator[None]:
    """Raise SQLite's page cache while the demo is written, then restore it.

    On an error the connection keeps the larger cache until it closes: no
    statement should run in a transaction that failed.
    """
    if connection.vendor != "sqlite":
        yield
        return
    cursor.execute("PRAGMA cache_size")
    previous = int(cursor.fetchone()[0])
    cursor.execute(f"PRAGMA cache_size = -{_SQLITE_CACHE_KIB}")
    yield
    cursor.execute(f"PRAGMA cache_size = {previous}")


def _insert(cursor: CursorWrapper, batch: Rows, shared: Mapping[str, Value]) -> None:
    """INSERT the batch's rows, adding the network and timestamps they share."""
    if not batch.rows:
        return
    meta = _MODELS[batch.table]._meta
    names = list(FIELDS[batch.table])
    for name in shared:
        try:
            meta.get_field(name)
        except FieldDoesNotExist:
            continue
        names.append(name)
    tail = tuple(shared[name] for name in names[len(FIELDS[batch.table]) :])
    quote = connection.ops.quote_name
    columns = ", ".join(quote(_column(meta, name)) for name in names)
    one_row = "(" + ", ".join(["%s"] * len(names)) + ")"
    # Identifiers come from model metadata; every value is a parameter.
    head = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES "  # noqa: S608
    rows = batch.rows
    per_statement = 1
    if batch.table not in _ONE_ROW_PER_STATEMENT:
        max_params = connection.features.max_query_params or 65_535
        per_statement = max(1, min(_MAX_ROWS_PER_STATEMENT, max_params // len(names)))
    whole = len(rows) - len(rows) % per_statement
    if per_statement > 1 and whole:
        sql = head + ", ".join([one_row] * per_statement)
        statements = [
            list(chain.from_iterable(row + tail for row in rows[i : i + per_statement]))
            for i in range(0, whole, per_statement)
        ]
        for group in _chunks(statements, _CHUNK // per_statement):
            cursor.executemany(sql, group)
        rows = rows[whole:]
    for chunk in _chunks(rows, _CHUNK):
        cursor.executemany(head + one_row, [row + tail for row in chunk])


def _column(meta: "Options[models.Model]", name: str) -> str:
    field = meta.get_field(name)
    if not isinstance(field, models.Field) or not field.column:
        raise LookupError(f"{meta.label}.{name} is not a column")
    return field.column


def _chunks(items: Sequence[_T], size: int) -> Iterator[list[_T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk
