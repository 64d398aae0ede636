"""The public's journey (issue 14): from the home page to the licence register, the 办事指南, the
serial box and a label's verdict, and by scanning a real label's QR code; on a 360 px phone and a
1280 px desktop, with axe-core on every page, no English, screenshots in build/screenshots/."""

from __future__ import annotations

import pytest

from seedreg.labels.printable import label_contents
from seedreg.settings import get_settings
from tests.browser.journey import Journey
from tests.browser.screens import NewScreen
from tests.factories import actor_named
from tests.http.lotkit import ok
from tests.label_support import make_chain

pytestmark = pytest.mark.browser

# test holders are named after their personas, and the register lists any of them
PERSONAS = frozenset({"alice", "bob"})


@pytest.fixture(scope="module")
def issue(api) -> dict:
    chain = make_chain(api)
    lot = chain.ready_lot(quantity=100)
    return ok(
        chain.alice.post(
            f"/api/labels/lots/{lot['id']}/issues", json={"count": 1, "quantity_each": 10}
        ),
        201,
    )


@pytest.mark.parametrize("width", ["phone", "desktop"])
async def test_a_farmer_finds_the_register_the_guide_and_checks_a_label(
    screen: NewScreen, server: str, issue: dict, width: str
):
    content = (await label_contents(await actor_named("alice"), issue["id"]))[0]
    serial = content.serial
    allowed = PERSONAS | {serial}
    page = await screen(width)
    walk = Journey(page, "public", width, server)

    await walk.goto("/")
    assert await walk.heading() == "兴安盟林木种苗监管系统"
    main = page.locator("main")
    for door in ("许可证公示查询", "办事指南", "标签查询"):
        assert await main.get_by_role("link", name=door).first.is_visible(), door
    box = main.get_by_label("标签序列号")
    assert await box.is_visible()
    assert await main.get_by_role("button", name="查验").is_visible()
    assert "扫描标签上的二维码" in await walk.main_text()
    await walk.look("home", public=True)

    await main.get_by_role("link", name="许可证公示查询").first.click()
    await page.wait_for_url(f"{server}/licensing/register")
    assert await walk.heading() == "林木种子生产经营许可证公示查询"
    assert await page.locator("main .cards a").count() >= 1
    await walk.look("register", public=True, allowed=allowed)

    await page.locator("main").get_by_role("link", name="办事指南").click()
    await page.wait_for_url(f"{server}/licensing/guide")
    assert await walk.heading() == "林木种子生产经营许可证核发"
    assert "承诺" in await walk.main_text()
    await walk.look("guide", public=True)

    await page.locator("header a.brand").click()
    await page.wait_for_url(f"{server}/")
    await page.locator("main").get_by_label("标签序列号").fill(serial.lower())
    await page.locator("main").get_by_role("button", name="查验").click()
    await page.wait_for_url(f"{server}/v/{serial}")
    assert (await page.locator(".verify-state .state").inner_text()).strip() == "有效"
    assert await walk.heading() == "林木种苗标签真实有效"
    assert content.lot_number in await walk.main_text()
    await walk.look("verdict", public=True, allowed=allowed)

    await page.locator("header").get_by_role("link", name="标签查询").click()
    await page.wait_for_url(f"{server}/v")
    assert await walk.heading() == "标签查询"
    assert "二维码" in await walk.main_text()
    wrong = serial[:3] + ("A" if serial[3] != "A" else "B") + serial[4:]
    await page.get_by_label("标签序列号").fill(wrong)
    await page.locator("main").get_by_role("button", name="查验").click()
    await page.wait_for_url(f"{server}/v?serial={wrong}")
    assert "输错" in await page.locator("main .alert").inner_text()
    assert await page.get_by_label("标签序列号").input_value() == wrong
    await walk.look("serial-typo", public=True, allowed=allowed | {wrong})

    # What a phone's camera opens from the printed QR code (the fragment stays on the phone).
    await page.goto(content.qr_text.replace(get_settings().public_base_url, server))
    assert (await page.locator(".verify-state .state").inner_text()).strip() == "有效"
    assert serial in await walk.main_text()
    await walk.look("scanned", public=True, allowed=allowed)

    await page.locator("main").get_by_role("link", name="公钥和二维码格式说明").click()
    await page.wait_for_url(f"{server}/labels/public-key")
    assert await walk.heading() == "标签公钥与离线核验"
    await walk.look("public-key")
