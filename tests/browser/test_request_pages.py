"""From a new lot to issued labels at 360 px (issue 17), following only the buttons the pages
offer: the operator asks for 产地检疫 and a station inspection from the lot's 两证一签 page, the
检疫员 and the 种苗站 answer from their queues, and the operator, told the chain is complete,
issues labels. axe-core on every page, no sideways scrolling, screenshots in
build/screenshots/."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from playwright.async_api import Page

from seedreg.core import clock
from tests.browser.journey import Journey
from tests.browser.screens import NewScreen
from tests.http.lotkit import (
    confirmed_row,
    make_lot,
    new_species,
    ok,
    record_licence,
    spruce_row,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def lot(api, personas) -> dict:
    c = SimpleNamespace(admin=api("admin"), alice=api("alice"), station=api("station"))
    contact = {"contact_person": "王经理", "phone": "0482-8200001"}
    ok(c.alice.patch(f"/api/organisations/{personas['alice'].organisation_id}", json=contact))
    species = new_species(c.admin)
    confirmed_row(c.admin, c.station, "seedling", spruce_row(species))
    licence = record_licence(
        api("officer_league"), personas["alice"].organisation_id, species=[species]
    )
    return make_lot(c.alice, licence, species=species)


async def _handler_answers(
    screen: NewScreen, server: str, who: str, reference: str, fill: dict[str, str]
) -> None:
    """The handler opens its queue from the menu, the request, accepts and records the result."""
    page = await screen("phone")
    walk = Journey(page, f"{who}-request", "phone", server)
    await walk.log_in(who)
    await walk.open_from_menu("检验检疫申请与待办", "/requests")
    await walk.step("queue", "待办（按期限排序）", reference)
    await page.locator("#queue li", has_text=reference).get_by_role("link").click()
    await walk.step("detail", reference, "已提交，待受理")
    await page.get_by_role("button", name="受理", exact=True).click()
    await walk.step("accepted", "已受理，待检验")
    await page.get_by_label("现场检验日期").fill(fill.pop("visit_on"))
    await page.get_by_label("检验人员").fill("李检验")
    await page.get_by_role("button", name="安排现场检验").click()
    await walk.step("visit", "李检验")
    if who == "station":
        await page.get_by_role("link", name="记录检验结果").click()
        await walk.step("result-form", "种苗站检验")
        for name, value in fill.items():  # the fields by name: their labels carry a "*"
            await page.locator(f"main [name='{name}']").fill(value)
        await page.locator("main [name='seedling_type']").select_option("移植苗")
        await page.get_by_role("button", name="保存检验结果").click()
    else:
        await page.get_by_role("button", name="检验合格，签发证书").click()
        await walk.step("confirm", "确认")
        await page.get_by_role("button", name="确认签发").click()
    await walk.step("certified", "已签发")


async def _ask(page: Page, walk: Journey, button: str, name: str) -> str:
    await page.locator("#request-buttons").get_by_role("link", name=button).click()
    await walk.step(f"{name}-form", "提交申请")
    await page.get_by_role("button", name="提交申请").click()
    await walk.step(f"{name}-submitted", "已提交，待受理")
    return (await page.locator("main .eyebrow").inner_text()).split("·")[-1].strip()


async def test_from_a_new_lot_to_labels_following_the_buttons(
    screen: NewScreen, server: str, personas, lot: dict
):
    page = await screen("phone")
    walk = Journey(page, "alice-request", "phone", server)
    await walk.log_in("alice")
    await walk.goto(f"/lots/{lot['id']}")
    await page.get_by_role("link", name="查看两证一签与标签").click()
    await walk.step("readiness", "不能签发标签", "申请产地检疫", "申请种苗站质量检验")
    site = await _ask(page, walk, "申请产地检疫", "site")
    today = clock.today().isoformat()  # the visit: today is within the request's clock
    await _handler_answers(screen, server, "quarantine", site, {"visit_on": today})
    await walk.goto(f"/labels/lots/{lot['id']}")
    await walk.step("readiness-quality-missing", "申请种苗站质量检验")
    quality = await _ask(page, walk, "申请种苗站质量检验", "quality")
    measures = {
        "visit_on": today,
        "inspector_name": "李检验",
        "age_code": "2-2",
        "root_collar_cm": "0.45",
        "height_cm": "20",
        "root_length_cm": "22",
        "lateral_roots": "16",
        "share_I": "60",
        "share_II": "30",
    }
    await _handler_answers(screen, server, "station", quality, measures)
    # the operator is told the chain is complete, and follows the link to issue labels
    await page.reload()
    await walk.step("chain-closed", "两证一签齐全，可以签发标签")
    await page.get_by_role("link", name="去签发标签").click()
    await walk.step("labels", "两证一签齐全")
    await page.get_by_label("标签张数").fill("2")
    await page.get_by_label("每张标签的数量（株）").fill("100")
    await page.get_by_role("button", name="签发").click()
    await walk.step("issued", "2 张")
