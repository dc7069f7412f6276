"""Paths: find a warm way in to an organization, each hop explained."""

import re
from urllib.parse import quote_plus

from playwright.sync_api import Page, expect
from tools.screenshots import organization_with_paths

UNKNOWN_ORGANIZATION = "Nowhere Widgets Ltd"
_HOPS = re.compile(r"strength\s+(\d\.\d\d)\s+·\s+(\d+) hops?")


def test_find_a_path_to_an_organization_with_each_hop_explained(page: Page):
    # The organization the screenshots show: the first one on the People
    # list that someone leads to.
    organization = organization_with_paths(page)
    assert organization, "no organization on the People list has a path to it"

    page.goto("/paths/")
    page.get_by_label("To anyone at an organization").fill(organization)
    page.get_by_role("button", name="Find paths").click()

    expect(page).to_have_url(
        re.compile(rf"[?&]org={re.escape(quote_plus(organization))}")
    )
    results = page.get_by_role("region", name=f"Paths to anyone at {organization}")
    expect(results).to_be_visible()
    paths = results.locator(".path-list > .path")
    expect(paths.first).to_be_visible()
    assert paths.count() <= 3  # "Paths to show" is 3 unless changed

    for index in range(paths.count()):
        path = paths.nth(index)
        summary = _HOPS.search(path.locator(".path__summary").inner_text())
        assert summary, f"path {index + 1} does not say its strength and hops"
        hops = path.locator(".path__hop")
        # You, then one person per hop, the last one at the organization.
        assert hops.count() == int(summary.group(2)) + 1
        expect(hops.first).to_have_text("You")
        expect(hops.last).to_contain_text(f"({organization})")
        for hop in range(1, hops.count()):
            person = hops.nth(hop)
            expect(person.get_by_role("link")).to_have_attribute(
                "href", re.compile(r"^/people/\d+/$")
            )
            # Why this tie exists: how they know each other, or its strength.
            expect(person.locator(".path__how")).to_have_text(re.compile(r"^— \S"))
        if hops.count() > 2:  # through someone: ask them for the introduction
            asked = hops.nth(1).get_by_role("link").inner_text()
            target = hops.last.get_by_role("link").inner_text()
            expect(
                path.get_by_role(
                    "link", name=f"Ask {asked} to introduce you to {target}"
                )
            ).to_have_attribute("href", re.compile(r"situation=intro-request"))

    # A hop leads to that person's page.
    first_hop = paths.first.locator(".path__hop").nth(1).get_by_role("link")
    name = first_hop.inner_text()
    first_hop.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)


def test_an_unknown_organization_is_explained_beside_the_field(page: Page):
    page.goto("/paths/")
    box = page.get_by_label("To anyone at an organization")
    box.fill(UNKNOWN_ORGANIZATION)
    box.press("Enter")

    error = page.locator("#path-org-error")
    expect(error).to_have_text(
        re.compile(rf"^No organization called '{UNKNOWN_ORGANIZATION}' in your network")
    )
    expect(box).to_have_attribute("aria-invalid", "true")
    expect(box).to_have_attribute("aria-describedby", re.compile(r"\bpath-org-error\b"))
    expect(box).to_have_value(UNKNOWN_ORGANIZATION)  # kept, to correct it
    # Beside the field: in the same field group as the box itself.
    field = page.locator(".field").filter(has=box)
    expect(field.locator("#path-org-error")).to_be_visible()
    expect(page.locator(".path-results")).to_have_count(0)
    expect(page.get_by_label("To a person")).not_to_have_attribute(
        "aria-invalid", "true"
    )
