"""The officials' label scanner in headless Chromium with a fake camera (issue 22): the camera
shows a real label's QR code (a .y4m video made here from the code the label prints), the page
decodes it, says 签名有效 with the label's fields and then the registry's answer; a code with
one digit changed says 签名无效; a scan made with the network cut off is kept as 待上传,
survives a reload, and is uploaded exactly once when the network returns.

Chromium takes the fake camera's video file at launch, so this module starts its own browser
per video (the session's browser has no camera). Headless Chromium on Linux has no
BarcodeDetector: the page then loads the vendored jsQR, and the tests assert which decoder ran.
"""

from __future__ import annotations

import random
import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio
from PIL import Image
from playwright.async_api import Browser, BrowserContext, Page, async_playwright, expect

from seedreg.core.db import fetch
from seedreg.core.qr import qr_image
from seedreg.labels.printable import label_contents
from seedreg.labels.serials import (
    LEGACY_ALPHABET,
    SERIAL_ALPHABET,
    TYPO,
    legacy_serial_from_number,
    normalise_serial,
    serial_from_number,
    serial_is_well_formed,
)
from tests.browser.axe import assert_accessible
from tests.browser.screens import CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS, WIDTHS
from tests.browser.test_csp import WATCH_JS
from tests.factories import actor_named
from tests.fixtures import PASSWORD
from tests.http.lotkit import ok
from tests.label_support import make_chain

pytestmark = pytest.mark.browser

WHERE = {"latitude": 46.0726, "longitude": 122.0687}  # 乌兰浩特


def y4m(text: str, path: Path, frames: int = 6) -> Path:
    """A short 640×480 I420 video of the QR code of ``text`` (white around it)."""
    code = qr_image(text, border=4)
    side = 440 - 440 % code.width or code.width
    code = code.resize((side, side), Image.Resampling.NEAREST)
    frame = Image.new("L", (640, 480), 255)
    frame.paste(code, ((640 - side) // 2, (480 - side) // 2))
    ycbcr = frame.convert("RGB").convert("YCbCr")
    y, cb, cr = ycbcr.split()
    half = (320, 240)
    planes = y.tobytes() + cb.resize(half).tobytes() + cr.resize(half).tobytes()
    with path.open("wb") as out:
        out.write(b"YUV4MPEG2 W640 H480 F10:1 Ip A1:1 C420jpeg\n")
        for _ in range(frames):
            out.write(b"FRAME\n" + planes)
    return path


def changed_digit(qr_text: str) -> str:
    prefix, token = qr_text.rsplit("#", 1)
    at = len(token) // 3
    return f"{prefix}#{token[:at]}{(int(token[at]) + 1) % 10}{token[at + 1 :]}"


@pytest.fixture(scope="module")
def issued(api) -> dict:
    chain = make_chain(api)
    lot = chain.ready_lot(quantity=500)
    done = ok(
        chain.alice.post(
            f"/api/labels/lots/{lot['id']}/issues", json={"count": 1, "quantity_each": 25}
        ),
        201,
    )
    return {"issue": done, "species": chain.species}


async def the_label(issued: dict):
    return (await label_contents(await actor_named("alice"), issued["issue"]["id"]))[0]


@pytest_asyncio.fixture(loop_scope="session")
async def camera_browser(tmp_path) -> AsyncIterator:
    """``await camera_browser(qr_text)`` → a Chromium whose camera shows that QR code."""
    browsers: list[Browser] = []
    async with async_playwright() as playwright:

        async def launch(text: str) -> Browser:
            video = y4m(text, tmp_path / f"qr-{len(browsers)}.y4m")
            browser = await playwright.chromium.launch(
                executable_path=CHROMIUM,
                headless=True,
                args=[
                    *CHROMIUM_ARGS,
                    "--use-fake-ui-for-media-stream",
                    "--use-fake-device-for-media-stream",
                    f"--use-file-for-fake-video-capture={video}",
                ],
            )
            browsers.append(browser)
            return browser

        yield launch
        for browser in browsers:
            await browser.close()


async def log_in(page: Page, server: str) -> None:
    await page.goto(f"{server}/login")
    form = page.locator("main form")
    await form.get_by_label("用户名").fill("inspector")
    await form.get_by_label("密码").fill(PASSWORD)
    await form.get_by_role("button", name="登录").click()
    await page.wait_for_url(f"{server}/")


async def signed_in(browser: Browser, server: str, width: str = "phone") -> Page:
    context: BrowserContext = await browser.new_context(
        **WIDTHS[width], permissions=["camera", "geolocation"], geolocation=WHERE
    )
    context.set_default_timeout(20_000)
    page = await context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.errors = errors  # type: ignore[attr-defined]
    await page.add_init_script(WATCH_JS)  # Content-Security-Policy violations, if any
    await log_in(page, server)
    await page.goto(f"{server}/labels/scan")
    return page


async def scan_with_camera(page: Page) -> str:
    """Open the camera, wait for the code to be read; the decoder that ran."""
    await page.get_by_role("button", name="打开相机扫码").click()
    await expect(page.locator("#result")).to_be_visible()
    return await page.locator("#scanner").get_attribute("data-decoder-used") or ""


async def rows(key: str) -> list[dict]:
    return await fetch("SELECT * FROM field_scan WHERE idempotency_key = {}", key)


async def newest_key(page: Page) -> str:
    return await page.locator("#queue li").first.get_attribute("data-key") or ""


async def test_the_camera_reads_a_genuine_label_and_the_registry_agrees(
    camera_browser, issued, server
):
    label = await the_label(issued)
    page = await signed_in(await camera_browser(label.qr_text), server)
    assert await scan_with_camera(page) == "jsQR"  # no BarcodeDetector in headless Linux
    await expect(page.locator("#sig-verdict")).to_have_text("签名有效")
    await expect(page.get_by_role("button", name="关闭相机")).to_be_hidden()  # camera off again
    printed = await page.locator("#printed").inner_text()
    for value in (label.serial, label.lot_number, label.licence_number, "25 株", "原标签"):
        assert value in printed, value
    first = page.locator("#queue li").first
    await expect(first.locator(".q-state")).to_have_text("已上传")
    await expect(page.locator("#registry-state")).to_contain_text("有效")
    await expect(page.locator("#registry")).to_contain_text(issued["species"])
    await expect(page.locator("#mismatches")).to_have_text("未发现问题")
    stored = await rows(await newest_key(page))
    assert len(stored) == 1
    assert stored[0]["serial"] == label.serial
    assert (stored[0]["phone_result"], stored[0]["verdict"]) == ("valid", "valid")
    assert stored[0]["latitude"] == pytest.approx(WHERE["latitude"])
    assert await page.evaluate("window.__csp") == []  # the app's scripts and jsQR, allowed
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    await assert_accessible(page, "field-scan-phone-genuine")
    width = await page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the page scrolls sideways ({width} px)"
    await page.screenshot(path=str(SCREENSHOTS / "field-scan-phone-genuine.png"), full_page=True)
    assert page.errors == []  # type: ignore[attr-defined]
    await page.context.close()


async def test_a_code_with_one_digit_changed_says_the_signature_is_invalid(
    camera_browser, issued, server
):
    label = await the_label(issued)
    page = await signed_in(await camera_browser(changed_digit(label.qr_text)), server)
    await scan_with_camera(page)
    await expect(page.locator("#sig-verdict")).to_have_text("签名无效")
    await expect(page.locator("#sig-reason")).to_contain_text("篡改")
    assert await page.locator("#printed").inner_text() == ""
    await expect(page.locator("#queue li").first.locator(".q-state")).to_have_text("已上传")
    hints = page.locator("#mismatches li")
    await expect(hints.first).to_have_attribute("data-hint", "forged_signature")
    await expect(hints.first).to_contain_text("签名无效")
    stored = await rows(await newest_key(page))
    assert [(r["phone_result"], bool(r["signature_ok"])) for r in stored] == [("invalid", False)]
    await page.screenshot(path=str(SCREENSHOTS / "field-scan-phone-tampered.png"), full_page=True)
    await page.context.close()


async def test_a_scan_without_signal_waits_survives_a_reload_and_is_uploaded_once(
    camera_browser, issued, server
):
    label = await the_label(issued)
    page = await signed_in(await camera_browser(label.qr_text), server)
    context = page.context
    # The decoder comes once the page is idle, while there is signal (not only on camera use).
    await page.wait_for_function("() => typeof window.jsQR === 'function'")
    await context.set_offline(True)
    await scan_with_camera(page)
    await expect(page.locator("#sig-verdict")).to_have_text("签名有效")  # checked offline
    item = page.locator("#queue li").first
    await expect(item.locator(".q-state")).to_have_text("待上传")
    await expect(page.locator("#registry-state")).to_contain_text("没有网络")
    key = await newest_key(page)
    assert await rows(key) == []

    # Reload while uploads still fail (the page itself needs the network to load: uploads are
    # cut off instead, as a weak signal does): the scan is still there, waiting.
    await context.route("**/labels/field-scans", lambda route: route.abort())
    await context.set_offline(False)
    await page.reload()
    item = page.locator(f"#queue li[data-key='{key}']")
    await expect(item.locator(".q-state")).to_have_text("待上传")
    assert await rows(key) == []

    await context.set_offline(True)
    await context.unroute("**/labels/field-scans")
    await context.set_offline(False)  # the `online` event sends what waits
    await expect(item.locator(".q-state")).to_have_text("已上传")
    stored = await rows(key)
    assert len(stored) == 1
    assert stored[0]["serial"] == label.serial
    # A later reload sends nothing again.
    await page.reload()
    await expect(page.locator(f"#queue li[data-key='{key}'] .q-state")).to_have_text("已上传")
    assert len(await rows(key)) == 1
    await context.close()


async def test_on_a_desktop_a_typed_serial_is_checked_at_once_and_then_looked_up(
    camera_browser, issued, server
):
    label = await the_label(issued)
    page = await signed_in(await camera_browser(label.qr_text), server, "desktop")
    main = page.locator("main")
    for words in ("现场扫码核验", "打开相机扫码", "或输入标签序列号", "本机扫码记录"):
        await expect(main).to_contain_text(words)
    typo = label.serial[:-1] + ("0" if label.serial[-1] != "0" else "1")
    await page.get_by_label("或输入标签序列号").fill(typo)
    await page.get_by_role("button", name="核验", exact=True).click()
    await expect(page.locator("#f-serial-err")).to_have_text(TYPO)
    await page.get_by_label("或输入标签序列号").fill(label.serial.lower())
    await page.get_by_role("button", name="核验", exact=True).click()
    await expect(page.locator("#f-serial-err")).to_be_hidden()
    await expect(page.locator("#queue li").first.locator(".q-state")).to_have_text("已上传")
    await expect(page.locator("#registry")).to_contain_text(label.lot_number)
    await expect(page.locator("#sig-reason")).to_have_text("手工输入的序列号，没有可核验的签名")
    await assert_accessible(page, "field-scan-desktop-typed")
    await page.screenshot(path=str(SCREENSHOTS / "field-scan-desktop-typed.png"), full_page=True)
    assert page.errors == []  # type: ignore[attr-defined]
    await page.context.close()


async def test_a_scan_kept_while_signed_out_goes_after_the_next_sign_in(
    camera_browser, issued, server
):
    label = await the_label(issued)
    page = await signed_in(await camera_browser(label.qr_text), server, "desktop")
    context = page.context
    await context.set_offline(True)
    await page.get_by_label("或输入标签序列号").fill(label.serial)
    await page.get_by_role("button", name="核验", exact=True).click()
    item = page.locator("#queue li").first
    await expect(item.locator(".q-state")).to_have_text("待上传")
    key = await newest_key(page)
    await context.clear_cookies()  # the session ends while the phone has no signal
    await context.set_offline(False)
    await expect(page.locator("#registry-state")).to_contain_text("登录已过期")
    await expect(item.locator(".q-state")).to_have_text("待上传")
    assert await rows(key) == []
    await log_in(page, server)
    await page.goto(f"{server}/labels/scan")
    await expect(page.locator(f"#queue li[data-key='{key}'] .q-state")).to_have_text("已上传")
    assert len(await rows(key)) == 1
    await context.close()


async def test_the_pages_check_character_agrees_with_the_servers(camera_browser, issued, server):
    """Typed serials are checked on the phone as seedreg/labels/serials.py checks them: new
    serials (Luhn mod 32) and legacy ones (ISO 7064 MOD 37,36), each genuine and with one
    character changed."""
    rng = random.Random(22)
    typed = []
    for i in range(200):
        new = i % 2 == 0
        serial = (
            serial_from_number(rng.randrange(32**10))
            if new
            else legacy_serial_from_number(rng.randrange(36**11))
        )
        alphabet = SERIAL_ALPHABET if new else LEGACY_ALPHABET
        at = rng.randrange(len(serial))
        typed += [serial, serial[:at] + rng.choice(alphabet) + serial[at + 1 :]]
    typed += ["7kq3-m9xw 2hd", "ABC", ""]
    label = await the_label(issued)
    page = await signed_in(await camera_browser(label.qr_text), server, "desktop")
    on_phone = await page.evaluate(
        "(all) => all.map((s) => FieldScanSerials.problem(FieldScanSerials.normalise(s)) === '')",
        typed,
    )
    assert on_phone == [serial_is_well_formed(normalise_serial(s)) for s in typed]
    assert 150 < sum(on_phone) < 250  # both kinds of answer were asked
    await page.context.close()


async def test_without_javascript_the_serial_form_answers(chromium, issued, server):
    label = await the_label(issued)
    context = await chromium.new_context(**WIDTHS["phone"], java_script_enabled=False)
    page = await context.new_page()
    await log_in(page, server)
    await page.goto(f"{server}/labels/scan")
    await expect(page.get_by_role("button", name="打开相机扫码")).to_be_hidden()  # needs JS
    await page.get_by_label("或输入标签序列号").fill(label.serial)
    await page.get_by_role("button", name="核验", exact=True).click()
    result = page.locator("#scan-result")
    await expect(result).to_contain_text("有效")
    await expect(result).to_contain_text("未发现问题")
    await expect(result).to_contain_text(label.lot_number)
    # (axe-core runs as page script: not here. The same page with its script is checked above.)
    width = await page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the page scrolls sideways ({width} px)"
    await page.screenshot(path=str(SCREENSHOTS / "field-scan-phone-no-js.png"), full_page=True)
    await context.close()


def test_the_y4m_is_what_chromium_expects(tmp_path):
    path = y4m("https://example.invalid/v/ABC#1", tmp_path / "x.y4m", frames=2)
    data = path.read_bytes()
    header, rest = data.split(b"\n", 1)
    assert re.match(rb"YUV4MPEG2 W640 H480 F10:1 Ip A1:1 C420jpeg$", header)
    assert len(rest) == 2 * (len(b"FRAME\n") + 640 * 480 * 3 // 2)
