"""Nothing asked twice (兴署发〔2021〕5号 Art. 10(四)) on an introduction's page at 360 px and
1280 px: the applicant names a 良种 number the register holds, sees "系统已有的材料" beside the
良种证明 material and confirms the register's record with "使用系统已有材料" (a plain form); it
then reads 系统调取 and links the register's entry. axe-core, no sideways scrolling,
screenshots in build/screenshots/."""

from __future__ import annotations

import pytest

from tests.browser.journey import Journey
from tests.browser.screens import NewScreen
from tests.fixtures import unique
from tests.http.introkit import apply, variety

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", ["phone", "desktop"])
async def test_the_applicant_confirms_the_register_entry_instead_of_a_copy(
    screen: NewScreen, server: str, width: str, api
):
    registered = variety(api("admin"))
    number = registered["number"]
    app = apply(api("alice"), variety=unique("品种")[:40], improved=True, variety_number=number)
    page = await screen(width)
    walk = Journey(page, "held-introduction", width, server)
    await walk.log_in("alice")
    await walk.goto(f"/introductions/{app['id']}")
    await walk.step(
        "held-offered", "系统已有的材料", "林木良种审定（认定）证书或公告复印件", number
    )
    offer = page.locator("#held-materials form").filter(has_text=number)
    await offer.get_by_role("button", name="使用系统已有材料").click()
    await page.wait_for_url(f"{server}/introductions/{app['id']}#materials")
    listed = page.locator("ul.cards li").filter(has_text=number)
    href = await listed.get_by_role("link").get_attribute("href")
    assert href == f"/varieties/{registered['id']}"
    assert "系统调取" in await listed.inner_text()
    assert await page.locator("#held-materials form").filter(has_text=number).count() == 0
    await walk.look("held-confirmed")
