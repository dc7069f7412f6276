import html
import re
from datetime import date

import pytest
from django.test import Client

from netlife.goals.services import set_goal
from netlife.interactions.models import Interaction
from netlife.interactions.services import log_interaction
from netlife.networks.models import Network
from netlife.people.models import Person
from netlife.people.services import add_person
from netlife.ties.services import record_tie

HTMX = {"HX-Request": "true"}
OPENINGS_ASK = "Hi Ana, do you know of any openings at Acme? Let me know."
FRIENDLY = "Hi Ana, could I ask your advice on moving into product? Thanks!"


@pytest.fixture
def people(ana: Network) -> dict[str, Person]:
    """Ana is warm (a catch-up last week), Ben cold (a year of silence) and
    knows Priya at Globex."""
    set_goal(ana, "A data engineering role in Lisbon")
    ana_lima = add_person(ana, name="Ana Lima", organization="Acme Analytics",
                          title="Head of Data", how_met="at the PyCon sprint",
                          tier="close")  # fmt: skip
    log_interaction(ana, people=[ana_lima], intent="catch-up", on=date(2026, 6, 8),
                    summary="Coffee about her move to Berlin")  # fmt: skip
    ben = add_person(ana, name="Ben Okafor", tier="close")
    log_interaction(ana, people=[ben], intent="catch-up", on=date(2025, 5, 1))
    priya = add_person(ana, name="Priya Patel", organization="Globex", prospect=True)
    record_tie(ana, ben, priya, how="worked together at Initech")
    return {"ana": ana_lima, "ben": ben, "priya": priya}


def _textarea(body: str) -> str:
    found = re.search(r'<textarea id="draft-body"[^>]*>\n(.*?)</textarea>', body, re.S)
    assert found, "no message textarea"
    return html.unescape(found.group(1))


def _findings(body: str) -> list[tuple[str, str]]:
    """(kind, flagged words) of each finding shown."""
    return [
        (kind, html.unescape(words))
        for kind, words in re.findall(
            r'<li class="finding finding--([a-z-]+)">.*?'
            r'(?:<q class="finding__words">([^<]*)</q>|the whole message)',
            body,
            re.S,
        )
    ]


def _error(body: str, field: str) -> str:
    found = re.search(
        rf'<p class="field__error" id="draft-{field}-error">([^<]+)</p>', body
    )
    return html.unescape(found.group(1)) if found else ""


def test_the_page_starts_with_a_reconnect_draft(client: Client, ana, people):
    response = client.get(f"/people/{people['ana'].pk}/draft/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Draft a message to Ana Lima</h1>" in body
    assert 'value="reconnect" checked' in body
    assert _textarea(body).startswith("Hi Ana,")
    assert 'name="csrfmiddlewaretoken"' in body
    assert "netlife sends nothing" in body


@pytest.mark.parametrize(
    "situation",
    [
        "reconnect",
        "advice",
        "update",
        "thanks",
        "follow-up",
        "congrats",
        "intro-request",
    ],
)
def test_each_situation_shows_a_draft_with_its_findings_beside_it(
    client: Client, ana, people, situation
):
    params = {"situation": situation}
    if situation == "intro-request":
        params["to"] = "Priya Patel"
    recipient = people["ben"] if situation == "intro-request" else people["ana"]
    response = client.get(f"/people/{recipient.pk}/draft/", params)
    body = response.content.decode()
    assert response.status_code == 200
    assert f'value="{situation}" checked' in body
    assert _textarea(body).startswith(("Hi Ana,", "Hi Ben,"))
    assert re.search(r'id="draft-subject" name="subject" value="[^"]+"', body)
    assert 'id="findings" aria-live="polite"' in body
    assert "Check again" in body
    assert f'hx-post="/people/{recipient.pk}/draft/lint/"' in body
    assert 'hx-trigger="input changed delay:500ms"' in body


def test_an_intro_request_names_the_target(client: Client, ana, people):
    body = client.get(
        f"/people/{people['ben'].pk}/draft/",
        {"situation": "intro-request", "to": str(people["priya"].pk)},
    ).content.decode()
    assert "Ask Ben Okafor to introduce you to Priya Patel" in body
    assert "Could you introduce me to Priya Patel?" in body
    assert "worked together at Initech" in _textarea(body)


def test_an_intro_request_without_a_target_is_explained_beside_the_field(
    client: Client, ana, people
):
    response = client.get(
        f"/people/{people['ben'].pk}/draft/", {"situation": "intro-request"}
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert _error(body, "to") == "Name the person you would like to be introduced to."
    assert 'aria-invalid="true"' in body
    assert "draft-body" not in body


def test_an_unknown_or_ambiguous_target_is_explained_beside_the_field(
    client: Client, ana, people
):
    url = f"/people/{people['ben'].pk}/draft/"
    body = client.get(
        url, {"situation": "intro-request", "to": "Nobody"}
    ).content.decode()
    assert _error(body, "to") == "No one in this network matches 'Nobody'."
    other = add_person(ana, name="Priya Shah")
    body = client.get(
        url, {"situation": "intro-request", "to": "priya"}
    ).content.decode()
    assert _error(body, "to") == "'priya' matches more than one person."
    assert f'href="{url}?situation=intro-request&amp;to={people["priya"].pk}"' in body
    assert f'href="{url}?situation=intro-request&amp;to={other.pk}"' in body
    body = client.get(
        url, {"situation": "intro-request", "to": str(people["ben"].pk)}
    ).content.decode()
    assert _error(body, "to") == "Ben Okafor cannot introduce you to themselves."


def test_an_unknown_situation_is_explained_beside_the_choices(
    client: Client, ana, people
):
    response = client.get(f"/people/{people['ana'].pk}/draft/", {"situation": "beg"})
    assert response.status_code == 400
    assert _error(response.content.decode(), "situation") == (
        "Choose one of the situations listed."
    )


def test_a_cold_ask_warns_and_offers_the_reconnect_first(client: Client, ana, people):
    body = client.get(
        f"/people/{people['ben'].pk}/draft/", {"situation": "advice"}
    ).content.decode()
    assert "Your tie with Ben has gone cold" in body
    assert "Warm the tie up first" in body
    assert f'href="/people/{people["ben"].pk}/draft/?situation=reconnect"' in body
    assert "cold-ask" in [kind for kind, _ in _findings(body)]


def test_the_lint_endpoint_returns_findings_for_an_openings_ask(
    client: Client, ana, people
):
    response = client.post(
        f"/people/{people['ana'].pk}/draft/lint/", {"body": OPENINGS_ASK}, headers=HTMX
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert "<form" not in body
    assert _findings(body) == [("openings-ask", "know of any openings")]
    assert "Try this:" in body
    assert "Ask for advice instead" in body


def test_the_lint_endpoint_finds_nothing_in_a_friendly_message(
    client: Client, ana, people
):
    response = client.post(
        f"/people/{people['ana'].pk}/draft/lint/", {"body": FRIENDLY}, headers=HTMX
    )
    body = response.content.decode()
    assert _findings(body) == []
    assert "No findings: it reads like a message that gets a reply." in body


def test_the_lint_knows_the_recipient_is_a_cold_tie(client: Client, ana, people):
    body = client.post(
        f"/people/{people['ben'].pk}/draft/lint/", {"body": FRIENDLY}, headers=HTMX
    ).content.decode()
    assert [kind for kind, _ in _findings(body)] == ["cold-ask"]


def test_check_again_without_javascript_shows_the_page_with_the_edited_text(
    client: Client, ana, people
):
    response = client.post(
        f"/people/{people['ana'].pk}/draft/lint/",
        {"situation": "advice", "to": "", "subject": "Quick one", "body": OPENINGS_ASK},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" in body
    assert _textarea(body) == OPENINGS_ASK
    assert 'value="Quick one"' in body
    assert 'value="advice" checked' in body
    assert _findings(body) == [("openings-ask", "know of any openings")]


def test_a_message_over_the_size_limit_is_explained(client: Client, ana, people):
    url = f"/people/{people['ana'].pk}/draft/lint/"
    huge = "word " * 40_001
    plain = client.post(url, {"situation": "advice", "body": huge})
    assert plain.status_code == 400
    assert _error(plain.content.decode(), "body").startswith("That message is over")
    fragment = client.post(url, {"body": huge}, headers=HTMX)
    assert fragment.status_code == 200  # htmx swaps only a 2xx answer
    assert "That message is over" in fragment.content.decode()


def test_whole_message_findings_are_named_not_quoted(client: Client, ana, people):
    text = (
        "I moved to Lyon last spring. I started a new job in May and I love it there."
    )
    body = client.post(
        f"/people/{people['ana'].pk}/draft/lint/", {"body": text}, headers=HTMX
    ).content.decode()
    assert _findings(body) == [("me-only", ""), ("no-request", "")]


def test_cara_s_people_are_a_404(client: Client, ana, cara, people):
    theirs = add_person(cara, name="Cara's Secret")
    assert client.get(f"/people/{theirs.pk}/draft/").status_code == 404
    lint = client.post(f"/people/{theirs.pk}/draft/lint/", {"body": FRIENDLY})
    assert lint.status_code == 404
    assert "Secret" not in lint.content.decode()
    assert client.get("/people/99999999999999999999999/draft/").status_code == 404


def test_cara_s_people_cannot_be_an_introduction_target(
    client: Client, ana, cara, people
):
    theirs = add_person(cara, name="Cara's Secret")
    body = client.get(
        f"/people/{people['ben'].pk}/draft/",
        {"situation": "intro-request", "to": str(theirs.pk)},
    ).content.decode()
    assert _error(body, "to") == f"No person with id {theirs.pk} in this network."
    assert "Secret" not in body


def test_the_lint_endpoint_takes_only_a_post(client: Client, ana, people):
    assert client.get(f"/people/{people['ana'].pk}/draft/lint/").status_code == 405


def test_drafting_and_checking_write_nothing(client: Client, ana, people):
    before = (Interaction.objects.count(), Person.objects.count())
    client.get(f"/people/{people['ben'].pk}/draft/", {"situation": "advice"})
    client.get(
        f"/people/{people['ben'].pk}/draft/",
        {"situation": "intro-request", "to": "Someone New"},
    )
    client.post(f"/people/{people['ben'].pk}/draft/lint/", {"body": OPENINGS_ASK})
    assert (Interaction.objects.count(), Person.objects.count()) == before


def test_the_page_needs_the_same_queries_for_3_or_30_interactions(
    client: Client,
    ana,
    people,
    django_assert_num_queries,
    django_assert_max_num_queries,
):
    ana_lima = people["ana"]
    url = f"/people/{ana_lima.pk}/draft/"
    client.get(url, {"situation": "advice"})
    with django_assert_max_num_queries(30) as few:
        client.get(url, {"situation": "advice"})
    count = len(few.captured_queries)  # the next request clears the log
    for day in range(1, 28):
        log_interaction(ana, people=[ana_lima], intent="give", on=date(2026, 5, day))
    with django_assert_num_queries(count):
        client.get(url, {"situation": "advice"})
    lint_url = f"/people/{ana_lima.pk}/draft/lint/"
    with django_assert_max_num_queries(10) as few:
        client.post(lint_url, {"body": OPENINGS_ASK}, headers=HTMX)
    count = len(few.captured_queries)
    for day in range(1, 28):
        log_interaction(ana, people=[ana_lima], intent="thanks", on=date(2026, 4, day))
    with django_assert_num_queries(count):
        client.post(lint_url, {"body": OPENINGS_ASK}, headers=HTMX)
