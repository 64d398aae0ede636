"""An open application's stored deadlines counted again after the working-day calendar
changed (行政许可法 Arts. 32, 42, 45, 82: working days of the calendar in force). Pure: the
row, the catalogue's limits and both calendars are arguments."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from seedreg.core.recount import recounted
from seedreg.core.workdays import WorkCalendar
from seedreg.matters import clocks
from seedreg.matters.transitions import Clock

# The stored day each running clock puts in ``due_on`` (the inbox's order).
DUE_ON_FROM = {
    Clock.SUPPLEMENT: "supplement_deadline",
    Clock.DECISION: "statutory_due",
    Clock.ISSUING: "issuing_due",
}
FIELDS = ("supplement_deadline", "pending_due", "statutory_due", "promised_due", "issuing_due")


def _again(
    stored: date,
    origin: date,
    count: Callable[[WorkCalendar], date],
    before: WorkCalendar,
    after: WorkCalendar,
) -> date:
    """``count`` with the new calendar when it gives the stored day with the old one; else (the
    day was set otherwise, e.g. under an older catalogue limit) the same working days again."""
    if count(before) == stored:
        return count(after)
    return recounted(origin, stored, before, after)


def recounted_dates(
    row: Mapping[str, Any],
    *,
    clock: Clock | None,
    limit: int,
    extension: int,
    before: WorkCalendar,
    after: WorkCalendar,
    today: date,
) -> dict[str, date]:
    """The stored deadlines of ``row`` that move, with their new days (``due_on`` with the
    running clock's). The decision day counts the catalogue's ``limit``, the extension once
    granted and the closed pauses (Art. 45; an open one is added when it ends); the promised
    day the same working days from acceptance; the region's day 20 (+10) from forwarding;
    the applicant's 补正 and 容缺 days the same working days from today (the notice's day is
    not kept, and a day already passed is not moved)."""
    new: dict[str, date] = {}
    accepted = row.get("accepted_on")
    if accepted and row.get("statutory_due"):
        closed = [p for p in clocks.counted_pauses(row.get("pauses") or []) if p.end]

        def decision(cal: WorkCalendar) -> date:
            return clocks.decision_due(
                accepted, cal, extended=bool(row.get("extended")), pauses=closed,
                limit=limit, extension=extension,
            )  # fmt: skip

        new["statutory_due"] = _again(row["statutory_due"], accepted, decision, before, after)
    if accepted and row.get("promised_due"):
        new["promised_due"] = recounted(accepted, row["promised_due"], before, after)
    forwarded = row.get("forwarded_on")
    if forwarded and row.get("issuing_due"):

        def issuing(cal: WorkCalendar) -> date:
            return clocks.issuing_due(forwarded, cal, extended=bool(row.get("issuing_extended")))

        new["issuing_due"] = _again(row["issuing_due"], forwarded, issuing, before, after)
    if clock is Clock.SUPPLEMENT and row.get("supplement_deadline"):
        new["supplement_deadline"] = recounted(today, row["supplement_deadline"], before, after)
    if row.get("pending_items") and row.get("pending_due"):
        new["pending_due"] = recounted(today, row["pending_due"], before, after)
    source = DUE_ON_FROM.get(clock) if clock else None
    if source in new and row.get("due_on") == row.get(source):
        new["due_on"] = new[source]
    return {k: v for k, v in new.items() if v != row.get(k)}
