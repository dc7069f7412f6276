"""Write people as vCard 3.0, the version every address book reads.

Apple Contacts, Google Contacts, Android and Nextcloud all import 3.0, while
2.1 and 4.0 are each refused by one of them (docs: formats notes 3.5). The
output is UTF-8 without a byte-order mark (Android refuses one), with CRLF
line ends and lines folded at 75 octets, never inside a UTF-8 sequence.

What goes where:

* ``N`` holds family and given name only (``N:;;;;`` when both are empty);
  ``FN`` is the full name, or, when that is blank, the name the reader
  would derive (given and family name, organization, first email, first
  phone). A record with none of these still gets a card, which our reader
  reports as having nobody in it.
* Emails, phones and urls carry their label as ``TYPE`` when the label is
  one the reader turns back into exactly the same words ("work", "mobile"
  as ``CELL``, "home fax" as ``HOME,FAX``). Any other label goes into an
  Apple-style group, ``item1.EMAIL`` plus ``item1.X-ABLabel:Gym``, with
  Apple's built-in names for "other", "main", "other fax" and "home page".
  The first primary value of each kind gets ``TYPE=PREF``.
* Values are written stripped; blank ones and repeats (ignoring case) are
  left out, keeping a repeat's primary mark on the copy that stays.
* ``BDAY`` is ``YYYY-MM-DD``; without a year it is Apple's
  ``BDAY;X-APPLE-OMIT-YEAR=1604:1604-MM-DD`` (1604 is a leap year, so
  29 February survives). A real birth year of 1604 reads back as "no year".
* ``CATEGORIES`` holds the labels, stripped and without repeats.
* ``UID`` is the person's uid, not ``ContactRecord.source_id``; ``source``,
  ``position``, ``connected_on`` and ``extra`` are not written.

Text that cannot be encoded as UTF-8 (a lone surrogate) is written as "?".

Pure: no Django import.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from netlife.formats.contact_record import Birthday, ContactRecord, Value
from netlife.formats.vcard import APPLE_NO_YEAR

PRODUCT = "-//netlife//netlife//EN"
CRLF = b"\r\n"
MAX_LINE = 75  # octets, without the CRLF (RFC 2425 section 5.8.1)

_ESCAPES = str.maketrans({"\\": "\\\\", ",": "\\,", ";": "\\;", "\n": "\\n"})
# Labels the reader turns back into the same words when written as TYPE.
_EMAIL_TYPES = {"home": "HOME", "work": "WORK"}
_URL_TYPES = _EMAIL_TYPES
_TEL_TYPES = {
    "home": "HOME",
    "work": "WORK",
    "mobile": "CELL",
    "fax": "FAX",
    "pager": "PAGER",
    "car": "CAR",
    "isdn": "ISDN",
    "video": "VIDEO",
    "bbs": "BBS",
    "modem": "MODEM",
    "pcs": "PCS",
}
# Apple's built-in label names, which Apple shows in the user's language.
_APPLE_LABELS = {
    "other": "_$!<Other>!$_",
    "main": "_$!<Main>!$_",
    "other fax": "_$!<OtherFAX>!$_",
    "home page": "_$!<HomePage>!$_",
}
# A reader that splits cards before unfolding would take a folded line
# holding only one of these for the card's edge; netlife.formats.vcard does.
_CARD_EDGES = {b"BEGIN:VCARD", b"END:VCARD"}


@dataclass(frozen=True, slots=True)
class Card:
    """One person to export: their stable uid, last change, and details."""

    uid: str
    revised: datetime  # timezone-aware; written in UTC as REV
    contact: ContactRecord


def write_vcards(cards: Iterable[Card], *, product: str = PRODUCT) -> bytes:
    """All cards as one .vcf file; raises ValueError on a naive `revised`."""
    return b"".join(
        _fold(line) for card in cards for line in _card_lines(card, product)
    )


def _card_lines(card: Card, product: str) -> Iterator[str]:
    contact = card.contact
    if card.revised.tzinfo is None or card.revised.utcoffset() is None:
        raise ValueError(f"Card {card.uid}: REV needs a timezone-aware datetime.")
    yield "BEGIN:VCARD"
    yield "VERSION:3.0"
    yield f"PRODID:{_text(product)}"
    yield f"UID:{_text(card.uid)}"
    yield f"REV:{card.revised.astimezone(UTC):%Y-%m-%dT%H:%M:%SZ}"
    family, given = (
        _text(contact.family_name.strip()),
        _text(contact.given_name.strip()),
    )
    yield f"N:{family};{given};;;"
    emails, phones, urls = (
        _unique_values(values)
        for values in (contact.emails, contact.phones, contact.urls)
    )
    yield f"FN:{_text(_display_name(contact, emails, phones))}"
    if organization := contact.organization.strip():
        yield f"ORG:{_text(organization)}"
    if title := _one_line(contact.title):
        yield f"TITLE:{_text(title)}"
    groups = _Groups()
    yield from _values("EMAIL", emails, _EMAIL_TYPES, groups, ["INTERNET"])
    yield from _values("TEL", phones, _TEL_TYPES, groups, [])
    yield from _values("URL", urls, _URL_TYPES, groups, [])
    if contact.birthday is not None:
        yield _bday(contact.birthday)
    if notes := _newlines(contact.notes).strip():
        yield f"NOTE:{_text(notes)}"
    if labels := _unique_labels(contact.labels):
        yield "CATEGORIES:" + ",".join(_text(label) for label in labels)
    yield "END:VCARD"


def _text(value: str) -> str:
    """Escape a text value, or one component of N or ORG (RFC 2426 section 4)."""
    return _newlines(value).translate(_ESCAPES)


def _newlines(value: str) -> str:
    # A bare CR would end the line for most readers, ours included.
    return value.replace("\r\n", "\n").replace("\r", "\n")


def _one_line(value: str) -> str:
    return " ".join(value.split())


def _display_name(
    contact: ContactRecord, emails: list[Value], phones: list[Value]
) -> str:
    # The reader's own fallbacks, in its order, so FN is what it would find.
    candidates = (
        contact.full_name,
        f"{contact.given_name} {contact.family_name}",
        contact.organization,
        *(value.value for value in emails[:1]),
        *(value.value for value in phones[:1]),
    )
    return next((name for c in candidates if (name := _one_line(c))), "")


class _Groups:
    """Hands out Apple's item1, item2, … group names within one card."""

    def __init__(self) -> None:
        self.count = 0

    def next(self) -> str:
        self.count += 1
        return f"item{self.count}"


def _values(
    name: str,
    values: list[Value],
    types: dict[str, str],
    groups: _Groups,
    base_types: list[str],
) -> Iterator[str]:
    for value in values:
        label = _newlines(value.label).strip()
        type_words = _type_words(label, types)
        params = [*base_types, *(type_words or [])]
        if value.primary:
            params.append("PREF")
        param_text = f";TYPE={','.join(params)}" if params else ""
        if type_words is not None or not label:
            yield f"{name}{param_text}:{_text(value.value)}"
            continue
        group = groups.next()
        yield f"{group}.{name}{param_text}:{_text(value.value)}"
        yield f"{group}.X-ABLabel:{_text(_APPLE_LABELS.get(label, label))}"


def _unique_values(values: tuple[Value, ...]) -> list[Value]:
    """Stripped, non-blank values without repeats; only the first primary stays.

    Repeats are found ignoring case, as the reader finds them.
    """
    kept: dict[str, Value] = {}
    for value in values:
        text = _newlines(value.value).strip()
        key = text.lower()
        if not text:
            continue
        if key in kept:
            if value.primary:
                kept[key] = Value(kept[key].value, kept[key].label, primary=True)
            continue
        kept[key] = Value(text, value.label, value.primary)
    result: list[Value] = []
    seen_primary = False
    for value in kept.values():
        result.append(
            Value(value.value, value.label, value.primary and not seen_primary)
        )
        seen_primary = seen_primary or value.primary
    return result


def _type_words(label: str, types: dict[str, str]) -> list[str] | None:
    """TYPE values that read back as exactly `label`, or None if there are none."""
    if not label:
        return []
    words = label.split(" ")
    if len(set(words)) != len(words) or not all(word in types for word in words):
        return None
    return [types[word] for word in words]


def _unique_labels(labels: tuple[str, ...]) -> list[str]:
    kept: list[str] = []
    for label in labels:
        label = _newlines(label).strip()
        if label and label not in kept:
            kept.append(label)
    return kept


def _bday(birthday: Birthday) -> str:
    month_day = f"{birthday.month:02d}-{birthday.day:02d}"
    if birthday.year is None:
        return f"BDAY;X-APPLE-OMIT-YEAR={APPLE_NO_YEAR}:{APPLE_NO_YEAR}-{month_day}"
    return f"BDAY:{birthday.year:04d}-{month_day}"


def _fold(line: str) -> bytes:
    """One content line as bytes, folded at 75 octets, ending in CRLF."""
    data = line.encode("utf-8", errors="replace")
    pieces: list[bytes] = []
    start, limit = 0, MAX_LINE
    while len(data) - start > limit:
        end = _cut(data, start, start + limit)
        pieces.append(data[start:end])
        # Continuation lines start with the folding space, leaving 74 octets.
        start, limit = end, MAX_LINE - 1
    pieces.append(data[start:])
    return b"\r\n ".join(pieces) + CRLF


def _cut(data: bytes, start: int, end: int) -> int:
    """Where to fold: at most `end`, at a character boundary, no fake card edge."""
    end = _char_start(data, end)
    plain = end
    while _fake_edge(data, start, end):
        end = _char_start(data, end - 1)
        if end <= start:
            return plain  # cannot happen with 74-octet pieces; never loop forever
    return end


def _fake_edge(data: bytes, start: int, end: int) -> bool:
    piece, rest = data[start:end], data[end:]
    return (start > 0 and piece.strip().upper() in _CARD_EDGES) or (
        len(rest) <= MAX_LINE - 1 and rest.strip().upper() in _CARD_EDGES
    )


def _char_start(data: bytes, index: int) -> int:
    # UTF-8 continuation bytes look like 0b10xxxxxx.
    while 0 < index < len(data) and data[index] & 0xC0 == 0x80:
        index -= 1
    return index
