"""Recording who knows whom and who introduced whom."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from netlife.core import clock
from netlife.core.errors import InvalidInput
from netlife.engines.contact_values import clean_text
from netlife.networks.models import Network
from netlife.paths.services import graph_changed
from netlife.people.models import Person
from netlife.relationships.services import refresh_bridges, refresh_relationships
from netlife.ties.models import Introduction, Tie


@dataclass(frozen=True, slots=True)
class RecordedTie:
    tie: Tie
    created: bool


def validate_strength(value: str) -> str:
    """The stored form of weak/medium/strong; raises InvalidInput otherwise."""
    normalized = value.strip().lower()
    if normalized not in Tie.Strength.values:
        raise InvalidInput(
            f"Unknown strength {value!r}; use one of {', '.join(Tie.Strength.values)}."
        )
    return normalized


@transaction.atomic
def record_tie(
    network: Network,
    first: Person,
    second: Person,
    *,
    strength: str = Tie.Strength.MEDIUM,
    how: str = "",
    source: str = "manual",
) -> RecordedTie:
    """Record that two people know each other (updating strength and how if known).

    The pair is stored lowest id first, so `knows A B` and `knows B A` are
    the same tie.
    """
    if first.pk == second.pk:
        raise InvalidInput(f"{first.full_name} cannot know themselves.")
    if first.network_id != network.pk or second.network_id != network.pk:
        raise InvalidInput("Both people must belong to this network.")
    stored_strength = validate_strength(strength)
    low, high = sorted((first, second), key=lambda p: p.pk)
    tie, created = Tie.objects.get_or_create(
        network=network,
        person_a=low,
        person_b=high,
        defaults={
            "strength": stored_strength,
            "how": clean_text(how),
            "source": source,
        },
    )
    if not created:
        tie.strength = stored_strength
        if how:
            tie.how = clean_text(how)
        tie.archived = False
        tie.save(update_fields=["strength", "how", "archived"])
    graph_changed(network)
    refresh_bridges(network, [tie.person_a_id, tie.person_b_id])
    return RecordedTie(tie=tie, created=created)


@transaction.atomic
def record_introduction(
    network: Network,
    introducer: Person,
    introduced: Person,
    *,
    to: Person | None = None,
    on: date | None = None,
    outcome: str = "",
) -> Introduction:
    """Record that `introducer` put `introduced` in touch with `to` (None: the user).

    The introducer knows both sides, so ties from the introducer to each are
    recorded too (kept if they already exist), and when the introduction is
    between two of the user's people, those two now know each other.
    """
    people = [introducer, introduced, *([to] if to else [])]
    if any(p.network_id != network.pk for p in people):
        raise InvalidInput("Everyone in an introduction must belong to this network.")
    if len({p.pk for p in people}) != len(people):
        raise InvalidInput("An introduction needs different people on each side.")
    introduced_on = on or clock.today()
    if introduced_on > clock.today():
        raise InvalidInput(f"{introduced_on.isoformat()} is in the future.")
    introduction = Introduction.objects.create(
        network=network,
        introducer=introducer,
        introduced=introduced,
        introduced_to=to,
        introduced_on=introduced_on,
        outcome=outcome.strip(),
    )
    _ensure_tie(
        network, introducer, introduced, how=f"introduced them on {introduced_on}"
    )
    if to is not None:
        _ensure_tie(network, introducer, to, how="")
        _ensure_tie(
            network,
            introduced,
            to,
            how=f"introduced by {introducer.full_name}",
            weak=True,
        )
    graph_changed(network)
    refresh_relationships(
        network, [p.pk for p in (introducer, introduced, to) if p is not None]
    )
    return introduction


def _ensure_tie(
    network: Network, first: Person, second: Person, *, how: str, weak: bool = False
) -> None:
    low, high = sorted((first, second), key=lambda p: p.pk)
    Tie.objects.get_or_create(
        network=network,
        person_a=low,
        person_b=high,
        defaults={
            "strength": Tie.Strength.WEAK if weak else Tie.Strength.MEDIUM,
            "how": how,
            "source": "introduction",
        },
    )
