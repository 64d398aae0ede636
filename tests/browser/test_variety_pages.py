"""The 良种 register and the routing page in a real browser, at 360 px and at desktop width:
an operator finds the register in the menu and filters it (read only), the admin stops a 良种
through the confirmation step, and anyone asks "从哪里引种？" without JavaScript. What people
see is asserted at each step; screenshots are kept.

Every 良种 here is FICTIONAL test data on a species of the test's own."""

from __future__ import annotations

import pytest

from tests.browser.test_grading_pages import WIDTHS
from tests.browser.test_pages import (  # noqa: F401  (phone: the shared fixture)
    NewPage,
    check_page,
    log_in,
    open_menu,
    phone,
)
from tests.fixtures import Persona, unique
from tests.http.lotkit import ok
from tests.http.test_varieties import body

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", list(WIDTHS))
async def test_an_operator_reads_the_register_and_the_admin_stops_a_variety(
    phone: NewPage,  # noqa: F811
    server: str,
    personas: dict[str, Persona],
    api,
    width: str,
):
    admin = api("admin")
    species = unique("树")
    made = ok(admin.post("/api/varieties", json=body(species)), 201)

    page = await phone(**WIDTHS[width])
    await log_in(page, server, personas["alice"].username)
    if width == "phone":
        await open_menu(page)
        nav = page.locator("details.menu nav")
    else:
        nav = page.locator("header nav.bar")
    await nav.get_by_role("link", name="林木良种").click()
    await page.wait_for_url(f"{server}/varieties")
    assert await page.locator("h1").inner_text() == "林木良种名录"
    main = page.locator("main")
    assert await main.get_by_role("link", name="登记良种").count() == 0
    await page.locator("input[name=species]").fill(species)
    await page.get_by_role("button", name="查询").click()
    await page.wait_for_url(f"{server}/varieties?species=*")
    cards = " ".join((await page.locator("#varieties").inner_text()).split())
    assert made["number"] in cards
    assert "有效" in cards
    assert "内蒙古自治区 2019年" in cards
    await check_page(page, f"varieties-{width}-01-list")
    await page.get_by_role("link", name=made["number"]).click()
    await page.wait_for_url(f"{server}/varieties/{made['id']}")
    detail = await main.inner_text()
    assert "适宜种植区域" in detail
    assert "登记停止推广" not in detail
    await check_page(page, f"varieties-{width}-02-detail")

    page = await phone(**WIDTHS[width])
    await log_in(page, server, personas["admin"].username)
    await page.goto(f"{server}/varieties/{made['id']}")
    await page.locator("#stop summary").click()
    form = page.locator("#stop form")
    await form.get_by_label("停止推广日期").fill("2026-03-01")
    await form.get_by_label("文件文号").fill("测试〔2026〕8号")
    await form.get_by_label("理由").fill("浏览器测试：停止推广")
    await check_page(page, f"varieties-{width}-03-stop-form")
    await form.get_by_role("button", name="登记停止推广").click()
    assert "不能撤回" in await page.locator("main").inner_text()
    await check_page(page, f"varieties-{width}-04-confirm")
    await page.get_by_role("button", name="确认停止推广").click()
    await page.wait_for_url(f"{server}/varieties/{made['id']}")
    shown = await page.locator("main").inner_text()
    assert "已停止推广" in shown
    assert "2026年3月1日起（测试〔2026〕8号）" in shown
    await check_page(page, f"varieties-{width}-05-stopped")


@pytest.mark.parametrize("width", list(WIDTHS))
async def test_anyone_asks_where_from_without_javascript(
    phone: NewPage,  # noqa: F811
    server: str,
    width: str,
):
    page = await phone(**WIDTHS[width], java_script_enabled=False)
    await page.goto(f"{server}/introductions/route")
    assert await page.locator("h1").inner_text() == "从哪里引种？"
    await check_page(page, f"route-{width}-01-form")
    await page.get_by_label("种苗来源地").select_option("150700")
    await page.get_by_role("button", name="查看").click()
    await page.wait_for_url(f"{server}/introductions/route?origin=150700")
    answer = " ".join((await page.locator("#route").inner_text()).split())
    assert "来自内蒙古自治区呼伦贝尔市" in answer
    assert "决定机关 兴安盟林业和草原局" in answer
    await check_page(page, f"route-{width}-02-other-city")
    await page.get_by_label("种苗来源地").select_option("abroad")
    await page.get_by_role("button", name="查看").click()
    await page.wait_for_url(f"{server}/introductions/route?origin=abroad")
    answer = " ".join((await page.locator("#route").inner_text()).split())
    assert "不在本系统受理范围" in answer
    assert "种子法第五十七条第二款" in answer
    await check_page(page, f"route-{width}-03-abroad")
