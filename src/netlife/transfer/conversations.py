"""LinkedIn messages become interactions: one per conversation (thread and day).

`import_conversations` groups a reader's `MessageRecord`s with
`engines.conversations`, finds each conversation's other parties among the
network's people by LinkedIn profile URL, and writes one catch-up message
interaction per conversation, with a participation per person, in bulk.
A conversation's uid comes from its thread and day, so re-importing the
same export changes nothing. Conversations with nobody of the network
are skipped and counted; LinkedIn's sponsored messages never get here
(the reader drops them).
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final
from uuid import UUID

from django.db import transaction

from netlife.core.bulk import insert_rows
from netlife.engines.conversations import Conversation, group_conversations
from netlife.formats.contact_record import MessageRecord
from netlife.formats.linkedin import SOURCE, normalize_profile_url
from netlife.interactions.models import Interaction, Participation
from netlife.networks.models import Network
from netlife.people.models import ContactMethod, Person, SourceId

PROFILE_MARK: Final = "linkedin.com/in/"
SKIPPED_STRANGER: Final = "conversation with someone not in your network"
SKIPPED_NO_PROFILE: Final = "conversation naming nobody by profile URL"
# Rows per `uid IN (...)` lookup: far below any database's parameter limit.
_BATCH = 500


@dataclass(slots=True)
class ConversationImportResult:
    """What importing messages did (or, in a dry run, would do).

    `people` holds the ids of everyone a new interaction includes: the
    people whose relationship rows the caller must refresh. In a dry run,
    people the caller only plans to create appear under the refs it gave
    in `profiles`.
    """

    created: int = 0
    unchanged: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    people: set[int] = field(default_factory=set)

    def to_json(self) -> dict[str, object]:
        return {
            "created": self.created,
            "unchanged": self.unchanged,
            "skipped": dict(self.skipped),
        }


def index_profiles(
    source_ids: Iterable[tuple[str, int]], urls: Iterable[tuple[str, int]]
) -> dict[str, int]:
    """Normalized LinkedIn profile URL → person, from (value, person) pairs.

    `source_ids` are the values of LinkedIn source ids (already in
    `normalize_profile_url` form when a LinkedIn import wrote them); `urls`
    are the `normalized` values of URL contact methods, which keep the
    path's case and any country host (`de.linkedin.com/in/Adé`), so they
    are keyed in both forms. When two people claim one profile, a source id
    beats a URL, and otherwise the first pair given wins: callers pass
    pairs in a stable order.
    """
    index: dict[str, int] = {}
    for value, person in source_ids:
        index.setdefault(value, person)
        if PROFILE_MARK in value.casefold():
            index.setdefault(normalize_profile_url(value), person)
    claimed = set(index)
    for value, person in urls:
        if PROFILE_MARK not in value.casefold():
            continue
        for key in (normalize_profile_url(value), value):
            if key not in claimed:
                index.setdefault(key, person)
    return index


def profile_index(network: Network) -> dict[str, int]:
    """Every LinkedIn profile the network's people have → their person id.

    Read in two queries, from the LinkedIn source ids imports left and
    from URL contact methods pointing at a linkedin.com/in/ profile.
    """
    source_ids = (
        SourceId.objects.filter(network=network, source=SOURCE)
        .order_by("pk")
        .values_list("value", "person_id")
    )
    urls = (
        ContactMethod.objects.filter(
            network=network,
            kind=ContactMethod.Kind.URL,
            normalized__icontains=PROFILE_MARK,
        )
        .order_by("pk")
        .values_list("normalized", "person_id")
    )
    return index_profiles(source_ids, urls)


def _count(skipped: dict[str, int], reason: str) -> None:
    skipped[reason] = skipped.get(reason, 0) + 1


def _existing_uids(network: Network, uids: Sequence[UUID]) -> set[UUID]:
    found: set[UUID] = set()
    for start in range(0, len(uids), _BATCH):
        found.update(
            Interaction.objects.filter(
                network=network, uid__in=uids[start : start + _BATCH]
            ).values_list("uid", flat=True)
        )
    return found


def import_conversations(
    network: Network,
    messages: Sequence[MessageRecord],
    *,
    profiles: Mapping[str, int],
    dry_run: bool,
) -> ConversationImportResult:
    """Log the messages' conversations as interactions, atomically.

    `profiles` maps normalized LinkedIn profile URLs to person ids
    (`profile_index`, or an import's own plan). Each conversation whose
    uid the network already has is unchanged; one naming nobody found in
    `profiles` is skipped and counted by reason. A group conversation
    includes the people found and leaves out the rest. New ones become
    catch-up message interactions from source "linkedin"; their
    participants who were prospects become contacts, as with
    `log_interaction`. Relationship rows are not refreshed here: the caller
    refreshes `result.people` (an import does it once for everything it
    touched). With `dry_run`, nothing is written and the counts say what
    would be.
    """
    result = ConversationImportResult()
    planned: list[tuple[Conversation, list[int]]] = []
    for conversation in group_conversations(messages):
        people = sorted(
            {profiles[url] for url in conversation.other_parties if url in profiles}
        )
        if people:
            planned.append((conversation, people))
        elif conversation.other_parties:
            _count(result.skipped, SKIPPED_STRANGER)
        else:
            _count(result.skipped, SKIPPED_NO_PROFILE)
    existing = _existing_uids(network, [c.uid for c, _ in planned])
    new = [(c, people) for c, people in planned if c.uid not in existing]
    result.unchanged = len(planned) - len(new)
    result.created = len(new)
    result.people = {person for _, people in new for person in people}
    if not dry_run and new:
        with transaction.atomic():
            _write(network, new)
    return result


def _write(network: Network, new: Sequence[tuple[Conversation, list[int]]]) -> None:
    """Insert the interactions, then their participations, in bulk."""
    insert_rows(
        Interaction,
        (
            {
                "network": network.pk,
                "uid": c.uid,
                "occurred_on": c.occurred_on,
                "occurred_at": c.occurred_at,
                "channel": Interaction.Channel.MESSAGE,
                "intent": Interaction.Intent.CATCH_UP,
                "initiated_by": c.initiated_by,
                "summary": c.summary,
                "source": c.source,
            }
            for c, _ in new
        ),
    )
    pks: dict[UUID, int] = {}
    uids = [c.uid for c, _ in new]
    for start in range(0, len(uids), _BATCH):
        pks.update(
            Interaction.objects.filter(
                network=network, uid__in=uids[start : start + _BATCH]
            ).values_list("uid", "pk")
        )
    insert_rows(
        Participation,
        (
            {
                "network": network.pk,
                "interaction": pks[c.uid],
                "person": person,
                # Copied from the interaction, as log_interaction does, so
                # "last contact" and the ledger read participations alone.
                "occurred_on": c.occurred_on,
                "intent": Interaction.Intent.CATCH_UP,
            }
            for c, people in new
            for person in people
        ),
    )
    people = sorted({person for _, people in new for person in people})
    for start in range(0, len(people), _BATCH):
        # Someone the user exchanged messages with is someone they know.
        Person.objects.filter(
            network=network,
            pk__in=people[start : start + _BATCH],
            kind=Person.Kind.PROSPECT,
        ).update(kind=Person.Kind.CONTACT)
