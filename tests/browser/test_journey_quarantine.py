"""The 检疫员's journey (issue 14), at 360 px and 1280 px: sign in; the 植物检疫证书 form with
the destination picked from the reference divisions; the certificate."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import expect

from tests.browser.journey import Journey
from tests.browser.screens import WIDTHS, NewScreen
from tests.fixtures import Persona
from tests.http.lotkit import make_lot, record_licence

pytestmark = pytest.mark.browser


@pytest.fixture
def lot(personas: dict[str, Persona], api) -> dict:
    """A seedling lot of alice's, under a licence the league recorded."""
    licence = record_licence(
        api("officer_league"), personas["alice"].organisation_id, species=["樟子松"]
    )
    return make_lot(api("alice"), licence, species="樟子松")


@pytest.mark.parametrize("width", list(WIDTHS))
async def test_the_quarantine_officer_issues_a_certificate(
    screen: NewScreen,
    server: str,
    personas: dict[str, Persona],
    lot: dict,
    width: str,
):
    page = await screen(width)
    j = Journey(page, "quarantine", width, server)
    alice_org = personas["alice"].organisation_id
    await j.log_in(personas["quarantine"].username)
    await j.step("home")

    await page.goto(f"{server}/quarantine/consignments/new?organisation_id={alice_org}")
    await j.step("form", "签发植物检疫证书", "品名与数量", lot["number"])
    await j.button("签发")
    await page.get_by_label("收货单位（人）").fill("科尔沁右翼前旗林场")
    await page.get_by_label("运输起点（自）").fill("乌兰浩特市义勒力特镇")
    await page.get_by_label("运输终点（至）").fill("科尔沁右翼前旗大坝沟镇")
    # The destination is picked from the reference divisions, not typed as a code.
    destination = page.get_by_label("目的地（盟市、旗县或外省）")
    assert await destination.evaluate("el => el.tagName") == "SELECT"
    await destination.select_option(label="兴安盟科尔沁右翼前旗（152221）")
    await page.get_by_label("运输工具及号牌").fill("货车 蒙F·54321")
    await page.get_by_label(f"{lot['number']} 数量（株）").fill("100")
    await page.get_by_label("检疫结果").fill("未发现检疫对象")
    await j.step("form-filled", "目的地（盟市、旗县或外省）")

    await page.get_by_role("button", name="签发").click()
    await page.wait_for_url(re.compile(r"/quarantine/consignments/\d+$"))
    number = (await page.locator("h1.code").inner_text()).strip()
    assert number.startswith("JY")
    await expect(page.locator("main")).to_contain_text("科尔沁右翼前旗")
    await j.step("certificate", number, "植物检疫证书", "检疫证书（PDF）")
