"""Duplicate matching as an importing user meets it: one person, many spellings."""

from collections.abc import Hashable
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from netlife.engines.matching import (
    MatchIndex,
    MatchKeys,
    email_key,
    keys_for,
    name_key,
    phone_key,
)


def person(ref: Hashable, name: str, **kwargs: Any) -> MatchKeys:
    return keys_for(ref, full_name=name, region="US", **kwargs)


ADA = person(
    1, "Ada Lovelace", organization="Analytical Engines Ltd",
    emails=["ada@engines.example"], phones=["+1 415 555 0100"],
    profiles=["linkedin.com/in/ada-lovelace"],
)  # fmt: skip
GRACE = person(2, "Grace Hopper", organization="Navy", emails=["grace@navy.example"])
INDEX = MatchIndex.of([ADA, GRACE])


def verdicts(keys: MatchKeys) -> list[tuple[Hashable, str]]:
    return [(m.existing, m.verdict) for m in INDEX.find(keys)]


def test_the_same_linkedin_profile_is_the_same_person():
    incoming = person(
        "line 2", "A. Lovelace", profiles=["linkedin.com/in/ada-lovelace"]
    )
    assert verdicts(incoming) == [(1, "sure")]


def test_the_same_email_in_another_case_is_the_same_person():
    incoming = person("card 1", "Ada King", emails=["ADA@Engines.example"])
    assert verdicts(incoming) == [(1, "sure")]


def test_a_phone_formatted_differently_is_the_same_number():
    incoming = person("card 2", "Ada Lovelace", phones=["(415) 555-0100"])
    assert verdicts(incoming) == [(1, "sure")]


def test_a_shared_phone_with_a_different_name_is_only_a_suggestion():
    incoming = person("card 3", "Charles Babbage", phones=["415-555-0100"])
    assert verdicts(incoming) == [(1, "review")]


def test_a_shared_email_with_a_conflicting_name_is_only_a_suggestion():
    incoming = person("card 4", "Mary Somerville", emails=["ada@engines.example"])
    assert verdicts(incoming) == [(1, "review")]


def test_a_close_name_at_the_same_organization_is_a_suggestion_never_a_merge():
    incoming = person("line 9", "Ada Lovelace", organization="Analytical Engines")
    (match,) = INDEX.find(incoming)
    assert match.verdict == "review"
    assert any("organizations" in r for r in match.reasons)


def test_swapped_names_and_accents_still_meet():
    index = MatchIndex.of([person(7, "Zoë Ångström", organization="Acme")])
    incoming = person("x", "Angstrom Zoe", organization="ACME, Inc.")
    assert [m.verdict for m in index.find(incoming)] == ["review"]


def test_strangers_do_not_match():
    assert INDEX.find(person("x", "Katherine Johnson", organization="NASA")) == []


def test_a_role_mailbox_shared_by_many_proves_nothing():
    shared = "info@acme.example"
    names = ["Ann Able", "Bob Baker", "Cy Cole", "Di Dunn", "Ed Eves"]
    index = MatchIndex.of(
        person(n, name, emails=[shared]) for n, name in enumerate(names)
    )
    matches = index.find(person("x", "Bob Baker", emails=[shared]))
    assert [m.verdict for m in matches] == ["review"]  # the name, not the mailbox


def test_gmail_ignores_dots_and_tags():
    assert email_key("a.d.a+news@googlemail.com") == email_key("ada@gmail.com")
    assert email_key("a.d.a@example.com") == "a.d.a@example.com"


def test_names_lose_pronouns_credentials_and_emoji():
    assert name_key("Jane Doe, CPA (she/her) 🇺🇦") == "jane doe"
    assert name_key("Nguyễn Văn An") == "nguyen van an"
    assert name_key("Иван Петров") == "ivan petrov"


def test_phone_keys_fall_back_to_digits():
    assert phone_key("+44 20 7946 0018", "US") == "+442079460018"
    assert phone_key("ext. 12", "US") == "12"


names = st.text(min_size=0, max_size=40)


@settings(max_examples=150)
@given(
    name=names,
    email=st.text(max_size=30),
    phone=st.text(max_size=20),
    org=st.text(max_size=30),
)
def test_any_input_is_matched_without_crashing(name, email, phone, org):
    keys = keys_for(
        "x", full_name=name, organization=org, emails=[email], phones=[phone],
        region="US",
    )  # fmt: skip
    for match in INDEX.find(keys):
        assert match.verdict in ("sure", "review")
        assert 0 <= match.score <= 100


@settings(max_examples=100)
@given(name=st.text(min_size=1, max_size=30))
def test_a_person_always_finds_themself_by_email(name):
    me = keys_for(9, full_name=name, emails=["me@self.example"])
    matches = MatchIndex.of([me]).find(
        keys_for("x", full_name=name, emails=["me@self.example"])
    )
    assert [(m.existing, m.verdict) for m in matches] == [(9, "sure")]
