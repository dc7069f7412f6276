"""Changes to people and organizations; each function is one atomic write."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from netlife.core import clock
from netlife.core.errors import InvalidInput, NotFound
from netlife.engines import cadence
from netlife.engines.cadence import AUTO_TIER
from netlife.engines.contact_values import (
    clean_text,
    looks_like_email,
    normalize_email,
    normalize_phone,
    normalize_url,
    organization_key,
    split_full_name,
)
from netlife.interactions.models import Interaction, Participation
from netlife.networks.models import Network
from netlife.paths.services import graph_changed
from netlife.people.models import ContactMethod, Organization, Person, PersonEvent, Tag
from netlife.people.queries import resolve_person
from netlife.relationships.services import refresh_relationships
from netlife.ties.models import Introduction, Tie

_NORMALIZERS: dict[str, Callable[[str], str]] = {
    ContactMethod.Kind.EMAIL: normalize_email,
    ContactMethod.Kind.PHONE: normalize_phone,
    ContactMethod.Kind.URL: normalize_url,
}


@dataclass(frozen=True, slots=True)
class Birthday:
    """A birthday whose year may be unknown."""

    month: int
    day: int
    year: int | None = None

    def __post_init__(self) -> None:
        try:
            date(
                self.year or 2000, self.month, self.day
            )  # 2000: leap, so 29 Feb is fine
        except ValueError:
            raise InvalidInput(
                f"{self.month:02}-{self.day:02} is not a real birthday."
            ) from None


def parse_birthday(text: str) -> Birthday:
    """Read a birthday written YYYY-MM-DD or MM-DD (or --MM-DD as in vCard)."""
    value = text.strip().removeprefix("--")
    parts = value.split("-")
    try:
        if len(parts) == 3:
            return Birthday(year=int(parts[0]), month=int(parts[1]), day=int(parts[2]))
        if len(parts) == 2:
            return Birthday(month=int(parts[0]), day=int(parts[1]))
    except ValueError:
        pass
    raise InvalidInput(f"{text!r} is not a birthday; use YYYY-MM-DD or MM-DD.")


_ORGANIZATION_MAX = 200  # Organization.name's max_length


def get_or_create_organization(network: Network, name: str) -> Organization | None:
    """The organization for this name, created if new; None for a blank name."""
    display = clean_text(name)
    if not display:
        return None
    if len(display) > _ORGANIZATION_MAX:
        raise InvalidInput(
            f"That organization name is too long ({_ORGANIZATION_MAX} characters "
            "at most)."
        )
    organization, _ = Organization.objects.get_or_create(
        network=network,
        normalized_name=organization_key(display),
        defaults={"name": display},
    )
    return organization


def _validated_name(name: str) -> str:
    full_name = clean_text(name)
    if not full_name:
        raise InvalidInput("A person needs a name; the name given is empty.")
    if len(full_name) > Person._meta.get_field("full_name").max_length:  # type: ignore[operator]  # max_length is set on this CharField
        raise InvalidInput("That name is too long (300 characters at most).")
    return full_name


def _validated_tier(tier: str | None) -> str | None:
    if tier is None:
        return None
    value = tier.strip().lower()
    if value == AUTO_TIER:
        return ""
    if value not in cadence.TIERS:
        raise InvalidInput(
            f"Unknown tier {tier!r}; use one of {', '.join(cadence.TIERS)}, "
            f"or {AUTO_TIER} to derive it from tie strength."
        )
    return value


def _validated_cadence(days: int | None) -> int | None:
    low, high = cadence.MIN_CADENCE_DAYS, cadence.MAX_CADENCE_DAYS
    if days is not None and not low <= days <= high:
        raise InvalidInput(f"A cadence is a number of days between {low} and {high}.")
    return days


def _add_contact_method(
    network: Network, person: Person, kind: str, value: str, *, label: str = ""
) -> None:
    raw = clean_text(value)
    if not raw:
        return
    if kind == ContactMethod.Kind.EMAIL and not looks_like_email(raw):
        raise InvalidInput(f"{value!r} is not an email address.")
    if kind == ContactMethod.Kind.PHONE and not any(ch.isdigit() for ch in raw):
        raise InvalidInput(f"{value!r} is not a phone number.")
    normalized = _NORMALIZERS[ContactMethod.Kind(kind)](raw)
    has_primary = ContactMethod.objects.filter(
        person=person, kind=kind, is_primary=True
    ).exists()
    ContactMethod.objects.get_or_create(
        network=network,
        person=person,
        kind=kind,
        normalized=normalized,
        defaults={"value": raw, "label": label, "is_primary": not has_primary},
    )


def _set_tags(network: Network, person: Person, names: Sequence[str]) -> None:
    wanted = sorted({clean_text(n).casefold() for n in names if clean_text(n)})
    tags = [Tag.objects.get_or_create(network=network, name=name)[0] for name in wanted]
    person.tags.set(tags)


@transaction.atomic
def add_person(
    network: Network,
    *,
    name: str,
    emails: Sequence[str] = (),
    phones: Sequence[str] = (),
    urls: Sequence[str] = (),
    organization: str | None = None,
    title: str = "",
    tags: Sequence[str] = (),
    tier: str | None = None,
    cadence_days: int | None = None,
    how_met: str = "",
    met_on: date | None = None,
    birthday: Birthday | None = None,
    location: str = "",
    notes: str = "",
    prospect: bool = False,
) -> Person:
    """Add a person (a contact, or a prospect with `prospect=True`).

    Validates the name, tier, cadence, emails and phones before writing
    anything; raises InvalidInput with one sentence on the first problem.
    """
    full_name = _validated_name(name)
    given, family = split_full_name(full_name)
    person = Person.objects.create(
        network=network,
        full_name=full_name,
        given_name=given,
        family_name=family,
        kind=Person.Kind.PROSPECT if prospect else Person.Kind.CONTACT,
        organization=get_or_create_organization(network, organization or ""),
        title=clean_text(title),
        tier=_validated_tier(tier) or "",
        cadence_days=_validated_cadence(cadence_days),
        how_met=how_met.strip(),
        met_on=met_on,
        birthday_month=birthday.month if birthday else None,
        birthday_day=birthday.day if birthday else None,
        birthday_year=birthday.year if birthday else None,
        location=clean_text(location),
        notes=notes.strip(),
    )
    for email in emails:
        _add_contact_method(network, person, ContactMethod.Kind.EMAIL, email)
    for phone in phones:
        _add_contact_method(network, person, ContactMethod.Kind.PHONE, phone)
    for url in urls:
        _add_contact_method(network, person, ContactMethod.Kind.URL, url)
    if tags:
        _set_tags(network, person, tags)
    refresh_relationships(network, [person.pk])
    return person


@dataclass(frozen=True, slots=True)
class PersonChanges:
    """What `edit` changes; None (or an empty tuple) leaves a field as it is."""

    name: str | None = None
    organization: str | None = None
    title: str | None = None
    location: str | None = None
    how_met: str | None = None
    met_on: date | None = None
    birthday: Birthday | None = None
    notes: str | None = None
    tier: str | None = None
    cadence_days: int | None = None
    clear_cadence: bool = False
    add_emails: Sequence[str] = ()
    add_phones: Sequence[str] = ()
    add_urls: Sequence[str] = ()
    remove_values: Sequence[str] = ()
    add_tags: Sequence[str] = ()
    remove_tags: Sequence[str] = ()
    make_contact: bool = False
    make_prospect: bool = False
    archived: bool | None = None


@transaction.atomic
def edit_person(network: Network, person: Person, changes: PersonChanges) -> Person:
    """Apply changes to a person of this network and return it, saved.

    A change of organization is recorded as a job-change PersonEvent so that
    the history of where someone worked is never lost.
    """
    if person.network_id != network.pk:
        raise InvalidInput("That person belongs to another network.")
    if changes.make_contact and changes.make_prospect:
        raise InvalidInput("A person is either a contact or a prospect, not both.")
    if changes.name is not None:
        person.full_name = _validated_name(changes.name)
        person.given_name, person.family_name = split_full_name(person.full_name)
    if changes.organization is not None:
        before = person.organization
        after = get_or_create_organization(network, changes.organization)
        if (before and before.pk) != (after and after.pk):
            PersonEvent.objects.create(
                network=network,
                person=person,
                kind=PersonEvent.Kind.JOB_CHANGE,
                occurred_on=clock.today(),
                previous=before.name if before else "",
                current=after.name if after else "",
                summary=f"Moved to {after.name}"
                if after
                else "Left their organization",
                source="edit",
            )
        person.organization = after
    if changes.title is not None:
        person.title = clean_text(changes.title)
    if changes.location is not None:
        person.location = clean_text(changes.location)
    if changes.how_met is not None:
        person.how_met = changes.how_met.strip()
    if changes.met_on is not None:
        person.met_on = changes.met_on
    if changes.birthday is not None:
        person.birthday_month = changes.birthday.month
        person.birthday_day = changes.birthday.day
        person.birthday_year = changes.birthday.year
    if changes.notes is not None:
        person.notes = changes.notes.strip()
    tier = _validated_tier(changes.tier)
    if tier is not None:
        person.tier = tier
    if changes.clear_cadence:
        person.cadence_days = None
    elif changes.cadence_days is not None:
        person.cadence_days = _validated_cadence(changes.cadence_days)
    if changes.make_contact:
        person.kind = Person.Kind.CONTACT
    if changes.make_prospect:
        person.kind = Person.Kind.PROSPECT
    if changes.archived is not None:
        person.archived = changes.archived
    person.save()
    for email in changes.add_emails:
        _add_contact_method(network, person, ContactMethod.Kind.EMAIL, email)
    for phone in changes.add_phones:
        _add_contact_method(network, person, ContactMethod.Kind.PHONE, phone)
    for url in changes.add_urls:
        _add_contact_method(network, person, ContactMethod.Kind.URL, url)
    for value in changes.remove_values:
        removed = [
            cm
            for cm in person.contact_methods.all()
            if cm.normalized == _NORMALIZERS[ContactMethod.Kind(cm.kind)](value)
        ]
        if not removed:
            raise InvalidInput(
                f"{person.full_name} has no email, phone or URL {value!r}."
            )
        for cm in removed:
            cm.delete()
    if changes.add_tags or changes.remove_tags:
        current = set(person.tags.values_list("name", flat=True))
        dropped = {clean_text(t).casefold() for t in changes.remove_tags}
        _set_tags(network, person, sorted((current | set(changes.add_tags)) - dropped))
    refresh_relationships(network, [person.pk])
    return person


@transaction.atomic
def remove_person(network: Network, person: Person) -> None:
    """Delete a person and everything that is only about them.

    Interactions they took part in alone are deleted with them; group
    interactions stay for the other participants.
    """
    if person.network_id != network.pk:
        raise InvalidInput("That person belongs to another network.")
    theirs = Participation.objects.filter(person=person).values("interaction_id")
    # Filter by subquery, not by join: a join filter before annotate() would
    # make every count 1 and delete group interactions too.
    lonely = list(
        Interaction.objects.filter(network=network, pk__in=theirs)
        .annotate(participant_count=Count("participations"))
        .filter(participant_count=1)
        .values_list("pk", flat=True)
    )
    Interaction.objects.filter(pk__in=lonely).delete()
    # Their introductions and ties go with them; the people on the other
    # side of one must be summed up again without it.
    introduced = Introduction.objects.filter(
        Q(introducer=person) | Q(introduced=person) | Q(introduced_to=person)
    )
    graph_changed(network)  # their ties go
    tied = Tie.objects.filter(Q(person_a=person) | Q(person_b=person))
    others = {
        pk
        for row in [
            *introduced.values_list(
                "introducer_id", "introduced_id", "introduced_to_id"
            ),
            *tied.values_list("person_a_id", "person_b_id"),
        ]
        for pk in row
        if pk not in (None, person.pk)
    }
    person.delete()
    refresh_relationships(network, sorted(others))


def resolve_or_add_prospect(network: Network, ref: str) -> tuple[Person, bool]:
    """The person `ref` names, or a new prospect of that name; (person, created).

    Used for the far end of `knows` and `intro`: naming someone the user
    does not know yet adds them as a prospect, reachable through the tie.
    An id or an email that matches nobody is still an error.
    """
    try:
        return resolve_person(network, ref), False
    except NotFound:
        text = clean_text(ref)
        if not text or text.isdigit() or "@" in text:
            raise
    return add_person(network, name=text, prospect=True), True


def _people_of(network: Network, people: Sequence[Person]) -> list[int]:
    ids = sorted({p.pk for p in people})
    if not ids:
        raise InvalidInput("Choose at least one person first.")
    if any(p.network_id != network.pk for p in people):
        raise InvalidInput("Some of those people belong to another network.")
    return ids


_TAG_MAX = 64  # Tag.name's max_length


@transaction.atomic
def tag_people(network: Network, people: Sequence[Person], tag: str) -> int:
    """Add one tag to several people at once; returns how many did not have it.

    All or nothing: a person of another network, or a blank or overlong
    tag, raises InvalidInput before anything is written.
    """
    ids = _people_of(network, people)
    name = clean_text(tag).casefold()
    if not name:
        raise InvalidInput("Write the tag to add.")
    if len(name) > _TAG_MAX:
        raise InvalidInput(f"That tag is too long ({_TAG_MAX} characters at most).")
    label, _ = Tag.objects.get_or_create(network=network, name=name)
    through = Person.tags.through
    tagged = set(
        through.objects.filter(tag=label, person_id__in=ids).values_list(
            "person_id", flat=True
        )
    )
    through.objects.bulk_create(
        [through(person_id=pk, tag_id=label.pk) for pk in ids if pk not in tagged]
    )
    # Tags count towards goal relevance, as in edit_person.
    refresh_relationships(network, ids)
    return len(ids) - len(tagged)


@transaction.atomic
def set_tier(network: Network, people: Sequence[Person], tier: str) -> int:
    """Put several people on one keep-in-touch tier (or "auto"); returns how many.

    All or nothing, validated like `edit --tier`; an explicit cadence a
    person has keeps winning over the tier, as with edit_person.
    """
    ids = _people_of(network, people)
    if not tier.strip():
        raise InvalidInput("Choose a tier to set.")
    value = _validated_tier(tier) or ""
    Person.objects.filter(network=network, pk__in=ids).update(
        tier=value, updated_at=timezone.now()
    )
    refresh_relationships(network, ids)
    return len(ids)
