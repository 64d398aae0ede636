"""The working-day calendar: administrator overrides (audited, admin only) and the deadline API."""

from __future__ import annotations

from datetime import date

import httpx
import pytest

from seedreg.accounts.rules import LEAGUE_CODE, Actor, Role
from seedreg.core import calendar
from seedreg.core.audit.services import history
from seedreg.core.errors import Forbidden
from seedreg.core.tables import CalendarDay
from tests import factories

# 2032 is beyond chinesecalendar 1.11.0's published schedules (2004–2026), and only
# test_the_admin_adds_a_2032_day… enters its days: it needs 2032 unentered before it runs, in
# any order. The other tests here enter days of 2033, which no other test touches. (2027, the
# first year beyond them, stays unentered: the provisional tests need it derived.) 2032's 10-01
# is a Friday, as 2027's.
NATIONAL_DAY = date(2032, 10, 1)  # a Friday, declared a rest day
UNTOUCHED = date(2032, 6, 1)  # a day no test declares
MAKEUP_SATURDAY = date(2033, 11, 12)  # a Saturday, declared a make-up working day


@pytest.fixture
async def admin(personas) -> Actor:
    """The league administrator (created with the personas), as the services see them."""
    return await factories.admin_actor()


async def _days_entered_in(year: int) -> bool:
    return await CalendarDay.exists().where(
        (CalendarDay.day >= date(year, 1, 1)) & (CalendarDay.day <= date(year, 12, 31))
    )


async def test_a_year_is_known_from_the_package_or_once_an_admin_enters_a_day(database):
    cal = await calendar.work_calendar()
    assert cal.covers(date(2026, 10, 8))
    assert not cal.covers(date(2035, 1, 1))
    assert cal.covers(UNTOUCHED) == await _days_entered_in(2032)


async def test_the_admin_adds_a_2032_day_and_the_calendar_honours_it(admin):
    assert not await _days_entered_in(2032), "another test entered a 2032 day first"
    before = await calendar.work_calendar()
    assert not before.covers(UNTOUCHED)
    # Until entered, 2032 is derived from the 放假办法: 国庆 Fri–Sun 10-01..03 with make-up rest
    # Mon 10-04 and Tue 10-05 for the weekend days; deadlines into it are provisional.
    assert not before.is_workday(NATIONAL_DAY)
    assert before.add_workdays(date(2032, 9, 30), 1) == date(2032, 10, 6)
    assert before.is_provisional(date(2032, 9, 30), date(2032, 10, 6))

    await calendar.set_day(admin, NATIONAL_DAY, is_workday=False, note="国庆节")

    cal = await calendar.work_calendar()
    assert cal.covers(UNTOUCHED), "a year counts as known once any day of it is entered"
    assert not cal.is_provisional(date(2032, 9, 30), date(2032, 10, 4))
    assert not cal.is_workday(NATIONAL_DAY)
    # The entered days are the year's schedule: Thursday 30 Sep + 1 workday skips the holiday
    # Friday and the weekend, and the derived make-up Monday no longer rests.
    assert cal.add_workdays(date(2032, 9, 30), 1) == date(2032, 10, 4)
    row = await CalendarDay.select().where(CalendarDay.day == NATIONAL_DAY).first()
    assert (row["is_workday"], row["note"]) == (False, "国庆节")

    [event] = await history("calendar_day", NATIONAL_DAY.isoformat())
    assert event["action"] == "calendar:set_day"
    assert event["actor_id"] == admin.user_id
    assert event["actor_label"] == admin.label
    assert event["before"] is None
    assert event["after"] == {"is_workday": False, "note": "国庆节"}


async def test_a_makeup_saturday_counts_as_a_workday(admin):
    assert not (await calendar.work_calendar()).is_workday(MAKEUP_SATURDAY)

    await calendar.set_day(admin, MAKEUP_SATURDAY, is_workday=True, note="国庆节调休上班")

    cal = await calendar.work_calendar()
    assert cal.is_workday(MAKEUP_SATURDAY)
    assert cal.add_workdays(date(2033, 11, 11), 1) == MAKEUP_SATURDAY
    assert cal.add_workdays(date(2033, 11, 11), 2) == date(2033, 11, 14)
    assert [e["after"] for e in await history("calendar_day", MAKEUP_SATURDAY.isoformat())] == [
        {"is_workday": True, "note": "国庆节调休上班"}
    ]


async def test_changing_a_day_updates_it_and_audits_before_and_after(admin):
    day = date(2033, 5, 9)  # a Monday
    await calendar.set_day(admin, day, is_workday=False, note="劳动节")
    await calendar.set_day(admin, day, is_workday=True, note="取消")

    assert await CalendarDay.count().where(CalendarDay.day == day) == 1
    assert (await calendar.work_calendar()).is_workday(day)
    events = await history("calendar_day", day.isoformat())
    assert [(e["before"], e["after"]) for e in events] == [
        (None, {"is_workday": False, "note": "劳动节"}),
        ({"is_workday": False, "note": "劳动节"}, {"is_workday": True, "note": "取消"}),
    ]
    assert [e["seq"] for e in events] == sorted(e["seq"] for e in events)


@pytest.mark.parametrize("role", [r for r in Role if r is not Role.ADMIN], ids=str)
async def test_only_the_admin_may_change_the_calendar(database, role):
    actor = Actor(
        user_id=1,
        username="not_admin",
        display_name="非管理员",
        role=role,
        organisation_id=1 if role is Role.OPERATOR else None,
        jurisdiction=None if role is Role.OPERATOR else LEAGUE_CODE,
    )
    day = date(2033, 12, 31)
    with pytest.raises(Forbidden, match="只有盟林草局管理员可以维护工作日历"):
        await calendar.set_day(actor, day, is_workday=False, note="不应生效")
    assert not await CalendarDay.exists().where(CalendarDay.day == day)
    assert await history("calendar_day", day.isoformat()) == []


def _deadline(api, **params: object) -> httpx.Response:
    """GET the deadline endpoint anonymously (no token), closing the client afterwards."""
    client = api()
    try:
        return client.get("/api/calendar/deadline", params=params)
    finally:
        client.close()


def test_the_deadline_api_counts_past_the_national_day_holiday(api):
    r = _deadline(api, start="2026-09-30", workdays=1)
    assert r.status_code == 200, r.text
    assert r.json() == {
        "start": "2026-09-30",
        "workdays": 1,
        "due": "2026-10-08",
        "calendar_covers": True,
        "provisional": False,
    }


async def test_the_deadline_api_sees_administrator_overrides(api, admin):
    day_off = date(2033, 11, 4)  # a Friday
    await calendar.set_day(admin, day_off, is_workday=False, note="测试休息日")
    r = _deadline(api, start="2033-11-03", workdays=1)
    assert r.status_code == 200, r.text
    assert r.json()["due"] == "2033-11-07"
    assert r.json()["calendar_covers"] is True


def test_the_deadline_api_rejects_negative_workdays_in_chinese(api):
    r = _deadline(api, start="2026-09-30", workdays=-1)
    assert r.status_code == 422, r.text
    error = r.json()["error"]
    assert error["message"] == "工作日数应在0到366之间"
    assert error["field"] == "workdays"
