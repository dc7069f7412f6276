"""Outreach drafts: a first version of a message, written from what netlife knows.

`draft(situation, facts)` turns a handful of facts about a contact (their
name, where they work, how the user met them, what the last conversation was
about, the user's current goal) into a short, warm message the user edits
before sending. Each situation keeps to the habits of good networking: a
reconnect asks for nothing, an advice request asks for 15 to 20 minutes of
perspective and never for openings, an update shares the goal without
pressure, and an introduction request carries a short note the introducer
can forward as is.

Every fact is optional. A template that lacks a fact drops the phrase that
needed it instead of leaving a gap, so "Hi ,", "about None" or "at ." never
appear; what the user typed is tidied (whitespace, stray punctuation) but
never reworded. Output is deterministic: where a little variety helps (so a
week of reconnect drafts does not read like a form letter), the wording is
chosen from a checksum of the recipient's name, never at random.

Drafting an ask (advice, intro-request) to someone whose tie has gone cold
returns the ask draft with a one-sentence warning *and* the reconnect draft
in `Draft.alternative`: the caller can show both and let the user send the
warm-up first, without a second call.

>>> facts = DraftFacts(first_name="Ana", full_name="Ana Silva",
...                    organization="Acme", today=date(2026, 6, 1),
...                    last_contact=date(2026, 3, 12),
...                    last_summary="her move to the platform team")
>>> print(draft("reconnect", facts).body.splitlines()[0])
Hi Ana,
>>> "when we spoke in March about her move to the platform team" in (
...     draft("reconnect", facts).body)
True
"""

import re
import unicodedata
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Final

SITUATIONS: Final = (
    "reconnect", "advice", "update", "thanks", "follow-up", "congrats",
    "intro-request",
)  # fmt: skip
# The situations that ask something the person has to grant; the same two
# kinds of interaction that reciprocity.ASKING_INTENTS treats as asks. An
# update shares the goal and requests nothing in particular, so it is left out.
ASKING_SITUATIONS: Final = frozenset({"advice", "intro-request"})
# The situations built around the user's goal: without one they stay general.
_GOAL_SITUATIONS: Final = frozenset({"advice", "update", "intro-request"})

_MONTHS: Final = (
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
)  # fmt: skip
_NUMBER_WORDS: Final = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
    "nine", "ten", "eleven", "twelve",
)  # fmt: skip
# How-we-met and how-they-know texts that start with one of these read on
# after "when we met …"; anything else ("PyCon 2019") goes in brackets.
_PREPOSITIONS: Final = frozenset({
    "at", "in", "on", "through", "via", "during", "while", "when", "from",
    "over", "after", "before", "back", "by", "with", "as", "years", "thanks",
    "across", "around",
})  # fmt: skip
# A logged summary ("Lunch with Ana; talked about the Lisbon office") is cut
# to what followed the first of these, which is what the conversation was about.
_TOPIC_LEAD: Final = re.compile(
    r"\b(?:about|caught up on|advice on|feedback on|notes on|article on|"
    r"help with|busy with|walked me through)\s+",
    re.IGNORECASE,
)
# Phrases that can follow "Thank you for" directly; anything else is what
# they helped with ("my CV" → "your help with my CV").
_THANKABLE_STARTS: Final = frozenset(
    {"your", "the", "that", "this", "those", "these", "all"}
)
_HONORIFICS: Final = frozenset({"dr", "mr", "mrs", "ms", "mx", "prof", "sir", "dame"})
# Goals typed as a plan ("move into product") rather than as what is sought
# ("a product role") read after "I'm trying to".
_PLAN_VERBS: Final = frozenset({
    "move", "find", "get", "become", "switch", "land", "join", "start", "build",
    "change", "transition", "return", "go", "grow", "make", "pivot", "step",
    "break", "work",
})  # fmt: skip
# A goal or blurb that starts like this is already a sentence about the user.
_FIRST_PERSON: Final = frozenset({"I", "I'm", "I've", "I'd", "I'll"})
_INVISIBLE: Final = frozenset({"Cc", "Cf", "Cs"})
# Under two weeks a contact is "recent": no silence to remark on.
RECENT_DAYS: Final = 14
# Under about eleven months a month name alone cannot be mistaken for a later one.
MONTH_NAME_DAYS: Final = 330
DAYS_IN_WEEK: Final = 7
DAYS_IN_YEAR: Final = 365
_SPACE_BEFORE_MARK: Final = re.compile(r"\s+([,.;:!?])")


@dataclass(frozen=True, slots=True)
class DraftFacts:
    """What netlife knows about the recipient and the user, all optional.

    Every text field may be empty (unknown). `today` anchors the relative
    times ("when we spoke in March"); the engine never reads the clock, so
    without it no time is mentioned.
    """

    first_name: str
    full_name: str
    organization: str = ""
    title: str = ""
    how_met: str = ""
    last_summary: str = ""
    last_contact: date | None = None
    today: date | None = None
    goal: str = ""
    cold: bool = False
    job_change: tuple[str, str] | None = None
    new_title: str = ""
    helped_with: str = ""
    outcome: str = ""
    target_name: str = ""
    target_organization: str = ""
    target_how: str = ""
    sender_name: str = ""
    sender_blurb: str = ""


@dataclass(frozen=True, slots=True)
class Draft:
    """A message draft; `alternative` is the reconnect to send before a cold ask."""

    situation: str
    subject: str
    body: str
    warnings: tuple[str, ...] = ()
    alternative: "Draft | None" = None

    def to_json(self) -> dict[str, object]:
        """The DESIGN.md §6 draft shape, plus `alternative` when there is one."""
        shape: dict[str, object] = {
            "situation": self.situation,
            "subject": self.subject,
            "body": self.body,
            "warnings": list(self.warnings),
        }
        if self.alternative is not None:
            shape["alternative"] = self.alternative.to_json()
        return shape


def draft(situation: str, facts: DraftFacts) -> Draft:
    """Write the first draft of a message for `situation` from `facts`.

    Raises ValueError, naming the valid situations, for an unknown one. A
    cold tie turns an ask (advice, intro-request) into a draft with one
    warning and the reconnect draft as `alternative`; a missing goal or
    target adds a warning saying the draft is general. Pure and
    deterministic: the same facts give the same draft.

    >>> d = draft("advice", DraftFacts(first_name="", full_name="",
    ...                                cold=True))
    >>> d.body.splitlines()[0], d.alternative.situation
    ('Hi there,', 'reconnect')
    """
    if situation not in SITUATIONS:
        raise ValueError(
            f"Unknown situation {situation!r}; choose one of: {', '.join(SITUATIONS)}."
        )
    known = _tidy(facts)
    subject, paragraphs = _WRITERS[situation](known)
    warnings: list[str] = []
    alternative = None
    if known.cold and situation in ASKING_SITUATIONS:
        warnings.append(_cold_warning(known))
        alternative = draft("reconnect", facts)
    if situation in _GOAL_SITUATIONS and not known.goal:
        warnings.append(
            "No goal is recorded, so the draft speaks of your next step in "
            "general; setting a goal makes it specific."
        )
    if situation == "intro-request" and not _target(known):
        warnings.append(
            "No one to be introduced to is named, so the draft asks for an "
            "introduction in general; name the person or organization."
        )
    body = "\n\n".join(
        [_greeting(known), *filter(None, paragraphs), _sign_off(situation, known)]
    )
    return Draft(situation, subject, body, tuple(warnings), alternative)


# --- Tidying facts ------------------------------------------------------------


def _clean(text: str | None, *, prose: bool) -> str:
    """One line of the user's text, safe to drop into a sentence.

    Whitespace runs become one space, invisible characters go, a space before
    punctuation goes, and the edges lose punctuation that would collide with
    the template's own (prose also loses a final full stop or question mark,
    names keep theirs: "Acme Inc."). Text with no letter or digit is unknown.
    """
    if not text:
        return ""
    # Line breaks and tabs are control characters too, but they separate words.
    visible = "".join(
        c for c in text if c.isspace() or unicodedata.category(c) not in _INVISIBLE
    )
    # Typographic apostrophes become plain ones, like the templates' own.
    visible = visible.replace("\u2019", "'")
    line = _SPACE_BEFORE_MARK.sub(r"\1", " ".join(visible.split()))
    line = line.lstrip(" ,;:.!?").rstrip(" ,;:.!?" if prose else " ,;:")
    return line if any(c.isalnum() for c in line) else ""


def _tidy(facts: DraftFacts) -> DraftFacts:
    """The facts with every text field cleaned and an empty job change dropped.

    Names keep a final full stop ("Acme Inc."); a first name is greeted, so it
    is tidied like prose ("Hi J," rather than "Hi J.,").
    """
    job_change = None
    if facts.job_change is not None:
        before, after = (_clean(part, prose=False) for part in facts.job_change)
        job_change = (before, after) if before or after else None
    return replace(
        facts,
        first_name=_clean(facts.first_name, prose=True),
        full_name=_clean(facts.full_name, prose=False),
        organization=_clean(facts.organization, prose=False),
        title=_clean(facts.title, prose=False),
        how_met=_clean(facts.how_met, prose=True),
        last_summary=_clean(facts.last_summary, prose=True),
        goal=_clean(facts.goal, prose=True),
        job_change=job_change,
        new_title=_clean(facts.new_title, prose=False),
        helped_with=_clean(facts.helped_with, prose=True),
        outcome=_clean(facts.outcome, prose=True),
        target_name=_clean(facts.target_name, prose=False),
        target_organization=_clean(facts.target_organization, prose=False),
        target_how=_clean(facts.target_how, prose=True),
        sender_name=_clean(facts.sender_name, prose=False),
        sender_blurb=_clean(facts.sender_blurb, prose=True),
    )


def _finish(text: str, mark: str = ".") -> str:
    """End a sentence with `mark` unless the text already ends one.

    A name may end the sentence with its own stop ("at Acme Inc."); a
    question drops it ("at Acme Inc?") rather than stacking marks.
    """
    if text[-1] in "!?" or (mark == "." and text[-1] == "."):
        return text
    if mark == "." and text[-1] in "\"')\u201d" and text[-2:-1] in {".", "!", "?"}:
        return text
    return text.rstrip(".") + mark


def _seed(facts: DraftFacts, situation: str) -> int:
    """A stable number from the recipient, for choosing between wordings."""
    return zlib.crc32(f"{situation}|{facts.full_name}|{facts.first_name}".encode())


def _pick(options: Sequence[str], seed: int) -> str:
    return options[seed % len(options)]


# --- Phrases from facts -------------------------------------------------------


def _count(n: int) -> str:
    return _NUMBER_WORDS[n] if n < len(_NUMBER_WORDS) else str(n)


def _days_since(facts: DraftFacts) -> int | None:
    if facts.last_contact is None or facts.today is None:
        return None
    days = (facts.today - facts.last_contact).days
    return days if days >= 0 else None  # a future date says nothing about the past


def _spoke_when(facts: DraftFacts) -> str:
    """When the last contact was, to follow "when we spoke": "in March"."""
    days = _days_since(facts)
    if days is None or facts.last_contact is None or facts.today is None:
        return ""
    then, now = facts.last_contact, facts.today
    if days < RECENT_DAYS:
        return {0: "earlier today", 1: "yesterday"}.get(
            days, "a few days ago" if days < DAYS_IN_WEEK else "last week"
        )
    if (then.year, then.month) == (now.year, now.month):
        return "earlier this month"
    if then.year == now.year or days < MONTH_NAME_DAYS:
        return f"in {_MONTHS[then.month - 1]}"
    if then.year == now.year - 1:
        return f"in {_MONTHS[then.month - 1]} last year"
    return f"in {then.year}"


def _gap(facts: DraftFacts) -> str:
    """How long the silence has been, to follow "it's been": "over a year"."""
    days = _days_since(facts)
    if days is None or days < RECENT_DAYS:
        return ""
    for below, words in ((45, "a few weeks"), (60, "over a month")):
        if days < below:
            return words
    if days < MONTH_NAME_DAYS:
        return f"{_count(days // 30)} months"
    if days < DAYS_IN_YEAR:
        return "almost a year"
    if days < 2 * DAYS_IN_YEAR:
        return "over a year"
    return f"over {_count(days // DAYS_IN_YEAR)} years"


def _topic(facts: DraftFacts) -> str:
    """What the last conversation was about, as a phrase to follow "about"."""
    summary = facts.last_summary
    lead = _TOPIC_LEAD.search(summary)
    if lead and any(c.isalnum() for c in summary[lead.end() :]):
        summary = summary[lead.end() :]
    if facts.first_name:
        # A summary is written about the person; the draft is written to them.
        summary = re.sub(rf"\b{re.escape(facts.first_name)}'s\b", "your", summary)
    return _clean(summary, prose=True)


def _met(facts: DraftFacts) -> str:
    """ "we met at the PyCon sprint", or "we met (PyCon 2019)"."""
    if not facts.how_met:
        return ""
    first_word = facts.how_met.split()[0].lower()
    if first_word in _PREPOSITIONS:
        return f"we met {facts.how_met}"
    return f"we met ({facts.how_met})"


def _first_name_of(full_name: str) -> str:
    words = full_name.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in _HONORIFICS:
        words = words[1:]
    return words[0] if words else ""


def _pursuit(goal: str, *, noun_verb: str, still: bool = False) -> str:
    """ "I'm looking for a data role", "I'm trying to move into product".

    A goal typed as a whole sentence ("I want to …") is used as it is.
    """
    first = goal.split()[0]
    if first in _FIRST_PERSON:
        return goal
    adverb = "still " if still else ""
    if first.lower() == "to":
        return f"I'm {adverb}trying {goal}"
    if first.lower() in _PLAN_VERBS:
        return f"I'm {adverb}trying to {goal}"
    return f"I'm {adverb}{noun_verb} {goal}"


def _self_intro(facts: DraftFacts) -> str:
    """One sentence about the user from their name and blurb, or ""."""
    blurb, name = facts.sender_blurb, facts.sender_name
    if blurb and blurb.split()[0] in _FIRST_PERSON | {"My"}:
        return _finish(blurb)
    if name and blurb:
        return _finish(f"I'm {name}, {blurb}")
    if blurb:
        return _finish(f"I'm {blurb}")
    return _finish(f"I'm {name}") if name else ""


def _greeting(facts: DraftFacts) -> str:
    return f"Hi {facts.first_name}," if facts.first_name else "Hi there,"


def _sign_off(situation: str, facts: DraftFacts) -> str:
    if situation in ASKING_SITUATIONS:
        words = "Thank you"
    elif situation == "thanks":
        words = "With thanks"
    else:
        words = _pick(("Best wishes", "All the best", "Warm wishes"),
                      _seed(facts, situation))  # fmt: skip
    return f"{words},\n{facts.sender_name}" if facts.sender_name else words


def _warm_opening(facts: DraftFacts) -> str:
    """A first line that places the last contact before any request."""
    when, days = _spoke_when(facts), _days_since(facts)
    if when and days is not None and days < RECENT_DAYS:
        return f"It was good to talk {when}."
    if when:
        return f"I hope you've been well since we spoke {when}."
    if facts.how_met:
        return f"I hope you've been well since {_met(facts)}."
    if facts.organization:
        return _finish(f"I hope all is well at {facts.organization}")
    return "I hope you're doing well."


def _cold_warning(facts: DraftFacts) -> str:
    name = facts.first_name or facts.full_name
    tie = f"Your tie with {name} has" if name else "This tie has"
    return (
        f"{tie} gone cold, so an ask now may feel out of the blue: send the "
        "suggested reconnect draft first and ask once you are back in touch."
    )


def _target(facts: DraftFacts) -> str:
    """Whom the user wants to meet: "Priya Patel at Globex", or ""."""
    name, org = facts.target_name, facts.target_organization
    if name and org:
        return f"{name} at {org}"
    if name:
        return name
    return f"someone at {org}" if org else ""


# --- The situations -----------------------------------------------------------
# Each writer returns the subject and the body's paragraphs between greeting
# and sign-off; an empty paragraph is dropped.

_Writer = Callable[[DraftFacts], tuple[str, list[str]]]


def _reconnect(facts: DraftFacts) -> tuple[str, list[str]]:
    seed = _seed(facts, "reconnect")
    gap, when, topic = _gap(facts), _spoke_when(facts), _topic(facts)
    days = _days_since(facts)
    if days is not None and days < RECENT_DAYS:  # no silence to speak of
        opening = ["I wanted to send you a quick note."]
        subject = _pick(("Catching up", "Hello again"), seed)
    else:
        opening = [
            _pick(
                (
                    f"It's been {gap or 'a while'} since we last spoke, and "
                    "I've been meaning to get back in touch.",
                    f"I realised it's been {gap or 'too long'} since we last "
                    "spoke, and I wanted to say hello.",
                ),
                seed,
            )
        ]
        subject = _pick(("Catching up", "It's been a while", "Hello again"), seed)
    if topic:
        spoke = f"when we spoke {when}" if when else "our last conversation,"
        opening.append(f"I was thinking back to {spoke} about {_finish(topic)}")
        asking = ["I'd love to hear how that has been going, and how you are."]
    else:
        if facts.how_met:
            opening.append(f"I was thinking back to when {_finish(_met(facts))}")
        asking = ["How are you?"]
    where = f" at {facts.organization}" if facts.organization else ""
    asking.append(f"What are you working on{where} these days?")
    no_agenda = _pick(
        (
            "No agenda on my side; I'd simply like to catch up.",
            "Nothing needed from you: it would just be good to hear your news.",
        ),
        seed,
    )
    return subject, [" ".join(opening), " ".join(asking), no_agenda]


def _advice(facts: DraftFacts) -> tuple[str, list[str]]:
    seed = _seed(facts, "advice")
    if facts.goal:
        why = f"{_pursuit(facts.goal, noun_verb='working toward')}, and I'd "
    else:
        why = "I'm thinking about my next step, and I'd "
    context = [_finish(why + "really value your perspective")]
    role = " ".join(
        [f"as {facts.title}"] * bool(facts.title)
        + [f"at {facts.organization}"] * bool(facts.organization)
    )
    if role:
        context.append(f"Your experience {role} would help me see it more clearly.")
    ask = (
        "Would you have 15 or 20 minutes for a call in the next few weeks? I'd "
        "love to hear how you would approach it in my place, and anything you "
        "wish you had known earlier."
    )
    easy_out = "If now is a busy time, no problem at all."
    subject = _pick(
        ("Could I ask your advice?", "Your perspective, if you have 20 minutes"), seed
    )
    return subject, [_warm_opening(facts), " ".join(context), f"{ask} {easy_out}"]


def _update(facts: DraftFacts) -> tuple[str, list[str]]:
    seed = _seed(facts, "update")
    if facts.goal:
        news = [
            "I wanted to let you know what I'm focused on: "
            + _finish(_pursuit(facts.goal, noun_verb="looking for"))
        ]
    else:
        news = ["I wanted to let you know that I'm thinking about my next step."]
    # They know the user already: the blurb, not the name, is the news.
    background = _self_intro(replace(facts, sender_name=""))
    if background.startswith("My "):
        news.append(f"For context, my {background[3:]}")
    elif background:
        news.append(f"For context, {background}")
    invite = _pick(
        (
            "If anyone comes to mind who would be worth talking to about it, "
            "I'd be glad to hear, but please don't feel any pressure.",
            "If someone comes to mind who might be good to talk to, I'd love "
            "to hear about them; and if not, no pressure at all.",
        ),
        seed,
    )
    closing = "Either way, how are things with you these days?"
    subject = _pick(("A quick update from me", "What I'm up to"), seed)
    return subject, [_warm_opening(facts), " ".join(news), f"{invite} {closing}"]


def _thank_for(helped_with: str) -> str:
    first = helped_with.split()[0].lower()
    if first in _THANKABLE_STARTS or first.endswith("ing"):  # "reviewing my CV"
        return f"Thank you for {helped_with}."
    return f"Thank you for your help with {helped_with}."


def _thanks(facts: DraftFacts) -> tuple[str, list[str]]:
    when, topic = _spoke_when(facts), _topic(facts)
    if facts.helped_with:
        thanks = _thank_for(facts.helped_with)
    elif topic or when:
        about = f"about {topic}" if topic else ""
        talk = ("Thank you for taking the time to talk", when, about)
        thanks = _finish(" ".join(part for part in talk if part))
    else:
        thanks = "Thank you so much for your help."
    if facts.outcome:
        result = f"I wanted you to know what came of it: {_finish(facts.outcome)}"
    else:
        result = "It meant a lot that you made the time."
    where = f" at {facts.organization}" if facts.organization else ""
    # A question leaves them something to answer, so the thanks opens a reply.
    closing = (
        f"How are things{where} these days? If I can ever return the favour, "
        "just say the word."
    )
    return "Thank you", [f"{thanks} {result}", closing]


def _follow_up(facts: DraftFacts) -> tuple[str, list[str]]:
    seed = _seed(facts, "follow-up")
    when = _spoke_when(facts)
    about = facts.helped_with or _topic(facts)
    subject_of = f"about {about}" if about else ""
    parts = (
        "I wanted to tell you what came of the advice you gave me",
        when,
        subject_of,
    )
    report = " ".join(part for part in parts if part)
    if facts.outcome:
        result = f"Here is where it led: {_finish(facts.outcome)}"
    else:
        result = "I've been putting it into practice."
    if facts.goal:
        goal = _pursuit(facts.goal, noun_verb="working toward", still=True)
        onward = f"{goal}, and I'll keep you posted on how it goes."
    else:
        onward = "I'll keep you posted on how things go."
    thanks = "Thank you again for your time and your advice."
    subject = (
        _pick(("Following up on your advice", "Where your advice led"), seed)
        if facts.outcome
        else "Following up on your advice"
    )
    return subject, [f"{_finish(report)} {result}", f"{onward} {thanks}"]


def _congrats(facts: DraftFacts) -> tuple[str, list[str]]:
    before, after = facts.job_change or ("", "")
    org = after or (facts.organization if facts.new_title else "")
    title = facts.new_title
    if title:
        what = f"your new role as {title}" + (f" at {org}" if org else "")
    else:
        what = f"your move to {org}" if org else ""
    if not what and before:
        what = f"your next step after {before}"
    news = [
        f"I just saw the news: congratulations on {what}!"
        if what
        else "I just heard your news, and I wanted to say congratulations!"
    ]
    if before and after and before.casefold() != after.casefold():
        news.append(
            f"It sounds like an exciting next step after your time at {_finish(before)}"
        )
    changed = bool(what)
    if changed:
        rest = [
            "How are the first weeks going? I'd love to hear what drew you to it.",
            "Wishing you a great start.",
        ]
    else:
        rest = ["How is it all going? I'd love to hear more.", "Very happy for you."]
    subject = "Congratulations on the new role" if changed else "Congratulations!"
    return subject, [" ".join(news), " ".join(rest)]


def _forwardable(facts: DraftFacts) -> str:
    """Two or three sentences about the user, written to the target, so the
    introducer can forward them unchanged."""
    hear = (
        f"to hear about your experience at {facts.target_organization}"
        if facts.target_organization
        else "to hear how you see it"
    )
    if facts.goal:
        why = _pursuit(facts.goal, noun_verb="working toward")
    else:
        why = "I'm thinking about my next step"
    sentences = [
        _self_intro(facts),
        _finish(f"{why}, and I'd be grateful for 20 minutes {hear}"),
        "I'd keep it short, at whatever time suits you.",
    ]
    return " ".join(filter(None, sentences))


def _intro_request(facts: DraftFacts) -> tuple[str, list[str]]:
    target = _target(facts)
    them = _first_name_of(facts.target_name)
    favour = ["I have a small favour to ask."]
    favour.append(
        f"Would you be willing to introduce me to {target}?"
        if target
        else "Would you be willing to introduce me to someone you think I should "
        "talk to?"
    )
    how = facts.target_how
    if how:
        first = how.split()[0].lower()
        if first in _PREPOSITIONS:
            favour.append(_finish(f"I understand you know each other {how}"))
        elif first.endswith("ed"):  # "worked together at Initech"
            favour.append(_finish(f"I understand you two {how}"))
        else:
            favour.append(f"I understand you know each other ({how}).")
    pursuit = (
        _pursuit(facts.goal, noun_verb="working toward")
        if facts.goal
        else "I'm thinking about my next step"
    )
    if them and facts.target_organization:
        gain = f"I'd value hearing how {them} sees it from {facts.target_organization}"
    elif them:
        gain = f"{them}'s perspective would help me a lot"
    else:
        gain = "a conversation like that would help me a lot"
    favour.append(_finish(f"{pursuit}, and {gain}"))
    easy_out = "Only if you're comfortable with it, and no worries at all if not."
    to = f" to {them}" if them else ""
    note_intro = f"To make it easy, here is a short note you could forward{to} as is:"
    if facts.target_name:
        subject = f"Could you introduce me to {facts.target_name}?"
    elif facts.target_organization:
        subject = f"Could you introduce me to someone at {facts.target_organization}?"
    else:
        subject = "A small favour"
    paragraphs = [_warm_opening(facts), " ".join(favour), easy_out, note_intro]
    return subject, [*paragraphs, _forwardable(facts)]


_WRITERS: Final[dict[str, _Writer]] = {
    "reconnect": _reconnect,
    "advice": _advice,
    "update": _update,
    "thanks": _thanks,
    "follow-up": _follow_up,
    "congrats": _congrats,
    "intro-request": _intro_request,
}
