import re
from datetime import date
from html.parser import HTMLParser

import pytest
from django.test import Client

from netlife.core.security import CONTENT_SECURITY_POLICY
from netlife.core.tests.markup import well_formed
from netlife.interactions.services import log_interaction
from netlife.leads.models import Lead, LeadStageChange
from netlife.leads.services import add_lead, move_lead
from netlife.leads.views import PER_COLUMN
from netlife.networks.models import Network
from netlife.people.models import Person
from netlife.people.services import add_person

HTMX = {"HX-Request": "true"}


def on(text: str) -> date:
    return date.fromisoformat(text)


def _column(body: str, stage: str) -> str:
    """The HTML of one column of the board."""
    match = re.search(
        rf'<section class="board__column board__column--{stage}".*?</section>',
        body,
        re.DOTALL,
    )
    assert match is not None, stage
    return match.group(0)


def _titles(html: str) -> list[str]:
    return re.findall(r'<h4 class="lead-card__title">([^<]*)</h4>', html)


def _card(body: str, lead: Lead) -> str:
    match = re.search(
        rf'<li class="lead-card" id="lead-{lead.pk}".*?</li>', body, re.DOTALL
    )
    assert match is not None
    return match.group(0)


@pytest.fixture
def ada(ana: Network) -> Person:
    return add_person(ana, name="Ada Lovelace", organization="Analytical Engines")


@pytest.fixture
def grace(ana: Network) -> Person:
    return add_person(ana, name="Grace Hopper")


def _board(client: Client) -> str:
    response = client.get("/leads/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_board_shows_each_lead_in_the_column_of_its_stage(
    client: Client, ana, ada, grace
):
    add_lead(ana, title="Data engineer", organization="Globex", on=on("2026-06-01"))
    product = add_lead(
        ana,
        title="Product manager",
        organization="Acme",
        opened_by=[ada],
        through=[grace],
        on=on("2026-05-01"),
    )
    move_lead(ana, product, "interview", on=on("2026-06-05"))
    designer = add_lead(ana, title="Designer", on=on("2026-03-01"))
    move_lead(ana, designer, "conversation", on=on("2026-03-10"))
    move_lead(ana, designer, "closed", on=on("2026-04-01"))

    body = _board(client)
    assert well_formed(body)
    assert _titles(_column(body, "lead")) == ["Data engineer"]
    assert _titles(_column(body, "interview")) == ["Product manager"]
    assert _titles(_column(body, "closed")) == ["Designer"]
    for empty in ("conversation", "offer", "hired"):
        assert _titles(_column(body, empty)) == []
    assert "3 leads, 2 open" in body
    card = _card(body, product)
    assert "Acme" in card
    assert f'Opened by <a href="/people/{ada.pk}/">Ada Lovelace</a>' in card
    assert f'through <a href="/people/{grace.pk}/">Grace Hopper</a>' in card
    assert ">10 days at interview</time>" in card  # 2026-06-05 → 06-15
    closed = _card(body, designer)
    assert ">Closed after conversation, 75 days ago</time>" in closed
    assert "lead-move" not in closed  # a closed lead does not move
    # An open lead may move forward or be closed, never back.
    assert re.findall(r'<option value="(\w+)"', _card(body, product)) == [
        "offer",
        "hired",
        "closed",
    ]


def test_cara_s_leads_never_show_and_cannot_be_moved(client: Client, ana, cara):
    add_lead(ana, title="Product manager")
    secret = add_lead(cara, title="Cara's secret opening")
    body = _board(client)
    assert "Product manager" in body
    assert "secret opening" not in body
    response = client.post(f"/leads/{secret.pk}/move/", {"stage": "interview"})
    assert response.status_code == 404
    secret.refresh_from_db()
    assert secret.stage == "lead"


def test_unknown_leads_give_404(client: Client, ana):
    assert client.post("/leads/999/move/", {"stage": "offer"}).status_code == 404
    assert client.post(f"/leads/{2**70}/move/", {"stage": "offer"}).status_code == 404


def test_moving_a_lead_redirects_to_the_board_where_it_has_moved(client: Client, ana):
    lead = add_lead(ana, title="Product manager", on=on("2026-06-01"))
    response = client.post(
        f"/leads/{lead.pk}/move/", {"stage": "interview", "on": "2026-06-10"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/leads/?lead={lead.pk}#lead-{lead.pk}"
    body = client.get(response["Location"]).content.decode()
    assert _titles(_column(body, "interview")) == ["Product manager"]
    assert f'id="lead-{lead.pk}" tabindex="-1" autofocus' in body
    assert _titles(_column(body, "lead")) == []
    assert "Moved “Product manager” to interview." in body
    assert list(
        LeadStageChange.objects.filter(lead=lead).values_list("stage", "changed_on")
    ) == [("lead", on("2026-06-01")), ("interview", on("2026-06-10"))]


def test_an_htmx_move_answers_with_the_board_and_the_funnel(client: Client, ana):
    lead = add_lead(ana, title="Product manager", on=on("2026-06-01"))
    response = client.post(f"/leads/{lead.pk}/move/", {"stage": "offer"}, headers=HTMX)
    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" not in body
    assert well_formed(body)
    assert '<div id="lead-work"' in body
    assert _titles(_column(body, "offer")) == ["Product manager"]
    assert (
        'id="lead-status" hx-swap-oob="innerHTML">Moved “Product manager” to offer.'
        in body
    )
    # The moved card takes the keyboard focus, and the funnel follows.
    assert f'id="lead-{lead.pk}" tabindex="-1" autofocus' in body
    assert '<th scope="row">offer</th><td>1</td><td>1</td>' in body
    lead.refresh_from_db()
    assert lead.stage == "offer"


@pytest.mark.parametrize(
    ("stage", "day", "sentence"),
    [
        (
            "lead",
            "",
            "cannot go back from interview to lead; "
            "leads only move forward, or to closed.",
        ),
        ("interview", "", "is already at the interview stage."),
        (
            "offer",
            "2026-07-01",
            "2026-07-01 is in the future; record a lead&#x27;s news",
        ),
        (
            "offer",
            "2026-05-01",
            "reached interview on 2026-06-05, so it cannot reach offer",
        ),
        ("offer", "someday", "&#x27;someday&#x27; is not a valid date"),
        ("promoted", "", "Choose one of the stages: lead, conversation, interview"),
    ],
)
def test_an_invalid_move_shows_why_beside_the_card_and_changes_nothing(
    client: Client, ana, stage, day, sentence
):
    lead = add_lead(ana, title="Product manager", on=on("2026-06-01"))
    move_lead(ana, lead, "interview", on=on("2026-06-05"))
    changes = LeadStageChange.objects.count()
    response = client.post(f"/leads/{lead.pk}/move/", {"stage": stage, "on": day})
    assert response.status_code == 400
    card = _card(response.content.decode(), lead)
    assert sentence in card
    assert f'aria-describedby="lead-{lead.pk}-error" autofocus' in card
    assert 'aria-invalid="true"' in card
    lead.refresh_from_db()
    assert lead.stage == "interview"
    assert LeadStageChange.objects.count() == changes

    htmx = client.post(
        f"/leads/{lead.pk}/move/", {"stage": stage, "on": day}, headers=HTMX
    )
    assert htmx.status_code == 200  # htmx swaps only 2xx answers
    assert sentence in _card(htmx.content.decode(), lead)
    assert LeadStageChange.objects.count() == changes


def test_a_finished_lead_does_not_move(client: Client, ana):
    lead = add_lead(ana, title="Product manager", on=on("2026-06-01"))
    move_lead(ana, lead, "hired", on=on("2026-06-10"))
    response = client.post(f"/leads/{lead.pk}/move/", {"stage": "closed"})
    assert response.status_code == 400
    card = _card(response.content.decode(), lead)
    assert "is already hired; a hired lead cannot move." in card
    assert 'role="alert" tabindex="-1" autofocus' in card


def test_adding_a_lead_credits_the_people_named(client: Client, ana, ada, grace):
    response = client.post(
        "/leads/add/",
        {
            "title": "Staff engineer",
            "organization": "Initech",
            "opened_by": "ada lovelace",
            "through": grace.pk,
            "stage": "lead",
            "on": "2026-06-12",
            "notes": "Ada knows the CTO.",
        },
    )
    assert response.status_code == 302
    lead = Lead.objects.get(network=ana)
    assert response["Location"] == f"/leads/?lead={lead.pk}#lead-{lead.pk}"
    body = client.get(response["Location"]).content.decode()
    assert "Added “Staff engineer” at the lead stage." in body
    card = _card(body, lead)
    assert "Initech" in card
    assert f'Opened by <a href="/people/{ada.pk}/">Ada Lovelace</a>' in card
    assert f'through <a href="/people/{grace.pk}/">Grace Hopper</a>' in card
    assert lead.created_on == on("2026-06-12")
    assert lead.notes == "Ada knows the CTO."


def test_a_lead_can_be_added_at_a_later_stage(client: Client, ana):
    response = client.post(
        "/leads/add/",
        {"title": "Product manager", "stage": "interview", "on": "2026-06-01"},
        headers=HTMX,
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert _titles(_column(body, "interview")) == ["Product manager"]
    lead = Lead.objects.get(network=ana)
    assert list(
        LeadStageChange.objects.filter(lead=lead).values_list("stage", "changed_on")
    ) == [("lead", on("2026-06-01")), ("interview", on("2026-06-01"))]
    assert (
        'hx-swap-oob="innerHTML">Added “Product manager” at the interview stage.'
        in body
    )
    assert 'id="lead-count" hx-swap-oob="innerHTML">1 lead, 1 open' in body


def _field_error(body: str, name: str) -> str:
    match = re.search(
        rf'<input[^>]* id="add-{name}"[^>]*>\s*'
        rf'<p class="lead-error" id="add-{name}-error">([^<]*)</p>',
        body,
    )
    assert match is not None, body
    field = match.group(0)
    assert 'aria-invalid="true"' in field
    assert f'aria-describedby="add-{name}-error' in field
    return match.group(1)


def test_an_unknown_person_is_named_beside_the_field_and_nothing_is_added(
    client: Client, ana, cara
):
    add_person(cara, name="Nadia Cara-only")
    response = client.post(
        "/leads/add/",
        {"title": "Staff engineer", "opened_by": "Nadia", "stage": "lead"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert (
        _field_error(body, "opened_by")
        == "No one in this network matches &#x27;Nadia&#x27;."
    )
    assert 'value="Staff engineer"' in body  # what was typed stays
    assert '<details class="lead-add" id="add-lead" open>' in body
    assert not Lead.objects.exists()


def test_an_ambiguous_person_lists_the_candidates(client: Client, ana):
    first = add_person(ana, name="Sam Smith", organization="Acme")
    second = add_person(ana, name="Sam Jones")
    response = client.post(
        "/leads/add/", {"title": "Engineer", "through": "sam", "stage": "lead"}
    )
    assert response.status_code == 400
    error = _field_error(response.content.decode(), "through")
    assert "matches more than one person" in error
    assert f"Sam Jones (id {second.pk})" in error
    assert f"Sam Smith (id {first.pk}, Acme)" in error
    assert not Lead.objects.exists()


def test_the_add_form_explains_other_mistakes_beside_their_fields(
    client: Client, ana, ada
):
    body = client.post("/leads/add/", {"title": " ", "stage": "lead"}).content.decode()
    assert _field_error(body, "title").startswith("Give the lead a title")
    assert 'id="add-title" name="title" value=" " maxlength="300" required' in body
    body = client.post(
        "/leads/add/", {"title": "Engineer", "stage": "lead", "on": "2026-07-01"}
    ).content.decode()
    assert _field_error(body, "on").startswith("2026-07-01 is in the future")
    body = client.post(
        "/leads/add/",
        {"title": "Engineer", "stage": "lead", "opened_by": ada.pk, "through": ada.pk},
    ).content.decode()
    assert "is credited both with opening the door" in _field_error(body, "through")
    response = client.post(
        "/leads/add/",
        {"title": "Engineer", "stage": "interview", "on": "soon"},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert "is not a valid date" in _field_error(response.content.decode(), "on")
    assert not Lead.objects.exists()


def test_the_funnel_shows_stages_people_first_asks_and_days(
    client: Client, ana, ada, grace
):
    log_interaction(ana, people=[ada], intent="advice", on=on("2026-04-20"))
    product = add_lead(
        ana, title="Product manager", opened_by=[ada], on=on("2026-05-01")
    )
    move_lead(ana, product, "conversation", on=on("2026-05-05"))
    move_lead(ana, product, "interview", on=on("2026-05-15"))
    other = add_lead(ana, title="Designer", through=[grace], on=on("2026-05-02"))
    move_lead(ana, other, "conversation", on=on("2026-05-10"))
    move_lead(ana, other, "closed", on=on("2026-05-20"))
    add_lead(ana, title="Analyst", on=on("2026-06-01"))

    body = _board(client)
    funnel = body[body.index('<section class="lead-funnel"') :]
    rows = re.findall(
        r'<tr><th scope="row">(\w+)</th>'
        r"<td>(\d+)</td><td>(\d+)</td><td>([^<]*)</td></tr>",
        funnel,
    )
    assert rows[:6] == [
        ("lead", "1", "3", "—"),
        ("conversation", "0", "2", "67%"),
        ("interview", "1", "1", "50%"),
        ("offer", "0", "0", "0%"),
        ("hired", "0", "0", "—"),
        ("closed", "1", "1", "—"),
    ]
    # Medians: lead → conversation over 4 and 8 days; conversation → interview 10.
    assert (
        '<th scope="row">lead</th><td class="lead-table__text">conversation</td>'
        "<td>6</td><td>2 leads</td>" in funnel
    )
    assert (
        '<th scope="row">conversation</th><td class="lead-table__text">interview</td>'
        "<td>10</td><td>1 lead</td>" in funnel
    )
    assert (
        '<th scope="row">advice</th><td>1</td><td>1</td><td>0</td><td>0</td>' in funnel
    )
    assert '<th scope="row">none</th><td>2</td><td>0</td><td>0</td><td>0</td>' in funnel
    assert (
        f'<th scope="row"><a href="/people/{ada.pk}/">Ada Lovelace</a></th>'
        "<td>1</td><td>1</td><td>0</td><td>0</td>"
    ) in funnel
    assert (
        "Of 3 leads, 2 reached conversation, 1 reached interview, "
        "0 reached offer, 0 reached hired; 1 was closed." in funnel
    )


class _Markup(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.in_svg = 0
        self.svgs: list[dict[str, str | None]] = []
        self.styled: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "svg":
            self.in_svg += 1
            self.svgs.append(dict(attrs))
        if any(name == "style" for name, _ in attrs) or tag == "style":
            self.styled.append(tag)

    def handle_endtag(self, tag):
        if tag == "svg":
            self.in_svg -= 1


def test_the_funnel_chart_is_inline_svg_the_page_s_csp_allows(client: Client, ana):
    add_lead(ana, title="Product manager")
    response = client.get("/leads/")
    policy = response["Content-Security-Policy"]
    assert policy == CONTENT_SECURITY_POLICY
    assert "style-src 'self';" in policy
    assert "unsafe-inline" not in policy
    markup = _Markup()
    markup.feed(response.content.decode())
    assert len(markup.svgs) == 1
    chart = markup.svgs[0]
    assert chart["role"] == "img"
    assert chart["aria-labelledby"] == "funnel-chart-title"
    # No <style> element, no style attribute, no script anywhere on the page.
    assert markup.styled == []
    body = response.content.decode()
    assert re.findall(r"<script(?![^>]*\bsrc=)", body) == []
    assert '<title id="funnel-chart-title">Leads funnel' in body


def test_an_empty_board_invites_the_first_lead(client: Client, ana):
    body = _board(client)
    assert "No leads yet" in body
    assert '<details class="lead-add" id="add-lead" open>' in body
    assert "<svg" not in body
    assert "The funnel shows how far your leads get" in body


def test_a_long_column_shows_the_latest_and_a_link_to_all(client: Client, ana):
    count = PER_COLUMN + 3
    for n in range(count):
        add_lead(ana, title=f"Lead {n:02}", on=on("2026-05-01").replace(day=n + 1))
    body = _board(client)
    shown = _titles(_column(body, "lead"))
    # The latest first.
    assert shown == [f"Lead {n:02}" for n in range(count - 1, 2, -1)]
    assert f'href="/leads/?show=lead#column-lead">Show all {count}' in body
    every = client.get("/leads/", {"show": "lead"}).content.decode()
    assert len(_titles(_column(every, "lead"))) == count
    assert f"Show the latest {PER_COLUMN}" in every
    assert 'name="show" value="lead"' in every  # a move keeps the column open
    assert client.get("/leads/", {"show": "nonsense"}).status_code == 200


def test_a_lead_moved_on_an_early_day_shows_in_a_long_column(client: Client, ana):
    for n in range(PER_COLUMN + 2):
        newer = add_lead(ana, title=f"Closed {n:02}", on=on("2026-06-01"))
        move_lead(ana, newer, "closed", on=on("2026-06-10"))
    old = add_lead(ana, title="Old opening", on=on("2026-01-05"))
    response = client.post(
        f"/leads/{old.pk}/move/", {"stage": "closed", "on": "2026-01-20"}
    )
    body = client.get(response["Location"]).content.decode()
    assert _titles(_column(body, "closed"))[-1] == "Old opening"
    later = client.get("/leads/").content.decode()
    assert "Old opening" not in later  # otherwise only the latest show
    assert f"Show all {PER_COLUMN + 3}" in later


def test_a_get_never_writes(client: Client, ana):
    add_lead(ana, title="Product manager")
    client.get("/leads/")
    before = LeadStageChange.objects.count(), Lead.objects.count()
    client.get("/leads/", {"stage": "hired", "on": "2026-06-01"})
    assert (LeadStageChange.objects.count(), Lead.objects.count()) == before
    assert client.get("/leads/add/").status_code == 405
    assert client.get("/leads/1/move/").status_code == 405


def _add_leads(network: Network, people: list[Person], count: int) -> None:
    for n in range(count):
        lead = add_lead(
            network,
            title=f"Role {n}",
            organization=f"Org {n % 4}",
            opened_by=[people[n % len(people)]],
            through=[people[(n + 1) % len(people)]],
            on=on("2026-05-01"),
        )
        if n % 3:
            move_lead(network, lead, ("conversation", "interview", "closed")[n % 3])


def test_the_board_needs_the_same_queries_for_3_leads_as_for_30(
    client: Client, ana, django_assert_max_num_queries
):
    people = [add_person(ana, name=f"Person {n}") for n in range(5)]
    _add_leads(ana, people, 3)
    client.get("/leads/")  # the first request creates the CSRF cookie
    with django_assert_max_num_queries(15) as few:
        client.get("/leads/")
    _add_leads(ana, people, 27)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/leads/")
    assert len(_titles(response.content.decode())) == 30
