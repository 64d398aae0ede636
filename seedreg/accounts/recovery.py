"""Forgotten passwords: a one-time code to the account's confirmed phone or e-mail.

The answer is the same whether or not the contact belongs to an account (an unusable code is
stored and rate-limited all the same), so the form cannot be used to find out who is
registered.
"""

from __future__ import annotations

from typing import Any

from seedreg.accounts import codes, lifecycle, passwords
from seedreg.accounts.codes import Channel, Purpose
from seedreg.accounts.rules import parse_contact
from seedreg.accounts.services import actor_from_row
from seedreg.accounts.tables import User
from seedreg.core.audit import services as audit
from seedreg.core.db import transaction
from seedreg.core.errors import RuleViolation


def contact_of(raw: str) -> tuple[Channel, str]:
    try:
        channel, destination = parse_contact(raw)
    except ValueError as exc:
        raise RuleViolation(str(exc), field="contact") from None
    return Channel(channel), destination


async def _account_for(channel: Channel, destination: str) -> dict[str, Any] | None:
    if channel is Channel.SMS:
        match = (User.phone == destination) & User.phone_confirmed_at.is_not_null()
    else:
        match = (User.email == destination) & User.email_confirmed_at.is_not_null()
    return await User.select().where(match & User.active.eq(True)).order_by(User.id).first()


async def request_code(contact: str, *, client: str) -> int:
    """Send a reset code if ``contact`` is an account's confirmed phone or e-mail; returns
    the minutes a code is valid either way."""
    channel, destination = contact_of(contact)
    user = await _account_for(channel, destination)
    async with transaction():
        issued = await codes.issue(
            Purpose.RESET,
            channel,
            destination,
            reference=str(user["id"]) if user else "",
            client=client,
            deliver=user is not None,
        )
        if user:
            await audit.record(
                actor_from_row(user), "user:reset_code", "user", user["id"], after={"to": channel}
            )
    return issued.valid_minutes


async def reset(contact: str, code: str, new_password: str) -> str:
    """Set a new password with a code; every session of the account ends. Returns the
    username (the person may have forgotten it too)."""
    channel, destination = contact_of(contact)
    verified = await codes.verify(Purpose.RESET, destination, code, field="code")
    user = await _account_for(channel, destination)
    if user is None or str(user["id"]) != verified.reference:
        raise RuleViolation(codes.MSG_INVALID, field="code")
    if problem := passwords.password_problem(new_password, username=user["username"]):
        raise RuleViolation(problem, field="new_password")
    async with transaction():
        await codes.take(verified)
        await lifecycle.set_password(
            actor_from_row(user), user["id"], new_password, action="user:reset_password"
        )
    return user["username"]
