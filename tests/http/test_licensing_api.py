"""Licensing through the JSON API of the live server, as each role would use it.

The whole life of a licence (核发 → 延续 → 变更 → 注销), every refusal the officers and the
rules must give, uploads, 好差评, notifications, and who may reach alice's records.
"""

from __future__ import annotations

import asyncio
import random
import re
import struct
import zlib
from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from seedreg.accounts.tables import User
from seedreg.core import clock
from seedreg.licensing.api import HANDLERS
from seedreg.licensing.rules import licence_validity
from seedreg.matters.tables import Application
from seedreg.notifications.tables import Notification
from seedreg.settings import get_settings

APPS = "/api/licensing/applications"
CHINESE = re.compile(r"[\u4e00-\u9fff]")
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ALICE_ORG_NAME = "alice林木种苗有限公司"


def png_bytes(width: int = 3, height: int = 2) -> bytes:
    """A real, tiny RGB PNG (made by hand, so the bytes are known exactly)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    raw = b"".join(b"\x00" + bytes([200, 30, 30] * width) for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def issue_details(**changes: object) -> dict:
    details = {
        "legal_representative": "张三",
        "registered_address": "乌兰浩特市兴安南大路1号",
        "scope": ["seedling"],
        "species": ["樟子松", "兴安落叶松"],
        "production_sites": [
            {
                "division_code": "152201",
                "township": "义勒力特镇",
                "village": "红星村",
                "detail": "3号地块",
            }
        ],
        "valid_area": ["152201"],
    }
    return details | changes


def ok(response, status: int = 200) -> dict:
    assert response.status_code == status, f"{response.status_code}: {response.text[:800]}"
    return response.json()


def refused(response, status: int, *fragments: str) -> str:
    """The API's error shape with a Chinese message containing every fragment."""
    assert response.status_code == status, f"{response.status_code}: {response.text[:800]}"
    error = response.json()["error"]
    assert error["status"] == status
    message = error["message"]
    assert CHINESE.search(message), message
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in {message!r}"
    return message


def today() -> date:
    return clock.today()


@pytest.fixture(scope="module")
def c(api, personas) -> SimpleNamespace:
    """Signed-in clients for every role this file uses, and the two officers' user ids."""
    ns = SimpleNamespace(
        alice=api("alice"),
        bob=api("bob"),
        wlht=api("officer_wlht"),
        league=api("officer_league"),
        kyqq=api("officer_kyqq"),
        anon=api(),
    )
    ns.wlht_id = ok(ns.wlht.get("/api/me"))["id"]
    ns.league_id = ok(ns.league.get("/api/me"))["id"]
    ns.kyqq_id = ok(ns.kyqq.get("/api/me"))["id"]
    ns.alice_org = personas["alice"].organisation_id
    ns.bob_org = personas["bob"].organisation_id
    return ns


def workdays_after(c, start: date, n: int) -> date:
    """The deadline as the server's calendar (package + administrator overrides) counts it."""
    r = c.anon.get("/api/calendar/deadline", params={"start": start.isoformat(), "workdays": n})
    return date.fromisoformat(ok(r)["due"])


# --- building blocks -------------------------------------------------------------------------


def draft(c, kind: str = "issue", **fields: object) -> dict:
    payload = {"kind": kind, **fields}
    if kind == "issue" and "details" not in payload:
        payload["details"] = issue_details()
    app = ok(c.alice.post(APPS, json=payload), 201)
    assert app["status"] == "draft"
    return app


def act(client, app_id: int, step: str, payload: dict | None = None, status: int = 200) -> dict:
    return ok(client.post(f"{APPS}/{app_id}/{step}", json=payload), status)


def submitted(c, kind: str = "issue", **fields: object) -> dict:
    app = draft(c, kind, **fields)
    out = act(c.alice, app["id"], "submit")
    assert out["status"] == "submitted"
    return out


def accepted(c, kind: str = "issue", **fields: object) -> dict:
    app = submitted(c, kind, **fields)
    out = act(c.wlht, app["id"], "accept")
    assert out["status"] == "accepted"
    return out


def granted(c, kind: str = "issue", **fields: object) -> dict:
    app = accepted(c, kind, **fields)
    out = act(c.wlht, app["id"], "grant")
    assert out["status"] == "granted"
    return out


def upload(client, app_id: int, name: str, content: bytes, item: str = "A01", mime: str = ""):
    return client.post(
        f"{APPS}/{app_id}/materials",
        files={"file": (name, content, mime or "application/pdf")},
        data={"item_code": item},
    )


def licence(client, licence_id: int) -> dict:
    return ok(client.get(f"/api/licensing/licences/{licence_id}"))


# --- the whole life of a licence --------------------------------------------------------------


def test_the_whole_life_of_a_licence_issue_renew_change_cancel(c):
    day = today()
    # 核发: alice drafts and submits with the application form attached.
    app = draft(c)
    assert re.fullmatch(rf"SQ{day.year}\d{{6}}", app["reference"])
    assert app["organisation_name"] == ALICE_ORG_NAME
    assert app["at_counter"] is False
    material = ok(upload(c.alice, app["id"], "申请表.pdf", PDF), 201)
    assert (material["content_type"], material["size"]) == ("application/pdf", len(PDF))
    app = act(c.alice, app["id"], "submit")
    assert app["status"] == "submitted"
    assert app["received_on"] == day.isoformat()
    assert app["intake_due"] == workdays_after(c, day, 1).isoformat()

    # 一次性告知补正, then a narrower second notice is allowed, a wider one is not.
    app = act(
        c.wlht,
        app["id"],
        "supplement",
        {"items": ["A04", "A06"], "notes": {"A04": "缺少土地租赁合同"}},
    )
    assert app["status"] == "supplement_requested"
    assert app["supplement_items"] == ["A04", "A06"]
    assert [n["kind"] for n in app["notices"]] == ["supplement"]
    assert re.fullmatch(rf"乌林草许补〔{day.year}〕[1-9]\d*号", app["notices"][0]["number"])
    app = act(c.alice, app["id"], "resubmit")
    assert app["status"] == "submitted"
    refused(
        c.wlht.post(f"{APPS}/{app['id']}/supplement", json={"items": ["A05"]}),
        422,
        "首次补正通知",
    )

    # 受理: the statutory clock starts (20 working days).
    app = act(c.wlht, app["id"], "accept")
    assert app["status"] == "accepted"
    assert app["accepted_on"] == day.isoformat()
    assert app["statutory_due"] == workdays_after(c, day, 20).isoformat()
    assert app["promised_due"] == workdays_after(c, day, 10).isoformat()
    assert [n["kind"] for n in app["notices"]] == ["supplement", "acceptance"]

    # Site check by two officers of the jurisdiction (a banner officer and a league officer).
    app = act(
        c.wlht,
        app["id"],
        "site-check",
        {
            "checked_on": day.isoformat(),
            "officer_ids": [c.wlht_id, c.league_id],
            "findings": "现场设施与申报一致",
        },
    )
    assert {o["id"] for o in app["site_check"]["officers"]} == {c.wlht_id, c.league_id}

    # 准予许可: the licence number is the bureau's code, the year, a 4-digit sequence.
    app = act(c.wlht, app["id"], "grant")
    assert app["status"] == "granted"
    assert app["decided_on"] == day.isoformat()
    assert [n["kind"] for n in app["notices"]] == ["supplement", "acceptance", "grant"]
    lic = licence(c.alice, app["licence_id"])
    number = lic["number"]
    assert re.fullmatch(r"^152201\d{4}\d{4}$", number), number
    assert number[6:10] == str(day.year)
    assert lic["status"] == "valid"
    assert lic["holder_name"] == ALICE_ORG_NAME
    assert lic["valid_from"] == day.isoformat()
    first_valid_to = date.fromisoformat(lic["valid_to"])
    assert first_valid_to == licence_validity(day, 5)  # five years less a day
    assert lic["issuing_authority"] == "乌兰浩特市林业和草原局"
    assert lic["verify_url"].endswith(f"/verify/licences/{lic['public_id']}")
    assert licence(c.wlht, lic["id"])["number"] == number

    # 延续: well ahead of expiry; the same number, five more years.
    renewal = granted(c, "renewal", licence_id=lic["id"])
    assert renewal["licence_id"] == lic["id"]
    assert renewal["renewal_deemed"] is False
    lic = licence(c.alice, lic["id"])
    assert lic["number"] == number
    assert date.fromisoformat(lic["valid_to"]) == licence_validity(
        first_valid_to + timedelta(days=1), 5
    )
    assert date.fromisoformat(lic["valid_to"]).year == first_valid_to.year + 5

    # 变更: a new production site, the change reported with its date and summary.
    new_site = {
        "division_code": "152201",
        "township": "葛根庙镇",
        "village": "前进村",
        "detail": "新建苗圃",
    }
    change = draft(
        c,
        "change",
        licence_id=lic["id"],
        details=issue_details(
            production_sites=[new_site],
            change_occurred_on=(day - timedelta(days=3)).isoformat(),
            change_summary="生产地点由义勒力特镇迁至葛根庙镇",
        ),
    )
    act(c.alice, change["id"], "submit")
    act(c.wlht, change["id"], "accept")
    act(c.wlht, change["id"], "grant")
    lic = licence(c.alice, lic["id"])
    assert lic["number"] == number
    assert lic["production_sites"] == [new_site]
    assert lic["status"] == "valid"

    # A change without its date and summary cannot be submitted.
    incomplete = draft(c, "change", licence_id=lic["id"])
    refused(c.alice.post(f"{APPS}/{incomplete['id']}/submit"), 422, "变更事项和发生日期")

    # 注销: reason required; afterwards the licence is cancelled, publicly too.
    no_reason = draft(c, "cancellation", licence_id=lic["id"])
    refused(c.alice.post(f"{APPS}/{no_reason['id']}/submit"), 422, "注销申请须说明理由")
    cancel = draft(
        c,
        "cancellation",
        licence_id=lic["id"],
        details=issue_details(
            production_sites=[new_site], cancellation_reason="停止林木种苗生产经营"
        ),
    )
    act(c.alice, cancel["id"], "submit")
    act(c.wlht, cancel["id"], "accept")
    act(c.wlht, cancel["id"], "grant")
    lic = licence(c.alice, lic["id"])
    assert (lic["number"], lic["status"], lic["status_label"]) == (number, "cancelled", "已注销")
    assert lic["status_reason"] == "停止林木种苗生产经营"
    public = ok(c.anon.get(f"/api/public/licences/{lic['public_id']}"))
    assert public["licence"]["number"] == number
    assert public["licence"]["status"] == "cancelled"
    assert public["licence"]["status_label"] == "已注销"
    register = ok(c.anon.get("/api/public/licences", params={"number": number}))
    assert [(i["number"], i["status"]) for i in register["items"]] == [(number, "cancelled")]

    # Nothing more can be applied for on a cancelled licence.
    for kind in ("renewal", "change", "cancellation"):
        r = c.alice.post(APPS, json={"kind": kind, "licence_id": lic["id"]})
        assert r.status_code in (409, 422), r.text
        refused(r, r.status_code, "已注销")
    assert licence(c.alice, lic["id"])["status"] == "cancelled"

    # A decided application stays decided.
    refused(c.wlht.post(f"{APPS}/{cancel['id']}/grant"), 409, "准予许可")


# --- decisions that must be refused -----------------------------------------------------------


def test_an_officer_refuses_with_reasons_and_the_decision_is_final(c):
    app = accepted(c)
    refused(c.wlht.post(f"{APPS}/{app['id']}/refuse", json={"reasons": "短"}), 422)
    out = act(
        c.wlht, app["id"], "refuse", {"reasons": "生产用地权属证明与实地不符，不符合法定条件"}
    )
    assert out["status"] == "refused"
    assert out["status_label"] == "不予许可"
    assert out["reasons"] == "生产用地权属证明与实地不符，不符合法定条件"
    assert out["licence_id"] is None
    assert [n["kind"] for n in out["notices"]] == ["acceptance", "refusal"]
    refused(c.wlht.post(f"{APPS}/{app['id']}/grant"), 409, "不予许可")
    refused(
        c.wlht.post(f"{APPS}/{app['id']}/refuse", json={"reasons": "再次不予许可的理由"}),
        409,
        "不予许可",
    )


def test_intake_is_rejected_with_the_competent_authority_named(c):
    app = submitted(c)
    out = act(
        c.wlht,
        app["id"],
        "reject",
        {
            "reasons": "申请事项不属于本机关职权范围",
            "competent_authority": "内蒙古自治区林业和草原局",
        },
    )
    assert out["status"] == "rejected_intake"
    assert out["competent_authority"] == "内蒙古自治区林业和草原局"
    assert out["reasons"] == "申请事项不属于本机关职权范围"
    assert [n["kind"] for n in out["notices"]] == ["rejection"]
    refused(c.wlht.post(f"{APPS}/{app['id']}/accept"), 409, "不予受理")


def test_the_applicant_withdraws_and_nothing_more_happens(c):
    app = submitted(c)
    refused(c.wlht.post(f"{APPS}/{app['id']}/withdraw"), 403, "申请人")
    out = act(c.alice, app["id"], "withdraw")
    assert out["status"] == "withdrawn"
    assert out["decided_on"] == today().isoformat()
    refused(c.wlht.post(f"{APPS}/{app['id']}/accept"), 409, "已撤回")
    refused(c.alice.post(f"{APPS}/{app['id']}/withdraw"), 409, "已撤回")
    refused(c.alice.post(f"{APPS}/{app['id']}/rating", json={"score": 5}), 422, "办结后")


def test_a_granted_application_cannot_be_granted_or_refused_again(c):
    app = granted(c)
    licence_id = app["licence_id"]
    refused(c.wlht.post(f"{APPS}/{app['id']}/grant"), 409, "准予许可")
    refused(
        c.wlht.post(f"{APPS}/{app['id']}/refuse", json={"reasons": "事后改为不予许可"}),
        409,
        "准予许可",
    )
    refused(c.alice.post(f"{APPS}/{app['id']}/withdraw"), 409)
    again = ok(c.alice.get(f"{APPS}/{app['id']}"))
    assert (again["status"], again["licence_id"]) == ("granted", licence_id)
    assert [n["kind"] for n in again["notices"]] == ["acceptance", "grant"]


def test_a_paused_application_cannot_be_granted_until_resumed(c):
    app = accepted(c)
    out = act(c.wlht, app["id"], "pause", {"ground": "quarantine", "reason": "等待检疫检验结果"})
    assert out["paused"] is True
    assert [n["kind"] for n in out["notices"]] == ["acceptance", "pause"]
    refused(c.wlht.post(f"{APPS}/{app['id']}/grant"), 422, "中止")
    again = {"ground": "testing", "reason": "再次中止审查"}
    refused(c.wlht.post(f"{APPS}/{app['id']}/pause", json=again), 422)
    assert ok(c.alice.get(f"{APPS}/{app['id']}"))["status"] == "accepted"
    out = act(c.wlht, app["id"], "resume")
    assert out["paused"] is False
    # Paused and resumed the same day: the deadline did not move.
    assert out["statutory_due"] == app["statutory_due"]
    assert act(c.wlht, app["id"], "grant")["status"] == "granted"


def test_a_pause_names_one_ground_of_article_45_and_a_site_check_is_none(c):
    app = accepted(c)
    url = f"{APPS}/{app['id']}/pause"
    # No ground: refused, naming the closed list and the article.
    refused(c.wlht.post(url, json={"reason": "等待现场核查"}), 422, "第四十五条", "专家评审")
    # 现场核查 is not a ground (行政许可法 Art. 34 runs inside the 20 days).
    refused(c.wlht.post(url, json={"ground": "site_check", "reason": "等待现场核查"}), 422)
    after = ok(c.alice.get(f"{APPS}/{app['id']}"))
    assert after["paused"] is False
    assert [n["kind"] for n in after["notices"]] == ["acceptance"]
    # A site check leaves the deadline where it was.
    checked = act(
        c.wlht,
        app["id"],
        "site-check",
        {
            "checked_on": today().isoformat(),
            "officer_ids": [c.wlht_id, c.league_id],
            "findings": "现场与申请一致",
        },
    )
    assert (checked["paused"], checked["statutory_due"]) == (False, app["statutory_due"])
    out = act(c.wlht, app["id"], "pause", {"ground": "expert_review", "reason": "组织专家论证"})
    assert out["paused"] is True


PENDING_SETTING = "/api/settings/licensing.conditional_acceptance_workdays"


def set_pending_due(app_id: int, day: date) -> None:
    """Let the 容缺 deadline pass (the only way in a test: move it into the past)."""

    async def update() -> None:
        await Application.update({Application.pending_due: day}).where(Application.id == app_id)

    asyncio.run(update())


def test_a_conditional_acceptance_stores_its_deadline_and_flags_it_once_passed(c, api):
    """兴署发〔2021〕5号 Art. 16(三): the deadline is kept (local setting, default 5 working days);
    once it passes with the items missing the inbox says so, and the officer decides."""
    out = act(c.wlht, submitted(c)["id"], "conditional-accept", {"pending_items": ["A04"]})
    assert out["pending_due"] == workdays_after(c, today(), 5).isoformat()
    assert out["pending_overdue"] is False
    [acceptance] = [n for n in out["notices"] if n["kind"] == "acceptance"]

    admin = api("admin")
    try:
        ok(admin.put(PENDING_SETTING, json={"value": 3, "reason": "测试"}))
        other = act(c.wlht, submitted(c)["id"], "conditional-accept", {"pending_items": ["A04"]})
        assert other["pending_due"] == workdays_after(c, today(), 3).isoformat()
    finally:
        assert admin.delete(PENDING_SETTING).status_code in (200, 204)

    set_pending_due(out["id"], today() - timedelta(days=1))
    assert ok(c.wlht.get(f"{APPS}/{out['id']}"))["pending_overdue"] is True
    params = {"open_only": "true", "pending_overdue": "true"}
    listed = {a["id"]: a for a in ok(c.wlht.get(APPS, params=params))["items"]}
    assert out["id"] in listed
    assert other["id"] not in listed
    assert listed[out["id"]]["pending_overdue"] is True

    # The missing item arrives: no deadline left to pass, off the list.
    assert upload(c.alice, out["id"], "租赁合同.pdf", PDF, item="A04").status_code == 201
    after = ok(c.wlht.get(f"{APPS}/{out['id']}"))
    assert (after["pending_due"], after["pending_overdue"]) == (None, False)
    assert out["id"] not in {a["id"] for a in ok(c.wlht.get(APPS, params=params))["items"]}
    assert acceptance["id"] in [n["id"] for n in after["notices"]]  # its notice keeps the day


def test_the_review_period_is_extended_once_only(c):
    app = accepted(c)
    out = act(c.wlht, app["id"], "extend", {"reasons": "需要组织专家评审"})
    assert out["extended"] is True
    assert out["statutory_due"] == workdays_after(c, today(), 30).isoformat()
    assert [n["kind"] for n in out["notices"]] == ["acceptance", "extension"]
    refused(
        c.wlht.post(f"{APPS}/{app['id']}/extend", json={"reasons": "还需要再延长一次"}),
        422,
        "只能延长一次",
    )
    assert ok(c.alice.get(f"{APPS}/{app['id']}"))["statutory_due"] == out["statutory_due"]


def test_a_site_check_needs_two_officers_of_the_jurisdiction(c):
    app = accepted(c)
    url = f"{APPS}/{app['id']}/site-check"

    def check(ids: list[int]):
        return c.wlht.post(
            url,
            json={"checked_on": today().isoformat(), "officer_ids": ids, "findings": "现场一致"},
        )

    refused(check([c.wlht_id]), 422, "officer_ids")  # one officer: the schema refuses
    refused(check([c.wlht_id, c.wlht_id]), 422, "两名以上本辖区工作人员")  # the same one twice
    refused(check([c.wlht_id, c.kyqq_id]), 422, "两名以上本辖区工作人员")  # another banner
    refused(
        c.wlht.post(
            url,
            json={
                "checked_on": (today() + timedelta(days=1)).isoformat(),
                "officer_ids": [c.wlht_id, c.league_id],
                "findings": "现场一致",
            },
        ),
        422,
        "晚于今天",
    )
    assert ok(c.alice.get(f"{APPS}/{app['id']}"))["site_check"] is None
    out = ok(check([c.league_id, c.wlht_id]))
    assert out["site_check"]["checked_on"] == today().isoformat()


def test_an_improved_variety_licence_cannot_be_granted_by_a_banner_bureau(c):
    app = accepted(
        c,
        details=issue_details(
            scope=["seed", "seedling"],
            varieties=[
                {
                    "species": "樟子松",
                    "variety": "樟子松红花尔基种源",
                    "approval_number": "蒙S-SP-PS-001-2015",
                }
            ],
        ),
    )
    refused(c.wlht.post(f"{APPS}/{app['id']}/grant"), 422, "自治区林业和草原局")
    still = ok(c.alice.get(f"{APPS}/{app['id']}"))
    assert (still["status"], still["licence_id"]) == ("accepted", None)


def test_only_officers_decide(c):
    app = submitted(c)
    refused(c.alice.post(f"{APPS}/{app['id']}/accept"), 403, "审批人员")
    refused(
        c.alice.post(f"{APPS}/{app['id']}/supplement", json={"items": ["A04"]}), 403, "审批人员"
    )
    app = act(c.wlht, app["id"], "accept")
    refused(c.alice.post(f"{APPS}/{app['id']}/grant"), 403, "审批人员")
    assert ok(c.alice.get(f"{APPS}/{app['id']}"))["status"] == "accepted"


# --- 好差评 -------------------------------------------------------------------------------------


def _compliance_row(c) -> dict:
    rows = ok(c.wlht.get("/api/licensing/compliance"))
    assert {r["division_code"] for r in rows} <= {"152201"}
    return next(r for r in rows if r["division_code"] == "152201")


def test_a_poor_rating_opens_a_follow_up_the_officer_answers(c):
    app = granted(c)
    before = _compliance_row(c)
    refused(c.wlht.post(f"{APPS}/{app['id']}/rating", json={"score": 1}), 403, "申请人")
    rating = ok(
        c.alice.post(f"{APPS}/{app['id']}/rating", json={"score": 1, "comment": "太慢"}), 201
    )
    assert rating["score"] == 1
    assert rating["follow_up_due"] == (today() + timedelta(days=7)).isoformat()
    assert rating["answered_at"] is None
    refused(c.alice.post(f"{APPS}/{app['id']}/rating", json={"score": 5}), 409, "已评价")

    opened = _compliance_row(c)
    assert opened["ratings"] == before["ratings"] + 1
    assert opened["poor"] == before["poor"] + 1
    assert opened["poor_open"] == before["poor_open"] + 1
    assert opened["decided"] == before["decided"]
    assert opened["on_time"] == before["on_time"]

    refused(
        c.alice.post(f"{APPS}/{app['id']}/rating/answer", json={"answer": "自己答复自己"}),
        403,
    )
    answer = ok(
        c.wlht.post(
            f"{APPS}/{app['id']}/rating/answer", json={"answer": "已核实，窗口已优化办理流程"}
        )
    )
    assert answer["follow_up_answer"] == "已核实，窗口已优化办理流程"
    assert answer["answered_at"] is not None
    assert answer["answered_by"] == c.wlht_id
    refused(
        c.wlht.post(f"{APPS}/{app['id']}/rating/answer", json={"answer": "再答复一次"}),
        422,
        "已反馈",
    )
    answered = _compliance_row(c)
    assert answered["poor_open"] == before["poor_open"]
    assert answered["poor"] == before["poor"] + 1


def test_a_good_rating_needs_no_follow_up(c):
    app = granted(c)
    before = _compliance_row(c)
    rating = ok(c.alice.post(f"{APPS}/{app['id']}/rating", json={"score": 5}), 201)
    assert rating["follow_up_due"] is None
    refused(
        c.wlht.post(f"{APPS}/{app['id']}/rating/answer", json={"answer": "无需整改反馈"}),
        422,
        "只有差评",
    )
    after = _compliance_row(c)
    assert (after["good"], after["poor"]) == (before["good"] + 1, before["poor"])


def test_the_compliance_report_is_for_officials_of_their_own_reach(c):
    granted(c)  # alice's banner (152201) has a decided application whatever ran before
    refused(c.alice.get("/api/licensing/compliance"), 403)
    rows = ok(c.kyqq.get("/api/licensing/compliance"))
    assert all(r["division_code"] == "152221" for r in rows)
    league = ok(c.league.get("/api/licensing/compliance"))
    assert "152201" in {r["division_code"] for r in league}


# --- notifications ------------------------------------------------------------------------------


async def _notifications_of(user_id: int) -> list[dict]:
    return (
        await Notification.select(Notification.title, Notification.body, Notification.link)
        .where(Notification.user == user_id)
        .order_by(Notification.id)
    )


async def test_alice_is_notified_in_the_app_at_every_step(c):
    alice = await User.select(User.id).where(User.username == "alice").first()
    seen = len(await _notifications_of(alice["id"]))

    async def expect(title: str, app: dict) -> None:
        nonlocal seen
        rows = await _notifications_of(alice["id"])
        assert len(rows) == seen + 1, [r["title"] for r in rows[seen:]]
        assert rows[-1]["title"] == title
        assert rows[-1]["link"] == f"/licensing/applications/{app['id']}"
        seen += 1

    app = draft(c)
    assert len(await _notifications_of(alice["id"])) == seen  # a draft tells no one
    app = act(c.alice, app["id"], "submit")
    await expect("申请已提交", app)
    act(c.wlht, app["id"], "supplement", {"items": ["A04"]})
    await expect("请补正材料", app)
    act(c.alice, app["id"], "resubmit")
    await expect("补正材料已提交", app)
    app = act(c.wlht, app["id"], "accept")
    await expect("申请已受理", app)
    assert app["statutory_due"] in (await _notifications_of(alice["id"]))[-1]["body"]
    act(c.wlht, app["id"], "grant")
    await expect("准予许可", app)
    refused(c.wlht.post(f"{APPS}/{app['id']}/grant"), 409)
    assert len(await _notifications_of(alice["id"])) == seen  # a refused step tells no one

    other = submitted(c)
    await expect("申请已提交", other)
    act(c.wlht, other["id"], "reject", {"reasons": "不属于本机关职权范围"})
    await expect("申请不予受理", other)

    # Nobody outside alice's organisation hears of her applications.
    bob = await User.select(User.id).where(User.username == "bob").first()
    for row in await _notifications_of(bob["id"]):
        assert app["reference"] not in row["body"]
        assert other["reference"] not in row["body"]


# --- uploads ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def upload_target(c) -> dict:
    return draft(c)


def stored_files() -> set[str]:
    """What the server keeps in its uploads folder (the same var dir as this process)."""
    folder = get_settings().var_dir / "uploads"
    return {p.name for p in folder.iterdir()} if folder.exists() else set()


@pytest.fixture
def no_file_left_behind():
    before = stored_files()
    yield
    assert stored_files() == before, "a refused upload left a file in the uploads folder"


def test_an_executable_renamed_to_pdf_is_refused(c, upload_target, no_file_left_behind):
    exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200
    exe += b"PE\x00\x00" + b"\x00" * 200
    r = upload(c.alice, upload_target["id"], "申请表.pdf", exe)
    refused(r, 422, "只接受PDF、JPEG、PNG")
    assert ok(c.alice.get(f"{APPS}/{upload_target['id']}"))["materials"] == []


def test_an_oversize_file_is_refused_with_a_clear_message(c, upload_target, no_file_left_behind):
    big = PDF + b"0" * (10_500_000 - len(PDF))  # 10.5 MB: over 10 MB, under the 12 MB request cap
    refused(upload(c.alice, upload_target["id"], "申请表.pdf", big), 422, "超过10MB上限")
    huge = PDF + b"0" * (13_000_000 - len(PDF))  # over the request cap itself
    refused(upload(c.alice, upload_target["id"], "申请表.pdf", huge), 413, "过大")
    refused(upload(c.alice, upload_target["id"], "申请表.pdf", b""), 422)
    assert ok(c.alice.get(f"{APPS}/{upload_target['id']}"))["materials"] == []


@pytest.mark.parametrize(
    "name", ["../../etc/passwd.pdf", "a/b.pdf", "..\\..\\boot.pdf", "a\\b.pdf", "..pdf"]
)
def test_a_file_name_naming_a_path_is_refused(c, upload_target, no_file_left_behind, name):
    refused(upload(c.alice, upload_target["id"], name, PDF), 422, "文件名不合法")
    assert ok(c.alice.get(f"{APPS}/{upload_target['id']}"))["materials"] == []


def test_an_unknown_material_item_is_refused(c, upload_target, no_file_left_behind):
    refused(upload(c.alice, upload_target["id"], "x.pdf", PDF, item="Z99"), 422, "材料清单")
    refused(upload(c.alice, upload_target["id"], "x.pdf", PDF, item="A09"), 422, "材料清单")


def test_a_png_comes_back_byte_identical_to_those_who_may_see_it(c):
    app = draft(c)
    image = png_bytes()
    files_before = stored_files()
    stored = ok(
        upload(c.alice, app["id"], "苗圃照片.png", image, item="A05", mime="image/png"), 201
    )
    [kept] = stored_files() - files_before  # stored under a random name, not the uploaded one
    assert kept.endswith(".png")
    assert "苗圃" not in kept
    assert stored["content_type"] == "image/png"
    assert stored["size"] == len(image)
    assert stored["original_name"] == "苗圃照片.png"
    # The browser's claim does not matter either way: a PNG sent as PDF is still a PNG.
    claimed = ok(upload(c.alice, app["id"], "照片.pdf", image, item="A05"), 201)
    assert claimed["content_type"] == "image/png"
    act(c.alice, app["id"], "submit")  # so the banner officer sees it in the inbox as well

    url = f"/api/licensing/materials/{stored['id']}"
    for client in (c.alice, c.wlht, c.league):
        r = client.get(url)
        assert r.status_code == 200, r.text
        assert r.content == image
        assert r.headers["content-type"].startswith("image/png")
        assert r.headers["x-content-type-options"] == "nosniff"
        assert "attachment" in r.headers["content-disposition"]
    for client in (c.bob, c.kyqq):
        r = client.get(url)
        refused(r, 404)
        assert r.content != image
    assert c.anon.get(url).status_code == 401


def test_materials_can_be_deleted_only_before_submission(c):
    app = draft(c)
    first = ok(upload(c.alice, app["id"], "申请表.pdf", PDF), 201)
    second = ok(upload(c.alice, app["id"], "申请表2.pdf", PDF), 201)
    assert c.alice.delete(f"/api/licensing/materials/{first['id']}").status_code == 204
    assert [m["id"] for m in ok(c.alice.get(f"{APPS}/{app['id']}"))["materials"]] == [second["id"]]
    refused(c.alice.get(f"/api/licensing/materials/{first['id']}"), 404)
    act(c.alice, app["id"], "submit")
    refused(c.alice.delete(f"/api/licensing/materials/{second['id']}"), 409, "不能删除")
    kept = c.alice.get(f"/api/licensing/materials/{second['id']}")
    assert kept.status_code == 200
    assert kept.content == PDF


# --- who may reach alice's records -------------------------------------------------------------


@pytest.fixture(scope="module")
def alices(c) -> SimpleNamespace:
    """Alice's records that outsiders will try: an application under review with a material and
    notices, a granted application with its licence."""
    app = draft(c)
    material = ok(
        upload(c.alice, app["id"], "alice内部资料.png", png_bytes(), item="A05", mime="image/png"),
        201,
    )
    act(c.alice, app["id"], "submit")
    app = act(c.wlht, app["id"], "accept")
    done = granted(c)
    lic = licence(c.alice, done["licence_id"])
    return SimpleNamespace(
        app=app,
        done=done,
        material=material,
        notice_id=app["notices"][0]["id"],
        licence=lic,
        secrets=[
            app["reference"],
            done["reference"],
            ALICE_ORG_NAME,
            lic["number"],
            lic["public_id"],
            "alice内部资料",
        ],
    )


def _calls(c, a: SimpleNamespace) -> list[tuple[str, str, dict, dict]]:
    """(method, route path, concrete path, request kwargs) for every licensing endpoint."""
    base = "/api/licensing/applications/{application_id:int}"
    aid, did = a.app["id"], a.done["id"]
    today_s = today().isoformat()
    png = {"files": {"file": ("x.png", png_bytes(), "image/png")}, "data": {"item_code": "A05"}}
    return [
        ("GET", "/api/licensing/applications", APPS, {}),
        ("GET", base, f"{APPS}/{aid}", {}),
        ("PUT", f"{base}/details", f"{APPS}/{aid}/details", {"json": {"details": issue_details()}}),
        ("POST", f"{base}/submit", f"{APPS}/{aid}/submit", {}),
        ("POST", f"{base}/resubmit", f"{APPS}/{aid}/resubmit", {}),
        ("POST", f"{base}/withdraw", f"{APPS}/{aid}/withdraw", {}),
        ("POST", f"{base}/accept", f"{APPS}/{aid}/accept", {}),
        ("POST", f"{base}/resume", f"{APPS}/{aid}/resume", {}),
        ("POST", f"{base}/grant", f"{APPS}/{aid}/grant", {}),
        ("POST", f"{base}/supplement", f"{APPS}/{aid}/supplement", {"json": {"items": ["A04"]}}),
        (
            "POST",
            f"{base}/conditional-accept",
            f"{APPS}/{aid}/conditional-accept",
            {"json": {"pending_items": ["A04"]}},
        ),
        (
            "POST",
            f"{base}/reject",
            f"{APPS}/{aid}/reject",
            {"json": {"reasons": "不属于本机关职权范围", "competent_authority": "某机关"}},
        ),
        (
            "POST",
            f"{base}/site-check",
            f"{APPS}/{aid}/site-check",
            {
                "json": {
                    "checked_on": today_s,
                    "officer_ids": [c.kyqq_id, c.wlht_id],
                    "findings": "现场核查一致",
                }
            },
        ),
        (
            "POST",
            f"{base}/pause",
            f"{APPS}/{aid}/pause",
            {"json": {"ground": "testing", "reason": "等待检验检测"}},
        ),
        ("POST", f"{base}/extend", f"{APPS}/{aid}/extend", {"json": {"reasons": "专家评审需要"}}),
        ("POST", f"{base}/refuse", f"{APPS}/{aid}/refuse", {"json": {"reasons": "不符合条件的"}}),
        ("POST", f"{base}/forward", f"{APPS}/{aid}/forward", {"json": {"opinion": "同意报送核发"}}),
        (
            "POST",
            f"{base}/issuing-extension",
            f"{APPS}/{aid}/issuing-extension",
            {"json": {"reasons": "专家评审需要"}},
        ),
        (
            "POST",
            f"{base}/region-grant",
            f"{APPS}/{aid}/region-grant",
            {
                "json": {
                    "decided_on": today_s,
                    "number": "15000020269999",
                    "valid_from": today_s,
                    "valid_to": "2031-01-01",
                }
            },
        ),
        (
            "POST",
            f"{base}/region-refusal",
            f"{APPS}/{aid}/region-refusal",
            {"json": {"decided_on": today_s, "reasons": "不符合条件的"}},
        ),
        ("POST", f"{base}/materials", f"{APPS}/{aid}/materials", png),
        ("GET", f"{base}/held-materials", f"{APPS}/{aid}/held-materials", {}),
        (
            "POST",
            f"{base}/held-materials",
            f"{APPS}/{aid}/held-materials",
            {"json": {"item_code": "A02", "record": f"organisation:{c.alice_org}"}},
        ),
        (
            "GET",
            "/api/licensing/materials/{material_id:int}",
            f"/api/licensing/materials/{a.material['id']}",
            {},
        ),
        (
            "DELETE",
            "/api/licensing/materials/{material_id:int}",
            f"/api/licensing/materials/{a.material['id']}",
            {},
        ),
        ("POST", f"{base}/rating", f"{APPS}/{did}/rating", {"json": {"score": 1}}),
        (
            "POST",
            f"{base}/rating/answer",
            f"{APPS}/{did}/rating/answer",
            {"json": {"answer": "已核实整改"}},
        ),
        (
            "GET",
            "/api/licensing/notices/{notice_id:int}/pdf",
            f"/api/licensing/notices/{a.notice_id}/pdf",
            {},
        ),
        ("GET", "/api/licensing/licences", "/api/licensing/licences", {}),
        (
            "GET",
            "/api/licensing/licences/{licence_id:int}",
            f"/api/licensing/licences/{a.licence['id']}",
            {},
        ),
        (
            "GET",
            "/api/licensing/licences/{licence_id:int}/original.pdf",
            f"/api/licensing/licences/{a.licence['id']}/original.pdf",
            {},
        ),
        (
            "GET",
            "/api/licensing/licences/{licence_id:int}/duplicate.pdf",
            f"/api/licensing/licences/{a.licence['id']}/duplicate.pdf",
            {},
        ),
        (
            "POST",
            "/api/licensing/licences/{licence_id:int}/end",
            f"/api/licensing/licences/{a.licence['id']}/end",
            {"json": {"reasons": "以欺骗手段取得许可", "kind": "annulled"}},
        ),
        ("GET", "/api/licensing/compliance", "/api/licensing/compliance", {}),
    ]


# Public on purpose (the register, verification, the service guide); creating is checked apart.
PUBLIC_OR_APART = {
    ("GET", "/api/public/licences"),
    ("GET", "/api/public/licences/{public_id:str}"),
    ("GET", "/api/public/service-guide"),
    ("POST", "/api/licensing/applications"),
    ("POST", "/api/licensing/licences/region"),
}
LISTS = {"/api/licensing/applications", "/api/licensing/licences", "/api/licensing/compliance"}


def test_the_access_table_covers_every_licensing_endpoint(c, alices):
    served = {(m, p) for h in HANDLERS for p in h.paths for m in h.http_methods}
    tried = {(m, route) for m, route, _, _ in _calls(c, alices)}
    assert tried | PUBLIC_OR_APART == served


def _outside_reach(c, outsider: str, route: str, response) -> list[str]:
    """Rows of a list that the outsider should not see (however many pages there are)."""
    data = response.json()
    if route == "/api/licensing/applications":
        rows = data["items"]
        if outsider == "bob":
            return [r["reference"] for r in rows if r["organisation_id"] != c.bob_org]
        return [r["reference"] for r in rows if r["division_code"] != "152221"]
    if route == "/api/licensing/licences":
        return [r["number"] for r in data["items"] if r["organisation_id"] == c.alice_org]
    return [r["division_code"] for r in data if r["division_code"] != "152221"]


@pytest.mark.parametrize("outsider", ["bob", "kyqq"])
def test_outsiders_reach_none_of_alice_records(c, alices, outsider):
    client = getattr(c, outsider)
    wrong = []
    for method, route, path, kwargs in _calls(c, alices):
        r = client.request(method, path, **kwargs)
        if outsider == "bob" and route == "/api/licensing/compliance":
            expected = 403  # operators see no statistics at all
        elif route in LISTS:
            expected = 200  # lists answer, without alice's rows
        elif outsider == "bob" and route.endswith("/end"):
            expected = 403  # only officers may revoke: refused before the licence is looked up
        else:
            expected = 404
        if r.status_code != expected:
            wrong.append(f"{method} {path}: {r.status_code}, expected {expected}: {r.text[:200]}")
        elif expected == 200:
            wrong.extend(f"{method} {path}: {x}" for x in _outside_reach(c, outsider, route, r))
        leaked = [s for s in alices.secrets if s in r.text]
        if leaked:
            wrong.append(f"{method} {path} leaked {leaked}")
        if expected >= 400 and r.status_code == expected:
            assert CHINESE.search(r.json()["error"]["message"]), r.text
    assert wrong == []

    # Asking for a renewal of alice's licence: bob's own organisation has no such licence, and
    # another banner's officer cannot file at the counter for alice's organisation.
    if outsider == "bob":
        r = client.post(APPS, json={"kind": "renewal", "licence_id": alices.licence["id"]})
        refused(r, 422, "本单位的许可证")
    else:
        r = client.post(
            APPS,
            json={
                "kind": "renewal",
                "licence_id": alices.licence["id"],
                "organisation_id": alices.app["organisation_id"],
            },
        )
        refused(r, 404)
    assert not [s for s in alices.secrets if s in r.text]

    # Nothing the outsider tried changed anything.
    app = ok(c.alice.get(f"{APPS}/{alices.app['id']}"))
    assert app["status"] == "accepted"
    assert app["site_check"] is None
    assert app["paused"] is False
    assert app["extended"] is False
    assert [m["id"] for m in app["materials"]] == [alices.material["id"]]
    assert [n["id"] for n in app["notices"]] == [n["id"] for n in alices.app["notices"]]
    lic = licence(c.alice, alices.licence["id"])
    assert (lic["status"], lic["valid_to"]) == ("valid", alices.licence["valid_to"])


def test_insiders_reach_alice_records(c, alices):
    """The same records answer those who may see them (so the 404s above mean something)."""
    for client in (c.alice, c.wlht, c.league):
        assert ok(client.get(f"{APPS}/{alices.app['id']}"))["reference"] == alices.app["reference"]
        assert licence(client, alices.licence["id"])["number"] == alices.licence["number"]
        r = client.get(f"/api/licensing/materials/{alices.material['id']}")
        assert r.status_code == 200
        assert r.content == png_bytes()
    # The documents too (so the outsiders' 404s are not simply routes that never match).
    lid = alices.licence["id"]
    for path in (
        f"/api/licensing/notices/{alices.notice_id}/pdf",
        f"/api/licensing/licences/{lid}/original.pdf",
        f"/api/licensing/licences/{lid}/duplicate.pdf",
    ):
        r = c.alice.get(path)
        assert r.status_code == 200, f"{path}: {r.status_code} {r.text[:300]}"
        assert r.content.startswith(b"%PDF")
    number = alices.licence["number"]
    mine = ok(c.alice.get("/api/licensing/licences", params={"q": number}))["items"]
    assert number in {lic["number"] for lic in mine}


# --- decisions on a licence that has ended ------------------------------------------------------


def _change_details(reason: str = "") -> dict:
    site = {"division_code": "152201", "township": "葛根庙镇", "village": "前进村", "detail": ""}
    return issue_details(
        production_sites=[site],
        change_occurred_on=(today() - timedelta(days=1)).isoformat(),
        change_summary="新增生产地点",
        cancellation_reason=reason,
    )


def test_one_licence_has_one_application_in_progress(c):
    lid = granted(c)["licence_id"]
    change = accepted(c, "change", licence_id=lid, details=_change_details())
    # A second application on the licence waits until the first is decided or withdrawn:
    # two renewals granted one after the other would add ten years.
    refused(c.alice.post(APPS, json={"kind": "renewal", "licence_id": lid}), 422, "办理中")
    cancellation = {
        "kind": "cancellation",
        "licence_id": lid,
        "details": _change_details("停止经营"),
    }
    refused(c.alice.post(APPS, json=cancellation), 422, "办理中", change["reference"])
    act(c.wlht, change["id"], "refuse", {"reasons": "变更事项与实际不符，不予变更"})
    granted(c, "cancellation", licence_id=lid, details=_change_details("停止经营"))
    assert licence(c.alice, lid)["status"] == "cancelled"
    refused(c.alice.post(APPS, json={"kind": "renewal", "licence_id": lid}), 422, "已注销")


def test_nothing_more_is_granted_on_a_revoked_licence(c):
    lid = granted(c)["licence_id"]
    renewal = accepted(c, "renewal", licence_id=lid)
    url = f"/api/licensing/licences/{lid}/end"
    body = {"reasons": "违法生产经营，依法吊销", "kind": "revoked"}
    # 吊销 is a penalty: without its 行政处罚决定书 (number and date) nothing is changed.
    refused(c.wlht.post(url, json=body), 422, "行政处罚决定书文号")
    refused(
        c.wlht.post(url, json={**body, "penalty_decision_number": "兴林罚决字〔2026〕7号"}),
        422,
        "日期",
    )
    tomorrow = (today() + timedelta(days=1)).isoformat()
    late = {"penalty_decision_number": "兴林罚决字〔2026〕7号", "penalty_decided_on": tomorrow}
    refused(c.wlht.post(url, json={**body, **late}), 422, "不能晚于今天")
    assert licence(c.alice, lid)["status"] == "valid"
    decided = (today() - timedelta(days=3)).isoformat()
    penalty = {"penalty_decision_number": " 兴林罚决字〔2026〕7号 ", "penalty_decided_on": decided}
    revoked = ok(c.wlht.post(url, json={**body, **penalty}))
    assert (revoked["status"], revoked["status_label"]) == ("revoked", "已吊销")
    assert revoked["penalty_decision_number"] == "兴林罚决字〔2026〕7号"
    assert revoked["penalty_decided_on"] == decided
    assert revoked["status_changed_on"] == today().isoformat()
    refused(c.wlht.post(f"{APPS}/{renewal['id']}/grant"), 422, "已吊销")
    assert licence(c.alice, lid) == revoked
    public = ok(c.anon.get(f"/api/public/licences/{revoked['public_id']}"))
    assert public["licence"]["status"] == "revoked"


def test_a_region_issued_licence_is_recorded_and_on_the_register(c):
    number = f"150000{date.today().year}{random.randint(1000, 9999)}"  # noqa: DTZ011
    varieties = [
        {"species": "樟子松", "variety": "樟子松优良种源", "approval_number": "蒙S-SP-PS-001-2020"}
    ]
    body = {
        "organisation_id": c.alice_org,
        "number": number,
        "details": issue_details(varieties=varieties, valid_area=["150000"]),
        "valid_from": "2026-01-10",
        "valid_to": "2031-01-09",
        "issued_on": "2026-01-10",
    }
    refused(c.bob.post("/api/licensing/licences/region", json=body), 403)
    refused(c.kyqq.post("/api/licensing/licences/region", json=body), 404)
    refused(
        c.wlht.post("/api/licensing/licences/region", json={**body, "number": "15220120260001"}),
        422,
    )
    recorded = ok(c.wlht.post("/api/licensing/licences/region", json=body), 201)
    assert (recorded["number"], recorded["recorded_only"]) == (number, True)
    assert recorded["issuing_authority"] == "内蒙古自治区林业和草原局"
    assert recorded["varieties"] == varieties
    refused(c.wlht.post("/api/licensing/licences/region", json=body), 409, "已登记")
    found = ok(c.anon.get("/api/public/licences", params={"number": number}))
    assert [e["issuing_authority"] for e in found["items"]] == ["内蒙古自治区林业和草原局"]


def test_a_granted_licence_is_found_by_species_holder_and_number(c):
    lid = granted(c)["licence_id"]
    lic = licence(c.alice, lid)
    for params in (
        {"species": "樟子松", "division_code": "152201"},
        {"species": "兴安落叶松"},
        {"holder": lic["holder_name"][:4]},
        {"number": lic["number"][:10]},
    ):
        found = ok(c.anon.get("/api/public/licences", params={**params, "page": 1}))
        numbers = {e["number"] for e in found["items"]}
        page = 1
        while lic["number"] not in numbers and page * found["page_size"] < found["total"]:
            page += 1
            more = ok(c.anon.get("/api/public/licences", params={**params, "page": page}))
            numbers |= {e["number"] for e in more["items"]}
        assert lic["number"] in numbers, params
    none = ok(
        c.anon.get("/api/public/licences", params={"species": "樟子松", "division_code": "152224"})
    )
    assert lic["number"] not in {e["number"] for e in none["items"]}


def test_a_late_change_is_handled_but_flagged(c):
    lid = granted(c)["licence_id"]
    late = {**_change_details(), "change_occurred_on": (today() - timedelta(days=45)).isoformat()}
    app = accepted(c, "change", licence_id=lid, details=late)
    assert any("超过30日" in w for w in app["warnings"]), app["warnings"]
    on_time = ok(c.alice.get(f"{APPS}/{app['id']}"))
    assert on_time["warnings"] == app["warnings"]
    act(c.wlht, app["id"], "refuse", {"reasons": "逾期变更，另案处理"})
    fresh = accepted(c, "change", licence_id=lid, details=_change_details())
    assert fresh["warnings"] == []


# --- 良种: reviewed here (审核), issued by the region (核发) -------------------------------------

VARIETIES = [
    {"species": "樟子松", "variety": "樟子松红花尔基种源", "approval_number": "蒙S-SP-PS-001-2015"}
]


def region_number() -> str:
    return f"150000{today().year}{random.randint(1000, 9999)}"


def forwarded(c, kind: str = "issue", **fields: object) -> dict:
    fields.setdefault("details", issue_details(scope=["seed", "seedling"], varieties=VARIETIES))
    app = accepted(c, kind, **fields)
    assert app["region_decides"] is True
    out = act(c.wlht, app["id"], "forward", {"opinion": "经审核，符合条件，同意核发"})
    assert out["status"] == "forwarded"
    return out


def test_an_improved_variety_application_is_reviewed_here_and_issued_by_the_region(c):
    day = today()
    app = accepted(c, details=issue_details(scope=["seed", "seedling"], varieties=VARIETIES))
    review_due = app["statutory_due"]
    # The bureau neither grants nor refuses: it reviews, then forwards with its opinion.
    refused(c.wlht.post(f"{APPS}/{app['id']}/grant"), 422, "自治区林业和草原局", "报送")
    refused(c.wlht.post(f"{APPS}/{app['id']}/refuse", json={"reasons": "不符合条件"}), 422, "报送")
    refused(c.alice.post(f"{APPS}/{app['id']}/forward", json={"opinion": "同意核发"}), 403)
    refused(c.wlht.post(f"{APPS}/{app['id']}/forward", json={"opinion": "同"}), 422)
    out = act(c.wlht, app["id"], "forward", {"opinion": "经审核，符合条件，同意核发"})
    assert (out["status"], out["status_label"]) == ("forwarded", "已报送核发机关，待核发")
    assert out["forwarded_on"] == day.isoformat()
    assert out["review_opinion"] == "经审核，符合条件，同意核发"
    # The review clock stopped at forwarding; the region's 20 working days start today.
    assert out["statutory_due"] == review_due
    assert out["issuing_due"] == workdays_after(c, day, 20).isoformat()
    assert out["days_left"] is not None
    assert out["band"] in ("green", "amber", "red")
    assert [n["kind"] for n in out["notices"]] == ["acceptance", "forward"]
    refused(c.wlht.post(f"{APPS}/{app['id']}/forward", json={"opinion": "再次报送"}), 409)
    refused(c.wlht.post(f"{APPS}/{app['id']}/grant"), 409)
    # It stays in the inbox, ordered by the region's deadline.
    inbox = ok(c.wlht.get(APPS, params={"open_only": True, "status": "forwarded"}))
    row = next(i for i in inbox["items"] if i["id"] == app["id"])
    assert row["issuing_due"] == out["issuing_due"]

    # The region extends its own period once.
    out = act(c.wlht, app["id"], "issuing-extension", {"reasons": "需要组织专家评审"})
    assert out["issuing_extended"] is True
    assert out["issuing_due"] == workdays_after(c, day, 30).isoformat()
    assert out["status"] == "forwarded"
    refused(
        c.wlht.post(f"{APPS}/{app['id']}/issuing-extension", json={"reasons": "再次需要延长"}),
        422,
        "只能延长一次",
    )

    # Its decision is recorded as it was written: dates between forwarding and today.
    number = region_number()
    grant = {"number": number, "valid_from": day.isoformat(), "valid_to": "2031-12-31"}
    base = f"{APPS}/{app['id']}/region-grant"
    early = (day - timedelta(days=1)).isoformat()
    late = (day + timedelta(days=1)).isoformat()
    refused(c.wlht.post(base, json={**grant, "decided_on": early}), 422, "早于报送日期")
    refused(c.wlht.post(base, json={**grant, "decided_on": late}), 422, "晚于今天")
    no_number = {k: v for k, v in grant.items() if k != "number"}
    refused(c.wlht.post(base, json={**no_number, "decided_on": day.isoformat()}), 422, "许可证号")
    refused(c.alice.post(base, json={**grant, "decided_on": day.isoformat()}), 403)
    done = ok(c.wlht.post(base, json={**grant, "decided_on": day.isoformat()}))
    assert (done["status"], done["decided_on"]) == ("granted", day.isoformat())
    lic = licence(c.alice, done["licence_id"])
    assert (lic["number"], lic["recorded_only"]) == (number, True)
    assert (lic["issuing_division"], lic["issuing_authority"]) == (
        "150000",
        "内蒙古自治区林业和草原局",
    )
    assert (lic["valid_from"], lic["valid_to"]) == (day.isoformat(), "2031-12-31")
    assert lic["varieties"] == VARIETIES
    found = ok(c.anon.get("/api/public/licences", params={"number": number}))
    assert [e["issuing_authority"] for e in found["items"]] == ["内蒙古自治区林业和草原局"]
    assert [n["kind"] for n in done["notices"]] == ["acceptance", "forward"]  # none of ours
    refused(c.wlht.post(base, json={**grant, "decided_on": day.isoformat()}), 409)

    # The same number cannot be recorded twice.
    other = forwarded(c)
    again = {**grant, "decided_on": day.isoformat()}
    refused(c.wlht.post(f"{APPS}/{other['id']}/region-grant", json=again), 409, "已登记")
    assert ok(c.alice.get(f"{APPS}/{other['id']}"))["status"] == "forwarded"


def test_the_region_may_refuse_and_the_applicant_may_withdraw_meanwhile(c):
    app = forwarded(c)
    reasons = "种子园隔离条件不符合要求，不予许可"
    out = act(
        c.wlht,
        app["id"],
        "region-refusal",
        {"decided_on": today().isoformat(), "reasons": reasons},
    )
    assert (out["status"], out["reasons"], out["licence_id"]) == ("refused", reasons, None)
    assert out["decided_on"] == today().isoformat()
    waiting = forwarded(c)
    assert act(c.alice, waiting["id"], "withdraw")["status"] == "withdrawn"
    refused(
        c.wlht.post(
            f"{APPS}/{waiting['id']}/region-refusal",
            json={"decided_on": today().isoformat(), "reasons": reasons},
        ),
        409,
    )


def test_only_what_the_region_issues_is_forwarded(c):
    app = accepted(c)
    assert app["region_decides"] is False
    refused(
        c.wlht.post(f"{APPS}/{app['id']}/forward", json={"opinion": "同意核发"}), 422, "无需报送"
    )
    refused(c.wlht.post(f"{APPS}/{app['id']}/issuing-extension", json={"reasons": "专家评审"}), 409)
    assert act(c.wlht, app["id"], "grant")["status"] == "granted"


def test_the_region_renews_its_own_licence_through_the_bureau(c):
    number = region_number()
    body = {
        "organisation_id": c.alice_org,
        "number": number,
        "details": issue_details(scope=["seed"], varieties=VARIETIES),
        "valid_from": "2026-01-10",
        "valid_to": "2031-01-09",
        "issued_on": "2026-01-10",
    }
    lid = ok(c.wlht.post("/api/licensing/licences/region", json=body), 201)["id"]
    renewal = accepted(c, "renewal", licence_id=lid)
    assert renewal["region_decides"] is True
    refused(c.wlht.post(f"{APPS}/{renewal['id']}/grant"), 422, "自治区林业和草原局")
    act(c.wlht, renewal["id"], "forward", {"opinion": "经审核，同意延续"})
    base = f"{APPS}/{renewal['id']}/region-grant"
    decided = today().isoformat()
    refused(c.wlht.post(base, json={"decided_on": decided, "valid_to": "2030-01-01"}), 422)
    refused(
        c.wlht.post(
            base, json={"decided_on": decided, "valid_to": "2036-01-09", "number": region_number()}
        ),
        422,
        "不改变许可证号",
    )
    done = ok(c.wlht.post(base, json={"decided_on": decided, "valid_to": "2036-01-09"}))
    assert (done["status"], done["licence_id"]) == ("granted", lid)
    lic = licence(c.alice, lid)
    assert (lic["number"], lic["valid_to"], lic["status"]) == (number, "2036-01-09", "valid")


async def test_alice_hears_of_each_step_of_the_region_stage(c):
    alice = await User.select(User.id).where(User.username == "alice").first()
    seen = len(await _notifications_of(alice["id"]))
    app = forwarded(c)
    act(c.wlht, app["id"], "issuing-extension", {"reasons": "需要组织专家评审"})
    act(
        c.wlht,
        app["id"],
        "region-grant",
        {
            "decided_on": today().isoformat(),
            "number": region_number(),
            "valid_from": today().isoformat(),
            "valid_to": "2031-06-30",
        },
    )
    rows = (await _notifications_of(alice["id"]))[seen:]
    titles = [r["title"] for r in rows]
    assert titles == ["申请已提交", "申请已受理", "已报送核发机关", "核发期限延长", "准予许可"]
    assert app["issuing_due"] in rows[2]["body"]
    assert "内蒙古自治区林业和草原局" in rows[2]["body"]
    assert all(r["link"] == f"/licensing/applications/{app['id']}" for r in rows)


# --- filing at the counter (窗口代办) ------------------------------------------------------------


def test_an_officer_files_renewal_change_and_cancellation_at_the_counter(c):
    lid = granted(c)["licence_id"]
    renewal = ok(c.wlht.post(APPS, json={"kind": "renewal", "licence_id": lid}), 201)
    assert (renewal["at_counter"], renewal["organisation_id"]) == (True, c.alice_org)
    assert renewal["details"]["species"] == ["樟子松", "兴安落叶松"]  # the licence's terms
    # The officer acts for the applicant: submits, and withdraws when the applicant says so.
    act(c.wlht, renewal["id"], "submit")
    assert act(c.wlht, renewal["id"], "withdraw")["status"] == "withdrawn"
    change = ok(
        c.wlht.post(
            APPS,
            json={
                "kind": "change",
                "licence_id": lid,
                "organisation_id": c.alice_org,
                "details": _change_details(),
            },
        ),
        201,
    )
    act(c.wlht, change["id"], "submit")
    act(c.wlht, change["id"], "accept")
    act(c.wlht, change["id"], "grant")
    cancellation = ok(
        c.wlht.post(
            APPS,
            json={
                "kind": "cancellation",
                "licence_id": lid,
                "details": _change_details("停止经营"),
            },
        ),
        201,
    )
    assert act(c.wlht, cancellation["id"], "submit")["at_counter"] is True
    # The licence must be the chosen applicant's, and within the officer's reach.
    refused(
        c.wlht.post(
            APPS, json={"kind": "renewal", "licence_id": lid, "organisation_id": c.bob_org}
        ),
        404,
    )
    refused(c.kyqq.post(APPS, json={"kind": "change", "licence_id": lid}), 404)
    bobs = granted_for_bob(c)
    refused(
        c.kyqq.post(
            APPS, json={"kind": "renewal", "licence_id": lid, "organisation_id": c.bob_org}
        ),
        422,
        "该申请人名下",
    )
    assert ok(c.kyqq.post(APPS, json={"kind": "renewal", "licence_id": bobs}), 201)["at_counter"]


def granted_for_bob(c) -> int:
    """A licence of bob's (科右前旗), issued by kyqq."""
    details = issue_details(
        production_sites=[
            {"division_code": "152221", "township": "察尔森镇", "village": "察尔森嘎查"}
        ],
        valid_area=["152221"],
    )
    app = ok(c.bob.post(APPS, json={"kind": "issue", "details": details}), 201)
    act(c.bob, app["id"], "submit")
    act(c.kyqq, app["id"], "accept")
    return act(c.kyqq, app["id"], "grant")["licence_id"]


# --- local settings and authorities (issue 10 items 3, 6) ----------------------------------------


def _bureau(admin, code: str) -> dict:
    return next(
        a
        for a in admin.get("/api/reference/authorities").json()
        if (a["kind"], a["division_code"]) == ("bureau", code)
    )


def test_notices_are_numbered_with_the_bureaus_abbreviation_as_the_admin_entered_it(c, api):
    admin = api("admin")
    bureau = _bureau(admin, "152201")
    fields = {k: bureau[k] for k in ("name", "address", "phone", "doc_abbreviation")}
    url = f"/api/reference/authorities/{bureau['id']}"
    try:
        ok(admin.put(url, json={**fields, "doc_abbreviation": "乌林业"}))
        app = act(c.wlht, submitted(c)["id"], "supplement", {"items": ["A04"]})
    finally:
        admin.put(url, json=fields)
    number = app["notices"][-1]["number"]
    # GB/T 9704: 机关代字〔年份〕序号号, the number without leading zeros
    assert re.fullmatch(rf"乌林业许补〔{clock.today().year}〕[1-9]\d*号", number), number


def test_the_promised_deadline_and_the_guide_follow_the_local_settings(c, api):
    admin = api("admin")
    guide = ok(c.anon.get("/api/public/service-guide"))
    assert guide["promised_limit"] == "10个工作日"
    assert "5年（法定：国家林业局令第40号第十四条）" in guide["result"]
    assert guide["consult"] == "兴安盟林业和草原局：12345（政务服务便民热线）"
    key = "licensing.promised_decision_workdays"
    try:
        ok(admin.put(f"/api/settings/{key}", json={"value": 6, "reason": "承诺提速"}))
        app = accepted(c)
        guide = ok(c.anon.get("/api/public/service-guide"))
    finally:
        admin.delete(f"/api/settings/{key}")
    accepted_on = date.fromisoformat(app["accepted_on"])
    assert app["promised_due"] == workdays_after(c, accepted_on, 6).isoformat()
    assert guide["promised_limit"] == "6个工作日"


def test_a_granted_licence_takes_the_validity_in_force(c, api):
    admin = api("admin")
    key = "licensing.licence_validity_years"
    try:
        ok(admin.put(f"/api/settings/{key}", json={"value": 3, "reason": "自治区规章另有规定"}))
        app = granted(c)
    finally:
        admin.delete(f"/api/settings/{key}")
    licence = ok(c.alice.get(f"/api/licensing/licences/{app['licence_id']}"))
    start = date.fromisoformat(licence["valid_from"])
    assert (
        licence["valid_to"] == (start.replace(year=start.year + 3) - timedelta(days=1)).isoformat()
    )
