"""A whole on-site check in headless Chromium at 360 px (issue 22): the inspector starts a check
from its task list, ticks a colleague, answers the checklist (one item 不符合 with its note),
takes a photo through the camera input, has the party draw a signature on the screen, and
submits; the record shows the finding with its fine range, the photo with its hash, the
signature and the documents. Screenshots of each step are kept."""

from __future__ import annotations

import asyncio
import hashlib
import io
import random
import re
import time
from typing import Any

import pytest
from PIL import Image
from playwright.async_api import Page

from seedreg.accounts.rules import Role
from seedreg.core.db import fetch
from tests import factories
from tests.browser.screens import SCREENSHOTS
from tests.browser.test_pages import NewPage, check_page, log_in, phone  # noqa: F401
from tests.fixtures import Persona, unique

pytestmark = pytest.mark.browser


async def until(page: Page, js: str, seconds: float = 15) -> Any:
    """Poll a function in the page until it answers something truthy (polled from here: the
    page's CSP forbids the string evaluation wait_for_function uses)."""
    deadline = time.monotonic() + seconds
    while not (answer := await page.evaluate(js)):
        if time.monotonic() > deadline:
            raise AssertionError(f"never true: {js}")
        await asyncio.sleep(0.1)
    return answer


def photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (320, 240), "olive").save(out, "JPEG")
    return out.getvalue()


async def test_a_whole_check_with_a_photo_and_a_drawn_signature_at_360px(
    phone: NewPage,  # noqa: F811
    server: str,
    personas: dict[str, Persona],
):
    county = "152201"
    org = await factories.make_organisation(county, name=unique("现场检查苗圃"))
    card = f"{county}27{random.randint(10**5, 10**6 - 1)}"
    await factories.make_user(
        unique("mate"), Role.INSPECTOR, jurisdiction=county, enforcement_id=card
    )
    page = await phone(
        geolocation={"latitude": 46.0801, "longitude": 122.0512, "accuracy": 15},
        permissions=["geolocation"],
    )
    await log_in(page, server, personas["inspector"].username)
    await page.goto(f"{server}/inspections/checks")
    await check_page(page, "field-check-01-list")
    await page.get_by_label("检查对象").select_option(f"organisation:{org.id}")
    await page.get_by_role("button", name="开始检查").click()
    await page.wait_for_url(f"{server}/inspections/checks/new?target=organisation%3A{org.id}")
    await page.wait_for_function("document.getElementById('h-latitude').value !== ''")
    assert "北纬46.08010" in await page.locator("#gps-state").inner_text()
    await check_page(page, "field-check-02-task")

    await page.get_by_label(f"执法证号 {card}").check()
    await page.get_by_label("被检查单位在场人员").fill("周场长")
    # The six groups come folded, each summary counting its items; opening one shows them.
    item = page.locator("fieldset.check-item", has_text="V1-1")
    group = page.locator("details.check-group", has=item)
    assert await page.locator("details.check-group[open]").count() == 0
    assert not await item.is_visible()
    summary = group.locator("summary")
    assert re.search(r"共\d+项，已填0项，不符合0项", await summary.inner_text())
    await summary.click()
    await item.get_by_label("不符合").check()
    await item.get_by_label("情况说明").fill("现场销售苗木，未能出示许可证")
    await item.get_by_label("货值（元，罚款按货值计算）").fill("8000")
    assert re.search(r"已填1项，不符合1项", await summary.inner_text())
    await page.locator("#checklist").screenshot(path=str(SCREENSHOTS / "field-check-03-list.png"))

    jpeg = photo()
    await page.locator("#f-photo-0").set_input_files(
        files=[{"name": "photo.jpg", "mimeType": "image/jpeg", "buffer": jpeg}]
    )
    await page.get_by_label("照片1说明").fill("苗木堆放处")

    canvas = page.locator("#sign-canvas")
    await canvas.scroll_into_view_if_needed()
    box = await canvas.bounding_box()
    assert box is not None
    assert box["width"] <= 360
    await page.mouse.move(box["x"] + 20, box["y"] + 60)
    await page.mouse.down()
    for step in range(1, 12):
        await page.mouse.move(box["x"] + 20 + step * 22, box["y"] + 60 + (step % 3) * 15)
    await page.mouse.up()
    # The drawn signature is a PNG in the signature's file input (kept by drafts.js as a Blob).
    signature_js = (
        "() => Array.from(document.getElementById('f-signature-file').files, f => f.type)"
    )
    assert await until(page, signature_js) == ["image/png"]
    await page.locator("#signature").screenshot(path=str(SCREENSHOTS / "field-check-04-sign.png"))

    await page.get_by_role("button", name="提交检查记录").click()
    await page.wait_for_url(re.compile(r"/inspections/checks/\d+$"))
    await check_page(page, "field-check-05-record")
    text = await page.locator("main").inner_text()
    assert "V1-1" in text
    assert "现场销售苗木，未能出示许可证" in text
    assert "3000元至30000元" in text  # 种子法 Art. 76: 货值 below 10,000
    assert "46.08010" in text
    assert "已签名" in text
    assert hashlib.sha256(jpeg).hexdigest() in text
    assert "现场检查笔录（PDF）" in text
    assert "责令改正通知书（PDF）" in text
    check_id = int(page.url.rsplit("/", 1)[1])
    kinds = await fetch(
        "SELECT kind FROM check_photo WHERE field_check = {} ORDER BY kind", check_id
    )
    assert [k["kind"] for k in kinds] == ["photo", "signature"]
