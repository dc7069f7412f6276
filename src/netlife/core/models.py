"""Tenancy plumbing shared by every app: each row belongs to one Network."""

import uuid

from django.db import models


class NetworkScoped(models.Model):
    """Abstract base: a row that belongs to exactly one network.

    Every query starts from a network (see the `resolve_*` query functions),
    so one person's data never leaks into another's.
    """

    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        abstract = True


class StableIdentity(NetworkScoped):
    """Abstract base for rows that export and import: a uid survives the trip.

    Integer ids differ between databases; the uid is what a JSON export refers
    to, which makes re-importing the same file a no-op.
    """

    uid = models.UUIDField(default=uuid.uuid4, editable=False)

    class Meta:
        abstract = True
