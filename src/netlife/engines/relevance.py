"""Goal relevance: how much a contact has to do with what the user is looking for.

A goal such as "an engineering or product leadership role at a climate-tech
company" becomes its terms (engineering, product, leadership, climate, tech);
the words of every job search ("role", "company", "looking") carry no signal
and are dropped. A person is relevant in proportion to the share of terms
found in their organization's name or industry, their title or their tags.
Matching is by word start, case- and accent-insensitive, so "Product" in a
title matches "product" and "tech" matches "TechCorp", while "art" does not
match "Stuttgart".
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

MIN_TERM_LENGTH: Final = 3
MAX_TERMS: Final = 8
# Words that say "I want a job" rather than which one.
NOISE_WORDS: Final = frozenset(
    """
    a an and any as at by for from in into of on or the to with within
    role roles job jobs position positions opening openings opportunity
    opportunities work working career company companies firm firms
    organization organisation team teams looking find finding new next
    senior junior lead head level based remote hybrid full time part
    """.split()  # noqa: SIM905 - a word list reads better as prose
)
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def fold(text: str) -> str:
    """Lower-case and strip accents, so "Énergie" and "energie" compare equal."""
    if text.isascii():  # the common case, ten times faster
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def goal_terms(goal_text: str) -> tuple[str, ...]:
    """The words of a goal that say what it is about, in order, without repeats.

    >>> goal_terms("An engineering or product role at a climate-tech company")
    ('engineering', 'product', 'climate', 'tech')
    """
    seen: dict[str, None] = {}
    for word in _WORD.findall(fold(goal_text)):
        if len(word) >= MIN_TERM_LENGTH and word not in NOISE_WORDS:
            seen.setdefault(word, None)
    return tuple(seen)[:MAX_TERMS]


@dataclass(frozen=True, slots=True)
class Relevance:
    """The share of goal terms a person matches (0..1) and which ones."""

    score: float
    matched: tuple[str, ...]


def _word_starts(texts: Iterable[str]) -> list[str]:
    return [w for text in texts for w in _WORD.findall(fold(text))]


def relevance(terms: tuple[str, ...], texts: Iterable[str]) -> Relevance:
    """How relevant someone described by `texts` is to a goal with `terms`.

    >>> relevance(("climate", "product"), ["Product Manager", "ClimateWorks"])
    Relevance(score=1.0, matched=('climate', 'product'))
    >>> relevance(("art",), ["Stuttgart"]).score
    0.0
    """
    if not terms:
        return Relevance(0.0, ())
    words = _word_starts(texts)
    matched = tuple(t for t in terms if any(w.startswith(t) for w in words))
    return Relevance(round(len(matched) / len(terms), 4), matched)
