"""Subscription feeds: secret addresses for calendar apps and feed readers."""

from django.db import models

from netlife.networks.models import Network


class FeedToken(models.Model):
    """A secret, revocable address at which a calendar app or feed reader
    subscribes to a network's reminders without logging in.

    Only a hash of the secret is stored (decision 0008): the address is shown
    once, when made, and a copied database opens nobody's feeds.
    """

    class Kind(models.TextChoices):
        CALENDAR = "ics", "iCalendar"
        ATOM = "atom", "Atom"

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="feed_tokens"
    )
    kind = models.CharField(max_length=4, choices=Kind.choices)
    secret_hash = models.CharField(max_length=64, unique=True)
    hint = models.CharField(max_length=8)  # the secret's first characters
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.kind} feed {self.hint}…"
