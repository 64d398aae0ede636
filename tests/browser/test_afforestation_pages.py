"""Afforestation deliveries and the archive in a real browser, at 360 px and 1280 px: the
construction unit opens its project from the menu and records a delivery by typing a serial
(the check character refused first, then the right serial checked against the registry); the
operator reads its archive with the completeness check. Words asserted, axe, no sideways
scrolling, screenshots."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import expect

from tests.browser.journey import Journey
from tests.browser.screens import WIDTHS, NewScreen
from tests.fixtures import Persona
from tests.http.archivekit import make_world
from tests.http.lotkit import ok
from tests.http.test_afforestation import project

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", list(WIDTHS))
async def test_the_construction_unit_records_a_delivery_by_typing_a_serial(
    screen: NewScreen, server: str, personas: dict[str, Persona], api, width: str
):
    world = make_world(api)
    plan = project(api("station"), personas["bob"].organisation_id, [world.chain.species])
    lot = world.labelled(count=1, each=100)
    serial = lot["labels"][0]["serial"]
    wrong = serial[:-1] + ("0" if serial[-1] != "0" else "1")
    page = await screen(width)
    j = Journey(page, "bob", width, server)
    await j.log_in(personas["bob"].username)
    await j.open_from_menu("重点工程造林", "/afforestation")
    await j.step("afforestation-list", "本单位重点工程造林项目", plan["name"])
    await page.get_by_role("link", name=re.compile(plan["name"])).click()
    await j.step("afforestation-project", plan["name"], "良种使用", "登记供苗", "尚未登记供苗")

    form = page.locator("#delivery-form")
    await form.get_by_label("标签序列号").fill(wrong)
    await form.get_by_role("button", name="核对并登记").click()
    await expect(page.locator("#f-serials-err")).to_contain_text("校验位")
    await expect(form.get_by_label("标签序列号")).to_have_value(wrong)
    await j.look("afforestation-typo")

    await form.get_by_label("标签序列号").fill(serial.lower())
    await form.get_by_role("button", name="核对并登记").click()
    await page.wait_for_url(re.compile(rf"/afforestation/{plan['id']}"))
    deliveries = page.locator("#deliveries")
    await expect(deliveries).to_contain_text(serial)
    await expect(deliveries).to_contain_text("核对通过")
    await expect(deliveries).to_contain_text("引种审批或备案：通过")
    await expect(page.locator("#share")).to_contain_text("0.0%")
    await j.look("afforestation-delivered")
    found = ok(api("bob").get(f"/api/afforestation/{plan['id']}"))
    assert [d["serial"] for d in found["deliveries"]] == [serial]


@pytest.mark.parametrize("width", list(WIDTHS))
async def test_the_operator_reads_its_archive(
    screen: NewScreen, server: str, personas: dict[str, Persona], width: str
):
    page = await screen(width)
    j = Journey(page, "alice", width, server)
    await j.log_in(personas["alice"].username)
    await j.open_from_menu("本单位生产经营档案", "/archive")
    await j.step("archive", "本单位生产经营档案", "第三十六条", "档案完整性", "登记档案记录")
    await page.get_by_role("link", name="登记档案记录").click()
    await j.step("archive-form", "登记档案记录", "所售标签", "销售去向")
