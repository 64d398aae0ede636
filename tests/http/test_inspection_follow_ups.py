"""Issue 23 in inspections, through real HTTP: each finding of a check gets a re-inspection
(复查) due at its 责令改正 deadline, listed with the inbox's colour bands; 已整改 closes it once,
未整改 escalates it with a link to the case form; who may see and record it."""

from __future__ import annotations

import asyncio

import pytest

from tests import factories
from tests.fixtures import Browser
from tests.http.checkkit import body, make_team
from tests.http.confirmkit import asks_first
from tests.http.lotkit import ok, refused
from tests.label_support import sql

CHECKS = "/api/inspections/checks"
FOLLOW_UPS = "/api/inspections/follow-ups"


@pytest.fixture(scope="module")
def team(server, personas):
    return make_team(server)


def org(county: str = "152201") -> int:
    return asyncio.run(factories.make_organisation(county)).id


def failing(team, target: int, *codes: str, **changes: object) -> dict:
    checklist = [{"code": c, "result": "fails", "note": f"{c} 现场发现"} for c in codes]
    return ok(team.first.post(CHECKS, json=body(team, target, checklist=checklist, **changes)), 201)


def follow_ups_of(api, check_id: int) -> list[dict]:
    return [
        f for f in ok(api.get(FOLLOW_UPS, params={"done": "true"})) if f["check_id"] == check_id
    ]


def test_each_finding_gets_a_re_inspection_due_at_the_rectification_deadline(team):
    done = failing(team, org(), "V4-1", "V1-1")
    tasks = follow_ups_of(team.first, done["id"])
    assert sorted(t["code"] for t in tasks) == ["V1-1", "V4-1"]
    assert {t["due_on"] for t in tasks} == {done["rectify_due"]} == {"2026-12-12"}
    assert all(t["state"] == "pending" and t["state_label"] == "待复查" for t in tasks)
    assert all(t["band"] in {"overdue", "red", "amber", "green"} for t in tasks)
    pending = {t["id"] for t in ok(team.first.get(FOLLOW_UPS))}
    assert {t["id"] for t in tasks} <= pending
    # another banner's inspector never sees them; the league inspector does
    assert follow_ups_of(team.other_banner, done["id"]) == []
    assert len(follow_ups_of(team.league, done["id"])) == 2
    refused(team.other_banner.get(f"{FOLLOW_UPS}/{tasks[0]['id']}"), 403)


def test_a_clean_check_has_no_re_inspection(team):
    done = ok(team.first.post(CHECKS, json=body(team, org())), 201)
    assert follow_ups_of(team.first, done["id"]) == []


def test_rectified_closes_the_finding_once_and_is_audited(team):
    done = failing(team, org(), "V4-1")
    [task] = follow_ups_of(team.first, done["id"])
    url = f"{FOLLOW_UPS}/{task['id']}"
    refused(team.first.post(url, json={"state": "rectified", "note": "  "}), 422, "复查情况")
    closed = ok(
        team.first.post(
            url, json={"state": "rectified", "note": "已补建2026年档案", "evidence_ref": "照片3"}
        )
    )
    assert closed["state"] == "rectified"
    assert closed["state_label"] == "已整改"
    assert closed["band"] == ""
    assert closed["case_link"] is None
    assert closed["evidence_ref"] == "照片3"
    assert task["id"] not in {t["id"] for t in ok(team.first.get(FOLLOW_UPS))}
    refused(team.second.post(url, json={"state": "escalated", "note": "再次"}), 422, "已经记录")
    events = sql(
        "SELECT action, actor_id FROM audit_event WHERE subject_type = 'follow_up' "
        "AND subject_id = {}",
        str(task["id"]),
    )
    assert [(e["action"], e["actor_id"]) for e in events] == [
        ("follow_up:rectified", team.first_id)
    ]


def test_not_rectified_escalates_with_a_link_to_the_case_form(server, team):
    done = failing(team, org(), "V1-1")
    [task] = follow_ups_of(team.first, done["id"])
    refused(
        team.other_banner.post(
            f"{FOLLOW_UPS}/{task['id']}", json={"state": "escalated", "note": "x"}
        ),
        403,
    )
    out = ok(
        team.first.post(
            f"{FOLLOW_UPS}/{task['id']}", json={"state": "escalated", "note": "仍无许可证经营"}
        )
    )
    assert out["state_label"] == "未整改，移送立案"
    assert out["case_link"] == f"/cases/new?finding={out['finding_id']}"
    finding = sql("SELECT field_check, code FROM check_finding WHERE id = {}", out["finding_id"])
    assert finding == [{"field_check": done["id"], "code": "V1-1"}]


def test_the_pages_list_record_and_link_the_case(server, team):
    done = failing(team, org(), "V4-1")
    [task] = follow_ups_of(team.first, done["id"])
    page = Browser(server)
    page.login(team.first_username)
    queue = page.get("/inspections/follow-ups")
    assert queue.status_code == 200
    assert f"/inspections/follow-ups/{task['id']}" in queue.text
    assert "band-" in queue.text
    assert "2026年12月12日" in queue.text
    form = f"/inspections/follow-ups/{task['id']}"
    shown = page.get(form)
    assert "记录复查结果" in shown.text
    assert "未整改，移送立案" in shown.text
    missing = page.post_form(form, {"state": "escalated", "note": ""})
    assert missing.status_code == 422
    assert "请填写复查情况" in missing.text
    asked = page.post_form(form, {"state": "escalated", "note": "拒不整改"})
    asks_first(asked, "未整改，移送立案", task["code"])
    assert "记录复查结果" in page.get(form).text  # nothing recorded until confirmed
    sent = page.post_form(form, {"state": "escalated", "note": "拒不整改", "confirm": "1"})
    assert sent.status_code == 303
    after = page.get(form).text
    assert f'href="/cases/new?finding={task["finding_id"]}"' in after
    assert "记录复查结果" not in after
    check_page = page.get(f"/inspections/checks/{done['id']}").text
    assert "未整改，移送立案" in check_page
    assert "检查码" in check_page
