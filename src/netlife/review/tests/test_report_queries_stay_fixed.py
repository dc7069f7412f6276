"""The review reads in a fixed number of queries, whatever the data or the weeks."""

from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext

from netlife.goals.services import mark_told
from netlife.interactions.services import log_interaction
from netlife.leads.services import add_lead, move_lead
from netlife.people.services import add_person
from netlife.review.queries import weekly_review

INTENTS = ("give", "catch-up", "advice", "ask", "received", "thanks")


def grow(network, count: int) -> None:
    """`count` more people, each with touches across the window, told the
    goal, and credited with a lead that moved."""
    today = date(2026, 6, 15)
    for i in range(count):
        person = add_person(network, name=f"Extra Person{i}", tier="inner")
        for weeks_ago in (30, 9, 2, 0):
            log_interaction(
                network,
                people=[person],
                intent=INTENTS[(i + weeks_ago) % len(INTENTS)],
                on=today - timedelta(days=7 * weeks_ago + i % 7),
            )
        mark_told(network, [person], on=today - timedelta(days=i % 20))
        lead = add_lead(
            network,
            title=f"Role {i}",
            opened_by=[person],
            on=today - timedelta(days=20),
        )
        move_lead(network, lead, "conversation", on=today - timedelta(days=i % 14))


def count_queries(network, weeks: int) -> int:
    with CaptureQueriesContext(connection) as captured:
        weekly_review(network, weeks=weeks)
    return len(captured)


def test_the_review_costs_the_same_for_more_people_and_more_weeks(history, ana):
    few = count_queries(ana, 1)
    assert count_queries(ana, 52) == few
    grow(ana, 12)
    assert count_queries(ana, 1) == few
    assert count_queries(ana, 52) == few
    assert few <= 25


def test_the_command_costs_the_same_for_more_people(run_cli, history, ana):
    run_cli("report", "--json")  # the first command prepares the database

    def command_queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert run_cli("report", "--weeks", "8", "--json").exit_code == 0
        return len(captured)

    few = command_queries()
    grow(ana, 8)
    assert command_queries() == few
