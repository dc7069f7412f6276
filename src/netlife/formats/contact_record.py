"""What every address-book reader produces: one person as a source described them.

The LinkedIn, vCard, Google and Outlook readers (pure modules in this
package) each turn their own file layout into `ContactRecord`s and
`RecordError`s; the import service then matches records to people,
merges duplicates and writes. Keeping one shape means one matcher and one
writer serve every source.
"""

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class Value:
    """An email, phone or URL as the source gave it, with its label."""

    value: str
    label: str = ""  # "work", "home", "mobile", "LinkedIn", a custom label…
    primary: bool = False


@dataclass(frozen=True, slots=True)
class Birthday:
    month: int
    day: int
    year: int | None = None  # many address books omit it


@dataclass(frozen=True, slots=True)
class ContactRecord:
    """One person from one source file, before matching.

    `position` says where the record came from ("line 14", "card 3") so a
    report can point at it. `source_id` is the source's own stable key for
    the person when it has one (a LinkedIn profile URL, a vCard UID), which
    makes re-imports find the same person again.
    """

    source: str  # "linkedin", "vcard", "google", "outlook"
    position: str
    full_name: str
    given_name: str = ""
    family_name: str = ""
    emails: tuple[Value, ...] = ()
    phones: tuple[Value, ...] = ()
    urls: tuple[Value, ...] = ()
    organization: str = ""
    title: str = ""
    birthday: Birthday | None = None
    notes: str = ""
    labels: tuple[str, ...] = ()  # the user's own groups or categories
    source_id: str = ""
    connected_on: date | None = None  # when the source says the tie began
    extra: dict[str, str] = field(default_factory=dict)  # kept, not interpreted


@dataclass(frozen=True, slots=True)
class MessageRecord:
    """One message of a conversation (LinkedIn messages.csv), before matching."""

    source: str
    position: str
    thread_id: str
    sent_at: datetime  # timezone-aware, UTC
    sender_name: str
    sender_url: str
    recipient_urls: tuple[str, ...]
    outgoing: bool  # sent by the owner of the export
    subject: str
    text: str  # HTML stripped, entities unescaped


@dataclass(frozen=True, slots=True)
class RecordError:
    """A part of a file that could not be read, and why, in one sentence."""

    position: str
    message: str


@dataclass(frozen=True, slots=True)
class ReadResult:
    """Everything a reader got out of one file."""

    records: tuple[ContactRecord, ...]
    errors: tuple[RecordError, ...] = ()
    messages: tuple[MessageRecord, ...] = ()
    # Rows a reader skipped on purpose, by reason ("hidden profile": 3).
    skipped: dict[str, int] = field(default_factory=dict)
    notes: tuple[str, ...] = ()  # what the user should know ("encoding: cp1252")
