"""Building blocks for the sign-up tests: forms, client addresses, the codes that were sent."""

from __future__ import annotations

import asyncio
import random
import re

import httpx

from seedreg.accounts.tables import SignUp
from seedreg.notifications.tables import OutboxEmail, OutboxSms
from tests.factories import new_uscc
from tests.fixtures import Browser, unique

PASSWORD = "Signup-Passw0rd-2026"
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def new_phone() -> str:
    return f"158{random.randint(0, 10**8 - 1):08d}"


def client_ip() -> str:
    """A client address of the test's own (the server trusts X-Forwarded-For from loopback),
    so the per-client limits of one test never touch another's."""
    return f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}"


def browser(server: str) -> Browser:
    b = Browser(server)
    b.http.headers["X-Forwarded-For"] = client_ip()
    return b


def anon(server: str) -> httpx.Client:
    return httpx.Client(base_url=server, headers={"X-Forwarded-For": client_ip()}, timeout=60)


def form(**changes: object) -> dict:
    """A complete enterprise sign-up for 乌兰浩特市 with a fresh code, phone and user name."""
    return {
        "kind": "enterprise",
        "name": f"网上注册苗圃有限公司{unique('')}",
        "uscc": new_uscc("152201"),
        "legal_representative": "赵六",
        "division_code": "152201",
        "address": "乌兰浩特市都林街8号",
        "display_name": "钱七",
        "phone": new_phone(),
        "username": unique("su"),
        "password": PASSWORD,
        "consent": True,
    } | changes


def page_form(**changes: object) -> dict:
    data = form(**changes)
    data["consent"] = "on" if data.get("consent") else ""
    return {k: str(v) for k, v in data.items() if v not in ("", None)}


def _run(coro):
    return asyncio.run(coro)


def code_sent_to(phone: str) -> str:
    async def last() -> str:
        row = (
            await OutboxSms.select()
            .where(OutboxSms.phone == phone)
            .order_by(OutboxSms.id, ascending=False)
            .first()
        )
        return row["body"] if row else ""

    match = re.search(r"验证码为(\d{6})", _run(last()))
    assert match, f"no code was queued by SMS to {phone}"
    return match.group(1)


def code_mailed_to(address: str) -> str:
    async def last() -> str:
        row = (
            await OutboxEmail.select()
            .where(OutboxEmail.to_address == address)
            .order_by(OutboxEmail.id, ascending=False)
            .first()
        )
        return row["body"] if row else ""

    match = re.search(r"验证码为(\d{6})", _run(last()))
    assert match, f"no code was mailed to {address}"
    return match.group(1)


def sms_to(phone: str) -> list[str]:
    async def bodies() -> list[str]:
        rows = await OutboxSms.select(OutboxSms.body).where(OutboxSms.phone == phone)
        return [r["body"] for r in rows]

    return _run(bodies())


def sign_ups_named(username: str) -> list[dict]:
    return _run(SignUp.select().where(SignUp.username == username).run())


def started(client: httpx.Client, data: dict) -> str:
    r = client.post("/api/signup", json=data)
    assert r.status_code == 201, r.text
    return r.json()["token"]


def signed_up(client: httpx.Client, data: dict) -> dict:
    """Sign up and enter the SMS code; the sign-up's final state."""
    token = started(client, data)
    r = client.post(
        f"/api/signup/{token}/confirm", json={"phone_code": code_sent_to(data["phone"])}
    )
    assert r.status_code == 200, r.text
    return r.json()


def new_id_number() -> str:
    from seedreg.organisations.rules import make_id_number

    return make_id_number(f"15220119900301{random.randint(0, 999):03d}")
