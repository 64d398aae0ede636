"""The public asks a question and books a slot on a 360 px phone and a 1280 px desktop
(兴署发〔2021〕5号 Arts. 14–15): Chinese words and buttons asserted, axe-core and no sideways
scrolling on every page, no English, screenshots in build/screenshots/."""

from __future__ import annotations

import asyncio
import random

import pytest

from seedreg.core import calendar, clock
from tests.browser.journey import Journey
from tests.browser.screens import NewScreen
from tests.fixtures import unique

pytestmark = pytest.mark.browser
LIMIT_KEY = "servicedesk.anonymous_per_client_day"


def phone() -> str:
    return f"136{random.randint(0, 10**8 - 1):08d}"


@pytest.fixture
def generous(api):
    admin = api("admin")
    r = admin.put(f"/api/settings/{LIMIT_KEY}", json={"value": 1000, "reason": "测试"})
    assert r.status_code == 200, r.text
    try:
        yield
    finally:
        admin.delete(f"/api/settings/{LIMIT_KEY}")


@pytest.fixture
def window(api) -> str:
    admin = api("admin")
    name = f"许可窗口{unique('')}"
    w = admin.post(
        "/api/servicedesk/windows",
        json={
            "name": name,
            "place": "政务服务中心二楼",
            "hours": "工作日上午",
            "division_code": "152201",
        },
    )
    assert w.status_code == 201, w.text
    day = asyncio.run(calendar.work_calendar()).add_workdays(clock.today(), 2)
    r = admin.post(
        f"/api/servicedesk/windows/{w.json()['id']}/patterns",
        json={
            "matter_code": "licensing",
            "weekdays": list(range(7)),
            "starts": "10:00",
            "ends": "10:30",
            "minutes": 30,
            "capacity": 3,
            "first": day.isoformat(),
            "last": day.isoformat(),
        },
    )
    assert r.status_code == 201, r.text
    return name


@pytest.mark.parametrize("width", ["phone", "desktop"])
async def test_the_public_asks_a_question_and_books_a_slot(
    screen: NewScreen, server: str, width: str, generous, window: str
):
    page = await screen(width)
    walk = Journey(page, "servicedesk", width, server)
    main = page.locator("main")

    await walk.goto("/")
    await main.get_by_role("link", name="咨询 · 预约 · 投诉").click()
    await page.wait_for_url(f"{server}/servicedesk")
    assert await walk.heading() == "咨询、预约与投诉"
    assert "12345" in await walk.main_text()
    await walk.look("hub", public=True)

    await main.get_by_role("link", name="网上咨询").first.click()
    await page.wait_for_url(f"{server}/servicedesk/ask")
    assert await walk.heading() == "网上咨询"
    assert "首问负责人" in await walk.main_text()
    await walk.look("ask", public=True)
    question = f"申请许可要交哪些材料？{unique('')}"
    await main.get_by_label("咨询内容").fill(question)
    await main.get_by_label("所在旗县市").select_option("152201")
    await main.get_by_label("姓名").fill("冯三")
    await main.get_by_label("手机号码").fill(phone())
    await main.get_by_role("button", name="提交咨询").click()
    await page.wait_for_url(f"{server}/servicedesk/q/*")
    assert await walk.heading() == "咨询：待处理"
    assert "尚未答复" in await walk.main_text()
    await walk.look("asked", public=True)

    await walk.goto("/servicedesk/book")
    assert await walk.heading() == "预约办理"
    await walk.look("book", public=True)
    await main.get_by_label(window).first.check()
    await main.get_by_label("姓名").fill("冯三")
    await main.get_by_label("手机号码").fill(phone())
    await main.get_by_role("button", name="预约", exact=True).click()
    await page.wait_for_load_state("load")
    assert await walk.heading() == "预约成功"
    code = (await main.locator("#booking-code").inner_text()).strip()
    assert len(code) == 8
    assert "预约前一天将短信提醒" in await walk.main_text()
    await walk.look("booked", public=True, allowed=frozenset({code}))


@pytest.mark.parametrize("width", ["phone", "desktop"])
async def test_an_official_opens_the_desk_from_the_home_page(
    screen: NewScreen, server: str, width: str, api, generous
):
    asked = api().post(
        "/api/servicedesk/questions",
        json={
            "text": f"育苗需要备案吗？{unique('')}",
            "asker_name": "褚七",
            "phone": phone(),
            "division_code": "152201",
        },
    )
    assert asked.status_code == 201, asked.text
    page = await screen(width)
    walk = Journey(page, "servicedesk-official", width, server)
    await walk.log_in("officer_wlht")
    main = page.locator("main")
    assert "咨询、投诉与差评" in await walk.main_text()
    await main.get_by_role("link", name="待答复咨询").click()
    await page.wait_for_url(f"{server}/servicedesk/desk")
    assert await walk.heading() == "咨询投诉待办"
    await walk.button("接手（首问负责）")
    await walk.step("desk", "待答复的咨询", "登记电话、窗口或信函咨询", "待整改反馈的差评")
    await main.get_by_role("button", name="接手（首问负责）").first.click()
    await page.wait_for_url(f"{server}/servicedesk/desk")
    await walk.button("移交")
    await walk.look("taken")
