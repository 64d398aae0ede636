"""Open questions' and complaints' answer days counted again when the administrator changes
the working-day calendar (their working days are local settings, counted with the calendar in
force: 兴署发〔2021〕5号 Arts. 36, 37; 行政许可法 Art. 82 for how working days are counted).
Registered with ``core.recount`` at app start; the same working days from the day it was asked
or received, each moved row audited with before/after."""

from __future__ import annotations

from typing import Any

from piccolo.table import Table

from seedreg.core.audit import services as audit
from seedreg.core.db import transaction
from seedreg.core.recount import CalendarChange, recounted
from seedreg.servicedesk.rules import ComplaintStatus, QuestionStatus
from seedreg.servicedesk.tables import Complaint, Question

OPEN_QUESTIONS = (QuestionStatus.OPEN, QuestionStatus.TAKEN)
OPEN_COMPLAINTS = (ComplaintStatus.OPEN, ComplaintStatus.ASSIGNED)


async def recount_open(actor: audit.ActorLike, change: CalendarChange) -> int:
    """Recount every open question's and complaint's answer day; how many moved."""
    moved = 0
    for table, origin, states, subject in (
        (Question, "asked_on", OPEN_QUESTIONS, "question"),
        (Complaint, "received_on", OPEN_COMPLAINTS, "complaint"),
    ):
        status, due_on = (
            table._meta.get_column_by_name("status"),
            table._meta.get_column_by_name("due_on"),
        )
        rows = await table.select().where(
            status.is_in([s.value for s in states]) & (due_on >= change.since)
        )
        for row in rows:
            new = recounted(row[origin], row["due_on"], change.before, change.after)
            if new != row["due_on"] and await _write(actor, table, subject, row, new, change):
                moved += 1
    return moved


async def _write(
    actor: audit.ActorLike,
    table: type[Table],
    subject: str,
    row: dict[str, Any],
    new: Any,
    change: CalendarChange,
) -> bool:
    """Only if the row is still as read (handled meanwhile: left as it is)."""
    meta = table._meta
    where = (
        (meta.primary_key == row["id"])
        & (meta.get_column_by_name("status") == row["status"])
        & (meta.get_column_by_name("due_on") == row["due_on"])
    )
    async with transaction():
        done = await table.update({"due_on": new}).where(where).returning(meta.primary_key)
        if not done:
            return False
        await audit.record(
            actor,
            f"{subject}:deadline_recounted",
            subject,
            row["id"],
            before={"due_on": row["due_on"].isoformat()},
            after={
                "due_on": new.isoformat(),
                "calendar_years": "、".join(str(y) for y in sorted(change.years)),
            },
        )
    return True
