"""Logging interactions: the one write behind `log`, the web form and the API."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.db.models import Max

from netlife.core import clock
from netlife.core.errors import InvalidInput
from netlife.engines import reciprocity
from netlife.goals.queries import current_goal
from netlife.goals.services import record_awareness
from netlife.interactions.models import Interaction, Participation
from netlife.leads.models import Lead
from netlife.leads.services import add_lead
from netlife.networks.models import Network
from netlife.people.models import Person
from netlife.relationships.models import Relationship
from netlife.relationships.services import refresh_relationships


@dataclass(frozen=True, slots=True)
class InteractionWarning:
    """Something the user should hear about what they just logged."""

    kind: str
    person_id: int
    text: str
    suggestion: str = ""


@dataclass(frozen=True, slots=True)
class LoggedInteraction:
    interaction: Interaction
    people: list[Person]
    warnings: list[InteractionWarning] = field(default_factory=list)
    lead: Lead | None = None  # the lead it opened (`log --lead`)


def _choice(
    value: str, choices: type[Interaction.Intent] | type[Interaction.Channel], what: str
) -> str:
    normalized = value.strip().lower()
    if normalized not in choices.values:
        raise InvalidInput(
            f"Unknown {what} {value!r}; use one of {', '.join(choices.values)}."
        )
    return normalized


def validate_intent(value: str) -> str:
    """The stored form of an intent name; raises InvalidInput for an unknown one."""
    return _choice(value, Interaction.Intent, "intent")


def validate_channel(value: str) -> str:
    """The stored form of a channel name; raises InvalidInput for an unknown one."""
    return _choice(value, Interaction.Channel, "channel")


def _cold_ask_warnings(
    network: Network, people: Sequence[Person], intent: str, on: date
) -> list[InteractionWarning]:
    """A warning per person for whom this ask would be a cold one.

    The cadence in force (set or derived from strength) comes from the
    Relationship rows; the last warm contact before `on` is read from the
    participations, since an ask may be logged for a past day.
    """
    if not reciprocity.is_asking(intent):
        return []
    last_warm = dict(
        Participation.objects.filter(
            network=network, person__in=people, occurred_on__lte=on
        )
        .exclude(intent__in=reciprocity.ASKING_INTENTS)
        .values("person_id")
        .annotate(last=Max("occurred_on"))
        .values_list("person_id", "last")
    )
    cadences = dict(
        Relationship.objects.filter(person__in=people).values_list("pk", "cadence")
    )
    warnings = []
    for person in people:
        days = cadences.get(person.pk)
        last = last_warm.get(person.pk)
        if reciprocity.is_cold_ask(
            intent=intent, last_warm_contact=last, cadence_days=days, on=on
        ):
            warnings.append(
                InteractionWarning(
                    kind="cold-ask",
                    person_id=person.pk,
                    text=reciprocity.cold_ask_text(person.full_name, last),
                    suggestion=reciprocity.warm_up_suggestion(
                        person.full_name,
                        person.organization.name if person.organization else None,
                    ),
                )
            )
    return warnings


def cold_ask_warnings(
    network: Network, people: Sequence[Person], intent: str, *, on: date | None = None
) -> list[InteractionWarning]:
    """The cold-ask warnings that logging `intent` with these people would carry.

    Writes nothing: a front-end calls it before logging, so the user sees
    the warning and the suggested warm-up and can confirm or warm up first.
    The rule is the one `log_interaction` applies. Raises InvalidInput for
    an unknown intent, a day in the future, or a person of another network.
    """
    if any(p.network_id != network.pk for p in people):
        raise InvalidInput("Every person must belong to this network.")
    stored_intent = validate_intent(intent)
    today = clock.today()
    occurred_on = on or today
    if occurred_on > today:
        raise InvalidInput(f"{occurred_on.isoformat()} is in the future.")
    unique_people = list({p.pk: p for p in people}.values())
    return _cold_ask_warnings(network, unique_people, stored_intent, occurred_on)


@transaction.atomic
def log_interaction(
    network: Network,
    *,
    people: Sequence[Person],
    intent: str,
    channel: str = Interaction.Channel.MESSAGE,
    summary: str = "",
    on: date | None = None,
    they_initiated: bool = False,
    shared_goal: bool = False,
    follow_up_on: date | None = None,
    follow_up_intent: str = "",
    source: str = "",
    lead: str | None = None,
) -> LoggedInteraction:
    """Record an interaction with one or more people of this network.

    Validates intent, channel and dates first. Anyone logged who was a
    prospect becomes a contact (the user now knows them). With
    `shared_goal`, every participant is recorded as aware of the current
    goal. An ask or advice request to a cold tie is still logged but carries
    a cold-ask warning with a suggested warm-up. A `follow_up_intent` of ask
    or advice marks the follow-up as a planned ask. A `lead` title opens a
    lead from this interaction, crediting every participant with opening
    the door.
    """
    if not people:
        raise InvalidInput("Name at least one person you were in touch with.")
    if any(p.network_id != network.pk for p in people):
        raise InvalidInput("Every person must belong to this network.")
    unique_people = list({p.pk: p for p in people}.values())
    stored_intent = validate_intent(intent)
    stored_channel = validate_channel(channel)
    today = clock.today()
    occurred_on = on or today
    if occurred_on > today:
        raise InvalidInput(
            f"{occurred_on.isoformat()} is in the future; log what happened, "
            "and use --follow-up for what you plan."
        )
    if follow_up_on is not None and follow_up_on < occurred_on:
        raise InvalidInput("The follow-up date is before the interaction itself.")
    planned = validate_intent(follow_up_intent) if follow_up_intent else ""
    if planned and follow_up_on is None:
        raise InvalidInput("Say when the follow-up is (--follow-up DATE).")
    warnings = _cold_ask_warnings(network, unique_people, stored_intent, occurred_on)
    interaction = Interaction.objects.create(
        network=network,
        occurred_on=occurred_on,
        channel=stored_channel,
        intent=stored_intent,
        initiated_by=Interaction.Initiator.THEM
        if they_initiated
        else Interaction.Initiator.ME,
        summary=summary.strip(),
        follow_up_on=follow_up_on,
        follow_up_intent=planned,
        shared_goal=shared_goal,
        source=source,
    )
    Participation.objects.bulk_create(
        Participation(
            network=network,
            interaction=interaction,
            person=person,
            occurred_on=occurred_on,
            intent=stored_intent,
        )
        for person in unique_people
    )
    prospects = [p.pk for p in unique_people if p.kind == Person.Kind.PROSPECT]
    if prospects:
        Person.objects.filter(pk__in=prospects).update(kind=Person.Kind.CONTACT)
        for person in unique_people:
            person.kind = Person.Kind.CONTACT
    if shared_goal:
        if current_goal(network) is None:
            warnings.append(
                InteractionWarning(
                    kind="no-goal",
                    person_id=unique_people[0].pk,
                    text=(
                        "You shared a goal, but none is set; "
                        "record it with `netlife goal set`."
                    ),
                )
            )
        else:
            record_awareness(network, unique_people, on=occurred_on, how="interaction")
    opened = None
    if lead is not None:
        # add_lead refreshes the people it credits, who are exactly these.
        opened = add_lead(
            network,
            title=lead,
            opened_by=unique_people,
            source_interaction=interaction,
        )
    else:
        refresh_relationships(network, [p.pk for p in unique_people])
    return LoggedInteraction(
        interaction=interaction, people=unique_people, warnings=warnings, lead=opened
    )
