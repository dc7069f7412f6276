"""The user's relationship with each person, summed up from its history.

One `Relationship` row per person holds what the agenda, the ledger and tie
strength read: dates of the last contact of each kind, counts by intent,
the stored bond (strength on the day of the last contact), the cadence in
force and the days a tie falls due and goes dormant. It is derived data,
rewritten by `relationships.services.refresh_relationships` whenever the
rows it sums change (decision record 0007), so that a 100k-people agenda
reads one indexed table instead of aggregating millions of participations.

Dates are stored as day numbers (`date.toordinal()`): "days since", "days
overdue" and decayed strength are then plain arithmetic that SQLite and
PostgreSQL rank alike.
"""

from django.db import models

from netlife.core.models import NetworkScoped


class Relationship(NetworkScoped):
    person = models.OneToOneField(
        "people.Person",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="relationship",
    )
    # A contact, not archived, on a tier other than "none".
    tracked = models.BooleanField()
    first_contact_day = models.IntegerField(null=True)
    last_contact_day = models.IntegerField(null=True)
    # The last contact that was not an ask or advice request: what keeps a
    # later ask from being a cold one.
    last_warm_day = models.IntegerField(null=True)
    last_give_day = models.IntegerField(null=True)  # give or thanks
    last_ask_day = models.IntegerField(null=True)  # ask or advice
    last_advice_day = models.IntegerField(null=True)
    last_received_day = models.IntegerField(null=True)
    interactions = models.PositiveIntegerField(default=0)
    gives = models.PositiveIntegerField(default=0)
    thanks = models.PositiveIntegerField(default=0)
    advice = models.PositiveIntegerField(default=0)
    favours = models.PositiveIntegerField(default=0)
    received = models.PositiveIntegerField(default=0)
    them_initiated = models.PositiveIntegerField(default=0)
    channels = models.PositiveSmallIntegerField(default=0)
    bond = models.FloatField()
    # The tier in force: the one set, or the one derived from the bond.
    tier = models.CharField(max_length=10)
    tier_derived = models.BooleanField()
    cadence = models.PositiveIntegerField(null=True)  # None: not tracked
    # Last contact + cadence (or the end of a snooze, if later); None for the
    # untracked and the never contacted.
    due_day = models.IntegerField(null=True)
    # Last contact + twice the cadence: from then on the tie is dormant.
    dormant_day = models.IntegerField(null=True)
    snoozed_day = models.IntegerField(null=True)
    # Share of the current goal's terms this person matches; 0 in maintain mode.
    goal_relevance = models.FloatField(default=0.0)

    class Meta:
        indexes = [
            models.Index(
                fields=["network", "due_day", "dormant_day"],
                name="relationship_due",
                condition=models.Q(tracked=True),
            ),
            models.Index(
                fields=["network", "dormant_day"],
                name="relationship_dormant",
                condition=models.Q(tracked=True),
            ),
            models.Index(
                fields=["network", "last_received_day"],
                name="relationship_received",
                condition=models.Q(tracked=True),
            ),
            models.Index(
                fields=["network", "last_advice_day"],
                name="relationship_advice",
                condition=models.Q(tracked=True),
            ),
            models.Index(
                fields=["network", "goal_relevance"],
                name="relationship_goal",
                condition=models.Q(tracked=True, goal_relevance__gt=0),
            ),
            models.Index(
                fields=["network", "bond"],
                name="relationship_never_contacted",
                condition=models.Q(tracked=True, last_contact_day__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"relationship with {self.person_id}"
