"""Draft a message to someone and see the linter's findings beside the text.

Nothing here writes: a draft is written for the page, never stored or sent.
"""

import re

from playwright.sync_api import Page, expect

from tests.browser.helpers import settled

ASK = "Can you refer me for the job at your company? "


def test_draft_a_message_and_see_a_lint_finding_beside_it(page: Page):
    page.goto("/people/")
    first = page.locator("#results tbody tr").first.locator("th a")
    name = first.inner_text().strip()
    first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    settled(page)
    page.get_by_role("link", name="Draft a message", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Draft a message to {name}"
    )
    page.get_by_label("Ask for advice").check()
    page.get_by_role("button", name="Write the draft").click()

    expect(page).to_have_url(re.compile(r"/draft/\?situation=advice"))
    body = page.get_by_label("Message", exact=True)
    draft = body.input_value()
    assert draft.startswith(f"Hi {name.split()[0]},"), draft[:80]
    findings = page.locator("#findings")
    expect(findings.locator(".finding--openings-ask")).to_have_count(0)

    # Open with an ask for a referral, pasted at the start of the draft (one
    # edit, so one check: htmx aborting an earlier one logs console errors).
    page.evaluate("window.netlifeJourney = 'same document'")
    body.click()
    page.keyboard.press("Control+Home")
    with page.expect_response(
        lambda r: (
            r.url.endswith("/draft/lint/")
            and r.request.headers.get("hx-request") == "true"
        )
    ):
        page.keyboard.insert_text(ASK)

    finding = findings.locator(".finding--openings-ask")
    expect(finding.locator(".finding__kind")).to_have_text("Asks for openings")
    expect(finding.locator(".finding__words")).to_have_text("refer me")
    expect(finding.locator(".finding__suggestion")).to_contain_text("Try this:")
    expect(findings.locator(".findings__count")).to_contain_text(
        "to look at before you send it"
    )
    assert body.input_value().startswith(ASK + f"Hi {name.split()[0]},")
    assert page.evaluate("window.netlifeJourney") == "same document"

    # Take the ask out again: the finding goes.
    body.fill(draft)
    expect(finding).to_have_count(0)
