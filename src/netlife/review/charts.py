"""The review's charts, drawn by matplotlib as SVG to sit inline in one HTML file.

Figures are built with matplotlib's object API (`Figure`), never pyplot, so
no GUI backend is ever chosen and nothing global is left behind; saving to
SVG picks matplotlib's own SVG renderer. Text is written as glyph outlines
(`svg.fonttype: path`) so the charts look the same without any font
installed, and ids are salted with a fixed string so that the same review
draws the same bytes.

Charts take numbers, dates and fixed words only, never names or titles the
user typed: their SVG is inserted into the page unescaped (see `to_inline`),
so keeping user text out of them is what makes that safe.

`to_inline` turns matplotlib's standalone SVG document into an element for
an HTML page: no XML prolog or DOCTYPE (which name w3.org addresses), no
namespace declarations (HTML parsers put <svg> in its namespace anyway),
no comments, ids prefixed per chart so that two charts never share one,
and a <title> with role="img" for screen readers.

`without_inline_css` makes such an element fit a page whose
Content-Security-Policy forbids inline style (`style-src 'self'`, as the
web UI's does): matplotlib writes its colours and line styles as `style`
attributes and one `<style>` rule, which that policy blocks; the same
properties as SVG presentation attributes are not style and draw the same.

matplotlib's style settings are process-wide, so drawing takes a lock:
the web server draws on several threads at once.

A chart is a function of its numbers and words only, and matplotlib takes
50 to 300 ms to draw one, so the last few charts of each kind are kept in
memory, keyed by everything they are drawn from: a page asked for again
with the same numbers (every load until the data changes) gets the same
bytes without drawing.
"""

import functools
import io
import math
import re
import threading
from collections.abc import Mapping, Sequence
from html import escape
from typing import Final

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator
from matplotlib.typing import RcKeyType

# Okabe-Ito colours: told apart with the common colour-vision deficiencies.
KIND_COLOURS: Final = {
    "give": "#009E73",
    "catch-up": "#56B4E9",
    "advice": "#E69F00",
    "ask": "#D55E00",
    "received": "#CC79A7",
}
GIVE_COLOUR: Final = "#009E73"
ASK_COLOUR: Final = "#D55E00"
LINE_COLOUR: Final = "#0072B2"
FUNNEL_COLOUR: Final = "#1f6f5c"
MUTED: Final = "#5b676e"
_MAX_TICK_LABELS: Final = 9
_STYLE: Final[dict[RcKeyType, str | int | bool]] = {
    "svg.fonttype": "path",
    "svg.hashsalt": "netlife-review",
    "font.family": "DejaVu Sans",  # ships with matplotlib
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": MUTED,
    "axes.labelcolor": "#1c2326",
    "xtick.color": MUTED,
    "ytick.color": MUTED,
}
# matplotlib's defaults for these carry its version and the time of drawing.
_NO_METADATA: Final[dict[str, str | None]] = {
    "Creator": None,
    "Date": None,
    "Format": None,
    "Type": None,
}
# rc_context changes matplotlib's global settings and restores them on the
# way out: two threads drawing at once would each draw in the other's.
_DRAWING: Final = threading.Lock()
# Charts of each kind kept once drawn: a few reviews' worth (a 52-week chart
# is about 100 kB of SVG).
_KEPT: Final = 16


def _figure(height: float = 2.8) -> tuple[Figure, Axes]:
    figure = Figure(figsize=(7.2, height), layout="constrained")
    figure.patch.set_facecolor("#ffffff")
    return figure, figure.add_subplot()


def _week_axis(axes: Axes, labels: Sequence[str], split: int) -> None:
    """Week labels under the bars (thinned out), and a line between periods."""
    step = max(1, math.ceil(len(labels) / _MAX_TICK_LABELS))
    positions = list(range(len(labels)))
    axes.set_xticks(positions[::step], [labels[i] for i in positions[::step]])
    axes.set_xlim(-0.6, len(labels) - 0.4)
    if 0 < split < len(labels):
        axes.axvline(split - 0.5, color=MUTED, linestyle="--", linewidth=0.8)
        for text, offset, align in (("before", -4, "right"), ("reviewed", 4, "left")):
            axes.annotate(
                text,
                xy=(split - 0.5, 1.0),
                xycoords=("data", "axes fraction"),
                xytext=(offset, -2),
                textcoords="offset points",
                ha=align,
                va="top",
                color=MUTED,
                fontsize=8,
            )


def _whole_numbers(axes: Axes) -> None:
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))


def touches_chart(
    labels: Sequence[str],
    touches: Sequence[Mapping[str, int]],
    split: int,
    *,
    title: str,
) -> str:
    """Stacked bars: each week's touches, one colour per intent."""
    by_kind = tuple(
        tuple(week.get(kind, 0) for week in touches) for kind in KIND_COLOURS
    )
    return _touches_chart(tuple(labels), by_kind, split, title)


@functools.lru_cache(maxsize=_KEPT)
def _touches_chart(
    labels: tuple[str, ...],
    by_kind: tuple[tuple[int, ...], ...],
    split: int,
    title: str,
) -> str:
    with _DRAWING, matplotlib.rc_context(_STYLE):
        figure, axes = _figure()
        _touches(axes, labels, by_kind, split)
        return to_inline(figure, chart_id="touches-chart", title=title)


def _touches(
    axes: Axes,
    labels: Sequence[str],
    by_kind: Sequence[Sequence[int]],  # in KIND_COLOURS order, a count per week
    split: int,
) -> None:
    bottoms = [0] * len(labels)
    positions = range(len(labels))
    for (kind, colour), heights in zip(KIND_COLOURS.items(), by_kind, strict=True):
        axes.bar(
            positions, heights, bottom=bottoms, color=colour, label=kind, width=0.7
        )
        bottoms = [b + h for b, h in zip(bottoms, heights, strict=True)]
    axes.set_ylim(0, max(1, *bottoms) * 1.15)
    axes.set_ylabel("touches")
    _whole_numbers(axes)
    _week_axis(axes, labels, split)
    axes.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)


def balance_chart(
    labels: Sequence[str],
    gives: Sequence[int],
    asks: Sequence[int],
    split: int,
    *,
    title: str,
) -> str:
    """Two lines: gives and asks, week by week."""
    return _balance_chart(tuple(labels), tuple(gives), tuple(asks), split, title)


@functools.lru_cache(maxsize=_KEPT)
def _balance_chart(
    labels: tuple[str, ...],
    gives: tuple[int, ...],
    asks: tuple[int, ...],
    split: int,
    title: str,
) -> str:
    with _DRAWING, matplotlib.rc_context(_STYLE):
        figure, axes = _figure()
        _balance(axes, labels, gives, asks, split)
        return to_inline(figure, chart_id="balance-chart", title=title)


def _balance(
    axes: Axes,
    labels: Sequence[str],
    gives: Sequence[int],
    asks: Sequence[int],
    split: int,
) -> None:
    positions = range(len(labels))
    axes.plot(positions, gives, marker="o", color=GIVE_COLOUR, label="gives")
    axes.plot(
        positions, asks, marker="s", linestyle="--", color=ASK_COLOUR, label="asks"
    )
    axes.set_ylim(0, max(1, *gives, *asks) * 1.2)
    axes.set_ylabel("interactions")
    _whole_numbers(axes)
    _week_axis(axes, labels, split)
    axes.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)


def cadence_chart(
    labels: Sequence[str], shares: Sequence[float | None], split: int, *, title: str
) -> str:
    """A line: the share of tracked ties within cadence at each week's end."""
    return _cadence_chart(tuple(labels), tuple(shares), split, title)


@functools.lru_cache(maxsize=_KEPT)
def _cadence_chart(
    labels: tuple[str, ...], shares: tuple[float | None, ...], split: int, title: str
) -> str:
    with _DRAWING, matplotlib.rc_context(_STYLE):
        figure, axes = _figure()
        _cadence(axes, labels, shares, split)
        return to_inline(figure, chart_id="cadence-chart", title=title)


def _cadence(
    axes: Axes, labels: Sequence[str], shares: Sequence[float | None], split: int
) -> None:
    percents = [math.nan if s is None else 100 * s for s in shares]
    axes.plot(range(len(labels)), percents, marker="o", color=LINE_COLOUR)
    axes.set_ylim(0, 105)
    axes.set_ylabel("% within cadence")
    _week_axis(axes, labels, split)


def funnel_chart(stages: Sequence[str], reached: Sequence[int], *, title: str) -> str:
    """Horizontal bars: how many leads reached each stage, first stage on top."""
    return _funnel_chart(tuple(stages), tuple(reached), title)


@functools.lru_cache(maxsize=_KEPT)
def _funnel_chart(stages: tuple[str, ...], reached: tuple[int, ...], title: str) -> str:
    with _DRAWING, matplotlib.rc_context(_STYLE):
        figure, axes = _figure(height=2.4)
        _funnel(axes, stages, reached)
        return to_inline(figure, chart_id="funnel-chart", title=title)


def _funnel(axes: Axes, stages: Sequence[str], reached: Sequence[int]) -> None:
    positions = range(len(stages))
    bars = axes.barh(positions, reached, color=FUNNEL_COLOUR, height=0.6)
    axes.bar_label(bars, padding=3, color="#1c2326")
    axes.set_yticks(list(positions), list(stages))
    axes.invert_yaxis()
    axes.set_xlim(0, max(1, *reached) * 1.15)
    axes.set_xlabel("leads that reached the stage")
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))


_PROLOG = re.compile(r"\A.*?(?=<svg[\s>])", re.DOTALL)
_NAMESPACES = re.compile(r'\s+xmlns(?::\w+)?="[^"]*"')
_COMMENTS = re.compile(r"<!--.*?-->", re.DOTALL)


def to_inline(figure: Figure, *, chart_id: str, title: str) -> str:
    """The figure as an <svg> element for an HTML page, labelled by `title`.

    Call it inside the style the figure was drawn in (its SVG settings are
    read while saving). `chart_id` must be a plain identifier (letters,
    digits, hyphens) unique in the page; `title` is escaped here.
    """
    if not re.fullmatch(r"[A-Za-z][\w-]*", chart_id):
        raise ValueError(f"not a usable chart id: {chart_id!r}")
    out = io.StringIO()
    figure.savefig(out, format="svg", metadata=_NO_METADATA)
    svg = _PROLOG.sub("", out.getvalue(), count=1)
    svg = _NAMESPACES.sub("", svg)
    svg = _COMMENTS.sub("", svg)
    svg = svg.replace("xlink:href=", "href=")
    svg = svg.replace(' id="', f' id="{chart_id}-')
    svg = svg.replace('href="#', f'href="#{chart_id}-')
    svg = svg.replace("url(#", f"url(#{chart_id}-")
    title_id = f"{chart_id}-title"
    return svg.replace(
        "<svg ",
        f'<svg role="img" aria-labelledby="{title_id}" class="chart" ',
        1,
    ).replace(
        ">",
        f'>\n <title id="{title_id}">{escape(title)}</title>',
        1,
    )


# The CSS properties matplotlib writes, all of which SVG also takes as
# presentation attributes (which a strict style-src does not govern).
_PRESENTATION_ATTRIBUTES: Final = frozenset(
    {
        "clip-rule",
        "fill",
        "fill-opacity",
        "fill-rule",
        "opacity",
        "stroke",
        "stroke-dasharray",
        "stroke-dashoffset",
        "stroke-linecap",
        "stroke-linejoin",
        "stroke-miterlimit",
        "stroke-opacity",
        "stroke-width",
    }
)
_STYLE_ELEMENT = re.compile(r"<style\b[^>]*>(?P<css>.*?)</style>\s*", re.DOTALL)
_UNIVERSAL_RULE = re.compile(r"\s*\*\s*\{(?P<declarations>[^{}]*)\}\s*")
_STYLE_ATTRIBUTE = re.compile(r'\sstyle="(?P<declarations>[^"]*)"')
_EMPTY_DEFS = re.compile(r"<defs>\s*</defs>\s*")


def _as_attributes(declarations: str) -> str:
    """`fill: #fff; stroke-width: 0.8` as ` fill="#fff" stroke-width="0.8"`.

    Raises ValueError for a property with no presentation attribute, so that
    a matplotlib that starts writing one fails the tests instead of drawing
    wrongly.
    """
    attributes = []
    for declaration in declarations.split(";"):
        if not declaration.strip():
            continue
        name, colon, value = (part.strip() for part in declaration.partition(":"))
        if not colon or name not in _PRESENTATION_ATTRIBUTES or '"' in value:
            raise ValueError(f"no presentation attribute for {declaration.strip()!r}")
        attributes.append(f' {name}="{value}"')
    return "".join(attributes)


@functools.lru_cache(maxsize=4 * _KEPT)
def without_inline_css(svg: str) -> str:
    """A `to_inline` chart with no `<style>` element and no `style` attribute.

    Each `style` attribute becomes the same properties as presentation
    attributes on its element; matplotlib's one stylesheet rule (`*{…}`,
    line joins and caps) moves onto the root <svg>, whose descendants
    inherit it unless they set their own, as they did under the rule.
    Raises ValueError on CSS it cannot carry over (see `_as_attributes`).
    Kept in memory like the charts (the same chart comes back as the same
    string, whose hash Python has already computed).
    """
    rules = [match.group("css") for match in _STYLE_ELEMENT.finditer(svg)]
    root = ""
    for css in rules:
        universal = _UNIVERSAL_RULE.fullmatch(css)
        if universal is None:
            raise ValueError(f"unexpected CSS in a chart: {css.strip()!r}")
        root += _as_attributes(universal.group("declarations"))
    svg = _STYLE_ELEMENT.sub("", svg)
    svg = _EMPTY_DEFS.sub("", svg)
    svg = _STYLE_ATTRIBUTE.sub(
        lambda match: _as_attributes(match.group("declarations")), svg
    )
    return svg.replace("<svg ", f"<svg{root} ", 1)
