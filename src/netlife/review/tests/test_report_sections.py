"""Every section of `report` on the hand-built history (see conftest.py)."""

from datetime import date

from netlife.relationships.models import Relationship


def test_touches_are_counted_by_intent_beside_the_week_before(run_cli, history):
    touches = run_cli("report", "--json").json["touches"]
    assert touches == {
        "total": 6,
        "by_intent": {"give": 1, "catch-up": 2, "advice": 1, "ask": 1, "received": 1},
        "previous": {
            "total": 2,
            "by_intent": {
                "give": 1, "catch-up": 0, "advice": 0, "ask": 1, "received": 0,
            },
        },
    }  # fmt: skip


def test_gives_and_asks_set_beside_the_week_before(run_cli, history):
    balance = run_cli("report", "--json").json["balance"]
    assert balance == {
        "gives": 1,
        "asks": 2,
        "previous": {"gives": 1, "asks": 1},
        "warnings": [],
    }


def test_ties_kept_within_cadence_and_how_the_share_moved(run_cli, history):
    cadence = run_cli("report", "--json").json["cadence"]
    assert cadence == {
        "kept": 5,
        "tracked": 6,
        "share": 0.8333,
        "previous": {"kept": 3, "tracked": 6, "share": 0.5},
        "change": 0.3333,
    }


def test_kept_today_agrees_with_the_relationship_rows(run_cli, history, ana):
    today = date(2026, 6, 15).toordinal()
    in_touch = Relationship.objects.filter(network=ana, tracked=True).exclude(
        last_contact_day=None
    )
    kept = [
        r
        for r in in_touch.values_list("last_contact_day", "cadence")
        if r[0] is not None and r[1] is not None and r[0] + r[1] > today
    ]
    cadence = run_cli("report", "--json").json["cadence"]
    assert (cadence["kept"], cadence["tracked"]) == (len(kept), in_touch.count())


def test_dormant_ties_revived_in_the_period_are_named(run_cli, history):
    revived = run_cli("report", "--json").json["revived"]
    assert revived == {
        "count": 1,
        "people": [
            {
                "person_id": history.people["dora"].pk,
                "name": "Dora Dormant",
                "last_contact": "2026-01-05",
                "revived_on": "2026-06-12",
                "days_silent": 158,
            }
        ],
        "previous": {"count": 1},  # Pete, after 511 days
    }


def test_who_learned_the_goal(run_cli, history):
    goal = run_cli("report", "--json").json["goal"]
    assert goal == {
        "text": "a product role in climate tech",
        "started_on": "2026-06-15",
        "aware": 3,
        "learned": 1,
        "not_aware": 5,
        "people": [
            {
                "person_id": history.people["ines"].pk,
                "name": "Ines Inner",
                "since": "2026-06-10",
            }
        ],
        "previous": {"aware": 2, "learned": 1},
    }


def test_without_a_goal_the_goal_section_is_null(run_cli, ana):
    document = run_cli("report", "--json").json
    assert document["goal"] is None
    assert document["touches"]["total"] == 0
    assert document["cadence"]["share"] is None


def test_leads_opened_moved_and_hired(run_cli, history):
    leads = run_cli("report", "--json").json["leads"]
    product, design = history.product.pk, history.design.pk
    assert (leads["new"], leads["moves"], leads["hires"]) == (1, 3, 1)
    assert leads["previous"] == {"new": 0, "moves": 1, "hires": 0}
    assert [(e["lead_id"], e["stage"], e["on"]) for e in leads["opened"]] == [
        (product, "lead", "2026-06-10")
    ]
    assert [(e["lead_id"], e["stage"], e["on"]) for e in leads["moved"]] == [
        (design, "hired", "2026-06-11"),
        (product, "conversation", "2026-06-12"),
        (product, "interview", "2026-06-14"),
    ]
    assert leads["moved"][0]["title"] == "Designer"
    assert leads["moved"][0]["organization"] == "Globex"
    assert [(s["stage"], s["count"], s["reached"]) for s in leads["funnel"]] == [
        ("lead", 0, 2),
        ("conversation", 0, 2),
        ("interview", 1, 2),
        ("offer", 0, 1),
        ("hired", 1, 1),
        ("closed", 0, 0),
    ]


def test_next_week_is_the_top_of_the_agenda_with_reasons(run_cli, history):
    document = run_cli("report", "--json").json
    agenda = run_cli("agenda", "--limit", "5", "--json").json
    assert document["agenda"]["mode"] == "search"
    assert document["agenda"]["items"] == agenda["items"]
    assert [i["name"] for i in document["agenda"]["items"]] == [
        "Ines Inner",
        "Olga Overdue",
        "Nina Never",
    ]
    assert all(i["reasons"] for i in document["agenda"]["items"])


def test_the_taker_warning_is_passed_on(run_cli, history):
    for day in ("2026-06-09", "2026-06-10", "2026-06-11", "2026-06-12"):
        run_cli("log", "walt", "--intent", "ask", "--on", day)
    document = run_cli("report", "--json").json
    assert document["balance"]["asks"] == 6
    assert [w["kind"] for w in document["balance"]["warnings"]] == ["taker"]
    printed = run_cli("report").stdout
    assert "Give and ask: 7 of your 13 interactions" in printed


def test_weeks_widens_the_period_and_the_one_before(run_cli, history):
    document = run_cli("report", "--weeks", "2", "--json").json
    assert document["weeks"] == 2
    assert document["period"] == {"start": "2026-06-02", "end": "2026-06-15"}
    assert document["previous_period"] == {"start": "2026-05-19", "end": "2026-06-01"}
    assert document["touches"]["total"] == 8
    assert document["touches"]["previous"]["total"] == 0
    # On 06-01 only Walt was within cadence: Ines was 31 days out, Fran 92.
    assert document["cadence"]["previous"] == {"kept": 1, "tracked": 6, "share": 0.1667}
    assert [r["name"] for r in document["revived"]["people"]] == [
        "Pete Prodigal",
        "Dora Dormant",
    ]
    leads = document["leads"]
    assert (leads["new"], leads["moves"], leads["hires"]) == (1, 4, 1)
    assert leads["previous"] == {"new": 1, "moves": 0, "hires": 0}
    assert document["goal"]["learned"] == 2
    assert [w["start"] for w in document["by_week"]] == [
        "2026-05-19", "2026-05-26", "2026-06-02", "2026-06-09",
    ]  # fmt: skip
    assert [w["in_period"] for w in document["by_week"]] == [False, False, True, True]
    # On 05-25 Ines (24 days on 30), Walt and Fran (85 on 90) were kept.
    assert [w["kept"] for w in document["by_week"]] == [3, 1, 3, 5]


def test_the_terminal_summary_reads_as_a_table(run_cli, history):
    result = run_cli("report")
    assert result.exit_code == 0, result.stderr
    lines = [line.split() for line in result.stdout.splitlines()]
    assert lines[0][:2] == ["Review", "of"]
    assert ["touches", "6", "2"] in lines
    assert ["ties", "within", "cadence", "5/6", "83%", "3/6", "50%"] in lines
    assert ["dormant", "ties", "revived", "1", "1"] in lines
    assert "Revived: Dora Dormant (silent 158 days)" in result.stdout
    assert "2026-06-11  Designer at Globex → hired" in result.stdout
    assert " 1. Ines Inner, Acme" in result.stdout
