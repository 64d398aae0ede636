"""The 质量检验合格证 PDF end to end: a lot, a 种苗站 inspection graded against a grading row
(the public GB 6000-1999 红皮云杉 numbers on a species of this module's own), the certificate
refused while the row is unconfirmed and issued once a second person confirmed it, all through
the live server; the PDF is downloaded
(API and page), read back as text and as a QR code, and compared with the records. The public
verification page then shows the certificate valid, expired and revoked."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta
from typing import Any

import pypdfium2 as pdfium
import pytest
from bs4 import BeautifulSoup

from seedreg.quality.tables import QualityCertificate
from tests.fixtures import Browser, unique
from tests.http.lotkit import (
    make_lot,
    ok,
    record_licence,
    refused,
    seedling_measures,
    spruce_row,
    today,
)
from tests.pdfread import pdf_text, qr_texts, squash

# A species of this module's own, so that no other test's grading row of 红皮云杉 applies.
SPECIES = unique("红皮云杉")
# FICTIONAL variety and number (test data), listed on the licence so the lot is a 良种 lot.
VARIETY = {
    "species": SPECIES,
    "variety": "红皮云杉兴安家系",
    "approval_number": "国S-SF-PK-012-2015",
}


def cn(value: str | date) -> str:
    """2026-11-27 → 2026年11月27日, written out here independently of the app's filters."""
    day = date.fromisoformat(value) if isinstance(value, str) else value
    return f"{day.year}年{day.month}月{day.day}日"


def assert_contains(text: str, *expected: str) -> None:
    missing = [e for e in expected if squash(e) not in text]
    assert not missing, f"missing from the PDF: {missing}\n--- text ---\n{text}"


@pytest.fixture(scope="module")
def flow(server: str, api, personas) -> dict[str, Any]:
    alice, station, admin = api("alice"), api("station"), api("admin")
    species = {
        "name_zh": SPECIES,
        "category": "主要造林树种",
        "latin_name": "Picea koraiensis Nakai",
        "latin_confirmed": True,
    }
    ok(admin.post("/api/reference/species", json=species), 201)
    body = spruce_row(SPECIES) | {"note": "内部备注：第二页页脚模糊，待核对"}
    row = ok(admin.post("/api/quality/grading/seedling", json=body), 201)
    licence = record_licence(
        api("officer_league"),
        personas["alice"].organisation_id,
        species=[SPECIES],
        varieties=[VARIETY],
    )
    lot = make_lot(
        alice,
        licence,
        species=SPECIES,
        improved=True,
        variety=VARIETY["variety"],
        approval_number=VARIETY["approval_number"],
        nursery_base="红星国有苗圃",
        origin="兴安盟乌兰浩特市义勒力特镇",
        quantity=20000,
    )
    measures = seedling_measures(
        inspected_on=(today() - timedelta(days=2)).isoformat(),
        inspector_name="乌云其其格",
        root_spread_cm=19,
    )
    inspection = ok(station.post(f"/api/lots/{lot['id']}/inspections", json=measures), 201)
    assert (inspection["passed"], inspection["row_confirmed"]) == (True, False)
    assert inspection["issuable"] is False
    lot_page = station.get(f"/lots/{lot['id']}").text
    assert "该分级数据行尚待种苗站或管理员确认，确认后方可签发合格证" in lot_page
    assert "签发质量检验合格证</button>" not in lot_page
    issue = f"/api/quality/inspections/{inspection['id']}/certificate"
    refusal = refused(station.post(issue), 409, f"“{SPECIES} 移植苗 2-2”没有已确认的分级标准数据行")
    ok(station.post(f"/api/quality/grading/seedling/{row['id']}/confirm"))
    assert ok(station.get(f"/api/quality/inspections/{inspection['id']}"))["issuable"] is True
    assert "签发质量检验合格证</button>" in station.get(f"/lots/{lot['id']}").text
    cert = ok(station.post(issue), 201)
    r = alice.get(f"/api/quality/certificates/{cert['id']}/pdf")
    assert r.status_code == 200, r.text[:400]
    assert r.headers["content-type"].startswith("application/pdf")
    browser = Browser(server)
    browser.login(personas["station"].username)
    page_pdf = browser.get(f"/quality/certificates/{cert['id']}/pdf")
    assert page_pdf.status_code == 200
    return {
        "lot": lot,
        "licence": licence,
        "inspection": inspection,
        "cert": cert,
        "pdf": r.content,
        "page_pdf": page_pdf.content,
        "refusal": refusal,
        "alice": alice,
        "station": station,
        "anon": api(),
        "organisation": ok(api("admin").get(f"/api/organisations/{lot['organisation_id']}")),
    }


def test_the_certificate_pdf_prints_every_field_of_the_records(flow):
    lot, cert, inspection = flow["lot"], flow["cert"], flow["inspection"]
    assert flow["pdf"].startswith(b"%PDF")
    text = squash(pdf_text(flow["pdf"]))
    assert_contains(
        text,
        "林木种苗质量检验合格证",
        f"编号：{cert['number']}",
        flow["organisation"]["name"],
        flow["licence"]["number"],
        lot["number"],
        "苗木",
        SPECIES,
        "Picea koraiensis Nakai",
        VARIETY["variety"],
        f"林木良种（审定/认定编号：{VARIETY['approval_number']}）",
        lot["origin"],
        lot["production_site_text"],
        "红星国有苗圃",
        cn(lot["produced_on"]),
        "20000 株",
        "苗木种类移植苗",
        "苗龄2-2",
        "地径0.45 cm",
        "苗高20 cm",
        "根系长度22 cm",
        ">5 cm 一级侧根数16 条",
        "根幅19 cm",
        "I级苗百分率60%",
        "II级苗百分率30%",
        "综合控制指标符合",
        f"分级依据GB 6000-1999 附录A {SPECIES} 移植苗 2-2",
        "Ⅰ级苗（合格）",
        "检验方式种苗站检验（站检）",
        f"检验日期{cn(inspection['inspected_on'])}",
        "检验员乌云其其格",
        f"签发日期{cn(cert['issued_on'])}",
        f"有效期至{cn(cert['valid_to'])}",
        "兴安盟林木种苗站",
    )
    assert inspection["measured"]["root_spread_cm"] == 19
    assert cert["inspector_name"] == "乌云其其格"
    assert (
        cert["valid_to"]
        == (date.fromisoformat(cert["issued_on"]) + timedelta(days=180)).isoformat()
    )
    assert "样例" not in text
    assert "内部备注" not in text
    assert "本证已撤销" not in text
    assert "本证已过期" not in text
    assert len(pdfium.PdfDocument(flow["pdf"])) == 1


def test_the_qr_code_leads_to_the_verification_page(flow):
    cert = flow["cert"]
    for pdf in (flow["pdf"], flow["page_pdf"]):
        assert qr_texts(pdf) == [cert["verify_url"]]
    assert cert["verify_url"].endswith(f"/verify/quality/{cert['public_id']}")
    assert squash(pdf_text(flow["page_pdf"])) == squash(pdf_text(flow["pdf"]))


def verify_page(flow) -> tuple[int, str]:
    path = flow["cert"]["verify_url"].split("://", 1)[1].split("/", 1)[1]
    r = flow["anon"].get(f"/{path}")
    return r.status_code, BeautifulSoup(r.text, "html.parser").get_text(" ")


async def _move_back(cert_id: int, days: int) -> None:
    row = await QualityCertificate.select().where(QualityCertificate.id == cert_id).first()
    await QualityCertificate.update(
        {
            QualityCertificate.issued_on: row["issued_on"] - timedelta(days=days),
            QualityCertificate.valid_to: row["valid_to"] - timedelta(days=days),
        }
    ).where(QualityCertificate.id == cert_id)


def test_the_verification_page_shows_valid_then_expired_then_revoked(flow):
    cert, lot = flow["cert"], flow["lot"]
    status, text = verify_page(flow)
    assert status == 200
    for shown in ("质量检验合格证真实有效", cert["number"], lot["number"], SPECIES, "Ⅰ级苗"):
        assert shown in text, shown
    assert cn(cert["valid_to"]) in text
    assert flow["organisation"]["name"] in text  # the holder: the only party named
    for private in (
        "乌云其其格",
        flow["organisation"]["uscc"],
        flow["organisation"]["legal_representative"],
    ):
        assert private not in text
    public = ok(flow["anon"].get(f"/api/public/quality-certificates/{cert['public_id']}"))
    assert (public["status"], public["number"], public["grade"]) == ("valid", cert["number"], "I")
    assert "乌云其其格" not in str(public)

    asyncio.run(_move_back(cert["id"], 200))  # issued 200 days ago: 180 days valid → expired
    status, text = verify_page(flow)
    assert status == 200
    assert "该合格证已过期" in text
    expired = ok(flow["anon"].get(f"/api/public/quality-certificates/{cert['public_id']}"))
    assert expired["status"] == "expired"
    assert (
        expired["valid_to"]
        == (date.fromisoformat(cert["valid_to"]) - timedelta(days=200)).isoformat()
    )
    assert "本证已过期" in squash(
        pdf_text(flow["alice"].get(f"/api/quality/certificates/{cert['id']}/pdf").content)
    )

    reason = "复检发现苗木根系受损"
    ok(
        flow["station"].post(
            f"/api/quality/certificates/{cert['id']}/revoke", json={"reason": reason}
        )
    )
    status, text = verify_page(flow)
    assert "该合格证已撤销" in text
    assert reason in text
    revoked = ok(flow["anon"].get(f"/api/public/quality-certificates/{cert['public_id']}"))
    assert (revoked["status"], revoked["status_reason"]) == ("revoked", reason)


def test_an_unknown_certificate_is_reported_as_not_found(flow):
    r = flow["anon"].get("/verify/quality/not-a-real-id")
    assert r.status_code == 404
    assert "系统中没有这张合格证" in r.text
    r = flow["anon"].get("/api/public/quality-certificates/not-a-real-id")
    assert r.status_code == 404
    assert "可能是伪造的" in r.json()["error"]["message"]
