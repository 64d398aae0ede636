"""Inspections in a real browser at 360 px and at desktop width: the inspector opens 执法检查 from
the menu, reads a catalogue item and computes a fine range without JavaScript, drafts a plan;
the admin approves it after the confirmation step; the inspector draws; the public page lists
the draw without a login. What is seen is asserted at each step; screenshots are kept."""

from __future__ import annotations

import asyncio
import random

import pytest

from seedreg.accounts.rules import Role
from tests import factories
from tests.browser.axe import assert_accessible
from tests.browser.test_pages import (  # noqa: F401  (phone: the shared fixture)
    NewPage,
    check_page,
    log_in,
    open_menu,
    phone,
)
from tests.fixtures import Persona, unique
from tests.http.lotkit import ok, record_licence

pytestmark = pytest.mark.browser

WIDTHS = {
    "phone": {},
    "desktop": {
        "viewport": {"width": 1280, "height": 900},
        "is_mobile": False,
        "has_touch": False,
        "device_scale_factor": 1,
    },
}


@pytest.mark.parametrize("width", list(WIDTHS))
async def test_catalogue_plan_draw_and_public_page(
    phone: NewPage,  # noqa: F811
    server: str,
    personas: dict[str, Persona],
    api,
    width: str,
):
    county = "152201"
    org = await factories.make_organisation(county, name=unique("浏览器检查苗圃"))
    await asyncio.to_thread(record_licence, api("officer_league"), org.id, species=["樟子松"])
    # a second inspector of the banner, so a pair can be drawn
    await factories.make_user(
        unique("insp"),
        Role.INSPECTOR,
        jurisdiction=county,
        enforcement_id=f"{county}26{random.randint(10**5, 10**6 - 1)}",
    )

    page = await phone(**WIDTHS[width])
    await log_in(page, server, personas["inspector"].username)
    if width == "phone":
        await open_menu(page)
        nav = page.locator("details.menu nav")
    else:
        nav = page.locator("header nav.bar")
    await nav.get_by_role("link", name="执法检查").click()
    await page.wait_for_url(f"{server}/inspections")
    await check_page(page, f"inspections-{width}-01-home")
    await assert_accessible(page, "01-home")

    # the catalogue: the no-label item escalates to Art. 74; the form needs no JavaScript
    await page.get_by_role("link", name="违法行为目录").first.click()
    await page.wait_for_url(f"{server}/inspections/violations")
    await check_page(page, f"inspections-{width}-02-catalogue")
    await page.get_by_role("link", name="V3-1 销售无标签的种苗（按假种子论处）").click()
    await page.wait_for_url(f"{server}/inspections/violations/V3-1")
    assert "种子法第七十四条" in await page.locator("#fine-words").inner_text()
    await page.get_by_label("货值（元）").fill("20000")
    await page.get_by_role("button", name="计算").click()
    await page.wait_for_url(f"{server}/inspections/violations/V3-1?goods_value=20000")
    shown = " ".join((await page.locator("#range").inner_text()).split())
    assert "200,000元 至 400,000元" in shown, shown
    await check_page(page, f"inspections-{width}-03-range")
    await assert_accessible(page, "03-range")

    # a plan, drafted by the inspector
    await page.goto(f"{server}/inspections/plans")
    await page.get_by_role("link", name="制定年度检查计划").click()
    # a year of its own: the yearly cap of visits of other tests cannot interfere
    await page.locator("#f-year").fill(str(random.randint(2031, 2099)))
    title = unique("浏览器检查计划")
    await page.get_by_label("计划名称").fill(title)
    await page.get_by_label("每次随机抽取的比例（%）").fill("100")
    await check_page(page, f"inspections-{width}-04-plan-form")
    await assert_accessible(page, "04-plan-form")
    await page.get_by_role("button", name="保存草稿").click()
    await page.wait_for_url(f"{server}/inspections/plans/*")
    plan_url = page.url
    main = await page.locator("main").inner_text()
    assert "草稿" in main
    assert "暂无数据" in main
    assert await page.get_by_role("button", name="抽取").count() == 0
    await check_page(page, f"inspections-{width}-05-plan")
    await assert_accessible(page, "05-plan")

    # the admin approves after confirming
    admin = await phone(**WIDTHS[width])
    await log_in(admin, server, personas["admin"].username)
    await admin.goto(plan_url)
    await admin.get_by_role("button", name="批准计划").click()
    assert "确认批准检查计划" in await admin.locator("h1").inner_text()
    await check_page(admin, f"inspections-{width}-06-confirm")
    await admin.get_by_role("button", name="确认批准").click()
    await admin.wait_for_url(plan_url)
    assert "已批准" in await admin.locator("#plan").inner_text()

    # the inspector draws with a seed, confirms, and sees the result
    await page.goto(plan_url)
    await page.get_by_label("随机种子", exact=False).fill("20261207")
    await page.get_by_role("button", name="抽取").click()
    await page.get_by_role("button", name="确认抽取并公开").click()
    await page.wait_for_url(f"{server}/inspections/draws/*")
    assert await page.locator("#seed").inner_text() == "20261207"
    assert org.name in await page.locator("#visits").inner_text()
    await check_page(page, f"inspections-{width}-07-draw")
    await assert_accessible(page, "07-draw")

    # the public page, no login
    public = await phone(**WIDTHS[width])
    await public.goto(server)
    await public.get_by_role("link", name="双随机抽查公开").click()
    await public.wait_for_url(f"{server}/inspections/draws")
    text = await public.locator("main").inner_text()
    assert org.name in text
    assert "检查中" in text
    assert "20261207" in text
    await check_page(public, f"inspections-{width}-08-public")
    await assert_accessible(public, "08-public")
    ok(api("inspector").get("/api/inspections/plans"))
