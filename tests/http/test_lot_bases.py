"""Lots name their 苗圃基地 from the register (issue 18): the form offers the organisation's own
bases, another organisation's base is refused, a typed name that matches no base stays visible
as "未关联登记的苗圃基地" and the holder links it on the lot's page."""

from __future__ import annotations

import json

from bs4 import BeautifulSoup

from tests.fixtures import unique
from tests.http.lotkit import lot_body, make_lot, ok, record_licence, refused
from tests.http.nurserykit import base_body


def _licence(api, personas) -> dict:
    return record_licence(
        api("officer_league"), personas["alice"].organisation_id, species=["樟子松"]
    )


def test_a_lot_names_its_base_from_the_register(api, personas, browser):
    alice = api("alice")
    licence = _licence(api, personas)
    base = ok(alice.post("/api/nurseries", json=base_body()), 201)
    lot = make_lot(alice, licence, base_id=base["id"], nursery_base="随便写的")
    assert (lot["base_id"], lot["base_name"], lot["nursery_base"]) == (
        base["id"],
        base["name"],
        base["name"],
    )
    assert not lot["base_unresolved"]

    bobs = ok(
        api("bob").post(
            "/api/nurseries", json=base_body(division_code="152221", lat=46.1, lon=121.9)
        ),
        201,
    )
    refused(
        alice.post("/api/lots", json=lot_body(licence, base_id=bobs["id"])),
        422,
        "本单位登记的苗圃基地",
        field="base_id",
    )

    browser.login(personas["alice"].username)
    form = BeautifulSoup(browser.get("/lots/new").text, "html.parser")
    offered = [o.text for o in form.find("select", id="lot-base_id").find_all("option")]
    assert base["name"] in offered
    assert bobs["name"] not in offered
    page = BeautifulSoup(browser.get(f"/lots/{lot['id']}").text, "html.parser")
    assert page.find(id="lot-base").find("a", href=f"/nurseries/{base['id']}").text == base["name"]
    assert page.find(id="link-base") is None


def test_a_typed_base_stays_visible_until_the_holder_links_it(api, personas, browser):
    alice = api("alice")
    licence = _licence(api, personas)
    typed = unique("老场部苗圃")
    lot = make_lot(alice, licence, nursery_base=typed)
    assert (lot["base_id"], lot["nursery_base"], lot["base_unresolved"]) == (None, typed, True)

    browser.login(personas["alice"].username)
    page = BeautifulSoup(browser.get(f"/lots/{lot['id']}").text, "html.parser")
    assert "未关联登记的苗圃基地" in page.find(id="lot-base").text
    assert typed in page.find(id="lot-base").text
    listed = BeautifulSoup(browser.get("/lots").text, "html.parser")
    card = listed.find("a", href=f"/lots/{lot['id']}")
    assert card is not None
    assert "未关联登记的苗圃基地" in card.text

    base = ok(alice.post("/api/nurseries", json=base_body()), 201)
    r = browser.post_form(
        f"/lots/{lot['id']}/base", {"base_id": str(base["id"])}, form_page=f"/lots/{lot['id']}"
    )
    assert r.status_code == 303
    linked = ok(alice.get(f"/api/lots/{lot['id']}"))["lot"]
    assert (linked["base_id"], linked["base_unresolved"]) == (base["id"], False)
    # the typed name is in the audit trail, not lost
    events = ok(
        api("admin").get("/api/audit", params={"subject_type": "lot", "subject_id": str(lot["id"])})
    )
    linking = [e for e in events if e["action"] == "lot:link_base"]
    assert linking
    before = linking[0]["before"]
    before = json.loads(before) if isinstance(before, str) else before
    assert before["nursery_base"] == typed

    refused(api("bob").post(f"/api/lots/{lot['id']}/base", json={"base_id": base["id"]}), 404)
    refused(api("station").post(f"/api/lots/{lot['id']}/base", json={"base_id": base["id"]}), 403)
