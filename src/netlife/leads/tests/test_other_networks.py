"""cara's leads are never seen, counted or moved from ana's network."""

from datetime import date

import pytest

from netlife.core.errors import InvalidInput
from netlife.leads.models import Lead
from netlife.leads.services import add_lead, move_lead
from netlife.people.services import add_person


def test_cara_s_leads_stay_hers(run_cli, ana, cara):
    hers = add_person(cara, name="Ada Lovelace")
    theirs = add_lead(
        cara, title="Secret role", organization="Hidden Co", opened_by=[hers],
        on=date(2026, 5, 1),
    )  # fmt: skip
    move_lead(cara, theirs, "offer", on=date(2026, 5, 2))
    mine = add_person(ana, name="Ada Lovelace")
    run_cli("lead", "add", "My role", "--via", "ada")

    listed = run_cli("lead", "list", "--json").json
    assert [lead["title"] for lead in listed] == ["My role"]
    assert listed[0]["credited"][0]["id"] == mine.pk
    assert run_cli("lead", "list", "--stage", "offer", "--json").json == []

    shown = run_cli("lead", "show", str(theirs.pk))
    assert shown.exit_code == 1
    assert "No lead with id" in shown.stderr
    moved = run_cli("lead", "move", str(theirs.pk), "hired")
    assert moved.exit_code == 1
    assert Lead.objects.get(pk=theirs.pk).stage == "offer"

    funnel = run_cli("funnel", "--json").json
    assert funnel["leads"] == 1
    assert [p["id"] for p in funnel["by_person"]] == [mine.pk]
    assert funnel["stages"][3]["reached"] == 0  # cara's offer is not counted


def test_a_person_of_cara_s_cannot_be_credited(ana, cara):
    hers = add_person(cara, name="Ada Lovelace")
    with pytest.raises(InvalidInput, match="belong to this network"):
        add_lead(ana, title="Role", opened_by=[hers])
    lead = add_lead(cara, title="Role")
    with pytest.raises(InvalidInput, match="another network"):
        move_lead(ana, lead, "offer")
