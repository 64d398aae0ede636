"""The pages under the enforced Content-Security-Policy in headless Chromium: no violation
reported on pages with inline code (the label look-up, the API documentation, the offline
verifier served over HTTP) nor on ordinary ones, signed in and out (issue 12 item 4).

Async Playwright on pytest-asyncio's session loop, as tests/browser/test_pages.py explains; the
browser is the session's (tests/browser/conftest.py)."""

from __future__ import annotations

import pytest
from playwright.async_api import Browser, Page, Route

from tests.fixtures import PASSWORD
from tests.http.lotkit import ok
from tests.label_support import make_chain

pytestmark = pytest.mark.browser

# Reported by the page itself (the event fires for every blocked script, style or frame).
WATCH_JS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) =>
  window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
"""


@pytest.fixture(scope="module")
def serial(api) -> str:
    chain = make_chain(api)
    lot = chain.ready_lot(quantity=100)
    done = ok(
        chain.alice.post(
            f"/api/labels/lots/{lot['id']}/issues", json={"count": 1, "quantity_each": 10}
        ),
        201,
    )
    return ok(chain.alice.get(f"/api/labels/issues/{done['id']}/labels"))["items"][0]["serial"]


async def watched_page(chromium: Browser) -> tuple[Page, list[str]]:
    context = await chromium.new_context(viewport={"width": 360, "height": 740}, locale="zh-CN")
    page = await context.new_page()
    console: list[str] = []
    page.on(
        "console",
        lambda m: console.append(m.text) if "Content Security Policy" in m.text else None,
    )
    await page.add_init_script(WATCH_JS)
    return page, console


async def violations(page: Page, console: list[str]) -> list[str]:
    await page.wait_for_load_state("networkidle")
    return [*console, *await page.evaluate("window.__csp")]


async def test_public_pages_with_inline_code_run_it_without_violations(
    chromium: Browser, server: str, serial: str
):
    page, console = await watched_page(chromium)
    # the offline verifier is served as a download: show it as a page, with the served headers
    await page.route(f"{server}/labels/verify-offline.html", as_page)
    for path in (f"/v/{serial}", "/schema", "/labels/verify-offline.html", "/login", "/nowhere"):
        await page.goto(f"{server}{path}")
        assert not await violations(page, console), path
    # the nonced scripts did run: the GPS button is shown, Swagger drew the operations
    await page.goto(f"{server}/v/{serial}")
    assert await page.locator("#use-gps").get_attribute("hidden") is None  # the script unhid it
    await page.goto(f"{server}/schema")
    await page.locator(".opblock").first.wait_for()
    assert not await violations(page, console)
    await page.context.close()


async def as_page(route: Route) -> None:
    response = await route.fetch()
    headers = {k: v for k, v in response.headers.items() if k != "content-disposition"}
    assert "nonce-" in headers["content-security-policy"]
    await route.fulfill(response=response, headers=headers)


async def test_signed_in_pages_have_no_violations(chromium: Browser, server: str, serial: str):
    page, console = await watched_page(chromium)
    await page.goto(f"{server}/login")
    form = page.locator("main form")
    await form.get_by_label("用户名").fill("alice")
    await form.get_by_label("密码").fill(PASSWORD)
    await form.get_by_role("button", name="登录").click()
    await page.wait_for_url(f"{server}/")
    for path in ("/", "/lots", "/licensing", "/species"):
        await page.goto(f"{server}{path}")
        assert not await violations(page, console), path
    await page.context.close()
