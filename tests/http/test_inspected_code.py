"""The inspected business's 检查码 (issue 23): printed with its QR on the 现场检查笔录, it opens
the business's own inspection history — never another business's — and one anonymous rating
of the visit."""

from __future__ import annotations

import asyncio

import httpx
import pypdfium2 as pdfium
import pytest

from tests import factories
from tests.fixtures import Browser
from tests.http.checkkit import body, make_team
from tests.http.lotkit import ok, refused
from tests.label_support import sql
from tests.pdfread import pdf_text, qr_texts, squash

CHECKS = "/api/inspections/checks"


@pytest.fixture(scope="module")
def team(server, personas):
    return make_team(server)


def org() -> tuple[int, str]:
    made = asyncio.run(factories.make_organisation("152201"))
    return made.id, made.name


def code_of(check_id: int) -> str:
    [row] = sql("SELECT code FROM inspected_code WHERE field_check = {}", check_id)
    return row["code"]


def check(team, target: int, *codes: str) -> dict:
    checklist = [{"code": c, "result": "fails", "note": f"{c} 现场发现"} for c in codes]
    return ok(team.first.post(CHECKS, json=body(team, target, checklist=checklist)), 201)


@pytest.fixture(scope="module")
def two_parties(team):
    (a, a_name), (b, b_name) = org(), org()
    a_checks = [check(team, a, "V4-1"), check(team, a)]
    b_check = check(team, b, "V1-1")
    return a_name, a_checks, b_name, b_check


def test_a_code_shows_its_own_business_and_never_another(server, two_parties):
    a_name, a_checks, b_name, b_check = two_parties
    code = code_of(a_checks[0]["id"])
    assert len(code) == 16
    assert code != code_of(a_checks[1]["id"])
    seen = httpx.get(f"{server}/api/inspected/{code}")
    assert seen.status_code == 200, seen.text[:300]
    history = seen.json()
    assert history["party"] == a_name
    assert sorted(v["number"] for v in history["visits"]) == sorted(c["number"] for c in a_checks)
    assert b_name not in seen.text
    assert b_check["number"] not in seen.text
    finding = next(v for v in history["visits"] if v["id"] == a_checks[0]["id"])["findings"][0]
    assert finding["code"] == "V4-1"
    assert finding["due_on"] == "2026-12-12"
    assert finding["state_label"] == "待复查"
    urls = [d["verify_url"] for v in history["visits"] for d in v["documents"]]
    assert any(u.endswith(f"/verify/checks/{a_checks[0]['public_id']}/rectification") for u in urls)
    other = httpx.get(f"{server}/api/inspected/{code_of(b_check['id'])}").json()
    assert other["party"] == b_name
    assert [v["number"] for v in other["visits"]] == [b_check["number"]]
    assert a_name not in str(other)


def test_an_unknown_or_altered_code_finds_nothing(server, two_parties):
    code = code_of(two_parties[1][0]["id"])
    altered = code[:-1] + ("A" if code[-1] != "A" else "B")
    for wrong in (altered, "ABCD", "0" * 16):
        answer = httpx.get(f"{server}/api/inspected/{wrong}")
        assert answer.status_code == 404
        assert "检查码不正确" in answer.json()["error"]["message"]
    page = httpx.get(f"{server}/inspected/{altered}")
    assert page.status_code == 404
    assert "检查码不正确" in page.text


def test_one_anonymous_rating_per_visit(server, two_parties):
    check_id = two_parties[1][1]["id"]
    code = code_of(check_id)
    url = f"{server}/api/inspected/{code}/rating"
    first = httpx.post(url, json={"rating": "fair", "comment": "态度好，时间偏长"})
    assert first.status_code == 201, first.text
    assert first.json()["label"] == "基本满意"
    refused(httpx.post(url, json={"rating": "satisfied"}), 422, "只能评价一次")
    rows = sql("SELECT * FROM check_rating WHERE field_check = {}", check_id)
    assert len(rows) == 1
    assert set(rows[0]) == {"id", "field_check", "rating", "comment", "rated_on"}  # no name
    events = sql(
        "SELECT actor_id, actor_label FROM audit_event WHERE action = 'check_rating:rate' "
        "AND subject_id = {}",
        str(check_id),
    )
    assert events == [{"actor_id": None, "actor_label": "被检查单位（匿名评价）"}]
    history = httpx.get(f"{server}/api/inspected/{code}").json()
    assert history["may_rate"] is False
    assert history["rated_label"] == "基本满意"


def test_the_page_rates_the_visit_without_login(server, two_parties):
    a_name, a_checks, _, _ = two_parties
    code = code_of(a_checks[0]["id"])
    visitor = Browser(server)
    shown = visitor.get(f"/inspected/{code.lower()}")
    assert shown.status_code == 200
    assert a_name in shown.text
    assert "评价本次检查" in shown.text
    assert "责令改正期限 2026年12月12日" in shown.text
    sent = visitor.post_form(
        f"/inspected/{code}/rating", {"rating": "satisfied"}, form_page=f"/inspected/{code}"
    )
    assert sent.status_code == 303
    after = visitor.get(f"/inspected/{code}").text
    assert "已评价：满意" in after
    typed = visitor.get(
        "/inspected", params={"code": "-".join([code[:4], code[4:8], code[8:12], code[12:]])}
    )
    assert typed.status_code == 303
    assert typed.headers["location"] == f"/inspected/{code}"


def test_the_record_prints_the_code_and_its_qr(team, two_parties):
    check_id = two_parties[1][0]["id"]
    code = code_of(check_id)
    response = team.first.get(f"{CHECKS}/{check_id}/documents/record")
    assert response.status_code == 200
    text = squash(pdf_text(response.content))
    assert f"检查码：{code[:4]}-{code[4:8]}-{code[8:12]}-{code[12:]}" in text
    pages = len(pdfium.PdfDocument(response.content))
    found = [t for i in range(pages) for t in qr_texts(response.content, page_index=i)]
    assert any(t.endswith(f"/inspected/{code}") for t in found), found
