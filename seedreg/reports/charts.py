"""Charts drawn on the server as SVG, so the same chart shows on the page without JavaScript,
prints in the PDF and reads at 360 px: a viewBox 360 units wide scaled to the width (text stays
about 12 px on a phone), each figure's number written beside its bar and each series filled
with its own pattern (grey print tells them apart without colour), every bar a link to the
list behind it, and a <title> naming the chart. The svg is a labelled group, not an image:
an image's children are hidden from assistive technology, and the bars' links must not be.
Pure: data in, markup out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape

WIDTH = 360
FONT = 13
# Fills told apart in grey print: solid, hatched, dotted, cross-hatched, light.
PATTERNS = ("solid", "hatch", "dots", "cross", "light")


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    link: str = ""


@dataclass(frozen=True)
class Stack:
    """One stacked bar: a value per series (in the chart's series order) and a link per part."""

    label: str
    values: tuple[int, ...]
    links: tuple[str, ...] = field(default=())

    @property
    def total(self) -> int:
        return sum(self.values)


def _defs(ident: str) -> str:
    p = f"{ident}-p"
    return (
        "<defs>"
        f'<pattern id="{p}1" width="6" height="6" patternUnits="userSpaceOnUse">'
        '<rect width="6" height="6" fill="#fff"/>'
        '<path d="M0 6L6 0" stroke="#333" stroke-width="1.5"/></pattern>'
        f'<pattern id="{p}2" width="5" height="5" patternUnits="userSpaceOnUse">'
        '<rect width="5" height="5" fill="#fff"/><circle cx="2.5" cy="2.5" r="1.3" fill="#333"/>'
        "</pattern>"
        f'<pattern id="{p}3" width="6" height="6" patternUnits="userSpaceOnUse">'
        '<rect width="6" height="6" fill="#fff"/>'
        '<path d="M0 0L6 6M0 6L6 0" stroke="#333" stroke-width="1"/></pattern>'
        "</defs>"
    )


def fill(ident: str, series: int) -> str:
    """The fill of the ``series``-th series: solid, then patterns, then a light grey."""
    kind = PATTERNS[series % len(PATTERNS)]
    if kind == "solid":
        return "#2f5d8a"
    if kind == "light":
        return "#c8d3de"
    return f"url(#{ident}-p{PATTERNS.index(kind)})"


def _open(ident: str, title: str, height: int) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="group" '
        f'aria-labelledby="{ident}-t" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" font-size="{FONT}">'
        f'<title id="{ident}-t">{escape(title)}</title>{_defs(ident)}'
    )


def _link(href: str, inner: str, name: str) -> str:
    if not href:
        return inner
    return f'<a href="{escape(href)}" aria-label="{escape(name)}">{inner}</a>'


def _scale(largest: int, room: float) -> float:
    return room / largest if largest > 0 else 0.0


def hbars(ident: str, title: str, bars: Sequence[Bar]) -> str:
    """Horizontal bars: the label above each bar (long Chinese names need the whole width),
    the number at the bar's end."""
    row = 34
    height = max(row * len(bars) + 8, 30)
    room = WIDTH - 60
    k = _scale(max((b.value for b in bars), default=0), room)
    parts = [_open(ident, title, height)]
    if not bars:
        parts.append(f'<text x="0" y="20">{escape("暂无数据")}</text>')
    for i, b in enumerate(bars):
        y = i * row
        length = max(b.value * k, 1.0 if b.value else 0.0)
        inner = (
            f'<text x="0" y="{y + 12}">{escape(b.label)}</text>'
            f'<rect x="0" y="{y + 16}" width="{length:.1f}" height="12" fill="{fill(ident, 0)}" '
            f'stroke="#333" stroke-width="0.5"/>'
            f'<text x="{length + 4:.1f}" y="{y + 26}" font-weight="bold">{b.value}</text>'
        )
        parts.append(_link(b.link, inner, f"{b.label}：{b.value}"))
    parts.append("</svg>")
    return "".join(parts)


def stacked(ident: str, title: str, series: Sequence[str], stacks: Sequence[Stack]) -> str:
    """Horizontal stacked bars with a legend of the series' fills; each part is written with
    its number when wide enough, and the bar's total at its end."""
    legend_rows = (len(series) + 2) // 3
    top = legend_rows * 18 + 4
    row = 34
    height = top + max(row * len(stacks), 24) + 4
    room = WIDTH - 60
    k = _scale(max((s.total for s in stacks), default=0), room)
    parts = [_open(ident, title, height)]
    for i, name in enumerate(series):
        lx, ly = (i % 3) * 120, (i // 3) * 18
        parts.append(
            f'<rect x="{lx}" y="{ly + 2}" width="12" height="12" fill="{fill(ident, i)}" '
            f'stroke="#333" stroke-width="0.5"/>'
            f'<text x="{lx + 16}" y="{ly + 12}">{escape(name)}</text>'
        )
    if not stacks:
        parts.append(f'<text x="0" y="{top + 16}">{escape("暂无数据")}</text>')
    for j, s in enumerate(stacks):
        y = top + j * row
        parts.append(f'<text x="0" y="{y + 12}">{escape(s.label)}</text>')
        x = 0.0
        for i, value in enumerate(s.values):
            if not value:
                continue
            w = value * k
            name = series[i] if i < len(series) else ""
            inner = (
                f'<rect x="{x:.1f}" y="{y + 16}" width="{w:.1f}" height="14" '
                f'fill="{fill(ident, i)}" stroke="#333" stroke-width="0.5"/>'
            )
            if w >= 22:  # the part's number on a white tag: readable on any fill, in grey
                inner += (
                    f'<rect x="{x + w / 2 - 9:.1f}" y="{y + 18}" width="18" height="10" '
                    f'fill="#fff"/><text x="{x + w / 2:.1f}" y="{y + 27}" '
                    f'text-anchor="middle" font-size="10">{value}</text>'
                )
            link = s.links[i] if i < len(s.links) else ""
            parts.append(_link(link, inner, f"{s.label} {name}：{value}"))
            x += w
        parts.append(f'<text x="{x + 4:.1f}" y="{y + 28}" font-weight="bold">{s.total}</text>')
    parts.append("</svg>")
    return "".join(parts)


def columns(ident: str, title: str, bars: Sequence[Bar]) -> str:
    """Monthly columns, oldest on the left: the number above each column, the month (MM)
    below it, the year under the first column of each year."""
    height, base, room = 150, 112, 90
    step = WIDTH / max(len(bars), 1)
    k = _scale(max((b.value for b in bars), default=0), room)
    parts = [_open(ident, title, height)]
    parts.append(f'<line x1="0" y1="{base}" x2="{WIDTH}" y2="{base}" stroke="#333"/>')
    seen_years: set[str] = set()
    for i, b in enumerate(bars):
        x = i * step
        h = max(b.value * k, 1.0 if b.value else 0.0)
        w = step * 0.7
        cx = x + step / 2
        inner = (
            f'<rect x="{x + step * 0.15:.1f}" y="{base - h:.1f}" width="{w:.1f}" height="{h:.1f}" '
            f'fill="{fill(ident, 0)}" stroke="#333" stroke-width="0.5"/>'
            f'<text x="{cx:.1f}" y="{base - h - 3:.1f}" text-anchor="middle" font-size="10">'
            f"{b.value}</text>"
        )
        parts.append(_link(b.link, inner, f"{b.label}：{b.value}"))
        year, _, month = b.label.partition("-")
        parts.append(
            f'<text x="{cx:.1f}" y="{base + 14}" text-anchor="middle" font-size="10">'
            f"{escape(month or year)}</text>"
        )
        if month and year not in seen_years:
            seen_years.add(year)
            parts.append(
                f'<text x="{x + 2:.1f}" y="{base + 30}" font-size="10">{escape(year)}年</text>'
            )
    parts.append("</svg>")
    return "".join(parts)
