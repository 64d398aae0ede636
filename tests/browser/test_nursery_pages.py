"""Nursery bases in a real browser (issue 18), at 360 px and 1280 px: the 种苗站 opens the register
from the menu, reads a base and confirms it, looks at the map and the target; the operator opens
the registration form. Chinese words and buttons asserted; axe, no sideways scrolling."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import expect

from tests.browser.journey import Journey
from tests.browser.screens import WIDTHS, NewScreen
from tests.fixtures import Persona
from tests.http.lotkit import ok
from tests.http.nurserykit import base_body, square_geojson

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", list(WIDTHS))
async def test_the_station_reads_confirms_and_maps_the_bases(
    screen: NewScreen, server: str, personas: dict[str, Persona], api, width: str
):
    base = ok(
        api("alice").post(
            "/api/nurseries",
            json=base_body(outline=square_geojson(), total_area="1000", production_area="900"),
        ),
        201,
    )
    page = await screen(width)
    j = Journey(page, "station", width, server)
    await j.log_in(personas["station"].username)
    await j.open_from_menu("苗圃基地", "/nurseries")
    await j.step("nursery-list", "苗圃基地登记", "国有林场苗圃（基地）目标", "苗圃基地分布图")

    await j.goto(f"/nurseries/{base['id']}")
    await j.step("nursery-detail", base["name"], "待确认", "在圃苗木", "樟子松", "相差")
    await page.get_by_role("button", name="确认登记信息").click()
    await page.wait_for_url(re.compile(rf"/nurseries/{base['id']}$"))
    await expect(page.locator("main .eyebrow")).to_contain_text("已确认")
    await j.look("nursery-confirmed")

    await j.goto("/nurseries/map")
    await j.step("nursery-map", "苗圃基地分布图", "不得公开", base["name"])
    svg = page.locator("svg#nursery-map")
    await expect(svg).to_be_visible()
    box = await svg.bounding_box()
    assert box is not None
    assert box["width"] <= WIDTHS[width]["viewport"]["width"]
    await expect(svg.locator(f"circle[data-id='{base['id']}']")).to_have_count(1)

    await j.goto("/nurseries/target")
    await j.step("nursery-target", "国有林场苗圃（基地）目标", "兴安盟", "本地设定", "全盟合计")


@pytest.mark.parametrize("width", list(WIDTHS))
async def test_the_operator_opens_the_registration_form(
    screen: NewScreen, server: str, personas: dict[str, Persona], width: str
):
    page = await screen(width)
    j = Journey(page, "alice", width, server)
    await j.log_in(personas["alice"].username)
    await j.open_from_menu("本单位苗圃基地", "/nurseries")
    await page.get_by_role("link", name="登记苗圃基地").click()
    await page.wait_for_url(f"{server}/nurseries/new")
    await j.step("nursery-form", "登记苗圃基地", "地块边界", "在圃苗木", "设施")
    await j.button("登记")
