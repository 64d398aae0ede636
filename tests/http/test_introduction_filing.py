"""The league's step set to 备案 (introductions.league_step): an introduction from another 盟市
applied for under it is recorded, not approved — its own step (submitted → 已备案, or sent back),
its own paper (引种备案回执 with QR to the public verification page), no grant or refusal, no
"准予引种" anywhere; the record's scope is drawn down by lots as an approval's is. The step is
fixed when the application is made: changing the setting later does not change it."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from tests.http.introkit import API, apply, qr_on_last_page, step
from tests.http.test_introduction_draws import draw, draws_url
from tests.http.test_introductions_pages import form
from tests.http.test_licensing_api import ok, refused
from tests.http.test_licensing_pages import CONFIRMED, redirected, signed_in, text_of
from tests.pagetext import english_in_html
from tests.pdfread import pdf_text, squash

KEY = "introductions.league_step"
PATH = re.compile(r"^/introductions/(\d+)$")


@pytest.fixture
def c(api, personas) -> SimpleNamespace:
    return SimpleNamespace(
        alice=api("alice"), league=api("officer_league"), admin=api("admin"), anon=api()
    )


def applied_as_filing(c, make):
    """Made while the setting says 备案; the setting restored at once (the step stays)."""
    try:
        ok(c.admin.put(f"/api/settings/{KEY}", json={"value": "filing"}))
        return make()
    finally:
        c.admin.delete(f"/api/settings/{KEY}")


def test_a_filing_is_recorded_not_approved_and_its_receipt_printed(c):
    app = applied_as_filing(c, lambda: apply(c.alice))
    assert (app["league_step"], app["league_step_label"]) == ("filing", "备案")
    step(c.alice, app["id"], "submit")
    seen = ok(c.league.get(f"{API}/{app['id']}"))
    assert set(seen["allowed_actions"]) == {"record", "request_supplement", "reject_intake"}
    refused(c.league.post(f"{API}/{app['id']}/accept"), 409)
    refused(c.league.post(f"{API}/{app['id']}/grant", json={}), 409)
    done = step(c.league, app["id"], "record", {"conditions": "每批调入后报盟种苗站"})
    assert (done["status"], done["status_label"], done["allowed_actions"]) == (
        "recorded",
        "已备案",
        [],
    )
    notice = done["notices"][-1]
    assert (notice["kind"], notice["kind_label"]) == ("introduction_filing", "引种备案回执")
    record = done["approval"]
    assert record["number"] == notice["number"]
    assert "引备" in record["number"]
    text = squash(pdf_text(c.alice.get(notice["pdf_url"]).content))
    for words in (
        "引种备案回执",
        "予以备案",
        "备案编号",
        record["number"],
        "不是批准",
        "每批调入后",
    ):
        assert squash(words) in text, words
    assert "准予引种" not in text
    assert "批准数量" not in text
    [url] = qr_on_last_page(c.alice.get(notice["pdf_url"]).content)
    assert url.endswith(f"/verify/notices/{notice['public_id']}")
    public = c.anon.get(f"/verify/notices/{notice['public_id']}")
    assert public.status_code == 200
    assert "引种备案回执" in public.text
    # the recorded scope is drawn down as an approval's: never above it
    assert ok(c.alice.post(draws_url(record), json=draw("600")), 201)["remaining"] == "400"
    refused(c.alice.post(draws_url(record), json=draw("600")), 422, "剩余400")


def test_under_the_default_a_consent_is_never_recorded(c):
    app = apply(c.alice)
    assert (app["league_step"], app["league_step_label"]) == ("consent", "审批（同意）")
    step(c.alice, app["id"], "submit")
    refused(c.league.post(f"{API}/{app['id']}/record", json={}), 409, "按审批办理")
    accepted = step(c.league, app["id"], "accept")
    assert set(accepted["allowed_actions"]) == {"grant", "refuse"}


def test_from_another_province_the_setting_changes_nothing(c):
    app = applied_as_filing(
        c, lambda: apply(c.alice, origin_code="230000", requirement_number="黑检要2026001")
    )
    assert app["league_step"] is None
    step(c.alice, app["id"], "submit")
    accepted = step(c.league, app["id"], "accept")
    assert set(accepted["allowed_actions"]) == {"forward"}


def test_the_filing_pages_speak_of_a_record_not_an_approval(c, server):
    alice = signed_in(server, "alice")
    league = signed_in(server, "officer_league")

    def make() -> str:
        done = alice.post_form("/introductions/new", form(), form_page="/introductions/new")
        return redirected(done, PATH)

    path = applied_as_filing(c, make)
    redirected(alice.post_form(f"{path}/submit", {}, form_page=path), path)
    words = text_of(league.get(path))
    for expected in ("盟林草局办理方式", "已提交，待备案", "予以备案", "自动审查", "依据："):
        assert expected in words, expected
    for absent in ("准予引种", "不予批准", "待受理"):
        assert absent not in words, absent
    ask = league.post_form(f"{path}/record", {"conditions": "按期报送调入情况"}, form_page=path)
    assert ask.status_code == 200
    assert "确认予以备案" in text_of(ask)
    redirected(
        league.post_form(
            f"{path}/record", {"conditions": "按期报送调入情况"} | CONFIRMED, form_page=path
        ),
        path,
    )
    final = alice.get(path)
    shown = text_of(final)
    for expected in ("已备案", "引种备案", "备案编号", "备案数量", "备案说明", "引种备案回执"):
        assert expected in shown, expected
    for absent in ("准予引种", "引种批准", "批准文号"):
        assert absent not in shown, absent
    assert not english_in_html(final.text, frozenset({"alice", "PDF"}))
