"""Save a screenshot of every page of the web app under docs/screenshots/.

python tools/screenshots.py                       # docs/screenshots/*.png
python tools/screenshots.py --out /tmp/shots      # somewhere else
python tools/screenshots.py --only today people   # some pages only

Starts a real `netlife serve` on a fresh 300-person demo network (seed 1,
NETLIFE_TODAY=2026-06-15, a temporary NETLIFE_HOME: the same server the
browser tests use, tools/live_server.py), opens each page in Debian's
headless Chromium (/usr/bin/chromium) and saves a full-page PNG at desktop
width (1280 px), plus Today at phone width (390 px) as today-phone.png.
The same seed and day give the same pictures. Exits 1 when a page does not
answer 200 or logs an error (the others are still saved).
"""

import argparse
import re
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Final
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for `tools.`

from playwright.sync_api import Browser, Page, ViewportSize, sync_playwright

from tools.live_server import DEMO_PEOPLE, LiveServer, live_server

ROOT: Final = Path(__file__).resolve().parent.parent
CHROMIUM: Final = Path("/usr/bin/chromium")
DESKTOP: Final = ViewportSize(width=1280, height=800)
PHONE: Final = ViewportSize(width=390, height=844)
TIMEOUT_MS: Final = 15_000
_PERSON_HREF: Final = re.compile(r"^/people/(\d+)/$")
ORG_TRIES: Final = 8  # organizations tried, in the People list's order


@dataclass(frozen=True)
class Shot:
    name: str  # the file is NAME.png
    path: Callable[["Demo"], str]
    viewport: ViewportSize
    prepare: Callable[[Page, "Demo"], None] | None = None


@dataclass(frozen=True)
class Demo:
    """What the shots need to know about the demo network."""

    person_id: int
    organization: str


def _fill_path_search(page: Page, demo: Demo) -> None:
    """Type the organization into the Paths page's search and submit it."""
    box = page.get_by_label(re.compile("organization", re.IGNORECASE))
    if not box.count():  # a single search box for people and organizations
        box = page.locator("main form input[type=search], main form input[type=text]")
    if not box.count() or not demo.organization:
        _say("  paths: no organization box on the page; saved it as it is")
        return
    box.first.fill(demo.organization)
    box.first.press("Enter")
    page.wait_for_load_state("networkidle")


SHOTS: Final = (
    Shot("today", lambda d: "/", DESKTOP),
    Shot("people", lambda d: "/people/", DESKTOP),
    Shot("person", lambda d: f"/people/{d.person_id}/", DESKTOP),
    Shot("paths", lambda d: "/paths/", DESKTOP, _fill_path_search),
    Shot("leads", lambda d: "/leads/", DESKTOP),
    Shot("import", lambda d: "/import/", DESKTOP),
    Shot("review", lambda d: "/review/", DESKTOP),
    Shot("settings", lambda d: "/settings/", DESKTOP),
    Shot("draft", lambda d: f"/people/{d.person_id}/draft/", DESKTOP),
    Shot("today-phone", lambda d: "/", PHONE),
)


def _say(line: str) -> None:
    sys.stdout.write(f"{line}\n")
    sys.stdout.flush()


def _person_ids(page: Page, rows: str) -> list[int]:
    """Ids of the people linked from `rows` (a CSS selector), in page order."""
    hrefs = page.eval_on_selector_all(
        f"{rows} a[href^='/people/']",
        "links => links.map(a => a.getAttribute('href'))",
    )
    ids: list[int] = []
    for href in hrefs:
        found = _PERSON_HREF.match(str(href))
        if found and int(found.group(1)) not in ids:
            ids.append(int(found.group(1)))
    return ids


def organizations(page: Page) -> list[str]:
    """The organizations the People list links to, first page, in its order."""
    page.goto("/people/")
    names = page.eval_on_selector_all(
        "#results a[href*='?org=']", "links => links.map(a => a.textContent.trim())"
    )
    return list(dict.fromkeys(str(name) for name in names if name))


def has_paths(page: Page, organization: str) -> bool:
    """Whether the Paths page finds a way to anyone at `organization`."""
    page.goto(f"/paths/?{urlencode({'org': organization})}")
    return page.locator("main .path").count() > 0


def organization_with_paths(page: Page, *, tries: int = ORG_TRIES) -> str:
    """The first organization on the People list that the Paths page can
    reach through someone ("" when none of the first `tries` can be)."""
    for name in organizations(page)[:tries]:
        if has_paths(page, name):
            return name
    return ""


def discover(browser: Browser, server: LiveServer) -> Demo:
    """Whom to show: the first person on Today's agenda (else the first on the
    People list who has been in touch), and the first organization on the
    People list with a path to it."""
    page = browser.new_page(base_url=server.base_url)
    page.set_default_timeout(TIMEOUT_MS)
    try:
        page.goto("/")
        ids = _person_ids(page, "main .agenda")
        page.goto("/people/")
        ids += _person_ids(
            page, "#results tbody tr:has(td[data-label='Last contact'] time)"
        )
        ids += _person_ids(page, "#results")
        organization = organization_with_paths(page)
    finally:
        page.close()
    if not ids:
        raise SystemExit("The demo network shows no people: is the People page broken?")
    return Demo(person_id=ids[0], organization=organization)


def settle(page: Page) -> None:
    """Wait until the parts a page loads after itself are in: Today's side
    cards, the Person page's "how to reach them" (htmx, `hx-trigger="load"`,
    each replacing itself) and any htmx request still running."""
    page.wait_for_load_state("networkidle")
    page.wait_for_function(
        "() => !document.querySelector('[hx-trigger=load], .htmx-request')"
    )


def take(
    browser: Browser, server: LiveServer, shot: Shot, demo: Demo, out: Path
) -> bool:
    """Save one shot; False (and a line saying why) when the page misbehaved."""
    context = browser.new_context(base_url=server.base_url, viewport=shot.viewport)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    errors: list[str] = []
    page.on(
        "console",
        lambda message: (
            errors.append(message.text) if message.type == "error" else None
        ),
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        response = page.goto(shot.path(demo), wait_until="networkidle")
        status = response.status if response is not None else 0
        if status != 200:
            _say(f"  {shot.name}: {shot.path(demo)} answered {status}; not saved")
            return False
        if shot.prepare is not None:
            shot.prepare(page, demo)
        settle(page)
        # The screenshot comes last: a full-page capture can leave a `style`
        # attribute behind, which htmx would copy into the next swap (and the
        # CSP would reject), so nothing is clicked or typed after it.
        target = out / f"{shot.name}.png"
        page.screenshot(path=target, full_page=True, animations="disabled")
        _say(f"  {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
    finally:
        context.close()
    for error in errors:
        _say(f"  {shot.name}: the page logged an error: {error}")
    return not errors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out",
        type=Path,
        default=ROOT / "docs" / "screenshots",
        help="folder for the PNGs",
    )
    parser.add_argument(
        "--only",
        nargs="+",
        choices=[shot.name for shot in SHOTS],
        metavar="NAME",
        help="only these shots: " + ", ".join(shot.name for shot in SHOTS),
    )
    parser.add_argument("--people", type=int, default=DEMO_PEOPLE, help="demo size")
    args = parser.parse_args()
    if not CHROMIUM.exists():
        _say(f"Chromium is not installed at {CHROMIUM}: apt-get install chromium")
        return 1
    shots = [shot for shot in SHOTS if not args.only or shot.name in args.only]
    out: Path = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)

    with (
        tempfile.TemporaryDirectory(prefix="netlife-screenshots-") as home,
        live_server(Path(home), people=args.people) as server,
        sync_playwright() as driver,
    ):
        browser = driver.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"]
        )
        try:
            demo = discover(browser, server)
            _say(
                f"Serving a {args.people}-person demo at {server.base_url}; "
                f"person {demo.person_id}, organization {demo.organization!r}"
            )
            ok = [take(browser, server, shot, demo, out) for shot in shots]
        finally:
            browser.close()
    _say(f"Saved {sum(ok)} of {len(shots)} screenshots in {out}")
    return 0 if all(ok) else 1


if __name__ == "__main__":
    sys.exit(main())
