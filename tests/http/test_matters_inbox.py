"""The officials' inbox across matters (issue 15): licensing and 备案 filings together, each
with the clock its state runs and its colour band, only within the official's jurisdiction,
the actions the matter's table allows, and assignment to one officer (audited), through the
API and the page."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

from bs4 import BeautifulSoup

from seedreg.accounts.tables import User
from seedreg.core import clock
from seedreg.core.audit.services import history
from seedreg.matters import applications as shared
from seedreg.matters.tables import Application
from seedreg.organisations.tables import Organisation
from tests.fixtures import Browser, unique
from tests.http.test_licensing_api import APPS, issue_details, ok, refused

INBOX = "/api/matters/inbox"
# Far in the past, so our rows lead the inbox (most urgent first) whatever else is open.
FIRST = date(2001, 1, 1)


async def _org_of(username: str) -> int:
    user = await User.select(User.organisation).where(User.username == username).first()
    assert user is not None
    return user["organisation"]


async def _user_id(username: str) -> int:
    user = await User.select(User.id).where(User.username == username).first()
    assert user is not None
    return user["id"]


async def _filing(owner: str, division: str, due_on: date) -> int:
    """A 备案 filing submitted today, written through the shared tables' owner (no filing pages
    exist yet: the inbox must show it all the same)."""
    org = await _org_of(owner)
    name = await Organisation.select(Organisation.name).where(Organisation.id == org).first()
    assert name is not None
    now = clock.now()
    return await shared.insert(
        {
            "reference": unique("BA")[:20],
            "matter": "filing",
            "sub_item": "branch",
            "status": "submitted",
            "organisation": org,
            "division_code": division,
            "received_on": clock.today(),
            "submitted_at": now,
            "due_on": due_on,
            "details": {},
            "created_at": now,
            "updated_at": now,
        }
    )


def _first_in_line(app_id: int, due_on: date) -> None:
    async def run() -> None:
        await Application.update({Application.due_on: due_on}).where(Application.id == app_id)

    asyncio.run(run())


def _setup(api) -> dict[str, int]:
    alice = api("alice")
    app = ok(alice.post(APPS, json={"kind": "issue", "details": issue_details()}), 201)
    ok(alice.post(f"{APPS}/{app['id']}/submit"))
    _first_in_line(app["id"], FIRST)
    return {
        "licensing": app["id"],
        "filing": asyncio.run(_filing("alice", "152201", FIRST + timedelta(days=1))),
        "elsewhere": asyncio.run(_filing("bob", "152221", FIRST)),
    }


def _items(client, **params) -> dict[int, dict]:
    out = ok(client.get(INBOX, params=params))
    return {i["id"]: i for i in out["items"]}


def test_the_inbox_lists_every_matter_of_the_jurisdiction_only(api):
    ids = _setup(api)
    wlht = _items(api("officer_wlht"))
    assert {ids["licensing"], ids["filing"]} <= wlht.keys()
    assert ids["elsewhere"] not in wlht
    lic, filing = wlht[ids["licensing"]], wlht[ids["filing"]]
    assert (lic["matter_name"], lic["status_label"]) == (
        "林木种子生产经营许可证核发",
        "已提交，待受理",
    )
    assert (filing["matter_name"], filing["status_label"]) == (
        "林木种子生产经营备案",
        "已提交，待备案",
    )
    for item in (lic, filing):
        # acceptance: one working day promised (兴署发〔2021〕5号 Art. 16), today's filing
        assert (item["clock"], item["clock_label"]) == ("intake", "受理")
        assert item["days_left"] in (0, 1)
        assert item["band"] == "red"
        assert item["may_assign"] is True
        assert item["assigned_name"] == ""
    assert [a["label"] for a in lic["actions"]] == ["一次性告知补正", "受理", "不予受理"]
    assert [a["label"] for a in filing["actions"]] == ["一次性告知补正", "予以备案", "不予备案"]
    assert lic["url"] == f"/licensing/applications/{ids['licensing']}"
    # the other banner's officer sees only its own; the league's sees all three
    kyqq = _items(api("officer_kyqq"))
    assert ids["elsewhere"] in kyqq
    assert not {ids["licensing"], ids["filing"]} & kyqq.keys()
    assert set(ids.values()) <= _items(api("officer_league")).keys()
    # one matter at a time
    only = _items(api("officer_wlht"), matter="filing")
    assert ids["filing"] in only
    assert ids["licensing"] not in only
    assert {i["matter"] for i in only.values()} == {"filing"}


def test_an_operator_has_no_inbox(api):
    refused(api("alice").get(INBOX), 403, "工作人员")


def test_assigning_to_one_officer_is_audited_and_kept_in_the_jurisdiction(api):
    ids = _setup(api)
    officer = api("officer_wlht")
    me = asyncio.run(_user_id("officer_wlht"))
    path = f"/api/matters/applications/{ids['filing']}/assignee"
    out = ok(officer.put(path, json={"officer_id": me}))
    assert (out["assigned_to"], out["assigned_name"]) == (me, "officer_wlht")
    assert _items(officer)[ids["filing"]]["assigned_to"] == me
    events = asyncio.run(history("matter_application", ids["filing"]))
    [event] = [e for e in events if e["action"] == "application:assign"]
    assert event["after"]["assigned_to"] == me
    # a licensing application keeps its history under its own name
    ok(
        officer.put(
            f"/api/matters/applications/{ids['licensing']}/assignee", json={"officer_id": me}
        )
    )
    lic_events = asyncio.run(history("licence_application", ids["licensing"]))
    assert "application:assign" in [e["action"] for e in lic_events]
    # not to an officer of another banner; not by one; and back to nobody
    other = asyncio.run(_user_id("officer_kyqq"))
    refused(officer.put(path, json={"officer_id": other}), 422, "管辖本申请")
    refused(api("officer_kyqq").put(path, json={"officer_id": other}), 404, "未找到")
    assert ok(officer.put(path, json={"officer_id": None}))["assigned_to"] is None


def _card(page: str, app_id: int):
    card = BeautifulSoup(page, "html.parser").find("li", id=f"a-{app_id}")
    assert card is not None, "the application is not in the inbox"
    return card


def test_the_page_shows_both_matters_and_assigns(server, api):
    ids = _setup(api)
    browser = Browser(server)
    browser.login("officer_wlht")
    r = browser.get("/matters/inbox")
    assert r.status_code == 200, r.text[:500]
    lic, filing = _card(r.text, ids["licensing"]), _card(r.text, ids["filing"])
    assert "林木种子生产经营许可证核发" in lic.get_text()
    assert "林木种子生产经营备案" in filing.get_text()
    for card in (lic, filing):
        assert "band-red" in card["class"]
        assert "受理期限" in card.get_text()
        assert "未分派" in card.get_text()
    assert "予以备案" in filing.get_text()
    assert "予以备案" not in lic.get_text()
    assert lic.find("a", href=f"/licensing/applications/{ids['licensing']}") is not None
    assert f'id="a-{ids["elsewhere"]}"' not in r.text
    me = asyncio.run(_user_id("officer_wlht"))
    done = browser.post_form(
        f"/matters/applications/{ids['filing']}/assign",
        {"officer_id": str(me)},
        form_page="/matters/inbox",
    )
    assert done.status_code == 303
    assert (
        "承办人：officer_wlht"
        in _card(browser.get("/matters/inbox").text, ids["filing"]).get_text()
    )
    other = asyncio.run(_user_id("officer_kyqq"))
    bad = browser.post_form(
        f"/matters/applications/{ids['filing']}/assign",
        {"officer_id": str(other)},
        form_page="/matters/inbox",
    )
    assert bad.status_code == 422
    card = _card(bad.text, ids["filing"])
    assert "只能分派给管辖本申请的审批人员" in card.get_text()
    # the field is marked for the reader and for assistive technology
    assert card.find("select", attrs={"aria-invalid": "true"}) is not None
