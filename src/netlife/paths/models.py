"""The version of a network's who-knows-whom graph, for the path index."""

from django.db import models

from netlife.networks.models import Network


class GraphVersion(models.Model):
    """Bumped by every write that changes who knows whom (ties, people removed
    or merged, imports): a path index built at an older version is rebuilt
    before it answers, so it is never stale (decision 0009)."""

    network = models.OneToOneField(
        Network, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    version = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"graph of network {self.network_id} at version {self.version}"
