"""The Settings page: goal, time zone, tiers, feed addresses and downloads."""

import csv
import io
import json
import re
from datetime import date

import icalendar
import pytest
from django.test import Client

from netlife.feeds.models import FeedToken
from netlife.feeds.services import create_feed
from netlife.goals.models import Goal
from netlife.goals.queries import current_goal
from netlife.goals.services import mark_told, set_goal
from netlife.interactions.services import log_interaction
from netlife.networks.models import Network
from netlife.networks.services import create_network
from netlife.people.services import PersonChanges, add_person, edit_person
from netlife.transfer.services import import_network

HTMX = {"HX-Request": "true"}


def _body(response) -> str:
    return str(response.content.decode())


def _streamed(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else (
        response.content
    )  # fmt: skip


# Page ----------------------------------------------------------------------


def test_the_page_shows_every_section(client: Client, ana):
    response = client.get("/settings/")
    assert response.status_code == 200
    body = _body(response)
    for heading in (
        "Your goal",
        "Time zone",
        "Keep-in-touch tiers",
        "Calendar and feed addresses",
        "Export and backup",
    ):
        assert heading in body
    assert 'aria-current="page">Settings' in body
    assert "settings.css" in body
    assert "<script>" not in body
    assert 'style="' not in body


def test_a_get_never_writes(client: Client, ana):
    client.get("/settings/")
    response = client.get("/settings/")
    assert response.status_code == 200
    assert not Goal.objects.exists()
    assert not FeedToken.objects.exists()
    assert Network.objects.get(pk=ana.pk).timezone == "UTC"


# Goal ----------------------------------------------------------------------


def test_setting_a_goal_shows_it_after_the_redirect(client: Client, ana):
    response = client.post("/settings/goal/", {"text": "  a product role in climate "})
    assert response.status_code == 302
    assert response["Location"] == "/settings/#goal"
    goal = current_goal(ana)
    assert goal is not None
    assert goal.text == "a product role in climate"
    body = _body(client.get("/settings/"))
    assert "<strong>a product role in climate</strong>" in body
    assert "Your goal is now: a product role in climate" in body  # the message
    assert "Replace goal" in body
    assert "Mark it reached" in body


def test_replacing_a_goal_finishes_the_previous_one(client: Client, ana):
    client.post("/settings/goal/", {"text": "a product role"})
    client.post("/settings/goal/", {"text": "a design role"})
    goals = dict(Goal.objects.filter(network=ana).values_list("text", "status"))
    assert goals == {"a product role": "done", "a design role": "active"}


def test_finishing_the_goal_returns_to_maintain_mode(client: Client, ana):
    set_goal(ana, "a product role")
    response = client.post("/settings/goal/done/")
    assert response.status_code == 302
    assert current_goal(ana) is None
    assert Goal.objects.get(network=ana).status == "done"
    body = _body(client.get("/settings/"))
    assert "Done: a product role. Back to keeping in touch." in body
    assert "No goal right now" in body
    assert "Mark it reached" not in body


def test_finishing_with_no_goal_says_so(client: Client, ana):
    response = client.post("/settings/goal/done/", follow=True)
    assert "There is no current goal to finish." in _body(response)


def test_an_empty_goal_is_explained_beside_the_field(client: Client, ana):
    response = client.post("/settings/goal/", {"text": "   "})
    assert response.status_code == 400
    body = _body(response)
    assert 'id="goal-text-error"' in body
    assert "A goal needs some words" in body
    assert 'aria-invalid="true"' in body
    assert 'aria-describedby="goal-text-help goal-text-error"' in body
    assert not Goal.objects.exists()


def test_the_goal_form_by_htmx_returns_its_section(client: Client, ana):
    response = client.post("/settings/goal/", {"text": "a product role"}, headers=HTMX)
    assert response.status_code == 200
    body = _body(response)
    assert body.lstrip().startswith('<section id="goal"')
    assert "Your goal is now: a product role" in body
    assert "<html" not in body
    invalid = client.post("/settings/goal/", {"text": ""}, headers=HTMX)
    assert invalid.status_code == 200  # htmx swaps 2xx answers only
    assert 'id="goal-text-error"' in _body(invalid)
    assert "<html" not in _body(invalid)


def test_the_goal_shows_who_knows_it(client: Client, ana, cara):
    ada = add_person(ana, name="Ada Lovelace")
    add_person(ana, name="Grace Hopper")
    set_goal(ana, "a product role")
    mark_told(ana, [ada], on=date(2026, 6, 1))
    secret = add_person(cara, name="Cara Secret")
    set_goal(cara, "cara's secret goal")
    mark_told(cara, [secret])
    body = _body(client.get("/settings/"))
    assert "1 person knows it" in body
    assert "1 contact has not heard it" in body
    assert f'<a href="/people/{ada.pk}/">Ada Lovelace</a>' in body
    assert "1 Jun 2026" in body
    assert "Cara Secret" not in body
    assert "secret goal" not in body


def test_many_aware_people_are_listed_with_a_show_more(client: Client, ana):
    people = [add_person(ana, name=f"Person {n:02}") for n in range(15)]
    set_goal(ana, "a product role")
    mark_told(ana, people)
    body = _body(client.get("/settings/"))
    assert "15 people know it" in body
    assert len(re.findall(r'<a href="/people/\d+/">', body)) == 10
    assert "5 not shown" in body
    fragment = client.get(
        "/settings/", {"aware": "60"}, headers=HTMX | {"HX-Target": "goal-aware"}
    )
    text = _body(fragment)
    assert text.lstrip().startswith('<div id="goal-aware"')
    assert len(re.findall(r'<a href="/people/\d+/">', text)) == 15
    assert "not shown" not in text


# Time zone -----------------------------------------------------------------


def test_setting_the_time_zone(client: Client, ana):
    response = client.post("/settings/timezone/", {"timezone": "europe/paris"})
    assert response.status_code == 302
    assert response["Location"] == "/settings/#timezone"
    assert Network.objects.get(pk=ana.pk).timezone == "Europe/Paris"
    body = _body(client.get("/settings/"))
    assert "<strong>Europe/Paris</strong>" in body
    assert "Time zone set to Europe/Paris." in body
    assert '<option value="America/New_York">' in body


@pytest.mark.parametrize("bad", ["Mars/Olympus_Mons", "../etc/passwd", "", "x" * 65])
def test_a_bad_time_zone_is_explained_beside_the_field(client: Client, ana, bad):
    response = client.post("/settings/timezone/", {"timezone": bad})
    assert response.status_code == 400
    body = _body(response)
    error = re.search(r'<p id="timezone-error" class="field__error">([^<]+)</p>', body)
    assert error is not None
    assert "time zone" in error.group(1)
    assert 'aria-describedby="timezone-help timezone-error"' in body
    assert Network.objects.get(pk=ana.pk).timezone == "UTC"


def test_a_bad_time_zone_by_htmx_returns_the_section(client: Client, ana):
    response = client.post("/settings/timezone/", {"timezone": "Nowhere"}, headers=HTMX)
    assert response.status_code == 200
    body = _body(response)
    assert body.lstrip().startswith('<section id="timezone"')
    assert "&#x27;Nowhere&#x27; is not a time zone netlife knows" in body
    assert Network.objects.get(pk=ana.pk).timezone == "UTC"


# Tiers ---------------------------------------------------------------------


def _tier_row(body: str, tier: str) -> list[str]:
    row = re.search(
        rf'<a href="/people/\?tier={tier}">{tier}</a>(.*?)</tr>', body, re.S
    )
    assert row is not None, tier
    return re.findall(r'class="settings-num">(?:<a [^>]*>)?(\d+)', row.group(1))


def test_tiers_count_chosen_derived_and_own_cadence(client: Client, ana, cara):
    add_person(ana, name="Ada Lovelace", tier="inner")
    add_person(ana, name="Alan Turing", tier="inner", cadence_days=14)
    add_person(ana, name="Grace Hopper", tier="close")
    add_person(ana, name="Katherine Johnson")  # never contacted: distant, derived
    add_person(ana, name="Dorothy Vaughan", tier="none")
    add_person(ana, name="Mary Jackson", prospect=True)  # on no tier
    archived = add_person(ana, name="Hedy Lamarr", tier="inner")
    edit_person(ana, archived, PersonChanges(archived=True))
    for n in range(4):
        add_person(cara, name=f"Cara {n}", tier="inner")
    body = _body(client.get("/settings/"))
    # total, chosen, derived, own cadence
    assert _tier_row(body, "inner") == ["2", "2", "0", "1"]
    assert _tier_row(body, "close") == ["1", "1", "0", "0"]
    assert _tier_row(body, "network") == ["0", "0", "0", "0"]
    assert _tier_row(body, "distant") == ["1", "0", "1", "0"]
    assert _tier_row(body, "none") == ["1", "1", "0", "0"]
    assert "every 30 days" in body
    assert "every 365 days" in body
    assert "not tracked" in body
    assert "5 contacts in all" in body


# Feeds ---------------------------------------------------------------------


def _new_feed_url(body: str) -> str:
    found = re.search(
        r'id="new-feed-url" class="settings-secret__url" value="([^"]+)"', body
    )
    assert found is not None
    return found.group(1)


def test_a_new_calendar_address_is_shown_once_and_works(client: Client, ana):
    add_person(ana, name="Ada Lovelace", tier="inner")
    response = client.post("/settings/feeds/", {"kind": "ics"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    body = _body(response)
    url = _new_feed_url(body)
    assert re.fullmatch(r"http://testserver/feeds/[\w-]{40,}\.ics", url)
    assert "it will not be shown again" in body
    assert 'href="webcal://testserver/feeds/' in body
    feed = client.get(url.removeprefix("http://testserver"))
    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("text/calendar")
    # Only a fingerprint is kept: the next view of the page lacks the secret.
    secret = url.rsplit("/", 1)[1].removesuffix(".ics")
    later = _body(client.get("/settings/"))
    assert secret not in later
    assert secret[:6] in later  # the hint
    assert 'id="new-feed-url"' not in later


def test_a_new_atom_address_by_htmx(client: Client, ana):
    response = client.post("/settings/feeds/", {"kind": "atom"}, headers=HTMX)
    assert response.status_code == 200
    body = _body(response)
    assert body.lstrip().startswith('<section id="feeds"')
    url = _new_feed_url(body)
    assert url.endswith(".atom")
    assert "webcal:" not in body
    feed = client.get(url.removeprefix("http://testserver"))
    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("application/atom+xml")


def test_an_unknown_feed_kind_is_refused(client: Client, ana):
    response = client.post("/settings/feeds/", {"kind": "rss"})
    assert response.status_code == 400
    assert 'id="feed-kind-error"' in _body(response)
    assert not FeedToken.objects.exists()


def test_revoking_a_feed_asks_first_then_closes_it(client: Client, ana):
    token, secret = create_feed(ana, "ics")
    assert client.get(f"/feeds/{secret}.ics").status_code == 200
    confirm = client.get(f"/settings/feeds/{token.pk}/revoke/")
    assert confirm.status_code == 200
    text = _body(confirm)
    assert "Revoke this iCalendar address?" in text
    assert f'action="/settings/feeds/{token.pk}/revoke/"' in text
    assert FeedToken.objects.get(pk=token.pk).revoked_at is None  # GET: nothing yet
    response = client.post(f"/settings/feeds/{token.pk}/revoke/")
    assert response.status_code == 302
    assert response["Location"] == "/settings/#feeds"
    body = _body(client.get("/settings/"))
    assert f"address starting {token.hint}… is revoked" in body
    assert '<span class="badge">revoked ' in body
    assert client.get(f"/feeds/{secret}.ics").status_code == 404


def test_revoking_by_htmx_returns_the_section(client: Client, ana):
    token, _ = create_feed(ana, "atom")
    confirm = client.get(f"/settings/feeds/{token.pk}/revoke/", headers=HTMX)
    assert _body(confirm).lstrip().startswith('<section id="feeds"')
    assert "<html" not in _body(confirm)
    response = client.post(f"/settings/feeds/{token.pk}/revoke/", headers=HTMX)
    assert response.status_code == 200
    assert "is revoked" in _body(response)


def test_revoking_every_feed(client: Client, ana, cara):
    secrets = [create_feed(ana, kind)[1] for kind in ("ics", "atom", "ics")]
    _, cara_secret = create_feed(cara, "ics")
    assert "Revoke all 3" in _body(client.get("/settings/"))
    confirm = _body(client.get("/settings/feeds/revoke/"))
    assert "All 3 live addresses will stop working" in confirm
    response = client.post("/settings/feeds/revoke/", follow=True)
    assert "Revoked 3 feed addresses" in _body(response)
    assert client.get(f"/feeds/{secrets[0]}.ics").status_code == 404
    assert client.get(f"/feeds/{secrets[1]}.atom").status_code == 404
    assert client.get(f"/feeds/{cara_secret}.ics").status_code == 200


def test_cara_s_feeds_never_show_and_cannot_be_revoked(client: Client, ana, cara):
    token, _ = create_feed(cara, "ics")
    body = _body(client.get("/settings/"))
    assert token.hint not in body
    assert "No addresses yet." in body
    assert client.get(f"/settings/feeds/{token.pk}/revoke/").status_code == 404
    assert client.post(f"/settings/feeds/{token.pk}/revoke/").status_code == 404
    assert client.post("/settings/feeds/99999/revoke/").status_code == 404
    assert client.get(f"/settings/feeds/{2**64}/revoke/").status_code == 404
    assert FeedToken.objects.get(pk=token.pk).revoked_at is None


# Downloads -----------------------------------------------------------------


@pytest.fixture
def people(ana, cara):
    ada = add_person(
        ana,
        name="Ada Lovelace",
        emails=["ada@example.com"],
        organization="Analytical Engines",
        tier="inner",
    )
    # Six days past a 30-day cadence: on today's agenda.
    log_interaction(ana, people=[ada], intent="catch-up", on=date(2026, 5, 10))
    add_person(ana, name="Grace Hopper", phones=["+1 202 555 0100"])
    add_person(cara, name="Cara Secret", emails=["cara@example.com"])
    return ana


def _attachment(response) -> str:
    found = re.fullmatch(
        r'attachment; filename="([^"]+)"', response["Content-Disposition"]
    )
    assert found is not None, response["Content-Disposition"]
    return found.group(1)


def test_the_vcard_download(client: Client, people):
    response = client.get("/settings/download/vcard/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    assert _attachment(response) == "netlife-2026-06-15.vcf"
    assert "no-store" in response["Cache-Control"]
    text = response.content.decode()
    assert "FN:Ada Lovelace" in text
    assert "FN:Grace Hopper" in text
    assert "Cara" not in text


@pytest.mark.parametrize(
    ("what", "filename", "email_column"),
    [
        ("google-csv", "netlife-google-2026-06-15.csv", "E-mail 1 - Value"),
        ("outlook-csv", "netlife-outlook-2026-06-15.csv", "E-mail Address"),
    ],
)
def test_the_csv_downloads(client: Client, people, what, filename, email_column):
    response = client.get(f"/settings/download/{what}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert _attachment(response) == filename
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [(r["First Name"], r[email_column]) for r in rows] == [
        ("Ada", "ada@example.com"),
        ("Grace", ""),
    ]
    assert b"Cara" not in response.content


def test_the_calendar_and_atom_downloads(client: Client, people):
    ics = client.get("/settings/download/ics/")
    assert ics["Content-Type"] == "text/calendar; charset=utf-8"
    assert _attachment(ics) == "netlife-2026-06-15.ics"
    summaries = [
        str(e["SUMMARY"])
        for e in icalendar.Calendar.from_ical(ics.content).walk("VEVENT")
    ]
    assert "Get in touch with Ada Lovelace" in summaries
    assert b"Cara" not in ics.content
    atom = client.get("/settings/download/atom/")
    assert atom["Content-Type"] == "application/atom+xml; charset=utf-8"
    assert _attachment(atom) == "netlife-2026-06-15.atom"
    assert b"Ada Lovelace" in atom.content
    assert b"http://testserver/people/" in atom.content
    assert b"Cara" not in atom.content


def test_an_unknown_download_is_404(client: Client, ana):
    assert client.get("/settings/download/excel/").status_code == 404


def test_the_json_backup_streams_and_imports_back(client: Client, people, cara):
    set_goal(people, "a product role")
    response = client.get("/settings/download/backup.json")
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "application/json"
    assert _attachment(response) == "netlife-2026-06-15.json"
    assert "no-store" in response["Cache-Control"]
    document = json.loads(_streamed(response))
    names = sorted(p["full_name"] for p in document["people"])
    assert names == ["Ada Lovelace", "Grace Hopper"]
    restored = create_network(owner_username="dan", name="dan's network")
    result = import_network(restored, document)
    assert result.created["people"] == 2
    assert result.created["interactions"] == 1
    goal = current_goal(restored)
    assert goal is not None
    assert goal.text == "a product role"


def test_downloads_answer_get_only(client: Client, people):
    assert client.post("/settings/download/vcard/").status_code == 405
    assert client.post("/settings/download/backup.json").status_code == 405
    assert client.get("/settings/goal/").status_code == 405
    assert client.get("/settings/timezone/").status_code == 405


# Speed ---------------------------------------------------------------------


def _fill(network: Network, start: int, count: int) -> None:
    people = [
        add_person(network, name=f"Person {n:03}", tier=("inner", "close", None)[n % 3])
        for n in range(start, start + count)
    ]
    mark_told(network, people)
    for n in range(count):
        create_feed(network, ("ics", "atom")[n % 2])


def test_the_page_makes_the_same_number_of_queries_for_3_rows_or_30(
    client: Client, ana, django_assert_max_num_queries, django_assert_num_queries
):
    set_goal(ana, "a product role")
    _fill(ana, 0, 3)
    client.get("/settings/")  # the first request sets the CSRF cookie
    with django_assert_max_num_queries(15) as few:
        client.get("/settings/")
    _fill(ana, 3, 27)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get("/settings/", {"aware": "50"})
    body = _body(response)
    assert "30 people know it" in body
    assert body.count('<td data-label="Made">') == 30
