"""`netlife serve`: the web UI under waitress, a production WSGI server.

waitress is pure Python and runs the same on Linux, macOS and Windows, so a
laptop install needs no compiler and no reverse proxy. Before it listens,
the database is brought up to date and Django's system checks run, so a
broken configuration fails with one sentence instead of a page of errors.
"""

import errno
import logging
import logging.handlers
import socket
import sys
import warnings
from pathlib import Path
from typing import Any, NoReturn

from django.conf import settings
from django.core import checks
from django.db import DatabaseError, connection

from netlife.core import terminal
from netlife.core.database import prepare_database, refresh_statistics
from netlife.core.errors import Conflict, NetlifeError

THREADS = 6
LOG_FILE_NAME = "netlife-serve.log"
_WILDCARD_HOSTS = {"0.0.0.0", "::", ""}  # noqa: S104  # the hosts that mean "everywhere"


def run_server(*, host: str, port: int) -> None:
    """Serve the web UI on host:port until Ctrl+C (or SIGTERM) stops it.

    Migrates the database on first use and runs the system checks first.
    Binding to anything but the loopback address allows that host name in
    requests and warns on stderr that other machines can reach the data.
    Raises Conflict when the port is taken and NetlifeError when the address
    cannot be used or a system check fails. Request errors never reach the
    terminal as tracebacks: the browser gets the designed 500 page and the
    terminal one line naming the log file that holds the details.
    """
    if not 0 <= port <= 65535:
        raise NetlifeError(f"The port must be between 1 and 65535, got {port}.")
    prepare_database()
    _refresh_planner_statistics()
    _run_system_checks()

    # Importing the WSGI module builds the middleware chain; whitenoise warns
    # when STATIC_ROOT is missing, which is the normal case here because the
    # files are served straight from the package (WHITENOISE_USE_FINDERS).
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="No directory at")
        from netlife.config.wsgi import application

    # After the WSGI import: django.setup() re-applies settings.LOGGING.
    _route_error_logs()
    settle_the_heap()
    server = _create_server(application, host=host, port=port)
    # Only once the address is ours: no warning about a server that never ran.
    _allow_host(host)
    url = _url(host, _bound_port(server, port))
    terminal.stdout().print(
        f"netlife is serving your network at {url} — press Ctrl+C to stop.",
        markup=False,
        soft_wrap=True,
    )
    sys.stdout.flush()
    _stop_on_sigterm()
    # waitress's loop returns (after finishing the requests in flight) when
    # KeyboardInterrupt or SystemExit interrupts it.
    server.run()
    terminal.stdout().print("netlife stopped.", markup=False)


def settle_the_heap() -> None:
    """Load the chart library now and keep start-up's objects out of GC.

    Once Django and matplotlib are loaded the process holds ~136k objects,
    and a full collection walking them all cost 60-90 ms on about half of
    the requests to the Leads and Review pages. Frozen, they are skipped;
    loaded here, the first chart a user asks for does not pay the import.
    """
    import gc

    import netlife.review.charts  # noqa: F401  # imports matplotlib

    gc.collect()
    gc.freeze()


def _refresh_planner_statistics() -> None:
    # A database filled by an older version, or by hand, may have no
    # statistics; without them a person page scans the whole network.
    try:
        refresh_statistics(wait_ms=500)  # never wait out a long import
    except DatabaseError:
        pass  # serve anyway; pages are only slower
    finally:
        connection.close()


def _run_system_checks() -> None:
    problems = [message for message in checks.run_checks() if not message.is_silenced()]
    for message in problems:
        if not message.is_serious():
            terminal.warn(f"{message.msg} ({message.id})")
    serious = [message for message in problems if message.is_serious()]
    if serious:
        details = "; ".join(f"{message.msg} ({message.id})" for message in serious)
        raise NetlifeError(f"netlife is not configured correctly: {details}")


def _allow_host(host: str) -> None:
    allowed: list[str] = list(settings.ALLOWED_HOSTS)
    if host in _WILDCARD_HOSTS:
        terminal.warn(
            "netlife is listening on every network interface and has no login "
            "yet: anyone who can reach this computer can read and change your "
            "network. Use --host 127.0.0.1 unless you mean it."
        )
        allowed = ["*"]
    elif not _is_loopback(host):
        terminal.warn(
            f"netlife is listening on {host} and has no login yet: anyone who "
            "can reach that address can read and change your network."
        )
    name = f"[{host}]" if ":" in host else host
    if "*" not in allowed and name not in allowed:
        allowed.append(name)
    settings.ALLOWED_HOSTS = allowed


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return False
    return all(
        str(info[4][0]).startswith("127.") or info[4][0] == "::1" for info in infos
    )


class _OneLineHandler(logging.Handler):
    """Tells the terminal a request failed, in one line and without a traceback."""

    def __init__(self, log_file: Path | None) -> None:
        super().__init__(level=logging.WARNING)
        self.log_file = log_file

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage().splitlines()[0] if record.msg else ""
            if record.exc_info and record.exc_info[1] is not None:
                exc = record.exc_info[1]
                reason = (str(exc).splitlines() or [""])[0]
                message += f" ({type(exc).__name__}: {reason})"
            if self.log_file is not None and record.exc_info:
                message += f"; details are in {self.log_file}"
            sys.stderr.write(f"{message.rstrip('.')}.\n")
            sys.stderr.flush()
        except Exception:  # logging must never break a request
            self.handleError(record)


def _route_error_logs() -> Path | None:
    """Send request errors to a log file, and one line each to stderr."""
    log_file: Path | None = None
    handlers: list[logging.Handler] = []
    try:
        settings.NETLIFE_HOME.mkdir(parents=True, exist_ok=True)
        path = settings.NETLIFE_HOME / LOG_FILE_NAME
        file_handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
        file_handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
        )
        file_handler.setLevel(logging.WARNING)
        handlers.append(file_handler)
        log_file = path
    except OSError:
        pass  # a read-only home still gets the one-line messages
    handlers.append(_OneLineHandler(log_file))
    # django.request logs 404s as warnings; only server errors are news.
    for name, level in (
        ("django.request", logging.ERROR),
        ("waitress", logging.WARNING),
    ):
        logger = logging.getLogger(name)
        logger.handlers = list(handlers)
        logger.setLevel(level)
        logger.propagate = False
    # "Task queue depth is 2" is waitress telling an operator to add threads;
    # on a laptop a brief queue is normal.
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    return log_file


def _create_server(application: Any, *, host: str, port: int) -> Any:
    from waitress.server import create_server

    try:
        return create_server(
            application,
            host=host,
            port=port,
            threads=THREADS,
            ident="netlife",
            expose_tracebacks=False,
            clear_untrusted_proxy_headers=True,
        )
    except OSError as exc:
        _address_error(exc, host, port)
    except ValueError as exc:  # waitress rejects some host strings this way
        raise NetlifeError(f"Cannot listen on {host!r}: {exc}.") from None


def _address_error(exc: OSError, host: str, port: int) -> NoReturn:
    if exc.errno == errno.EADDRINUSE:
        raise Conflict(
            f"Port {port} on {host} is already in use: stop the program using "
            "it, or choose another port with --port."
        ) from None
    if exc.errno in (errno.EACCES, errno.EPERM):
        raise NetlifeError(
            f"Not allowed to listen on port {port}: choose a port above 1023 "
            "with --port."
        ) from None
    if isinstance(exc, socket.gaierror) or exc.errno == errno.EADDRNOTAVAIL:
        raise NetlifeError(
            f"Cannot listen on {host!r}: it is not an address of this computer."
        ) from None
    reason = exc.strerror or str(exc)
    raise NetlifeError(f"Cannot listen on {host} port {port}: {reason}.") from None


def _bound_port(server: Any, requested: int) -> int:
    if requested:
        return requested
    # Port 0 asks the operating system for a free port; report the real one.
    listen = getattr(server, "effective_listen", None)
    if listen:
        return int(listen[0][1])
    return int(server.effective_port)


def _url(host: str, port: int) -> str:
    if host in _WILDCARD_HOSTS:
        host = "127.0.0.1"
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}/"


def _stop_on_sigterm() -> None:
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
