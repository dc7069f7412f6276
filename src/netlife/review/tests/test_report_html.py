"""`report --html FILE`: one self-contained, accessible page, hostile text escaped."""

import os
import re
import subprocess
import sys
from datetime import date
from html.parser import HTMLParser

from netlife.goals.services import mark_told, set_goal
from netlife.interactions.services import log_interaction
from netlife.leads.services import add_lead, move_lead
from netlife.people.services import add_person
from netlife.review import report
from netlife.review.queries import weekly_review


class _Page(HTMLParser):
    """Collects what the checks below need from a page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.references: list[str] = []
        self.tags: list[str] = []
        self.svg_attributes: list[dict[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        found = dict(attrs)
        if found.get("id"):
            self.ids.append(found["id"])
        for name in ("href", "xlink:href"):
            if found.get(name):
                self.references.append(found[name])
        if tag == "svg":
            self.svg_attributes.append(found)


def _page(run_cli, tmp_path, *args: str) -> str:
    target = tmp_path / "review.html"
    result = run_cli("report", "--html", str(target), *args)
    assert result.exit_code == 0, result.stderr
    assert f"Wrote the review with its charts to {target}." in result.stdout
    page: str = target.read_text(encoding="utf-8")
    return page


def test_the_page_stands_alone_with_four_matplotlib_charts(run_cli, history, tmp_path):
    page = _page(run_cli, tmp_path)
    assert page.startswith("<!doctype html>")
    for outside in ("http://", "https://", "src=", "<link", "<script", "@import"):
        assert outside not in page, outside
    # Inside the charts, url(#…) points at the chart's own clip paths.
    assert re.findall(r"url\((?!#)", page) == []
    assert page.count("<svg") == page.count("</svg>") == 4
    for chart in ("touches", "balance", "cadence", "funnel"):
        # matplotlib names its figure and axes groups like this.
        assert f'id="{chart}-chart-figure_1"' in page
        assert f'id="{chart}-chart-axes_1"' in page


def test_the_page_is_accessible(run_cli, history, tmp_path):
    parsed = _Page()
    parsed.feed(_page(run_cli, tmp_path, "--weeks", "4"))
    assert parsed.tags.count("h1") == 1
    assert parsed.tags.count("h2") == 8
    # A table of the numbers beside each chart, and one at a glance.
    assert parsed.tags.count("table") == 5
    assert parsed.tags.count("caption") == 5
    for svg in parsed.svg_attributes:
        assert svg["role"] == "img"
        assert svg["aria-labelledby"] in parsed.ids
    assert parsed.tags.count("title") == 1 + 4  # the page's, one per chart
    # Ids are unique across the charts, and every reference finds its target.
    assert len(parsed.ids) == len(set(parsed.ids))
    assert {r.removeprefix("#") for r in parsed.references} <= set(parsed.ids)


def test_the_page_shows_the_sections(run_cli, history, tmp_path):
    page = _page(run_cli, tmp_path)
    assert "From 2026-06-09 to 2026-06-15" in page
    assert "5 of 6 tracked ties" in page
    assert "Dora Dormant: back in touch on 2026-06-12 after 158 days" in page
    assert "<q>a product role in climate tech</q>" in page
    assert "Designer at Globex moved to hired" in page
    assert "Olga Overdue" in page


def test_the_same_review_draws_the_same_page(history, ana):
    review = weekly_review(ana)
    assert report.render_html(review) == report.render_html(review)


def test_hostile_names_are_shown_as_text(run_cli, ana, tmp_path):
    name = '<script>alert("name")</script> Mallory'
    evil = add_person(ana, name=name, tier="inner", organization="<b>Bad & Co</b>")
    log_interaction(ana, people=[evil], intent="catch-up", on=date(2026, 1, 1))
    set_goal(ana, "<img src=x onerror=alert(1)>")
    log_interaction(ana, people=[evil], intent="give", on=date(2026, 6, 12))
    mark_told(ana, [evil], on=date(2026, 6, 12))
    lead = add_lead(
        ana,
        title="</title><script>alert(2)</script>",
        opened_by=[evil],
        on=date(2026, 6, 13),
    )
    move_lead(ana, lead, "conversation", on=date(2026, 6, 14))  # news: on the agenda

    page = _page(run_cli, tmp_path)
    assert "<script" not in page
    assert "<img" not in page
    assert "<b>" not in page
    assert "&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt; Mallory" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "&lt;/title&gt;&lt;script&gt;alert(2)&lt;/script&gt;" in page
    assert "&lt;b&gt;Bad &amp; Co&lt;/b&gt;" in page

    printed = run_cli("report").stdout
    assert name in printed  # the terminal prints it as typed, markup and all


def test_matplotlib_is_loaded_only_to_draw_the_page():
    check = (
        "import sys, netlife.cli, netlife.review.cli, netlife.review.queries; "
        "sys.exit('matplotlib' in sys.modules)"
    )
    env = {**os.environ, "NETLIFE_SECRET_KEY": "tests"}
    result = subprocess.run(
        [sys.executable, "-c", check], env=env, capture_output=True, check=False
    )
    assert result.returncode == 0, result.stderr
