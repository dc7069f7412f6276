"""Accounts and networks: whose data a row is."""

from django.conf import settings
from django.db import models


class Network(models.Model):
    """One person's professional network; every other row belongs to one."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="networks"
    )
    name = models.CharField(max_length=200)
    timezone = models.CharField(max_length=64, default="UTC")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "name"], name="network_unique_name_per_owner"
            )
        ]

    def __str__(self) -> str:
        return self.name
