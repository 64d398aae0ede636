"""The SMS outbox: messages are queued in the transaction of the change they report and sent
later by a sender (inside the server, or ``seedreg send-sms``), never on the request path.

Like the e-mail outbox, rows are claimed with a lease before sending, so several senders in
several processes never send one message twice. A temporary gateway failure puts the row back
with a growing pause; a permanent one (or too many tries) marks it failed.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import datetime, timedelta
from typing import Any

from seedreg.core import clock
from seedreg.core.db import fetch
from seedreg.notifications.gateways import PermanentSmsError, SmsGateway, TemporarySmsError
from seedreg.notifications.tables import OutboxSms

log = logging.getLogger("seedreg.sms")
CLAIM_SECONDS = 120
MAX_ATTEMPTS = 10
REDACTED = "（含验证码，发出后已删除正文）"


def retry_pause(attempts: int) -> timedelta:
    """30 s after the first failure, doubling up to 30 min: a gateway down for hours is
    tried about ten times (MAX_ATTEMPTS) before the message is given up."""
    return timedelta(seconds=min(30 * 2 ** max(attempts - 1, 0), 1800))


async def queue_sms(phone: str, text: str, *, sensitive: bool = False) -> None:
    """Queue one SMS. Call inside the transaction of the change it reports."""
    await OutboxSms.insert(
        OutboxSms(phone=phone, body=text, sensitive=sensitive, created_at=clock.now())
    )


async def _claim(batch: int, now: datetime) -> list[dict[str, Any]]:
    rows = (
        await OutboxSms.select(OutboxSms.id)
        .where(
            OutboxSms.sent_at.is_null()
            & OutboxSms.failed_at.is_null()
            & (OutboxSms.claimed_until.is_null() | (OutboxSms.claimed_until < now))
        )
        .order_by(OutboxSms.id)
        .limit(batch)
    )
    claimed = []
    for row in rows:
        # the conditional UPDATE is the claim: of two senders, one gets the row back
        claimed.extend(
            await fetch(
                "UPDATE outbox_sms SET claimed_until = {} WHERE id = {} AND sent_at IS NULL "
                "AND failed_at IS NULL AND (claimed_until IS NULL OR claimed_until < {}) "
                "RETURNING *",
                now + timedelta(seconds=CLAIM_SECONDS),
                row["id"],
                now,
            )
        )
    return claimed


async def drain_sms(
    gateway: SmsGateway, batch: int = 50, *, now: datetime | None = None
) -> tuple[int, int]:
    """Send what is due through ``gateway``; returns (sent, failed this round)."""
    now = now or clock.now()
    sent = failed = 0
    for sms in await _claim(batch, now):
        try:
            message_id = await gateway.send(sms["phone"], sms["body"])
        except (TemporarySmsError, PermanentSmsError) as exc:
            failed += 1
            await _failed(sms, exc, now)
            continue
        sent += 1
        done: dict[Any, Any] = {
            OutboxSms.sent_at: clock.now(),
            OutboxSms.attempts: OutboxSms.attempts + 1,
            OutboxSms.message_id: message_id[:64],
        }
        if sms["sensitive"]:  # a code has no business staying readable once delivered
            done[OutboxSms.body] = REDACTED
        await OutboxSms.update(done).where(OutboxSms.id == sms["id"])
    return sent, failed


async def _failed(sms: dict[str, Any], exc: Exception, now: datetime) -> None:
    attempts = sms["attempts"] + 1
    final = isinstance(exc, PermanentSmsError) or attempts >= MAX_ATTEMPTS
    log.warning("SMS %s to the gateway failed (%s): %s", sms["id"], attempts, exc)
    await OutboxSms.update(
        {
            OutboxSms.attempts: attempts,
            OutboxSms.last_error: str(exc)[:300],
            OutboxSms.claimed_until: None if final else now + retry_pause(attempts),
            OutboxSms.failed_at: now if final else None,
        }
    ).where(OutboxSms.id == sms["id"])


async def run_sender(gateway: SmsGateway, interval: float, stop: asyncio.Event) -> None:
    """The server's sender: drain every ``interval`` seconds until ``stop`` is set."""
    while not stop.is_set():
        try:
            await drain_sms(gateway)
        except Exception:  # keep the server up; the next round tries again
            log.exception("SMS sender round failed")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=interval)


async def status() -> dict[str, int]:
    """Counts for the admin: waiting, sent, failed for good."""
    return {
        "waiting": await OutboxSms.count().where(
            OutboxSms.sent_at.is_null() & OutboxSms.failed_at.is_null()
        ),
        "sent": await OutboxSms.count().where(OutboxSms.sent_at.is_not_null()),
        "failed": await OutboxSms.count().where(OutboxSms.failed_at.is_not_null()),
    }
