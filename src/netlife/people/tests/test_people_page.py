import re
from datetime import date

import pytest
from django.test import Client

from netlife.core.errors import InvalidInput
from netlife.interactions.services import log_interaction
from netlife.networks.models import Network
from netlife.people import queries, services, views
from netlife.people.models import Person
from netlife.people.services import PersonChanges, add_person, edit_person

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
    response = client.get("/people/")
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
    body = client.get("/people/").content.decode()
    assert "1 Apr 2026" in body  # last contact
    assert "1 May 2026" in body  # due 30 days later, before NETLIFE_TODAY
    assert "overdue" in body


def test_search_filters_by_name_organization_and_email(client: Client, ana):
    add_person(ana, name="Ada Lovelace", organization="Analytical Engines")
    add_person(ana, name="Grace Hopper", emails=["grace@navy.example"])
    add_person(ana, name="Alan Turing")
    assert _names(client.get("/people/", {"q": "lovelace"}).content.decode()) == [
        "Ada Lovelace"
    ]
    assert _names(client.get("/people/", {"q": "analytical"}).content.decode()) == [
        "Ada Lovelace"
    ]
    assert _names(client.get("/people/", {"q": "navy.example"}).content.decode()) == [
        "Grace Hopper"
    ]
    body = client.get("/people/", {"q": "nobody-like-this"}).content.decode()
    assert _names(body) == []
    assert "No one matches" in body
    assert "Load a demo network" not in body


def test_filters_by_tag_and_organization(client: Client, ana):
    add_person(ana, name="Ada Lovelace", organization="Acme", tags=["mentor"])
    add_person(ana, name="Alan Turing", organization="ACME Inc.")
    add_person(ana, name="Grace Hopper", organization="Navy", tags=["mentor"])
    assert _names(client.get("/people/", {"tag": "mentor"}).content.decode()) == [
        "Ada Lovelace",
        "Grace Hopper",
    ]
    assert _names(client.get("/people/", {"org": "acme"}).content.decode()) == [
        "Ada Lovelace",
        "Alan Turing",
    ]
    assert _names(client.get("/people/", {"tag": " Mentor "}).content.decode()) == [
        "Ada Lovelace",
        "Grace Hopper",
    ]
    body = client.get("/people/", {"org": "acme", "tag": "mentor"}).content.decode()
    assert _names(body) == ["Ada Lovelace"]
    assert '<option value="mentor" selected>' in body  # searching keeps the filters


def test_an_htmx_request_gets_only_the_rows_fragment(client: Client, ana):
    add_person(ana, name="Ada Lovelace")
    add_person(ana, name="Grace Hopper")
    # The search form sends its empty filters too.
    params = {"q": "grace", "tag": "", "org": "", "tier": "", "due": ""}
    response = client.get("/people/", params, headers=HTMX)
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert "<header" not in body
    assert _names(body) == ["Grace Hopper"]
    assert 'hx-swap-oob="innerHTML"' in body  # the count above the table follows
    assert response["HX-Push-Url"] == "/people/?q=grace"
    assert "HX-Request" in response["Vary"]


def test_htmx_restoring_history_gets_the_whole_page(client: Client, ana):
    response = client.get(
        "/people/", headers={**HTMX, "HX-History-Restore-Request": "true"}
    )
    assert "<html" in response.content.decode()


def test_the_list_is_paginated_by_fifty(client: Client, ana):
    _add_many(ana, 55)
    first = client.get("/people/").content.decode()
    assert len(_names(first)) == 50
    assert "55 people" in first
    assert "page 1 of 2" in first
    assert 'rel="next" href="/people/?page=2"' in first
    second = client.get("/people/", {"page": "2"}).content.decode()
    assert _names(second) == [f"Person {n:03}" for n in range(50, 55)]
    assert 'rel="prev"' in second
    # A page number out of range or not a number shows a real page, not an error.
    assert client.get("/people/", {"page": "99"}).status_code == 200
    assert client.get("/people/", {"page": "x"}).status_code == 200


def test_pagination_links_keep_the_search_and_filters(client: Client, ana):
    _add_many(ana, 55)
    body = client.get("/people/", {"q": "person", "tag": "alumni"}).content.decode()
    assert 'href="/people/?q=person&amp;tag=alumni&amp;page=2"' in body


def test_the_list_needs_the_same_few_queries_for_any_number_of_people(
    client: Client, ana, django_assert_max_num_queries
):
    add_person(ana, name="Ada Lovelace", tags=["mentor"])
    client.get("/people/")  # the first request creates the CSRF cookie and warms caches
    with django_assert_max_num_queries(12) as few:
        client.get("/people/")
    _add_many(ana, 60)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/people/")
    assert len(_names(response.content.decode())) == 50


def test_an_empty_network_offers_demo_data_and_the_cli(client: Client, ana):
    body = client.get("/people/").content.decode()
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
    body = client.get("/people/").content.decode()
    active = Person.objects.filter(network=ana, archived=False).count()
    assert f"{active} people" in body  # archived demo people are not listed
    assert "Loaded a demo network" in body
    assert "Load a demo network (300 people)" not in body


def test_the_demo_cannot_be_loaded_with_a_get(client: Client, ana):
    assert client.get("/demo/").status_code == 405


def test_loading_the_demo_twice_adds_nothing_the_second_time(client: Client, ana):
    pytest.importorskip("netlife.demo.services")
    client.post("/demo/")
    client.get("/people/")  # shows, and so clears, the first message
    response = client.post("/demo/")
    assert response["Location"] == "/"
    assert Person.objects.filter(network=ana).count() == 300
    body = client.get("/people/").content.decode()
    assert "already has people, so no demo was added" in body


# --- Filters by tier and due state ------------------------------------------


def _keep_in_touch_cast(network: Network) -> dict[str, Person]:
    """Five people, one per due state (NETLIFE_TODAY is 2026-06-15)."""
    people = {
        "ada": add_person(network, name="Ada Lovelace", tier="inner"),
        "grace": add_person(network, name="Grace Hopper", tier="inner"),
        "alan": add_person(network, name="Alan Turing", tier="close"),
        "bea": add_person(network, name="Bea Quiet", tier="none"),
        "cy": add_person(network, name="Cy Newcomer", tier="inner"),
        "pia": add_person(network, name="Pia Prospect", prospect=True),
    }
    # due 1 May: overdue; due 19 June: this week; due 30 Aug: not due yet.
    log_interaction(network, people=[people["ada"]], intent="give", on=date(2026, 4, 1))
    log_interaction(
        network, people=[people["grace"]], intent="give", on=date(2026, 5, 20)
    )
    log_interaction(
        network, people=[people["alan"]], intent="give", on=date(2026, 6, 1)
    )
    return people  # cy, never contacted, is due today: this week


def test_the_tier_filter_narrows_the_list(client: Client, ana):
    _keep_in_touch_cast(ana)
    assert _names(client.get("/people/", {"tier": "inner"}).content.decode()) == [
        "Ada Lovelace",
        "Cy Newcomer",
        "Grace Hopper",
    ]
    assert _names(client.get("/people/", {"tier": "close"}).content.decode()) == [
        "Alan Turing"
    ]
    # Prospects are reached through ties, so they are on no tier.
    assert _names(client.get("/people/", {"tier": "none"}).content.decode()) == [
        "Bea Quiet",
        "Pia Prospect",
    ]
    body = client.get("/people/", {"tier": "distant"}).content.decode()
    assert _names(body) == []
    assert "on the distant tier" in body


@pytest.mark.parametrize(
    ("due", "names"),
    [
        ("overdue", ["Ada Lovelace"]),
        ("week", ["Cy Newcomer", "Grace Hopper"]),
        ("later", ["Alan Turing"]),
        ("untracked", ["Bea Quiet", "Pia Prospect"]),
    ],
)
def test_the_due_filter_narrows_the_list(client: Client, ana, due, names):
    _keep_in_touch_cast(ana)
    body = client.get("/people/", {"due": due}).content.decode()
    assert _names(body) == names
    assert f'<option value="{due}" selected>' in body


@pytest.mark.parametrize(
    ("params", "count"),
    [
        ({"tier": "inner"}, 3),
        ({"tier": "none"}, 2),
        ({"due": "overdue"}, 1),
        ({"due": "untracked"}, 2),
        ({"tier": "inner", "due": "week"}, 2),
    ],
)
def test_filtered_counts_leave_out_archived_people(client: Client, ana, params, count):
    _keep_in_touch_cast(ana)
    for name, tier in (("Gone Inner", "inner"), ("Gone None", "none")):
        gone = add_person(ana, name=name, tier=tier)
        log_interaction(ana, people=[gone], intent="give", on=date(2026, 4, 1))
        edit_person(ana, gone, PersonChanges(archived=True))
    body = client.get("/people/", params).content.decode()
    assert len(_names(body)) == count
    assert f"{count} {'person' if count == 1 else 'people'} found" in body
    assert "Gone" not in body


def test_filters_combine_with_the_search_and_each_other(client: Client, ana):
    _keep_in_touch_cast(ana)
    assert _names(
        client.get("/people/", {"due": "week", "q": "grace"}).content.decode()
    ) == ["Grace Hopper"]
    assert (
        _names(
            client.get("/people/", {"due": "week", "tier": "close"}).content.decode()
        )
        == []
    )
    response = client.get("/people/", {"tier": "inner", "due": "overdue"}, headers=HTMX)
    assert "<html" not in response.content.decode()
    assert _names(response.content.decode()) == ["Ada Lovelace"]


def test_an_unknown_tier_or_due_state_in_the_url_filters_nothing(client: Client, ana):
    _keep_in_touch_cast(ana)
    response = client.get("/people/", {"tier": "bogus", "due": "<script>"})
    assert response.status_code == 200
    assert len(_names(response.content.decode())) == 6


def test_pagination_links_keep_tier_and_due(client: Client, ana):
    for n in range(55):
        add_person(ana, name=f"Person {n:03}", tier="inner")
    body = client.get("/people/", {"tier": "inner", "due": "week"}).content.decode()
    assert 'href="/people/?tier=inner&amp;due=week&amp;page=2"' in body
    assert "55 people found" in body


def test_the_filtered_list_needs_the_same_queries_for_3_or_30_people(
    client: Client, ana, django_assert_max_num_queries, django_assert_num_queries
):
    def add(count: int, start: int) -> None:
        for n in range(start, start + count):
            person = add_person(ana, name=f"P {n:03}", tier="inner", tags=["x"])
            log_interaction(ana, people=[person], intent="give", on=date(2026, 4, 1))

    add(3, 0)
    params = {"tier": "inner", "due": "overdue", "tag": "x", "q": "p"}
    client.get("/people/", params)
    with django_assert_max_num_queries(12) as few:
        assert len(_names(client.get("/people/", params).content.decode())) == 3
    add(27, 3)
    with django_assert_num_queries(len(few.captured_queries)):
        assert len(_names(client.get("/people/", params).content.decode())) == 30


# --- Bulk tag and tier ------------------------------------------------------


def _tags(person: Person) -> list[str]:
    return sorted(person.tags.values_list("name", flat=True))


def test_bulk_tag_tags_the_selected_people_only(client: Client, ana):
    ada = add_person(ana, name="Ada Lovelace", tags=["mentor"])
    grace = add_person(ana, name="Grace Hopper")
    alan = add_person(ana, name="Alan Turing")
    body = client.get("/people/").content.decode()
    assert 'id="bulk-form"' in body
    assert (
        f'<label for="select-{ada.pk}" class="visually-hidden">Select Ada Lovelace'
        in body
    )
    assert '<label for="select-page">Select all on this page</label>' in body
    response = client.post(
        "/people/bulk/",
        {
            "person": [ada.pk, grace.pk],
            "action": "tag",
            "tag": " Mentor ",
            "next": "/people/?q=a",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/people/?q=a"
    assert _tags(ada) == ["mentor"]
    assert _tags(grace) == ["mentor"]
    assert _tags(alan) == []
    body = client.get(response["Location"]).content.decode()
    assert "Tagged 2 people “mentor” (1 already had it)." in body


def test_bulk_select_all_on_the_page_works_without_scripts(client: Client, ana):
    ada = add_person(ana, name="Ada Lovelace")
    grace = add_person(ana, name="Grace Hopper")
    client.post(
        "/people/bulk/",
        {
            "all_on_page": "1",
            "page_person": [ada.pk, grace.pk],
            "action": "tag",
            "tag": "alumni",
        },
    )
    assert _tags(ada) == _tags(grace) == ["alumni"]


def test_bulk_tier_moves_the_selected_people_and_their_cadence(client: Client, ana):
    ada = add_person(ana, name="Ada Lovelace", tier="distant")
    grace = add_person(ana, name="Grace Hopper", tier="distant")
    log_interaction(ana, people=[ada], intent="give", on=date(2026, 4, 1))
    response = client.post(
        "/people/bulk/", {"person": [ada.pk], "action": "tier", "tier": "inner"}
    )
    assert response["Location"] == "/people/"
    ada.refresh_from_db()
    grace.refresh_from_db()
    assert (ada.tier, grace.tier) == ("inner", "distant")
    body = client.get("/people/", {"due": "overdue"}).content.decode()
    assert _names(body) == ["Ada Lovelace"]  # 30 days since 1 April: overdue now
    assert "1 person is now on the inner tier." in body


def test_bulk_tier_auto_lets_strength_decide(client: Client, ana):
    ada = add_person(ana, name="Ada Lovelace", tier="inner")
    client.post("/people/bulk/", {"person": [ada.pk], "action": "tier", "tier": "auto"})
    ada.refresh_from_db()
    assert ada.tier == ""
    body = client.get("/people/").content.decode()
    assert "1 person now gets their tier from tie strength." in body
    assert "(auto)" in body


def test_bulk_changes_refuse_another_network_s_people(client: Client, ana, cara):
    ada = add_person(ana, name="Ada Lovelace", tier="distant")
    secret = add_person(cara, name="Cara's Secret Contact", tier="distant")
    for data in (
        {"person": [ada.pk, secret.pk], "action": "tag", "tag": "stolen"},
        {"person": [ada.pk, secret.pk], "action": "tier", "tier": "inner"},
        {"all_on_page": "1", "page_person": [secret.pk], "action": "tag", "tag": "x"},
    ):
        response = client.post("/people/bulk/", data, follow=True)
        body = response.content.decode()
        assert "not in your network any more; nothing changed" in body
        assert "Secret Contact" not in body
    ada.refresh_from_db()
    secret.refresh_from_db()
    assert (ada.tier, secret.tier) == ("distant", "distant")
    assert _tags(ada) == _tags(secret) == []


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"action": "tag", "tag": "x", "person": []}, "Select at least one person"),
        ({"action": "tag", "tag": "  "}, "Write the tag to add. Nothing changed."),
        ({"action": "tag", "tag": "x" * 65}, "That tag is too long"),
        ({"action": "tier", "tier": ""}, "Choose a tier to set. Nothing changed."),
        ({"action": "tier", "tier": "sometimes"}, "Unknown tier"),
        ({"action": "explode"}, "Choose what to do with the selected people."),
        ({"action": "tag", "tag": "x", "person": ["abc"]}, "could not be read"),
        ({"action": "tag", "tag": "x", "person": ["²"]}, "could not be read"),
    ],
)
def test_bulk_errors_are_explained_and_write_nothing(client: Client, ana, data, error):
    ada = add_person(ana, name="Ada Lovelace", tier="distant")
    data = {"person": [ada.pk], **data}
    response = client.post("/people/bulk/", data, follow=True)
    assert error in response.content.decode()
    ada.refresh_from_db()
    assert ada.tier == "distant"
    assert _tags(ada) == []


def test_bulk_goes_back_to_the_list_never_elsewhere(client: Client, ana):
    ada = add_person(ana, name="Ada Lovelace")
    data = {"person": [ada.pk], "action": "tag", "tag": "x"}
    for next_url in ("https://evil.example/people/", "//evil.example/", "/leads/"):
        response = client.post("/people/bulk/", {**data, "next": next_url})
        assert response["Location"] == "/people/"


def test_bulk_changes_need_a_post(client: Client, ana):
    assert client.get("/people/bulk/").status_code == 405


# --- Adding a person --------------------------------------------------------


def test_the_list_links_to_the_add_form(client: Client, ana):
    add_person(ana, name="Ada Lovelace")
    assert 'href="/people/add/"' in client.get("/people/").content.decode()
    body = client.get("/people/add/").content.decode()
    for field in ("name", "email", "organization", "title", "tags", "tier",
                  "how_met", "prospect"):  # fmt: skip
        assert f'<label for="id_{field}"' in body
    assert 'name="csrfmiddlewaretoken"' in body


def test_adding_a_person_creates_them_and_opens_their_page(client: Client, ana):
    response = client.post(
        "/people/add/",
        {
            "name": "  Ada Lovelace ",
            "email": "ada@example.com",
            "organization": "Analytical Engines",
            "title": "Engineer",
            "tags": "Mentor, alumni, ,mentor",
            "tier": "close",
            "how_met": "A lecture on engines",
            "prospect": "on",
        },
    )
    ada = Person.objects.get(network=ana)
    assert response.status_code == 302
    assert response["Location"] == f"/people/{ada.pk}/"
    assert ada.full_name == "Ada Lovelace"
    assert (
        ada.organization is not None and ada.organization.name == "Analytical Engines"
    )
    assert (ada.title, ada.tier, ada.how_met) == (
        "Engineer",
        "close",
        "A lecture on engines",
    )
    assert ada.kind == Person.Kind.PROSPECT
    assert _tags(ada) == ["alumni", "mentor"]
    assert list(ada.contact_methods.values_list("value", flat=True)) == [
        "ada@example.com"
    ]


def test_adding_with_only_a_name_makes_a_contact_on_an_auto_tier(client: Client, ana):
    client.post("/people/add/", {"name": "Grace Hopper", "tier": "auto"})
    grace = Person.objects.get(network=ana)
    assert (grace.kind, grace.tier) == (Person.Kind.CONTACT, "")


@pytest.mark.parametrize(
    ("data", "field", "error"),
    [
        ({"name": "   "}, "name", "A person needs a name."),
        ({"name": "Ada", "email": "not-an-email"}, "email", "is not an email address"),
        ({"name": "Ada", "tier": "sometimes"}, "tier", "Select a valid choice"),
        ({"name": "Ada", "tags": "x" * 70}, "tags", "A tag is 64 characters at most"),
        ({"name": "A" * 301}, "name", "at most 300 characters"),
    ],
)
def test_adding_invalid_input_explains_beside_the_field_and_writes_nothing(
    client: Client, ana, data, field, error
):
    response = client.post("/people/add/", {"tier": "auto", **data})
    assert response.status_code == 400
    body = response.content.decode()
    errors = re.search(
        rf'<ul class="errorlist" id="id_{field}_error">(.*?)</ul>', body, re.S
    )
    assert errors is not None and error in errors.group(1)
    control = re.search(rf'<(?:input|select|textarea)[^>]*id="id_{field}"[^>]*>', body)
    assert control is not None
    assert 'aria-invalid="true"' in control.group(0)
    assert f"id_{field}_error" in control.group(0)  # aria-describedby
    assert not Person.objects.filter(network=ana).exists()


def test_a_get_of_the_list_or_the_add_form_writes_nothing(client: Client, ana):
    _keep_in_touch_cast(ana)
    before = Person.objects.count()
    client.get("/people/", {"tier": "inner"})
    client.get("/people/add/")
    assert Person.objects.count() == before


# --- Search on large networks -----------------------------------------------


def _search_cast(network: Network) -> None:
    add_person(network, name="Ann Lee", organization="Annex Labs")
    add_person(network, name="Bob Annan", emails=["bob@annan.example"])
    add_person(network, name="Cy Stone", title="Anne's assistant")
    add_person(network, name="Dee Park", emails=["dee@channel.example"])
    add_person(network, name="Eve Zed", tags=["vip"], tier="inner")
    add_person(network, name="Ann Archived")
    archived = Person.objects.get(network=network, full_name="Ann Archived")
    edit_person(network, archived, PersonChanges(archived=True))
    for n in range(6):
        add_person(network, name=f"Zed {n}", organization="Annex Labs", tags=["vip"])


@pytest.mark.parametrize("query", ["ann", "an", "a", "e", "zed", "ANNEX", "nobody"])
@pytest.mark.parametrize(("cap", "sort_limit"), [(3, 2), (3, 100), (100, 100)])
def test_matching_ids_finds_what_the_list_query_finds_in_its_order(
    ana, cara, query, cap, sort_limit
):
    _search_cast(ana)
    _search_cast(cara)
    expected = list(queries.search_people(ana, query).values_list("pk", flat=True))
    ids, more = queries.matching_ids(ana, query, cap=cap, sort_limit=sort_limit)
    assert ids == expected[:cap]
    assert more == (len(expected) > cap)
    narrowed = list(
        queries.list_people(ana, query, tag="vip", tier="inner").values_list(
            "pk", flat=True
        )
    )
    assert narrowed == list(
        queries.filter_by_keeping_in_touch(
            queries.search_people(ana, query, tag="vip"), tier="inner"
        ).values_list("pk", flat=True)
    )
    ids, _ = queries.matching_ids(
        ana, query, cap=cap, sort_limit=sort_limit, tag="vip", tier="inner"
    )
    assert ids == narrowed[:cap]


def test_a_search_matching_very_many_says_so_and_lists_the_first(
    client: Client, ana, monkeypatch
):
    monkeypatch.setattr(views, "SEARCH_CAP", 5)
    for n in range(8):
        add_person(ana, name=f"Person {n}")
    body = client.get("/people/", {"q": "person"}).content.decode()
    assert "More than 5 people found" in body
    assert _names(body) == [f"Person {n}" for n in range(5)]
    assert "Only the first 5 matches are listed" in body


def test_the_bulk_services_refuse_another_network_s_people(ana, cara):
    ada = add_person(ana, name="Ada Lovelace")
    secret = add_person(cara, name="Cara's Secret Contact")
    with pytest.raises(InvalidInput):
        services.tag_people(ana, [ada, secret], "x")
    with pytest.raises(InvalidInput):
        services.set_tier(ana, [ada, secret], "inner")
    assert not ada.tags.exists() and not secret.tags.exists()
