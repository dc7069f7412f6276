import re
from datetime import date

import pytest
from django.test import Client

from netlife.interactions.services import log_interaction
from netlife.networks.models import Network
from netlife.people.models import Person
from netlife.people.services import add_person

HTMX = {"HX-Request": "true"}


def _names(body: str) -> list[str]:
    return re.findall(r'<a href="/people/\d+/">([^<]+)</a>', body)


def _add_many(network: Network, count: int) -> None:
    for n in range(count):
        add_person(
            network,
            name=f"Person {n:03}",
            emails=[f"p{n}@example.com"],
            organization=f"Org {n % 7}",
            tags=["alumni", "mentor"] if n % 2 else ["alumni"],
        )


def test_the_list_shows_ana_s_people_and_never_cara_s(client: Client, ana, cara):
    add_person(
        ana, name="Ada Lovelace", organization="Analytical Engines", title="Engineer"
    )
    add_person(ana, name="Grace Hopper", organization="Navy", tags=["mentor"])
    add_person(cara, name="Cara's Secret Contact")
    response = client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert _names(body) == ["Ada Lovelace", "Grace Hopper"]
    assert "Analytical Engines" in body
    assert "Engineer" in body
    assert "mentor" in body
    assert "2 people" in body
    assert "Secret Contact" not in body


def test_the_list_shows_last_contact_and_marks_overdue_people(client: Client, ana):
    ada = add_person(ana, name="Ada Lovelace", tier="inner")
    log_interaction(ana, people=[ada], intent="catch-up", on=date(2026, 4, 1))
    body = client.get("/").content.decode()
    assert "1 Apr 2026" in body  # last contact
    assert "1 May 2026" in body  # due 30 days later, before NETLIFE_TODAY
    assert "overdue" in body


def test_search_filters_by_name_organization_and_email(client: Client, ana):
    add_person(ana, name="Ada Lovelace", organization="Analytical Engines")
    add_person(ana, name="Grace Hopper", emails=["grace@navy.example"])
    add_person(ana, name="Alan Turing")
    assert _names(client.get("/", {"q": "lovelace"}).content.decode()) == [
        "Ada Lovelace"
    ]
    assert _names(client.get("/", {"q": "analytical"}).content.decode()) == [
        "Ada Lovelace"
    ]
    assert _names(client.get("/", {"q": "navy.example"}).content.decode()) == [
        "Grace Hopper"
    ]
    body = client.get("/", {"q": "nobody-like-this"}).content.decode()
    assert _names(body) == []
    assert "No one matches" in body
    assert "Load a demo network" not in body


def test_filters_by_tag_and_organization(client: Client, ana):
    add_person(ana, name="Ada Lovelace", organization="Acme", tags=["mentor"])
    add_person(ana, name="Alan Turing", organization="ACME Inc.")
    add_person(ana, name="Grace Hopper", organization="Navy", tags=["mentor"])
    assert _names(client.get("/", {"tag": "mentor"}).content.decode()) == [
        "Ada Lovelace",
        "Grace Hopper",
    ]
    assert _names(client.get("/", {"org": "acme"}).content.decode()) == [
        "Ada Lovelace",
        "Alan Turing",
    ]
    body = client.get("/", {"org": "acme", "tag": "mentor"}).content.decode()
    assert _names(body) == ["Ada Lovelace"]
    assert 'name="tag" value="mentor"' in body  # searching keeps the filters


def test_an_htmx_request_gets_only_the_rows_fragment(client: Client, ana):
    add_person(ana, name="Ada Lovelace")
    add_person(ana, name="Grace Hopper")
    response = client.get("/", {"q": "grace"}, headers=HTMX)
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert "<header" not in body
    assert _names(body) == ["Grace Hopper"]
    assert 'hx-swap-oob="innerHTML"' in body  # the count above the table follows
    assert "HX-Request" in response["Vary"]


def test_htmx_restoring_history_gets_the_whole_page(client: Client, ana):
    response = client.get("/", headers={**HTMX, "HX-History-Restore-Request": "true"})
    assert "<html" in response.content.decode()


def test_the_list_is_paginated_by_fifty(client: Client, ana):
    _add_many(ana, 55)
    first = client.get("/").content.decode()
    assert len(_names(first)) == 50
    assert "55 people" in first
    assert "page 1 of 2" in first
    assert 'rel="next" href="/?page=2"' in first
    second = client.get("/", {"page": "2"}).content.decode()
    assert _names(second) == [f"Person {n:03}" for n in range(50, 55)]
    assert 'rel="prev"' in second
    # A page number out of range or not a number shows a real page, not an error.
    assert client.get("/", {"page": "99"}).status_code == 200
    assert client.get("/", {"page": "x"}).status_code == 200


def test_pagination_links_keep_the_search_and_filters(client: Client, ana):
    _add_many(ana, 55)
    body = client.get("/", {"q": "person", "tag": "alumni"}).content.decode()
    assert 'href="/?q=person&amp;tag=alumni&amp;page=2"' in body


def test_the_list_needs_the_same_few_queries_for_any_number_of_people(
    client: Client, ana, django_assert_max_num_queries
):
    add_person(ana, name="Ada Lovelace", tags=["mentor"])
    client.get("/")  # the first request creates the CSRF cookie and warms caches
    with django_assert_max_num_queries(12) as few:
        client.get("/")
    _add_many(ana, 60)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/")
    assert len(_names(response.content.decode())) == 50


def test_an_empty_network_offers_demo_data_and_the_cli(client: Client, ana):
    body = client.get("/").content.decode()
    assert "Load a demo network (300 people)" in body
    assert 'action="/demo/"' in body
    assert 'name="csrfmiddlewaretoken"' in body
    assert 'netlife add "Ada Lovelace" --email ada@example.com' in body
    assert "netlife import" in body


def test_loading_the_demo_fills_the_network(client: Client, ana, cara):
    pytest.importorskip("netlife.demo.services")
    response = client.post("/demo/")
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert Person.objects.filter(network=ana).count() == 300
    assert not Person.objects.filter(network=cara).exists()
    body = client.get("/").content.decode()
    active = Person.objects.filter(network=ana, archived=False).count()
    assert f"{active} people" in body  # archived demo people are not listed
    assert "Loaded a demo network" in body
    assert "Load a demo network (300 people)" not in body


def test_the_demo_cannot_be_loaded_with_a_get(client: Client, ana):
    assert client.get("/demo/").status_code == 405


def test_person_detail_shows_the_summary_and_recent_interactions(client: Client, ana):
    ada = add_person(
        ana,
        name="Ada Lovelace",
        emails=["ada@example.com"],
        urls=["https://example.com/ada", "javascript:alert(1)"],
        organization="Analytical Engines",
        title="Engineer",
        tags=["mentor"],
    )
    for day in range(1, 26):
        log_interaction(
            ana,
            people=[ada],
            intent="give",
            summary=f"note {day:02}",
            on=date(2026, 5, day),
        )
    body = client.get(f"/people/{ada.pk}/").content.decode()
    assert '<h1 id="person-name">Ada Lovelace</h1>' in body
    assert 'href="mailto:ada@example.com"' in body
    assert 'href="https://example.com/ada"' in body
    assert 'href="javascript:' not in body
    assert "Engineer" in body
    notes = re.findall(r"note (\d\d)", body)
    # The last 20, newest first.
    assert notes == [f"{day:02}" for day in range(25, 5, -1)]


def test_person_detail_of_cara_s_person_is_the_designed_404(client: Client, ana, cara):
    theirs = add_person(cara, name="Cara's Secret Contact")
    response = client.get(f"/people/{theirs.pk}/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "This page is not here" in body
    assert "Secret Contact" not in body


def test_person_detail_of_an_impossible_id_is_a_404(client: Client, ana):
    assert client.get("/people/999999999999999999999999/").status_code == 404


def test_loading_the_demo_twice_adds_nothing_the_second_time(client: Client, ana):
    pytest.importorskip("netlife.demo.services")
    client.post("/demo/")
    response = client.post("/demo/", follow=True)
    assert Person.objects.filter(network=ana).count() == 300
    assert "already has people, so no demo was added" in response.content.decode()
