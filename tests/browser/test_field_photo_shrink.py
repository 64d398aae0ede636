"""A photo over the size limit is shrunk on the phone before it is kept and sent, and its row
names the camera's original by SHA-256 and size (issue 22); one the phone cannot read is
refused at once. What the server records of it is in tests/http/test_field_check_documents.py."""

from __future__ import annotations

import hashlib
import io
import random

import httpx
from PIL import Image
from playwright.async_api import expect

from tests import factories
from tests.browser.screens import SCREENSHOTS
from tests.browser.test_pages import NewPage, log_in, phone  # noqa: F401
from tests.fixtures import Persona, token_for, unique

LIMIT_KB = 200  # the setting's minimum


def noisy_jpeg(width: int = 1600, height: int = 1200) -> bytes:
    """A camera-like photo well over the limit (noise does not compress)."""
    pixels = random.Random(7).randbytes(width * height * 3)
    out = io.BytesIO()
    Image.frombytes("RGB", (width, height), pixels).save(out, "JPEG", quality=95)
    return out.getvalue()


def set_photo_limit(server: str, admin: str, value: int | None) -> None:
    client = httpx.Client(
        base_url=server, headers={"Authorization": f"Bearer {token_for(server, admin)}"}
    )
    key = "/api/settings/inspections.photo_max_kb"
    r = client.put(key, json={"value": value}) if value else client.delete(key)
    assert r.status_code in (200, 204), r.text


async def test_a_photo_over_the_limit_is_shrunk_on_the_phone_and_names_its_original(
    phone: NewPage,  # noqa: F811
    server: str,
    personas: dict[str, Persona],
):
    org = await factories.make_organisation("152201", name=unique("压缩照片苗圃"))
    original = noisy_jpeg()
    assert len(original) > 4 * LIMIT_KB * 1000
    set_photo_limit(server, personas["admin"].username, LIMIT_KB)
    try:
        page = await phone()
        await log_in(page, server, personas["inspector"].username)
        await page.goto(f"{server}/inspections/checks/new?target=organisation:{org.id}")
        await expect(page.locator("#photo-rule")).to_contain_text(f"每张不超过{LIMIT_KB}KB")
        await expect(page.locator("#photo-rule")).to_contain_text("在手机上压缩后上传")
        slot = page.locator(".photo-slot", has=page.locator("#f-photo-0"))
        await page.locator("#f-photo-0").set_input_files(
            files=[{"name": "IMG_2041.jpg", "mimeType": "image/jpeg", "buffer": original}]
        )
        await expect(slot.locator(".photo-err")).to_contain_text("已在手机上压缩为", timeout=30_000)
        await expect(slot.locator(".photo-err")).to_contain_text("原图的SHA-256已记录")
        await expect(slot).not_to_have_class("invalid")
        sent = await page.locator("#f-photo-0").evaluate(
            "i => ({name: i.files[0].name, size: i.files[0].size, type: i.files[0].type})"
        )
        assert sent["name"] == "IMG_2041-压缩.jpg"
        assert sent["type"] == "image/jpeg"
        assert 0 < sent["size"] <= LIMIT_KB * 1000
        row = page.locator("input[name='photos-0-original_sha256']")
        assert await row.input_value() == hashlib.sha256(original).hexdigest()
        size = page.locator("input[name='photos-0-original_size']")
        assert await size.input_value() == str(len(original))
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        await page.screenshot(path=str(SCREENSHOTS / "field-photo-shrunk-360.png"))

        # Bytes the phone cannot read as an image: refused at once, nothing kept.
        broken = b"\xff\xd8\xff\xe0" + bytes(LIMIT_KB * 1000 + 1)
        await page.locator("#f-photo-1").set_input_files(
            files=[{"name": "IMG_2042.jpg", "mimeType": "image/jpeg", "buffer": broken}]
        )
        other = page.locator(".photo-slot", has=page.locator("#f-photo-1"))
        await expect(other.locator(".photo-err")).to_contain_text("无法在手机上压缩")
        assert await page.locator("#f-photo-1").evaluate("i => i.files.length") == 0
        assert await page.locator("input[name='photos-1-original_sha256']").input_value() == ""
    finally:
        set_photo_limit(server, personas["admin"].username, None)
