"""Browser tests: Debian's Chromium, driven by Playwright, against a live server.

Each pytest process (each xdist worker) starts one real `netlife serve` on a
300-person demo network (seed 1, NETLIFE_TODAY=2026-06-15) in a temporary
NETLIFE_HOME, and one headless Chromium; every test gets a fresh browser
context, so cookies and storage never leak between tests. The tests talk to
the server over HTTP only: they need no database fixture, and the server
always uses SQLite, even in CI's PostgreSQL pass (which skips them).

A test fails when its page logs a console error or throws: a Content
Security Policy violation (inline script or style), a missing static file,
a JavaScript exception, an htmx request error, or any 5xx response. A test
that expects one (a 404 page, say) inspects and clears `page_errors`.
"""

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Final

import pytest
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Error,
    Page,
    Playwright,
    Response,
    ViewportSize,
    sync_playwright,
)
from tools.live_server import LiveServer, live_server

CHROMIUM: Final = Path("/usr/bin/chromium")
# Playwright's default is 30 s. A step takes well under a second; 10 s
# leaves room for CI's two CPUs running the rest of the suite alongside.
STEP_TIMEOUT_MS: Final = 10_000
DESKTOP: Final = ViewportSize(width=1280, height=800)

_HERE = Path(__file__).resolve().parent
_ERRORS = pytest.StashKey[list[str]]()


def _skip_reason() -> str | None:
    if os.environ.get("NETLIFE_DATABASE_URL"):
        return (
            "browser tests drive the SQLite default only; they run in the "
            "SQLite pass (NETLIFE_DATABASE_URL is set)"
        )
    if not CHROMIUM.exists():
        return (
            f"Chromium is not installed at {CHROMIUM} "
            "(apt-get install chromium; .ci/run does it)"
        )
    return None


def pytest_collection_modifyitems(
    config: pytest.Config, items: list[pytest.Item]
) -> None:
    """Mark each test in this folder `browser`; skip them all when they cannot run."""
    reason = _skip_reason()
    for item in items:
        if _HERE not in item.path.parents:
            continue
        item.add_marker(pytest.mark.browser)
        if reason:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    """Fail the test (not its teardown) when its page logged an error."""
    result = yield
    errors = item.stash.get(_ERRORS, None)
    page = getattr(item, "funcargs", {}).get("page")
    if errors is not None and isinstance(page, Page) and not page.is_closed():
        # A round trip delivers console events still in flight; a page that
        # went away has nothing more to say.
        with contextlib.suppress(Error):
            page.title()
    if errors:
        lines = "\n".join(f"  - {error}" for error in errors)
        pytest.fail(f"the page logged errors:\n{lines}", pytrace=False)
    return result


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A real `netlife serve` on a 300-person demo network, for this process."""
    with live_server(tmp_path_factory.mktemp("netlife-home")) as running:
        yield running


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """Debian's headless Chromium (never a browser Playwright downloads)."""
    chromium = playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"]
    )
    yield chromium
    chromium.close()


@pytest.fixture
def page_errors(request: pytest.FixtureRequest) -> list[str]:
    """Console errors, page exceptions and 5xx responses of this test's page."""
    errors: list[str] = []
    request.node.stash[_ERRORS] = errors
    return errors


HTMX_CANCELLED = ("htmx:sendAbort", "htmx:afterRequest")


@pytest.fixture
def page(
    browser: Browser, server: LiveServer, page_errors: list[str]
) -> Iterator[Page]:
    """A page in a fresh browser context; relative URLs go to the live server."""
    context = browser.new_context(base_url=server.base_url, viewport=DESKTOP)
    context.set_default_timeout(STEP_TIMEOUT_MS)
    tab = context.new_page()

    def on_console(message: ConsoleMessage) -> None:
        # htmx logs a request it cancelled (the user left the page, or typed
        # again) as two errors; a failed request still shows as sendError,
        # a 4xx as responseError and a 5xx below.
        if message.type == "error" and not message.text.startswith(HTMX_CANCELLED):
            page_errors.append(f"console error on {tab.url}: {message.text}")

    def on_page_error(error: Error) -> None:
        page_errors.append(f"uncaught exception on {tab.url}: {error}")

    def on_response(response: Response) -> None:
        if response.status >= 500:
            page_errors.append(f"{response.status} from {response.url}")

    tab.on("console", on_console)
    tab.on("pageerror", on_page_error)
    tab.on("response", on_response)
    yield tab
    context.close()
