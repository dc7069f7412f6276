"""`netlife serve` as a user runs it: a real server in a real process."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

_SCRIPT = Path(sys.executable).with_name("netlife")
# The console script a user runs; `python -m netlife` where it is not installed.
NETLIFE = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "netlife"]
START_BUDGET = 20.0  # seconds; a fresh database is migrated before serving
STOP_BUDGET = 10.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def serve_env(tmp_path: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "NETLIFE_HOME": str(tmp_path / "home"),
        "NETLIFE_SECRET_KEY": "serve-test-secret-key",
    }
    # Always the embedded SQLite default: never migrate a configured server.
    env.pop("NETLIFE_DATABASE_URL", None)
    env.pop("NETLIFE_DEBUG", None)
    return env


def _get(url: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return (
                response.status,
                response.headers["Content-Type"],
                response.read().decode(),
            )
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read().decode()


@pytest.fixture
def server(serve_env: dict[str, str]) -> Iterator[tuple[subprocess.Popen[str], str]]:
    port = _free_port()
    process = subprocess.Popen(
        [*NETLIFE, "serve", "--port", str(port)],
        env=serve_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_BUDGET
    try:
        while True:
            if process.poll() is not None:
                _, err = process.communicate()
                pytest.fail(
                    f"netlife serve exited early with {process.returncode}: {err}"
                )
            try:
                _get(f"{base}/static/netlife/css/netlife.css")
                break
            except (urllib.error.URLError, ConnectionError):
                if time.monotonic() > deadline:
                    pytest.fail(f"netlife serve did not answer within {START_BUDGET}s")
                time.sleep(0.05)
        yield process, base
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()


def test_serve_answers_with_pages_static_files_and_the_designed_404(server):
    process, base = server

    status, content_type, body = _get(f"{base}/")
    assert status == 200
    assert content_type.startswith("text/html")
    assert "<h1>Today</h1>" in body
    assert "Load a demo network" in body  # a new home starts empty

    status, content_type, body = _get(f"{base}/static/netlife/css/netlife.css")
    assert status == 200
    assert content_type.startswith("text/css")
    assert ".people-table" in body

    status, content_type, _ = _get(f"{base}/static/django_htmx/htmx-2.min.js")
    assert status == 200
    assert "javascript" in content_type

    status, content_type, body = _get(f"{base}/no/such/page/")
    assert status == 404
    assert "This page is not here" in body
    assert "Traceback" not in body

    started = time.monotonic()
    process.send_signal(signal.SIGINT)  # what Ctrl+C sends
    out, err = process.communicate(timeout=STOP_BUDGET)
    assert time.monotonic() - started < STOP_BUDGET
    assert process.returncode == 0, err
    assert f"netlife is serving your network at {base}/ — press Ctrl+C to stop." in out
    assert "netlife stopped." in out
    assert "Traceback" not in err


def test_serve_on_a_port_in_use_says_so_in_one_sentence(serve_env):
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", 0))
        blocker.listen()
        port = blocker.getsockname()[1]
        result = subprocess.run(
            [*NETLIFE, "serve", "--port", str(port)],
            env=serve_env,
            capture_output=True,
            text=True,
            timeout=START_BUDGET,
            check=False,
        )
    assert result.returncode == 1
    assert f"Port {port} on 127.0.0.1 is already in use" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert "serving" not in result.stdout
