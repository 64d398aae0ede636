"""Forms and samples through the live server (兴署发〔2021〕5号 Arts. 10–11): every table
material of every matter in the catalogue has a blank form and a filled 样表; every result
document has a masked sample; each guide is reachable by a QR on its page and on its print."""

from __future__ import annotations

import io

import httpx
import pytest
import zxingcpp
from bs4 import BeautifulSoup
from PIL import Image

from seedreg import pdf_samples
from tests.pagetext import english_in_html
from tests.pdfread import pdf_text, qr_texts, squash


def all_qr(data: bytes) -> list[str]:
    """The QR codes of every page (a guide's QR sits under its last line, on its last page)."""
    import pypdfium2 as pdfium

    return [t for i in range(len(pdfium.PdfDocument(data))) for t in qr_texts(data, i)]


def is_table(name: str) -> bool:
    return name.endswith(("表", "申请书"))


@pytest.fixture(scope="module")
def matters(server) -> list[dict]:
    found = httpx.get(f"{server}/api/matters").json()
    assert {m["code"] for m in found} >= {"licensing", "filing"}
    return found


def guide_url(server: str, code: str) -> str:
    return f"{server}/licensing/guide" if code == "licensing" else f"{server}/guides/{code}"


def get_pdf(server: str, path: str) -> bytes:
    response = httpx.get(f"{server}{path}", timeout=60)
    assert response.status_code == 200, (path, response.text[:300])
    assert response.headers["content-type"] == "application/pdf"
    return response.content


def test_every_table_material_has_a_blank_form_and_a_filled_sample(server, matters):
    seen = 0
    for matter in matters:
        extras = httpx.get(f"{server}/api/guides/{matter['code']}").json()
        tables = [m for m in matter["materials"] if is_table(m["name"])]
        assert [f["code"] for f in extras["forms"]] == [m["code"] for m in tables]
        for material in tables:
            seen += 1
            blank = get_pdf(server, f"/guides/{matter['code']}/forms/{material['code']}/blank.pdf")
            sample = get_pdf(
                server, f"/guides/{matter['code']}/forms/{material['code']}/sample.pdf"
            )
            blank_text, sample_text = squash(pdf_text(blank)), squash(pdf_text(sample))
            assert squash(material["name"]) in blank_text
            assert "样表" in sample_text
            assert "样本" in sample_text  # the mark across the page
            assert "样本" not in blank_text
            assert "××" in sample_text  # filled in, with the names hidden
            assert "××" not in blank_text
            assert all_qr(blank) == [guide_url(server, matter["code"])]
            assert all_qr(sample) == [guide_url(server, matter["code"])]
    assert seen >= 2  # the licence application form and the filing form


def test_the_application_form_sample_shows_what_the_online_form_asks(server):
    sample = squash(pdf_text(get_pdf(server, "/guides/licensing/forms/A01/sample.pdf")))
    for label in (
        "申请人名称",
        "法定代表人",
        "生产经营的树种",
        "生产地点",
        "有效区域",
        "申请人（签章）",
    ):
        assert label in sample
    assert "91152201MA********" in sample


def test_every_result_document_has_a_masked_sample_whose_qr_leads_to_the_guide(server, matters):
    real = pdf_samples.demo_licence()
    for matter in matters:
        extras = httpx.get(f"{server}/api/guides/{matter['code']}").json()
        assert [r["name"] for r in extras["results"]] == matter["result_documents"]
        for result in extras["results"]:
            assert result["samples"], f"{matter['code']}: no sample of {result['name']}"
            for sample in result["samples"]:
                pdf = get_pdf(server, sample["url"])
                text = squash(pdf_text(pdf))
                assert "样本" in text
                assert real.legal_representative not in text
                assert real.number not in text
                assert real.holder_name not in text
                assert guide_url(server, matter["code"]) in all_qr(pdf)


def test_the_guide_page_links_the_samples_and_shows_its_qr(server):
    page = BeautifulSoup(httpx.get(f"{server}/licensing/guide").text, "html.parser")
    box = page.find(id="guide-forms-samples")
    assert box.find("a", href="/guides/licensing") is not None
    assert box.find("a", href="/guides/licensing/guide.pdf") is not None
    image = httpx.get(f"{server}{box.find('img')['src']}")
    assert image.headers["content-type"] == "image/png"
    codes = zxingcpp.read_barcodes(Image.open(io.BytesIO(image.content)))
    assert [c.text for c in codes] == [f"{server}/licensing/guide"]


@pytest.mark.parametrize("code", ["licensing", "filing"])
def test_the_forms_page_and_the_printable_guide_carry_the_qr(server, code):
    response = httpx.get(f"{server}/guides/{code}")
    assert response.status_code == 200
    assert english_in_html(response.text) == []
    page = BeautifulSoup(response.text, "html.parser")
    assert page.select("#forms a[href$='blank.pdf']")
    assert page.select("#results a[href$='.pdf']")
    assert page.select_one("#guide-qr img")["src"].startswith("data:image/svg+xml")
    printed = get_pdf(server, f"/guides/{code}/guide.pdf")
    text = squash(pdf_text(printed))
    assert "办事指南" in text
    assert all_qr(printed) == [guide_url(server, code)]


def test_unknown_matters_and_documents_that_are_not_forms_are_not_found(server):
    assert httpx.get(f"{server}/guides/nothing").status_code == 404
    assert httpx.get(f"{server}/guides/licensing/forms/A02/blank.pdf").status_code == 404
    assert httpx.get(f"{server}/guides/licensing/results/99/sample.pdf").status_code == 404
    body = httpx.get(f"{server}/api/guides/nothing").json()
    assert body["error"]["status"] == 404


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("quality_request", ["不合格", "理由", "整改后重新申请检验", "种子法》第四十八条"]),
        ("site_quarantine_request", ["发现检疫对象", "除害处理", "销毁", "第十一条", "第八条"]),
        ("consignment_quarantine_request", ["发现检疫对象", "除害处理", "销毁", "第七条"]),
    ],
)
def test_a_failed_result_notice_states_the_result_the_reasons_and_the_disposal(server, code, words):
    results = httpx.get(f"{server}/api/guides/{code}").json()["results"]
    notice = results[-1]["samples"][0]  # the written result, after the certificate
    text = squash(pdf_text(get_pdf(server, notice["url"])))
    for word in words:
        assert squash(word) in text, (code, word)
    assert "（√）" in text  # the disposal ordered is marked
