"""Import files kept between their preview and the user's go-ahead.

An upload is stored under NETLIFE_HOME/uploads as two files named by a
random token: the bytes, and a small JSON note saying whose it is (the
network), what kind of file it is and the name the browser gave it. A
request names an upload by its token only, which must match
`TOKEN_PATTERN` and belong to the acting network, so no path ever comes
from the user. Uploads are removed after their import, when the user
cancels, and (any left behind) `STALE_AFTER` after they were made.
"""

import json
import os
import re
import secrets
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

from django.conf import settings

from netlife.core.errors import InvalidInput, NotFound
from netlife.networks.models import Network

TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{32}")
STALE_AFTER = 24 * 60 * 60  # seconds: a preview nobody confirmed within a day
_DATA = ".upload"
_NOTE = ".json"
_NAME_MAX = 200


@dataclass(frozen=True, slots=True)
class Upload:
    """A stored upload: whose it is, its kind and the name to show for it."""

    token: str
    network_id: int
    kind: str
    name: str
    size: int
    uploaded_at: float  # seconds since the epoch

    @property
    def path(self) -> Path:
        """Where the bytes are (never shown to the user)."""
        return upload_dir() / f"{self.token}{_DATA}"


def upload_dir() -> Path:
    """The folder holding uploads, under NETLIFE_HOME."""
    return Path(settings.NETLIFE_HOME) / "uploads"


def display_name(name: str) -> str:
    """The browser's file name reduced to its last part, for showing only."""
    base = PureWindowsPath(PurePosixPath(name).name).name
    cleaned = "".join(ch for ch in base if ch.isprintable()).strip()
    return cleaned[:_NAME_MAX] or "the file"


def save_upload(
    network: Network, chunks: Iterable[bytes], *, kind: str, name: str
) -> Upload:
    """Store an uploaded file for `network`; returns the upload and its token.

    The files are readable by their owner only (they hold contact details).
    Stale uploads of earlier previews are removed first. Raises InvalidInput
    when the folder cannot be written.
    """
    remove_stale()
    directory = upload_dir()
    token = secrets.token_urlsafe(24)
    data = directory / f"{token}{_DATA}"
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle = os.open(data, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        size = 0
        with os.fdopen(handle, "wb") as out:
            for chunk in chunks:
                out.write(chunk)
                size += len(chunk)
        upload = Upload(
            token=token,
            network_id=network.pk,
            kind=kind,
            name=display_name(name),
            size=size,
            uploaded_at=time.time(),
        )
        _write_note(upload)
    except OSError as exc:
        delete_upload(token)
        reason = (exc.strerror or str(exc)).rstrip(".")
        raise InvalidInput(
            f"netlife could not keep the file for its preview ({reason})."
        ) from None
    return upload


def _write_note(upload: Upload) -> None:
    note = upload_dir() / f"{upload.token}{_NOTE}"
    handle = os.open(note, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump(
            {
                "network": upload.network_id,
                "kind": upload.kind,
                "name": upload.name,
                "size": upload.size,
                "uploaded_at": upload.uploaded_at,
            },
            out,
        )


def get_upload(network: Network, token: str) -> Upload:
    """The network's upload with this token; raises NotFound otherwise.

    A token of another shape, another network's upload, a stale one and one
    already imported or cancelled are all simply not found.
    """
    missing = NotFound("That upload is gone: it was imported, cancelled or expired.")
    if not TOKEN_PATTERN.fullmatch(token):
        raise missing
    try:
        note = json.loads(
            (upload_dir() / f"{token}{_NOTE}").read_text(encoding="utf-8")
        )
        upload = Upload(
            token=token,
            network_id=int(note["network"]),
            kind=str(note["kind"]),
            name=str(note["name"]),
            size=int(note["size"]),
            uploaded_at=float(note["uploaded_at"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        raise missing from None
    if upload.network_id != network.pk or not upload.path.is_file():
        raise missing
    if upload.uploaded_at < time.time() - STALE_AFTER:
        delete_upload(token)
        raise missing
    return upload


def read_upload(upload: Upload) -> bytes:
    """The upload's bytes; raises NotFound when the file has gone meanwhile."""
    try:
        return upload.path.read_bytes()
    except OSError:
        raise NotFound("That upload is gone: it was imported or cancelled.") from None


def delete_upload(token: str) -> None:
    """Remove an upload's files (nothing happens when they are gone)."""
    if not TOKEN_PATTERN.fullmatch(token):
        return
    for suffix in (_DATA, _NOTE):
        (upload_dir() / f"{token}{suffix}").unlink(missing_ok=True)


def remove_stale(now: float | None = None) -> int:
    """Remove uploads older than STALE_AFTER; returns how many files went."""
    cutoff = (time.time() if now is None else now) - STALE_AFTER
    removed = 0
    try:
        entries = list(upload_dir().iterdir())
    except OSError:
        return 0
    for entry in entries:
        if entry.suffix not in (_DATA, _NOTE) or not TOKEN_PATTERN.fullmatch(
            entry.stem
        ):
            continue
        try:
            if entry.stat().st_mtime < cutoff:
                entry.unlink()
                removed += 1
        except OSError:
            continue  # removed by a concurrent request
    return removed
