"""The public publication (no login): per office and month, the figures the 好差评 rules require
published (国办发〔2019〕51号). Read from the stored summary only: counts per office, nothing
about any applicant or person; and the 双随机 draws held by each office in the month with
their results (counts only; the draws themselves are public at /inspections/draws)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from seedreg.core import clock
from seedreg.core.errors import RuleViolation
from seedreg.inspections import draws
from seedreg.reference.services import division_names
from seedreg.reports import rules as r
from seedreg.reports.tables import ReportFigure

MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


@dataclass(frozen=True)
class Office:
    division_code: str
    name: str
    figures: dict[str, int]  # key of rules.PUBLISHED → count


def chosen_month(month: str) -> str:
    """The month asked for (YYYY-MM), this month when none; a clear refusal otherwise."""
    if not month:
        return r.last_months(clock.today(), 1)[0]
    if not MONTH.match(month):
        raise RuleViolation("月份格式应为 2026-11", field="month")
    return month


async def offices(month: str) -> list[Office]:
    rows = await ReportFigure.select(
        ReportFigure.division_code, ReportFigure.key, ReportFigure.value
    ).where((ReportFigure.metric == r.Metric.PUBLICATION.value) & (ReportFigure.period == month))
    per: dict[str, dict[str, int]] = {}
    for x in rows:
        figures = per.setdefault(x["division_code"], {k: 0 for k, _ in r.PUBLISHED})
        if x["key"] in figures:
            figures[x["key"]] += int(x["value"])
    names = await division_names()
    return [Office(d, names.get(d, d), f) for d, f in sorted(per.items())]


# The 双随机 draws' figures per office and month (双随机一公开), in order, with their words.
DRAW_COLUMNS = (
    ("draws", "抽取次数"),
    ("targets", "抽中检查对象"),
    ("closed", "已完成检查"),
    ("with_findings", "发现问题"),
    ("without_findings", "未发现问题"),
)


async def draw_offices(month: str) -> list[Office]:
    """Per office, the draws held in the month (UTC+8) and their results so far: counts only
    (the draws themselves, with targets and inspectors, are public at /inspections/draws)."""
    year, number = int(month[:4]), int(month[5:])
    start = datetime(year, number, 1, tzinfo=clock.CHINA)
    end = datetime(year + number // 12, number % 12 + 1, 1, tzinfo=clock.CHINA)
    counts = await draws.month_counts(start, end)
    names = await division_names()
    return [Office(d, names.get(d, d), f) for d, f in sorted(counts.items())]
