"""Typed readers for the NETLIFE_* environment variables.

Every knob in settings goes through these helpers so that an ambiguous value
("yes", "2x") is rejected loudly at start-up instead of silently defaulting.
"""

import os
from pathlib import Path
from typing import overload

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:  # noqa: FBT001
    """Read a boolean; accepts 1/0, true/false, yes/no, on/off."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name} must be a boolean (1/0, true/false), got {raw!r}."
    )


@overload
def env_int(name: str, default: int) -> int: ...
@overload
def env_int(name: str, default: None = None) -> int | None: ...
def env_int(name: str, default: int | None = None) -> int | None:
    """Read an integer, or return the default when the variable is unset."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(
            f"{name} must be a whole number, got {raw!r}."
        ) from None


@overload
def env_str(name: str, default: str) -> str: ...
@overload
def env_str(name: str, default: None = None) -> str | None: ...
def env_str(name: str, default: str | None = None) -> str | None:
    """Read a string; an empty value counts as unset."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return raw


def env_path(name: str, default: Path) -> Path:
    """Read a filesystem path, expanding `~`."""
    raw = env_str(name)
    return Path(raw).expanduser() if raw else default


def env_secret(name: str) -> str | None:
    """Read a secret from NAME or from the file named by NAME_FILE."""
    direct = env_str(name)
    if direct:
        return direct
    file_name = env_str(f"{name}_FILE")
    if file_name:
        return Path(file_name).read_text(encoding="utf-8").strip()
    return None
