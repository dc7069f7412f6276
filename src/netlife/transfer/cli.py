"""`export FORMAT` and `import FORMAT`: a network to a file and back.

One command per format under each of the two groups; `json` is the lossless
one (everything, by uid, re-importable without duplicates).
"""

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from netlife.core.terminal import JsonFlag, emit_json, progress_bar, stderr, stdout
from netlife.formats.json_dump import count_records
from netlife.networks.services import ensure_local_network
from netlife.transfer import queries, services

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


def register(app: typer.Typer) -> None:
    app.add_typer(export_app, name="export")
    app.add_typer(import_app, name="import")
