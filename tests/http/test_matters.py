"""The matter catalogue (事项目录) over real HTTP: read by anyone with each matter's legal basis,
its materials and its transitions table; the admin edits only what the law leaves to the
authority, audited; the licensing guide takes its legal basis and materials from it."""

from __future__ import annotations

import asyncio

from bs4 import BeautifulSoup

from seedreg.core.audit.tables import AuditEvent
from seedreg.matters.tables import Matter
from tests.fixtures import Browser, run_cli

SEED_LAW_38 = "《中华人民共和国种子法》第三十八条第一款"


def ok(response, status: int = 200):
    assert response.status_code == status, f"{response.status_code}: {response.text[:800]}"
    return response.json()


def _events(subject_type: str, subject_id: str) -> list[dict]:
    async def q() -> list[dict]:
        return (
            await AuditEvent.select()
            .where(
                (AuditEvent.subject_type == subject_type) & (AuditEvent.subject_id == subject_id)
            )
            .order_by(AuditEvent.id)
        )

    return asyncio.run(q())


def test_anyone_reads_the_catalogue_with_both_matters(api):
    matters = {m["code"]: m for m in ok(api().get("/api/matters"))}
    filing = matters["filing"]
    assert filing["name"] == "林木种子生产经营备案"
    assert filing["legal_basis"] == SEED_LAW_38
    assert filing["type_label"] == "备案"
    assert filing["league_step"] == "filing"
    assert filing["statutory_days"] is None  # the law sets none
    assert not filing["forwarding"]
    assert [a["code"] for a in filing["applicants"]] == [
        "branch",
        "packaged_seller",
        "commissioned",
    ]
    assert filing["result_documents"] == ["林木种子生产经营备案回执"]
    codes = [m["code"] for m in filing["materials"]]
    assert codes[:2] == ["F01", "F02"]
    assert all(m["legal_basis"] == SEED_LAW_38 for m in filing["materials"])
    steps = {(s["state"], s["action"]): s for s in filing["steps"]}
    assert steps[("submitted", "record")]["to"] == "filed"
    assert steps[("submitted", "record")]["by"] == ["officer"]
    assert ("submitted", "accept") not in steps  # a filing is recorded, not accepted

    licensing = matters["licensing"]
    assert licensing["type_label"] == "行政许可"
    assert (licensing["statutory_days"], licensing["extension_days"]) == (20, 10)
    assert licensing["forwarding"]
    assert "第三十一条" in licensing["legal_basis"]
    assert {s["action"] for s in licensing["steps"]} >= {"accept", "grant", "forward"}
    assert ok(api().get("/api/matters/filing"))["code"] == "filing"
    assert api().get("/api/matters/import").status_code == 404


def test_the_licensing_guide_says_what_the_catalogue_says(api, server):
    licensing = ok(api().get("/api/matters/licensing"))
    guide = ok(api().get("/api/public/service-guide"))
    assert guide["legal_basis"] == licensing["legal_basis"]
    assert guide["name"] == licensing["name"]
    assert guide["promised_limit"] == f"{licensing['promised_days']}个工作日"
    catalogue_items = [(m["code"], m["name"], m["legal_basis"]) for m in licensing["materials"]]
    assert [(m["code"], m["name"], m["legal_basis"]) for m in guide["materials"]] == (
        catalogue_items
    )
    page = BeautifulSoup(api().get("/licensing/guide").text, "html.parser")
    basis = page.find("dt", string="设定依据").find_next_sibling("dd").get_text()
    assert basis == licensing["legal_basis"]


def test_the_public_list_shows_each_matters_legal_basis(api):
    page = BeautifulSoup(api().get("/matters").text, "html.parser")
    for code, basis in (("filing", SEED_LAW_38), ("licensing", None)):
        card = page.find(id=f"m-{code}")
        shown = card.find("dt", string="设定依据").find_next_sibling("dd").get_text()
        assert shown == (basis or ok(api().get("/api/matters/licensing"))["legal_basis"])
    assert "法律未规定" in page.find(id="m-filing").get_text()


def test_only_the_admin_edits_a_matter(api):
    r = api("officer_league").put("/api/matters/filing", json={"promised_days": 3})
    assert r.status_code == 403
    assert r.json()["error"]["message"] == "只有盟林草局管理员可以维护事项目录"
    r = api("officer_league").put(
        "/api/matters/filing/materials/F05", json={"name": "委托合同", "note": ""}
    )
    assert r.status_code == 403


def test_what_the_law_fixes_cannot_be_edited(api):
    before = ok(api().get("/api/matters/filing"))
    for change in ({"legal_basis": "无"}, {"statutory_days": 1}, {"league_step": "approval"}):
        r = api("admin").put("/api/matters/filing", json={"promised_days": 5, **change})
        assert r.status_code in (400, 422), r.text
    after = ok(api().get("/api/matters/filing"))
    assert (after["legal_basis"], after["statutory_days"], after["league_step"]) == (
        before["legal_basis"],
        before["statutory_days"],
        before["league_step"],
    )


def test_a_promise_longer_than_the_law_is_refused_in_chinese(api):
    r = api("admin").put("/api/matters/licensing", json={"promised_days": 25})
    assert r.status_code == 422, r.text
    assert "不得长于法定办结时限（20个工作日）" in r.json()["error"]["message"]


def test_the_promised_days_edit_is_audited_and_survives_a_reload(api):
    admin = api("admin")
    try:
        assert ok(admin.put("/api/matters/filing", json={"promised_days": 3}))["promised_days"] == 3
        run_cli("load-reference")
        assert ok(api().get("/api/matters/filing"))["promised_days"] == 3
        last = _events("matter", "filing")[-1]
        assert last["action"] == "matter:save"
    finally:
        ok(admin.put("/api/matters/filing", json={"promised_days": 5}))


def test_a_reload_restores_what_the_law_fixes(api):
    async def tamper() -> None:
        await Matter.update({Matter.legal_basis: "改动"}).where(Matter.code == "filing")

    asyncio.run(tamper())
    assert ok(api().get("/api/matters/filing"))["legal_basis"] == "改动"
    run_cli("load-reference")
    assert ok(api().get("/api/matters/filing"))["legal_basis"] == SEED_LAW_38


def test_licensings_promise_edited_in_the_catalogue_is_the_guides(api):
    admin = api("admin")
    key = "licensing.promised_decision_workdays"
    try:
        ok(admin.put("/api/matters/licensing", json={"promised_days": 7}))
        assert ok(api().get("/api/public/service-guide"))["promised_limit"] == "7个工作日"
        settings = {s["key"]: s for s in ok(api().get("/api/settings"))}
        assert settings[key]["value"] == 7
    finally:
        admin.delete(f"/api/settings/{key}")
    assert ok(api().get("/api/matters/licensing"))["promised_days"] == 10


def test_a_materials_wording_is_edited_and_catch_alls_refused(api):
    admin = api("admin")
    url = "/api/matters/filing/materials/F05"
    original = next(
        m for m in ok(api().get("/api/matters/filing"))["materials"] if m["code"] == "F05"
    )
    try:
        saved = ok(admin.put(url, json={"name": "书面委托合同", "note": "委托生产或者代销"}))
        assert (saved["name"], saved["legal_basis"]) == ("书面委托合同", SEED_LAW_38)
        assert _events("matter_material", "filing:F05")[-1]["action"] == "matter_material:save"
        r = admin.put(url, json={"name": "其他有关材料", "note": ""})
        assert r.status_code == 422
        assert "兜底性表述" in r.json()["error"]["message"]
    finally:
        ok(admin.put(url, json={"name": original["name"], "note": original["note"]}))


def test_the_admin_page_keeps_typed_values_on_error(browser: Browser):
    browser.login("admin")
    page = BeautifulSoup(browser.get("/admin/matters").text, "html.parser")
    assert page.find(id="m-filing").find("h2").get_text().startswith("林木种子生产经营备案")
    r = browser.post_form(
        "/admin/matters/filing", {"promised_days": "99", "active": "on"}, form_page="/admin/matters"
    )
    assert r.status_code == 422
    form = BeautifulSoup(r.text, "html.parser").find("form", action="/admin/matters/filing")
    assert form.find("input", attrs={"name": "promised_days"})["value"] == "99"
    assert form.find(class_="err") is not None


def test_an_operator_cannot_open_the_admin_page(browser: Browser):
    browser.login("alice")
    assert browser.get("/admin/matters").status_code == 403
