"""Nothing typed is lost (issue 22), in headless Chromium at 360 px: a field form with every kind
of field (tests/browser/offline_app.py) is filled, the network is cut (the browser context set
offline), the page reloads from the service worker, typing goes on, the form is submitted with
a double tap, the tab is closed and opened again, the network returns: the server records the
form exactly once, with everything typed, the photo shrunk, and the draft is gone.
Screenshots: build/screenshots/offline-*.png."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from PIL import Image
from playwright.async_api import BrowserContext, Page, expect

from tests.browser.axe import assert_accessible
from tests.browser.screens import SCREENSHOTS, WIDTHS
from tests.browser.test_csp import WATCH_JS
from tests.fixtures import PASSWORD, ROOT, _free_port, unique

pytestmark = pytest.mark.browser


DRAFTS_LEFT_JS = """() => new Promise(done => {
  const open = indexedDB.open("seedreg-drafts");
  open.onsuccess = () => {
    const all = open.result.transaction("drafts").objectStore("drafts").getAll();
    all.onsuccess = () => done(all.result.length);
  };
})"""


def start_practice_server(env: dict[str, str] | None = None) -> tuple[subprocess.Popen, str]:
    """The app plus the practice form (offline_app.py), as a real uvicorn process."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log = open(Path(os.environ["SEEDREG_VAR_DIR"]).parent / "practice-server.log", "w")  # noqa: SIM115
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            "tests.browser.offline_app:create",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env={**os.environ, "SEEDREG_PUBLIC_BASE_URL": base, **(env or {})},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 90  # a loaded machine (2 CPUs shared) starts slowly
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return proc, base
        except httpx.TransportError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("practice server did not start; see practice-server.log")


@pytest.fixture(scope="module")
def practice(database: str) -> Iterator[str]:
    proc, base = start_practice_server()
    yield base
    proc.terminate()
    proc.wait(timeout=10)


def received(base: str) -> dict:
    return httpx.get(f"{base}/practice/received").json()


def big_photo(path: Path) -> Path:
    """A 3000×2000 photo, as a phone camera takes (about 1 MB as JPEG)."""
    image = Image.effect_noise((3000, 2000), 60).convert("RGB")
    image.save(path, "JPEG", quality=92)
    return path


async def shot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(SCREENSHOTS / f"offline-{name}.png"), full_page=True)


async def open_form(context: BrowserContext, url: str) -> Page:
    page = await context.new_page()
    page.errors = []  # type: ignore[attr-defined]
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))  # type: ignore[attr-defined]
    await page.goto(url)
    return page


async def kept_offline(page: Page) -> None:
    """Wait until the service worker controls the page and holds its copy (polled from here:
    the page's CSP forbids the string evaluation wait_for_function uses)."""
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if await page.evaluate(
            "async () => !!navigator.serviceWorker.controller"
            " && !!(await caches.match(location.href))"
        ):
            return
        await asyncio.sleep(0.2)
    raise AssertionError("the service worker did not keep the page")


async def saved(page: Page) -> None:
    await expect(page.locator(".draft-status")).to_contain_text("已保存在本机")


async def test_a_form_filled_offline_reloaded_and_reopened_is_submitted_once_with_everything(
    chromium, practice, tmp_path
):
    record = unique("r")
    url = f"{practice}/practice/field-form?record={record}&user={record}"
    context = await chromium.new_context(**WIDTHS["phone"])
    context.set_default_timeout(15_000)
    await context.add_init_script(WATCH_JS)  # Content-Security-Policy violations, if any
    page = await open_form(context, url)
    await kept_offline(page)

    # Online: the first half of the form, a photo and two sample rows.
    await page.get_by_label("被检查单位").fill("乌兰浩特市绿源苗圃")
    await page.get_by_label("货值（元）").fill("12800")
    await page.get_by_label("检查场所").select_option("nursery")
    await page.get_by_label("发现问题", exact=True).check()
    await page.get_by_label("生产经营许可证").check()
    await page.get_by_label("标签", exact=True).check()
    await page.get_by_label("现场照片").set_input_files(str(big_photo(tmp_path / "photo.jpg")))
    for n, sample in enumerate(["YP-2026-001", "YP-2026-002"]):
        await page.get_by_role("button", name="添加样品").click()
        await page.get_by_label("样品编号").nth(n).fill(sample)
    await saved(page)
    await shot(page, "01-filled-online")

    # The network goes; the page reloads from the service worker, with all of it.
    loads = len(received(practice)["page_loads"])
    await context.set_offline(True)
    await page.reload()
    await expect(page.get_by_label("被检查单位")).to_have_value("乌兰浩特市绿源苗圃")
    await expect(page.get_by_label("样品编号").nth(1)).to_have_value("YP-2026-002")
    await expect(page.get_by_label("发现问题", exact=True)).to_be_checked()
    await expect(page.get_by_label("检查场所")).to_have_value("nursery")
    assert await page.evaluate("document.getElementById('f-photo').files[0].size") > 0
    await saved(page)
    await shot(page, "02-reloaded-offline")

    # Typing goes on without a network; then a double tap on 提交.
    await page.get_by_label("检查记录").fill("标签未标注质量检验合格证编号。")
    await page.get_by_label("生产经营档案").check()
    await page.get_by_label("标签", exact=True).uncheck()
    await page.get_by_role("button", name="添加样品").click()
    await page.get_by_label("样品编号").nth(2).fill("YP-2026-003")
    await saved(page)
    await page.get_by_role("button", name="提交").dblclick()
    await expect(page.locator(".draft-status")).to_have_text("等待网络：联网后自动提交")
    await shot(page, "03-waiting-for-network")
    key = await page.locator("input[name=idempotency_key]").input_value()
    assert page.errors == []  # type: ignore[attr-defined]

    # The tab is closed and opened again, still offline: the form is there, still waiting.
    await page.close()
    page = await open_form(context, url)
    await expect(page.get_by_label("检查记录")).to_have_value("标签未标注质量检验合格证编号。")
    await expect(page.locator(".draft-status")).to_have_text("等待网络：联网后自动提交")
    await shot(page, "04-reopened-offline")
    got = received(practice)
    assert len(got["page_loads"]) == loads, "offline, the pages came from the service worker"
    assert key not in got["attempts"], "nothing is sent without a network"

    # The network returns: sent once, and the page follows the server's answer.
    await context.set_offline(False)
    await page.wait_for_url(f"**/practice/field-form/done/{key}")
    await shot(page, "05-sent")
    got = received(practice)
    assert got["attempts"][key] == 1, "the double tap and the reopened tab sent it once"
    fields = got["records"][key]
    assert fields["party"] == ["乌兰浩特市绿源苗圃"]
    assert fields["value"] == ["12800"]
    assert fields["kind"] == ["nursery"]
    assert fields["result"] == ["bad"]
    assert fields["groups"] == ["licence", "archive"]
    assert fields["notes"] == ["标签未标注质量检验合格证编号。"]
    samples = [fields[f"sample-{n}"] for n in range(3)]
    assert samples == [["YP-2026-001"], ["YP-2026-002"], ["YP-2026-003"]]
    assert fields["header_key"] == key
    photo = fields["photo"]
    assert photo["type"] == "image/jpeg"
    assert photo["filename"] == "photo.jpg"
    assert photo["bytes"] < (tmp_path / "photo.jpg").stat().st_size  # shrunk on the phone
    left = await page.evaluate(DRAFTS_LEFT_JS)
    assert left == 0, "the draft is cleared once the server has it"
    assert await page.evaluate("window.__csp") == []  # the worker and drafts.js, allowed
    assert page.errors == []  # type: ignore[attr-defined]
    await context.close()


async def test_a_form_the_server_refuses_shows_the_servers_answer_and_keeps_the_draft(
    chromium, practice
):
    record = unique("r")
    url = f"{practice}/practice/field-form?record={record}&user={record}"
    context = await chromium.new_context(**WIDTHS["phone"])
    context.set_default_timeout(15_000)
    page = await open_form(context, url)
    await page.get_by_label("检查记录").fill("被检查单位忘了填写。")
    await saved(page)
    key = await page.locator("input[name=idempotency_key]").input_value()
    await page.get_by_role("button", name="提交").click()
    await expect(page.get_by_role("alert")).to_have_text("请填写被检查单位")
    await expect(page.get_by_label("检查记录")).to_have_value("被检查单位忘了填写。")
    await shot(page, "06-refused")
    assert key not in received(practice)["records"]

    await page.get_by_label("被检查单位").fill("科右前旗林业苗圃")
    await page.get_by_role("button", name="提交").click()
    await page.wait_for_url(f"**/practice/field-form/done/{key}")
    got = received(practice)
    assert got["records"][key]["party"] == ["科右前旗林业苗圃"]
    assert got["records"][key]["notes"] == ["被检查单位忘了填写。"]
    assert page.errors == []  # type: ignore[attr-defined]
    await context.close()


async def test_the_scanner_page_reloads_with_no_network_and_keeps_a_half_typed_serial(
    chromium, practice, personas
):
    server = practice  # the whole app, the scanner included
    context = await chromium.new_context(**WIDTHS["phone"])
    context.set_default_timeout(15_000)
    await context.add_init_script(WATCH_JS)
    page = await open_form(context, f"{server}/login")
    form = page.locator("main form")
    await form.get_by_label("用户名").fill("inspector")
    await form.get_by_label("密码").fill(PASSWORD)
    await form.get_by_role("button", name="登录").click()
    await page.wait_for_url(f"{server}/")
    await page.goto(f"{server}/labels/scan")
    await kept_offline(page)
    await page.get_by_label("或输入标签序列号").fill("7K3M9")
    await saved(page)

    await context.set_offline(True)
    await page.reload()
    await expect(page.get_by_role("heading", name="现场扫码核验")).to_be_visible()
    await expect(page.get_by_label("或输入标签序列号")).to_have_value("7K3M9")
    await expect(page.locator("#net-state")).to_contain_text("离线")  # fieldscan.js ran
    decoder = await page.evaluate("async () => (await fetch('/static/vendor/jsQR.min.js')).ok")
    assert decoder, "the decoder is in the worker's cache: a scan offline still decodes"
    width = await page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the page scrolls sideways ({width} px)"
    await assert_accessible(page, "offline-scanner-reloaded")  # axe, with the status line
    await shot(page, "07-scanner-reloaded-offline")
    assert await page.evaluate("window.__csp") == []
    assert page.errors == []  # type: ignore[attr-defined]
    await context.close()


async def test_without_javascript_the_form_posts_as_usual(chromium, practice):
    record = unique("r")
    context = await chromium.new_context(**WIDTHS["phone"], java_script_enabled=False)
    page = await context.new_page()
    await page.goto(f"{practice}/practice/field-form?record={record}&user={record}")
    key = await page.locator("input[name=idempotency_key]").input_value()
    await page.get_by_label("被检查单位").fill("阿尔山市苗木经销部")
    await page.get_by_label("检查场所").select_option("market")
    await page.get_by_role("button", name="提交").click()
    await page.wait_for_url(f"**/practice/field-form/done/{key}")
    got = received(practice)
    assert got["attempts"][key] == 1
    assert got["records"][key]["party"] == ["阿尔山市苗木经销部"]
    assert got["records"][key]["kind"] == ["market"]
    assert got["records"][key]["header_key"] == ""  # the plain post: the key came as a field
    await context.close()


async def test_a_double_tap_online_sends_once(chromium, practice):
    record = unique("r")
    context = await chromium.new_context(**WIDTHS["phone"])
    page = await open_form(context, f"{practice}/practice/field-form?record={record}&user={record}")
    await page.get_by_label("被检查单位").fill("突泉县种苗站")
    await saved(page)
    key = await page.locator("input[name=idempotency_key]").input_value()
    await page.get_by_role("button", name="提交").dblclick()
    await page.wait_for_url(f"**/practice/field-form/done/{key}")
    assert received(practice)["attempts"][key] == 1
    assert page.errors == []  # type: ignore[attr-defined]
    await context.close()
