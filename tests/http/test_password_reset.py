"""Forgotten passwords (issue 13 item 5): a one-time code to the confirmed phone or e-mail,
single use, limited tries, rate-limited, and the same answer for an unknown contact."""

from __future__ import annotations

import asyncio
import re

import httpx
from bs4 import BeautifulSoup

from seedreg.accounts.rules import Role
from seedreg.accounts.tables import OneTimeCode
from seedreg.notifications.tables import OutboxEmail, OutboxSms
from tests import factories
from tests.fixtures import PASSWORD, unique
from tests.http.signupkit import FULL_WIDTH, browser, client_ip, new_phone

NEW_PASSWORD = "Forgot-Passw0rd-2027"


def operator(phone: str = "", email: str = "") -> str:
    org = asyncio.run(factories.make_organisation("152201", name=f"重置测试苗圃{unique('')}"))
    username = unique("rs")
    asyncio.run(
        factories.make_user(
            username, Role.OPERATOR, organisation_id=org.id, phone=phone, email=email
        )
    )
    return username


async def _last_sms(phone: str) -> str:
    row = (
        await OutboxSms.select()
        .where(OutboxSms.phone == phone)
        .order_by(OutboxSms.id, ascending=False)
        .first()
    )
    return row["body"] if row else ""


def code_sent_to(phone: str) -> str:
    match = re.search(r"验证码为(\d{6})", asyncio.run(_last_sms(phone)))
    assert match, "no code was queued by SMS"
    return match.group(1)


def notice(response: httpx.Response) -> str:
    found = BeautifulSoup(response.text, "html.parser").find(class_="notice")
    return found.get_text(strip=True) if found else ""


def field_error(response: httpx.Response, name: str) -> str:
    soup = BeautifulSoup(response.text, "html.parser")
    err = soup.find("input", attrs={"name": name}).find_parent("div").find(class_="err")
    return err.get_text(strip=True) if err else ""


def test_a_password_is_reset_by_a_code_to_the_confirmed_phone(server, personas):
    phone = new_phone()
    username = operator(phone=phone)
    old_token = httpx.post(
        f"{server}/api/auth/token", json={"username": username, "password": PASSWORD}
    ).json()["token"]
    b = browser(server)
    assert "忘记密码" in b.get("/login").text
    # typed as people type it: spaces, a country prefix, full-width digits
    typed = "+86 " + phone[:3] + " " + phone[3:7] + "-" + phone[7:].translate(FULL_WIDTH)
    r = b.post_form("/password/forgot", {"contact": typed})
    assert r.status_code == 200
    assert "验证码已发出" in notice(r)
    code = code_sent_to(phone)

    wrong = "000000" if code != "000000" else "111111"
    r = b.post_form(
        "/password/reset",
        {"contact": phone, "code": wrong, "new_password": NEW_PASSWORD},
        form_page="/password/forgot",
    )
    assert r.status_code == 422
    assert field_error(r, "code") == "验证码不正确或已失效，请重新获取"
    r = b.post_form(
        "/password/reset",
        {"contact": phone, "code": code, "new_password": NEW_PASSWORD},
        form_page="/password/forgot",
    )
    assert r.status_code == 303
    assert r.headers["location"] == "/login?reset=1"
    assert "密码已重置" in b.get("/login?reset=1").text

    me = httpx.get(f"{server}/api/me", headers={"Authorization": f"Bearer {old_token}"})
    assert me.status_code == 401  # every old session ended
    assert browser(server).login(username, NEW_PASSWORD).status_code == 303
    # the same code a second time is refused
    again = b.post_form(
        "/password/reset",
        {"contact": phone, "code": code, "new_password": "Other-Passw0rd-2028"},
        form_page="/password/forgot",
    )
    assert again.status_code == 422
    assert field_error(again, "code") == "验证码不正确或已失效，请重新获取"


def test_an_unknown_contact_gets_the_same_answer_and_no_message(server, personas):
    known_phone, unknown_phone = new_phone(), new_phone()
    operator(phone=known_phone)
    b = browser(server)
    known = b.post_form("/password/forgot", {"contact": known_phone})
    unknown = b.post_form("/password/forgot", {"contact": unknown_phone})
    assert known.status_code == unknown.status_code == 200
    assert notice(known) == notice(unknown)
    assert asyncio.run(_last_sms(unknown_phone)) == ""
    api = httpx.post(
        f"{server}/api/auth/password-reset/code",
        json={"contact": unknown_phone},
        headers={"X-Forwarded-For": client_ip()},
    )
    assert api.status_code == 202
    assert api.json()["message"] == "如该手机号码或邮箱已绑定账号，验证码已发出"


def test_the_api_resets_by_e_mail_and_a_code_has_limited_tries(server, personas):
    email = f"{unique('reset')}@example.test"
    username = operator(email=email)
    headers = {"X-Forwarded-For": client_ip()}
    r = httpx.post(
        f"{server}/api/auth/password-reset/code", json={"contact": email.upper()}, headers=headers
    )
    assert r.status_code == 202
    assert r.json()["valid_minutes"] == 10

    async def mailed() -> str:
        row = await OutboxEmail.select().where(OutboxEmail.to_address == email).first()
        return re.search(r"验证码为(\d{6})", row["body"]).group(1)

    code = asyncio.run(mailed())
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(5):  # accounts.code_max_attempts
        r = httpx.post(
            f"{server}/api/auth/password-reset",
            json={"contact": email, "code": wrong, "new_password": NEW_PASSWORD},
        )
        assert r.status_code == 422
    r = httpx.post(
        f"{server}/api/auth/password-reset",
        json={"contact": email, "code": code, "new_password": NEW_PASSWORD},
    )
    assert r.status_code == 422
    assert r.json()["error"]["message"] == "验证码输错次数过多，请重新获取"
    # a fresh code works
    httpx.post(f"{server}/api/auth/password-reset/code", json={"contact": email}, headers=headers)

    async def latest() -> str:
        row = (
            await OutboxEmail.select()
            .where(OutboxEmail.to_address == email)
            .order_by(OutboxEmail.id, ascending=False)
            .first()
        )
        return re.search(r"验证码为(\d{6})", row["body"]).group(1)

    code = asyncio.run(latest())
    weak = httpx.post(
        f"{server}/api/auth/password-reset",
        json={"contact": email, "code": code, "new_password": "weak"},
    )
    assert weak.status_code == 422
    assert weak.json()["error"]["field"] == "new_password"
    r = httpx.post(
        f"{server}/api/auth/password-reset",
        json={"contact": email, "code": code, "new_password": NEW_PASSWORD},
    )
    assert r.status_code == 204, r.text
    assert (
        httpx.post(
            f"{server}/api/auth/token", json={"username": username, "password": NEW_PASSWORD}
        ).status_code
        == 201
    )


def test_codes_are_stored_hashed_and_rate_limited_per_destination(server, personas):
    phone = new_phone()
    operator(phone=phone)
    statuses = [
        httpx.post(
            f"{server}/api/auth/password-reset/code",
            json={"contact": phone},
            headers={"X-Forwarded-For": client_ip()},
        ).status_code
        for _ in range(6)
    ]
    assert statuses == [202] * 5 + [429]  # accounts.codes_per_destination_hour

    async def stored() -> list[dict]:
        return await OneTimeCode.select().where(OneTimeCode.destination == phone)

    rows = asyncio.run(stored())
    sent = re.search(r"验证码为(\d{6})", asyncio.run(_last_sms(phone))).group(1)
    assert len(rows) == 5
    assert all(len(r["code_hash"]) == 64 and sent not in r["code_hash"] for r in rows)


def test_codes_are_rate_limited_per_client(server, personas):
    ip = client_ip()
    statuses = {
        httpx.post(
            f"{server}/api/auth/password-reset/code",
            json={"contact": new_phone()},
            headers={"X-Forwarded-For": ip},
        ).status_code
        for _ in range(21)
    }
    assert statuses == {202, 429}  # accounts.codes_per_client_hour = 20
