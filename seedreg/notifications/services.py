"""Notify users in the app and queue e-mail and SMS; drain the e-mail outbox to an SMTP server
(the SMS outbox drains in ``sms``)."""

from __future__ import annotations

import smtplib
from datetime import timedelta
from email.message import EmailMessage
from typing import Any

from seedreg.accounts.rules import Role, covers_division
from seedreg.accounts.tables import User
from seedreg.core import clock
from seedreg.core.db import fetch
from seedreg.notifications.sms import queue_sms
from seedreg.notifications.tables import Notification, OutboxEmail

CLAIM_SECONDS = 120
MAX_ATTEMPTS = 5
SMS_MAX_CHARS = 180


async def notify_organisation(
    organisation_id: int, title: str, body: str, link: str = "", *, also_sms: str = ""
) -> int:
    """Tell every active account of an organisation; queue an e-mail where one is on file
    and an SMS to a confirmed mobile number, and to ``also_sms`` (a contact number the
    applicant gave for this matter) unless an account's SMS already goes there.

    Call inside the transaction of the change it reports, so the notice exists iff the change does.
    """
    users = await User.select(User.id, User.email, User.phone, User.phone_confirmed_at).where(
        (User.organisation == organisation_id) & (User.active.eq(True))
    )
    told = {u["phone"] for u in users if u["phone"] and u["phone_confirmed_at"]}
    if also_sms and also_sms not in told:
        await queue_sms(also_sms, sms_text(title, body, link))
    return await _deliver(users, title, body, link)


async def notify_role(role: str, title: str, body: str, link: str = "") -> int:
    """Tell every active account holding ``role`` (e.g. the league administrators)."""
    users = await User.select(User.id, User.email, User.phone, User.phone_confirmed_at).where(
        (User.role == role) & (User.active.eq(True))
    )
    return await _deliver(users, title, body, link)


async def notify_stations(division_code: str, title: str, body: str, link: str = "") -> int:
    """Tell the 种苗站 accounts whose jurisdiction covers ``division_code`` (in-app only)."""
    stations = await User.select(User.id, User.jurisdiction).where(
        (User.role == Role.SEED_STATION) & (User.active.eq(True))
    )
    now = clock.now()
    told = 0
    for user in stations:
        if user["jurisdiction"] and covers_division(user["jurisdiction"], division_code):
            await Notification.insert(
                Notification(user=user["id"], title=title, body=body, link=link, created_at=now)
            )
            told += 1
    return told


# --- withdrawals: the holder hears of each one (issue 14 item 8) --------------------------------
# A licence ended, a certificate revoked, a lot recalled or a label voided by someone else makes
# the holder's labels 无效 on the public check at once; the holder learns it from the registry
# in the same transaction, not from a buyer.

_ON_LABELS = "以其为依据的标签在公众核验中显示为无效。"


async def notify_licence_ended(
    organisation_id: int, number: str, ended: str, reasons: str, link: str
) -> int:
    """撤销 or 吊销 of a licence (``ended``: 已撤销 / 已吊销)."""
    return await notify_organisation(
        organisation_id,
        f"生产经营许可证 {number} {ended}",
        f"林木种子生产经营许可证 {number} {ended}。理由：{reasons}。{_ON_LABELS}",
        link,
    )


async def notify_certificate_revoked(
    organisation_id: int, what: str, number: str, lot_numbers: str, reason: str, link: str
) -> int:
    """撤销 of a 质量检验合格证 or a quarantine certificate (``what`` names it)."""
    lots = f"（批次 {lot_numbers}）" if lot_numbers else ""
    return await notify_organisation(
        organisation_id,
        f"{what} {number} 已撤销",
        f"{what} {number}{lots}已撤销。理由：{reason}。{_ON_LABELS}",
        link,
    )


async def notify_lot_recalled(
    organisation_id: int,
    lot_number: str,
    species: str,
    on: str,
    voided: int,
    reason: str,
    link: str,
) -> int:
    return await notify_organisation(
        organisation_id,
        f"批次 {lot_number} 已召回",
        f"批次 {lot_number}（{species}）已于{on}召回，{voided} 张标签已作废。理由：{reason}",
        link,
    )


async def notify_label_voided(
    organisation_id: int, serial: str, lot_number: str, reason: str, link: str
) -> int:
    """A label voided by the 种苗站 (the holder's own voiding needs no notice)."""
    return await notify_organisation(
        organisation_id,
        f"标签 {serial} 已被作废",
        f"批次 {lot_number} 的标签 {serial} 已由监管部门作废。理由：{reason}",
        link,
    )


async def _deliver(users: list[dict[str, Any]], title: str, body: str, link: str) -> int:
    now = clock.now()
    for user in users:
        await Notification.insert(
            Notification(user=user["id"], title=title, body=body, link=link, created_at=now)
        )
        if user["email"]:
            await OutboxEmail.insert(
                OutboxEmail(
                    to_address=user["email"],
                    subject=f"【兴安盟林木种苗】{title}",
                    body=f"{body}\n\n{link}".strip(),
                    created_at=now,
                )
            )
        if user["phone"] and user["phone_confirmed_at"]:
            # 兴署发〔2021〕5号 Art. 18: progress and results are told by SMS, phone or e-mail
            await queue_sms(user["phone"], sms_text(title, body, link))
    return len(users)


def sms_text(title: str, body: str, link: str = "") -> str:
    """A progress notice short enough for a few SMS segments."""
    text = f"{title}：{body}" if body and body != title else title
    text = text if len(text) <= SMS_MAX_CHARS else text[: SMS_MAX_CHARS - 1] + "…"
    return f"{text} 详情请登录系统查看。" if link else text


async def queue_email(to_address: str, title: str, body: str) -> None:
    """Queue one e-mail. Call inside the transaction of the change it reports."""
    await OutboxEmail.insert(
        OutboxEmail(
            to_address=to_address,
            subject=f"【兴安盟林木种苗】{title}",
            body=body,
            created_at=clock.now(),
        )
    )


async def for_user(user_id: int, limit: int = 50) -> list[dict[str, Any]]:
    return (
        await Notification.select()
        .where(Notification.user == user_id)
        .order_by(Notification.id, ascending=False)
        .limit(limit)
    )


async def mark_read(user_id: int) -> None:
    await Notification.update({Notification.read_at: clock.now()}).where(
        (Notification.user == user_id) & (Notification.read_at.is_null())
    )


async def unread_count(user_id: int) -> int:
    return await Notification.count().where(  # type: ignore[no-any-return]
        (Notification.user == user_id) & (Notification.read_at.is_null())
    )


async def _claim(batch: int) -> list[dict[str, Any]]:
    # Claim rows with a lease, so several workers can drain one outbox without sending twice.
    now = clock.now()
    rows = (
        await OutboxEmail.select(OutboxEmail.id)
        .where(
            OutboxEmail.sent_at.is_null()
            & (OutboxEmail.attempts < MAX_ATTEMPTS)
            & (OutboxEmail.claimed_until.is_null() | (OutboxEmail.claimed_until < now))
        )
        .order_by(OutboxEmail.id)
        .limit(batch)
    )
    claimed = []
    for row in rows:
        got = await fetch(
            "UPDATE outbox_email SET claimed_until = {} WHERE id = {} AND sent_at IS NULL "
            "AND (claimed_until IS NULL OR claimed_until < {}) RETURNING *",
            now + timedelta(seconds=CLAIM_SECONDS),
            row["id"],
            now,
        )
        claimed.extend(got)
    return claimed


async def drain_outbox(host: str, port: int, sender: str, batch: int = 50) -> tuple[int, int]:
    """Send queued e-mail through an SMTP server; returns (sent, failed)."""
    sent = failed = 0
    for mail in await _claim(batch):
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = (
            sender,
            mail["to_address"],
            mail["subject"],
        )
        message.set_content(mail["body"])
        try:
            with smtplib.SMTP(host, port, timeout=10) as smtp:
                smtp.send_message(message)
        except (OSError, smtplib.SMTPException) as exc:
            failed += 1
            await OutboxEmail.update(
                {
                    OutboxEmail.attempts: OutboxEmail.attempts + 1,
                    OutboxEmail.last_error: str(exc)[:300],
                    OutboxEmail.claimed_until: None,
                }
            ).where(OutboxEmail.id == mail["id"])
            continue
        sent += 1
        await OutboxEmail.update(
            {OutboxEmail.sent_at: clock.now(), OutboxEmail.attempts: OutboxEmail.attempts + 1}
        ).where(OutboxEmail.id == mail["id"])
    return sent, failed
