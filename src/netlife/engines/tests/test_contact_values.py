from hypothesis import given
from hypothesis import strategies as st

from netlife.engines.contact_values import (
    clean_text,
    looks_like_email,
    normalize_email,
    normalize_org_name,
    normalize_phone,
    normalize_url,
    organization_key,
    split_full_name,
)


def test_organization_spellings_meet():
    assert normalize_org_name("ACME, Inc.") == normalize_org_name("Acme") == "acme"
    assert normalize_org_name("Analytical Engines Ltd") == "analytical engines"
    assert normalize_org_name("Co") == "co"  # a name that is only a suffix stays


def test_emails_fold_case_and_space():
    assert normalize_email("  Ada@Example.COM ") == "ada@example.com"
    assert looks_like_email("ada@example.com")
    assert not looks_like_email("ada@example")
    assert not looks_like_email("ada example.com")


def test_phones_keep_digits_and_a_leading_plus():
    assert normalize_phone("+1 (555) 010-2000") == "+15550102000"
    assert normalize_phone("020 7946 0000") == "02079460000"


def test_urls_compare_without_scheme_www_or_trailing_slash():
    assert (
        normalize_url("https://www.linkedin.com/in/ada-lovelace/")
        == normalize_url("linkedin.com/in/ada-lovelace")
        == "linkedin.com/in/ada-lovelace"
    )
    assert (
        normalize_url("https://www.linkedin.com/in/j%C3%BCrgen")
        == "linkedin.com/in/jürgen"
    )


def test_full_names_split_into_first_and_last_words():
    assert split_full_name("Ada  King Lovelace") == ("Ada", "Lovelace")
    assert split_full_name("Cher") == ("Cher", "")


@given(st.text())
def test_clean_text_is_idempotent_and_trimmed(text):
    once = clean_text(text)
    assert clean_text(once) == once
    assert once == once.strip()


@given(st.text())
def test_org_normalization_is_idempotent(name):
    once = normalize_org_name(name)
    assert normalize_org_name(once) == once


@given(st.text())
def test_url_normalization_never_fails(url):
    assert isinstance(normalize_url(url), str)


def test_organization_keys_never_come_out_empty():
    assert organization_key("ACME, Inc.") == "acme"
    assert organization_key("  &&  ") == "&&"


@given(st.text())
def test_organization_key_is_stable(name):
    key = organization_key(name)
    assert organization_key(name) == key
    assert bool(key) == bool(clean_text(name))
