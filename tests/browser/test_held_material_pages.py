"""Nothing asked twice (兴署发〔2021〕5号 Art. 10(四)) on a 360 px phone and a 1280 px desktop: an
organisation with a licence on file opens its renewal, sees what the system holds beside each
material and confirms it with "使用系统已有材料"; the material then reads 系统调取 and links its
record. axe-core, no sideways scrolling, screenshots in build/screenshots/."""

from __future__ import annotations

import pytest

from tests.browser.journey import Journey
from tests.browser.screens import NewScreen
from tests.http.heldkit import APPS, licence_holder, ok

pytestmark = pytest.mark.browser


@pytest.fixture
def renewal(server, api):
    holder = licence_holder(server, api("officer_wlht"))
    body = {"kind": "renewal", "licence_id": holder.licence["id"]}
    holder.app = ok(holder.client.post(APPS, json=body), 201)
    return holder


@pytest.mark.parametrize("width", ["phone", "desktop"])
async def test_the_applicant_confirms_the_licence_on_file_instead_of_uploading_it(
    screen: NewScreen, server: str, width: str, renewal
):
    page = await screen(width)
    walk = Journey(page, "held", width, server)
    await walk.log_in(renewal.username)
    await walk.goto(f"/licensing/applications/{renewal.app['id']}")
    materials = page.locator("#materials")
    number = renewal.licence["number"]
    await walk.step("held-offered", "系统已有此材料，确认后无需再上传", number, renewal.org.uscc)
    licence_item = materials.locator("li").filter(has_text="原林木种子生产经营许可证正本和副本")
    await licence_item.get_by_role("button", name="使用系统已有材料").click()
    await page.wait_for_url(f"{server}/licensing/applications/{renewal.app['id']}#materials")
    licence_item = materials.locator("li").filter(has_text="原林木种子生产经营许可证正本和副本")
    link = licence_item.get_by_role("link", name=number)
    assert await link.get_attribute("href") == f"/licensing/licences/{renewal.licence['id']}"
    assert "系统调取" in await licence_item.inner_text()
    assert await licence_item.get_by_role("button", name="使用系统已有材料").count() == 0
    # The registration is still offered for its own material, until confirmed too.
    registration = materials.locator("li").filter(has_text="营业执照或者法人证书复印件")
    await registration.get_by_role("button", name="使用系统已有材料").wait_for()
    await walk.look("held-confirmed")
