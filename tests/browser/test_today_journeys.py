"""Today: log a conversation and see the agenda change; the cold-ask warning.

These journeys write (an interaction each) to the server the other modules
of this process share. Each one takes whoever is on the agenda when it runs
and asserts only on that person, so they hold in any order.
"""

import re

from playwright.sync_api import Page, expect

from tests.browser.helpers import (
    agenda_person_id,
    agenda_row,
    expect_status,
    settled,
)


def test_log_a_conversation_from_today_and_the_agenda_changes(page: Page):
    page.goto("/")
    rows = page.locator(".agenda-item")
    expect(rows.first).to_be_visible()
    row = rows.first
    person_id = agenda_person_id(row)
    name = row.get_by_role("heading", level=3).get_by_role("link").inner_text()
    settled(page)  # the side cards are in; the swap below replaces them
    # Set on this document only: still there after logging means htmx
    # swapped the agenda in place instead of loading a new page.
    page.evaluate("window.netlifeJourney = 'same document'")

    form = row.get_by_role("form", name=f"Log a conversation with {name}")
    form.get_by_label("What was it?").select_option(label="give something useful")
    form.get_by_label("Note").fill("Sent them the report on grid storage")
    form.get_by_role("button", name="Log it").click()

    expect_status(page, f"Logged a give by message with {name} today.")
    expect(agenda_row(page, person_id)).to_have_count(0)
    expect(page.get_by_role("heading", name="Who to reach today")).to_be_visible()
    expect(rows.first).to_be_visible()  # the next person moved up
    # Focus follows the change, to the sentence that says what happened.
    expect(page.locator("#today-status")).to_be_focused()
    assert page.evaluate("window.netlifeJourney") == "same document"

    settled(page)
    page.reload()
    expect(rows.first).to_be_visible()
    expect(agenda_row(page, person_id)).to_have_count(0)
    settled(page)
    page.goto(f"/people/{person_id}/")
    latest = page.locator(".timeline__item").first
    expect(latest.locator("time")).to_have_attribute("datetime", "2026-06-15")
    expect(latest).to_contain_text("give")
    expect(latest).to_contain_text("Sent them the report on grid storage")


def test_an_ask_to_a_cold_tie_is_warned_before_anything_is_logged(page: Page):
    page.goto("/")
    # Overdue: not in touch within their cadence, so the tie has gone cold.
    overdue_rows = page.locator(".agenda-item").filter(
        has=page.locator(".badge--overdue")
    )
    row = overdue_rows.first
    expect(row).to_be_visible()
    person_id = agenda_person_id(row)
    name = row.get_by_role("heading", level=3).get_by_role("link").inner_text()
    overdue = row.locator(".badge--overdue").inner_text()
    settled(page)

    row.get_by_label("What was it?").select_option(label="ask a favour")

    warning = row.locator(".cold-ask")
    expect(warning).to_contain_text(
        f"This is a cold ask: your last contact with {name}"
    )
    expect(warning).to_contain_text(
        f"Warm up first: Before you ask, get back in touch with {name}"
    )
    expect(warning).to_contain_text("Sending the form logs the ask anyway")

    # Choosing the intent wrote nothing: they are still due, as overdue as before.
    settled(page)
    page.reload()
    expect(agenda_row(page, person_id).locator(".badge--overdue")).to_have_text(overdue)
    settled(page)

    # The same warning on their own page, where they warm the tie up instead.
    agenda_row(page, person_id).get_by_role("link", name=name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    settled(page)
    form = page.get_by_role("form", name=f"Log a conversation with {name}")
    intent = form.get_by_label("What was it?")
    history = page.locator(".timeline__item")
    entries_before = history.count()

    intent.select_option(label="ask for advice")
    warning = form.locator(".cold-ask")
    expect(warning).to_contain_text(
        f"This is a cold ask: your last contact with {name}"
    )
    expect(warning.locator(".cold-ask__warm-up")).to_contain_text("Warm up first:")
    expect(history).to_have_count(entries_before)

    intent.select_option(label="give something useful")
    expect(warning).to_have_count(0)
    form.get_by_label("Note").fill("Congratulated them on the launch")
    form.get_by_role("button", name="Log it").click()

    expect_status(page, f"Logged a give by message with {name} today.")
    latest = page.locator(".timeline__item").first
    expect(latest.locator("time")).to_have_attribute("datetime", "2026-06-15")
    expect(latest).to_contain_text("Congratulated them on the launch")
    expect(page).to_have_url(re.compile(rf"/people/{person_id}/$"))
