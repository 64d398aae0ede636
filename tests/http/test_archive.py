"""The production-and-trade archive (种子法第三十六条) through the live server: completeness per
lot and year (the 档案不齐全 finding), corrections appended with the original kept, who sees
what (buyers' details officials only), tracing a label to its sale, the official's export as
xlsx and PDF read back, and the public page the PDF's QR code leads to."""

from __future__ import annotations

import asyncio
import io

import pypdfium2 as pdfium
import pytest
from bs4 import BeautifulSoup
from openpyxl import load_workbook

from seedreg.archive import findings
from tests.http.archivekit import make_world
from tests.http.lotkit import ok, refused, today
from tests.pdfread import pdf_text, qr_texts, squash

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def entry(client, lot: dict, kind: str, **fields) -> dict:
    body = {
        "lot_id": lot["id"],
        "kind": kind,
        "occurred_on": today().isoformat(),
        "responsible": "王林",
        **fields,
    }
    return ok(client.post("/api/archive/entries", json=body), 201)


def attach(client, lot: dict, entry_id: int | None, kind: str = "invoice") -> dict:
    data = {"lot_id": str(lot["id"]), "kind": kind}
    if entry_id:
        data["entry_id"] = str(entry_id)
    files = {"file": ("发票.png", PNG, "image/png")}
    return ok(client.post("/api/archive/documents", data=data, files=files), 201)


@pytest.fixture(scope="module")
def w(api):
    world = make_world(api)
    alice = world.chain.alice
    complete = world.labelled(count=5, each=100)
    entry(alice, complete, "production", activity="播种、覆土、浇水", site="红星村苗圃3号地块")
    entry(alice, complete, "stock_out", quantity="300")
    sale = entry(
        alice, complete, "sale", quantity="300", counterparty="科右前旗林场",
        buyer_contact="13900000000", destination="科右前旗大坝沟镇造林地",
        serials=f"1-2, {complete['labels'][2]['serial'].lower()}",
    )  # fmt: skip
    attach(alice, complete, sale["id"])
    incomplete = world.chain.lot(quantity=3000)  # no certificates
    entry(alice, incomplete, "production", activity="移植")
    entry(alice, incomplete, "stock_out", quantity="100")
    return {"world": world, "complete": complete, "incomplete": incomplete, "sale": sale}


def lot_of(archive: dict, lot: dict) -> dict:
    return next(x for x in archive["lots"] if x["lot_id"] == lot["id"])


def test_a_lot_missing_its_sale_and_certificates_is_flagged_and_a_complete_one_is_not(w):
    archive = ok(w["world"].chain.alice.get("/api/archive", params={"year": today().year}))
    good, bad = lot_of(archive, w["complete"]), lot_of(archive, w["incomplete"])
    assert good["complete"] is True
    assert good["gaps"] == []
    kinds = {c["kind"]: c["url"] for c in good["certificates"]}
    assert kinds["quality"] == f"/quality/certificates/{w['complete']['quality_certificate']['id']}"
    assert kinds["quarantine"] == f"/quarantine/site/{w['complete']['site_quarantine']['id']}"
    assert not bad["complete"]
    codes = {g["code"] for g in bad["gaps"]}
    assert codes == {"sale", "quality", "quarantine"}
    # the inspection module reads the same finding
    finding = asyncio.run(findings.archive_gaps(w["world"].chain.alice_org, today().year))
    assert finding["violation_code"] == "V4-1"
    assert finding["finding"] == "档案不齐全"
    numbers = [x["lot_number"] for x in finding["lots"]]
    assert w["incomplete"]["number"] in numbers
    assert w["complete"]["number"] not in numbers


def test_a_sale_without_its_invoice_is_flagged(w):
    alice = w["world"].chain.alice
    lot = w["world"].labelled(count=2, each=50)
    entry(alice, lot, "production", activity="播种")
    entry(alice, lot, "sale", quantity="50", counterparty="某林场", destination="乌兰浩特")
    found = lot_of(ok(alice.get("/api/archive")), lot)
    assert [g["code"] for g in found["gaps"]] == ["sale_papers"]


def test_a_sale_names_its_labels_and_a_bad_serial_is_refused(w):
    assert w["sale"]["serial_count"] == 3
    alice, lot = w["world"].chain.alice, w["complete"]
    wrong = lot["labels"][0]["serial"][:-1] + (
        "0" if lot["labels"][0]["serial"][-1] != "0" else "1"
    )
    body = {
        "lot_id": lot["id"], "kind": "sale", "occurred_on": today().isoformat(),
        "responsible": "王林", "quantity": "100", "counterparty": "甲", "destination": "乙",
    }  # fmt: skip
    refused(alice.post("/api/archive/entries", json={**body, "serials": wrong}), 422, "校验位")
    refused(alice.post("/api/archive/entries", json={**body, "serials": "4-99"}), 422, "序号")
    refused(alice.post("/api/archive/entries", json={**body, "counterparty": ""}), 422, "购买方")


def test_a_correction_keeps_the_original(w):
    alice = w["world"].chain.alice
    first = entry(alice, w["complete"], "stock_in", quantity="40", counterparty="自有苗圃")
    fixed = ok(
        alice.post(
            f"/api/archive/entries/{first['id']}/corrections",
            json={"reason": "数量笔误", "quantity": "45"},
        ),
        201,
    )
    assert fixed["quantity"] == 45
    assert fixed["quantity_text"] == "45 株"
    assert fixed["original"]["quantity"] == "40 株"
    [change] = fixed["corrections"][0]["changes"]
    assert (change["label"], change["old"], change["new"]) == ("数量", "40 株", "45 株")
    same = alice.post(
        f"/api/archive/entries/{first['id']}/corrections", json={"reason": "再改", "quantity": "45"}
    )
    refused(same, 422, "相同")
    html = alice.get(f"/archive/entries/{first['id']}").text
    soup = BeautifulSoup(html, "html.parser")
    assert [s.get_text() for s in soup.select("#corrections s")] == ["40 株"]
    assert "数量笔误" in soup.select_one("#corrections").get_text()


def test_access_own_archive_jurisdiction_and_buyers_hidden(w, api):
    sale_id = w["sale"]["id"]
    serial = w["complete"]["labels"][0]["serial"]
    refused(api("bob").get(f"/api/archive/entries/{sale_id}"), 404)
    refused(api("officer_kyqq").get(f"/api/archive/entries/{sale_id}"), 404)
    refused(
        api("bob").post(
            f"/api/archive/entries/{sale_id}/corrections", json={"reason": "改他人", "note": "x"}
        ),
        404,
    )
    seen = ok(api("officer_wlht").get(f"/api/archive/entries/{sale_id}"))
    assert seen["details"]["counterparty"] == "科右前旗林场"
    assert not seen["buyer_hidden"]
    refused(
        api("officer_wlht").post(
            f"/api/archive/entries/{sale_id}/corrections", json={"reason": "官员改", "note": "x"}
        ),
        403,
    )
    # bob's own archive, whatever organisation he names
    mine = ok(
        api("bob").get("/api/archive", params={"organisation_id": w["world"].chain.alice_org})
    )
    assert all(e["organisation_id"] != w["world"].chain.alice_org for e in mine["entries"])
    # a scanned label traced to its sale: the buyer for officials, not for another operator
    official = ok(api("inspector").get("/api/archive/trace", params={"serial": serial}))
    assert official["found"]
    assert official["counterparty"] == "科右前旗林场"
    other = ok(api("bob").get("/api/archive/trace", params={"serial": serial}))
    assert other["found"]
    assert other["buyer_hidden"]
    assert other["counterparty"] == ""
    assert "科右前旗林场" not in api("bob").get("/archive/trace", params={"serial": serial}).text
    assert "科右前旗林场" in api("inspector").get("/archive/trace", params={"serial": serial}).text


def test_an_official_exports_the_archive_as_xlsx_and_pdf(w, api, server):
    org = w["world"].chain.alice_org
    year = today().year
    params = {"organisation_id": org, "date_from": f"{year}-01-01", "date_to": today().isoformat()}
    refused(w["world"].chain.alice.get("/api/archive/export.xlsx", params=params), 403)
    officer = api("officer_wlht")
    r = officer.get("/api/archive/export.xlsx", params=params)
    assert r.status_code == 200, r.text[:300]
    book = load_workbook(io.BytesIO(r.content))
    rows = [list(row) for row in book["档案记录"].iter_rows(values_only=True)]
    assert rows[0][0] == "日期"
    assert any("科右前旗林场" in (row[10] or "") for row in rows[1:])
    gaps = list(book["完整性检查"].iter_rows(values_only=True))
    assert any(row[1] == w["incomplete"]["number"] and row[3] == "不齐全" for row in gaps)
    r = officer.get("/api/archive/export.pdf", params=params)
    assert r.status_code == 200
    assert r.content.startswith(b"%PDF")
    text = squash(pdf_text(r.content))
    assert "林木种子生产经营档案" in text
    assert w["complete"]["number"] in text
    assert "档案不齐全" in text or "不齐全" in text
    pages = len(pdfium.PdfDocument(r.content))
    [url] = qr_texts(r.content, page_index=pages - 1)
    assert "/verify/archive/" in url
    page = api().get(url[url.index("/verify/") :]).text
    assert "生产经营档案导出件真实" in page
    assert "科右前旗林场" not in page


def test_the_form_shows_a_typo_in_a_serial_with_what_was_typed(w, browser, personas):
    browser.login(personas["alice"].username)
    lot = w["complete"]
    typed = lot["labels"][0]["serial"][:-1] + "*"
    r = browser.post_form(
        "/archive/new",
        {
            "lot_id": str(lot["id"]), "kind": "sale", "occurred_on": today().isoformat(),
            "responsible": "王林", "quantity": "100", "counterparty": "甲林场",
            "destination": "乙地", "serials": typed,
        },
    )  # fmt: skip
    assert r.status_code == 422
    soup = BeautifulSoup(r.text, "html.parser")
    assert "校验位" in soup.select_one("#f-serials-err").get_text()
    assert soup.select_one("#f-serials").get_text() == typed
    page = browser.get("/archive").text
    assert "档案不齐全" in page
    assert w["incomplete"]["number"] in page


def test_an_official_opens_an_operators_archive_page_and_exports_it(w, api):
    org = w["world"].chain.alice_org
    officer = api("officer_wlht")
    soup = BeautifulSoup(
        officer.get("/archive", params={"organisation_id": org}).text, "html.parser"
    )
    assert "档案不齐全" in soup.select_one("#completeness").get_text()
    form = soup.select_one("#export form")
    assert form["action"] == "/archive/export.xlsx"
    assert [b.get_text() for b in form.select("button")] == ["导出 Excel", "导出 PDF"]
    assert not soup.select("a[href='/archive/new']")  # officials read, operators record
    params = {"organisation_id": org, "date_from": f"{today().year}-01-01", "date_to": today()}
    r = officer.get("/archive/export.xlsx", params=params)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/vnd.openxmlformats")
    # another banner's official finds nothing to open
    other = api("officer_kyqq").get("/archive", params={"organisation_id": org})
    assert other.status_code == 404
    assert api("bob").get(f"/archive/entries/{w['sale']['id']}").status_code == 404
