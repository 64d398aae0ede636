"""Open applications' stored deadlines counted again when the administrator changes the
working-day calendar (a year's 放假安排 and its 调休): registered with ``core.recount`` at app
start. Each moved row is written through the shared writer and audited with before/after."""

from __future__ import annotations

from typing import Any

from seedreg.core import clock
from seedreg.core.audit import services as audit
from seedreg.core.db import transaction
from seedreg.core.recount import CalendarChange
from seedreg.matters import applications as shared
from seedreg.matters import catalogue, rules
from seedreg.matters.inbox import audit_subject
from seedreg.matters.recount_rules import recounted_dates
from seedreg.matters.tables import Application

ACTION = "application:deadline_recounted"
BASIS = "行政许可法第八十二条：期限以工作日计算，按调整后的工作日历重新计算"


async def _open_rows(change: CalendarChange) -> list[dict[str, Any]]:
    """Open applications (they alone carry ``due_on``) with a deadline on or after the first
    changed year's 1 January: only those can have been counted through a changed day."""
    since = change.since
    reaches = (Application.due_on >= since) | (Application.statutory_due >= since)
    for name in ("promised_due", "issuing_due", "pending_due"):
        reaches |= getattr(Application, name) >= since
    rows = Application.select().where(Application.due_on.is_not_null() & reaches)
    return await rows.output(load_json=True)


async def recount_open(actor: audit.ActorLike, change: CalendarChange) -> int:
    """Recount every open application's deadlines; how many rows moved."""
    moved = 0
    today = clock.today()
    limits: dict[str, tuple[int, int]] = {}  # the catalogue's, read once per matter
    for row in await _open_rows(change):
        state = rules.flow(row["matter"]).states.get(row["status"])
        if row["matter"] not in limits:
            limits[row["matter"]] = await catalogue.decision_limits(row["matter"])
        limit, extension = limits[row["matter"]]
        new = recounted_dates(
            row,
            clock=state.clock if state else None,
            limit=limit,
            extension=extension,
            before=change.before,
            after=change.after,
            today=today,
        )
        if new and await _write(actor, row, new, change):
            moved += 1
    return moved


async def _write(
    actor: audit.ActorLike, row: dict[str, Any], new: dict[str, Any], change: CalendarChange
) -> bool:
    """Only if the row is still as read (an officer's step in between wins: it counted with
    the new calendar already)."""
    years = "、".join(str(y) for y in sorted(change.years))
    async with transaction():
        if not await shared.update(row["id"], new, updated_at=row["updated_at"]):
            return False
        await audit.record(
            actor,
            ACTION,
            audit_subject(row["matter"]),
            row["id"],
            before={k: row[k].isoformat() for k in new},
            after={
                **{k: v.isoformat() for k, v in new.items()},
                "calendar_years": years,
                "recount_basis": BASIS,
            },
        )
    return True
