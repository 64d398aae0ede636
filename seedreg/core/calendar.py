"""The working-day calendar in force: the package's schedule plus administrator overrides."""

from __future__ import annotations

from datetime import date
from typing import Any

from seedreg.accounts.rules import Actor
from seedreg.core import clock
from seedreg.core.audit import services as audit
from seedreg.core.db import transaction
from seedreg.core.errors import Forbidden
from seedreg.core.tables import CalendarDay
from seedreg.core.workdays import WorkCalendar, from_chinese_calendar


async def work_calendar() -> WorkCalendar:
    """Official schedule (chinesecalendar) with the days an administrator entered on top.

    A year counts as known once an administrator has entered any day of it, so a new year's
    schedule can be added before the package publishes it.
    """
    rows = await CalendarDay.select(CalendarDay.day, CalendarDay.is_workday)
    days = [(r["day"], r["is_workday"]) for r in rows]
    return from_chinese_calendar().with_overrides(days, years={d.year for d, _ in days})


async def overrides() -> list[dict[str, Any]]:
    return await CalendarDay.select().order_by(CalendarDay.day, ascending=False)


async def set_day(actor: Actor, day: date, *, is_workday: bool, note: str) -> None:
    """Declare one day a workday (调休上班) or a rest day (法定节假日); league admin only."""
    if not actor.is_admin:
        raise Forbidden("只有盟林草局管理员可以维护工作日历")
    async with transaction():
        before = await CalendarDay.select().where(CalendarDay.day == day).first()
        if before:
            await CalendarDay.update(
                {CalendarDay.is_workday: is_workday, CalendarDay.note: note}
            ).where(CalendarDay.day == day)
        else:
            await CalendarDay.insert(
                CalendarDay(day=day, is_workday=is_workday, note=note, created_at=clock.now())
            )
        await audit.record(
            actor,
            "calendar:set_day",
            "calendar_day",
            day.isoformat(),
            before=before and {"is_workday": before["is_workday"], "note": before["note"]},
            after={"is_workday": is_workday, "note": note},
        )
