"""A whole on-site check at desktop width (1280 px) in headless Chromium (issue 22): an office
colleague records a check typed up at a desk from the same form as the phone. The words and
buttons seen at each step, the folded checklist with its counts, a sample taken and goods kept
(先行登记保存), photos checked on the page at once (not an image, over the size limit) before a
good one is taken, a signature drawn with the mouse, and the record with its documents.
Screenshots build/screenshots/field-check-desktop-*.png."""

from __future__ import annotations

import random
import re

import pytest
from playwright.async_api import Page, expect

from seedreg.accounts.rules import Role
from seedreg.core.db import fetch
from tests import factories
from tests.browser.screens import OVERFLOW_JS, SCREENSHOTS, WIDTHS
from tests.browser.test_field_check import photo, until
from tests.browser.test_pages import NewPage, log_in, phone  # noqa: F401
from tests.fixtures import Persona, unique

pytestmark = pytest.mark.browser

DESKTOP = {**WIDTHS["desktop"], "is_mobile": False, "has_touch": False, "device_scale_factor": 1}


async def shot(page: Page, name: str) -> None:
    layout = await page.evaluate(OVERFLOW_JS)
    assert layout["scrollWidth"] <= layout["innerWidth"], layout["culprits"]
    await page.screenshot(path=str(SCREENSHOTS / f"field-check-desktop-{name}.png"), full_page=True)


async def test_a_whole_check_at_desktop_width(
    phone: NewPage,  # noqa: F811
    server: str,
    personas: dict[str, Persona],
):
    county = "152201"
    org = await factories.make_organisation(county, name=unique("案头检查苗圃"))
    card = f"{county}27{random.randint(10**5, 10**6 - 1)}"
    await factories.make_user(
        unique("mate"), Role.INSPECTOR, jurisdiction=county, enforcement_id=card
    )
    page = await phone(
        **DESKTOP,
        geolocation={"latitude": 46.0801, "longitude": 122.0512, "accuracy": 15},
        permissions=["geolocation"],
    )
    await log_in(page, server, personas["inspector"].username)
    await page.goto(f"{server}/inspections/checks")
    await page.get_by_label("检查对象").select_option(f"organisation:{org.id}")
    await page.get_by_role("button", name="开始检查").click()
    await page.wait_for_url(f"{server}/inspections/checks/new?target=organisation%3A{org.id}")
    await expect(page.locator("h1")).to_contain_text("现场检查")
    for step in ("任务", "清单", "扫码", "取证", "签名", "提交"):
        await expect(page.locator("nav.steps").get_by_role("link", name=step)).to_be_visible()
    await until(page, "() => document.getElementById('h-latitude').value !== ''")
    await expect(page.locator("#gps-state")).to_contain_text("北纬46.08010")
    await shot(page, "01-task")

    await page.get_by_label(f"执法证号 {card}").check()
    await page.get_by_label("被检查单位在场人员").fill("吴经理")
    await page.get_by_label("检查地点").fill("苗圃一号地块")
    # The checklist: six folded groups, each counting its items.
    groups = page.locator("details.check-group")
    assert await groups.count() == 6
    assert await page.locator("details.check-group[open]").count() == 0
    item = page.locator("fieldset.check-item", has_text="V1-1")
    summary = page.locator("details.check-group", has=item).locator("summary")
    await expect(summary).to_contain_text(re.compile(r"共\d+项，已填0项，不符合0项"))
    await summary.click()
    await item.get_by_label("不符合").check()
    await item.get_by_label("情况说明").fill("门市销售苗木，未能出示许可证")
    await item.get_by_label("货值（元，罚款按货值计算）").fill("25000")
    await expect(summary).to_contain_text("已填1项，不符合1项")
    await shot(page, "02-checklist")

    # Evidence: the second sample row only (the first left empty), goods kept.
    await page.locator("#f-samples-1-number").fill("CY-2026-0042")
    await page.locator("#f-samples-1-goods").fill("樟子松种子 2026批")
    await page.locator("#f-samples-1-quantity").fill("2千克")
    await page.locator("#f-seizure-goods-0-goods").fill("油松苗")
    await page.locator("#f-seizure-goods-0-quantity").fill("300株")
    await page.get_by_label("保存地点").fill("苗圃二号库房")
    await page.get_by_label("证据可能灭失或以后难以取得的情形").fill("苗木可能被转移销售")
    rule = page.locator("#photo-rule")
    await expect(rule).to_contain_text("本地设定")
    limit = int(await rule.get_attribute("data-max-bytes") or 0)
    # Checked on the page at once: not an image, then a photo over the limit; neither is kept.
    slot = page.locator(".photo-slot", has=page.locator("#f-photo-0"))
    await page.locator("#f-photo-0").set_input_files(
        files=[{"name": "note.txt", "mimeType": "text/plain", "buffer": b"not an image"}]
    )
    await expect(slot.locator(".photo-err")).to_have_text("只接受JPEG或PNG图片，请重新拍摄或选择")
    big = b"\xff\xd8\xff\xe0" + bytes(limit)
    await page.locator("#f-photo-0").set_input_files(
        files=[{"name": "IMG_9.jpg", "mimeType": "image/jpeg", "buffer": big}]
    )
    # Not a real JPEG: the phone's attempt to shrink it fails, and only then is it dropped.
    await expect(slot.locator(".photo-err")).to_contain_text(
        f"超过{limit // 1000}KB上限且无法在手机上压缩"
    )
    assert await page.locator("#f-photo-0").evaluate("i => i.files.length") == 0
    await shot(page, "03-photo-refused")
    jpeg = photo()
    await page.locator("#f-photo-0").set_input_files(
        files=[{"name": "IMG_10.jpg", "mimeType": "image/jpeg", "buffer": jpeg}]
    )
    await expect(slot.locator(".photo-err")).to_be_hidden()
    await page.get_by_label("照片1说明").fill("门市苗木")

    canvas = page.locator("#sign-canvas")
    await canvas.scroll_into_view_if_needed()
    box = await canvas.bounding_box()
    assert box is not None
    await page.mouse.move(box["x"] + 30, box["y"] + 60)
    await page.mouse.down()
    for n in range(1, 14):
        await page.mouse.move(box["x"] + 30 + n * 30, box["y"] + 60 + (n % 3) * 20)
    await page.mouse.up()
    await until(page, "() => document.getElementById('f-signature-file').files.length === 1")
    await expect(page.get_by_role("button", name="重签")).to_be_visible()
    await shot(page, "04-evidence-signed")

    await page.get_by_role("button", name="提交检查记录").click()
    await page.wait_for_url(re.compile(r"/inspections/checks/\d+$"))
    await shot(page, "05-record")
    main = page.locator("main")
    for words in (
        "V1-1",
        "门市销售苗木，未能出示许可证",
        "75000元至125000元",  # 种子法 Art. 76: 3 to 5 times a 货值 of 25,000
        "先行登记保存处理决定期限",
        "已签名",
        "吴经理",
    ):
        await expect(main).to_contain_text(words)
    for link in (
        "现场检查笔录（PDF）",
        "责令改正通知书（PDF）",
        "抽样记录（PDF）",
        "先行登记保存通知书（PDF）",
    ):
        await expect(main.get_by_role("link", name=link)).to_be_visible()
    check_id = int(page.url.rsplit("/", 1)[1])
    rows = await fetch("SELECT kind, size FROM check_photo WHERE field_check = {}", check_id)
    assert sorted(r["kind"] for r in rows) == ["photo", "signature"]
    assert len(jpeg) in [r["size"] for r in rows]
    kept = await fetch("SELECT samples, seizure FROM field_check WHERE id = {}", check_id)
    assert "CY-2026-0042" in str(kept[0]["samples"])  # the second sample row, the only one
    assert "油松苗" in str(kept[0]["seizure"])
