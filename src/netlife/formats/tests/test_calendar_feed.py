import random
import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any

import pytest
from dateutil.rrule import rrulestr  # type: ignore[import-untyped]  # no stubs installed
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from netlife.formats.calendar_feed import PRODUCT, Birthday, Reminder, write_calendar

STAMP = datetime(2026, 11, 29, 8, 0, tzinfo=UTC)
REVISED = datetime(2026, 11, 28, 9, 30, tzinfo=timezone(timedelta(hours=1)))
ANA = Reminder(
    uid="due-ana@netlife",
    on=date(2026, 12, 1),
    summary="Get in touch with Ana Lima",
    description="overdue by 12 days\nfollow up: send the deck",
    url="https://netlife.example/people/ana/",
    categories=("agenda", "overdue"),
    revised=REVISED,
)
BEN = Reminder(uid="due-ben@netlife", on=date(2026, 12, 4), summary="Call Ben")
ANA_BIRTHDAY = Birthday(
    uid="birthday-ana@netlife",
    month=12,
    day=4,
    summary="Ana Lima's birthday",
    first_year=2026,
)


def write(
    reminders: Iterable[Reminder] = (ANA, BEN),
    birthdays: Iterable[Birthday] = (ANA_BIRTHDAY,),
    *,
    name: str = "netlife agenda",
    stamp: datetime = STAMP,
    product: str = PRODUCT,
) -> bytes:
    return write_calendar(reminders, birthdays, name=name, stamp=stamp, product=product)


# Any: icalendar types a property lookup as a union of every value class.
def parse(ical: bytes) -> Any:
    return Calendar.from_ical(ical)


def events(ical: bytes) -> dict[str, Any]:
    return {str(event["UID"]): event for event in parse(ical).walk("VEVENT")}


def unescape(text: str) -> str:
    # icalendar reads NAME and X-WR-CALNAME as unknown properties and leaves
    # their TEXT escapes in place.
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], text)


def expand(event: Any, count: int) -> list[date]:
    start = datetime.combine(event["DTSTART"].dt, time())
    rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=start)
    return [moment.date() for moment in rule[:count]]


def test_the_calendar_carries_every_required_property():
    calendar = parse(write(name="Ana's agenda", product="-//acme//netlife 1.0//EN"))

    assert calendar.name == "VCALENDAR"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]) == "-//acme//netlife 1.0//EN"
    assert str(calendar["CALSCALE"]) == "GREGORIAN"
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert unescape(str(calendar["NAME"])) == "Ana's agenda"
    assert unescape(str(calendar["X-WR-CALNAME"])) == "Ana's agenda"
    assert calendar["REFRESH-INTERVAL"].dt == timedelta(hours=12)
    assert calendar["REFRESH-INTERVAL"].params["VALUE"] == "DURATION"
    assert str(calendar["X-PUBLISHED-TTL"]) == "PT12H"


def test_the_header_lines_are_written_exactly():
    lines = write().split(b"\r\n")

    assert lines[:9] == [
        b"BEGIN:VCALENDAR",
        b"VERSION:2.0",
        b"PRODID:-//netlife//netlife//EN",
        b"CALSCALE:GREGORIAN",
        b"METHOD:PUBLISH",
        b"NAME:netlife agenda",
        b"X-WR-CALNAME:netlife agenda",
        b"REFRESH-INTERVAL;VALUE=DURATION:PT12H",
        b"X-PUBLISHED-TTL:PT12H",
    ]


def test_a_reminder_is_an_all_day_transparent_event():
    event = events(write())["due-ana@netlife"]

    assert type(event["DTSTART"].dt) is date
    assert event["DTSTART"].dt == date(2026, 12, 1)
    assert type(event["DTEND"].dt) is date
    assert event["DTEND"].dt == date(2026, 12, 2)
    assert event["DTSTART"].params["VALUE"] == "DATE"
    assert str(event["TRANSP"]) == "TRANSPARENT"
    assert event["DTSTAMP"].dt == STAMP
    assert str(event["SUMMARY"]) == "Get in touch with Ana Lima"
    assert str(event["DESCRIPTION"]) == "overdue by 12 days\nfollow up: send the deck"
    assert str(event["URL"]) == "https://netlife.example/people/ana/"
    assert [str(c) for c in event["CATEGORIES"].cats] == ["agenda", "overdue"]
    assert "RRULE" not in event


def test_an_all_day_event_is_written_as_a_date_value():
    ical = write()

    assert b"DTSTART;VALUE=DATE:20261201\r\n" in ical
    assert b"DTEND;VALUE=DATE:20261202\r\n" in ical
    assert b"DTSTAMP:20261129T080000Z\r\n" in ical


def test_the_stamp_is_written_in_utc():
    stamp = datetime(
        2026, 11, 29, 9, 0, 30, 123456, tzinfo=timezone(timedelta(hours=1))
    )

    event = events(write(stamp=stamp))["due-ben@netlife"]

    assert b"DTSTAMP:20261129T080030Z\r\n" in write(stamp=stamp)
    assert event["DTSTAMP"].dt == datetime(2026, 11, 29, 8, 0, 30, tzinfo=UTC)


def test_revised_gives_last_modified_in_utc_and_a_sequence():
    event = events(write())["due-ana@netlife"]

    assert event["LAST-MODIFIED"].dt == datetime(2026, 11, 28, 8, 30, tzinfo=UTC)
    assert event["SEQUENCE"] == 218_017_800


def test_a_later_revision_has_a_higher_sequence():
    later = Reminder(
        uid=ANA.uid,
        on=ANA.on,
        summary=ANA.summary,
        revised=REVISED + timedelta(seconds=1),
    )

    before = events(write(reminders=[ANA]))[ANA.uid]["SEQUENCE"]
    after = events(write(reminders=[later]))[ANA.uid]["SEQUENCE"]

    assert after == before + 1


def test_empty_optional_fields_are_left_out():
    event = events(write())["due-ben@netlife"]

    for name in ("DESCRIPTION", "URL", "CATEGORIES", "LAST-MODIFIED", "SEQUENCE"):
        assert name not in event


def test_blank_categories_are_left_out():
    reminder = Reminder(uid="r", on=date(2026, 1, 1), summary="s", categories=(" ", ""))

    assert "CATEGORIES" not in events(write(reminders=[reminder], birthdays=[]))["r"]


def test_an_empty_feed_is_a_valid_calendar():
    calendar = parse(write(reminders=[], birthdays=[]))

    assert calendar.walk("VEVENT") == []
    assert str(calendar["PRODID"]) == "-//netlife//netlife//EN"


def test_lines_end_with_crlf_and_are_folded_at_75_octets():
    long = Reminder(
        uid="due-long@netlife",
        on=date(2026, 12, 1),
        summary="Écrire à Zoë Łukasiewicz-Gonçalves über das Angebot " * 4,
        description="→ 日本語のメモ " * 30,
    )

    ical = write(reminders=[long])

    assert ical.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in ical.replace(b"\r\n", b"")
    lines = ical.split(b"\r\n")
    assert any(line.startswith(b" ") for line in lines)
    assert max(len(line) for line in lines) <= 75
    # Folds fall between characters, never inside a UTF-8 sequence.
    for line in lines:
        line.decode("utf-8")
    event = events(ical)["due-long@netlife"]
    assert str(event["SUMMARY"]) == long.summary
    assert str(event["DESCRIPTION"]) == long.description


def test_the_same_input_gives_the_same_bytes():
    assert write() == write()


def test_the_order_of_the_input_does_not_change_the_bytes():
    birthdays = [
        ANA_BIRTHDAY,
        Birthday(
            uid="birthday-ben@netlife", month=2, day=29, summary="Ben", first_year=2027
        ),
    ]
    reminders = [ANA, BEN]
    shuffled = random.Random(4).sample(reminders, k=2)

    assert write(reminders, birthdays) == write(shuffled, birthdays[::-1])


def test_events_are_written_in_uid_order():
    uids = [str(event["UID"]) for event in parse(write()).walk("VEVENT")]

    assert uids == ["birthday-ana@netlife", "due-ana@netlife", "due-ben@netlife"]


def test_uids_are_written_as_given_and_do_not_change_between_exports():
    today = events(write())
    tomorrow = events(
        write(
            reminders=[
                Reminder(uid=ANA.uid, on=date(2026, 12, 3), summary="Still due"),
                BEN,
            ],
            stamp=STAMP + timedelta(days=1),
        )
    )

    assert set(today) == {"due-ana@netlife", "due-ben@netlife", "birthday-ana@netlife"}
    assert set(tomorrow) == set(today)
    assert b"UID:due-ana@netlife\r\n" in write()


def test_a_uid_used_twice_is_rejected():
    twin = Birthday(uid=ANA.uid, month=1, day=1, summary="x", first_year=2026)

    with pytest.raises(ValueError, match="due-ana@netlife"):
        write(birthdays=[twin])


def test_an_empty_uid_is_rejected():
    with pytest.raises(ValueError, match="empty UID"):
        write(reminders=[Reminder(uid=" ", on=date(2026, 1, 1), summary="x")])


def test_a_naive_stamp_is_rejected():
    with pytest.raises(ValueError, match="timezone-aware"):
        write(stamp=datetime(2026, 11, 29, 8, 0))  # noqa: DTZ001


def test_a_naive_revision_is_rejected():
    naive = Reminder(
        uid="r",
        on=date(2026, 1, 1),
        summary="x",
        revised=datetime(2026, 1, 1),  # noqa: DTZ001
    )

    with pytest.raises(ValueError, match="timezone-aware"):
        write(reminders=[naive])


def test_a_datetime_as_the_reminder_day_is_rejected():
    timed = Reminder(uid="r", on=datetime(2026, 1, 1, tzinfo=UTC), summary="x")

    with pytest.raises(ValueError, match="all-day"):
        write(reminders=[timed])


def test_a_url_with_a_line_break_is_rejected():
    sneaky = Reminder(
        uid="r", on=date(2026, 1, 1), summary="x", url="https://a/\r\nBEGIN:VEVENT"
    )

    with pytest.raises(ValueError, match="line break"):
        write(reminders=[sneaky])


def test_a_birthday_repeats_every_year_from_the_first_year():
    event = events(write())["birthday-ana@netlife"]

    assert str(event["RRULE"].to_ical().decode()) == "FREQ=YEARLY"
    assert type(event["DTSTART"].dt) is date
    assert event["DTEND"].dt == date(2026, 12, 5)
    assert str(event["TRANSP"]) == "TRANSPARENT"
    assert str(event["SUMMARY"]) == "Ana Lima's birthday"
    assert expand(event, 3) == [date(2026, 12, 4), date(2027, 12, 4), date(2028, 12, 4)]


@pytest.mark.parametrize(
    ("first_year", "expected"),
    [
        (
            2027,
            [
                "2027-02-28",
                "2028-02-29",
                "2029-02-28",
                "2030-02-28",
                "2031-02-28",
                "2032-02-29",
            ],
        ),
        (2028, ["2028-02-29", "2029-02-28", "2030-02-28", "2031-02-28", "2032-02-29"]),
        (
            2099,
            [
                "2099-02-28",
                "2100-02-28",
                "2101-02-28",
                "2102-02-28",
                "2103-02-28",
                "2104-02-29",
            ],
        ),
    ],
)
def test_a_29_february_birthday_shows_every_year(first_year, expected):
    leap = Birthday(uid="b", month=2, day=29, summary="Leap", first_year=first_year)

    event = events(write(reminders=[], birthdays=[leap]))["b"]

    assert event["RRULE"]["FREQ"] == ["YEARLY"]
    assert event["RRULE"]["BYMONTH"] == [2]
    assert event["RRULE"]["BYMONTHDAY"] == [-1]
    # DTSTART is the first instance, as RFC 5545 requires.
    assert event["DTSTART"].dt.isoformat() == expected[0]
    assert event["DTEND"].dt == event["DTSTART"].dt + timedelta(days=1)
    assert [d.isoformat() for d in expand(event, len(expected))] == expected


def test_a_28_february_birthday_stays_on_the_28th_in_leap_years():
    birthday = Birthday(uid="b", month=2, day=28, summary="x", first_year=2027)

    event = events(write(reminders=[], birthdays=[birthday]))["b"]

    assert expand(event, 2) == [date(2027, 2, 28), date(2028, 2, 28)]


@pytest.mark.parametrize(("month", "day"), [(2, 30), (4, 31), (13, 1), (0, 5), (1, 0)])
def test_a_birthday_that_is_no_day_of_the_year_is_rejected(month, day):
    wrong = Birthday(uid="b", month=month, day=day, summary="x", first_year=2026)

    with pytest.raises(ValueError, match="not a day of the year"):
        write(birthdays=[wrong])


def test_text_is_escaped():
    tricky = Reminder(
        uid="r,1;x@netlife",
        on=date(2026, 1, 1),
        summary="Lunch, then drinks; Zoë \\ Łukasz",
        description="line one\nline two, with; all\\sorts",
        categories=("a,b", "c;d"),
    )

    ical = write(reminders=[tricky], birthdays=[], name="Ana, Ben; co")

    assert b"SUMMARY:Lunch\\, then drinks\\; Zo\xc3\xab \\\\ \xc5\x81ukasz\r\n" in ical
    assert b"DESCRIPTION:line one\\nline two\\, with\\; all\\\\sorts\r\n" in ical
    assert b"CATEGORIES:a\\,b,c\\;d\r\n" in ical
    assert b"NAME:Ana\\, Ben\\; co\r\n" in ical
    event = events(ical)["r,1;x@netlife"]
    assert str(event["SUMMARY"]) == tricky.summary
    assert str(event["DESCRIPTION"]) == tricky.description
    assert [str(c) for c in event["CATEGORIES"].cats] == ["a,b", "c;d"]


def test_line_ends_become_newlines_and_control_characters_are_dropped():
    messy = Reminder(
        uid="r",
        on=date(2026, 1, 1),
        summary="Call\x00 Ana\x7f",
        description="one\r\ntwo\rthree\tfour\x1b[0m",
    )

    event = events(write(reminders=[messy], birthdays=[]))["r"]

    assert str(event["SUMMARY"]) == "Call Ana"
    assert str(event["DESCRIPTION"]) == "one\ntwo\nthree\tfour[0m"


def cleaned(text: str) -> str:
    text = re.sub(r"\r\n?", "\n", text)
    return "".join(
        c
        for c in text
        if c in "\t\n" or (c >= " " and c != "\x7f" and not "\ud800" <= c <= "\udfff")
    )


# Any text, with the characters TEXT escapes or forbids drawn often. A list,
# not st.text: text() merges its alphabet into one range of code points.
ANY_TEXT = st.lists(
    st.characters(exclude_categories=())
    | st.characters(categories=["Cs"])
    | st.sampled_from(",;:\\\n\r\t\x00\x1b\x7f\"' éß日🎂"),
    max_size=120,
).map("".join)

FAST = settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@FAST
@given(
    summary=ANY_TEXT,
    description=ANY_TEXT,
    on=st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)),
    category=ANY_TEXT,
)
def test_any_text_and_date_round_trip(summary, description, on, category):
    reminder = Reminder(
        uid="due-x@netlife",
        on=on,
        summary=summary,
        description=description,
        categories=(category,),
    )

    ical = write(reminders=[reminder], birthdays=[])

    assert max(len(line) for line in ical.split(b"\r\n")) <= 75
    event = events(ical)["due-x@netlife"]
    assert event["DTSTART"].dt == on
    assert event["DTEND"].dt == on + timedelta(days=1)
    assert str(event["SUMMARY"]) == cleaned(summary)
    assert str(event.get("DESCRIPTION", "")) == cleaned(description)
    if cleaned(category).strip():
        assert [str(c) for c in event["CATEGORIES"].cats] == [cleaned(category)]
    else:
        assert "CATEGORIES" not in event
