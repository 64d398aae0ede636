"""The public publication (no login): per office and month, the figures the 好差评 rules require
published (国办发〔2019〕51号). Read from the stored summary only: counts per office, nothing
about any applicant or person."""

from __future__ import annotations

import re
from dataclasses import dataclass

from seedreg.core import clock
from seedreg.core.errors import RuleViolation
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
