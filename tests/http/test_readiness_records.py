"""Readiness lists the gaps issuing will refuse (issue 17): an organisation with no phone on
file (联系电话 is a label item, Seed Law Art. 40) is told so on the lot's 两证一签 before and
after its certificates, with a link to where the phone is filled in; "complete" only once it
is, and then labels are issued."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup

from seedreg.accounts.rules import Role
from tests import factories
from tests.fixtures import Browser, token_for, unique
from tests.http.lotkit import (
    confirmed_row,
    make_lot,
    new_species,
    ok,
    record_licence,
    refused,
    seedling_measures,
    spruce_row,
)

GAP = "标签必填项在记录中为空：联系电话"


@pytest.fixture(scope="module")
def c(api, server) -> SimpleNamespace:
    """An operator of its own whose organisation has no phone on file."""
    org = asyncio.run(factories.make_organisation(name=unique("无电话苗圃")))
    username = unique("nophone")
    asyncio.run(factories.make_user(username, Role.OPERATOR, organisation_id=org.id))
    operator = api()
    operator.http.headers["Authorization"] = f"Bearer {token_for(server, username)}"
    admin, station = api("admin"), api("station")
    species = new_species(admin)
    confirmed_row(admin, station, "seedling", spruce_row(species))
    licence = record_licence(api("officer_league"), org.id, species=[species])
    return SimpleNamespace(
        org=org.id,
        username=username,
        operator=operator,
        station=station,
        quarantine=api("quarantine"),
        species=species,
        licence=licence,
    )


def readiness(c, lot: dict) -> dict:
    return ok(c.operator.get(f"/api/labels/lots/{lot['id']}/readiness"))


def certify(c, lot: dict) -> None:
    found = ok(c.station.post(f"/api/lots/{lot['id']}/inspections", json=seedling_measures()), 201)
    ok(c.station.post(f"/api/quality/inspections/{found['id']}/certificate"), 201)
    site = {
        "organisation_id": c.org,
        "production_site": "乌兰浩特市义勒力特镇红星村苗圃3号地块",
        "inspected_on": found["inspected_on"],
        "findings": "经产地检疫，未发现检疫对象",
        "lot_ids": [lot["id"]],
    }
    ok(c.quarantine.post("/api/quarantine/site-certificates", json=site), 201)


def test_no_phone_on_file_is_a_gap_with_a_link_until_it_is_filled_in(c, server):
    lot = make_lot(c.operator, c.licence, species=c.species)
    before = readiness(c, lot)
    assert GAP in before["problems"]  # told at once, beside the missing certificates
    assert len(before["problems"]) > 1
    certify(c, lot)
    state = readiness(c, lot)
    assert state["complete"] is False
    assert state["problems"] == [GAP]
    edit = f"/organisations/{c.org}/edit"
    assert state["fixes"] == [{"label": "填写本单位联系电话", "url": edit, "items": ["联系电话"]}]
    issue = {"count": 1, "quantity_each": "100"}
    refused(c.operator.post(f"/api/labels/lots/{lot['id']}/issues", json=issue), 422, "联系电话")
    # the page shows the gap and the link, and the link leads to a form the operator may use
    browser = Browser(server)
    browser.login(c.username)
    html = BeautifulSoup(browser.get(f"/labels/lots/{lot['id']}").text, "html.parser")
    assert GAP in html.select_one("#readiness").get_text()
    link = html.select_one(f'#record-fixes a[href="{edit}"]')
    assert link is not None
    assert link.get_text() == "填写本单位联系电话"
    form = browser.get(edit)
    assert form.status_code == 200
    assert 'name="phone"' in form.text
    ok(c.operator.patch(f"/api/organisations/{c.org}", json={"phone": "0482-8200009"}))
    done = readiness(c, lot)
    assert (done["complete"], done["problems"], done["fixes"]) == (True, [], [])
    ok(c.operator.post(f"/api/labels/lots/{lot['id']}/issues", json=issue), 201)
