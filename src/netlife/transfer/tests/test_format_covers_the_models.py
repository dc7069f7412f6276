"""Every field of every model travels in the JSON format, or is derived on import.

A field added to a model without a place in the format would be lost by
export → import; this test names it.
"""

import dataclasses

from django.apps import apps
from django.db import models

from netlife.feeds.models import FeedToken
from netlife.formats import json_dump
from netlife.goals.models import Goal, GoalAwareness
from netlife.interactions.models import Interaction, Participation
from netlife.leads.models import Lead, LeadCredit, LeadStageChange
from netlife.networks.models import Network
from netlife.paths.models import GraphVersion
from netlife.people.models import (
    ContactMethod,
    MergeSuggestion,
    Organization,
    Person,
    PersonEvent,
    SourceId,
    Tag,
)
from netlife.relationships.models import Relationship
from netlife.ties.models import Introduction, Tie

# model → (record, fields that are not in it on purpose)
COVERED: dict[type[models.Model], tuple[type, set[str]]] = {
    Network: (
        json_dump.NetworkRecord,
        {"owner", "created_at"},
    ),  # the target keeps its own
    Organization: (
        json_dump.OrganizationRecord,
        {"normalized_name"},
    ),  # derived from name
    Person: (json_dump.PersonRecord, set()),
    ContactMethod: (json_dump.ContactMethodRecord, {"person", "normalized"}),
    SourceId: (json_dump.SourceIdRecord, {"person"}),
    PersonEvent: (json_dump.EventRecord, {"person"}),
    Interaction: (json_dump.InteractionRecord, set()),
    Tie: (json_dump.TieRecord, set()),
    Introduction: (json_dump.IntroductionRecord, set()),
    Goal: (json_dump.GoalRecord, set()),
    GoalAwareness: (json_dump.AwarenessRecord, {"goal"}),
    Lead: (json_dump.LeadRecord, set()),
    LeadStageChange: (json_dump.StageChangeRecord, {"lead"}),
    LeadCredit: (json_dump.CreditRecord, {"lead"}),
}
# Rows rebuilt from their parents: tags by name, participations from the
# interaction's people (with its date and intent), relationships summed up
# from the interactions after the import.
DERIVED: set[type[models.Model]] = {
    Tag,
    Participation,
    Person.tags.through,
    Relationship,
}
# Not history: open questions for the user, asked again by the next import.
# (Dismissed pairs are lost on a JSON round trip; see issue 4's notes.)
# Feed tokens are keys, not data: a restored network makes new addresses.
# The graph version is a counter for the path index on this machine.
NOT_EXPORTED: set[type[models.Model]] = {MergeSuggestion, FeedToken, GraphVersion}


def test_every_field_of_every_model_is_in_a_record() -> None:
    for model, (record, left_out) in COVERED.items():
        names = {f.name for f in dataclasses.fields(record)}
        fields = {f.name for f in model._meta.concrete_fields} - {"id", "network"}
        assert fields - left_out <= names, (model.__name__, fields - left_out - names)


def test_every_netlife_model_is_exported_or_derived() -> None:
    netlife_models = {
        m
        for m in apps.get_models(include_auto_created=True)
        if m.__module__.startswith("netlife.")
    }

    known = set(COVERED) | DERIVED | NOT_EXPORTED
    assert netlife_models <= known, netlife_models - known
