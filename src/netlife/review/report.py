"""The review as one self-contained HTML page, with its charts inline.

`render_html` fills `review/report.html` (Django's autoescaping on, so
names and titles the user typed are shown as text, never run) with the
review's figures, a table under every chart holding the chart's numbers,
and the charts themselves as inline SVG from `charts`. The page links to
nothing: no stylesheet, script, font or image is fetched, so it can be
mailed, archived or opened offline and looks the same.

This module imports matplotlib (through `charts`), which is slow to load;
the CLI imports it only when asked for a page.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from netlife.core.errors import InvalidInput
from netlife.engines.funnel import PIPELINE
from netlife.review import charts
from netlife.review.queries import TOUCH_KINDS, Review


@dataclass(frozen=True, slots=True)
class WeekRow:
    """One week of the tables beside the charts."""

    label: str
    start: str
    end: str
    in_period: bool
    touches: list[int]  # in TOUCH_KINDS order
    total: int
    gives: int
    asks: int
    kept: int
    tracked: int
    share: str


def _label(start: Any) -> str:
    return f"{start:%d %b}"


def _percent(share: float | None) -> str:
    return "n/a" if share is None else f"{share:.0%}"


def _safe_svg(svg: str) -> SafeString:
    # Drawn by matplotlib from numbers, dates and fixed words only (no user
    # text reaches a chart), so there is nothing in it to escape.
    return mark_safe(svg)  # noqa: S308


def context(review: Review) -> dict[str, Any]:
    """What the template shows; every string the user typed is left unescaped
    here and escaped by the template."""
    weeks = review.by_week
    split = sum(not w.in_period for w in weeks)
    labels = [_label(w.week.start) for w in weeks]
    rows = [
        WeekRow(
            label=label,
            start=w.week.start.isoformat(),
            end=w.week.end.isoformat(),
            in_period=w.in_period,
            touches=[w.figures.touches[k] for k in TOUCH_KINDS],
            total=w.figures.total_touches,
            gives=w.figures.gives,
            asks=w.figures.asks,
            kept=w.figures.kept,
            tracked=w.figures.tracked,
            share=_percent(w.figures.kept_share),
        )
        for label, w in zip(labels, weeks, strict=True)
    ]
    span = f"{weeks[0].week.start} to {weeks[-1].week.end}"
    pipeline = [s for s in review.funnel.stages if s.stage in PIPELINE]
    return {
        "review": review,
        "weeks_text": "1 week" if review.weeks == 1 else f"{review.weeks} weeks",
        "now": review.current,
        "before": review.before,
        "now_share": _percent(review.current.kept_share),
        "before_share": _percent(review.before.kept_share),
        "kinds": TOUCH_KINDS,
        "by_kind": [
            (kind, review.current.touches[kind], review.before.touches[kind])
            for kind in TOUCH_KINDS
        ],
        "rows": rows,
        "funnel": review.funnel.stages,
        "lead_events": sorted(
            review.opened + review.moved, key=lambda e: (e.on, e.stage != "lead")
        ),
        "touches_chart": _safe_svg(
            charts.touches_chart(
                labels,
                [w.figures.touches for w in weeks],
                split,
                title=f"Touches per week by intent, stacked, {span}.",
            )
        ),
        "balance_chart": _safe_svg(
            charts.balance_chart(
                labels,
                [w.figures.gives for w in weeks],
                [w.figures.asks for w in weeks],
                split,
                title=f"Gives and asks per week, {span}.",
            )
        ),
        "cadence_chart": _safe_svg(
            charts.cadence_chart(
                labels,
                [w.figures.kept_share for w in weeks],
                split,
                title=f"Share of tracked ties within cadence at each week's end, "
                f"{span}.",
            )
        ),
        "funnel_chart": _safe_svg(
            charts.funnel_chart(
                [s.stage for s in pipeline],
                [s.reached for s in pipeline],
                title="Leads funnel: how many leads reached each stage.",
            )
        ),
    }


def render_html(review: Review) -> str:
    """The review as one HTML document (see the module docstring)."""
    return render_to_string("review/report.html", context(review))


def write_html(review: Review, path: Path) -> None:
    """Write the review's page to `path`, replacing any file there.

    Raises InvalidInput, in one sentence, when the file cannot be written.
    """
    page = render_html(review)
    try:
        path.write_text(page, encoding="utf-8")
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise InvalidInput(f"Cannot write the review to {path}: {reason}.") from None
