"""`lead list` and `funnel` read in a fixed number of queries, however many leads."""

from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext

from netlife.interactions.services import log_interaction
from netlife.leads import queries
from netlife.leads.services import add_lead, move_lead
from netlife.people.services import add_person

STAGES = ("conversation", "interview", "offer", "hired")


def add_leads(network, count: int, start: int = 0) -> None:
    """`count` leads, each credited to two people and moved a few stages."""
    first = date(2026, 1, 1)
    for i in range(start, start + count):
        ada = add_person(network, name=f"Ada Number{i}")
        bob = add_person(network, name=f"Bob Number{i}")
        on = first + timedelta(days=i)
        log_interaction(network, people=[ada], intent="advice", on=on)
        lead = add_lead(
            network,
            title=f"Role {i}",
            organization=f"Org {i % 3}",
            opened_by=[ada],
            through=[bob],
            on=on,
        )
        for stage in STAGES[: i % 5]:
            move_lead(network, lead, stage, on=on + timedelta(days=1))


def count_queries(run_cli, *args: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        result = run_cli(*args)
    assert result.exit_code == 0, result.stderr
    return len(captured)


def test_the_list_and_the_funnel_cost_the_same_for_2_or_20_leads(run_cli, ana):
    add_leads(ana, 2)
    commands = [("lead", "list", "--json"), ("lead", "list"), ("funnel", "--json")]
    for command in commands:
        run_cli(*command)  # the first command prepares the database
    few = {command: count_queries(run_cli, *command) for command in commands}
    add_leads(ana, 18, start=2)
    many = {command: count_queries(run_cli, *command) for command in commands}
    assert many == few
    assert len(run_cli("lead", "list", "--json").json) == 20


def test_the_reads_take_three_and_four_queries(ana, django_assert_num_queries):
    add_leads(ana, 6)
    with django_assert_num_queries(3):
        listed = queries.lead_summaries(ana)
    assert len(listed) == 6
    with django_assert_num_queries(3):
        queries.lead_summary(ana, listed[0].id)
    with django_assert_num_queries(4):
        assert queries.funnel(ana).leads == 6
