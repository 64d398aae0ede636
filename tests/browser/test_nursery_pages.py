"""Nursery bases in a real browser (issue 18), at 360 px and 1280 px: the 种苗站 opens the register
from the menu, reads a base and confirms it, looks at the map and the target; the operator opens
the registration form. Chinese words and buttons asserted; axe, no sideways scrolling."""

from __future__ import annotations

import json
import re

import pytest
from playwright.async_api import expect

from tests.browser.journey import Journey
from tests.browser.screens import WIDTHS, NewScreen
from tests.fixtures import Persona, unique
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


@pytest.mark.parametrize("width", list(WIDTHS))
async def test_the_operator_draws_an_outline_on_the_grid(
    screen: NewScreen, server: str, personas: dict[str, Persona], width: str
):
    page = await screen(width)
    j = Journey(page, "alice", width, server)
    await j.log_in(personas["alice"].username)
    await j.goto("/nurseries/new")
    form = page.locator("main form")
    await form.get_by_label("名称").fill(unique("画图苗圃"))
    await form.get_by_label("类型").select_option("private")
    await form.get_by_label("所在旗县市").select_option("152201")
    await form.get_by_label("地址（到村）").fill("义勒力特镇红星村")
    await form.get_by_label("纬度").fill("46.05")
    await form.get_by_label("经度").fill("122.05")
    await form.get_by_label("总面积").fill("100")
    await form.get_by_label("生产面积").fill("80")
    grid = page.locator("#outline-draw svg")
    await expect(grid).to_be_visible()  # the script shows the grid; without it, paste or import
    await grid.scroll_into_view_if_needed()
    box = await grid.bounding_box()
    assert box is not None
    for fx, fy in ((0.3, 0.3), (0.7, 0.3), (0.7, 0.7), (0.3, 0.7)):
        await grid.click(position={"x": box["width"] * fx, "y": box["height"] * fy})
    await expect(page.locator("#outline-draw .draw-status")).to_contain_text("已画 4 个角点")
    outline = json.loads(await form.get_by_label("粘贴 GeoJSON 多边形").input_value())
    ring = outline["coordinates"][0]
    assert (outline["type"], len(ring), ring[0]) == ("Polygon", 5, ring[-1])
    assert all(122.04 < x < 122.06 and 46.04 < y < 46.06 for x, y in ring)
    await j.look("nursery-draw")
    await form.get_by_role("button", name="登记").click()
    await page.wait_for_url(re.compile(r"/nurseries/\d+$"))
    # a square of 0.4 × 1000 m a side: 160,000 m² = 240 亩, against 100 declared: flagged
    await j.step("nursery-drawn", "已登记，按边界计算面积", "相差")
