"""Reads about a network as a whole: its time zone choices and its tiers."""

import zoneinfo
from dataclasses import dataclass
from functools import cache

from django.db.models import Case, Count, IntegerField, Q, Sum, Value, When

from netlife.engines.cadence import TIER_DAYS, TIERS
from netlife.networks.models import Network
from netlife.relationships.models import Relationship


@cache
def known_time_zones() -> dict[str, str]:
    """Every IANA time zone name, keyed by its case-folded spelling."""
    return {name.casefold(): name for name in zoneinfo.available_timezones()}


def time_zone_names() -> list[str]:
    """Every IANA time zone name, sorted (for a picker)."""
    return sorted(known_time_zones().values())


@dataclass(frozen=True, slots=True)
class TierCount:
    """How many contacts a keep-in-touch tier holds, and why they are on it."""

    tier: str
    days: int | None  # None: not tracked
    chosen: int  # the user put them on this tier
    derived: int  # tie strength put them there (no tier set)
    own_cadence: int  # of either, those with a number of days of their own

    @property
    def total(self) -> int:
        return self.chosen + self.derived


def tier_counts(network: Network) -> list[TierCount]:
    """Every tier in TIERS order with its contacts (one aggregate query).

    Counts contacts that are not archived, by the tier in force (the one set,
    or the one derived from tie strength); prospects are on no tier.
    """
    usual = Q(tier="none", cadence__isnull=True)
    for tier, days in TIER_DAYS.items():
        if days is not None:
            usual |= Q(tier=tier, cadence=days)
    rows = (
        Relationship.objects.filter(network=network, contact=True)
        .values("tier")
        .annotate(
            chosen=Count("pk", filter=Q(tier_derived=False)),
            derived=Count("pk", filter=Q(tier_derived=True)),
            own=Sum(
                Case(
                    When(usual, then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                )
            ),
        )
        .order_by()
    )
    found = {row["tier"]: row for row in rows}
    return [
        TierCount(
            tier=tier,
            days=TIER_DAYS[tier],
            chosen=found.get(tier, {}).get("chosen", 0),
            derived=found.get(tier, {}).get("derived", 0),
            own_cadence=found.get(tier, {}).get("own") or 0,
        )
        for tier in TIERS
    ]
