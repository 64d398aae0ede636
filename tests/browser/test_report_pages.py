"""Issue 25 in a real browser at 360 px and at desktop width: the league official opens 统计报表
from the menu, sees the charts (SVG, no scripts) with their numbers and links, filters by banner
and follows a bar to the list behind it; an operator sees its own section. Words asserted, axe,
no sideways scrolling, screenshots."""

from __future__ import annotations

import pytest
from playwright.async_api import expect

from seedreg.reports import services as reports
from tests import factories
from tests.browser.journey import Journey
from tests.browser.screens import WIDTHS, NewScreen
from tests.fixtures import unique
from tests.http import reportkit as kit

pytestmark = pytest.mark.browser

NEW_CHARTS = {
    "introduction-outcome": "引种申请（按来源地、办理结果）",
    "consign-month": "调运批次（按月，调入、调出）",
    "consignments": "调运批次（按树种，调入、调出）",
    "consign-plants": "调运苗木数量（株，按树种）",
    "consign-seed": "调运种子数量（千克，按树种）",
    "nursery-bases": "苗圃基地（按旗县市、性质）",
    "nursery-stock": "苗圃基地存苗（株，按树种）",
    "ratings-office": "好差评（按办理机关）",
}


@pytest.mark.parametrize("width", list(WIDTHS))
async def test_the_league_reads_its_charts_and_follows_a_bar(
    screen: NewScreen, server: str, personas, width: str
):
    page = await screen(width)
    j = Journey(page, "reports25", width, server)
    await j.log_in("officer_league")
    await j.open_from_menu("统计报表", "/reports")
    await j.step("dashboard", "统计报表", "许可证（按状态）", "办结时限（按月）", "批次登记")
    charts = page.locator("svg.chart")
    assert await charts.count() >= 10
    box = await charts.first.bounding_box()
    assert box is not None
    assert box["width"] <= WIDTHS[width]["viewport"]["width"]
    assert box["width"] >= 300  # readable: close to the phone's whole width
    await expect(page.locator("#refreshed")).to_contain_text("数据更新于")
    # the figures of introductions, consignments, nursery bases and ratings, each a chart
    # that fits the screen's width
    await j.step("dashboard-more", *NEW_CHARTS.values())
    for ident, title in NEW_CHARTS.items():
        chart = page.locator(f"#fig-{ident} svg.chart")
        await expect(chart).to_have_attribute("aria-labelledby", f"{ident}-t")
        await chart.scroll_into_view_if_needed()
        await expect(chart).to_be_visible()
        box = await chart.bounding_box()
        assert box is not None, title
        assert 300 <= box["width"] <= WIDTHS[width]["viewport"]["width"], title
    await page.get_by_label("旗县市（不选为全部）").select_option("152201")
    await page.get_by_role("button", name="筛选").click()
    await page.wait_for_url(f"{server}/reports?division=152201")
    await j.step("dashboard-banner", "许可证（按状态）")
    await page.goto(f"{server}/reports")
    first_bar = page.locator("#fig-lots-month svg a").first
    await first_bar.click()
    await page.wait_for_url(f"{server}/lots")
    await j.step("lots-behind", "批次")


@pytest.mark.parametrize("width", list(WIDTHS))
async def test_an_operator_reads_its_own_section(
    screen: NewScreen, server: str, personas, width: str
):
    page = await screen(width)
    j = Journey(page, "reports25op", width, server)
    await j.log_in("alice")
    await j.goto("/reports")
    await j.step("own", "本单位许可证及有效期", "本单位批次与标签", "办理中的申请")


@pytest.mark.parametrize("width", list(WIDTHS))
async def test_the_league_reads_a_period_report_and_chooses_a_year(
    screen: NewScreen, server: str, personas, width: str
):
    page = await screen(width)
    j = Journey(page, "reports25period", width, server)
    await j.log_in("officer_league")
    await j.goto("/reports")
    await page.get_by_role("link", name="月报与年报").click()
    await page.wait_for_url(f"{server}/reports/period")
    words = ("兴安盟林木种苗统计月报", "登记种苗批次", "合计", "打印PDF", "导出Excel")
    await j.step("period-month", *words)
    await page.get_by_label("统计期").fill("2026")
    await page.get_by_role("button", name="查看").click()
    await page.wait_for_url(f"{server}/reports/period?period=2026*")
    await j.step("period-year", "兴安盟林木种苗统计年报", "2026年", "批次登记（按月）")
    assert await page.locator("#period-fields tbody tr").count() >= 10
    await page.get_by_label("统计期").fill("2026年")
    await page.get_by_role("button", name="查看").click()
    await j.step("period-wrong", "统计期应为月份")


_SEEDED: list[int] = []
CODE = kit.new_code()  # this module's own banner code


async def _seed_figures() -> None:
    """The report-figure records once for both widths, then a full count."""
    if not _SEEDED:
        org = await factories.make_organisation("152201", name=unique("统计苗圃"))
        await kit.seed_chain(org.id, CODE)
        await kit.seed_bases(org.id, CODE, kit.BASES)
        await kit.seed_ratings(org.id, CODE)
        _SEEDED.append(org.id)
    await reports.refresh(force=True)


@pytest.mark.parametrize("width", list(WIDTHS))
async def test_the_station_reads_the_new_figures_and_opens_the_ledger(
    screen: NewScreen, server: str, personas, width: str
):
    await _seed_figures()
    page = await screen(width)
    j = Journey(page, "reports25more", width, server)
    await j.log_in("station")
    await j.goto(f"/reports?division={CODE}")
    await j.step("figures", *NEW_CHARTS.values())
    # the numbers drawn beside the bars, as the seeds make them
    await expect(page.locator("#fig-consign-plants svg")).to_contain_text("调出：樟子松")
    await expect(page.locator("#fig-consign-plants svg")).to_contain_text("2000")
    await expect(page.locator("#fig-nursery-stock svg")).to_contain_text("1250")
    await expect(page.locator("#fig-introduction-outcome svg")).to_contain_text(
        "自治区内其他盟市：准予引种"
    )
    await expect(page.locator("#fig-ratings-office svg")).to_contain_text("差评")
    await page.locator("#fig-consign-plants svg a rect").first.click()  # the bar itself
    await page.wait_for_url(f"{server}/quarantine/ledger")
    await j.step("ledger-behind", "调运台账")
