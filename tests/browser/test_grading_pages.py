"""The 种苗站 keeps the grading tables in a real browser, at 360 px and at desktop width: it
confirms a row the admin entered (four eyes), enters one of its own, which waits for someone
else, and imports an xlsx sheet (the preview names the bad row; only the good row goes in).
What it sees is asserted at each step; screenshots are kept.

Every grading row here is FICTIONAL test data on a species of the test's own."""

from __future__ import annotations

import pytest
from playwright.async_api import Page

from tests.browser.test_pages import (  # noqa: F401  (phone: the shared fixture)
    NewPage,
    check_page,
    log_in,
    open_menu,
    phone,
)
from tests.fixtures import Persona
from tests.http.lotkit import new_species, ok, seedling_row
from tests.http.test_grading_import import XLSX, good, sheet

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


async def row_text(page: Page, row_id: int) -> str:
    return " ".join((await page.locator(f"#seedling-{row_id}").inner_text()).split())


@pytest.mark.parametrize("width", list(WIDTHS))
async def test_the_station_confirms_the_admins_row_and_enters_its_own(
    phone: NewPage,  # noqa: F811
    server: str,
    personas: dict[str, Persona],
    api,
    width: str,
):
    admin, station = api("admin"), api("station")
    species = new_species(admin)
    entered = ok(admin.post("/api/quality/grading/seedling", json=seedling_row(species)), 201)
    station_name = ok(station.get("/api/me"))["display_name"]

    page = await phone(**WIDTHS[width])
    await log_in(page, server, personas["station"].username)
    if width == "phone":  # a desktop shows the menu's links as a bar instead of the button
        await open_menu(page)
        nav = page.locator("details.menu nav")
    else:
        nav = page.locator("header nav.bar")
    await nav.get_by_role("link", name="分级标准数据").click()
    await page.wait_for_url(f"{server}/admin/quality/grading")
    assert await page.locator("h1").inner_text() == "分级标准数据"
    assert "须由另一人核对标准文本并确认" in await page.locator("main").inner_text()
    shown = await row_text(page, entered["id"])
    for words in (species, "DB15/T 374-2023（测试数据） 表1", "待确认", "来源：标准文本"):
        assert words in shown, (words, shown)
    row = page.locator(f"#seedling-{entered['id']}")
    confirm = row.get_by_role("button", name="确认")
    assert await confirm.count() == 1
    await check_page(page, f"grading-{width}-01-list")

    await confirm.click()
    await page.wait_for_url(f"{server}/admin/quality/grading#seedling-{entered['id']}")
    shown = await row_text(page, entered["id"])
    assert "已确认" in shown
    assert station_name in shown
    assert await row.get_by_role("button", name="确认").count() == 0
    await check_page(page, f"grading-{width}-02-confirmed")

    # Its own row: saved as a draft that someone else must confirm.
    await page.locator("#seedling").get_by_role("link", name="新增").click()
    await page.wait_for_url(f"{server}/admin/quality/grading/seedling/new")
    assert await page.locator("h1").inner_text() == "新增苗木分级数据"
    await check_page(page, f"grading-{width}-03-new")
    form = page.locator("main form")
    await form.locator("#r-species").select_option(species)
    await form.locator("#r-standard").fill("GB 6000-1999（测试数据）")
    await form.locator("#r-table_ref").fill("附录A")
    await form.locator("#r-row_ref").fill(f"{species} 播种苗 1-0")
    await form.locator("#r-seedling_type").fill("播种苗")
    await form.locator("#r-age_code").fill("1-0")
    for grade, numbers in (("I", ("0.3", "10", "12")), ("II", ("0.2", "6", "10"))):
        for key, value in zip(
            ("root_collar_cm", "height_cm", "root_length_cm"), numbers, strict=True
        ):
            await form.locator(f"#r-{grade}_{key}").fill(value)
    await form.locator("#r-min_share_I_II").fill("75")
    await form.get_by_role("button", name="保存").click()
    await page.wait_for_url(f"{server}/admin/quality/grading")
    mine = next(
        r
        for r in ok(station.get("/api/quality/grading/seedling"))
        if r["species"] == species and r["age_code"] == "1-0"
    )
    shown = await row_text(page, mine["id"])
    assert "待确认" in shown
    assert station_name in shown
    mine_row = page.locator(f"#seedling-{mine['id']}")
    assert await mine_row.get_by_role("button", name="确认").count() == 0
    await check_page(page, f"grading-{width}-04-own-draft")

    await page.locator("#seedling").get_by_role("link", name="从 Excel 导入").click()
    await page.wait_for_url(f"{server}/admin/quality/grading/import")
    assert await page.locator("h1").inner_text() == "从 Excel 导入苗木分级数据"
    assert await page.get_by_role("link", name="下载导入模板（.xlsx）").count() == 1
    assert await page.get_by_role("button", name="上传并预览").count() == 1
    await check_page(page, f"grading-{width}-05-import")

    # A sheet with one good and one bad row: the preview names the bad one; only the good goes in.
    content = sheet(good(species, "3-0"), good(species, "2-1", **{"I级苗 苗高（cm）": "很高"}))
    await page.locator("#f-file").set_input_files(
        files=[{"name": "分级数据.xlsx", "mimeType": XLSX, "buffer": content}]
    )
    await page.get_by_role("button", name="上传并预览").click()
    await page.wait_for_url(f"{server}/admin/quality/grading/import")
    assert await page.locator("h1").inner_text() == "导入预览：苗木分级数据"
    main = " ".join((await page.locator("main").inner_text()).split())
    for words in ("1 行无错误", "1 行有错误", "第3行“I级苗 苗高（cm）”列：应为数字", "尚未写入"):
        assert words in main, (words, main)
    await check_page(page, f"grading-{width}-06-preview")
    await page.get_by_label("只导入无错误的行（有错误的行跳过）").check()
    await page.get_by_role("button", name="确认导入").click()
    await page.wait_for_url(f"{server}/admin/quality/grading?imported=1&skipped=1#seedling")
    assert "已导入 1 行，跳过有错误的 1 行" in await page.locator("main").inner_text()
    await check_page(page, f"grading-{width}-07-imported")
