"""The Person page's "Who else do they know?" and "Who introduced you?" forms:
`netlife knows` and `netlife intro` in the browser."""

import re
from datetime import date
from typing import Any

import pytest
from django.test import Client

from netlife.networks.models import Network
from netlife.paths.index import TIE_STRENGTHS
from netlife.people.models import Person
from netlife.people.services import add_person
from netlife.ties.models import Introduction, Tie
from netlife.ties.services import record_tie

HTMX = {"HX-Request": "true"}


def _tie(a: Person, b: Person) -> Tie:
    low, high = sorted((a.pk, b.pk))
    return Tie.objects.get(person_a_id=low, person_b_id=high)


def _tie_facts(tie: Tie) -> tuple[str, str, str, bool]:
    return (tie.strength, tie.how, tie.source, tie.archived)


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).strip()


def _card(body: str, card: str) -> str:
    start = body.index(f'id="{card}"')
    return body[start : body.index("</form>", start)]


def _writes(queries: Any) -> list[str]:
    return [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        and "django_session" not in q["sql"]
    ]


@pytest.fixture
def ada(ana: Network) -> Person:
    return add_person(ana, name="Ada Lovelace", emails=["ada@example.com"])


# --- The forms on the Person page ---------------------------------------------


def test_the_person_page_offers_both_forms_in_their_cards(client: Client, ada):
    body = client.get(f"/people/{ada.pk}/").content.decode()
    knows = body[body.index('id="knows"') : body.index('id="introductions"')]
    assert "Who else do they know?" in knows
    assert f'action="/people/{ada.pk}/knows/"' in knows
    assert f'hx-post="/people/{ada.pk}/knows/" hx-target="#knows-card"' in knows
    assert 'name="csrfmiddlewaretoken"' in knows
    for control in ("knows-other", "knows-strength", "knows-how"):
        assert f'<label for="{control}">' in knows
        assert f'id="{control}"' in knows
    assert "No one recorded yet." in knows
    intros = body[body.index('id="introductions"') : body.index('id="leads"')]
    assert "Who introduced you?" in intros
    assert f'action="/people/{ada.pk}/introductions/"' in intros
    assert 'hx-target="#introductions-card"' in intros
    assert 'name="csrfmiddlewaretoken"' in intros
    for control in ("intro-other", "intro-to", "intro-on", "intro-outcome"):
        assert f'<label for="{control}">' in intros
    assert "Someone introduced Ada Lovelace</label>" in intros
    assert "Ada Lovelace introduced someone</label>" in intros
    # Nothing on the page grabs the keyboard when it opens.
    assert "autofocus" not in knows + intros


def test_the_strength_choices_show_the_weights_paths_use(client: Client, ada):
    body = client.get(f"/people/{ada.pk}/").content.decode()
    options = dict(
        re.findall(r'<option value="(weak|medium|strong)"[^>]*>\1 \(([\d.]+)\)', body)
    )
    assert {k: float(v) for k, v in options.items()} == {
        str(k): w for k, w in TIE_STRENGTHS.items()
    }
    assert '<option value="medium" selected>' in body  # the CLI's default


# --- Who else do they know? -----------------------------------------------------


def test_a_tie_saves_what_netlife_knows_would_and_shows_in_the_list(
    client: Client, ana, ada, run_cli
):
    grace = add_person(ana, name="Grace Hopper")
    alan = add_person(ana, name="Alan Turing")
    response = client.post(
        f"/people/{ada.pk}/knows/",
        {"other": "grace", "strength": "strong", "how": "worked together at Navy"},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/people/{ada.pk}/"
    cli = run_cli(
        "knows", "ada", "alan", "--strength", "strong",
        "--how", "worked together at Navy",
    )  # fmt: skip
    assert cli.exit_code == 0, cli.stderr
    assert _tie_facts(_tie(ada, grace)) == _tie_facts(_tie(ada, alan))
    assert _tie_facts(_tie(ada, grace)) == (
        "strong", "worked together at Navy", "manual", False,
    )  # fmt: skip
    body = client.get(f"/people/{ada.pk}/").content.decode()
    assert "Ada Lovelace now knows Grace Hopper (strong)." in body
    knows = body[body.index('id="knows"') : body.index('id="introductions"')]
    assert f'href="/people/{grace.pk}/">Grace Hopper</a>' in knows
    assert "worked together at Navy" in knows


def test_a_known_tie_is_updated_as_the_cli_does(client: Client, ana, ada):
    grace = add_person(ana, name="Grace Hopper")
    record_tie(ana, ada, grace, strength="weak", how="a conference")
    client.post(f"/people/{ada.pk}/knows/", {"other": "grace", "strength": "strong"})
    assert Tie.objects.count() == 1
    assert _tie_facts(_tie(ada, grace))[:2] == ("strong", "a conference")
    body = client.get(f"/people/{ada.pk}/").content.decode()
    assert "Ada Lovelace knows (updated) Grace Hopper (strong)." in body


def test_a_new_name_adds_a_prospect_as_the_cli_does(client: Client, ana, ada, run_cli):
    client.post(f"/people/{ada.pk}/knows/", {"other": "Katherine Johnson"})
    run_cli("knows", "ada", "Dorothy Vaughan")
    katherine = Person.objects.get(full_name="Katherine Johnson")
    dorothy = Person.objects.get(full_name="Dorothy Vaughan")
    assert (katherine.kind, katherine.network_id) == (dorothy.kind, ana.pk)
    assert katherine.kind == Person.Kind.PROSPECT
    assert _tie_facts(_tie(ada, katherine)) == _tie_facts(_tie(ada, dorothy))
    body = client.get(f"/people/{ada.pk}/").content.decode()
    assert "Ada Lovelace now knows Katherine Johnson (medium)." in body
    assert "Added Katherine Johnson as a prospect you can reach through them." in body


def test_with_htmx_the_card_comes_back_with_the_new_tie(client: Client, ana, ada):
    grace = add_person(ana, name="Grace Hopper")
    response = client.post(
        f"/people/{ada.pk}/knows/",
        {"other": str(grace.pk), "strength": "weak", "how": "chess club"},
        headers=HTMX,
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert body.lstrip().startswith('<div class="ties-card" id="knows-card">')
    assert 'role="status"' in body
    assert "Ada Lovelace now knows Grace Hopper (weak)." in body
    assert f'href="/people/{grace.pk}/">Grace Hopper</a>' in body
    assert "chess club" in body
    assert 'name="other" maxlength="300" autocomplete="off" required value=""' in body
    assert _tie(ada, grace).strength == "weak"
    # Said in the card: the next page does not say it again.
    page = client.get(f"/people/{ada.pk}/").content.decode()
    assert "now knows Grace Hopper" not in page


@pytest.mark.parametrize(
    ("data", "field", "error"),
    [
        ({"other": ""}, "other", "Name the person they know"),
        ({"other": "424242"}, "other", "No person with id 424242 in this network."),
        ({"other": "nobody@example.com"}, "other", "No one in this network matches"),
        ({"other": "Ada Lovelace"}, "other", "Ada Lovelace cannot know themselves."),
        (
            {"other": "Grace", "strength": "unbreakable"},
            "strength",
            "use one of weak, medium, strong",
        ),
        ({"other": "Grace", "how": "x" * 301}, "how", "at most 300 characters"),
    ],
)
def test_a_refused_tie_explains_beside_the_field_and_writes_nothing(
    client: Client, ana, ada, data, field, error, django_assert_max_num_queries
):
    add_person(ana, name="Grace Hopper")
    people = Person.objects.count()
    with django_assert_max_num_queries(40) as queries:
        response = client.post(f"/people/{ada.pk}/knows/", data)
    assert _writes(queries) == []
    assert response.status_code == 400
    body = response.content.decode()
    assert "<html" in body  # a page of its own, without JavaScript
    assert "Nothing is saved yet" in body
    assert 'aria-invalid="true"' in body
    error_id = f"knows-{field}-error"
    assert re.search(rf'aria-describedby="[^"]*\b{error_id}"', body)
    assert re.search(rf'id="{error_id}">[^<]*{re.escape(error)}', _unescape(body))
    assert "hx-post" not in body
    assert (Tie.objects.count(), Person.objects.count()) == (0, people)


def _unescape(body: str) -> str:
    return body.replace("&#x27;", "'").replace("&quot;", '"')


def test_an_ambiguous_name_lists_the_candidates_beside_the_field(
    client: Client, ana, ada
):
    ann = add_person(ana, name="Ann Lee", organization="Initech")
    ray = add_person(ana, name="Ann Ray")
    response = client.post(f"/people/{ada.pk}/knows/", {"other": "ann"})
    body = _unescape(response.content.decode())
    error = re.search(r'id="knows-other-error">([^<]*)<', body)
    assert error is not None
    assert error.group(1) == (
        f"'ann' matches more than one person. Candidates: Ann Lee (id {ann.pk}, "
        f"Initech); Ann Ray (id {ray.pk})."
    )
    assert 'value="ann"' in body  # what was typed stays
    assert not Tie.objects.exists()


def test_with_htmx_a_refused_tie_comes_back_in_the_card(client: Client, ana, ada):
    response = client.post(
        f"/people/{ada.pk}/knows/",
        {"other": "nobody@example.com", "strength": "strong", "how": "school"},
        headers=HTMX,
    )
    body = _unescape(response.content.decode())
    assert response.status_code == 200  # htmx swaps 200 answers only
    assert "<html" not in body
    assert 'id="knows-card"' in body
    assert 'id="knows-other-error">No one in this network matches' in body
    assert 'value="nobody@example.com" aria-describedby' in body
    assert "autofocus" in body[body.index('id="knows-other"') :]
    assert '<option value="strong" selected>' in body
    assert 'value="school"' in body
    assert 'role="status"' not in body
    assert not Tie.objects.exists()


# --- Who introduced you? ----------------------------------------------------------


def _intro_facts(intro: Introduction) -> tuple[date, str, bool]:
    return (intro.introduced_on, intro.outcome, intro.introduced_to_id is None)


def test_someone_introduced_them_saves_what_netlife_intro_would(
    client: Client, ana, ada, run_cli
):
    grace = add_person(ana, name="Grace Hopper")
    alan = add_person(ana, name="Alan Turing")
    response = client.post(
        f"/people/{ada.pk}/introductions/",
        {"direction": "by", "other": "grace", "on": "2026-05-02", "outcome": "coffee"},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/people/{ada.pk}/"
    cli = run_cli("intro", "grace", "alan", "--on", "2026-05-02", "--outcome", "coffee")
    assert cli.exit_code == 0, cli.stderr
    web = Introduction.objects.get(introduced=ada)
    by_cli = Introduction.objects.get(introduced=alan)
    assert (web.introducer_id, by_cli.introducer_id) == (grace.pk, grace.pk)
    assert _intro_facts(web) == _intro_facts(by_cli) == (
        date(2026, 5, 2), "coffee", True,
    )  # fmt: skip
    assert _tie_facts(_tie(grace, ada)) == _tie_facts(_tie(grace, alan))
    body = client.get(f"/people/{ada.pk}/").content.decode()
    assert "Grace Hopper introduced Ada Lovelace to you on 2 May 2026." in body
    intros = body[body.index('id="introductions"') : body.index('id="leads"')]
    assert "2 May 2026 · Grace Hopper introduced Ada Lovelace to you — coffee" in (
        _text(intros)
    )
    knows = body[body.index('id="knows"') : body.index('id="introductions"')]
    assert f'href="/people/{grace.pk}/">Grace Hopper</a>' in knows


def test_they_introduced_a_new_name_to_someone_as_netlife_intro_would(
    client: Client, ana, ada, run_cli
):
    grace = add_person(ana, name="Grace Hopper")
    client.post(
        f"/people/{ada.pk}/introductions/",
        {"direction": "made", "other": "Katherine Johnson", "to": "grace"},
    )
    run_cli("intro", "ada", "Dorothy Vaughan", "--to", "grace")
    katherine = Person.objects.get(full_name="Katherine Johnson")
    dorothy = Person.objects.get(full_name="Dorothy Vaughan")
    assert katherine.kind == dorothy.kind == Person.Kind.PROSPECT
    web = Introduction.objects.get(introduced=katherine)
    by_cli = Introduction.objects.get(introduced=dorothy)
    assert (web.introducer_id, web.introduced_to_id) == (ada.pk, grace.pk)
    assert (by_cli.introducer_id, by_cli.introduced_to_id) == (ada.pk, grace.pk)
    assert _intro_facts(web) == _intro_facts(by_cli)
    assert web.introduced_on == date(2026, 6, 15)  # today, as the CLI's default
    assert _tie_facts(_tie(ada, katherine)) == _tie_facts(_tie(ada, dorothy))
    assert _tie_facts(_tie(katherine, grace)) == _tie_facts(_tie(dorothy, grace))
    body = client.get(f"/people/{ada.pk}/").content.decode()
    assert (
        "Ada Lovelace introduced Katherine Johnson to Grace Hopper on 15 Jun 2026."
        in body
    )
    assert "Added Katherine Johnson as a prospect you can reach through Ada" in body


def test_with_htmx_the_introductions_and_knows_cards_come_back(
    client: Client, ana, ada
):
    grace = add_person(ana, name="Grace Hopper")
    response = client.post(
        f"/people/{ada.pk}/introductions/",
        {"direction": "by", "other": "grace"},
        headers=HTMX,
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert body.lstrip().startswith('<div class="ties-card" id="introductions-card">')
    assert "Grace Hopper introduced Ada Lovelace to you on 15 Jun 2026." in body
    intros = body[: body.index('id="knows-card"')]
    assert f'<a href="/people/{grace.pk}/">Grace Hopper</a>' in intros
    # The introduction tied them: the Knows card is swapped too, out of band.
    assert '<div class="ties-card" id="knows-card" hx-swap-oob="true">' in body
    knows = body[body.index('id="knows-card"') :]
    assert f'href="/people/{grace.pk}/">Grace Hopper</a>' in knows
    assert Introduction.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "field", "error"),
    [
        ({"direction": "by", "other": ""}, "other", "Name the other person"),
        ({"direction": "sideways", "other": "grace"}, "direction", "who introduced"),
        # An introducer must be known already, as on the command line.
        ({"direction": "by", "other": "Nobody"}, "other", "No one in this network"),
        ({"direction": "by", "other": "ada"}, "other", "different people"),
        ({"direction": "made", "other": "grace", "to": "ada"}, "to", "different"),
        ({"direction": "made", "other": "New Name", "to": "Nobody"}, "to", "No one"),
        # The prospect added for a refused introduction goes too.
        ({"direction": "made", "other": "New Name", "to": "ada"}, "to", "different"),
        ({"direction": "by", "other": "grace", "on": "2026-07-01"}, "on", "future"),
        ({"direction": "by", "other": "grace", "on": "31/12"}, "on", "YYYY-MM-DD"),
        ({"direction": "by", "other": "9" * 30}, "other", "No person with id"),
    ],
)
def test_a_refused_introduction_explains_beside_the_field_and_writes_nothing(
    client: Client, ana, ada, data, field, error, django_assert_max_num_queries
):
    add_person(ana, name="Grace Hopper")
    people = Person.objects.count()
    with django_assert_max_num_queries(60) as queries:
        response = client.post(f"/people/{ada.pk}/introductions/", data)
    if data.get("other") != "New Name" or data.get("to") != "ada":
        assert _writes(queries) == []
    # else the prospect was added, then rolled back with the introduction.
    assert response.status_code == 400
    body = _unescape(response.content.decode())
    assert "Nothing is saved yet" in body
    error_id = f"intro-{field}-error"
    assert re.search(rf'aria-describedby="[^"]*\b{error_id}"', body)
    assert re.search(rf'id="{error_id}">[^<]*{re.escape(error)}', body)
    assert (Introduction.objects.count(), Tie.objects.count()) == (0, 0)
    assert Person.objects.count() == people


def test_with_htmx_a_refused_introduction_comes_back_in_the_card(
    client: Client, ana, ada
):
    response = client.post(
        f"/people/{ada.pk}/introductions/",
        {"direction": "made", "other": "Somebody", "on": "2099-01-01"},
        headers=HTMX,
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="introductions-card"' in body
    assert 'id="intro-on-error">2099-01-01 is in the future.' in body
    assert 'value="made" checked' in body
    assert 'value="Somebody"' in body
    assert "hx-swap-oob" not in body
    assert not Introduction.objects.exists()


# --- Tenancy, GETs and unknown ids -------------------------------------------------


def test_another_network_s_people_cannot_be_targeted_or_named(
    client: Client, ana, ada, cara
):
    add_person(ana, name="Grace Hopper")
    theirs = add_person(cara, name="Cara Secret", emails=["secret@cara.example"])
    mine = add_person(cara, name="Cara Other")
    for url, data in (
        ("knows/", {"other": str(ada.pk)}),
        ("introductions/", {"direction": "by", "other": str(ada.pk)}),
    ):
        assert client.get(f"/people/{theirs.pk}/{url}").status_code == 404
        response = client.post(f"/people/{theirs.pk}/{url}", data)
        assert response.status_code == 404
        assert "Cara Secret" not in response.content.decode()
    for ref in (str(theirs.pk), "secret@cara.example"):
        for url, data in (
            ("knows/", {"other": ref}),
            ("introductions/", {"direction": "by", "other": ref}),
            ("introductions/", {"direction": "made", "other": ref}),
            ("introductions/", {"direction": "by", "other": "grace", "to": ref}),
        ):
            response = client.post(f"/people/{ada.pk}/{url}", data)
            assert response.status_code == 400, (url, data)
            assert "Cara Secret" not in response.content.decode()
    # By name, cara's people are nobody ana knows: naming one adds a prospect
    # of ana's, as `netlife knows` would; cara's own record is untouched.
    client.post(f"/people/{ada.pk}/knows/", {"other": "Cara Other"})
    added = Person.objects.get(network=ana, full_name="Cara Other")
    assert added.pk != mine.pk
    assert not Tie.objects.filter(network=cara).exists()
    assert not Introduction.objects.exists()
    assert Tie.objects.filter(network=ana).count() == 1


def test_unknown_and_impossible_ids_are_a_404(client: Client, ada):
    for url in ("knows/", "introductions/"):
        assert client.get(f"/people/424242/{url}").status_code == 404
        assert client.post(f"/people/424242/{url}", {"other": "x"}).status_code == 404
        huge = "9" * 30
        assert client.post(f"/people/{huge}/{url}", {"other": "x"}).status_code == 404


def test_the_forms_have_pages_of_their_own_that_write_nothing(
    client: Client, ada, django_assert_max_num_queries
):
    with django_assert_max_num_queries(40) as queries:
        knows = client.get(f"/people/{ada.pk}/knows/")
        intro = client.get(f"/people/{ada.pk}/introductions/")
    assert _writes(queries) == []
    assert knows.status_code == intro.status_code == 200
    assert "Who else do they know?" in knows.content.decode()
    assert "Who introduced you?" in intro.content.decode()
    assert "Nothing is saved yet" not in knows.content.decode()
    assert client.delete(f"/people/{ada.pk}/knows/").status_code == 405


def test_the_htmx_answer_needs_the_same_queries_for_3_or_30_ties(
    client: Client, ana, ada, django_assert_num_queries, django_assert_max_num_queries
):
    friends = [add_person(ana, name=f"Friend {n:02}") for n in range(30)]
    for friend in friends[:3]:
        record_tie(ana, ada, friend)
    url = f"/people/{ada.pk}/knows/"
    with django_assert_max_num_queries(60) as few:
        client.post(url, {"other": "missing@example.com"}, headers=HTMX)
    for friend in friends[3:]:
        record_tie(ana, ada, friend)
    with django_assert_num_queries(len(few.captured_queries)):
        body = client.post(
            url, {"other": "missing@example.com"}, headers=HTMX
        ).content.decode()
    assert "Friend 29" in body
