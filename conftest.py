"""The shared cast and helpers for every test: ana, cara, and run_cli.

ana owns the single-user network the CLI and web UI act on; cara has a
network of her own and must never see ana's data.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from typer.testing import CliRunner

from netlife.networks.models import Network


@dataclass(frozen=True)
class CliResult:
    stdout: str
    stderr: str
    exit_code: int

    @property
    def json(self) -> Any:
        return json.loads(self.stdout)


RunCli = Callable[..., CliResult]


@pytest.fixture
def run_cli(db: None) -> RunCli:
    """Run `netlife ARGS...` in-process; returns stdout, stderr and exit code."""
    from netlife.cli import app

    def run(*args: str, input: str | None = None) -> CliResult:
        result = CliRunner().invoke(
            app, list(args), input=input, catch_exceptions=False
        )
        return CliResult(result.stdout, result.stderr, result.exit_code)

    return run


@pytest.fixture
def ana(db: None) -> Network:
    """ana's network: the local single-user network the CLI acts on."""
    from netlife.networks.services import ensure_local_network

    return ensure_local_network()


@pytest.fixture
def cara(db: None) -> Network:
    """cara's network: a stranger's data that ana's commands must never reach."""
    from netlife.networks.services import create_network

    return create_network(owner_username="cara", name="cara's network")
