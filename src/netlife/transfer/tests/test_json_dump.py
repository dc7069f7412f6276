"""The pure side of the JSON format: parsing, validation and writing, no database."""

import dataclasses
import io
import json
from datetime import UTC, date, datetime, timedelta, timezone
from uuid import UUID

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netlife.formats.json_dump import (
    ContactMethodRecord,
    DocumentError,
    EventRecord,
    FieldRule,
    NetworkRecord,
    ParsedDocument,
    PersonRecord,
    SourceIdRecord,
    TieRecord,
    contact_key,
    parse_date,
    parse_datetime,
    parse_document,
    parse_uid,
    to_json,
    write_document,
)

RULES = {
    "person.full_name": FieldRule(max_length=300),
    "person.kind": FieldRule(choices=("contact", "prospect"), default="contact"),
    "person.tier": FieldRule(choices=("inner", "close"), blank=True),
    "contact_method.kind": FieldRule(choices=("email", "phone", "url")),
    "event.kind": FieldRule(choices=("job-change", "birthday")),
    "tie.strength": FieldRule(choices=("weak", "medium", "strong"), default="medium"),
}

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=20,
)
text = st.text(
    st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=20
)
name = text.filter(str.strip)
# Naive bounds are what hypothesis wants; `timezones` makes the values aware.
_EARLIEST = datetime(1900, 1, 2)  # noqa: DTZ001
aware_datetimes = st.datetimes(
    min_value=_EARLIEST, timezones=st.just(UTC)
) | st.datetimes(min_value=_EARLIEST, timezones=st.just(timezone(timedelta(hours=5))))


@given(st.dates())
def test_every_date_reads_back(value: date) -> None:
    assert parse_date(value.isoformat()) == value


@given(aware_datetimes)
def test_every_aware_datetime_reads_back_in_utc(value: datetime) -> None:
    parsed = parse_datetime(value.isoformat())

    assert parsed == value
    assert parsed is not None
    assert parsed.utcoffset() == timedelta(0)


@given(st.datetimes())
def test_a_naive_datetime_is_refused(value: datetime) -> None:
    assert parse_datetime(value.isoformat()) is None


@given(json_values)
def test_value_readers_answer_none_for_anything_else(value: object) -> None:
    for parse in (parse_date, parse_datetime, parse_uid):
        parsed = parse(value)
        assert parsed is None or isinstance(parsed, date | UUID)


@given(json_values)
def test_anything_but_a_netlife_document_is_refused_with_one_error(
    value: object,
) -> None:
    with pytest.raises(DocumentError):
        parse_document(value, RULES)


@given(
    st.sampled_from(["people", "ties", "interactions", "goals", "leads"]), json_values
)
def test_any_section_content_is_read_or_refused_with_its_place(
    section: str, value: object
) -> None:
    document = {"format": "netlife", "version": 1, section: value}
    try:
        parsed = parse_document(document, RULES)
    except DocumentError as exc:
        assert str(exc).startswith(section)
        assert str(exc).endswith(".")
    else:
        assert isinstance(parsed, ParsedDocument)


contact_methods = st.lists(
    st.builds(
        ContactMethodRecord,
        kind=st.sampled_from(["email", "phone", "url"]),
        label=text,
        value=name,
        is_primary=st.booleans(),
    ),
    max_size=3,
    unique_by=lambda m: (m.kind, contact_key(m.kind, m.value)),
).map(tuple)

events = st.lists(
    st.builds(
        EventRecord,
        uid=st.uuids(),
        kind=st.sampled_from(["job-change", "birthday"]),
        occurred_on=st.dates(),
        summary=text,
        previous=text,
        current=text,
        source=text,
        created_at=st.none() | aware_datetimes.map(lambda d: d.astimezone(UTC)),
    ),
    max_size=2,
).map(lambda items: tuple(sorted(items, key=lambda e: (e.occurred_on, e.uid))))

people = st.builds(
    PersonRecord,
    uid=st.uuids(),
    full_name=name,
    given_name=text,
    family_name=text,
    kind=st.sampled_from(["contact", "prospect"]),
    organization=st.none() | st.uuids(),
    title=text,
    location=text,
    how_met=text,
    met_on=st.none() | st.dates(),
    birthday_month=st.none() | st.integers(1, 12),
    birthday_day=st.none() | st.integers(1, 31),
    birthday_year=st.none() | st.integers(1, 9999),
    notes=text,
    tier=st.sampled_from(["", "inner", "close"]),
    cadence_days=st.none() | st.integers(1, 3650),
    snoozed_until=st.none() | st.dates(),
    archived=st.booleans(),
    created_at=st.none() | aware_datetimes.map(lambda d: d.astimezone(UTC)),
    updated_at=st.none() | aware_datetimes.map(lambda d: d.astimezone(UTC)),
    tags=st.frozensets(name.filter(lambda t: len(t) <= 64), max_size=3).map(
        lambda s: tuple(sorted(s))
    ),
    contact_methods=contact_methods,
    source_ids=st.just(()),
    events=events,
)


@given(st.lists(people, max_size=4, unique_by=lambda p: p.uid))
def test_people_written_then_read_are_the_same_records(
    records: list[PersonRecord],
) -> None:
    # Event uids are unique across a whole document.
    seen: set[UUID] = set()
    for i, person in enumerate(records):
        if any(e.uid in seen for e in person.events):
            records[i] = dataclasses.replace(person, events=())
        seen.update(e.uid for e in records[i].events)
    out = io.StringIO()
    write_document(
        out,
        exported_at=datetime(2026, 6, 15, tzinfo=UTC),
        network=NetworkRecord(name="n", timezone="Europe/Paris"),
        sections=[("people", records)],
    )

    parsed = parse_document(json.loads(out.getvalue()), RULES)

    assert list(parsed.people) == records
    assert parsed.network == NetworkRecord(name="n", timezone="Europe/Paris")


@given(st.uuids(), st.uuids())
def test_a_tie_reads_the_same_either_way_round(a: UUID, b: UUID) -> None:
    if a == b:
        return
    tie = {
        "uid": "2b1f4c4e-8d8e-4c55-9a7c-3f0c3d1e2a10",
        "person_a": str(a),
        "person_b": str(b),
    }
    flipped = {**tie, "person_a": str(b), "person_b": str(a)}

    def read(item: dict[str, str]) -> TieRecord:
        return parse_document(
            {"format": "netlife", "version": 1, "ties": [item]}, RULES
        ).ties[0]

    assert read(tie) == read(flipped)
    assert read(tie).person_a == min(a, b)
    assert read(tie).strength == "medium"


def test_a_record_becomes_json_with_iso_dates_and_text_uids() -> None:
    source = SourceIdRecord(source="linkedin", value="x")
    event = EventRecord(
        uid=UUID(int=1),
        kind="birthday",
        occurred_on=date(2026, 4, 15),
        summary="",
        previous="",
        current="",
        source="",
        created_at=datetime(2026, 1, 1, 12, tzinfo=timezone(timedelta(hours=2))),
    )

    assert to_json(source) == {"source": "linkedin", "value": "x"}
    assert to_json(event)["uid"] == "00000000-0000-0000-0000-000000000001"
    assert to_json(event)["occurred_on"] == "2026-04-15"
    assert to_json(event)["created_at"] == "2026-01-01T10:00:00+00:00"
