"""Authorities (机关信息) are reference data the league admin edits: audited, validated, and kept
when the fixtures are loaded again."""

from __future__ import annotations

import asyncio

from bs4 import BeautifulSoup

from seedreg.core.audit.tables import AuditEvent
from seedreg.reference.tables import Authority
from tests.fixtures import Browser, run_cli


def _row(key: str) -> dict:
    async def q() -> dict:
        return await Authority.select().where(Authority.key == key).first()

    return asyncio.run(q())


def _payload(row: dict, **changes: str) -> dict:
    fields = ("name", "address", "phone", "doc_abbreviation")
    return {**{k: row[k] for k in fields}, **changes}


def test_anyone_reads_the_authorities(api) -> None:
    rows = {
        (a["kind"], a["division_code"]): a for a in api().get("/api/reference/authorities").json()
    }
    league = rows[("bureau", "152200")]
    assert league["name"] == "兴安盟林业和草原局"
    assert league["kind_label"] == "林业和草原局"
    assert rows[("seed_station", "152201")]["name"] == "乌兰浩特市林木种苗站"
    assert rows[("quarantine_station", "152200")]["name"] == "兴安盟森林病虫害防治检疫站"
    assert rows[("bureau", "150000")]["name"] == "内蒙古自治区林业和草原局"


def test_only_the_admin_edits_an_authority(api) -> None:
    row = _row("seed_station:152224")
    r = api("officer_league").put(f"/api/reference/authorities/{row['id']}", json=_payload(row))
    assert r.status_code == 403
    assert r.json()["error"]["message"] == "只有盟林草局管理员可以维护机关信息"


def test_the_admin_edit_is_audited_and_survives_a_reload(api) -> None:
    row = _row("seed_station:152223")
    url = f"/api/reference/authorities/{row['id']}"
    r = api("admin").put(url, json=_payload(row, phone="0482-6112233", address="扎赉特旗音德尔镇"))
    assert r.status_code == 200, r.text
    assert r.json()["phone"] == "0482-6112233"
    run_cli("load-reference")
    assert _row("seed_station:152223")["phone"] == "0482-6112233"

    async def events() -> list[dict]:
        return await AuditEvent.select().where(
            (AuditEvent.subject_type == "authority") & (AuditEvent.subject_id == str(row["id"]))
        )

    last = asyncio.run(events())[-1]
    assert last["action"] == "authority:save"
    assert api("admin").put(url, json=_payload(row)).status_code == 200  # back as it was


def test_a_code_letter_abbreviation_is_refused(api) -> None:
    row = _row("bureau:152202")
    r = api("admin").put(
        f"/api/reference/authorities/{row['id']}", json=_payload(row, doc_abbreviation="ARS")
    )
    assert r.status_code in (400, 422)
    assert _row("bureau:152202")["doc_abbreviation"] == row["doc_abbreviation"]


def test_the_admin_page_edits_and_keeps_typed_values_on_error(browser: Browser) -> None:
    browser.login("admin")
    row = _row("quarantine_station:152222")
    page = BeautifulSoup(browser.get("/admin/authorities").text, "html.parser")
    assert page.find(id=f"a{row['id']}").find("h2").get_text() == row["name"]
    r = browser.post_form(
        f"/admin/authorities/{row['id']}",
        _payload(row, name="", address="科右中旗巴彦呼舒镇"),
        form_page="/admin/authorities",
    )
    assert r.status_code == 422
    form = BeautifulSoup(r.text, "html.parser").find(
        "form", action=f"/admin/authorities/{row['id']}"
    )
    assert form.find("input", attrs={"name": "address"})["value"] == "科右中旗巴彦呼舒镇"
    assert form.find(class_="err") is not None
    assert _row("quarantine_station:152222")["address"] == row["address"]


def test_an_operator_cannot_open_the_page(browser: Browser) -> None:
    browser.login("alice")
    assert browser.get("/admin/authorities").status_code == 403


def test_the_page_frame_names_the_league_as_its_records_do(api, personas) -> None:
    """Issue 14: the league's name is not written into the page chrome or the organisation
    record; renamed in the records, the footer, the key's pages and the PDF follow."""
    from tests.pdfread import pdf_text, squash

    bureau, renamed = _row("bureau:152200"), "兴安盟林业和草原局（更名测试）"
    admin, anon = api("admin"), Browser(api().base_url)
    url = f"/api/reference/authorities/{bureau['id']}"
    try:
        assert admin.put(url, json=_payload(bureau, name=renamed)).status_code == 200
        assert f'<footer class="foot">{renamed}' in anon.get("/").text
        assert f"{renamed}用 Ed25519 私钥" in anon.get("/labels/public-key").text
        offline = anon.get("/labels/verify-offline.html").text
        assert f"<title>林木种苗标签离线核验 · {renamed}</title>" in offline
        officer = Browser(api().base_url)
        officer.login(personas["officer_league"].username)
        org = personas["alice"].organisation_id
        record = officer.get(f"/organisations/{org}/record.pdf")
        assert record.status_code == 200
        assert squash(renamed) in squash(pdf_text(record.content))
    finally:
        admin.put(url, json=_payload(bureau))
    assert '<footer class="foot">兴安盟林业和草原局 ·' in anon.get("/").text
