"""Drafting and checking messages from what netlife knows about a person.

The templates (`engines.drafts`) and the linter (`engines.lint`) are pure;
this module gathers their facts in a fixed number of queries: the person,
their tie (strength, warmth, cadence), the last conversation, what they
last helped with, a job change, the user's goal, leads they opened, and,
for an introduction request, the target and how the two know each other.
"""

from dataclasses import dataclass
from datetime import date

from netlife.core import clock
from netlife.core.errors import InvalidInput
from netlife.engines import drafts, lint, reciprocity
from netlife.goals.queries import current_goal
from netlife.interactions.models import Interaction
from netlife.leads.models import Lead
from netlife.networks.models import Network
from netlife.people.models import Person, PersonEvent
from netlife.relationships.models import Relationship
from netlife.relationships.services import day_to_date
from netlife.ties.models import Tie


@dataclass(frozen=True, slots=True)
class Warmth:
    """Whether an ask to this person now would be a cold one, and whether
    the user has ever been in touch (a first message)."""

    cold: bool
    first_message: bool


def warmth(person: Person, *, today: date | None = None) -> Warmth:
    row = Relationship.objects.filter(person=person).first()
    today = today or clock.today()
    if row is None:
        return Warmth(cold=True, first_message=True)
    cold = reciprocity.is_cold_ask(
        intent="ask",
        last_warm_contact=day_to_date(row.last_warm_day),
        cadence_days=row.cadence,
        on=today,
    )
    return Warmth(cold=cold, first_message=row.interactions == 0)


def _as_phrase(goal: str) -> str:
    """ "An engineering role" reads mid-sentence as "an engineering role"."""
    first, _, rest = goal.partition(" ")
    if first in ("A", "An", "The") and rest:
        return f"{first.lower()} {rest}"
    return goal


def _first_name(person: Person) -> str:
    return person.given_name or person.full_name.split(" ")[0]


def _last(person: Person, *intents: str) -> Interaction | None:
    found = Interaction.objects.filter(participations__person=person)
    if intents:
        found = found.filter(intent__in=intents)
    return found.order_by("-occurred_on", "-pk").first()


def draft_facts(
    network: Network, person: Person, *, target: Person | None = None
) -> drafts.DraftFacts:
    """Everything the templates can use about `person` (and the target)."""
    today = clock.today()
    last = _last(person)
    helped = _last(person, Interaction.Intent.RECEIVED)
    change = (
        PersonEvent.objects.filter(person=person, kind=PersonEvent.Kind.JOB_CHANGE)
        .exclude(current="")
        .order_by("-occurred_on", "-pk")
        .first()
    )
    title_event = (
        PersonEvent.objects.filter(person=person, kind=PersonEvent.Kind.NEW_TITLE)
        .order_by("-occurred_on", "-pk")
        .first()
    )
    lead = (
        Lead.objects.filter(network=network, credits__person=person)
        .order_by("-created_on", "-pk")
        .first()
    )
    goal = current_goal(network)
    target_how = ""
    if target is not None:
        low, high = sorted((person.pk, target.pk))
        tie = Tie.objects.filter(
            network=network, person_a_id=low, person_b_id=high, archived=False
        ).first()
        target_how = tie.how if tie is not None else ""
    owner = network.owner
    return drafts.DraftFacts(
        first_name=_first_name(person),
        full_name=person.full_name,
        organization=person.organization.name if person.organization else "",
        title=person.title,
        how_met=person.how_met,
        last_summary=last.summary if last is not None else "",
        last_contact=last.occurred_on if last is not None else None,
        today=today,
        goal=_as_phrase(goal.text) if goal is not None else "",
        cold=warmth(person, today=today).cold,
        job_change=(change.previous, change.current) if change is not None else None,
        new_title=title_event.current if title_event is not None else "",
        helped_with=helped.summary if helped is not None else "",
        outcome=f"it opened a lead: {lead.title} ({lead.stage})" if lead else "",
        target_name=target.full_name if target is not None else "",
        target_organization=(
            target.organization.name if target and target.organization else ""
        ),
        target_how=target_how,
        sender_name=owner.get_full_name(),
    )


def draft_message(network: Network, person: Person, situation: str, *,
                  target: Person | None = None) -> drafts.Draft:  # fmt: skip
    """A first draft for `situation`, with the linter's view of it added."""
    if situation not in drafts.SITUATIONS:
        choices = ", ".join(drafts.SITUATIONS)
        raise InvalidInput(f"Unknown situation {situation!r}; use one of {choices}.")
    if situation == "intro-request":
        if target is None:
            raise InvalidInput("An intro-request needs --to TARGET: whom to meet.")
        if target.pk == person.pk:
            raise InvalidInput(
                f"{person.full_name} cannot introduce you to themselves."
            )
    elif target is not None:
        raise InvalidInput("--to is only for --situation intro-request.")
    return drafts.draft(situation, draft_facts(network, person, target=target))


def lint_message(
    network: Network, text: str, *, to: Person | None = None
) -> list[lint.Finding]:
    """The linter's findings; with a recipient, a cold tie and a first
    message are judged from the history with them."""
    if to is None:
        return lint.lint(text)
    warm = warmth(to)
    return lint.lint(
        text, cold=warm.cold, name=_first_name(to), first_message=warm.first_message
    )
