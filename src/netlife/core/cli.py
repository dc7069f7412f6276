"""`netlife init` and `netlife serve`: setting up and serving the local network."""

from typing import Annotated

import typer

from netlife.core.database import describe_database
from netlife.core.terminal import JsonFlag, emit_json, stdout


def init(
    json_output: JsonFlag = False,
) -> None:
    """Create the database and your network (safe to run again)."""
    from netlife.networks.services import ensure_local_network

    network = ensure_local_network()
    if json_output:
        emit_json(
            {
                "network_id": network.pk,
                "name": network.name,
                "database": describe_database(),
            }
        )
        return
    stdout().print(f"Your network is ready in the {describe_database()}.")


def serve(
    host: Annotated[
        str, typer.Option(help="Address to listen on.", metavar="HOST")
    ] = "127.0.0.1",
    port: Annotated[
        int, typer.Option(help="Port to listen on.", min=1, max=65535, metavar="N")
    ] = 8000,
) -> None:
    """Open the web app on this machine (http://127.0.0.1:8000/ by default)."""
    from netlife.core.serve import run_server

    run_server(host=host, port=port)


def register(app: typer.Typer) -> None:
    app.command()(init)
    app.command()(serve)
