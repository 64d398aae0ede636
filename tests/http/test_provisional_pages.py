"""The provisional mark through the live server: an application whose deadlines run into 2027
(not in chinesecalendar 1.11.0, entered by no test) says so on its page and in its JSON; the
admin's calendar page lists the 放假办法's days of a year not entered yet and confirms them."""

from __future__ import annotations

import asyncio
from datetime import date

from bs4 import BeautifulSoup

from seedreg.core import clock
from seedreg.core.tables import CalendarDay
from seedreg.matters.tables import Application
from tests.fixtures import Browser, inbox_page_with
from tests.http.test_licensing_api import APPS, issue_details

MARK = "（暂定：该年度调休安排尚未录入）"


def ok(response, status: int = 200) -> dict:
    assert response.status_code == status, f"{response.status_code}: {response.text[:800]}"
    return response.json()


def accepted_with_dates(api, received: date, statutory: date, promised: date) -> int:
    """An accepted application whose clock dates are moved (a direct update: the only way to
    put its deadlines in a given year whatever day the test runs)."""
    alice, officer = api("alice"), api("officer_wlht")
    app = ok(alice.post(APPS, json={"kind": "issue", "details": issue_details()}), 201)
    ok(alice.post(f"{APPS}/{app['id']}/submit"))
    ok(officer.post(f"{APPS}/{app['id']}/accept"))

    async def move() -> None:
        await Application.update(
            {
                Application.received_on: received,
                Application.accepted_on: received,
                Application.statutory_due: statutory,
                Application.promised_due: promised,
            }
        ).where(Application.id == app["id"])

    asyncio.run(move())
    return app["id"]


def page_text(server: str, username: str, path: str) -> str:
    browser = Browser(server)
    browser.login(username)
    r = browser.get(path)
    assert r.status_code == 200, r.text[:500]
    # Without spaces: the mark is its own element beside the date.
    return "".join(BeautifulSoup(r.text, "html.parser").get_text(" ", strip=True).split())


def test_an_application_due_in_2027_is_marked_provisional(server, api):
    app_id = accepted_with_dates(api, date(2026, 12, 21), date(2027, 1, 19), date(2027, 1, 5))

    out = ok(api("alice").get(f"{APPS}/{app_id}"))
    assert out["statutory_due"] == "2027-01-19"
    assert out["provisional"] is True
    assert {"statutory_due", "promised_due"} <= set(out["provisional_dates"])

    text = page_text(server, "alice", f"/licensing/applications/{app_id}")
    assert f"2027年1月19日{MARK}" in text
    assert f"2027年1月5日{MARK}" in text
    officer_text = page_text(server, "officer_wlht", f"/licensing/applications/{app_id}")
    assert f"法定办结期限2027年1月19日{MARK}" in officer_text
    # the inbox is ordered by deadline: other tests' open applications may fill its first page
    inbox = Browser(server)
    inbox.login("officer_wlht")
    html = inbox_page_with(inbox, f"/licensing/applications/{app_id}")
    listed = "".join(BeautifulSoup(html, "html.parser").get_text(" ", strip=True).split())
    assert f"2027年1月19日前办结{MARK}" in listed


def test_an_application_due_in_an_official_year_is_not_marked(server, api):
    app_id = accepted_with_dates(api, date(2026, 6, 1), date(2026, 6, 30), date(2026, 6, 15))

    out = ok(api("alice").get(f"{APPS}/{app_id}"))
    assert out["provisional"] is False
    assert out["provisional_dates"] == []
    text = page_text(server, "alice", f"/licensing/applications/{app_id}")
    assert "2026年6月30日" in text
    assert "暂定" not in text


def test_the_deadline_api_says_provisional_across_2027_new_year(api):
    r = api().get("/api/calendar/deadline", params={"start": "2026-12-31", "workdays": 1})
    assert ok(r) == {
        "start": "2026-12-31",
        "workdays": 1,
        "due": "2027-01-04",  # Fri 01-01 is 元旦 by the 放假办法
        "calendar_covers": False,
        "provisional": True,
    }


def test_the_calendar_page_lists_the_derived_days_of_a_year_not_entered(server, personas):
    today = clock.today()
    year = today.year + 1 if today.month == 12 else today.year  # 2026 is known: 2027 onwards
    text = page_text(server, "admin", "/admin/calendar")
    assert f"{year}年节假日安排尚未录入" in text
    assert f"{year}年1月1日元旦" in text
    assert f"{year}年10月1日国庆节" in text
    assert f"为{year}年放假日" in text


def test_the_admin_confirms_a_years_derived_days_from_the_page(server, personas):
    browser = Browser(server)
    browser.login("admin")
    r = browser.post_form("/admin/calendar/confirm", {"year": "2034"}, form_page="/admin/calendar")
    assert r.status_code == 303, r.text[:500]

    async def rest_days() -> dict[date, str]:
        rows = await CalendarDay.select().where(
            (CalendarDay.day >= date(2034, 1, 1)) & (CalendarDay.day <= date(2034, 12, 31))
        )
        return {r["day"]: r["note"] for r in rows if not r["is_workday"]}

    days = asyncio.run(rest_days())
    assert days[date(2034, 10, 1)] == "国庆节（按放假办法确认）"
    assert days[date(2034, 2, 18)] == "春节（按放假办法确认）"  # 除夕
    assert len(days) >= 13

    again = browser.post_form(
        "/admin/calendar/confirm", {"year": "2034"}, form_page="/admin/calendar"
    )
    assert again.status_code == 422
    assert "2034年的法定节假日均已按放假录入" in again.text
