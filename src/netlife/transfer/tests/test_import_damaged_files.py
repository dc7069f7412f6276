"""Damaged files never crash an import and never half-import one (hypothesis)."""

from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netlife.core.errors import ImportFailed
from netlife.formats import address_book_csv, linkedin, vcard
from netlife.formats.contact_record import ReadResult
from netlife.networks.models import Network
from netlife.people.models import ContactMethod, Person, SourceId
from netlife.transfer.contacts import import_contacts

CARDS = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nN:Lovelace;Ada;;;\r\n"
    "EMAIL:ada@engines.example\r\nORG:Analytical Engines\r\nUID:ada\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Hopper;Grace\r\nTEL;CELL;PREF:415-555-0199\r\n"
    "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Admiral=0D=0A=\r\nand teacher\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Zoë Ångström\r\nBDAY:--0415\r\nEND:VCARD\r\n"
).encode()
CONNECTIONS = (
    b'Notes:\n"When exporting your connection data, you may notice..."\n\n'
    b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    b"Ada,Lovelace,https://www.linkedin.com/in/ada,ada@engines.example,"
    b"Analytical Engines,Mathematician,09 Oct 2024\n"
    b'Grace,Hopper,https://www.linkedin.com/in/grace,,"US Navy, Inc.",Admiral,'
    b"01 Jan 2020\n"
)
GOOGLE = (
    b"First Name,Last Name,Organization Name,E-mail 1 - Label,E-mail 1 - Value\n"
    b"Ada,Lovelace,Analytical Engines,* Work,ada@engines.example ::: ada@home.example\n"
    b'Grace,Hopper,US Navy,,"grace@navy.example"\n'
)

Reader = Callable[[bytes], ReadResult]
SOURCES: list[tuple[str, Reader, bytes]] = [
    ("vcard", vcard.read_vcards, CARDS),
    ("linkedin", linkedin.read_connections, CONNECTIONS),
    ("google", address_book_csv.read_google, GOOGLE),
]


@st.composite
def damaged(draw: st.DrawFn, data: bytes) -> bytes:
    """The file with a few bytes cut, replaced or inserted somewhere."""
    damaged = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(damaged)))
        action = draw(st.sampled_from(["cut", "replace", "insert"]))
        chunk = draw(st.binary(min_size=1, max_size=8))
        if action == "cut":
            del damaged[at : at + len(chunk)]
        elif action == "replace":
            damaged[at : at + len(chunk)] = chunk
        else:
            damaged[at:at] = chunk
    return bytes(damaged)


def _counts(network: Network) -> tuple[int, int, int]:
    return (
        Person.objects.filter(network=network).count(),
        ContactMethod.objects.filter(network=network).count(),
        SourceId.objects.filter(network=network).count(),
    )


@pytest.mark.parametrize(
    ("source", "read", "data"), SOURCES, ids=[s[0] for s in SOURCES]
)
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.data())
def test_a_damaged_file_imports_whole_or_not_at_all(
    ana: Network, source: str, read: Reader, data: bytes, drawn: st.DataObject
) -> None:
    raw = drawn.draw(damaged(data))
    before = _counts(ana)
    try:
        result = read(raw)
    except ValueError:
        return  # the reader said what it expected; nothing was touched
    try:
        outcome = import_contacts(ana, result, source=source)
    except ImportFailed:
        assert _counts(ana) == before  # a bad record: nothing written
        return
    assert not result.errors
    people = _counts(ana)[0]
    assert people == before[0] + outcome.created
