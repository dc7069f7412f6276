"""Creating the local account and network for single-user mode."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from netlife.core.errors import InvalidInput
from netlife.networks.models import Network
from netlife.networks.queries import known_time_zones

LOCAL_NETWORK_NAME = "My network"


def ensure_local_network() -> Network:
    """Return the single-user network, creating the local user and it if needed.

    Idempotent: `netlife init`, the first CLI command and the first web
    request all call it, and only the first one creates anything. The common
    case is a plain read, so a web request never takes SQLite's write lock
    (a long import in the CLI would otherwise stall every page).
    """
    existing = (
        Network.objects.filter(owner__username=settings.NETLIFE_LOCAL_USERNAME)
        .order_by("id")
        .first()
    )
    if existing is not None:
        return existing
    return _create_local_network()


@transaction.atomic
def _create_local_network() -> Network:
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=settings.NETLIFE_LOCAL_USERNAME
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    network = Network.objects.filter(owner=user).order_by("id").first()
    if network is None:
        network = Network.objects.create(owner=user, name=LOCAL_NETWORK_NAME)
    return network


def create_network(*, owner_username: str, name: str) -> Network:
    """Create a network for an account (creating the account if it is new)."""
    user_model = get_user_model()
    with transaction.atomic():
        user, created = user_model.objects.get_or_create(username=owner_username)
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        return Network.objects.create(owner=user, name=name)


def set_timezone(network: Network, name: str) -> Network:
    """Set the network's time zone (an IANA name such as "Europe/Paris").

    The name is matched without regard to case and stored as the zone
    database spells it; anything else raises InvalidInput and writes nothing.
    The feeds date their entries in this zone.
    """
    wanted = name.strip()
    zone = known_time_zones().get(wanted.casefold()) if wanted else None
    if zone is None:
        shown = wanted[:64] + ("…" if len(wanted) > 64 else "")
        raise InvalidInput(
            f"{shown!r} is not a time zone netlife knows: use a name such as "
            "Europe/Paris, America/New_York or UTC."
            if wanted
            else "Choose a time zone, e.g. Europe/Paris or UTC."
        )
    if network.timezone != zone:
        network.timezone = zone
        network.save(update_fields=["timezone"])
    return network
