"""Write people as Google Contacts CSV and Outlook CSV, for import elsewhere.

Both files are what `netlife.formats.address_book_csv` reads back, with the
column names and cell forms its readers expect.

Google (`write_google_csv`): Google's current header (``First Name`` …
``Labels``, then ``E-mail N``, ``Phone N`` and ``Website N`` label/value
pairs, as many as the widest person needs), UTF-8 without a byte-order
mark, LF line ends. Neighbouring values with the same label share one cell
joined by ``" ::: "``, as Google writes them; a primary value starts its own
cell, whose label gets Google's ``"* "`` mark. ``Labels`` is ``* myContacts``
plus the person's labels (a label named "starred" becomes Google's star).

Outlook (`write_outlook_csv`): only the Outlook desktop columns this module
fills, every cell quoted, UTF-8 with a byte-order mark and CRLF line ends
(Outlook misreads UTF-8 without one). What does not fit Outlook's fixed
fields is left out; `outlook_left_out` lists it so the caller can say so:

* three email addresses, the primary one first; Outlook has no email labels
  and no primary mark beyond the first slot;
* one phone per named column (``Mobile Phone``, ``Home Phone``,
  ``Home Phone 2`` …), chosen by label; a phone whose label has no column,
  or whose columns are taken, goes to ``Other Phone`` while it is free. The
  primary phone is also written to ``Primary Phone``;
* two web pages: one labelled "personal" in ``Personal Web Page`` (a column
  of Outlook.com's dialect, which Outlook desktop may not map), and the
  first other, the primary preferred, in ``Web Page``;
* a birthday as ``M/D/YYYY``; without a year as ``--MM-DD``, which netlife
  reads back but Outlook, having no yearless birthdays, probably ignores
  (not verified against Outlook).

Names, in both: given and family name go to ``First Name`` and ``Last
Name``. When the full name is the given name, something, and the family
name, the something goes to ``Middle Name`` so the full name survives; a
full name of another shape is lost (the readers rebuild it from the
parts). A person with neither given nor family name gets the whole full
name in ``First Name``.

Normalised on the way out, as the readers would anyway: names, values,
labels, organization and title are one line with single spaces; blank
values are dropped; repeats (emails ignoring case) keep the first copy
and its primary mark; only the first primary value of a kind stays
primary; labels lose leading "*" (Google's primary mark). Cells use LF
(Google) or CRLF (Outlook) line breaks and hold no NUL characters.

What the formats cannot hold: ":::" in a Google cell that holds several
values (it separates them), ";" in an Outlook category (it separates
categories), and labels named "myContacts" or "starred", which both
readers take for Google's own groups.

The files are meant for import, not for a spreadsheet: cells starting with
"=" or "+" (phone numbers) are not defused for Excel.

Pure: no Django import.
"""

import codecs
import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from netlife.formats.address_book_csv import GOOGLE_KNOWN_LABELS, OUTLOOK_PHONES
from netlife.formats.contact_record import Birthday, ContactRecord, Value

GOOGLE_SEPARATOR = " ::: "
GOOGLE_NAME_COLUMNS = (
    "First Name",
    "Middle Name",
    "Last Name",
    "Phonetic First Name",
    "Phonetic Middle Name",
    "Phonetic Last Name",
    "Name Prefix",
    "Name Suffix",
    "Nickname",
    "File As",
    "Organization Name",
    "Organization Title",
    "Organization Department",
    "Birthday",
    "Notes",
    "Photo",
    "Labels",
)
# Google's groups of values; "E-mail" is the spelling in Google's header.
_GOOGLE_GROUPS = (("E-mail", "emails"), ("Phone", "phones"), ("Website", "urls"))
_MY_CONTACTS = "* myContacts"
_STARRED = "starred"

OUTLOOK_MAX_EMAILS = 3
# Outlook's named phone columns by the label the reader gives each one.
_OUTLOOK_PHONE_COLUMNS: dict[str, tuple[str, ...]] = {}
for _column, _label in OUTLOOK_PHONES:
    _OUTLOOK_PHONE_COLUMNS[_label] = (*_OUTLOOK_PHONE_COLUMNS.get(_label, ()), _column)
_OUTLOOK_EMAIL_COLUMNS = tuple(
    (f"E-mail{n} Address", f"E-mail{n} Type", f"E-mail{n} Display Name")
    for n in ("", " 2", " 3")
)
# Outlook desktop's order; "Personal Web Page" is Outlook.com's and comes last.
OUTLOOK_COLUMNS = (
    "First Name",
    "Middle Name",
    "Last Name",
    "Company",
    "Job Title",
    "Assistant's Phone",
    "Business Fax",
    "Business Phone",
    "Business Phone 2",
    "Callback",
    "Car Phone",
    "Company Main Phone",
    "Home Fax",
    "Home Phone",
    "Home Phone 2",
    "ISDN",
    "Mobile Phone",
    "Other Fax",
    "Other Phone",
    "Pager",
    "Primary Phone",
    "Radio Phone",
    "TTY/TDD Phone",
    "Telex",
    "Birthday",
    "Categories",
    *(column for columns in _OUTLOOK_EMAIL_COLUMNS for column in columns),
    "Notes",
    "Web Page",
    "Personal Web Page",
)


# --- Google ------------------------------------------------------------------


def write_google_csv(records: Iterable[ContactRecord]) -> bytes:
    """A Google Contacts CSV of `records`: UTF-8 without BOM, LF line ends."""
    rows = [_google_row(record) for record in records]
    widths = {
        kind: max([1, *(len(row.groups[kind]) for row in rows)])
        for _, kind in _GOOGLE_GROUPS
    }
    header = list(GOOGLE_NAME_COLUMNS)
    for prefix, kind in _GOOGLE_GROUPS:
        for n in range(1, widths[kind] + 1):
            header += [f"{prefix} {n} - Label", f"{prefix} {n} - Value"]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        cells = dict(row.cells)
        for prefix, kind in _GOOGLE_GROUPS:
            for n, (label, value) in enumerate(row.groups[kind], start=1):
                cells[f"{prefix} {n} - Label"] = label
                cells[f"{prefix} {n} - Value"] = value
        writer.writerow(_lf(cells.get(column, "")) for column in header)
    return buffer.getvalue().encode("utf-8", errors="replace")


@dataclass(frozen=True, slots=True)
class _GoogleRow:
    cells: dict[str, str]
    groups: dict[str, list[tuple[str, str]]]  # kind -> (label cell, value cell)


def _google_row(record: ContactRecord) -> _GoogleRow:
    first, middle, last = _name_cells(record)
    cells = {
        "First Name": first,
        "Middle Name": middle,
        "Last Name": last,
        "Organization Name": _one_line(record.organization),
        "Organization Title": _one_line(record.title),
        "Birthday": _iso_birthday(record.birthday),
        "Notes": record.notes.strip(),
        "Labels": GOOGLE_SEPARATOR.join(_google_labels(record.labels)),
    }
    groups = {
        "emails": _google_cells(_unique(record.emails, fold=True)),
        "phones": _google_cells(_unique(record.phones, fold=False)),
        "urls": _google_cells(_unique(record.urls, fold=False)),
    }
    return _GoogleRow(cells, groups)


def _google_cells(values: Sequence[Value]) -> list[tuple[str, str]]:
    """Label and value cells; neighbours with one label share a cell.

    Only neighbours are joined, so the reader gets the values back in their
    order; a primary value opens a cell because the mark is per cell.
    """
    runs: list[tuple[Value, list[str]]] = []
    for value in values:
        if runs and not value.primary and runs[-1][0].label == value.label:
            runs[-1][1].append(value.value)
        else:
            runs.append((value, [value.value]))
    return [
        (
            _google_label(first.label, primary=first.primary),
            GOOGLE_SEPARATOR.join(parts),
        )
        for first, parts in runs
    ]


def _google_label(label: str, *, primary: bool) -> str:
    if label.casefold() in GOOGLE_KNOWN_LABELS:
        label = label.title()
    return f"* {label}" if primary else label


def _google_labels(labels: Iterable[str]) -> list[str]:
    cells = [_MY_CONTACTS]
    for label in _unique_labels(labels):
        system = label.replace(" ", "").casefold()
        if system == "mycontacts":
            continue  # already there
        cell = f"* {_STARRED}" if system == _STARRED else label
        if cell not in cells:
            cells.append(cell)
    return cells


def _lf(cell: str) -> str:
    # csv quotes a cell holding "\n" but not one holding a bare "\r", which
    # would end the row for any reader.
    return cell.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")


# --- Outlook -----------------------------------------------------------------


def write_outlook_csv(records: Iterable[ContactRecord]) -> bytes:
    """An Outlook CSV of `records`: UTF-8 with BOM, CRLF, every cell quoted."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow(OUTLOOK_COLUMNS)
    for record in records:
        cells = _outlook_row(record).cells
        writer.writerow(_crlf(cells.get(column, "")) for column in OUTLOOK_COLUMNS)
    return codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8", errors="replace")


def outlook_left_out(record: ContactRecord) -> tuple[str, ...]:
    """What `write_outlook_csv` cannot fit for `record`, one phrase each."""
    return tuple(_outlook_row(record).left_out)


@dataclass(frozen=True, slots=True)
class _OutlookRow:
    cells: dict[str, str]
    left_out: list[str]


def _outlook_row(record: ContactRecord) -> _OutlookRow:
    first, middle, last = _name_cells(record)
    cells = {
        "First Name": first,
        "Middle Name": middle,
        "Last Name": last,
        "Company": _one_line(record.organization),
        "Job Title": _one_line(record.title),
        "Birthday": _outlook_birthday(record.birthday),
        "Categories": ";".join(_unique_labels(record.labels)),
        "Notes": record.notes.strip(),
    }
    left_out: list[str] = []
    display = _one_line(record.full_name) or " ".join(p for p in (first, last) if p)
    emails = sorted(_unique(record.emails, fold=True), key=lambda v: not v.primary)
    for value, columns in zip(emails, _OUTLOOK_EMAIL_COLUMNS, strict=False):
        address, kind, display_name = columns
        cells[address] = value.value
        cells[kind] = "SMTP"
        cells[display_name] = f"{display} ({value.value})" if display else value.value
    left_out += [f"email {v.value}" for v in emails[OUTLOOK_MAX_EMAILS:]]
    left_out += _place_phones(_unique(record.phones, fold=False), cells)
    left_out += _place_urls(_unique(record.urls, fold=False), cells)
    return _OutlookRow(cells, left_out)


def _place_phones(phones: list[Value], cells: dict[str, str]) -> list[str]:
    left_out: list[str] = []
    primary = next((phone for phone in phones if phone.primary), None)
    if primary is not None:
        cells["Primary Phone"] = primary.value
    for phone in phones:
        label = phone.label.casefold()
        own = _OUTLOOK_PHONE_COLUMNS.get(label, ())
        # The primary number is already in; a column of its own label is a
        # bonus that keeps the label visible in Outlook, "Other Phone" is not.
        candidates = own if phone is primary else (*own, "Other Phone")
        free = [column for column in candidates if column not in cells]
        if free:
            cells[free[0]] = phone.value
        elif phone is not primary:
            left_out.append(f"phone {phone.value}" + (f" ({label})" if label else ""))
    return left_out


def _place_urls(urls: list[Value], cells: dict[str, str]) -> list[str]:
    personal = next((u for u in urls if u.label.strip().casefold() == "personal"), None)
    others = sorted((u for u in urls if u is not personal), key=lambda u: not u.primary)
    if personal is not None:
        cells["Personal Web Page"] = personal.value
    if others:
        cells["Web Page"] = others[0].value
    return [f"web page {url.value}" for url in others[1:]]


def _crlf(cell: str) -> str:
    return _lf(cell).replace("\n", "\r\n")


# --- shared ------------------------------------------------------------------


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _name_cells(record: ContactRecord) -> tuple[str, str, str]:
    """First, middle and last name cells that rebuild the full name if they can."""
    given, family = _one_line(record.given_name), _one_line(record.family_name)
    full = _one_line(record.full_name)
    if not (given or family):
        return full, "", ""
    before = f"{given} " if given else ""
    after = f" {family}" if family else ""
    middle = ""
    if (
        len(full) > len(before) + len(after)
        and full.startswith(before)
        and full.endswith(after)
    ):
        middle = full[len(before) : len(full) - len(after)].strip()
    return given, middle, family


def _unique(values: Iterable[Value], *, fold: bool) -> list[Value]:
    """One-line, non-blank values without repeats; a repeat's primary mark stays.

    Only the first primary keeps its mark, as the readers do.
    """
    kept: dict[str, Value] = {}
    for value in values:
        text = _one_line(value.value)
        if not text:
            continue
        key = text.casefold() if fold else text
        if key in kept:
            if value.primary:
                kept[key] = Value(kept[key].value, kept[key].label, primary=True)
            continue
        kept[key] = Value(text, _unstarred(_one_line(value.label)), value.primary)
    result: list[Value] = []
    seen_primary = False
    for value in kept.values():
        primary = value.primary and not seen_primary
        seen_primary = seen_primary or value.primary
        result.append(Value(value.value, value.label, primary=primary))
    return result


def _unique_labels(labels: Iterable[str]) -> list[str]:
    kept: list[str] = []
    for label in labels:
        label = _unstarred(_one_line(label))
        if label and label not in kept:
            kept.append(label)
    return kept


def _unstarred(label: str) -> str:
    """The label without leading "*": in Google's files the star means primary."""
    while label.startswith("*"):
        label = label[1:].lstrip()
    return label


def _iso_birthday(birthday: Birthday | None) -> str:
    if birthday is None:
        return ""
    month_day = f"{birthday.month:02d}-{birthday.day:02d}"
    if birthday.year is None:
        return f"--{month_day}"
    return f"{birthday.year:04d}-{month_day}"


def _outlook_birthday(birthday: Birthday | None) -> str:
    if birthday is None or birthday.year is None:
        return _iso_birthday(birthday)
    return f"{birthday.month}/{birthday.day}/{birthday.year:04d}"
