"""The officials' desk with more than a page of open 咨询, on a 360 px phone and a 1280 px
desktop, without JavaScript doing the paging: the total, the pager's plain links to page 2 and
back (each queue paged on its own), no sideways scrolling, axe-core on every page."""

from __future__ import annotations

import pytest

from seedreg.servicedesk.consultations import QUEUE_PAGE_SIZE
from tests.browser.journey import Journey
from tests.browser.screens import NewScreen
from tests.fixtures import unique

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", ["phone", "desktop"])
async def test_an_official_turns_to_the_second_page_of_open_questions(
    screen: NewScreen, server: str, width: str, api
):
    tag = unique("翻页")
    for n in range(QUEUE_PAGE_SIZE + 1):  # 科右前旗 holds at least a page and one more
        r = api("alice").post(
            "/api/servicedesk/questions", json={"text": f"{tag}第{n}问", "division_code": "152221"}
        )
        assert r.status_code == 201, r.text
    page = await screen(width)
    walk = Journey(page, "servicedesk-pages", width, server)
    await walk.log_in("officer_kyqq")
    await walk.goto("/servicedesk/desk")
    questions = page.locator("#questions")
    await walk.step("desk-first", "待答复的咨询", "共 ", " 件", "第 1 /")
    await questions.get_by_role("link", name="下一页").click()
    await page.wait_for_url(f"{server}/servicedesk/desk?qpage=2")
    assert "第 2 /" in await questions.inner_text()
    assert "上一页" in await questions.inner_text()
    await walk.look("desk-second")
    await questions.get_by_role("link", name="上一页").click()
    await page.wait_for_url(f"{server}/servicedesk/desk?qpage=1")
    assert "第 1 /" in await questions.inner_text()
