"""The working-day calendar in force: the package's schedule plus administrator overrides, and
the yearly chore of entering the next year's 放假安排."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from seedreg.core import clock, holidays, recount
from seedreg.core.audit import services as audit
from seedreg.core.db import transaction
from seedreg.core.errors import Forbidden, RuleViolation
from seedreg.core.rulesettings import AdminLike
from seedreg.core.tables import CalendarDay
from seedreg.core.workdays import WorkCalendar, from_chinese_calendar

# The State Council publishes the next year's 放假安排 in October or November (the 2025 one on
# 2024-11-12, the 2026 one on 2025-11-04); from 1 December its absence is worth a reminder.
NEXT_YEAR_DUE = (12, 1)


async def work_calendar() -> WorkCalendar:
    """Official schedule (chinesecalendar) with the days an administrator entered on top.

    A year counts as known once an administrator has entered any day of it, so a new year's
    schedule can be added before the package publishes it. A year known neither way rests on
    the 放假办法's days alone (``seedreg.core.holidays``) and its deadlines are provisional.
    """
    rows = await CalendarDay.select(CalendarDay.day, CalendarDay.is_workday)
    days = [(r["day"], r["is_workday"]) for r in rows]
    return from_chinese_calendar().with_overrides(days, years={d.year for d, _ in days})


async def overrides() -> list[dict[str, Any]]:
    return await CalendarDay.select().order_by(CalendarDay.day, ascending=False)


def _ensure_admin(actor: AdminLike) -> None:
    if not actor.is_admin:
        raise Forbidden("只有盟林草局管理员可以维护工作日历")


async def _put_day(actor: AdminLike, day: date, *, is_workday: bool, note: str) -> None:
    """Write one day and its audit event; call inside a transaction."""
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


async def _recount(actor: AdminLike, before: WorkCalendar, years: set[int]) -> int:
    """After the change committed: every owner counts its open records' stored deadlines
    again with the calendar now in force (行政许可法 Art. 82); how many records changed."""
    change = recount.CalendarChange(frozenset(years), before, await work_calendar())
    return sum((await recount.recount_all(actor, change)).values())


async def set_day(actor: AdminLike, day: date, *, is_workday: bool, note: str) -> int:
    """Declare one day a workday (调休上班) or a rest day (法定节假日); league admin only.
    Returns how many open records' deadlines were recounted."""
    _ensure_admin(actor)
    before = await work_calendar()
    async with transaction():
        await _put_day(actor, day, is_workday=is_workday, note=note)
    return await _recount(actor, before, {day.year})


async def remove_day(actor: AdminLike, day: date) -> int:
    """Take an entered day out (the package's schedule or the 放假办法 decides it again);
    returns how many open records' deadlines were recounted."""
    _ensure_admin(actor)
    before = await work_calendar()
    async with transaction():
        row = await CalendarDay.select().where(CalendarDay.day == day).first()
        if not row:
            raise RuleViolation(f"{day.year}年{day.month}月{day.day}日未录入", field="day")
        await CalendarDay.delete().where(CalendarDay.day == day)
        await audit.record(
            actor,
            "calendar:remove_day",
            "calendar_day",
            day.isoformat(),
            before={"is_workday": row["is_workday"], "note": row["note"]},
        )
    return await _recount(actor, before, {day.year})


def next_year_due(on: date) -> bool:
    """Whether, on ``on``, next year's arrangement should already be entered."""
    return (on.month, on.day) >= NEXT_YEAR_DUE


@dataclass(frozen=True)
class YearArrangement:
    """A year as the admin's calendar page presents it.

    ``official``: its schedule is published (package) or entered; ``unrested``: the 放假办法's
    days (holidays and make-up rest) that the calendar still counts as working days, i.e. all of
    them for a derived year, and any the admin left out of an entered one.
    """

    year: int
    official: bool
    unrested: list[tuple[date, str]]


def arrangement(cal: WorkCalendar, year: int) -> YearArrangement:
    derived = holidays.derive_year(year)
    days = derived.rest_days.items() if derived else []
    official = not cal.is_derived(year)
    unrested = [(d, name) for d, name in days if not official or cal.is_workday(d)]
    return YearArrangement(year=year, official=official, unrested=unrested)


async def arrangements_to_check(on: date) -> list[YearArrangement]:
    """This year, and next year from 1 December: those not official or missing statutory days."""
    cal = await work_calendar()
    years = [on.year, on.year + 1] if next_year_due(on) else [on.year]
    found = [arrangement(cal, y) for y in years]
    return [a for a in found if not a.official or a.unrested]


@dataclass(frozen=True)
class Entered:
    days: int  # days entered
    recounted: int  # open records whose stored deadlines changed


async def confirm_year(actor: AdminLike, year: int) -> Entered:
    """Enter the 放假办法's days of ``year`` that the calendar does not rest yet, as rest days
    named after their holiday; the admin then adds the 调休 swaps."""
    _ensure_admin(actor)
    before = await work_calendar()
    todo = arrangement(before, year).unrested
    if not todo:
        raise RuleViolation(f"{year}年的法定节假日均已按放假录入")
    async with transaction():
        for day, name in todo:
            await _put_day(actor, day, is_workday=False, note=f"{name}（按放假办法确认）")
    return Entered(len(todo), await _recount(actor, before, {year}))


async def confirm_derived(actor: AdminLike, year: int) -> int:
    """``confirm_year``; how many days it entered."""
    return (await confirm_year(actor, year)).days
