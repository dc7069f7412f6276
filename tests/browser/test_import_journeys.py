"""Import a vCard, then decide on the possible duplicates it brought.

An import adds people and a merge removes one, which would change what the
other modules count (the People list's "300 people"), so this module has a
server and demo network of its own (a few seconds to start).
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect
from tools.live_server import LiveServer, live_server

from tests.browser.helpers import expect_status, settled

NEW_NAME = "Wren Halvorsen"
NEW_ORGANIZATION = "Birchline Studio"
NEW_EMAIL = "wren@birchline.example"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """This module's own server (overrides conftest's, shared by the others)."""
    with live_server(tmp_path_factory.mktemp("netlife-import-home")) as running:
        yield running


@dataclass(frozen=True)
class Known:
    """Someone already in the network, as the People list shows them."""

    id: int
    name: str
    organization: str

    @property
    def other_email(self) -> str:
        """An address the demo never gave them: the card is not an exact match."""
        return f"{self.name.split()[0].lower()}.{self.id}@elsewhere.example"


def _people_with_an_organization(page: Page, count: int) -> list[Known]:
    page.goto("/people/")
    rows = page.locator("#results tbody tr").filter(
        has=page.locator("a[href*='?org=']")
    )
    known: list[Known] = []
    for index in range(rows.count()):
        row = rows.nth(index)
        link = row.locator("th a")
        name = link.inner_text().strip()
        if len(name.split()) != 2 or any(k.name == name for k in known):
            continue  # a plain "Given Family" name the card can spell out
        href = link.get_attribute("href") or ""
        organization = row.locator("a[href*='?org=']").first.inner_text().strip()
        known.append(Known(int(href.strip("/").split("/")[-1]), name, organization))
        if len(known) == count:
            return known
    raise AssertionError(f"fewer than {count} people with an organization listed")


def _card(name: str, organization: str, email: str) -> str:
    given, family = name.split()
    return "\r\n".join(
        [
            "BEGIN:VCARD",
            "VERSION:3.0",
            f"FN:{name}",
            f"N:{family};{given};;;",
            f"ORG:{organization}",
            f"EMAIL;TYPE=INTERNET:{email}",
            "END:VCARD",
            "",
        ]
    )


def _count(page: Page, label: str) -> Locator:
    """The number beside `label` in the import's counts."""
    item = page.locator(".import-counts__item").filter(
        has=page.get_by_text(label, exact=True)
    )
    return item.locator("dd")


def _pair(page: Page, email: str) -> Locator:
    """The pair on the duplicates page whose imported side has this email."""
    return page.locator("li.pair").filter(has_text=email)


def test_import_a_vcard_and_resolve_its_duplicates(page: Page, tmp_path: Path):
    merged, kept_apart = _people_with_an_organization(page, 2)
    vcf = tmp_path / "phone-contacts.vcf"
    vcf.write_text(
        _card(merged.name, merged.organization, merged.other_email)
        + _card(kept_apart.name, kept_apart.organization, kept_apart.other_email)
        + _card(NEW_NAME, NEW_ORGANIZATION, NEW_EMAIL),
        encoding="utf-8",
    )

    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Import"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import")
    page.get_by_label("File", exact=True).set_input_files(vcf)
    page.get_by_label("Kind of file").select_option(label="vCard address book (.vcf)")
    page.get_by_role("button", name="Preview the import").click()

    # The preview: what would change, before anything is written.
    expect(page.get_by_role("heading", level=1)).to_have_text("Check before importing")
    expect(
        page.get_by_text("This is a preview: nothing has been written yet.")
    ).to_be_visible()
    expect(page.locator(".page-head")).to_contain_text("phone-contacts.vcf")
    expect(_count(page, "New")).to_have_text("3")
    expect(_count(page, "To review")).to_have_text("2")
    expect(_count(page, "Merged")).to_have_text("0")
    doubts = page.locator(".import-list")
    expect(doubts).to_contain_text(merged.name)
    expect(doubts).to_contain_text(kept_apart.name)

    page.get_by_role("button", name="Import", exact=True).click()

    # The progress, then the result (polled by htmx until the job is over).
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Import of phone-contacts.vcf"
    )
    expect(page.locator("#import-job-title")).to_have_text("Imported")
    expect_status(page, "Done: 3 added, 0 updated, 0 merged.")
    expect(_count(page, "Added")).to_have_text("3")

    page.get_by_role("link", name="Review 2 possible duplicates").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Possible duplicates")
    merge = _pair(page, merged.other_email)
    apart = _pair(page, kept_apart.other_email)
    expect(merge).to_have_count(1)
    expect(apart).to_have_count(1)
    expect(merge).to_contain_text(merged.organization)
    expect(merge.locator(".pair__reasons")).to_contain_text("vCard")

    # The one from the card is the same person: keep the one already here.
    who = f"{re.escape(merged.name)}, id {merged.id}"
    keep_known = re.compile(rf"^Merge \(keep (left|right)\)\s*: keep {who}$")
    merge.get_by_role("button", name=keep_known).click()

    expect_status(page, f"Merged {merged.name} into {merged.name}.")
    expect(merge).to_have_count(0)
    expect(apart).to_have_count(1)

    # The other is someone else with the same name.
    apart.get_by_role("button", name="Not the same person").click()

    expect_status(
        page, f"Noted: {kept_apart.name} and {kept_apart.name} are two people"
    )
    expect(apart).to_have_count(0)
    expect(page.get_by_role("heading", name="No duplicates to review")).to_be_visible()

    # Nothing was lost: the person kept has both addresses now.
    page.goto(f"/people/{merged.id}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(merged.name)
    contact = page.locator("section").filter(
        has=page.get_by_role("heading", name="Contact", exact=True)
    )
    expect(contact).to_contain_text(merged.other_email)
    settled(page)
    # And the new person is one of the people now.
    page.goto("/people/")
    page.get_by_label("Search people").fill(NEW_NAME)
    expect(page.locator("#results").get_by_role("link", name=NEW_NAME)).to_be_visible()
