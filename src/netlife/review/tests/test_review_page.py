"""The Review page: the weekly report inside the site, with charts the CSP allows.

The history is conftest's, whose figures are worked out by hand there.
"""

import re
import xml.etree.ElementTree as ET
from datetime import date
from html.parser import HTMLParser

import pytest
from django.test import Client

from netlife.core.security import CONTENT_SECURITY_POLICY
from netlife.core.tests.markup import well_formed
from netlife.interactions.services import log_interaction
from netlife.leads.services import add_lead, move_lead
from netlife.networks.models import Network
from netlife.people.services import add_person
from netlife.review.tests.conftest import History, build_history
from netlife.review.views import MOST, SHOWN, Listing, _listing

HTMX = {"HX-Request": "true"}
CHARTS = ("touches", "balance", "cadence", "funnel")


class _Charts(HTMLParser):
    """The page's <svg> elements as text, and every tag or attribute that
    would be inline style."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.page = page
        self.depth = 0
        self.start = 0
        self.svgs: list[str] = []
        self.inline_style: list[str] = []
        self.scripts: list[dict[str, str | None]] = []
        self.feed(page)

    def _offset(self) -> int:
        line, column = self.getpos()
        lines = self.page.splitlines(keepends=True)
        return sum(len(text) for text in lines[: line - 1]) + column

    def handle_starttag(self, tag, attrs):
        if tag == "svg":
            if self.depth == 0:
                self.start = self._offset()
            self.depth += 1
        if tag == "style" or any(name == "style" for name, _ in attrs):
            self.inline_style.append(tag)
        if tag == "script":
            self.scripts.append(dict(attrs))

    def handle_startendtag(self, tag, attrs):
        if tag == "style" or any(name == "style" for name, _ in attrs):
            self.inline_style.append(tag)

    def handle_endtag(self, tag):
        if tag == "svg":
            self.depth -= 1
            if self.depth == 0:
                end = self.page.index("</svg>", self._offset()) + len("</svg>")
                self.svgs.append(self.page[self.start : end])


@pytest.fixture
def page_history(ana: Network) -> History:
    return build_history(ana)


@pytest.mark.parametrize("weeks", [1, 52])
def test_the_review_renders_for_one_week_and_for_a_year(
    client: Client, page_history, weeks
):
    response = client.get("/review/", {"weeks": weeks})
    assert response.status_code == 200
    body = response.content.decode()
    assert '<a href="/review/" aria-current="page">Review</a>' in body
    assert f'<option value="{weeks}" selected>' in body
    assert well_formed(body)
    for heading in (
        "At a glance",
        "Next week",
        "Touches",
        "Give and ask",
        "Ties kept within cadence",
        "Dormant ties revived",
        "Who knows your goal",
        "Leads",
    ):
        assert f">{heading}</h2>" in body
    # Two periods of `weeks` weeks each, one table row per week and chart.
    assert body.count('<th scope="row"><time datetime=') == 3 * 2 * weeks


def test_one_week_shows_the_hand_worked_figures(client: Client, page_history):
    body = client.get("/review/").content.decode()
    assert '<option value="1" selected>' in body
    assert '1 week from <time datetime="2026-06-09">9 Jun 2026</time>' in body
    assert '<th scope="row">Touches</th><td>6</td><td>2</td>' in body
    assert (
        '<th scope="row">Ties within cadence</th>'
        "<td>5 of 6 (83%)</td><td>3 of 6 (50%)</td>" in body
    )
    assert '<th scope="row">Hires</th><td>1</td><td>0</td>' in body
    dora = page_history.people["dora"]
    assert (
        f'<a href="/people/{dora.pk}/">Dora Dormant</a>: back in touch on '
        '<time datetime="2026-06-12">12 Jun</time> after 158 days of silence.'
    ) in body
    assert "<q>a product role in climate tech</q>" in body
    assert "Product manager at Acme moved to interview" in body


@pytest.mark.parametrize("weeks", ["3", "0", "-1", "abc", "", "9" * 30, "1.5"])
def test_a_bad_number_of_weeks_is_a_form_error_not_a_crash(
    client: Client, page_history, weeks
):
    response = client.get("/review/", {"weeks": weeks})
    assert response.status_code == 400
    body = response.content.decode()
    expected = (
        "Choose how many weeks to review."
        if weeks == ""
        else "Choose 1, 4, 12 or 52 weeks."
    )
    assert (
        f'<p class="review-error" id="review-weeks-error" role="alert">{expected}</p>'
        in body
    )
    assert 'aria-invalid="true" aria-describedby="review-weeks-error"' in body
    assert "<svg" not in body
    assert "At a glance" not in body
    fragment = client.get("/review/", {"weeks": weeks}, headers=HTMX)
    assert fragment.status_code == 200  # htmx swaps only 2xx answers
    assert expected in fragment.content.decode()


def test_the_four_charts_are_svg_that_the_page_s_csp_allows(
    client: Client, page_history
):
    response = client.get("/review/", {"weeks": 4})
    policy = response["Content-Security-Policy"]
    assert policy == CONTENT_SECURITY_POLICY
    assert "style-src 'self';" in policy
    assert "script-src 'self';" in policy
    assert "unsafe-inline" not in policy
    page = _Charts(response.content.decode())
    # Under that policy an inline <style> or style="" would be ignored.
    assert page.inline_style == []
    assert all(script.get("src") for script in page.scripts)
    assert len(page.svgs) == 4
    for chart, svg in zip(CHARTS, page.svgs, strict=True):
        root = ET.fromstring(svg)
        assert root.tag == "svg"
        assert root.get("role") == "img"
        assert root.get("aria-labelledby") == f"{chart}-chart-title"
        title = root.find("title")
        assert title is not None
        assert title.get("id") == f"{chart}-chart-title"
        assert title.text
        # The colours moved from CSS to presentation attributes.
        assert root.get("stroke-linejoin") == "round"
        assert root.find(".//*[@fill]") is not None
        assert f'id="{chart}-chart-figure_1"' in svg
    # Every chart is explained in words and its numbers are in a table.
    body = response.content.decode()
    assert body.count('<figure class="review-chart">') == 4
    assert body.count("<figcaption>") == 4
    assert body.count("The numbers behind the chart") == 4


def test_the_standalone_report_keeps_its_own_inline_style(
    run_cli, page_history, tmp_path
):
    target = tmp_path / "review.html"
    assert run_cli("report", "--html", str(target)).exit_code == 0
    page = target.read_text(encoding="utf-8")
    assert "<style>" in page
    assert 'style="fill: #ffffff"' in page


def test_an_htmx_request_gets_only_the_review(client: Client, page_history):
    response = client.get("/review/", {"weeks": 4}, headers=HTMX)
    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" not in body
    assert "<header" not in body
    assert '<option value="4" selected>' in body
    assert body.count("<svg") == 4
    assert "HX-Request" in response["Vary"]
    restore = client.get(
        "/review/", {"weeks": 4}, headers={**HTMX, "HX-History-Restore-Request": "true"}
    )
    assert "<html" in restore.content.decode()


def test_cara_s_network_never_shows(client: Client, ana, cara):
    own = add_person(ana, name="Ines Inner", tier="inner")
    log_interaction(ana, people=[own], intent="give", on=date(2026, 6, 12))
    stranger = add_person(cara, name="Cara's Confidant", tier="inner")
    log_interaction(cara, people=[stranger], intent="ask", on=date(2026, 6, 12))
    log_interaction(cara, people=[stranger], intent="ask", on=date(2026, 6, 13))
    secret = add_lead(cara, title="Cara's secret opening", on=date(2026, 6, 10))
    move_lead(cara, secret, "hired", on=date(2026, 6, 12))
    body = client.get("/review/").content.decode()
    assert "Confidant" not in body
    assert "secret opening" not in body
    assert '<th scope="row">Touches</th><td>1</td><td>0</td>' in body
    assert '<th scope="row">Gives : asks</th><td>1 : 0</td>' in body
    assert '<th scope="row">Hires</th><td>0</td><td>0</td>' in body


def test_an_empty_network_gets_a_calm_review(client: Client, ana):
    response = client.get("/review/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Nobody is due." in body
    assert "You have no current goal" in body
    assert body.count("<svg") == 4


def _more_history(network: Network, count: int) -> None:
    for n in range(count):
        person = add_person(network, name=f"Person {n}", tier="close")
        log_interaction(
            network, people=[person], intent=("give", "ask")[n % 2],
            on=date(2026, 5, 1 + n % 28),
        )  # fmt: skip
        lead = add_lead(
            network, title=f"Role {n}", opened_by=[person], on=date(2026, 5, 2)
        )
        move_lead(network, lead, ("conversation", "closed")[n % 2], on=date(2026, 6, 1))


def test_the_review_needs_the_same_queries_however_many_leads(
    client: Client, ana, django_assert_max_num_queries
):
    _more_history(ana, 3)
    client.get("/review/", {"weeks": 4})  # the first request creates the CSRF cookie
    with django_assert_max_num_queries(60) as few:
        client.get("/review/", {"weeks": 4})
    _more_history(ana, 27)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/review/", {"weeks": 4})
    # Opened on 2 May: in the four weeks before the four reviewed.
    assert '<th scope="row">Leads opened</th><td>0</td><td>30</td>' in (
        response.content.decode()
    )


def test_the_page_only_reads(client: Client, page_history):
    from netlife.leads.models import LeadStageChange

    before = LeadStageChange.objects.count()
    assert client.post("/review/", {"weeks": 1}).status_code == 405
    client.get("/review/", {"weeks": 52})
    assert LeadStageChange.objects.count() == before
    assert re.search(
        r"<form[^>]*method=\"get\"", client.get("/review/").content.decode()
    )


def test_a_long_list_shows_the_latest_few_and_keeps_the_rest_behind_more():
    listing = _listing(list(range(250)))
    assert listing.shown == list(range(249, 249 - SHOWN, -1))
    assert listing.more == list(range(249 - SHOWN, 249 - MOST, -1))
    assert listing.left == 250 - MOST
    assert _listing([1, 2]) == Listing([2, 1], [], 0)
