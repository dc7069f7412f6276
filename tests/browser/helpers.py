"""What the journeys share: the navigation, and a few things a person checks.

Each helper waits the way `expect` does (never a fixed sleep), so a journey
reads as what its person does and sees.
"""

from typing import Final

from playwright.sync_api import Locator, Page, ViewportSize, expect

# The main navigation, in the order base.html lists it: label, path.
NAV: Final = (
    ("Today", "/"),
    ("People", "/people/"),
    ("Paths", "/paths/"),
    ("Leads", "/leads/"),
    ("Import", "/import/"),
    ("Review", "/review/"),
    ("Settings", "/settings/"),
)
PEOPLE_PAGE_SIZE: Final = 50
PHONE: Final = ViewportSize(width=390, height=844)
# Enough presses of Tab to cross the header, the filters and the bulk
# actions of the People page; a page needing more is hard to use by keyboard.
MAX_TABS: Final = 40


def settled(page: Page) -> None:
    """Wait for what the page loads after itself (htmx `hx-trigger="load"`
    slots: Today's side cards, the Person page's "how to reach them") and
    for any htmx request in flight.

    Call it before leaving a page: navigating away aborts a request still
    running, and htmx reports that as console errors (htmx:sendAbort), which
    fail the test. A person reading the page would not have left that fast.
    """
    page.wait_for_function(
        "() => !document.querySelector('[hx-trigger=load], .htmx-request')"
    )


def fits_the_width(page: Page) -> None:
    """Nothing sticks out sideways: the page never scrolls horizontally."""
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth]"
    )
    scroll_width, inner_width = widths
    assert scroll_width <= inner_width, (
        f"{page.url} scrolls sideways at {inner_width} px: "
        f"its content is {scroll_width} px wide"
    )


def is_focused(locator: Locator) -> bool:
    return bool(locator.evaluate("element => element === document.activeElement"))


def shows_focus(locator: Locator) -> bool:
    """The element has the keyboard focus and draws its focus ring."""
    return bool(
        locator.evaluate(
            "element => element === document.activeElement"
            " && element.matches(':focus-visible')"
            " && getComputedStyle(element).outlineStyle !== 'none'"
        )
    )


def tab_to(page: Page, target: Locator, *, presses: int = MAX_TABS) -> int:
    """Press Tab until `target` has the focus; how many presses it took."""
    for press in range(1, presses + 1):
        page.keyboard.press("Tab")
        if is_focused(target):
            return press
    focused = page.evaluate(
        "() => document.activeElement && document.activeElement.outerHTML.slice(0, 120)"
    )
    raise AssertionError(
        f"{presses} presses of Tab never reached {target}; the focus is on {focused}"
    )


def agenda_row(page: Page, person_id: int) -> Locator:
    """Today's agenda row of one person."""
    return page.locator(f"#agenda-{person_id}")


def agenda_person_id(row: Locator) -> int:
    """The person an agenda row is about, from its id (agenda-<person id>)."""
    row_id = row.get_attribute("id") or ""
    assert row_id.startswith("agenda-"), f"an agenda row without its id: {row_id!r}"
    return int(row_id.removeprefix("agenda-"))


def expect_status(page: Page, text: str) -> None:
    """The page says what just happened, in a status region."""
    expect(page.get_by_role("status").filter(has_text=text)).to_be_visible()
