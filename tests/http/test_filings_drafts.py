"""备案 as people finish one: the filer corrects its draft (the kind stays, the licence checked
again) and uploads the 备案 materials of its kind (the bureau reads them; nobody else; taken back
only before submitting); an officer files at the counter (窗口代办) for a filer chosen on the
page. Through the live server, API and pages."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from tests.http.test_filings_api import FILINGS, act, alice_licence_number
from tests.http.test_licensing_api import ok, refused
from tests.http.test_licensing_pages import (
    PDF,
    field_error,
    redirected,
    signed_in,
    text_of,
)
from tests.pagetext import english_in_html

FILING_PATH = re.compile(r"^/filings/(\d+)$")


@pytest.fixture
def c(api, personas) -> SimpleNamespace:
    return SimpleNamespace(
        alice=api("alice"),
        bob=api("bob"),
        wlht=api("officer_wlht"),
        kyqq=api("officer_kyqq"),
        anon=api(),
    )


def packaged(number: str, *varieties: str) -> dict:
    return {"kind": "packaged_seller", "licence_number": number, "varieties": list(varieties)}


def upload(client, filing_id: int, code: str, content: bytes = PDF):
    return client.post(
        f"{FILINGS}/{filing_id}/materials",
        data={"item_code": code},
        files={"file": ("备案表.pdf", content, "application/pdf")},
    )


def test_the_filer_corrects_its_draft_and_uploads_its_materials(c):
    number = alice_licence_number(c)
    filing = ok(c.bob.post(FILINGS, json={"details": packaged(number, "樟子松")}), 201)
    fid = filing["id"]
    # the draft is corrected: what is filed now is what the receipt will state
    out = ok(
        c.bob.post(f"{FILINGS}/{fid}/details", json={"details": packaged(number, "樟子松", "油松")})
    )
    assert out["details"]["varieties"] == ["樟子松", "油松"]
    refused(
        c.bob.post(
            f"{FILINGS}/{fid}/details", json={"details": packaged("15220119990001", "樟子松")}
        ),
        422,
        "不存在或不在有效期内",
    )
    branch = {
        "kind": "branch",
        "licence_number": number,
        "branch_name": "bob分公司",
        "address": "科右前旗",
        "person_in_charge": "张三",
    }
    refused(c.bob.post(f"{FILINGS}/{fid}/details", json={"details": branch}), 422, "类别不能修改")
    # only the filer corrects it; another operator sees nothing
    refused(
        c.kyqq.post(f"{FILINGS}/{fid}/details", json={"details": packaged(number, "松")}),
        403,
        "备案人",
    )
    assert (
        c.alice.post(
            f"{FILINGS}/{fid}/details", json={"details": packaged(number, "松")}
        ).status_code
        == 404
    )
    # materials of the 备案 checklist only, typed by their bytes
    refused(upload(c.bob, fid, "A01"), 422, "材料清单")
    refused(upload(c.bob, fid, "F01", b"MZ not a pdf"), 422, "")
    first = ok(upload(c.bob, fid, "F01"), 201)
    ok(upload(c.bob, fid, "F02"), 201)
    spare = ok(upload(c.bob, fid, "F04"), 201)
    # taken back before submitting
    assert c.bob.delete(f"/api/filings/materials/{spare['id']}").status_code == 204
    shown = ok(c.bob.get(f"{FILINGS}/{fid}"))
    assert sorted(m["item_code"] for m in shown["materials"]) == ["F01", "F02"]
    act(c.bob, fid, "submit")
    # submitted: the record; no more corrections, no taking back
    refused(
        c.bob.post(f"{FILINGS}/{fid}/details", json={"details": packaged(number, "松")}),
        422,
        "只有草稿或待补正",
    )
    assert c.bob.delete(f"/api/filings/materials/{first['id']}").status_code == 409
    # the bureau reads the file; another bureau and another operator do not
    got = c.kyqq.get(f"/api/filings/materials/{first['id']}")
    assert got.status_code == 200
    assert got.content == PDF
    assert c.wlht.get(f"/api/filings/materials/{first['id']}").status_code == 404
    assert c.alice.get(f"/api/filings/materials/{first['id']}").status_code == 404
    assert c.anon.get(f"/api/filings/materials/{first['id']}").status_code in (401, 403)
    # sent back for 补正: the filer may correct and add again
    act(c.kyqq, fid, "supplement", {"items": ["F04"]})
    ok(upload(c.bob, fid, "F04"), 201)
    out = ok(c.bob.post(f"{FILINGS}/{fid}/details", json={"details": packaged(number, "樟子松")}))
    assert out["details"]["varieties"] == ["樟子松"]
    act(c.bob, fid, "resubmit")
    receipt = act(c.kyqq, fid, "record")["notices"][-1]
    assert receipt["kind"] == "filing_receipt"


def test_an_officer_files_at_the_counter_and_the_filer_edits_on_the_page(server, api, c):
    number = alice_licence_number(c)
    officer = signed_in(server, "officer_kyqq")
    bob = signed_in(server, "bob")
    form = officer.get("/filings/new", params={"kind": "packaged_seller", "org_q": "bob"})
    assert form.status_code == 200
    assert "备案人（窗口代办）" in text_of(form)
    assert "bob林木种苗有限公司" in text_of(form)
    # the menu's "API" and the persona's own name (officer_kyqq) are not the page's words
    assert not english_in_html(form.text, frozenset({"bob", "API", "officer", "kyqq"}))
    bob_org = re.search(r'<option value="(\d+)"[^>]*>bob林木种苗有限公司', form.text)
    assert bob_org is not None
    typed = {"kind": "packaged_seller", "licence_number": number, "varieties": "樟子松"}
    # no filer chosen: named beside its field, what was typed kept
    missing = officer.post_form(
        "/filings/new", typed, form_page="/filings/new?kind=packaged_seller"
    )
    assert "窗口代办须选择备案人" in field_error(missing, "organisation_id")
    assert "樟子松" in missing.text
    done = officer.post_form(
        "/filings/new",
        typed | {"organisation_id": bob_org.group(1)},
        form_page="/filings/new?kind=packaged_seller",
    )
    path = redirected(done, FILING_PATH)
    fid = int(FILING_PATH.match(path).group(1))
    filed = ok(c.bob.get(f"{FILINGS}/{fid}"))
    assert (filed["organisation_name"], filed["at_counter"]) == ("bob林木种苗有限公司", True)
    # an operator is never asked for a filer
    assert "备案人（窗口代办）" not in text_of(
        bob.get("/filings/new", params={"kind": "packaged_seller"})
    )
    # the filer's page: correct the draft, upload, see the file
    detail = bob.get(path)
    assert "修改备案事项" in text_of(detail)
    assert "上传材料" in text_of(detail)
    edit = bob.get(f"{path}/edit")
    assert edit.status_code == 200
    assert "樟子松" in edit.text
    assert not english_in_html(edit.text, frozenset({"bob"}))
    wrong = bob.post_form(
        f"{path}/edit", {"licence_number": "1522", "varieties": "油松"}, form_page=f"{path}/edit"
    )
    assert field_error(wrong, "licence_number"), text_of(wrong)[:800]
    assert "油松" in wrong.text
    redirected(
        bob.post_form(
            f"{path}/edit",
            {"licence_number": number, "varieties": "樟子松\n油松"},
            form_page=f"{path}/edit",
        ),
        path,
    )
    assert "樟子松、油松" in text_of(bob.get(path))
    token = bob.csrf(path)
    sent = bob.http.post(
        f"{path}/materials",
        data={"item_code": "F01", "_csrf_token": token},
        files={"file": ("备案表.pdf", PDF, "application/pdf")},
    )
    redirected(sent, path)
    shown = bob.get(path)
    link = re.search(r'href="(/filings/materials/\d+)"', shown.text)
    assert link is not None
    assert "备案表.pdf" in text_of(shown)
    assert bob.get(link.group(1)).content == PDF
    assert officer.get(link.group(1)).content == PDF
    # a file of another type is refused on the page, the page re-shown
    token = bob.csrf(path)
    bad = bob.http.post(
        f"{path}/materials",
        data={"item_code": "F01", "_csrf_token": token},
        files={"file": ("a.pdf", b"not a pdf at all", "application/pdf")},
    )
    assert bad.status_code == 422
    assert "备案材料" in text_of(bad)
