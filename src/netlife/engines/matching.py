"""Duplicate matching: is this incoming contact someone the network already has?

The same person arrives from LinkedIn, a phone's address book and Google
with their name spelled three ways, a work email in one and a personal one
in another, and a phone number formatted differently each time. Matching
works on normalized keys (`MatchKeys`) in two passes, after the approach
measured in ../shared/notes/performance.md (part C):

1. *Identifiers* decide alone (two different LinkedIn profiles are always
   two people): the same LinkedIn profile, the same source
   id, or the same email or phone (E.164) with names that do not conflict
   are the same person ("sure"). An identifier shared by more than
   `SHARED_LIMIT` people (a role mailbox, a switchboard) proves nothing.
2. *Blocking* keeps fuzzy comparison cheap: only people sharing a block key
   (family name + first initial, given name + organization, email local
   part) are compared, with rapidfuzz. Fuzzy evidence alone never merges:
   a close name at the same organization is a "review" suggestion for the
   user to confirm.

Pure Python over rapidfuzz, phonenumbers and anyascii; no Django.
"""

import functools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Final, Literal

import phonenumbers
from anyascii import anyascii
from rapidfuzz import fuzz, process
from rapidfuzz.distance import JaroWinkler

from netlife.engines.contact_values import normalize_email, organization_key

SHARED_LIMIT: Final = 3  # an identifier on more people than this is not personal
BLOCK_LIMIT: Final = 500  # a bigger block (a very common name) is skipped
REVIEW_NAME: Final = 88  # token-set name similarity for a suggestion
REVIEW_ORG: Final = 85
SURE_PHONE_NAME: Final = 60  # a shared phone needs names at least this alike
CONFLICT_JW: Final = 0.7  # below this on both names, the names conflict

Verdict = Literal["sure", "review"]

_PRONOUNS = re.compile(r"\((?:[a-z]+/)+[a-z]+\)|\b(?:he|she|they)/(?:him|her|them)\b")
_CREDENTIALS = re.compile(
    r",?\s*\b(?:phd|ph\.d\.|mba|cpa|cfa|cfp|md|esq|jr|sr|ii|iii|pmp|aams)\b\.?",
)
_NOT_NAME = re.compile(r"[^a-z\s'-]")
# The ASCII characters the general path drops (Unicode categories S and C).
_ASCII_SYMBOLS = {
    i: None for i in range(128) if unicodedata.category(chr(i))[0] in "SC"
}
_GMAIL = frozenset({"gmail.com", "googlemail.com"})


# Given names repeat across a network, and an import keys every name three
# times (full, given, family): the cache halves the cost of building an index.
@functools.lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """An ASCII, lower-case name without pronouns, credentials or emoji.

    >>> name_key("Zoë Ångström, PhD (she/her) 🍀")
    'zoe angstrom'
    """
    if name.isascii():  # most names: nothing to transliterate
        text = name.translate(_ASCII_SYMBOLS).casefold()
    else:
        # Symbols (emoji, flags, ®) go before transliteration, which would
        # spell them out as words.
        letters = "".join(
            c
            for c in unicodedata.normalize("NFKC", name)
            if unicodedata.category(c)[0] not in "SC"
        )
        text = anyascii(letters).casefold()
    text = _PRONOUNS.sub(" ", text)
    text = _CREDENTIALS.sub(" ", text)
    text = _NOT_NAME.sub(" ", text)
    return " ".join(text.split())


def email_key(email: str) -> str:
    """Lower case; for Gmail also without dots and +tags (Gmail ignores both).

    >>> email_key("Ada.Lovelace+jobs@GMail.com")
    'adalovelace@gmail.com'
    """
    address = normalize_email(email)
    local, _, domain = address.rpartition("@")
    if domain in _GMAIL:
        local = local.split("+", 1)[0].replace(".", "")
        domain = "gmail.com"
    return f"{local}@{domain}" if local else address


def phone_key(phone: str, region: str) -> str:
    """E.164 when the number parses in `region`, else its digits (last 10).

    >>> phone_key("(415) 555-0100", "US"), phone_key("+44 20 7946 0018", "US")
    ('+14155550100', '+442079460018')
    """
    try:
        parsed = phonenumbers.parse(phone, region or None)
        if phonenumbers.is_possible_number(parsed):
            return phonenumbers.format_number(
                parsed, phonenumbers.PhoneNumberFormat.E164
            )
    except phonenumbers.NumberParseException:
        pass
    digits = re.sub(r"\D", "", phone)
    return digits[-10:]


@dataclass(frozen=True, slots=True)
class MatchKeys:
    """One person, or one incoming record, in the forms matching compares."""

    ref: Hashable  # a Person id, or an incoming record's position
    name: str  # name_key of the full name
    given: str
    family: str
    organization: str = ""  # organization_key
    emails: frozenset[str] = frozenset()
    phones: frozenset[str] = frozenset()
    profiles: frozenset[str] = frozenset()  # normalized LinkedIn profile keys
    source_ids: frozenset[str] = frozenset()  # "vcard:<uid>" and the like


def keys_for(
    ref: Hashable,
    *,
    full_name: str,
    given_name: str = "",
    family_name: str = "",
    organization: str = "",
    emails: Iterable[str] = (),
    phones: Iterable[str] = (),
    profiles: Iterable[str] = (),
    source_ids: Iterable[str] = (),
    region: str = "",
) -> MatchKeys:
    """MatchKeys from what a person or record says about itself."""
    name = name_key(full_name)
    parts = name.split()
    given = name_key(given_name) or (parts[0] if parts else "")
    family = name_key(family_name) or (parts[-1] if len(parts) > 1 else "")
    return MatchKeys(
        ref=ref,
        name=name,
        given=given,
        family=family,
        organization=organization_key(organization) if organization else "",
        emails=frozenset(k for e in emails if "@" in (k := email_key(e))),
        phones=frozenset(k for p in phones if len(k := phone_key(p, region)) >= 7),
        profiles=frozenset(p for p in profiles if p),
        source_ids=frozenset(s for s in source_ids if s),
    )


@dataclass(frozen=True, slots=True)
class Match:
    """An incoming record and an existing person who may be the same."""

    incoming: Hashable
    existing: Hashable
    verdict: Verdict
    score: float  # 0..100
    reasons: tuple[str, ...]


def _names_conflict(a: MatchKeys, b: MatchKeys) -> bool:
    """True when both given and family names clearly differ."""
    if not a.name or not b.name:
        return False  # a record with no usable name contradicts nobody
    if not (a.given and b.given and a.family and b.family):
        return fuzz.token_set_ratio(a.name, b.name) < 50
    given = JaroWinkler.similarity(a.given, b.given)
    family = JaroWinkler.similarity(a.family, b.family)
    swapped = max(
        JaroWinkler.similarity(a.given, b.family),
        JaroWinkler.similarity(a.family, b.given),
    )
    return given < CONFLICT_JW and family < CONFLICT_JW and swapped < CONFLICT_JW


def _blocks(keys: MatchKeys) -> set[str]:
    found = set()
    if keys.family and keys.given:
        found.add(f"fi:{keys.family}:{keys.given[0]}")
        found.add(f"fi:{keys.given}:{keys.family[0]}")  # swapped order
    if keys.given and keys.organization:
        found.add(f"go:{keys.given}:{keys.organization}")
    for email in keys.emails:
        local = email.split("@", 1)[0]
        if len(local) >= 4:
            found.add(f"el:{local}")
    if keys.name and " " not in keys.name:
        found.add(f"n:{keys.name}")
    return found


@dataclass
class MatchIndex:
    """The existing people, indexed by identifier and by block."""

    people: dict[Hashable, MatchKeys] = field(default_factory=dict)
    _by_id: dict[str, set[Hashable]] = field(default_factory=lambda: defaultdict(set))
    # Block → {ref: name key}: merging a record's blocks is then a few
    # dict updates, with the names ready for rapidfuzz.
    _by_block: dict[str, dict[Hashable, str]] = field(
        default_factory=lambda: defaultdict(dict)
    )
    # The same blocks holding only people without a LinkedIn profile: the
    # only fuzzy candidates for a record with one (see _other_profiles), so
    # a connections import compares nothing it need not.
    _unprofiled_by_block: dict[str, dict[Hashable, str]] = field(
        default_factory=lambda: defaultdict(dict)
    )

    @classmethod
    def of(cls, people: Iterable[MatchKeys]) -> "MatchIndex":
        index = cls()
        for keys in people:
            index.add(keys)
        return index

    def add(self, keys: MatchKeys) -> None:
        self.people[keys.ref] = keys
        for ident in _identifiers(keys):
            self._by_id[ident].add(keys.ref)
        for block in _blocks(keys):
            self._by_block[block][keys.ref] = keys.name
            if not keys.profiles:
                self._unprofiled_by_block[block][keys.ref] = keys.name

    def find(self, keys: MatchKeys) -> list[Match]:
        """Everyone who may be this record, sure matches first, then by score."""
        found: dict[Hashable, Match] = {}
        for ident in _identifiers(keys):
            holders = self._by_id.get(ident, set())
            if not holders or len(holders) > SHARED_LIMIT:
                continue
            for ref in holders:
                if _other_profiles(keys, self.people[ref]):
                    continue
                match = _identifier_match(keys, self.people[ref], ident)
                if match is not None and _better(match, found.get(ref)):
                    found[ref] = match
        by_block = self._unprofiled_by_block if keys.profiles else self._by_block
        pool: dict[Hashable, str] = {}
        for block in _blocks(keys):
            members = by_block.get(block)
            if members and len(members) <= BLOCK_LIMIT:
                pool.update(members)
        for ref in found:
            pool.pop(ref, None)
        pool.pop(keys.ref, None)
        if not pool or not keys.name:
            return _ranked(found)
        # One C loop scores the names of the whole pool; only those alike
        # enough for a suggestion go on to the full comparison.
        refs = list(pool)
        for _, score, i in process.extract(
            keys.name,
            list(pool.values()),
            scorer=fuzz.token_set_ratio,
            score_cutoff=REVIEW_NAME,
            limit=None,
        ):
            match = _fuzzy_match(keys, self.people[refs[i]], score)
            if match is not None:
                found[refs[i]] = match
        return _ranked(found)


def _ranked(found: dict[Hashable, Match]) -> list[Match]:
    return sorted(
        found.values(),
        key=lambda m: (m.verdict != "sure", -m.score, str(m.existing)),
    )


def _other_profiles(a: MatchKeys, b: MatchKeys) -> bool:
    """Both have LinkedIn profiles and none in common: two people.

    LinkedIn has one profile per person, so two namesakes at one company
    in a connections export are never suggested as one.
    """
    return bool(a.profiles and b.profiles and not a.profiles & b.profiles)


def _identifiers(keys: MatchKeys) -> set[str]:
    return (
        {f"profile:{p}" for p in keys.profiles}
        | {f"source:{s}" for s in keys.source_ids}
        | {f"email:{e}" for e in keys.emails}
        | {f"phone:{p}" for p in keys.phones}
    )


def _better(new: Match, old: Match | None) -> bool:
    return old is None or (new.verdict == "sure" and old.verdict != "sure")


def _identifier_match(a: MatchKeys, b: MatchKeys, ident: str) -> Match | None:
    kind, _, value = ident.partition(":")
    name_score = fuzz.token_set_ratio(a.name, b.name)
    if kind in ("profile", "source"):
        return Match(a.ref, b.ref, "sure", 100.0, (f"same {kind} {value}",))
    if kind == "email":
        if _names_conflict(a, b):
            return Match(
                a.ref, b.ref, "review", name_score, (f"same email {value}",
                "but the names differ")
            )  # fmt: skip
        return Match(a.ref, b.ref, "sure", 100.0, (f"same email {value}",))
    if name_score >= SURE_PHONE_NAME:
        return Match(a.ref, b.ref, "sure", 100.0, (f"same phone {value}",))
    return Match(
        a.ref,
        b.ref,
        "review",
        name_score,
        (f"same phone {value}", "but the names differ"),
    )


def _fuzzy_match(a: MatchKeys, b: MatchKeys, name_score: float) -> Match | None:
    """A doubtful match, given how alike the names are (token-set score)."""
    reasons = [f"names {name_score:.0f}% alike"]
    org_score = 0.0
    if a.organization and b.organization:
        org_score = fuzz.token_set_ratio(a.organization, b.organization)
    same_local = bool(
        {e.split("@")[0] for e in a.emails} & {e.split("@")[0] for e in b.emails}
    )
    if name_score >= REVIEW_NAME and org_score >= REVIEW_ORG:
        reasons.append(f"organizations {org_score:.0f}% alike")
        return Match(
            a.ref, b.ref, "review", (name_score + org_score) / 2, tuple(reasons)
        )
    if name_score >= REVIEW_NAME and same_local:
        reasons.append("same email name at another domain")
        return Match(a.ref, b.ref, "review", name_score, tuple(reasons))
    if name_score >= 97 and (
        org_score >= 60 or not (a.organization and b.organization)
    ):
        return Match(a.ref, b.ref, "review", name_score, tuple(reasons))
    return None
