"""Interactions: every conversation, message and meeting, with its intent."""

from typing import TYPE_CHECKING

from django.db import models

from netlife.core.models import NetworkScoped, StableIdentity

if TYPE_CHECKING:
    from netlife.people.models import Person


class Interaction(StableIdentity):
    """One contact between the user and one or more people."""

    class Channel(models.TextChoices):
        CALL = "call", "call"
        EMAIL = "email", "email"
        MEETING = "meeting", "meeting"
        MESSAGE = "message", "message"
        EVENT = "event", "event"
        SOCIAL = "social", "social"

    class Intent(models.TextChoices):
        CATCH_UP = "catch-up", "catch-up"
        GIVE = "give", "give"
        THANKS = "thanks", "thanks"
        ADVICE = "advice", "advice"
        ASK = "ask", "ask"
        RECEIVED = "received", "received"

    class Initiator(models.TextChoices):
        ME = "me", "me"
        THEM = "them", "them"

    occurred_on = models.DateField()
    # Imports (LinkedIn messages, calendars) know the time; a hand-logged
    # interaction usually does not.
    occurred_at = models.DateTimeField(null=True, blank=True)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    intent = models.CharField(max_length=10, choices=Intent.choices)
    initiated_by = models.CharField(
        max_length=4, choices=Initiator.choices, default=Initiator.ME
    )
    summary = models.TextField(blank=True)
    follow_up_on = models.DateField(null=True, blank=True)
    # What the follow-up will be; "ask" or "advice" makes it a planned ask,
    # which the agenda warms up to when the tie has gone cool.
    follow_up_intent = models.CharField(
        max_length=10, choices=Intent.choices, blank=True
    )
    shared_goal = models.BooleanField(default=False)
    source = models.CharField(max_length=32, blank=True)
    people: "models.ManyToManyField[Person, Participation]" = models.ManyToManyField(
        "people.Person", through="Participation", related_name="interactions"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            # With the intent, so the ledger's "last 90 days by intent" is
            # read from the index alone.
            models.Index(
                fields=["network", "occurred_on", "intent"], name="interaction_on"
            ),
            models.Index(
                fields=["network", "follow_up_on"],
                name="interaction_follow_up",
                condition=models.Q(follow_up_on__isnull=False),
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "uid"], name="interaction_unique_uid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.intent} by {self.channel} on {self.occurred_on}"


class Participation(NetworkScoped):
    """A person taking part in an interaction.

    The interaction's date and intent are copied here (written only by the
    interaction services) so that "last contact", "last give" and ledger
    counts per person are answered from one index without a join over
    millions of interactions.
    """

    # Both foreign keys lead composite indexes below, so single-column
    # indexes would only slow the millions of inserts a big import makes.
    interaction = models.ForeignKey(
        Interaction,
        on_delete=models.CASCADE,
        related_name="participations",
        db_index=False,
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="participations",
        db_index=False,
    )
    occurred_on = models.DateField()
    intent = models.CharField(max_length=10, choices=Interaction.Intent.choices)

    class Meta:
        indexes = [
            models.Index(
                fields=["person", "occurred_on"], name="participation_person_on"
            ),
            models.Index(
                fields=["person", "intent", "occurred_on"], name="participation_ledger"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["interaction", "person"], name="participation_unique_person"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} in {self.interaction_id}"
