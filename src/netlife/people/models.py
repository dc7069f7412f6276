"""People, organizations, how to reach them, and what happens in their lives."""

from django.db import models
from django.db.models.functions import Lower

from netlife.core.models import NetworkScoped, StableIdentity


class Organization(StableIdentity):
    """A company or institution people work at."""

    name = models.CharField(max_length=200)
    # Lower-cased, punctuation- and suffix-free form ("acme" for "ACME, Inc.")
    # so that imports and `--org` find the same organization.
    normalized_name = models.CharField(max_length=200)
    domain = models.CharField(max_length=200, blank=True)
    industry = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["network", "normalized_name"], name="organization_unique_name"
            ),
            models.UniqueConstraint(
                fields=["network", "uid"], name="organization_unique_uid"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Tag(NetworkScoped):
    """A label the user puts on people ("mentor", "alumni")."""

    name = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["network", "name"], name="tag_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Person(StableIdentity):
    """Someone in the network: a contact the user knows or a prospect to reach."""

    class Kind(models.TextChoices):
        CONTACT = "contact", "contact"
        PROSPECT = "prospect", "prospect"

    class Tier(models.TextChoices):
        INNER = "inner", "inner (30 days)"
        CLOSE = "close", "close (90 days)"
        NETWORK = "network", "network (180 days)"
        DISTANT = "distant", "distant (365 days)"
        NONE = "none", "none (not tracked)"

    full_name = models.CharField(max_length=300)
    given_name = models.CharField(max_length=150, blank=True)
    family_name = models.CharField(max_length=150, blank=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.CONTACT)
    organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    title = models.CharField(max_length=300, blank=True)
    location = models.CharField(max_length=300, blank=True)
    how_met = models.TextField(blank=True)
    met_on = models.DateField(null=True, blank=True)
    # Month and day without a year are common in address books (vCard
    # --0415), so the year is stored apart and may be unknown.
    birthday_month = models.PositiveSmallIntegerField(null=True, blank=True)
    birthday_day = models.PositiveSmallIntegerField(null=True, blank=True)
    birthday_year = models.PositiveSmallIntegerField(null=True, blank=True)
    notes = models.TextField(blank=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="people")
    # Blank tier means "derive one from tie strength"; an explicit
    # cadence_days overrides the tier's number of days.
    tier = models.CharField(max_length=10, choices=Tier.choices, blank=True)
    cadence_days = models.PositiveIntegerField(null=True, blank=True)
    snoozed_until = models.DateField(null=True, blank=True)
    archived = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "people"
        indexes = [
            # Listing and keyset paging order by name inside one network.
            models.Index("network", Lower("full_name"), name="person_name_lower"),
            models.Index(fields=["network", "organization"], name="person_org"),
            # Counting and listing the people who are not archived.
            models.Index(fields=["network", "archived"], name="person_archived"),
            models.Index(
                fields=["network", "birthday_month", "birthday_day"],
                name="person_birthday",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "uid"], name="person_unique_uid"
            ),
        ]

    def __str__(self) -> str:
        return self.full_name


class ContactMethod(NetworkScoped):
    """An email address, phone number or URL (LinkedIn included) of a person."""

    class Kind(models.TextChoices):
        EMAIL = "email", "email"
        PHONE = "phone", "phone"
        URL = "url", "url"

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="contact_methods"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    label = models.CharField(max_length=64, blank=True)
    value = models.CharField(max_length=500)
    # What lookups compare: a lower-cased email, digits-only phone, a URL
    # without scheme or trailing slash.
    normalized = models.CharField(max_length=500)
    is_primary = models.BooleanField(default=False)

    class Meta:
        indexes = [
            models.Index(
                fields=["network", "kind", "normalized"], name="contact_method_lookup"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "kind", "normalized"],
                name="contact_method_unique_per_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.value}"


class SourceId(NetworkScoped):
    """The id a person has in an import source, so re-imports find them again."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="source_ids"
    )
    source = models.CharField(max_length=32)
    value = models.CharField(max_length=500)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["network", "source", "value"], name="source_id_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source}:{self.value}"


class PersonEvent(StableIdentity):
    """Something that happened in a person's life: a new job, a birthday."""

    class Kind(models.TextChoices):
        JOB_CHANGE = "job-change", "job change"
        NEW_TITLE = "new-title", "new title"
        BIRTHDAY = "birthday", "birthday"
        ANNIVERSARY = "anniversary", "anniversary"
        # Another record of the same person was folded into this one.
        MERGED = "merged", "merged with another record"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    occurred_on = models.DateField()
    summary = models.CharField(max_length=500, blank=True)
    previous = models.CharField(max_length=300, blank=True)
    current = models.CharField(max_length=300, blank=True)
    source = models.CharField(max_length=32, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            models.Index(fields=["network", "occurred_on"], name="person_event_on"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "uid"], name="person_event_unique_uid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} of {self.person_id} on {self.occurred_on}"


class MergeSuggestion(NetworkScoped):
    """Two people an import thinks may be one: the user confirms or dismisses.

    Stored once per pair with person_a.id < person_b.id. A dismissed pair is
    kept, so later imports do not suggest it again.
    """

    class Status(models.TextChoices):
        OPEN = "open", "open"
        MERGED = "merged", "merged"
        DISMISSED = "dismissed", "dismissed"

    person_a = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    person_b = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    reasons = models.CharField(max_length=500, blank=True)
    source = models.CharField(max_length=32, blank=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person_a", "person_b"], name="merge_suggestion_unique_pair"
            ),
            models.CheckConstraint(
                condition=models.Q(person_a__lt=models.F("person_b")),
                name="merge_suggestion_ordered_pair",
            ),
        ]
        indexes = [
            models.Index(fields=["network", "status"], name="merge_suggestion_status")
        ]

    def __str__(self) -> str:
        return f"{self.person_a_id} may be {self.person_b_id} ({self.status})"
