import random
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netlife.formats.atom_feed import ATOM_NS, Entry, write_atom

NS = {"a": ATOM_NS}
PARIS = timezone(timedelta(hours=1))
UPDATED = datetime(2026, 11, 29, 9, 0, tzinfo=PARIS)
ANA = Entry(
    id="urn:netlife:agenda:ana:2026-11-29",
    title="Get in touch with Ana Lima",
    updated=datetime(2026, 11, 29, 9, 0, tzinfo=PARIS),
    content="overdue by 12 days\nfollow up: send the deck",
    link="https://netlife.example/people/ana/",
    author="netlife",
    categories=("overdue", "follow-up"),
)
BEN = Entry(
    id="urn:netlife:agenda:ben:2026-11-28",
    title="Get in touch with Ben",
    updated=datetime(2026, 11, 28, 7, 0, tzinfo=UTC),
    content="birthday on 4 Dec",
)


def write(
    entries: Iterable[Entry] = (BEN, ANA),
    *,
    feed_id: str = "urn:netlife:agenda:feed:ana",
    title: str = "Ana's agenda",
    updated: datetime = UPDATED,
    author: str = "Ana Lima",
    self_link: str = "https://netlife.example/feeds/agenda.atom?token=abc",
    subtitle: str = "",
) -> bytes:
    return write_atom(
        entries,
        feed_id=feed_id,
        title=title,
        updated=updated,
        author=author,
        self_link=self_link,
        subtitle=subtitle,
    )


def parse(document: bytes) -> ET.Element:
    return ET.fromstring(document)


def only(parent: ET.Element, path: str) -> ET.Element:
    found = parent.findall(path, NS)
    assert len(found) == 1, f"{len(found)} elements at {path}"
    return found[0]


def text(parent: ET.Element, path: str) -> str:
    return only(parent, path).text or ""


def test_the_feed_has_exactly_one_id_title_updated_and_an_author():
    feed = parse(write())

    assert feed.tag == f"{{{ATOM_NS}}}feed"
    assert text(feed, "a:id") == "urn:netlife:agenda:feed:ana"
    assert text(feed, "a:title") == "Ana's agenda"
    assert only(feed, "a:title").get("type") == "text"
    assert text(feed, "a:updated") == "2026-11-29T09:00:00+01:00"
    assert text(feed, "a:author/a:name") == "Ana Lima"


def test_the_self_link_is_written_when_given():
    link = only(parse(write()), "a:link")

    assert link.attrib == {
        "rel": "self",
        "href": "https://netlife.example/feeds/agenda.atom?token=abc",
        "type": "application/atom+xml",
    }
    assert parse(write(self_link="")).findall("a:link", NS) == []


def test_the_subtitle_is_written_when_given():
    assert parse(write()).findall("a:subtitle", NS) == []
    assert text(parse(write(subtitle="Who is due")), "a:subtitle") == "Who is due"


def test_the_document_is_utf8_with_the_atom_namespace_as_default():
    document = write(entries=[ANA], title="Zoë's agenda")

    assert document.startswith(b"<?xml version='1.0' encoding='utf-8'?>\n")
    assert b'<feed xmlns="http://www.w3.org/2005/Atom">' in document
    assert b"ns0" not in document
    assert b":entry" not in document
    assert "Zoë".encode() in document
    assert all(
        element.tag.startswith(f"{{{ATOM_NS}}}") for element in parse(document).iter()
    )


def test_an_entry_carries_every_field():
    entry = only(parse(write(entries=[ANA])), "a:entry")

    assert text(entry, "a:id") == ANA.id
    assert text(entry, "a:title") == ANA.title
    assert text(entry, "a:updated") == "2026-11-29T09:00:00+01:00"
    assert text(entry, "a:author/a:name") == "netlife"
    assert only(entry, "a:link").attrib == {"rel": "alternate", "href": ANA.link}
    assert [c.get("term") for c in entry.findall("a:category", NS)] == [
        "overdue",
        "follow-up",
    ]
    content = only(entry, "a:content")
    assert content.get("type") == "text"
    assert content.text == ANA.content


def test_empty_optional_entry_fields_are_left_out():
    bare = Entry(id="urn:x", title="x", updated=UPDATED, content="", categories=("",))

    entry = only(parse(write(entries=[bare])), "a:entry")

    assert [child.tag.split("}")[1] for child in entry] == [
        "id",
        "title",
        "updated",
        "content",
    ]


def test_an_empty_feed_is_still_a_valid_feed():
    feed = parse(write(entries=[]))

    assert feed.findall("a:entry", NS) == []
    assert text(feed, "a:author/a:name") == "Ana Lima"


def test_entries_are_newest_first():
    older = Entry(
        id="urn:c", title="c", updated=datetime(2026, 1, 1, tzinfo=UTC), content=""
    )

    ids = [
        text(e, "a:id") for e in parse(write([older, BEN, ANA])).findall("a:entry", NS)
    ]

    assert ids == [ANA.id, BEN.id, "urn:c"]


def test_entries_are_ordered_by_instant_not_by_wall_clock():
    # 09:00 in New York is later than 10:00 in Paris on the same day.
    new_york = Entry(
        id="urn:ny",
        title="ny",
        updated=datetime(2026, 11, 29, 9, 0, tzinfo=timezone(timedelta(hours=-5))),
        content="",
    )
    paris = Entry(
        id="urn:paris",
        title="paris",
        updated=datetime(2026, 11, 29, 10, 0, tzinfo=PARIS),
        content="",
    )

    ids = [
        text(e, "a:id") for e in parse(write([paris, new_york])).findall("a:entry", NS)
    ]

    assert ids == ["urn:ny", "urn:paris"]


def test_equal_times_are_ordered_by_id_whatever_the_input_order():
    same = datetime(2026, 11, 29, 8, 0, tzinfo=UTC)
    entries = [
        Entry(id=f"urn:netlife:agenda:{name}", title=name, updated=same, content="")
        for name in ("cara", "ana", "ben", "dan")
    ]
    shuffled = random.Random(7).sample(entries, k=len(entries))

    document = write(entries)
    ids = [text(e, "a:id") for e in parse(document).findall("a:entry", NS)]

    assert ids == sorted(e.id for e in entries)
    assert write(shuffled) == document


def test_the_same_input_gives_the_same_bytes():
    assert write() == write()
    assert write([ANA, BEN]) == write([BEN, ANA])


@pytest.mark.parametrize(
    ("updated", "expected"),
    [
        (datetime(2026, 11, 29, 9, 0, tzinfo=PARIS), "2026-11-29T09:00:00+01:00"),
        (
            datetime(
                2026, 11, 29, 9, 0, tzinfo=timezone(timedelta(hours=-5, minutes=-30))
            ),
            "2026-11-29T09:00:00-05:30",
        ),
        (datetime(2026, 11, 29, 9, 0, tzinfo=UTC), "2026-11-29T09:00:00Z"),
        (datetime(2026, 11, 29, 9, 0, 1, 999_999, tzinfo=UTC), "2026-11-29T09:00:01Z"),
        # RFC 3339 offsets have no seconds, so such a time is written in UTC.
        (
            datetime(
                2026, 11, 29, 9, 0, tzinfo=timezone(timedelta(minutes=53, seconds=28))
            ),
            "2026-11-29T08:06:32Z",
        ),
    ],
)
def test_time_zones_are_kept_in_rfc3339(updated, expected):
    entry = Entry(id="urn:x", title="x", updated=updated, content="")

    feed = parse(write(entries=[entry], updated=updated))

    assert text(feed, "a:updated") == expected
    assert text(feed, "a:entry/a:updated") == expected
    assert datetime.fromisoformat(expected) == updated.replace(microsecond=0)


def test_a_zoneinfo_time_keeps_its_offset():
    from zoneinfo import ZoneInfo

    summer = datetime(2026, 7, 1, 9, 0, tzinfo=ZoneInfo("Europe/Lisbon"))

    assert (
        text(parse(write(updated=summer)), "a:updated") == "2026-07-01T09:00:00+01:00"
    )


def test_a_naive_feed_time_is_rejected():
    with pytest.raises(ValueError, match="feed's updated must be a timezone-aware"):
        write(updated=datetime(2026, 11, 29, 9, 0))  # noqa: DTZ001


def test_a_naive_entry_time_is_rejected_and_named():
    naive = Entry(
        id="urn:naive",
        title="x",
        updated=datetime(2026, 11, 29, 9, 0),  # noqa: DTZ001
        content="",
    )

    with pytest.raises(ValueError, match=r"Entry 'urn:naive'.*timezone-aware"):
        write(entries=[ANA, naive])


@pytest.mark.parametrize("author", ["", "  ", "\x00"])
def test_an_empty_feed_author_is_rejected(author):
    with pytest.raises(ValueError, match="author"):
        write(author=author)


def test_an_empty_feed_id_is_rejected():
    with pytest.raises(ValueError, match="feed needs an id"):
        write(feed_id="")


def test_an_empty_entry_id_is_rejected():
    with pytest.raises(ValueError, match="needs an id"):
        write(entries=[Entry(id=" ", title="t", updated=UPDATED, content="")])


def test_markup_characters_and_quotes_are_escaped():
    tricky = Entry(
        id="urn:netlife:agenda:<&>",
        title="Ana <Lima> & \"Co\" 'Ltd'",
        updated=UPDATED,
        content="</content><script>alert('x')</script> & more",
        link='https://netlife.example/?a=1&b="2"<',
        author="O'Brien & <Sons>",
        categories=('a"b&c<d>',),
    )

    document = write(entries=[tricky], title="<b>Ana</b> & co")

    assert b"<script>" not in document
    assert b"<b>" not in document
    assert b"&lt;script&gt;" in document
    assert b'href="https://netlife.example/?a=1&amp;b=&quot;2&quot;&lt;"' in document
    feed = parse(document)
    assert text(feed, "a:title") == "<b>Ana</b> & co"
    entry = only(feed, "a:entry")
    assert text(entry, "a:id") == tricky.id
    assert text(entry, "a:title") == tricky.title
    assert text(entry, "a:content") == tricky.content
    assert text(entry, "a:author/a:name") == tricky.author
    assert only(entry, "a:link").get("href") == tricky.link
    assert only(entry, "a:category").get("term") == 'a"b&c<d>'


def test_characters_xml_forbids_are_dropped():
    messy = Entry(
        id="urn:x\x00",
        title="Call\x00 Ana\x1b\x08",
        updated=UPDATED,
        content="tab\tkept, line\r\nends\rnormalised, \ud800\ufffe\uffff gone, é kept",
        categories=("a\x01b",),
    )

    entry = only(parse(write(entries=[messy], title="T\x0cx")), "a:entry")

    assert text(entry, "a:id") == "urn:x"
    assert text(entry, "a:title") == "Call Ana"
    assert (
        text(entry, "a:content") == "tab\tkept, line\nends\nnormalised,  gone, é kept"
    )
    assert only(entry, "a:category").get("term") == "ab"


def test_non_ascii_text_survives():
    entry = Entry(
        id="urn:netlife:agenda:zoë",
        title="Zoë Łukasiewicz → 日本語 🎂",
        updated=UPDATED,
        content="changed jobs: now at Globex ✓",
    )

    parsed = only(parse(write(entries=[entry])), "a:entry")

    assert text(parsed, "a:title") == entry.title
    assert text(parsed, "a:id") == entry.id


def xml_text(text: str) -> str:
    text = re.sub(r"\r\n?", "\n", text)
    return "".join(
        c
        for c in text
        if c in "\t\n"
        or "\x20" <= c <= "\ud7ff"
        or "\ue000" <= c <= "\ufffd"
        or c >= "\U00010000"
    )


# Every code point, with the XML-forbidden ones (lone surrogates, C0
# controls, U+FFFE/U+FFFF) and markup characters drawn often. A list, not
# st.text: text() merges its alphabet into one range of code points, where
# the surrogates and U+FFFE/U+FFFF would hardly ever be drawn.
ANY_TEXT = st.lists(
    st.characters(exclude_categories=())
    | st.characters(categories=["Cs"])
    | st.sampled_from("\x00\x0b\x1f\r\n\t\ufffe\uffff<&>\"']]>"),
    max_size=80,
).map("".join)

FAST = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@FAST
@given(
    title=ANY_TEXT,
    content=ANY_TEXT,
    author=ANY_TEXT,
    link=ANY_TEXT,
    category=ANY_TEXT,
    minutes=st.integers(min_value=-14 * 60, max_value=14 * 60),
)
def test_any_text_gives_well_formed_xml(
    title, content, author, link, category, minutes
):
    updated = datetime(2026, 11, 29, 9, 0, tzinfo=timezone(timedelta(minutes=minutes)))
    entry = Entry(
        id="urn:netlife:agenda:x",
        title=title,
        updated=updated,
        content=content,
        link=link,
        author=author,
        categories=(category,),
    )

    document = write(entries=[entry], title=title, subtitle=content or "s")

    feed = parse(document)
    assert text(feed, "a:title") == xml_text(title)
    parsed = only(feed, "a:entry")
    assert text(parsed, "a:title") == xml_text(title)
    assert text(parsed, "a:content") == xml_text(content)
    assert datetime.fromisoformat(text(parsed, "a:updated")) == updated
    if link:
        assert only(parsed, "a:link").get("href") == xml_text(link)
    if xml_text(author).strip():
        assert text(parsed, "a:author/a:name") == xml_text(author)
    if xml_text(category).strip():
        assert only(parsed, "a:category").get("term") == xml_text(category)
