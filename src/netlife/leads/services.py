"""Opening leads and moving them through their stages: the writes behind `lead`.

A lead runs lead → conversation → interview → offer → hired, forward only.
Skipping ahead is allowed — a referral can go straight to an interview —
and only the stage entered is recorded; the funnel counts the stages
skipped as reached (`engines.funnel`). `closed` ends a lead from any open
stage, and a hired or closed lead does not move again. Every change is
dated by a LeadStageChange, the opening `lead` stage too; no change is in
the future or earlier than the one before it.

Each write refreshes the Relationship rows of the people credited: their
`lead_news_day` is the latest change of a lead they are credited on, which
puts "tell them what came of it" on the agenda (decision 0007).
"""

from collections.abc import Sequence
from datetime import date

from django.db import transaction

from netlife.core import clock
from netlife.core.errors import InvalidInput
from netlife.engines.contact_values import clean_text
from netlife.engines.funnel import CLOSED, PIPELINE
from netlife.interactions.models import Interaction
from netlife.leads.models import Lead, LeadCredit, LeadStageChange
from netlife.networks.models import Network
from netlife.people.models import Organization, Person
from netlife.people.services import get_or_create_organization
from netlife.relationships.services import refresh_relationships

_TITLE_MAX = Lead._meta.get_field("title").max_length
_ORGANIZATION_MAX = Organization._meta.get_field("name").max_length
_FINAL = frozenset({Lead.Stage.HIRED, CLOSED})


def validate_stage(value: str) -> str:
    """The stored form of a stage name; raises InvalidInput for an unknown one."""
    normalized = value.strip().lower()
    if normalized not in Lead.Stage.values:
        raise InvalidInput(
            f"Unknown stage {value!r}; use one of {', '.join(Lead.Stage.values)}."
        )
    return normalized


def _checked_day(on: date | None) -> date:
    today = clock.today()
    day = on or today
    if day > today:
        raise InvalidInput(
            f"{day.isoformat()} is in the future; record a lead's news once it happens."
        )
    return day


def _credited_people(
    network: Network, opened_by: Sequence[Person], through: Sequence[Person]
) -> list[tuple[Person, str]]:
    """(person, role) pairs, each person once; raises InvalidInput on a clash."""
    credits: dict[int, tuple[Person, str]] = {}
    for people, role in (
        (opened_by, LeadCredit.Role.OPENED),
        (through, LeadCredit.Role.THROUGH),
    ):
        for person in people:
            if person.network_id != network.pk:
                raise InvalidInput("Everyone credited must belong to this network.")
            known = credits.get(person.pk)
            if known is not None and known[1] != role:
                raise InvalidInput(
                    f"{person.full_name} is credited both with opening the door and "
                    "as the one it came through; name them once."
                )
            credits[person.pk] = (person, role)
    return list(credits.values())


@transaction.atomic
def add_lead(
    network: Network,
    *,
    title: str,
    organization: str = "",
    opened_by: Sequence[Person] = (),
    through: Sequence[Person] = (),
    notes: str = "",
    on: date | None = None,
    source_interaction: Interaction | None = None,
    stage: str = Lead.Stage.LEAD,
) -> Lead:
    """Open a lead, crediting the people who made it happen.

    A lead opens at the `lead` stage; a later `stage` (a lead first written
    down once the interview is set) records the move on the same day, in
    the same transaction.

    `opened_by` opened the door (told the user about it, made the
    introduction); `through` are the people it came through (the referral,
    the hiring manager). The organization is created if new. `on` is the
    day it opened (default: the day of `source_interaction`, else today).
    """
    cleaned = clean_text(title)
    if not cleaned:
        raise InvalidInput("A lead needs a title, e.g. 'Product manager at Acme'.")
    if _TITLE_MAX is not None and len(cleaned) > _TITLE_MAX:
        raise InvalidInput(f"That title is too long ({_TITLE_MAX} characters at most).")
    if (
        _ORGANIZATION_MAX is not None
        and len(clean_text(organization)) > _ORGANIZATION_MAX
    ):
        raise InvalidInput(
            "That organization name is too long "
            f"({_ORGANIZATION_MAX} characters at most)."
        )
    if source_interaction is not None:
        if source_interaction.network_id != network.pk:
            raise InvalidInput("The interaction belongs to another network.")
        on = on or source_interaction.occurred_on
    opened_on = _checked_day(on)
    credits = _credited_people(network, opened_by, through)
    lead = Lead.objects.create(
        network=network,
        title=cleaned,
        organization=get_or_create_organization(network, organization),
        stage=Lead.Stage.LEAD,
        notes=notes.strip(),
        source_interaction=source_interaction,
        created_on=opened_on,
    )
    LeadStageChange.objects.create(
        network=network, lead=lead, stage=Lead.Stage.LEAD, changed_on=opened_on
    )
    LeadCredit.objects.bulk_create(
        LeadCredit(network=network, lead=lead, person=person, role=role)
        for person, role in credits
    )
    refresh_relationships(network, [person.pk for person, _ in credits])
    if validate_stage(stage) != Lead.Stage.LEAD:
        return move_lead(network, lead, stage, on=opened_on)
    return lead


def _check_move(lead: Lead, stage: str, on: date) -> None:
    """Raise InvalidInput unless `lead` may enter `stage` on `on`."""
    current = lead.stage
    if current in _FINAL:
        raise InvalidInput(
            f"Lead {lead.pk} is already {current}; a {current} lead cannot move."
        )
    if stage == current:
        raise InvalidInput(f"Lead {lead.pk} is already at the {stage} stage.")
    if stage != CLOSED and PIPELINE.index(stage) < PIPELINE.index(current):
        raise InvalidInput(
            f"Lead {lead.pk} cannot go back from {current} to {stage}; "
            "leads only move forward, or to closed."
        )
    last = (
        LeadStageChange.objects.filter(lead=lead)
        .order_by("-changed_on", "-pk")
        .values_list("stage", "changed_on")
        .first()
    )
    since_stage, since = last if last is not None else (current, lead.created_on)
    if on < since:
        raise InvalidInput(
            f"Lead {lead.pk} reached {since_stage} on {since.isoformat()}, "
            f"so it cannot reach {stage} on the earlier {on.isoformat()}."
        )


@transaction.atomic
def move_lead(
    network: Network, lead: Lead, stage: str, *, on: date | None = None
) -> Lead:
    """Move a lead to `stage` on `on` (default today) and record the change.

    Forward through the pipeline (skipping stages is allowed), or to
    closed from any open stage; see the module docstring for the rules.
    """
    if lead.network_id != network.pk:
        raise InvalidInput("That lead belongs to another network.")
    target = validate_stage(stage)
    day = _checked_day(on)
    # Re-read under a row lock (PostgreSQL) so two moves at once cannot
    # both pass the checks against the same old stage.
    lead = Lead.objects.select_for_update().get(pk=lead.pk)
    _check_move(lead, target, day)
    lead.stage = target
    lead.save(update_fields=["stage"])
    LeadStageChange.objects.create(
        network=network, lead=lead, stage=target, changed_on=day
    )
    credited = LeadCredit.objects.filter(lead=lead).values_list("person_id", flat=True)
    refresh_relationships(network, list(credited))
    return lead
