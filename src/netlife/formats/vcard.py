"""Read vCard files (2.1, 3.0 and 4.0, mixed in one file) into ContactRecords.

Phones, Apple Contacts, Google, Outlook and Thunderbird all write vCards a
little differently, and one file often holds several versions. This reader
works on bytes with its own line-level parser:

1. Strip a UTF-8 byte-order mark (re-encode UTF-16 files), then turn every
   line end (``\\r*\\n`` or a lone ``\\r``) into one ``\\n``. iPhone files end
   lines with CR CR LF, which text mode would read as two line breaks.
2. Split the file into cards at ``BEGIN:VCARD`` / ``END:VCARD`` and read each
   card on its own, so one bad card is one `RecordError` ("card 3 (line 41)")
   and the rest of the file still imports. A card without ``END:VCARD`` is
   closed at the next ``BEGIN:VCARD`` or at the end of the file, and noted.
3. Per card: unfold lines on bytes (before decoding, because folds may split
   UTF-8 sequences), join QUOTED-PRINTABLE soft breaks, read bare 2.1
   parameters (``TEL;CELL;PREF``) as ``TYPE=``, decode each value with its
   CHARSET (UTF-8 by default, Windows-1252 when the bytes are not UTF-8).

Mapping decisions:

* ``full_name`` is FN; failing that N, NICKNAME, ORG, the whole email address
  (a local part such as "info" says too little) and finally a phone number.
  A card with none of these becomes a `RecordError`; a record never has an
  empty ``full_name``.
* Labels come from TYPE (``cell`` reads "mobile"; ``internet``, ``voice`` and
  ``pref`` are dropped) unless an ``X-ABLabel`` in the same group names it;
  Apple's built-in ``_$!<HomePage>!$_`` reads "home page".
* ``primary`` marks one value per kind: the first with the best preference
  (``TYPE=pref`` or a bare ``PREF`` count as 4.0's ``PREF=1``).
* Birthdays: ``--MMDD``/``--MM-DD`` and Apple's year 1604 (with or without
  ``X-APPLE-OMIT-YEAR``) have no year; the time of a date-time is ignored;
  text that is not a date is kept in ``extra["birthday_text"]``.
* Group cards (``KIND:group``, ``X-ADDRESSBOOKSERVER-KIND:group``) are not
  people: they are counted in ``skipped["group card"]``. ``KIND:org`` and
  ``KIND:location`` cards are imported and say so in ``extra["kind"]``.
* The first photo that decodes is kept in ``extra["photo"]`` as a ``data:``
  URI (or its http(s) address); one that does not decode, or is larger than
  `MAX_PHOTO_BYTES`, is left out with a note and the card still imports.

vobject 0.9.9 is not used. Measured with ``vobject.readComponents`` on the
UTF-8-decoded bytes of this module's own test samples:

* it raises on a UTF-8 byte-order mark, a leftover ``PROFILE:VCard`` line,
  Apple's escaped DQUOTE in a parameter, a photo whose base64 does not
  decode (the whole card is lost, not the photo) and a card without
  ``END:VCARD`` (the whole stream stops there);
* with its default ``allowQP=False`` it also raises on QUOTED-PRINTABLE soft
  breaks and on CR CR LF line ends around a folded photo; ``allowQP=True``
  reads both;
* it reads folds (TAB too), groups, escapes, bare 2.1 parameters and a 2.1
  base64 photo, but silently decodes a 3.0 ``ENCODING=b`` photo holding a
  ``data:`` URI into garbage bytes, leaves a 4.0 data URI as a string and
  never parses BDAY.

So every quirk would still need code of our own around it, and a pre-cleaner
plus a fallback parser is more code than one lenient parser.
"""

import base64
import binascii
import codecs
import re
import urllib.parse
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from netlife.formats.contact_record import (
    Birthday,
    ContactRecord,
    ReadResult,
    RecordError,
    Value,
)

SOURCE = "vcard"
MAX_PHOTO_BYTES = 2_000_000  # a phone photo is ~30 KB-1 MB; bigger is suspect

_EOL = re.compile(rb"\r*\n|\r")
_BASE64_LINE = re.compile(rb"[A-Za-z0-9+/=]+")
_WHITESPACE = re.compile(rb"\s+")
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_CARET = re.compile(r"\^(.)", re.DOTALL)
_APPLE_LABEL = re.compile(r"_\$!<(.*)>!\$_")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_ISO_DATE = re.compile(r"(\d{4})-?(\d{1,2})-?(\d{1,2})")
_NO_YEAR = re.compile(r"--(\d{2})-?(\d{2})")
APPLE_NO_YEAR = 1604  # Apple's placeholder year for "year unknown"

_ENCODING_TOKENS = {"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"}
_NOISE_TYPES = {"internet", "x-internet", "pref", "voice", "x400", "msg"}
_TYPE_WORDS = {"cell": "mobile", "x-mobile": "mobile", "x-other": "other"}
_MEDIA_TYPES = {"jpg": "image/jpeg", "jpeg": "image/jpeg"}
_MAGIC = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF8", "image/gif"),
)


@dataclass
class _Block:
    """The raw lines of one card, with their line numbers in the file."""

    number: int
    first_line: int
    lines: list[tuple[int, bytes]] = field(default_factory=list)
    closed: bool = False

    @property
    def position(self) -> str:
        return f"card {self.number} (line {self.first_line})"


@dataclass
class _Property:
    group: str
    name: str
    params: dict[str, list[str]]
    raw: bytes
    line: int

    def param(self, key: str) -> list[str]:
        return self.params.get(key, [])

    @property
    def encoding(self) -> str:
        values = self.param("ENCODING")
        return values[0].lower() if values else ""


@dataclass
class _Context:
    notes: list[str] = field(default_factory=list)
    legacy_text: bool = False


class _Skip(Exception):
    """The card is fine but is not a person (a group card)."""


class _Unusable(Exception):
    """The card holds nothing to import; the message says why."""


def read_vcards(data: bytes) -> ReadResult:
    """Read every card of a .vcf file; never raises on bad input."""
    ctx = _Context()
    data = _to_utf8(data, ctx)
    lines = _EOL.split(data)
    blocks = _split_cards(lines)
    if not blocks:
        message = (
            "The file is empty."
            if not data.strip()
            else "No vCard found: the file has no BEGIN:VCARD line."
        )
        return ReadResult(records=(), errors=(RecordError("file", message),))

    records: list[ContactRecord] = []
    errors: list[RecordError] = []
    skipped: Counter[str] = Counter()
    for block in blocks:
        if not block.closed:
            ctx.notes.append(
                f"{block.position}: no END:VCARD; read up to the next card"
                " or the end of the file."
            )
        try:
            records.append(_read_card(block, ctx))
        except _Skip as skip:
            skipped[str(skip)] += 1
        except _Unusable as unusable:
            errors.append(RecordError(block.position, str(unusable)))
        except Exception as exc:
            # One card must never sink the file; tests assert this never fires.
            errors.append(
                RecordError(
                    block.position,
                    f"Could not be read because of an unexpected error ({exc!r}).",
                )
            )
    if ctx.legacy_text:
        ctx.notes.append("Some values were not UTF-8 and were read as Windows-1252.")
    return ReadResult(
        records=tuple(records),
        errors=tuple(errors),
        skipped=dict(skipped),
        notes=tuple(ctx.notes),
    )


def _to_utf8(data: bytes, ctx: _Context) -> bytes:
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :]
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        ctx.notes.append("encoding: UTF-16")
        return data.decode("utf-16", errors="replace").encode("utf-8")
    return data


def _split_cards(lines: list[bytes]) -> list[_Block]:
    blocks: list[_Block] = []
    current: _Block | None = None
    for number, line in enumerate(lines, start=1):
        token = line.strip().upper()
        # Inside a card, an indented line continues the one before (a note
        # folded just before the words "END:VCARD"), so it is no boundary.
        if current is not None and line[:1] in (b" ", b"\t"):
            current.lines.append((number, line))
        elif token == b"BEGIN:VCARD":
            if current is not None:
                blocks.append(current)
            current = _Block(number=len(blocks) + 1, first_line=number)
        elif token == b"END:VCARD":
            if current is not None:
                current.closed = True
                blocks.append(current)
                current = None
        elif current is not None:
            current.lines.append((number, line))
    if current is not None:
        blocks.append(current)
    return blocks


# --- lines and properties ---------------------------------------------------


def _head(line: bytes) -> bytes:
    return line.split(b":", 1)[0].upper() if b":" in line else b""


def _unfold(lines: list[tuple[int, bytes]]) -> list[tuple[int, bytes]]:
    out: list[tuple[int, bytes]] = []
    for number, line in lines:
        if out:
            start, previous = out[-1]
            head = _head(previous)
            if b"QUOTED-PRINTABLE" in head and previous.endswith(b"="):
                # A QP soft break: the next line continues the value, whether
                # or not the writer indented it.
                continuation = line[1:] if line[:1] in (b" ", b"\t") else line
                out[-1] = (start, previous[:-1] + continuation)
                continue
            if line[:1] in (b" ", b"\t"):
                out[-1] = (start, previous + line[1:])
                continue
            if (
                (b"BASE64" in head or b"ENCODING=B" in head)
                and line
                and _BASE64_LINE.fullmatch(line)
            ):
                # Some 2.1 writers continue base64 data without indenting it.
                out[-1] = (start, previous + line)
                continue
        if line.strip():
            out.append((number, line))
    return out


def _split_outside_quotes(text: str, separator: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    quoted = False
    for char in text:
        if char == '"':
            quoted = not quoted
        if char == separator and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def _colon(line: bytes) -> int:
    quoted = False
    for index, byte in enumerate(line):
        if byte == 0x22:
            quoted = not quoted
        elif byte == 0x3A and not quoted:
            return index
    # Unbalanced quotes (Apple's X-ADDRESS="…\"…"): fall back to the first colon.
    return line.find(b":")


def _parse_property(number: int, line: bytes) -> _Property | None:
    colon = _colon(line)
    if colon <= 0:
        return None
    head = line[:colon].decode("utf-8", errors="replace").strip()
    name_part, *param_parts = _split_outside_quotes(head, ";")
    group, _, name = name_part.rpartition(".")
    params: dict[str, list[str]] = {}
    for part in param_parts:
        key, equals, value = part.partition("=")
        key = key.strip().upper()
        if not key:
            continue
        if not equals or not value.strip():
            # 2.1's bare parameters: TEL;CELL;PREF, EMAIL;INTERNET=
            value = key
            key = "ENCODING" if key in _ENCODING_TOKENS else "TYPE"
        for item in _split_outside_quotes(value, ","):
            item = _CARET.sub(_caret, item.strip().strip('"'))
            if item:
                params.setdefault(key, []).append(item)
    return _Property(
        group=group.strip().lower(),
        name=name.strip().upper(),
        params=params,
        raw=line[colon + 1 :],
        line=number,
    )


def _caret(match: re.Match[str]) -> str:
    # RFC 6868 escapes inside parameter values.
    char = match.group(1)
    return {"n": "\n", "^": "^", "'": '"'}.get(char, "^" + char)


def _text(prop: _Property, ctx: _Context) -> str:
    raw = prop.raw
    if prop.encoding == "quoted-printable":
        raw = binascii.a2b_qp(raw)
    for charset in prop.param("CHARSET")[:1]:
        try:
            return raw.decode(charset)
        except (LookupError, UnicodeError, ValueError):
            pass
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        ctx.legacy_text = True
        return raw.decode("cp1252", errors="replace")


def _unescape(text: str) -> str:
    return _ESCAPE.sub(_escaped_char, text)


def _escaped_char(match: re.Match[str]) -> str:
    char = match.group(1)
    if char in "nN":
        return "\n"
    # Lenient: Apple and Google escape ':' too; unknown escapes stay as written.
    return char if char in ",;:\\" else "\\" + char


def _split_escaped(text: str, separator: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    escaped = False
    for char in text:
        if escaped:
            current.append(char)
            escaped = False
        elif char == "\\":
            current.append(char)
            escaped = True
        elif char == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def _components(text: str) -> list[str]:
    """Split a compound value (N, ORG) on ';', each list on ',', unescaped."""
    return [
        " ".join(
            filter(None, (_unescape(i).strip() for i in _split_escaped(part, ",")))
        )
        for part in _split_escaped(text, ";")
    ]


# --- one card ---------------------------------------------------------------


def _read_card(block: _Block, ctx: _Context) -> ContactRecord:
    props = [
        prop
        for number, line in _unfold(block.lines)
        if (prop := _parse_property(number, line)) is not None
    ]

    def texts(name: str) -> list[tuple[_Property, str]]:
        return [(p, _text(p, ctx)) for p in props if p.name == name]

    def first(name: str) -> str:
        for _, text in texts(name):
            if text.strip():
                return text
        return ""

    kind = (first("KIND") or first("X-ADDRESSBOOKSERVER-KIND")).strip().lower()
    if kind == "group":
        raise _Skip("group card")

    group_labels = {
        prop.group: _apple_label(_unescape(text).strip())
        for prop, text in texts("X-ABLABEL")
        if prop.group and text.strip()
    }

    n_parts = (_components(first("N")) + [""] * 5)[:5]
    family, given, additional, prefix, suffix = n_parts
    full_from_n = " ".join(p for p in (prefix, given, additional, family) if p)
    if suffix and full_from_n:
        full_from_n = f"{full_from_n}, {suffix}"

    emails = _values(texts("EMAIL"), group_labels, "mailto:")
    phones = _values(texts("TEL"), group_labels, "tel:")
    urls = _values(texts("URL"), group_labels, "")
    organization = _components(first("ORG"))[0] if first("ORG") else ""
    nickname = _unescape(_split_escaped(first("NICKNAME"), ",")[0]).strip()

    candidates = (
        _one_line(_unescape(first("FN"))),
        _one_line(full_from_n),
        _one_line(nickname),
        _one_line(organization),
        emails[0].value if emails else "",
        phones[0].value if phones else "",
    )
    full_name = next((c for c in candidates if c), "")
    if not full_name:
        raise _Unusable(
            "The card has no name, organization, email address or phone number,"
            " so there is nobody to import."
        )

    extra: dict[str, str] = {}
    if version := first("VERSION").strip():
        extra["vcard_version"] = version
    if kind:
        extra["kind"] = kind
    if nickname:
        extra["nickname"] = nickname
    birthday: Birthday | None = None
    for prop, text in texts("BDAY"):
        value = _unescape(text).strip()
        if not value:
            continue
        birthday = _birthday(value, prop)
        if birthday is None:
            extra["birthday_text"] = value
        break
    photo = _first_photo([p for p in props if p.name == "PHOTO"], block.position, ctx)
    if photo:
        extra["photo"] = photo

    notes = "\n\n".join(
        note for _, text in texts("NOTE") if (note := _unescape(text).strip())
    )
    labels: list[str] = []
    for _, text in texts("CATEGORIES"):
        for item in _split_escaped(text, ","):
            label = _unescape(item).strip()
            if label and label not in labels:
                labels.append(label)

    return ContactRecord(
        source=SOURCE,
        position=block.position,
        full_name=full_name,
        given_name=given,
        family_name=family,
        emails=emails,
        phones=phones,
        urls=urls,
        organization=organization,
        title=_one_line(_unescape(first("TITLE"))),
        birthday=birthday,
        notes=notes,
        labels=tuple(labels),
        source_id=_unescape(first("UID")).strip(),
        extra=extra,
    )


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _apple_label(label: str) -> str:
    match = _APPLE_LABEL.fullmatch(label)
    if not match:
        return label
    return _CAMEL.sub(" ", match.group(1)).lower().strip()


def _values(
    items: Iterable[tuple[_Property, str]],
    group_labels: dict[str, str],
    scheme: str,
) -> tuple[Value, ...]:
    found: list[tuple[str, str, int | None]] = []
    seen: set[str] = set()
    for prop, text in items:
        value = _unescape(text).strip()
        if scheme and value.lower().startswith(scheme):
            value = value[len(scheme) :].strip()
        key = value.lower()
        if not value or key in seen:
            continue
        seen.add(key)
        found.append((value, _label(prop, group_labels), _preference(prop)))
    ranks = [rank for _, _, rank in found if rank is not None]
    best = min(ranks) if ranks else None
    values: list[Value] = []
    for value, label, rank in found:
        primary = best is not None and rank == best
        if primary:
            best = None  # only the first of equally preferred values
        values.append(Value(value=value, label=label, primary=primary))
    return tuple(values)


def _label(prop: _Property, group_labels: dict[str, str]) -> str:
    if prop.group and group_labels.get(prop.group):
        return group_labels[prop.group]
    words: list[str] = []
    for item in prop.param("TYPE"):
        word = item.strip().lower()
        word = _TYPE_WORDS.get(word, word)
        if word and word not in _NOISE_TYPES and word not in words:
            words.append(word)
    return " ".join(words)


def _preference(prop: _Property) -> int | None:
    for value in prop.param("PREF"):
        if value.isdigit():
            return int(value)
    if any(t.lower() == "pref" for t in prop.param("TYPE")):
        return 1
    return None


def _birthday(value: str, prop: _Property) -> Birthday | None:
    date_part = value.split("T", 1)[0].strip()
    year: int | None
    if match := _NO_YEAR.fullmatch(date_part):
        year, month, day = None, int(match.group(1)), int(match.group(2))
    elif match := _ISO_DATE.fullmatch(date_part):
        year, month, day = (int(g) for g in match.groups())
        if year in (0, APPLE_NO_YEAR) or prop.param("X-APPLE-OMIT-YEAR"):
            year = None
    else:
        return None
    if not 1 <= month <= 12:
        return None
    days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    if year is not None and month == 2 and not _leap(year):
        days = 28
    if not 1 <= day <= days:
        return None
    return Birthday(month=month, day=day, year=year)


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


# --- photos -----------------------------------------------------------------


class _BadPhoto(Exception):
    pass


def _first_photo(props: list[_Property], position: str, ctx: _Context) -> str:
    for prop in props:
        try:
            photo = _photo(prop)
        except _BadPhoto as bad:
            ctx.notes.append(f"{position}: the photo was left out ({bad}).")
            continue
        if photo:
            return photo
    return ""


def _photo(prop: _Property) -> str:
    value = _WHITESPACE.sub(b"", prop.raw)
    if not value:
        return ""
    lowered = value[:12].lower()
    if lowered.startswith((b"http://", b"https://", b"http\\:", b"https\\:")):
        return _unescape(value.decode("utf-8", errors="replace"))
    declared = _declared_media_type(prop)
    if lowered.startswith(b"data:"):
        header, comma, payload = value.partition(b",")
        if not comma:
            raise _BadPhoto("a data: URI without data")
        header_text = header[5:].decode("ascii", errors="replace").lower()
        declared = header_text.split(";")[0] or declared
        if ";base64" in header_text:
            data = _base64(payload)
        else:
            data = urllib.parse.unquote_to_bytes(payload)
    elif prop.encoding in ("b", "base64"):
        data = _base64(value)
    else:
        raise _BadPhoto("neither embedded data nor a web address")
    if not data:
        raise _BadPhoto("no image data")
    if len(data) > MAX_PHOTO_BYTES:
        raise _BadPhoto(f"larger than {MAX_PHOTO_BYTES // 1_000_000} MB")
    media_type = next((t for magic, t in _MAGIC if data.startswith(magic)), declared)
    encoded = base64.b64encode(data).decode("ascii")
    return f"data:{media_type or 'application/octet-stream'};base64,{encoded}"


def _base64(payload: bytes) -> bytes:
    payload = payload.rstrip(b"=")
    payload += b"=" * (-len(payload) % 4)
    try:
        return base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise _BadPhoto("its base64 data does not decode") from exc


def _declared_media_type(prop: _Property) -> str:
    for item in prop.param("MEDIATYPE") + prop.param("TYPE"):
        kind = item.strip().lower()
        if "/" in kind:
            return kind
        if kind.isalnum() and kind not in _NOISE_TYPES:
            return _MEDIA_TYPES.get(kind, f"image/{kind}")
    return ""
