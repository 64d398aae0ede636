"""The requests are public services, not licences (issue 17), through the live server: the
catalogue and the printed guide type them 公共服务 where the licence is 行政许可; their refusal
notices (read back from the PDFs) carry no 行政复议/行政诉讼 wording of a licence refusal but
say how to reach the office (兴署发〔2021〕5号 Art. 17(二)); a request refused at intake stores
the same; nothing of a request is deemed accepted."""

from __future__ import annotations

import json

import httpx

from tests.http.lotkit import ok
from tests.http.requestkit import REQUESTS, quality_body, submitted
from tests.http.test_requests import new_lot, r  # noqa: F401  (the module's fixture)
from tests.label_support import sql
from tests.pdfread import pdf_text, squash

REQUEST_MATTERS = ("quality_request", "site_quarantine_request", "consignment_quarantine_request")
LICENCE_WORDS = ("行政复议", "行政诉讼", "行政许可")


def _pdf(server: str, path: str) -> str:
    response = httpx.get(f"{server}{path}", timeout=60)
    assert response.status_code == 200, (path, response.text[:300])
    assert response.headers["content-type"] == "application/pdf"
    return squash(pdf_text(response.content))


def _sample(server: str, code: str, name_part: str) -> str:
    results = httpx.get(f"{server}/api/guides/{code}", timeout=60).json()["results"]
    urls = [s["url"] for res in results if name_part in res["name"] for s in res["samples"]]
    assert urls, (code, name_part, results)
    return _pdf(server, urls[0])


def test_the_catalogue_and_the_printed_guide_type_requests_as_services(server):
    matters = {m["code"]: m for m in httpx.get(f"{server}/api/matters", timeout=60).json()}
    assert matters["licensing"]["type_label"] == "行政许可"
    for code in REQUEST_MATTERS:
        assert matters[code]["type_label"] == "公共服务", code
        assert matters[code]["league_step"] == "service"
        assert "公共服务" in _pdf(server, f"/guides/{code}/guide.pdf")
    assert "行政许可" in _pdf(server, "/guides/licensing/guide.pdf")


def test_a_request_refusal_notice_has_no_licence_appeal_wording(server):
    licence = _sample(server, "licensing", "不予行政许可")
    assert "行政复议" in licence
    assert "行政诉讼" in licence
    for code, name in (
        ("quality_request", "不合格"),
        ("site_quarantine_request", "检疫结果告知"),
        ("consignment_quarantine_request", "检疫结果告知"),
    ):
        text = _sample(server, code, name)
        assert not [w for w in LICENCE_WORDS if w in text], (code, text[:400])
        assert "如有疑问，请与本机关联系" in text, code


def test_a_request_refused_at_intake_stores_no_licence_rights(r):  # noqa: F811
    made = submitted(r.alice, quality_body(new_lot(r)))
    ok(r.station.post(f"{REQUESTS}/{made['id']}/reject", json={"reasons": "该批次不在本站辖区"}))
    rows = sql(
        "SELECT content FROM matter_notice WHERE application = {} AND kind = {}",
        made["id"],
        "rejection",
    )
    assert len(rows) == 1
    content = rows[0]["content"]
    content = json.loads(content) if isinstance(content, str) else content
    assert content["rights"] == ""
    assert content["reasons"] == "该批次不在本站辖区"
    assert content["contact"]
