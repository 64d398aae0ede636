"""One figure of a dashboard: its chart, the table beside it and its total; and the small
builders the dashboard modules share (a link with its filter, horizontal bars, months)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from markupsafe import Markup

from seedreg.core import clock
from seedreg.reports import charts
from seedreg.reports import rules as r
from seedreg.reports.charts import Bar, Stack


@dataclass(frozen=True)
class Figure:
    ident: str
    title: str
    note: str
    svg: Markup
    rows: list[Bar]  # the text table beside the chart (screen readers, print)
    total: int


def q(path: str, **params: str) -> str:
    chosen = {k: v for k, v in params.items() if v}
    return f"{path}?{urlencode(chosen)}" if chosen else path


def hbar(ident: str, title: str, note: str, bars: list[Bar]) -> Figure:
    bars = sorted(bars, key=lambda b: (-b.value, b.label))
    svg = Markup(charts.hbars(ident, title, bars))  # noqa: S704 - escaped by charts
    return Figure(ident, title, note, svg, bars, sum(b.value for b in bars))


def months(ident: str, title: str, note: str, per: dict[str, int], link: str) -> Figure:
    bars = [Bar(m, per.get(m, 0), link) for m in r.last_months(clock.today())]
    svg = Markup(charts.columns(ident, title, bars))  # noqa: S704 - escaped by charts
    return Figure(ident, title, note, svg, bars, sum(b.value for b in bars))


def stacked(ident: str, title: str, note: str, series: list[str], stacks: list[Stack]) -> Figure:
    """Stacked bars; the table holds a row per part ("label series"), linked as the part."""
    svg = Markup(charts.stacked(ident, title, series, stacks))  # noqa: S704 - escaped by charts
    table = [
        Bar(f"{s.label} {name}", value, s.links[i] if i < len(s.links) else "")
        for s in stacks
        for i, (name, value) in enumerate(zip(series, s.values, strict=True))
        if value
    ]
    return Figure(ident, title, note, svg, table, sum(b.value for b in table))
