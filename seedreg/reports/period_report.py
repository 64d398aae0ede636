"""The monthly and annual report of a jurisdiction: the period's figures per banner (or office)
and their total, in the fields the ``reports.report_fields`` setting lists, summed from the
stored monthly figures (one indexed query; nothing is counted from the owners' tables here),
with the period's charts."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from seedreg.accounts.rules import Actor, covers_division
from seedreg.accounts.scope import in_jurisdiction
from seedreg.core import clock
from seedreg.core import rulesettings as rs
from seedreg.core.errors import Forbidden
from seedreg.reference.authorities import AuthorityKind, names
from seedreg.reference.services import division_names
from seedreg.reports import charts, services
from seedreg.reports import report_fields as rf
from seedreg.reports import rules as r
from seedreg.reports.charts import Bar
from seedreg.reports.dashboard import Figure, refreshed_words
from seedreg.reports.rule_settings import REPORT_FIELDS
from seedreg.reports.tables import ReportFigure

TITLE = "兴安盟林木种苗统计"


@dataclass(frozen=True)
class Line:
    division_code: str
    name: str
    figures: dict[str, int]  # field key → the period's sum


@dataclass(frozen=True)
class PeriodReport:
    period: rf.Period
    division: str  # the banner chosen; "" for the whole area
    area_name: str
    authority: str  # the office the report is of (its forestry bureau's name)
    fields: list[rf.Field]
    lines: list[Line]
    total: dict[str, int]
    figures: list[Figure]
    refreshed_at: str
    banners: list[tuple[str, str]]  # the banner filter's choices (code, name)

    @property
    def title(self) -> str:
        return f"{TITLE}{self.period.kind_words}"


def chosen_period(text: str) -> rf.Period:
    """The period asked for; this month when none."""
    return rf.parse_period(text or r.last_months(clock.today(), 1)[0])


async def report(actor: Actor, period: str, division: str = "") -> PeriodReport:
    """The report of the actor's area (or one banner within it) for the period."""
    if not actor.is_official:
        raise Forbidden("统计报表供机关工作人员查看")
    own = actor.jurisdiction or ""
    if division and not (own and covers_division(own, division)):
        raise Forbidden("只能查看本辖区的统计")
    chosen = chosen_period(period)
    fields = rf.parse_field_list(str(await rs.value(REPORT_FIELDS)))
    rows = await _rows(actor, division, chosen, fields)
    per = rf.sum_fields(rows, fields, chosen.months)
    division_words = await division_names()
    area = division or own
    bureaus = await names(AuthorityKind.BUREAU)
    return PeriodReport(
        period=chosen,
        division=division,
        area_name=division_words.get(area, area),
        authority=bureaus.get(area) or division_words.get(area, area),
        fields=fields,
        lines=[Line(d, division_words.get(d, d), f) for d, f in sorted(per.items())],
        total=rf.total(per, fields),
        figures=_figures(rows, chosen, division_words),
        refreshed_at=await refreshed_words(),
        banners=sorted(
            (code, name)
            for code, name in division_words.items()
            if own and code != own and covers_division(own, code)
        ),
    )


async def _rows(
    actor: Actor, division: str, period: rf.Period, fields: list[rf.Field]
) -> list[r.Row]:
    # the lot species chart reads lots even when the setting leaves them out of the table
    metrics = sorted(m.value for m in rf.metrics_of(fields) | {r.Metric.LOT_MONTH})
    where = (
        in_jurisdiction(ReportFigure.division_code, actor)
        & ReportFigure.metric.is_in(metrics)
        & ReportFigure.period.is_in(list(period.months))
    )
    if division:
        where = where & (ReportFigure.division_code == division)
    return await services.stored_rows(where)


def _hbar(ident: str, title: str, bars: list[Bar]) -> Figure:
    bars = sorted((b for b in bars if b.value), key=lambda b: (-b.value, b.label))
    svg = Markup(charts.hbars(ident, title, bars))  # noqa: S704 - escaped by charts
    return Figure(ident, title, "", svg, bars, sum(b.value for b in bars))


def _figures(rows: list[r.Row], period: rf.Period, names: dict[str, str]) -> list[Figure]:
    """The period's charts: lots by species, handled applications by office and, for a year,
    lots and labels by month."""
    species = r.total_by_key(rows, r.Metric.LOT_MONTH)
    deadline = [x for x in rows if x.metric is r.Metric.APPLICATION_DEADLINE]
    handled = r.total_by([x for x in deadline if x.key != "deemed"], r.Metric.APPLICATION_DEADLINE,
                         "division_code")  # fmt: skip
    out = [
        _hbar("period-lots-species", f"{period.words}登记的批次（按树种）",
              [Bar(k, v, f"/lots?species={k}") for k, v in species.items()]),
        _hbar("period-handled", f"{period.words}办结的申请（按办理机关）",
              [Bar(names.get(d, d), v) for d, v in handled.items()]),
    ]  # fmt: skip
    if period.annual:
        for ident, metric, title in (
            ("period-lots-month", r.Metric.LOT_MONTH, "批次登记（按月）"),
            ("period-labels-month", r.Metric.LABEL_MONTH, "签发标签（按月）"),
        ):
            per = r.total_by(rows, metric, "period")
            bars = [Bar(m, per.get(m, 0)) for m in period.months]
            svg = Markup(charts.columns(ident, f"{period.words}{title}", bars))  # noqa: S704
            out.append(Figure(ident, f"{period.words}{title}", "", svg, bars, sum(per.values())))
    return out
