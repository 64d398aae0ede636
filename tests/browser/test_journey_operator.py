"""The operator's journey (issue 14), at 360 px and 1280 px: sign in; a licence application whose
typed fields survive an upload (and a reload); submitting with materials missing names them and
asks to confirm; the lots; the print form picking a 签发记录 by its code, not an internal id."""

from __future__ import annotations

import asyncio
import re

import pytest
from playwright.async_api import expect

from tests.browser.journey import Journey
from tests.browser.screens import WIDTHS, NewScreen
from tests.fixtures import Persona
from tests.printkit import make_issue

pytestmark = pytest.mark.browser

SITE = "乌兰浩特市,义勒力特镇,前进嘎查,东侧苗圃"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def printable(personas: dict[str, Persona], api) -> dict:
    """A lot of alice's with 4 labels issued, and its 批次号."""
    made = asyncio.run(make_issue(personas["alice"].organisation_id, 4))
    detail = api("alice").get(f"/api/lots/{made['lot_id']}")
    assert detail.status_code == 200, detail.text
    return made | {"lot_number": detail.json()["lot"]["number"]}


@pytest.mark.parametrize("width", list(WIDTHS))
async def test_the_operator_applies_and_prints(
    screen: NewScreen,
    server: str,
    personas: dict[str, Persona],
    printable: dict,
    width: str,
):
    page = await screen(width)
    j = Journey(page, "operator", width, server)
    await j.log_in(personas["alice"].username)
    await j.step("home", "alice")

    # A new application: the draft, then typing the details.
    await page.goto(f"{server}/licensing")
    await j.step("licensing", "许可证办理", "我的申请", "新申请")
    await page.get_by_role("button", name="新建申请草稿").click()
    await page.wait_for_url(re.compile(r"/licensing/applications/\d+$"))
    await j.step("draft", "申请材料", "申请信息", "上传材料")
    await j.button("保存")
    await j.button("提交申请")
    await page.get_by_label("法定代表人（负责人）").fill("王建国")
    await page.get_by_label("住所").fill("乌兰浩特市兴安北大路18号")
    await page.get_by_label("生产经营的树种").fill("樟子松\n山杏")
    await page.get_by_label("生产地点").fill(SITE)
    scope = page.locator("#d-scope")
    await scope.get_by_label("苗木").check()
    await page.locator("#d-valid_area").get_by_label("乌兰浩特市", exact=True).check()

    # Uploading a material keeps (and saves) what was typed.
    await page.locator("#u-item_code").select_option(label="林木种子生产经营许可证申请表")
    await page.locator("#u-file").set_input_files(
        {"name": "申请表.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    await page.get_by_role("button", name="上传", exact=True).click()
    await expect(page.locator("#materials").get_by_role("link", name="申请表.pdf")).to_be_visible()
    await j.step("uploaded", "申请表.pdf")
    for _ in range(2):  # as shown after the upload, and after a reload
        await expect(page.get_by_label("法定代表人（负责人）")).to_have_value("王建国")
        await expect(page.get_by_label("住所")).to_have_value("乌兰浩特市兴安北大路18号")
        await expect(page.get_by_label("生产经营的树种")).to_have_value("樟子松\n山杏")
        await expect(page.get_by_label("生产地点")).to_have_value(SITE)
        await page.reload()

    # Submitting with required materials missing names them and asks to confirm.
    await page.get_by_role("button", name="提交申请").click()
    missing = page.locator("#missing-materials")
    await expect(missing).to_contain_text("以下材料尚未上传")
    await expect(missing).to_contain_text("生产经营场所及生产用地权属和用途证明")
    await expect(missing).not_to_contain_text("林木种子生产经营许可证申请表")
    await j.step("confirm-missing", "确认提交申请")
    await j.button("仍然提交")
    await page.get_by_role("button", name="仍然提交").click()
    await expect(page.locator(".app-head .status")).to_have_text("已提交，待受理")
    await j.step("submitted", "已提交，待受理")

    # The lots, and one lot's labels.
    await page.goto(f"{server}/lots")
    await j.step("lots", "本单位批次", printable["lot_number"])
    await page.goto(f"{server}/lots/{printable['lot_id']}")
    await j.step("lot", printable["lot_number"])

    # The print form: the 签发记录 is picked by its code (批次号-起始序号).
    await page.goto(f"{server}/printing/jobs/new")
    await j.step("print-form", "打印标签", "签发记录", "批次号")
    await j.button("开始生成")
    code = f"{printable['lot_number']}-1"
    option = page.locator("#f-issue option", has_text=printable["lot_number"])
    assert await option.get_attribute("value") == code
    assert "（4张）" in await option.inner_text()
    await page.locator("#f-issue").select_option(value=code)
    await page.get_by_role("button", name="开始生成").click()
    await page.wait_for_url(re.compile(r"/printing/jobs/[\w-]+$"))
    await expect(page.locator("#job-status")).to_have_text("已完成", timeout=90_000)
    await j.step("print-job", "标签打印任务", "下载 PDF")
