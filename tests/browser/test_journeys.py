"""Journeys through the web app, in Chromium, as a person would take them.

This module: finding a person, the navigation, and the machinery itself (a
CSP violation fails a test, unknown addresses get the designed 404). The
other journeys have a module each: test_today_journeys.py (log it, the
cold-ask warning), test_import_journeys.py, test_paths_journeys.py,
test_leads_journeys.py, test_draft_journeys.py, and
test_phone_and_keyboard.py.

The server holds a 300-person demo network (seed 1) on 2026-06-15; see
conftest.py. Every test also fails on a console error, a page exception or
a 5xx response (CSP violations are console errors).
"""

import re

import pytest
from playwright.sync_api import Page, Route, expect

from netlife.core.security import CONTENT_SECURITY_POLICY
from tests.browser.helpers import NAV, PEOPLE_PAGE_SIZE, settled


def test_find_a_person_and_open_them(page: Page):
    page.goto("/people/")
    rows = page.locator("#results tbody tr")
    expect(rows).to_have_count(PEOPLE_PAGE_SIZE)
    expect(page.locator("#result-count")).to_contain_text("300 people")
    # Someone further down the list, so the search has to find them.
    name = rows.nth(PEOPLE_PAGE_SIZE - 3).locator("th a").inner_text().strip()
    # Set on this document only: still there after the search means htmx
    # swapped the results in place instead of loading a new page.
    page.evaluate("window.netlifeJourney = 'same document'")

    with page.expect_request(
        lambda request: (
            "q=" in request.url and request.headers.get("hx-request") == "true"
        )
    ):
        page.get_by_label("Search people").press_sequentially(name, delay=15)

    expect(page.locator("#result-count")).to_contain_text("found")
    expect(page).to_have_url(re.compile(r"/people/\?q="))
    match = page.locator("#results").get_by_role("link", name=name, exact=True)
    expect(match.first).to_be_visible()
    assert 1 <= rows.count() < PEOPLE_PAGE_SIZE
    assert page.evaluate("window.netlifeJourney") == "same document"
    settled(page)  # the last keystroke's search is in, not only an earlier one

    match.first.click()

    expect(page).to_have_url(re.compile(r"/people/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    expect(page.get_by_role("heading", name="Keeping in touch")).to_be_visible()
    expect(page).to_have_title(re.compile(re.escape(name)))


def test_every_page_in_the_navigation_answers(page: Page):
    page.goto("/")
    settled(page)
    nav = page.get_by_role("navigation", name="Main")
    for label, path in NAV:
        link = nav.get_by_role("link", name=label, exact=True)
        with page.expect_navigation() as navigation:
            link.click()
        response = navigation.value
        assert response is not None
        assert response.status == 200, f"{label} answered {response.status}"
        assert page.url.endswith(path)
        expect(link).to_have_attribute("aria-current", "page")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert "Traceback" not in page.content()
        settled(page)  # Today's side cards are in before the next click


def test_a_csp_violation_fails_a_test(page: Page, page_errors: list[str]):
    """The machinery itself: inline style and script on a page are caught."""

    def inline(route: Route) -> None:
        route.fulfill(
            status=200,
            content_type="text/html",
            headers={"Content-Security-Policy": CONTENT_SECURITY_POLICY},
            body=(
                "<!doctype html><title>probe</title>"
                '<p style="color: red">inline style</p>'
                "<script>document.title = 'ran';</script>"
            ),
        )

    page.route("**/csp-probe/", inline)
    page.goto("/csp-probe/")
    page.title()  # a round trip: the console events have arrived

    assert page.title() == "probe"  # the inline script did not run
    assert any("Content Security Policy" in error for error in page_errors)
    page_errors.clear()  # expected here; anywhere else it fails the test


@pytest.mark.parametrize("path", ["/people/999999999/", "/no/such/page/"])
def test_unknown_addresses_get_the_designed_404(
    page: Page, page_errors: list[str], path: str
):
    response = page.goto(path)
    assert response is not None
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("body")).not_to_contain_text("Traceback")
    # The browser reports the 404 itself; nothing else may go wrong.
    assert [e for e in page_errors if "404" not in e] == []
    page_errors.clear()
