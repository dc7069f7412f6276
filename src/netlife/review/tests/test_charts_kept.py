"""Charts are drawn once per set of numbers and kept: the same numbers give the
same SVG without matplotlib drawing again."""

from collections.abc import Iterator

import pytest

from netlife.review import charts

LABELS = ["02 Jun", "09 Jun"]
TOUCHES = [{"give": 2, "ask": 1}, {"catch-up": 3}]
KEPT = (
    charts._touches_chart,
    charts._balance_chart,
    charts._cadence_chart,
    charts._funnel_chart,
)


@pytest.fixture
def drawings(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The chart ids matplotlib drew, from empty caches."""
    drawn: list[str] = []
    to_inline = charts.to_inline

    def counting(figure, *, chart_id: str, title: str) -> str:
        drawn.append(chart_id)
        return to_inline(figure, chart_id=chart_id, title=title)

    monkeypatch.setattr(charts, "to_inline", counting)
    for cache in KEPT:
        cache.cache_clear()
    yield drawn


def draw_all(title: str = "A chart.") -> list[str]:
    return [
        charts.touches_chart(LABELS, TOUCHES, 1, title=title),
        charts.balance_chart(LABELS, [2, 0], [1, 0], 1, title=title),
        charts.cadence_chart(LABELS, [0.5, None], 1, title=title),
        charts.funnel_chart(["lead", "offer"], [3, 1], title=title),
    ]


def test_the_same_numbers_are_drawn_once(drawings):
    first = draw_all()
    assert drawings == [
        "touches-chart",
        "balance-chart",
        "cadence-chart",
        "funnel-chart",
    ]
    again = draw_all()
    assert len(drawings) == 4
    assert all(a is b for a, b in zip(first, again, strict=True))


def test_other_numbers_or_words_are_drawn_anew(drawings):
    funnel = charts.funnel_chart(["lead", "offer"], [3, 1], title="Leads.")
    assert charts.funnel_chart(["lead", "offer"], [3, 2], title="Leads.") != funnel
    assert "Other words." in charts.funnel_chart(
        ["lead", "offer"], [3, 1], title="Other words."
    )
    touches = charts.touches_chart(LABELS, TOUCHES, 1, title="T.")
    assert charts.touches_chart(LABELS, [*TOUCHES[:1], {"give": 1}], 1, title="T.") != (
        touches
    )
    assert charts.touches_chart(LABELS, TOUCHES, 0, title="T.") != touches
    assert len(drawings) == 6


def test_a_kept_chart_is_the_one_its_numbers_draw(drawings):
    kept = draw_all()
    for cache in KEPT:
        cache.cache_clear()
    assert draw_all() == kept  # drawn again, byte for byte
    assert len(drawings) == 8


def test_changing_the_numbers_passed_in_leaves_the_kept_chart_alone(drawings):
    touches = [dict(week) for week in TOUCHES]
    chart = charts.touches_chart(LABELS, touches, 1, title="T.")
    touches[0]["give"] = 40
    assert charts.touches_chart(LABELS, TOUCHES, 1, title="T.") is chart
    assert charts.touches_chart(LABELS, touches, 1, title="T.") != chart


def test_the_page_form_of_a_kept_chart_is_kept_too(drawings):
    chart = charts.funnel_chart(["lead", "offer"], [3, 1], title="Leads.")
    inline = charts.without_inline_css(chart)
    assert charts.without_inline_css(chart) is inline
    assert "style=" not in inline
