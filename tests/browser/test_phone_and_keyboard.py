"""A phone-sized window, and the keyboard alone.

The phone journey logs a conversation (with whoever is first on the agenda
when it runs) on the server the other modules of this process share.
"""

import re

from playwright.sync_api import Page, expect

from tests.browser.helpers import (
    NAV,
    PHONE,
    agenda_person_id,
    agenda_row,
    expect_status,
    fits_the_width,
    settled,
    shows_focus,
    tab_to,
)


def test_today_and_people_work_on_a_phone(page: Page):
    page.set_viewport_size(PHONE)
    page.goto("/")
    settled(page)  # the side cards are in: they count for the width too
    fits_the_width(page)

    # Every link of the navigation is on screen, none cut off at the side.
    nav = page.get_by_role("navigation", name="Main")
    for label, _path in NAV:
        link = nav.get_by_role("link", name=label, exact=True)
        expect(link).to_be_in_viewport()
        box = link.bounding_box()
        assert box is not None
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], label

    # Log it, with a thumb: the first row's form, as laid out on a phone.
    row = page.locator(".agenda-item").first
    person_id = agenda_person_id(row)
    name = row.get_by_role("heading", level=3).get_by_role("link").inner_text()
    button = row.get_by_role("button", name="Log it")
    button.scroll_into_view_if_needed()
    box = button.bounding_box()
    assert box is not None and box["height"] >= 24, "a button too small to tap"
    button.click()
    expect_status(page, f"by message with {name} today.")
    expect(agenda_row(page, person_id)).to_have_count(0)
    settled(page)
    fits_the_width(page)

    # People: the list and its search fit too.
    nav.get_by_role("link", name="People", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page).to_have_url(re.compile(r"/people/$"))
    fits_the_width(page)
    rows = page.locator("#results tbody tr")
    name = rows.nth(3).locator("th a").inner_text().strip()
    page.get_by_label("Search people").fill(name)
    expect(page.locator("#result-count")).to_contain_text("found")
    match = page.locator("#results").get_by_role("link", name=name, exact=True)
    expect(match.first).to_be_in_viewport()
    settled(page)
    fits_the_width(page)

    # And every other page of the navigation fits the phone as well.
    for label, path in NAV:
        if path in ("/", "/people/"):
            continue
        page.goto(path)
        expect(nav.get_by_role("link", name=label, exact=True)).to_have_attribute(
            "aria-current", "page"
        )
        settled(page)
        fits_the_width(page)


def test_people_by_keyboard_alone(page: Page):
    page.goto("/people/")
    settled(page)
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()

    search = page.get_by_label("Search people")
    tab_to(page, search)
    expect(search).to_be_focused()
    assert shows_focus(search), "the focused search box does not show it"

    first = page.locator("#results tbody tr").first.locator("th a")
    name = first.inner_text().strip()
    presses = tab_to(page, first)
    assert presses > 1  # past the filters, the bulk actions, a row's checkbox
    assert shows_focus(first), "the focused link does not show it"

    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/people/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
