import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.test import Client

from netlife.interactions.models import Interaction
from netlife.interactions.services import log_interaction
from netlife.leads.services import add_lead
from netlife.networks.models import Network
from netlife.people.models import MergeSuggestion, Person, PersonEvent
from netlife.people.services import PersonChanges, add_person, edit_person
from netlife.ties.services import record_introduction, record_tie

HTMX = {"HX-Request": "true"}
LOG_FORM = "interactions/_log_form.html"


@pytest.fixture(autouse=True)
def log_form_stub(settings: Any, tmp_path: Path) -> list[dict[str, Any]]:
    """The "log it" form is the interactions page's: these tests stand in a
    stub for it, so they never depend on what it shows. Returns the real
    TEMPLATES setting, for the one test that renders the real form."""
    real: list[dict[str, Any]] = settings.TEMPLATES
    stub = tmp_path / LOG_FORM
    stub.parent.mkdir(parents=True)
    stub.write_text('<p data-log-form-stub="{{ person.pk }}">next={{ next }}</p>')
    settings.TEMPLATES = [{**real[0], "DIRS": [tmp_path, *real[0]["DIRS"]]}]
    return real


def _page(client: Client, person: Person) -> str:
    response = client.get(f"/people/{person.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def _timeline_notes(body: str) -> list[str]:
    return re.findall(r"note (\d\d)", body)


def test_the_page_shows_who_they_are_and_how_to_contact_them(client: Client, ana):
    ada = add_person(
        ana,
        name="Ada Lovelace",
        emails=["ada@example.com"],
        urls=["https://example.com/ada", "javascript:alert(1)"],
        organization="Analytical Engines",
        title="Engineer",
        tags=["mentor"],
        how_met="A lecture on engines",
    )
    body = _page(client, ada)
    assert '<h1 id="person-name">Ada Lovelace</h1>' in body
    assert 'href="mailto:ada@example.com"' in body
    assert 'href="https://example.com/ada"' in body
    assert 'href="javascript:' not in body
    assert "Engineer" in body
    assert "Analytical Engines" in body
    assert "A lecture on engines" in body
    assert 'href="/people/?tag=mentor"' in body


def test_the_history_shows_the_latest_twenty_newest_first(client: Client, ana):
    ada = add_person(ana, name="Ada Lovelace")
    for day in range(1, 26):
        log_interaction(
            ana,
            people=[ada],
            intent="give",
            channel="call",
            summary=f"note {day:02}",
            on=date(2026, 5, day),
        )
    body = _page(client, ada)
    assert _timeline_notes(body) == [f"{day:02}" for day in range(25, 5, -1)]
    assert '<time datetime="2026-05-25">25 May 2026</time>' in body
    assert '<span class="badge badge--intent-give">give</span>' in body
    assert "by call" in body
    more = f"/people/{ada.pk}/timeline/?page=2"
    assert f'href="{more}" hx-get="{more}"' in body


def test_show_older_loads_the_next_entries_as_a_fragment(client: Client, ana):
    ada = add_person(ana, name="Ada Lovelace")
    for day in range(1, 26):
        log_interaction(
            ana, people=[ada], intent="give", summary=f"note {day:02}",
            on=date(2026, 5, day),
        )  # fmt: skip
    response = client.get(f"/people/{ada.pk}/timeline/", {"page": "2"}, headers=HTMX)
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert _timeline_notes(body) == ["05", "04", "03", "02", "01"]
    assert "Show older" not in body  # nothing further back
    # Without scripts, the same link is a page of its own.
    page = client.get(f"/people/{ada.pk}/timeline/", {"page": "2"}).content.decode()
    assert "<html" in page
    assert _timeline_notes(page) == ["05", "04", "03", "02", "01"]
    assert f'href="/people/{ada.pk}/timeline/?page=1"' in page
    for bad in ("0", "-1", "x", "²", "99999999999"):
        assert (
            client.get(f"/people/{ada.pk}/timeline/", {"page": bad}).status_code == 200
        )


def test_the_history_mixes_in_life_events(client: Client, ana):
    ada = add_person(ana, name="Ada Lovelace", organization="Acme")
    log_interaction(
        ana, people=[ada], intent="catch-up", summary="Coffee", on=date(2026, 6, 1)
    )
    edit_person(ana, ada, PersonChanges(organization="Globex"))  # on 15 June
    body = _page(client, ada)
    history = body[body.index('id="history"') :]
    assert history.index("job change") < history.index("Coffee")
    assert "Moved to Globex" in history


def test_the_history_names_the_others_present(client: Client, ana):
    ada = add_person(ana, name="Ada Lovelace")
    grace = add_person(ana, name="Grace Hopper")
    log_interaction(
        ana, people=[ada, grace], intent="catch-up", channel="meeting",
        they_initiated=True, on=date(2026, 6, 1),
    )  # fmt: skip
    body = _page(client, ada)
    assert "by meeting, they reached out, with Grace Hopper" in body


def test_the_page_shows_strength_cadence_and_the_ledger(client: Client, ana):
    ada = add_person(ana, name="Ada Lovelace", tier="inner")
    log_interaction(ana, people=[ada], intent="give", on=date(2026, 3, 1))
    log_interaction(ana, people=[ada], intent="advice", on=date(2026, 4, 1))
    log_interaction(ana, people=[ada], intent="ask", on=date(2026, 4, 10))
    log_interaction(ana, people=[ada], intent="received", on=date(2026, 6, 1))
    body = _page(client, ada)
    assert "every 30 days" in body
    assert '<time datetime="2026-07-01">1 Jul 2026</time>' in body  # next due
    for part in ("Recency", "Frequency", "Reciprocity", "Duration", "Variety"):
        assert f"<dt>{part} " in body
    ledger = body[body.index('id="ledger"') :]
    assert re.search(r"<dt>You gave</dt>\s*<dd>1 ", ledger)
    assert "(1 for advice, 1 for a favour)" in ledger
    assert re.search(r"<dt>They gave</dt>\s*<dd>1</dd>", ledger)
    assert "4 interactions" in ledger
    assert "thanks owed" in ledger  # they helped on 1 June, nothing given since


def test_the_page_shows_ties_and_introductions(client: Client, ana):
    ada = add_person(ana, name="Ada Lovelace")
    grace = add_person(ana, name="Grace Hopper")
    alan = add_person(ana, name="Alan Turing")
    record_tie(ana, ada, grace, strength="strong", how="worked together at Navy")
    record_introduction(ana, ada, alan, on=date(2026, 5, 2), outcome="coffee")
    record_introduction(ana, grace, ada, to=alan, on=date(2026, 5, 3))
    body = _page(client, ada)
    knows = body[body.index('id="knows"') : body.index('id="introductions"')]
    assert f'href="/people/{grace.pk}/">Grace Hopper</a>' in knows
    assert "strong" in knows
    assert "worked together at Navy" in knows
    intros = body[body.index('id="introductions"') : body.index('id="leads"')]
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", intros))
    assert "2 May 2026 · Ada Lovelace introduced Alan Turing to you — coffee" in text
    assert "3 May 2026 · Grace Hopper introduced Ada Lovelace to Alan Turing" in text


def test_the_page_shows_the_leads_credited_to_them(client: Client, ana):
    ada = add_person(ana, name="Ada Lovelace")
    grace = add_person(ana, name="Grace Hopper")
    add_lead(ana, title="Engine designer", organization="Babbage & Co", opened_by=[ada])
    add_lead(ana, title="Archivist", through=[ada])
    add_lead(ana, title="Admiral", opened_by=[grace])
    body = _page(client, ada)
    leads = body[body.index('id="leads"') :]
    assert "Engine designer" in leads
    assert "at Babbage &amp; Co" in leads
    assert "opened the door" in leads
    assert "Archivist" in leads
    assert "came through them" in leads
    assert "Admiral" not in leads
    assert 'href="/leads/"' in leads


def test_the_page_shows_open_duplicates_and_where_to_review_them(client: Client, ana):
    ada = add_person(ana, name="Ada Lovelace")
    other = add_person(ana, name="A. Lovelace", organization="Engines")
    closed = add_person(ana, name="Ada L.")
    low, high = sorted((ada, other), key=lambda p: p.pk)
    MergeSuggestion.objects.create(
        network=ana, person_a=low, person_b=high, reasons="same email"
    )
    low, high = sorted((ada, closed), key=lambda p: p.pk)
    MergeSuggestion.objects.create(
        network=ana, person_a=low, person_b=high,
        status=MergeSuggestion.Status.DISMISSED,
    )  # fmt: skip
    body = _page(client, ada)
    assert "Possibly the same person" in body
    assert f'href="/people/{other.pk}/">A. Lovelace</a>' in body
    assert "same email" in body
    assert 'href="/import/"' in body
    assert "Ada L." not in body
    assert "Possibly the same person" not in _page(client, closed)


def test_how_to_reach_them_loads_later_and_never_searches_here(
    client: Client, ana, monkeypatch
):
    from netlife.paths import queries as paths

    def no_search(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the person page must not search for paths")

    monkeypatch.setattr(paths, "how_to_reach", no_search)
    monkeypatch.setattr(paths, "paths_to_person", no_search)
    pia = add_person(ana, name="Pia Prospect", prospect=True)
    body = _page(client, pia)
    assert f'hx-get="/paths/reach/{pia.pk}/" hx-trigger="load"' in body
    assert f'href="/paths/?to={pia.pk}"' in body


def test_the_page_offers_to_log_it_and_to_draft_a_message(client: Client, ana):
    ada = add_person(ana, name="Ada Lovelace")
    body = _page(client, ada)
    assert f'data-log-form-stub="{ada.pk}">next=/people/{ada.pk}/<' in body
    assert f'href="/people/{ada.pk}/draft/"' in body


def test_the_real_log_form_renders_on_the_page(
    client: Client, ana, settings, log_form_stub
):
    settings.TEMPLATES = log_form_stub
    try:
        get_template(LOG_FORM)
    except TemplateDoesNotExist:
        pytest.skip(f"{LOG_FORM} is not there yet (the interactions page's)")
    ada = add_person(ana, name="Ada Lovelace")
    assert client.get(f"/people/{ada.pk}/").status_code == 200


def test_another_network_s_person_is_a_404_everywhere(client: Client, ana, cara):
    theirs = add_person(cara, name="Cara's Secret Contact")
    for url in ("", "timeline/", "edit/", "delete/"):
        response = client.get(f"/people/{theirs.pk}/{url}")
        assert response.status_code == 404
        assert "Secret Contact" not in response.content.decode()
    for url, data in (
        ("edit/", {"name": "Stolen", "tier": "auto"}),
        ("archive/", {"archived": "1"}),
        ("delete/", {}),
    ):
        assert client.post(f"/people/{theirs.pk}/{url}", data).status_code == 404
    theirs.refresh_from_db()
    assert (theirs.full_name, theirs.archived) == ("Cara's Secret Contact", False)
    assert (
        "This page is not here" in client.get(f"/people/{theirs.pk}/").content.decode()
    )


def test_unknown_and_impossible_ids_are_a_404(client: Client, ana):
    assert client.get("/people/424242/").status_code == 404
    assert client.get("/people/999999999999999999999999/").status_code == 404
    assert client.get("/people/999999999999999999999999/timeline/").status_code == 404


# --- Edit, archive, delete --------------------------------------------------


def test_the_edit_form_starts_from_what_is_known(client: Client, ana):
    ada = add_person(
        ana, name="Ada Lovelace", organization="Acme", tags=["mentor", "alumni"],
        tier="close", emails=["ada@example.com"],
    )  # fmt: skip
    body = client.get(f"/people/{ada.pk}/edit/").content.decode()
    assert 'value="Ada Lovelace"' in body
    assert 'value="Acme"' in body
    assert 'value="alumni, mentor"' in body
    assert '<option value="close" selected>' in body
    assert 'value="ada@example.com"' in body  # offered for removal
    assert f'href="/people/{ada.pk}/edit/"' in _page(client, ada)


def test_editing_saves_the_changes_and_shows_them(client: Client, ana):
    ada = add_person(
        ana, name="Ada Lovelace", organization="Acme", tags=["mentor", "alumni"],
        emails=["ada@example.com"],
    )  # fmt: skip
    response = client.post(
        f"/people/{ada.pk}/edit/",
        {
            "name": "Ada King",
            "organization": "Globex",
            "title": "Countess",
            "location": "London",
            "tags": "mentor, poet",
            "tier": "inner",
            "cadence_days": "14",
            "how_met": "A lecture",
            "met_on": "2020-01-02",
            "birthday": "12-10",
            "notes": "Likes engines",
            "add_email": "countess@example.com",
            "add_phone": "+44 20 7946 0000",
            "remove": ["ada@example.com"],
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"/people/{ada.pk}/"
    ada.refresh_from_db()
    assert ada.full_name == "Ada King"
    assert ada.organization is not None and ada.organization.name == "Globex"
    assert (ada.title, ada.location, ada.tier, ada.cadence_days) == (
        "Countess", "London", "inner", 14,
    )  # fmt: skip
    assert (ada.met_on, ada.birthday_month, ada.birthday_day) == (
        date(2020, 1, 2),
        12,
        10,
    )
    assert sorted(ada.tags.values_list("name", flat=True)) == ["mentor", "poet"]
    assert sorted(ada.contact_methods.values_list("value", flat=True)) == [
        "+44 20 7946 0000",
        "countess@example.com",
    ]
    body = client.get(response["Location"]).content.decode()
    assert "Saved the changes to Ada King." in body
    assert "every 14 days" in body
    assert "Moved to Globex" in body  # the job change is history


def test_editing_can_clear_the_cadence_and_make_a_prospect(client: Client, ana):
    ada = add_person(ana, name="Ada Lovelace", cadence_days=10)
    client.post(
        f"/people/{ada.pk}/edit/",
        {"name": "Ada Lovelace", "tier": "auto", "cadence_days": "", "prospect": "on"},
    )
    ada.refresh_from_db()
    assert (ada.cadence_days, ada.kind) == (None, Person.Kind.PROSPECT)


@pytest.mark.parametrize(
    ("data", "field", "error"),
    [
        ({"name": ""}, "name", "A person needs a name."),
        ({"add_email": "nope"}, "add_email", "is not an email address"),
        ({"add_phone": "call me"}, "add_phone", "is not a phone number"),
        ({"cadence_days": "0"}, "cadence_days", "greater than or equal to 1"),
        ({"met_on": "yesterday-ish"}, "met_on", "Write the date as YYYY-MM-DD."),
        ({"birthday": "31-02"}, "birthday", "is not"),
        ({"met_on": ""}, "met_on", "can be changed here but not removed"),
    ],
)
def test_editing_invalid_input_explains_beside_the_field_and_writes_nothing(
    client: Client, ana, data, field, error
):
    ada = add_person(ana, name="Ada Lovelace", met_on=date(2019, 5, 1))
    form = {"name": "Ada King", "tier": "inner", "met_on": "2019-05-01", **data}
    response = client.post(f"/people/{ada.pk}/edit/", form)
    assert response.status_code == 400
    body = response.content.decode()
    errors = re.search(
        rf'<ul class="errorlist" id="id_{field}_error">(.*?)</ul>', body, re.S
    )
    assert errors is not None and error in errors.group(1)
    control = re.search(rf'<(?:input|select|textarea)[^>]*id="id_{field}"[^>]*>', body)
    assert control is not None and 'aria-invalid="true"' in control.group(0)
    ada.refresh_from_db()
    assert (ada.full_name, ada.tier) == ("Ada Lovelace", "")


def test_archiving_takes_them_off_the_list_and_restoring_brings_them_back(
    client: Client, ana
):
    ada = add_person(ana, name="Ada Lovelace")
    response = client.post(f"/people/{ada.pk}/archive/", {"archived": "1"})
    assert response["Location"] == f"/people/{ada.pk}/"
    body = client.get(response["Location"]).content.decode()
    assert "Archived Ada Lovelace" in body
    assert ">Restore</button>" in body
    assert f'href="/people/{ada.pk}/"' not in client.get("/people/").content.decode()
    client.post(f"/people/{ada.pk}/archive/", {"archived": "0"})
    ada.refresh_from_db()
    assert not ada.archived
    assert client.get(f"/people/{ada.pk}/archive/").status_code == 405


def test_deleting_asks_first_then_deletes(client: Client, ana):
    ada = add_person(ana, name="Ada Lovelace")
    grace = add_person(ana, name="Grace Hopper")
    log_interaction(ana, people=[ada], intent="give", on=date(2026, 6, 1))
    log_interaction(ana, people=[ada, grace], intent="give", on=date(2026, 6, 2))
    assert f'href="/people/{ada.pk}/delete/"' in _page(client, ada)
    body = client.get(f"/people/{ada.pk}/delete/").content.decode()
    assert "Delete Ada Lovelace?" in body
    assert "took part in 2 interactions" in body
    assert Person.objects.filter(pk=ada.pk).exists()  # asking deletes nothing
    response = client.post(f"/people/{ada.pk}/delete/")
    assert response["Location"] == "/people/"
    assert not Person.objects.filter(pk=ada.pk).exists()
    assert Interaction.objects.filter(network=ana).count() == 1  # the group one
    assert "Deleted Ada Lovelace." in client.get("/people/").content.decode()


# --- Speed and safety --------------------------------------------------------


def _grow(network: Network, ada: Person, count: int, start: int) -> None:
    for n in range(start, start + count):
        friend = add_person(network, name=f"Friend {n:03}")
        log_interaction(
            network, people=[ada, friend], intent="give", summary=f"talk {n}",
            on=date(2026, 1, 1 + n % 28),
        )  # fmt: skip
        record_tie(network, ada, friend, how=f"met at event {n}")
        record_introduction(network, friend, ada, to=None, on=date(2026, 2, 1))
        add_lead(network, title=f"Lead {n}", opened_by=[ada])
        PersonEvent.objects.create(
            network=network, person=ada, kind=PersonEvent.Kind.NEW_TITLE,
            occurred_on=date(2025, 1, 1 + n % 28), summary=f"title {n}",
        )  # fmt: skip


def test_the_page_needs_the_same_queries_for_3_or_30_of_everything(
    client: Client, ana, django_assert_max_num_queries, django_assert_num_queries
):
    ada = add_person(ana, name="Ada Lovelace", tags=["mentor"])
    _grow(ana, ada, 3, 0)
    more = f"/people/{ada.pk}/timeline/?page=1"
    client.get(f"/people/{ada.pk}/")
    with django_assert_max_num_queries(25) as few:
        client.get(f"/people/{ada.pk}/")
    with django_assert_max_num_queries(10) as few_more:
        client.get(more, headers=HTMX)
    _grow(ana, ada, 27, 3)
    with django_assert_num_queries(len(few.captured_queries)):
        body = client.get(f"/people/{ada.pk}/").content.decode()
    assert body.count("Lead ") >= 30
    assert "Friend 029" in body
    with django_assert_num_queries(len(few_more.captured_queries)):
        assert "talk " in client.get(more, headers=HTMX).content.decode()


def test_a_get_writes_nothing(client: Client, ana, django_assert_max_num_queries):
    ada = add_person(ana, name="Ada Lovelace")
    _grow(ana, ada, 2, 0)
    client.get(f"/people/{ada.pk}/")
    with django_assert_max_num_queries(100) as queries:
        for url in ("", "timeline/?page=1", "edit/", "delete/"):
            assert client.get(f"/people/{ada.pk}/{url}").status_code == 200
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        and "django_session" not in q["sql"]
    ]
    assert writes == []
