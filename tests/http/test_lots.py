"""Lots (批次) through the live server: registration under a covering licence and every
refusal, who may see a lot, lists, the registration page, and recall voiding the labels."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup

from seedreg.accounts.rules import Role
from tests import factories
from tests.fixtures import token_for, unique
from tests.http.confirmkit import asks_first
from tests.http.lotkit import (
    BOB_SITE,
    CHINESE,
    OTHER_SITE,
    SITE,
    VARIETY,
    lot_body,
    make_lot,
    ok,
    record_licence,
    refused,
    today,
)


@pytest.fixture(scope="module")
def c(api, personas, server) -> SimpleNamespace:
    """Clients per role, alice's and bob's licences, and a 种苗站 of bob's banner."""
    station_kyqq = unique("zm")
    asyncio.run(factories.make_user(station_kyqq, Role.SEED_STATION, jurisdiction="152221"))
    ns = SimpleNamespace(
        alice=api("alice"),
        bob=api("bob"),
        admin=api("admin"),
        league=api("officer_league"),
        wlht=api("officer_wlht"),
        kyqq=api("officer_kyqq"),
        station=api("station"),
        inspector=api("inspector"),
        quarantine=api("quarantine"),
        anon=api(),
        station_kyqq=api(),
    )
    ns.station_kyqq.headers["Authorization"] = f"Bearer {token_for(server, station_kyqq)}"
    ns.alice_org = personas["alice"].organisation_id
    ns.bob_org = personas["bob"].organisation_id
    ns.licence = record_licence(
        ns.league, ns.alice_org, species=["樟子松", "红皮云杉"], varieties=[VARIETY]
    )
    ns.bob_licence = record_licence(ns.league, ns.bob_org, species=["樟子松"], sites=[BOB_SITE])
    return ns


# --- registration -------------------------------------------------------------------------


def test_an_operator_registers_a_seedling_lot(c):
    lot = make_lot(c.alice, c.licence, species="樟子松", quantity=12000)
    assert lot["number"].startswith(f"P{today().year % 100:02d}")
    assert len(lot["number"]) == 10
    assert lot["organisation_id"] == c.alice_org
    assert lot["division_code"] == "152201"
    assert lot["licence_number"] == c.licence["number"]
    assert (lot["material"], lot["unit"], lot["quantity_text"]) == ("seedling", "株", "12000 株")
    assert lot["latin_name"] == "Pinus sylvestris var. mongolica Litv."
    assert lot["production_site"] == SITE
    assert lot["production_site_text"].endswith("义勒力特镇红星村3号地块")
    assert (lot["labelled_text"], lot["remaining_text"]) == ("0 株", "12000 株")
    assert (lot["status"], lot["status_label"]) == ("active", "正常")
    assert len(lot["public_id"]) >= 16
    detail = ok(c.alice.get(f"/api/lots/{lot['id']}"))
    assert detail["lot"] == lot
    assert (detail["inspections"], detail["certificates"]) == ([], [])


def test_a_seed_lot_is_kept_in_grams_and_shown_in_kg(c):
    lot = make_lot(c.alice, c.licence, material="seed", quantity="12.345")
    assert lot["quantity_text"] == "12.345 kg"
    assert float(lot["quantity"]) == 12.345
    refused(
        c.alice.post("/api/lots", json=lot_body(c.licence, material="seed", quantity="1.2345")),
        422,
        "0.001 kg",
        field="quantity",
    )


def test_lot_numbers_follow_each_other(c):
    first = make_lot(c.alice, c.licence)["number"]
    second = make_lot(c.alice, c.licence)["number"]
    assert int(second[3:]) > int(first[3:])


def test_an_improved_lot_listed_on_the_licence_is_registered(c):
    lot = make_lot(
        c.alice,
        c.licence,
        species="樟子松",
        improved=True,
        variety=VARIETY["variety"],
        approval_number=VARIETY["approval_number"],
    )
    assert lot["improved"] is True
    assert lot["approval_number"] == VARIETY["approval_number"]
    assert lot["warnings"] == []


def test_an_odd_approval_number_gets_a_warning_not_a_refusal(c):
    odd = {"species": "樟子松", "variety": "兴安一号", "approval_number": "蒙林审2019-3"}
    licence = record_licence(c.league, c.alice_org, species=["樟子松"], varieties=[odd])
    lot = make_lot(
        c.alice, licence, improved=True, variety="兴安一号", approval_number="蒙林审2019-3"
    )
    assert len(lot["warnings"]) == 1
    assert "蒙林审2019-3" in lot["warnings"][0]
    assert "格式" in lot["warnings"][0]
    page = BeautifulSoup(signed_in_page(c, f"/lots/{lot['id']}"), "html.parser").get_text()
    assert "与常见格式" in page


def signed_in_page(c, path: str) -> str:
    r = c.alice.get(path)  # the bearer token also opens pages (read only)
    assert r.status_code == 200, r.status_code
    return r.text


EXPIRED = {"valid_from": -800, "valid_to": -10}


@pytest.mark.parametrize(
    ("case", "status", "field", "fragment"),
    [
        ("stranger_licence", 422, "licence_id", "不属于本单位"),
        ("before_validity", 422, "produced_on", "不在许可证有效期"),
        ("expired", 422, "licence_id", "今天不在有效期"),
        ("revoked", 422, "licence_id", "已吊销"),
        ("material", 422, "material", "不包括种子"),
        ("species", 422, "species", "不包括“兴安落叶松”"),
        ("unknown_species", 422, "species", "不在树种名录中"),
        ("improved_unlisted", 422, "approval_number", "未载明林木良种"),
        ("improved_without_number", 422, "approval_number", "须填写审定/认定编号"),
        ("site", 422, "production_site", "不是该许可证载明的生产地点"),
        ("zero", 422, "quantity", "数量应大于 0"),
        ("negative", 422, "quantity", "数量应大于 0"),
        ("malformed", 422, "quantity", "数量应为数字"),
        ("fractional_seedlings", 422, "quantity", "苗木数量应为整数"),
        ("future", 422, "produced_on", "不能晚于今天"),
    ],
)
def test_a_lot_the_licence_does_not_cover_is_refused(c, case, status, field, fragment):
    licence, body = c.licence, {}
    if case == "stranger_licence":
        licence = c.bob_licence
    elif case == "before_validity":
        body = {"produced_on": (today() - timedelta(days=61)).isoformat()}
    elif case in ("expired", "revoked"):
        licence = record_licence(
            c.league,
            c.alice_org,
            species=["樟子松"],
            valid_from=today() - timedelta(days=800),
            valid_to=today() - timedelta(days=10) if case == "expired" else None,
        )
        if case == "revoked":
            ok(
                c.league.post(
                    f"/api/licensing/licences/{licence['id']}/end",
                    json={
                        "reasons": "违法生产经营，依法吊销",
                        "kind": "revoked",
                        "penalty_decision_number": "兴林罚决字〔2026〕2号",
                        "penalty_decided_on": today().isoformat(),
                    },
                )
            )
        body = {"produced_on": (today() - timedelta(days=20)).isoformat()}
    elif case == "material":
        licence = record_licence(c.league, c.alice_org, species=["樟子松"], scope=["seedling"])
        body = {"material": "seed"}
    elif case == "species":
        body = {"species": "兴安落叶松"}
    elif case == "unknown_species":
        body = {"species": "不存在的树"}
    elif case == "improved_unlisted":
        body = {
            "improved": True,
            "variety": "樟子松另一品种",
            "approval_number": "国S-SV-PS-009-2021",
        }
    elif case == "improved_without_number":
        body = {"improved": True, "variety": VARIETY["variety"]}
    elif case == "site":
        body = {"production_site": {**OTHER_SITE, "village": "别的村"}}
    elif case == "zero":
        body = {"quantity": 0}
    elif case == "negative":
        body = {"quantity": -5}
    elif case == "malformed":
        body = {"quantity": "五千"}
    elif case == "fractional_seedlings":
        body = {"quantity": "10.5"}
    elif case == "future":
        body = {"produced_on": (today() + timedelta(days=3)).isoformat()}
    before = ok(c.alice.get("/api/lots"))["total"]
    refused(
        c.alice.post("/api/lots", json=lot_body(licence, **body)), status, fragment, field=field
    )
    assert ok(c.alice.get("/api/lots"))["total"] == before


@pytest.mark.parametrize("name", ["station", "admin", "league", "inspector"])
def test_only_operators_register_lots(c, name):
    refused(getattr(c, name).post("/api/lots", json=lot_body(c.licence)), 403, "生产经营者")


# --- who sees a lot -----------------------------------------------------------------------


def test_outsiders_get_404_and_learn_nothing(c):
    lot = make_lot(c.alice, c.licence)
    missing = c.bob.get("/api/lots/999999999")
    for client in (c.bob, c.kyqq, c.station_kyqq):
        r = client.get(f"/api/lots/{lot['id']}")
        refused(r, 404, "未找到该批次")
        assert r.json() == missing.json()
        assert lot["number"] not in r.text
        refused(client.post(f"/api/lots/{lot['id']}/recall", json={"reason": "外人试图召回"}), 404)
        assert lot["number"] not in client.get(f"/lots/{lot['id']}").text
    assert ok(c.alice.get(f"/api/lots/{lot['id']}"))["lot"]["status"] == "active"


@pytest.mark.parametrize(
    "name", ["alice", "station", "admin", "league", "wlht", "inspector", "quarantine"]
)
def test_the_holder_and_officials_in_reach_see_the_lot(c, name):
    lot = make_lot(c.alice, c.licence)
    assert ok(getattr(c, name).get(f"/api/lots/{lot['id']}"))["lot"]["number"] == lot["number"]


def test_lists_are_limited_to_the_own_lots_or_the_jurisdiction(c):
    alice_lot = make_lot(c.alice, c.licence, species="红皮云杉")
    bob_lot = make_lot(c.bob, c.bob_licence)
    alice_numbers = {i["number"] for i in ok(c.alice.get("/api/lots"))["items"]}
    assert alice_lot["number"] in alice_numbers
    assert bob_lot["number"] not in alice_numbers
    assert {i["organisation_id"] for i in ok(c.bob.get("/api/lots"))["items"]} == {c.bob_org}
    kyqq = ok(c.kyqq.get("/api/lots"))["items"]
    assert {i["division_code"] for i in kyqq} == {"152221"}
    league = {i["number"] for i in ok(c.station.get("/api/lots"))["items"]}
    assert {alice_lot["number"], bob_lot["number"]} <= league
    only_spruce = ok(c.wlht.get("/api/lots", params={"species": "红皮云杉"}))["items"]
    assert only_spruce
    assert {i["species"] for i in only_spruce} == {"红皮云杉"}
    assert alice_lot["number"] in {i["number"] for i in only_spruce}
    recalled = ok(c.wlht.get("/api/lots", params={"status": "recalled"}))["items"]
    assert all(i["status"] == "recalled" for i in recalled)


# --- pages --------------------------------------------------------------------------------


def test_the_registration_page_offers_only_the_own_valid_licences(c, signed_in_browser):
    browser = signed_in_browser("alice")
    html = browser.get("/lots/new").text
    soup = BeautifulSoup(html, "html.parser")
    options = [o["value"] for o in soup.select("select[name=licence_site] option") if o["value"]]
    assert f"{c.licence['id']}:0" in options
    assert f"{c.licence['id']}:1" in options
    assert not any(o.startswith(f"{c.bob_licence['id']}:") for o in options)
    form = {
        "licence_site": f"{c.licence['id']}:1",
        "material": "seedling",
        "species": "樟子松",
        "origin": "兴安盟乌兰浩特市",
        "produced_on": (today() - timedelta(days=5)).isoformat(),
        "quantity": "3000",
        "suitable_area": "兴安盟",
        "suitable_season": "春季",
        "instructions": "春季顶浆造林，随起随栽，注意保湿。",
    }
    r = browser.post_form("/lots/new", form)
    assert r.status_code == 303, r.text[:500]
    page = browser.get(r.headers["location"]).text
    assert "葛根庙镇新艾里村" in page
    assert "3000 株" in page
    r = browser.post_form("/lots/new", {**form, "species": "兴安落叶松", "quantity": "0"})
    assert r.status_code == 422
    soup = BeautifulSoup(r.text, "html.parser")
    errors = {e["id"]: e.get_text() for e in soup.select("small.err")}
    assert "数量应大于 0" in errors["lot-quantity-err"]
    assert signed_in_browser("station").get("/lots/new").status_code == 403


def test_the_registration_page_requires_the_instructions(c, signed_in_browser):
    """Seed Law Art. 40: seed is sold with a label AND 使用说明: no lot without them."""
    browser = signed_in_browser("alice")
    form = {
        "licence_site": f"{c.licence['id']}:0",
        "material": "seedling",
        "species": "樟子松",
        "origin": "兴安盟乌兰浩特市",
        "produced_on": (today() - timedelta(days=5)).isoformat(),
        "quantity": "3000",
        "suitable_area": "兴安盟",
        "suitable_season": "春季",
        "instructions": "",
    }
    before = ok(c.alice.get("/api/lots"))["total"]
    r = browser.post_form("/lots/new", form)
    assert r.status_code == 422
    soup = BeautifulSoup(r.text, "html.parser")
    errors = {e["id"]: e.get_text() for e in soup.select("small.err")}
    assert CHINESE.search(errors["lot-instructions-err"]), errors
    assert soup.select_one("#lot-origin")["value"] == "兴安盟乌兰浩特市"  # typed values kept
    assert soup.select_one("#lot-instructions").has_attr("required")
    for missing in ("instructions", "suitable_area", "suitable_season"):
        body = {k: v for k, v in lot_body(c.licence).items() if k != missing}
        r = c.alice.post("/api/lots", json=body)
        refused(r, 422)
        assert CHINESE.search(r.json()["error"]["details"][missing])
    assert ok(c.alice.get("/api/lots"))["total"] == before


@pytest.fixture
def signed_in_browser(server, personas):
    from tests.fixtures import Browser

    def make(name: str) -> Browser:
        b = Browser(server)
        b.login(personas[name].username)
        return b

    return make


# --- recall -------------------------------------------------------------------------------


def test_recall_is_for_the_holder_or_the_station_in_reach(c):
    lot = make_lot(c.alice, c.licence)
    for client in (c.league, c.admin, c.inspector):
        refused(c_post_recall(client, lot), 403, "种苗站")
    recalled = ok(c_post_recall(c.station, lot))
    assert (recalled["status"], recalled["recalled_on"]) == ("recalled", today().isoformat())
    refused(c_post_recall(c.alice, lot), 409, "已召回")


def c_post_recall(client, lot: dict, reason: str = "抽检发现质量问题，依法召回"):
    return client.post(f"/api/lots/{lot['id']}/recall", json={"reason": reason})


def test_the_list_page_shows_own_lots_and_the_recall_form(c, signed_in_browser):
    lot = make_lot(c.alice, c.licence, species="红皮云杉")
    alice = signed_in_browser("alice")
    assert lot["number"] in alice.get("/lots").text
    assert lot["number"] not in signed_in_browser("officer_kyqq").get("/lots").text
    path = f"/lots/{lot['id']}"
    r = alice.post_form(f"{path}/recall", {"reason": "短"}, form_page=path)
    assert r.status_code == 422
    r = alice.post_form(f"{path}/recall", {"reason": "包装破损，主动召回"}, form_page=path)
    asks_first(r, f"召回 批次 {lot['number']}")
    assert "已召回" not in alice.get(path).text
    r = alice.post_form(
        f"{path}/recall", {"reason": "包装破损，主动召回", "confirm": "1"}, form_page=path
    )
    assert r.status_code == 303
    page = alice.get(path).text
    assert "包装破损，主动召回" in page
    assert "确认召回" not in page
    assert "已召回" in alice.get("/lots", params={"status": "recalled"}).text
