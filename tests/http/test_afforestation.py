"""Key afforestation projects (重点工程造林) through the live server: deliveries checked label by
label against the registry (each missing or ended document, a voided label, a wrong species,
a typo in a serial), the 良种 share against the plan and the lead a state-funded shortfall
raises against the construction unit (种子法第四十四条), and who may see and do what."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from seedreg.labels.serials import TYPO, serial_from_number
from tests.fixtures import every_page, unique
from tests.http.archivekit import make_world
from tests.http.introkit import accepted, step
from tests.http.lotkit import ok, refused, today
from tests.label_support import expire, restore


def project(station, org_id: int, species: list[str], **changes) -> dict:
    body = {
        "name": unique("退化林修复工程"), "year": today().year, "organisation_id": org_id,
        "division_code": "152221", "state_funded": True, "sites": "大坝沟镇前进村",
        "species": species, "improved_percent": 80, **changes,
    }  # fmt: skip
    return ok(station.post("/api/afforestation", json=body), 201)


def deliver(client, project_id: int, *serials: str, status: int = 201):
    body = {"serials": "\n".join(serials), "delivered_on": today().isoformat()}
    r = client.post(f"/api/afforestation/{project_id}/deliveries", json=body)
    return ok(r, status) if status < 400 else r


def failed(delivery: dict) -> list[str]:
    return [c["key"] for c in delivery["checks"] if c["state"] == "problem"]


@pytest.fixture(scope="module")
def w(api, personas):
    world = make_world(api)
    station, bob = api("station"), api("bob")
    plan = project(station, personas["bob"].organisation_id, [world.chain.species])
    return {"world": world, "station": station, "bob": bob, "project": plan}


def test_a_state_funded_project_below_its_share_raises_the_lead(w, api, personas):
    world, bob = w["world"], w["bob"]
    # A project of its own: the module's project gets other tests' deliveries in any order.
    plan = project(w["station"], personas["bob"].organisation_id, [world.chain.species])
    improved = world.labelled(count=1, each=100, improved=True)
    ordinary = world.labelled(count=2, each=100)
    serials = [improved["labels"][0]["serial"], *(x["serial"] for x in ordinary["labels"])]
    done = deliver(bob, plan["id"], *serials)
    assert [d["passed"] for d in done] == [True, True, True]
    assert [failed(d) for d in done] == [[], [], []]
    intro = [c for c in done[0]["checks"] if c["key"] == "introduction"]
    assert intro[0]["state_label"] == "通过"
    assert intro[0]["text"] == "本盟内生产的批次，无需引种审批"
    assert done[0]["improved"] is True
    refused(deliver(bob, plan["id"], serials[0], status=422), 422, "已登记过")
    seen = ok(bob.get(f"/api/afforestation/{plan['id']}"))
    assert seen["share"] == {
        "improved": 100, "total": 300, "percent": "33.3", "required_percent": 80, "short": True,
    }  # fmt: skip
    refused(bob.post(f"/api/afforestation/{plan['id']}/assess"), 403)
    assessed = ok(w["station"].post(f"/api/afforestation/{plan['id']}/assess"))
    [lead] = assessed["leads"]
    assert lead["violation_code"] == "V5-1"
    assert lead["title"] == "应当使用良种而未使用良种"
    assert lead["organisation_id"] == personas["bob"].organisation_id
    assert "33.3%" in lead["detail"]
    again = ok(w["station"].post(f"/api/afforestation/{plan['id']}/assess"))
    assert len(again["leads"]) == 1  # the same shortfall is one lead
    leads = ok(
        w["station"].get(
            "/api/afforestation/leads", params={"organisation_id": lead["organisation_id"]}
        )
    )
    assert lead["id"] in [x["id"] for x in leads]
    page = BeautifulSoup(bob.get(f"/afforestation/{plan['id']}").text, "html.parser")
    assert "33.3%" in page.select_one("#share").get_text()
    assert "低于计划" in page.select_one("#share").get_text()


def test_a_project_not_funded_by_the_state_raises_no_lead(w, personas):
    world, bob = w["world"], w["bob"]
    plan = project(
        w["station"], personas["bob"].organisation_id, [world.chain.species], state_funded=False
    )
    lot = world.labelled(count=1, each=100)
    deliver(bob, plan["id"], lot["labels"][0]["serial"])
    assessed = ok(w["station"].post(f"/api/afforestation/{plan['id']}/assess"))
    assert assessed["share"]["short"] is True
    assert assessed["leads"] == []


def test_a_voided_label_and_a_wrong_species_fail_their_checks(w, personas):
    world, bob, plan = w["world"], w["bob"], w["project"]
    lot = world.labelled(count=2, each=100)
    label = lot["labels"][0]
    ok(world.chain.alice.post(f"/api/labels/items/{label['id']}/void", json={"reason": "破损"}))
    [voided] = deliver(bob, plan["id"], label["serial"])
    assert failed(voided) == ["label"]
    assert "作废" in voided["checks"][0]["text"]
    other = project(w["station"], personas["bob"].organisation_id, ["樟子松"])
    [wrong] = deliver(bob, other["id"], lot["labels"][1]["serial"])
    assert failed(wrong) == ["species"]
    assert wrong["passed"] is False


@pytest.mark.parametrize(
    ("table", "key"),
    [("quality_certificate", "quality"), ("site_quarantine_certificate", "quarantine")],
)
def test_an_ended_certificate_fails_its_check(w, table, key):
    world, bob, plan = w["world"], w["bob"], w["project"]
    lot = world.labelled(count=1, each=100)
    row = lot["quality_certificate"] if key == "quality" else lot["site_quarantine"]
    expire(table, row["id"])
    try:
        [delivery] = deliver(bob, plan["id"], lot["labels"][0]["serial"])
    finally:
        restore(table, row["id"], row["valid_to"])
    assert failed(delivery) == [key]


def test_a_licence_that_ended_fails_its_check(w):
    world, bob, plan = w["world"], w["bob"], w["project"]
    lot = world.labelled(count=1, each=100)
    licence = world.chain.licence
    expire("licence", licence["id"])
    try:
        [delivery] = deliver(bob, plan["id"], lot["labels"][0]["serial"])
    finally:
        restore("licence", licence["id"], licence["valid_to"])
    assert failed(delivery) == ["licence"]


def test_an_unknown_serial_and_a_typo(w):
    bob, plan = w["bob"], w["project"]

    [fake] = deliver(bob, plan["id"], serial_from_number(987654321))
    assert failed(fake) == ["label"]
    assert "假冒" in fake["checks"][0]["text"]
    good = serial_from_number(987654322)
    typo = good[:-1] + ("0" if good[-1] != "0" else "1")
    message = refused(deliver(bob, plan["id"], typo, status=422), 422, "校验位")
    assert TYPO in message


def test_who_sees_and_records(w, api):
    plan = w["project"]
    refused(api("alice").get(f"/api/afforestation/{plan['id']}"), 404)
    refused(api("officer_wlht").get(f"/api/afforestation/{plan['id']}"), 404)
    ok(api("officer_league").get(f"/api/afforestation/{plan['id']}"))
    refused(api("officer_league").post(f"/api/afforestation/{plan['id']}/assess"), 403)
    body = {"serials": "X", "delivered_on": today().isoformat()}
    refused(api("inspector").post(f"/api/afforestation/{plan['id']}/deliveries", json=body), 404)
    body = {
        "name": "自建项目", "year": today().year, "organisation_id": plan["organisation_id"],
        "division_code": "152221", "species": ["樟子松"], "improved_percent": 50,
    }  # fmt: skip
    refused(api("bob").post("/api/afforestation", json=body), 403, "种苗站")
    names = [p["name"] for p in every_page(api("bob"), "/api/afforestation")]
    assert plan["name"] in names
    assert plan["name"] not in [p["name"] for p in every_page(api("alice"), "/api/afforestation")]


def test_a_delivered_lot_citing_its_introduction_approval_passes_that_check(w, api):
    """A lot from outside the league is checked against the approval it cites (the approval
    recorded by the introduction's grant; 兴署发〔2021〕6号 五(一))."""
    chain = w["world"].chain
    league = api("officer_league")
    application = accepted(chain.alice, league, species=chain.species, quantity="1000")
    approval = step(league, application["id"], "grant", {"conditions": ""})["approval"]
    lot = chain.ready_lot(quantity=100, introduction_number=approval["number"])
    body = {"count": 1, "quantity_each": 100}
    issue = ok(chain.alice.post(f"/api/labels/lots/{lot['id']}/issues", json=body), 201)
    [label] = ok(chain.alice.get(f"/api/labels/issues/{issue['id']}/labels"))["items"]
    [done] = deliver(w["bob"], w["project"]["id"], label["serial"])
    [intro] = [c for c in done["checks"] if c["key"] == "introduction"]
    assert intro["state_label"] == "通过", intro
    assert approval["number"] in intro["text"]
    assert "introduction" not in failed(done)
