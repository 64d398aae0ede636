"""Stored deadlines counted again when the administrator changes the working-day calendar
(行政许可法 Art. 82), through the live server: an application of the test's own, accepted with
its clock moved into 2041 (a year no other test enters), moves by exactly the working days the
change adds or takes away, in the API, on its page and in the audit trail; taking the day out
again restores it. Windows: July and August 2041, with no 放假办法 day in them (entering a day
makes 2041 official, which drops its derived holidays)."""

from __future__ import annotations

import asyncio
from datetime import date
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

from seedreg.core.tables import CalendarDay
from seedreg.matters.tables import Application
from seedreg.servicedesk.tables import Complaint, Question
from tests.fixtures import Browser
from tests.http.test_licensing_api import APPS, issue_details

ACTION = "application:deadline_recounted"


def ok(response, status: int = 200) -> dict:
    assert response.status_code == status, f"{response.status_code}: {response.text[:800]}"
    return response.json()


def weekdays_after(start: date, n: int) -> date:
    """The n-th Monday–Friday after ``start``: the windows hold no holiday of the 放假办法."""
    day = start
    while n:
        day = date.fromordinal(day.toordinal() + 1)
        n -= day.weekday() < 5
    return day


def accepted_in(api, accepted: date) -> tuple[int, date, date]:
    """An accepted application whose clock starts on ``accepted`` (a direct update: the only way
    to put it in 2041), its statutory and promised days counted Monday to Friday."""
    alice, officer = api("alice"), api("officer_wlht")
    app = ok(alice.post(APPS, json={"kind": "issue", "details": issue_details()}), 201)
    ok(alice.post(f"{APPS}/{app['id']}/submit"))
    ok(officer.post(f"{APPS}/{app['id']}/accept"))
    statutory, promised = weekdays_after(accepted, 20), weekdays_after(accepted, 10)

    async def move() -> None:
        await Application.update(
            {
                Application.received_on: accepted,
                Application.accepted_on: accepted,
                Application.statutory_due: statutory,
                Application.due_on: statutory,
                Application.promised_due: promised,
            }
        ).where(Application.id == app["id"])

    asyncio.run(move())
    return app["id"], statutory, promised


def drop_day(day: date) -> None:
    """Restore the calendar whatever happened (the test removes the day itself when it passes)."""

    async def drop() -> None:
        await CalendarDay.delete().where(CalendarDay.day == day)

    asyncio.run(drop())


def stored_due_on(app_id: int) -> date | None:
    async def read() -> date | None:
        row = await Application.select(Application.due_on).where(Application.id == app_id).first()
        return row["due_on"] if row else None

    return asyncio.run(read())


def text_of(browser: Browser, path: str) -> str:
    r = browser.get(path)
    assert r.status_code == 200, r.text[:500]
    return "".join(BeautifulSoup(r.text, "html.parser").get_text(" ", strip=True).split())


def cn(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def recounts(api, app_id: int) -> list[dict]:
    params = {"subject_type": "licence_application", "subject_id": app_id}
    return [e for e in ok(api("admin").get("/api/audit", params=params)) if e["action"] == ACTION]


def test_a_working_saturday_brings_the_deadlines_forward_and_removing_it_restores_them(server, api):
    app_id, statutory, _ = accepted_in(api, date(2041, 7, 1))
    assert statutory == date(2041, 7, 29)
    saturday = date(2041, 7, 13)
    admin = Browser(server)
    admin.login("admin")
    try:
        r = admin.post_form(
            "/admin/calendar",
            {"day": saturday.isoformat(), "is_workday": "on", "note": "调休上班"},
            form_page="/admin/calendar",
        )
        assert r.status_code == 303, r.text[:500]
        where = urlsplit(r.headers["location"])
        assert where.path == "/admin/calendar"
        recounted = int(where.query.removeprefix("recounted="))
        assert recounted >= 1  # ours, and any other open application counted through it
        assert f"已按新日历重新计算{recounted}件在办事项的期限" in text_of(
            admin, r.headers["location"]
        )

        out = ok(api("alice").get(f"{APPS}/{app_id}"))
        assert out["statutory_due"] == "2041-07-26"  # one working day sooner: the Saturday
        assert out["promised_due"] == "2041-07-13"  # the Saturday itself
        officer = Browser(server)
        officer.login("officer_wlht")
        page = text_of(officer, f"/licensing/applications/{app_id}")
        assert "2041年7月26日" in page
        assert cn(statutory) not in page

        [event] = recounts(api, app_id)
        assert event["before"]["statutory_due"] == "2041-07-29"
        assert event["after"]["statutory_due"] == "2041-07-26"
        assert event["after"]["due_on"] == "2041-07-26"
        assert event["after"]["calendar_years"] == "2041"
        assert "行政许可法第八十二条" in event["after"]["recount_basis"]

        # taking the day out goes through the confirmation step, then restores the dates
        r = admin.post_form(
            "/admin/calendar/remove", {"day": saturday.isoformat()}, form_page="/admin/calendar"
        )
        assert r.status_code == 200
        assert f"确认删除录入的{cn(saturday)}" in text_of_html(r.text)
        assert ok(api("alice").get(f"{APPS}/{app_id}"))["statutory_due"] == "2041-07-26"
        r = admin.post_form(
            "/admin/calendar/remove",
            {"day": saturday.isoformat(), "confirm": "1"},
            form_page="/admin/calendar",
        )
        assert r.status_code == 303, r.text[:500]
        assert int(urlsplit(r.headers["location"]).query.removeprefix("recounted=")) >= 1
        out = ok(api("alice").get(f"{APPS}/{app_id}"))
        assert (out["statutory_due"], out["promised_due"]) == ("2041-07-29", "2041-07-15")
        assert len(recounts(api, app_id)) == 2
    finally:
        drop_day(saturday)


def text_of_html(html: str) -> str:
    return "".join(BeautifulSoup(html, "html.parser").get_text(" ", strip=True).split())


def test_a_rest_weekday_puts_the_deadline_back_by_one_working_day(server, api):
    app_id, statutory, _ = accepted_in(api, date(2041, 8, 1))
    assert statutory == date(2041, 8, 29)
    wednesday = date(2041, 8, 14)
    admin = Browser(server)
    admin.login("admin")
    try:
        r = admin.post_form(
            "/admin/calendar",
            {"day": wednesday.isoformat(), "note": "测试放假日"},
            form_page="/admin/calendar",
        )
        assert r.status_code == 303, r.text[:500]
        out = ok(api("officer_wlht").get(f"{APPS}/{app_id}"))
        assert out["statutory_due"] == "2041-08-30"
        assert out["promised_due"] == "2041-08-16"  # 10 working days from 08-01, one more
        assert stored_due_on(app_id) == date(2041, 8, 30)  # the inbox's order follows
    finally:
        drop_day(wednesday)


def test_an_open_question_and_complaint_keep_their_working_days_to_answer(server, api):
    """The service desk's answer days (local settings) move with the calendar too."""
    alice = api("alice")
    question = ok(alice.post("/api/servicedesk/questions", json={"text": "重算期限的咨询？"}), 201)
    body = {"phone": "13900000000", "about": "office", "about_text": "某苗圃",
            "division_code": "152201", "text": "答复期限按新日历重新计算。"}  # fmt: skip
    complaint = ok(alice.post("/api/servicedesk/complaints", json=body), 201)
    asked, due = date(2041, 8, 19), date(2041, 8, 26)  # Monday; five working days on

    async def move() -> None:
        await Question.update({Question.asked_on: asked, Question.due_on: due}).where(
            Question.id == question["id"]
        )
        await Complaint.update({Complaint.received_on: asked, Complaint.due_on: due}).where(
            Complaint.id == complaint["id"]
        )

    asyncio.run(move())
    wednesday = date(2041, 8, 21)
    admin = Browser(server)
    admin.login("admin")
    try:
        r = admin.post_form(
            "/admin/calendar",
            {"day": wednesday.isoformat(), "note": "测试放假日"},
            form_page="/admin/calendar",
        )
        assert r.status_code == 303, r.text[:500]
        q = ok(api().get(f"/api/servicedesk/questions/by-token/{question['token']}"))
        c = ok(api().get(f"/api/servicedesk/complaints/by-token/{complaint['token']}"))
        assert q["due_on"] == c["due_on"] == "2041-08-27"
        events = ok(api("admin").get(
            "/api/audit", params={"subject_type": "question", "subject_id": question["id"]}
        ))  # fmt: skip
        [event] = [e for e in events if e["action"] == "question:deadline_recounted"]
        assert (event["before"]["due_on"], event["after"]["due_on"]) == (
            "2041-08-26",
            "2041-08-27",
        )
    finally:
        drop_day(wednesday)
