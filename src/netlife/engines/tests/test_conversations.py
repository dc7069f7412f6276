"""LinkedIn messages grouped into conversations: one per thread and UTC day."""

import random
from datetime import UTC, date, datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from netlife.engines.conversations import (
    SUMMARY_MAX,
    Conversation,
    conversation_uid,
    group_conversations,
)
from netlife.formats.contact_record import MessageRecord

ME = "https://www.linkedin.com/in/ada-example"
BRUNO = "https://www.linkedin.com/in/Bruno-Sample/"
CHLOE = "https://de.linkedin.com/in/chlo%C3%A9"


def said(
    at: datetime,
    *,
    outgoing: bool,
    text: str = "",
    subject: str = "",
    thread: str = "2-a",
    to: tuple[str, ...] = (BRUNO,),
    sender: str = BRUNO,
    position: str = "line 2",
) -> MessageRecord:
    return MessageRecord(
        source="linkedin",
        position=position,
        thread_id=thread,
        sent_at=at,
        sender_name="",
        sender_url=ME if outgoing else sender,
        recipient_urls=to if outgoing else (ME,),
        outgoing=outgoing,
        subject=subject,
        text=text,
    )


def at(day: int, hour: int = 12, minute: int = 0) -> datetime:
    return datetime(2024, 10, day, hour, minute, tzinfo=UTC)


def only(messages: list[MessageRecord]) -> Conversation:
    [conversation] = group_conversations(messages)
    return conversation


def test_a_day_of_one_thread_is_one_conversation():
    talk = only(
        [
            said(at(9, 14, 5), outgoing=False, text="See you then"),
            said(at(9, 14, 3), outgoing=True, text="Coffee on Tuesday?"),
        ]
    )
    assert talk.occurred_on == date(2024, 10, 9)
    assert talk.occurred_at == at(9, 14, 3)
    assert talk.initiated_by == "me"
    assert talk.message_count == 2
    assert talk.other_parties == ("linkedin.com/in/bruno-sample",)
    assert talk.summary == "LinkedIn message: Coffee on Tuesday?"


def test_the_first_message_of_the_day_decides_who_initiated():
    talk = only([said(at(9, 8), outgoing=False), said(at(9, 9), outgoing=True)])
    assert talk.initiated_by == "them"


def test_another_day_or_another_thread_is_another_conversation():
    talks = group_conversations(
        [
            said(at(9), outgoing=True),
            said(at(10), outgoing=False),
            said(at(10), outgoing=True, thread="2-b", to=(CHLOE,)),
        ]
    )
    assert [(t.occurred_on.day, t.thread_id) for t in talks] == [
        (9, "2-a"),
        (10, "2-a"),
        (10, "2-b"),
    ]
    assert len({t.uid for t in talks}) == 3


def test_days_are_calendar_days_in_utc():
    evening_in_new_york = datetime(
        2024, 10, 9, 21, 0, tzinfo=timezone(-timedelta(hours=4))
    )
    talks = group_conversations(
        [said(at(9, 23, 30), outgoing=True), said(evening_in_new_york, outgoing=False)]
    )
    assert [t.occurred_on for t in talks] == [date(2024, 10, 9), date(2024, 10, 10)]
    assert talks[1].occurred_at == at(10, 1, 0)


def test_the_uid_is_stable_across_runs_and_releases():
    # A pinned value: a changed uid would log every conversation twice.
    talk = only(
        [said(datetime(2024, 10, 9, 14, 3, tzinfo=UTC), outgoing=True, thread="2-abc")]
    )
    assert str(talk.uid) == "ee9fb29b-a45d-51f8-a5da-c9df64a2a734"
    assert talk.uid == conversation_uid("linkedin", "2-abc", date(2024, 10, 9))


def test_the_owner_is_never_another_party():
    group = (BRUNO, ME + "/", CHLOE)
    talk = only(
        [
            said(at(9, 10), outgoing=True, to=group),
            said(at(9, 11), outgoing=False, sender=CHLOE),
        ]
    )
    assert talk.other_parties == (
        "linkedin.com/in/bruno-sample",
        "linkedin.com/in/chloé",
    )


def test_incoming_messages_count_only_their_sender():
    talk = only([said(at(9), outgoing=False, sender=CHLOE)])
    assert talk.other_parties == ("linkedin.com/in/chloé",)


def test_a_day_without_recipient_urls_takes_the_threads_parties():
    # 2020 exports have no RECIPIENT PROFILE URLS column.
    talks = group_conversations(
        [said(at(9), outgoing=True, to=()), said(at(10), outgoing=False)]
    )
    assert [t.other_parties for t in talks] == [("linkedin.com/in/bruno-sample",)] * 2


def test_messages_naming_nobody_by_url_have_no_parties():
    message = MessageRecord(
        source="linkedin", position="line 2", thread_id="2018-x", sent_at=at(9),
        sender_name="Bruno Sample", sender_url="", recipient_urls=(), outgoing=False,
        subject="Conference", text="Thanks",
    )  # fmt: skip
    assert only([message]).other_parties == ()


def test_the_summary_prefers_the_subject_then_the_first_words():
    assert only([said(at(9), outgoing=True, subject="Reunion", text="Hi")]).summary == (
        "LinkedIn message: Reunion"
    )
    long_text = "Dear Bruno,\nI hope this finds you well. " + "Blah " * 40
    summary = only([said(at(9), outgoing=True, text=long_text)]).summary
    assert summary.startswith("LinkedIn message: Dear Bruno, I hope this finds you")
    assert summary.endswith("…")
    assert len(summary) <= len("LinkedIn message: ") + 80


def test_a_day_of_attachments_only_is_still_a_conversation():
    talk = only([said(at(9), outgoing=False, text="")])
    assert talk.summary == "LinkedIn message"


def test_an_endless_subject_is_cut_to_one_short_line():
    subject = "Re: " + "word\n" * 100
    summary = only([said(at(9), outgoing=True, subject=subject)]).summary
    assert len(summary) <= SUMMARY_MAX
    assert "\n" not in summary


# --- properties ---------------------------------------------------------------

OTHERS = [BRUNO, CHLOE, "https://www.linkedin.com/in/dan", ""]
URLS = st.sampled_from([ME, *OTHERS])
ZONES = st.sampled_from(
    [UTC, timezone(timedelta(hours=5)), timezone(-timedelta(hours=7))]
)


@st.composite
def messages(draw: st.DrawFn) -> MessageRecord:
    outgoing = draw(st.booleans())
    return MessageRecord(
        source="linkedin",
        position=f"line {draw(st.integers(1, 50))}",
        thread_id=draw(st.sampled_from(["2-a", "2-b", "2-c"])),
        sent_at=draw(
            st.datetimes(
                min_value=datetime(2024, 10, 8),  # noqa: DTZ001
                max_value=datetime(2024, 10, 11),  # noqa: DTZ001
                timezones=ZONES,
            )
        ),
        sender_name=draw(st.sampled_from(["", "Ada", "Bruno"])),
        # As the reader decides it: outgoing exactly when the owner sent it.
        sender_url=ME if outgoing else draw(st.sampled_from(OTHERS)),
        recipient_urls=tuple(draw(st.lists(URLS, max_size=3))),
        outgoing=outgoing,
        subject=draw(st.sampled_from(["", "Hi", "Re: Reunion"])),
        text=draw(st.text(max_size=300)),
    )


@given(st.lists(messages(), max_size=30), st.randoms(use_true_random=False))
def test_grouping_ignores_input_order_and_keeps_every_message(
    found: list[MessageRecord], rng: random.Random
):
    shuffled = list(found)
    rng.shuffle(shuffled)
    talks = group_conversations(found)
    assert group_conversations(shuffled) == talks
    assert sum(t.message_count for t in talks) == len(found)
    keys = {(t.thread_id, t.occurred_on) for t in talks}
    assert len(keys) == len(talks) == len({t.uid for t in talks})
    assert keys == {(m.thread_id, m.sent_at.astimezone(UTC).date()) for m in found}
    for talk in talks:
        assert "linkedin.com/in/ada-example" not in talk.other_parties
        assert len(talk.summary) <= SUMMARY_MAX
        assert "\n" not in talk.summary
