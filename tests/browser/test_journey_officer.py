"""The licensing officer's journey (issue 14): the home's inbox counts by band, the inbox with
the promised and the statutory deadline side by side, an application, and 受理 confirmed on the
page that names it; at 360 px and 1280 px, axe-core on every page, screenshots in
build/screenshots/."""

from __future__ import annotations

import asyncio
import re
from datetime import date, timedelta

import pytest

from seedreg.matters.tables import Application
from tests.browser.journey import Journey
from tests.browser.screens import NewScreen
from tests.http.test_licensing_api import APPS, issue_details, ok

pytestmark = pytest.mark.browser

ALICE_ORG = "alice林木种苗有限公司"


@pytest.fixture
def work(api) -> dict[str, dict]:
    """Two of alice's applications in 乌兰浩特市: one under review past its promised day, one
    submitted and waiting for 受理."""
    alice, officer = api("alice"), api("officer_wlht")
    apps = {}
    for name in ("late", "new"):
        app = ok(alice.post(APPS, json={"kind": "issue", "details": issue_details()}), 201)
        apps[name] = ok(alice.post(f"{APPS}/{app['id']}/submit"))
    ids = {name: app["id"] for name, app in apps.items()}
    accepted = ok(officer.post(f"{APPS}/{ids['late']}/accept"))
    past = date.fromisoformat(accepted["accepted_on"]) - timedelta(days=7)

    async def miss_the_promise() -> None:
        await Application.update({Application.promised_due: past}).where(
            Application.id == ids["late"]
        )

    asyncio.run(miss_the_promise())
    return apps


@pytest.mark.parametrize("width", ["phone", "desktop"])
async def test_an_officer_sees_the_deadlines_and_accepts_an_application(
    screen: NewScreen, server: str, personas, work: dict[str, dict], width: str
):
    page = await screen(width)
    walk = Journey(page, "officer", width, server)
    await walk.log_in("officer_wlht")

    assert await walk.heading() == "工作台"
    bands = page.locator("#inbox-bands")
    assert "许可待办（按办理期限）" in await bands.inner_text()
    promise_tile = bands.locator(".tile", has_text="超过承诺时限")
    assert int(await promise_tile.locator(".num").inner_text()) >= 1
    await walk.look("home")

    await walk.open_from_menu("许可待办", "/licensing/inbox")
    assert await walk.heading() == "许可待办"
    assert "超过承诺时限" in await page.locator(".legend").inner_text()
    await page.get_by_label("状态").select_option("accepted")
    await page.get_by_role("button", name="筛选").click()
    await page.wait_for_url(re.compile(r"/licensing/inbox\?status=accepted"))
    late = page.locator(f"li:has(a[href='/licensing/applications/{work['late']['id']}'])")
    text = re.sub(r"\s+", "", await late.inner_text())
    assert re.search(r"承诺\d{4}年\d+月\d+日前办结已超过承诺时限\d+个工作日", text), text
    assert re.search(r"法定\d{4}年\d+月\d+日前办结(（[^）]*）)?剩余\d+个工作日", text), text
    assert "band-promise" in (await late.get_attribute("class") or "")
    await walk.look("inbox-under-review")

    await page.get_by_label("状态").select_option("submitted")
    await page.get_by_role("button", name="筛选").click()
    await page.wait_for_url(re.compile(r"/licensing/inbox\?status=submitted"))
    await walk.look("inbox-submitted")
    await page.locator(f"a[href='/licensing/applications/{work['new']['id']}']").click()
    await page.wait_for_url(f"{server}/licensing/applications/{work['new']['id']}")
    assert await walk.heading() == ALICE_ORG
    assert "已提交，待受理" in await walk.main_text()
    accept = page.get_by_role("button", name="受理（出具受理通知书）")
    assert await accept.is_visible()
    await walk.look("application")

    # 受理 is irreversible: a page of its own names the application before anything is done
    # (templates/confirm.html), with no browser dialog in between.
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: dialogs.append(dialog.message))
    new = work["new"]
    await accept.click()
    await page.wait_for_url(f"{server}/licensing/applications/{new['id']}/accept")
    assert await walk.heading() == (
        f"确认受理 {new['kind_label']}申请 {new['reference']}（{ALICE_ORG}）？"
    )
    assert "已受理" not in await walk.main_text()
    confirm = page.get_by_role("button", name="确认受理，出具受理通知书")
    assert await confirm.is_visible()
    assert await page.get_by_role("link", name="返回，暂不办理").is_visible()
    await walk.look("confirm-accept")

    await confirm.click()
    await page.wait_for_url(f"{server}/licensing/applications/{new['id']}")
    await page.get_by_text("已受理，审查中").first.wait_for()
    text = await walk.main_text()
    assert "已受理，审查中" in text
    assert "受理通知书" in text
    await walk.look("accepted")
    assert not dialogs, f"a browser dialog asked instead of the page: {dialogs}"
