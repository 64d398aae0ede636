"""The published figures per office (the handling bureau's division) and month, as the 好差评
rules require them published (国办发〔2019〕51号): matters handled and handled on time, those
sent back for 补正 and how many times, acceptances deemed (行政许可法 Art. 32), ratings, 差评 and
差评 answered by their follow-up day. Counts only: no applicant, no person, no comment."""

from __future__ import annotations

from datetime import date
from typing import Any

from seedreg.core.audit.tables import AuditEvent
from seedreg.core.db import fetch
from seedreg.matters.ratings import POOR
from seedreg.matters.tables import Application, Rating
from seedreg.reports.rules import FEEDS, Family, Metric, Row
from seedreg.reports.sql import c, day_of_instant, month_of_day, month_of_instant, t

SUPPLEMENT_ACTION = "application:request_supplement"  # matters.workflow's event of 一次性告知


def _split(found: list[dict[str, Any]], keys: tuple[str, ...]) -> list[Row]:
    """One row per key from a grouped row holding several counts."""
    return [
        Row(Metric.PUBLICATION, r["division"] or "", r["period"] or "", k, int(r[k] or 0))
        for r in found
        for k in keys
        if r["period"]
    ]


async def _handled() -> list[Row]:
    a = Application
    done = f"COALESCE({c(a.forwarded_on)}, {c(a.decided_on)})"  # as matters.ratings counts
    div, month, due = c(a.division_code), month_of_day(done), c(a.statutory_due)
    found = await fetch(
        f"SELECT {div} AS division, {month} AS period, COUNT(*) AS handled, "  # noqa: S608 (names from table classes)
        f"SUM(CASE WHEN {done} <= {due} THEN 1 ELSE 0 END) AS on_time FROM {t(a)} "
        f"WHERE {done} IS NOT NULL AND {due} IS NOT NULL GROUP BY {div}, {month}"
    )
    return _split(found, ("handled", "on_time"))


async def _supplements() -> list[Row]:
    a, e = Application, AuditEvent
    subjects = sorted(s for s, fs in FEEDS.items() if Family.PUBLICATION in fs)
    marks = ", ".join("{}" for _ in subjects)
    div, month = c(a.division_code, "a"), month_of_instant(c(e.occurred_at, "e"))
    found = await fetch(
        f"SELECT {div} AS division, {month} AS period, "  # noqa: S608 (names from table classes)
        f"COUNT(DISTINCT a.{c(a.id)}) AS supplemented, COUNT(*) AS rounds FROM {t(e)} e "
        f"JOIN {t(a)} a ON {c(e.subject_id, 'e')} = CAST(a.{c(a.id)} AS VARCHAR(64)) "
        f"WHERE {c(e.action, 'e')} = {{}} AND {c(e.subject_type, 'e')} IN ({marks}) "
        f"GROUP BY {div}, {month}",
        SUPPLEMENT_ACTION,
        *subjects,
    )
    return _split(found, ("supplemented", "rounds"))


async def _deemed() -> list[Row]:
    a = Application
    div, month = c(a.division_code), month_of_day(c(a.accepted_on))
    found = await fetch(
        f"SELECT {div} AS division, {month} AS period, COUNT(*) AS deemed FROM {t(a)} "  # noqa: S608 (names from table classes)
        f"WHERE {c(a.acceptance_deemed)} = {{}} AND {c(a.accepted_on)} IS NOT NULL "
        f"GROUP BY {div}, {month}",
        True,
    )
    return _split(found, ("deemed",))


async def _ratings() -> list[Row]:
    a, r = Application, Rating
    div, month = c(a.division_code, "a"), month_of_instant(c(r.rated_at, "r"))
    poor = f"{c(r.score, 'r')} <= {POOR}"
    answered = day_of_instant(c(r.answered_at, "r"))
    fixed = (
        f"{poor} AND {c(r.answered_at, 'r')} IS NOT NULL "
        f"AND {c(r.follow_up_due, 'r')} IS NOT NULL AND {answered} <= {c(r.follow_up_due, 'r')}"
    )
    found = await fetch(
        f"SELECT {div} AS division, {month} AS period, COUNT(*) AS ratings, "  # noqa: S608 (names from table classes)
        f"SUM(CASE WHEN {poor} THEN 1 ELSE 0 END) AS poor, "
        f"SUM(CASE WHEN {fixed} THEN 1 ELSE 0 END) AS poor_fixed "
        f"FROM {t(r)} r JOIN {t(a)} a ON a.{c(a.id)} = {c(r.application, 'r')} "
        f"GROUP BY {div}, {month}"
    )
    return _split(found, ("ratings", "poor", "poor_fixed"))


async def counts(today: date) -> list[Row]:
    return [*await _handled(), *await _supplements(), *await _deemed(), *await _ratings()]
