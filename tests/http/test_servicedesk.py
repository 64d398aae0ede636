"""The service desk through the live server (兴署发〔2021〕5号 Arts. 14, 15, 37, 38): questions
with a named first responder, handover with a reason, the asker (and no one else) sees the
answer; slots never double-booked under 20 parallel requests; cancel frees the seat;
complaints with their deadline, handler, reply and closure; 一次一评 with the 7-day 差评 follow-up.
"""

from __future__ import annotations

import asyncio
import random
from datetime import date, timedelta

import httpx
import pytest

from seedreg.core import calendar, clock
from seedreg.notifications.tables import OutboxSms
from tests.fixtures import every_page, token_for, unique

BASE = "/api/servicedesk"
LIMIT_KEY = "servicedesk.anonymous_per_client_day"


def phone() -> str:
    return f"139{random.randint(0, 10**8 - 1):08d}"


def ok(r: httpx.Response, status: int = 200) -> dict:
    assert r.status_code == status, f"{r.status_code}: {r.text[:600]}"
    return r.json()


@pytest.fixture(autouse=True)
def generous_anonymous_limit(api):
    """The tests share one client address; the rate limit itself is tested on its own."""
    admin = api("admin")
    ok(admin.put(f"/api/settings/{LIMIT_KEY}", json={"value": 1000, "reason": "测试"}))
    try:
        yield
    finally:
        admin.delete(f"/api/settings/{LIMIT_KEY}")


def workdays_after(n: int) -> date:
    cal = asyncio.run(calendar.work_calendar())
    return cal.add_workdays(clock.today(), n)


def outbox(number: str) -> list[str]:
    async def q() -> list[str]:
        rows = await OutboxSms.select(OutboxSms.body).where(OutboxSms.phone == number)
        return [r["body"] for r in rows]

    return asyncio.run(q())


# --- consultations ---------------------------------------------------------------------------


def test_a_public_question_gets_a_deadline_a_first_responder_and_an_answer_by_link(api):
    number = phone()
    q = ok(
        api().post(
            f"{BASE}/questions",
            json={
                "text": "办理生产经营许可需要哪些材料？",
                "matter_code": "licensing",
                "asker_name": "张三",
                "phone": number,
                "division_code": "152201",
            },
        ),
        201,
    )
    assert q["status"] == "open"
    assert q["responder_name"] == ""
    assert q["due_on"] == workdays_after(3).isoformat()  # servicedesk.answer_workdays = 3
    # the official of another banner neither sees nor takes it
    assert api("officer_kyqq").post(f"{BASE}/questions/{q['id']}/take").status_code == 403
    assert q["id"] not in [
        x["id"] for x in every_page(api("officer_kyqq"), f"{BASE}/questions/queue")
    ]
    queue = every_page(api("officer_wlht"), f"{BASE}/questions/queue")
    mine = next(x for x in queue if x["id"] == q["id"])
    assert mine["band"] == "amber"  # 3 working days left: the inbox's "剩5个工作日以内"
    # the first official who takes it owns it; another cannot take or answer it
    taken = ok(api("officer_wlht").post(f"{BASE}/questions/{q['id']}/take"))
    assert taken["status"] == "taken"
    assert taken["responder_name"]
    r = api("officer_league").post(f"{BASE}/questions/{q['id']}/take")
    assert r.status_code == 409
    assert "已由其他工作人员接手" in r.json()["error"]["message"]
    r = api("officer_league").post(
        f"{BASE}/questions/{q['id']}/answer", json={"answer": "见办事指南"}
    )
    assert r.status_code == 403
    answered = ok(
        api("officer_wlht").post(
            f"{BASE}/questions/{q['id']}/answer", json={"answer": "请见办事指南所列材料清单。"}
        )
    )
    assert answered["status"] == "answered"
    # the asker reads it through the link the SMS carries
    assert any(f"/servicedesk/q/{q['token']}" in body for body in outbox(number))
    seen = ok(api().get(f"{BASE}/questions/by-token/{q['token']}"))
    assert seen["answer"] == "请见办事指南所列材料清单。"
    assert api().get(f"{BASE}/questions/by-token/{'x' * 24}").status_code == 404


def test_handover_needs_a_reason_and_moves_ownership(api, personas):
    q = ok(api("alice").post(f"{BASE}/questions", json={"text": "苗木检疫怎么申请？"}), 201)
    ok(api("officer_league").post(f"{BASE}/questions/{q['id']}/take"))
    wlht = _user_id(personas["officer_wlht"].username)
    r = api("officer_league").post(
        f"{BASE}/questions/{q['id']}/handover", json={"to_user_id": wlht, "reason": ""}
    )
    assert r.status_code == 422
    assert "移交须说明理由" in r.text
    # alice's question concerns the league (default): a banner official may not receive it
    r = api("officer_league").post(
        f"{BASE}/questions/{q['id']}/handover", json={"to_user_id": wlht, "reason": "属检疫业务"}
    )
    assert r.status_code == 422
    assert "接手人须为管辖该地区的其他工作人员" in r.text
    admin = _user_id(personas["admin"].username)
    moved = ok(
        api("officer_league").post(
            f"{BASE}/questions/{q['id']}/handover",
            json={"to_user_id": admin, "reason": "属检疫业务，由管理员转检疫站"},
        )
    )
    assert moved["responder_name"] != ""
    # the former responder no longer answers it; the new one does
    r = api("officer_league").post(f"{BASE}/questions/{q['id']}/answer", json={"answer": "已转"})
    assert r.status_code == 403
    ok(api("admin").post(f"{BASE}/questions/{q['id']}/answer", json={"answer": "请向检疫站申请。"}))
    events = _audit("question", q["id"])
    handover = next(e for e in events if e["action"] == "question:handover")
    assert "属检疫业务，由管理员转检疫站" in str(handover["after"])


def test_the_asker_sees_the_answer_in_the_account_and_another_user_cannot(api):
    q = ok(api("alice").post(f"{BASE}/questions", json={"text": "标签怎么打印？"}), 201)
    ok(api("admin").post(f"{BASE}/questions/{q['id']}/take"))
    ok(api("admin").post(f"{BASE}/questions/{q['id']}/answer", json={"answer": "在批次页打印。"}))
    assert ok(api("alice").get(f"{BASE}/questions/{q['id']}"))["answer"] == "在批次页打印。"
    assert q["id"] in [x["id"] for x in every_page(api("alice"), f"{BASE}/questions")]
    assert api("bob").get(f"{BASE}/questions/{q['id']}").status_code == 404
    assert api("officer_kyqq").get(f"{BASE}/questions/{q['id']}").status_code == 404
    assert q["id"] not in [x["id"] for x in every_page(api("bob"), f"{BASE}/questions")]
    assert api("bob").get(f"{BASE}/questions/queue").status_code == 403


def test_phone_and_window_consultations_are_logged_by_officials_only(api):
    entry = {
        "channel": "phone",
        "asker_name": "李四",
        "matter_code": "filing",
        "division_code": "152201",
        "text": "备案需要多久？",
        "answer": "当场办理。",
    }
    logged = ok(api("officer_wlht").post(f"{BASE}/questions/logged", json=entry), 201)
    assert logged["channel"] == "phone"
    assert logged["status"] == "answered"
    assert logged["responder_name"]
    assert api("alice").post(f"{BASE}/questions/logged", json=entry).status_code == 403
    r = api("officer_wlht").post(f"{BASE}/questions/logged", json={**entry, "matter_code": "nope"})
    assert r.status_code == 422
    assert "没有这个办理事项" in r.text


def test_anonymous_questions_are_rate_limited_per_client(api):
    admin = api("admin")
    ok(admin.put(f"/api/settings/{LIMIT_KEY}", json={"value": 1, "reason": "测试"}))
    try:
        body = {"text": "请问窗口几点上班？", "asker_name": "王五", "phone": phone()}
        codes = [api().post(f"{BASE}/questions", json=body).status_code for _ in range(2)]
        assert codes[-1] == 429
        # a signed-in asker is not limited by it
        assert api("alice").post(f"{BASE}/questions", json=body).status_code == 201
    finally:
        ok(admin.put(f"/api/settings/{LIMIT_KEY}", json={"value": 1000, "reason": "测试"}))
    assert api().post(f"{BASE}/questions", json=body).status_code == 201


# --- appointments ----------------------------------------------------------------------------


def _window(api, division: str = "152201") -> int:
    w = ok(
        api("admin").post(
            f"{BASE}/windows",
            json={
                "name": f"许可窗口{unique('')}",
                "place": "政务服务中心二楼",
                "hours": "工作日 8:30-12:00",
                "division_code": division,
            },
        ),
        201,
    )
    return w["id"]


def _one_slot(api, capacity: int) -> dict:
    window = _window(api)
    day = workdays_after(1)
    added = ok(
        api("admin").post(
            f"{BASE}/windows/{window}/patterns",
            json={
                "matter_code": "licensing",
                "weekdays": [0, 1, 2, 3, 4, 5, 6],
                "starts": "09:00",
                "ends": "09:30",
                "minutes": 30,
                "capacity": capacity,
                "first": day.isoformat(),
                "last": day.isoformat(),
            },
        ),
        201,
    )
    assert added["added"] == 1
    return next(s for s in ok(api().get(f"{BASE}/slots", params={"window": window})))


async def _fire(server: str, token: str, slot_id: int, n: int) -> list[httpx.Response]:
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=server, headers=headers, timeout=120) as client:
        return await asyncio.gather(
            *(
                client.post(
                    f"{BASE}/bookings",
                    json={"slot_id": slot_id, "name": f"预约人{i}", "phone": phone()},
                )
                for i in range(n)
            )
        )


def test_twenty_parallel_bookings_of_the_last_seat_give_one(api, server, personas):
    slot = _one_slot(api, capacity=2)
    first = ok(
        api("bob").post(
            f"{BASE}/bookings", json={"slot_id": slot["id"], "name": "甲", "phone": phone()}
        ),
        201,
    )
    assert len(first["code"]) == 8
    token = token_for(server, personas["alice"].username)
    responses = asyncio.run(_fire(server, token, slot["id"], 20))
    codes = sorted(r.status_code for r in responses)
    assert codes == [201] + [409] * 19, [r.text[:200] for r in responses]
    assert all("已约满" in r.json()["error"]["message"] for r in responses if r.status_code == 409)
    after = next(s for s in ok(api().get(f"{BASE}/slots", params={"window": slot["window_id"]})))
    assert after["free"] == 0


def test_cancel_frees_the_seat_and_window_staff_mark_arrival(api):
    slot = _one_slot(api, capacity=1)
    number = phone()
    b = ok(
        api().post(
            f"{BASE}/bookings", json={"slot_id": slot["id"], "name": "赵六", "phone": number}
        ),
        201,
    )
    r = api().post(
        f"{BASE}/bookings", json={"slot_id": slot["id"], "name": "钱七", "phone": phone()}
    )
    assert r.status_code == 409
    # only with the phone it was booked with
    assert (
        api().post(f"{BASE}/bookings/{b['code']}/cancel", json={"phone": phone()}).status_code
        == 404
    )
    cancelled = ok(api().post(f"{BASE}/bookings/{b['code']}/cancel", json={"phone": number}))
    assert cancelled["status"] == "cancelled"
    again = ok(
        api().post(
            f"{BASE}/bookings", json={"slot_id": slot["id"], "name": "钱七", "phone": number}
        ),
        201,
    )
    day = slot["day"]
    names = [
        x["name"]
        for x in ok(
            api("officer_wlht").get(
                f"{BASE}/windows/{slot['window_id']}/bookings", params={"day": day}
            )
        )
    ]
    assert names == ["钱七"]
    assert (
        api("officer_kyqq")
        .get(f"{BASE}/windows/{slot['window_id']}/bookings", params={"day": day})
        .status_code
        == 403
    )
    # not before the day
    r = api("officer_wlht").post(
        f"{BASE}/bookings/{again['code']}/mark", json={"status": "arrived"}
    )
    assert r.status_code == 422


# --- complaints and ratings ------------------------------------------------------------------


def test_a_complaint_has_a_deadline_a_handler_a_reply_and_closure(api):
    number = phone()
    c = ok(
        api().post(
            f"{BASE}/complaints",
            json={
                "complainant_name": "孙八",
                "phone": number,
                "about": "person",
                "about_text": "窗口工作人员",
                "division_code": "152201",
                "text": "办理时态度生硬，多次让我补材料。",
                "alleged_violation": True,
                "allegation": "索要额外费用",
            },
        ),
        201,
    )
    assert c["due_on"] == workdays_after(15).isoformat()  # servicedesk.complaint_workdays = 15
    assert c["alleged_violation"]
    assert c["allegation"] == "索要额外费用"
    queue = every_page(api("officer_wlht"), f"{BASE}/complaints/queue")
    assert c["id"] in [x["id"] for x in queue]
    assert c["id"] not in [
        x["id"] for x in every_page(api("officer_kyqq"), f"{BASE}/complaints/queue")
    ]
    r = api("officer_wlht").post(
        f"{BASE}/complaints/{c['id']}/reply", json={"reply": "已核实整改。"}
    )
    assert r.status_code == 403  # take it first
    ok(api("officer_wlht").post(f"{BASE}/complaints/{c['id']}/take"))
    assert api("officer_league").post(f"{BASE}/complaints/{c['id']}/take").status_code == 409
    assert api("officer_wlht").post(f"{BASE}/complaints/{c['id']}/close").status_code == 422
    replied = ok(
        api("officer_wlht").post(
            f"{BASE}/complaints/{c['id']}/reply", json={"reply": "已核实，对该工作人员批评教育。"}
        )
    )
    assert replied["status"] == "replied"
    assert any(f"/servicedesk/c/{c['token']}" in body for body in outbox(number))
    assert ok(api().get(f"{BASE}/complaints/by-token/{c['token']}"))["reply"].startswith("已核实")
    closed = ok(api("officer_wlht").post(f"{BASE}/complaints/{c['id']}/close"))
    assert closed["status"] == "closed"


def test_a_complaint_alleging_a_violation_names_the_facts(api):
    r = api("alice").post(
        f"{BASE}/complaints",
        json={
            "phone": phone(),
            "about": "office",
            "about_text": "某旗林草局",
            "text": "长期不予受理。",
            "alleged_violation": True,
        },
    )
    assert r.status_code == 422
    assert "涉嫌违法的事实" in r.text


def test_a_poor_rating_of_a_consultation_is_followed_up_within_seven_days(api):
    q = ok(
        api().post(
            f"{BASE}/questions",
            json={
                "text": "许可证延续怎么办？",
                "asker_name": "周九",
                "phone": phone(),
                "division_code": "152201",
            },
        ),
        201,
    )
    r = api().post(f"{BASE}/questions/by-token/{q['token']}/rating", json={"score": 1})
    assert r.status_code == 422  # not answered yet
    ok(api("officer_wlht").post(f"{BASE}/questions/{q['id']}/take"))
    ok(
        api("officer_wlht").post(
            f"{BASE}/questions/{q['id']}/answer", json={"answer": "到期前30日申请。"}
        )
    )
    rating = ok(
        api().post(
            f"{BASE}/questions/by-token/{q['token']}/rating",
            json={"score": 2, "comment": "答复太简单"},
        ),
        201,
    )
    assert rating["follow_up_due"] == (clock.today() + timedelta(days=7)).isoformat()
    again = api().post(f"{BASE}/questions/by-token/{q['token']}/rating", json={"score": 5})
    assert again.status_code == 409  # 一次一评
    poor = ok(api("officer_wlht").get(f"{BASE}/ratings/poor"))
    assert rating["id"] in [x["id"] for x in poor]
    assert rating["id"] not in [
        x["id"] for x in ok(api("officer_kyqq").get(f"{BASE}/ratings/poor"))
    ]
    done = ok(
        api("officer_wlht").post(
            f"{BASE}/ratings/{rating['id']}/follow-up",
            json={"answer": "已补充完整答复并电话说明。"},
        )
    )
    assert done["follow_up_answer"].startswith("已补充")
    assert rating["id"] not in [
        x["id"] for x in ok(api("officer_wlht").get(f"{BASE}/ratings/poor"))
    ]


def _user_id(username: str) -> int:
    from seedreg.accounts.tables import User

    async def q() -> int:
        row = await User.select(User.id).where(User.username == username).first()
        assert row
        return row["id"]

    return asyncio.run(q())


def _audit(subject: str, subject_id: int) -> list[dict]:
    from seedreg.core.audit.services import history

    return asyncio.run(history(subject, subject_id))


def test_staff_record_a_complaint_on_someones_behalf(api):
    c = ok(
        api("officer_wlht").post(
            f"{BASE}/complaints",
            json={
                "complainant_name": "刘大",
                "phone": phone(),
                "about": "matter",
                "matter_code": "licensing",
                "division_code": "152201",
                "text": "电话反映许可办理超期。",
            },
        ),
        201,
    )
    assert c["complainant_name"] == "刘大"
    # recorded by staff: the complainant is not the official's account
    assert api("officer_wlht").get(f"{BASE}/complaints/{c['id']}").status_code == 200
    assert api("alice").get(f"{BASE}/complaints/{c['id']}").status_code == 404
    r = api("officer_wlht").post(
        f"{BASE}/complaints",
        json={
            "phone": phone(),
            "about": "matter",
            "matter_code": "licensing",
            "text": "无姓名投诉",
        },
    )
    assert r.status_code == 422
    assert "请填写投诉人姓名" in r.text


def test_an_official_assigns_a_complaint_to_a_named_handler(api, personas):
    c = ok(
        api().post(
            f"{BASE}/complaints",
            json={
                "complainant_name": "吕九",
                "phone": phone(),
                "about": "office",
                "about_text": "某窗口",
                "division_code": "152201",
                "text": "窗口无人值守。",
            },
        ),
        201,
    )
    kyqq = _user_id(personas["officer_kyqq"].username)
    wlht = _user_id(personas["officer_wlht"].username)
    r = api("officer_league").post(f"{BASE}/complaints/{c['id']}/assign", json={"to_user_id": kyqq})
    assert r.status_code == 422
    assert "承办人须为管辖该地区的工作人员" in r.text
    assigned = ok(
        api("officer_league").post(f"{BASE}/complaints/{c['id']}/assign", json={"to_user_id": wlht})
    )
    assert assigned["status"] == "assigned"
    assert assigned["handler"] == wlht
    # the named handler replies; the one who assigned it does not
    r = api("officer_league").post(
        f"{BASE}/complaints/{c['id']}/reply", json={"reply": "已处理好了"}
    )
    assert r.status_code == 403
    ok(
        api("officer_wlht").post(
            f"{BASE}/complaints/{c['id']}/reply", json={"reply": "已安排专人值守。"}
        )
    )
    events = [e["action"] for e in _audit("complaint", c["id"])]
    assert events == ["complaint:create", "complaint:assign", "complaint:reply"]
