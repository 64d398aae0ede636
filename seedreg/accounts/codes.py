"""One-time confirmation codes sent by SMS or e-mail (sign-up, password reset).

Codes are six digits, stored only as an HMAC under the site's secret, valid for a few minutes,
good for a limited number of tries and for one use: the conditional UPDATE that marks a code
used is what accepts it, so of two requests with the same code only one gets through. Sending
is rate-limited per destination (nobody floods someone else's phone from here) and per client.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from seedreg.accounts import rule_settings as limits
from seedreg.accounts.tables import OneTimeCode
from seedreg.core import clock
from seedreg.core import rulesettings as rs
from seedreg.core.db import fetch
from seedreg.core.errors import RuleViolation, TooManyAttempts
from seedreg.notifications.services import queue_email
from seedreg.notifications.sms import queue_sms
from seedreg.settings import get_settings


class Channel(StrEnum):
    SMS = "sms"
    EMAIL = "email"


class Purpose(StrEnum):
    SIGNUP = "signup"
    RESET = "reset"

    @property
    def label(self) -> str:
        return {"signup": "注册确认", "reset": "重置密码"}[self.value]


MSG_INVALID = "验证码不正确或已失效，请重新获取"


@dataclass(frozen=True)
class Issued:
    code_id: int
    valid_minutes: int


def _digest(code: str, destination: str) -> str:
    key = get_settings().signing_key().encode()
    return hmac.new(key, f"{destination}:{code}".encode(), hashlib.sha256).hexdigest()


async def check_send_rate(destination: str, client: str) -> None:
    """Refuse a new code when this destination or this client has had too many lately."""
    values = await rs.current()
    since = clock.now() - timedelta(hours=1)
    recent = OneTimeCode.created_at > since
    to_dest = await OneTimeCode.count().where(recent & (OneTimeCode.destination == destination))
    from_client = await OneTimeCode.count().where(recent & (OneTimeCode.client == client))
    if to_dest >= values.of(limits.CODES_PER_DESTINATION_HOUR) or from_client >= values.of(
        limits.CODES_PER_CLIENT_HOUR
    ):
        raise TooManyAttempts("验证码获取过于频繁，请一小时后再试")


async def issue(
    purpose: Purpose,
    channel: Channel,
    destination: str,
    *,
    reference: str,
    client: str,
    deliver: bool = True,
) -> Issued:
    """Store a new code's hash and queue it to ``destination``; call inside the transaction
    of the change it belongs to. ``deliver=False`` stores an unusable code that is never sent
    (a reset for an unknown contact costs the same and looks the same)."""
    await check_send_rate(destination, client)
    values = await rs.current()
    minutes = values.of(limits.CODE_VALID_MINUTES)
    code = f"{secrets.randbelow(10**6):06d}"
    now = clock.now()
    row = OneTimeCode(
        purpose=purpose,
        channel=channel,
        destination=destination,
        reference=reference,
        code_hash=_digest(code, destination),
        client=client[:64],
        created_at=now,
        expires_at=now + timedelta(minutes=minutes),
    )
    await row.save()
    if deliver:
        text = f"您的{purpose.label}验证码为{code}，{minutes}分钟内有效。如非本人操作，请忽略。"
        if channel is Channel.SMS:
            await queue_sms(destination, text, sensitive=True)
        else:
            await queue_email(destination, f"{purpose.label}验证码", text)
    return Issued(row.id, minutes)


@dataclass(frozen=True)
class Verified:
    code_id: int
    reference: str
    field: str


async def verify(purpose: Purpose, destination: str, code: str, *, field: str) -> Verified:
    """Check ``code`` against the latest code sent to ``destination``; RuleViolation (on
    ``field``) when wrong, expired, used or tried too often. Call OUTSIDE a transaction: a
    wrong try is counted, and a refusal must not roll the count back. Then ``take`` it."""
    row = (
        await OneTimeCode.select()
        .where((OneTimeCode.purpose == purpose) & (OneTimeCode.destination == destination))
        .order_by(OneTimeCode.id, ascending=False)
        .first()
    )
    max_attempts = await rs.value(limits.CODE_MAX_ATTEMPTS)
    if row is None or row["used_at"] is not None or row["expires_at"] <= clock.now():
        raise RuleViolation(MSG_INVALID, field=field)
    if row["attempts"] >= max_attempts:
        raise RuleViolation("验证码输错次数过多，请重新获取", field=field)
    if not hmac.compare_digest(_digest(code.strip(), destination), row["code_hash"]):
        await OneTimeCode.update({OneTimeCode.attempts: OneTimeCode.attempts + 1}).where(
            OneTimeCode.id == row["id"]
        )
        raise RuleViolation(MSG_INVALID, field=field)
    return Verified(row["id"], row["reference"], field)


async def take(verified: Verified) -> None:
    """Use the code up, inside the transaction of what it confirms. The conditional UPDATE
    is the acceptance: of two requests with one code, the second finds it used (a second use
    is refused) and its transaction rolls back whole."""
    taken = await fetch(
        "UPDATE one_time_code SET used_at = {} WHERE id = {} AND used_at IS NULL RETURNING id",
        clock.now(),
        verified.code_id,
    )
    if not taken:
        raise RuleViolation(MSG_INVALID, field=verified.field)
