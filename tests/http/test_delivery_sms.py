"""The applicant hears by SMS and a notification when the office records that the result was
mailed (兴署发〔2021〕5号 Arts. 18–19): the text names the carrier and the tracking number, goes
to the contact number given for the mailing, once; the audit trail names the number, masked."""

from __future__ import annotations

import asyncio
import random

from seedreg.accounts.tables import User
from seedreg.core.audit.services import history
from seedreg.notifications.tables import Notification, OutboxSms
from tests.http.lotkit import ok, record_licence

FILINGS = "/api/filings"


def test_mailing_the_result_texts_the_applicant_and_notifies_its_accounts(api, personas):
    bob, kyqq = api("bob"), api("officer_kyqq")
    number = record_licence(
        api("officer_league"), personas["alice"].organisation_id, species=["樟子松"]
    )["number"]
    details = {"kind": "packaged_seller", "licence_number": number, "varieties": ["樟子松"]}
    filing = ok(bob.post(FILINGS, json={"details": details}), 201)
    ok(bob.post(f"{FILINGS}/{filing['id']}/submit"))
    phone = f"139{random.randint(0, 10**8 - 1):08d}"
    mail = {
        "electronic": False,
        "paper": True,
        "method": "mail",
        "recipient": "刘经理",
        "phone": phone,
        "address": "科尔沁右翼前旗科尔沁镇平安村1号",
    }
    path = f"/api/deliveries/{filing['id']}"
    ok(bob.put(path, json=mail))
    ok(kyqq.post(f"{FILINGS}/{filing['id']}/record"))
    tracking = f"11{random.randint(0, 10**11 - 1):011d}"

    async def texts() -> list[dict]:
        return await OutboxSms.select().where(OutboxSms.phone == phone)

    assert asyncio.run(texts()) == []  # choosing and deciding text nobody at this number
    ok(kyqq.post(f"{path}/mailing", json={"carrier": "中国邮政", "tracking_number": tracking}))

    sent = asyncio.run(texts())
    assert len(sent) == 1
    assert "办理结果已邮寄" in sent[0]["body"]
    assert "中国邮政" in sent[0]["body"]
    assert tracking in sent[0]["body"]
    assert filing["reference"] in sent[0]["body"]

    async def bobs_notices() -> list[dict]:
        user = await User.select(User.id).where(User.username == "bob").first()
        assert user is not None
        return await Notification.select().where(
            (Notification.user == user["id"]) & Notification.body.like(f"%{tracking}%")
        )

    notices = asyncio.run(bobs_notices())
    assert [n["title"] for n in notices] == ["办理结果已邮寄"]
    assert notices[0]["link"] == f"/deliveries/{filing['id']}"
    events = asyncio.run(history("matter_application", filing["id"]))
    mailing = next(e for e in events if e["action"] == "delivery:mailing")
    assert mailing["after"]["sms_to"] == f"{phone[:3]}****{phone[7:]}"
