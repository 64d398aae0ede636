"""Seals through the live server: the adapter is a local setting (none by default); with the
test signer a downloaded licence carries a PAdES signature and the 测试 mark, and the public
seal page says the test seal is not a lawful seal."""

from __future__ import annotations

import io

import httpx
import pytest
from bs4 import BeautifulSoup
from pyhanko.pdf_utils.reader import PdfFileReader

from tests.http.lotkit import ok, record_licence
from tests.pagetext import english_in_html
from tests.pdfread import pdf_text, qr_texts, squash


@pytest.fixture(scope="module")
def licence(api, personas) -> dict:
    return record_licence(
        api("officer_league"), personas["alice"].organisation_id, species=["樟子松"]
    )


def _signatures(pdf: bytes) -> list:
    return list(PdfFileReader(io.BytesIO(pdf)).embedded_signatures)


def _seal_page(server: str) -> BeautifulSoup:
    response = httpx.get(f"{server}/verify/seals")
    assert response.status_code == 200
    assert english_in_html(response.text) == []
    return BeautifulSoup(response.text, "html.parser")


def test_by_default_documents_go_out_unsealed(api, server, licence):
    pdf = api("alice").get(f"/api/licensing/licences/{licence['id']}/original.pdf").content
    assert pdf.startswith(b"%PDF")
    assert _signatures(pdf) == []
    assert "测试" not in pdf_text(pdf)
    page = _seal_page(server)
    assert "尚未接入自治区统一电子印章系统" in page.get_text()
    assert page.find(id="seal-test-warning") is None


def test_the_test_signer_seals_a_licence_with_a_visible_test_mark(api, server, licence):
    admin = api("admin")
    try:
        ok(admin.put("/api/settings/seals.adapter", json={"value": "test"}))
        pdf = api("alice").get(f"/api/licensing/licences/{licence['id']}/original.pdf").content
        page = _seal_page(server)
    finally:
        admin.delete("/api/settings/seals.adapter")
    (signature,) = _signatures(pdf)
    assert "测试" in signature.signer_cert.subject.human_friendly
    text = squash(pdf_text(pdf))
    assert "测试签章" in text
    assert licence["number"] in text
    assert qr_texts(pdf) == [licence["verify_url"]]
    warning = page.find(id="seal-test-warning")
    assert warning is not None
    assert "不是合法印章" in warning.get_text()
    assert len(warning.find("code").get_text()) >= 64


def test_a_printed_record_is_not_sealed(api, licence):
    admin = api("admin")
    try:
        ok(admin.put("/api/settings/seals.adapter", json={"value": "test"}))
        record = api("alice").get(f"/api/organisations/{licence['organisation_id']}/record.pdf")
    finally:
        admin.delete("/api/settings/seals.adapter")
    # the organisation's record is printed for it, not issued: no seal, no mark
    assert record.status_code == 200
    assert _signatures(record.content) == []
    assert "测试签章" not in pdf_text(record.content)
