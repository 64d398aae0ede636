"""引种 in the browser (issue 16): the applicant asks who decides before filling anything (the
route shown again on the form), saves and submits; the league officer accepts, reads the
automatic checks with their sources and grants through the confirmation page; the applicant
sees the decision and opens its PDF; anyone opens the decision's public verification page.
At 360 px (and once at 1280 px): axe-core on every page, no sideways scrolling, screenshots in
build/screenshots/."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from seedreg.core import clock
from tests.browser.journey import Journey
from tests.browser.screens import NewScreen

pytestmark = pytest.mark.browser

DETAIL = re.compile(r".*/introductions/(\d+)$")


async def fill_application(page) -> None:
    """The form's fields by their ids (labels carry the required mark)."""
    today = clock.today()
    typed = {
        "species": "樟子松",
        "variety": "樟子松（普通）",
        "supplier": "赤峰市林木种苗有限公司",
        "supplier_licence": "15040020260001",
        "quantity": "800",
        "site1_place": "义勒力特镇红星村",
        "valid_from": today.isoformat(),
        "valid_to": (today + timedelta(days=120)).isoformat(),
        "quarantine": "起运前由供种地森防站实施检疫并出具植物检疫证书",
    }
    for name, value in typed.items():
        await page.locator(f"#f-{name}").fill(value)
    chosen = {"native": "yes", "purpose": "afforestation", "site1_code": "152201"}
    for name, value in chosen.items():
        await page.locator(f"#f-{name}").select_option(value)


@pytest.mark.parametrize("width", ["phone", "desktop"])
async def test_an_introduction_from_the_route_to_the_public_decision(
    screen: NewScreen, server: str, personas, width: str
):
    # The applicant: who decides, before anything is typed.
    page = await screen(width)
    alice = Journey(page, "alice-introduction", width, server)
    await alice.log_in("alice")
    await alice.open_from_menu("本单位引种申请", "/introductions")
    await page.get_by_role("link", name="先查看由谁审批，再填写引种申请").click()
    await page.get_by_label("种苗来源地").select_option("150400")
    await page.get_by_role("button", name="查看").click()
    await alice.step("route", "来自内蒙古自治区赤峰市", "决定机关", "兴安盟林业和草原局", "依据")
    await page.get_by_role("link", name="填写引种申请").click()
    await alice.step(
        "form", "填写引种申请", "来自内蒙古自治区赤峰市", "决定机关：兴安盟林业和草原局"
    )
    await fill_application(page)
    await page.get_by_role("button", name="保存草稿").click()
    await page.wait_for_url(DETAIL)
    path = "/introductions/" + DETAIL.match(page.url).group(1)
    await alice.step("draft", "草稿", "樟子松（普通）", "义勒力特镇红星村")
    await page.get_by_role("button", name="提交引种申请").click()
    await alice.step("submitted", "已提交，待受理")

    # The league officer: accept, read the checks and their sources, grant after confirming.
    officer_page = await screen(width)
    officer = Journey(officer_page, "league-introduction", width, server)
    await officer.log_in("officer_league")
    await officer.goto(path)
    await officer_page.get_by_role("button", name="受理", exact=True).click()
    await officer.step("accepted", "已受理，审查中", "自动审查", "依据：", "现场核查")
    await officer.button("准予引种")
    await officer.button("不予批准")
    await officer_page.get_by_label("附加条件（可不填）").fill("仅限造林使用，不得转售")
    await officer_page.get_by_role("button", name="准予引种", exact=True).click()
    await officer.step("confirm", "确认准予引种", "仅限造林使用")
    await officer_page.get_by_role("button", name="确认准予引种，出具决定书").click()
    await officer_page.wait_for_url(f"{server}{path}")
    await officer.step("granted", "准予引种", "引种批准", "剩余数量")

    # The applicant sees the decision and opens its PDF.
    await alice.goto(path)
    await alice.step("decision", "准予引种", "批准文号", "仅限造林使用", "准予引种决定书")
    link = page.get_by_role("link", name="下载准予引种决定书（PDF）")
    pdf = await page.request.get(f"{server}{await link.get_attribute('href')}")
    assert pdf.status == 200
    assert (await pdf.body()).startswith(b"%PDF")
    detail = await page.request.get(f"{server}/api{path}")
    notice = (await detail.json())["notices"][-1]

    # Anyone checks the decision on its public page (where the printed QR code leads).
    public_page = await screen(width)
    public = Journey(public_page, "public-introduction", width, server)
    await public.goto(f"/verify/notices/{notice['public_id']}")
    await public.step("verify", "准予引种决定书", notice["number"])
    await public.look("verify-public", public=True)
