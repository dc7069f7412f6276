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
    # A contact, not archived: someone the user can be in touch with.
    contact = models.BooleanField()
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
    met_day = models.IntegerField(null=True)
    # Share of the current goal's terms this person matches; 0 in maintain mode.
    goal_relevance = models.FloatField(default=0.0)
    # How many people relevant to the goal this person knows (ties not
    # archived): warm paths towards it.
    goal_bridges = models.PositiveIntegerField(default=0)
    knows_goal = models.BooleanField(default=False)
    # The follow-up still open: one set at the last contact (a later contact
    # would have closed it), the earliest if several; its intent marks a
    # planned ask.
    follow_up_day = models.IntegerField(null=True)
    follow_up_intent = models.CharField(max_length=10, blank=True)
    job_change_day = models.IntegerField(null=True)  # the latest
    birthday_key = models.PositiveSmallIntegerField(null=True)  # month * 100 + day
    # The latest introduction this person made for the user, and the latest
    # time someone introduced this person to the user.
    intro_made_day = models.IntegerField(null=True)
    introduced_day = models.IntegerField(null=True)
    # The latest stage change of a lead this person is credited with.
    lead_news_day = models.IntegerField(null=True)

    # The rankings read every row of a network, and a sequential scan of
    # this narrow table beats index lookups (see `ranking.scan`); the network
    # foreign key's own index serves servers with many networks. The one
    # secondary index finds the user's contacts, the first hop of every warm
    # path, among a community of a million prospects.
    class Meta:
        indexes = [
            models.Index(
                fields=["network"],
                name="relationship_contacts",
                condition=models.Q(contact=True),
            )
        ]

    def __str__(self) -> str:
        return f"relationship with {self.person_id}"
