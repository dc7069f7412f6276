"""The funnel's reads: the first ask behind each lead, and the stage counts alone.

`funnel_leads` fetches only the earliest ask behind each lead; these tests
hold it to the rule it replaces (every ask of the credited people on or
before the day the lead opened, earliest first, ties in the order the
interactions were logged), on hand-built cases and on a seeded random
history.
"""

import random
from collections import defaultdict
from datetime import date, timedelta

from netlife.engines import funnel as engine
from netlife.interactions.models import Participation
from netlife.interactions.services import log_interaction
from netlife.leads import queries
from netlife.leads.models import Lead, LeadCredit
from netlife.leads.services import add_lead, move_lead
from netlife.people.services import add_person

DAY = date(2026, 5, 1)


def first_asks(network) -> dict[int, engine.FirstAsk]:
    return {lead.lead_id: lead.first_ask for lead in queries.funnel_leads(network)}


def test_asks_on_the_same_day_count_in_the_order_they_were_logged(ana):
    ada, bob, cy, dee = (
        add_person(ana, name=name) for name in ("Ada A", "Bob B", "Cy C", "Dee D")
    )
    log_interaction(ana, people=[ada], intent="advice", on=DAY)
    log_interaction(ana, people=[bob], intent="ask", on=DAY)
    log_interaction(ana, people=[dee], intent="ask", on=DAY)
    log_interaction(ana, people=[cy], intent="advice", on=DAY)
    advice_first = add_lead(ana, title="One", opened_by=[bob], through=[ada], on=DAY)
    ask_first = add_lead(ana, title="Two", opened_by=[cy], through=[dee], on=DAY)
    assert first_asks(ana) == {
        advice_first.pk: engine.FirstAsk.ADVICE,
        ask_first.pk: engine.FirstAsk.FAVOUR,
    }


def test_the_earliest_ask_before_the_lead_counts_whatever_its_kind(ana):
    ada = add_person(ana, name="Ada A")
    bob = add_person(ana, name="Bob B")
    log_interaction(ana, people=[ada], intent="ask", on=DAY + timedelta(days=5))
    log_interaction(ana, people=[ada], intent="advice", on=DAY + timedelta(days=2))
    log_interaction(ana, people=[bob], intent="give", on=DAY)
    log_interaction(ana, people=[bob], intent="ask", on=DAY + timedelta(days=20))
    lead = add_lead(ana, title="Role", opened_by=[ada, bob], on=DAY + timedelta(9))
    # Bob's ask came after the lead opened; Ada's advice came before her ask.
    assert first_asks(ana) == {lead.pk: engine.FirstAsk.ADVICE}


def test_a_lead_logged_from_an_ask_keeps_that_kind(ana):
    ada = add_person(ana, name="Ada A")
    log_interaction(ana, people=[ada], intent="advice", on=DAY)
    logged = log_interaction(
        ana, people=[ada], intent="ask", on=DAY + timedelta(days=3), lead="Role"
    )
    assert logged.lead is not None
    assert first_asks(ana) == {logged.lead.pk: engine.FirstAsk.FAVOUR}


def _reference_first_asks(network) -> dict[int, engine.FirstAsk]:
    """The rule as first written: every ask of a credited person on or before
    the day the lead opened, earliest first, then `engine.first_ask`."""
    opened = dict(Lead.objects.filter(network=network).values_list("pk", "created_on"))
    sources = dict(
        Lead.objects.filter(network=network).values_list(
            "pk", "source_interaction__intent"
        )
    )
    credited = defaultdict(set)
    for lead_pk, person_pk in LeadCredit.objects.filter(network=network).values_list(
        "lead_id", "person_id"
    ):
        credited[person_pk].add(lead_pk)
    asks = defaultdict(list)
    for person_pk, on, interaction_pk, intent in Participation.objects.filter(
        network=network
    ).values_list("person_id", "occurred_on", "interaction_id", "intent"):
        for lead_pk in credited[person_pk]:
            if on <= opened[lead_pk]:
                asks[lead_pk].append((on, interaction_pk, intent))
    return {
        pk: engine.first_ask(sources[pk], [intent for *_, intent in sorted(asks[pk])])
        for pk in opened
    }


def test_the_first_asks_follow_the_rule_on_a_random_history(ana):
    rng = random.Random(7)
    people = [add_person(ana, name=f"Person Number{i}") for i in range(12)]
    intents = ["advice", "ask", "give", "catch-up", "received", "thanks"]
    for _ in range(60):  # few days, so that many asks share one
        log_interaction(
            ana,
            people=rng.sample(people, rng.choice([1, 1, 2])),
            intent=rng.choice(intents),
            on=DAY + timedelta(days=rng.randrange(4)),
        )
    for i in range(15):
        credited = rng.sample(people, 3)
        add_lead(
            ana,
            title=f"Role {i}",
            opened_by=credited[: rng.choice([1, 2])],
            through=credited[2:] if rng.random() < 0.5 else [],
            on=DAY + timedelta(days=rng.randrange(-2, 6)),
        )
    found = first_asks(ana)
    assert found == _reference_first_asks(ana)
    assert set(found.values()) == set(engine.FirstAsk)  # every kind came up


def test_the_stage_counts_alone_match_the_funnel_in_two_queries(
    ana, django_assert_num_queries
):
    ada = add_person(ana, name="Ada A")
    for i, stages in enumerate(
        [(), ("conversation",), ("interview", "closed"), ("offer", "hired")]
    ):
        lead = add_lead(ana, title=f"Role {i}", opened_by=[ada], on=DAY)
        for stage in stages:
            move_lead(ana, lead, stage, on=DAY + timedelta(days=1))
    whole = queries.funnel(ana)
    with django_assert_num_queries(2):
        alone = queries.funnel_stages(ana)
    assert (alone.leads, alone.stages) == (4, whole.stages)
