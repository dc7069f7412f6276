"""The LinkedIn reader against every era and quirk in shared/notes/formats.md §1.

All people, companies and URLs here are invented.
"""

import csv
import io
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netlife.formats.contact_record import ContactRecord, ReadResult, RecordError
from netlife.formats.linkedin import (
    NAIVE_TIMES_NOTE,
    LinkedInFormatError,
    normalize_profile_url,
    parse_connected_on,
    read_connections,
    read_export,
    read_messages,
)

SAMPLES = Path(__file__).parent / "samples" / "linkedin"

PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the '
    'email addresses are missing. Learn more https://help.example/emails"\n'
    "\n"
)
HEADER_2024 = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
HEADER_2018 = "First Name,Last Name,Email Address,Company,Position,Connected On"
MESSAGES_2023 = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,"
    "RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER"
)
OWNER = "https://www.linkedin.com/in/ada-example"
BRUNO = "https://www.linkedin.com/in/bruno-sample"


def connections(*rows: str, header: str = HEADER_2024, preamble: str = PREAMBLE):
    """A Connections.csv as LinkedIn writes it: LF line ends, no final newline."""
    return (preamble + "\n".join((header, *rows))).encode("utf-8")


def only(result: ReadResult) -> ContactRecord:
    assert len(result.records) == 1, result
    return result.records[0]


# --- Connections.csv: eras --------------------------------------------------


def test_current_export_with_preamble_and_url():
    result = read_connections(
        connections(
            "Ada,Example,https://www.linkedin.com/in/ada-example,"
            "ada@mail.example,Example Works,Engineer,09 Oct 2024"
        )
    )
    record = only(result)
    assert record.source == "linkedin"
    assert record.full_name == "Ada Example"
    assert (record.given_name, record.family_name) == ("Ada", "Example")
    assert record.organization == "Example Works"
    assert record.title == "Engineer"
    assert record.connected_on == date(2024, 10, 9)
    assert record.emails[0].value == "ada@mail.example"
    assert record.emails[0].label == ""
    assert record.emails[0].primary
    assert record.urls[0].value == "https://www.linkedin.com/in/ada-example"
    assert record.urls[0].label == "LinkedIn"
    assert record.source_id == "linkedin.com/in/ada-example"
    assert record.position == "line 5"
    assert result.errors == ()
    assert result.skipped == {}


def test_2018_export_without_url_or_preamble():
    data = connections(
        'Ada,Example,,Example Works,Engineer,"1/8/18, 6:14 PM"',
        header=HEADER_2018,
        preamble="",
    )
    record = only(read_connections(data))
    assert record.connected_on == date(2018, 1, 8)  # month first, as LinkedIn wrote
    assert record.urls == ()
    assert record.source_id == ""
    assert record.position == "line 2"


def test_2021_preamble_without_url_column():
    data = connections(
        "Ada,Example,,Example Works,Engineer,07 May 2021", header=HEADER_2018
    )
    assert only(read_connections(data)).connected_on == date(2021, 5, 7)


def test_2018_member_urn_is_not_an_email_but_is_kept():
    data = connections(
        "Ada,Example,urn:li:member:123456,Example Works,Engineer,07 May 2021",
        header=HEADER_2018,
        preamble="",
    )
    record = only(read_connections(data))
    assert record.emails == ()
    assert record.extra["linkedin member"] == "urn:li:member:123456"


def test_spreadsheet_resave_with_bom_and_short_dates():
    text = HEADER_2024 + "\r\nAda,Example,,,Example Works,Engineer,9-Sep-22\r\n"
    record = only(read_connections(b"\xef\xbb\xbf" + text.encode("utf-8")))
    assert record.connected_on == date(2022, 9, 9)
    assert record.given_name == "Ada"  # the BOM did not stick to the header


def test_cp1252_resave_is_decoded_and_noted():
    text = HEADER_2018 + "\r\nBruno,Sample,,Société Générale,Analyste,7-Feb-22\r\n"
    result = read_connections(text.encode("cp1252"))
    assert only(result).organization == "Société Générale"
    assert result.notes == ("encoding: cp1252",)


def test_semicolon_resave_from_a_european_spreadsheet():
    text = HEADER_2018.replace(",", ";") + "\nAda;Example;;Example Works;;01/22/2024\n"
    assert only(read_connections(text.encode())).connected_on == date(2024, 1, 22)


def test_columns_are_mapped_by_name_in_any_order():
    header = "Connected On,Company,Last Name,First Name"
    data = connections("09 Oct 2024,Example Works,Example,Ada", header=header)
    record = only(read_connections(data))
    assert record.full_name == "Ada Example"
    assert record.organization == "Example Works"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("09 Oct 2024", date(2024, 10, 9)),
        ("9-Sep-22", date(2022, 9, 9)),
        ("7-Feb-22", date(2022, 2, 7)),
        ("1/8/18, 6:14 PM", date(2018, 1, 8)),
        ("12/31/18, 11:59\u202fPM", date(2018, 12, 31)),
        ("01/22/2024", date(2024, 1, 22)),
        ("2024-10-09", date(2024, 10, 9)),
        ("31 Feb 2024", None),
        ("09 Okt 2024", None),  # English month names only, whatever the locale
        ("yesterday", None),
        ("13/45/22", None),
    ],
)
def test_date_layouts(text, expected):
    assert parse_connected_on(text) == expected


# --- Connections.csv: row quirks ------------------------------------------


def test_hidden_profiles_are_skipped_and_counted():
    data = connections(
        ",,,,,,02 Jun 2022",
        "Ada,Example,,,,,09 Oct 2024",
        ",,,,,,21-Jul-22",
    )
    result = read_connections(data)
    assert [r.full_name for r in result.records] == ["Ada Example"]
    assert result.skipped == {"hidden profile": 2}
    assert result.errors == ()


def test_row_without_name_but_with_data_is_an_error():
    result = read_connections(connections(",,,,Example Works,Engineer,02 Jun 2022"))
    assert result.records == ()
    assert result.errors[0].position == "line 5"


def test_bad_date_is_an_error_with_its_physical_line():
    data = connections(
        'Ada,Example,,,"Example\nWorks",,09 Oct 2024',  # spans lines 5 and 6
        "Bruno,Sample,,,,,sometime in 2020",
    )
    result = read_connections(data, position_prefix="Connections.csv, ")
    assert [r.full_name for r in result.records] == ["Ada Example"]
    assert result.errors == (
        RecordError(
            "Connections.csv, line 7",
            'Connections.csv, line 7: "sometime in 2020" in Connected On is not a '
            "date like 09 Oct 2024, so the row was skipped.",
        ),
    )


def test_quoted_commas_and_doubled_quotes():
    data = connections(
        '"James ""Jim""",Example,,,"Stripe-Like, Inc.","VP, ""Growth""",09 Oct 2024'
    )
    record = only(read_connections(data))
    assert record.full_name == 'James "Jim" Example'
    assert record.organization == "Stripe-Like, Inc."
    assert record.title == 'VP, "Growth"'


def test_credentials_and_pronouns_stay_in_full_name_and_move_to_extra():
    data = connections(
        'Ada,"Example, CFP®, AAMS™",,,,,09 Oct 2024',
        "Bruno,Sample (he/him),,,,,09 Oct 2024",
    )
    ada, bruno = read_connections(data).records
    assert ada.full_name == "Ada Example, CFP®, AAMS™"
    assert ada.family_name == "Example"
    assert ada.extra["suffix"] == "CFP®, AAMS™"
    assert bruno.full_name == "Bruno Sample (he/him)"
    assert bruno.family_name == "Sample"
    assert bruno.extra["pronouns"] == "he/him"


def test_emoji_tabs_stray_spaces_and_dot_last_names():
    data = connections(
        "Dr.\tAda ,  Example 🇺🇦 ,,,  Example Works ,,09 Oct 2024",
        "Bruno,...,,,,,09 Oct 2024",
    )
    ada, bruno = read_connections(data).records
    assert ada.full_name == "Dr. Ada Example 🇺🇦"
    assert ada.given_name == "Dr. Ada"
    assert ada.organization == "Example Works"
    assert bruno.full_name == "Bruno"
    assert bruno.family_name == ""


@pytest.mark.parametrize(
    ("first", "last", "company"),
    [
        ("Ελένη", "Παράδειγμα", "Δείγμα Ανώνυμη Εταιρεία"),
        ("ليلى", "المثال", "شركة المثال"),
        ("小明", "示例", "示例有限公司"),
        ("Nguyễn", "Thị Mẫu", "Công ty Ví Dụ"),
    ],
)
def test_non_latin_names(first, last, company):
    record = only(
        read_connections(connections(f"{first},{last},,,{company},,09 Oct 2024"))
    )
    assert record.full_name == f"{first} {last}"
    assert record.organization == company


def test_extra_columns_are_kept():
    header = HEADER_2024 + ",Tags"
    record = only(
        read_connections(
            connections("Ada,Example,,,,,09 Oct 2024,mentor", header=header)
        )
    )
    assert record.extra == {"tags": "mentor"}


def test_sample_file_current_export():
    result = read_connections((SAMPLES / "connections_2024.csv").read_bytes())
    names = [r.full_name for r in result.records]
    assert names == [
        "Ada Example",
        "Bruno Sample, CPA",
        "Chloé 🍀 Specimen (she/her)",
        "Ελένη Παράδειγμα",
        "Nguyễn Thị Mẫu",
    ]
    assert result.skipped == {"hidden profile": 1}
    bruno = result.records[1]
    assert bruno.title == 'Head of "Special" Projects'
    assert bruno.source_id == "linkedin.com/in/bruno-samplé"
    assert result.records[3].source_id == "linkedin.com/in/ελένη-demo"


# --- header-less and foreign files ----------------------------------------


def test_headerless_resave_is_rejected_with_a_helpful_message():
    data = b'"Ada,Example,,,Example Works,Engineer,09 Oct 2024"\n"Bruno,Sample,,,,,"\n'
    with pytest.raises(LinkedInFormatError) as caught:
        read_connections(data)
    message = str(caught.value)
    assert "Connections.csv" in message
    assert HEADER_2024 in message
    assert message.count(". ") == 0  # one sentence


@pytest.mark.parametrize(
    "data", [b"", b"\n\n\n", b"name,email\nAda,ada@mail.example\n"]
)
def test_empty_or_foreign_files_are_rejected(data):
    with pytest.raises(LinkedInFormatError):
        read_connections(data)


# --- profile URLs -----------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("https://www.linkedin.com/in/ada-example", "linkedin.com/in/ada-example"),
        ("https://www.linkedin.com/in/AdaExample/", "linkedin.com/in/adaexample"),
        (
            "http://de.linkedin.com/in/ada-example?trk=x#top",
            "linkedin.com/in/ada-example",
        ),
        ("linkedin.com/in/ada-example/details/", "linkedin.com/in/ada-example"),
        (
            "https://www.linkedin.com/in/goran-exampl%C4%87-12",
            "linkedin.com/in/goran-examplć-12",
        ),
        ("www.linkedin.com/in/goran-examplć-12", "linkedin.com/in/goran-examplć-12"),
        # NFD (e + combining acute) and NFC spellings meet.
        ("linkedin.com/in/ade\u0301", "linkedin.com/in/ad\u00e9"),
        ("https://www.linkedin.com/in/%E5%B0%8F%E6%98%8E", "linkedin.com/in/小明"),
        ("https://example.example/Ada/", "example.example/Ada"),
        ("", ""),
        ("https://[broken", "[broken"),
    ],
)
def test_normalize_profile_url(url, key):
    assert normalize_profile_url(url) == key


# --- messages.csv -----------------------------------------------------------


def messages(*rows: str, header: str = MESSAGES_2023) -> bytes:
    return "\n".join((header, *rows)).encode("utf-8")


def said(
    sender: str,
    sender_url: str,
    when: str,
    content: str = "",
    *,
    to: str = "",
    to_urls: str = "",
    thread: str = "2-a",
    subject: str = "",
    folder: str = "INBOX",
) -> str:
    """One row of a 2023-era messages.csv, quoted as a CSV writer would."""
    buffer = io.StringIO()
    cells = [thread, "", sender, sender_url, to, to_urls, when, subject, content]
    csv.writer(buffer, lineterminator="").writerow([*cells, folder])
    return buffer.getvalue()


T1, T2, T3 = (f"2024-10-09 14:0{n}:00 UTC" for n in (3, 4, 5))


def test_messages_2023_direction_by_owner_url():
    data = messages(
        said("Ada Example", OWNER, T1, "Hello", to_urls=BRUNO, thread="2-abc"),
        said("Bruno Sample", BRUNO, T2, "Hi!", to_urls=OWNER + "/", thread="2-abc"),
    )
    result = read_messages(data, owner_url="https://linkedin.com/in/Ada-Example/")
    first, second = result.messages
    assert first.outgoing
    assert not second.outgoing
    assert first.sent_at == datetime(2024, 10, 9, 14, 3, tzinfo=UTC)
    assert first.thread_id == second.thread_id == "2-abc"
    assert first.recipient_urls == (BRUNO,)
    assert second.sender_name == "Bruno Sample"
    assert second.position == "line 3"
    assert result.records == ()


def test_messages_owner_defaults_to_the_most_frequent_sender():
    data = messages(
        said("Ada Example", OWNER, T1, "1", to_urls=BRUNO),
        said("Bruno Sample", BRUNO, T2, "2", to_urls=OWNER),
        said("Ada Example", OWNER, T3, "3", to="Chloé Specimen", thread="2-b"),
    )
    assert [m.outgoing for m in read_messages(data).messages] == [True, False, True]


def test_messages_2026_every_field_quoted_sample():
    result = read_messages((SAMPLES / "messages_2026.csv").read_bytes())
    assert result.skipped == {"sponsored message": 1}
    texts = [m.text for m in result.messages]
    assert texts == [
        "Hi Bruno,\nare you free for coffee next week?",
        "Sure & gladly \u2013 Tuesday?",
        "See you all there!",
    ]
    assert [m.outgoing for m in result.messages] == [True, False, True]
    assert len({m.thread_id for m in result.messages}) == 2
    assert result.messages[2].recipient_urls == (
        "https://www.linkedin.com/in/bruno-sampl%C3%A9",
        "https://www.linkedin.com/in/chloespecimen",
    )
    assert result.messages[2].subject == "Reunion"


@pytest.mark.parametrize(
    "extra", ["ATTACHMENTS", "IS MESSAGE DRAFT,IS CONVERSATION DRAFT"]
)
def test_messages_variants_with_trailing_columns(extra):
    header = MESSAGES_2023 + "," + extra
    row = said("Ada Example", OWNER, T1, "Hey", to_urls=BRUNO) + ","
    result = read_messages(messages(row, header=header))
    assert result.messages[0].text == "Hey"


def test_messages_2020_without_recipient_urls():
    header = MESSAGES_2023.replace("RECIPIENT PROFILE URLS,", "")
    row = (
        f"2-a,,Ada Example,{OWNER},Bruno Sample,2021-03-04 05:06:07 UTC,Hi,Hello,INBOX"
    )
    message = read_messages(messages(row, header=header)).messages[0]
    assert message.recipient_urls == ()
    assert message.subject == "Hi"


def test_recipient_urls_split_on_commas_and_semicolons():
    urls = f"{BRUNO},{OWNER}; https://www.linkedin.com/in/chloe"
    row = said("Dan Demo", "https://www.linkedin.com/in/dan", T1, to_urls=urls)
    message = read_messages(messages(row), owner_url=OWNER).messages[0]
    assert message.recipient_urls == (BRUNO, OWNER, "https://www.linkedin.com/in/chloe")
    assert not message.outgoing
    assert message.text == ""  # attachment-only rows keep an empty text


def test_html_is_stripped_and_entities_unescaped():
    content = (
        '<p class="spinmail-quill-editor__spin-break">Dear   Ada,</p>'
        "<p>Caf&eacute; &amp; <b>cake</b>?<br/>Tomorrow&nbsp;at 3 &lt; 4</p>"
        "\r\n\r\nBye"
    )
    row = said("Bruno Sample", BRUNO, T1, content)
    message = read_messages(messages(row), owner_url=OWNER).messages[0]
    assert message.text == "Dear Ada,\nCafé & cake?\nTomorrow at 3 < 4\nBye"


def test_bad_message_date_is_an_error():
    row = f"2-a,,Ada Example,{OWNER},Bruno Sample,{BRUNO},last week,,Hi,"
    result = read_messages(messages(row))
    assert result.messages == ()
    assert result.errors[0].position == "line 2"


def test_messages_2018_sample():
    result = read_messages((SAMPLES / "messages_2018.csv").read_bytes())
    first, reply, lead = result.messages
    assert first.sent_at == datetime(2018, 1, 8, 18, 14, tzinfo=UTC)
    assert first.text == "Thanks for the talk\u2019s slides & notes!"
    assert not first.outgoing
    assert reply.outgoing
    assert reply.text == "You're welcome.\nLet's stay in touch."
    # "Re: Conference" with the same person continues the same thread.
    assert first.thread_id == reply.thread_id != lead.thread_id
    assert NAIVE_TIMES_NOTE in result.notes


def test_messages_2018_sponsored_sender_is_skipped():
    header = "From,To,Date,Subject,Content,Direction,Folder"
    row = 'LinkedIn Member,Ada Example,"3/1/18, 1:00 AM",Offer,Buy,INCOMING,INBOX'
    result = read_messages(messages(row, header=header))
    assert result.messages == ()
    assert result.skipped == {"sponsored message": 1}


def test_foreign_file_is_not_messages():
    with pytest.raises(LinkedInFormatError, match=r"messages\.csv"):
        read_messages(b"a,b,c\n1,2,3\n")


# --- the export zip ---------------------------------------------------------


def export_zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_export_zip_with_odd_cased_names_and_profile():
    profile = (
        b"First Name,Last Name,Maiden Name,Headline\nAda,Example,,Chief Engineer\n"
    )
    chat = messages(
        # Bruno writes more often, but Profile.csv says Ada owns the export.
        said("Bruno Sample", BRUNO, T1, "1", to_urls=OWNER),
        said("Bruno Sample", BRUNO, T2, "2", to_urls=OWNER),
        said("Ada Example", OWNER, T3, "3", to_urls=BRUNO),
        said("LinkedIn Member", "", T3, "ad", to_urls=OWNER, thread="2-b"),
        f"2-a,,Bruno Sample,{BRUNO},Ada Example,{OWNER},sometime,,4,",
    )
    data = export_zip(
        {
            "Basic_LinkedInDataExport_10-09-2024/CONNECTIONS.CSV": connections(
                "Ada,Example,,,,,09 Oct 2024", ",,,,,,02 Jun 2022", "Bad,Date,,,,,x"
            ),
            "Basic_LinkedInDataExport_10-09-2024/Messages.csv": chat,
            "Basic_LinkedInDataExport_10-09-2024/profile.CSV": profile,
            "Basic_LinkedInDataExport_10-09-2024/Invitations.csv": b"From,To\n",
        }
    )
    result = read_export(data)
    assert [r.full_name for r in result.records] == ["Ada Example"]
    assert [m.outgoing for m in result.messages] == [False, False, True]
    assert result.skipped == {"hidden profile": 1, "sponsored message": 1}
    positions = [e.position for e in result.errors]
    assert positions == [
        "Basic_LinkedInDataExport_10-09-2024/CONNECTIONS.CSV, line 7",
        "Basic_LinkedInDataExport_10-09-2024/Messages.csv, line 6",
    ]


def test_export_profile_url_column_decides_the_owner():
    profile = f"First Name,Last Name,Public Profile Url\nAda,Example,{OWNER}\n".encode()
    chat = messages(
        said("Bruno Sample", BRUNO, T1, "1", to_urls=OWNER),
        said("Bruno Sample", BRUNO, T2, "2", to_urls=OWNER),
    )
    data = export_zip(
        {"Connections.csv": connections(), "messages.csv": chat, "Profile.csv": profile}
    )
    assert [m.outgoing for m in read_export(data).messages] == [False, False]


def test_export_without_profile_falls_back_to_most_frequent_sender():
    chat = messages(
        said("Ada Example", OWNER, T1, "1", to_urls=BRUNO),
        said("Ada Example", OWNER, T2, "2", to_urls=BRUNO),
        said("Bruno Sample", BRUNO, T3, "3", to_urls=OWNER),
    )
    data = export_zip({"Connections.csv": connections(), "messages.csv": chat})
    assert [m.outgoing for m in read_export(data).messages] == [True, True, False]


def test_export_with_unreadable_messages_keeps_the_connections():
    data = export_zip(
        {
            "Connections.csv": connections("Ada,Example,,,,,09 Oct 2024"),
            "messages.csv": b"x",
        }
    )
    result = read_export(data)
    assert len(result.records) == 1
    assert result.errors[0].position == "messages.csv"


def test_export_without_connections_is_rejected():
    with pytest.raises(LinkedInFormatError, match=r"Connections\.csv"):
        read_export(export_zip({"messages.csv": messages()}))


def test_not_a_zip_is_rejected():
    with pytest.raises(LinkedInFormatError, match="zip"):
        read_export(b"First Name,Last Name\n")


def test_oversized_member_is_refused(monkeypatch):
    monkeypatch.setattr("netlife.formats.linkedin.MAX_MEMBER_BYTES", 1000)
    data = export_zip({"Connections.csv": connections() + b"\n" + b" " * 5000})
    with pytest.raises(LinkedInFormatError, match="200 MB"):
        read_export(data)


def test_member_lying_about_its_size_is_refused(monkeypatch):
    monkeypatch.setattr("netlife.formats.linkedin.MAX_MEMBER_BYTES", 1000)
    original = zipfile.ZipFile.infolist

    def understated(self):
        infos = original(self)
        for info in infos:
            info.file_size = 10
        return infos

    monkeypatch.setattr(zipfile.ZipFile, "infolist", understated)
    data = export_zip({"Connections.csv": connections() + b"\n" + b" " * 5000})
    with pytest.raises(LinkedInFormatError):
        read_export(data)


# --- robustness ------------------------------------------------------------

VALID = connections(
    "Ada,Example,https://www.linkedin.com/in/ada-example,ada@mail.example,"
    '"Example Works, Inc.",Engineer,09 Oct 2024',
    'Bruno,"Sample, CPA",,,,,9-Sep-22',
    ",,,,,,02 Jun 2022",
    'Ελένη,Παράδειγμα,,,,,"1/8/18, 6:14 PM"',
)
VALID_MESSAGES = (SAMPLES / "messages_2026.csv").read_bytes()


@st.composite
def mutated(draw, original: bytes) -> bytes:
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 8))):
        index = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["insert", "delete", "replace"]))
        chunk = draw(
            st.one_of(
                st.binary(min_size=1, max_size=4),
                st.sampled_from([b'"', b",", b"\n", b"\r", b"\x00", b"\xff", b";"]),
            )
        )
        if action == "insert":
            data[index:index] = chunk
        elif action == "delete":
            del data[index : index + len(chunk)]
        else:
            data[index : index + len(chunk)] = chunk
    return bytes(data)


def assert_sane(read, data: bytes) -> None:
    try:
        result = read(data)
    except LinkedInFormatError:
        return
    assert all(record.full_name.strip() for record in result.records)
    assert all(m.sent_at.tzinfo is UTC for m in result.messages)


FAST = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@FAST
@given(st.binary(max_size=300))
def test_random_bytes_only_raise_format_errors(data):
    assert_sane(read_connections, data)
    assert_sane(read_messages, data)
    assert_sane(read_export, data)


@FAST
@given(mutated(VALID))
def test_mutated_connections_only_raise_format_errors(data):
    assert_sane(read_connections, data)


@FAST
@given(mutated(VALID_MESSAGES))
def test_mutated_messages_only_raise_format_errors(data):
    assert_sane(read_messages, data)


@FAST
@given(mutated(export_zip({"Connections.csv": VALID, "messages.csv": VALID_MESSAGES})))
def test_mutated_zips_only_raise_format_errors(data):
    assert_sane(read_export, data)


@FAST
@given(
    st.text(max_size=80)
    | st.from_regex(
        r"(https?://)?(www\.|de\.)?linkedin\.com/in/.{0,20}", fullmatch=True
    )
)
def test_normalize_profile_url_never_raises_and_is_stable(url):
    key = normalize_profile_url(url)
    if "%" not in url:  # decoding twice may decode "%2541" further, by design
        assert normalize_profile_url(key) == key


def test_rows_without_conversation_id_share_a_thread_both_ways():
    ada, bruno = "Ada Example", "Bruno Sample"
    data = messages(
        said(ada, OWNER, T1, "1", to=bruno, thread="", subject="Lunch"),
        said(bruno, BRUNO, T2, "2", to=ada, thread="", subject="Lunch"),
        said(ada, OWNER, T3, "3", to=bruno, thread="", subject="Other"),
    )
    first, second, other = read_messages(data).messages
    assert first.thread_id == second.thread_id != other.thread_id
