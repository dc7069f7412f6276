"""The vCard writer: spec shape, and round trips through our reader and vobject.

Invented people and `.example` domains only.
"""

import re
from datetime import UTC, datetime, timedelta, timezone

import pytest
import vobject
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from netlife.formats.contact_record import Birthday, ContactRecord, Value
from netlife.formats.vcard import read_vcards
from netlife.formats.vcard_out import Card, write_vcards

REVISED = datetime(2026, 6, 15, 9, 30, tzinfo=UTC)
UID = "5f0c1c8e-2d5b-4c3e-9a51-0d6f3b1e7a10"


def record(full_name: str = "Maren Lindqvist", **fields) -> ContactRecord:
    return ContactRecord(
        source="netlife", position="person 1", full_name=full_name, **fields
    )


def write(*contacts: ContactRecord) -> bytes:
    return write_vcards(
        Card(uid=f"{UID[:-2]}{n:02d}", revised=REVISED, contact=c)
        for n, c in enumerate(contacts)
    )


def read_one(data: bytes) -> ContactRecord:
    result = read_vcards(data)
    assert result.errors == ()
    assert len(result.records) == 1
    return result.records[0]


def logical_lines(data: bytes) -> list[str]:
    return data.replace(b"\r\n ", b"").decode("utf-8").split("\r\n")[:-1]


MAREN = record(
    given_name="Maren",
    family_name="Lindqvist",
    emails=(
        Value("maren@work.example", "work"),
        Value("maren@home.example", "home", primary=True),
        Value("maren@gym.example", "Gym, Tuesdays"),
    ),
    phones=(
        Value("+46 70 000 00 01", "mobile", primary=True),
        Value("+46 8 000 00 02", "work fax"),
        Value("+46 8 000 00 03", "other"),
        Value("+46 8 000 00 04", "Claro (Celular)"),
    ),
    urls=(Value("https://maren.example/", "home page"),),
    organization="Fjordline; Research, Ltd",
    title="Chief Tinkerer",
    birthday=Birthday(3, 9, 1984),
    notes="Met at the harbour, 2019.\nLikes kites; hates \\ backslashes.",
    labels=("Friends", "Sailing, Club"),
)


# --- round trips ----------------------------------------------------------------


def test_a_full_record_round_trips_through_the_reader():
    back = read_one(write(MAREN))
    assert back.full_name == MAREN.full_name
    assert (back.given_name, back.family_name) == ("Maren", "Lindqvist")
    assert back.emails == MAREN.emails
    assert back.phones == MAREN.phones
    assert back.urls == MAREN.urls
    assert back.organization == MAREN.organization
    assert back.title == MAREN.title
    assert back.birthday == MAREN.birthday
    assert back.notes == MAREN.notes
    assert back.labels == MAREN.labels
    assert back.source_id == f"{UID[:-2]}00"


def test_a_full_record_round_trips_through_vobject():
    cards = list(vobject.readComponents(write(MAREN).decode("utf-8")))
    assert len(cards) == 1
    vcard = cards[0]
    assert vcard.version.value == "3.0"
    assert vcard.fn.value == "Maren Lindqvist"
    assert (vcard.n.value.family, vcard.n.value.given) == ("Lindqvist", "Maren")
    assert vcard.org.value == ["Fjordline; Research, Ltd"]
    assert vcard.title.value == "Chief Tinkerer"
    assert vcard.bday.value == "1984-03-09"
    assert vcard.note.value == MAREN.notes
    assert [e.value for e in vcard.contents["email"]] == [e.value for e in MAREN.emails]
    assert [t.value for t in vcard.contents["tel"]] == [p.value for p in MAREN.phones]
    assert vcard.contents["email"][1].params["TYPE"] == ["INTERNET", "HOME", "PREF"]
    labels = {line.group: line.value for line in vcard.contents["x-ablabel"]}
    assert sorted(labels.values()) == [
        "Claro (Celular)",
        "Gym, Tuesdays",
        "_$!<HomePage>!$_",
        "_$!<Other>!$_",
    ]


def test_a_birthday_without_a_year_round_trips_even_on_29_february():
    data = write(record(birthday=Birthday(2, 29)))
    assert "BDAY;X-APPLE-OMIT-YEAR=1604:1604-02-29" in logical_lines(data)
    assert read_one(data).birthday == Birthday(2, 29)
    vcard = vobject.readOne(data.decode("utf-8"))
    assert vcard.bday.value == "1604-02-29"
    assert vcard.bday.params["X-APPLE-OMIT-YEAR"] == ["1604"]


def test_a_birthday_with_a_year_is_an_iso_date():
    data = write(record(birthday=Birthday(7, 4, 987)))
    assert "BDAY:0987-07-04" in logical_lines(data)
    assert read_one(data).birthday == Birthday(7, 4, 987)


def test_non_ascii_names_round_trip_through_both():
    name = "Jörg Müller-Þórsdóttir 王小明 Ελένη 🙂"
    data = write(record(name, given_name="Jörg", family_name="Müller-Þórsdóttir"))
    assert read_one(data).full_name == name
    assert vobject.readOne(data.decode("utf-8")).fn.value == name


def test_several_cards_come_back_in_order_with_their_uids():
    data = write(record("Ada Okafor"), record("Kofi Mensah"), record("Chiara Neri"))
    result = read_vcards(data)
    assert [r.full_name for r in result.records] == [
        "Ada Okafor",
        "Kofi Mensah",
        "Chiara Neri",
    ]
    assert [r.source_id[-2:] for r in result.records] == ["00", "01", "02"]
    assert len(list(vobject.readComponents(data.decode("utf-8")))) == 3


def test_nothing_to_write_is_an_empty_file():
    assert write_vcards([]) == b""


# --- bytes on the wire ------------------------------------------------------------


def test_lines_end_in_crlf_and_there_is_no_byte_order_mark():
    data = write(MAREN, record("Second Person", notes="a\nb\r\nc\rd"))
    assert data.startswith(b"BEGIN:VCARD\r\n")
    assert data.endswith(b"END:VCARD\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert b"\r" not in data.replace(b"\r\n", b"")


def test_every_line_fits_75_octets_and_folds_keep_characters_whole():
    data = write(
        record(
            "Ἀριστοτέλης Νικομάχου Σταγειρίτης 亚里士多德 " * 4,
            notes="A long note that goes on and on, " * 20 + "ü€😀" * 40,
            organization="Ünïcödé Org " * 12,
        )
    )
    physical = data.split(b"\r\n")[:-1]
    assert max(len(line) for line in physical) == 75
    for line in physical:
        assert len(line) <= 75
        line.decode("utf-8")  # no multi-byte sequence cut in two
    assert sum(line.startswith(b" ") for line in physical) > 10
    back = read_one(data)
    assert back.notes.endswith("ü€😀" * 40)
    assert back.organization == ("Ünïcödé Org " * 12).strip()


def test_a_fold_never_leaves_a_line_that_looks_like_the_end_of_the_card():
    # Our reader finds card edges before unfolding; so may others.
    for padding in range(80):
        notes = "x" * padding + "END:VCARD"
        data = write(record(notes=notes, title="After the note"))
        physical = data.split(b"\r\n")
        assert physical.count(b"END:VCARD") == 1
        assert all(
            line.strip() != b"END:VCARD" for line in physical if line.startswith(b" ")
        )
        back = read_one(data)
        assert (back.notes, back.title) == (notes, "After the note")


def test_the_required_properties_are_there_even_for_a_bare_record():
    lines = logical_lines(write(record("Solo")))
    assert lines == [
        "BEGIN:VCARD",
        "VERSION:3.0",
        "PRODID:-//netlife//netlife//EN",
        f"UID:{UID[:-2]}00",
        "REV:2026-06-15T09:30:00Z",
        "N:;;;;",
        "FN:Solo",
        "END:VCARD",
    ]


def test_rev_is_written_in_utc():
    local = datetime(2026, 6, 15, 11, 30, tzinfo=timezone(timedelta(hours=2)))
    data = write_vcards([Card(uid=UID, revised=local, contact=record())])
    assert "REV:2026-06-15T09:30:00Z" in logical_lines(data)


def test_a_naive_revision_time_is_refused():
    naive = datetime(2026, 6, 15, 9, 30)  # noqa: DTZ001
    with pytest.raises(ValueError, match="timezone-aware"):
        write_vcards([Card(uid=UID, revised=naive, contact=record())])


def test_the_product_id_can_be_chosen():
    data = write_vcards(
        [Card(UID, REVISED, record())], product="-//Example//Tool 1.0//EN"
    )
    assert "PRODID:-//Example//Tool 1.0//EN" in logical_lines(data)


# --- escaping and labels ----------------------------------------------------------


def test_commas_semicolons_backslashes_and_newlines_are_escaped():
    lines = logical_lines(
        write(
            record(
                "Doe, Jane; Jr.",
                given_name="Jane;Ann",
                family_name="Doe, Jr.",
                organization="A;B,C\\D",
                notes="one\ntwo, three; four \\ five",
                labels=("a,b", "c;d"),
            )
        )
    )
    assert "N:Doe\\, Jr.;Jane\\;Ann;;;" in lines
    assert "FN:Doe\\, Jane\\; Jr." in lines
    assert "ORG:A\\;B\\,C\\\\D" in lines
    assert "NOTE:one\\ntwo\\, three\\; four \\\\ five" in lines
    assert "CATEGORIES:a\\,b,c\\;d" in lines
    back = read_one(
        write(record("Doe, Jane; Jr.", given_name="Jane;Ann", family_name="Doe, Jr."))
    )
    assert (back.full_name, back.given_name, back.family_name) == (
        "Doe, Jane; Jr.",
        "Jane;Ann",
        "Doe, Jr.",
    )


def test_labels_become_types_when_the_reader_gives_the_same_words_back():
    lines = logical_lines(write(MAREN))
    assert "EMAIL;TYPE=INTERNET,WORK:maren@work.example" in lines
    assert "EMAIL;TYPE=INTERNET,HOME,PREF:maren@home.example" in lines
    assert "item1.EMAIL;TYPE=INTERNET:maren@gym.example" in lines
    assert "item1.X-ABLabel:Gym\\, Tuesdays" in lines
    assert "TEL;TYPE=CELL,PREF:+46 70 000 00 01" in lines
    assert "TEL;TYPE=WORK,FAX:+46 8 000 00 02" in lines
    assert "item2.X-ABLabel:_$!<Other>!$_" in lines
    assert "item4.URL:https://maren.example/" in lines
    assert "item4.X-ABLabel:_$!<HomePage>!$_" in lines


def test_a_label_in_other_words_keeps_its_exact_spelling():
    phones = (
        Value("1", "Work"),
        Value("2", "cell"),
        Value("3", "work work"),
        Value("4", "voice"),
    )
    assert read_one(write(record(phones=phones))).phones == phones


def test_only_the_first_primary_value_is_preferred():
    emails = (Value("a@x.example", primary=True), Value("b@x.example", primary=True))
    data = write(record(emails=emails))
    assert [line for line in logical_lines(data) if "PREF" in line] == [
        "EMAIL;TYPE=INTERNET,PREF:a@x.example"
    ]
    assert read_one(data).emails == (
        Value("a@x.example", primary=True),
        Value("b@x.example"),
    )


def test_blank_and_repeated_values_are_left_out_keeping_the_primary_mark():
    emails = (
        Value("  "),
        Value(" ana@x.example ", "work"),
        Value("ANA@x.example", "home", primary=True),
    )
    assert read_one(write(record(emails=emails))).emails == (
        Value("ana@x.example", "work", primary=True),
    )


def test_a_nameless_record_gets_the_name_the_reader_would_find():
    back = read_one(write(record("  ", emails=(Value(" "), Value("x@y.example")))))
    assert back.full_name == "x@y.example"
    assert "FN:Ada Okafor" in logical_lines(
        write(record("", given_name="Ada", family_name="Okafor"))
    )


def test_a_year_1604_birthday_reads_back_without_its_year():
    # Apple's "no year" marker; a real birth in 1604 is not a contact's.
    assert read_one(write(record(birthday=Birthday(5, 9, 1604)))).birthday == Birthday(
        5, 9
    )


# --- property: anything we write, our reader reads back ---------------------------

# Any text a person could type, plus the characters vCard gives a meaning.
text = st.text(
    st.characters(blacklist_categories=["Cs"])
    | st.sampled_from(list(',;:\\\n\r\t" .')),
    max_size=30,
)
labels = (
    st.sampled_from(
        ["", "work", "home", "mobile", "work fax", "other", "main", "home page"]
    )
    | text
)
values = st.lists(st.builds(Value, text, labels, st.booleans()), max_size=4)
birthdays = (
    st.none()
    | st.builds(
        Birthday,
        st.just(2),
        st.integers(1, 28),
        st.none() | st.integers(1, 9999),
    )
    | st.just(Birthday(2, 29))
    | st.just(Birthday(12, 31, 2000))
)
records = st.builds(
    record,
    text,
    given_name=text,
    family_name=text,
    emails=values.map(tuple),
    phones=values.map(tuple),
    urls=values.map(tuple),
    organization=text,
    title=text,
    birthday=birthdays,
    notes=st.text(max_size=300) | text,
    labels=st.lists(text, max_size=4).map(tuple),
)


def _lines(value: str) -> str:
    return value.replace("\r\n", "\n").replace("\r", "\n")


def _one_line(value: str) -> str:
    return " ".join(value.split())


_APPLE = re.compile(r"_\$!<(.*)>!\$_")


def _expected_values(values: tuple[Value, ...], scheme: str) -> tuple[Value, ...]:
    kept: dict[str, Value] = {}
    for value in values:
        text = _lines(value.value).strip()
        if scheme and text.lower().startswith(scheme):
            text = text[len(scheme) :].strip()
        if not text:
            continue
        if text.lower() in kept:
            first = kept[text.lower()]
            primary = first.primary or value.primary
            kept[text.lower()] = Value(first.value, first.label, primary)
        else:
            kept[text.lower()] = Value(text, _lines(value.label).strip(), value.primary)
    out: list[Value] = []
    for value in kept.values():
        primary = value.primary and not any(v.primary for v in out)
        out.append(Value(value.value, value.label, primary))
    return tuple(out)


def expected(contact: ContactRecord) -> ContactRecord | None:
    """What a fair reader gives back: the normalisation this writer promises.

    Text is stripped and CR / CRLF become LF; the full name and title are
    one line; blank values, labels and fields are dropped; repeated values
    (ignoring case) keep the first copy, marked primary if any copy was,
    and only the first primary value keeps its mark; a blank
    full name becomes the reader's fallback; a birth year 1604 means none.
    """
    emails = _expected_values(contact.emails, "mailto:")
    phones = _expected_values(contact.phones, "tel:")
    urls = _expected_values(contact.urls, "")
    given, family = (
        _lines(contact.given_name.strip()),
        _lines(contact.family_name.strip()),
    )
    candidates = (
        contact.full_name,
        f"{given} {family}",
        contact.organization,
        *(v.value for v in emails[:1]),
        *(v.value for v in phones[:1]),
    )
    full_name = next((name for c in candidates if (name := _one_line(c))), "")
    if not full_name:
        return None
    birthday = contact.birthday
    if birthday is not None and birthday.year == 1604:
        birthday = Birthday(birthday.month, birthday.day)
    kept_labels: list[str] = []
    for label in contact.labels:
        label = _lines(label).strip()
        if label and label not in kept_labels:
            kept_labels.append(label)
    return ContactRecord(
        source="vcard",
        position="card 1 (line 1)",
        full_name=full_name,
        given_name=given,
        family_name=family,
        emails=emails,
        phones=phones,
        urls=urls,
        organization=_lines(contact.organization.strip()),
        title=_one_line(contact.title),
        birthday=birthday,
        notes=_lines(contact.notes).strip(),
        labels=tuple(kept_labels),
        source_id=UID,
        extra={"vcard_version": "3.0"},
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records)
def test_any_record_round_trips_through_the_reader(contact):
    # A label in Apple's built-in form is renamed by the reader; nobody types one.
    labels = (
        v.label.strip() for v in (*contact.emails, *contact.phones, *contact.urls)
    )
    assume(not any(_APPLE.fullmatch(label) for label in labels))
    data = write_vcards([Card(uid=UID, revised=REVISED, contact=contact)])
    for line in data.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")
    result = read_vcards(data)
    want = expected(contact)
    if want is None:
        assert result.records == ()
        assert len(result.errors) == 1
        return
    assert result.errors == ()
    assert result.records == (want,)
