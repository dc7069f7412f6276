"""Lead writes keep the credited people's rows true, so the agenda closes the loop."""

from datetime import date

from netlife.interactions.services import log_interaction
from netlife.leads.services import add_lead, move_lead
from netlife.people.services import add_person
from netlife.relationships.models import Relationship
from netlife.relationships.services import refresh_relationships

FIELDS = [f.attname for f in Relationship._meta.concrete_fields]


def stale_rows(network) -> dict[int, dict[str, tuple[object, object]]]:
    """Rows that differ from a recomputation from scratch: field → (kept, fresh)."""
    kept = {
        r["person_id"]: r
        for r in Relationship.objects.filter(network=network).values(*FIELDS)
    }
    Relationship.objects.filter(network=network).delete()
    refresh_relationships(network)
    fresh = {
        r["person_id"]: r
        for r in Relationship.objects.filter(network=network).values(*FIELDS)
    }
    assert kept.keys() == fresh.keys()
    return {
        pk: diff
        for pk, row in kept.items()
        if (
            diff := {
                f: (row[f], fresh[pk][f]) for f in FIELDS if row[f] != fresh[pk][f]
            }
        )
    }


def test_every_lead_write_leaves_the_rows_as_a_recomputation_would(run_cli, ana):
    ada = add_person(ana, name="Ada Lovelace")
    bob = add_person(ana, name="Bob Byte")
    cy = add_person(ana, name="Cy Chen")
    log_interaction(ana, people=[ada, bob], intent="catch-up", on=date(2026, 1, 10))
    lead = add_lead(
        ana, title="Role", opened_by=[ada], through=[bob], on=date(2026, 2, 1)
    )
    assert stale_rows(ana) == {}
    move_lead(ana, lead, "interview", on=date(2026, 3, 1))
    assert stale_rows(ana) == {}
    assert run_cli("log", "cy", "--intent", "advice", "--lead", "Other").exit_code == 0
    assert stale_rows(ana) == {}
    run_cli("lead", "move", str(lead.pk), "closed", "--on", "2026-04-01")
    assert stale_rows(ana) == {}
    row = Relationship.objects.get(person=bob)
    assert row.lead_news_day == date(2026, 4, 1).toordinal()
    # Cy's lead opened in that very conversation: no news until it moves.
    assert Relationship.objects.get(person=cy).lead_news_day is None


def test_news_of_a_lead_puts_its_opener_on_the_agenda(run_cli, ana):
    ada = add_person(ana, name="Ada Lovelace", tier="distant")
    run_cli(
        "log", "ada", "--intent", "catch-up", "--on", "2026-05-20",
        "--follow-up", "2026-06-10", "--lead", "CTO",
    )  # fmt: skip
    # On the agenda for the follow-up, but the lead is no news to her: it
    # opened in that very conversation.
    [before] = run_cli("agenda", "--json").json["items"]
    assert before["person_id"] == ada.pk
    assert [r["kind"] for r in before["reasons"]] == ["follow-up"]
    [lead] = run_cli("lead", "list", "--json").json
    run_cli("lead", "move", str(lead["id"]), "interview", "--on", "2026-06-10")
    [item] = run_cli("agenda", "--json").json["items"]
    assert item["person_id"] == ada.pk
    [loop] = [r for r in item["reasons"] if r["kind"] == "close-the-loop"]
    assert "“CTO” reached interview" in loop["text"]


def test_a_lead_just_opened_is_no_news_yet(run_cli, ana):
    add_person(ana, name="Bea Kim", tier="distant")
    run_cli("log", "Bea Kim", "--intent", "catch-up", "--on", "2026-05-01")
    run_cli("lead", "add", "Data lead", "--via", "Bea Kim", "--on", "2026-06-10")
    reasons = [
        r["kind"]
        for item in run_cli("agenda", "--json").json["items"]
        for r in item["reasons"]
    ]
    assert "close-the-loop" not in reasons
