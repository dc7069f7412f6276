"""Setting, finishing and spreading the word about the user's goal."""

from collections.abc import Sequence
from datetime import date

from django.db import transaction

from netlife.core import clock
from netlife.core.errors import InvalidInput
from netlife.engines.contact_values import clean_text
from netlife.goals.models import Goal, GoalAwareness
from netlife.goals.queries import current_goal
from netlife.networks.models import Network
from netlife.people.models import Person
from netlife.relationships.models import Relationship
from netlife.relationships.services import refresh_goal_relevance


@transaction.atomic
def set_goal(network: Network, text: str) -> Goal:
    """Make `text` the current goal.

    Setting the same text again changes nothing; a different goal finishes
    the previous one (its history and awareness are kept) and starts afresh.
    """
    cleaned = clean_text(text)
    if not cleaned:
        raise InvalidInput(
            "A goal needs some words, e.g. 'a product role in climate tech'."
        )
    goal = current_goal(network)
    if goal is not None:
        if goal.text == cleaned:
            return goal
        goal.status = Goal.Status.DONE
        goal.done_on = clock.today()
        goal.save(update_fields=["status", "done_on"])
    goal = Goal.objects.create(network=network, text=cleaned, started_on=clock.today())
    refresh_goal_relevance(network)
    return goal


@transaction.atomic
def finish_goal(network: Network) -> Goal:
    """Mark the current goal done; netlife returns to maintain mode."""
    goal = current_goal(network)
    if goal is None:
        raise InvalidInput("There is no current goal to finish.")
    goal.status = Goal.Status.DONE
    goal.done_on = clock.today()
    goal.save(update_fields=["status", "done_on"])
    refresh_goal_relevance(network)
    return goal


def record_awareness(
    network: Network, people: Sequence[Person], *, on: date, how: str
) -> list[Person]:
    """Record that these people know the current goal; returns the newly aware.

    People who already knew keep their original date. Raises InvalidInput
    when there is no current goal.
    """
    goal = current_goal(network)
    if goal is None:
        raise InvalidInput(
            "You have no current goal; set one with `netlife goal set TEXT`."
        )
    known = set(
        GoalAwareness.objects.filter(goal=goal, person__in=people).values_list(
            "person_id", flat=True
        )
    )
    fresh = [p for p in {p.pk: p for p in people}.values() if p.pk not in known]
    GoalAwareness.objects.bulk_create(
        GoalAwareness(network=network, goal=goal, person=p, since=on, how=how)
        for p in fresh
    )
    Relationship.objects.filter(person__in=fresh).update(knows_goal=True)
    return fresh


@transaction.atomic
def mark_told(
    network: Network, people: Sequence[Person], *, on: date | None = None
) -> list[Person]:
    """`told PERSON...`: these people now know the current goal."""
    if any(p.network_id != network.pk for p in people):
        raise InvalidInput("Every person must belong to this network.")
    return record_awareness(
        network, people, on=on or clock.today(), how=GoalAwareness.How.TOLD
    )
