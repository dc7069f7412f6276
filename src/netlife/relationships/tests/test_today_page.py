"""The Today page as a user meets it: the agenda, log it, snooze, side cards.

Today is 2026-06-15 (NETLIFE_TODAY in the test settings).
"""

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from netlife.goals.models import GoalAwareness
from netlife.goals.services import set_goal
from netlife.interactions.models import Interaction
from netlife.interactions.services import log_interaction
from netlife.networks.models import Network
from netlife.people.models import Person
from netlife.people.services import add_person
from netlife.relationships import queries

TODAY = date(2026, 6, 15)
HTMX = {"HX-Request": "true", "HX-Target": "today"}


def _agenda_names(body: str) -> list[str]:
    return re.findall(
        r'<h3 class="agenda-item__name"><a href="/people/\d+/">([^<]+)</a>', body
    )


def _person(network: Network, name: str, last: str | None, **kwargs) -> Person:
    person = add_person(network, name=name, **kwargs)
    if last is not None:
        log_interaction(
            network,
            people=[person],
            intent="catch-up",
            on=date.fromisoformat(last),
        )
    return person


@pytest.fixture
def cast(ana: Network) -> dict[str, Person]:
    """Ines slipped 15 days past a strong inner tie; Walt one day past a weak
    distant one; Hal helped two weeks ago and has not been thanked; Fresh is
    in touch and not due."""
    ines = _person(ana, "Ines Inner", None, tier="inner", organization="Acme")
    for on, intent in [
        ("2023-01-10", "give"),
        ("2024-03-01", "catch-up"),
        ("2025-02-01", "thanks"),
        ("2026-05-01", "catch-up"),
    ]:
        log_interaction(ana, people=[ines], intent=intent, on=date.fromisoformat(on))
    walt = _person(ana, "Walt Weak", "2025-06-14", tier="distant")
    hal = _person(ana, "Hal Helper", None, tier="network")
    log_interaction(
        ana,
        people=[hal],
        intent="received",
        summary="an intro to a recruiter",
        on=date(2026, 6, 1),
    )
    fresh = _person(ana, "Fresh Friend", "2026-06-10", tier="close")
    return {"ines": ines, "walt": walt, "hal": hal, "fresh": fresh}


def test_today_shows_who_to_reach_best_first_with_reasons(client: Client, ana, cast):
    response = client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    names = _agenda_names(body)
    # The order `netlife agenda` gives: a thank-you owed outranks a strong
    # tie slipping, which outranks a weak one barely due.
    assert names == [i.facts.name for i in queries.agenda(ana).items]
    assert names == ["Hal Helper", "Ines Inner", "Walt Weak"]
    assert "Fresh Friend" not in names
    assert "15 days past your 30-day cadence (last in touch 2026-05-01)." in body
    assert "15 days overdue" in body
    assert "helped you 14 days ago" in body
    assert f'href="/people/{cast["ines"].pk}/"' in body
    assert re.search(r"score \d+\.\d\d", body)
    assert 'aria-current="page">Today<' in body


def test_each_row_offers_log_it_with_a_fitting_intent_and_snooze(client: Client, cast):
    body = client.get("/").content.decode()
    hal = cast["hal"].pk
    assert f'id="log-{hal}"' in body
    assert 'action="/interactions/log/"' in body
    # A thank-you owed starts the form on "thanks".
    hal_form = body[body.index(f'id="log-{hal}"') :]
    assert re.search(r'<option value="thanks" selected>', hal_form[:3000])
    assert f'action="/people/{hal}/snooze/"' in body
    assert 'name="next" value="/"' in body


def test_cara_s_people_never_show_on_today(client: Client, ana, cara, cast):
    secret = _person(cara, "Cara Secret", "2025-01-01", tier="inner")
    log_interaction(cara, people=[secret], intent="ask", on=date(2026, 6, 1))
    for url in ("/", "/today/side/"):
        body = client.get(url).content.decode()
        assert "Cara Secret" not in body


def test_an_empty_network_offers_the_demo_and_an_import(client: Client, ana, cara):
    _person(cara, "Cara Secret", "2025-01-01", tier="inner")
    body = client.get("/").content.decode()
    assert "Welcome to netlife" in body
    assert 'action="/demo/"' in body
    assert 'name="csrfmiddlewaretoken"' in body
    assert 'href="/import/"' in body
    assert "Who to reach today" not in body


def test_nobody_due_says_so(client: Client, ana):
    _person(ana, "Fresh Friend", "2026-06-10", tier="close")
    body = client.get("/").content.decode()
    assert "Nobody is due today." in body
    assert _agenda_names(body) == []


def test_logging_from_today_takes_the_person_off_the_agenda(client: Client, cast):
    ines = cast["ines"]
    response = client.post(
        "/interactions/log/",
        {"person": ines.pk, "intent": "catch-up", "summary": "coffee", "next": "/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/"
    body = client.get("/").content.decode()
    assert "Ines Inner" not in _agenda_names(body)
    assert "Logged a catch-up by message with Ines Inner today." in body
    assert Interaction.objects.filter(summary="coffee").count() == 1


def test_logging_with_htmx_swaps_in_the_changed_agenda(client: Client, cast):
    hal = cast["hal"]
    response = client.post(
        "/interactions/log/",
        {"person": hal.pk, "intent": "thanks", "next": "/"},
        headers=HTMX,
    )
    assert response.status_code == 302
    fragment = client.get(response["Location"], headers=HTMX)
    body = fragment.content.decode()
    assert "<html" not in body
    assert body.lstrip().startswith('<div id="today"')
    assert "Hal Helper" not in _agenda_names(body)
    assert "Ines Inner" in _agenda_names(body)
    # The message saying what happened comes with the fragment.
    assert 'id="today-status"' in body
    assert "Logged a thank-you by message with Hal Helper today." in body
    assert "HX-Request" in fragment["Vary"]


def test_htmx_restoring_history_gets_the_whole_page(client: Client, cast):
    response = client.get("/", headers={**HTMX, "HX-History-Restore-Request": "true"})
    assert "<html" in response.content.decode()


def test_the_form_used_from_today_forms_swaps_today(client: Client, cast):
    body = client.get("/").content.decode()
    assert 'hx-target="#today" hx-select="#today"' in body


@pytest.mark.parametrize(
    ("choice", "until"),
    [({"days": "7"}, TODAY + timedelta(days=7)),
     ({"days": "30"}, TODAY + timedelta(days=30)),
     ({"until": "2026-07-20"}, date(2026, 7, 20))],
)  # fmt: skip
def test_snoozing_takes_the_person_off_today_s_agenda(
    client: Client, cast, choice, until
):
    ines = cast["ines"]
    response = client.post(f"/people/{ines.pk}/snooze/", {**choice, "next": "/"})
    assert response.status_code == 302
    assert response["Location"] == "/"
    ines.refresh_from_db()
    assert ines.snoozed_until == until
    body = client.get("/").content.decode()
    assert "Ines Inner" not in _agenda_names(body)
    assert "Ines Inner is off the agenda until" in body


def test_the_snooze_form_offers_to_lift_a_snooze(ana, cast):
    ines = cast["ines"]
    client_request = RequestFactory().get(f"/people/{ines.pk}/")
    body = render_to_string(
        "relationships/_snooze_form.html", {"person": ines}, request=client_request
    )
    assert "Back on the agenda now" not in body
    assert f'name="next" value="/people/{ines.pk}/"' in body
    assert 'hx-target="#main"' in body
    ines.snoozed_until = date(2026, 7, 1)
    body = render_to_string(
        "relationships/_snooze_form.html", {"person": ines}, request=client_request
    )
    assert "Snoozed until 1 Jul 2026." in body
    assert 'name="off" value="1"' in body


def test_snooze_off_puts_the_person_back(client: Client, cast):
    ines = cast["ines"]
    client.post(f"/people/{ines.pk}/snooze/", {"days": "7"})
    response = client.post(f"/people/{ines.pk}/snooze/", {"off": "1", "next": "/"})
    assert response.status_code == 302
    ines.refresh_from_db()
    assert ines.snoozed_until is None
    assert "Ines Inner" in _agenda_names(client.get("/").content.decode())


@pytest.mark.parametrize(
    ("until", "error"),
    [("not-a-date", "is not a valid date; write it as YYYY-MM-DD"),
     ("2026-06-15", "Snooze until a day after today."),
     ("", "Pick the day they come back on the agenda.")],
)  # fmt: skip
def test_a_bad_snooze_date_is_explained_beside_the_field(
    client: Client, cast, until, error
):
    ines = cast["ines"]
    response = client.post(f"/people/{ines.pk}/snooze/", {"until": until, "next": "/"})
    assert response.status_code == 400
    body = response.content.decode()
    field_error = re.search(
        rf'<p class="field-error" id="snooze-{ines.pk}-until-error">([^<]+)</p>', body
    )
    assert field_error is not None
    assert error in field_error.group(1).replace("&#x27;", "'")
    assert f'aria-describedby="snooze-{ines.pk}-until-error"' in body
    assert 'aria-invalid="true"' in body
    ines.refresh_from_db()
    assert ines.snoozed_until is None


def test_a_bad_snooze_with_htmx_sends_back_only_the_form(client: Client, cast):
    ines = cast["ines"]
    response = client.post(
        f"/people/{ines.pk}/snooze/", {"until": "soon", "next": "/"}, headers=HTMX
    )
    assert response.status_code == 200  # htmx swaps only successful responses
    body = response.content.decode()
    assert "<html" not in body
    assert response["HX-Retarget"] == f"#snooze-{ines.pk}"
    assert response["HX-Reselect"] == f"#snooze-{ines.pk}"
    assert "is not a valid date" in body
    assert 'hx-target="#today"' in body  # a retry still refreshes Today


def test_snoozing_cara_s_person_or_an_unknown_one_is_a_404(client: Client, ana, cara):
    secret = _person(cara, "Cara Secret", "2025-01-01", tier="inner")
    assert client.post(f"/people/{secret.pk}/snooze/", {"days": "7"}).status_code == 404
    assert client.post("/people/999999/snooze/", {"days": "7"}).status_code == 404
    assert client.post(f"/people/{2**63}/snooze/", {"days": "7"}).status_code == 404
    secret.refresh_from_db()
    assert secret.snoozed_until is None


def test_snooze_and_told_take_only_posts(client: Client, cast):
    ines = cast["ines"]
    assert client.get(f"/people/{ines.pk}/snooze/").status_code == 405
    assert client.get(f"/people/{ines.pk}/told/").status_code == 405


def test_an_unsafe_next_is_not_followed(client: Client, cast):
    ines = cast["ines"]
    response = client.post(
        f"/people/{ines.pk}/snooze/",
        {"days": "7", "next": "https://evil.example/"},
    )
    assert response["Location"] == "/"


def test_the_side_cards_load_after_the_agenda(client: Client, cast):
    body = client.get("/").content.decode()
    assert 'hx-get="/today/side/" hx-trigger="load"' in body
    assert '<a href="/today/side/">' in body  # without JavaScript, a link
    side = client.get("/today/side/", headers=HTMX)
    assert side.content.decode().lstrip().startswith('<div class="today__side"')
    page = client.get("/today/side/").content.decode()
    assert "<html" in page
    assert "Gone quiet" in page


def test_dormant_ties_come_with_a_way_back_in(client: Client, ana):
    dora = _person(
        ana, "Dora Dormant", "2024-06-01", tier="inner", organization="Umbrella"
    )
    log_interaction(
        ana,
        people=[dora],
        intent="catch-up",
        summary="her move to Lisbon",
        on=date(2025, 1, 1),
    )
    body = client.get("/today/side/", headers=HTMX).content.decode()
    assert "Dora Dormant" in body
    assert "Silent 530 days (every 30 days" in body
    assert "Way back in:" in body
    assert "her move to Lisbon" in body


def test_the_balance_warns_a_taker(client: Client, ana):
    people = [_person(ana, f"Person {n}", None, tier="close") for n in range(6)]
    for person in people[:4]:
        log_interaction(ana, people=[person], intent="ask", on=date(2026, 6, 1))
    for person in people[4:]:
        log_interaction(ana, people=[person], intent="give", on=date(2026, 6, 1))
    body = client.get("/today/side/", headers=HTMX).content.decode()
    assert "You have mostly been asking." in body
    assert "4 of your 6 interactions in the last 90 days were asks" in body


def test_a_balanced_network_gets_no_taker_warning(client: Client, cast):
    body = client.get("/today/side/", headers=HTMX).content.decode()
    assert "mostly been asking" not in body
    assert "Give and ask" in body


def test_without_a_goal_today_links_to_settings(client: Client, cast):
    body = client.get("/today/side/", headers=HTMX).content.decode()
    assert "No goal set" in body
    assert 'href="/settings/"' in body
    assert "Who should hear it next" not in body


def test_with_a_goal_today_says_who_should_hear_it_next(client: Client, ana, cast):
    set_goal(ana, "a product role in climate tech")
    body = client.get("/today/side/", headers=HTMX).content.decode()
    assert "a product role in climate tech" in body
    assert "Who should hear it next" in body
    ines = cast["ines"]
    assert f'action="/people/{ines.pk}/told/"' in body
    assert 'name="next" value="/"' in body  # inside Today, back to Today
    response = client.post(f"/people/{ines.pk}/told/", {"next": "/"})
    assert response.status_code == 302
    assert GoalAwareness.objects.filter(person=ines).exists()
    side = client.get("/today/side/", headers=HTMX).content.decode()
    assert f'action="/people/{ines.pk}/told/"' not in side
    assert "Ines Inner knows your goal now." in client.get("/").content.decode()


def test_telling_cara_s_person_is_a_404(client: Client, ana, cara):
    set_goal(ana, "a product role in climate tech")
    secret = _person(cara, "Cara Secret", "2025-01-01", tier="inner")
    assert client.post(f"/people/{secret.pk}/told/").status_code == 404
    assert not GoalAwareness.objects.exists()


def test_show_more_extends_the_agenda(client: Client, ana):
    for n in range(12):
        _person(ana, f"Due Person {n:02}", "2026-05-01", tier="inner")
    body = client.get("/").content.decode()
    assert len(_agenda_names(body)) == 10
    assert 'href="/?limit=20"' in body
    more = client.get("/", {"limit": "20"}).content.decode()
    assert len(_agenda_names(more)) == 12
    assert "Show more" not in more
    assert client.get("/", {"limit": "junk"}).status_code == 200


def test_no_inline_script_or_style(client: Client, cast):
    body = client.get("/").content.decode()
    assert "style=" not in body
    assert " on" + "click" not in body
    assert "hx-on" not in body
    for script in re.findall(r"<script[^>]*>(.*?)</script>", body, re.S):
        assert script.strip() == ""
    assert "netlife/js/today" in body


def _writes(captured: list[dict[str, str]]) -> list[str]:
    return [
        q["sql"]
        for q in captured
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]


def test_a_get_never_writes(client: Client, ana, cast):
    set_goal(ana, "a product role in climate tech")
    client.get("/")  # the first request may set up the session and CSRF cookie
    for url in ("/", "/today/side/", "/?limit=50"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        assert _writes(queries.captured_queries) == []


def _due_people(network: Network, count: int, start: int = 0) -> None:
    for n in range(start, start + count):
        person = _person(
            network, f"Due {n:03}", "2026-03-01", tier="inner", organization=f"Org {n}"
        )
        log_interaction(
            network, people=[person], intent="received", on=date(2026, 6, 1)
        )
        _person(network, f"Quiet {n:03}", "2025-01-01", tier="inner")


def test_today_needs_the_same_queries_for_3_rows_as_for_30(
    client: Client, ana, django_assert_num_queries
):
    set_goal(ana, "a product role in climate tech")
    _due_people(ana, 3)
    client.get("/")
    with CaptureQueriesContext(connection) as few:
        body = client.get("/?limit=50").content.decode()
    assert len(_agenda_names(body)) == 3
    _due_people(ana, 27, start=3)
    with django_assert_num_queries(len(few.captured_queries)):
        body = client.get("/?limit=50").content.decode()
    assert len(_agenda_names(body)) == 30


def test_the_side_cards_need_the_same_queries_for_3_rows_as_for_30(
    client: Client, ana, django_assert_num_queries
):
    set_goal(ana, "a product role in climate tech")
    _due_people(ana, 3)
    client.get("/today/side/")
    with CaptureQueriesContext(connection) as few:
        body = client.get("/today/side/").content.decode()
    assert body.count('class="dormant-list__item"') == 3
    _due_people(ana, 27, start=3)
    with django_assert_num_queries(len(few.captured_queries)):
        body = client.get("/today/side/").content.decode()
    assert body.count('class="dormant-list__item"') == 5
    assert body.count('class="hear-next__item"') == 5
