"""Who knows whom among the user's people, and who introduced whom."""

from django.db import models

from netlife.core.models import StableIdentity


class Tie(StableIdentity):
    """Two people in the network who know each other.

    Stored once per pair with person_a.id < person_b.id; services keep that
    order so the unique constraint catches duplicates either way round.
    """

    class Strength(models.TextChoices):
        WEAK = "weak", "weak"
        MEDIUM = "medium", "medium"
        STRONG = "strong", "strong"

    # Indexed by the unique pair (person_a first) and tie_person_b below.
    person_a = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    person_b = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    strength = models.CharField(
        max_length=8, choices=Strength.choices, default=Strength.MEDIUM
    )
    how = models.CharField(max_length=300, blank=True)
    source = models.CharField(max_length=32, blank=True)
    archived = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["person_b"], name="tie_person_b")]
        constraints = [
            models.UniqueConstraint(
                fields=["person_a", "person_b"], name="tie_unique_pair"
            ),
            models.CheckConstraint(
                condition=models.Q(person_a__lt=models.F("person_b")),
                name="tie_ordered_pair",
            ),
            models.UniqueConstraint(fields=["network", "uid"], name="tie_unique_uid"),
        ]

    def __str__(self) -> str:
        return f"{self.person_a_id} knows {self.person_b_id} ({self.strength})"


class Introduction(StableIdentity):
    """An introducer put `introduced` in touch with `introduced_to` (None: the user)."""

    introducer = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="introductions_made"
    )
    introduced = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="introductions_received"
    )
    introduced_to = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="introductions_to",
    )
    introduced_on = models.DateField()
    outcome = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            models.Index(fields=["network", "introduced_on"], name="introduction_on")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "uid"], name="introduction_unique_uid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.introducer_id} introduced {self.introduced_id}"
