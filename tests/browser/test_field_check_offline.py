"""The field check keeps everything on the phone and submits once (issue 22), in headless
Chromium at 360 px: a whole check with a photo and a drawn signature is filled online; the
network is cut (the browser context set offline), the page reloads from the service worker
with all of it, more is typed and the check is submitted (a double tap) while offline; the
network returns: the server holds exactly one check with every field, the photo byte for byte
(its hash equals the original's: evidence is not shrunk) and the signature.
Screenshots: build/screenshots/field-offline-*.png."""

from __future__ import annotations

import hashlib
import io
import random
import re

import pytest
from PIL import Image
from playwright.async_api import Page, expect

from seedreg.accounts.rules import Role
from seedreg.core.db import fetch
from tests import factories
from tests.browser.screens import SCREENSHOTS
from tests.browser.test_field_check import until
from tests.browser.test_offline_drafts import kept_offline
from tests.browser.test_pages import NewPage, log_in, open_menu, phone  # noqa: F401
from tests.fixtures import Persona, unique

pytestmark = pytest.mark.browser

WAITING = "等待网络：联网后自动提交"


def camera_photo() -> bytes:
    """A noisy 1600×1200 JPEG (several hundred KB, as a phone takes): big enough that any
    shrinking in the browser would change its bytes."""
    out = io.BytesIO()
    Image.effect_noise((1600, 1200), 50).convert("RGB").save(out, "JPEG", quality=90)
    return out.getvalue()


async def shot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(SCREENSHOTS / f"field-offline-{name}.png"), full_page=True)


async def saved(page: Page) -> None:
    await expect(page.locator(".draft-status")).to_contain_text("已保存在本机")


async def draw_signature(page: Page) -> None:
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


async def files_in(page: Page, selector: str) -> list[dict]:
    return await page.evaluate(
        "s => Array.from(document.querySelector(s).files).map(f => ({name: f.name, size: f.size}))",
        selector,
    )


async def test_a_check_cut_off_mid_way_reloaded_and_resumed_is_submitted_once_with_everything(
    phone: NewPage,  # noqa: F811
    server: str,
    personas: dict[str, Persona],
):
    county = "152201"
    org = await factories.make_organisation(county, name=unique("断网检查苗圃"))
    card = f"{county}27{random.randint(10**5, 10**6 - 1)}"
    await factories.make_user(
        unique("mate"), Role.INSPECTOR, jurisdiction=county, enforcement_id=card
    )
    page = await phone(
        geolocation={"latitude": 46.0801, "longitude": 122.0512, "accuracy": 15},
        permissions=["geolocation"],
    )
    await log_in(page, server, personas["inspector"].username)
    await page.goto(f"{server}/inspections/checks/new?target=organisation:{org.id}")
    await kept_offline(page)

    # Online: the task, one checklist item not complied with, a photo, the drawn signature.
    representative = unique("周场长")
    await page.get_by_label(f"执法证号 {card}").check()
    await page.get_by_label("被检查单位在场人员").fill(representative)
    item = page.locator("fieldset.check-item", has_text="V1-1")
    await page.locator("details.check-group", has=item).locator("summary").click()  # folded
    await item.get_by_label("不符合").check()
    await item.get_by_label("情况说明").fill("现场销售苗木，未能出示许可证")
    await item.get_by_label("货值（元，罚款按货值计算）").fill("8000")
    jpeg = camera_photo()
    await page.locator("#f-photo-0").set_input_files(
        files=[{"name": "IMG_0001.jpg", "mimeType": "image/jpeg", "buffer": jpeg}]
    )
    await page.get_by_label("照片1说明").fill("苗木堆放处")
    await draw_signature(page)
    await until(page, "() => document.getElementById('f-signature-file').files.length === 1")
    await saved(page)
    await shot(page, "01-filled-online")
    key = await page.locator("input[name=idempotency_key]").input_value()

    # The network goes; the page reloads from the service worker with everything typed.
    context = page.context
    await context.set_offline(True)
    await page.reload()
    await expect(page.get_by_label("被检查单位在场人员")).to_have_value(representative)
    await expect(item.get_by_label("不符合")).to_be_checked()
    await expect(item.get_by_label("情况说明")).to_have_value("现场销售苗木，未能出示许可证")
    await expect(page.get_by_label(f"执法证号 {card}")).to_be_checked()
    await expect(page.get_by_label("照片1说明")).to_have_value("苗木堆放处")
    assert await files_in(page, "#f-photo-0") == [{"name": "IMG_0001.jpg", "size": len(jpeg)}]
    assert [f["name"] for f in await files_in(page, "#f-signature-file")] == ["signature.png"]
    assert await page.locator("input[name=idempotency_key]").input_value() == key
    await saved(page)
    await shot(page, "02-reloaded-offline")

    # More is typed without a network, then 提交 twice.
    await page.get_by_label("检查地点").fill("乌兰浩特市义勒力特镇苗圃东区")
    await page.get_by_label("样品编号").first.fill("YP-2026-031")
    await page.get_by_label("样品名称（树种、品种、批次）").first.fill("樟子松 1年生实生苗")
    await page.get_by_label("抽样数量").first.fill("50株")
    await page.get_by_label("其他情况").fill("断网后补记：苗木无标签。")
    await saved(page)
    await page.get_by_role("button", name="提交检查记录").dblclick()
    await expect(page.locator(".draft-status")).to_have_text(WAITING)
    await shot(page, "03-waiting-for-network")
    await page.get_by_label(
        "检查地点"
    ).scroll_into_view_if_needed()  # mid-form: the line stays in view
    await expect(page.locator(".draft-status")).to_be_in_viewport()
    await page.screenshot(path=str(SCREENSHOTS / "field-offline-03b-status-in-view.png"))
    none = await fetch("SELECT id FROM field_check WHERE idempotency_key = {}", key)
    assert none == [], "nothing reaches the server without a network"

    # The network returns: sent once, and the page shows the record.
    await context.set_offline(False)
    await page.wait_for_url(re.compile(r"/inspections/checks/\d+$"), timeout=30_000)
    await expect(page.locator("main")).to_contain_text("已签名")
    await shot(page, "04-submitted")

    rows = await fetch(
        "SELECT id, representative, place, note, samples, checklist, inspectors"
        " FROM field_check WHERE idempotency_key = {}",
        key,
    )
    assert len(rows) == 1, "submitted exactly once"
    row = rows[0]
    assert page.url == f"{server}/inspections/checks/{row['id']}"
    assert row["representative"] == representative
    assert row["place"] == "乌兰浩特市义勒力特镇苗圃东区"
    assert row["note"] == "断网后补记：苗木无标签。"
    assert "YP-2026-031" in str(row["samples"])
    assert "现场销售苗木，未能出示许可证" in str(row["checklist"])
    assert card in str(row["inspectors"])
    photos = await fetch(
        "SELECT kind, sha256, size FROM check_photo WHERE field_check = {} ORDER BY kind",
        row["id"],
    )
    assert [p["kind"] for p in photos] == ["photo", "signature"]
    assert photos[0]["sha256"] == hashlib.sha256(jpeg).hexdigest(), "the original, not a copy"
    assert photos[1]["size"] > 0
    text = await page.locator("main").inner_text()
    assert hashlib.sha256(jpeg).hexdigest() in text
    drafts_left = await page.evaluate(
        """() => new Promise(done => {
          const open = indexedDB.open("seedreg-drafts");
          open.onsuccess = () => {
            const all = open.result.transaction("drafts").objectStore("drafts").getAll();
            all.onsuccess = () => done(all.result.length);
          };
        })"""
    )
    assert drafts_left == 0, "the draft is gone once the server has the check"


async def test_a_check_whose_answer_is_lost_is_sent_again_and_recorded_once(
    phone: NewPage,  # noqa: F811
    server: str,
    personas: dict[str, Persona],
):
    """The server records the check and its photo, but the answer never reaches the phone (the
    signal goes mid-way): the outbox sends it again with the same key until an answer comes;
    the server answers with the first record, and nothing is recorded twice."""
    county = "152201"
    org = await factories.make_organisation(county, name=unique("回执丢失苗圃"))
    card = f"{county}27{random.randint(10**5, 10**6 - 1)}"
    await factories.make_user(
        unique("mate"), Role.INSPECTOR, jurisdiction=county, enforcement_id=card
    )
    # No service worker here: this is about the retry, and a worker would hide the post
    # from the browser context's routing.
    page = await phone(service_workers="block")
    posts: list[int] = []

    async def lose_the_first_answer(route):
        if route.request.method != "POST":
            await route.continue_()
            return
        answer = await route.fetch(max_redirects=0)
        posts.append(answer.status)
        if len(posts) == 1:
            await route.abort("connectionreset")  # recorded on the server, lost on the way back
        else:
            await route.fulfill(response=answer)

    await log_in(page, server, personas["inspector"].username)
    await page.goto(f"{server}/inspections/checks/new?target=organisation:{org.id}")
    await page.context.route("**/inspections/checks/new", lose_the_first_answer)
    await page.get_by_label(f"执法证号 {card}").check()
    await page.get_by_label("被检查单位在场人员").fill(unique("王经理"))
    jpeg = camera_photo()
    await page.locator("#f-photo-0").set_input_files(
        files=[{"name": "IMG_0002.jpg", "mimeType": "image/jpeg", "buffer": jpeg}]
    )
    await draw_signature(page)
    await until(page, "() => document.getElementById('f-signature-file').files.length === 1")
    await saved(page)
    key = await page.locator("input[name=idempotency_key]").input_value()
    await page.get_by_role("button", name="提交检查记录").click()
    await page.wait_for_url(re.compile(r"/inspections/checks/\d+$"), timeout=30_000)
    await shot(page, "05-sent-after-a-lost-answer")

    assert posts == [303, 303], "sent twice, the second answered with the first record"
    rows = await fetch("SELECT id FROM field_check WHERE idempotency_key = {}", key)
    assert len(rows) == 1
    photos = await fetch(
        "SELECT kind, sha256 FROM check_photo WHERE field_check = {} ORDER BY kind", rows[0]["id"]
    )
    assert [p["kind"] for p in photos] == ["photo", "signature"]
    assert photos[0]["sha256"] == hashlib.sha256(jpeg).hexdigest()


async def test_signing_out_forgets_the_kept_pages(
    phone: NewPage,  # noqa: F811
    server: str,
    personas: dict[str, Persona],
):
    """The pages the worker kept hold the last person's data: signing out drops them."""
    org = await factories.make_organisation("152201", name=unique("退出检查苗圃"))
    page = await phone()
    await log_in(page, server, personas["inspector"].username)
    await page.goto(f"{server}/inspections/checks/new?target=organisation:{org.id}")
    await kept_offline(page)
    await open_menu(page)
    await page.get_by_role("button", name="退出").click()
    await page.wait_for_url(f"{server}/login")
    assert await until(page, "async () => !(await caches.has('seedreg-pages'))")


SCAN_JS = """() => document.dispatchEvent(new CustomEvent("fieldscan:recorded", {detail: {
  key: "5d0c1b8e-3f0a-4c55-9d61-0c2f7d6f1a01", qr_text: "", serial: "XAM-2026-000123",
  phone_result: "", scanned_at: "2026-12-07T10:00:00+08:00"}}))"""


async def test_a_scan_queued_by_the_scanner_is_kept_with_the_check_across_a_reload(
    phone: NewPage,  # noqa: F811
    server: str,
    personas: dict[str, Persona],
):
    """A scan the scanner records becomes a row of the check, kept in the draft like a field."""
    org = await factories.make_organisation("152201", name=unique("扫码检查苗圃"))
    page = await phone()
    await log_in(page, server, personas["inspector"].username)
    await page.goto(f"{server}/inspections/checks/new?target=organisation:{org.id}")
    await page.evaluate(SCAN_JS)
    await expect(page.locator("#scan-list")).to_contain_text("已扫码：XAM-2026-000123")
    await saved(page)
    await page.reload()
    row = page.locator("#scan-list [data-draft-row]")
    await expect(row).to_have_count(1)
    await expect(row.locator("input[name$='-serial']")).to_have_value("XAM-2026-000123")
    await expect(row.locator("input[name$='-idempotency_key']")).to_have_value(
        "5d0c1b8e-3f0a-4c55-9d61-0c2f7d6f1a01"
    )
    await expect(page.locator("#scan-list")).to_contain_text("已扫码：XAM-2026-000123")
