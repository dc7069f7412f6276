"""`funnel`: a history built through the CLI, and the numbers worked out by hand.

The people: Ada, Bob, Cy and Dee. The asks: Bob a favour on 03-10, Cy
advice on 02-01, Ada advice on 04-01. The leads, their first ask, and how
far they got:

    L1 Data lead        via Bob, opened 03-01            none   (Bob's ask came after)
       conversation 03-04
    L2 Platform lead    via Bob, opened 03-20            favour (Bob, 03-10)
       interview 04-01 (skipped conversation)
    L3 Product manager  logged with Ada as received, 04-05  advice (Ada, 04-01)
       conversation 04-15, interview 04-25, offer 05-15, hired 05-25
    L4 Founding eng.    logged with Cy as an ask, 04-10  favour (the source wins
       conversation 04-12, interview 05-02, closed 05-10   over the earlier advice)
    L5 Closed one       through Dee, opened 05-01        none
       closed 05-02
"""

from netlife.people.services import add_person


def build_history(run_cli) -> dict[str, int]:
    def ok(*args: str):
        result = run_cli(*args, "--json")
        assert result.exit_code == 0, (args, result.stderr)
        return result.json

    ok("log", "bob", "--intent", "ask", "--on", "2026-03-10")
    ok("log", "cy", "--intent", "advice", "--on", "2026-02-01")
    ok("log", "ada", "--intent", "advice", "--on", "2026-04-01")
    ids = {
        "L1": ok("lead", "add", "Data lead", "--via", "bob", "--on", "2026-03-01"),
        "L2": ok("lead", "add", "Platform lead", "--via", "bob", "--on", "2026-03-20"),
        "L3": ok(
            "log", "ada", "--intent", "received", "--on", "2026-04-05",
            "--lead", "Product manager",
        )["lead"],
        "L4": ok(
            "log", "cy", "--intent", "ask", "--on", "2026-04-10",
            "--lead", "Founding engineer",
        )["lead"],
        "L5": ok("lead", "add", "Closed one", "--through", "dee", "--on", "2026-05-01"),
    }  # fmt: skip
    for lead, stage, day in (
        ("L1", "conversation", "03-04"),
        ("L2", "interview", "04-01"),
        ("L3", "conversation", "04-15"),
        ("L3", "interview", "04-25"),
        ("L3", "offer", "05-15"),
        ("L3", "hired", "05-25"),
        ("L4", "conversation", "04-12"),
        ("L4", "interview", "05-02"),
        ("L4", "closed", "05-10"),
        ("L5", "closed", "05-02"),
    ):
        ok("lead", "move", str(ids[lead]["id"]), stage, "--on", f"2026-{day}")
    return {name: lead["id"] for name, lead in ids.items()}


def test_the_funnel_of_a_hand_built_history(run_cli, ana):
    ada = add_person(ana, name="Ada Lovelace")
    bob = add_person(ana, name="Bob Byte")
    cy = add_person(ana, name="Cy Chen")
    dee = add_person(ana, name="Dee Distant")
    build_history(run_cli)
    result = run_cli("funnel", "--json")
    assert result.exit_code == 0, result.stderr
    funnel = result.json
    assert funnel["leads"] == 5
    # Furthest: L1 conversation, L2 interview, L3 hired, L4 interview, L5 lead.
    assert funnel["stages"] == [
        {"stage": "lead", "count": 0, "reached": 5, "conversion": None},
        {"stage": "conversation", "count": 1, "reached": 4, "conversion": 0.8},
        {"stage": "interview", "count": 1, "reached": 3, "conversion": 0.75},
        {"stage": "offer", "count": 0, "reached": 1, "conversion": 0.3333},
        {"stage": "hired", "count": 1, "reached": 1, "conversion": 1.0},
        {"stage": "closed", "count": 2, "reached": 2, "conversion": None},
    ]
    # Ada: L3, hired. Bob: L1 and L2, one interview. Cy: L4, an interview.
    # Dee: L5. Bob outranks Cy on the number of leads.
    assert funnel["by_person"] == [
        {"id": ada.pk, "name": "Ada Lovelace", "leads": 1, "interviews": 1,
         "offers": 1, "hires": 1},
        {"id": bob.pk, "name": "Bob Byte", "leads": 2, "interviews": 1,
         "offers": 0, "hires": 0},
        {"id": cy.pk, "name": "Cy Chen", "leads": 1, "interviews": 1,
         "offers": 0, "hires": 0},
        {"id": dee.pk, "name": "Dee Distant", "leads": 1, "interviews": 0,
         "offers": 0, "hires": 0},
    ]  # fmt: skip
    # advice: L3. favour: L2 and L4. none: L1 and L5.
    assert funnel["by_first_ask"] == [
        {"kind": "advice", "leads": 1, "interviews": 1, "offers": 1, "hires": 1},
        {"kind": "favour", "leads": 2, "interviews": 2, "offers": 0, "hires": 0},
        {"kind": "none", "leads": 2, "interviews": 0, "offers": 0, "hires": 0},
    ]
    assert funnel["median_days"] == [
        # L1 3 days, L3 10, L4 2 → 3.
        {"from": "lead", "to": "conversation", "days": 3.0, "leads": 3},
        # L3 10, L4 20 → 15.
        {"from": "conversation", "to": "interview", "days": 15.0, "leads": 2},
        {"from": "interview", "to": "offer", "days": 20.0, "leads": 1},
        {"from": "offer", "to": "hired", "days": 10.0, "leads": 1},
    ]


def test_the_funnel_in_words(run_cli, ana):
    for name in ("Ada Lovelace", "Bob Byte", "Cy Chen", "Dee Distant"):
        add_person(ana, name=name)
    build_history(run_cli)
    text = run_cli("funnel").stdout
    assert "conversation" in text
    assert "80%" in text
    assert "lead → conversation: 3 (over 3 leads)" in text
    assert "Ada Lovelace" in text


def test_an_ask_on_the_day_a_lead_opens_counts_as_before_it(run_cli, ana):
    add_person(ana, name="Ada Lovelace")
    run_cli("log", "ada", "--intent", "ask", "--on", "2026-06-01")
    run_cli("lead", "add", "CTO", "--via", "ada", "--on", "2026-06-01")
    asks = run_cli("funnel", "--json").json["by_first_ask"]
    assert [a["leads"] for a in asks] == [0, 1, 0]


def test_an_ask_of_someone_not_credited_does_not_count(run_cli, ana):
    add_person(ana, name="Ada Lovelace")
    add_person(ana, name="Bob Byte")
    run_cli("log", "bob", "--intent", "advice", "--on", "2026-06-01")
    run_cli("lead", "add", "CTO", "--via", "ada", "--on", "2026-06-02")
    asks = run_cli("funnel", "--json").json["by_first_ask"]
    assert [a["leads"] for a in asks] == [0, 0, 1]


def test_no_leads_is_an_empty_funnel(run_cli, ana):
    funnel = run_cli("funnel", "--json").json
    assert funnel["leads"] == 0
    assert [s["reached"] for s in funnel["stages"]] == [0] * 6
    assert funnel["by_person"] == []
    assert "netlife lead add" in run_cli("funnel").stdout
