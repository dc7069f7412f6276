"""The vCard reader against each real-world quirk, written as invented samples.

Every sample here is made up (invented people, `.example` domains); no
third-party vCard file is copied.
"""

import base64

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netlife.formats.contact_record import Birthday, ReadResult, Value
from netlife.formats.vcard import read_vcards

FAKE_JPEG = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 2
FAKE_PNG = b"\x89PNG\r\n\x1a\n" + b"\x00invented pixels" * 10


def card(*lines: str, version: str | None = "3.0") -> str:
    head = ["BEGIN:VCARD"] + ([f"VERSION:{version}"] if version else [])
    return "\n".join([*head, *lines, "END:VCARD"]) + "\n"


def vcf(*cards: str, eol: bytes = b"\r\n") -> bytes:
    return "".join(cards).encode("utf-8").replace(b"\n", eol)


def fold(line: str, width: int = 75, indent: str = " ") -> str:
    return ("\n" + indent).join(line[i : i + width] for i in range(0, len(line), width))


def only(result: ReadResult):
    assert result.errors == ()
    assert len(result.records) == 1
    return result.records[0]


def assert_sane(result: ReadResult) -> None:
    for record in result.records:
        assert record.full_name.strip()
        assert record.source == "vcard"
    for error in result.errors:
        assert "unexpected" not in error.message, error


# --- a plain card -------------------------------------------------------------


def test_reads_a_full_3_0_card():
    data = vcf(
        card(
            "N:Lindqvist;Maren;Aud;Dr.;PhD",
            "FN:Maren Lindqvist",
            "EMAIL;TYPE=INTERNET,WORK:maren@work.example",
            "EMAIL;TYPE=INTERNET;TYPE=HOME;TYPE=pref:maren@home.example",
            "TEL;TYPE=CELL,VOICE:+46 70 000 00 01",
            "TEL;TYPE=WORK,FAX:+46 8 000 00 02",
            "URL:https://maren.example/",
            "ORG:Fjordline Ltd;Research",
            "TITLE:Chief Tinkerer",
            "BDAY:1984-03-09",
            "NOTE:Met at the harbour\\, 2019.\\nLikes kites.",
            "CATEGORIES:Friends,Sailing\\, Club,Friends",
            "UID:urn:uuid:0b7f6a52-invented",
        )
    )
    record = only(read_vcards(data))
    assert record.position == "card 1 (line 1)"
    assert record.full_name == "Maren Lindqvist"
    assert (record.given_name, record.family_name) == ("Maren", "Lindqvist")
    assert record.emails == (
        Value("maren@work.example", "work"),
        Value("maren@home.example", "home", primary=True),
    )
    assert record.phones == (
        Value("+46 70 000 00 01", "mobile"),
        Value("+46 8 000 00 02", "work fax"),
    )
    assert record.urls == (Value("https://maren.example/"),)
    assert record.organization == "Fjordline Ltd"
    assert record.title == "Chief Tinkerer"
    assert record.birthday == Birthday(3, 9, 1984)
    assert record.notes == "Met at the harbour, 2019.\nLikes kites."
    assert record.labels == ("Friends", "Sailing, Club")
    assert record.source_id == "urn:uuid:0b7f6a52-invented"
    assert record.extra["vcard_version"] == "3.0"


def test_mixed_versions_in_one_file_are_each_read_with_their_position():
    data = vcf(
        card("N:Okafor;Ada;;;", "TEL;CELL:+2340000001", version="2.1"),
        card("FN:Bram Vos", "N:Vos;Bram;;;"),
        card(
            "FN:Chiara Neri",
            "EMAIL;TYPE=work;PREF=1:chiara@neri.example",
            version="4.0",
        ),
    )
    result = read_vcards(data)
    assert result.errors == ()
    assert [(r.position, r.full_name) for r in result.records] == [
        ("card 1 (line 1)", "Ada Okafor"),
        ("card 2 (line 6)", "Bram Vos"),
        ("card 3 (line 11)", "Chiara Neri"),
    ]
    assert [r.extra["vcard_version"] for r in result.records] == ["2.1", "3.0", "4.0"]
    assert result.records[2].emails == (Value("chiara@neri.example", "work", True),)


# --- bytes, line ends, folding --------------------------------------------------


def test_byte_order_mark_is_ignored():
    data = b"\xef\xbb\xbf" + vcf(card("FN:Dana Ruiz"))
    assert only(read_vcards(data)).full_name == "Dana Ruiz"


@pytest.mark.parametrize("eol", [b"\r\n", b"\n", b"\r\r\n", b"\r"])
def test_line_ends_and_folds_inside_utf8_sequences(eol):
    name = "Zoë Ångström-Łukasiewicz"
    encoded = f"FN:{name}".encode()
    # Fold in the middle of the two bytes of "ë" (RFC 6350 warns writers do).
    cut = encoded.index("ë".encode()) + 1
    raw = b"BEGIN:VCARD\nVERSION:3.0\n" + encoded[:cut] + b"\n " + encoded[cut:]
    raw += b"\nEND:VCARD\n"
    record = only(read_vcards(raw.replace(b"\n", eol)))
    assert record.full_name == name


def test_mixed_line_ends_and_tab_folds():
    raw = (
        b"BEGIN:VCARD\r\nVERSION:3.0\nFN:Emil\r\n\tio Sartori\r\r\n"
        b"NOTE:one\n  two\r\nEND:VCARD"
    )
    record = only(read_vcards(raw))
    assert record.full_name == "Emilio Sartori"
    assert record.notes == "one two"


# --- 2.1 -----------------------------------------------------------------------


def test_quoted_printable_with_charset_and_soft_breaks():
    data = vcf(
        card(
            "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=B6rg;;;",
            "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=B6rg M=C3=BCller",
            "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Lives in K=C3=B6ln, near=",
            "the river. Spl=",
            "it =C3=",
            "=A9 byte.",
            "TEL;CELL:+49 000 111",
            version="2.1",
        ),
        card(
            "FN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Fran=E7oise Dubois",
            version="2.1",
        ),
    )
    result = read_vcards(data)
    first, second = result.records
    assert (first.full_name, first.given_name, first.family_name) == (
        "Jörg Müller",
        "Jörg",
        "Müller",
    )
    assert first.notes == "Lives in Köln, nearthe river. Split é byte."
    assert second.full_name == "Françoise Dubois"


def test_lower_case_names_and_params():
    data = vcf(
        card(
            "n;quoted-printable:Brandt;Ilse;;;",
            "email;internet;pref:ilse@brandt.example",
            version="2.1",
        )
    )
    record = only(read_vcards(data))
    assert record.full_name == "Ilse Brandt"
    assert record.emails == (Value("ilse@brandt.example", "", primary=True),)


def test_bare_2_1_parameters():
    data = vcf(
        card(
            "N:Haddad;Rami;;;",
            "TEL;CELL;PREF:+961 0000 001",
            "TEL;HOME;VOICE:+961 0000 002",
            "EMAIL;PREF;INTERNET:rami@haddad.example",
            "EMAIL;INTERNET=:rami.alt@haddad.example",
            version="2.1",
        )
    )
    record = only(read_vcards(data))
    assert record.phones == (
        Value("+961 0000 001", "mobile", primary=True),
        Value("+961 0000 002", "home"),
    )
    assert record.emails == (
        Value("rami@haddad.example", "", primary=True),
        Value("rami.alt@haddad.example", ""),
    )


def test_rfc_2425_leftovers_and_unknown_lines_are_ignored():
    data = vcf(
        card(
            "PROFILE:VCard",
            "NAME:Some address book",
            "SOURCE:ldap://ldap.example",
            'X-MS-OL-DESIGN;CHARSET=utf-8:<card xmlns="http://invented.example"/>',
            'X-APPLE-STRUCTURED-LOCATION;X-ADDRESS="1 \\"Quoted\\" St":geo:1,2',
            "this line has no colon at all",
            "FN:Ines Torres",
        )
    )
    assert only(read_vcards(data)).full_name == "Ines Torres"


# --- groups and labels ---------------------------------------------------------


def test_grouped_properties_take_their_apple_or_custom_label():
    data = vcf(
        card(
            "FN:Kofi Mensah",
            "item1.EMAIL;type=INTERNET:kofi@other.example",
            "item1.X-ABLabel:_$!<Other>!$_",
            "item2.URL:http\\://kofi.example",
            "ITEM2.X-ABLabel:_$!<HomePage>!$_",
            "item3.TEL:+233 000 003",
            "item3.X-ABLabel:_$!<AssistantPhone>!$_",
            "item4.EMAIL:kofi@club.example",
            "item4.X-ABLabel:Chess club",
            "item5.EMAIL;TYPE=work:kofi@work.example",
        )
    )
    record = only(read_vcards(data))
    assert record.emails == (
        Value("kofi@other.example", "other"),
        Value("kofi@club.example", "Chess club"),
        Value("kofi@work.example", "work"),
    )
    assert record.urls == (Value("http://kofi.example", "home page"),)
    assert record.phones == (Value("+233 000 003", "assistant phone"),)


def test_only_one_primary_per_kind_and_4_0_pref_ranks():
    data = vcf(
        card(
            "FN:Lena Park",
            "EMAIL;PREF=5:lena@five.example",
            "EMAIL;TYPE=home;PREF=2:lena@two.example",
            "EMAIL;PREF=2:lena@two-again.example",
            "TEL;VALUE=uri;TYPE=cell:tel:+82-10-0000-0004",
            "EMAIL:mailto:lena@mailto.example",
            version="4.0",
        )
    )
    record = only(read_vcards(data))
    assert [e.primary for e in record.emails] == [False, True, False, False]
    assert record.emails[3].value == "lena@mailto.example"
    assert record.phones == (Value("+82-10-0000-0004", "mobile"),)


# --- birthdays -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("BDAY:1996-04-15", Birthday(4, 15, 1996)),
        ("BDAY:19960415", Birthday(4, 15, 1996)),
        ("BDAY;value=date:1980-02-29", Birthday(2, 29, 1980)),
        ("BDAY:19531015T231000Z", Birthday(10, 15, 1953)),
        ("BDAY:2019-10-28T00:00:00", Birthday(10, 28, 2019)),
        ("BDAY:--0415", Birthday(4, 15)),
        ("BDAY:--04-15", Birthday(4, 15)),
        ("BDAY;X-APPLE-OMIT-YEAR=1604:1604-05-09", Birthday(5, 9)),
        ("BDAY:1604-05-09", Birthday(5, 9)),
        ("BDAY:16040229", Birthday(2, 29)),
        ("BDAY;X-APPLE-OMIT-YEAR=1604:1972-05-09", Birthday(5, 9)),
        ("BDAY:1981-02-29", None),
        ("BDAY:1981-13-01", None),
    ],
)
def test_birthdays(line, expected):
    record = only(read_vcards(vcf(card("FN:Olu Ade", line))))
    assert record.birthday == expected


def test_a_birthday_that_is_not_a_date_is_kept_as_text():
    data = vcf(card("FN:Old Timer", "BDAY;VALUE=text:circa 1800", version="4.0"))
    record = only(read_vcards(data))
    assert record.birthday is None
    assert record.extra["birthday_text"] == "circa 1800"


# --- photos --------------------------------------------------------------------


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def test_photo_3_0_encoding_b_folded():
    line = fold(f"PHOTO;ENCODING=b;TYPE=JPEG:{_b64(FAKE_JPEG)}")
    record = only(read_vcards(vcf(card("FN:Pia Holm", line))))
    assert record.extra["photo"] == f"data:image/jpeg;base64,{_b64(FAKE_JPEG)}"


def test_photo_2_1_base64_folded_and_ended_by_a_blank_line():
    encoded = _b64(FAKE_PNG)
    chunks = [encoded[i : i + 60] for i in range(0, len(encoded), 60)]
    photo = "PHOTO;ENCODING=BASE64;PNG:" + chunks[0] + "\n"
    # Indented, then one writer's unindented continuation, then the blank line.
    photo += "\n".join("  " + c for c in chunks[1:-1]) + "\n" + chunks[-1] + "\n"
    data = vcf(card("N:Quist;Rolf;;;", photo, "TEL;CELL:+45 0000 0006", version="2.1"))
    record = only(read_vcards(data))
    assert record.extra["photo"] == f"data:image/png;base64,{encoded}"
    assert record.phones == (Value("+45 0000 0006", "mobile"),)


def test_photo_4_0_data_uri_and_3_0_data_uri_inside_encoding_b():
    uri = f"data:image/jpeg;base64,{_b64(FAKE_JPEG)}"
    data = vcf(
        card("FN:Sami Lahti", fold(f"PHOTO:{uri}"), version="4.0"),
        card("FN:Tove Berg", fold(f"PHOTO;ENCODING=b;TYPE=JPEG:{uri}")),
        card("FN:Uma Rao", "PHOTO;VALUE=uri:https://photos.example/uma.jpg"),
    )
    result = read_vcards(data)
    assert result.errors == ()
    assert [r.extra["photo"] for r in result.records] == [
        uri,
        uri,
        "https://photos.example/uma.jpg",
    ]


def test_a_corrupt_photo_drops_the_photo_not_the_card():
    data = vcf(
        card(
            "FN:Vera Kos",
            "PHOTO;ENCODING=b;TYPE=JPEG:!!not*base64@@",
            "EMAIL:vera@kos.example",
        ),
        card("FN:Wim Dekker", "PHOTO;ENCODING=b:" + _b64(FAKE_JPEG)[:-3]),
    )
    result = read_vcards(data)
    assert [r.full_name for r in result.records] == ["Vera Kos", "Wim Dekker"]
    assert "photo" not in result.records[0].extra
    assert result.records[0].emails == (Value("vera@kos.example"),)
    assert any(
        n.startswith("card 1 (line 1): the photo was left out") for n in result.notes
    )


# --- names and identity ----------------------------------------------------------


def test_cards_with_only_n_only_fn_only_email_or_only_phone():
    data = vcf(
        card("N:Xu;Yan;;;"),
        card("FN:Zara Quinn", version="4.0"),
        card("EMAIL;TYPE=INTERNET:only.email@nowhere.example", version="2.1"),
        card("TEL:+1 555 0100"),
        card("FN:", "N:;;;;", "ORG:Ironworks Co.;Forge"),
        card("NICKNAME:Bear,Teddy"),
    )
    result = read_vcards(data)
    assert result.errors == ()
    assert [r.full_name for r in result.records] == [
        "Yan Xu",
        "Zara Quinn",
        "only.email@nowhere.example",
        "+1 555 0100",
        "Ironworks Co.",
        "Bear",
    ]


def test_n_with_prefix_suffix_and_fewer_components():
    data = vcf(card("N:Public;John;Quinlan;Mr.;Esq."), card("N:Doe;Jane"))
    first, second = read_vcards(data).records
    assert first.full_name == "Mr. John Quinlan Public, Esq."
    assert (second.full_name, second.given_name) == ("Jane Doe", "Jane")


def test_escaped_commas_semicolons_and_colons():
    data = vcf(
        card(
            "N:Doe;John;Richter\\,James;;",
            "FN:Mr. John Q. Public\\, Esq.",
            "ORG:Smith\\; Sons\\: Movers;Packing",
            "TITLE:Head\\, Boxes",
            "URL:https\\://movers.example/john",
        )
    )
    record = only(read_vcards(data))
    assert record.full_name == "Mr. John Q. Public, Esq."
    assert (record.given_name, record.family_name) == ("John", "Doe")
    assert record.organization == "Smith; Sons: Movers"
    assert record.title == "Head, Boxes"
    assert record.urls == (Value("https://movers.example/john"),)


def test_non_ascii_names():
    data = vcf(
        card("FN:김민준", "N:김;민준;;;"),
        card("FN:王小明"),
        card(
            "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E7=8E=8B=E5=B0=8F=E7=BA=A2",
            version="2.1",
        ),
    )
    result = read_vcards(data)
    assert [r.full_name for r in result.records] == ["김민준", "王小明", "王小红"]
    assert result.records[0].given_name == "민준"


def test_bytes_that_are_not_utf8_are_read_as_windows_1252():
    data = b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Ren\xe9 C\xf4t\xe9\r\nEND:VCARD\r\n"
    result = read_vcards(data)
    assert only(result).full_name == "René Côté"
    assert any("Windows-1252" in note for note in result.notes)


def test_utf_16_file():
    data = vcf(card("FN:Åsa Nyberg")).decode().encode("utf-16")
    result = read_vcards(data)
    assert only(result).full_name == "Åsa Nyberg"
    assert "encoding: UTF-16" in result.notes


# --- groups, failures, broken files ----------------------------------------------


def test_group_cards_are_skipped_and_counted():
    data = vcf(
        card(
            "FN:Book club",
            "X-ADDRESSBOOKSERVER-KIND:group",
            "X-ADDRESSBOOKSERVER-MEMBER:urn:uuid:invented-1",
        ),
        card("FN:Family", "KIND:group", "MEMBER:urn:uuid:invented-2", version="4.0"),
        card("FN:Acme Plumbing", "KIND:org", version="4.0"),
        card("FN:Yusuf Demir"),
    )
    result = read_vcards(data)
    assert result.skipped == {"group card": 2}
    assert [r.full_name for r in result.records] == ["Acme Plumbing", "Yusuf Demir"]
    assert result.records[0].extra["kind"] == "org"


def test_a_bad_card_in_the_middle_is_one_error_named_by_position():
    data = vcf(
        card("FN:First Person"),
        card("NOTE:nothing that names anyone", "X-CUSTOM:1"),
        card("FN:Third Person"),
    )
    result = read_vcards(data)
    assert [r.full_name for r in result.records] == ["First Person", "Third Person"]
    assert [r.position for r in result.records] == [
        "card 1 (line 1)",
        "card 3 (line 10)",
    ]
    (error,) = result.errors
    assert error.position == "card 2 (line 5)"
    assert "nobody to import" in error.message


def test_a_card_without_end_is_closed_at_the_next_card_and_noted():
    raw = (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Open Ended\r\n"
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Well Formed\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Truncated At Eof"
    )
    result = read_vcards(raw)
    assert [r.full_name for r in result.records] == [
        "Open Ended",
        "Well Formed",
        "Truncated At Eof",
    ]
    assert len(result.notes) == 2
    assert result.notes[0].startswith("card 1 (line 1): no END:VCARD")
    assert result.notes[1].startswith("card 3 (line 8): no END:VCARD")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"\r\n  \n", "The file is empty."),
        (b"BEGIN:VCAR\nFN:Nobody\n", "No vCard found"),
    ],
)
def test_a_file_without_cards_is_an_error_not_success(data, message):
    result = read_vcards(data)
    assert result.records == ()
    (error,) = result.errors
    assert error.position == "file"
    assert error.message.startswith(message)


# --- never raises --------------------------------------------------------------

VALID = vcf(
    card("N:Okafor;Ada;;;", "TEL;CELL;PREF:+2340000001", version="2.1"),
    card(
        "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=B6rg =",
        "M=C3=BCller",
        version="2.1",
    ),
    card(
        "FN:Kofi Mensah",
        "item1.EMAIL:kofi@other.example",
        "item1.X-ABLabel:_$!<Other>!$_",
        "BDAY;X-APPLE-OMIT-YEAR=1604:1604-05-09",
        fold(f"PHOTO;ENCODING=b;TYPE=JPEG:{_b64(FAKE_JPEG[:90])}"),
        "CATEGORIES:a\\,b,c",
    ),
    card(
        "FN:Chiara Neri",
        "BDAY:--0415",
        f"PHOTO:data:image/png;base64,{_b64(FAKE_PNG[:40])}",
        version="4.0",
    ),
    card("FN:Club", "KIND:group", version="4.0"),
    eol=b"\r\r\n",
)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_never_raise(data):
    assert_sane(read_vcards(data))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, len(VALID)),
            st.integers(0, 8),
            st.binary(max_size=6)
            | st.sampled_from(
                [
                    b"\n",
                    b"\r",
                    b":",
                    b";",
                    b"=",
                    b"\\",
                    b".",
                    b" ",
                    b'"',
                    b"\xc3",
                    b"BEGIN:VCARD\n",
                    b"END:VCARD\n",
                    b"ENCODING=b;",
                    b"^",
                ]
            ),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_mutations_of_a_valid_file_never_raise(edits):
    data = bytearray(VALID)
    for at, remove, insert in edits:
        data[at : at + remove] = insert
    assert_sane(read_vcards(bytes(data)))


def test_the_valid_fuzz_seed_reads_cleanly():
    result = read_vcards(VALID)
    assert result.errors == ()
    assert [r.full_name for r in result.records] == [
        "Ada Okafor",
        "Jörg Müller",
        "Kofi Mensah",
        "Chiara Neri",
    ]
    assert result.skipped == {"group card": 1}


def test_a_folded_line_reading_end_vcard_does_not_end_the_card():
    data = (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana\r\nNOTE:see the file ending\r\n"
        b" END:VCARD\r\nTITLE:Boss\r\nEND:VCARD\r\n"
    )
    (card,) = read_vcards(data).records
    assert (card.notes, card.title) == ("see the file endingEND:VCARD", "Boss")
