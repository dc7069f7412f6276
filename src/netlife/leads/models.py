"""Leads: opportunities that conversations open, and who opened the door."""

from django.db import models

from netlife.core.models import NetworkScoped, StableIdentity


class Lead(StableIdentity):
    """An opportunity moving lead → conversation → interview → offer → hired."""

    class Stage(models.TextChoices):
        LEAD = "lead", "lead"
        CONVERSATION = "conversation", "conversation"
        INTERVIEW = "interview", "interview"
        OFFER = "offer", "offer"
        HIRED = "hired", "hired"
        CLOSED = "closed", "closed"

    title = models.CharField(max_length=300)
    organization = models.ForeignKey(
        "people.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="leads",
    )
    stage = models.CharField(max_length=12, choices=Stage.choices, default=Stage.LEAD)
    notes = models.TextField(blank=True)
    source_interaction = models.ForeignKey(
        "interactions.Interaction",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="leads",
    )
    created_on = models.DateField()

    class Meta:
        indexes = [models.Index(fields=["network", "stage"], name="lead_stage")]
        constraints = [
            models.UniqueConstraint(fields=["network", "uid"], name="lead_unique_uid"),
        ]

    def __str__(self) -> str:
        return self.title


class LeadStageChange(NetworkScoped):
    """The day a lead entered a stage; the history the funnel is built from."""

    lead = models.ForeignKey(
        Lead, on_delete=models.CASCADE, related_name="stage_changes"
    )
    stage = models.CharField(max_length=12, choices=Lead.Stage.choices)
    changed_on = models.DateField()

    class Meta:
        ordering = ["changed_on", "id"]
        indexes = [
            models.Index(fields=["lead", "changed_on"], name="lead_stage_change_on")
        ]

    def __str__(self) -> str:
        return f"{self.lead_id} → {self.stage} on {self.changed_on}"


class LeadCredit(NetworkScoped):
    """A person credited with a lead: who opened the door, or who it came through."""

    class Role(models.TextChoices):
        OPENED = "opened", "opened the door"
        THROUGH = "through", "came through them"

    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="credits")
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="lead_credits"
    )
    role = models.CharField(max_length=8, choices=Role.choices, default=Role.OPENED)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["lead", "person"], name="lead_credit_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} credited on {self.lead_id}"
