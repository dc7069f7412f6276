"""Reads about the user's goal and who knows it."""

from dataclasses import dataclass
from datetime import date

from netlife.goals.models import Goal, GoalAwareness
from netlife.networks.models import Network
from netlife.people.models import Person


@dataclass(frozen=True, slots=True)
class AwarePerson:
    id: int
    name: str
    since: date
    how: str


@dataclass(frozen=True, slots=True)
class GoalOverview:
    """The current goal (None in maintain mode) and who knows it."""

    mode: str
    goal: Goal | None
    aware: list[AwarePerson]
    contacts_not_aware: int


def current_goal(network: Network) -> Goal | None:
    """The active goal, or None when the network is in maintain mode."""
    return Goal.objects.filter(network=network, status=Goal.Status.ACTIVE).first()


def goal_overview(network: Network) -> GoalOverview:
    """The goal, the people who know it (earliest first) and how many do not."""
    goal = current_goal(network)
    if goal is None:
        return GoalOverview(mode="maintain", goal=None, aware=[], contacts_not_aware=0)
    rows = (
        GoalAwareness.objects.filter(goal=goal)
        .select_related("person")
        .order_by("since", "person__full_name")
    )
    aware = [AwarePerson(r.person_id, r.person.full_name, r.since, r.how) for r in rows]
    not_aware = (
        Person.objects.filter(network=network, kind=Person.Kind.CONTACT, archived=False)
        .exclude(goal_awareness__goal=goal)
        .count()
    )
    return GoalOverview(
        mode="search", goal=goal, aware=aware, contacts_not_aware=not_aware
    )


@dataclass(frozen=True, slots=True)
class GoalSummary:
    """The current goal with a count of who knows it and the latest of them."""

    mode: str
    goal: Goal | None
    aware_count: int
    latest_aware: list[AwarePerson]  # most recent first, at most `limit`
    contacts_not_aware: int


def goal_summary(network: Network, *, limit: int = 20) -> GoalSummary:
    """Like goal_overview, but lists only the `limit` people who heard it last.

    A fixed number of queries however many people know the goal, for pages
    that show a few names and a count.
    """
    goal = current_goal(network)
    if goal is None:
        return GoalSummary("maintain", None, 0, [], 0)
    aware = GoalAwareness.objects.filter(goal=goal)
    latest = aware.select_related("person").order_by("-since", "-pk")[:limit]
    not_aware = (
        Person.objects.filter(network=network, kind=Person.Kind.CONTACT, archived=False)
        .exclude(goal_awareness__goal=goal)
        .count()
    )
    return GoalSummary(
        mode="search",
        goal=goal,
        aware_count=aware.count(),
        latest_aware=[
            AwarePerson(r.person_id, r.person.full_name, r.since, r.how) for r in latest
        ],
        contacts_not_aware=not_aware,
    )
