import re
from datetime import date
from pathlib import Path

import pytest
from django.test import Client

from netlife.interactions.services import log_interaction
from netlife.networks.models import Network
from netlife.people.models import Person
from netlife.people.services import add_person
from netlife.ties.services import record_tie

HTMX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def own_home(settings, tmp_path: Path) -> None:
    # The path index lives under NETLIFE_HOME: a test must not read another's.
    settings.NETLIFE_HOME = tmp_path


@pytest.fixture
def people(ana: Network) -> dict[str, Person]:
    """You know Ann well and Bob a little; Ann worked with Cara (Globex), Bob
    knows Dan (Globex); Cara and Dan are prospects."""
    ann = add_person(ana, name="Ann Lee", organization="Initech")
    bob = add_person(ana, name="Bob Moss")
    for on in (date(2026, 5, 1), date(2026, 5, 20), date(2026, 6, 10)):
        log_interaction(ana, people=[ann], intent="give", channel="meeting", on=on)
    log_interaction(ana, people=[bob], intent="catch-up", on=date(2025, 1, 10))
    cara = add_person(ana, name="Cara Diaz", organization="Globex", prospect=True)
    dan = add_person(ana, name="Dan Fox", organization="Globex", prospect=True)
    record_tie(ana, ann, cara, strength="strong", how="worked together at Initech")
    record_tie(ana, bob, dan, strength="weak")
    return {"ann": ann, "bob": bob, "cara": cara, "dan": dan}


def _paths(body: str) -> list[list[str]]:
    """Each path on the page as its people's names, "You" first."""
    found = []
    for hops in re.findall(r'<ol class="path__hops">(.*?)</ol>', body, re.S):
        found.append(
            [
                re.sub(r"<[^>]+>", "", name)
                for name in re.findall(
                    r'<li class="path__hop">'
                    r'(<strong>You</strong>|<a href="/people/\d+/">[^<]+</a>)',
                    hops,
                )
            ]
        )
    return found


def _error(body: str, field: str) -> str:
    found = re.search(
        rf'<p class="field__error" id="path-{field}-error">([^<]+)</p>', body
    )
    return found.group(1) if found else ""


def test_the_page_without_a_search_shows_the_form_and_no_error(client: Client, ana):
    response = client.get("/paths/")
    body = response.content.decode()
    assert response.status_code == 200
    assert '<a href="/paths/" aria-current="page">Paths</a>' in body
    assert 'name="to"' in body
    assert 'name="org"' in body
    assert 'name="max_hops"' in body
    assert 'value="3"' in body
    assert "field__error" not in body
    assert "aria-invalid" not in body


def test_paths_to_an_organization_are_shown_best_first_with_each_hop_explained(
    client: Client, ana, people
):
    response = client.get("/paths/", {"org": "globex"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Paths to anyone at" in body
    assert _paths(body) == [
        ["You", "Ann Lee", "Cara Diaz"],
        ["You", "Bob Moss", "Dan Fox"],
    ]
    assert f'<a href="/people/{people["cara"].pk}/">Cara Diaz</a>' in body
    assert "— worked together at Initech (strong)" in body
    assert "— your contact (tie strength" in body
    assert "(Globex)" in body
    strengths = [
        float(s) for s in re.findall(r"strength <strong>([\d.]+)</strong>", body)
    ]
    assert strengths == sorted(strengths, reverse=True)
    # Each path offers to draft the introduction through its first contact.
    assert (
        f'href="/people/{people["ann"].pk}/draft/?situation=intro-request&amp;'
        f'to={people["cara"].pk}"'
    ) in body


def test_a_path_to_a_person_by_name_or_id_names_whom_to_ask(
    client: Client, ana, people
):
    by_name = client.get("/paths/", {"to": "cara"}).content.decode()
    by_id = client.get("/paths/", {"to": str(people["cara"].pk)}).content.decode()
    for body in (by_name, by_id):
        assert _paths(body) == [["You", "Ann Lee", "Cara Diaz"]]
        assert "Who to ask for an introduction" in body
        assert "Draft the intro request" in body
        assert (
            f"/people/{people['ann'].pk}/draft/?situation=intro-request&amp;"
            f"to={people['cara'].pk}"
        ) in body


def test_a_contact_needs_no_introduction(client: Client, ana, people):
    body = client.get("/paths/", {"to": "Ann Lee"}).content.decode()
    assert ["You", "Ann Lee"] in _paths(body)
    assert "You know Ann Lee yourself: no introduction needed." in body
    assert f'href="/people/{people["ann"].pk}/draft/"' in body


def test_an_unknown_organization_is_one_sentence_beside_the_field(
    client: Client, ana, people
):
    response = client.get("/paths/", {"org": "Hooli"})
    body = response.content.decode()
    assert response.status_code == 200
    assert _error(body, "org").startswith(
        "No organization called &#x27;Hooli&#x27; in your network"
    )
    assert 'aria-describedby="path-org-hint path-org-error" aria-invalid="true"' in body
    assert "path-results" not in body


def test_an_unknown_person_is_one_sentence_beside_the_field(
    client: Client, ana, people
):
    body = client.get("/paths/", {"to": "Nobody Here"}).content.decode()
    assert (
        _error(body, "to") == "No one in this network matches &#x27;Nobody Here&#x27;."
    )
    body = client.get("/paths/", {"to": "99999999999999999999999"}).content.decode()
    assert _error(body, "to").startswith("No person with id 99999999999999999999999")


def test_an_ambiguous_name_offers_the_candidates_as_links(client: Client, ana, people):
    other = add_person(ana, name="Ann Leeds")
    body = client.get("/paths/", {"to": "ann", "max_hops": "4"}).content.decode()
    assert _error(body, "to") == "&#x27;ann&#x27; matches more than one person."
    assert f'href="/paths/?to={people["ann"].pk}&amp;max_hops=4&amp;limit=3"' in body
    assert f'href="/paths/?to={other.pk}&amp;max_hops=4&amp;limit=3"' in body


def test_no_path_is_a_clear_answer_with_a_suggestion(client: Client, ana, people):
    zed = add_person(ana, name="Zed Stone", prospect=True)
    response = client.get("/paths/", {"to": "Zed Stone"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "No path to Zed Stone within 3 hops." in body
    assert 'href="/paths/?to=Zed+Stone&amp;max_hops=4&amp;limit=3"' in body
    assert "Who else do they know?" in body  # the form that records a tie
    assert f'href="/people/{zed.pk}/"' in body
    assert "no one to ask yet" in body


def test_the_hop_limit_is_applied(client: Client, ana, people):
    body = client.get("/paths/", {"to": "Dan Fox", "max_hops": "1"}).content.decode()
    assert _paths(body) == []
    assert "No path to Dan Fox within 1 hop." in body


@pytest.mark.parametrize("hops", ["0", "7", "-1", "three", "2.5"])
def test_hops_out_of_bounds_are_explained_beside_the_field(
    client: Client, ana, people, hops
):
    response = client.get("/paths/", {"org": "Globex", "max_hops": hops})
    body = response.content.decode()
    assert response.status_code == 400
    assert _error(body, "hops") == "Hops must be a whole number from 1 to 6."
    assert 'id="path-hops"' in body
    assert "path-results" not in body


def test_a_bad_limit_is_explained_beside_the_field(client: Client, ana, people):
    response = client.get("/paths/", {"org": "Globex", "limit": "0"})
    assert response.status_code == 400
    assert _error(response.content.decode(), "limit") == "Show between 1 and 50 paths."


def test_a_person_and_an_organization_together_or_neither_is_explained(
    client: Client, ana, people
):
    both = client.get("/paths/", {"to": "Cara", "org": "Globex"})
    assert both.status_code == 400
    assert _error(both.content.decode(), "org") == (
        "Look for a person or an organization, not both."
    )
    neither = client.get("/paths/", {"to": "", "org": "", "max_hops": "3"})
    assert neither.status_code == 400
    assert _error(neither.content.decode(), "to") == (
        "Name a person or an organization to find paths to."
    )


def test_the_page_says_when_ties_changed_since_the_last_search(
    client: Client, ana, people
):
    before = client.get("/paths/").content.decode()
    assert "Ties changed since the last search" in before
    first = client.get("/paths/", {"org": "Globex"}).content.decode()
    assert "Ties had changed since the last search" in first
    again = client.get("/paths/", {"org": "Globex"}).content.decode()
    assert "Ties had changed" not in again
    assert "Ties changed since" not in client.get("/paths/").content.decode()
    record_tie(ana, people["ann"], people["dan"], strength="medium")
    assert "Ties changed since" in client.get("/paths/").content.decode()


def test_cara_s_people_never_appear(client: Client, ana, cara, people):
    theirs = add_person(cara, name="Cara's Secret", organization="Globex")
    friend = add_person(cara, name="Cara's Friend", organization="Globex")
    record_tie(cara, theirs, friend, strength="strong", how="secret club")
    body = client.get("/paths/", {"org": "Globex", "max_hops": "6"}).content.decode()
    assert _paths(body) == [
        ["You", "Ann Lee", "Cara Diaz"],
        ["You", "Bob Moss", "Dan Fox"],
    ]
    assert "Secret" not in body
    assert "secret club" not in body
    body = client.get("/paths/", {"to": str(friend.pk)}).content.decode()
    assert _error(body, "to") == f"No person with id {friend.pk} in this network."
    assert "Friend" not in body
    assert client.get(f"/paths/reach/{friend.pk}/").status_code == 404


def test_a_search_never_writes(client: Client, ana, people):
    count = Person.objects.count()
    client.get("/paths/", {"to": "Someone New"})
    client.get("/paths/", {"org": "Globex"})
    assert Person.objects.count() == count


def test_the_search_needs_the_same_queries_for_3_or_30_paths(
    client: Client,
    ana,
    people,
    django_assert_num_queries,
    django_assert_max_num_queries,
):
    ann = people["ann"]

    def add_colleagues(start: int, stop: int) -> None:
        for n in range(start, stop):
            colleague = add_person(
                ana, name=f"Colleague {n:02}", organization="Umbrella", prospect=True
            )
            record_tie(ana, ann, colleague, strength="medium", how=f"project {n}")

    add_colleagues(0, 3)
    client.get("/paths/", {"org": "Umbrella", "limit": "50"})  # builds the index
    with django_assert_max_num_queries(20) as few:
        body = client.get(
            "/paths/", {"org": "Umbrella", "limit": "50"}
        ).content.decode()
    assert len(_paths(body)) == 3
    # Read now: the next request clears the connection's query log.
    count = len(few.captured_queries)
    add_colleagues(3, 30)
    client.get("/paths/", {"org": "Umbrella", "limit": "50"})
    with django_assert_num_queries(count):
        body = client.get(
            "/paths/", {"org": "Umbrella", "limit": "50"}
        ).content.decode()
    assert len(_paths(body)) == 30


# --- The reach fragment on a person's page ------------------------------------


def test_reach_is_a_fragment_with_the_best_paths(client: Client, ana, people):
    response = client.get(f"/paths/reach/{people['cara'].pk}/", headers=HTMX)
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert "<header" not in body
    assert "How to reach them" in body
    assert _paths(body) == [["You", "Ann Lee", "Cara Diaz"]]
    assert "— worked together at Initech (strong)" in body
    assert f'href="/paths/?to={people["cara"].pk}"' in body


def test_reach_for_a_contact_says_you_know_them(client: Client, ana, people):
    body = client.get(f"/paths/reach/{people['ann'].pk}/").content.decode()
    assert "<html" not in body
    assert "You know Ann Lee yourself" in body
    assert _paths(body) == []


def test_reach_with_no_path_says_so_in_a_sentence(client: Client, ana, people):
    zed = add_person(ana, name="Zed Stone", prospect=True)
    body = client.get(f"/paths/reach/{zed.pk}/").content.decode()
    assert "No one you know leads to Zed Stone within 3 hops yet." in body
    assert f'href="/paths/?to={zed.pk}"' in body


def test_reach_of_an_unknown_person_is_a_404(client: Client, ana):
    assert client.get("/paths/reach/424242/").status_code == 404
    assert client.get("/paths/reach/99999999999999999999999/").status_code == 404


def test_reach_needs_the_same_queries_for_any_number_of_ties(
    client: Client,
    ana,
    people,
    django_assert_num_queries,
    django_assert_max_num_queries,
):
    url = f"/paths/reach/{people['cara'].pk}/"
    client.get(url)
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    count = len(few.captured_queries)
    for n in range(20):
        friend = add_person(ana, name=f"Friend {n:02}")
        log_interaction(ana, people=[friend], intent="give", on=date(2026, 6, 1))
        record_tie(ana, friend, people["cara"], strength="weak")
    client.get(url)
    with django_assert_num_queries(count):
        body = client.get(url).content.decode()
    assert len(_paths(body)) == 3
