"""`export FORMAT` and `import FORMAT`: a network to a file and back.

One command per format under each of the two groups; `json` is the lossless
one (everything, by uid, re-importable without duplicates).
"""

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from netlife.core.errors import ImportFailed, InvalidInput
from netlife.core.terminal import (
    JsonFlag,
    emit_json,
    progress_bar,
    stderr,
    stdout,
    warn,
)
from netlife.feeds import queries as feed_queries
from netlife.formats import address_book_csv, linkedin, vcard
from netlife.formats.contact_record import ReadResult
from netlife.formats.json_dump import count_records
from netlife.networks.services import ensure_local_network
from netlife.transfer import contacts, exports, queries, services

export_app = typer.Typer(help="Write your network to a file.", no_args_is_help=True)
import_app = typer.Typer(
    help="Bring people and history in from a file.", no_args_is_help=True
)

DryRunFlag = Annotated[
    bool, typer.Option("--dry-run", help="Say what would change, and change nothing.")
]

# Below this many records an import or export is over before a bar would help.
_PROGRESS_FROM = 5000


def _show_progress(total: int) -> bool:
    return total >= _PROGRESS_FROM and stderr().is_terminal


@export_app.command("json")
def export_json(
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            metavar="FILE",
            help="Write to FILE instead of standard output.",
        ),
    ] = None,
    json_output: Annotated[
        bool,
        typer.Option(
            "--json",
            help="With -o, print what was written as JSON (the export itself is JSON).",
        ),
    ] = False,
) -> None:
    """Export the whole network as one JSON document, re-importable without loss."""
    network = ensure_local_network()
    total = queries.export_size(network)
    with progress_bar("Exporting", total, enabled=_show_progress(total)) as tick:
        if output is None:
            queries.write_network_json(network, sys.stdout, advance=tick)
            return
        counts = services.export_network_to_file(network, output, advance=tick)
    if json_output:
        emit_json({"path": str(output), "counts": counts})
        return
    summary = ", ".join(f"{name}: {count}" for name, count in counts.items() if count)
    stdout().print(
        f"Exported to {output} ({summary or 'an empty network'}).",
        markup=False,
        soft_wrap=True,
    )


OutputOption = Annotated[
    Path | None,
    typer.Option(
        "-o",
        "--output",
        metavar="FILE",
        help="Write to FILE instead of standard output.",
    ),
]


FileJsonFlag = Annotated[
    bool,
    typer.Option(
        "--json", help="With -o, print what was written as JSON (path and counts)."
    ),
]


def _write_output(
    data: bytes,
    output: Path | None,
    summary: str,
    *,
    as_json: bool,
    counts: dict[str, Any] | None = None,
) -> None:
    """The export's bytes to a file (then one line saying so) or to stdout."""
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    try:
        output.write_bytes(data)
    except OSError as exc:
        reason = (exc.strerror or str(exc)).rstrip(".")
        raise InvalidInput(f"Cannot write {output}: {reason}.") from None
    if as_json:
        emit_json({"path": str(output), "bytes": len(data), **(counts or {})})
        return
    stdout().print(f"{summary} to {output}.", markup=False, soft_wrap=True)


def _people_count(n: int) -> str:
    return f"{n} {'person' if n == 1 else 'people'}"


@export_app.command("vcard")
def export_vcard(
    output: OutputOption = None, json_output: FileJsonFlag = False
) -> None:
    """Export everyone as vCard 3.0, which every address book imports."""
    exported = exports.export_vcard(ensure_local_network())
    _write_output(
        exported.data, output, f"Exported {_people_count(exported.people)}",
        as_json=json_output, counts={"people": exported.people},
    )  # fmt: skip


@export_app.command("csv")
def export_csv(
    output: OutputOption = None,
    json_output: FileJsonFlag = False,
    outlook: Annotated[
        bool,
        typer.Option(
            "--outlook", help="Outlook's layout (with a byte-order mark and CRLF)."
        ),
    ] = False,
) -> None:
    """Export everyone as a Google Contacts CSV (or Outlook's, with --outlook)."""
    exported = exports.export_csv(ensure_local_network(), outlook=outlook)
    _write_output(
        exported.data, output, f"Exported {_people_count(exported.people)}",
        as_json=json_output,
        counts={"people": exported.people, "left_out": list(exported.left_out)},
    )  # fmt: skip
    if exported.left_out:
        shown = "; ".join(exported.left_out[:5])
        more = len(exported.left_out) - 5
        warn(
            f"Outlook's CSV has no room for {len(exported.left_out)} values "
            f"(three emails, one phone of each kind): {shown}"
            + (f"; and {more} more." if more > 0 else ".")
            + " `netlife export vcard` keeps them all."
        )


@export_app.command("ics")
def export_ics(output: OutputOption = None, json_output: FileJsonFlag = False) -> None:
    """Export reminders as iCalendar: today's agenda, due dates, follow-ups,
    birthdays (`netlife feed new ics` gives an address to subscribe to)."""
    data = feed_queries.calendar(ensure_local_network())
    _write_output(data, output, "Exported the reminders", as_json=json_output)


@export_app.command("atom")
def export_atom(output: OutputOption = None, json_output: FileJsonFlag = False) -> None:
    """Export today's agenda as an Atom feed (`netlife feed new atom` to subscribe)."""
    data = feed_queries.atom(ensure_local_network())
    _write_output(data, output, "Exported the agenda", as_json=json_output)


@import_app.command("json")
def import_json(
    file: Annotated[
        Path, typer.Argument(help="A file written by `netlife export json`.")
    ],
    dry_run: DryRunFlag = False,
    json_output: JsonFlag = False,
) -> None:
    """Import a netlife JSON export (importing it again changes nothing)."""
    network = ensure_local_network()
    document = services.load_json_document(file)
    total = count_records(document)
    with progress_bar("Importing", total, enabled=_show_progress(total)) as tick:
        result = services.import_network(
            network, document, dry_run=dry_run, advance=tick
        )
    if json_output:
        emit_json(result.to_json())
        return
    _print_result(result)


def _print_result(result: services.ImportResult) -> None:
    console = stdout()
    columns = {
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
        "merged": result.merged,
    }
    kinds = [k for k in services.KINDS if any(counts[k] for counts in columns.values())]
    if kinds:
        table = Table(box=None, pad_edge=False)
        table.add_column("")
        for name in columns:
            table.add_column(name, justify="right")
        for kind in kinds:
            table.add_row(kind, *(str(counts[kind]) for counts in columns.values()))
        console.print(table)
    if result.dry_run:
        console.print("Dry run: nothing was written.")
    elif not kinds:
        console.print("The file holds nothing to import.")
    elif not result.changed:
        console.print("Nothing changed: everything in the file was already here.")


SkipBadFlag = Annotated[
    bool,
    typer.Option(
        "--skip-bad", help="Import what can be read; list the records that cannot."
    ),
]
ImportFile = Annotated[Path, typer.Argument(help="The file to import.", metavar="FILE")]


def _read(path: Path, reader: Callable[[bytes], ReadResult]) -> ReadResult:
    try:
        data = path.read_bytes()
    except OSError as exc:
        reason = (exc.strerror or str(exc)).rstrip(".")
        raise ImportFailed(f"Cannot read {path}: {reason}.") from None
    try:
        return reader(data)
    except ValueError as exc:  # each reader's FormatError says what it expected
        raise ImportFailed(f"{path}: {exc}") from None


def _id_or_new(person_id: int | None) -> str:
    return f"id {person_id}" if person_id is not None else "new"


def _import_records(
    result: ReadResult, source: str, *, dry_run: bool, skip_bad: bool, as_json: bool
) -> None:
    network = ensure_local_network()
    total = len(result.records)
    with progress_bar("Importing", total, enabled=_show_progress(total)) as tick:
        outcome = contacts.import_contacts(
            network, result, source=source, dry_run=dry_run, skip_bad=skip_bad,
            advance=tick,
        )  # fmt: skip
    if as_json:
        emit_json(outcome.to_json())
        return
    console = stdout()
    table = Table(box=None, pad_edge=False)
    for column in ("created", "updated", "unchanged", "merged", "review", "errors"):
        table.add_column(column, justify="right")
    table.add_row(
        *(str(n) for n in (outcome.created, outcome.updated, outcome.unchanged,
                           outcome.merged, len(outcome.review), len(outcome.errors)))
    )  # fmt: skip
    console.print(table)
    for reason, count in outcome.skipped.items():
        console.print(f"Skipped {count} ({reason}).", markup=False)
    talk = outcome.conversations
    if talk.created or talk.unchanged or talk.skipped:
        console.print(
            f"Conversations: {talk.created} new, {talk.unchanged} already here.",
            markup=False,
        )
        for reason, count in talk.skipped.items():
            console.print(f"Skipped {count} ({reason}).", markup=False)
    if outcome.job_changes:
        console.print(
            f"{outcome.job_changes} people changed jobs since the last import: "
            "`netlife agenda` suggests congratulating them.",
            markup=False,
        )
    for item in outcome.review[:20]:
        console.print(
            f"May be the same: {item.name} ({_id_or_new(item.person_id)}) and "
            f"{item.candidate_name} ({_id_or_new(item.candidate_id)}) — "
            f"{'; '.join(item.reasons)}",
            markup=False,
        )
    if len(outcome.review) > 20:
        console.print(
            f"… and {len(outcome.review) - 20} more"
            + (
                "." if outcome.dry_run else ": `netlife merge --review` lists them all."
            ),
            markup=False,
        )
    elif outcome.review and not outcome.dry_run:
        console.print(
            "`netlife merge A B` merges a pair, `merge --not A B` keeps both."
        )
    for error in outcome.errors:
        warn(f"Skipped {error}")
    if outcome.dry_run:
        console.print("Dry run: nothing was written.")


@import_app.command("linkedin")
def import_linkedin(
    file: Annotated[
        Path,
        typer.Argument(
            help="LinkedIn's export .zip, or the Connections.csv in it.",
            metavar="FILE",
        ),
    ],
    dry_run: DryRunFlag = False,
    skip_bad: SkipBadFlag = False,
    json_output: JsonFlag = False,
) -> None:
    """Import your LinkedIn connections (the data export's zip or Connections.csv)."""

    def reader(data: bytes) -> ReadResult:
        if data[:4] == b"PK\x03\x04":
            return linkedin.read_export(data)
        return linkedin.read_connections(data)

    result = _read(file, reader)
    _import_records(
        result, "linkedin", dry_run=dry_run, skip_bad=skip_bad, as_json=json_output
    )


def _address_book_command(
    source: str, reader: Callable[[bytes], ReadResult], help_text: str
) -> None:
    """Register `import SOURCE FILE`, the same options for every address book."""

    def command(
        file: ImportFile,
        dry_run: DryRunFlag = False,
        skip_bad: SkipBadFlag = False,
        json_output: JsonFlag = False,
    ) -> None:
        result = _read(file, reader)
        _import_records(
            result, source, dry_run=dry_run, skip_bad=skip_bad, as_json=json_output
        )

    command.__doc__ = help_text
    import_app.command(source)(command)


_address_book_command(
    "vcard",
    vcard.read_vcards,
    "Import an address book in vCard form (.vcf; versions 2.1, 3.0 and 4.0).",
)
_address_book_command(
    "google",
    address_book_csv.read_google,
    "Import a Google Contacts CSV export (current or legacy layout).",
)
_address_book_command(
    "outlook",
    address_book_csv.read_outlook,
    "Import an Outlook contacts CSV export (desktop or web).",
)


def register(app: typer.Typer) -> None:
    app.add_typer(export_app, name="export")
    app.add_typer(import_app, name="import")
