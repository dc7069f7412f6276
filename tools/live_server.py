"""A real `netlife serve` in a subprocess, on a demo network of its own.

Shared by the browser tests (tests/browser/conftest.py) and the screenshots
command (tools/screenshots.py), so both drive the app exactly as a user runs
it: the console script, waitress, whitenoise, the security headers.

Each server gets its own NETLIFE_HOME (an SQLite file, never a configured
NETLIFE_DATABASE_URL), the pinned day NETLIFE_TODAY, a free port on the
loopback address, and its output in a log file inside that home (a pipe
nobody reads would stall the server once full).
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Final

_SCRIPT = Path(sys.executable).with_name("netlife")
# The console script a user runs; `python -m netlife` where it is not installed.
NETLIFE: Final[list[str]] = (
    [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "netlife"]
)
TODAY: Final = "2026-06-15"
DEMO_PEOPLE: Final = 300
DEMO_SEED: Final = 1
START_BUDGET: Final = 60.0  # seconds; generous for a busy 2-CPU CI machine
STOP_BUDGET: Final = 10.0
DEMO_BUDGET: Final = 300.0
LOG_NAME: Final = "live-server.log"
_READY_PATH: Final = "/static/netlife/css/netlife.css"


class LiveServerError(RuntimeError):
    """The server (or the demo before it) did not start; the message says why."""


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def server_env(
    home: Path, *, today: str = TODAY, base: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The environment of a server on `home`: SQLite, the pinned day, no debug."""
    env = dict(os.environ if base is None else base)
    env["NETLIFE_HOME"] = str(home)
    env["NETLIFE_TODAY"] = today
    env.setdefault("NETLIFE_SECRET_KEY", "live-server-only-secret-key")
    # Always the embedded SQLite default, even in CI's PostgreSQL pass.
    env.pop("NETLIFE_DATABASE_URL", None)
    env.pop("NETLIFE_DEBUG", None)
    env.pop("NETLIFE_ALLOWED_HOSTS", None)
    return env


def load_demo(
    env: Mapping[str, str], *, people: int = DEMO_PEOPLE, seed: int = DEMO_SEED
) -> None:
    """`netlife demo --people N --seed S` into the home that `env` names."""
    try:
        result = subprocess.run(  # noqa: S603  # our own console script
            [*NETLIFE, "demo", "--people", str(people), "--seed", str(seed)],
            env=dict(env),
            capture_output=True,
            text=True,
            timeout=DEMO_BUDGET,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise LiveServerError(
            f"netlife demo --people {people} took longer than {DEMO_BUDGET:.0f}s"
        ) from None
    if result.returncode != 0:
        raise LiveServerError(
            f"netlife demo exited with {result.returncode}: {result.stderr.strip()}"
        )


@dataclass
class LiveServer:
    """A running `netlife serve`; `url("/people/")` gives a full address."""

    process: subprocess.Popen[bytes]
    base_url: str  # no trailing slash: http://127.0.0.1:PORT
    home: Path
    log_path: Path

    def url(self, path: str = "/") -> str:
        return f"{self.base_url}{path}"

    def log(self) -> str:
        """What the server printed so far (stdout and stderr)."""
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return ""

    def stop(self) -> None:
        """SIGTERM (the server finishes its requests), then SIGKILL if it hangs."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=STOP_BUDGET)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310  # http only
            response.read()
    except urllib.error.HTTPError:
        return True  # an HTTP answer of any status: the server is up
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False
    return True


def start_server(home: Path, *, env: Mapping[str, str] | None = None) -> LiveServer:
    """Start `netlife serve` on a free port and return once it answers."""
    home.mkdir(parents=True, exist_ok=True)
    env = server_env(home) if env is None else dict(env)
    log_path = home / LOG_NAME
    port = free_port()
    with log_path.open("ab") as log:
        process = subprocess.Popen(  # noqa: S603  # our own console script
            [*NETLIFE, "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=dict(env),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    server = LiveServer(process, f"http://127.0.0.1:{port}", home, log_path)
    deadline = time.monotonic() + START_BUDGET
    while not _answers(server.url(_READY_PATH)):
        if process.poll() is not None:
            raise LiveServerError(
                f"netlife serve exited early with {process.returncode}: "
                f"{server.log().strip()}"
            )
        if time.monotonic() > deadline:
            server.stop()
            raise LiveServerError(
                f"netlife serve did not answer within {START_BUDGET:.0f}s: "
                f"{server.log().strip()}"
            )
        time.sleep(0.05)
    return server


@contextmanager
def live_server(
    home: Path,
    *,
    people: int = DEMO_PEOPLE,
    seed: int = DEMO_SEED,
    today: str = TODAY,
) -> Iterator[LiveServer]:
    """A server on a fresh demo network in `home`, stopped on exit.

    `home` should be a new, empty folder; people=0 serves an empty network.
    """
    home.mkdir(parents=True, exist_ok=True)
    env = server_env(home, today=today)
    if people:
        load_demo(env, people=people, seed=seed)
    server = start_server(home, env=env)
    try:
        yield server
    finally:
        server.stop()
