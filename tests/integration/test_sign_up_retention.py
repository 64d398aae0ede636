"""Sign-ups never confirmed are deleted after the retention period (个人信息保护法第十九条);
finished ones and claims waiting for a decision stay."""

from __future__ import annotations

import random
from datetime import timedelta

from seedreg.accounts import signup
from seedreg.accounts.rules import SignUpStatus
from seedreg.accounts.schemas import SignUpIn
from seedreg.accounts.tables import SignUp
from seedreg.core import clock
from tests.factories import new_uscc
from tests.fixtures import unique


async def started(status: SignUpStatus, age_days: int) -> str:
    data = SignUpIn(
        kind="enterprise",
        name=f"保存期限测试苗圃{unique('')}",
        uscc=new_uscc("152201"),
        legal_representative="赵六",
        division_code="152201",
        address="乌兰浩特市都林街8号",
        display_name="钱七",
        phone=f"159{random.randint(0, 10**8 - 1):08d}",
        username=unique("keep"),
        password="Signup-Passw0rd-2026",
        consent=True,
    )
    token = await signup.start(data, client=unique("10.1."))
    await SignUp.update(
        {SignUp.status: status, SignUp.created_at: clock.now() - timedelta(days=age_days)}
    ).where(SignUp.token == token)
    return token


async def test_unconfirmed_sign_ups_are_deleted_after_the_retention_period(personas):
    old_pending = await started(SignUpStatus.PENDING, 31)
    old_refused = await started(SignUpStatus.REFUSED, 40)
    old_claim = await started(SignUpStatus.CLAIM, 40)
    old_done = await started(SignUpStatus.DONE, 400)
    recent = await started(SignUpStatus.PENDING, 29)
    assert await signup.purge_stale(clock.now()) >= 2
    left = {r["token"] for r in await SignUp.select(SignUp.token)}
    assert old_pending not in left
    assert old_refused not in left
    assert {old_claim, old_done, recent} <= left


def test_the_app_registers_the_purge_as_a_daily_duty():
    from seedreg.app import create_app
    from seedreg.core import scheduler

    create_app()
    assert scheduler._DUTIES["stale_sign_ups"] is signup.purge_stale_on
