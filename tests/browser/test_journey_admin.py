"""The league admin's journey (issue 14): the home's counts, then the settings, the issuing
authorities, the accounts and the reference data, each reached from the menu (the button on a
phone, the bar on a desktop); axe-core on every page, screenshots in build/screenshots/."""

from __future__ import annotations

import pytest

from tests.browser.journey import Journey
from tests.browser.screens import NewScreen

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", ["phone", "desktop"])
async def test_the_admin_finds_settings_authorities_and_accounts(
    screen: NewScreen, server: str, personas, api, width: str
):
    page = await screen(width)
    walk = Journey(page, "admin", width, server)
    await walk.log_in("admin")

    assert await walk.heading() == "工作台"
    tiles = {}
    for tile in await page.locator("main .tile").all():
        label = (await tile.locator(".label").inner_text()).strip()
        tiles[label] = int((await tile.locator(".num").inner_text()).strip())
    assert tiles["账号"] >= len(personas)
    assert tiles["审计事件"] >= 1
    assert "待处理的账号认领" in tiles
    assert "超过承诺时限" in tiles  # the admin decides applications too: the inbox by band
    await walk.look("home")

    await walk.open_from_menu("时限与设定", "/settings")
    assert await walk.heading() == "时限与设定"
    assert "承诺办结时限" in await walk.main_text()
    await walk.look("settings")

    await walk.open_from_menu("机关信息", "/admin/authorities")
    assert await walk.heading() == "机关信息"
    await walk.look("authorities")

    await walk.open_from_menu("账号管理", "/admin/users")
    assert await walk.heading() == "账号管理"
    assert "officer_wlht" in await page.locator("main").inner_text()
    await walk.look("accounts")

    await walk.open_from_menu("基础数据", "/admin/reference")
    assert await walk.heading() == "基础数据"
    await walk.look("reference")
