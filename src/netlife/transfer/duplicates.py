"""The pairs imports were unsure of, side by side, one page at a time.

Reads only: the decisions go through `people.merging` (`merge_people`,
`dismiss_suggestion`). A page costs the same few queries whatever the
number of pairs: their count, the page's suggestions with both people,
then one summary query per kind of fact for all the people on the page.
"""

from dataclasses import dataclass

from netlife.networks.models import Network
from netlife.people import merging
from netlife.people.queries import PersonSummary, person_summaries
from netlife.transfer.previews import SHORT_LABELS

PAGE_SIZE = 25


@dataclass(frozen=True, slots=True)
class DuplicatePair:
    """Two people who may be one: `left` has the lower id (usually the older)."""

    id: int
    reasons: str
    source: str  # the kind of file that suggested it, in words
    left: PersonSummary
    right: PersonSummary


@dataclass(frozen=True, slots=True)
class DuplicatePage:
    pairs: list[DuplicatePair]
    number: int
    num_pages: int
    total: int


def _page_number(number: int | str | None, num_pages: int) -> int:
    try:
        wanted = int(number or 1)
    except (TypeError, ValueError):
        wanted = 1
    return min(max(wanted, 1), num_pages)


def duplicate_page(network: Network, number: int | str | None = 1) -> DuplicatePage:
    """The open suggestions of page `number` (a bad or out-of-range number
    gives the nearest page), each side summarized like a People row."""
    total = merging.count_open_suggestions(network)
    num_pages = max(1, -(-total // PAGE_SIZE))
    page = _page_number(number, num_pages)
    suggestions = (
        merging.open_suggestion_page(
            network, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE
        )
        if total
        else []
    )
    people = [person for s in suggestions for person in (s.a, s.b)]
    summaries = {summary.id: summary for summary in person_summaries(network, people)}
    pairs = [
        DuplicatePair(
            id=s.id,
            reasons=s.reasons,
            source=SHORT_LABELS.get(s.source, s.source),
            left=summaries[s.a.pk],
            right=summaries[s.b.pk],
        )
        for s in suggestions
    ]
    return DuplicatePage(pairs=pairs, number=page, num_pages=num_pages, total=total)
