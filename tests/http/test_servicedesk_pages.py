"""The service desk's pages without JavaScript: the public asks, books and complains through
forms (a mistake comes back in Chinese with what was typed), reads the answer by its link; the
official takes and answers at the desk; the home pages link to it."""

from __future__ import annotations

import random
from datetime import date, timedelta

import httpx
from bs4 import BeautifulSoup

from tests.fixtures import Browser, every_page, unique
from tests.http.deskkit import desk_page_with
from tests.pagetext import english_in_html

BASE = "/api/servicedesk"
LIMIT_KEY = "servicedesk.anonymous_per_client_day"


def phone() -> str:
    return f"137{random.randint(0, 10**8 - 1):08d}"


def text_of(r: httpx.Response) -> str:
    return BeautifulSoup(r.text, "html.parser").get_text(" ", strip=True)


def _generous(api) -> None:
    r = api("admin").put(f"/api/settings/{LIMIT_KEY}", json={"value": 1000, "reason": "测试"})
    assert r.status_code == 200, r.text


def test_a_question_asked_on_the_page_is_answered_at_the_desk_and_read_by_its_link(
    server, api, personas
):
    _generous(api)
    try:
        public = Browser(server)
        r = public.post_form(
            "/servicedesk/ask",
            {"text": "短", "asker_name": "吴一", "phone": "123", "division_code": "152201"},
        )
        assert r.status_code == 422
        page = BeautifulSoup(r.text, "html.parser")
        assert page.find("textarea", attrs={"name": "text"}).get_text() == "短"
        assert "请更正标出的项目后再提交" in text_of(r)
        question = f"请问苗木检疫证书怎么办理？{unique('')}"
        r = public.post_form(
            "/servicedesk/ask",
            {"text": question, "asker_name": "吴一", "phone": phone(), "division_code": "152201"},
        )
        assert r.status_code == 303
        link = r.headers["location"]
        assert link.startswith("/servicedesk/q/")
        shown = text_of(public.get(link))
        assert question in shown
        assert "尚未答复" in shown

        officer = Browser(server)
        officer.login("officer_wlht")
        desk = desk_page_with(officer, question)
        # the menu's "API" and the test personas' names (officer_wlht…) in the handover choices
        names = {part for p in personas.values() for part in p.username.split("_")}
        assert not english_in_html(desk, frozenset({"API", *names}))
        qid = next(
            q["id"]
            for q in every_page(api("officer_wlht"), f"{BASE}/questions/queue")
            if q["text"] == question
        )
        r = officer.post_form(
            f"/servicedesk/desk/questions/{qid}/take", {}, form_page="/servicedesk/desk"
        )
        assert r.status_code == 303
        r = officer.post_form(
            f"/servicedesk/desk/questions/{qid}/answer",
            {"answer": "向旗林草局检疫站申请。"},
            form_page="/servicedesk/desk",
        )
        assert r.status_code == 303
        shown = text_of(public.get(link))
        assert "向旗林草局检疫站申请。" in shown
        assert "评价本次咨询" in shown
        home = text_of(officer.get("/"))
        assert "待答复咨询" in home
    finally:
        api("admin").delete(f"/api/settings/{LIMIT_KEY}")


def test_the_complaint_page_names_the_other_channels_and_keeps_a_mistake(server, api):
    _generous(api)
    try:
        public = Browser(server)
        page = text_of(public.get("/servicedesk/complain"))
        assert "12345" in page
        assert "门户网站" in page
        assert "第三十七条" in page
        r = public.post_form(
            "/servicedesk/complain",
            {
                "about": "person",
                "text": "态度很差很差",
                "phone": phone(),
                "complainant_name": "郑二",
            },
        )
        assert r.status_code == 422
        assert "请写明被投诉的机构或人员" in text_of(r)
        r = public.post_form(
            "/servicedesk/complain",
            {
                "about": "person",
                "about_text": "窗口人员",
                "text": "态度很差很差",
                "phone": phone(),
                "complainant_name": "郑二",
            },
        )
        assert r.status_code == 303
        assert "正在办理" in text_of(public.get(r.headers["location"]))
    finally:
        api("admin").delete(f"/api/settings/{LIMIT_KEY}")


def test_the_public_home_links_the_desk(server):
    home = Browser(server).get("/")
    assert BeautifulSoup(home.text, "html.parser").find("a", href="/servicedesk")
    hub = text_of(Browser(server).get("/servicedesk"))
    for words in ("网上咨询", "预约办理", "投诉", "首问负责制"):
        assert words in hub


def _window_with_slot(api) -> tuple[int, int]:
    import asyncio

    from seedreg.core import calendar, clock

    admin = api("admin")
    w = admin.post(
        f"{BASE}/windows",
        json={
            "name": f"窗口{unique('')}",
            "place": "服务中心",
            "hours": "工作日",
            "division_code": "152201",
        },
    ).json()
    day = asyncio.run(calendar.work_calendar()).add_workdays(clock.today(), 1)
    r = admin.post(
        f"{BASE}/windows/{w['id']}/patterns",
        json={
            "matter_code": "licensing",
            "weekdays": list(range(7)),
            "starts": "09:00",
            "ends": "09:30",
            "minutes": 30,
            "capacity": 2,
            "first": day.isoformat(),
            "last": day.isoformat(),
        },
    )
    assert r.status_code == 201, r.text
    slot = api().get(f"{BASE}/slots", params={"window": w["id"]}).json()[0]
    return w["id"], slot["id"]


def test_the_booker_cancels_on_the_page_after_confirming(server, api):
    _, slot = _window_with_slot(api)
    number = phone()
    booked = (
        api("alice")
        .post(f"{BASE}/bookings", json={"slot_id": slot, "name": "陈四", "phone": number})
        .json()
    )
    public = Browser(server)
    r = public.post_form("/servicedesk/booking", {"code": booked["code"], "phone": phone()})
    assert r.status_code == 422  # the form comes back with the message
    assert "没有这个预约" in text_of(r)
    shown = public.post_form("/servicedesk/booking", {"code": booked["code"], "phone": number})
    assert "已预约" in text_of(shown)
    ask = public.post_form(
        "/servicedesk/booking/cancel",
        {"code": booked["code"], "phone": number},
        form_page="/servicedesk/booking",
    )
    assert f"确认取消预约 {booked['code']}？" in text_of(ask)
    token = BeautifulSoup(ask.text, "html.parser").find("input", attrs={"name": "_csrf_token"})
    done = public.post(
        "/servicedesk/booking/cancel",
        data={
            "code": booked["code"],
            "phone": number,
            "confirm": "1",
            "_csrf_token": token["value"],
        },
    )
    assert "已取消" in text_of(done)
    got = api().get(f"{BASE}/bookings/{booked['code']}", params={"phone": number}).json()
    assert got["status"] == "cancelled"


def test_window_staff_mark_arrival_and_the_visitor_rates_it_once(server, api):
    import asyncio

    from seedreg.core import clock
    from seedreg.servicedesk.tables import Booking, Slot

    window, _ = _window_with_slot(api)
    number, code = phone(), unique("V")[:8].upper()

    async def today_booking() -> None:
        slot = Slot(
            key=unique("k"),
            window=window,
            matter_code="licensing",
            day=clock.today(),
            starts="08:30",
            ends="09:00",
            capacity=1,
        )
        await slot.save()
        await Booking(
            code=code,
            slot=slot.id,
            seat=1,
            seat_key=f"{slot.id}:1",
            name="林五",
            phone=number,
            created_at=clock.now(),
        ).save()

    asyncio.run(today_booking())
    officer = Browser(server)
    officer.login("officer_wlht")
    day = officer.get(f"/servicedesk/windows/{window}/day")
    assert "林五" in text_of(day)
    assert Browser(server).get(f"/servicedesk/windows/{window}/day").status_code in (302, 303, 401)
    other = Browser(server)
    other.login("officer_kyqq")
    assert other.get(f"/servicedesk/windows/{window}/day").status_code == 403
    r = officer.post_form(
        f"/servicedesk/windows/{window}/mark",
        {"code": code, "status": "arrived"},
        form_page=f"/servicedesk/windows/{window}/day",
    )
    assert r.status_code == 303
    assert "已到场" in text_of(officer.get(f"/servicedesk/windows/{window}/day"))
    public = Browser(server)
    shown = public.post_form("/servicedesk/booking", {"code": code, "phone": number})
    assert "评价本次办理" in text_of(shown)
    rated = public.post_form(
        "/servicedesk/booking/rating",
        {"code": code, "phone": number, "score": "2", "comment": "等太久"},
        form_page="/servicedesk/booking",
    )
    assert "已评价" in text_of(rated)
    poor = api("officer_wlht").get(f"{BASE}/ratings/poor").json()
    assert any(p["kind"] == "booking" and p["comment"] == "等太久" for p in poor)


def test_the_desk_hands_over_with_a_reason_and_logs_a_phone_consultation(server, api):
    import asyncio

    from seedreg.servicedesk.tables import Question

    q = (
        api("alice")
        .post(f"{BASE}/questions", json={"text": f"种子检验去哪里？{unique('')}"})
        .json()
    )
    assert api("officer_league").post(f"{BASE}/questions/{q['id']}/take").status_code == 200
    officer = Browser(server)
    officer.login("officer_league")
    desk = desk_page_with(officer, q["text"])  # other tests' open questions may come first
    assert "移交理由" in BeautifulSoup(desk, "html.parser").get_text()
    # the form keeps the desk's page (?qpage=…), so the mistake is shown beside the question
    [action] = [
        f["action"]
        for f in BeautifulSoup(desk, "html.parser").find_all("form")
        if f["action"].startswith(f"/servicedesk/desk/questions/{q['id']}/handover")
    ]
    r = officer.post_form(
        action,
        {"to_user_id": "1", "reason": ""},
        form_page="/servicedesk/desk",
    )
    assert r.status_code == 422
    assert "移交须说明理由" in text_of(r)
    summary = f"问备案时限{unique('')}"
    r = officer.post_form(
        "/servicedesk/desk/logged",
        {
            "channel": "window",
            "asker_name": "何六",
            "division_code": "152200",
            "text": summary,
            "answer": "当场办结。",
        },
        form_page="/servicedesk/desk",
    )
    assert r.status_code == 303

    async def logged() -> dict | None:
        return await Question.select().where(Question.text == summary).first()

    row = asyncio.run(logged())
    assert row is not None
    assert row["channel"] == "window"
    assert row["answer"] == "当场办结。"
    assert row["responder"] is not None


def test_the_admin_sets_up_a_window_and_its_weekly_slots_on_the_page(server, api):
    import asyncio

    from seedreg.core import calendar, clock

    admin = Browser(server)
    admin.login("admin")
    assert "设置办事窗口与预约时段" in text_of(admin.get("/servicedesk/desk"))
    name = f"检疫窗口{unique('')}"
    r = admin.post_form(
        "/servicedesk/admin/windows",
        {"name": name, "place": "服务中心一楼", "hours": "工作日上午", "division_code": "152200"},
        form_page="/servicedesk/admin",
    )
    assert r.status_code == 303
    window = next(w for w in api().get(f"{BASE}/windows").json() if w["name"] == name)
    cal = asyncio.run(calendar.work_calendar())
    first = cal.add_workdays(clock.today(), 1)
    last = first + timedelta(days=13)
    token = admin.csrf("/servicedesk/admin")
    r = admin.post(
        f"/servicedesk/admin/windows/{window['id']}/patterns",
        data={
            "_csrf_token": token,
            "matter_code": "licensing",
            "weekdays": ["0", "2"],
            "starts": "09:00",
            "ends": "10:00",
            "minutes": "30",
            "capacity": "2",
            "first": first.isoformat(),
            "last": last.isoformat(),
        },
    )
    assert r.status_code == 303, r.text[:500]
    slots = api().get(f"{BASE}/slots", params={"window": window["id"]}).json()
    days = {s["day"] for s in slots}
    assert days
    for d in days:
        day = date.fromisoformat(d)
        assert day.weekday() in (0, 2)
        assert cal.is_workday(day)
    assert len(slots) == 2 * len(days)
    officer = Browser(server)
    officer.login("officer_wlht")
    assert officer.get("/servicedesk/admin").status_code == 403
