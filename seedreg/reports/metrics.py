"""The grouped, read-only queries a refresh runs over the owners' tables. Table and column names
come from the owners' table classes, so a renamed column breaks here loudly rather than counting
nothing. Run by the refresh job, never by a page: each scans its table once, grouped."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, timedelta

from seedreg.cases.tables import Case
from seedreg.core.db import fetch
from seedreg.inspections.followup_rules import FollowUpState
from seedreg.inspections.tables import CheckFinding, FieldCheck, FollowUp
from seedreg.labels.tables import CloneFlag, Label, LabelScan
from seedreg.licensing.licence_terms import LicenceStatus
from seedreg.licensing.tables import Licence
from seedreg.lots.tables import Lot
from seedreg.matters.tables import Application
from seedreg.reports import metrics_more, period_metrics, publication
from seedreg.reports.rules import EXPIRING_DAYS, Family, Metric, Row
from seedreg.reports.sql import c as _c
from seedreg.reports.sql import month_of_day as _month_of_day
from seedreg.reports.sql import month_of_instant as _month_of_instant
from seedreg.reports.sql import rows as _rows
from seedreg.reports.sql import t as _t


async def licences(today: date) -> list[Row]:
    div, status = _c(Licence.division_code), _c(Licence.status)
    by_status = await fetch(
        f"SELECT {div} AS division, {status} AS k, COUNT(*) AS n FROM {_t(Licence)} "  # noqa: S608 (names from table classes)
        f"GROUP BY {div}, {status}"
    )
    valid_to = _c(Licence.valid_to)
    expiring = await fetch(
        f"SELECT {div} AS division, 'expiring' AS k, COUNT(*) AS n FROM {_t(Licence)} "  # noqa: S608 (names from table classes)
        f"WHERE {status} = {{}} AND {valid_to} >= {{}} AND {valid_to} <= {{}} GROUP BY {div}",
        LicenceStatus.VALID.value,
        today,
        today + timedelta(days=EXPIRING_DAYS),
    )
    return _rows(Metric.LICENCE_STATUS, by_status) + _rows(Metric.LICENCE_EXPIRING, expiring)


async def applications(today: date) -> list[Row]:
    a = Application
    div, matter, status = _c(a.division_code), _c(a.matter), _c(a.status)
    steps = await fetch(
        f"SELECT {div} AS division, {matter} || ':' || {status} AS k, COUNT(*) AS n "  # noqa: S608 (names from table classes)
        f"FROM {_t(a)} GROUP BY {div}, {matter}, {status}"
    )
    # a bureau that only reviews is done when it forwards (as matters.ratings.compliance counts)
    decided = f"COALESCE({_c(a.forwarded_on)}, {_c(a.decided_on)})"
    due = _c(a.statutory_due)
    month = _month_of_day(decided)
    in_time = (
        f"SELECT {div} AS division, {month} AS period, "  # noqa: S608 (names from table classes)
        f"CASE WHEN {decided} <= {due} THEN 'on_time' ELSE 'late' END AS k, COUNT(*) AS n "
        f"FROM {_t(a)} WHERE {decided} IS NOT NULL AND {due} IS NOT NULL "
        f"GROUP BY {div}, {month}, CASE WHEN {decided} <= {due} THEN 'on_time' ELSE 'late' END"
    )
    accepted = _c(a.accepted_on)
    deemed = (
        f"SELECT {div} AS division, {_month_of_day(accepted)} AS period, 'deemed' AS k, "  # noqa: S608 (names from table classes)
        f"COUNT(*) AS n FROM {_t(a)} WHERE {_c(a.acceptance_deemed)} = {{}} "
        f"AND {accepted} IS NOT NULL GROUP BY {div}, {_month_of_day(accepted)}"
    )
    return (
        _rows(Metric.APPLICATION_STEP, steps)
        + _rows(Metric.APPLICATION_DEADLINE, await fetch(in_time))
        + _rows(Metric.APPLICATION_DEADLINE, await fetch(deemed, True))
    )


async def lots(today: date) -> list[Row]:
    div, species = _c(Lot.division_code, "l"), _c(Lot.species, "l")
    lot_month = _month_of_instant(_c(Lot.created_at, "l"))
    made = await fetch(
        f"SELECT {div} AS division, {lot_month} AS period, {species} AS k, COUNT(*) AS n "  # noqa: S608 (names from table classes)
        f"FROM {_t(Lot)} l GROUP BY {div}, {lot_month}, {species}"
    )
    label_month = _month_of_day(_c(Label.issued_on, "b"))
    labelled = await fetch(
        f"SELECT {div} AS division, {label_month} AS period, {species} AS k, COUNT(*) AS n "  # noqa: S608 (names from table classes)
        f"FROM {_t(Label)} b JOIN {_t(Lot)} l ON l.{_c(Lot.id)} = {_c(Label.lot, 'b')} "
        f"GROUP BY {div}, {label_month}, {species}"
    )
    return _rows(Metric.LOT_MONTH, made) + _rows(Metric.LABEL_MONTH, labelled)


async def scans(today: date) -> list[Row]:
    div, species = _c(Lot.division_code, "l"), _c(Lot.species, "l")
    month = _month_of_instant(_c(LabelScan.scanned_at, "s"))
    found = await fetch(
        f"SELECT {div} AS division, {month} AS period, {species} AS k, COUNT(*) AS n "  # noqa: S608 (names from table classes)
        f"FROM {_t(LabelScan)} s JOIN {_t(Lot)} l ON l.{_c(Lot.id)} = {_c(LabelScan.lot, 's')} "
        f"GROUP BY {div}, {month}, {species}"
    )
    return _rows(Metric.SCAN_MONTH, found)


async def scan_mark() -> int:
    """The newest look-up's id: scans are not audited, so this says whether any arrived."""
    found = await fetch(f"SELECT MAX({_c(LabelScan.id)}) AS m FROM {_t(LabelScan)}")  # noqa: S608 (names from table classes)
    return int(found[0]["m"] or 0) if found else 0


async def clone_flags(today: date) -> list[Row]:
    div, status = _c(CloneFlag.division_code), _c(CloneFlag.status)
    found = await fetch(
        f"SELECT {div} AS division, {status} AS k, COUNT(*) AS n FROM {_t(CloneFlag)} "  # noqa: S608 (names from table classes)
        f"GROUP BY {div}, {status}"
    )
    return _rows(Metric.CLONE_FLAG_STATUS, found)


async def inspections(today: date) -> list[Row]:
    div, code = _c(FieldCheck.division_code, "c"), _c(CheckFinding.code, "f")
    month = _month_of_instant(_c(FieldCheck.started_at, "c"))
    findings = await fetch(
        f"SELECT {div} AS division, {month} AS period, {code} AS k, COUNT(*) AS n "  # noqa: S608 (names from table classes)
        f"FROM {_t(CheckFinding)} f JOIN {_t(FieldCheck)} c "
        f"ON c.{_c(FieldCheck.id)} = {_c(CheckFinding.field_check, 'f')} "
        f"GROUP BY {div}, {month}, {code}"
    )
    # the same test as followup_rules.overdue: still pending and its deadline passed
    fdiv = _c(FollowUp.division_code)
    overdue = await fetch(
        f"SELECT {fdiv} AS division, 'overdue' AS k, COUNT(*) AS n FROM {_t(FollowUp)} "  # noqa: S608 (names from table classes)
        f"WHERE {_c(FollowUp.state)} = {{}} AND {_c(FollowUp.due_on)} < {{}} GROUP BY {fdiv}",
        FollowUpState.PENDING.value,
        today,
    )
    return _rows(Metric.FINDING_ITEM, findings) + _rows(Metric.RECTIFICATION_OVERDUE, overdue)


async def cases(today: date) -> list[Row]:
    div, stage = _c(Case.division_code), _c(Case.stage)
    found = await fetch(
        f"SELECT {div} AS division, {stage} AS k, COUNT(*) AS n FROM {_t(Case)} "  # noqa: S608 (names from table classes)
        f"GROUP BY {div}, {stage}"
    )
    return _rows(Metric.CASE_STAGE, found)


COUNTERS: dict[Family, Callable[[date], Awaitable[list[Row]]]] = {
    Family.LICENCES: licences,
    Family.APPLICATIONS: applications,
    Family.LOTS: lots,
    Family.SCANS: scans,
    Family.CLONE_FLAGS: clone_flags,
    Family.INSPECTIONS: inspections,
    Family.CASES: cases,
    Family.PUBLICATION: publication.counts,
    Family.LICENCE_MONTHS: period_metrics.licence_months,
    Family.CASE_MONTHS: period_metrics.case_months,
    Family.INTRODUCTIONS: metrics_more.introductions,
    Family.CONSIGNMENTS: metrics_more.consignments,
    Family.NURSERIES: metrics_more.nurseries,
}
