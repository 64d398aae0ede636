"""The application page's forms keep what was typed (issue 14 items 4, 5): 上传 sends the
details with the file and saves both; 提交 with required materials missing names each one and
asks to confirm; the officer's 补正 form starts with the missing items ticked."""

from __future__ import annotations

import httpx
import pytest
from bs4 import BeautifulSoup

from tests.fixtures import Browser
from tests.http.test_licensing_pages import (
    PDF,
    details_form,
    new_draft,
    post,
    redirected,
    signed_in,
    soup_of,
    status_of,
    upload,
)

# Required for a new licence (fixtures/reference/materials.csv), besides the 申请表 A01.
MISSING_AFTER_A01 = {
    "A02": "营业执照或者法人证书复印件；个人申请的提供身份证复印件",
    "A04": "生产经营场所及生产用地权属和用途证明",
    "A05": "生产、加工、检验、贮藏设施和仪器设备的所有权或者使用权说明及照片",
    "A06": "生产、检验、加工、贮藏技术人员基本情况说明及劳动合同",
}


@pytest.fixture(autouse=True)
def _people(personas) -> None:
    """alice and the officials exist before any page is visited."""


def upload_from_details(
    browser: Browser, app_id: int, form: dict[str, object], item: str, name: str
) -> httpx.Response:
    """上传 on the details form, as a browser sends it: every field of the form plus the file."""
    path = f"/licensing/applications/{app_id}"
    data = {**form, "then": "upload", "item_code": item, "_csrf_token": browser.csrf(path)}
    return browser.http.post(
        f"{path}/details", data=data, files={"file": (name, PDF, "application/pdf")}
    )


def file_names(page: BeautifulSoup) -> list[str]:
    return [a.get_text(strip=True) for a in page.select("#materials .file a")]


def test_the_upload_controls_belong_to_the_details_form(server):
    alice = signed_in(server, "alice")
    path = f"/licensing/applications/{new_draft(alice)}"
    page = soup_of(alice.get(path))
    form = page.select_one("form#form-d")
    assert form["action"] == f"{path}/details"
    assert form["enctype"] == "multipart/form-data"
    for name in ("item_code", "file"):
        assert page.select_one(f"#materials [name={name}]")["form"] == "form-d"
    button = page.select_one("#materials button[value=upload]")
    assert button["form"] == "form-d"
    assert button.has_attr("formnovalidate")
    # 保存 comes first in the form, so Enter in a field saves rather than uploads.
    buttons = page.select("button[type=submit]")
    owned = [b for b in buttons if b.get("form") == "form-d" or form in b.parents]
    assert owned[0]["value"] == "save"


def test_uploading_a_material_keeps_and_saves_what_was_typed(server):
    alice = signed_in(server, "alice")
    app_id = new_draft(alice)
    path = f"/licensing/applications/{app_id}"
    typed = details_form(legal_representative="王五", species="山杏\n樟子松")
    redirected(upload_from_details(alice, app_id, typed, "A01", "申请表.pdf"), path)
    page = soup_of(alice.get(path))  # after a reload, too
    assert file_names(page) == ["申请表.pdf"]
    assert page.select_one("input[name=legal_representative]")["value"] == "王五"
    assert page.select_one("textarea[name=species]").get_text().split() == ["山杏", "樟子松"]


def test_an_upload_with_unfinished_details_stores_the_file_and_keeps_the_typing(server):
    alice = signed_in(server, "alice")
    app_id = new_draft(alice)
    typed = details_form(legal_representative="赵六", production_sites="乌兰浩特市")
    r = upload_from_details(alice, app_id, typed, "A02", "执照.pdf")
    assert r.status_code == 200, r.text[:500]
    page = soup_of(r)
    assert "材料已上传" in page.select_one(".alert").get_text()
    assert file_names(page) == ["执照.pdf"]
    assert page.select_one("input[name=legal_representative]")["value"] == "赵六"
    assert page.select_one("textarea[name=production_sites]").get_text() == "乌兰浩特市"
    # A refused file keeps the typing too (422), and nothing is stored.
    bad = upload_from_details(alice, app_id, typed, "Z99", "x.pdf")
    assert bad.status_code == 422
    assert soup_of(bad).select_one("input[name=legal_representative]")["value"] == "赵六"
    assert file_names(soup_of(bad)) == ["执照.pdf"]


def test_submitting_with_materials_missing_names_them_and_asks_to_confirm(server):
    alice = signed_in(server, "alice")
    app_id = new_draft(alice)
    path = f"/licensing/applications/{app_id}"
    redirected(upload(alice, app_id, "A01", "申请表.pdf", PDF), path)

    step = post(alice, f"{path}/details", details_form(legal_representative="孙七", then="submit"))
    assert step.status_code == 200, step.text[:500]
    box = soup_of(step).select_one("#confirm-submit")
    assert [li.get_text(strip=True) for li in box.select("#missing-materials li")] == list(
        MISSING_AFTER_A01.values()
    )
    assert box.find("button", string="仍然提交") is not None
    assert status_of(alice, app_id) == "草稿"
    # what was typed was saved by the first step
    saved = soup_of(alice.get(path)).select_one("input[name=legal_representative]")
    assert saved["value"] == "孙七"

    # Without the confirmation field the server asks again; with it, the application goes in.
    again = alice.post_form(f"{path}/submit", {"then": "submit"}, form_page=path)
    assert again.status_code == 200
    assert soup_of(again).select_one("#missing-materials") is not None
    assert status_of(alice, app_id) == "草稿"
    confirmed = {"then": "submit", "confirm": "1"}
    redirected(alice.post_form(f"{path}/submit", confirmed, form_page=path), path)
    assert status_of(alice, app_id) == "已提交，待受理"

    # The officer's 补正 form starts with exactly the missing items ticked.
    wlht = signed_in(server, "officer_wlht")
    ticked = soup_of(wlht.get(path)).select("#form-supplement input[name=items][checked]")
    assert {box["value"] for box in ticked} == set(MISSING_AFTER_A01)


def test_nothing_to_confirm_when_every_required_material_is_in(server):
    alice = signed_in(server, "alice")
    app_id = new_draft(alice)
    path = f"/licensing/applications/{app_id}"
    for code in ["A01", *MISSING_AFTER_A01]:
        redirected(upload(alice, app_id, code, f"{code}.pdf", PDF), path)
    redirected(post(alice, f"{path}/details", details_form(then="submit")), path)
    assert status_of(alice, app_id) == "已提交，待受理"
    wlht = signed_in(server, "officer_wlht")
    assert not soup_of(wlht.get(path)).select("#form-supplement input[name=items][checked]")
