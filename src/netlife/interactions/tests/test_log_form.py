"""The "log it" form, as the Today and Person pages use it.

Today is 2026-06-15 (NETLIFE_TODAY in the test settings).
"""

import re
from datetime import date

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
from netlife.people.queries import person_details
from netlife.people.services import add_person

HTMX = {"HX-Request": "true", "HX-Target": "today"}
COLD = "This is a cold ask"
WARM_UP = "Before you ask, get back in touch with"


@pytest.fixture
def cole(ana: Network) -> Person:
    """A cold tie: the last contact that was not an ask was a year ago."""
    person = add_person(ana, name="Cole Cold", tier="close", organization="Acme")
    log_interaction(ana, people=[person], intent="catch-up", on=date(2025, 6, 1))
    return person


@pytest.fixture
def wren(ana: Network) -> Person:
    """A warm tie: a catch-up ten days ago."""
    person = add_person(ana, name="Wren Warm", tier="close")
    log_interaction(ana, people=[person], intent="catch-up", on=date(2026, 6, 5))
    return person


def _post(
    client: Client, person: Person, headers: dict[str, str] | None = None, **data
):
    return client.post(
        "/interactions/log/", {"person": person.pk, **data}, headers=headers or {}
    )


def _logged(person: Person) -> list[Interaction]:
    return list(Interaction.objects.filter(people=person).order_by("pk"))


def _field_error(body: str, field_id: str) -> str:
    found = re.search(
        rf'<p class="field-error" id="{field_id}-error">([^<]+)</p>', body
    )
    assert found is not None, f"no error beside {field_id}"
    assert f'aria-describedby="{field_id}-error"' in body
    return found.group(1).replace("&#x27;", "'")


def test_logging_records_the_interaction_and_goes_to_next(client: Client, wren):
    response = _post(
        client,
        wren,
        intent="give",
        channel="email",
        summary="sent the pricing deck",
        on="2026-06-14",
        follow_up_on="2026-07-01",
        follow_up_intent="advice",
        they_initiated="on",
        next="/people/",
    )
    assert response.status_code == 302
    assert response["Location"] == "/people/"
    latest = _logged(wren)[-1]
    assert latest.intent == "give"
    assert latest.channel == "email"
    assert latest.summary == "sent the pricing deck"
    assert latest.occurred_on == date(2026, 6, 14)
    assert latest.follow_up_on == date(2026, 7, 1)
    assert latest.follow_up_intent == "advice"
    assert latest.initiated_by == Interaction.Initiator.THEM
    body = client.get("/people/").content.decode()
    assert "Logged a give by email with Wren Warm on 14 Jun 2026." in body


def test_sharing_a_goal_records_who_heard_it(client: Client, ana, wren):
    _post(client, wren, intent="catch-up", shared_goal="on", next="/people/")
    body = client.get("/people/").content.decode()
    assert "You told them your goal, but none is set: set it in Settings" in body
    set_goal(ana, "a product role in climate tech")
    _post(client, wren, intent="catch-up", shared_goal="on", next="/people/")
    assert GoalAwareness.objects.filter(person=wren).exists()


def test_without_next_it_goes_to_the_person_page(client: Client, wren):
    response = _post(client, wren, intent="catch-up")
    assert response["Location"] == f"/people/{wren.pk}/"


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/", "javascript:alert(1)"]
)
def test_a_next_off_this_site_is_not_followed(client: Client, wren, next_url):
    response = _post(client, wren, intent="catch-up", next=next_url)
    assert response.status_code == 302
    assert response["Location"] == f"/people/{wren.pk}/"


@pytest.mark.parametrize(
    ("data", "field", "error"),
    [({"intent": "bribe"}, "intent", "Unknown intent 'bribe'; use one of catch-up"),
     ({"intent": ""}, "intent", "Pick what it was"),
     ({"intent": "give", "channel": "pigeon"}, "channel", "Unknown channel 'pigeon'"),
     ({"intent": "give", "on": "yesterday-ish"}, "on", "is not a valid date"),
     ({"intent": "give", "on": "2026-07-01"}, "on", "That day is in the future"),
     ({"intent": "give", "follow_up_intent": "ask"}, "follow-up-on",
      "Say when the follow-up is."),
     ({"intent": "give", "on": "2026-06-10", "follow_up_on": "2026-06-01"},
      "follow-up-on", "The follow-up date is before the interaction itself."),
     ({"intent": "give", "follow_up_on": "someday"}, "follow-up-on",
      "is not a valid follow-up date")],
)  # fmt: skip
def test_bad_input_is_explained_beside_the_field_and_nothing_is_written(
    client: Client, wren, data, field, error
):
    before = _logged(wren)
    response = _post(client, wren, next="/", **data)
    assert response.status_code == 400
    body = response.content.decode()
    assert error in _field_error(body, f"log-{wren.pk}-{field}")
    assert 'aria-invalid="true"' in body
    assert "Nothing is logged yet" in body
    assert '<a href="/">← Back</a>' in body
    assert _logged(wren) == before


def test_what_was_typed_is_kept_when_the_form_comes_back(client: Client, wren):
    body = _post(
        client, wren, intent="thanks", summary="for the <intro>", on="2026-07-01"
    ).content.decode()
    assert '<option value="thanks" selected>' in body
    assert 'value="for the &lt;intro&gt;"' in body
    assert '<details class="log-form__more" open>' in body


def test_an_ask_to_a_cold_tie_warns_before_anything_is_logged(client: Client, cole):
    before = _logged(cole)
    response = _post(
        client, cole, intent="ask", summary="an intro to their CTO", next="/"
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert COLD in body
    assert (
        "your last contact with Cole Cold that was not an ask was on 2025-06-01" in body
    )
    assert WARM_UP in body
    assert "useful to their work at Acme" in body
    assert "Log the ask anyway" in body
    assert 'name="confirm" value="cold-ask"' in body
    assert _logged(cole) == before
    confirmed = _post(
        client, cole, intent="ask", summary="an intro to their CTO", next="/",
        confirm="cold-ask",
    )  # fmt: skip
    assert confirmed.status_code == 302
    assert _logged(cole)[-1].intent == "ask"
    assert len(_logged(cole)) == len(before) + 1


def test_advice_to_a_cold_tie_warns_too(client: Client, cole):
    body = _post(client, cole, intent="advice").content.decode()
    assert COLD in body


def test_an_ask_to_a_warm_tie_is_logged_at_once(client: Client, wren):
    response = _post(client, wren, intent="ask", next="/")
    assert response.status_code == 302
    assert _logged(wren)[-1].intent == "ask"
    assert COLD not in client.get("/").content.decode()


def test_a_give_to_a_cold_tie_needs_no_warning(client: Client, cole):
    response = _post(client, cole, intent="give")
    assert response.status_code == 302


def test_with_htmx_the_warning_comes_back_in_place_of_the_form(client: Client, cole):
    response = _post(client, cole, headers=HTMX, intent="ask", next="/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" not in body
    assert body.lstrip().startswith(
        f'<div class="log-form log-form--warned" id="log-{cole.pk}">'
    )
    assert response["HX-Retarget"] == f"#log-{cole.pk}"
    assert response["HX-Reswap"] == "outerHTML"
    assert response["HX-Reselect"] == f"#log-{cole.pk}"
    assert 'hx-target="#today"' in body  # confirming still refreshes Today
    assert COLD in body


def test_with_htmx_errors_come_back_in_place_of_the_form(client: Client, wren):
    response = _post(client, wren, headers=HTMX, intent="bribe", next="/")
    assert response.status_code == 200
    assert response["HX-Retarget"] == f"#log-{wren.pk}"
    assert "Unknown intent" in response.content.decode()


def test_the_check_shows_the_warning_as_soon_as_ask_is_picked(
    client: Client, cole, wren
):
    for intent in ("ask", "advice"):
        body = client.get(
            "/interactions/check/", {"person": cole.pk, "intent": intent}
        ).content.decode()
        assert COLD in body
        assert WARM_UP in body
        assert 'name="confirm" value="cold-ask"' in body
    for person, intent in ((cole, "give"), (wren, "ask"), (cole, "bribe")):
        response = client.get(
            "/interactions/check/", {"person": person.pk, "intent": intent}
        )
        assert response.status_code == 200
        assert response.content.decode().strip() == ""


def test_the_check_uses_the_day_of_the_interaction(client: Client, cole):
    # On 2025-07-01 the catch-up of 2025-06-01 was within the 90-day cadence.
    body = client.get(
        "/interactions/check/",
        {"person": cole.pk, "intent": "ask", "on": "2025-07-01"},
    ).content.decode()
    assert body.strip() == ""


def test_cara_s_people_and_unknown_ids_are_404s(client: Client, ana, cara, wren):
    secret = add_person(cara, name="Cara Secret")
    for person_id in (str(secret.pk), "999999", "x", "", str(2**63)):
        assert (
            client.post("/interactions/log/", {"person": person_id, "intent": "give"})
        ).status_code == 404
        assert (
            client.get("/interactions/check/", {"person": person_id, "intent": "ask"})
        ).status_code == 404
    assert not Interaction.objects.filter(people=secret).exists()


def test_the_log_endpoint_takes_only_posts(client: Client, wren):
    assert client.get("/interactions/log/", {"person": wren.pk}).status_code == 405


def test_the_check_never_writes(client: Client, cole):
    client.get("/interactions/check/", {"person": cole.pk, "intent": "ask"})
    with CaptureQueriesContext(connection) as queries:
        client.get("/interactions/check/", {"person": cole.pk, "intent": "ask"})
    assert not [
        q for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]  # fmt: skip


def _render_form(person: object, **extra: object) -> str:
    request = RequestFactory().get("/people/1/")
    return render_to_string(
        "interactions/_log_form.html", {"person": person, **extra}, request=request
    )


def test_the_form_offers_every_intent_and_channel(wren):
    body = _render_form(wren)
    intents = re.search(r'name="intent".*?</select>', body, re.S)
    channels = re.search(r'name="channel".*?</select>', body, re.S)
    assert intents is not None
    assert channels is not None
    assert sorted(re.findall(r'value="([^"]+)"', intents.group(0))) == sorted(
        Interaction.Intent.values
    )
    assert sorted(re.findall(r'value="([^"]+)"', channels.group(0))) == sorted(
        Interaction.Channel.values
    )


def test_the_form_can_be_included_with_a_person_or_a_person_document(ana, wren):
    for person in (wren, person_details(ana, wren)):
        body = _render_form(person)
        assert 'aria-label="Log a conversation with Wren Warm"' in body
        assert f'name="person" value="{wren.pk}"' in body
        assert 'name="next" value="/people/1/"' in body  # back to the page
        assert 'hx-target="#main" hx-select="#main"' in body
        assert '<option value="catch-up" selected>' in body
        for control in re.findall(r'id="(log-\d+-[a-z-]+)"', body):
            if control.endswith(("-person", "-check")):
                continue
            assert f'for="{control}"' in body, f"{control} has no label"
