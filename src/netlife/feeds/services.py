"""Making, finding and revoking the secret feed addresses of a network."""

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from netlife.core.errors import InvalidInput, NotFound
from netlife.feeds.models import FeedToken
from netlife.networks.models import Network

_KINDS = {kind.value for kind in FeedToken.Kind}


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def validate_kind(kind: str) -> FeedToken.Kind:
    if kind not in _KINDS:
        raise InvalidInput(
            f"Unknown feed kind {kind!r}: use ics (calendars) or atom (feed readers)."
        )
    return FeedToken.Kind(kind)


def create_feed(network: Network, kind: str) -> tuple[FeedToken, str]:
    """A new feed address; returns it with its secret, which is shown only now."""
    secret = secrets.token_urlsafe(32)
    token = FeedToken.objects.create(
        network=network,
        kind=validate_kind(kind),
        secret_hash=_hash(secret),
        hint=secret[:6],
    )
    return token, secret


def feeds(network: Network) -> list[FeedToken]:
    """The network's feed addresses, live ones first, newest first."""
    return sorted(
        FeedToken.objects.filter(network=network),
        key=lambda t: (t.revoked_at is not None, -t.created_at.timestamp(), -t.pk),
    )


@transaction.atomic
def revoke_feed(network: Network, feed_id: int | None) -> int:
    """Revoke one feed (by id) or, with None, every live one; returns how many."""
    live = FeedToken.objects.filter(network=network, revoked_at__isnull=True)
    if feed_id is not None:
        if not FeedToken.objects.filter(network=network, pk=feed_id).exists():
            raise NotFound(
                f"No feed with id {feed_id}: `netlife feed list` shows them."
            )
        live = live.filter(pk=feed_id)
    return live.update(revoked_at=timezone.now())


def feed_for_secret(secret: str, kind: str) -> FeedToken | None:
    """The live feed this secret opens, or None (unknown, revoked, other kind)."""
    if not secret or len(secret) > 100:
        return None
    token = (
        FeedToken.objects.filter(
            secret_hash=_hash(secret), kind=kind, revoked_at__isnull=True
        )
        .select_related("network__owner")
        .first()
    )
    if token is not None:
        # At most one write a minute per feed: calendar apps poll often.
        now = timezone.now()
        if (
            token.last_used_at is None
            or (now - token.last_used_at).total_seconds() > 60
        ):
            FeedToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
