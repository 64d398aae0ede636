"""The SMS outbox (issue 13 item 3): queued in the change's transaction, sent through the HTTP
gateway adapter to a fake gateway on 127.0.0.1, once even with several senders, retried while
the gateway is down, given up when it refuses."""

from __future__ import annotations

import asyncio
import random
from datetime import timedelta

import pytest

from seedreg.accounts.rules import Role
from seedreg.core import clock
from seedreg.core.db import transaction
from seedreg.notifications import gateways, services, sms
from seedreg.notifications.gateways import HttpJsonGateway, LogOnlyGateway
from seedreg.notifications.tables import OutboxSms
from seedreg.settings import Settings
from tests.factories import make_organisation, make_user
from tests.fixtures import unique
from tests.sms_gateway import KEY, SECRET, fake_gateway


def new_phone() -> str:
    return f"139{random.randint(0, 10**8 - 1):08d}"


@pytest.fixture
def gateway():
    with fake_gateway() as fake:
        yield fake, HttpJsonGateway(fake.url, KEY, SECRET, "兴安盟林草局", timeout=5)


async def rows_to(phone: str) -> list[dict]:
    return await OutboxSms.select().where(OutboxSms.phone == phone).order_by(OutboxSms.id)


async def test_a_progress_notice_is_queued_and_sent_once_to_the_gateway(personas, gateway):
    fake, adapter = gateway
    phone = new_phone()
    org = await make_organisation("152223", name=f"短信测试苗圃有限公司{unique('')}")
    await make_user(unique("sms"), Role.OPERATOR, organisation_id=org.id, phone=phone)
    async with transaction():
        await services.notify_organisation(org.id, "申请已受理", "申请XA-1已受理。", "/x")
    queued = await rows_to(phone)
    assert [r["sent_at"] for r in queued] == [None]  # queued, not sent on the request path
    assert fake.to(phone) == []

    sent, _ = await sms.drain_sms(adapter, batch=1000)
    assert sent >= 1
    assert fake.to(phone) == ["申请已受理：申请XA-1已受理。 详情请登录系统查看。"]
    assert fake.received[-1]["sign_name"] == "兴安盟林草局"
    assert fake.forged == 0  # every request carried a valid key and HMAC signature
    row = (await rows_to(phone))[0]
    assert row["sent_at"] is not None
    assert row["message_id"].startswith("fake-")
    await sms.drain_sms(adapter, batch=1000)
    assert len(fake.to(phone)) == 1


async def test_several_senders_at_once_send_each_message_once(database, gateway):
    fake, adapter = gateway
    phones = [new_phone() for _ in range(12)]
    async with transaction():
        for phone in phones:
            await sms.queue_sms(phone, "并发测试")
    await asyncio.gather(*(sms.drain_sms(adapter, batch=1000) for _ in range(4)))
    assert [len(fake.to(p)) for p in phones] == [1] * len(phones)


async def test_while_the_gateway_is_down_the_message_waits_and_is_retried(database, gateway):
    fake, adapter = gateway
    phone = new_phone()
    async with transaction():
        await sms.queue_sms(phone, "验证码123456", sensitive=True)
    fake.status = 503
    now = clock.now()
    await sms.drain_sms(adapter, batch=1000, now=now)
    row = (await rows_to(phone))[0]
    assert row["sent_at"] is None
    assert row["failed_at"] is None
    assert row["attempts"] == 1
    assert "503" in row["last_error"]
    assert row["claimed_until"] > now  # a pause before the next try

    fake.status = 200
    await sms.drain_sms(adapter, batch=1000, now=now)  # still within the pause: not tried
    assert fake.to(phone) == []
    await sms.drain_sms(adapter, batch=1000, now=now + sms.retry_pause(1) + timedelta(seconds=1))
    assert fake.to(phone) == ["验证码123456"]
    row = (await rows_to(phone))[0]
    assert row["attempts"] == 2
    assert row["body"] == sms.REDACTED  # the code is not kept once delivered


async def test_an_unreachable_gateway_is_a_temporary_failure(database):
    phone = new_phone()
    async with transaction():
        await sms.queue_sms(phone, "网关不可达")
    with fake_gateway() as fake:
        url = fake.url
    adapter = HttpJsonGateway(url, KEY, SECRET, "兴安盟林草局", timeout=2)  # nobody listens
    await sms.drain_sms(adapter, batch=1000)
    row = (await rows_to(phone))[0]
    assert (row["attempts"], row["sent_at"], row["failed_at"]) == (1, None, None)


async def test_a_refused_message_is_given_up(database, gateway):
    fake, adapter = gateway
    phone = new_phone()
    async with transaction():
        await sms.queue_sms(phone, "拒收测试")
    fake.status = 400
    await sms.drain_sms(adapter, batch=1000)
    row = (await rows_to(phone))[0]
    assert row["failed_at"] is not None
    fake.status = 200
    await sms.drain_sms(adapter, batch=1000, now=clock.now() + timedelta(days=1))
    assert fake.to(phone) == []


def test_without_a_configured_gateway_messages_are_only_logged():
    assert isinstance(gateways.from_settings(Settings(sms_gateway_url="")), LogOnlyGateway)
    configured = gateways.from_settings(Settings(sms_gateway_url="https://sms.example/send"))
    assert isinstance(configured, HttpJsonGateway)
    assert "未配置" in LogOnlyGateway.label
