"""Cases (立案) and decisions (issue 23 part B), through the API and the pages: the limitation
refused past two years, the 90-day clock with its extension and a pause, the hearing right at
the set amount, the fine refused outside the item's range or above the notice, the documents
read back with their QR codes, a revocation through licensing (the licence, its label's verdict
and the public register change), 行政执法公示 without personal data, the cases by stage."""

from __future__ import annotations

import random
from datetime import date, timedelta

import httpx
import pypdfium2 as pdfium
import pytest

from seedreg.core import clock
from seedreg.organisations.rules import make_id_number
from tests.http.checkkit import body, make_team
from tests.http.lotkit import ok
from tests.http.test_field_scans import issued_label
from tests.label_support import make_chain, sql
from tests.pdfread import pdf_text, qr_texts, squash

CASES = "/api/cases"
HEARING_ORG = "cases.hearing_amount_organisation"


@pytest.fixture(scope="module")
def chain(api):
    return make_chain(api)


@pytest.fixture(scope="module")
def team(server, personas):
    return make_team(server)


def finding(team, org_id: int, code: str = "V3-2", value: str | None = None) -> int:
    """A check of ``org_id`` with one failed item: the id of its finding."""
    answer: dict = {"code": code, "result": "fails", "note": "销售的苗木标签内容不全"}
    if value is not None:
        answer["goods_value"] = value
    done = ok(
        team.first.post("/api/inspections/checks", json=body(team, org_id, checklist=[answer])), 201
    )
    return sql("SELECT id FROM check_finding WHERE field_check = {}", done["id"])[0]["id"]


def opened(team, org_id: int, **changes) -> dict:
    data = {
        "finding_id": finding(
            team, org_id, changes.pop("code", "V3-2"), changes.pop("value", None)
        ),
        "act_on": (clock.today() - timedelta(days=30)).isoformat(),
        "facts": "2026年11月销售樟子松苗3000株，标签未标注质量指标",
        **changes,
    }
    return ok(team.first.post(CASES, json=data), 201)


def act(team, case_id: int, action: str, data: dict | None = None, status: int = 200) -> dict:
    r = team.first.post(f"{CASES}/{case_id}/actions/{action}", json=data or {})
    assert r.status_code == status, r.text[:400]
    return r.json()


def set_setting(api, key: str, value) -> None:
    ok(api("admin").put(f"/api/settings/{key}", json={"value": value}))


def reset_setting(api, key: str) -> None:
    r = api("admin").delete(f"/api/settings/{key}")
    assert r.status_code in (200, 204), r.text


# --- 立案 and the limitation ---------------------------------------------------------------


def test_a_case_past_two_years_is_refused_with_the_reason(team, chain):
    found_on = date(2026, 11, 27)  # the check's date in checkkit.body
    data = {"finding_id": finding(team, chain.alice_org), "facts": "销售标签不合格的苗木"}
    late = {**data, "act_on": (found_on - timedelta(days=2 * 366 + 1)).isoformat()}
    r = team.first.post(CASES, json=late)
    assert r.status_code == 422
    error = r.json()["error"]
    assert error["field"] == "act_on"
    assert "行政处罚法第三十六条" in error["message"]
    assert "不能立案" in error["message"]
    # the five-year period where life or health safety was harmed
    ok(team.first.post(CASES, json={**late, "serious": True}), 201)
    # in time, a second case from the same finding is a conflict
    r = team.first.post(CASES, json={**late, "serious": True})
    assert r.status_code == 409


def test_a_case_of_another_banner_is_refused(team, chain):
    r = team.other_banner.post(
        CASES,
        json={"finding_id": finding(team, chain.alice_org), "act_on": "2026-10-01",
              "facts": "销售标签不合格的苗木"},
    )  # fmt: skip
    assert r.status_code == 403


# --- the 90-day clock ----------------------------------------------------------------------


def backdate(case_id: int, days: int) -> None:
    day = clock.today() - timedelta(days=days)
    sql("UPDATE legal_case SET opened_on = {} WHERE id = {}", day, case_id)


def test_the_clock_runs_ninety_days_and_is_extended_once(api, team, chain):
    case = opened(team, chain.alice_org)
    assert case["clock"]["due_on"] == (clock.today() + timedelta(days=90)).isoformat()
    assert case["clock"]["days_left"] == 90
    assert case["clock"]["band"] == "green"
    backdate(case["id"], 85)
    moved = ok(team.first.get(f"{CASES}/{case['id']}"))
    assert (moved["clock"]["days_left"], moved["clock"]["band"]) == (5, "red")
    backdate(case["id"], 95)
    late = ok(team.first.get(f"{CASES}/{case['id']}"))
    assert (late["clock"]["days_left"], late["clock"]["band"]) == (-5, "overdue")
    set_setting(api, "cases.extension_days", 40)
    try:
        extended = act(team, case["id"], "extend", {"reason": "涉案苗木需送检，案情复杂"})
        assert extended["extension_days"] == 40
        assert (extended["clock"]["days_left"], extended["clock"]["band"]) == (35, "green")
        assert "extend" not in extended["allowed_actions"]
        again = act(team, case["id"], "extend", {"reason": "再延长一次"}, status=422)
        assert "延长" in again["error"]["message"]
    finally:
        reset_setting(api, "cases.extension_days")


def test_an_assessment_pauses_the_clock_and_other_steps_wait(team, chain):
    case = opened(team, chain.alice_org)
    paused = act(team, case["id"], "pause", {"kind": "assessment"})
    assert paused["clock"]["band"] == "paused"
    assert paused["allowed_actions"] == ["resume"]
    refused = act(team, case["id"], "investigate", {"investigation": "询问笔录一份"}, status=422)
    assert "中止" in refused["error"]["message"]
    # three days of pause: the due day moves by three
    sql("UPDATE legal_case SET pause_started_on = {} WHERE id = {}",
        clock.today() - timedelta(days=3), case["id"])  # fmt: skip
    resumed = act(team, case["id"], "resume")
    assert resumed["clock"]["due_on"] == (clock.today() + timedelta(days=93)).isoformat()
    no_hearing = act(team, case["id"], "pause", {"kind": "hearing"}, status=422)
    assert "听证" in no_hearing["error"]["message"]


# --- 告知, the hearing right, the amount -----------------------------------------------------


def through_notice(team, case: dict, amount: int, **notice) -> dict:
    act(team, case["id"], "investigate", {"investigation": "现场检查笔录、询问笔录、销售台账"})
    return act(team, case["id"], "notify", {"amount": amount, **notice})


def test_the_hearing_right_appears_at_the_set_amount(api, team, chain):
    set_setting(api, HEARING_ORG, 15000)
    try:
        below = through_notice(team, opened(team, chain.alice_org), 14999)
        at = through_notice(team, opened(team, chain.alice_org), 15000)
    finally:
        reset_setting(api, HEARING_ORG)
    assert (below["hearing_right"], at["hearing_right"]) == (False, True)
    refused = act(
        team, below["id"], "defence", {"defence": "无异议", "hearing_requested": True}, 422
    )
    assert "第六十三条" in refused["error"]["message"]
    for case, heard in ((below, False), (at, True)):
        r = team.first.get(f"{CASES}/{case['id']}/documents/notice")
        assert r.status_code == 200
        assert r.headers["content-type"] == "application/pdf"
        text = squash(pdf_text(r.content))
        assert "陈述和申辩" in text
        assert ("有权要求举行听证" in text) is heard
        assert ("5个工作日内" in text) is heard


def test_a_fine_outside_the_range_or_above_the_notice_is_refused(team, chain):
    case = opened(team, chain.alice_org)  # V3-2: 2,000–20,000 元 (种子法第七十九条)
    act(team, case["id"], "investigate", {"investigation": "现场检查笔录"})
    low = act(team, case["id"], "notify", {"amount": 1999}, status=422)
    assert low["error"]["field"] == "amount"
    assert "2,000元至20,000元" in low["error"]["message"]
    act(team, case["id"], "notify", {"amount": 5000})
    refused = act(team, case["id"], "decide", {"amount": 5000}, status=422)
    assert "陈述" in refused["error"]["message"]  # not before the party was heard
    act(team, case["id"], "defence", {"defence": "当事人书面放弃陈述申辩"})
    heavier = act(team, case["id"], "decide", {"amount": 6000}, status=422)
    assert "不能重于事先告知" in heavier["error"]["message"]
    decided = act(team, case["id"], "decide", {"amount": 4000})
    assert decided["stage"] == "decided"
    assert decided["decision_number"].startswith("兴林罚决")


# --- documents -----------------------------------------------------------------------------


def last_page_qr(pdf: bytes) -> list[str]:
    return qr_texts(pdf, page_index=len(pdfium.PdfDocument(pdf)) - 1)


def test_the_decision_prints_facts_basis_amount_and_remedies(server, team, chain):
    case = opened(team, chain.alice_org)
    act(team, case["id"], "investigate", {"investigation": "现场检查笔录、销售台账复印件"})
    act(team, case["id"], "notify", {"amount": 8000})
    act(team, case["id"], "defence", {"defence": "当事人称系初次违法，请求从轻"})
    decided = act(team, case["id"], "decide", {"amount": 6000})
    pdf = team.first.get(f"{CASES}/{case['id']}/documents/decision").content
    text = squash(pdf_text(pdf))
    for words in ("行政处罚决定书", decided["decision_number"], "alice林木种苗有限公司",
                  "标签未标注质量指标", "销售台账复印件", "种子法第四十条", "种子法第七十九条",
                  "罚款6,000元", "15日内", "60日内", "行政复议", "6个月内", "行政诉讼",
                  "当事人称系初次违法"):  # fmt: skip
        assert squash(words) in text, words
    (url,) = last_page_qr(pdf)
    assert url.endswith(f"/verify/cases/{case['public_id']}/decision")
    page = httpx.get(f"{server}/verify/cases/{case['public_id']}/decision")
    assert page.status_code == 200
    assert decided["decision_number"] in page.text
    opening = team.first.get(f"{CASES}/{case['id']}/documents/opening").content
    assert "立案审批表" in squash(pdf_text(opening))
    assert case["number"] in squash(pdf_text(opening))
    assert httpx.get(f"{server}/verify/cases/{case['public_id']}/nothing").status_code == 404
    early = (date.fromisoformat(decided["decided_on"]) - timedelta(days=1)).isoformat()
    refused = act(team, case["id"], "serve", {"served_on": early, "how": "直接送达"}, status=422)
    assert refused["error"]["field"] == "served_on"
    served = act(team, case["id"], "serve", {"served_on": decided["decided_on"], "how": "直接送达"})
    assert (served["stage"], served["allowed_actions"]) == ("served", ["close"])
    closed = act(team, case["id"], "close", {"note": "罚款已于当日缴纳"})
    assert (closed["stage"], closed["allowed_actions"]) == ("closed", [])
    assert act(team, case["id"], "extend", {"reason": "结案后延长"}, status=422)


# --- revocation through licensing -----------------------------------------------------------


def test_a_revocation_goes_through_licensing(server, api, team, chain):
    label = issued_label(chain)[0]
    case = opened(team, chain.alice_org, code="V2-1", value="5000")  # 20,000–200,000 元
    notified = through_notice(team, case, 60000, revoke_licence_id=chain.licence["id"])
    assert notified["hearing_right"]
    assert notified["review_required"]
    act(team, case["id"], "defence", {"defence": "放弃听证，无其他意见"})
    refused = act(team, case["id"], "decide", {"amount": 60000, "revoke": True}, status=422)
    assert "法制审核" in refused["error"]["message"]
    act(team, case["id"], "review", {"opinion": "事实清楚，证据确凿，适用依据正确，程序合法"})
    decided = act(team, case["id"], "decide", {"amount": 60000, "revoke": True})
    assert decided["revoked_licence_number"] == chain.licence["number"]
    licence = ok(api("officer_league").get(f"/api/licensing/licences/{chain.licence['id']}"))
    assert licence["status"] == "revoked"
    assert licence["penalty_decision_number"] == decided["decision_number"]
    verdict = httpx.get(f"{server}/api/public/labels/{label.serial}").json()
    assert (verdict["verdict"], verdict["ok"]) == ("licence_revoked", False)
    public = httpx.get(f"{server}/api/public/licences", params={"number": chain.licence["number"]})
    (entry,) = [e for e in public.json()["items"] if e["number"] == chain.licence["number"]]
    assert entry["status"] == "revoked"
    events = sql("SELECT action FROM audit_event WHERE subject_type = {} AND subject_id = {}",
                 "licence", str(chain.licence["id"]))  # fmt: skip
    assert "licence:revoked" in [e["action"] for e in events]


# --- 行政执法公示 ------------------------------------------------------------------------------


def test_published_decisions_carry_no_personal_data(server, api, team):
    id_number = make_id_number(f"15220119850101{random.randint(0, 999):03d}")
    phone = f"139{random.randint(0, 10**8 - 1):08d}"
    name = random.choice("赵钱孙李周吴郑王") + "德胜"
    person = ok(api("officer_wlht").post("/api/organisations", json={
        "kind": "individual", "name": name, "legal_representative": name, "id_number": id_number,
        "division_code": "152201", "address": "乌兰浩特市和平街1号", "phone": phone,
    }), 201)  # fmt: skip
    case = opened(team, person["id"], facts=f"{name}（电话{phone}，身份证{id_number}）销售苗木")
    seized = f"{name}（{phone}）存放的樟子松苗100株"  # typed by the inspector: names the person
    through_notice(team, case, 3000, confiscation=seized)
    act(team, case["id"], "defence", {"defence": "无异议"})
    decided = act(team, case["id"], "decide", {"amount": 3000, "confiscation": seized})
    page = httpx.get(f"{server}/cases/public")
    api_list = httpx.get(f"{server}/api/cases/published")
    assert page.status_code == 200
    assert api_list.status_code == 200
    for text in (page.text, api_list.text):
        assert name not in text
        assert id_number not in text
        assert phone not in text
    (mine,) = [d for d in api_list.json() if d["decision_number"] == decided["decision_number"]]
    assert mine["party"] == name[0] + "某某"
    masked = name[0] + "某某（139********）存放的樟子松苗100株"
    assert mine["penalty"] == f"罚款3,000元；没收{masked}"


# --- cases by stage -------------------------------------------------------------------------


def test_cases_by_stage_equal_independent_counts(team, chain):
    opened(team, chain.alice_org)
    for who, division in ((team.first, "152201"), (team.league, "1522")):
        stats = ok(who.get(f"{CASES}/stats"))
        rows = sql("SELECT stage, division_code FROM legal_case")
        mine = [r for r in rows if r["division_code"].startswith(division)]
        counted = {s["stage"]: s["count"] for s in stats["stages"]}
        for stage in counted:
            assert counted[stage] == sum(r["stage"] == stage for r in mine), stage
        assert stats["total"] == len(mine)
    other = ok(team.other_banner.get(f"{CASES}/stats"))
    assert other["total"] == len([r for r in sql("SELECT division_code FROM legal_case")
                                  if r["division_code"] == "152221"])  # fmt: skip
    assert team.first.get(CASES, params={"stage": "opened"}).status_code == 200
    assert httpx.get(f"{team.first.base_url}{CASES}").status_code == 401
