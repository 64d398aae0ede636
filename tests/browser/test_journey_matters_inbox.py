"""The officials' inbox across matters (issue 15), walked in the browser: opened from the menu,
a licensing application and a 备案 filing side by side with their clocks and bands, and one
assigned to the officer through the form; at 360 px and 1280 px, axe-core on every page, no
sideways scrolling, screenshots in build/screenshots/."""

from __future__ import annotations

import pytest

from tests.browser.journey import Journey
from tests.browser.screens import NewScreen
from tests.http.test_matters_inbox import _setup

pytestmark = pytest.mark.browser


@pytest.fixture
def work(api) -> dict[str, int]:
    """alice's licensing application and 备案 filing in 乌兰浩特市, bob's filing elsewhere."""
    return _setup(api)


@pytest.mark.parametrize("width", ["phone", "desktop"])
async def test_an_officer_sees_every_matter_and_assigns_one(
    screen: NewScreen, server: str, personas, work: dict[str, int], width: str
):
    ids = work
    page = await screen(width)
    walk = Journey(page, "matters-inbox", width, server)
    await walk.log_in("officer_wlht")
    await walk.open_from_menu("全部事项待办", "/matters/inbox")
    assert await walk.heading() == "全部事项待办"
    filing = page.locator(f"#a-{ids['filing']}")
    licensing = page.locator(f"#a-{ids['licensing']}")
    await filing.wait_for()
    assert "林木种子生产经营备案" in await filing.inner_text()
    assert "林木种子生产经营许可证核发" in await licensing.inner_text()
    assert "予以备案" in await filing.inner_text()
    assert await page.locator(f"#a-{ids['elsewhere']}").count() == 0
    await walk.look("inbox")

    await filing.get_by_label("分派给").select_option(label="officer_wlht")
    await filing.get_by_role("button", name="分派").click()
    await page.wait_for_url(f"{server}/matters/inbox#a-{ids['filing']}")
    await walk.step("assigned", "承办人：officer_wlht")
