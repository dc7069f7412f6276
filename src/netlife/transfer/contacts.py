"""Bringing people in from address books: LinkedIn, vCard, Google, Outlook.

`import_contacts` takes what a reader in `netlife.formats` produced (a
`ReadResult` of `ContactRecord`s) and merges it into the network:

- a record whose source id (LinkedIn profile, vCard UID) is already known
  is that person again;
- otherwise `engines.matching` looks for the person by identifiers and
  blocked fuzzy names: a *sure* match merges into that person, keeping
  every email, phone and source id; an uncertain one creates the person
  and files a `MergeSuggestion` for the user to confirm or dismiss —
  fuzzy evidence never merges on its own;
- nobody found: a new contact, whose strength starts at the never-contacted
  base (docs/tie-strength.md).

A changed organization on a re-import becomes a job-change event (the
agenda's reason to congratulate), a changed title a new-title event.
Everything happens in one transaction, and a file with unreadable records
imports nothing unless told to skip them. Re-importing the same file
changes nothing, and the counts say so.
"""

import hashlib
import uuid
from collections import defaultdict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, cast

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from netlife.core import clock
from netlife.core.bulk import insert_rows
from netlife.core.errors import ImportFailed
from netlife.core.progress import Advance, no_progress
from netlife.engines.contact_values import (
    clean_text,
    looks_like_email,
    normalize_email,
    normalize_phone,
    normalize_url,
    organization_key,
    split_full_name,
)
from netlife.engines.matching import MatchIndex, MatchKeys, keys_for
from netlife.formats import linkedin
from netlife.formats.contact_record import ContactRecord, ReadResult
from netlife.networks.models import Network
from netlife.people.models import (
    ContactMethod,
    MergeSuggestion,
    Organization,
    Person,
    PersonEvent,
    SourceId,
)
from netlife.relationships.services import refresh_relationships
from netlife.transfer.conversations import (
    ConversationImportResult,
    import_conversations,
    index_profiles,
    profile_index,
)

# Longest values the columns hold; longer ones are cut, not refused.
_NAME_MAX = 300
_VALUE_MAX = 500
_BATCH = 1000


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """A record that may be someone already here: the user decides."""

    position: str
    person_id: int | None  # the person the record became (None in a dry run)
    name: str
    candidate_id: int | None
    candidate_name: str
    reasons: tuple[str, ...]


@dataclass(slots=True)
class ContactImportResult:
    """What an address-book import did (or, with dry_run, would do)."""

    source: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    merged: int = 0
    review: list[ReviewItem] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # skipped with skip_bad
    skipped: dict[str, int] = field(default_factory=dict)
    job_changes: int = 0
    notes: tuple[str, ...] = ()
    dry_run: bool = False
    # The export's messages, as interactions (LinkedIn only; empty otherwise).
    conversations: ConversationImportResult = field(
        default_factory=ConversationImportResult
    )

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "merged": self.merged,
            "review": [
                {
                    "position": r.position,
                    "person_id": r.person_id,
                    "name": r.name,
                    "candidate_id": r.candidate_id,
                    "candidate_name": r.candidate_name,
                    "reasons": list(r.reasons),
                }
                for r in self.review
            ],
            "errors": self.errors,
            "skipped": self.skipped,
            "job_changes": self.job_changes,
            "notes": list(self.notes),
            "dry_run": self.dry_run,
            "conversations": self.conversations.to_json(),
        }


def _profile_keys(record: ContactRecord) -> list[str]:
    return [
        normalize_url(u.value)
        for u in record.urls
        if "linkedin.com/in/" in u.value.casefold()
    ]


def _record_keys(ref: Hashable, record: ContactRecord, region: str) -> MatchKeys:
    return keys_for(
        ref,
        full_name=record.full_name,
        given_name=record.given_name,
        family_name=record.family_name,
        organization=record.organization,
        emails=[e.value for e in record.emails],
        phones=[p.value for p in record.phones],
        profiles=_profile_keys(record),
        source_ids=[f"{record.source}:{record.source_id}"] if record.source_id else [],
        region=region,
    )


# A person this import creates has no primary key until the bulk insert at
# the end, so the plan refers to people by ref: a primary key for someone
# already here, a negative number for someone new.
Ref = int


@dataclass(slots=True)
class _Someone:
    """A person as the import reads and changes them: one already here (read
    as plain values, far cheaper than model instances) or one it creates."""

    pk: int | None
    full_name: str
    organization: Organization | None
    title: str
    met_on: date | None
    birthday_month: int | None
    birthday_day: int | None
    birthday_year: int | None
    kind: str = Person.Kind.CONTACT
    row: dict[str, Any] = field(default_factory=dict)  # a new person's other columns
    given_name: str = ""
    family_name: str = ""


class _Network:
    """The network's people as matching and merging need them, read in bulk."""

    def __init__(self, network: Network, region: str) -> None:
        self.network = network
        self.region = region
        organizations = {o.pk: o for o in Organization.objects.filter(network=network)}
        self.organizations: dict[str, Organization] = {
            o.normalized_name: o for o in organizations.values()
        }
        self.people: dict[Ref, _Someone] = {}
        for pk, name, given, family, org, title, met_on, month, day, year, kind in (
            Person.objects.filter(network=network).values_list(
                "pk", "full_name", "given_name", "family_name", "organization_id",
                "title", "met_on", "birthday_month", "birthday_day",
                "birthday_year", "kind",
            )
        ):  # fmt: skip
            self.people[pk] = _Someone(
                pk, name, organizations.get(org), title, met_on, month, day, year,
                kind, given_name=given, family_name=family,
            )  # fmt: skip
        self.methods: dict[Ref, set[tuple[str, str]]] = defaultdict(set)
        emails: dict[int, list[str]] = defaultdict(list)
        phones: dict[int, list[str]] = defaultdict(list)
        profiles: dict[int, list[str]] = defaultdict(list)
        for person_id, kind, value, normalized in ContactMethod.objects.filter(
            network=network
        ).values_list("person_id", "kind", "value", "normalized"):
            self.methods[person_id].add((kind, normalized))
            if kind == ContactMethod.Kind.EMAIL:
                emails[person_id].append(value)
            elif kind == ContactMethod.Kind.PHONE:
                phones[person_id].append(value)
            elif "linkedin.com/in/" in normalized:
                profiles[person_id].append(normalized)
        self.source_ids: dict[tuple[str, str], Ref] = {}
        sources: dict[int, list[str]] = defaultdict(list)
        for person_id, source, value in SourceId.objects.filter(
            network=network
        ).values_list("person_id", "source", "value"):
            self.source_ids[(source, value)] = person_id
            sources[person_id].append(f"{source}:{value}")
        self.new_organizations: list[Organization] = []
        self._known = (emails, phones, profiles, sources)
        self._index: MatchIndex | None = None

    @property
    def index(self) -> MatchIndex:
        """Everyone's match keys, built when first needed: a re-import that
        finds everyone by source id never needs them."""
        if self._index is None:
            emails, phones, profiles, sources = self._known
            self._index = MatchIndex.of(
                keys_for(
                    pk,
                    full_name=p.full_name,
                    given_name=p.given_name,
                    family_name=p.family_name,
                    organization=p.organization.name if p.organization else "",
                    emails=emails[pk],
                    phones=phones[pk],
                    profiles=profiles[pk],
                    source_ids=sources[pk],
                    region=self.region,
                )
                for pk, p in self.people.items()
                if pk > 0  # people this import creates join as it goes
            )
        return self._index

    def organization(self, name: str) -> Organization | None:
        """The organization of that name, planned for creation when it is new."""
        cleaned = clean_text(name)[:200]
        if not cleaned:
            return None
        key = organization_key(cleaned)
        found = self.organizations.get(key)
        if found is None:
            found = Organization(
                network=self.network, name=cleaned, normalized_name=key
            )
            self.organizations[key] = found
            self.new_organizations.append(found)
        return found


def _methods(record: ContactRecord) -> list[tuple[str, str, str, str, bool]]:
    """(kind, value, normalized, label, primary), one per distinct value."""
    found: dict[tuple[str, str], tuple[str, str, str, str, bool]] = {}
    for value in record.emails:
        text = clean_text(value.value)[:_VALUE_MAX]
        if looks_like_email(text):
            key = (ContactMethod.Kind.EMAIL, normalize_email(text))
            found.setdefault(key, (*key[:1], text, key[1], value.label, value.primary))
    for value in record.phones:
        text = clean_text(value.value)[:_VALUE_MAX]
        if normalized := normalize_phone(text):
            key = (ContactMethod.Kind.PHONE, normalized)
            found.setdefault(key, (*key[:1], text, key[1], value.label, value.primary))
    for value in record.urls:
        text = clean_text(value.value)[:_VALUE_MAX]
        if normalized := normalize_url(text):
            key = (ContactMethod.Kind.URL, normalized[:_VALUE_MAX])
            found.setdefault(key, (*key[:1], text, key[1], value.label, value.primary))
    return list(found.values())


def fingerprint(keys: MatchKeys) -> str:
    """A stand-in source id for a record its source gave no id (a Google row).

    The same row imported again has the same fingerprint, so a re-import
    finds the person it created even when nothing else identifies them (a
    name alone would otherwise be a doubtful match and a second person).
    """
    text = "\x1f".join(
        [keys.name, keys.organization, *sorted(keys.emails), *sorted(keys.phones)]
    )
    return "~" + hashlib.sha256(text.encode()).hexdigest()[:24]


@dataclass(slots=True)
class _Suggestion:
    record: ContactRecord
    new: Ref
    candidate: Ref
    reasons: tuple[str, ...]


# Told each record that changes the network, and how: "new", "updated", "merged".
Noted = Callable[[ContactRecord, str], None]


class _Importer:
    """Plans every change in memory, then writes it in a few bulk statements."""

    def __init__(
        self, network: Network, result: ReadResult, source: str, region: str
    ) -> None:
        self.network = network
        self.result = result
        self.source = source
        self.here = _Network(network, region)
        self.region = region
        self.outcome = ContactImportResult(
            source=source, skipped=dict(result.skipped), notes=result.notes
        )
        self.today = clock.today()
        self.drafts: dict[Ref, _Someone] = {}
        self.changed_fields: dict[Ref, set[str]] = defaultdict(set)
        self.new_methods: list[dict[str, Any]] = []  # "person" holds a ref
        self.new_source_ids: list[dict[str, Any]] = []
        self.events: list[dict[str, Any]] = []
        self.suggestions: list[_Suggestion] = []
        self.seen: set[Ref] = set()  # people a record of this file already reached

    def _person(self, ref: Ref) -> _Someone:
        return self.drafts[ref] if ref < 0 else self.here.people[ref]

    def plan(self, advance: Advance, noted: Noted | None = None) -> None:
        outcome = self.outcome
        for number, record in enumerate(self.result.records, start=1):
            before = (outcome.created, outcome.updated, outcome.merged)
            self._one(record)
            if noted is not None:
                after = (outcome.created, outcome.updated, outcome.merged)
                changed = [a != b for a, b in zip(after, before, strict=True)]
                if any(changed):
                    noted(record, ("new", "updated", "merged")[changed.index(True)])
            if number % 500 == 0:
                advance(500)
        advance(len(self.result.records) % 500)

    def _one(self, record: ContactRecord) -> None:
        name = clean_text(record.full_name)[:_NAME_MAX]
        if not name:
            self.outcome.skipped["no name"] = self.outcome.skipped.get("no name", 0) + 1
            return
        keys = None
        if not record.source_id:
            keys = _record_keys(0, record, self.region)
            record = replace(record, source_id=fingerprint(keys))
        ref = self.here.source_ids.get((record.source, record.source_id[:_VALUE_MAX]))
        by_source = ref is not None
        reviews = []
        if ref is None:
            keys = keys or _record_keys(0, record, self.region)
            for match in self.here.index.find(keys):
                if match.verdict == "sure" and ref is None:
                    ref = cast("Ref", match.existing)
                elif match.verdict == "review":
                    reviews.append(match)
        if ref is None:
            assert keys is not None
            ref = self._create(record, name, keys)
            for match in reviews[:3]:
                self.suggestions.append(
                    _Suggestion(record, ref, cast("Ref", match.existing), match.reasons)
                )
            return
        changed = self._update(ref, record)
        if not changed:
            self.outcome.unchanged += 1
        elif by_source:
            self.outcome.updated += 1
        else:
            self.outcome.merged += 1

    def _create(self, record: ContactRecord, name: str, keys: MatchKeys) -> Ref:
        ref = -(len(self.drafts) + 1)
        given, family = split_full_name(name)
        birthday = record.birthday
        self.drafts[ref] = _Someone(
            pk=None,
            full_name=name,
            organization=self.here.organization(record.organization),
            title=clean_text(record.title)[:_NAME_MAX],
            met_on=record.connected_on,
            birthday_month=birthday.month if birthday else None,
            birthday_day=birthday.day if birthday else None,
            birthday_year=birthday.year if birthday else None,
            row={
                "given_name": clean_text(record.given_name)[:150] or given[:150],
                "family_name": clean_text(record.family_name)[:150] or family[:150],
                "notes": record.notes.strip(),
                "uid": uuid.uuid4(),
            },
        )
        self._add_methods(ref, record)
        self._add_source_id(ref, record)
        self.here.index.add(replace(keys, ref=ref))
        self.outcome.created += 1
        self.seen.add(ref)
        return ref

    def _add_methods(self, ref: Ref, record: ContactRecord) -> bool:
        have = self.here.methods[ref]
        added = False
        for kind, value, normalized, label, primary in _methods(record):
            if (kind, normalized) in have:
                continue
            have.add((kind, normalized))
            self.new_methods.append({
                "person": ref, "kind": kind, "value": value,
                "normalized": normalized, "label": label[:64], "is_primary": primary,
            })  # fmt: skip
            added = True
        return added

    def _add_source_id(self, ref: Ref, record: ContactRecord) -> bool:
        key = (record.source, record.source_id[:_VALUE_MAX])
        if not record.source_id or key in self.here.source_ids:
            return False
        self.new_source_ids.append({"person": ref, "source": key[0], "value": key[1]})
        self.here.source_ids[key] = ref
        return True

    def _event(
        self, ref: Ref, kind: str, previous: str, current: str, summary: str
    ) -> None:
        self.events.append({
            "person": ref, "kind": kind, "occurred_on": self.today,
            "previous": previous[:300], "current": current[:300],
            "summary": summary[:500], "source": self.source,
        })  # fmt: skip

    def _update(self, ref: Ref, record: ContactRecord) -> bool:
        person = self._person(ref)
        changed = self._add_methods(ref, record)
        changed |= self._add_source_id(ref, record)
        fields: list[str] = []
        # A second record of the same person in one file (an old card beside
        # a new one) adds what it knows but does not overwrite the first:
        # otherwise every re-import would flip the job back and forth.
        first_here = ref not in self.seen
        self.seen.add(ref)
        organization = clean_text(record.organization)
        current = person.organization
        if (
            first_here
            and organization
            and (
                current is None
                or organization_key(organization) != current.normalized_name
            )
        ):
            after = self.here.organization(organization)
            if current is not None and after is not None:
                self._event(ref, PersonEvent.Kind.JOB_CHANGE, current.name,
                            after.name, f"Moved to {after.name}")  # fmt: skip
                self.outcome.job_changes += 1
            person.organization = after
            fields.append("organization")
        title = clean_text(record.title)[:_NAME_MAX]
        if first_here and title and title != person.title:
            if person.title and "organization" not in fields:
                self._event(ref, PersonEvent.Kind.NEW_TITLE, person.title, title,
                            f"Now {title}")  # fmt: skip
            person.title = title
            fields.append("title")
        if record.birthday and not person.birthday_month:
            person.birthday_month = record.birthday.month
            person.birthday_day = record.birthday.day
            person.birthday_year = record.birthday.year
            fields += ["birthday_month", "birthday_day", "birthday_year"]
        if record.connected_on and not person.met_on:
            person.met_on = record.connected_on
            fields.append("met_on")
        if person.kind == Person.Kind.PROSPECT:
            # Someone in the user's own address book is someone they know.
            person.kind = Person.Kind.CONTACT
            fields.append("kind")
        if fields and ref > 0:
            self.changed_fields[ref].update(fields)
        return changed or bool(fields)

    def write(self) -> set[int]:
        """Carry the plan out in bulk; returns the ids of the people touched."""
        Organization.objects.bulk_create(self.here.new_organizations, batch_size=_BATCH)
        pk = self._write_people()
        if self.changed_fields:
            now = timezone.now()
            fields = sorted(set().union(*self.changed_fields.values()))
            updated = []
            for ref in self.changed_fields:
                someone = self.here.people[ref]
                person = Person(pk=someone.pk, updated_at=now)
                for name in fields:
                    setattr(person, name, getattr(someone, name))
                updated.append(person)
            Person.objects.bulk_update(
                updated, [*fields, "updated_at"], batch_size=_BATCH
            )
        for rows, model in (
            (self.new_methods, ContactMethod),
            (self.new_source_ids, SourceId),
            (self.events, PersonEvent),
        ):
            for row in rows:
                row["person"] = pk[row["person"]]
                row["network"] = self.network.pk
            insert_rows(model, rows)
        self._write_suggestions(pk)
        touched = {pk[ref] for ref in self.drafts}
        touched.update(self.changed_fields)
        touched.update(row["person"] for row in self.new_methods + self.new_source_ids)
        return touched

    def _write_people(self) -> dict[Ref, int]:
        """Insert the drafts; returns every ref's primary key."""
        rows = []
        for draft in self.drafts.values():
            org = draft.organization
            rows.append({
                **draft.row, "network": self.network.pk, "full_name": draft.full_name,
                "organization": org.pk if org else None, "title": draft.title,
                "met_on": draft.met_on, "kind": draft.kind,
                "birthday_month": draft.birthday_month,
                "birthday_day": draft.birthday_day,
                "birthday_year": draft.birthday_year,
            })  # fmt: skip
        pk: dict[Ref, int] = {ref: ref for ref in self.here.people}
        if not rows:
            return pk
        before = Person.objects.order_by("-pk").values_list("pk", flat=True).first()
        insert_rows(Person, rows)
        # Ids only grow, so the new people are among those past the old
        # highest id: one range read, matched by uid (another network's
        # concurrent insert lands there too and is ignored).
        by_uid = {draft.row["uid"]: ref for ref, draft in self.drafts.items()}
        for uid, person_id in Person.objects.filter(pk__gt=before or 0).values_list(
            "uid", "pk"
        ):
            if (ref := by_uid.get(uid)) is not None:
                pk[ref] = person_id
                self.drafts[ref].pk = person_id
        return pk

    def _write_suggestions(self, pk: dict[Ref, int]) -> None:
        pairs: dict[tuple[int, int], _Suggestion] = {}
        for suggestion in self.suggestions:
            a, b = sorted((pk[suggestion.new], pk[suggestion.candidate]))
            pairs.setdefault((a, b), suggestion)
        # One side of every pair is new, so no pair can already be there.
        insert_rows(
            MergeSuggestion,
            (
                {"network": self.network.pk, "person_a": a, "person_b": b,
                 "reasons": "; ".join(s.reasons)[:500], "source": s.record.source}
                for (a, b), s in pairs.items()
            ),
        )  # fmt: skip

    def review(self) -> list[ReviewItem]:
        """The doubtful matches, with ids once written (None in a dry run)."""
        items = []
        for s in self.suggestions:
            person, other = self._person(s.new), self._person(s.candidate)
            items.append(
                ReviewItem(s.record.position, person.pk, person.full_name,
                           other.pk, other.full_name, s.reasons)
            )  # fmt: skip
        return items


def import_contacts(
    network: Network,
    result: ReadResult,
    *,
    source: str,
    dry_run: bool = False,
    skip_bad: bool = False,
    advance: Advance = no_progress,
    noted: Noted | None = None,
) -> ContactImportResult:
    """Merge a reader's records into the network, atomically (see the module doc).

    `noted`, when given, hears each record that would create, update or
    merge someone, with "new", "updated" or "merged": a preview shows the
    first few.

    A LinkedIn export's messages become interactions in the same
    transaction, after the people they are with (`transfer.conversations`);
    a dry run counts them against the people it would create.
    """
    errors = [f"{e.position}: {e.message}" for e in result.errors]
    if errors and not skip_bad:
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise ImportFailed(
            f"Nothing was imported: {errors[0]}{more}. Fix the file, or use "
            "--skip-bad to import the rest."
        )
    importer = _Importer(network, result, source, settings.NETLIFE_PHONE_REGION)
    importer.plan(advance, noted)
    outcome = importer.outcome
    if dry_run and result.messages:
        # Nobody planned exists yet: the plan's source ids (negative refs for
        # new people, merges included) stand in for what the write would
        # store, so the preview counts their conversations too.
        planned = [
            (value, ref)
            for (kind, value), ref in importer.here.source_ids.items()
            if kind == linkedin.SOURCE
        ]
        outcome.conversations = import_conversations(
            network,
            result.messages,
            profiles={**profile_index(network), **index_profiles(planned, ())},
            dry_run=True,
        )
    if not dry_run:
        with transaction.atomic():
            touched = importer.write()
            if result.messages:
                # Read after the write, so the people just created count.
                outcome.conversations = import_conversations(
                    network,
                    result.messages,
                    profiles=profile_index(network),
                    dry_run=False,
                )
                touched |= outcome.conversations.people
            if touched:
                refresh_relationships(network, sorted(touched))
    importer.outcome.review = importer.review()
    importer.outcome.errors = errors
    importer.outcome.dry_run = dry_run
    return importer.outcome
