"""Group LinkedIn messages into conversations: one interaction per thread and day.

A LinkedIn thread can run for years, and a busy day in it can hold dozens
of messages; neither one interaction per thread (it would hide years of
contact) nor one per message (it would inflate frequency and tie strength)
matches what the user lived. So a conversation is the messages of one
thread on one calendar day in UTC. UTC rather than the network's time
zone because the day is part of the conversation's uid: a re-import after
a time-zone change must still recognize every conversation.

Pure: no Django. `group_conversations` is deterministic whatever the order
of its input, and every message lands in exactly one conversation.

>>> from datetime import UTC, datetime
>>> from netlife.formats.contact_record import MessageRecord
>>> me, bruno = "https://linkedin.com/in/ada", "https://www.linkedin.com/in/Bruno/"
>>> def said(minute, outgoing, text):
...     return MessageRecord(
...         source="linkedin", position=f"line {minute}", thread_id="2-abc",
...         sent_at=datetime(2024, 10, 9, 14, minute, tzinfo=UTC),
...         sender_name="", sender_url=me if outgoing else bruno,
...         recipient_urls=(bruno,) if outgoing else (me,), outgoing=outgoing,
...         subject="", text=text)
>>> [talk] = group_conversations([said(5, True, "Sure!"), said(3, False, "Coffee?")])
>>> talk.occurred_at.time(), talk.initiated_by, talk.message_count
(datetime.time(14, 3), 'them', 2)
>>> talk.other_parties, talk.summary
(('linkedin.com/in/bruno',), 'LinkedIn message: Coffee?')
"""

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Final, Literal

from netlife.formats.contact_record import MessageRecord
from netlife.formats.linkedin import normalize_profile_url

# Part of every conversation uid: changing it would make the next import
# see every conversation as new and log it twice.
NAMESPACE: Final = uuid.UUID("8f6b1a52-3c0e-5d7a-9b41-6e2f0c9d7a13")
SUMMARY_MAX: Final = 200
# "First words": enough to recognize the talk in a list, not the whole text.
EXCERPT_MAX: Final = 80
PREFIX: Final = "LinkedIn message"

Initiator = Literal["me", "them"]


@dataclass(frozen=True, slots=True)
class Conversation:
    """The messages of one thread on one UTC day, as one interaction.

    `other_parties` are normalized profile URLs (`normalize_profile_url`),
    sorted, never the export's owner; empty when the messages name nobody
    by URL (2018 exports name people only).
    """

    uid: uuid.UUID
    source: str
    thread_id: str
    occurred_on: date
    occurred_at: datetime  # the first message, in UTC
    other_parties: tuple[str, ...]
    initiated_by: Initiator
    summary: str
    message_count: int


def conversation_uid(source: str, thread_id: str, day: date) -> uuid.UUID:
    """The stable uid of a thread's conversation on `day`.

    >>> conversation_uid("linkedin", "2-abc", date(2024, 10, 9))
    UUID('ee9fb29b-a45d-51f8-a5da-c9df64a2a734')
    """
    return uuid.uuid5(NAMESPACE, f"{source}\x1f{thread_id}\x1f{day.isoformat()}")


def _utc(moment: datetime) -> datetime:
    # The readers give aware UTC times; a naive one is read as UTC rather
    # than as the machine's local time, which would vary between machines.
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _order(message: MessageRecord) -> tuple[object, ...]:
    """A total order on messages, so ties in time never depend on input order."""
    return (
        _utc(message.sent_at),
        message.position,
        message.outgoing,
        message.sender_url,
        message.sender_name,
        message.recipient_urls,
        message.subject,
        message.text,
    )


def _one_line(text: str) -> str:
    return " ".join(text.split())


def shorten(text: str, limit: int) -> str:
    """`text` on one line, cut at a word boundary to at most `limit` characters.

    >>> shorten("Are you free for coffee next week?", 20)
    'Are you free for…'
    >>> shorten("Short", 20)
    'Short'
    """
    line = _one_line(text)
    if len(line) <= limit:
        return line
    cut = line[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-") + "…"


def summarize(messages: Sequence[MessageRecord]) -> str:
    """One line of at most SUMMARY_MAX characters naming what was talked about.

    The day's first subject if any message has one, else the first words of
    the first message with text; just "LinkedIn message" for attachments
    only. `messages` are in the order they were sent.
    """
    subject = next((s for m in messages if (s := _one_line(m.subject))), "")
    first_text = next((m.text for m in messages if m.text.strip()), "")
    topic = subject or shorten(first_text, EXCERPT_MAX)
    if not topic:
        return PREFIX
    return shorten(f"{PREFIX}: {topic}", SUMMARY_MAX)


def group_conversations(messages: Iterable[MessageRecord]) -> list[Conversation]:
    """The conversations the messages make, ordered by first message and thread.

    One conversation per (source, thread, UTC day). Its other parties are
    the recipients of its outgoing messages and the senders of its
    incoming ones, minus the owner (the sender of any outgoing message).
    A day naming nobody by URL (a 2020 export's outgoing messages lack
    recipient URLs) takes the parties the same thread names on other days.
    The day's first message decides who initiated it.
    """
    # A few thousand distinct URLs recur across 10^5 messages.
    keys: dict[str, str] = {}

    def key(url: str) -> str:
        found = keys.get(url)
        if found is None:
            found = keys[url] = normalize_profile_url(url)
        return found

    days: dict[tuple[str, str, date], list[MessageRecord]] = defaultdict(list)
    day_parties: dict[tuple[str, str, date], set[str]] = defaultdict(set)
    threads: dict[tuple[str, str], set[str]] = defaultdict(set)
    owner: set[str] = set()
    for message in messages:
        thread = (message.source, message.thread_id)
        day = (*thread, _utc(message.sent_at).date())
        days[day].append(message)
        urls = message.recipient_urls if message.outgoing else (message.sender_url,)
        parties = {k for url in urls if (k := key(url))}
        day_parties[day] |= parties
        threads[thread] |= parties
        if message.outgoing and (sender := key(message.sender_url)):
            owner.add(sender)
    conversations = []
    for (source, thread_id, on), found in days.items():
        ordered = sorted(found, key=_order)
        parties = day_parties[(source, thread_id, on)] or threads[(source, thread_id)]
        conversations.append(
            Conversation(
                uid=conversation_uid(source, thread_id, on),
                source=source,
                thread_id=thread_id,
                occurred_on=on,
                occurred_at=_utc(ordered[0].sent_at),
                other_parties=tuple(sorted(parties - owner)),
                initiated_by="me" if ordered[0].outgoing else "them",
                summary=summarize(ordered),
                message_count=len(ordered),
            )
        )
    conversations.sort(key=lambda c: (c.occurred_at, c.source, c.thread_id))
    return conversations
