"""The month-keyed counts the period report needs beyond the dashboard's: licences issued and
ended (注销, 吊销, 撤销) by the month of the act, cases opened and decided by month. Grouped,
read-only, run by the refresh only (fed by the ``licence`` and ``case`` audit subjects)."""

from __future__ import annotations

from datetime import date

from seedreg.cases.tables import Case
from seedreg.core.db import fetch
from seedreg.licensing.licence_terms import LicenceStatus
from seedreg.licensing.tables import Licence
from seedreg.reports.rules import Metric, Row
from seedreg.reports.sql import c, month_of_day, rows, t

# an ended licence is counted in the month its status changed (the 注销/吊销/撤销 decision)
ENDED = (LicenceStatus.CANCELLED.value, LicenceStatus.REVOKED.value, LicenceStatus.ANNULLED.value)


async def licence_months(today: date) -> list[Row]:
    div, issued = c(Licence.division_code), month_of_day(c(Licence.issued_on))
    granted = await fetch(
        f"SELECT {div} AS division, {issued} AS period, 'issued' AS k, COUNT(*) AS n "  # noqa: S608 (names from table classes)
        f"FROM {t(Licence)} WHERE {c(Licence.recorded_only)} = {{}} GROUP BY {div}, {issued}",
        False,
    )
    status, changed = c(Licence.status), c(Licence.status_changed_on)
    marks = ", ".join("{}" for _ in ENDED)
    ended = await fetch(
        f"SELECT {div} AS division, {month_of_day(changed)} AS period, {status} AS k, "  # noqa: S608 (names from table classes)
        f"COUNT(*) AS n FROM {t(Licence)} WHERE {status} IN ({marks}) AND {changed} IS NOT NULL "
        f"GROUP BY {div}, {month_of_day(changed)}, {status}",
        *ENDED,
    )
    return rows(Metric.LICENCE_MONTH, granted) + rows(Metric.LICENCE_MONTH, ended)


async def case_months(today: date) -> list[Row]:
    div, opened, decided = c(Case.division_code), c(Case.opened_on), c(Case.decided_on)
    found = await fetch(
        f"SELECT {div} AS division, {month_of_day(opened)} AS period, 'opened' AS k, "  # noqa: S608 (names from table classes)
        f"COUNT(*) AS n FROM {t(Case)} GROUP BY {div}, {month_of_day(opened)}"
    )
    done = await fetch(
        f"SELECT {div} AS division, {month_of_day(decided)} AS period, 'decided' AS k, "  # noqa: S608 (names from table classes)
        f"COUNT(*) AS n FROM {t(Case)} WHERE {decided} IS NOT NULL "
        f"GROUP BY {div}, {month_of_day(decided)}"
    )
    return rows(Metric.CASE_MONTH, found) + rows(Metric.CASE_MONTH, done)
