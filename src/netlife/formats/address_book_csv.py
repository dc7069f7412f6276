"""Read Google Contacts and Outlook CSV exports into `ContactRecord`s.

Two entry points, one per source the user picks: `read_google` takes the
current Google Contacts CSV (`First Name,…,Labels,E-mail 1 - Label,…`) and
the legacy one (`Name,Given Name,…,E-mail 1 - Type,…`); `read_outlook` takes
Outlook desktop's export and the web-style Outlook CSV that Outlook.com and
Google's "Outlook CSV" write. `detect_dialect` tells the four apart from the
header alone.

Columns are found by name, never by position, because every exporter adds,
drops and reorders them. Columns with no field of their own are kept in
`ContactRecord.extra` under their header so nothing the user typed is lost.

Pure: no Django import. Matching, merging and saving are the import
service's job.
"""

import codecs
import csv
import dataclasses
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from netlife.formats.contact_record import (
    Birthday,
    ContactRecord,
    ReadResult,
    RecordError,
    Value,
)

GOOGLE = "google"
GOOGLE_LEGACY = "google-legacy"
OUTLOOK_DESKTOP = "outlook-desktop"
OUTLOOK_WEB = "outlook-web"

GOOGLE_HEADER = "First Name,Middle Name,Last Name,…,Labels,E-mail 1 - Label,…"
GOOGLE_LEGACY_HEADER = "Name,Given Name,Additional Name,Family Name,…"
OUTLOOK_HEADER = "First Name,Middle Name,Last Name,…,E-mail Address,…"

# Google writes several values of one kind and label into a single cell.
_MULTI = re.compile(r"\s*:::\s*")
_GOOGLE_GROUP = re.compile(r"(email|phone|website) (\d+) - (label|type|value)")
# Google's own groups, not the user's: membership in "My Contacts" and the star.
_SYSTEM_LABELS = {"mycontacts", "starred"}
# An Exchange X.500 distinguished name, e.g. /O=EXCHANGELABS/OU=…/CN=….
_EXCHANGE = re.compile(r"\s*/\s*o\s*=", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufeff]")

# Labels Google writes capitalised; reading folds them to lower case (and
# the writer in address_book_out capitalises them back).
GOOGLE_KNOWN_LABELS = {
    "home",
    "work",
    "other",
    "mobile",
    "main",
    "pager",
    "home fax",
    "work fax",
    "other fax",
    "google voice",
    "homepage",
    "blog",
    "profile",
    "personal",
}

# Outlook's named phone columns and the label each one means.
OUTLOOK_PHONES = (
    ("Primary Phone", "main"),
    ("Mobile Phone", "mobile"),
    ("Home Phone", "home"),
    ("Home Phone 2", "home"),
    ("Business Phone", "work"),
    ("Business Phone 2", "work"),
    ("Company Main Phone", "company main"),
    ("Other Phone", "other"),
    ("Assistant's Phone", "assistant"),
    ("Car Phone", "car"),
    ("Callback", "callback"),
    ("Pager", "pager"),
    ("Radio Phone", "radio"),
    ("ISDN", "isdn"),
    ("TTY/TDD Phone", "tty/tdd"),
    ("Telex", "telex"),
    ("Home Fax", "home fax"),
    ("Business Fax", "work fax"),
    ("Other Fax", "other fax"),
)
_OUTLOOK_EMAILS = (
    ("E-mail Address", "E-mail Type"),
    ("E-mail 2 Address", "E-mail 2 Type"),
    ("E-mail 3 Address", "E-mail 3 Type"),
)
_OUTLOOK_URLS = (("Web Page", ""), ("Personal Web Page", "personal"))
_OUTLOOK_MARKS = {
    "middle name",
    "display name",
    "email 2 address",
    "email type",
    "job title",
    "mobile phone",
    "home phone",
    "business phone",
    "primary phone",
    "categories",
    "web page",
    "birthday",
    "notes",
}
_NO_DATE = {"0/0/00", "0/0/0000", "00/00/00", "00/00/0000"}
# Outlook desktop fills these for every contact; as "extra" they are noise.
_OUTLOOK_DEFAULTS = {
    "priority": {"normal"},
    "sensitivity": {"normal"},
    "private": {"false"},
    "gender": {"unspecified"},
    "anniversary": _NO_DATE,
}
# Derived from columns already read ("Name (address)", initials of the name).
_OUTLOOK_REDUNDANT = (
    "E-mail Display Name",
    "E-mail 2 Display Name",
    "E-mail 3 Display Name",
    "Initials",
)


class AddressBookFormatError(ValueError):
    """The file is not the address-book CSV the user said it was."""


# --- decoding ----------------------------------------------------------------


def decode(data: bytes) -> tuple[str, str]:
    """The file's text and the encoding it was read with.

    A BOM decides (UTF-32, UTF-16 LE/BE, UTF-8). Without one, NUL bytes in
    every other position betray BOM-less UTF-16, which old Google exports
    used; otherwise UTF-8, and cp1252 when that fails, since Outlook
    desktop writes the Windows code page. Never raises: undecodable bytes
    become U+FFFD.
    """
    boms = (
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    )
    for bom, encoding in boms:
        if data.startswith(bom):
            text = data[len(bom) :].decode(encoding, errors="replace")
            return _tidy(text), f"{encoding} (BOM)"
    sniffed = _sniff_utf16(data)
    if sniffed:
        return _tidy(data.decode(sniffed, errors="replace")), sniffed
    try:
        return _tidy(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        return _tidy(data.decode("cp1252", errors="replace")), "cp1252"


def _sniff_utf16(data: bytes) -> str:
    sample = data[:4096]
    pairs = len(sample) // 2
    if pairs < 2:
        return ""
    even = sum(1 for i in range(0, pairs * 2, 2) if sample[i] == 0)
    odd = sum(1 for i in range(1, pairs * 2, 2) if sample[i] == 0)
    # ASCII text in UTF-16 has a NUL in nearly every pair, on one side only.
    if odd >= pairs * 0.4 and even <= pairs * 0.05:
        return "utf-16-le"
    if even >= pairs * 0.4 and odd <= pairs * 0.05:
        return "utf-16-be"
    return ""


def _tidy(text: str) -> str:
    # A second BOM (re-saved files) or stray NULs (naive UTF-16 "repair")
    # would otherwise end up inside the first header name or a value.
    return text.lstrip("\ufeff").replace("\x00", "")


# --- the table ---------------------------------------------------------------


@dataclass
class _Table:
    encoding: str
    header: list[str]
    rows: list[tuple[int, list[str]]]  # physical starting line, cells
    errors: list[RecordError] = field(default_factory=list)


def _delimiter(text: str) -> str:
    first = text.lstrip("\r\n").split("\n", 1)[0]
    # European Excel re-saves use ";"; some converters write tabs.
    if "," not in first:
        if ";" in first:
            return ";"
        if "\t" in first:
            return "\t"
    return ","


def _read_table(data: bytes) -> _Table:
    text, encoding = decode(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    table = _Table(encoding, [], [])
    previous = 0
    rows = iter(reader)
    while True:
        start = previous + 1
        try:
            row = next(rows)
        except StopIteration:
            break
        except csv.Error as error:
            table.errors.append(
                RecordError(
                    f"line {start}",
                    f"The file could not be read from here on ({error}).",
                )
            )
            break
        previous = reader.line_num
        if table.header:
            # A blank line is layout; a row of empty cells is an empty contact.
            if row:
                table.rows.append((start, row))
        elif any(cell.strip() for cell in row):
            table.header = [_CONTROL.sub("", cell).strip() for cell in row]
    return table


def _key(name: str) -> str:
    # "E-mail", "Email" and "e-mail" all occur for the same column.
    key = " ".join(name.casefold().split())
    return key.replace("e-mail", "email")


def detect_dialect(header: list[str]) -> str:
    """Which export wrote this header row; raises if none of ours did."""
    keys = [_key(name) for name in header]
    names = set(keys)
    if keys and keys[0] == "name" and names & {"given name", "family name"}:
        return GOOGLE_LEGACY
    groups = any(_GOOGLE_GROUP.fullmatch(key) for key in keys)
    if "first name" in names and ("labels" in names or groups):
        return GOOGLE
    # Two Outlook-only columns, so LinkedIn's "First Name,…,Email Address"
    # is not taken for an Outlook file.
    if len(names & _OUTLOOK_MARKS) >= 2 and names & {"first name", "display name"}:
        if names & {"email type", "email display name"}:
            return OUTLOOK_DESKTOP
        return OUTLOOK_WEB
    raise AddressBookFormatError(
        "The header matches no known address-book export; expected a Google "
        f"Contacts CSV ({GOOGLE_HEADER}), a legacy Google CSV "
        f"({GOOGLE_LEGACY_HEADER}) or an Outlook CSV ({OUTLOOK_HEADER})."
    )


class _Row:
    """One data row, looked up by column name; remembers what was used."""

    def __init__(self, columns: dict[str, int], header: list[str], cells: list[str]):
        self.columns = columns
        self.header = header
        self.cells = cells
        self.used: set[int] = set()

    def raw(self, name: str) -> str:
        index = self.columns.get(_key(name))
        if index is None:
            return ""
        self.used.add(index)
        if index >= len(self.cells):
            return ""
        return self.cells[index]

    def text(self, name: str) -> str:
        return _clean(self.raw(name))

    def leftovers(self, defaults: dict[str, set[str]] | None = None) -> dict[str, str]:
        """Every unread, non-empty cell by its header, minus exporter defaults."""
        defaults = defaults or {}
        kept: dict[str, str] = {}
        for index, name in enumerate(self.header):
            if index in self.used or index >= len(self.cells) or not name:
                continue
            value = _clean_text(self.cells[index])
            if value and value.casefold() not in defaults.get(_key(name), set()):
                kept.setdefault(name, value)
        return kept


def _columns(header: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        columns.setdefault(_key(name), index)
    return columns


def _clean(value: str) -> str:
    return " ".join(_CONTROL.sub(" ", value).split())


def _clean_text(value: str) -> str:
    # Notes and addresses keep their line breaks; Windows ones become "\n".
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _CONTROL.sub("", value.replace("\t", " "))
    return "\n".join(line.rstrip() for line in value.strip().split("\n"))


def _split(cell: str) -> list[str]:
    return [part for part in (_clean(p) for p in _MULTI.split(cell)) if part]


def _label(raw: str) -> tuple[str, bool]:
    label = _clean(raw)
    primary = label.startswith("*")
    label = label.lstrip("*").strip()
    if label.casefold() in GOOGLE_KNOWN_LABELS:
        label = label.casefold()
    return label, primary


def _unique(values: list[Value], *, fold: bool) -> tuple[Value, ...]:
    """First occurrence wins, but a later primary mark is not lost."""
    seen: dict[str, int] = {}
    kept: list[Value] = []
    for value in values:
        key = value.value.casefold() if fold else value.value
        if key in seen:
            first = kept[seen[key]]
            if value.primary and not first.primary:
                kept[seen[key]] = Value(first.value, first.label, primary=True)
            continue
        seen[key] = len(kept)
        kept.append(value)
    return tuple(kept)


def _split_labels(parts: list[str]) -> tuple[tuple[str, ...], list[str]]:
    user: list[str] = []
    system: list[str] = []
    for part in parts:
        name = part.lstrip("*").strip()
        if not name:
            continue
        if name.replace(" ", "").casefold() in _SYSTEM_LABELS:
            system.append(name)
        elif name not in user:
            user.append(name)
    return tuple(user), system


# --- birthdays ---------------------------------------------------------------

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NO_YEAR = re.compile(r"--(\d{1,2})-?(\d{1,2})")
_SLASHED = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")


def _birthday(raw: str) -> Birthday | None:
    """Parse a birthday cell; None when empty, ValueError when unreadable."""
    text = _clean(raw)
    # Outlook may append a midnight time: "3/14/1985 0:00:00".
    text = text.split(" ", 1)[0] if text else ""
    if not text or text in _NO_DATE:
        return None
    if match := _ISO.fullmatch(text):
        year, month, day = (int(group) for group in match.groups())
    elif match := _NO_YEAR.fullmatch(text):
        year, (month, day) = 0, (int(group) for group in match.groups())
    elif match := _SLASHED.fullmatch(text):
        month, day, year = (int(group) for group in match.groups())
    elif match := _DOTTED.fullmatch(text):
        day, month, year = (int(group) for group in match.groups())
    else:
        raise ValueError(text)
    # 2000 is a leap year, so 29 February without a year is accepted.
    date(year or 2000, month, day)
    return Birthday(month, day, year or None)


def _read_birthday(
    row: _Row, position: str, errors: list[RecordError], form: str
) -> Birthday | None:
    raw = row.raw("Birthday")
    try:
        return _birthday(raw)
    except ValueError:
        errors.append(
            RecordError(
                position,
                f"The birthday {_clean(raw)!r} is not a date in {form} form, "
                "so it was left out.",
            )
        )
        return None


# --- building a record -------------------------------------------------------


def _full_name(*parts: str) -> str:
    return " ".join(part for part in parts if part)


def _display_name(
    full_name: str, fallbacks: Sequence[str], *values: tuple[Value, ...]
) -> str:
    """The name to show; a nameless contact is called by its company or address."""
    if full_name:
        return full_name
    candidates = [*fallbacks, *(value.value for group in values for value in group)]
    return next((candidate for candidate in candidates if candidate), "")


def _google_values(row: _Row, kind: str, *, legacy: bool) -> list[Value]:
    numbers = sorted(
        {
            int(match.group(2))
            for key in row.columns
            if (match := _GOOGLE_GROUP.fullmatch(key)) and match.group(1) == kind
        }
    )
    label_column = "type" if legacy else "label"
    values: list[Value] = []
    for number in numbers:
        label, primary = _label(row.raw(f"{kind} {number} - {label_column}"))
        for index, part in enumerate(_split(row.raw(f"{kind} {number} - value"))):
            # One primary per cell: Google shares the label across the cell.
            values.append(Value(part, label, primary=primary and index == 0))
    return values


def _google_record(
    row: _Row, position: str, errors: list[RecordError], *, legacy: bool
) -> ContactRecord | None:
    if legacy:
        given, middle = row.text("Given Name"), row.text("Additional Name")
        family = row.text("Family Name")
        full_name = row.text("Name") or _full_name(given, middle, family)
        organization = _first(row.raw("Organization 1 - Name"))
        title = _first(row.raw("Organization 1 - Title"))
        groups = row.raw("Group Membership")
    else:
        given, middle = row.text("First Name"), row.text("Middle Name")
        family = row.text("Last Name")
        full_name = _full_name(given, middle, family)
        organization = _first(row.raw("Organization Name"))
        title = _first(row.raw("Organization Title"))
        groups = row.raw("Labels")
    emails = _unique(
        [
            value
            for value in _google_values(row, "email", legacy=legacy)
            if not _EXCHANGE.match(value.value)
        ],
        fold=True,
    )
    phones = _unique(_google_values(row, "phone", legacy=legacy), fold=False)
    if not (full_name or emails or phones):
        return None
    labels, system = _split_labels(_split(groups))
    fallbacks = (row.text("File As"), row.text("Nickname"), organization)
    birthday = _read_birthday(row, position, errors, "YYYY-MM-DD or --MM-DD")
    urls = _unique(_google_values(row, "website", legacy=legacy), fold=False)
    notes = _clean_text(row.raw("Notes"))
    extra = row.leftovers()
    if system:
        extra["system labels"] = ", ".join(system)
    return ContactRecord(
        source="google",
        position=position,
        full_name=_display_name(full_name, fallbacks, emails, phones),
        given_name=given,
        family_name=family,
        emails=emails,
        phones=phones,
        urls=urls,
        organization=organization,
        title=title,
        birthday=birthday,
        notes=notes,
        labels=labels,
        extra=extra,
    )


def _first(cell: str) -> str:
    return next(iter(_split(cell)), "")


def _outlook_record(
    row: _Row, position: str, errors: list[RecordError], exchange: list[str]
) -> ContactRecord | None:
    given, middle = row.text("First Name"), row.text("Middle Name")
    family = row.text("Last Name")
    full_name = _full_name(given, middle, family) or row.text("Display Name")
    found: list[Value] = []
    for address_column, type_column in _OUTLOOK_EMAILS:
        address = row.text(address_column)
        kind = row.text(type_column).upper()
        if not address:
            continue
        # An Exchange directory name identifies a mailbox, not a person's email.
        if _EXCHANGE.match(address) or (kind == "EX" and "@" not in address):
            exchange.append(position)
            continue
        found.append(Value(address))
    emails = _unique(found, fold=True)
    phones = _unique(
        [
            Value(number, label, primary=column == "Primary Phone")
            for column, label in OUTLOOK_PHONES
            if (number := row.text(column))
        ],
        fold=False,
    )
    if not (full_name or emails or phones):
        return None
    urls = _unique(
        [
            Value(url, label)
            for column, label in _OUTLOOK_URLS
            if (url := row.text(column))
        ],
        fold=False,
    )
    organization, title = row.text("Company"), row.text("Job Title")
    # Google's "Outlook CSV" writes "myContacts;starred"; Outlook uses ";" too.
    labels, system = _split_labels(
        [_clean(p) for p in row.raw("Categories").split(";")]
    )
    fallbacks = (row.text("Nickname"), organization)
    birthday = _read_birthday(row, position, errors, "M/D/YYYY or YYYY-MM-DD")
    notes = _clean_text(row.raw("Notes"))
    for column in _OUTLOOK_REDUNDANT:
        row.raw(column)
    extra = row.leftovers(_OUTLOOK_DEFAULTS)
    if system:
        extra["system labels"] = ", ".join(system)
    return ContactRecord(
        source="outlook",
        position=position,
        full_name=_display_name(full_name, fallbacks, emails, phones),
        given_name=given,
        family_name=family,
        emails=emails,
        phones=phones,
        urls=urls,
        organization=organization,
        title=title,
        birthday=birthday,
        notes=notes,
        labels=labels,
        extra=extra,
    )


# --- entry points ------------------------------------------------------------

_Build = Callable[[_Row, str, list[RecordError]], ContactRecord | None]


def _collect(table: _Table, build: _Build, notes: list[str]) -> ReadResult:
    records: list[ContactRecord] = []
    errors: list[RecordError] = []
    skipped: dict[str, int] = {}
    columns = _columns(table.header)
    for start, cells in table.rows:
        record = build(_Row(columns, table.header, cells), f"line {start}", errors)
        if record is None:
            skipped["empty row"] = skipped.get("empty row", 0) + 1
        else:
            records.append(record)
    errors.extend(table.errors)
    return ReadResult(
        records=tuple(records),
        errors=tuple(errors),
        skipped=skipped,
        notes=(f"encoding: {table.encoding}", *notes),
    )


def _expect(table: _Table, wanted: tuple[str, str], expected: str, other: str) -> str:
    """The file's dialect if it is one the caller reads; else a one-line refusal."""
    try:
        dialect = detect_dialect(table.header)
    except AddressBookFormatError:
        dialect = ""
    if dialect in wanted:
        return dialect
    if not table.header:
        found = "the file is empty"
    elif dialect:
        found = f"this file looks like {other}"
    else:
        found = "this file's header does not match"
    raise AddressBookFormatError(f"Expected {expected}, but {found}.")


def read_google(data: bytes) -> ReadResult:
    """Read a Google Contacts CSV export, current or legacy."""
    table = _read_table(data)
    dialect = _expect(
        table,
        (GOOGLE, GOOGLE_LEGACY),
        f"a Google Contacts CSV with the header {GOOGLE_HEADER} "
        f"(or the legacy {GOOGLE_LEGACY_HEADER})",
        "an Outlook CSV",
    )
    legacy = dialect == GOOGLE_LEGACY

    def build(
        row: _Row, position: str, errors: list[RecordError]
    ) -> ContactRecord | None:
        return _google_record(row, position, errors, legacy=legacy)

    return _collect(table, build, [f"dialect: {dialect}"])


def read_outlook(data: bytes) -> ReadResult:
    """Read an Outlook CSV export, desktop or web."""
    table = _read_table(data)
    dialect = _expect(
        table,
        (OUTLOOK_DESKTOP, OUTLOOK_WEB),
        f"an Outlook CSV with the header {OUTLOOK_HEADER}",
        "a Google Contacts CSV",
    )
    exchange: list[str] = []

    def build(
        row: _Row, position: str, errors: list[RecordError]
    ) -> ContactRecord | None:
        return _outlook_record(row, position, errors, exchange)

    result = _collect(table, build, [f"dialect: {dialect}"])
    if not exchange:
        return result
    note = (
        f"{len(exchange)} Exchange directory name(s) (/O=…) were not imported as "
        "emails: they name a mailbox, not an address."
    )
    return dataclasses.replace(result, notes=(*result.notes, note))
