import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from netlife.core import serve

LOCAL_HOSTS = ["127.0.0.1", "localhost", "[::1]"]


@pytest.fixture
def restored_loggers() -> Iterator[None]:
    names = ("django.request", "waitress", "waitress.queue")
    saved = {
        name: (
            list(logging.getLogger(name).handlers),
            logging.getLogger(name).propagate,
        )
        for name in names
    }
    yield
    for name, (handlers, propagate) in saved.items():
        logger = logging.getLogger(name)
        for handler in logger.handlers:
            if handler not in handlers:
                handler.close()
        logger.handlers = handlers
        logger.propagate = propagate


def test_binding_to_every_interface_allows_any_host_and_warns(settings, capsys):
    settings.ALLOWED_HOSTS = list(LOCAL_HOSTS)  # restored after the test
    serve._allow_host("0.0.0.0")
    assert settings.ALLOWED_HOSTS == ["*"]
    warning = capsys.readouterr().err
    assert "every network interface" in warning
    assert "no login" in warning


def test_binding_to_an_address_allows_that_host_and_warns(settings, capsys):
    settings.ALLOWED_HOSTS = list(LOCAL_HOSTS)  # restored after the test
    serve._allow_host("192.0.2.10")
    assert "192.0.2.10" in settings.ALLOWED_HOSTS
    assert "127.0.0.1" in settings.ALLOWED_HOSTS
    assert "192.0.2.10" in capsys.readouterr().err


def test_binding_to_loopback_changes_nothing_and_stays_quiet(settings, capsys):
    settings.ALLOWED_HOSTS = list(LOCAL_HOSTS)
    serve._allow_host("127.0.0.1")
    serve._allow_host("localhost")
    assert settings.ALLOWED_HOSTS == LOCAL_HOSTS
    assert capsys.readouterr().err == ""


def test_an_ipv6_address_is_allowed_in_brackets(settings, capsys):
    settings.ALLOWED_HOSTS = list(LOCAL_HOSTS)  # restored after the test
    serve._allow_host("::1")
    assert "[::1]" in settings.ALLOWED_HOSTS
    assert serve._url("::1", 8000) == "http://[::1]:8000/"


def test_a_failing_request_is_one_line_on_the_terminal_and_a_traceback_in_the_log(
    settings, tmp_path: Path, capsys, restored_loggers
):
    settings.NETLIFE_HOME = tmp_path
    serve._route_error_logs()
    try:
        raise ValueError("the detail")
    except ValueError:
        logging.getLogger("django.request").error(
            "Internal Server Error: %s", "/people/1/", exc_info=sys.exc_info()
        )
    err = capsys.readouterr().err
    log_file = tmp_path / serve.LOG_FILE_NAME
    assert err.strip().splitlines() == [
        "Internal Server Error: /people/1/ (ValueError: the detail); "
        f"details are in {log_file}."
    ]
    assert "Traceback" in log_file.read_text(encoding="utf-8")


def test_not_found_pages_are_not_logged(
    settings, tmp_path: Path, capsys, restored_loggers
):
    settings.NETLIFE_HOME = tmp_path
    serve._route_error_logs()
    logging.getLogger("django.request").warning("Not Found: %s", "/favicon.ico")
    assert capsys.readouterr().err == ""
