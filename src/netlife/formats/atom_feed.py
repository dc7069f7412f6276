"""Write the agenda as an Atom 1.0 feed (RFC 4287) for feed readers.

Each `Entry` is one due reminder. Its ``id`` is a permanent IRI built by the
caller per due occurrence (``urn:netlife:agenda:<person uid>:<due date>``),
so a reader shows a new item each time someone falls due again.

What the writer guarantees, and why:

* The feed has exactly one ``id``, ``title`` and ``updated``, and always a
  feed-level ``author``: RFC 4287 §4.1.1 requires one unless every entry has
  its own, and writing it always is simpler than checking.
* Entries are written newest first by ``updated`` (compared as instants),
  because readers expect that although Atom gives order no meaning; equal
  times are ordered by ``id`` and then the other fields, so the same
  entries in any order give the same bytes.
* Dates are RFC 3339 in the offset they were given in
  (``2026-11-29T09:00:00+01:00``; UTC as ``Z``), to whole seconds. An
  offset with seconds, which RFC 3339 cannot write, is converted to UTC. A
  naive datetime is a `ValueError`: its instant is unknown.
* Content is ``type="text"``: the agenda's reasons are plain text, and
  text cannot smuggle markup into a reader.
* The characters XML 1.0 forbids (C0 controls other than tab, line feed and
  carriage return; lone surrogates; U+FFFE and U+FFFF) are dropped, so any
  name or note a user typed gives a well-formed document. Line ends become
  ``\\n``, which is what an XML parser would make of them anyway.

Built with the standard library's ElementTree. The Atom namespace is the
default namespace, declared by an ``xmlns`` attribute on ``<feed>`` around
unqualified element names: ElementTree would otherwise write ``ns0:``
prefixes, its ``default_namespace`` option rejects the unqualified
attribute names Atom uses (``rel``, ``href``), and ``register_namespace``
changes state shared with every other user of ElementTree.
"""

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

__all__ = ["ATOM_NS", "Entry", "write_atom"]

ATOM_NS = "http://www.w3.org/2005/Atom"

_FORBIDDEN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_LINE_END = re.compile(r"\r\n?")


@dataclass(frozen=True, slots=True)
class Entry:
    """One feed item. ``updated`` must be tz-aware; ``content`` is plain text."""

    id: str
    title: str
    updated: datetime
    content: str
    link: str = ""
    author: str = ""
    categories: tuple[str, ...] = ()


def write_atom(
    entries: Iterable[Entry],
    *,
    feed_id: str,
    title: str,
    updated: datetime,
    author: str,
    self_link: str = "",
    subtitle: str = "",
) -> bytes:
    """Return the UTF-8 Atom document holding ``entries``, newest first.

    ``self_link`` becomes ``<link rel="self">`` (the feed's own URL, which
    RFC 4287 recommends); an entry's ``link`` becomes ``rel="alternate"``.

    Raises `ValueError` for a naive datetime, an empty feed or entry id, or
    an empty ``author``.
    """
    feed_updated = _rfc3339(updated, "The feed's updated")
    # Every time is checked before sorting: naive and aware times don't compare.
    written = [(_rfc3339(e.updated, f"Entry {e.id!r}: updated"), e) for e in entries]
    if not _clean(feed_id).strip():
        raise ValueError("The feed needs an id (a permanent IRI)")
    if not _clean(author).strip():
        raise ValueError("The feed needs an author name (RFC 4287 §4.1.1)")

    feed = ET.Element("feed", xmlns=ATOM_NS)
    _text(feed, "id", feed_id)
    _text(feed, "title", title, type="text")
    if subtitle:
        _text(feed, "subtitle", subtitle, type="text")
    _text(feed, "updated", feed_updated)
    _author(feed, author)
    if self_link:
        _link(feed, "self", self_link, media_type="application/atom+xml")
    for stamp, entry in _newest_first(written):
        feed.append(_entry(entry, stamp))

    ET.indent(feed)
    document: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return document + b"\n"


def _entry(entry: Entry, stamp: str) -> ET.Element:
    if not _clean(entry.id).strip():
        raise ValueError(f"Entry {entry.title!r} needs an id (a permanent IRI)")
    element = ET.Element("entry")
    _text(element, "id", entry.id)
    _text(element, "title", entry.title, type="text")
    _text(element, "updated", stamp)
    if _clean(entry.author).strip():
        _author(element, entry.author)
    if entry.link:
        _link(element, "alternate", entry.link)
    for term in map(_clean, entry.categories):
        if term.strip():
            ET.SubElement(element, "category", term=term)
    _text(element, "content", entry.content, type="text")
    return element


def _newest_first(written: list[tuple[str, Entry]]) -> list[tuple[str, Entry]]:
    # Two stable sorts: the fields order equal times, then the time decides.
    # sorted(reverse=True) keeps equal items in their existing order.
    by_fields = sorted(
        written,
        key=lambda pair: (
            pair[1].id,
            pair[1].title,
            pair[0],
            pair[1].content,
            pair[1].link,
            pair[1].author,
            pair[1].categories,
        ),
    )
    return sorted(by_fields, key=lambda pair: pair[1].updated, reverse=True)


def _rfc3339(moment: datetime, what: str) -> str:
    offset = moment.utcoffset()
    if offset is None:
        raise ValueError(
            f"{what} must be a timezone-aware datetime (e.g. with tzinfo=UTC), "
            f"got naive {moment.isoformat()}"
        )
    if offset % timedelta(minutes=1):
        moment, offset = moment.astimezone(UTC), timedelta(0)
    text = moment.replace(microsecond=0).isoformat()
    return text[:-6] + "Z" if not offset else text


def _text(parent: ET.Element, name: str, text: str, **attributes: str) -> None:
    ET.SubElement(parent, name, attributes).text = _clean(text)


def _author(parent: ET.Element, name: str) -> None:
    _text(ET.SubElement(parent, "author"), "name", name)


def _link(parent: ET.Element, rel: str, href: str, *, media_type: str = "") -> None:
    attributes = {"rel": rel, "href": _clean(href)}
    if media_type:
        attributes["type"] = media_type
    ET.SubElement(parent, "link", attributes)


def _clean(text: str) -> str:
    return _FORBIDDEN_XML.sub("", _LINE_END.sub("\n", text))
