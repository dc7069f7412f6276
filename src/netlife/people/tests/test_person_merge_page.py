"""Merging two records of one person from the Person page: `netlife merge A B`
in the browser."""

import re
from datetime import date
from typing import Any

from django.test import Client

from netlife.interactions.services import log_interaction
from netlife.networks.models import Network
from netlife.people.models import MergeSuggestion, Person, PersonEvent
from netlife.people.services import add_person
from netlife.ties.models import Tie
from netlife.ties.services import record_tie


def _unescape(body: str) -> str:
    return body.replace("&#x27;", "'").replace("&quot;", '"')


def _writes(queries: Any) -> list[str]:
    return [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        and "django_session" not in q["sql"]
    ]


def _two_records(network: Network, name: str, short: str) -> tuple[Person, Person]:
    """One person twice: typed by hand, and imported with more facts."""
    first = name.split()[0].lower()
    keep = add_person(network, name=name, emails=[f"{first}@home.example"])
    other = add_person(
        network, name=short, emails=[f"{first}@work.example"],
        organization="Analytical Engines", title="Countess", tags=["mentor"],
    )  # fmt: skip
    friend = add_person(network, name=f"Friend of {first}")
    record_tie(network, other, friend, strength="strong", how="school")
    log_interaction(
        network, people=[other], intent="give", summary="notes", on=date(2026, 5, 1)
    )
    return keep, other


def _merged_facts(person: Person) -> tuple[Any, ...]:
    person.refresh_from_db()
    return (
        person.organization.name if person.organization else None,
        person.title,
        person.kind,
        sorted(person.tags.values_list("name", flat=True)),
        sorted(
            m.split("@")[1]
            for m in person.contact_methods.values_list("value", flat=True)
        ),
        list(person.events.values_list("kind", flat=True)),
        person.participations.count(),
        Tie.objects.filter(person_a=person).count()
        + Tie.objects.filter(person_b=person).count(),
    )


def test_the_person_page_offers_to_merge(client: Client, ana):
    ada = add_person(ana, name="Ada Lovelace")
    body = client.get(f"/people/{ada.pk}/").content.decode()
    start = body.index('class="person__actions"')
    actions = body[start : body.index("</header>", start)]
    assert f'href="/people/{ada.pk}/merge/">Merge with…</a>' in actions


def test_naming_the_other_record_leads_to_the_comparison(client: Client, ana):
    ada, other = _two_records(ana, "Ada Lovelace", "A. Lovelace")
    page = client.get(f"/people/{ada.pk}/merge/")
    body = page.content.decode()
    assert page.status_code == 200
    assert '<label for="merge-other">The other record of Ada Lovelace</label>' in body
    assert 'method="get"' in body
    assert "aria-invalid" not in body
    for ref in ("A. Lovelace", "ada@work.example", str(other.pk)):
        response = client.get(f"/people/{ada.pk}/merge/", {"other": ref})
        assert response.status_code == 302
        assert response["Location"] == f"/people/{ada.pk}/merge/{other.pk}/"


def test_the_comparison_shows_both_side_by_side_and_which_is_kept(
    client: Client, ana, django_assert_max_num_queries
):
    ada, other = _two_records(ana, "Ada Lovelace", "A. Lovelace")
    with django_assert_max_num_queries(30) as queries:
        response = client.get(f"/people/{ada.pk}/merge/{other.pk}/")
    assert _writes(queries) == []
    body = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Merge A. Lovelace into Ada Lovelace?</h1>" in body
    kept = body[body.index("merge-side--kept") : body.index("merged in, then deleted")]
    folded = body[body.index("merged in, then deleted") :]
    assert ">kept</span>" in kept
    assert "Ada Lovelace" in kept
    assert "ada@home.example" in kept
    assert "ada@work.example" not in kept
    assert "A. Lovelace" in folded
    assert "ada@work.example" in folded
    assert "Analytical Engines" in folded
    assert "Countess" in folded
    assert "mentor" in folded
    assert re.search(r"<dt>Interactions</dt><dd>1</dd>", folded)
    assert f'action="/people/{ada.pk}/merge/{other.pk}/"' in body
    assert 'name="csrfmiddlewaretoken"' in body
    assert "Merge, keep Ada Lovelace" in body
    assert f'href="/people/{other.pk}/merge/{ada.pk}/">Keep A. Lovelace' in body
    assert Person.objects.filter(pk=other.pk).exists()


def test_merging_folds_the_other_in_as_netlife_merge_does(client: Client, ana, run_cli):
    ada, other = _two_records(ana, "Ada Lovelace", "A. Lovelace")
    grace, g_other = _two_records(ana, "Grace Hopper", "G. Hopper")
    response = client.post(f"/people/{ada.pk}/merge/{other.pk}/")
    assert response.status_code == 302
    assert response["Location"] == f"/people/{ada.pk}/"
    cli = run_cli("merge", str(grace.pk), str(g_other.pk), "--yes")
    assert cli.exit_code == 0, cli.stderr
    assert not Person.objects.filter(pk__in=[other.pk, g_other.pk]).exists()
    assert _merged_facts(ada) == _merged_facts(grace)
    assert _merged_facts(ada) == (
        "Analytical Engines", "Countess", "contact", ["mentor"],
        ["home.example", "work.example"], ["merged"], 1, 1,
    )  # fmt: skip
    event = PersonEvent.objects.get(person=ada)
    assert (event.previous, event.current) == ("A. Lovelace", "Ada Lovelace")
    body = client.get(f"/people/{ada.pk}/").content.decode()
    assert "Merged A. Lovelace into Ada Lovelace" in body
    assert "ada@work.example" in body
    # The record merged away is gone, its pages with it.
    assert client.get(f"/people/{other.pk}/").status_code == 404
    assert client.get(f"/people/{ada.pk}/merge/{other.pk}/").status_code == 404


def test_the_other_way_round_keeps_the_other(client: Client, ana):
    ada, other = _two_records(ana, "Ada Lovelace", "A. Lovelace")
    response = client.post(f"/people/{other.pk}/merge/{ada.pk}/")
    assert response["Location"] == f"/people/{other.pk}/"
    assert not Person.objects.filter(pk=ada.pk).exists()
    other.refresh_from_db()
    assert other.full_name == "A. Lovelace"


def test_a_wrong_name_explains_beside_the_field(
    client: Client, ana, django_assert_max_num_queries
):
    ada = add_person(ana, name="Ada Lovelace")
    ann = add_person(ana, name="Ann Lee", organization="Initech")
    ray = add_person(ana, name="Ann Ray")
    cases = {
        "": "Name the other record: a name, an email or an id.",
        "Nobody": "No one in this network matches 'Nobody'.",
        "424242": "No person with id 424242 in this network.",
        "ann": f"'ann' matches more than one person. Candidates: Ann Lee (id "
        f"{ann.pk}, Initech); Ann Ray (id {ray.pk}).",
        "Ada Lovelace": f"That is Ada Lovelace (id {ada.pk}) themselves: name the "
        "other record.",
    }
    for ref, error in cases.items():
        with django_assert_max_num_queries(30) as queries:
            response = client.get(f"/people/{ada.pk}/merge/", {"other": ref})
        assert _writes(queries) == []
        assert response.status_code == 200, ref
        body = _unescape(response.content.decode())
        assert 'aria-invalid="true"' in body
        assert 'aria-describedby="merge-other-hint merge-other-error"' in body
        assert f'<p class="field__error" id="merge-other-error">{error}</p>' in body
        assert f'value="{ref}"' in body
    assert Person.objects.count() == 3


def test_the_import_s_suggestions_are_offered(client: Client, ana):
    ada = add_person(ana, name="Ada Lovelace")
    other = add_person(ana, name="A. Lovelace", organization="Engines")
    low, high = sorted((ada, other), key=lambda p: p.pk)
    MergeSuggestion.objects.create(
        network=ana, person_a=low, person_b=high, reasons="same email"
    )
    body = client.get(f"/people/{ada.pk}/merge/").content.decode()
    assert f'href="/people/{ada.pk}/merge/{other.pk}/">Compare with A. Lovelace' in body
    assert "same email" in body


def test_another_network_s_people_cannot_be_named_or_merged(client: Client, ana, cara):
    ada = add_person(ana, name="Ada Lovelace")
    theirs = add_person(cara, name="Cara Secret", emails=["secret@cara.example"])
    assert client.get(f"/people/{theirs.pk}/merge/").status_code == 404
    for keep, other in ((ada, theirs), (theirs, ada)):
        url = f"/people/{keep.pk}/merge/{other.pk}/"
        for response in (client.get(url), client.post(url)):
            assert response.status_code == 404
            assert "Cara Secret" not in response.content.decode()
    for ref in (str(theirs.pk), "secret@cara.example", "Cara Secret"):
        response = client.get(f"/people/{ada.pk}/merge/", {"other": ref})
        assert response.status_code == 200
        assert 'id="merge-other-error"' in response.content.decode()
    assert Person.objects.filter(pk__in=[ada.pk, theirs.pk]).count() == 2


def test_impossible_pairs_are_a_404(client: Client, ana):
    ada = add_person(ana, name="Ada Lovelace")
    huge = "9" * 30
    for url in (
        f"/people/{ada.pk}/merge/{ada.pk}/",
        f"/people/{ada.pk}/merge/424242/",
        f"/people/{ada.pk}/merge/{huge}/",
        f"/people/{huge}/merge/",
        "/people/424242/merge/",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/people/{ada.pk}/merge/{ada.pk}/").status_code == 404
    assert client.post(f"/people/{ada.pk}/merge/").status_code == 405
    assert Person.objects.filter(pk=ada.pk).exists()
