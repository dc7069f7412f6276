"""A network's people in the forms address books read: vCard 3.0 and CSV.

People are read in batches (people, then their emails, phones and URLs,
then their tags, one query each) and turned into the `ContactRecord`s
the pure writers in `netlife.formats` take, so an export of 100,000
people never holds more than one batch of model rows. Archived people
are left out: they are the ones the user put away.
"""

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from netlife.formats import address_book_out
from netlife.formats.contact_record import Birthday, ContactRecord, Value
from netlife.formats.vcard_out import Card, write_vcards
from netlife.networks.models import Network
from netlife.people.models import ContactMethod, Person

BATCH = 2000


@dataclass(frozen=True, slots=True)
class Exported:
    """What an export wrote: the file's bytes, and what did not fit."""

    data: bytes
    people: int
    left_out: tuple[str, ...] = ()  # "Ada Lovelace: email a3@x.example"


def _people(network: Network) -> Iterator[tuple[str, datetime, ContactRecord]]:
    """(uid, last change, record) of everyone not archived, by name."""
    ids = list(
        Person.objects.filter(network=network, archived=False)
        .order_by("full_name", "pk")
        .values_list("pk", flat=True)
    )
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        methods: dict[int, dict[str, list[Value]]] = defaultdict(
            lambda: defaultdict(list)
        )
        for person_id, kind, value, label, primary in (
            ContactMethod.objects.filter(person_id__in=batch)
            .order_by("person_id", "-is_primary", "pk")
            .values_list("person_id", "kind", "value", "label", "is_primary")
        ):
            methods[person_id][kind].append(Value(value, label, primary))
        tags: dict[int, list[str]] = defaultdict(list)
        for person_id, name in (
            Person.tags.through.objects.filter(person_id__in=batch)
            .order_by("tag__name")
            .values_list("person_id", "tag__name")
        ):
            tags[person_id].append(name)
        people = Person.objects.filter(pk__in=batch).select_related("organization")
        by_id = {p.pk: p for p in people}
        for pk in batch:
            p = by_id[pk]
            mine = methods[pk]
            birthday = (
                Birthday(p.birthday_month, p.birthday_day, p.birthday_year)
                if p.birthday_month and p.birthday_day
                else None
            )
            yield (
                str(p.uid),
                p.updated_at,
                ContactRecord(
                    source="netlife",
                    position=f"person {pk}",
                    full_name=p.full_name,
                    given_name=p.given_name,
                    family_name=p.family_name,
                    emails=tuple(mine[ContactMethod.Kind.EMAIL]),
                    phones=tuple(mine[ContactMethod.Kind.PHONE]),
                    urls=tuple(mine[ContactMethod.Kind.URL]),
                    organization=p.organization.name if p.organization else "",
                    title=p.title,
                    birthday=birthday,
                    notes=p.notes,
                    labels=tuple(tags[pk]),
                    source_id=str(p.uid),
                ),
            )


def export_vcard(network: Network) -> Exported:
    """Everyone as vCard 3.0 (Apple, Google, Android and Nextcloud read it)."""
    cards = [Card(uid, revised, record) for uid, revised, record in _people(network)]
    return Exported(write_vcards(cards), len(cards))


def export_csv(network: Network, *, outlook: bool = False) -> Exported:
    """Everyone as Google Contacts CSV, or with `outlook` as Outlook's CSV."""
    records = [record for _, _, record in _people(network)]
    if not outlook:
        return Exported(address_book_out.write_google_csv(records), len(records))
    left_out = tuple(
        f"{record.full_name}: {what}"
        for record in records
        for what in address_book_out.outlook_left_out(record)
    )
    return Exported(address_book_out.write_outlook_csv(records), len(records), left_out)
