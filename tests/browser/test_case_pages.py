"""A case in a real browser at 360 px and at desktop width (issue 23 part B): the inspector opens
立案 from a finding, is refused past the limitation with the reason beside the date, opens the
case, sees its stage and clock, closes the investigation and notifies a fine at the hearing
amount; the page then says the hearing right was notified and offers the next steps. The words
and buttons seen are asserted at each step; screenshots are kept."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from seedreg.core import clock
from tests import factories
from tests.browser.test_pages import NewPage, check_page, log_in, phone  # noqa: F401
from tests.fixtures import Persona, unique
from tests.http.checkkit import make_team
from tests.http.test_cases import finding

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
async def test_a_case_from_a_finding_to_the_notice(
    phone: NewPage,  # noqa: F811
    server: str,
    personas: dict[str, Persona],
    width: str,
):
    org = await factories.make_organisation("152201", name=unique("立案苗圃"))
    team = await asyncio.to_thread(make_team, server)
    finding_id = await asyncio.to_thread(finding, team, org.id)
    page = await phone(**WIDTHS[width])
    await log_in(page, server, personas["inspector"].username)

    await page.goto(f"{server}/cases/new?finding={finding_id}")
    main = page.locator("main")
    assert "立案" in await main.locator("h1").inner_text()
    assert "销售的种苗没有使用说明或者标签内容不符合规定" in await main.inner_text()
    await page.get_by_label("违法行为发生（终了）日期").fill("2024-01-02")
    await page.get_by_role("button", name="立案").click()
    error = await main.locator(".err").inner_text()
    assert "行政处罚法第三十六条" in error
    assert "不能立案" in error
    await check_page(page, f"cases-{width}-01-limitation")

    act_on = clock.today() - timedelta(days=20)
    await page.get_by_label("违法行为发生（终了）日期").fill(act_on.isoformat())
    await page.get_by_role("button", name="立案").click()
    await page.wait_for_url(f"{server}/cases/*")
    text = await main.inner_text()
    for words in ("立案", "剩90日", "时间充裕", "行政处罚法第六十条", "立案审批表"):
        assert words in text, words
    assert await page.get_by_role("button", name="调查终结").is_visible()
    assert await page.get_by_role("button", name="延长期限").is_visible()
    assert not await page.get_by_role("button", name="作出决定").count()
    await check_page(page, f"cases-{width}-02-opened")

    await page.get_by_label("调查取证情况（证据）").fill("现场检查笔录、询问笔录、销售台账")
    await page.get_by_role("button", name="调查终结").click()
    await page.wait_for_url(f"{server}/cases/*")
    assert "较大数额罚款（单位）" in await main.inner_text()
    await page.get_by_label("拟罚款数额（元）").fill("50000")  # above 20,000: refused
    await page.get_by_role("button", name="告知当事人").click()
    assert "2,000元至20,000元" in await main.locator(".err").inner_text()
    await page.get_by_label("拟罚款数额（元）").fill("20000")
    await page.get_by_role("button", name="告知当事人").click()
    await page.wait_for_url(f"{server}/cases/*")
    text = await main.inner_text()
    assert "已告知（陈述申辩）" in text
    assert "不属于听证情形" in text  # 20,000 is below the default 50,000 for organisations
    assert "行政处罚事先告知书" in text
    assert await page.get_by_role("button", name="记录").is_visible()
    await check_page(page, f"cases-{width}-03-notified")

    await page.goto(f"{server}/cases")
    assert "各阶段案件数" in await main.inner_text()
    await check_page(page, f"cases-{width}-04-list")
