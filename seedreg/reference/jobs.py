"""The calendar's daily duty: remind the league administrators, once a year, to enter next
year's 放假安排 before deadlines run into it on derived holidays alone."""

from __future__ import annotations

from datetime import date

from seedreg.accounts.rules import Role
from seedreg.core import calendar
from seedreg.core.audit.services import SYSTEM, record
from seedreg.core.db import transaction
from seedreg.core.sequences import claim
from seedreg.notifications.services import notify_role


def reminder_key(year: int) -> str:
    return f"calendar_reminder:{year}"


async def remind_next_year(on: date) -> int:
    """From 1 December, if next year is neither in the package nor entered, tell the league
    administrators once (the first worker to claim the year's key sends it). Returns how many
    accounts this call notified."""
    year = on.year + 1
    if not calendar.next_year_due(on):
        return 0
    if not (await calendar.work_calendar()).is_derived(year):
        return 0
    async with transaction():
        if not await claim(reminder_key(year)):
            return 0
        sent = await notify_role(
            Role.ADMIN,
            f"请录入{year}年节假日安排",
            f"系统尚无{year}年的放假调休安排，跨入{year}年的法定期限暂按《全国年节及纪念日放假"
            f"办法》推算（不含调休），页面标注为暂定。国务院办公厅公布安排后，请在工作日历中"
            f"确认推算的放假日并录入调休上班日。",
            "/admin/calendar",
        )
        await record(SYSTEM, "calendar:reminder", "calendar_year", year, after={"notified": sent})
    return sent
