"""Issue 13's pages on a 360 px phone: a nursery signs up by itself (without JavaScript),
resets a forgotten password, an officer verifies its identity and decides a claim; the admin
disables an account. No sideways scrolling, thumb-sized targets, screenshots to look at."""

from __future__ import annotations

import random
import re

import pytest

from seedreg.notifications.tables import OutboxSms
from tests.browser.test_pages import NewPage, check_page, log_in, phone  # noqa: F401
from tests.factories import new_uscc
from tests.fixtures import unique
from tests.http.signupkit import anon, form

pytestmark = pytest.mark.browser
PASSWORD = "Phone-Signup-2026!"
NEW_PASSWORD = "Phone-Reset-2027!"


def forwarded() -> dict:
    """A client address of the test's own, so per-client limits stay the test's business."""
    ip = f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}"
    return {"extra_http_headers": {"X-Forwarded-For": ip}}


async def code_sent_to(mobile: str) -> str:
    row = (
        await OutboxSms.select()
        .where(OutboxSms.phone == mobile)
        .order_by(OutboxSms.id, ascending=False)
        .first()
    )
    return re.search(r"验证码为(\d{6})", row["body"]).group(1)


async def signed_up(server: str, data: dict) -> dict:
    """Sign up through the API (the tests' event loop reads the code from the outbox)."""
    client = anon(server)
    token = client.post("/api/signup", json=data).json()["token"]
    code = await code_sent_to(data["phone"])
    return client.post(f"/api/signup/{token}/confirm", json={"phone_code": code}).json()


async def fill_sign_up(page, uscc: str, mobile: str, username: str) -> None:
    await page.locator("#f-kind").select_option("enterprise")
    await page.locator("#f-name").fill(f"手机注册苗圃有限公司{unique('')}")
    await page.locator("#f-uscc").fill(uscc)
    await page.locator("#f-legal_representative").fill("周九")
    await page.locator("#f-division_code").select_option("152201")
    await page.locator("#f-address").fill("乌兰浩特市五一北路6号")
    await page.locator("#f-display_name").fill("吴十")
    await page.locator("#f-phone").fill(mobile)
    await page.locator("#f-username").fill(username)
    await page.locator("#f-password").fill(PASSWORD)


async def test_a_nursery_signs_up_on_a_phone_without_javascript(phone: NewPage, server: str):  # noqa: F811
    page = await phone(java_script_enabled=False, **forwarded())
    await page.goto(f"{server}/login")
    await page.get_by_role("link", name="新的生产经营者注册").click()
    await page.wait_for_url(f"{server}/signup")
    box = await page.locator("#f-website").bounding_box()  # the honeypot: off screen for people
    assert box is not None
    assert box["x"] + box["width"] <= 0
    await check_page(page, "20-signup-form")

    uscc = new_uscc("152201")
    mobile, username = f"186{random.randint(0, 10**8 - 1):08d}", unique("ph")
    bad = uscc[:-1] + ("0" if uscc[-1] != "0" else "1")
    await fill_sign_up(page, bad, mobile, username)
    await page.locator("#f-consent").check()
    async with page.expect_navigation() as navigation:
        await page.get_by_role("button", name="获取验证码").click()
    assert (await navigation.value).status == 422
    field = page.locator(".field", has=page.locator("#f-uscc"))
    assert "校验位不符" in await field.locator(".err").inner_text()
    assert await page.locator("#f-uscc").input_value() == bad
    await check_page(page, "21-signup-errors")

    spaced = f"{uscc[:6]} {uscc[6:12]} {uscc[12:]}".lower()
    await page.locator("#f-uscc").fill(spaced)
    await page.locator("#f-password").fill(PASSWORD)
    await page.get_by_role("button", name="获取验证码").click()
    await page.wait_for_url(re.compile(r"/signup/requests/"))
    assert mobile[-4:] in await page.locator("main").inner_text()
    await check_page(page, "22-signup-codes")

    await page.locator("#f-phone_code").fill(await code_sent_to(mobile))
    await page.get_by_role("button", name="确认").click()
    await page.wait_for_url(re.compile(r"/signup/requests/[^/]+$"))
    assert "账号已开通" in await page.locator("main").inner_text()
    await check_page(page, "23-signup-done")

    await page.get_by_role("link", name=f"用 {username} 登录").click()
    await page.wait_for_url(re.compile(r"/login"))
    form = page.locator("main form")
    await form.get_by_label("用户名").fill(username)
    await form.get_by_label("密码").fill(PASSWORD)
    await form.get_by_role("button", name="登录").click()
    await page.wait_for_url(f"{server}/")
    assert await page.locator("h1").inner_text() == "工作台"


async def test_a_forgotten_password_is_reset_on_a_phone(phone: NewPage, server: str, personas):  # noqa: F811
    data = form()
    await signed_up(server, data)
    page = await phone(**forwarded())
    await page.goto(f"{server}/login")
    await page.get_by_role("link", name="忘记密码？").click()
    await page.wait_for_url(f"{server}/password/forgot")
    await check_page(page, "24-forgot")
    await page.locator("#f-contact").fill(data["phone"])
    await page.get_by_role("button", name="发送验证码").click()
    assert "验证码已发出" in await page.locator(".notice").inner_text()
    await check_page(page, "25-reset")
    await page.locator("#f-code").fill(await code_sent_to(data["phone"]))
    await page.locator("#f-new_password").fill(NEW_PASSWORD)
    await page.get_by_role("button", name="设置新密码").click()
    await page.wait_for_url(f"{server}/login?reset=1")
    assert "密码已重置" in await page.locator(".notice").inner_text()
    await log_in_as(page, server, data["username"], NEW_PASSWORD)


async def log_in_as(page, server: str, username: str, password: str) -> None:
    form = page.locator("main form")
    await form.get_by_label("用户名").fill(username)
    await form.get_by_label("密码").fill(password)
    await form.get_by_role("button", name="登录").click()
    await page.wait_for_url(f"{server}/")


async def test_officials_verify_identity_decide_claims_and_disable_accounts_on_a_phone(
    phone: NewPage,  # noqa: F811
    server: str,
    personas,
):
    data = form()
    await signed_up(server, data)
    claimant = form(uscc=data["uscc"])
    assert (await signed_up(server, claimant))["status"] == "claim"

    page = await phone()
    await log_in(page, server, "officer_wlht")
    await page.goto(f"{server}/claims")
    card = page.locator(".cards li", has_text=claimant["username"])
    assert await card.count() == 1
    await check_page(page, "26-claims")
    await card.get_by_label("拒绝理由").fill("非本单位人员")
    await card.get_by_role("button", name="拒绝").click()
    await page.wait_for_url(f"{server}/claims")
    assert await page.locator(".cards li", has_text=claimant["username"]).count() == 0

    await page.goto(f"{server}/organisations?q={data['name']}")
    await page.locator(".cards").get_by_role("link", name=data["name"]).click()
    assert "待核验" in await page.locator(".facts").inner_text()
    await check_page(page, "27-verify-identity")
    await page.locator("#f-note").fill("核对营业执照原件，信息一致")
    await page.get_by_role("button", name="确认已实名核验").click()
    assert "已核验" in await page.locator(".facts").inner_text()

    admin = await phone()
    await log_in(admin, server, "admin")
    await admin.goto(f"{server}/admin/users")
    await admin.get_by_role("link", name=data["username"]).click()
    await check_page(admin, "28-account")
    await admin.locator("#f-reason").fill("测试停用")
    await admin.get_by_role("button", name="停用").click()
    assert "账号已停用" in await admin.locator(".notice").inner_text()
    await check_page(admin, "29-account-disabled")
