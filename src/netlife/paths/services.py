"""Writes that concern the path index: saying the graph has changed."""

from django.db.models import F

from netlife.networks.models import Network
from netlife.paths.models import GraphVersion


def graph_changed(network: Network) -> None:
    """Mark the network's who-knows-whom graph as changed.

    Every service that creates, edits, archives or deletes ties, or deletes
    or merges people, calls this inside its transaction; the next path query
    rebuilds the index (see `paths.index`).
    """
    updated = GraphVersion.objects.filter(network=network).update(
        version=F("version") + 1
    )
    if not updated:
        _, created = GraphVersion.objects.get_or_create(
            network=network, defaults={"version": 1}
        )
        if not created:  # made meanwhile by another writer: count this one too
            GraphVersion.objects.filter(network=network).update(
                version=F("version") + 1
            )
