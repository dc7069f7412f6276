"""A hand-built history whose weekly review is known to the last figure.

Today is 2026-06-15 (NETLIFE_TODAY in the test settings). With one week,
the period is 2026-06-09 to 06-15 and the week before 06-02 to 06-08.

Tracked ties in touch at least once: Ines, Walt, Dora, Fran, Olga, Pete.

| tie  | cadence | contacts                          | kept 06-08 | kept 06-15 |
| ---- | ------- | --------------------------------- | ---------- | ---------- |
| Ines | 30      | 05-01, 06-10, 06-13               | no (38 d)  | yes        |
| Walt | 365     | 2025-09-01                        | yes        | yes        |
| Dora | 30      | 01-05, 06-12 (revived: 158 days)  | no         | yes        |
| Fran | 90      | 03-01, 06-03, 06-14               | yes        | yes        |
| Olga | 90      | 02-01                             | no         | no         |
| Pete | 180     | 2025-01-10, 06-05 (revived: 511)  | yes        | yes        |

So 3 of 6 were kept at the end of the week before, 5 of 6 now. Nina is on
a tier but never contacted (not counted), Uma is on no tier and Archie is
archived: their interactions are touches, but they are not tracked ties.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from netlife.goals.services import mark_told, set_goal
from netlife.interactions.services import log_interaction
from netlife.leads.models import Lead
from netlife.leads.services import add_lead, move_lead
from netlife.networks.models import Network
from netlife.people.models import Person
from netlife.people.services import PersonChanges, add_person, edit_person


def on(text: str) -> date:
    return date.fromisoformat(text)


def log(network: Network, people: list[Person], when: str, intent: str) -> None:
    log_interaction(network, people=people, intent=intent, on=on(when))


@dataclass(frozen=True)
class History:
    people: dict[str, Person]
    product: Lead  # opened this week, moved twice
    design: Lead  # opened before the window, offer last week, hired this week


def build_history(network: Network) -> History:
    people: dict[str, Person] = {}

    def add(key: str, name: str, **kwargs: Any) -> Person:
        people[key] = add_person(network, name=name, **kwargs)
        return people[key]

    ines = add("ines", "Ines Inner", tier="inner", organization="Acme")
    walt = add("walt", "Walt Weak", tier="distant")
    dora = add("dora", "Dora Dormant", tier="inner")
    fran = add("fran", "Fran Friend", tier="close")
    olga = add("olga", "Olga Overdue", tier="close")
    pete = add("pete", "Pete Prodigal", tier="network")
    add("nina", "Nina Never", tier="close")
    uma = add("uma", "Uma Untracked", tier="none")
    archie = add("archie", "Archie Archived", tier="inner")

    set_goal(network, "a product role in climate tech")
    mark_told(network, [walt], on=on("2026-05-01"))
    mark_told(network, [fran], on=on("2026-06-04"))
    mark_told(network, [ines], on=on("2026-06-10"))

    # Before the window.
    log(network, [pete], "2025-01-10", "catch-up")
    log(network, [walt], "2025-09-01", "catch-up")
    log(network, [dora], "2026-01-05", "give")
    log(network, [olga], "2026-02-01", "catch-up")
    log(network, [fran], "2026-03-01", "catch-up")
    log(network, [ines], "2026-05-01", "catch-up")
    # The week before: a give and an ask.
    log(network, [fran], "2026-06-03", "give")
    log(network, [pete], "2026-06-05", "ask")
    # This week: give 1, catch-up 2, advice 1, ask 1, received 1.
    log(network, [ines], "2026-06-10", "catch-up")
    log(network, [archie], "2026-06-10", "catch-up")
    log(network, [uma], "2026-06-11", "received")
    log(network, [dora], "2026-06-12", "ask")
    log(network, [ines], "2026-06-13", "advice")
    log(network, [fran, uma], "2026-06-14", "thanks")
    edit_person(network, archie, PersonChanges(archived=True))

    design = add_lead(
        network, title="Designer", organization="Globex", on=on("2026-05-20")
    )
    move_lead(network, design, "offer", on=on("2026-06-05"))
    move_lead(network, design, "hired", on=on("2026-06-11"))
    product = add_lead(
        network,
        title="Product manager",
        organization="Acme",
        opened_by=[ines],
        on=on("2026-06-10"),
    )
    move_lead(network, product, "conversation", on=on("2026-06-12"))
    move_lead(network, product, "interview", on=on("2026-06-14"))
    return History(people, product, design)


@pytest.fixture
def history(ana: Network) -> History:
    return build_history(ana)
