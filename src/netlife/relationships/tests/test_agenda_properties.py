"""Properties of the agenda, dormant ties and strength on arbitrary small networks.

Each example builds a handful of people through the services (random tiers,
cadences, archived and prospect flags, snoozes, birthdays, interactions,
introductions, a goal), checks the reads against the people's history as
written, and rolls back. What is expected is worked out from the Person
rows and their participations, not from the Relationship rows the reads use.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netlife.core import clock
from netlife.engines import agenda as engine
from netlife.engines import cadence, strength
from netlife.goals.queries import current_goal
from netlife.goals.services import mark_told, set_goal
from netlife.interactions.models import Interaction, Participation
from netlife.interactions.services import log_interaction
from netlife.networks.models import Network
from netlife.people.models import Person
from netlife.people.queries import person_summaries
from netlife.people.services import Birthday, PersonChanges, add_person, edit_person
from netlife.relationships import queries, ranking
from netlife.relationships.services import snooze
from netlife.ties.services import record_introduction

MAX_PEOPLE = 6
GOALS = ("a product role in climate tech", "an engineering leadership role")
ORGANIZATIONS = (None, "Acme Climate", "Globex Engineering", "Initech")
TITLES = ("", "product manager", "engineer", "accountant")


@dataclass(frozen=True)
class PersonSpec:
    tier: str | None
    cadence: int | None
    prospect: bool
    archived: bool
    snooze: int | None  # days after today
    # (month, day), or days from the checked day for a birthday about then
    birthday: tuple[int, int] | int | None
    met_back: int | None
    organization: str | None
    title: str
    moves: bool  # changes organization today: a job change


@dataclass(frozen=True)
class InteractionSpec:
    people: frozenset[int]
    intent: str
    channel: str
    back: int  # days before today
    they_initiated: bool
    follow_up: tuple[int, str] | None  # days after the interaction, intent
    shared_goal: bool


@dataclass(frozen=True)
class NetworkSpec:
    people: list[PersonSpec]
    interactions: list[InteractionSpec]
    introductions: list[tuple[int, int, int]]  # introducer, introduced, days back
    goal: str | None
    told: frozenset[int]
    # The day checked, in days after today: before it, too, as when an
    # import brings contacts dated after today.
    offset: int


people_specs = st.builds(
    PersonSpec,
    tier=st.sampled_from((None, *cadence.TIERS)),
    cadence=st.one_of(st.none(), st.integers(1, 400)),
    prospect=st.sampled_from((False, False, False, True)),
    archived=st.sampled_from((False, False, False, True)),
    snooze=st.one_of(st.none(), st.integers(1, 200)),
    birthday=st.one_of(
        st.none(),
        st.sampled_from(((2, 29), (2, 28), (3, 1), (12, 31), (1, 1))),
        st.tuples(st.integers(1, 12), st.integers(1, 28)),
        st.integers(-3, 10),
    ),
    met_back=st.one_of(st.none(), st.integers(0, 500)),
    organization=st.sampled_from(ORGANIZATIONS),
    title=st.sampled_from(TITLES),
    moves=st.booleans(),
)


@st.composite
def network_specs(draw: st.DrawFn) -> NetworkSpec:
    people = draw(st.lists(people_specs, min_size=1, max_size=MAX_PEOPLE))
    index = st.integers(0, len(people) - 1)
    interactions = draw(
        st.lists(
            st.builds(
                InteractionSpec,
                people=st.frozensets(index, min_size=1, max_size=3),
                intent=st.sampled_from(Interaction.Intent.values),
                channel=st.sampled_from(Interaction.Channel.values),
                back=st.one_of(st.integers(0, 60), st.integers(0, 3 * 365)),
                they_initiated=st.booleans(),
                follow_up=st.one_of(
                    st.none(),
                    st.tuples(
                        st.integers(0, 120), st.sampled_from(("", "ask", "advice"))
                    ),
                ),
                shared_goal=st.booleans(),
            ),
            max_size=12,
        )
    )
    introductions = []
    if len(people) > 1:
        introductions = draw(
            st.lists(
                st.tuples(index, index, st.integers(0, 400)).filter(
                    lambda t: t[0] != t[1]
                ),
                max_size=2,
            )
        )
    return NetworkSpec(
        people=people,
        interactions=interactions,
        introductions=introductions,
        goal=draw(st.sampled_from((None, *GOALS))),
        told=draw(st.frozensets(index)),
        offset=draw(st.one_of(st.just(0), st.integers(0, 30), st.integers(-400, 1000))),
    )


def build(network: Network, spec: NetworkSpec) -> date:
    """Write the network through the services; returns the day to check."""
    today = clock.today()
    checked = today + timedelta(days=spec.offset)
    people = []
    for i, p in enumerate(spec.people):
        birthday = None
        if isinstance(p.birthday, tuple):
            birthday = Birthday(*p.birthday)
        elif isinstance(p.birthday, int):
            on = checked + timedelta(days=p.birthday)
            birthday = Birthday(on.month, on.day)
        people.append(
            add_person(
                network,
                name=f"Person {i}",
                tier=p.tier,
                cadence_days=p.cadence,
                prospect=p.prospect,
                organization=p.organization,
                title=p.title,
                met_on=today - timedelta(days=p.met_back)
                if p.met_back is not None
                else None,
                birthday=birthday,
            )
        )
    if spec.goal is not None:
        set_goal(network, spec.goal)
    for x in spec.interactions:
        on = today - timedelta(days=x.back)
        follow_up_on, follow_up_intent = None, ""
        if x.follow_up is not None:
            follow_up_on = on + timedelta(days=x.follow_up[0])
            follow_up_intent = x.follow_up[1]
        log_interaction(
            network,
            people=[people[i] for i in sorted(x.people)],
            intent=x.intent,
            channel=x.channel,
            on=on,
            they_initiated=x.they_initiated,
            follow_up_on=follow_up_on,
            follow_up_intent=follow_up_intent,
            shared_goal=x.shared_goal and spec.goal is not None,
        )
    for introducer, introduced, back in spec.introductions:
        record_introduction(
            network,
            people[introducer],
            people[introduced],
            on=today - timedelta(days=back),
        )
    if spec.goal is not None and spec.told:
        mark_told(network, [people[i] for i in sorted(spec.told)])
    for p, person in zip(spec.people, people, strict=True):
        if p.moves or p.archived:
            edit_person(
                network,
                person,
                PersonChanges(
                    organization="Newco Climate" if p.moves else None,
                    archived=p.archived or None,
                ),
            )
        if p.snooze is not None:
            snooze(network, person, today + timedelta(days=p.snooze))
    return checked


# What the reads should find, from the people and their participations alone.


def _history(person: Person) -> strength.History:
    rows = list(
        Participation.objects.filter(person=person).values(
            "occurred_on", "intent", "interaction__initiated_by", "interaction__channel"
        )
    )
    days = [r["occurred_on"] for r in rows]
    intents = [r["intent"] for r in rows]
    return strength.History(
        first_contact=min(days, default=None),
        last_contact=max(days, default=None),
        interactions=len(rows),
        gives=sum(i in ("give", "thanks") for i in intents),
        asks=sum(i in ("ask", "advice") for i in intents),
        received=intents.count("received"),
        them_initiated=sum(r["interaction__initiated_by"] == "them" for r in rows),
        channels=len({r["interaction__channel"] for r in rows}),
        met_on=person.met_on,
    )


@dataclass(frozen=True)
class Expected:
    person: Person
    history: strength.History
    cadence: int | None  # None: not tracked

    @property
    def last_contact(self) -> date | None:
        return self.history.last_contact

    def snoozed_on(self, day: date) -> bool:
        return self.person.snoozed_until is not None and self.person.snoozed_until > day

    def visible_on(self, day: date) -> bool:
        """Tracked (a contact, not archived, with a cadence) and not snoozed."""
        return self.cadence is not None and not self.snoozed_on(day)

    def dormant_on(self, day: date) -> bool:
        return (
            self.visible_on(day)
            and self.cadence is not None
            and self.last_contact is not None
            and (day - self.last_contact).days >= 2 * self.cadence
        )


def expected(network: Network) -> dict[int, Expected]:
    found = {}
    for person in Person.objects.filter(network=network):
        history = _history(person)
        days = None
        if person.kind == Person.Kind.CONTACT and not person.archived:
            # An explicit cadence wins over the tier, "none" included
            # (`cadence.cadence_days`, and `--cadence` in docs/cli.md).
            tier = person.tier or strength.derived_tier(strength.bond(history))
            days = cadence.cadence_days(tier, person.cadence_days)
        found[person.pk] = Expected(person, history, days)
    return found


def _engine_scores(network: Network, day: date) -> dict[int, tuple[float, float]]:
    """person → (SQL score, engine score) for every visible row."""
    goal = current_goal(network)
    mode = queries.mode_of(goal)
    t = day.toordinal()
    rows = list(
        ranking.visible(network, t)
        .annotate(score=ranking.agenda_score(t, mode))
        .select_related("person", "person__organization")
    )
    facts = queries.facts_for(rows, today=day, mode=mode, goal=goal)
    scores = {}
    for row, f in zip(rows, facts, strict=True):
        item = engine.item(f, day, mode)
        scores[row.person_id] = (row.score, item.score if item else 0.0)
    return scores


# The properties. Building a network through the services is what costs
# (about 0.15 s an example on SQLite), so each example checks all of them.


def check_agenda_lists_only_tracked_people_not_snoozed(
    network: Network, day: date, people: dict[int, Expected], found: queries.Agenda
) -> None:
    for item in found.items:
        p = people[item.person_id]
        assert p.person.kind == Person.Kind.CONTACT, f"prospect {p.person} listed"
        assert not p.person.archived, f"archived {p.person} listed"
        assert p.cadence is not None, f"untracked {p.person} listed"
        assert not p.snoozed_on(day), f"{p.person} listed while snoozed"
    # The rows the SQL ranks are exactly the visible people.
    visible = set(
        ranking.visible(network, day.toordinal()).values_list("pk", flat=True)
    )
    assert visible == {pk for pk, p in people.items() if p.visible_on(day)}


def check_agenda_scores_are_sums_of_reasons_best_first(
    network: Network, day: date, found: queries.Agenda
) -> None:
    for item in found.items:
        assert item.reasons, f"{item.facts.name} is listed with no reason"
        assert item.score == round(sum(r.score for r in item.reasons), 4)
        assert item.score > 0
    scores = [i.score for i in found.items]
    assert scores == sorted(scores, reverse=True)
    # The database scores every visible row as the engine does, and so
    # lists everyone the engine finds a reason for.
    both = _engine_scores(network, day)
    for pk, (sql, eng) in both.items():
        assert abs(sql - eng) <= 1e-3, f"person {pk}: SQL {sql}, engine {eng}"
    assert {i.person_id for i in found.items} == {
        pk for pk, (_, eng) in both.items() if eng > 0
    }


def check_dormant_lists_ties_silent_for_twice_their_cadence_strongest_first(
    network: Network, day: date, people: dict[int, Expected]
) -> None:
    found = queries.dormant(network, limit=100, today=day)
    listed = [d.facts.person_id for d in found]
    for pk in listed:
        p = people[pk]
        assert p.person.kind == Person.Kind.CONTACT
        assert not p.person.archived
        assert p.cadence is not None
        assert not p.snoozed_on(day)
        assert p.last_contact is not None
        assert (day - p.last_contact).days >= 2 * p.cadence
    assert len(listed) == len(set(listed))
    assert set(listed) == {pk for pk, p in people.items() if p.dormant_on(day)}
    strengths = [d.facts.strength for d in found]
    assert strengths == sorted(strengths, reverse=True)


def check_strength_shown_is_between_0_and_1(
    network: Network, people: dict[int, Expected]
) -> None:
    persons = list(
        Person.objects.filter(network=network).select_related("organization")
    )
    summaries = person_summaries(network, persons)
    assert len(summaries) == len(persons)
    today = clock.today()
    for s in summaries:
        assert 0.0 <= s.strength <= 1.0, (s.name, s.strength)
        # The figure is the engine's, from the history itself (the stored
        # bond is rounded, hence the tolerance).
        assert abs(s.strength - strength.strength(people[s.id].history, today)) <= 2e-4


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(spec=network_specs())
def test_agenda_dormant_and_strength_properties_hold_on_any_network(ana, spec):
    with transaction.atomic():
        day = build(ana, spec)
        people = expected(ana)
        found = queries.agenda(ana, limit=100, today=day)
        check_agenda_lists_only_tracked_people_not_snoozed(ana, day, people, found)
        check_agenda_scores_are_sums_of_reasons_best_first(ana, day, found)
        check_dormant_lists_ties_silent_for_twice_their_cadence_strongest_first(
            ana, day, people
        )
        check_strength_shown_is_between_0_and_1(ana, people)
        transaction.set_rollback(True)
