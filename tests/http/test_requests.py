"""The requests of the 两证一签 chain through the live server (issue 17): the operator asks for
a station quality inspection, a 产地检疫 and a 调运检疫; the 种苗站 and the 检疫员 send back once
with everything missing, accept, plan the visit and answer through the quality and quarantine
services; the operator is told, and once both certificates exist, that labels can be issued.
Grading rows here are FICTIONAL test data (tests/http/lotkit.py)."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import pytest

from seedreg.accounts.rules import Role
from tests import factories
from tests.fixtures import every_page, token_for, unique
from tests.http.lotkit import (
    BOB_SITE,
    confirmed_row,
    make_lot,
    new_species,
    ok,
    record_licence,
    refused,
    seedling_measures,
    spruce_row,
)
from tests.http.requestkit import (
    REQUESTS,
    act,
    consignment_body,
    notifications_of,
    quality_body,
    site_body,
    submitted,
)


def _client(api, server: str, name: str):
    client = api()
    client.http.headers["Authorization"] = f"Bearer {token_for(server, name)}"
    return client


@pytest.fixture(scope="module")
def r(api, personas, server) -> SimpleNamespace:
    kyqq_quarantine = unique("kyjy")
    asyncio.run(
        factories.make_user(
            kyqq_quarantine,
            Role.QUARANTINE_OFFICER,
            jurisdiction="152221",
            full_time_quarantine=True,
        )
    )
    ns = SimpleNamespace(
        alice=api("alice"),
        bob=api("bob"),
        admin=api("admin"),
        league=api("officer_league"),
        station=api("station"),
        quarantine=api("quarantine"),
        kyqq_quarantine=_client(api, server, kyqq_quarantine),
        personas=personas,
    )
    # labels print the operator's phone (Seed Law Art. 40)
    contact = {"contact_person": "王经理", "phone": "0482-8200001"}
    ok(ns.alice.patch(f"/api/organisations/{personas['alice'].organisation_id}", json=contact))
    ns.spruce = new_species(ns.admin)
    confirmed_row(ns.admin, ns.station, "seedling", spruce_row(ns.spruce))
    ns.licence = record_licence(ns.league, personas["alice"].organisation_id, species=[ns.spruce])
    ns.bob_licence = record_licence(
        ns.league, personas["bob"].organisation_id, species=[ns.spruce], sites=[BOB_SITE]
    )
    return ns


def new_lot(r, who: str = "alice", quantity: int = 5000) -> dict:
    client, licence = (r.alice, r.licence) if who == "alice" else (r.bob, r.bob_licence)
    return make_lot(client, licence, species=r.spruce, quantity=quantity)


def readiness(r, lot: dict) -> dict:
    return ok(r.alice.get(f"/api/labels/lots/{lot['id']}/readiness"))


def test_a_quality_request_is_sent_back_once_accepted_visited_and_certified(r):
    lot = new_lot(r)
    made = ok(r.alice.post(REQUESTS, json=quality_body(lot)), 201)
    assert (made["status"], made["kind_label"], made["allowed_actions"]) == (
        "draft",
        "质量检验申请",
        ["submit"],
    )
    assert made["reference"].startswith("ZJ")
    sent = act(r.alice, made["id"], "submit")
    assert sent["status_label"] == "已提交，待受理"
    seen = ok(r.station.get(f"{REQUESTS}/{made['id']}"))
    assert set(seen["allowed_actions"]) == {"accept", "reject_intake", "request_supplement"}
    # the quarantine officer does not handle quality requests
    refused(r.quarantine.post(f"{REQUESTS}/{made['id']}/accept"), 403, "种苗站或检疫员")
    back = act(
        r.station, made["id"], "supplement", {"items": ["Q02"], "notes": {"Q02": "写明地块"}}
    )
    assert back["status"] == "supplement_requested"
    assert back["notices"][0]["kind_label"] == "补正材料通知书"
    act(r.alice, made["id"], "resubmit")
    accepted = act(r.station, made["id"], "accept")
    assert accepted["status_label"] == "已受理，待检验"
    assert accepted["due_on"]
    planned = act(
        r.station, made["id"], "visit", {"visit_on": accepted["received_on"], "visitor": "李检验"}
    )
    assert (planned["visit_on"], planned["visitor"]) == (accepted["received_on"], "李检验")
    done = act(r.station, made["id"], "quality-result", seedling_measures())
    assert (done["status"], done["status_label"]) == ("certified", "已签发质量检验合格证")
    assert done["certificate_number"]
    assert done["certificate_url"].startswith("/quality/")
    assert readiness(r, lot)["quality_certificate"]["number"] == done["certificate_number"]
    titles = [n["title"] for n in notifications_of(r.personas["alice"].username)]
    assert f"质量检验申请{made['reference']}：检验合格" in titles
    assert done["labels_url"] is None  # no quarantine certificate yet


def test_a_failed_inspection_refuses_the_request_with_the_grading_reasons(r):
    lot = new_lot(r)
    req = submitted(r.alice, quality_body(lot))
    act(r.station, req["id"], "accept")
    done = act(r.station, req["id"], "quality-result", seedling_measures(root_collar_cm=0.1))
    assert done["status"] == "refused"
    assert "整改后重新申请检验" in done["reasons"]
    assert done["certificate_number"] == ""


def test_site_quarantine_then_quality_closes_the_chain_and_labels_can_be_issued(r):
    lot = new_lot(r)
    site = submitted(r.alice, site_body([lot]))
    assert site["reference"].startswith("CD")
    back = act(r.quarantine, site["id"], "supplement", {"items": ["S01", "S02"]})
    assert back["supplement_items"] == ["S01", "S02"]
    act(r.alice, site["id"], "resubmit")
    act(r.quarantine, site["id"], "accept")
    certified = act(r.quarantine, site["id"], "quarantine-result", {})
    assert certified["status_label"] == "已签发产地检疫合格证"
    assert certified["certificate_url"].startswith("/quarantine/site/")
    assert readiness(r, lot)["quarantine_certificate"]["kind"] == "site"
    quality = submitted(r.alice, quality_body(lot))
    act(r.station, quality["id"], "accept")
    done = act(r.station, quality["id"], "quality-result", seedling_measures())
    # the chain closed itself: the operator is told labels can be issued, with the link
    assert done["labels_url"] == f"/labels/lots/{lot['id']}"
    told = [
        n for n in notifications_of(r.personas["alice"].username) if "两证一签齐全" in n["title"]
    ]
    assert told
    assert told[-1]["link"] == f"/labels/lots/{lot['id']}"
    assert readiness(r, lot)["complete"] is True
    labels = r.alice.post(
        f"/api/labels/lots/{lot['id']}/issues", json={"count": 2, "quantity_each": "100"}
    )
    assert labels.status_code == 201, labels.text


def test_a_consignment_is_exchanged_from_the_valid_site_certificate(r):
    lot = new_lot(r)
    site = submitted(r.alice, site_body([lot]))
    act(r.quarantine, site["id"], "accept")
    site = act(r.quarantine, site["id"], "quarantine-result", {})
    move = submitted(r.alice, consignment_body([(lot, "1200")]))
    assert (move["reference"][:2], move["kind_label"]) == ("DY", "调运检疫报检")
    act(r.quarantine, move["id"], "accept")
    done = act(r.quarantine, move["id"], "quarantine-result", {})
    assert done["status_label"] == "已签发植物检疫证书"
    cert = ok(
        r.quarantine.get(
            done["certificate_url"].replace(
                "/quarantine/consignments", "/api/quarantine/certificates"
            )
        )
    )
    assert cert["exchanged_from_number"] == site["certificate_number"]
    assert cert["vehicle"] == "货车 蒙F·12345"


def test_to_another_province_the_requirement_number_is_asked_before_anything_is_written(r):
    lot = new_lot(r)
    body = consignment_body(
        [(lot, "10")], destination="吉林省白城市", destination_division="220800"
    )
    refused(r.alice.post(REQUESTS, json=body), 422, "要求书")
    body["details"]["requirement_number"] = "吉检要〔2026〕12号"
    made = ok(r.alice.post(REQUESTS, json=body), 201)
    assert made["details"]["requirement_number"] == "吉检要〔2026〕12号"


def test_pests_found_refuse_with_why_and_what_to_do(r):
    lot = new_lot(r)
    site = submitted(r.alice, site_body([lot]))
    act(r.quarantine, site["id"], "accept")
    done = act(
        r.quarantine,
        site["id"],
        "refuse",
        {"reasons": "发现松材线虫病疫情", "disposal": "destroy"},
    )
    assert done["status_label"] == "未通过"
    assert done["reasons"] == "发现松材线虫病疫情。处理意见：销毁（不得调运、不得销售）"
    body = notifications_of(r.personas["alice"].username)[-1]["body"]
    assert "销毁" in body
    # decided: nothing more to do, and the operator may rate it
    assert done["allowed_actions"] == []
    ok(r.alice.post(f"{REQUESTS}/{site['id']}/rating", json={"score": 4}), 201)


def test_queues_are_by_due_date_with_bands_and_each_sees_only_its_own(r):
    alice_lot, bob_lot = new_lot(r), new_lot(r, "bob")
    mine = submitted(r.alice, site_body([alice_lot]))
    bobs = submitted(
        r.bob,
        {
            "details": site_body([bob_lot])["details"]
            | {"production_site": "科右前旗大坝沟镇前进村苗圃"}
        },
    )
    league = every_page(r.quarantine, f"{REQUESTS}/queue")
    ids = [q["item"]["id"] for q in league]
    assert {mine["id"], bobs["id"]} <= set(ids)
    dues = [q["item"]["due"] for q in league]
    assert dues == sorted(dues)
    first = next(q["item"] for q in league if q["item"]["id"] == mine["id"])
    assert first["band"]
    assert first["band_label"]
    assert first["url"] == f"/requests/{mine['id']}"
    # a banner's 检疫员 sees its banner's requests only
    banner = [q["item"]["id"] for q in every_page(r.kyqq_quarantine, f"{REQUESTS}/queue")]
    assert bobs["id"] in banner
    assert mine["id"] not in banner
    refused(r.kyqq_quarantine.get(f"{REQUESTS}/{mine['id']}"), 404)
    # the 种苗站's queue holds quality requests, not quarantine ones
    station = [q["item"]["id"] for q in every_page(r.station, f"{REQUESTS}/queue")]
    assert mine["id"] not in station
    # operators have no queue, and see only their own requests
    refused(r.alice.get(f"{REQUESTS}/queue"), 403)
    refused(r.bob.get(f"{REQUESTS}/{mine['id']}"), 404)
    assert all(
        x["organisation_id"] == r.personas["bob"].organisation_id
        for x in every_page(r.bob, REQUESTS)
    )
    # assigned to a person (the inbox's assignment), then in that person's own queue
    officer_id = ok(r.quarantine.get("/api/me"))["id"]
    assign = f"/api/matters/applications/{mine['id']}/assignee"
    ok(r.quarantine.put(assign, json={"officer_id": officer_id}))
    own = [q["item"] for q in every_page(r.quarantine, f"{REQUESTS}/queue", mine="true")]
    assert mine["id"] in [i["id"] for i in own]
    assert all(i["assigned_to"] == officer_id for i in own)
