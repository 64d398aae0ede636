"""The appointment reminder (兴署发〔2021〕5号 Art. 15): one SMS the day before, however many
times the daily duty runs; none for a cancelled booking. A window visit that took place is rated
once (Art. 38(二) 一次一评)."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest

from seedreg.accounts.rules import LEAGUE_CODE
from seedreg.core import clock
from seedreg.core.errors import Conflict
from seedreg.notifications.tables import OutboxSms
from seedreg.servicedesk import appointments, ratings
from seedreg.servicedesk.schemas import RatingIn
from seedreg.servicedesk.tables import Booking, ServiceWindow, Slot
from tests.fixtures import unique


def _phone() -> str:
    return f"138{random.randint(0, 10**8 - 1):08d}"


async def _booking(day_offset: int, status: str = "booked") -> tuple[str, str]:
    window = ServiceWindow(
        name="许可窗口", place="政务服务中心", hours="工作日", division_code=LEAGUE_CODE
    )
    await window.save()
    day = clock.today() + timedelta(days=day_offset)
    slot = Slot(
        key=unique("k"),
        window=window.id,
        matter_code="licensing",
        day=day,
        starts="09:00",
        ends="09:30",
        capacity=1,
    )
    await slot.save()
    code, phone = unique("B")[:8].upper(), _phone()
    await Booking(
        code=code,
        slot=slot.id,
        seat=1,
        seat_key=f"{slot.id}:1",
        name="测试",
        phone=phone,
        status=status,
        created_at=clock.now(),
    ).save()
    return code, phone


async def _sms(phone: str) -> list[str]:
    return [
        r["body"] for r in await OutboxSms.select(OutboxSms.body).where(OutboxSms.phone == phone)
    ]


async def test_the_reminder_is_sent_once_the_day_before(personas):
    code, phone = await _booking(1)
    _later, later_phone = await _booking(2)
    _gone, gone_phone = await _booking(1, status="cancelled")
    today = clock.today()
    await appointments.send_reminders(today)
    await appointments.send_reminders(today)  # the hourly duty runs again: nothing more
    sent = await _sms(phone)
    assert len(sent) == 1
    assert code in sent[0]
    assert "预约提醒" in sent[0]
    assert await _sms(later_phone) == []  # not yet: the day before is tomorrow
    assert await _sms(gone_phone) == []
    await appointments.send_reminders(today + timedelta(days=1))
    assert len(await _sms(later_phone)) == 1
    assert len(await _sms(phone)) == 1


async def test_a_visit_is_rated_once_after_it_took_place(personas):
    code, phone = await _booking(0, status="arrived")
    rated = await ratings.rate_visit(code, phone, RatingIn(score=1, comment="排队太久"))
    assert rated.kind == "booking"
    assert rated.follow_up_due == clock.today() + timedelta(days=7)
    with pytest.raises(Conflict):
        await ratings.rate_visit(code, phone, RatingIn(score=5))
