"""Nothing asked twice on an introduction (兴署发〔2021〕5号 Art. 10(四)): the 良种 register's
record of the variety the application names stands for the 良种审定（认定）证书 copy (I04), and the
organisation's earlier approval of the same stock for the 引种试验报告 (I06); both are offered
on the application's page, confirmed with a plain form, read 系统调取 with a link to the record,
and are not asked for again in the one-time notice."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup

from tests.fixtures import Browser, unique
from tests.http.introkit import API, accepted, apply, step, variety
from tests.http.test_licensing_api import ok

SHARED = "/api/matters/applications/{id}/held-materials"


@pytest.fixture
def c(api, personas) -> SimpleNamespace:
    return SimpleNamespace(alice=api("alice"), league=api("officer_league"), admin=api("admin"))


def test_an_introduction_is_offered_the_register_and_the_earlier_approval(c, server):
    stock = unique("樟子松")[:40]  # a stock of this test's own: alice applies for many
    earlier = accepted(c.alice, c.league, variety=stock)
    approval = step(c.league, earlier["id"], "grant", {"conditions": ""})["approval"]
    registered = variety(c.admin)
    app = apply(c.alice, variety=stock, improved=True, variety_number=registered["number"])
    offers = ok(c.alice.get(SHARED.format(id=app["id"])))
    assert [o["kind"] for o in offers["I04"]] == ["improved_variety"]
    assert registered["number"] in offers["I04"][0]["label"]
    assert offers["I04"][0]["link"] == f"/varieties/{registered['id']}"
    assert [o["kind"] for o in offers["I06"]] == ["introduction"]
    assert approval["number"] in offers["I06"][0]["label"]
    assert offers["I06"][0]["link"] == f"/introductions/{earlier['id']}"

    path = f"/introductions/{app['id']}"
    alice = Browser(server)
    alice.login("alice")
    page = BeautifulSoup(alice.get(path).text, "html.parser")
    offer = page.select_one("#held-materials")
    assert offer is not None
    assert "林木良种审定（认定）证书或公告复印件" in offer.get_text()
    assert "引种试验报告" in offer.get_text()
    for item in ("I04", "I06"):
        token = offers[item][0]["token"]
        assert offer.find("button", attrs={"value": token}).get_text() == "使用系统已有材料"
        sent = alice.post_form(
            f"{path}/materials/held", {"held_item": item, "record": token}, form_page=path
        )
        assert sent.status_code == 303, sent.text[:500]
    page = BeautifulSoup(alice.get(path).text, "html.parser")
    for item in ("I04", "I06"):
        link = page.select_one("#materials").find_next("ul").find("a", href=offers[item][0]["link"])
        assert link is not None, item
        assert "系统调取" in link.parent.get_text()
        assert alice.get(offers[item][0]["link"]).status_code == 200  # the applicant may follow
    left = ok(c.alice.get(SHARED.format(id=app["id"])))
    assert "I04" not in left
    assert "I06" not in left

    step(c.alice, app["id"], "submit")
    asked = c.league.post(f"{API}/{app['id']}/supplement", json={"items": ["I04", "I03"]})
    assert asked.status_code == 422, asked.text
    assert "I04" in asked.text
    assert "已由系统调取" in asked.text
    officer = Browser(server)
    officer.login("officer_league")
    page = BeautifulSoup(officer.get(path).text, "html.parser")
    notice = page.find("legend", string="一次性告知需补正的全部材料").parent
    assert notice.find("input", attrs={"value": "I04"}) is None
    assert notice.find("input", attrs={"value": "I03"}) is not None
    assert "（已由系统调取，无需申请人提交）" in notice.get_text()


def test_an_unknown_number_or_a_new_stock_is_offered_nothing(c):
    registered = variety(c.admin)
    app = apply(c.alice, variety=unique("品种")[:40], improved=True, variety_number="国S-无此编号")
    offers = ok(c.alice.get(SHARED.format(id=app["id"])))
    assert "I04" not in offers  # the number names no register entry
    assert "I06" not in offers  # no earlier approval of this stock
    assert registered["number"] not in str(offers)
