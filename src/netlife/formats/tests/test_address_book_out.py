"""The Google and Outlook CSV writers, read back by our own readers.

Invented people and `.example` domains only.
"""

import codecs
import csv
import dataclasses
import io
import re

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from netlife.formats.address_book_csv import read_google, read_outlook
from netlife.formats.address_book_out import (
    OUTLOOK_COLUMNS,
    outlook_left_out,
    write_google_csv,
    write_outlook_csv,
)
from netlife.formats.contact_record import Birthday, ContactRecord, ReadResult, Value


def record(full_name: str = "Maren Lindqvist", **fields) -> ContactRecord:
    return ContactRecord(
        source="netlife", position="person 1", full_name=full_name, **fields
    )


def only(result: ReadResult) -> ContactRecord:
    assert result.errors == ()
    assert len(result.records) == 1
    return result.records[0]


def rows(data: bytes) -> list[dict[str, str]]:
    text = data.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


MAREN = record(
    "Maren Aud Lindqvist",
    given_name="Maren",
    family_name="Lindqvist",
    emails=(
        Value("maren@work.example", "work"),
        Value("maren@home.example", "home", primary=True),
        Value("maren@gym.example", "Gym, Tuesdays"),
    ),
    phones=(
        Value("+46 70 000 00 01", "mobile", primary=True),
        Value("+46 8 000 00 02", "work"),
        Value("+46 8 000 00 03", "work"),
        Value("+46 8 000 00 04", "Claro (Celular)"),
    ),
    urls=(
        Value("https://maren.example/a,b", "homepage"),
        Value("https://blog.example", "personal"),
    ),
    organization='Fjordline, "Research" Ltd',
    title="Chief Tinkerer",
    birthday=Birthday(3, 9, 1984),
    notes='Met at the harbour, 2019.\nLikes "kites";\n\nhates \\ backslashes.',
    labels=("Friends", "Sailing, Club"),
)


# --- Google ----------------------------------------------------------------------


def test_a_full_record_round_trips_through_the_google_reader():
    back = only(read_google(write_google_csv([MAREN])))
    assert back.full_name == "Maren Aud Lindqvist"
    assert (back.given_name, back.family_name) == ("Maren", "Lindqvist")
    assert back.emails == MAREN.emails
    assert back.phones == MAREN.phones
    assert back.urls == MAREN.urls
    assert (back.organization, back.title) == (MAREN.organization, MAREN.title)
    assert back.birthday == MAREN.birthday
    assert back.notes == MAREN.notes
    assert back.labels == MAREN.labels
    assert back.extra == {"system labels": "myContacts"}


def test_google_gets_its_header_utf8_without_bom_and_lf():
    data = write_google_csv([MAREN])
    assert data.startswith(b"First Name,Middle Name,Last Name,")
    assert not data.startswith(codecs.BOM_UTF8)
    assert b"\r" not in data
    header = data.split(b"\n", 1)[0].decode().split(",")
    assert header[16] == "Labels"
    assert header[17:19] == ["E-mail 1 - Label", "E-mail 1 - Value"]
    assert header[-2:] == ["Website 2 - Label", "Website 2 - Value"]


def test_google_cells_join_neighbours_with_one_label_and_star_the_primary():
    (row,) = rows(write_google_csv([MAREN]))
    assert (row["E-mail 1 - Label"], row["E-mail 1 - Value"]) == (
        "Work",
        "maren@work.example",
    )
    assert (row["E-mail 2 - Label"], row["E-mail 2 - Value"]) == (
        "* Home",
        "maren@home.example",
    )
    assert (row["Phone 1 - Label"], row["Phone 1 - Value"]) == (
        "* Mobile",
        "+46 70 000 00 01",
    )
    assert row["Phone 2 - Value"] == "+46 8 000 00 02 ::: +46 8 000 00 03"
    assert row["Labels"] == "* myContacts ::: Friends ::: Sailing, Club"
    assert row["Middle Name"] == "Aud"


def test_google_birthdays_with_and_without_a_year():
    people = [record(birthday=Birthday(4, 15, 1990)), record(birthday=Birthday(2, 29))]
    data = write_google_csv(people)
    assert [row["Birthday"] for row in rows(data)] == ["1990-04-15", "--02-29"]
    assert [r.birthday for r in read_google(data).records] == [
        Birthday(4, 15, 1990),
        Birthday(2, 29),
    ]


def test_a_starred_label_becomes_the_google_star():
    (row,) = rows(write_google_csv([record(labels=("Starred", "* VIP", "myContacts"))]))
    assert row["Labels"] == "* myContacts ::: * starred ::: VIP"


def test_google_with_nobody_is_a_header_alone():
    data = write_google_csv([])
    assert data.count(b"\n") == 1
    assert read_google(data).records == ()


def test_a_multi_line_note_survives_in_a_quoted_cell():
    notes = 'First line\r\nsecond, with comma\rthird "quoted"\n\n  indented'
    want = 'First line\nsecond, with comma\nthird "quoted"\n\n  indented'
    assert only(read_google(write_google_csv([record(notes=notes)]))).notes == want
    assert only(read_outlook(write_outlook_csv([record(notes=notes)]))).notes == want


def test_names_without_given_or_family_name_go_to_first_name():
    back = only(read_google(write_google_csv([record("Dr. Kofi Mensah")])))
    assert (back.full_name, back.given_name, back.family_name) == (
        "Dr. Kofi Mensah",
        "Dr. Kofi Mensah",
        "",
    )


def test_a_full_name_of_another_shape_is_rebuilt_from_its_parts():
    person = record("Mensah, Kofi", given_name="Kofi", family_name="Mensah")
    assert only(read_google(write_google_csv([person]))).full_name == "Kofi Mensah"


# --- Outlook ---------------------------------------------------------------------


def test_outlook_gets_utf8_with_bom_crlf_and_quoted_cells():
    data = write_outlook_csv([MAREN, record("Solo")])
    assert data.startswith(codecs.BOM_UTF8 + b'"First Name","Middle Name","Last Name",')
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert b"\r" not in data.replace(b"\r\n", b"")
    assert data.endswith(b'"\r\n')
    assert list(rows(data)[0]) == list(OUTLOOK_COLUMNS)


def test_a_full_record_round_trips_through_the_outlook_reader_as_far_as_it_fits():
    back = only(read_outlook(write_outlook_csv([MAREN])))
    assert back.full_name == "Maren Aud Lindqvist"
    assert (back.given_name, back.family_name) == ("Maren", "Lindqvist")
    # No email labels in Outlook; the primary address takes the first slot.
    assert back.emails == (
        Value("maren@home.example"),
        Value("maren@work.example"),
        Value("maren@gym.example"),
    )
    # Outlook's primary phone reads as "main"; the rest by column order.
    assert back.phones == (
        Value("+46 70 000 00 01", "main", primary=True),
        Value("+46 8 000 00 02", "work"),
        Value("+46 8 000 00 03", "work"),
        Value("+46 8 000 00 04", "other"),
    )
    assert back.urls == (
        Value("https://maren.example/a,b"),
        Value("https://blog.example", "personal"),
    )
    assert (back.organization, back.title) == (MAREN.organization, MAREN.title)
    assert back.birthday == MAREN.birthday
    assert back.notes == MAREN.notes
    assert back.labels == MAREN.labels
    assert back.extra == {}


def test_outlook_cells_hold_what_outlook_expects():
    (row,) = rows(write_outlook_csv([MAREN]))
    assert row["Birthday"] == "3/9/1984"
    assert row["Categories"] == "Friends;Sailing, Club"
    assert row["E-mail Type"] == "SMTP"
    assert row["E-mail Display Name"] == "Maren Aud Lindqvist (maren@home.example)"
    assert row["Mobile Phone"] == row["Primary Phone"] == "+46 70 000 00 01"
    assert (row["Business Phone"], row["Business Phone 2"]) == (
        "+46 8 000 00 02",
        "+46 8 000 00 03",
    )
    assert row["Other Phone"] == "+46 8 000 00 04"


def test_outlook_birthday_without_a_year_reads_back():
    data = write_outlook_csv([record(birthday=Birthday(2, 29))])
    assert rows(data)[0]["Birthday"] == "--02-29"
    assert only(read_outlook(data)).birthday == Birthday(2, 29)


def test_what_does_not_fit_outlook_is_named():
    person = record(
        emails=tuple(Value(f"p{n}@x.example") for n in range(5)),
        phones=(
            Value("1", "home"),
            Value("2", "home"),
            Value("3", "home"),
            Value("4", "Claro"),
            Value("5", "mobile"),
        ),
        urls=(Value("https://a.example"), Value("https://b.example", primary=True)),
    )
    assert outlook_left_out(person) == (
        "email p3@x.example",
        "email p4@x.example",
        "phone 4 (claro)",
        "web page https://a.example",
    )
    back = only(read_outlook(write_outlook_csv([person])))
    assert [e.value for e in back.emails] == [
        "p0@x.example",
        "p1@x.example",
        "p2@x.example",
    ]
    assert {p.value for p in back.phones} == {"1", "2", "3", "5"}
    assert back.urls == (Value("https://b.example"),)
    assert outlook_left_out(MAREN) == ()


# --- properties ------------------------------------------------------------------

# Text a person types, with the characters CSV gives a meaning; control
# characters other than line breaks and tabs are left out (the readers drop them).
characters = st.characters(
    blacklist_categories=["Cs", "Cc"], blacklist_characters="\ufeff"
) | st.sampled_from(list(',;:"\n\r\t *'))
text = st.text(characters, max_size=20)
labels = (
    st.sampled_from(["", "Work", "home", "mobile", "main", "other", "personal", "* x"])
    | text
)
values = st.lists(st.builds(Value, text, labels, st.booleans()), max_size=5).map(tuple)
birthdays = st.none() | st.builds(
    Birthday, st.integers(1, 12), st.integers(1, 28), st.none() | st.integers(1, 9999)
)
records = st.builds(
    record,
    text,
    given_name=text,
    family_name=text,
    emails=values,
    phones=values,
    urls=values,
    organization=text,
    title=text,
    birthday=birthdays,
    notes=text | st.text(characters, max_size=200),
    labels=st.lists(text, max_size=4).map(tuple),
)
FAST = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufeff]")
_EXCHANGE = re.compile(r"\s*/\s*o\s*=", re.IGNORECASE)
_KNOWN = {"home", "work", "other", "mobile", "main", "pager", "home fax", "work fax"}
_KNOWN |= {"other fax", "google voice", "homepage", "blog", "profile", "personal"}
_SYSTEM = {"mycontacts", "starred"}


def _clean(value: str) -> str:
    return " ".join(value.split())


def _note(value: str) -> str:
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return "\n".join(line.rstrip() for line in value.strip().split("\n"))


def _unstar(value: str) -> str:
    while value.startswith("*"):
        value = value[1:].strip()
    return value


def _unique(values: tuple[Value, ...], *, fold: bool) -> list[Value]:
    """What the writers promise to write: one-line values, first copy wins."""
    kept: dict[str, Value] = {}
    for value in values:
        text = _clean(value.value)
        key = text.casefold() if fold else text
        if not text:
            continue
        if key in kept:
            first = kept[key]
            kept[key] = Value(first.value, first.label, first.primary or value.primary)
        else:
            kept[key] = Value(text, _unstar(_clean(value.label)), value.primary)
    out: list[Value] = []
    for value in kept.values():
        out.append(
            Value(
                value.value,
                value.label,
                value.primary and not any(v.primary for v in out),
            )
        )
    return out


def _user_labels(labels: tuple[str, ...], split: str | None) -> tuple[str, ...]:
    kept: list[str] = []
    for label in labels:
        for part in [label] if split is None else label.split(split):
            part = _unstar(_clean(part))
            if (
                part
                and part.replace(" ", "").casefold() not in _SYSTEM
                and part not in kept
            ):
                kept.append(part)
    return tuple(kept)


def _names(contact: ContactRecord) -> tuple[str, str, str]:
    """Full, given and family name as the readers rebuild them."""
    given, family, full = (
        _clean(contact.given_name),
        _clean(contact.family_name),
        _clean(contact.full_name),
    )
    if not (given or family):
        return full, full, ""
    before, after = (f"{given} " if given else ""), (f" {family}" if family else "")
    if (
        len(full) > len(before) + len(after)
        and full.startswith(before)
        and full.endswith(after)
    ):
        return full, given, family
    return _clean(f"{given} {family}"), given, family


def _multi(cell: str) -> bool:
    return ":::" in cell


def _fair_for_google(contact: ContactRecord) -> bool:
    # Google's cells cannot hold ":::"; it separates values.
    cells = [contact.organization, contact.title, *contact.labels]
    for value in (*contact.emails, *contact.phones, *contact.urls):
        cells += [value.value, value.label]
    return not any(_multi(cell) for cell in cells)


def _google_label(label: str) -> str:
    return label.casefold() if label.casefold() in _KNOWN else label


def expected_google(contact: ContactRecord) -> ContactRecord | None:
    full, given, family = _names(contact)
    emails, phones, urls = (
        tuple(
            Value(v.value, _google_label(v.label), v.primary)
            for v in _unique(values, fold=fold)
        )
        for values, fold in (
            (contact.emails, True),
            (contact.phones, False),
            (contact.urls, False),
        )
    )
    emails = tuple(e for e in emails if not _EXCHANGE.match(e.value))
    organization = _clean(contact.organization)
    full = full or organization or next((v.value for v in (*emails, *phones)), "")
    if not (given or family or emails or phones):
        return None
    return ContactRecord(
        source="google",
        position="",
        full_name=full,
        given_name=given,
        family_name=family,
        emails=emails,
        phones=phones,
        urls=urls,
        organization=organization,
        title=_clean(contact.title),
        birthday=contact.birthday,
        notes=_note(contact.notes),
        labels=_user_labels(contact.labels, None),
    )


def expected_outlook(contact: ContactRecord) -> ContactRecord | None:
    """Names, emails (three, primary first, unlabelled), urls, and the rest.

    Phones are checked separately: their columns are Outlook's, not ours.
    """
    full, given, family = _names(contact)
    emails = sorted(_unique(contact.emails, fold=True), key=lambda v: not v.primary)[:3]
    emails = [Value(e.value) for e in emails if not _EXCHANGE.match(e.value)]
    urls = _unique(contact.urls, fold=False)
    personal = next((u for u in urls if u.label.casefold() == "personal"), None)
    others = sorted((u for u in urls if u is not personal), key=lambda u: not u.primary)
    phones = _unique(contact.phones, fold=False)
    organization = _clean(contact.organization)
    full = full or organization or next((v.value for v in (*emails, *phones)), "")
    if not (given or family or emails or phones):
        return None
    return ContactRecord(
        source="outlook",
        position="",
        full_name=full,
        given_name=given,
        family_name=family,
        emails=tuple(emails),
        urls=(
            *(Value(u.value) for u in others[:1]),
            *([Value(personal.value, "personal")] if personal else []),
        ),
        organization=organization,
        title=_clean(contact.title),
        birthday=contact.birthday,
        notes=_note(contact.notes),
        labels=_user_labels(contact.labels, ";"),
    )


def _comparable(found: ContactRecord) -> ContactRecord:
    return dataclasses.replace(found, position="", extra={})


@FAST
@given(st.lists(records, max_size=3))
def test_any_records_round_trip_through_the_google_reader(contacts):
    assume(all(_fair_for_google(c) for c in contacts))
    data = write_google_csv(contacts)
    assert not data.startswith(codecs.BOM_UTF8)
    assert b"\r" not in data
    result = read_google(data)
    assert result.errors == ()
    want = [w for c in contacts if (w := expected_google(c)) is not None]
    assert [_comparable(r) for r in result.records] == want


@FAST
@given(st.lists(records, max_size=3))
def test_any_records_round_trip_through_the_outlook_reader(contacts):
    data = write_outlook_csv(contacts)
    assert data.startswith(codecs.BOM_UTF8)
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert b"\r" not in data.replace(b"\r\n", b"")
    result = read_outlook(data)
    assert result.errors == ()
    kept = [(c, w) for c in contacts if (w := expected_outlook(c)) is not None]
    assert len(result.records) == len(kept)
    for found, (contact, want) in zip(result.records, kept, strict=True):
        assert _comparable(dataclasses.replace(found, phones=())) == want
        _check_outlook_phones(contact, found.phones)


def _check_outlook_phones(contact: ContactRecord, found: tuple[Value, ...]) -> None:
    written = {v.value: v for v in _unique(contact.phones, fold=False)}
    left_out = [p for p in outlook_left_out(contact) if p.startswith("phone ")]
    # Every phone is either read back or named as left out, never both.
    assert len(found) + len(left_out) == len(written)
    assert {p.value for p in found} <= set(written)
    primaries = [p for p in found if p.primary]
    assert len(primaries) <= 1
    first_primary = next((v for v in written.values() if v.primary), None)
    if first_primary is not None:
        assert primaries == [Value(first_primary.value, "main", primary=True)]
    for phone in found:
        if not phone.primary:
            assert phone.label in {written[phone.value].label.casefold(), "other"}
