"""Leads: add a lead to the board, then move it along.

It writes to the server the other modules of this process share: a lead no
other journey looks at, credited to people no other journey picks.
"""

import re

from playwright.sync_api import Locator, Page, expect

TITLE = "Head of Partnerships (browser journey)"


def _card(page: Page, stage: str) -> Locator:
    """The new lead's card in the column of `stage`."""
    column = page.locator(f".board__column--{stage}")
    return column.locator("li.lead-card").filter(
        has=page.get_by_role("heading", name=TITLE, exact=True)
    )


def test_add_a_lead_and_move_it_along(page: Page):
    # Two people from the end of the People list's first page.
    page.goto("/people/")
    rows = page.locator("#results tbody tr").filter(
        has=page.locator("a[href*='?org=']")
    )
    last = rows.count() - 1
    opener, contact = rows.nth(last - 1), rows.nth(last)
    opened_by = opener.locator("th a").inner_text().strip()
    through = contact.locator("th a").inner_text().strip()
    organization = opener.locator("a[href*='?org=']").first.inner_text().strip()

    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Leads"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Leads")
    page.get_by_text("Add a lead", exact=True).click()
    form = page.locator("#add-lead form")
    form.get_by_label("Title", exact=True).fill(TITLE)
    form.get_by_label("Organization").fill(organization)
    form.get_by_label("Opened by").fill(opened_by)
    form.get_by_label("Through").fill(through)
    form.get_by_label("Stage", exact=True).select_option("conversation")
    page.evaluate("window.netlifeJourney = 'same document'")
    form.get_by_role("button", name="Add the lead").click()

    expect(page.locator("#lead-status")).to_have_text(
        f"Added “{TITLE}” at the conversation stage."
    )
    card = _card(page, "conversation")
    expect(card).to_have_count(1)
    lead_id = card.get_attribute("id") or ""
    assert re.fullmatch(r"lead-\d+", lead_id), lead_id
    expect(card).to_contain_text(organization)
    expect(card.locator(".lead-card__credits")).to_have_text(
        f"Opened by {opened_by}; through {through}"
    )
    expect(card).to_contain_text("At conversation since today")

    card.get_by_label(re.compile(r"^Move\b")).select_option("interview")
    card.get_by_role("button", name="Move", exact=True).click()

    expect(page.locator("#lead-status")).to_have_text(f"Moved “{TITLE}” to interview.")
    expect(_card(page, "conversation")).to_have_count(0)
    moved = _card(page, "interview")
    expect(moved).to_have_attribute("id", lead_id)
    expect(moved).to_contain_text("At interview since today")
    # No stage behind it to go back to: interview, then offer, hired, closed.
    expect(moved.get_by_role("combobox").locator("option")).to_have_text(
        ["offer", "hired", "closed"]
    )
    assert page.evaluate("window.netlifeJourney") == "same document"

    page.reload()  # written, not only shown
    expect(_card(page, "interview")).to_have_attribute("id", lead_id)
