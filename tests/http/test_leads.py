"""Leads (线索, issue 23): each kind arrives from its source — the archive's 档案不齐全, the
afforestation 良种 shortfall, a clone flag the 种苗站 confirmed, an inbound consignment without
the approval it needed, a complaint alleging a violation, a 差评 — by the daily gathering, which
adds nothing when run again; the banner's inspectors see their own (the league's all), and
dispatch a check pre-filled with the lead or decline it with a reason."""

from __future__ import annotations

import asyncio
import json
import uuid

import pytest

from seedreg.core import clock
from seedreg.leads import jobs
from seedreg.leads.rules import LeadKind
from tests.fixtures import Browser, unique
from tests.http.archivekit import make_world
from tests.http.checkkit import make_team
from tests.http.lotkit import ok, record_licence, refused, today
from tests.label_support import sql

LEADS = "/api/leads"


@pytest.fixture(scope="module")
def team(server, personas):
    return make_team(server)


@pytest.fixture(scope="module")
def world(api):
    return make_world(api)


def gather(kind: LeadKind) -> dict[str, int]:
    return asyncio.run(jobs.gather(clock.today(), kinds=(kind,)))


def lead_by_key(client, key: str) -> dict:
    every = ok(client.get(LEADS, params={"show": "all"}))
    found = [x for x in every if x["source_key"] == key]
    assert len(found) == 1, [x["source_key"] for x in every][:20]
    return found[0]


def arrives_once(team, kind: LeadKind, key: str) -> dict:
    """Gathered, seen by the league, and a second gathering adds nothing for it."""
    gather(kind)
    lead = lead_by_key(team.league, key)
    assert lead["kind"] == kind.value
    assert lead["kind_label"] == kind.label
    assert lead["state"] == "new"
    assert gather(kind)[kind.value] == 0
    assert len(sql("SELECT id FROM inspection_lead WHERE source_key = {}", key)) == 1
    return lead


def test_an_incomplete_archive_arrives_and_its_banner_dispatches_a_check(
    server, team, world, api, personas
):
    lot = world.chain.ready_lot(quantity=100)
    entry = {"lot_id": lot["id"], "kind": "stock_out", "occurred_on": today().isoformat(),
             "responsible": "王林", "quantity": "100"}  # fmt: skip
    ok(world.chain.alice.post("/api/archive/entries", json=entry), 201)
    org = personas["alice"].organisation_id
    lead = arrives_once(team, LeadKind.ARCHIVE, f"archive:{org}:{today().year}")
    assert lead["target_id"] == org
    assert "档案不齐全" in lead["title"]
    assert lot["number"] in lead["detail"]
    # the banner's inspector sees it; another banner's does not
    assert lead_by_key(team.first, lead["source_key"])["may_decide"] is True
    other = ok(team.other_banner.get(LEADS, params={"show": "all"}))
    assert lead["id"] not in [x["id"] for x in other]
    refused(team.other_banner.get(f"{LEADS}/{lead['id']}"), 403)
    refused(api("alice").get(LEADS), 403)
    # 派查 opens the check form with the target and the lead
    page = Browser(server)
    page.login(team.first_username)
    sent = page.post_form(f"/leads/{lead['id']}/dispatch", {}, form_page=f"/leads/{lead['id']}")
    assert sent.status_code == 303
    assert sent.headers["location"] == (
        f"/inspections/checks/new?target=organisation:{org}&lead={lead['id']}"
    )
    form = page.get(sent.headers["location"]).text
    assert 'value="lead" checked' in form
    assert "【档案不齐全】" in form
    done = ok(team.first.get(f"{LEADS}/{lead['id']}"))
    assert done["state_label"] == "已派查"
    refused(team.first.post(f"{LEADS}/{lead['id']}/dispatch", json={}), 403)


def test_an_afforestation_shortfall_arrives(team, world, api, personas):
    org = personas["alice"].organisation_id
    body = {"name": unique("退化林修复工程"), "year": today().year, "organisation_id": org,
            "division_code": "152201", "state_funded": True, "sites": "大坝沟镇",
            "species": [world.chain.species], "improved_percent": 80}  # fmt: skip
    project = ok(api("station").post("/api/afforestation", json=body), 201)
    [raised] = sql(
        "INSERT INTO lead (project, organisation, division_code, violation_code, title, detail, "
        "raised_at) VALUES ({}, {}, '152201', 'V5-1', '应当使用良种而未使用良种', "
        "'良种使用比例0%，低于计划80%', {}) RETURNING id",
        project["id"], org, clock.now(),
    )  # fmt: skip
    lead = arrives_once(team, LeadKind.IMPROVED_SEED, f"afforestation:{raised['id']}")
    assert lead["target_id"] == org
    assert "V5-1" in lead["title"]
    assert lead["source_url"] == f"/afforestation/{project['id']}"


def test_a_confirmed_clone_flag_arrives_and_an_open_one_does_not(team, world):
    labels = world.labelled(count=2, each=10)["labels"]
    flags = [
        sql(
            "INSERT INTO clone_flag (serial, label, division_code, reason, detail, raised_at, "
            "status, note) VALUES ({}, {}, '152201', 'far_apart', {}, {}, {}, '') RETURNING id",
            x["serial"],
            x["id"],
            json.dumps({}),
            clock.now(),
            status,
        )[0]["id"]
        for x, status in zip(labels, ("confirmed", "open"), strict=True)
    ]
    lead = arrives_once(team, LeadKind.CLONE, f"clone_flag:{flags[0]}")
    assert labels[0]["serial"] in lead["title"]
    assert lead["target_name"]
    assert (
        sql("SELECT id FROM inspection_lead WHERE source_key = {}", f"clone_flag:{flags[1]}") == []
    )


def test_a_consignment_without_its_approval_arrives(team, api, personas):
    org = personas["alice"].organisation_id
    record_licence(api("officer_league"), org, species=["樟子松"])
    body = {"organisation_id": org, "certificate_number": unique("吉检"),
            "issuer": "吉林省白城市森林病虫害防治检疫站", "origin": "吉林省白城市",
            "origin_division": "220800", "destination": "乌兰浩特市义勒力特镇",
            "arrives_on": today().isoformat(), "vehicle": "货车", "carrier": "白城运输公司",
            "lines": [{"species": "樟子松", "quantity": 3000, "unit": "株"}]}  # fmt: skip
    made = ok(api("quarantine").post("/api/quarantine/inbound", json=body), 201)
    assert made["approval_missing"] is True
    lead = arrives_once(team, LeadKind.NO_APPROVAL, f"consignment:{made['id']}")
    assert lead["target_id"] == org
    assert "未附引种审批" in lead["title"]


def test_a_complaint_alleging_a_violation_arrives_and_is_declined_with_a_reason(team, api):
    body = {"phone": f"139{uuid.uuid4().int % 10**8:08d}", "about": "office",
            "about_text": "某苗圃", "division_code": "152201",
            "text": "该苗圃销售的樟子松苗没有标签。", "alleged_violation": True,
            "allegation": "销售无标签苗木"}  # fmt: skip
    made = ok(api("alice").post("/api/servicedesk/complaints", json=body), 201)
    lead = arrives_once(team, LeadKind.COMPLAINT, f"complaint:{made['id']}")
    assert lead["detail"] == "销售无标签苗木"
    assert lead["target_id"] is None
    url = f"{LEADS}/{lead['id']}"
    refused(team.first.post(f"{url}/dispatch", json={}), 422, "请选择检查对象", field="target")
    refused(team.first.post(f"{url}/dismiss", json={"reason": "无"}), 422, "理由")
    out = ok(team.first.post(f"{url}/dismiss", json={"reason": "经电话核实，标签已补齐"}))
    assert out["state_label"] == "不予立查"
    assert out["reason"] == "经电话核实，标签已补齐"
    events = sql(
        "SELECT action FROM audit_event WHERE subject_type = 'lead' AND subject_id = {} "
        "ORDER BY seq",
        str(lead["id"]),
    )
    assert [e["action"] for e in events] == ["lead:receive", "lead:dismiss"]


def test_a_poor_rating_arrives(team, api, personas):
    alice_licence = record_licence(
        api("officer_league"), personas["alice"].organisation_id, species=["樟子松"]
    )
    details = {"kind": "packaged_seller", "licence_number": alice_licence["number"],
               "varieties": ["樟子松"]}  # fmt: skip
    bob = api("bob")
    filing = ok(bob.post("/api/filings", json={"details": details}), 201)
    ok(bob.post(f"/api/filings/{filing['id']}/submit"))
    ok(api("officer_kyqq").post(f"/api/filings/{filing['id']}/record"))
    path = f"/api/ratings/applications/{filing['id']}"
    ok(bob.post(path, json={"score": 1, "comment": "有人冒用我公司名义销售苗木"}), 201)
    [rating] = sql("SELECT id FROM matter_rating WHERE application = {}", filing["id"])
    lead = arrives_once(team, LeadKind.POOR_RATING, f"rating:{rating['id']}")
    assert "冒用" in lead["title"]
    assert lead["division_code"] == "152221"
    # a banner inspector of 乌兰浩特市 does not see 科右前旗's lead
    mine = ok(team.first.get(LEADS, params={"show": "all"}))
    assert lead["id"] not in [x["id"] for x in mine]


def test_an_undecided_lead_shows_what_its_source_says_today_and_a_decided_one_keeps_its_words(
    team,
):
    from seedreg.leads import services
    from seedreg.leads.schemas import LeadIn

    key = f"archive:test:{uuid.uuid4().hex[:12]}"

    def offer(detail: str) -> bool:
        lead = LeadIn(kind=LeadKind.ARCHIVE, source_key=key, division_code="152201",
                      title="某苗圃 生产经营档案不齐全（V4-1）", detail=detail)  # fmt: skip
        return asyncio.run(services.receive(lead))

    assert offer("P1：缺少生产记录") is True
    assert offer("P1：缺少生产记录；P2：缺少质量检验合格证") is False
    lead = lead_by_key(team.league, key)
    assert lead["detail"] == "P1：缺少生产记录；P2：缺少质量检验合格证"
    events = sql("SELECT action FROM audit_event WHERE subject_type = 'lead' AND subject_id = {} "
                 "ORDER BY seq", str(lead["id"]))  # fmt: skip
    assert [e["action"] for e in events] == ["lead:receive", "lead:refresh"]
    ok(team.league.post(f"{LEADS}/{lead['id']}/dismiss", json={"reason": "已电话核实，档案已补齐"}))
    assert offer("P3：缺少生产记录") is False
    assert ok(team.league.get(f"{LEADS}/{lead['id']}"))["detail"] == (
        "P1：缺少生产记录；P2：缺少质量检验合格证"
    )
