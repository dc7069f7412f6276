"""What the feeds say: the agenda and what is coming, as iCalendar and Atom.

One reading of the network serves `netlife export ics|atom` and the
subscription addresses alike:

- the calendar holds today's agenda (each person an all-day event today,
  with the reasons), the keep-in-touch dates of the next 60 days, open
  follow-ups (on their day, or today when missed) and the birthdays of
  the people whose ties are tracked, recurring every year;
- the Atom feed holds today's agenda, one entry per person, in its order.

Every event's UID is made from the person's uid and what the event is for,
so the same reminder keeps its UID from one export to the next and a
subscribed calendar moves it instead of showing it twice. The same day
gives the same bytes, so an unchanged feed is recognised by its ETag.
"""

from collections.abc import Collection
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.db.models import F

from netlife.core import clock
from netlife.engines import agenda as engine
from netlife.formats.atom_feed import Entry, write_atom
from netlife.formats.calendar_feed import Birthday, Reminder, write_calendar
from netlife.networks.models import Network
from netlife.people.models import Person
from netlife.relationships.models import Relationship
from netlife.relationships.queries import agenda

AGENDA_ITEMS = 50  # a calendar of hundreds of events a day helps nobody
UPCOMING_DAYS = 60
UPCOMING_LIMIT = 200


def _uids(ids: Collection[int]) -> dict[int, str]:
    return {
        pk: str(uid)
        for pk, uid in Person.objects.filter(pk__in=ids).values_list("pk", "uid")
    }


def _person_url(base_url: str, person_id: int) -> str:
    return f"{base_url.rstrip('/')}/people/{person_id}/" if base_url else ""


def _reasons(item: engine.Item) -> str:
    return "\n".join(f"{reason.kind}: {reason.text}" for reason in item.reasons)


def _zone(network: Network) -> ZoneInfo:
    try:
        return ZoneInfo(network.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def calendar(
    network: Network, *, base_url: str = "", today: date | None = None
) -> bytes:
    """The network's reminders as one iCalendar file (see the module doc)."""
    today = today or clock.today()
    t = today.toordinal()
    items = agenda(network, limit=AGENDA_ITEMS, today=today).items
    on_agenda = {item.person_id for item in items}
    live = Relationship.objects.filter(network=network, person__archived=False)
    upcoming = list(
        live.filter(tracked=True, due_day__gt=t, due_day__lte=t + UPCOMING_DAYS)
        .exclude(snoozed_day__gte=F("due_day"))  # snoozed past the date
        .exclude(person_id__in=on_agenda)
        .order_by("due_day", "person_id")
        .values_list("person_id", "person__full_name", "due_day", "cadence")[
            :UPCOMING_LIMIT
        ]
    )
    follow_ups = list(
        live.filter(follow_up_day__isnull=False).values_list(
            "person_id", "person__full_name", "follow_up_day", "follow_up_intent"
        )
    )
    birthdays = list(
        live.filter(tracked=True, birthday_key__isnull=False).values_list(
            "person_id", "person__full_name", "birthday_key"
        )
    )
    uids = _uids(
        on_agenda
        | {row[0] for row in upcoming}
        | {row[0] for row in follow_ups}
        | {row[0] for row in birthdays}
    )
    reminders = [
        Reminder(
            uid=f"touch-{uids[item.person_id]}@netlife",
            on=today,
            summary=f"Get in touch with {item.facts.name}",
            description=_reasons(item),
            url=_person_url(base_url, item.person_id),
            categories=tuple(str(r.kind) for r in item.reasons),
        )
        for item in items
    ]
    reminders += [
        Reminder(
            uid=f"touch-{uids[person_id]}@netlife",
            on=date.fromordinal(due_day),
            summary=f"Keep in touch with {name}",
            description=f"Due: you planned to be in touch every {cadence} days.",
            url=_person_url(base_url, person_id),
            categories=("overdue",),
        )
        for person_id, name, due_day, cadence in upcoming
        if due_day is not None  # the query asked for a due day
    ]
    reminders += [
        Reminder(
            uid=f"follow-up-{uids[person_id]}@netlife",
            on=max(date.fromordinal(day), today),
            summary=f"Follow up with {name}",
            description=(
                f"You planned to follow up{' (' + intent + ')' if intent else ''}."
            ),
            url=_person_url(base_url, person_id),
            categories=("follow-up",),
        )
        for person_id, name, day, intent in follow_ups
        if day is not None
    ]
    return write_calendar(
        reminders,
        [
            Birthday(
                uid=f"birthday-{uids[person_id]}@netlife",
                month=key // 100,
                day=key % 100,
                summary=f"{name}'s birthday",
                first_year=today.year,
            )
            for person_id, name, key in birthdays
            if key is not None
        ],
        name=f"netlife: {network.name}",
        stamp=datetime.combine(today, time(), tzinfo=UTC),
    )


def atom(network: Network, *, base_url: str = "", self_link: str = "",
         today: date | None = None) -> bytes:  # fmt: skip
    """Today's agenda as an Atom feed, one entry per person, best first."""
    today = today or clock.today()
    items = agenda(network, limit=AGENDA_ITEMS, today=today).items
    uids = _uids({item.person_id for item in items})
    # Entries carry this morning in the network's time zone; each a second
    # earlier than the one before, so newest-first readers keep the order.
    morning = datetime.combine(today, time(8, 0), tzinfo=_zone(network))
    author = network.owner.get_full_name() or network.owner.get_username()
    entries = [
        Entry(
            id=f"urn:netlife:agenda:{uids[item.person_id]}:{today.isoformat()}",
            title=f"{item.facts.name}: " + ", ".join(str(r.kind) for r in item.reasons),
            updated=morning - timedelta(seconds=rank),
            content=_reasons(item),
            link=_person_url(base_url, item.person_id),
            author=author,
            categories=tuple(str(r.kind) for r in item.reasons),
        )
        for rank, item in enumerate(items)
    ]
    return write_atom(
        entries,
        feed_id=f"urn:netlife:agenda:{network.pk}",
        title=f"netlife agenda: {network.name}",
        updated=morning,
        author=author,
        self_link=self_link,
        subtitle="Who is due for a word today, and why.",
    )
