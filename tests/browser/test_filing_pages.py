"""备案 in the browser (issue 15): the operator opens 本单位备案 from the menu, chooses the kind,
fills its fields, saves and submits; at 360 px and 1280 px, axe-core on every page, no
sideways scrolling, screenshots in build/screenshots/."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tests.browser.journey import Journey
from tests.browser.screens import NewScreen
from tests.http.test_licensing_api import granted, licence

pytestmark = pytest.mark.browser


@pytest.fixture
def number(api) -> str:
    c = SimpleNamespace(alice=api("alice"), wlht=api("officer_wlht"))
    return licence(c.alice, granted(c)["licence_id"])["number"]


@pytest.mark.parametrize("width", ["phone", "desktop"])
async def test_an_operator_files_a_packaged_seed_filing(
    screen: NewScreen, server: str, personas, number: str, width: str
):
    page = await screen(width)
    walk = Journey(page, "bob-filing", width, server)
    await walk.log_in("bob")
    await walk.open_from_menu("本单位备案", "/filings")
    assert await walk.heading() == "林木种子生产经营备案"
    await walk.look("list")
    await page.get_by_role("link", name="新建备案").click()
    await page.get_by_label("经营不再分装的包装种子备案").check()
    await page.get_by_role("button", name="下一步").click()
    await walk.step("fields", "第二步：填写备案事项", "所经营包装种子的生产经营者的许可证编号")
    await page.get_by_label("所经营包装种子的生产经营者的许可证编号").fill(number)
    await page.get_by_label("经营的品种").fill("樟子松\n兴安落叶松")
    await page.get_by_role("button", name="保存草稿").click()
    await page.wait_for_url(f"{server}/filings/*")
    await walk.step("draft", "草稿", "樟子松、兴安落叶松", number)
    await page.get_by_role("button", name="提交备案").click()
    await walk.step("submitted", "已提交，待备案")
