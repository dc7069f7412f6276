"""Read LinkedIn data exports: Connections.csv, messages.csv and the export zip.

LinkedIn has changed these files several times (a preamble since 2021, a URL
column since 2023, upper-case message headers since 2020, fully quoted
fields in 2026), and users often re-save them in a spreadsheet, which drops
the preamble, rewrites dates and changes the encoding. Every public parser
hard-codes one era; this one finds the header by content, maps columns by
name and tries an explicit list of date layouts, so one import path serves
all of them. See ``shared/notes/formats.md`` §1 for the layouts.

Pure: standard library only, no Django. Everything malformed either becomes
a `RecordError` for its line or, when the file is not a LinkedIn file at
all, a `LinkedInFormatError`; nothing else escapes.
"""

import csv
import hashlib
import html
import io
import re
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime
from urllib.parse import unquote

from netlife.formats.contact_record import (
    ContactRecord,
    MessageRecord,
    ReadResult,
    RecordError,
    Value,
)

SOURCE = "linkedin"
MAX_MEMBER_BYTES = 200 * 1024 * 1024  # far above any real export, far below a bomb
HEADER_SCAN_ROWS = 10
CONNECTIONS_HEADER = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
)
MESSAGES_HEADER = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,"
    "RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER"
)
NAIVE_TIMES_NOTE = (
    "The 2018 messages file gives times without a time zone; they were read as UTC."
)


class LinkedInFormatError(ValueError):
    """The bytes are not the LinkedIn file they were offered as."""


# An explicit table: strptime's %b follows the process locale, and the
# export's month names are English whatever the user's language.
_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH_NAMES = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}

_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ -](\d{4}|\d{2})")
_MONTH_DAY_YEAR = re.compile(
    r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})"
    r"(?:,?\s*(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?"
)
_ISO = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})"
    r"(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(?:UTC|Z|[+-]00:?00)?)?"
)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_PRONOUNS = re.compile(
    r"\s*\((?:she|he|they|ze|xe|her|him|them|hers|his|theirs)(?:\s*/\s*\w+)+\)",
    re.IGNORECASE,
)
_TAG = re.compile(r"<!--.*?-->|<(/?)([A-Za-z][A-Za-z0-9]*)\b[^>]*>", re.DOTALL)
_BLOCK_TAGS = frozenset({"br", "p", "div", "li", "ul", "ol", "tr", "h1", "h2", "h3"})
_URL_LIST_SEPARATOR = re.compile(r"[;,]\s*")
_SUBJECT_REPLY = re.compile(r"^\s*(?:(?:re|fwd?|aw|wg)\s*:\s*)+", re.IGNORECASE)


def normalize_profile_url(url: str) -> str:
    """The key under which two spellings of one LinkedIn profile URL are equal.

    Connections.csv percent-encodes profile URLs while Invitations.csv and
    hand-typed URLs do not, and case, ``www.``, country subdomains, scheme,
    query and trailing slash vary, so ``https://de.linkedin.com/in/Ad%C3%A9/``
    and ``linkedin.com/in/adé`` both become ``linkedin.com/in/adé``. Other
    URLs keep their path but lose scheme, ``www.``, query and trailing slash.
    """
    raw = _SCHEME.sub("", url.strip())
    raw = re.split(r"[?#]", raw, maxsplit=1)[0].strip()
    host, _, path = raw.partition("/")
    host = host.rpartition("@")[2].lower().removeprefix("www.")
    host = host.split(":", 1)[0].strip()
    path = unicodedata.normalize("NFC", unquote(path))
    while path != (trimmed := path.strip().strip("/")):
        path = trimmed
    if host == "linkedin.com" or host.endswith(".linkedin.com"):
        host = "linkedin.com"
        segments = [s.strip() for s in path.split("/") if s.strip()]
        if len(segments) >= 2 and segments[0].lower() == "in":
            return f"linkedin.com/in/{segments[1].lower()}"
        path = "/".join(segments).lower()
    if not host:
        return ""
    return f"{host}/{path}" if path else host


# --- shared helpers -------------------------------------------------------


def _decode(data: bytes) -> tuple[str, tuple[str, ...]]:
    """Text and notes about how it was decoded.

    Genuine exports are UTF-8 without BOM; Excel re-saves add a BOM or
    write cp1252 (or UTF-16 for "Unicode text"). Latin-1 is the last
    resort because it accepts any byte, so reading never fails here.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), ("encoding: UTF-16",)
        except UnicodeDecodeError:
            pass
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), ()
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), ("encoding: cp1252",)
    except UnicodeDecodeError:
        return data.decode("latin-1"), ("encoding: latin-1",)


def _clean(text: str) -> str:
    """One line with single spaces: exports carry TABs, NBSPs and stray spaces."""
    return " ".join(text.split())


def _key(text: str) -> str:
    return _clean(text).casefold()


class _TruncatedError(Exception):
    """The CSV parser gave up at `line`; the rows before it are good."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line = line
        self.reason = reason


def _rows(text: str, delimiter: str = ",") -> Iterator[tuple[int, list[str]]]:
    """CSV rows with the physical line each one starts on (1-based).

    A csv.Error (a field over the csv module's size limit, say) ends the
    file there; the caller reports what it got up to that point.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise _TruncatedError(start, str(error)) from error
        yield start, row
        start = reader.line_num + 1


def _find_header(
    text: str, required: Sequence[str], what: str
) -> tuple[dict[str, int], Iterator[tuple[int, list[str]]]]:
    """The column map of the first row naming all `required` columns, and
    the remaining rows. Raises LinkedInFormatError when none of the first
    rows (in any delimiter a spreadsheet might have used) is such a header.
    """
    wanted = {name.casefold() for name in required}
    for delimiter in (",", ";", "\t"):
        rows = _rows(text, delimiter)
        try:
            for index, (_, row) in enumerate(rows):
                if index >= HEADER_SCAN_ROWS:
                    break
                columns: dict[str, int] = {}
                for position, cell in enumerate(row):
                    columns.setdefault(_key(cell), position)
                if wanted <= columns.keys():
                    return columns, rows
        except _TruncatedError:
            continue
    raise LinkedInFormatError(what)


def _cell(row: Sequence[str], columns: dict[str, int], name: str) -> str:
    position = columns.get(name.casefold())
    if position is None or position >= len(row):
        return ""
    return row[position]


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        # Two-digit years only come from 2018 exports and spreadsheet
        # re-saves, all of them after LinkedIn's founding in 2003.
        year += 2000
    return year


def _month(name: str) -> int | None:
    name = name.lower()
    return _MONTHS.get(name) or _MONTH_NAMES.get(name)


def _parse_datetime(text: str) -> datetime | None:
    """A naive datetime from any date layout LinkedIn or a re-save produced.

    Tried in order: ``09 Oct 2024``, ``9-Sep-22``, ``1/8/18, 6:14 PM``
    (month first, as LinkedIn writes it), ``01/22/2024``, ISO. None if none
    fits or the date does not exist.
    """
    text = _clean(text.replace("\u202f", " "))
    try:
        if match := _DAY_MONTH_YEAR.fullmatch(text):
            month = _month(match[2])
            if month is None:
                return None
            return datetime(_year(match[3]), month, int(match[1]))  # noqa: DTZ001
        if match := _MONTH_DAY_YEAR.fullmatch(text):
            hour = int(match[4] or 0)
            if match[7]:
                if not 1 <= hour <= 12:
                    return None
                hour = hour % 12 + (12 if match[7].lower() == "pm" else 0)
            return datetime(  # noqa: DTZ001
                _year(match[3]),
                int(match[1]),
                int(match[2]),
                hour,
                int(match[5] or 0),
                int(match[6] or 0),
            )
        if match := _ISO.fullmatch(text):
            return datetime(  # noqa: DTZ001
                int(match[1]),
                int(match[2]),
                int(match[3]),
                int(match[4] or 0),
                int(match[5] or 0),
                int(match[6] or 0),
            )
    except ValueError:  # 31 Feb, hour 25 and the like
        return None
    return None


def parse_connected_on(text: str) -> date | None:
    """The date of a ``Connected On`` cell, or None if it is not one."""
    moment = _parse_datetime(text)
    return moment.date() if moment else None


def _merge_counts(*counts: dict[str, int]) -> dict[str, int]:
    total: Counter[str] = Counter()
    for count in counts:
        total.update(count)
    return dict(total)


# --- Connections.csv ------------------------------------------------------

_CONNECTION_COLUMNS = (
    "First Name",
    "Last Name",
    "URL",
    "Email Address",
    "Company",
    "Position",
    "Connected On",
)
_KNOWN_CONNECTION_COLUMNS = frozenset(name.casefold() for name in _CONNECTION_COLUMNS)
_NOT_CONNECTIONS = (
    "This is not LinkedIn's Connections.csv: the file from LinkedIn's "
    '"Get a copy of your data" export starts (after a short "Notes:" preamble) '
    f'with the header "{CONNECTIONS_HEADER}" (older exports lack URL), '
    "and no such header was found in the first lines, so export the file "
    "again from LinkedIn rather than using a copy re-saved by a spreadsheet."
)


def _split_name_part(part: str, extra: dict[str, str]) -> str:
    """A name part without pronouns or trailing credentials, which go to `extra`.

    People put "(she/her)" or ", CPA" into their LinkedIn name fields; the
    full name keeps them as given, the parts are what matching compares.
    """
    pronouns = [_clean(m.group()).strip("()") for m in _PRONOUNS.finditer(part)]
    if pronouns:
        extra["pronouns"] = ", ".join(pronouns)
        part = _clean(_PRONOUNS.sub(" ", part))
    head, comma, tail = part.partition(",")
    if comma and head.strip() and tail.strip():
        previous = extra.get("suffix")
        extra["suffix"] = f"{previous}, {tail.strip()}" if previous else tail.strip()
        part = head.strip()
    return part


def _connection(
    row: list[str], columns: dict[str, int], position: str
) -> ContactRecord | RecordError | None:
    def get(name: str) -> str:
        return _clean(_cell(row, columns, name))

    first, last = get("First Name"), get("Last Name")
    # A lone "." or "..." stands for a last name the member chose not to give.
    if last and not any(ch.isalnum() for ch in last) and len(set(last)) == 1:
        last = ""
    url, email, raw_date = get("URL"), get("Email Address"), get("Connected On")
    company, title = get("Company"), get("Position")
    full_name = _clean(f"{first} {last}")
    if not full_name:
        if company or title or email:
            return RecordError(position, f"{position} has no name, so it was skipped.")
        return None  # a hidden or closed profile: only the date is left
    connected_on = None
    if raw_date:
        connected_on = parse_connected_on(raw_date)
        if connected_on is None:
            return RecordError(
                position,
                f'{position}: "{raw_date}" in Connected On is not a date like '
                "09 Oct 2024, so the row was skipped.",
            )
    extra: dict[str, str] = {}
    given = _split_name_part(first, extra)
    family = _split_name_part(last, extra)
    emails: tuple[Value, ...] = ()
    if "@" in email and not email.lower().startswith("urn:"):
        emails = (Value(email, "", primary=True),)
    elif email:
        # 2018 exports put a member URN here instead of an address.
        extra["linkedin member"] = email
    for name, index in columns.items():
        known = name in _KNOWN_CONNECTION_COLUMNS or not name
        if not known and index < len(row) and (value := _clean(row[index])):
            extra.setdefault(name, value)
    return ContactRecord(
        source=SOURCE,
        position=position,
        full_name=full_name,
        given_name=given,
        family_name=family,
        emails=emails,
        urls=(Value(url, "LinkedIn"),) if url else (),
        organization=company,
        title=title,
        source_id=normalize_profile_url(url) if url else "",
        connected_on=connected_on,
        extra=extra,
    )


def read_connections(data: bytes, *, position_prefix: str = "") -> ReadResult:
    """Contacts from a LinkedIn Connections.csv of any era.

    Rows holding only a date (hidden or closed profiles) are skipped and
    counted under ``skipped["hidden profile"]``; a row with a date that is
    not one becomes a `RecordError` for its line. Raises
    `LinkedInFormatError` when no Connections header is found.
    """
    text, notes = _decode(data)
    columns, rows = _find_header(
        text, ("First Name", "Last Name", "Connected On"), _NOT_CONNECTIONS
    )
    records: list[ContactRecord] = []
    errors: list[RecordError] = []
    hidden = 0
    try:
        for line, row in rows:
            if not any(cell.strip() for cell in row):
                continue
            position = f"{position_prefix}line {line}"
            result = _connection(row, columns, position)
            if result is None:
                hidden += 1
            elif isinstance(result, RecordError):
                errors.append(result)
            else:
                records.append(result)
    except _TruncatedError as error:
        position = f"{position_prefix}line {error.line}"
        errors.append(
            RecordError(
                position,
                f"{position} could not be read ({error.reason}), so the file "
                "was read only up to there.",
            )
        )
    return ReadResult(
        records=tuple(records),
        errors=tuple(errors),
        skipped={"hidden profile": hidden} if hidden else {},
        notes=notes,
    )


# --- messages.csv ---------------------------------------------------------

_NOT_MESSAGES = (
    "This is not LinkedIn's messages.csv: the file from LinkedIn's "
    '"Get a copy of your data" export starts with the header '
    f'"{MESSAGES_HEADER}" (2018 exports: "From,To,Date,Subject,Content,'
    'Direction,Folder"), and no such header was found in the first lines.'
)


def html_to_text(content: str) -> str:
    """Message text without HTML: tags gone, entities decoded, whitespace tidy.

    Line breaks (real ones and ``<br>``/``<p>``) survive as single newlines
    because they carry meaning in a message; runs of spaces do not.
    """

    def replace(match: re.Match[str]) -> str:
        name = (match[2] or "").lower()
        return "\n" if name in _BLOCK_TAGS else ""

    text = html.unescape(_TAG.sub(replace, content))
    lines = (_clean(line) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _thread_key(*parts: str) -> str:
    joined = "\n".join(_key(part) for part in parts)
    return hashlib.sha256(joined.encode("utf-8", "surrogatepass")).hexdigest()[:20]


def _owner_key(
    rows: list[tuple[str, list[str]]],
    columns: dict[str, int],
    owner_url: str | None,
    owner_name: str,
) -> str:
    """The normalized profile URL of the export's owner.

    Without a given URL: the most frequent sender among rows signed with
    the owner's name (from Profile.csv), else among all rows, since the
    owner takes part in every conversation.
    """
    if owner_url:
        return normalize_profile_url(owner_url)
    everyone: Counter[str] = Counter()
    by_name: Counter[str] = Counter()
    for _, row in rows:
        sender = normalize_profile_url(_cell(row, columns, "SENDER PROFILE URL"))
        if sender:
            everyone[sender] += 1
            if owner_name and _key(_cell(row, columns, "FROM")) == _key(owner_name):
                by_name[sender] += 1
    for counter in (by_name, everyone):
        if counter:
            return counter.most_common(1)[0][0]
    return ""


def _is_sponsored(sender_name: str, sender_url: str) -> bool:
    return not sender_url.strip() and _key(sender_name) == "linkedin member"


def _read_messages(
    data: bytes,
    *,
    owner_url: str | None,
    owner_name: str = "",
    position_prefix: str = "",
) -> ReadResult:
    text, notes = _decode(data)
    try:
        columns, row_iter = _find_header(
            text, ("CONVERSATION ID", "FROM", "DATE"), _NOT_MESSAGES
        )
        modern = True
    except LinkedInFormatError:
        columns, row_iter = _find_header(text, ("From", "To", "Date"), _NOT_MESSAGES)
        modern = False
    rows: list[tuple[str, list[str]]] = []
    errors: list[RecordError] = []
    try:
        for line, row in row_iter:
            if any(cell.strip() for cell in row):
                rows.append((f"{position_prefix}line {line}", row))
    except _TruncatedError as error:
        position = f"{position_prefix}line {error.line}"
        errors.append(
            RecordError(
                position,
                f"{position} could not be read ({error.reason}), so the file "
                "was read only up to there.",
            )
        )
    owner = _owner_key(rows, columns, owner_url, owner_name) if modern else ""
    messages: list[MessageRecord] = []
    sponsored = 0
    for position, row in rows:

        def get(name: str, row: list[str] = row) -> str:
            return _cell(row, columns, name)

        sender_name, sender_url = _clean(get("FROM")), get("SENDER PROFILE URL").strip()
        if _is_sponsored(sender_name, sender_url):
            sponsored += 1
            continue
        raw_date = _clean(get("DATE"))
        moment = _parse_datetime(raw_date)
        if moment is None:
            errors.append(
                RecordError(
                    position,
                    f'{position}: "{raw_date}" in DATE is not a time like '
                    "2024-10-09 14:03:00 UTC, so the message was skipped.",
                )
            )
            continue
        subject = _clean(get("SUBJECT"))
        if modern:
            recipients = tuple(
                url
                for url in _URL_LIST_SEPARATOR.split(get("RECIPIENT PROFILE URLS"))
                if url.strip()
            )
            outgoing = bool(owner) and normalize_profile_url(sender_url) == owner
            # Sorted, so that both directions of a talk share the fallback id.
            people = sorted((_key(get("FROM")), _key(get("TO"))))
            thread_id = _clean(get("CONVERSATION ID")) or _thread_key(*people, subject)
        else:
            recipients = ()
            direction = _key(get("Direction"))
            outgoing = direction == "outgoing" or (
                not direction and _key(get("Folder")) == "sent"
            )
            # 2018 has no conversation id: one thread per other party and topic.
            other = get("To") if outgoing else get("From")
            thread_id = "2018-" + _thread_key(other, _SUBJECT_REPLY.sub("", subject))
        messages.append(
            MessageRecord(
                source=SOURCE,
                position=position,
                thread_id=thread_id,
                sent_at=moment.replace(tzinfo=UTC),
                sender_name=sender_name,
                sender_url=sender_url,
                recipient_urls=recipients,
                outgoing=outgoing,
                subject=subject,
                text=html_to_text(get("CONTENT")),
            )
        )
    if not modern and messages:
        notes = (*notes, NAIVE_TIMES_NOTE)
    return ReadResult(
        records=(),
        errors=tuple(errors),
        messages=tuple(messages),
        skipped={"sponsored message": sponsored} if sponsored else {},
        notes=notes,
    )


def read_messages(data: bytes, *, owner_url: str | None = None) -> ReadResult:
    """Messages from a LinkedIn messages.csv of any era (2018 to 2026).

    `owner_url` is the export owner's profile URL, which decides which
    messages are outgoing after 2018; without it the most frequent sender
    is taken to be the owner. Sponsored messages (sender "LinkedIn Member"
    with no profile URL) are skipped and counted. Raises
    `LinkedInFormatError` when no messages header is found.
    """
    return _read_messages(data, owner_url=owner_url)


# --- the export zip -------------------------------------------------------

_NOT_AN_EXPORT = (
    "This is not a LinkedIn data export: the zip LinkedIn sends "
    '("Basic_LinkedInDataExport_….zip") contains Connections.csv, '
    "and this file {problem}."
)


def _member(archive: zipfile.ZipFile, name: str) -> tuple[str, bytes] | None:
    """The member whose file name is `name` in any case and folder, shallowest
    first, with its bytes; refuses members that unpack beyond the limit.
    """
    candidates = [
        info
        for info in archive.infolist()
        if info.filename.rsplit("/", 1)[-1].casefold() == name
    ]
    if not candidates:
        return None
    info = min(candidates, key=lambda i: (i.filename.count("/"), i.filename))
    too_big = _NOT_AN_EXPORT.format(
        problem=f"has a {info.filename} larger than 200 MB when unpacked"
    )
    if info.file_size > MAX_MEMBER_BYTES:
        raise LinkedInFormatError(too_big)
    # The size in the directory can lie, so the read itself is capped too.
    with archive.open(info) as member:
        content = member.read(MAX_MEMBER_BYTES + 1)
    if len(content) > MAX_MEMBER_BYTES:
        raise LinkedInFormatError(too_big)
    return info.filename, content


def _owner_from_profile(data: bytes) -> tuple[str | None, str]:
    """The owner's profile URL (when Profile.csv has one) and name."""
    text, _ = _decode(data)
    filled: list[list[str]] = []
    try:
        for _, row in _rows(text):
            if any(cell.strip() for cell in row):
                filled.append(row)
            if len(filled) == 2:
                break
    except _TruncatedError:
        return None, ""
    if len(filled) < 2:
        return None, ""
    header = [_key(cell) for cell in filled[0]]
    values = filled[1]

    def get(*names: str) -> str:
        for name in names:
            if name in header and header.index(name) < len(values):
                return _clean(values[header.index(name)])
        return ""

    name = _clean(f"{get('first name')} {get('last name')}")
    url = get("public profile url", "profile url", "url", "linkedin url")
    if not url:
        for value in values:
            if "linkedin.com/in/" in value.lower():
                url = _clean(value)
                break
    return url or None, name


def read_export(data: bytes) -> ReadResult:
    """Contacts and messages from a whole LinkedIn export zip.

    Connections.csv is required; messages.csv and Profile.csv (which tells
    whose export it is) are read when present. File names are matched in
    any case and folder. Raises `LinkedInFormatError` for anything that is
    not such a zip.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            connections = _member(archive, "connections.csv")
            if connections is None:
                raise LinkedInFormatError(
                    _NOT_AN_EXPORT.format(problem="has no Connections.csv")
                )
            messages = _member(archive, "messages.csv")
            profile = _member(archive, "profile.csv")
    except LinkedInFormatError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile) as error:
        raise LinkedInFormatError(
            _NOT_AN_EXPORT.format(problem="is not a readable zip")
        ) from error
    except Exception as error:
        # zipfile reports damaged, encrypted or oddly compressed members with
        # whatever its internals hit (zlib.error, EOFError, IndexError, ...).
        raise LinkedInFormatError(
            _NOT_AN_EXPORT.format(problem=f"could not be unpacked ({error})")
        ) from error

    name, content = connections
    people = read_connections(content, position_prefix=f"{name}, ")
    results = [people]
    notes = [f"{name}: {note}" for note in people.notes]
    errors = list(people.errors)
    if messages is not None:
        owner_url, owner_name = (
            _owner_from_profile(profile[1]) if profile else (None, "")
        )
        message_name, message_bytes = messages
        try:
            talk = _read_messages(
                message_bytes,
                owner_url=owner_url,
                owner_name=owner_name,
                position_prefix=f"{message_name}, ",
            )
        except LinkedInFormatError as error:
            errors.append(RecordError(message_name, str(error)))
        else:
            results.append(talk)
            errors.extend(talk.errors)
            notes.extend(f"{message_name}: {note}" for note in talk.notes)
    return ReadResult(
        records=people.records,
        errors=tuple(errors),
        messages=tuple(m for result in results for m in result.messages),
        skipped=_merge_counts(*(result.skipped for result in results)),
        notes=tuple(notes),
    )
