"""Delivery of results (兴署发〔2021〕5号 Arts. 17(三), 19) through the live server, on a filing
(any matter's application works the same way): the applicant chooses electronic and/or paper and
window, online or mail; the office records the tracking number, or who collected and when; each
step is on the application's record and on its page."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup

from seedreg.core.audit.services import history
from tests.fixtures import Browser
from tests.http.lotkit import ok, record_licence, refused

FILINGS = "/api/filings"


@pytest.fixture(scope="module")
def c(api, personas, server) -> SimpleNamespace:
    ns = SimpleNamespace(
        alice=api("alice"),
        bob=api("bob"),
        kyqq=api("officer_kyqq"),
        league=api("officer_league"),
        server=server,
        personas=personas,
    )
    ns.number = record_licence(ns.league, personas["alice"].organisation_id, species=["樟子松"])[
        "number"
    ]
    return ns


def submitted_filing(c) -> dict:
    details = {"kind": "packaged_seller", "licence_number": c.number, "varieties": ["樟子松"]}
    filing = ok(c.bob.post(FILINGS, json={"details": details}), 201)
    return ok(c.bob.post(f"{FILINGS}/{filing['id']}/submit"))


def record(c, filing: dict) -> None:
    assert ok(c.kyqq.post(f"{FILINGS}/{filing['id']}/record"))["status"] == "filed"


MAIL = {
    "electronic": True,
    "paper": True,
    "method": "mail",
    "recipient": "刘经理",
    "phone": "13900001234",
    "address": "科尔沁右翼前旗科尔沁镇平安村1号",
}


def test_the_applicant_chooses_mail_and_the_office_records_the_tracking_number(c):
    filing = submitted_filing(c)
    path = f"/api/deliveries/{filing['id']}"
    first = ok(c.bob.get(path))
    assert (first["status"], first["allowed_actions"]) == (None, ["choose"])
    assert ok(c.kyqq.get(path))["allowed_actions"] == []
    refused(c.alice.get(path), 404)  # not alice's application
    refused(c.bob.put(path, json={**MAIL, "method": "online"}), 422, "窗口领取或邮寄")
    refused(c.bob.put(path, json={**MAIL, "electronic": False, "paper": False}), 422, "至少")
    refused(c.bob.put(path, json={**MAIL, "address": ""}), 422, "收件地址", field="address")
    refused(c.kyqq.put(path, json=MAIL), 403)
    chosen = ok(c.bob.put(path, json=MAIL))
    assert (chosen["status"], chosen["method_label"]) == ("chosen", "邮寄送达")
    assert (chosen["electronic"], chosen["paper"]) == (True, True)
    tracking = {"carrier": "中国邮政", "tracking_number": "1190012345678"}
    refused(c.kyqq.post(f"{path}/mailing", json=tracking), 422, "办结后")
    record(c, filing)
    assert ok(c.kyqq.get(path))["allowed_actions"] == ["mailing"]
    refused(c.kyqq.post(f"{path}/pickup", json={"collected_by": "刘经理"}), 422, "邮寄送达")
    refused(c.bob.post(f"{path}/mailing", json=tracking), 403)
    refused(c.kyqq.post(f"{path}/mailing", json={**tracking, "tracking_number": "号"}), 422, "格式")
    mailed = ok(c.kyqq.post(f"{path}/mailing", json=tracking))
    assert (mailed["status_label"], mailed["tracking_number"]) == ("已邮寄", "1190012345678")
    assert mailed["mailed_at"] is not None
    assert ok(c.bob.get(path))["allowed_actions"] == []
    refused(c.bob.put(path, json=MAIL), 422, "已经送出")
    refused(c.kyqq.post(f"{path}/mailing", json=tracking), 422, "已登记")
    import asyncio

    events = asyncio.run(history("matter_application", filing["id"]))
    actions = [e["action"] for e in events]
    assert actions.index("delivery:choose") < actions.index("delivery:mailing")


def test_window_pickup_through_the_pages(c):
    filing = submitted_filing(c)
    path = f"/deliveries/{filing['id']}"
    bob = Browser(c.server)
    bob.login(c.personas["bob"].username)
    detail = BeautifulSoup(bob.get(f"/filings/{filing['id']}").text, "html.parser")
    assert detail.select_one("#delivery-link a")["href"] == path
    wrong = bob.post_form(f"{path}/choose", {"paper": "on", "method": "online"}, form_page=path)
    assert wrong.status_code == 422
    page = BeautifulSoup(wrong.text, "html.parser")
    assert "窗口领取或邮寄" in page.select_one("#d-method").get_text()
    assert page.select_one("input[name=paper]").has_attr("checked")  # what was typed stays
    done = bob.post_form(
        f"{path}/choose", {"electronic": "on", "paper": "on", "method": "window"}, form_page=path
    )
    assert done.status_code == 303
    record(c, filing)
    officer = Browser(c.server)
    officer.login(c.personas["officer_kyqq"].username)
    form = BeautifulSoup(officer.get(path).text, "html.parser")
    assert form.select_one("#form-delivery-pickup") is not None
    assert form.select_one("#form-delivery-mailing") is None
    assert form.select_one("#form-delivery-choice") is None
    empty = officer.post_form(f"{path}/pickup", {"collected_by": ""}, form_page=path)
    assert empty.status_code == 422
    assert BeautifulSoup(empty.text, "html.parser").select_one("#dp-collected_by-err")
    picked = officer.post_form(
        f"{path}/pickup",
        {"collected_by": "刘经理", "collected_at": "2026-12-01T10:30"},
        form_page=path,
    )
    assert picked.status_code == 303
    shown = BeautifulSoup(bob.get(path).text, "html.parser")
    assert shown.select_one("#delivery-status").get_text() == "已领取"
    assert "刘经理于2026年12月1日" in shown.select_one("#delivery-pickup").get_text()
    assert shown.select_one("#form-delivery-choice") is None


def test_any_matters_application_is_rated_once_and_a_poor_rating_is_followed_up(c):
    """一事一评 through the generic route (matters' ratings): here on a filing."""
    from datetime import timedelta

    from seedreg.core import clock

    filing = submitted_filing(c)
    path = f"/api/ratings/applications/{filing['id']}"
    refused(c.bob.post(path, json={"score": 2, "comment": "等待太久"}), 422, "办结后")
    record(c, filing)
    refused(c.alice.post(path, json={"score": 5}), 404)
    refused(c.kyqq.post(path, json={"score": 5}), 403)
    rated = ok(c.bob.post(path, json={"score": 2, "comment": "等待太久"}), 201)
    assert rated["follow_up_due"] == (clock.today() + timedelta(days=7)).isoformat()
    refused(c.bob.post(path, json={"score": 4}), 409, "已评价")
    refused(c.bob.post(f"{path}/answer", json={"answer": "已核实并整改"}), 403)
    answered = ok(c.kyqq.post(f"{path}/answer", json={"answer": "已核实，窗口增加人手"}))
    assert answered["follow_up_answer"] == "已核实，窗口增加人手"
    assert ok(c.bob.get(path))["answered_at"] is not None
