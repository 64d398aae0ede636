"""A 自检 质量检验合格证 on paper: the operator's verified 检验员 inspects, the operator issues, and
the PDF (API and page) says 自检, names the tester with the qualification number and the holder
as the issuing unit; the QR leads to the public check, which says 自检 as well."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.fixtures import Browser
from tests.http.lotkit import (
    confirmed_row,
    make_lot,
    new_species,
    ok,
    record_licence,
    seedling_measures,
    spruce_row,
)
from tests.pdfread import pdf_text, qr_texts, squash

TESTER = {
    "name": "包金花",
    "id_number": "152201198803150028",
    "qualification_number": "NMLZJ-2024-0815",
    "education": "本科",
    "speciality": "森林培育",
}


def cn(value: str) -> str:
    day = date.fromisoformat(value)
    return f"{day.year}年{day.month}月{day.day}日"


@pytest.fixture(scope="module")
def flow(server: str, api, personas) -> dict[str, Any]:
    alice, station, admin = api("alice"), api("station"), api("admin")
    species = new_species(admin)  # the public 红皮云杉 numbers, entered and confirmed
    confirmed_row(admin, station, "seedling", spruce_row(species))
    licence = record_licence(
        api("officer_league"), personas["alice"].organisation_id, species=[species]
    )
    lot = make_lot(alice, licence, species=species)
    tester = ok(alice.post("/api/quality/testers", json=TESTER), 201)
    ok(station.post(f"/api/quality/testers/{tester['id']}/verify"))
    body = seedling_measures(tester_id=tester["id"])
    inspection = ok(alice.post(f"/api/lots/{lot['id']}/inspections", json=body), 201)
    cert = ok(alice.post(f"/api/quality/inspections/{inspection['id']}/certificate"), 201)
    pdf = alice.get(f"/api/quality/certificates/{cert['id']}/pdf")
    assert pdf.status_code == 200, pdf.text[:400]
    browser = Browser(server)
    browser.login(personas["alice"].username)
    page_pdf = browser.get(f"/quality/certificates/{cert['id']}/pdf")
    assert page_pdf.status_code == 200
    return {"cert": cert, "pdf": pdf.content, "page_pdf": page_pdf.content, "anon": api()}


def test_the_self_inspection_pdf_says_self_inspection_and_names_the_tester(flow):
    cert = flow["cert"]
    text = squash(pdf_text(flow["pdf"]))
    for expected in (
        f"编号：{cert['number']}",
        "检验方式生产经营者自检（自检）",
        f"检验员{TESTER['name']}（资格证书 {TESTER['qualification_number']}）",
        f"本证由alice林木种苗有限公司依据本单位检验员{TESTER['name']}",
        "检验员资格经种苗站核验",
        "种苗站抽检可推翻自检结论",
        f"签发日期{cn(cert['issued_on'])}",
    ):
        assert squash(expected) in text, f"missing {expected!r}\n{text}"
    assert "兴安盟林木种苗站" not in text
    assert squash(pdf_text(flow["page_pdf"])) == text


def test_the_qr_leads_to_a_public_check_that_says_self_inspection(flow):
    cert = flow["cert"]
    assert qr_texts(flow["pdf"]) == [cert["verify_url"]]
    path = cert["verify_url"].split("://", 1)[1].split("/", 1)[1]
    page = flow["anon"].get(f"/{path}").text
    assert "生产经营者自检（自检）" in page
    assert "包**（资格经种苗站核验）" in page
    assert TESTER["name"] not in page
    assert TESTER["id_number"] not in page
