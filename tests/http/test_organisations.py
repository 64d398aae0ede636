"""Registering and reading organisations through HTTP: validation, escaping, the PDF and QR."""

from __future__ import annotations

import asyncio

from bs4 import BeautifulSoup

from seedreg.organisations.rules import make_id_number, mask_uscc
from tests.factories import new_uscc
from tests.pdfread import pdf_text, qr_texts, squash

BAD_CHECK_USCC = "91350100M0001TGQXM"  # legitimate early code whose check character fails


def enterprise(**changes):
    body = {
        "kind": "enterprise",
        "name": "兴安盟青山苗木有限公司",
        "uscc": new_uscc("152201"),
        "legal_representative": "李四",
        "division_code": "152201",
        "address": "乌兰浩特市五一北路8号",
        "phone": "0482-8212345",
    }
    return {**body, **changes}


def count_named(client, name: str) -> int:
    return client.get("/api/organisations", params={"q": name}).json()["total"]


def test_it_registers_an_enterprise_and_audits_it(api):
    officer = api("officer_wlht")
    r = officer.post("/api/organisations", json=enterprise(name="审计测试苗圃有限公司"))
    assert r.status_code == 201, r.text
    org = r.json()
    assert org["division_name"] == "乌兰浩特市"
    history = api("admin").get(
        "/api/audit", params={"subject_type": "organisation", "subject_id": org["id"]}
    )
    actions = [e["action"] for e in history.json()]
    assert actions == ["organisation:register"]
    assert history.json()[0]["after"]["uscc"] == org["uscc"]


def test_it_refuses_a_failed_check_character_without_a_reason(api):
    officer = api("officer_wlht")
    name = "校验位测试苗木有限公司"
    r = officer.post("/api/organisations", json=enterprise(name=name, uscc=BAD_CHECK_USCC))
    assert r.status_code == 422
    error = r.json()["error"]
    assert error["field"] == "uscc"
    assert "校验位不符" in error["message"]
    assert count_named(officer, name) == 0


def test_it_accepts_a_failed_check_character_with_a_reason(api):
    r = api("officer_wlht").post(
        "/api/organisations",
        json=enterprise(uscc=BAD_CHECK_USCC, uscc_override_reason="营业执照原件核对无误"),
    )
    assert r.status_code == 201, r.text
    assert r.json()["uscc_override_reason"] == "营业执照原件核对无误"


def test_it_refuses_malformed_codes_even_with_a_reason(api):
    r = api("officer_wlht").post(
        "/api/organisations",
        json=enterprise(uscc="91152201MA0I1X2Y3", uscc_override_reason="理由"),
    )
    assert r.status_code == 422
    assert r.json()["error"]["field"] == "uscc"


def test_it_refuses_a_duplicate_credit_code(api):
    officer = api("officer_wlht")
    body = enterprise()
    assert officer.post("/api/organisations", json=body).status_code == 201
    r = officer.post("/api/organisations", json={**body, "name": "另一家苗木有限公司"})
    assert r.status_code == 409
    assert r.json()["error"]["message"] == "该统一社会信用代码已登记"


def test_it_validates_an_individuals_id_number(api):
    officer = api("officer_wlht")
    person = {
        "kind": "individual",
        "name": "赵六",
        "legal_representative": "赵六",
        "division_code": "152201",
        "address": "乌兰浩特市和平街1号",
    }
    good = make_id_number("15220119800101123")
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    r = officer.post("/api/organisations", json={**person, "id_number": bad})
    assert r.status_code == 422
    assert r.json()["error"]["field"] == "id_number"
    r = officer.post("/api/organisations", json={**person, "id_number": good})
    assert r.status_code == 201, r.text


def test_it_requires_the_identifier_that_fits_the_kind(api):
    r = api("officer_wlht").post("/api/organisations", json=enterprise(uscc=None))
    assert r.status_code == 422
    assert "企业（单位）必须填写统一社会信用代码" in r.json()["error"]["message"]


def test_it_refuses_unknown_fields_and_wrong_types(api):
    officer = api("officer_wlht")
    r = officer.post("/api/organisations", json=enterprise(is_admin=True))
    assert r.status_code == 422
    assert r.json()["error"]["details"] == {"is_admin": "不允许的字段"}
    r = officer.post("/api/organisations", json=enterprise(division_code=152201))
    assert r.status_code == 422
    assert "division_code" in r.json()["error"]["details"]


def test_it_refuses_an_oversize_body(api):
    r = api("officer_wlht").post("/api/organisations", json=enterprise(address="长" * 2_000_000))
    assert r.status_code == 413
    assert r.json()["error"]["code"] == "too_large"


# A name an attacker would type; other tests that read pages (tests/http/test_no_internal_text.py)
# know it as typed data, not the app's own text.
HOSTILE_NAME = "O'Brien苗圃\"; DROP TABLE organisation; --"


def test_it_stores_sql_meta_characters_as_plain_text(api):
    officer = api("officer_wlht")
    name = HOSTILE_NAME
    r = officer.post("/api/organisations", json=enterprise(name=name))
    assert r.status_code == 201, r.text
    assert officer.get(f"/api/organisations/{r.json()['id']}").json()["name"] == name
    assert officer.get("/api/organisations").status_code == 200


def test_it_escapes_markup_in_names_on_pages_and_in_pdfs(api, browser):
    name = "<script>alert(1)</script>测试苗圃"
    org = api("officer_wlht").post("/api/organisations", json=enterprise(name=name)).json()
    browser.login("officer_wlht")
    page = browser.get(f"/organisations/{org['id']}")
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;" in page.text
    assert BeautifulSoup(page.text, "html.parser").h1.get_text() == name
    pdf = browser.get(f"/organisations/{org['id']}/record.pdf").content
    assert squash(name) in squash(pdf_text(pdf))


def test_the_record_pdf_carries_every_field_and_a_qr_to_the_public_page(api, server):
    officer = api("officer_wlht")
    org = officer.post("/api/organisations", json=enterprise(name="二维码核验苗木有限公司")).json()
    r = officer.get(f"/api/organisations/{org['id']}/record.pdf")
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/pdf"
    text = squash(pdf_text(r.content))
    for value in (org["name"], org["uscc"], "乌兰浩特市", org["address"], "李四"):
        assert squash(value) in text
    verify_url = f"{server}/verify/organisations/{org['public_id']}"
    assert qr_texts(r.content) == [verify_url]
    public = api().get(verify_url)
    assert public.status_code == 200
    assert org["uscc"] not in public.text
    assert mask_uscc(org["uscc"]) in public.text
    assert "李四" not in public.text


def test_the_public_api_masks_personal_data(api):
    org = api("officer_wlht").post("/api/organisations", json=enterprise()).json()
    r = api().get(f"/api/public/organisations/{org['public_id']}")
    assert r.status_code == 200
    body = r.json()
    assert body["uscc_masked"] == mask_uscc(org["uscc"])
    assert org["uscc"] not in r.text
    assert api().get("/api/public/organisations/no-such-id").status_code == 404


def test_an_operator_may_change_only_contact_details(api, personas):
    alice = api("alice")
    org_id = personas["alice"].organisation_id
    r = alice.patch(f"/api/organisations/{org_id}", json={"phone": "13800001111"})
    assert r.status_code == 200
    assert r.json()["phone"] == "13800001111"
    r = alice.patch(f"/api/organisations/{org_id}", json={"name": "改名苗圃"})
    assert r.status_code == 403


def test_the_register_form_shows_errors_beside_fields(browser):
    browser.login("officer_wlht")
    r = browser.post_form(
        "/organisations/new",
        {**enterprise(uscc=BAD_CHECK_USCC), "name": "表单测试苗木有限公司"},
    )
    assert r.status_code == 422
    soup = BeautifulSoup(r.text, "html.parser")
    field = soup.find("input", {"name": "uscc"}).find_parent("div")
    assert "校验位不符" in field.get_text()
    assert soup.find("input", {"name": "name"})["value"] == "表单测试苗木有限公司"


def test_it_keeps_the_database_consistent_after_refusals(database):
    from seedreg.core.audit.services import verify

    count, broken = asyncio.run(verify())
    assert broken is None
    assert count > 0
