"""The pages in a real browser (headless Chromium) on a 360 px phone, with and without JavaScript.

Why the async Playwright API: the sync API cannot share a thread with pytest-asyncio. Between two
sync calls, Playwright marks its private event loop as the thread's *running* loop (it parks the
loop in a greenlet, see ``wait_for_future`` in ``playwright/_impl/_greenlets.py``). Once a
session-scoped sync browser has been started, every later ``asyncio.run()`` in that thread (the
``personas`` fixture, ``tests.fixtures._db_call``) and every ``async def`` test that pytest-asyncio
runs on its session loop fails with "cannot be called from a running event loop" — tried, and it
does. So the browser lives on pytest-asyncio's session loop instead (``loop_scope="session"``, the
same loop the project's async tests use, see ``asyncio_default_*_loop_scope`` in pyproject.toml),
and the browser tests are ``async def``. Between tests that loop is idle, so sync fixtures and
``asyncio.run()`` elsewhere keep working in any test order.

Screenshots land in build/screenshots/ for people to look at.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest
import pytest_asyncio
from playwright.async_api import Browser, BrowserContext, Dialog, Page

from seedreg.organisations.rules import CREDIT_CODE_CHARSET
from tests.browser.screens import OVERFLOW_JS, SCREENSHOTS, WIDTHS
from tests.factories import new_uscc
from tests.fixtures import PASSWORD, Persona, unique

pytestmark = pytest.mark.browser

PHONE = WIDTHS["phone"]
MIN_TAP_PX = 40
GREEN_HEADER = "rgb(31, 111, 67)"  # --green in app.css: proof the stylesheet applied

# What a thumb has to hit: header controls, buttons and button-like links, every form control,
# and the links that make up lists, tiles and pagers. Inline links inside running text are exempt
# (as in WCAG 2.5.8).
TAP_TARGETS = ", ".join(
    [
        "header a",
        "header summary",
        "header button",
        "main button",
        "main a.button",
        "main form a",
        "main form input:not([type=hidden]):not([type=checkbox])",
        "main form select",
        "main .tiles a",
        "main .cards a",
        "main .pager a",
    ]
)

SMALL_TARGETS_JS = """
([selector, minimum]) => [...document.querySelectorAll(selector)]
  .filter((el) => el.getClientRects().length > 0)
  .map((el) => ({ html: el.outerHTML.slice(0, 90), height: el.getBoundingClientRect().height }))
  .filter((t) => t.height < minimum)
"""

NewPage = Callable[..., Awaitable[Page]]


@pytest_asyncio.fixture(loop_scope="session")
async def phone(chromium: Browser) -> AsyncIterator[NewPage]:
    """``await phone()`` → a fresh page in its own 360×740 phone context (own cookies).

    ``await phone(java_script_enabled=False)`` for a browser without JavaScript. Page errors
    (uncaught exceptions in page scripts) fail the test.
    """
    contexts: list[BrowserContext] = []
    page_errors: list[str] = []

    async def make(**options: object) -> Page:
        context = await chromium.new_context(**{**PHONE, **options})
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = await context.new_page()
        page.on("pageerror", lambda exc: page_errors.append(str(exc)))
        return page

    yield make
    for context in contexts:
        await context.close()
    assert not page_errors, f"script errors in the page: {page_errors}"


async def check_page(page: Page, name: str) -> None:
    """No sideways scrolling at phone width, thumb-sized targets, and a screenshot to look at."""
    layout = await page.evaluate(OVERFLOW_JS)
    assert layout["scrollWidth"] <= layout["innerWidth"], (
        f"{name}: {page.url} scrolls sideways ({layout['scrollWidth']} px in a "
        f"{layout['innerWidth']} px window); too wide: {layout['culprits']}"
    )
    small = await page.evaluate(SMALL_TARGETS_JS, [TAP_TARGETS, MIN_TAP_PX])
    assert not small, f"{name}: tap targets under {MIN_TAP_PX} px on {page.url}: {small}"
    await page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


async def log_in(page: Page, server: str, username: str) -> None:
    """Sign in through the login form, as a person would."""
    await page.goto(f"{server}/login")
    form = page.locator("main form")
    await form.get_by_label("用户名").fill(username)
    await form.get_by_label("密码").fill(PASSWORD)
    await form.get_by_role("button", name="登录").click()
    await page.wait_for_url(f"{server}/")


async def open_menu(page: Page) -> None:
    """The menu is a <details>: opening it needs no JavaScript."""
    menu = page.locator("details.menu")
    await menu.locator("summary").click()
    assert await menu.get_attribute("open") is not None
    await menu.locator("nav").wait_for(state="visible")


async def tile_numbers(page: Page) -> dict[str, str]:
    tiles = {}
    for tile in await page.locator(".tile").all():
        label = (await tile.locator(".label").inner_text()).strip()
        tiles[label] = (await tile.locator(".num").inner_text()).strip()
    return tiles


def spoil_check_char(uscc: str) -> str:
    """The same code with a different (wrong) check character."""
    wrong = next(c for c in CREDIT_CODE_CHARSET if c != uscc[-1])
    return uscc[:-1] + wrong


async def test_an_officer_works_through_the_pages_on_a_phone(
    phone: NewPage, server: str, personas: dict[str, Persona], api
):
    page = await phone()
    await page.goto(f"{server}/login")
    await check_page(page, "01-login")

    await log_in(page, server, "officer_wlht")
    assert await page.locator("h1").inner_text() == "工作台"
    tiles = await tile_numbers(page)
    assert tiles, "the dashboard shows no tiles"
    for label, number in tiles.items():
        assert re.fullmatch(r"\d+", number), f"tile {label!r} shows {number!r}, not a count"
    assert int(tiles["辖区生产经营者"]) >= 1  # alice's nursery is in 乌兰浩特市
    in_jurisdiction = api("officer_wlht").get("/api/organisations").json()["total"]
    assert int(tiles["辖区生产经营者"]) == in_jurisdiction  # the same count the API gives
    assert int(tiles["推荐树种"]) >= 1
    await check_page(page, "02-dashboard")

    await open_menu(page)
    await check_page(page, "03-menu")
    await page.locator("details.menu nav").get_by_role("link", name="生产经营者").click()
    await page.wait_for_url(f"{server}/organisations")
    assert await page.locator("h1").inner_text() == "生产经营者"
    await check_page(page, "04-organisation-list")

    alice_org = "alice林木种苗有限公司"
    await page.get_by_label("搜索").fill(alice_org)
    await page.get_by_role("button", name="查询").click()
    await page.wait_for_url(re.compile(r"/organisations\?q="))
    await check_page(page, "04b-organisation-search")
    await page.locator(".cards").get_by_role("link", name=alice_org).click()
    await page.wait_for_url(f"{server}/organisations/{personas['alice'].organisation_id}")
    assert await page.locator("h1").inner_text() == alice_org
    assert "乌兰浩特市" in await page.locator(".facts").inner_text()
    await check_page(page, "05-organisation-detail")

    await open_menu(page)
    await page.locator("details.menu nav").get_by_role("link", name="推荐树种").click()
    await page.wait_for_url(f"{server}/species")
    assert await page.locator("main table tbody tr").count() >= 1
    await check_page(page, "05b-species")


async def test_an_organisation_is_registered_without_javascript(
    phone: NewPage,
    server: str,
    personas,  # signs in as one of them: the accounts must exist whatever ran before
):
    page = await phone(java_script_enabled=False)
    await log_in(page, server, "officer_wlht")
    await open_menu(page)
    await page.locator("details.menu nav").get_by_role("link", name="生产经营者").click()
    await page.get_by_role("link", name="登记生产经营者").click()
    await page.wait_for_url(f"{server}/organisations/new")
    await check_page(page, "06-organisation-form")

    async def fill(name: str, uscc: str, reason: str = "") -> None:
        await page.locator("#f-kind").select_option("enterprise")
        await page.locator("#f-name").fill(name)
        await page.locator("#f-uscc").fill(uscc)
        await page.locator("#f-uscc_override_reason").fill(reason)
        await page.locator("#f-legal_representative").fill("李四")
        await page.locator("#f-division_code").select_option("152201")
        await page.locator("#f-address").fill("乌兰浩特市兴安北大路88号")
        await page.locator("#f-contact_person").fill("王五")
        await page.locator("#f-phone").fill("0482-8261234")

    submit = page.locator("main form").get_by_role("button", name="登记")

    # A valid code: saved, then the detail page (post/redirect/get).
    name, uscc = f"浏览器登记苗圃{unique('')}", new_uscc("152201")
    await fill(name, uscc)
    await submit.click()
    await page.wait_for_url(re.compile(r"/organisations/\d+$"))
    assert await page.locator("h1").inner_text() == name
    assert uscc in await page.locator(".facts").inner_text()

    # A wrong check character and no reason: 422, the message beside the field, values kept.
    await page.goto(f"{server}/organisations/new")
    name, bad = f"校验位测试苗圃{unique('')}", spoil_check_char(new_uscc("152201"))
    await fill(name, bad)
    async with page.expect_navigation() as navigation:
        await submit.click()
    response = await navigation.value
    assert response is not None
    assert response.status == 422
    assert page.url == f"{server}/organisations/new"
    field = page.locator(".field", has=page.locator("#f-uscc"))
    assert "invalid" in (await field.get_attribute("class") or "")
    assert "校验位不符" in await field.locator(".err").inner_text()
    assert "请更正" in await page.locator(".alert").inner_text()
    assert await page.locator("#f-name").input_value() == name
    assert await page.locator("#f-uscc").input_value() == bad
    assert await page.locator("#f-kind").input_value() == "enterprise"
    assert await page.locator("#f-division_code").input_value() == "152201"
    assert await page.locator("#f-address").input_value() == "乌兰浩特市兴安北大路88号"
    assert await page.locator("#f-phone").input_value() == "0482-8261234"
    await check_page(page, "07-organisation-form-errors")

    # The same code with a reason: saved, and the detail page says why.
    reason = "早期试点赋码，已核对营业执照原件"
    await page.locator("#f-uscc_override_reason").fill(reason)
    await submit.click()
    await page.wait_for_url(re.compile(r"/organisations/\d+$"))
    assert await page.locator("h1").inner_text() == name
    assert reason in await page.locator(".facts .warn").inner_text()
    await check_page(page, "08-organisation-saved-with-reason")


async def test_markup_in_a_name_is_shown_as_text(phone: NewPage, server: str, api):
    name = f"<script>alert(1)</script>苗圃{unique('')}"
    uscc = new_uscc("152201")
    r = api("officer_wlht").post(
        "/api/organisations",
        json={
            "kind": "enterprise",
            "name": name,
            "uscc": uscc,
            "legal_representative": "赵六",
            "division_code": "152201",
            "address": "乌兰浩特市五一北路1号",
        },
    )
    assert r.status_code == 201, r.text
    org_id = r.json()["id"]

    page = await phone()
    dialogs: list[str] = []

    async def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        await dialog.dismiss()

    page.on("dialog", on_dialog)
    await log_in(page, server, "officer_wlht")

    await page.goto(f"{server}/organisations?q={uscc}")
    link = page.locator(".cards a")
    assert await link.count() == 1
    assert (await link.locator("strong").inner_text()).strip() == name
    assert await page.locator("main script").count() == 0
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in await page.content()
    await check_page(page, "09-markup-in-list")

    await link.click()
    await page.wait_for_url(f"{server}/organisations/{org_id}")
    assert await page.locator("h1").inner_text() == name
    assert name in await page.title()
    assert await page.locator("main script").count() == 0
    await page.wait_for_load_state("load")
    assert dialogs == [], f"a script from the name ran: {dialogs}"


async def assert_chinese_error_page(page: Page, status: int) -> str:
    """A styled page of the site's own, in Chinese, without internals; returns its message."""
    assert await page.locator("html").get_attribute("lang") == "zh-CN"
    assert await page.locator("h1").inner_text() == str(status)
    message = (await page.locator(".error-page .lead").inner_text()).strip()
    assert len(re.findall(r"[\u4e00-\u9fff]", message)) >= 4, f"not a Chinese message: {message!r}"
    header = await page.locator("header.top").evaluate(
        "(el) => getComputedStyle(el).backgroundColor"
    )
    assert header == GREEN_HEADER, "the error page is not styled"
    html = await page.content()
    for leak in ("Traceback", 'File "', "litestar", "seedreg/", "Exception"):
        assert leak not in html, f"the error page shows internals ({leak!r})"
    return message


async def test_error_pages_are_chinese_and_plain(
    phone: NewPage, server: str, personas: dict[str, Persona]
):
    page = await phone()
    response = await page.goto(f"{server}/no-such-page")
    assert response is not None
    assert response.status == 404
    assert await assert_chinese_error_page(page, 404) == "页面不存在"
    await check_page(page, "10-not-found")

    await log_in(page, server, "alice")
    response = await page.goto(f"{server}/admin/users")
    assert response is not None
    assert response.status == 403
    await assert_chinese_error_page(page, 403)
    await check_page(page, "11-forbidden")


async def test_the_api_documentation_loads_nothing_from_other_sites(phone: NewPage, server: str):
    page = await phone()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    response = await page.goto(f"{server}/schema", wait_until="networkidle")
    assert response is not None
    assert response.status == 200
    await page.locator("#swagger-container .swagger-ui").wait_for()  # Swagger UI has started
    assert any(url.endswith("/swagger-ui-bundle.js") for url in requested)
    assert any(url.endswith("/swagger-ui.css") for url in requested)
    foreign = [url for url in requested if not url.startswith(f"{server}/")]
    assert not foreign, f"/schema loaded from other origins: {foreign}"
    await page.screenshot(path=str(SCREENSHOTS / "12-api-docs.png"))


async def test_the_api_documentation_renders_the_openapi_document(phone: NewPage, server: str):
    page = await phone()
    await page.goto(f"{server}/schema", wait_until="networkidle")
    title = page.locator(".swagger-ui .info .title")
    # Swagger UI parses the whole document (about 340 KB since every operation lists its errors)
    # in the page: seconds on a loaded 2-core CI machine. What is tested is that it renders.
    await title.wait_for(timeout=30_000)
    assert "seedreg" in await title.inner_text()
    assert await page.locator(".swagger-ui .opblock").count() > 0


async def test_logging_out_from_the_menu_returns_to_the_login_page(
    phone: NewPage,
    server: str,
    personas,  # signs in as one of them: the accounts must exist whatever ran before
):
    page = await phone()
    await log_in(page, server, "officer_kyqq")
    await open_menu(page)
    await page.locator("details.menu").get_by_role("button", name="退出").click()
    await page.wait_for_url(f"{server}/login")
    assert await page.locator("h1").inner_text() == "登录"
    cookies = {c["name"] for c in await page.context.cookies()}
    assert "seedreg_session" not in cookies
    await page.goto(f"{server}/organisations")
    await page.wait_for_url(re.compile(r"/login\?next="))
