"""Deadlines in a year whose 放假安排 is not published: derived holidays, the provisional mark
on the application and its notice, the admin's entries making a year official, and the
December reminder to enter next year.

2027 is the first year chinesecalendar 1.11.0 lacks and no test enters a day of it; the other
years used here (2031, 2036–2039) are entered by no other test either.
"""

from __future__ import annotations

from datetime import date

import pytest

from seedreg import app as app_module
from seedreg import pdf_samples
from seedreg.accounts.rules import Actor
from seedreg.core import calendar, clock, scheduler
from seedreg.core.audit.services import history
from seedreg.core.pdf import render_pdf
from seedreg.core.tables import CalendarDay
from seedreg.licensing import applications, intake
from seedreg.licensing import jobs as licensing_jobs
from seedreg.licensing.rules import ApplicationKind
from seedreg.licensing.schemas import ApplicationCreate, ApplicationDetails
from seedreg.matters.tables import Notice
from seedreg.notifications.tables import Notification
from seedreg.reference import jobs
from tests import factories
from tests.factories import SEEDLING_DETAILS
from tests.pdfread import pdf_text, squash

MARK = "（暂定：该年度调休安排尚未录入）"


@pytest.fixture
async def admin(personas) -> Actor:
    return await factories.admin_actor()


async def _entered(year: int) -> bool:
    return await CalendarDay.exists().where(
        (CalendarDay.day >= date(year, 1, 1)) & (CalendarDay.day <= date(year, 12, 31))
    )


async def test_an_acceptance_in_late_december_skips_2027_new_year_and_is_provisional(
    personas, monkeypatch
):
    assert not await _entered(2027), "a test entered a 2027 day: 2027 is no longer derived"
    accepted_on = date(2026, 12, 21)  # a Monday
    monkeypatch.setattr(clock, "today", lambda: accepted_on)
    alice = await factories.actor_named("alice")
    officer = await factories.actor_named("officer_wlht")
    draft = await applications.create(
        alice,
        ApplicationCreate(
            kind=ApplicationKind.ISSUE, details=ApplicationDetails(**SEEDLING_DETAILS)
        ),
    )
    await applications.submit(alice, draft.id)

    out = await intake.accept(officer, draft.id)

    # 20 working days (行政许可法 Arts. 42, 82): 12-22..25, 12-28..31 (8), 元旦 Fri 01-01 rests,
    # 01-04..08 (13), 01-11..15 (18), 01-18, 01-19 (20). Counting 01-01 would give 01-18.
    assert out.accepted_on == accepted_on
    assert out.statutory_due == date(2027, 1, 19)
    assert out.provisional is True
    assert {"statutory_due", "promised_due"} <= set(out.provisional_dates)

    notice = (
        await Notice.select().where(Notice.application == draft.id).first().output(load_json=True)
    )
    content = notice["content"]
    assert content["statutory_due"] == "2027-01-19"
    assert {"statutory_due", "promised_due"} <= set(content["provisional"])
    context = pdf_samples.demo_notice_context("acceptance", content)
    text = squash(pdf_text(render_pdf("notice_acceptance.html", context)))
    assert squash(f"法定办结期限为2027年1月19日{MARK}") in text


async def test_a_notice_with_deadlines_in_an_official_year_carries_no_mark(personas, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: date(2026, 11, 2))
    alice = await factories.actor_named("alice")
    officer = await factories.actor_named("officer_wlht")
    draft = await applications.create(
        alice,
        ApplicationCreate(
            kind=ApplicationKind.ISSUE, details=ApplicationDetails(**SEEDLING_DETAILS)
        ),
    )
    await applications.submit(alice, draft.id)
    out = await intake.accept(officer, draft.id)
    assert out.statutory_due.year == 2026
    assert out.provisional is False
    assert out.provisional_dates == []
    notice = (
        await Notice.select().where(Notice.application == draft.id).first().output(load_json=True)
    )
    assert "provisional" not in notice["content"]
    context = pdf_samples.demo_notice_context("acceptance", notice["content"])
    assert "暂定" not in pdf_text(render_pdf("notice_acceptance.html", context))


async def test_the_admins_entries_make_a_year_official(admin):
    assert not await _entered(2031)
    span = (date(2031, 9, 30), date(2031, 10, 8))
    before = await calendar.work_calendar()
    assert before.is_provisional(*span)
    assert not before.is_workday(date(2031, 10, 1))  # 国庆 and 中秋 share Wed 10-01
    listed = calendar.arrangement(before, 2031)
    assert not listed.official
    assert (date(2031, 10, 1), "中秋节") in listed.unrested

    await calendar.set_day(admin, date(2031, 10, 11), is_workday=True, note="国庆节调休上班")

    cal = await calendar.work_calendar()
    assert not cal.is_provisional(*span)
    # Entered but without its holidays: the page lists every 放假办法 day still worked (those
    # on a weekend rest anyway).
    assert cal.is_workday(date(2031, 10, 1))
    still_worked = [(d, n) for d, n in listed.unrested if d.weekday() < 5]
    assert calendar.arrangement(cal, 2031).unrested == still_worked

    confirmed = await calendar.confirm_derived(admin, 2031)

    cal = await calendar.work_calendar()
    assert confirmed == len(still_worked)
    assert calendar.arrangement(cal, 2031).unrested == []
    assert not cal.is_workday(date(2031, 10, 1))
    assert not cal.is_workday(date(2031, 10, 6))  # the make-up rest for the shared day
    assert cal.is_workday(date(2031, 10, 11))
    [event] = await history("calendar_day", "2031-10-01")
    assert event["actor_id"] == admin.user_id
    assert event["after"] == {"is_workday": False, "note": "中秋节（按放假办法确认）"}


async def _reminders_to(username: str, year: int) -> int:
    user = await factories.actor_named(username)
    return await Notification.count().where(
        (Notification.user == user.user_id) & (Notification.title == f"请录入{year}年节假日安排")
    )


async def test_the_admin_is_reminded_once_from_december_1(personas):
    assert not await _entered(2037)
    assert await jobs.remind_next_year(date(2036, 11, 30)) == 0
    assert await _reminders_to("admin", 2037) == 0

    sent = await jobs.remind_next_year(date(2036, 12, 1))

    assert sent >= 1
    assert await _reminders_to("admin", 2037) == 1
    assert await _reminders_to("officer_league", 2037) == 0
    assert await jobs.remind_next_year(date(2036, 12, 1)) == 0
    assert await jobs.remind_next_year(date(2036, 12, 15)) == 0
    assert await _reminders_to("admin", 2037) == 1
    [event] = await history("calendar_year", 2037)
    assert event["action"] == "calendar:reminder"
    assert event["after"] == {"notified": sent}


async def test_no_reminder_when_next_year_is_official(admin):
    assert await jobs.remind_next_year(date(2025, 12, 1)) == 0  # 2026 is in chinesecalendar
    await calendar.set_day(admin, date(2039, 1, 1), is_workday=False, note="元旦")
    assert await jobs.remind_next_year(date(2038, 12, 1)) == 0
    assert await _reminders_to("admin", 2039) == 0
    assert await _reminders_to("admin", 2026) == 0


def test_the_app_registers_the_reminder_as_a_daily_duty(database):
    app_module.create_app()
    assert scheduler._DUTIES["calendar_reminder"] is jobs.remind_next_year


def test_the_app_registers_licensing_first_among_the_daily_duties(database):
    app_module.create_app()
    assert next(iter(scheduler._DUTIES.items())) == ("licensing", licensing_jobs.run_daily)


async def test_the_scheduler_reports_each_duty_by_name(monkeypatch):
    async def several(on: date) -> dict:
        return {"a": 1, "b": [on]}

    async def one(on: date) -> int:
        return 3

    monkeypatch.setattr(scheduler, "_DUTIES", {"several": several, "one": one})
    seen = []
    monkeypatch.setattr(scheduler.log, "info", lambda fmt, result: seen.append(result))
    monkeypatch.setattr(scheduler, "refresh_statistics", _nothing)
    await scheduler.run_once()
    assert seen == [{"a": 1, "b": 1, "one": 3}]


async def _nothing() -> None:
    return None
