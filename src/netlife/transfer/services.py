"""Importing and exporting whole networks in the netlife JSON format.

`import_network` is idempotent and atomic: every object is matched by uid
within the network, so importing the same file twice changes nothing, and a
file with any error writes nothing. `export_network_to_file` writes a file
that `import_network` reads back into an empty network exactly.
"""

import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from django.db import IntegrityError, transaction

from netlife.core.database import refresh_statistics
from netlife.core.errors import ImportFailed, InvalidInput
from netlife.core.progress import Advance, no_progress
from netlife.formats.json_dump import (
    DocumentError,
    check_header,
    parse_document,
)
from netlife.networks.models import Network
from netlife.paths.services import graph_changed
from netlife.relationships.services import refresh_relationships
from netlife.transfer import queries
from netlife.transfer.importing import (
    KINDS,
    ImportResult,
    NetworkImporter,
    field_rules,
)

__all__ = [
    "KINDS",
    "ImportResult",
    "export_network_to_file",
    "import_network",
    "load_json_document",
]


def load_json_document(path: Path) -> Mapping[str, object]:
    """Read a file that should hold a netlife JSON export.

    Raises ImportFailed with one sentence when the file is missing or
    unreadable, is not UTF-8 JSON, or is JSON of another kind.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        reason = (exc.strerror or str(exc)).rstrip(".")
        raise ImportFailed(f"Cannot read {path}: {reason}.") from None
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ImportFailed(
            f"{path} is not a JSON document: it is not UTF-8 text."
        ) from None
    except json.JSONDecodeError as exc:
        raise ImportFailed(
            f"{path} is not a JSON document ({exc.msg} at line {exc.lineno}, "
            f"column {exc.colno})."
        ) from None
    except RecursionError:
        raise ImportFailed(
            f"{path} is not a JSON document this netlife can read."
        ) from None
    try:
        return check_header(document)
    except DocumentError as exc:
        raise ImportFailed(str(exc)) from None


def import_network(
    network: Network,
    document: Mapping[str, object],
    *,
    dry_run: bool = False,
    advance: Advance = no_progress,
) -> ImportResult:
    """Import a netlife JSON document into `network`, atomically and idempotently.

    The whole document is validated first (shape, types, dates, allowed
    values, references to uids in the file or the network, clashes with the
    network's organizations, ties, source ids and active goal); any problem
    raises ImportFailed naming the place, and nothing is written. Then, in
    one transaction, each object is matched by uid: absent ones are created,
    present ones are updated to the file's values when they differ. Objects
    of the network that the file does not mention are left alone. The
    network's timezone is taken from the file; its name is kept.

    With `dry_run`, the same work is done and rolled back, so the result
    says what an import would do. `advance` is told as objects are handled.
    """
    try:
        parsed = parse_document(document, field_rules())
    except DocumentError as exc:
        raise ImportFailed(str(exc)) from None
    importer = NetworkImporter(network, parsed, advance)
    try:
        with transaction.atomic():
            importer.plan()
            importer.apply()
            if dry_run:
                transaction.set_rollback(True)
            else:
                graph_changed(network)  # ties, introductions, people
                refresh_relationships(network)
        if not dry_run and parsed.network is not None:
            network.timezone = parsed.network.timezone
        if not dry_run:
            refresh_statistics()
    except IntegrityError as exc:
        # Validation should have caught every clash; this is the safety net
        # that keeps a database error from escaping as a traceback.
        reason = str(exc).strip().rstrip(".")
        raise ImportFailed(
            f"The file clashes with data in this network ({reason})."
        ) from None
    return importer.result(dry_run=dry_run)


def export_network_to_file(
    network: Network, path: Path, *, advance: Advance = no_progress
) -> dict[str, int]:
    """Write the network's JSON export to `path`, replacing it atomically.

    The document is written to a temporary file beside `path` and renamed
    over it only when complete, so a failed or interrupted export never
    leaves a truncated file. Returns the number of records per section.
    """
    directory = path.parent
    if not directory.is_dir():
        raise InvalidInput(
            f"Cannot write {path}: the folder {directory} does not exist."
        )
    try:
        # mkstemp creates the file readable by its owner only, which suits a
        # file full of personal contact details.
        handle, name = tempfile.mkstemp(
            dir=directory, prefix=f".{path.name}.", suffix=".tmp"
        )
        temporary = Path(name)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                counts = queries.write_network_json(network, out, advance=advance)
                out.flush()
                os.fsync(out.fileno())
            temporary.replace(path)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
    except OSError as exc:
        reason = (exc.strerror or str(exc)).rstrip(".")
        raise InvalidInput(f"Cannot write {path}: {reason}.") from None
    return counts


# The importer: plan with reads only (raising on any problem), then write.
