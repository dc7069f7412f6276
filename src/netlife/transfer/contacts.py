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

from collections import defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from django.conf import settings
from django.db import transaction

from netlife.core import clock
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

# Longest values the columns hold; longer ones are cut, not refused.
_NAME_MAX = 300
_VALUE_MAX = 500


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """A record that may be someone already here: the user decides."""

    position: str
    person_id: int  # the person the record became
    name: str
    candidate_id: int
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


class _Network:
    """The network's people as matching and merging need them, read in bulk."""

    def __init__(self, network: Network, region: str) -> None:
        self.network = network
        self.region = region
        self.people: dict[int, Person] = {
            p.pk: p
            for p in Person.objects.filter(network=network).select_related(
                "organization"
            )
        }
        self.methods: dict[int, set[tuple[str, str]]] = defaultdict(set)
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
        self.source_ids: dict[tuple[str, str], int] = {}
        sources: dict[int, list[str]] = defaultdict(list)
        for person_id, source, value in SourceId.objects.filter(
            network=network
        ).values_list("person_id", "source", "value"):
            self.source_ids[(source, value)] = person_id
            sources[person_id].append(f"{source}:{value}")
        self.organizations: dict[str, Organization] = {
            o.normalized_name: o for o in Organization.objects.filter(network=network)
        }
        self.index = MatchIndex.of(
            keys_for(
                p.pk,
                full_name=p.full_name,
                given_name=p.given_name,
                family_name=p.family_name,
                organization=p.organization.name if p.organization else "",
                emails=emails[p.pk],
                phones=phones[p.pk],
                profiles=profiles[p.pk],
                source_ids=sources[p.pk],
                region=region,
            )
            for p in self.people.values()
        )

    def organization(self, name: str) -> Organization | None:
        cleaned = clean_text(name)[:200]
        if not cleaned:
            return None
        key = organization_key(cleaned)
        found = self.organizations.get(key)
        if found is None:
            found = Organization.objects.create(
                network=self.network, name=cleaned, normalized_name=key
            )
            self.organizations[key] = found
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


class _Importer:
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
        self.touched: set[int] = set()
        self.today = clock.today()

    def run(self, advance: Advance) -> None:
        for number, record in enumerate(self.result.records, start=1):
            self._one(record)
            if number % 500 == 0:
                advance(500)
        advance(len(self.result.records) % 500)

    def _one(self, record: ContactRecord) -> None:
        name = clean_text(record.full_name)[:_NAME_MAX]
        if not name:
            self.outcome.skipped["no name"] = self.outcome.skipped.get("no name", 0) + 1
            return
        keys = _record_keys(record.position, record, self.region)
        person_id = None
        by_source = False
        if record.source_id:
            person_id = self.here.source_ids.get((record.source, record.source_id))
            by_source = person_id is not None
        reviews = []
        if person_id is None:
            for match in self.here.index.find(keys):
                if match.verdict == "sure" and person_id is None:
                    person_id = cast("int", match.existing)
                elif match.verdict == "review":
                    reviews.append(match)
        if person_id is None:
            person = self._create(record, name)
            for match in reviews[:3]:
                self._suggest(record, person, match.existing, match.reasons)
            return
        changed = self._update(self.here.people[person_id], record)
        if not changed:
            self.outcome.unchanged += 1
        elif by_source:
            self.outcome.updated += 1
        else:
            self.outcome.merged += 1

    def _create(self, record: ContactRecord, name: str) -> Person:
        given, family = split_full_name(name)
        birthday = record.birthday
        person = Person.objects.create(
            network=self.network,
            full_name=name,
            given_name=clean_text(record.given_name)[:150] or given[:150],
            family_name=clean_text(record.family_name)[:150] or family[:150],
            organization=self.here.organization(record.organization),
            title=clean_text(record.title)[:_NAME_MAX],
            met_on=record.connected_on,
            notes=record.notes.strip(),
            birthday_month=birthday.month if birthday else None,
            birthday_day=birthday.day if birthday else None,
            birthday_year=birthday.year if birthday else None,
        )
        self.here.people[person.pk] = person
        self._add_methods(person, record)
        self._add_source_id(person, record)
        self.here.index.add(_record_keys(person.pk, record, self.region))
        self.outcome.created += 1
        self.touched.add(person.pk)
        return person

    def _add_methods(self, person: Person, record: ContactRecord) -> bool:
        have = self.here.methods[person.pk]
        new = [
            ContactMethod(
                network=self.network,
                person=person,
                kind=kind,
                value=value,
                normalized=normalized,
                label=label[:64],
                is_primary=primary,
            )
            for kind, value, normalized, label, primary in _methods(record)
            if (kind, normalized) not in have
        ]
        ContactMethod.objects.bulk_create(new)
        have.update((m.kind, m.normalized) for m in new)
        return bool(new)

    def _add_source_id(self, person: Person, record: ContactRecord) -> bool:
        key = (record.source, record.source_id[:_VALUE_MAX])
        if not record.source_id or key in self.here.source_ids:
            return False
        SourceId.objects.create(
            network=self.network, person=person, source=key[0], value=key[1]
        )
        self.here.source_ids[key] = person.pk
        return True

    def _update(self, person: Person, record: ContactRecord) -> bool:
        changed = self._add_methods(person, record)
        changed |= self._add_source_id(person, record)
        fields: list[str] = []
        organization = clean_text(record.organization)
        current = person.organization
        if organization and (
            current is None or organization_key(organization) != current.normalized_name
        ):
            after = self.here.organization(organization)
            if current is not None and after is not None:
                PersonEvent.objects.create(
                    network=self.network, person=person,
                    kind=PersonEvent.Kind.JOB_CHANGE, occurred_on=self.today,
                    previous=current.name, current=after.name,
                    summary=f"Moved to {after.name}", source=record.source,
                )  # fmt: skip
                self.outcome.job_changes += 1
            person.organization = after
            fields.append("organization")
        title = clean_text(record.title)[:_NAME_MAX]
        if title and title != person.title:
            if person.title and "organization" not in fields:
                PersonEvent.objects.create(
                    network=self.network, person=person,
                    kind=PersonEvent.Kind.NEW_TITLE, occurred_on=self.today,
                    previous=person.title, current=title,
                    summary=f"Now {title}", source=record.source,
                )  # fmt: skip
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
        if fields:
            person.save(update_fields=[*fields, "updated_at"])
        if changed or fields:
            self.touched.add(person.pk)
        return changed or bool(fields)

    def _suggest(
        self,
        record: ContactRecord,
        person: Person,
        candidate: Hashable,
        reasons: Sequence[str],
    ) -> None:
        other = self.here.people[cast("int", candidate)]
        low, high = sorted((person.pk, other.pk))
        suggestion, _ = MergeSuggestion.objects.get_or_create(
            network=self.network,
            person_a_id=low,
            person_b_id=high,
            defaults={"reasons": "; ".join(reasons)[:500], "source": record.source},
        )
        if suggestion.status != MergeSuggestion.Status.OPEN:
            return  # the user already said these are two people
        self.outcome.review.append(
            ReviewItem(
                record.position,
                person.pk,
                person.full_name,
                other.pk,
                other.full_name,
                tuple(reasons),
            )
        )


def import_contacts(
    network: Network,
    result: ReadResult,
    *,
    source: str,
    dry_run: bool = False,
    skip_bad: bool = False,
    advance: Advance = no_progress,
) -> ContactImportResult:
    """Merge a reader's records into the network, atomically (see the module doc)."""
    errors = [f"{e.position}: {e.message}" for e in result.errors]
    if errors and not skip_bad:
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise ImportFailed(
            f"Nothing was imported: {errors[0]}{more}. Fix the file, or use "
            "--skip-bad to import the rest."
        )
    importer = _Importer(network, result, source, settings.NETLIFE_PHONE_REGION)
    with transaction.atomic():
        importer.run(advance)
        if dry_run:
            transaction.set_rollback(True)
        elif importer.touched:
            refresh_relationships(network, sorted(importer.touched))
    importer.outcome.errors = errors
    importer.outcome.dry_run = dry_run
    return importer.outcome
