"""Check an outreach draft before it is sent: the message linter.

Asking a contact "do you know of any openings?" almost never helps: most
people know of none, the honest answer is no, and the talk is over. Asking
for their advice nearly always helps, and someone who knows what you are
looking for thinks of you when an opening does come up. `lint` reads a
draft and reports what works against it, each finding with the span of the
words concerned and a suggestion written the netlife way.

Kinds of finding (`KINDS`):

- `openings-ask`: a request for openings, jobs, vacancies, referrals, a
  good word, or a CV passed on.
- `cold-ask`: an ask of any kind to someone the caller says is a cold tie.
- `me-only`: all about the sender: nothing about the recipient, no
  question for them, no thanks.
- `too-long`: a first message above `FIRST_MESSAGE_MAX_WORDS` words or
  `FIRST_MESSAGE_MAX_SENTENCES` sentences.
- `no-request`: an outreach with no question and no small, concrete ask.

The rules are regular expressions over a folded copy of the text (lower
case, accents and curly quotes straightened, text-speak and misspellings of
the key words respelled), applied one sentence at a time with guards for
thanks, negation, advice questions and offers. They are deterministic and
use only the standard library. docs/lint.md explains them and gives their
measured recall and false-alarm rate.

>>> [f.kind for f in lint("Hi Ana, do you know of any openings at Acme?")]
['openings-ask']
>>> lint("Hi Ana, could I ask your advice on moving into product? Thanks!")
[]
"""

import functools
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final

from netlife.engines.reciprocity import warm_up_suggestion

KINDS: Final = ("openings-ask", "cold-ask", "me-only", "too-long", "no-request")
# About what a phone shows without scrolling and a busy person reads in
# under a minute; the sentence bound catches a string of short sentences.
FIRST_MESSAGE_MAX_WORDS: Final = 120
FIRST_MESSAGE_MAX_SENTENCES: Final = 8
# Only sentences this long count towards the bound: not "Hi Ana," or "Best, Jo".
COUNTED_SENTENCE_WORDS: Final = 3
# A two-word note is not "all about the sender".
ME_ONLY_MIN_FIRST_PERSON: Final = 2
# Guards read this many characters before a match: about a clause, and a
# bound that keeps a huge one-sentence text linear.
GUARD_WINDOW: Final = 200


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing to fix in a draft: `span` is (start, end) in the text given."""

    kind: str
    span: tuple[int, int]
    message: str
    suggestion: str

    def to_json(self) -> dict[str, object]:
        """The finding as DESIGN.md §6 names it: kind, span, message, suggestion."""
        return {
            "kind": self.kind,
            "span": [self.span[0], self.span[1]],
            "message": self.message,
            "suggestion": self.suggestion,
        }


# --- Folding: one comparable form of the text, with a way back ---------------

_PUNCTUATION: Final = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u02bc\u2032`\u00b4", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
}
_LINE_BREAKS: Final = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


def _words(text: str) -> tuple[str, ...]:
    """A word table written as text, which reads better than a list literal."""
    return tuple(text.split())


# Whole words as people type them -> the word the rules look for.
_SPELLINGS: Final = {
    typed: meant
    for typed, _, meant in (
        pair.partition("=")
        for pair in _words(
            "u=you ya=you yu=you yuo=you ur=your yr=your r=are plz=please "
            "pls=please fwd=forward thx=thanks thnx=thanks any1=anyone "
            "some1=someone ppl=people abt=about cud=could wud=would "
            "smth=something sth=something anythin=anything im=i'm ive=i've "
            "dont=don't cant=can't wouldnt=wouldn't youre=you're "
            "theres=there's whos=who's thats=that's isnt=isn't hirring=hiring "
            "hireing=hiring hirng=hiring jbos=jobs jobz=jobs refferal=referral "
            "refferals=referrals referal=referral referals=referrals "
            "oppertunity=opportunity oppurtunity=opportunity "
            "oppertunities=opportunities oppurtunities=opportunities "
            "vacansy=vacancy vacansies=vacancies postion=position "
            "postions=positions resumee=resume"
        )
    )
}
# Misspellings one edit away from these are read as them: the words are
# long enough that one slip rarely lands on another English word...
_FUZZY_WORDS: Final = _words(
    "opening openings opportunity opportunities vacancy vacancies position "
    "positions referral referrals internship internships recruiting"
)
_FUZZY_MIN_LENGTH: Final = 7
# ...and these are the English words it would land on, left as written.
_REAL_NEIGHBOURS: Final = frozenset(
    _words("opining positron positrons deferral deferrals recruited")
)
_TOKEN: Final = re.compile(r"[a-z0-9']+")


@dataclass(frozen=True, slots=True)
class _Folded:
    """Folded text; character i came from original[starts[i]:ends[i]]."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span behind folded[start:end] (end > start)."""
        return self.starts[start], self.ends[end - 1]


@functools.lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    if char in _PUNCTUATION:
        return _PUNCTUATION[char]
    if char in _LINE_BREAKS:
        return "\n"
    if char.isspace():
        return " "
    category = unicodedata.category(char)
    if category == "Cf":  # zero-width joiners, soft hyphens: invisible
        return ""
    if category.startswith("C"):
        return " "
    decomposed = unicodedata.normalize("NFKD", char.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _fold_chars(text: str) -> tuple[list[str], list[int], list[int]]:
    """Fold each character; a run of whitespace becomes one character.

    A run holding two line breaks stays a blank line and one a line break,
    because sentences end there.
    """
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for index, char in enumerate(text):
        folded = _fold_char(char)
        if not folded:
            if ends:  # a combining mark belongs to the letter before it
                ends[-1] = index + 1
            continue
        if folded in " \n" and chars and chars[-1] in " \n":
            ends[-1] = index + 1
            if folded == "\n" and chars[-1] == " ":
                chars[-1] = "\n"
            elif folded == "\n" and (len(chars) < 2 or chars[-2] != "\n"):
                chars.append("\n")
                starts.append(index)
                ends.append(index + 1)
            continue
        for piece in folded:
            chars.append(piece)
            starts.append(index)
            ends.append(index + 1)
    return chars, starts, ends


def _one_edit_apart(a: str, b: str) -> bool:
    """Whether b is a with one letter changed, added, dropped or swapped."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :] or (
            a[i : i + 2] == b[i : i + 2][::-1] and a[i + 2 :] == b[i + 2 :]
        )
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return longer[i + 1 :] == shorter[i:]


@functools.lru_cache(maxsize=8192)
def _respell(word: str) -> str | None:
    if word in _SPELLINGS:
        return _SPELLINGS[word]
    if len(word) < _FUZZY_MIN_LENGTH or word in _REAL_NEIGHBOURS:
        return None
    if word in _FUZZY_WORDS or not word.isalpha():
        return None
    return next((w for w in _FUZZY_WORDS if _one_edit_apart(word, w)), None)


def _fold(text: str) -> _Folded:
    """Fold `text`, then respell the words the rules care about."""
    chars, starts, ends = _fold_chars(text)
    joined = "".join(chars)
    out: list[str] = []
    out_starts: list[int] = []
    out_ends: list[int] = []
    done = 0
    for token in _TOKEN.finditer(joined):
        spelled = _respell(token.group().strip("'"))
        if spelled is None:
            continue
        out.append(joined[done : token.start()])
        out_starts += starts[done : token.start()]
        out_ends += ends[done : token.start()]
        # Every letter of the respelling points at the whole word as typed.
        out.append(spelled)
        out_starts += [starts[token.start()]] * len(spelled)
        out_ends += [ends[token.end() - 1]] * len(spelled)
        done = token.end()
    out.append(joined[done:])
    out_starts += starts[done:]
    out_ends += ends[done:]
    return _Folded("".join(out), tuple(out_starts), tuple(out_ends))


# --- Building blocks of the rules --------------------------------------------

_BLOCKS: dict[str, str] = {}


def _p(pattern: str) -> str:
    """A space in a rule stands for any whitespace; {NAME} for a block."""
    out = pattern.replace(" ", r"\s+")
    for name, block in _BLOCKS.items():
        out = out.replace("{" + name + "}", block)
    return out


# Someone's own job is not an opening: "your role", "my new position".
_OWNED: Final = "".join(
    f"(?<!\\b{owner} {state})"
    for owner in ("your", "his", "her", "their", "my", "our", "its")
    for state in ("", "new ", "current ", "old ", "previous ", "former ")
)
_BLOCKS["JOBWORD"] = _p(
    r"(?:openings?\b(?! (?:night|ceremony|hours|remarks|act|line|times|party|"
    r"keynote|session|speech|left|remaining|of)\b)"
    r"(?! (?:in|on) (?:your|my|the) (?:calendar|schedule|diary|agenda)\b)"
    r"|jobs?\b(?![ -](?:offers?|search\w*|hunt\w*|market|descriptions?|titles?|"
    r"fairs?|interviews?|seekers?|satisfaction|changes?|security|history)\b)"
    r"|vacanc(?:y|ies)\b|internships?\b|placements?\b|gigs?\b|headcount\b"
    r"|positions?\b(?! (?:papers?|on)\b)|roles?\b(?![ -](?:models?|play\w*)\b)"
    r"|opportunit(?:y|ies)\b(?! to (?:meet|chat|talk|catch|see|connect|speak|"
    r"grab|get|learn|hear|visit|thank)\b))"
)
_BLOCKS["JOB"] = _OWNED + _BLOCKS["JOBWORD"]
# Words the filler between "any" and a job word may not cross: past them
# the sentence is about advice, news or something else.
_BLOCKS["BREAK"] = (
    r"(?:advice|tips?|thoughts?|feedback|ideas?|suggestions?|insights?|views?|"
    r"opinions?|news|pointers|guidance|questions?|luck|plans?|updates?|books?|"
    r"resources?|courses?|events?|talks?|who|what|how|why|where|when|which|and|"
    r"but|so|because|though|although|than|thanks?)\b"
)
_BLOCKS["FILL2"] = _p(r"(?:(?!{BREAK})[\w'&-]+ ){0,2}")
_BLOCKS["FILL3"] = _p(r"(?:(?!{BREAK})[\w'&-]+ ){0,3}")
_BLOCKS["HIRING"] = _p(
    r"(?:hiring\b(?! (?:freeze|process|manager|managers|season|spree|committee|"
    r"plan|practices|budget|pipeline)\b)"
    # Clubs and charities recruit too; a job ask names no such crowd.
    r"|recruiting\b(?! (?:volunteers|members|players|participants|helpers|"
    r"runners|donors|mentors|speakers|judges|sponsors)\b)"
    r"|taking on (?:new |more )?(?:people|staff|anyone|hires|grads|graduates|"
    r"juniors|interns|trainees|apprentices)\b"
    r"|looking for (?:new |more )?(?:people|staff|anyone|anybody|talent|hires|"
    r"juniors|graduates|grads|interns|candidates|freelancers|contractors)\b"
    # "Looking for someone to take over the book club" is not a job.
    r"|looking for (?:someone|somebody) (?:like me|with my|for (?:the|your|a) "
    r"(?:team|role|position|job))\b)"
)
# "Work" is a job only in a few shapes: "find work", "any contract work".
_BLOCKS["WORK"] = _p(
    r"(?:(?:paid|freelance|contract|temp|temporary|part-time|full-time|extra|"
    r"casual|shift) )?work\b(?! (?:on|with|out|together)\b)"
)
_BLOCKS["SUBJECT"] = _p(
    r"(?:you guys|you all|y'all|you|they|your (?:[\w'&-]+ ){0,2}?[\w'&-]+"
    r"|any(?:one|body) (?:at|in|on) \S+(?: \S+)?|[\w&.'-]+(?: [\w&.'-]+)?)"
)
# Handing something on, in the forms a request uses ("could you pass",
# "would you mind passing"); past forms report, they do not ask.
_BLOCKS["HAND_ON"] = (
    r"(?:pass(?:ing)?|forward(?:ing)?|send(?:ing)?|shar(?:e|ing)|giv(?:e|ing)|"
    r"hand(?:ing)?|circulat(?:e|ing)|show(?:ing)?|get(?:ting)?|put(?:ting)?|"
    r"drop(?:ping)?|e?mail(?:ing)?|submit(?:ting)?|slip(?:ping)?|flag(?:ging)?|"
    r"mention(?:ing)?|walk(?:ing)?|bring(?:ing)?)"
)
_BLOCKS["DOCUMENT"] = _p(
    r"(?:cv|resume|curriculum vitae|portfolio|(?:linkedin )?profile|"
    r"application|details|name)\b"
)
# "Something opens up" always means a job here; "something comes up" only
# in a message about looking for work.
_BLOCKS["OPENS"] = _p(
    r"(?:\b(?:something|anything|a spot|a place|one) (?:(?:opens|open|opening|"
    r"frees|freeing) up|becomes available|opens\b(?! up))\b"
    r"|\b(?:a|an|any|another) (?:[\w-]+ )?{JOBWORD} (?:(?:opens|open|opening|"
    r"comes|come|pops|crops|turns) up|becomes available|(?:is|gets|are|get) "
    r"(?:advertised|posted))\b)"
    # "If something opens up in your diary" is about a meeting.
    r"(?! (?:in|on) (?:your|my|the) (?:calendar|schedule|diary|agenda|week|day)\b)"
)
_BLOCKS["COMES"] = _p(
    r"\b(?:something|anything) (?:relevant |suitable )?(?:comes|come|pops|"
    r"turns|crops) up\b(?! with\b)"
)

_JOB: Final = re.compile(_BLOCKS["JOB"])
_OPENS: Final = re.compile(_BLOCKS["OPENS"])
_COMES: Final = re.compile(_BLOCKS["COMES"])
_LOOKING_FOR_WORK: Final = re.compile(
    _p(
        r"\b(?:looking for (?:a |my next |new |some )?(?:work|job|role|position)|"
        r"job[ -]?(?:search\w*|hunt\w*)|laid off|let go|between jobs|out of work|"
        r"made redundant|downsized|unemployed|next role|next job|next position|"
        r"next step in my career)\b"
    )
)
_WORKPLACE: Final = re.compile(
    r"\b(?:hr|recruit\w*|hiring|team|company|firm|department|employer|org|"
    r"organi[sz]ation|startup|agency|studio|lab|dept)\b"
)
_WORK_PEOPLE: Final = re.compile(
    _p(
        r" to (?:your|the) (?:boss|manager|line manager|team|colleagues|hr|"
        r"recruiters?|director|partners?|head of \w+|hiring \w+|founders?|ceo)\b"
    )
)
_FOR_ME: Final = re.compile(r"\b(?:me|my|i|i'm|i'd|i've)\b")
_FOR_OBJECT: Final = re.compile(r"\s+for\b")
_FOR_ANYTHING: Final = re.compile(_p(r" for (?:anything|something)\b"))
_APPLYING: Final = re.compile(r"\bappl(?:y|ying|ication)\b")
_IN_CASE: Final = re.compile(r"\bin\s+case\b|\bon\s+file\b")

# --- Guards: words that show a match is not an ask ---------------------------

# Thanks for something done. "Thanks in advance for" and "I'd be grateful
# for" are requests in polite dress, so they do not count.
_THANKS_FOR: Final = re.compile(
    _p(
        r"\b(?:thanks|thank you|thank|cheers|(?<!be\s)(?<!be\sso\s)(?<!be\svery\s)"
        r"(?<!be\sreally\s)(?<!be\smost\s)grateful)(?: (?!in advance)\w+){0,3}? for\b"
    )
)
_NEGATED: Final = re.compile(
    _p(
        r"(?:\bnot|n't|\bnever|\bno longer) (?:\w+ ){0,2}?(?:ask\w*|look\w*|after|"
        r"about|expect\w*|want\w*|request\w*|hunt\w*|here to|need\w*)\b"
        r"|\bno (?:need|pressure|expectation)\b"
    )
)
# "Any advice on how to ask for a referral?" asks for advice, not a referral.
_ADVICE_ABOUT: Final = re.compile(
    _p(
        r"\b(?:advice|tips?|pointers|guidance|thoughts|feedback|views?|perspective|"
        r"opinion)(?: \w+)? (?:on|about|for|regarding|as to)\b"
        r"|\bhow (?:to|do|does|did|should|would|can|could|best)\b"
        r"|\bwhat (?:do|would|should) you (?:think|suggest|recommend)\b"
    )
)
_OFFER: Final = re.compile(
    _p(
        r"\b(?:want|like) me to\b|\bshall i\b"
        # "Happy to refer you" offers; "would you be happy to refer me" asks.
        r"|(?<!you\sbe\s)(?<!you\sare\s)(?<!you're\s)\bhappy to (?:introduce|"
        r"connect|refer|pass|share|put)\b"
        r"|\bi (?:can|could|will) (?:introduce|connect|refer|pass)\b"
    )
)
# "I know of a few openings" is the sender talking, not asking.
_SENDER_KNOWS: Final = re.compile(r"\b(?:i|we|i've|we've|i'd)\s+(?:\w+\s+)?$")

# --- Sentences ---------------------------------------------------------------

_BOUNDARY: Final = re.compile(
    r"[.!?]+['\")\]]*(?=\s|$)"  # the end of a sentence
    r"|\n\n"  # a blank line
    r"|(?<=[,;:])\n"  # a line break after "Hi Ana," or "Best,"
    r"|\n(?=[-*\u2022] |\d+[.)] )"  # a list item
)
_WORD: Final = re.compile(r"[\w']+")
_QUESTION_START: Final = re.compile(
    r"^(?:(?:hi|hey|hello|dear|hiya|so|and|oh|btw)\b[^\w]*(?:\w+\W+)??)?"
    r"(?:do|does|did|are|is|was|were|could|can|would|will|should|may|might|"
    r"have|has|any|anything|know|what|how|when|where|who|which|why|mind|"
    r"wondering)\b"
)
# Words that make a sentence a request without a question mark.
_REQUEST_FRAME: Final = re.compile(
    _p(
        r"\b(?:please|could|would|can|will|might) (?:you|we|i)\b"
        r"|\bplease\b|\b(?:let|keep) me\b|\bif you\b|\bmind\b|\bfeel free\b"
        r"|\bi(?:'d| would) (?:really )?(?:love|like|appreciate|value|welcome|be)\b"
        r"|\b(?:i was|i'm|i am|just) (?:wondering|hoping|curious)\b"
        r"|\b(?:wondering|wondered)\b|\bwould it be\b|\bany chance\b"
        r"|\bhappy to hear\b|\bi(?:'m| am) (?:interested|keen)\b"
        r"|\b(?:to|wanted to|writing to) (?:ask|enquire|inquire|find out)\b"
        r"|\b(?:to see|to check|asking) (?:you )?(?:if|whether)\b"
        r"|\b(?:do|would) you reckon\b"
    )
)


@dataclass(frozen=True, slots=True)
class _Sentence:
    """A sentence of the folded text and what the rules ask about it."""

    start: int  # offsets into the folded text
    end: int
    text: str
    question: bool
    request: bool
    job: bool
    opens: bool
    comes: bool
    for_me: bool
    offer: bool
    work: bool  # the whole message is about looking for work


def _sentences(folded: str) -> list[_Sentence]:
    work = bool(_LOOKING_FOR_WORK.search(folded))
    found: list[_Sentence] = []
    start = 0
    for cut in [m.end() for m in _BOUNDARY.finditer(folded)] + [len(folded)]:
        chunk = folded[start:cut]
        text = chunk.strip()
        if text:
            begin = start + len(chunk) - len(chunk.lstrip())
            question = text.rstrip("\"')]*.!~ ").endswith("?") or text.endswith("?")
            question = question or bool(_QUESTION_START.match(text))
            found.append(
                _Sentence(
                    start=begin,
                    end=begin + len(text),
                    text=text,
                    question=question,
                    request=question or bool(_REQUEST_FRAME.search(text)),
                    job=bool(_JOB.search(text)),
                    opens=bool(_OPENS.search(text)),
                    comes=bool(_COMES.search(text)),
                    for_me=bool(_FOR_ME.search(text)),
                    offer=bool(_OFFER.search(text)),
                    work=work,
                )
            )
        start = cut
    return found


# --- The openings rules ------------------------------------------------------

# When a rule's match counts as an ask, given the sentence it is in.
Context = Callable[[_Sentence, "re.Match[str]"], bool]


def _always(s: _Sentence, m: "re.Match[str]") -> bool:
    return True


def _asking(s: _Sentence, m: "re.Match[str]") -> bool:
    return s.request


def _asking_for_work(s: _Sentence, m: "re.Match[str]") -> bool:
    return s.request and (s.work or s.job)


def _asking_for_me(s: _Sentence, m: "re.Match[str]") -> bool:
    return s.request and s.for_me


def _in_a_workplace(s: _Sentence, m: "re.Match[str]") -> bool:
    return s.request and (s.job or bool(_WORKPLACE.search(s.text)))


def _applying(s: _Sentence, m: "re.Match[str]") -> bool:
    return s.request and (s.work or s.job or bool(_APPLYING.search(s.text)))


def _in_case(s: _Sentence, m: "re.Match[str]") -> bool:
    return s.request and (s.work or s.opens or s.comes or bool(_IN_CASE.search(s.text)))


def _comes_up(s: _Sentence, m: "re.Match[str]") -> bool:
    return s.work


def _not_from_sender(s: _Sentence, m: "re.Match[str]") -> bool:
    lead = max(0, m.start() - GUARD_WINDOW)
    return s.request and not _SENDER_KNOWS.search(s.text, lead, m.start())


def _for_work(s: _Sentence, m: "re.Match[str]") -> bool:
    """Counts "think of me" or "mention me" as a job ask only around work."""
    return s.request and (s.work or s.job or bool(_WORK_PEOPLE.match(s.text, m.end())))


def _about_a_job(s: _Sentence, m: "re.Match[str]") -> bool:
    """Counts "keep me in mind" as a job ask unless it names something else."""
    if _FOR_OBJECT.match(s.text, m.end()):
        after = s.text[m.end() : m.end() + GUARD_WINDOW]
        return bool(_JOB.search(after) or _FOR_ANYTHING.match(after))
    return s.job or s.opens or s.work


@dataclass(frozen=True, slots=True)
class _Rule:
    family: str  # picks the finding's message and suggestion
    context: Context
    pattern: "re.Pattern[str]"


def _rule(family: str, context: Context, pattern: str) -> _Rule:
    return _Rule(family, context, re.compile(_p(pattern)))


_LET_ME_KNOW: Final = (
    r"\b(?:let me know|tell me|keep me (?:posted|updated|in the loop)|ping me|"
    r"give me a (?:shout|heads[ -]up|ping|call|nudge)|drop me a (?:line|note)|"
    r"send (?:it|them|anything|something) my way)\b"
)
_WHEN_A_JOB: Final = (
    r"(?:\b(?:if|when|should|whether|once) (?:[\w'-]+ ){0,4}?(?:any|an|a|some|"
    r"more) {FILL2}{JOB}|\b(?:of|about) (?:any |some )?{FILL2}{JOB}|{OPENS})"
)
_RULES: Final = (
    # Whether they know of openings: "do you know of any openings?"
    _rule(
        "know",
        _not_from_sender,
        r"\b(?:know|knew|heard|hear|aware|come across|came across)(?: of| about)? "
        r"(?:(?:any|an|a|some|if|whether) {FILL3})?{JOB}",
    ),
    _rule(
        "know",
        _asking_for_work,
        r"\b(?:know|heard|hear) (?:of |about )?(?:anything|something)\b"
        r"(?! (?:about|on|re)\b)",
    ),
    _rule(
        "know",
        _asking,
        r"\b(?:(?:are|is) there|there(?:'s| is| are)|any chance (?:of|that|"
        r"there(?:'s| is| are| might be)))(?: (?:any|an|a|some))? {FILL3}{JOB}",
    ),
    _rule(
        "know",
        _asking,
        r"\b(?:(?:is|are) there )?anything (?:(?:open|going|available|coming up|"
        r"suitable|relevant|fitting)\b(?! on\b)|(?:for|suitable for) (?:me|someone "
        r"like me)\b|(?:at|in|with) (?:your|the) (?:company|firm|team|office|"
        r"department|org\w*|organi[sz]ation|startup|agency|studio|lab)\b)",
    ),
    _rule("know", _asking, r"\bany {FILL2}{JOB}"),
    _rule(
        "know",
        _asking,
        r"\bany (?:paid|freelance|contract|temp|temporary|part-time|extra|casual|"
        r"shift) work\b",
    ),
    # Whether they are hiring: "is your team hiring?", "r u hiring"
    _rule(
        "know",
        _asking,
        r"\b(?:are|is) {SUBJECT} (?:still |currently |by any chance |ever |"
        r"actively |also )?{HIRING}",
    ),
    _rule(
        "know",
        _always,
        r"\b(?:if|whether) {SUBJECT}(?: (?:are|is)|'re|'s) (?:still |currently |"
        r"by any chance |actively )?{HIRING}",
    ),
    _rule(
        "know",
        _asking,
        r"\b(?:who|that)(?:'s|'re| is| are) (?:currently |actively |still |also )?"
        r"{HIRING}",
    ),
    _rule(
        "know",
        _asking,
        r"\b(?:know|heard of|aware of) (?:of )?(?:any(?:one|body)|someone|somebody|"
        r"any (?:companies|firms|places|teams|startups|employers|orgs?|"
        r"organi[sz]ations|agencies|studios|labs)) {HIRING}",
    ),
    # To hear of one: "let me know if something opens up"
    _rule("know", _always, _LET_ME_KNOW + r".{0,120}?" + _WHEN_A_JOB),
    _rule("know", _always, _WHEN_A_JOB + r".{0,120}?" + _LET_ME_KNOW),
    _rule("know", _comes_up, _LET_ME_KNOW + r".{0,120}?{COMES}"),
    _rule("know", _comes_up, r"{COMES}.{0,120}?" + _LET_ME_KNOW),
    _rule("know", _asking_for_me, r"{OPENS}"),
    _rule(
        "know",
        _about_a_job,
        r"\bkeep (?:me|my name|my cv|my resume) (?:in mind|on file|on your radar)\b",
    ),
    _rule(
        "know",
        _about_a_job,
        r"\bkeep (?:an|your|a) (?:eyes?|ears?) (?:out|open|peeled|to the ground)\b",
    ),
    _rule(
        "know",
        _always,
        r"\b(?:send|pass|throw|forward|point) (?:any |some |the )?{FILL2}{JOB}"
        r"(?: [\w'-]+){0,4}? (?:my way|to me|over to me)\b",
    ),
    _rule(
        "know",
        _asking,
        r"\binterested in (?:the |a |an |any |applying for |joining )?"
        r"(?:[\w-]+ ){0,2}?{JOB}",
    ),
    _rule(
        "know",
        _asking,
        r"{JOB}(?: [\w'-]+){0,3}? for (?:me|someone like me|someone with my)\b",
    ),
    # To vouch for the sender: referrals, recommendations, a good word
    _rule(
        "refer",
        _always,
        r"\brefer(?:ring)? me\b(?! to (?:a|an|some|any|someone|somebody|anyone|"
        r"anybody)\b(?!.{0,120}\b(?:hiring|recruit\w*|hr)\b))",
    ),
    _rule(
        "refer",
        _always,
        r"\b(?:recommend|nominate|suggest|put) (?:me|my name|my cv|my resume) "
        r"(?:for\b|forward\b|up for\b|in for\b|to (?:the|your) (?:hiring|"
        r"recruit\w*|hr|talent|people team))",
    ),
    _rule(
        "refer",
        _always,
        r"\bput (?:in )?a (?:good |kind )?word\b|\bput a good word in\b"
        r"|\bsay a good word\b",
    ),
    _rule("refer", _asking, r"\bvouch for me\b"),
    _rule(
        "refer",
        _always,
        r"\b(?:(?:give|get|write|provide|offer|send) me|i(?:'d| would) (?:really )?"
        r"(?:love|like|appreciate|be grateful for)|(?:could|can|may|might) i "
        r"(?:get|have|ask (?:you )?for)|any chance of|possible to get|hoping for|"
        r"ask(?:ing)? (?:you )?for) (?:a|an|your) (?:[\w-]+ )?referrals?\b",
    ),
    _rule("refer", _asking, r"\bmy referral\b|\breferrals? for me\b"),
    _rule(
        "refer",
        _always,
        r"\b(?:list(?:ed)?|nam(?:e|ed)|put|us(?:e|ed)) you (?:down )?as (?:a|my) "
        r"referral\b",
    ),
    _rule(
        "refer",
        _asking,
        r"\bbe (?:referred|recommended|put forward)\b|\bbe considered for\b",
    ),
    _rule(
        "refer",
        _always,
        r"\bconsider (?:me|my application|my cv|my resume|my profile)"
        r"(?: for\b|\s*(?:[?!.]|$))",
    ),
    _rule(
        "refer",
        _for_work,
        r"\b(?:think of|remember|mention|recommend|suggest|nominate) me\b",
    ),
    _rule("refer", _applying, r"\b(?:use|mention|drop|give) your name\b"),
    # To pass the sender's CV on
    _rule(
        "cv",
        _asking,
        r"\b{HAND_ON} (?:on |along )?(?:my|a copy of my|the attached) {DOCUMENT}"
        r"(?: (?:on|along|around|over|across|through|forward|up))? (?:to|with|"
        r"in front of|among)\b(?! (?:you|yourself)\b)",
    ),
    _rule("cv", _asking, r"\b{HAND_ON} (?:along|on) (?:my|a copy of my) {DOCUMENT}"),
    _rule("cv", _asking, r"\b{HAND_ON} my {DOCUMENT} (?:along|on|around|forward)\b"),
    _rule(
        "cv", _in_case, r"\bsend (?:you|yourself) my (?:cv|resume|portfolio|details)\b"
    ),
    # To get the sender the job
    _rule(
        "get",
        _always,
        r"\bget me (?:an? )?(?:interview|job|role|position|internship|foot in the "
        r"door|in (?:at|to|with|the door|front of)|hired|on (?:the|your) (?:team|"
        r"payroll|books))\b",
    ),
    _rule(
        "get",
        _always,
        r"\b(?:help|hook) me (?:up with|get|land|find|secure|into|score|snag)"
        r"(?: (?:an?|some|the))? (?:[\w-]+ ){0,2}?(?:{JOB}|{WORK})",
    ),
    _rule("get", _always, r"\b(?:find|give|offer) me (?:an? |some )?(?:[\w-]+ )?{JOB}"),
    _rule(
        "get",
        _always,
        r"\b(?:introduce|connect|put) me (?:in touch )?(?:to|with) (?:the |your |"
        r"a |an |someone (?:in|on|from) )?(?:hiring managers?|recruiters?|"
        r"recruiting(?: team)?|hr|human resources|talent(?: team| acquisition)?|"
        r"head of (?:recruit\w*|talent|hr))\b",
    ),
    _rule(
        "get",
        _asking,
        r"\b(?:(?:introduce|connect|put|refer) me (?:in touch )?(?:to|with)|"
        r"(?:an )?intro(?:duction)? to|pass (?:my name|me) (?:on |along )?to) "
        r"(?:the |your |a |an |(?:someone|somebody|anyone) (?:in|on|from|who's|"
        r"who is|that's|that is) |whoever (?:[\w-]+ ){0,2}?)?"
        r"(?:[\w-]+ )?(?:hiring|recruit\w*|hr|human resources|talent)\b",
    ),
    _rule(
        "get",
        _asking,
        r"\b(?:to|with|for) (?:whoever|the person|someone|somebody|anyone|the "
        r"people|the folks)(?: [\w'-]+){0,4}? (?:hiring|recruiting|recruitment)\b",
    ),
    _rule(
        "get",
        _in_a_workplace,
        r"\b(?:spot|place|seat|space|room|slot|opening) for (?:[\w-]+ ){0,4}?"
        r"(?:me|like me)\b",
    ),
    _rule(
        "get",
        _asking,
        r"\b(?:room|space|a place|a spot|capacity) (?:on|in|at|within) (?:your|"
        r"the) (?:team|company|firm|department|group|lab|studio|office|org\w*)\b",
    ),
    _rule(
        "get",
        _asking,
        r"\b(?:hire|employ|onboard) me\b|\btake me on\b"
        r"|\bbring me (?:on|in|aboard|onto|into)\b",
    ),
    _rule(
        "get",
        _asking_for_me,
        r"\b(?:use|need|want|take on) (?:someone|somebody|a person|people) like me\b"
        r"|\b(?:get|getting) (?:my|a) foot in the door\b",
    ),
)


def _guarded(s: _Sentence, m: "re.Match[str]") -> bool:
    """Whether the words around a match show it is not an ask after all."""
    lead = max(0, m.start() - GUARD_WINDOW)
    return s.offer or bool(
        _THANKS_FOR.search(s.text, lead, m.start())
        or _NEGATED.search(s.text, lead, m.end())
        or _ADVICE_ABOUT.search(s.text, lead, m.start())
    )


def _first_openings_ask(s: _Sentence) -> tuple[int, int, str] | None:
    """(start, end, family) of the sentence's first openings ask, if any."""
    best: tuple[int, int, str] | None = None
    for rule in _RULES:
        for m in rule.pattern.finditer(s.text):
            if best is not None and m.start() > best[0]:
                break  # nothing later in this rule can come first
            if m.end() == m.start() or _guarded(s, m) or not rule.context(s, m):
                continue
            # The earliest start wins, then the longest match, then rule order.
            if best is None or (m.start(), -m.end()) < (best[0], -best[1]):
                best = (m.start(), m.end(), rule.family)
            break
    return best


# --- Other asks (cold-ask) and small requests (no-request) -------------------

_FAVOUR: Final = re.compile(
    _p(
        # An invitation ("would you like to grab coffee?") is the warm-up
        # itself, not an ask; nor is small talk ("can you believe it").
        r"\b(?:could|can|would|will) you (?!like\b|believe\b|imagine\b|be (?:at|"
        r"there|around|coming|in town|free|up for)\b)\w+"
        r"|\b(?:could|can|may|might) (?:i|we) (?:ask|borrow|pick|get|have|talk|"
        r"chat|speak|call|book|schedule|set up)\b"
        r"|\b(?:your|any|some) (?:advice|tips|thoughts|guidance|pointers|"
        r"suggestions|input|feedback|perspective|insights?|view)\b"
        r"|\bi(?:'d| would) (?:really )?(?:love|like|value|appreciate|welcome) "
        r"(?:your|a|some|any|it if|to (?:get|have|pick|ask|talk|chat|meet|speak|"
        r"hear your))\b"
        r"|\b(?:i was|i'm|i am|just) (?:wondering|hoping) (?:if|whether|you)\b"
        r"|\bwould it be (?:possible|ok|okay|alright)\b"
        r"|\bpick your brain\b|\bask you (?:a|some|for|about)\b"
        r"|\b(?:introduce|connect) me\b|\bput me in touch\b"
        r"|\b(?:a|small|quick) favou?r\b|\bany chance\b|\bplease (?!find\b)\w+"
    )
)
_INVITATION: Final = re.compile(
    _p(
        r"\blet me know\b|\blet(?:'s| us)\b|\b(?:can|could|shall|should) we\b"
        r"|\b(?:are|would) you (?:be )?(?:free|available|open to|around|up for)\b"
        r"|\bdo you have (?:time|a moment|a minute|a few|\d+|ten|fifteen|twenty)\b"
        r"|\b(?:quick|short|brief) (?:call|chat|coffee)\b|\bfancy\b"
    )
)
_SECOND_PERSON: Final = re.compile(
    r"\b(?:you|your|yours|yourself|yourselves|you're|you've|you'd|you'll|y'all)\b"
)
_FIRST_PERSON: Final = re.compile(
    r"\b(?:i|me|my|mine|myself|i'm|i've|i'd|i'll|we|our|us)\b"
)
_THANKS: Final = re.compile(
    r"\b(?:thanks|thank|grateful|gratitude|appreciated?|congrat\w*|kudos)\b"
)


def _first_favour(sentences: Sequence[_Sentence]) -> tuple[int, int] | None:
    """Folded span of the first ask that is neither thanks nor an offer."""
    for s in sentences:
        if s.offer:
            continue
        for m in _FAVOUR.finditer(s.text):
            if not _THANKS_FOR.search(
                s.text, max(0, m.start() - GUARD_WINDOW), m.start()
            ):
                return s.start + m.start(), s.start + m.end()
    return None


# --- Findings ----------------------------------------------------------------

_OPENINGS_MESSAGES: Final = {
    "know": "This asks whether they know of openings, and most people know of "
    "none, so the honest answer is no and the conversation ends there.",
    "refer": "This asks them to refer or recommend you, which stakes their "
    "name on you before they have heard what you are aiming for.",
    "cv": "This asks them to pass your CV on, which turns a conversation into "
    "an errand they may not be placed to run.",
    "get": "This asks them to get you a job, which is something almost nobody "
    "can simply hand out.",
}


def _openings_suggestion(family: str, name: str) -> str:
    who, knows = (name, f"{name} knows") if name else ("them", "they know")
    advice = (
        f"Ask for advice instead: tell {who} what you are aiming for and ask "
        "something like \"I'd value your view on how someone with my background "
        'could move into …; could we talk for 15 minutes?" '
    )
    if family == "refer":
        return advice + (
            f"Once {knows} your work and your goal, an offer to refer you can "
            "come from them."
        )
    return advice + (
        f"Once {knows} your goal, an opening they hear of will bring you to mind."
    )


def _openings(
    sentences: Sequence[_Sentence], folded: _Folded, name: str
) -> list[Finding]:
    """One finding per sentence that asks for openings, at its first ask."""
    findings = []
    for s in sentences:
        found = _first_openings_ask(s)
        if found is not None:
            start, end, family = found
            findings.append(
                Finding(
                    "openings-ask",
                    folded.span(s.start + start, s.start + end),
                    _OPENINGS_MESSAGES[family],
                    _openings_suggestion(family, name),
                )
            )
    return findings


def _cold(
    sentences: Sequence[_Sentence],
    folded: _Folded,
    asks: Sequence[Finding],
    name: str,
) -> list[Finding]:
    """A cold-ask finding at the first ask, if the draft asks anything."""
    spans = [f.span for f in asks]
    favour = _first_favour(sentences)
    if favour is not None:
        spans.append(folded.span(*favour))
    if not spans:
        return []
    return [
        Finding(
            "cold-ask",
            min(spans),
            f"You have not been in touch with {name or 'this person'} for a while, "
            "and this message asks something of them.",
            warm_up_suggestion(name or "them", None),
        )
    ]


def _me_only(
    sentences: Sequence[_Sentence], folded: _Folded, name: str
) -> list[Finding]:
    """A finding over the whole draft when it never turns to the reader."""
    text = folded.text
    if len(_FIRST_PERSON.findall(text)) < ME_ONLY_MIN_FIRST_PERSON:
        return []
    if _SECOND_PERSON.search(text) or _THANKS.search(text):
        return []
    # A question without "I" in it ("How is the new house?") is about them.
    if any(s.question and not _FIRST_PERSON.search(s.text) for s in sentences):
        return []
    return [
        Finding(
            "me-only",
            folded.span(sentences[0].start, sentences[-1].end),
            "The message is all about you: it says nothing about the reader, asks "
            "them nothing and thanks them for nothing.",
            f"Turn part of it towards {name or 'them'}: ask how their work is going, "
            "mention something of theirs you noticed or enjoyed, or thank them for "
            "something they did.",
        )
    ]


def _too_long(
    sentences: Sequence[_Sentence], folded: _Folded, name: str
) -> list[Finding]:
    """A finding from the first word past the limits to the end of the draft."""
    words = list(_WORD.finditer(folded.text))
    counted = [s for s in sentences if len(_WORD.findall(s.text)) >= 3]
    cuts = []
    if len(words) > FIRST_MESSAGE_MAX_WORDS:
        cuts.append(words[FIRST_MESSAGE_MAX_WORDS].start())
    if len(counted) > FIRST_MESSAGE_MAX_SENTENCES:
        cuts.append(counted[FIRST_MESSAGE_MAX_SENTENCES].start)
    if not cuts:
        return []
    return [
        Finding(
            "too-long",
            folded.span(min(cuts), sentences[-1].end),
            f"At {len(words)} words and {len(counted)} sentences this is long for a "
            f"first message; keep it within {FIRST_MESSAGE_MAX_WORDS} words and "
            f"{FIRST_MESSAGE_MAX_SENTENCES} sentences.",
            "Keep three things: who you are, why you are writing to "
            f"{name or 'the reader'} now, and one small request; the rest can wait "
            "for the conversation.",
        )
    ]


def _no_request(sentences: Sequence[_Sentence], folded: _Folded, name: str) -> Finding:
    who = f", {name}" if name else ""
    return Finding(
        "no-request",
        folded.span(sentences[0].start, sentences[-1].end),
        "The message asks for nothing, so the reader has nothing to answer.",
        'End with one small, specific request, such as "Could we talk for 15 '
        f"minutes next week{who}? I'd value your advice on …\"",
    )


def lint(
    text: str,
    *,
    cold: bool = False,
    name: str = "",
    first_message: bool = False,
    outreach: bool = True,
) -> list[Finding]:
    """Findings about a draft message, sorted by where they start.

    `cold` says the tie is cold (see `reciprocity.is_cold_ask`) and `name` is
    the recipient's first name, used in the wording; `first_message` turns
    on the length check; `outreach` (the default) expects a small request,
    so pass False for a thank-you note or a reply.

    >>> text = "Could you pass my CV to HR?"
    >>> [(f.kind, f.span, text[slice(*f.span)]) for f in lint(text)]
    [('openings-ask', (10, 23), 'pass my CV to')]
    >>> [f.kind for f in lint("Could you refer me?", cold=True, name="Ana")]
    ['cold-ask', 'openings-ask']
    >>> [f.kind for f in lint("I moved to Lyon. I started a new job in May.")]
    ['me-only', 'no-request']
    """
    folded = _fold(text)
    sentences = _sentences(folded.text)
    if not any(_WORD.search(s.text) for s in sentences):
        return []
    findings = _openings(sentences, folded, name)
    if cold:
        findings += _cold(sentences, folded, findings, name)
    findings += _me_only(sentences, folded, name)
    if first_message:
        findings += _too_long(sentences, folded, name)
    # An openings ask is a request, if the wrong one: one finding is enough.
    asked = any(f.kind == "openings-ask" for f in findings)
    small_request = any(
        s.question or _FAVOUR.search(s.text) or _INVITATION.search(s.text)
        for s in sentences
    )
    if outreach and not asked and not small_request:
        findings.append(_no_request(sentences, folded, name))
    return sorted(findings, key=lambda f: (f.span[0], KINDS.index(f.kind), f.span[1]))
