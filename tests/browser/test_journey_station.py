"""The 种苗站's journey (issue 14), at 360 px and 1280 px: sign in; a lot; the quality
inspection with the 苗木种类 picked from the list; the certificate issued from it."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import expect

from tests.browser.journey import Journey
from tests.browser.screens import WIDTHS, NewScreen
from tests.fixtures import Persona
from tests.http.lotkit import confirmed_row, make_lot, new_species, record_licence, spruce_row

pytestmark = pytest.mark.browser

MEASURES = {  # a grade I sample, as tests/http/test_quality.py grades it
    "root_collar_cm": "0.45",
    "height_cm": "20",
    "root_length_cm": "22",
    "lateral_roots": "16",
    "share_I": "60",
    "share_II": "30",
}


@pytest.fixture
def lot(personas: dict[str, Persona], api) -> dict:
    """A seedling lot of alice's, under a licence the league recorded, of a species of its own
    whose 移植苗 2-2 row (the public 红皮云杉 numbers) the admin entered and the station confirmed:
    no certificate is issued from an unconfirmed row."""
    species = new_species(api("admin"))
    confirmed_row(api("admin"), api("station"), "seedling", spruce_row(species))
    licence = record_licence(
        api("officer_league"), personas["alice"].organisation_id, species=[species]
    )
    return make_lot(api("alice"), licence, species=species) | {"species": species}


@pytest.mark.parametrize("width", list(WIDTHS))
async def test_the_station_inspects_and_issues_a_certificate(
    screen: NewScreen,
    server: str,
    personas: dict[str, Persona],
    lot: dict,
    width: str,
):
    page = await screen(width)
    j = Journey(page, "station", width, server)
    await j.log_in(personas["station"].username)
    await j.step("home")

    await page.goto(f"{server}/lots/{lot['id']}")
    await j.step("lot", lot["number"], lot["species"], "质量检验", "尚无检验记录")
    await page.get_by_role("link", name="记录种苗站检验").click()
    await page.wait_for_url(re.compile(r"/lots/\d+/inspect$"))
    await j.step("inspect-form", "种苗站检验", lot["number"], "苗木种类")
    await j.button("保存并评定")

    # 苗木种类 is picked from the list; nothing to mistype.
    kind = page.get_by_label("苗木种类")
    assert await kind.evaluate("el => el.tagName") == "SELECT"
    await kind.select_option("移植苗")
    await page.get_by_label("检验员").fill("李检验")
    await page.get_by_label("苗龄").fill("2-2")
    for name, value in MEASURES.items():
        await page.locator(f"#q-{name}").fill(value)
    await page.get_by_role("button", name="保存并评定").click()
    await page.wait_for_url(re.compile(rf"/lots/{lot['id']}(#inspections)?$"))
    inspections = page.locator("#inspections")
    await expect(inspections).to_contain_text("合格")
    await expect(inspections).not_to_contain_text("无法评定")
    await j.step("inspected", "种苗站检验", "李检验")
    await j.button("签发质量检验合格证")

    await page.get_by_role("button", name="签发质量检验合格证").click()
    await page.wait_for_url(re.compile(r"/quality/certificates/\d+$"))
    number = (await page.locator("h1.code").inner_text()).strip()
    assert number
    await j.step("certificate", number, lot["number"], "有效", "打印合格证（PDF）")
