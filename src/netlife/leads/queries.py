"""Reading leads: one lead, the list, and the funnel, in a fixed number of queries.

Each read starts from the network, so another network's leads are never
reached. Stage changes and credits are fetched for all the leads at once
(one query each, however many leads), never lead by lead.
"""

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from django.db.models import Case, Count, F, OuterRef, Q, Subquery, When, Window
from django.db.models.functions import Coalesce, RowNumber

from netlife.core.errors import NotFound
from netlife.engines import funnel as engine
from netlife.engines.reciprocity import ASKING_INTENTS
from netlife.interactions.models import Participation
from netlife.leads.models import Lead, LeadCredit, LeadStageChange
from netlife.networks.models import Network


@dataclass(frozen=True, slots=True)
class CreditedPerson:
    id: int
    name: str
    role: str  # "opened" (opened the door) or "through" (came through them)


@dataclass(frozen=True, slots=True)
class StageChange:
    stage: str
    on: date


@dataclass(frozen=True, slots=True)
class LeadSummary:
    """A lead with its organization's name, its credits and its stage history."""

    id: int
    title: str
    organization: str | None
    stage: str
    notes: str
    created_on: date
    source_interaction_id: int | None
    credited: list[CreditedPerson]
    history: list[StageChange]  # oldest first


def get_lead(network: Network, lead_id: int) -> Lead:
    """The lead with this id in this network; raises NotFound otherwise."""
    try:
        return Lead.objects.get(network=network, pk=lead_id)
    except Lead.DoesNotExist:
        raise NotFound(f"No lead with id {lead_id} in this network.") from None


def lead_summaries(
    network: Network, *, stage: str | None = None, lead_id: int | None = None
) -> list[LeadSummary]:
    """The network's leads (at `stage`, or just `lead_id`), newest first.

    Three queries: the leads, their stage changes, their credits.
    """
    # The related rows are filtered like the leads rather than by a list of
    # lead ids: no parameter per lead, and the same plan for ten or ten
    # thousand of them.
    leads = Lead.objects.filter(network=network)
    related: dict[str, object] = {}
    if stage is not None:
        leads = leads.filter(stage=stage)
        related["lead__stage"] = stage
    if lead_id is not None:
        leads = leads.filter(pk=lead_id)
        related["lead_id"] = lead_id
    history: dict[int, list[StageChange]] = defaultdict(list)
    for lead_pk, stage_name, on in (
        LeadStageChange.objects.filter(network=network, **related)
        .order_by("changed_on", "pk")
        .values_list("lead_id", "stage", "changed_on")
    ):
        history[lead_pk].append(StageChange(stage_name, on))
    credited: dict[int, list[CreditedPerson]] = defaultdict(list)
    for lead_pk, person_pk, name, role in (
        LeadCredit.objects.filter(network=network, **related)
        .order_by("pk")
        .values_list("lead_id", "person_id", "person__full_name", "role")
    ):
        credited[lead_pk].append(CreditedPerson(person_pk, name, role))
    rows = leads.order_by("-created_on", "-pk").values_list(
        "pk", "title", "organization__name", "stage", "notes", "created_on",
        "source_interaction_id",
    )  # fmt: skip
    return [
        LeadSummary(
            pk,
            title,
            organization,
            now,
            notes,
            created_on,
            source,
            credited=credited[pk],
            history=history[pk],
        )
        for pk, title, organization, now, notes, created_on, source in rows
    ]


def lead_summary(network: Network, lead_id: int) -> LeadSummary:
    """One lead in full; raises NotFound for an id not in this network."""
    found = lead_summaries(network, lead_id=lead_id)
    if not found:
        raise NotFound(f"No lead with id {lead_id} in this network.")
    return found[0]


def _first_ask_intents(network: Network) -> dict[int, tuple[str]]:
    """Per lead, the intent of the first ask the user made of its credited
    people on or before the day it was created (one query).

    Only what `engine.first_ask` reads is fetched: the earliest such ask (it
    stops at the first of its intents), and only for the leads whose own
    interaction was not an ask (it looks no further for those). One
    subquery per lead, through its credits and each credited person's
    (person, intent, day) index: a few rows per lead, where joining the
    asks to the credits started from every ask in the network (0.5 s at
    two million interactions).
    """
    asks = sorted(ASKING_INTENTS & engine.ASK_INTENTS)
    first = (
        Participation.objects.filter(
            network=network,
            intent__in=asks,
            person__lead_credits__lead=OuterRef("pk"),
            occurred_on__lte=OuterRef("created_on"),
        )
        .order_by("occurred_on", "interaction_id")
        .values("intent")[:1]
    )
    skip = When(source_interaction__intent__in=sorted(engine.ASK_INTENTS), then=None)
    return {
        lead_pk: (intent,)
        for lead_pk, intent in Lead.objects.filter(network=network)
        .annotate(first_ask=Case(skip, default=Subquery(first)))
        .order_by()
        .values_list("pk", "first_ask")
        .iterator()
        if intent is not None
    }


def funnel_leads(network: Network) -> list[engine.LeadHistory]:
    """Every lead of the network as the funnel engine's input (four queries)."""
    return list(_lead_histories(network))


def _lead_histories(network: Network) -> Iterator[engine.LeadHistory]:
    """`funnel_leads` one lead at a time, the leads read as they are used.

    The stage changes and credits wait as plain tuples and become the
    engine's objects lead by lead, so that the funnel never holds all of
    them at once: fewer objects outlive a request's young garbage
    collections, and the full collections they trigger (tens of
    milliseconds in a process that has loaded matplotlib) come less often.
    """
    history: dict[int, list[tuple[str, date]]] = defaultdict(list)
    for lead_pk, stage, on in (
        LeadStageChange.objects.filter(network=network)
        .order_by("changed_on", "pk")
        .values_list("lead_id", "stage", "changed_on")
        .iterator()
    ):
        history[lead_pk].append((stage, on))
    credited: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for lead_pk, person_pk, name in (
        LeadCredit.objects.filter(network=network)
        .order_by("pk")
        .values_list("lead_id", "person_id", "person__full_name")
        .iterator()
    ):
        credited[lead_pk].append((person_pk, name))
    asks = _first_ask_intents(network)
    for pk, stage, source_intent in (
        Lead.objects.filter(network=network)
        .order_by("pk")
        .values_list("pk", "stage", "source_interaction__intent")
        .iterator()
    ):
        yield engine.LeadHistory(
            lead_id=pk,
            stage=stage,
            history=tuple(engine.StageEntry(*entry) for entry in history.pop(pk, ())),
            credited=tuple(engine.Credited(*c) for c in credited.pop(pk, ())),
            first_ask=engine.first_ask(source_intent, asks.get(pk, ())),
        )


def funnel(network: Network) -> engine.Funnel:
    """The network's leads funnel (`engines.funnel` has the rules)."""
    return engine.funnel(_lead_histories(network))


def funnel_stages(network: Network) -> engine.StageFunnel:
    """The stage counts of the network's funnel alone (two queries): the
    leads and the stages their histories record, without the credits, the
    asks or the dates that the rest of the funnel reads."""
    recorded: dict[int, list[str]] = defaultdict(list)
    for lead_pk, stage in (
        LeadStageChange.objects.filter(network=network)
        .order_by()
        .values_list("lead_id", "stage")
        .iterator()
    ):
        recorded[lead_pk].append(stage)
    return engine.stage_funnel(
        (stage, recorded[pk])
        for pk, stage in Lead.objects.filter(network=network)
        .order_by()
        .values_list("pk", "stage")
        .iterator()
    )


@dataclass(frozen=True, slots=True)
class BoardColumn:
    """One stage of the leads board: how many leads are there, and some of them."""

    stage: str
    total: int  # every lead at this stage
    leads: list[LeadSummary]  # the latest to get here first; at most the limit


def lead_board(
    network: Network,
    *,
    per_stage: int,
    expanded: str | None = None,
    include: int | None = None,
) -> list[BoardColumn]:
    """The network's leads by stage, for a board: one column per stage.

    Each column counts the leads at its stage and holds the `per_stage`
    that entered it most recently (every one of them for the `expanded`
    stage, and the lead `include` wherever it ranks), latest first. Four
    queries, however many leads: the counts, the leads shown, their stage
    changes, their credits.
    """
    totals = dict(
        Lead.objects.filter(network=network)
        .order_by()
        .values_list("stage")
        .annotate(n=Count("pk"))
        .values_list("stage", "n")
    )
    entered = (
        LeadStageChange.objects.filter(lead=OuterRef("pk"))
        .order_by("-changed_on", "-pk")
        .values("changed_on")[:1]
    )
    ranked = Lead.objects.filter(network=network).annotate(
        since=Coalesce(Subquery(entered), F("created_on")),
        rank=Window(
            RowNumber(),
            partition_by=F("stage"),
            order_by=[F("since").desc(), F("pk").desc()],
        ),
    )
    shown = Q(rank__lte=per_stage)
    if expanded is not None:
        shown |= Q(stage=expanded)
    if include is not None:
        shown |= Q(pk=include)
    columns = ("pk", "title", "organization__name", "stage", "notes", "created_on",
        "source_interaction_id", "since")  # fmt: skip
    rows = list(ranked.filter(shown).values_list(*columns))
    # At most six columns of `per_stage` ids (plus one expanded column), so
    # the list of ids stays short where it matters.
    ids = [row[0] for row in rows]
    history: dict[int, list[StageChange]] = defaultdict(list)
    for lead_pk, stage_name, on in (
        LeadStageChange.objects.filter(network=network, lead_id__in=ids)
        .order_by("changed_on", "pk")
        .values_list("lead_id", "stage", "changed_on")
    ):
        history[lead_pk].append(StageChange(stage_name, on))
    credited: dict[int, list[CreditedPerson]] = defaultdict(list)
    for lead_pk, person_pk, name, role in (
        LeadCredit.objects.filter(network=network, lead_id__in=ids)
        .order_by("pk")
        .values_list("lead_id", "person_id", "person__full_name", "role")
    ):
        credited[lead_pk].append(CreditedPerson(person_pk, name, role))
    by_stage: dict[str, list[tuple[date, int, LeadSummary]]] = defaultdict(list)
    for pk, title, organization, now, notes, created_on, source, since in rows:
        summary = LeadSummary(
            pk,
            title,
            organization,
            now,
            notes,
            created_on,
            source,
            credited=credited[pk],
            history=history[pk],
        )
        by_stage[now].append((since, pk, summary))
    return [
        BoardColumn(
            stage,
            totals.get(stage, 0),
            [summary for _, _, summary in sorted(by_stage[stage], reverse=True)],
        )
        for stage in engine.STAGES
    ]
