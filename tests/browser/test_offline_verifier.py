"""The downloadable offline verifier in headless Chromium with the network cut off: a genuine
label's QR text says 签名有效 with its fields, one changed character says 签名无效, in format 2
(what labels print) and in format 1 (labels printed before, which keep verifying).

Async Playwright on pytest-asyncio's session loop, as tests/browser/test_pages.py explains; the
browser is the session's (tests/browser/conftest.py)."""

from __future__ import annotations

import base64
import dataclasses

import httpx
import pytest
from playwright.async_api import Browser, Page

from seedreg.labels import keys, signing
from seedreg.labels.printable import label_contents
from seedreg.settings import get_settings
from tests.factories import actor_named
from tests.http.lotkit import ok
from tests.label_support import make_chain

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def issued(api) -> dict:
    chain = make_chain(api)
    lot = chain.ready_lot(quantity=500)
    return ok(
        chain.alice.post(
            f"/api/labels/lots/{lot['id']}/issues", json={"count": 1, "quantity_each": 25}
        ),
        201,
    )


@pytest.fixture(scope="module")
def verifier_file(server, tmp_path_factory) -> str:
    r = httpx.get(f"{server}/labels/verify-offline.html", timeout=60)
    assert r.status_code == 200
    path = tmp_path_factory.mktemp("offline") / "xam-label-verifier.html"
    path.write_bytes(r.content)
    return path.as_uri()


async def offline_page(chromium: Browser, url: str) -> Page:
    context = await chromium.new_context(viewport={"width": 360, "height": 740}, locale="zh-CN")
    page = await context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    await page.goto(url)
    await context.route("**/*", lambda route: route.abort())  # no network from here on
    await context.set_offline(True)
    page.errors = errors  # type: ignore[attr-defined]
    return page


async def check(page: Page, text: str) -> tuple[str, str, str]:
    await page.fill("#qr", text)
    await page.click("#check")
    await page.wait_for_selector("#result:not([hidden])")
    return (
        (await page.inner_text("#verdict")).strip(),
        (await page.inner_text("#reason")).strip(),
        (await page.inner_text("#fields")).strip(),
    )


def changed(qr_text: str) -> str:
    """The same QR text with one byte of the signed payload changed (the quantity)."""
    prefix, token = qr_text.rsplit("#", 1)
    raw = bytearray(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    raw[len(raw) - 64 - 5] ^= 0x01
    return prefix + "#" + base64.urlsafe_b64encode(bytes(raw)).rstrip(b"=").decode("ascii")


def format_1(qr_text: str) -> str:
    """The same label's QR text as a label printed before format 2 carries it."""
    payload = signing.verify(qr_text, keys.public_key()).payload
    return signing.qr_text_v1(get_settings().public_base_url, payload, keys.private_key())


def changed_digit(qr_text: str) -> str:
    """A format-2 text with one digit of its token changed."""
    prefix, token = qr_text.rsplit("#", 1)
    at = len(token) // 3
    return f"{prefix}#{token[:at]}{(int(token[at]) + 1) % 10}{token[at + 1 :]}"


async def test_the_offline_verifier_reads_format_2(chromium, issued, verifier_file):
    content = (await label_contents(await actor_named("alice"), issued["id"]))[0]
    prefix, token = content.qr_text.rsplit("#", 1)
    assert token.isdigit()  # what labels print now
    page = await offline_page(chromium, verifier_file)

    verdict, _, fields = await check(page, content.qr_text)
    assert verdict == "签名有效"
    for value in (content.serial, content.lot_number, content.licence_number, "25 株", "原标签"):
        assert value in fields, value
    verdict, reason, fields = await check(page, changed_digit(content.qr_text))
    assert (verdict, fields) == ("签名无效", "")
    assert "篡改" in reason
    other = prefix[: -len(content.serial)] + "7KQ3M9XW2HD#" + token  # the serial is signed
    assert (await check(page, other))[:2] == ("签名无效", "签名无效（标签内容被篡改或伪造）")
    verdict, reason, _ = await check(page, token)
    assert (verdict, reason) == (
        "签名无效",
        "二维码格式不正确：第 2 版二维码需要完整网址（含序列号）",
    )
    assert page.errors == []  # type: ignore[attr-defined]
    await page.context.close()


async def test_the_offline_verifier_tells_genuine_from_tampered(chromium, issued, verifier_file):
    content = (await label_contents(await actor_named("alice"), issued["id"]))[0]
    content = dataclasses.replace(content, qr_text=format_1(content.qr_text))
    page = await offline_page(chromium, verifier_file)

    verdict, _, fields = await check(page, content.qr_text)
    assert verdict == "签名有效"
    for value in (content.serial, content.lot_number, content.licence_number, "25 株", "原标签"):
        assert value in fields, value

    verdict, reason, fields = await check(page, changed(content.qr_text))
    assert verdict == "签名无效"
    assert "篡改" in reason
    assert fields == ""

    token_only = content.qr_text.rsplit("#", 1)[1]
    assert (await check(page, token_only))[0] == "签名有效"
    other_serial = content.qr_text.replace(f"/v/{content.serial}#", "/v/AAAAAAAAAAAA#")
    verdict, reason, _ = await check(page, other_serial)
    assert (verdict, reason) == ("签名无效", "序列号与签名内容不一致")
    verdict, reason, _ = await check(page, "这不是二维码")
    assert verdict == "签名无效"
    assert reason.startswith("二维码格式不正确")
    assert page.errors == []  # type: ignore[attr-defined]
    await page.context.close()


async def test_the_verification_page_fits_a_phone_without_javascript(chromium, issued, server):
    content = (await label_contents(await actor_named("alice"), issued["id"]))[0]
    context = await chromium.new_context(
        viewport={"width": 360, "height": 740}, java_script_enabled=False, locale="zh-CN"
    )
    page = await context.new_page()
    # What a phone camera opens (the fragment stays on the phone). Built in this process, the
    # text names the default base URL: point it at the test server.
    await page.goto(content.qr_text.replace(get_settings().public_base_url, server))
    assert (await page.inner_text(".verify-state .state")).strip() == "有效"
    assert content.serial in await page.inner_text("main")
    width = await page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the page scrolls sideways ({width} px)"
    await context.close()
