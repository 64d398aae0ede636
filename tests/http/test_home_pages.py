"""Homes with something in them (issue 14 item 3): each role's home shows its work for today,
counted by the services that draw the lists the tiles lead to."""

from __future__ import annotations

import asyncio
import re
from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup

from seedreg.accounts.rules import Role
from seedreg.core.web.templating import cn_date
from tests import factories
from tests.fixtures import Api, Browser, token_for, unique
from tests.http.lotkit import make_lot, ok, record_licence, today
from tests.http.test_licensing_api import APPS, issue_details
from tests.label_support import make_chain


def soup_of(response) -> BeautifulSoup:
    assert response.status_code == 200, response.text[:500]
    return BeautifulSoup(response.text, "html.parser")


def text_of(soup: BeautifulSoup) -> str:
    return "".join(soup.get_text(" ", strip=True).split())


def signed_in(server: str, username: str) -> Browser:
    browser = Browser(server)
    browser.login(username)
    return browser


# --- the operator's home ------------------------------------------------------------------


def new_operator(server: str, county: str = "152201") -> tuple[str, int]:
    """An organisation of its own and its operator account (so its home holds only this test's
    records)."""
    name = unique("home")

    async def make() -> int:
        org = await factories.make_organisation(county, name=f"{name}苗圃")
        await factories.make_user(name, Role.OPERATOR, organisation_id=org.id)
        return org.id

    return name, asyncio.run(make())


def test_the_operators_home_shows_licences_lots_and_what_applications_ask(server, api):
    username, org_id = new_operator(server)
    operator = Api(server, token_for(server, username))
    valid_to = today() + timedelta(days=40)
    licence = record_licence(
        api("officer_league"),
        org_id,
        species=["樟子松"],
        valid_from=today() - timedelta(days=5 * 365 - 40),
        valid_to=valid_to,
    )
    lot = make_lot(operator, licence)
    app = ok(operator.post(APPS, json={"kind": "issue", "details": issue_details()}), 201)
    ok(operator.post(f"{APPS}/{app['id']}/submit"))
    ok(api("officer_wlht").post(f"{APPS}/{app['id']}/supplement", json={"items": ["A04"]}))
    app = ok(operator.get(f"{APPS}/{app['id']}"))

    home = soup_of(signed_in(server, username).get("/"))
    licences = home.find(id="my-licences")
    row = licences.find("a", href=f"/licensing/licences/{licence['id']}").find_parent("li")
    assert f"有效期至{cn_date(valid_to)}（还有40天）" in text_of(row)
    last_day = valid_to - timedelta(days=30)  # 行政许可法 Art. 50
    assert f"请在{cn_date(last_day)}前申请延续" in text_of(row)
    assert row.find("a", string="申请延续") is not None

    lots = home.find(id="my-lots")
    row = lots.find("a", href=f"/lots/{lot['id']}").find_parent("li")
    text = text_of(row)
    assert lot["number"] in text
    assert "两证一签不全" in text
    assert "没有有效的质量检验合格证" in text
    assert "没有有效的检疫证书" in text
    assert row.find("a", string="查看批次")["href"] == f"/lots/{lot['id']}"

    apps = home.find(id="my-applications")
    row = apps.find("a", href=f"/licensing/applications/{app['id']}").find_parent("li")
    text = text_of(row)
    assert "待补正" in text
    deadline = date.fromisoformat(app["supplement_deadline"])
    assert f"请在{cn_date(deadline)}前补正" in text
    assert re.search(r"补正：\S+", text), text
    assert "A04" not in text  # the item by its name, not its code
    assert row.find("a", string="去办理") is not None


def test_a_lot_with_its_two_certificates_and_label_leads_to_issuing_labels(server, api):
    chain = make_chain(api)
    lot = chain.ready_lot(quantity=100)
    home = soup_of(signed_in(server, "alice").get("/"))
    row = home.find(id="my-lots").find("a", href=f"/lots/{lot['id']}").find_parent("li")
    assert "两证一签齐全" in text_of(row)
    assert row.find("a", string="签发标签")["href"] == f"/labels/lots/{lot['id']}"


# --- the officials' homes -----------------------------------------------------------------


def tiles(soup: BeautifulSoup) -> dict[str, int]:
    out = {}
    for tile in soup.select("main .tile"):
        label = tile.select_one(".label").get_text(strip=True)
        out[label] = int(tile.select_one(".num").get_text(strip=True))
    return out


def test_the_officers_home_counts_the_inbox_by_band(server, api):
    officer = signed_in(server, "officer_kyqq")
    before = tiles(soup_of(officer.get("/")).find(id="inbox-bands"))
    assert set(before) == {
        "超过法定期限",
        "剩2个工作日以内",
        "超过承诺时限",
        "剩5个工作日以内",
        "时间充裕",
    }
    bob, kyqq = api("bob"), api("officer_kyqq")
    details = issue_details(
        production_sites=[
            {"division_code": "152221", "township": "大坝沟镇", "village": "前进村", "detail": ""}
        ],
        valid_area=["152221"],
    )
    app = ok(bob.post(APPS, json={"kind": "issue", "details": details}), 201)
    ok(bob.post(f"{APPS}/{app['id']}/submit"))
    ok(kyqq.post(f"{APPS}/{app['id']}/accept"))  # 20 working days ahead: 时间充裕
    after = tiles(soup_of(officer.get("/")).find(id="inbox-bands"))
    assert after["时间充裕"] == before["时间充裕"] + 1
    home = soup_of(officer.get("/"))
    assert home.select_one("#inbox-bands a")["href"] == "/licensing/inbox"
    waiting = tiles(home)["许可待办"]
    assert waiting >= sum(after.values())


@pytest.mark.parametrize(
    ("username", "expected"),
    [
        ("station", {"辖区在售批次": "/api/lots?status=active", "待处理的疑似仿冒标签": None}),
        ("inspector", {"辖区在售批次": "/api/lots?status=active", "已召回批次": None}),
        ("quarantine", {"辖区在售批次": "/api/lots?status=active", "有效的产地检疫合格证": None}),
        ("admin", {"账号": None, "审计事件": None, "待处理的账号认领": None}),
    ],
)
def test_each_officials_home_counts_its_own_lists(server, api, username, expected):
    home = soup_of(signed_in(server, username).get("/"))
    numbers = tiles(home)
    for label, api_path in expected.items():
        assert label in numbers, f"{username}'s home has no {label}: {numbers}"
        if api_path:
            assert numbers[label] == ok(api(username).get(api_path))["total"], label
    browser = signed_in(server, username)
    for tile in home.select("main .tile a"):  # every tile leads to a page this person may see
        assert browser.get(tile["href"]).status_code == 200, tile["href"]
