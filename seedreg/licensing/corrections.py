"""Corrected deadlines for pauses that were never lawful: a site check (行政许可法 Art. 34)
was once recorded as a pause, but Art. 45 excludes only 听证、招标、拍卖、检验、检测、检疫、
鉴定、专家评审.
The data migration of 2026-12-07 marks such pauses annulled with ``correction: pending``; this
daily job recomputes each application's deadline as if the pause had not been, tells the
applicant in writing (审查期限更正告知书) and notifies it. Idempotent: several workers may run
it; the UPDATE repeats what it read, so only one issues the notice."""

from __future__ import annotations

from datetime import date
from typing import Any

from seedreg.core import clock
from seedreg.core.audit.services import SYSTEM, record
from seedreg.core.db import fetch, transaction
from seedreg.core.workdays import WorkCalendar
from seedreg.licensing import notices, rules
from seedreg.licensing.common import of_licensing, save, with_licence, work_calendar
from seedreg.licensing.rules import Status
from seedreg.licensing.states import MATTER
from seedreg.matters import catalogue
from seedreg.matters.tables import Application
from seedreg.notifications.services import notify_organisation

PENDING = "pending"


async def _pending_rows() -> list[dict[str, Any]]:
    # JSON is compared as text on both engines; the exact marker is checked in Python.
    found = await fetch(
        "SELECT id FROM matter_application WHERE CAST(pauses AS TEXT) LIKE {}", "%correction%"
    )
    if not found:
        return []
    rows = await with_licence(
        await Application.select()
        .where(Application.id.is_in([r["id"] for r in found]) & of_licensing())
        .output(load_json=True)
    )
    return [r for r in rows if any(p.get("correction") == PENDING for p in r["pauses"] or [])]


def corrected_due(
    row: dict[str, Any],
    cal: WorkCalendar,
    on: date,
    limits: tuple[int, int] = (rules.DECISION_WORKDAYS, rules.EXTENSION_WORKDAYS),
) -> date | None:
    """The decision deadline counting only the lawful pauses (None if never accepted);
    ``limits``: the matter's statutory days and extension (``catalogue.decision_limits``)."""
    if row["accepted_on"] is None:
        return None
    return rules.decision_due(
        row["accepted_on"],
        cal,
        extended=row["extended"],
        pauses=rules.counted_pauses(row["pauses"] or []),
        on=on,
        limit=limits[0],
        extension=limits[1],
    )


async def _correct(
    row: dict[str, Any], cal: WorkCalendar, on: date, limits: tuple[int, int]
) -> bool:
    annulled = [p for p in row["pauses"] if p.get("correction") == PENDING]
    due = corrected_due(row, cal, on, limits)
    values: dict[str, Any] = {"statutory_due": due}
    if row["status"] == Status.ACCEPTED:  # only a running review has this as its next deadline
        values["due_on"] = due
    async with transaction():
        content = {
            "periods": [
                {"start": p["start"], "end": p["end"], "reason": p.get("reason", "")}
                for p in annulled
            ],
            "old_due": row["statutory_due"].isoformat() if row["statutory_due"] else None,
            "statutory_due": due.isoformat() if due else None,
            "basis": rules.PAUSE_BASIS,
        }
        notice = await notices.issue(SYSTEM, row, "pause_correction", content, on=on)
        pauses = [
            {**p, "correction": notice["number"]} if p.get("correction") == PENDING else p
            for p in row["pauses"]
        ]
        values["pauses"] = pauses
        values["updated_at"] = clock.now()
        # someone changed it meanwhile: roll back, the next run tries again
        if not await save(row["id"], values, updated_at=row["updated_at"]):
            raise _Changed
        await record(
            SYSTEM,
            "application:pause_annulled",
            "licence_application",
            row["id"],
            before={"statutory_due": content["old_due"]},
            after={**content, "notice": notice["number"]},
        )
        await notify_organisation(
            row["organisation"],
            "审查期限更正",
            f"申请{row['reference']}：现场核查不中止计算审查期限（{rules.PAUSE_BASIS}），"
            f"法定办结期限更正为{content['statutory_due']}。",
            f"/licensing/applications/{row['id']}",
        )
    return True


class _Changed(Exception):
    pass


async def correct_annulled_pauses(on: date) -> list[int]:
    """Issue every pending correction; returns the applications corrected by this call."""
    rows = await _pending_rows()
    if not rows:
        return []
    cal, limits = await work_calendar(), await catalogue.decision_limits(MATTER)
    corrected = []
    for row in rows:
        try:
            await _correct(row, cal, on, limits)
        except _Changed:
            continue
        corrected.append(row["id"])
    return corrected
