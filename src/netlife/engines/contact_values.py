"""Normal forms of names, emails, phones and URLs, for matching and lookups.

Pure functions: the same person typed twice, imported from two files or
looked up on the command line must land on the same normal form.
"""

import functools
import re
import unicodedata
from urllib.parse import unquote, urlsplit

_ORG_SUFFIXES = {
    "inc", "incorporated", "llc", "ltd", "limited", "corp", "corporation", "co",
    "company", "gmbh", "ag", "sa", "sas", "bv", "nv", "plc", "pty", "srl", "oy", "ab",
}  # fmt: skip
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
_SPACES = re.compile(r"\s+")


def clean_text(value: str) -> str:
    """Collapse runs of whitespace and strip control characters."""
    if value.isprintable():  # the common case, and no control character in it
        return _SPACES.sub(" ", value).strip()
    without_controls = "".join(
        ch for ch in value if unicodedata.category(ch)[0] != "C" or ch in "\t\n"
    )
    return _SPACES.sub(" ", without_controls).strip()


def normalize_org_name(name: str) -> str:
    """ "ACME, Inc." → "acme"; used to find one organization under many spellings."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    words = [w for w in _NON_WORD.split(folded) if w]
    while len(words) > 1 and words[-1] in _ORG_SUFFIXES:
        words.pop()
    return " ".join(words)


# A few hundred organizations stand behind tens of thousands of contacts.
@functools.lru_cache(maxsize=4096)
def organization_key(name: str) -> str:
    """What the organization table stores and looks up: the normalized name,
    or the folded name itself when nothing is left after normalizing ("&&")."""
    cleaned = clean_text(name)
    return normalize_org_name(cleaned) or cleaned.casefold()


def normalize_email(email: str) -> str:
    """Lower-case and trim an email address."""
    return email.strip().casefold()


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def looks_like_email(value: str) -> bool:
    """True for something shaped like local@domain.tld (no DNS check)."""
    return bool(_EMAIL.match(value.strip()))


def normalize_phone(phone: str) -> str:
    """Keep the digits and a leading plus: "+1 (555) 010-2000" → "+15550102000"."""
    stripped = phone.strip()
    digits = re.sub(r"\D", "", stripped)
    return ("+" + digits) if stripped.startswith("+") else digits


# An import normalizes each URL twice in a row (as a contact method, then as
# a match key); a small cache answers the second time.
@functools.lru_cache(maxsize=1024)
def normalize_url(url: str) -> str:
    """Compare URLs without scheme, "www.", case of the host, or trailing slash."""
    raw = url.strip()
    try:
        parts = urlsplit(raw if "://" in raw else f"https://{raw}")
    except ValueError:  # e.g. an unbalanced "[" reads as a broken IPv6 host
        return raw.casefold().rstrip("/")
    host = parts.netloc.casefold().removeprefix("www.")
    path = unquote(parts.path).rstrip("/")
    return f"{host}{path}"


def split_full_name(full_name: str) -> tuple[str, str]:
    """A best guess at (given, family) from a full name: first word and last word.

    Imports that carry the parts separately should use those instead.
    """
    words = clean_text(full_name).split(" ")
    if len(words) == 1:
        return words[0], ""
    return words[0], words[-1]
