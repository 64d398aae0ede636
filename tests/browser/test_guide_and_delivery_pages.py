"""The guide's forms and samples (兴署发〔2021〕5号 Arts. 10–11) and the choice of delivery
(Arts. 17(三), 19) on a 360 px phone and a 1280 px desktop: words and buttons asserted, axe-core
and no sideways scrolling, no English on the public page, screenshots in build/screenshots/."""

from __future__ import annotations

import pytest

from tests.browser.journey import Journey
from tests.browser.screens import NewScreen
from tests.http.lotkit import ok, record_licence

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", ["phone", "desktop"])
async def test_the_public_finds_the_forms_and_samples_from_the_guide(
    screen: NewScreen, server: str, width: str
):
    page = await screen(width)
    walk = Journey(page, "guide", width, server)
    main = page.locator("main")
    await walk.goto("/licensing/guide")
    await main.get_by_role("link", name="下载空表、样表和结果文书样本").click()
    await page.wait_for_url(f"{server}/guides/licensing")
    assert await walk.heading() == "林木种子生产经营许可证核发：表格和样本"
    for words in (
        "林木种子生产经营许可证申请表",
        "下载空表",
        "下载样表",
        "许可证正本样本",
        "扫码查看办事指南",
    ):
        assert words in await walk.main_text()
    await walk.look("guide-extras", public=True)


@pytest.mark.parametrize("width", ["phone", "desktop"])
async def test_the_applicant_chooses_mail_for_the_paper_result(
    screen: NewScreen, server: str, width: str, api, personas
):
    number = record_licence(
        api("officer_league"), personas["alice"].organisation_id, species=["樟子松"]
    )["number"]
    bob = api("bob")
    details = {"kind": "packaged_seller", "licence_number": number, "varieties": ["樟子松"]}
    filing = ok(bob.post("/api/filings", json={"details": details}), 201)
    page = await screen(width)
    walk = Journey(page, "delivery", width, server)
    await walk.log_in(personas["bob"].username)
    main = page.locator("main")
    await walk.goto(f"/filings/{filing['id']}")
    await main.get_by_role("link", name="送达方式和送达情况").click()
    await page.wait_for_url(f"{server}/deliveries/{filing['id']}")
    assert await walk.heading() == "办理结果的送达"
    await walk.look("delivery-choice")
    await main.get_by_label("纸质证照（文书）").check()
    await main.get_by_label("邮寄送达").check()
    await main.get_by_label("收件人（邮寄时填写）").fill("刘经理")
    await main.get_by_label("收件地址（邮寄时填写）").fill("科尔沁右翼前旗科尔沁镇平安村1号")
    await main.get_by_role("button", name="保存送达方式").click()
    await page.wait_for_url(f"{server}/deliveries/{filing['id']}")
    await walk.step("delivery-chosen", "邮寄送达", "待送达", "科尔沁右翼前旗科尔沁镇平安村1号")
