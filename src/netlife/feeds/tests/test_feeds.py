"""Subscribing to reminders: secret addresses, calendars and Atom that apps read."""

import xml.etree.ElementTree as ET
from datetime import date
from typing import Any

import icalendar
import pytest

from netlife.feeds.models import FeedToken

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def network(run_cli, ana, monkeypatch):
    """Ana is overdue with a follow-up; Ben has a 29 February birthday."""
    monkeypatch.setenv("NETLIFE_TODAY", "2026-11-29")
    run_cli("add", "Ana Lima", "--cadence", "7", "--org", "Globex")
    run_cli("log", "Ana Lima", "--intent", "catch-up", "--on", "2026-11-01",
            "--follow-up", "2026-11-20")  # fmt: skip
    run_cli("add", "Ben Okafor", "--tier", "close", "--birthday", "2000-02-29")
    run_cli("log", "Ben Okafor", "--intent", "give", "--on", "2026-11-25")
    return ana


def events(data: bytes) -> dict[str, Any]:
    calendar = icalendar.Calendar.from_ical(data)
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def uid_of(run_cli, name: str) -> str:
    from netlife.people.models import Person

    return str(Person.objects.get(full_name=name).uid)


def secret_of(url: str) -> str:
    return url.rsplit("/", 1)[1].split(".")[0]


def test_the_calendar_holds_the_agenda_follow_ups_and_birthdays(run_cli, network):
    data = run_cli("export", "ics").stdout.encode()
    found = events(data)
    ana, ben = uid_of(run_cli, "Ana Lima"), uid_of(run_cli, "Ben Okafor")
    touch = found[f"touch-{ana}@netlife"]
    assert touch["SUMMARY"] == "Get in touch with Ana Lima"
    assert touch.decoded("DTSTART") == date(2026, 11, 29)  # today: overdue
    assert str(touch["DESCRIPTION"]).startswith("follow-up: It is time")
    follow_up = found[f"follow-up-{ana}@netlife"]
    assert follow_up.decoded("DTSTART") == date(2026, 11, 29)  # missed: today
    birthday = found[f"birthday-{ben}@netlife"]
    assert birthday["RRULE"]["BYMONTHDAY"] == [-1]  # 28 Feb in common years


def test_uids_are_stable_from_one_export_to_the_next(run_cli, network):
    first = run_cli("export", "ics").stdout
    second = run_cli("export", "ics").stdout
    assert first == second


def test_the_atom_feed_is_the_agenda_in_order(run_cli, network):
    root = ET.fromstring(run_cli("export", "atom").stdout.encode())
    assert root.tag == f"{ATOM}feed"
    assert root.findtext(f"{ATOM}author/{ATOM}name") == "me"
    titles = [e.findtext(f"{ATOM}title", "") for e in root.findall(f"{ATOM}entry")]
    assert titles[0].startswith("Ana Lima: ")
    updated = root.findtext(f"{ATOM}entry/{ATOM}updated", "")
    assert updated.startswith("2026-11-29T08:00:00")


def test_a_feed_address_serves_its_feed_to_anyone_holding_it(run_cli, network, client):
    made = run_cli("feed", "new", "ics", "--json").json
    assert made["url"].startswith("http://127.0.0.1:8000/feeds/")
    response = client.get(f"/feeds/{secret_of(made['url'])}.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert f"touch-{uid_of(run_cli, 'Ana Lima')}@netlife" in events(response.content)
    again = client.get(
        f"/feeds/{secret_of(made['url'])}.ics",
        HTTP_IF_NONE_MATCH=response["ETag"],
    )
    assert again.status_code == 304
    assert FeedToken.objects.get().last_used_at is not None


def test_a_wrong_revoked_or_mismatched_secret_gets_404(run_cli, network, client):
    ics = secret_of(run_cli("feed", "new", "ics", "--json").json["url"])
    atom = run_cli("feed", "new", "atom", "--json").json
    assert client.get(f"/feeds/{secret_of(atom['url'])}.atom").status_code == 200
    assert client.get(f"/feeds/{ics}.atom").status_code == 404
    assert client.get(f"/feeds/{ics[:-1]}x.ics").status_code == 404
    assert client.get("/feeds/.ics").status_code == 404
    revoked = run_cli("feed", "revoke", str(atom["id"]))
    assert revoked.stdout.strip() == "Revoked 1 feed."
    assert client.get(f"/feeds/{secret_of(atom['url'])}.atom").status_code == 404
    assert client.get(f"/feeds/{ics}.ics").status_code == 200
    run_cli("feed", "revoke", "--all")
    assert client.get(f"/feeds/{ics}.ics").status_code == 404


def test_secrets_are_not_stored(run_cli, network):
    url = run_cli("feed", "new", "ics", "--json").json["url"]
    token = FeedToken.objects.get()
    assert secret_of(url) not in (token.secret_hash, token.hint)
    listing = run_cli("feed", "list", "--json").json
    assert [(f["kind"], f["revoked_at"]) for f in listing] == [("ics", None)]
    assert secret_of(url) not in run_cli("feed", "list").stdout


def test_feed_commands_explain_mistakes(run_cli, network):
    assert "Unknown feed kind 'rss'" in run_cli("feed", "new", "rss").stderr
    assert "No feed with id 42" in run_cli("feed", "revoke", "42").stderr
    assert "Give a feed id, or --all" in run_cli("feed", "revoke").stderr
