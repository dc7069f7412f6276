"""Reads about people, always scoped by network; nothing here writes.

`resolve_person` is the one way every front-end turns a user's reference (an
id, an email, or part of a name) into a Person, so tenancy and ambiguity are
handled in one place.
"""

import dataclasses
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import connection
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower

from netlife.core import clock
from netlife.core.errors import Ambiguous, InvalidInput, NotFound
from netlife.engines import cadence, strength
from netlife.engines.contact_values import (
    clean_text,
    normalize_email,
    organization_key,
)
from netlife.goals.models import Goal, GoalAwareness
from netlife.interactions.models import Interaction, Participation
from netlife.leads.models import LeadCredit
from netlife.networks.models import Network
from netlife.people.models import (
    ContactMethod,
    MergeSuggestion,
    Organization,
    Person,
    PersonEvent,
    Tag,
)
from netlife.relationships import ranking
from netlife.relationships.models import Relationship
from netlife.relationships.services import (
    day_to_date,
    history_of,
    person_facts,
    relationship_values,
)
from netlife.ties.models import Introduction, Tie


@dataclass(frozen=True, slots=True)
class PersonSummary:
    """What `people --json`, `show` and the people page say about a person."""

    id: int
    name: str
    kind: str
    emails: list[str]
    phones: list[str]
    urls: list[str]
    organization: str | None
    title: str
    tags: list[str]
    tier: str
    # True when the tier comes from tie strength, not from the user.
    tier_derived: bool
    cadence_days: int | None
    last_contact: date | None
    next_due: date | None
    strength: float
    gives: int
    asks: int
    knows_goal: bool
    archived: bool


def get_person(network: Network, person_id: int) -> Person:
    """The person with this id in this network; raises NotFound otherwise."""
    try:
        return Person.objects.select_related("organization").get(
            network=network, pk=person_id
        )
    except Person.DoesNotExist:
        raise NotFound(f"No person with id {person_id} in this network.") from None


def _describe(person: Person) -> str:
    where = f", {person.organization.name}" if person.organization else ""
    return f"{person.full_name} (id {person.pk}{where})"


def resolve_person(network: Network, ref: str) -> Person:
    """Turn a PERSON argument into a Person of this network.

    `ref` is an id ("42"), an email address, or a case-insensitive part of a
    name. An exact full-name match wins over partial matches. Raises NotFound
    when nothing matches and Ambiguous (listing the candidates) when several
    people match equally well.
    """
    text = clean_text(ref)
    if not text:
        raise NotFound("A person reference cannot be empty.")
    people = Person.objects.filter(network=network).select_related("organization")
    if text.isdigit():
        try:
            return people.get(pk=int(text))
        except Person.DoesNotExist:
            raise NotFound(f"No person with id {text} in this network.") from None
    if "@" in text:
        by_email = list(
            people.filter(
                contact_methods__kind=ContactMethod.Kind.EMAIL,
                contact_methods__normalized=normalize_email(text),
            ).distinct()[:11]
        )
        if len(by_email) == 1:
            return by_email[0]
        if len(by_email) > 1:
            raise Ambiguous(
                f"Several people have the email {text}.",
                [_describe(p) for p in by_email],
            )
    folded = text.casefold()
    exact: list[Person] = list(
        people.annotate(lower_name=Lower("full_name")).filter(lower_name=folded)[:11]
    )
    if len(exact) == 1:
        return exact[0]
    matches = exact or list(
        people.filter(full_name__icontains=text).order_by("full_name")[:51]
    )
    if not matches and not text.isascii():
        # SQLite's LIKE folds ASCII letters only, so "élodie" misses "Élodie";
        # fold in Python, and only on a miss, to keep the common path indexed.
        ids = [
            pk
            for pk, name in people.values_list("pk", "full_name")
            if folded in name.casefold()
        ][:51]
        matches = list(people.filter(pk__in=ids).order_by("full_name"))
    if not matches:
        raise NotFound(f"No one in this network matches {text!r}.")
    if len(matches) == 1:
        return matches[0]
    raise Ambiguous(
        f"{text!r} matches more than one person.", [_describe(p) for p in matches]
    )


def search_people(
    network: Network,
    query: str = "",
    *,
    tag: str | None = None,
    organization: str | None = None,
    include_archived: bool = False,
) -> QuerySet[Person]:
    """People of the network matching a free-text query and filters, by name.

    The query matches part of a name, an organization, a title or an email
    address. Returns a lazy queryset so callers can paginate it.
    """
    return _search_people(
        network,
        query,
        tag=tag,
        organization=organization,
        include_archived=include_archived,
        use_index=True,
    )


def _search_people(
    network: Network,
    query: str,
    *,
    tag: str | None = None,
    organization: str | None = None,
    include_archived: bool = False,
    use_index: bool,
) -> QuerySet[Person]:
    text = clean_text(query)
    people = Person.objects.filter(network=network)
    if text and use_index:
        # When the search index names few candidates, start from them; the
        # exact condition below still decides. When it names many, matches
        # are dense and the walk by name finds a page first.
        found = _count_candidates(
            network, text, limit=SPARSE_MATCHES, include_archived=include_archived
        )
        if found is not None and found <= SPARSE_MATCHES:
            people = _starting_from(network, _index_subquery(text))
    people = people.select_related("organization")
    if not include_archived:
        people = people.filter(archived=False)
    if text:
        people = people.filter(_text_match(text))
    if tag:
        people = people.filter(tags__name=clean_text(tag).casefold())
    if organization:
        people = people.filter(
            organization__normalized_name=organization_key(organization)
        )
    return people.order_by(Lower("full_name"), "pk")


def _text_match(text: str, *, network: Network | None = None) -> Q:
    """The exact condition of a text search: part of the name, organization,
    title or an email address (case-insensitive as the database's LIKE is).

    Emails are probed person by person, unless `network` is given: then the
    matching addresses are read from the network's email index once, which
    is quicker when every person of a network is tested.
    """
    emails = ContactMethod.objects.filter(
        kind=ContactMethod.Kind.EMAIL, normalized__contains=normalize_email(text)
    )
    email_match = (
        Q(Exists(emails.filter(person=OuterRef("pk"))))
        if network is None
        else Q(pk__in=emails.filter(network=network).values("person_id"))
    )
    return (
        Q(full_name__icontains=text)
        | Q(organization__name__icontains=text)
        | Q(title__icontains=text)
        | email_match
    )


# The trigram index triggers keep on SQLite (people migration 0004): one
# row per person, rowid = person id, with the name, title, organization
# name and email addresses. PostgreSQL has none and runs the plain query.
SEARCH_INDEX = "people_person_search"
# Up to SPARSE_MATCHES candidates, a search starts from them and sorts them
# by name. Beyond, matches are dense and walking the name index reaches a
# page first: testing each person against the candidates (read from the
# index once) up to DENSE_FACTOR times as many, and beyond that against the
# text itself (so dense that the walk stops within a few thousand people,
# where reading every candidate would cost more).
SPARSE_MATCHES = 10_000
DENSE_FACTOR = 3
_index_ready: dict[str, bool] = {}


def _search_index_ready() -> bool:
    """Whether this database has the search index (SQLite, migrated, FTS5)."""
    if connection.vendor != "sqlite":
        return False
    name = str(connection.settings_dict["NAME"])
    ready = _index_ready.get(name)
    if ready is None:
        # Once per process and database, on the DB-API connection itself so
        # that it is not counted among a page's queries.
        connection.ensure_connection()
        row = connection.connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
            (SEARCH_INDEX,),
        ).fetchone()
        ready = _index_ready[name] = row is not None
    return ready


def _match_expression(text: str) -> str | None:
    """An FTS5 query for every row holding `text` as LIKE finds it, and a
    few more (trigrams fold every letter's case, LIKE only ASCII's); None
    when trigrams cannot answer (fewer than three characters)."""
    email = normalize_email(text)
    if len(text) < 3 or len(email) < 3:
        return None
    phrases = [text] if email == text else [text, email]
    return " OR ".join('"' + p.replace('"', '""') + '"' for p in phrases)


def _index_subquery(text: str) -> RawSQL:
    """The ids of the people (of any network) the text may match."""
    return RawSQL(
        "SELECT rowid FROM people_person_search WHERE people_person_search MATCH %s",
        (_match_expression(text),),
    )


def _starting_from(network: Network, ids: RawSQL) -> QuerySet[Person]:
    """The network's people among `ids`, read by id.

    The network is compared through `+ 0` so that SQLite cannot pick the
    network's name index (to skip the sort) and walk all of it.
    """
    return (
        Person.objects.alias(network_key=F("network_id") + 0)
        .filter(network_key=network.pk)
        .filter(pk__in=ids)
    )


def _count_candidates(
    network: Network, text: str, *, limit: int, include_archived: bool = False
) -> int | None:
    """How many of the network's people the index says the text may match
    (at least all it matches), counted up to `limit` + 1; None when there is
    no index to ask (not SQLite, not migrated, or a text under 3 letters)."""
    expression = _match_expression(text)
    if expression is None or not _search_index_ready():
        return None
    # CROSS JOIN keeps the index as the outer loop, so LIMIT stops it early
    # when matches are many; each candidate's network and archived flag are
    # read from the covering person_archived index.
    if include_archived:
        sql = """SELECT count(*) FROM (
            SELECT 1 FROM people_person_search AS s CROSS JOIN people_person AS p
            WHERE s.people_person_search MATCH %s AND p.id = s.rowid
            AND p.network_id = %s LIMIT %s)"""
        params: tuple[str | int | bool, ...] = (expression, network.pk, limit + 1)
    else:
        sql = """SELECT count(*) FROM (
            SELECT 1 FROM people_person_search AS s CROSS JOIN people_person AS p
            WHERE s.people_person_search MATCH %s AND p.id = s.rowid
            AND p.network_id = %s AND p.archived = %s LIMIT %s)"""
        params = (expression, network.pk, False, limit + 1)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        (count,) = cursor.fetchone()
        return int(count)


def find_organization(network: Network, name: str) -> Organization | None:
    """The organization known under this name (any spelling that normalizes alike)."""
    return Organization.objects.filter(
        network=network, normalized_name=organization_key(name)
    ).first()


def person_summaries(network: Network, people: Sequence[Person]) -> list[PersonSummary]:
    """Summaries for a page of people in a fixed number of queries.

    Contact methods, tags, last contact, give/ask counts and goal awareness
    are each fetched once for the whole page, never per person.
    """
    ids = [p.pk for p in people]
    if not ids:
        return []
    methods: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for person_id, kind, value in (
        # The ids are this network's people already; an extra network filter
        # tempts SQLite into scanning the network's index instead of the ids.
        ContactMethod.objects.filter(person_id__in=ids)
        .order_by("person_id", "-is_primary", "pk")
        .values_list("person_id", "kind", "value")
    ):
        methods[person_id][kind].append(value)
    tags: dict[int, list[str]] = defaultdict(list)
    for person_id, name in (
        Person.tags.through.objects.filter(person_id__in=ids)
        .order_by("tag__name")
        .values_list("person_id", "tag__name")
    ):
        tags[person_id].append(name)
    relationships = Relationship.objects.in_bulk(ids)
    goal = Goal.objects.filter(network=network, status=Goal.Status.ACTIVE).first()
    aware: set[int] = set()
    if goal is not None:
        aware = set(
            GoalAwareness.objects.filter(goal=goal, person_id__in=ids).values_list(
                "person_id", flat=True
            )
        )
    today = clock.today()
    summaries = []
    for person in people:
        row = relationships.get(person.pk)
        if row is None:  # written by a path that has not summed it up yet
            row = Relationship(
                person=person, **relationship_values(person_facts(person), None, ())
            )
        last_contact = day_to_date(row.last_contact_day)
        due = cadence.next_due(
            last_contact=last_contact,
            cadence=row.cadence,
            snoozed_until=person.snoozed_until,
            today=today,
        )
        summaries.append(
            PersonSummary(
                id=person.pk,
                name=person.full_name,
                kind=person.kind,
                emails=methods[person.pk][ContactMethod.Kind.EMAIL],
                phones=methods[person.pk][ContactMethod.Kind.PHONE],
                urls=methods[person.pk][ContactMethod.Kind.URL],
                organization=person.organization.name if person.organization else None,
                title=person.title,
                tags=tags[person.pk],
                tier=row.tier,
                tier_derived=row.tier_derived,
                cadence_days=row.cadence,
                last_contact=last_contact,
                next_due=due if row.tracked else None,
                strength=strength.strength_from_bond(row.bond, last_contact, today),
                gives=row.gives + row.thanks,
                asks=row.advice + row.favours,
                knows_goal=person.pk in aware,
                archived=person.archived,
            )
        )
    return summaries


def iter_person_summaries(
    network: Network, people: QuerySet[Person], *, batch_size: int = 1000
) -> Iterator[PersonSummary]:
    """Summaries for a whole queryset, in its order, a batch at a time.

    The ordered ids come first in one query; each batch is then fetched by
    id, so no query re-sorts the whole network (keyset or OFFSET paging
    would, once per batch).
    """
    ids = list(people.values_list("pk", flat=True))
    for start in range(0, len(ids), batch_size):
        chunk = ids[start : start + batch_size]
        found = Person.objects.select_related("organization").in_bulk(chunk)
        yield from person_summaries(network, [found[pk] for pk in chunk if pk in found])


def people_sharing_contact_methods(network: Network, person: Person) -> list[Person]:
    """Other people with one of this person's emails or phones."""
    mine = ContactMethod.objects.filter(person=person).exclude(
        kind=ContactMethod.Kind.URL
    )
    pairs = list(mine.values_list("kind", "normalized"))
    if not pairs:
        return []
    condition = Q()
    for kind, normalized in pairs:
        condition |= Q(
            contact_methods__kind=kind, contact_methods__normalized=normalized
        )
    return list(
        Person.objects.filter(network=network)
        .filter(condition)
        .exclude(pk=person.pk)
        .distinct()
    )


def count_interactions_with(network: Network, person: Person) -> int:
    """How many interactions this person took part in."""
    return Participation.objects.filter(network=network, person=person).count()


def person_details(
    network: Network, person: Person, *, recent: int = 20
) -> dict[str, Any]:
    """Everything `show` prints: the summary plus history, ties and events.

    Returned as a JSON-ready dict whose keys are the person fields of
    DESIGN.md §6 plus `how_met, met_on, birthday, location, notes, events,
    ties, interactions`.
    """
    summary = person_summaries(network, [person])[0]
    document: dict[str, Any] = dataclasses.asdict(summary)
    birthday = None
    if person.birthday_month and person.birthday_day:
        year = f"{person.birthday_year:04}" if person.birthday_year else "-"
        birthday = f"{year}-{person.birthday_month:02}-{person.birthday_day:02}"
    row = Relationship.objects.filter(person=person).first()
    parts = (
        strength.parts(history_of(row, person.met_on), clock.today())
        if row is not None
        else None
    )
    document.update(
        # Why the strength is what it is: each part 0..1 (docs/tie-strength.md).
        strength_parts=None
        if parts is None
        else {
            name: round(getattr(parts, name), 3)
            for name in ("recency", "frequency", "reciprocity", "duration", "variety")
        },
        how_met=person.how_met,
        met_on=person.met_on,
        birthday=birthday,
        location=person.location,
        notes=person.notes,
        snoozed_until=person.snoozed_until,
    )
    document["events"] = [
        {"kind": e.kind, "on": e.occurred_on, "summary": e.summary,
         "previous": e.previous, "current": e.current}
        for e in person.events.order_by("-occurred_on", "-pk")
    ]  # fmt: skip
    ties = Tie.objects.filter(Q(person_a=person) | Q(person_b=person), archived=False)
    other_ids = {
        t.person_b_id if t.person_a_id == person.pk else t.person_a_id: t for t in ties
    }
    names = dict(
        Person.objects.filter(network=network, pk__in=other_ids).values_list(
            "pk", "full_name"
        )
    )
    document["ties"] = sorted(
        (
            {
                "id": pk,
                "name": names.get(pk, ""),
                "strength": tie.strength,
                "how": tie.how,
            }
            for pk, tie in other_ids.items()
        ),
        key=lambda t: t["name"].casefold(),
    )
    # Walk this person's participations (indexed by person and date) rather
    # than the network's interactions, which may number millions.
    recent_ids = list(
        Participation.objects.filter(person=person)
        .order_by("-occurred_on", "-interaction_id")
        .values_list("interaction_id", flat=True)[:recent]
    )
    interactions = (
        Interaction.objects.filter(network=network, pk__in=recent_ids)
        .order_by("-occurred_on", "-pk")
        .prefetch_related("people")
    )
    document["interactions"] = [
        {
            "id": i.pk,
            "on": i.occurred_on,
            "channel": i.channel,
            "intent": i.intent,
            "initiated_by": i.initiated_by,
            "summary": i.summary,
            "follow_up_on": i.follow_up_on,
            "with": [p.full_name for p in i.people.all() if p.pk != person.pk],
        }
        for i in interactions
    ]
    return document


# --- The web pages' reads: filters, timeline, introductions, leads, merges.

# Due states a list can be narrowed to, as the "Next due" column reads them.
DUE_STATES: dict[str, str] = {
    "overdue": "overdue",
    "week": "due this week",
    "later": "not due yet",
    "untracked": "not tracked",
}
DUE_SOON_DAYS = 7


def _keeping_in_touch(
    prefix: str, *, tier: str | None, due: str | None, today: date | None
) -> Q:
    """The condition on a Relationship row (fields named from `prefix`)."""
    condition = Q()
    if tier:
        if tier not in cadence.TIERS:
            raise InvalidInput(f"Unknown tier {tier!r}.")
        condition &= Q(**{f"{prefix}tier": tier})
    if due:
        if due not in DUE_STATES:
            raise InvalidInput(f"Unknown due state {due!r}.")
        day = (today or clock.today()).toordinal()
        soon = day + DUE_SOON_DAYS

        def q(lookup: str, value: object) -> Q:
            return Q(**{f"{prefix}{lookup}": value})

        # Tracked but never in touch: due today (or when a snooze ends).
        never = Q(**{f"{prefix}due_day__isnull": True})
        snoozed_past_soon = q("snoozed_day__gt", soon)
        by_state = {
            "overdue": q("due_day__lt", day),
            "week": (q("due_day__gte", day) & q("due_day__lte", soon))
            | (never & ~snoozed_past_soon),
            "later": q("due_day__gt", soon) | (never & snoozed_past_soon),
            "untracked": Q(),
        }
        condition &= by_state[due] & q("tracked", due != "untracked")
    return condition


def filter_by_keeping_in_touch(
    people: QuerySet[Person],
    *,
    tier: str | None = None,
    due: str | None = None,
    today: date | None = None,
) -> QuerySet[Person]:
    """Narrow `people` to a tier in force and a due state (keys of DUE_STATES).

    Both read the Relationship row (decision 0007), so the filter is one
    join, whatever the size of the network. The tier is the one shown: set
    by the user or derived from tie strength ("none" for prospects). Due
    states match `cadence.next_due`: a tracked person never contacted is due
    today (or at the end of a snooze), "this week" is today to seven days on.
    Unknown values raise InvalidInput.
    """
    if not (tier or due):
        return people
    return people.filter(
        _keeping_in_touch("relationship__", tier=tier, due=due, today=today)
    )


def count_by_keeping_in_touch(
    network: Network,
    *,
    tier: str | None = None,
    due: str | None = None,
    today: date | None = None,
) -> int:
    """How many people `search_people(network)` narrowed by
    `filter_by_keeping_in_touch` holds, without the join.

    Counting through the join reads every person row of a large network;
    the Relationship table alone is narrow. Archived people are left out of
    the list, so those matching are counted apart (there are few) and taken
    off.
    """
    # A sequential scan of the narrow table (`ranking.scan`) beats its
    # network index here too.
    matching = ranking.scan(network).filter(
        _keeping_in_touch("", tier=tier, due=due, today=today)
    )
    archived = Person.objects.filter(network=network, archived=True).filter(
        _keeping_in_touch("relationship__", tier=tier, due=due, today=today)
    )
    return matching.count() - archived.count()


def _narrowed(
    people: QuerySet[Person],
    network: Network,
    *,
    tag: str | None,
    organization: str | None,
    tier: str | None,
    due: str | None,
    today: date | None,
) -> QuerySet[Person]:
    # The tag and the organization are looked up first (subqueries), so the
    # database starts from the few people they name instead of testing
    # every person of a large network against them.
    if tag:
        people = people.filter(
            pk__in=Person.tags.through.objects.filter(
                tag__network=network, tag__name=clean_text(tag).casefold()
            ).values("person_id")
        )
    if organization:
        people = people.filter(
            organization__in=Organization.objects.filter(
                network=network, normalized_name=organization_key(organization)
            ).values("pk")
        )
    return filter_by_keeping_in_touch(people, tier=tier, due=due, today=today)


def list_people(
    network: Network,
    query: str = "",
    *,
    tag: str | None = None,
    organization: str | None = None,
    tier: str | None = None,
    due: str | None = None,
    today: date | None = None,
) -> QuerySet[Person]:
    """The web list: `search_people` narrowed by tag, organization, tier and
    due state, ordered by name.

    The same people as `search_people(..., tag=, organization=)` then
    `filter_by_keeping_in_touch`, in query shapes that stay fast on a large
    network. With a text query, `matching_ids` is the faster way to a page.
    """
    return _narrowed(
        search_people(network, query),
        network,
        tag=tag,
        organization=organization,
        tier=tier,
        due=due,
        today=today,
    )


def matching_ids(
    network: Network,
    query: str,
    *,
    cap: int,
    sort_limit: int = SPARSE_MATCHES,
    tag: str | None = None,
    organization: str | None = None,
    tier: str | None = None,
    due: str | None = None,
    today: date | None = None,
) -> tuple[list[int], bool]:
    """The ids `list_people` holds, in its order, the first `cap` of them;
    and whether there are more.

    On SQLite, a text of three characters or more is first looked up in
    the trigram index (`SEARCH_INDEX`). When it names at most `sort_limit`
    candidates, only they are tested and sorted. When it names more,
    matches are dense and the walk by name is quick: it tests each person
    against the candidates, or against the text when they are very many.

    Otherwise a text match cannot use an index. Walking the name index to
    keep the order reads a large network's rows at random, which is slow
    unless matches are dense; so a first pass, in table order, stops after
    `sort_limit` matches. When that is all of them, only they are sorted;
    when there are more, matches are dense and the walk by name is quick.
    """
    narrow = {"tag": tag, "organization": organization, "tier": tier, "due": due}
    text = clean_text(query)
    people = Person.objects.filter(network=network, archived=False)
    if text:
        dense_limit = DENSE_FACTOR * sort_limit
        candidates = _count_candidates(network, text, limit=dense_limit)
        if candidates is not None and candidates <= sort_limit:
            found = _narrowed(
                _starting_from(network, _index_subquery(text))
                .filter(archived=False)
                .filter(_text_match(text)),
                network,
                today=today,
                **narrow,
            )
            ordered = found.order_by(Lower("full_name"), "pk")
            page = list(ordered.values_list("pk", flat=True)[: cap + 1])
            return page[:cap], len(page) > cap
        if candidates is not None and not any(narrow.values()):
            walk = _search_people(network, text, use_index=False)
            if candidates <= dense_limit:
                # `+ 0`: test the id against the candidates without letting
                # SQLite start from them (and sort them all).
                walk = walk.alias(indexed_id=F("pk") + 0).filter(
                    indexed_id__in=_index_subquery(text)
                )
            ordered_ids = list(walk.values_list("pk", flat=True)[: cap + 1])
            return ordered_ids[:cap], len(ordered_ids) > cap
        # One or two letters match most addresses: probe each person's own
        # (the pass stops early anyway). A longer text matches few: read
        # those from the email index once rather than probe every person.
        people = people.filter(
            _text_match(text, network=network if len(text) >= 3 else None)
        )
    people = _narrowed(people, network, today=today, **narrow)
    ids = list(people.order_by().values_list("pk", flat=True)[: sort_limit + 1])
    if len(ids) <= sort_limit:
        ordered = Person.objects.filter(pk__in=ids).order_by(Lower("full_name"), "pk")
        found_ids = list(ordered.values_list("pk", flat=True))
        return found_ids[:cap], len(found_ids) > cap
    walk = _narrowed(
        _search_people(network, text, use_index=False),
        network,
        today=today,
        **narrow,
    )
    ordered_ids = list(walk.values_list("pk", flat=True)[: cap + 1])
    return ordered_ids[:cap], len(ordered_ids) > cap


def people_by_ids(network: Network, ids: Sequence[int]) -> list[Person]:
    """These people of the network, in the order of `ids` (one query)."""
    found = (
        Person.objects.filter(network=network)
        .select_related("organization")
        .in_bulk(list(ids))
    )
    return [found[pk] for pk in ids if pk in found]


def network_tags(network: Network, *, limit: int = 200) -> list[str]:
    """The network's tag names, alphabetically (the first `limit`)."""
    return list(
        Tag.objects.filter(network=network)
        .order_by("name")
        .values_list("name", flat=True)[:limit]
    )


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One line of a person's history: an interaction or a life event."""

    kind: str  # "interaction" or "event"
    id: int
    on: date
    # Interactions: intent, channel, who began it, the others present.
    intent: str = ""
    channel: str = ""
    initiated_by: str = ""
    summary: str = ""
    follow_up_on: date | None = None
    with_names: tuple[str, ...] = ()
    # Events: job-change, new-title, birthday, anniversary, merged.
    event_kind: str = ""
    event_label: str = ""
    previous: str = ""
    current: str = ""


@dataclass(frozen=True, slots=True)
class Timeline:
    entries: list[TimelineEntry]
    has_more: bool


def person_timeline(
    network: Network, person: Person, *, offset: int = 0, limit: int = 20
) -> Timeline:
    """Interactions and life events of a person, most recent first.

    Four queries whatever the length of the history or the page: the keys
    of both kinds up to the end of the page (from the person's own indexes),
    then the page's interactions with their other participants.
    """
    end = offset + limit
    keys = [
        (on, 1, pk)
        for on, pk in Participation.objects.filter(person=person)
        .order_by("-occurred_on", "-interaction_id")
        .values_list("occurred_on", "interaction_id")[: end + 1]
    ]
    events = {
        e.pk: e
        for e in PersonEvent.objects.filter(network=network, person=person).order_by(
            "-occurred_on", "-pk"
        )[: end + 1]
    }
    keys += [(e.occurred_on, 0, pk) for pk, e in events.items()]
    # Newest first; on one day, interactions before events, newest id first.
    keys.sort(key=lambda k: (k[0], k[1], k[2]), reverse=True)
    page = keys[offset:end]
    interaction_ids = [pk for _, kind, pk in page if kind == 1]
    interactions = (
        Interaction.objects.filter(network=network, pk__in=interaction_ids)
        .prefetch_related("people")
        .in_bulk()
        if interaction_ids
        else {}
    )
    entries = []
    for _, kind, pk in page:
        if kind == 0:
            e = events[pk]
            entries.append(
                TimelineEntry(
                    kind="event",
                    id=pk,
                    on=e.occurred_on,
                    summary=e.summary,
                    event_kind=e.kind,
                    event_label=PersonEvent.Kind(e.kind).label
                    if e.kind in PersonEvent.Kind.values
                    else e.kind,
                    previous=e.previous,
                    current=e.current,
                )
            )
        elif pk in interactions:
            i = interactions[pk]
            entries.append(
                TimelineEntry(
                    kind="interaction",
                    id=pk,
                    on=i.occurred_on,
                    intent=i.intent,
                    channel=i.channel,
                    initiated_by=i.initiated_by,
                    summary=i.summary,
                    follow_up_on=i.follow_up_on,
                    with_names=tuple(
                        p.full_name for p in i.people.all() if p.pk != person.pk
                    ),
                )
            )
    return Timeline(entries=entries, has_more=len(keys) > end)


@dataclass(frozen=True, slots=True)
class IntroductionLine:
    """An introduction this person took part in, told from the user's side."""

    id: int
    on: date
    introducer_id: int
    introducer: str
    introduced_id: int
    introduced: str
    # None: the introduction was to the user.
    introduced_to_id: int | None
    introduced_to: str | None
    outcome: str


def person_introductions(
    network: Network, person: Person, *, limit: int = 50
) -> list[IntroductionLine]:
    """Introductions this person made, received or was the other side of;
    newest first, one query."""
    rows = (
        Introduction.objects.filter(network=network)
        .filter(Q(introducer=person) | Q(introduced=person) | Q(introduced_to=person))
        .order_by("-introduced_on", "-pk")
        .values_list(
            "pk", "introduced_on", "introducer_id", "introducer__full_name",
            "introduced_id", "introduced__full_name", "introduced_to_id",
            "introduced_to__full_name", "outcome",
        )[:limit]
    )  # fmt: skip
    return [IntroductionLine(*row) for row in rows]


@dataclass(frozen=True, slots=True)
class CreditedLead:
    """A lead this person is credited with, and how."""

    id: int
    title: str
    organization: str | None
    stage: str
    role: str  # "opened" or "through"
    created_on: date


def leads_credited_to(
    network: Network, person: Person, *, limit: int = 50
) -> list[CreditedLead]:
    """The leads crediting this person, newest first, in one query."""
    rows = (
        LeadCredit.objects.filter(network=network, person=person)
        .order_by("-lead__created_on", "-lead_id")
        .values_list(
            "lead_id", "lead__title", "lead__organization__name", "lead__stage",
            "role", "lead__created_on",
        )[:limit]
    )  # fmt: skip
    return [CreditedLead(*row) for row in rows]


@dataclass(frozen=True, slots=True)
class PossibleDuplicate:
    """An open merge suggestion naming this person: who the other one is."""

    suggestion_id: int
    other_id: int
    other_name: str
    other_organization: str | None
    reasons: str


def merge_suggestions_for(network: Network, person: Person) -> list[PossibleDuplicate]:
    """Open merge suggestions involving this person, oldest first, one query."""
    found = []
    for pk, a_id, a_name, a_org, b_id, b_name, b_org, reasons in (
        MergeSuggestion.objects.filter(
            network=network, status=MergeSuggestion.Status.OPEN
        )
        .filter(Q(person_a=person) | Q(person_b=person))
        .order_by("created_at", "pk")
        .values_list(
            "pk", "person_a_id", "person_a__full_name",
            "person_a__organization__name", "person_b_id", "person_b__full_name",
            "person_b__organization__name", "reasons",
        )
    ):  # fmt: skip
        if a_id == person.pk:
            found.append(PossibleDuplicate(pk, b_id, b_name, b_org, reasons))
        else:
            found.append(PossibleDuplicate(pk, a_id, a_name, a_org, reasons))
    return found
