"""Google Contacts and Outlook CSV readers, on invented people at .example."""

import csv
import io
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netlife.formats.address_book_csv import (
    AddressBookFormatError,
    decode,
    detect_dialect,
    read_google,
    read_outlook,
)
from netlife.formats.contact_record import Birthday, ReadResult, Value

GOOGLE = [
    "First Name",
    "Middle Name",
    "Last Name",
    "Phonetic First Name",
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
    "E-mail 1 - Label",
    "E-mail 1 - Value",
    "E-mail 2 - Label",
    "E-mail 2 - Value",
    "Phone 1 - Label",
    "Phone 1 - Value",
    "Address 1 - Label",
    "Address 1 - Formatted",
    "Website 1 - Label",
    "Website 1 - Value",
    "Custom Field 1 - Label",
    "Custom Field 1 - Value",
]

GOOGLE_LEGACY = [
    "Name",
    "Given Name",
    "Additional Name",
    "Family Name",
    "Yomi Name",
    "Nickname",
    "Birthday",
    "Gender",
    "Notes",
    "Group Membership",
    "E-mail 1 - Type",
    "E-mail 1 - Value",
    "IM 1 - Type",
    "IM 1 - Service",
    "IM 1 - Value",
    "Phone 1 - Type",
    "Phone 1 - Value",
    "Organization 1 - Type",
    "Organization 1 - Name",
    "Organization 1 - Title",
    "Website 1 - Type",
    "Website 1 - Value",
]

OUTLOOK_DESKTOP = [
    "Title",
    "First Name",
    "Middle Name",
    "Last Name",
    "Suffix",
    "Company",
    "Department",
    "Job Title",
    "Business Street",
    "Business City",
    "Business Country/Region",
    "Business Phone",
    "Home Phone",
    "Mobile Phone",
    "Primary Phone",
    "Anniversary",
    "Birthday",
    "Categories",
    "E-mail Address",
    "E-mail Type",
    "E-mail Display Name",
    "E-mail 2 Address",
    "E-mail 2 Type",
    "E-mail 2 Display Name",
    "Gender",
    "Initials",
    "Notes",
    "Priority",
    "Private",
    "Sensitivity",
    "Web Page",
]

OUTLOOK_WEB = [
    "First Name",
    "Middle Name",
    "Last Name",
    "Title",
    "Suffix",
    "Web Page",
    "Birthday",
    "Anniversary",
    "Notes",
    "E-mail Address",
    "E-mail 2 Address",
    "E-mail 3 Address",
    "Primary Phone",
    "Home Phone",
    "Mobile Phone",
    "Home Address",
    "Company",
    "Job Title",
    "Department",
    "Business Phone",
    "Categories",
]


def table(
    header: list[str],
    *rows: dict[str, str],
    quote_all: bool = False,
    newline: str = "\r\n",
) -> str:
    """A CSV text with `header`; each row is a {column: value} dict."""
    out = io.StringIO()
    writer = csv.writer(
        out,
        lineterminator=newline,
        quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL,
    )
    writer.writerow(header)
    for row in rows:
        unknown = set(row) - set(header)
        assert not unknown, unknown
        writer.writerow([row.get(name, "") for name in header])
    return out.getvalue()


ADA = {
    "First Name": "Ada",
    "Middle Name": "Q.",
    "Last Name": "Example",
    "Organization Name": "Analytical Engines Ltd",
    "Organization Title": "Engineer",
    "Organization Department": "R&D",
    "Birthday": "1985-12-10",
    "Notes": "Met at the\r\nconference.",
    "Labels": "* myContacts ::: * starred ::: Navy ::: Book club",
    "E-mail 1 - Label": "* Work",
    "E-mail 1 - Value": "ada@engines.example ::: ada.q@engines.example",
    "E-mail 2 - Label": "Home",
    "E-mail 2 - Value": "ada@home.example",
    "Phone 1 - Label": "Claro (Celular)",
    "Phone 1 - Value": "+1 555 0100 ::: +1 555 0101",
    "Website 1 - Label": "Profile",
    "Website 1 - Value": "https://ada.example/about",
    "Custom Field 1 - Label": "Shoe size",
    "Custom Field 1 - Value": "38",
}


# --- Google, current ---------------------------------------------------------


def test_google_current_maps_every_field():
    result = read_google(table(GOOGLE, ADA).encode())

    assert result.errors == ()
    assert result.skipped == {}
    assert "dialect: google" in result.notes
    (ada,) = result.records
    assert ada.source == "google"
    assert ada.position == "line 2"
    assert ada.full_name == "Ada Q. Example"
    assert (ada.given_name, ada.family_name) == ("Ada", "Example")
    assert ada.emails == (
        Value("ada@engines.example", "work", primary=True),
        Value("ada.q@engines.example", "work"),
        Value("ada@home.example", "home"),
    )
    assert ada.phones == (
        Value("+1 555 0100", "Claro (Celular)"),
        Value("+1 555 0101", "Claro (Celular)"),
    )
    assert ada.urls == (Value("https://ada.example/about", "profile"),)
    assert (ada.organization, ada.title) == ("Analytical Engines Ltd", "Engineer")
    assert ada.birthday == Birthday(12, 10, 1985)
    assert ada.notes == "Met at the\nconference."


def test_google_user_groups_are_labels_and_system_labels_are_not():
    (ada,) = read_google(table(GOOGLE, ADA).encode()).records

    assert ada.labels == ("Navy", "Book club")
    assert ada.extra["system labels"] == "myContacts, starred"


def test_google_old_my_contacts_spelling_is_a_system_label_too():
    row = {"First Name": "Ben", "Labels": "* My Contacts ::: * Friends"}
    (ben,) = read_google(table(GOOGLE, row).encode()).records

    # Only "My Contacts" and "starred" are Google's own; "* Friends" was a
    # group the user could see and use.
    assert ben.labels == ("Friends",)
    assert ben.extra["system labels"] == "My Contacts"


def test_google_unknown_columns_are_kept_in_extra():
    (ada,) = read_google(table(GOOGLE, ADA).encode()).records

    assert ada.extra["Organization Department"] == "R&D"
    assert ada.extra["Custom Field 1 - Value"] == "38"
    assert "First Name" not in ada.extra
    assert "E-mail 1 - Value" not in ada.extra


def test_google_split_does_not_drop_the_last_value():
    row = {"First Name": "Cy", "E-mail 1 - Value": "a@x.example ::: b@y.example"}
    (cy,) = read_google(table(GOOGLE, row).encode()).records

    assert [email.value for email in cy.emails] == ["a@x.example", "b@y.example"]


def test_google_repeated_email_is_kept_once_and_stays_primary():
    row = {
        "First Name": "Di",
        "E-mail 1 - Label": "Home",
        "E-mail 1 - Value": "di@x.example",
        "E-mail 2 - Label": "* Other",
        "E-mail 2 - Value": "DI@x.example",
    }
    (di,) = read_google(table(GOOGLE, row).encode()).records

    assert di.emails == (Value("di@x.example", "home", primary=True),)


def test_google_columns_are_found_by_name_in_any_order():
    header = list(reversed(GOOGLE))
    (ada,) = read_google(table(header, ADA).encode()).records

    assert ada.full_name == "Ada Q. Example"
    assert ada.emails[0] == Value("ada@engines.example", "work", primary=True)


def test_google_multi_line_cells_keep_physical_line_numbers():
    rows = [
        {"First Name": "Eve", "Notes": "one\ntwo\nthree"},
        {"First Name": "Fay", "Address 1 - Formatted": "1 Lane\r\nTown\r\nLand"},
        {"First Name": "Gus"},
    ]
    result = read_google(table(GOOGLE, *rows).encode())

    assert [r.position for r in result.records] == ["line 2", "line 5", "line 8"]
    assert result.records[1].extra["Address 1 - Formatted"] == "1 Lane\nTown\nLand"


def test_blank_lines_count_as_lines_but_not_as_rows():
    text = table(GOOGLE, {"First Name": "Hal"}, newline="\n") + "\n\n"
    text += table(GOOGLE, {"First Name": "Ivy"}, newline="\n").split("\n", 1)[1]
    result = read_google(text.encode())

    assert [r.position for r in result.records] == ["line 2", "line 5"]
    assert result.skipped == {}


def test_rows_with_nothing_usable_are_skipped_and_counted():
    rows = [
        {},
        {"Organization Name": "Nobody Inc", "Notes": "just a note"},
        {"First Name": "Jo"},
    ]
    result = read_google(table(GOOGLE, *rows).encode())

    assert [r.full_name for r in result.records] == ["Jo"]
    assert result.skipped == {"empty row": 2}
    assert result.errors == ()


def test_nameless_contact_is_named_by_company_then_email():
    rows = [
        {"Organization Name": "Widgets Co", "E-mail 1 - Value": "sales@w.example"},
        {"E-mail 1 - Value": "who@w.example"},
        {"Phone 1 - Value": "+1 555 0199"},
    ]
    result = read_google(table(GOOGLE, *rows).encode())

    assert [r.full_name for r in result.records] == [
        "Widgets Co",
        "who@w.example",
        "+1 555 0199",
    ]
    assert [r.given_name for r in result.records] == ["", "", ""]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("1985-12-10", Birthday(12, 10, 1985)),
        ("--02-29", Birthday(2, 29)),
        ("--0314", Birthday(3, 14)),
        ("", None),
    ],
)
def test_google_birthdays(cell, expected):
    (kim,) = read_google(
        table(GOOGLE, {"First Name": "Kim", "Birthday": cell}).encode()
    ).records

    assert kim.birthday == expected


def test_google_unreadable_birthday_is_an_error_but_the_person_is_kept():
    row = {"First Name": "Lou", "Birthday": "1985-02-30"}
    result = read_google(table(GOOGLE, row).encode())

    assert result.records[0].birthday is None
    (error,) = result.errors
    assert error.position == "line 2"
    assert "'1985-02-30'" in error.message


# --- Google, legacy ----------------------------------------------------------

MAX = {
    "Name": "Max von Example",
    "Given Name": "Max",
    "Family Name": "von Example",
    "Birthday": "1970-01-31",
    "Notes": "Old friend",
    "Group Membership": "* My Contacts ::: Sailing ::: * starred",
    "E-mail 1 - Type": "* Home",
    "E-mail 1 - Value": "max@home.example ::: max@old.example",
    "IM 1 - Service": "Jabber",
    "IM 1 - Value": "max@chat.example",
    "Phone 1 - Type": "Mobile",
    "Phone 1 - Value": "+44 20 7946 0000",
    "Organization 1 - Name": "Harbour Ltd",
    "Organization 1 - Title": "Skipper",
    "Website 1 - Type": "Blog",
    "Website 1 - Value": "https://max.example",
}


def test_google_legacy_maps_every_field():
    result = read_google(table(GOOGLE_LEGACY, MAX).encode())

    assert "dialect: google-legacy" in result.notes
    (mx,) = result.records
    assert mx.full_name == "Max von Example"
    assert (mx.given_name, mx.family_name) == ("Max", "von Example")
    assert mx.emails == (
        Value("max@home.example", "home", primary=True),
        Value("max@old.example", "home"),
    )
    assert mx.phones == (Value("+44 20 7946 0000", "mobile"),)
    assert mx.urls == (Value("https://max.example", "blog"),)
    assert (mx.organization, mx.title) == ("Harbour Ltd", "Skipper")
    assert mx.labels == ("Sailing",)
    assert mx.extra["system labels"] == "My Contacts, starred"
    assert mx.extra["IM 1 - Value"] == "max@chat.example"
    assert mx.birthday == Birthday(1, 31, 1970)


def test_google_legacy_without_name_composes_it():
    row = {"Given Name": "Nia", "Additional Name": "B.", "Family Name": "Sample"}
    (nia,) = read_google(table(GOOGLE_LEGACY, row).encode()).records

    assert nia.full_name == "Nia B. Sample"


def test_google_utf16_le_with_bom():
    text = table(GOOGLE_LEGACY, {**MAX, "Name": "Zoë Ørsted-Ñúñez"})
    result = read_google(text.encode("utf-16-le").join([b"\xff\xfe", b""]))

    assert result.records[0].full_name == "Zoë Ørsted-Ñúñez"
    assert "encoding: utf-16-le (BOM)" in result.notes


def test_google_utf16_be_with_bom_and_without_bom():
    text = table(GOOGLE, {"First Name": "Zoë"})
    with_bom = read_google(b"\xfe\xff" + text.encode("utf-16-be"))
    without_le = read_google(text.encode("utf-16-le"))
    without_be = read_google(text.encode("utf-16-be"))

    assert with_bom.records[0].full_name == "Zoë"
    assert without_le.records[0].full_name == "Zoë"
    assert without_be.records[0].full_name == "Zoë"
    assert "encoding: utf-16-le" in without_le.notes
    assert "encoding: utf-16-be" in without_be.notes


def test_google_utf8_bom_is_not_part_of_the_first_column():
    data = "\ufeff".encode() + table(GOOGLE, {"First Name": "Åsa"}).encode()
    result = read_google(data)

    assert result.records[0].full_name == "Åsa"
    assert "encoding: utf-8 (BOM)" in result.notes


# --- Outlook -----------------------------------------------------------------

OLA = {
    "Title": "Dr.",
    "First Name": "Ola",
    "Last Name": "Nordmann-Example",
    "Company": "Fjord AS",
    "Department": "Sales",
    "Job Title": "Director",
    "Business Street": "Kaia 1\r\nBygg B",
    "Business Phone": "+47 22 00 00 00",
    "Mobile Phone": "+47 900 00 000",
    "Primary Phone": "+47 900 00 000",
    "Anniversary": "0/0/00",
    "Birthday": "7/4/1976",
    "Categories": "Kunder;Golf",
    "E-mail Address": "ola@fjord.example",
    "E-mail Type": "SMTP",
    "E-mail Display Name": "Ola Nordmann (ola@fjord.example)",
    "E-mail 2 Address": "/O=EXCHANGELABS/OU=EXCHANGE ADMINISTRATIVE GROUP/CN=OLA",
    "E-mail 2 Type": "EX",
    "Gender": "Unspecified",
    "Initials": "O.N.",
    "Notes": "Prefers phone calls \u2013 not e-mail.",
    "Priority": "Normal",
    "Private": "False",
    "Sensitivity": "Normal",
    "Web Page": "https://fjord.example",
}


def test_outlook_desktop_cp1252():
    data = table(OUTLOOK_DESKTOP, OLA, quote_all=True).encode("cp1252")
    result = read_outlook(data)

    assert "encoding: cp1252" in result.notes
    assert "dialect: outlook-desktop" in result.notes
    (ola,) = result.records
    assert ola.source == "outlook"
    assert ola.position == "line 2"
    assert ola.full_name == "Ola Nordmann-Example"
    assert ola.notes == "Prefers phone calls \u2013 not e-mail."
    assert (ola.organization, ola.title) == ("Fjord AS", "Director")
    assert ola.phones == (
        Value("+47 900 00 000", "main", primary=True),
        Value("+47 22 00 00 00", "work"),
    )
    assert ola.urls == (Value("https://fjord.example"),)
    assert ola.labels == ("Kunder", "Golf")
    assert ola.birthday == Birthday(7, 4, 1976)


def test_outlook_exchange_addresses_are_not_emails():
    result = read_outlook(table(OUTLOOK_DESKTOP, OLA).encode())

    (ola,) = result.records
    assert ola.emails == (Value("ola@fjord.example"),)
    assert any("Exchange" in note for note in result.notes)


def test_outlook_exchange_only_row_without_name_is_skipped():
    row = {
        "E-mail Address": "/o=Contoso/ou=First/cn=Recipients/cn=pat",
        "E-mail Type": "EX",
    }
    result = read_outlook(table(OUTLOOK_DESKTOP, row).encode())

    assert result.records == ()
    assert result.skipped == {"empty row": 1}


def test_outlook_desktop_defaults_are_not_kept_as_extra():
    (ola,) = read_outlook(table(OUTLOOK_DESKTOP, OLA).encode()).records

    assert ola.extra == {
        "Title": "Dr.",
        "Department": "Sales",
        "Business Street": "Kaia 1\nBygg B",
    }


def test_outlook_web_utf8_bom_with_google_categories():
    row = {
        "First Name": "Pia",
        "Last Name": "Muster",
        "Birthday": "1990-05-06",
        "E-mail Address": "pia@muster.example",
        "E-mail 2 Address": "PIA@muster.example",
        "Home Address": "Weg 2\n12345 Stadt",
        "Mobile Phone": "+49 151 0000000",
        "Categories": "myContacts;starred;Verein",
    }
    data = b"\xef\xbb\xbf" + table(OUTLOOK_WEB, row).encode()
    result = read_outlook(data)

    assert "dialect: outlook-web" in result.notes
    (pia,) = result.records
    assert pia.emails == (Value("pia@muster.example"),)
    assert pia.phones == (Value("+49 151 0000000", "mobile"),)
    assert pia.labels == ("Verein",)
    assert pia.extra["system labels"] == "myContacts, starred"
    assert pia.extra["Home Address"] == "Weg 2\n12345 Stadt"
    assert pia.birthday == Birthday(5, 6, 1990)


def test_outlook_web_display_name_when_names_are_missing():
    header = [
        "Display Name",
        "First Name",
        "Last Name",
        "E-mail Address",
        "Mobile Phone",
    ]
    row = {"Display Name": "Quinn Example", "E-mail Address": "q@x.example"}
    (quinn,) = read_outlook(table(header, row).encode()).records

    assert quinn.full_name == "Quinn Example"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("7/4/1976", Birthday(7, 4, 1976)),
        ("12/31/2001 0:00:00", Birthday(12, 31, 2001)),
        ("0/0/00", None),
        ("0/0/0000", None),
        ("31.12.1980", Birthday(12, 31, 1980)),
        ("", None),
    ],
)
def test_outlook_birthdays(cell, expected):
    row = {"First Name": "Ray", "Birthday": cell}
    (ray,) = read_outlook(table(OUTLOOK_DESKTOP, row).encode()).records

    assert ray.birthday == expected


def test_outlook_semicolon_separated_file():
    text = table(OUTLOOK_WEB, {"First Name": "Sam", "Company": "A, B & C"})
    text = text.replace(",", ";").replace("A; B", "A, B")
    (sam,) = read_outlook(text.encode()).records

    assert sam.organization == "A, B & C"


def test_tab_separated_file():
    text = table(GOOGLE, {"First Name": "Uma", "Last Name": "Sample"})
    (uma,) = read_google(text.replace(",", "\t").encode()).records

    assert uma.full_name == "Uma Sample"


def test_runaway_quote_keeps_earlier_rows_and_reports_the_rest():
    text = table(GOOGLE, {"First Name": "Val"}) + '"Wes,' + "x" * 200_000
    result = read_google(text.encode())

    assert [r.full_name for r in result.records] == ["Val"]
    (error,) = result.errors
    assert error.position == "line 3"
    assert error.message.startswith("The file could not be read from here on")


# --- dialects and rejection --------------------------------------------------


@pytest.mark.parametrize(
    ("header", "dialect"),
    [
        (GOOGLE, "google"),
        (GOOGLE_LEGACY, "google-legacy"),
        (OUTLOOK_DESKTOP, "outlook-desktop"),
        (OUTLOOK_WEB, "outlook-web"),
        (["first name", "last name", "Email 1 - Value"], "google"),
    ],
)
def test_detect_dialect(header, dialect):
    assert detect_dialect(header) == dialect


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\n\n",
        b"Vorname,Nachname,E-Mail-Adresse\nAda,Example,a@x.example\n",
        b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n",
    ],
)
def test_unknown_header_is_rejected_naming_the_expected_one(data):
    with pytest.raises(AddressBookFormatError) as google:
        read_google(data)
    with pytest.raises(AddressBookFormatError) as outlook:
        read_outlook(data)

    for caught in (google, outlook):
        message = str(caught.value)
        assert message.startswith("Expected a")
        assert "First Name,Middle Name,Last Name" in message
        assert message.count(". ") == 0  # one sentence
    assert "Labels" in str(google.value)
    assert "Name,Given Name" in str(google.value)
    assert "E-mail Address" in str(outlook.value)


def test_detect_dialect_rejects_a_foreign_header():
    with pytest.raises(AddressBookFormatError, match="Outlook CSV"):
        detect_dialect(["Vorname", "Nachname"])


def test_each_reader_refuses_the_other_source():
    with pytest.raises(AddressBookFormatError, match="looks like an Outlook CSV"):
        read_google(table(OUTLOOK_WEB, {"First Name": "Tia"}).encode())
    with pytest.raises(
        AddressBookFormatError, match="looks like a Google Contacts CSV"
    ):
        read_outlook(table(GOOGLE, {"First Name": "Tia"}).encode())


def test_decode_never_fails():
    assert decode(b"caf\xe9")[0] == "café"
    assert decode(b"\xff\xfe\x00")[0] == "\ufffd"
    assert decode(b"\x81")[1] == "cp1252"


# --- properties --------------------------------------------------------------

FAST = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
VALID_GOOGLE = table(GOOGLE, ADA, {"First Name": "Bo", "Notes": "x\ny"}).encode()
VALID_OUTLOOK = table(OUTLOOK_DESKTOP, OLA, {"E-mail Address": "z@z.example"}).encode(
    "cp1252"
)


def _check(reader: Callable[[bytes], ReadResult], data: bytes) -> None:
    try:
        result = reader(data)
    except AddressBookFormatError:
        return
    for record in result.records:
        assert record.full_name.strip()
        assert record.position.startswith("line ")


@FAST
@given(st.binary(max_size=400))
def test_random_bytes_fail_only_with_the_format_error(data):
    _check(read_google, data)
    _check(read_outlook, data)


@st.composite
def mutations(draw: st.DrawFn, original: bytes) -> bytes:
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["insert", "delete", "replace"]))
        chunk = draw(
            st.sampled_from(
                [b'"', b",", b"\n", b"\r", b"\x00", b" ::: ", b"*", b"\xff"]
            )
        )
        if kind == "insert":
            data[at:at] = chunk
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 20))]
        else:
            data[at : at + len(chunk)] = chunk
    return bytes(data)


@FAST
@given(mutations(VALID_GOOGLE))
def test_mutated_google_file_never_breaks_the_reader(data):
    _check(read_google, data)


@FAST
@given(mutations(VALID_OUTLOOK))
def test_mutated_outlook_file_never_breaks_the_reader(data):
    _check(read_outlook, data)


cells = st.text(
    st.characters(blacklist_categories=["Cs"]), max_size=12
) | st.sampled_from(["* ", " ::: ", "* starred", "0/0/00", "--13-40", " "])


@FAST
@given(st.lists(st.dictionaries(st.sampled_from(GOOGLE), cells), max_size=4))
def test_random_google_rows_always_have_a_name(rows):
    _check(read_google, table(GOOGLE, *rows).encode("utf-16"))


@FAST
@given(st.lists(st.dictionaries(st.sampled_from(OUTLOOK_DESKTOP), cells), max_size=4))
def test_random_outlook_rows_always_have_a_name(rows):
    _check(read_outlook, table(OUTLOOK_DESKTOP, *rows).encode("utf-8"))
