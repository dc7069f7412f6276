"""What the user is looking for, and who knows it."""

from django.db import models

from netlife.core.models import NetworkScoped, StableIdentity


class Goal(StableIdentity):
    """A goal such as "a product role in climate tech"; one is active at a time."""

    class Status(models.TextChoices):
        ACTIVE = "active", "active"
        DONE = "done", "done"

    text = models.TextField()
    status = models.CharField(
        max_length=8, choices=Status.choices, default=Status.ACTIVE
    )
    started_on = models.DateField()
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["network"],
                condition=models.Q(status="active"),
                name="goal_one_active_per_network",
            ),
            models.UniqueConstraint(fields=["network", "uid"], name="goal_unique_uid"),
        ]

    def __str__(self) -> str:
        return self.text


class GoalAwareness(NetworkScoped):
    """A person who knows the goal, since when and how they heard."""

    class How(models.TextChoices):
        TOLD = "told", "told"
        INTERACTION = "interaction", "in a logged interaction"

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="awareness")
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="goal_awareness"
    )
    since = models.DateField()
    how = models.CharField(max_length=12, choices=How.choices, default=How.TOLD)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["goal", "person"], name="goal_awareness_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} knows goal {self.goal_id}"
