"""Issue 23 in a real browser at 360 px and at desktop width: the inspector finds a finding's
re-inspection in the 复查 queue, records 未整改 and is offered the case form; the inspected
business opens its 检查码 page without a login and rates the visit; the statistics and the
leads' queue are readable. Words asserted, axe, no sideways scrolling, screenshots."""

from __future__ import annotations

import asyncio
import re

import pytest
from playwright.async_api import expect

from tests import factories
from tests.browser.journey import Journey
from tests.browser.screens import WIDTHS, NewScreen
from tests.http.checkkit import body, make_team
from tests.http.lotkit import ok
from tests.label_support import sql

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", list(WIDTHS))
async def test_the_inspector_escalates_and_the_business_rates(
    screen: NewScreen, server: str, personas, width: str
):
    team = await asyncio.to_thread(make_team, server)
    made = await asyncio.to_thread(asyncio.run, factories.make_organisation("152201"))
    org = made.id
    checklist = [{"code": "V4-1", "result": "fails", "note": "未建立生产经营档案"}]
    done = await asyncio.to_thread(
        lambda: ok(
            team.first.post("/api/inspections/checks", json=body(team, org, checklist=checklist)),
            201,
        )
    )
    [task] = await asyncio.to_thread(
        sql, "SELECT id, finding FROM follow_up WHERE field_check = {}", done["id"]
    )
    [code] = await asyncio.to_thread(
        sql, "SELECT code FROM inspected_code WHERE field_check = {}", done["id"]
    )
    page = await screen(width)
    j = Journey(page, "inspector23", width, server)
    await j.log_in(team.first_username)
    await j.goto("/inspections/follow-ups?done=true")
    await j.step("follow-ups", "复查任务", "V4-1")
    await j.goto(f"/inspections/follow-ups/{task['id']}")
    await j.step("follow-up", "记录复查结果", "责令改正期限")
    form = page.locator("main form")
    await form.get_by_label("复查结果").select_option("escalated")
    await form.get_by_label("复查情况").fill("复查时仍未建立档案")
    await form.get_by_role("button", name="记录复查结果").click()
    await expect(page.locator("#confirm")).to_contain_text("未整改，移送立案")
    await j.step("follow-up-confirm", "确认复查结论", "复查结论记录后不能更改")
    await page.locator("#confirm").get_by_role("button", name="确认：未整改，移送立案").click()
    await page.wait_for_url(re.compile(rf"/inspections/follow-ups/{task['id']}$"))
    await expect(page.get_by_role("link", name="立案")).to_have_attribute(
        "href", f"/cases/new?finding={task['finding']}"
    )
    await j.step("follow-up-escalated", "未整改，移送立案")
    await j.goto("/inspections/statistics")
    await j.step("statistics", "检查统计", "按违法行为", "逾期未整改")
    await j.goto("/leads")
    await j.step("leads", "线索")

    visitor = await screen(width)
    v = Journey(visitor, "business23", width, server)
    await v.goto(f"/inspected/{code['code']}")
    await v.step("inspected", "检查记录", "V4-1", "评价本次检查")
    rating = visitor.locator("main form")
    await rating.get_by_label("评价").select_option("satisfied")
    await rating.get_by_role("button", name="提交评价").click()
    await expect(visitor.locator("main")).to_contain_text("已评价：满意")
    await v.look("inspected-rated", public=True)
