"""Imports from the web page: what a file is, what it would do, and doing it.

The CLI's `import KIND FILE [--dry-run] [--skip-bad]` in a form a page can
show: `detect_kind` tells the formats apart from the bytes, `load_file`
reads an upload with the reader of its kind (any file that is not of that
kind is one sentence), `preview` is the dry run with the first rows that
would be created or changed, and `run_import` imports for real through the
same services the CLI calls. Both return an `ImportSummary`, so the preview
and the result are shown by one template.
"""

import csv
import io
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Final

from django.core.cache import cache

from netlife.core.errors import ImportFailed
from netlife.core.progress import Advance, no_progress
from netlife.engines.contact_values import clean_text
from netlife.formats import address_book_csv, linkedin, vcard
from netlife.formats.contact_record import ContactRecord, ReadResult
from netlife.formats.json_dump import count_records
from netlife.networks.models import Network
from netlife.people.models import Person
from netlife.transfer import contacts, services
from netlife.transfer.uploads import STALE_AFTER, Upload, read_upload

LINKEDIN: Final = "linkedin"
VCARD: Final = "vcard"
GOOGLE: Final = "google"
OUTLOOK: Final = "outlook"
JSON: Final = "json"

KIND_LABELS: Final = {
    LINKEDIN: "LinkedIn connections (the export .zip or Connections.csv)",
    VCARD: "vCard address book (.vcf)",
    GOOGLE: "Google Contacts CSV",
    OUTLOOK: "Outlook contacts CSV",
    JSON: "netlife JSON backup",
}
SHORT_LABELS: Final = {
    LINKEDIN: "LinkedIn connections",
    VCARD: "vCard address book",
    GOOGLE: "Google Contacts CSV",
    OUTLOOK: "Outlook contacts CSV",
    JSON: "netlife backup",
}

SAMPLE_ROWS = 10
REVIEW_ROWS = 20
_SNIFF_BYTES = 64 * 1024
_HEADER_ROWS = 10


@dataclass(frozen=True, slots=True)
class Sample:
    """One of the first records that would be created or change someone."""

    position: str
    name: str
    organization: str
    title: str
    email: str
    verdict: str  # "new", "updated" or "merged"


@dataclass(frozen=True, slots=True)
class KindCounts:
    """A backup's counts for one kind of object (people, interactions…)."""

    kind: str
    created: int
    updated: int
    unchanged: int
    merged: int


@dataclass(frozen=True, slots=True)
class Doubt:
    """A record that may be someone already here: the user decides later."""

    position: str
    name: str
    candidate_name: str
    reasons: str


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """What an import did, or (a preview) would do, as the page shows it."""

    kind: str
    dry_run: bool
    records: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    merged: int = 0
    review_count: int = 0
    review: tuple[Doubt, ...] = ()
    skipped: tuple[tuple[str, int], ...] = ()
    errors: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    samples: tuple[Sample, ...] = ()
    per_kind: tuple[KindCounts, ...] = ()
    conversations_created: int = 0
    conversations_unchanged: int = 0
    conversations_skipped: tuple[tuple[str, int], ...] = ()
    job_changes: int = 0

    @property
    def kind_label(self) -> str:
        return SHORT_LABELS.get(self.kind, self.kind)

    @property
    def skipped_count(self) -> int:
        """Records left out: on purpose (group cards…) or unreadable."""
        return sum(count for _, count in self.skipped) + len(self.errors)

    @property
    def in_file(self) -> int:
        """Every record of the file, read or not."""
        return self.records + self.skipped_count

    @property
    def changes(self) -> bool:
        """True when the import writes (or would write) anything."""
        return bool(
            self.created + self.updated + self.merged + self.conversations_created
        )


@dataclass(frozen=True, slots=True)
class LoadedFile:
    """An upload read by the reader of its kind: records or a backup."""

    kind: str
    name: str
    contacts: ReadResult | None = None
    document: Mapping[str, object] | None = None

    @property
    def total(self) -> int:
        """How many records an import of it works through (for progress)."""
        if self.contacts is not None:
            return len(self.contacts.records)
        return count_records(self.document)


def detect_kind(data: bytes, name: str = "") -> str | None:
    """The kind of import file these bytes are, or None when it cannot tell.

    A zip is LinkedIn's export; a JSON object is a netlife backup; a file
    with BEGIN:VCARD is a vCard file; a CSV is told apart by its header
    (Google's, Outlook's, or LinkedIn's Connections). The file name's
    extension decides only when the content does not.
    """
    if data[:4] == b"PK\x03\x04":
        return LINKEDIN
    text, _ = address_book_csv.decode(data[:_SNIFF_BYTES])
    start = text.lstrip()
    if start.startswith("{"):
        return JSON
    if "begin:vcard" in text.casefold():
        return VCARD
    found = _csv_kind(text)
    if found:
        return found
    extension = name.rsplit(".", 1)[-1].casefold() if "." in name else ""
    return {"vcf": VCARD, "vcard": VCARD, "json": JSON, "zip": LINKEDIN}.get(extension)


def _csv_kind(text: str) -> str | None:
    lines = text.splitlines()[: _HEADER_ROWS * 4]
    sample = "\n".join(lines)
    first = next((line for line in lines if line.strip()), "")
    delimiter = next((d for d in (",", ";", "\t") if d in first), ",")
    try:
        rows = list(csv.reader(io.StringIO(sample), delimiter=delimiter))
    except csv.Error:
        return None
    for row in rows[:_HEADER_ROWS]:
        try:
            dialect = address_book_csv.detect_dialect(row)
        except ValueError:
            dialect = ""
        if dialect in (address_book_csv.GOOGLE, address_book_csv.GOOGLE_LEGACY):
            return GOOGLE
        if dialect in (address_book_csv.OUTLOOK_DESKTOP, address_book_csv.OUTLOOK_WEB):
            return OUTLOOK
        keys = {" ".join(cell.split()).casefold() for cell in row}
        if {"first name", "last name", "connected on"} <= keys:
            return LINKEDIN
    return None


def _read_linkedin(data: bytes) -> ReadResult:
    if data[:4] == b"PK\x03\x04":
        return linkedin.read_export(data)
    return linkedin.read_connections(data)


_READERS = {
    LINKEDIN: _read_linkedin,
    VCARD: vcard.read_vcards,
    GOOGLE: address_book_csv.read_google,
    OUTLOOK: address_book_csv.read_outlook,
}


def load_file(upload: Upload) -> LoadedFile:
    """Read an upload with the reader of its kind.

    Raises ImportFailed with one sentence when the file is not of that kind,
    is damaged beyond reading, or holds no one to import; records that
    cannot be read one by one are left in the result for the preview.
    """
    if upload.kind == JSON:
        try:
            document = services.load_json_document(upload.path)
        except ImportFailed as exc:
            # The message names the stored file; the user knows it by its name.
            raise ImportFailed(
                str(exc).replace(str(upload.path), upload.name)
            ) from None
        return LoadedFile(JSON, upload.name, document=document)
    reader = _READERS.get(upload.kind)
    if reader is None:
        raise ImportFailed(f"netlife cannot import files of kind “{upload.kind}”.")
    data = read_upload(upload)
    try:
        result = reader(data)
    except ValueError as exc:  # each reader's FormatError says what it expected
        raise ImportFailed(str(exc)) from None
    if not result.records:
        if result.errors:
            error = result.errors[0]
            where = "" if error.position == "file" else f"{error.position}: "
            raise ImportFailed(f"{where}{error.message}")
        skipped = ", ".join(f"{n} {reason}" for reason, n in result.skipped.items())
        raise ImportFailed(
            "The file holds no one to import"
            + (f" (skipped: {skipped})." if skipped else ".")
        )
    return LoadedFile(upload.kind, upload.name, contacts=result)


def preview(
    network: Network, loaded: LoadedFile, *, advance: Advance = no_progress
) -> ImportSummary:
    """What importing the file would do, writing nothing.

    Records that cannot be read are listed in `errors`; the counts are those
    of an import that skips them. Raises ImportFailed when a backup cannot
    be imported at all (it names the place).
    """
    if loaded.contacts is not None:
        return _preview_contacts(network, loaded.kind, loaded.contacts, advance)
    assert loaded.document is not None
    result = services.import_network(
        network, loaded.document, dry_run=True, advance=advance
    )
    return _network_summary(
        result,
        records=loaded.total,
        samples=_new_people(network, loaded.document),
    )


def run_import(
    network: Network,
    loaded: LoadedFile,
    *,
    skip_bad: bool,
    advance: Advance = no_progress,
) -> ImportSummary:
    """Import the file for real, atomically, through the CLI's services.

    Raises ImportFailed (nothing written) when the file has unreadable
    records and `skip_bad` is false, or a backup cannot be imported.
    """
    if loaded.contacts is not None:
        outcome = contacts.import_contacts(
            network,
            loaded.contacts,
            source=loaded.kind,
            skip_bad=skip_bad,
            advance=advance,
        )
        return _contact_summary(outcome, records=len(loaded.contacts.records))
    assert loaded.document is not None
    result = services.import_network(network, loaded.document, advance=advance)
    return _network_summary(result, records=loaded.total)


def _preview_contacts(
    network: Network, source: str, result: ReadResult, advance: Advance
) -> ImportSummary:
    """`import_contacts(dry_run=True, skip_bad=True)`, plus the first rows
    that would create, update or merge someone."""
    samples: list[Sample] = []

    def noted(record: ContactRecord, verdict: str) -> None:
        if len(samples) < SAMPLE_ROWS:
            samples.append(_sample(record, verdict))

    outcome = contacts.import_contacts(
        network,
        result,
        source=source,
        dry_run=True,
        skip_bad=True,
        advance=advance,
        noted=noted,
    )
    summary = _contact_summary(outcome, records=len(result.records))
    return replace(summary, samples=tuple(samples))


def _sample(record: ContactRecord, verdict: str) -> Sample:
    return Sample(
        position=record.position,
        name=clean_text(record.full_name),
        organization=clean_text(record.organization),
        title=clean_text(record.title),
        email=clean_text(record.emails[0].value) if record.emails else "",
        verdict=verdict,
    )


def _contact_summary(
    outcome: contacts.ContactImportResult, *, records: int
) -> ImportSummary:
    talk = outcome.conversations
    return ImportSummary(
        kind=outcome.source,
        dry_run=outcome.dry_run,
        records=records,
        created=outcome.created,
        updated=outcome.updated,
        unchanged=outcome.unchanged,
        merged=outcome.merged,
        review_count=len(outcome.review),
        review=tuple(
            Doubt(r.position, r.name, r.candidate_name, "; ".join(r.reasons))
            for r in outcome.review[:REVIEW_ROWS]
        ),
        skipped=tuple(sorted(outcome.skipped.items())),
        errors=tuple(outcome.errors),
        notes=outcome.notes,
        conversations_created=talk.created,
        conversations_unchanged=talk.unchanged,
        conversations_skipped=tuple(sorted(talk.skipped.items())),
        job_changes=outcome.job_changes,
    )


def _network_summary(
    result: services.ImportResult,
    *,
    records: int,
    samples: tuple[Sample, ...] = (),
) -> ImportSummary:
    rows = tuple(
        KindCounts(
            kind,
            result.created[kind],
            result.updated[kind],
            result.unchanged[kind],
            result.merged[kind],
        )
        for kind in services.KINDS
        if result.created[kind]
        + result.updated[kind]
        + result.unchanged[kind]
        + result.merged[kind]
    )
    return ImportSummary(
        kind=JSON,
        dry_run=result.dry_run,
        records=records,
        created=sum(result.created.values()),
        updated=sum(result.updated.values()),
        unchanged=sum(result.unchanged.values()),
        merged=sum(result.merged.values()),
        errors=result.errors,
        per_kind=rows,
        samples=samples,
    )


def _new_people(network: Network, document: Mapping[str, object]) -> tuple[Sample, ...]:
    """The backup's first people whose uid this network does not have yet."""
    people = document.get("people")
    if not isinstance(people, list):
        return ()
    first: list[tuple[int, uuid.UUID, str, str]] = []
    for index, entry in enumerate(people[: SAMPLE_ROWS * 20], start=1):
        if not isinstance(entry, Mapping):
            continue
        try:
            uid = uuid.UUID(str(entry.get("uid")))
        except ValueError:
            continue
        name, title = entry.get("full_name"), entry.get("title")
        first.append(
            (
                index,
                uid,
                name if isinstance(name, str) else "",
                title if isinstance(title, str) else "",
            )
        )
    known = set(
        Person.objects.filter(
            network=network, uid__in=[uid for _, uid, _, _ in first]
        ).values_list("uid", flat=True)
    )
    return tuple(
        Sample(f"person {index}", name, "", title, "", "new")
        for index, uid, name, title in first
        if uid not in known
    )[:SAMPLE_ROWS]


def _preview_key(network_id: int, token: str) -> str:
    return f"netlife:import-preview:{network_id}:{token}"


def preview_upload(network: Network, upload: Upload) -> ImportSummary:
    """Read and dry-run an upload, keeping the result for its preview page.

    Raises ImportFailed (one sentence) when the file cannot be imported.
    """
    summary = preview(network, load_file(upload))
    cache.set(_preview_key(network.pk, upload.token), summary, STALE_AFTER)
    return summary


def cached_preview(network: Network, upload: Upload) -> ImportSummary:
    """The upload's preview: the one kept when it was uploaded, or a new one."""
    found = cache.get(_preview_key(network.pk, upload.token))
    if isinstance(found, ImportSummary):
        return found
    return preview_upload(network, upload)


def forget_preview(network: Network, token: str) -> None:
    cache.delete(_preview_key(network.pk, token))
