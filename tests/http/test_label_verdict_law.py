"""The public check of a label whose certificates changed after it was issued, page and API: a
lapse (validity ran out) leaves a genuine label genuine with a dated notice; a withdrawal
(recall, revoked certificate, revoked licence) stays red. Each label here was issued ten days
ago (its issue's date moved back in the database), so "after issue" is real."""

from __future__ import annotations

import itertools
from datetime import timedelta

import httpx
import pytest
from bs4 import BeautifulSoup

from tests.http.lotkit import ok
from tests.label_support import make_chain, restore, set_status, sql, today

_hosts = itertools.count(1)


def visit(server: str, path: str) -> httpx.Response:
    n = next(_hosts)
    return httpx.get(
        f"{server}{path}", headers={"X-Forwarded-For": f"203.{n // 250}.{n % 250}.9"}, timeout=60
    )


def cn(day) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


@pytest.fixture(scope="module")
def chain(api):
    return make_chain(api)


def issued_ten_days_ago(chain) -> tuple[dict, dict, dict]:
    """A label of a fresh lot, its issue dated ten days back; (lot, label, issue row)."""
    lot = chain.ready_lot()
    done = ok(
        chain.alice.post(
            f"/api/labels/lots/{lot['id']}/issues", json={"count": 1, "quantity_each": 10}
        ),
        201,
    )
    label = ok(chain.alice.get(f"/api/labels/issues/{done['id']}/labels"))["items"][0]
    back = today() - timedelta(days=10)
    sql("UPDATE label_issue SET issued_on = {} WHERE id = {}", back, done["id"])
    sql("UPDATE label SET issued_on = {} WHERE id = {}", back, label["id"])
    issue = sql(
        "SELECT quality_certificate, site_quarantine FROM label_issue WHERE id = {}", done["id"]
    )[0]
    return lot, label, issue


def checked(server: str, serial: str) -> tuple[str, str, str, dict]:
    """(state badge, heading, page text, JSON) of the public check."""
    page = visit(server, f"/v/{serial}")
    assert page.status_code == 200
    soup = BeautifulSoup(page.text, "html.parser")
    state = soup.select_one(".verify-state .state").get_text(strip=True)
    data = visit(server, f"/api/public/labels/{serial}").json()
    return state, soup.h1.get_text(" "), soup.get_text(" "), data


def test_certificates_that_ran_out_after_issue_leave_a_genuine_label_with_a_notice(chain, server):
    _, label, issue = issued_ten_days_ago(chain)
    ran_out = today() - timedelta(days=3)
    sql(
        "UPDATE quality_certificate SET valid_to = {} WHERE id = {}",
        ran_out,
        issue["quality_certificate"],
    )
    sql(
        "UPDATE site_quarantine_certificate SET valid_to = {} WHERE id = {}",
        ran_out - timedelta(days=1),
        issue["site_quarantine"],
    )
    state, heading, text, data = checked(server, label["serial"])
    assert (data["verdict"], data["ok"], data["issued_valid"]) == ("valid", True, True)
    notice = (
        f"标签真实，签发时证照齐全有效；质量检验合格证已于{cn(ran_out)}到期；"
        f"检疫证书已于{cn(ran_out - timedelta(days=1))}到期"
    )
    assert data["notice"] == notice
    assert [(c["kind"], c["on"], c["lapse"]) for c in data["changes"]] == [
        ("quality_expired", ran_out.isoformat(), True),
        ("quarantine_expired", (ran_out - timedelta(days=1)).isoformat(), True),
    ]
    assert state == "有效"
    assert "标签真实，签发时证照齐全有效" in heading
    assert notice in text
    assert "无效" not in state


def test_a_licence_that_ran_out_after_issue_is_a_notice(chain, server):
    _, label, _ = issued_ten_days_ago(chain)
    ended = today() - timedelta(days=2)
    sql("UPDATE licence SET valid_to = {} WHERE id = {}", ended, chain.licence["id"])
    try:
        state, _, text, data = checked(server, label["serial"])
    finally:
        restore("licence", chain.licence["id"], chain.licence["valid_to"])
    assert (data["verdict"], data["ok"]) == ("valid", True)
    assert f"生产经营许可证已于{cn(ended)}到期" in data["notice"]
    assert state == "有效"
    assert f"生产经营许可证已于{cn(ended)}到期" in text


@pytest.mark.parametrize(
    ("change", "verdict", "words"),
    [
        ("quality_revoked", "quality_revoked", "质量检验合格证已撤销"),
        ("quarantine_revoked", "quarantine_revoked", "检疫证书已撤销"),
        ("recalled", "recalled", "批次已于"),
        ("licence_revoked", "licence_revoked", "许可证已吊销"),
    ],
)
def test_withdrawals_after_issue_stay_red(chain, server, change, verdict, words):
    lot, label, issue = issued_ten_days_ago(chain)
    try:
        if change == "quality_revoked":
            set_status("quality_certificate", issue["quality_certificate"], "revoked")
        elif change == "quarantine_revoked":
            set_status("site_quarantine_certificate", issue["site_quarantine"], "revoked")
        elif change == "recalled":
            ok(chain.alice.post(f"/api/lots/{lot['id']}/recall", json={"reason": "抽检发现病害"}))
        else:
            set_status("licence", chain.licence["id"], "revoked")
        state, _, text, data = checked(server, label["serial"])
    finally:
        if change == "licence_revoked":
            restore("licence", chain.licence["id"], chain.licence["valid_to"])
    assert (data["verdict"], data["ok"], data["notice"]) == (verdict, False, "")
    assert state == "无效"
    assert data["changes"][0]["kind"] == verdict
    assert data["changes"][0]["lapse"] is False
    assert words in data["changes"][0]["text"]
    assert words in text
    if change == "recalled":
        assert data["changes"][0]["text"] == f"批次已于{cn(today())}召回"


def test_the_openapi_documents_the_new_fields(api):
    schema = ok(api().get("/schema/openapi.json"))
    out = schema["components"]["schemas"]["VerificationOut"]
    for name in ("issued_valid", "changes", "notice"):
        assert name in out["properties"], name
        assert out["properties"][name].get("description") or name == "changes"
    label = schema["components"]["schemas"]["PublicLabel"]["properties"]
    for name in ("instructions", "variety_right_number", "version_label"):
        assert name in label, name
