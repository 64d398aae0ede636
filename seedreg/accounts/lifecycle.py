"""Account lifecycle by the league admin: correct, disable, re-enable, reset the password.

A disabled account stops at once: its sessions and API tokens are deleted here, and every
request checks ``active`` anyway (``services.resolve_session``), so nothing cached survives.
"""

from __future__ import annotations

from typing import Any

from piccolo.columns import Column

from seedreg.accounts import passwords
from seedreg.accounts.rules import Actor, Role, account_actions, validate_account
from seedreg.accounts.schemas import UserOut, UserUpdate
from seedreg.accounts.services import _check_jurisdiction_exists, user_out
from seedreg.accounts.tables import Session, User
from seedreg.core import clock
from seedreg.core.audit import services as audit
from seedreg.core.db import transaction
from seedreg.core.errors import Forbidden, NotFound, RuleViolation


async def _row(user_id: int) -> dict[str, Any]:
    row = await User.select().where(User.id == user_id).first()
    if row is None:
        raise NotFound("账号不存在")
    return row


def _ensure(actor: Actor, row: dict[str, Any], action: str) -> None:
    if not actor.is_admin:
        raise Forbidden("只有盟林草局管理员可以管理账号")
    if action not in account_actions(actor, user_id=row["id"], active=row["active"]):
        if action == "disable" and row["id"] == actor.user_id:
            raise RuleViolation("不能停用自己的账号")
        raise RuleViolation("该账号当前不能执行此操作")


async def get_user(actor: Actor, user_id: int) -> UserOut:
    if not actor.is_admin:
        raise Forbidden("只有盟林草局管理员可以管理账号")
    return user_out(await _row(user_id))


async def update_user(actor: Actor, user_id: int, data: UserUpdate) -> UserOut:
    """Correct an account's name, contacts, jurisdiction or inspector fields (audited)."""
    row = await _row(user_id)
    _ensure(actor, row, "edit")
    changes = data.model_dump(exclude_unset=True, exclude_none=True)
    merged = {**row, **changes}
    if problem := validate_account(
        Role(row["role"]),
        organisation_id=row["organisation"],
        jurisdiction=merged["jurisdiction"],
        enforcement_id=merged["enforcement_id"],
    ):
        raise RuleViolation(problem)
    await _check_jurisdiction_exists(changes.get("jurisdiction"))
    if not changes:
        return user_out(row)
    async with transaction():
        confirmed = {  # contacts the admin enters count as confirmed (seen at the counter)
            f"{k}_confirmed_at": clock.now() if changes[k] else None
            for k in ("phone", "email")
            if k in changes and changes[k] != row[k]
        }
        values: dict[Column | str, Any] = {k: v for d in (changes, confirmed) for k, v in d.items()}
        await User.update(values).where(User.id == user_id)
        await audit.record(
            actor,
            "user:update",
            "user",
            user_id,
            before={k: row[k] for k in changes},
            after=changes,
        )
    return user_out(await _row(user_id))


async def set_active(actor: Actor, user_id: int, *, active: bool, reason: str = "") -> UserOut:
    """Disable (with a reason) or re-enable an account; disabling ends its sessions and
    tokens in the same transaction."""
    row = await _row(user_id)
    _ensure(actor, row, "enable" if active else "disable")
    async with transaction():
        await User.update({User.active: active}).where(User.id == user_id)
        closed = 0
        if not active:
            closed = await Session.count().where(Session.user == user_id)
            await Session.delete().where(Session.user == user_id)
        await audit.record(
            actor,
            "user:enable" if active else "user:disable",
            "user",
            user_id,
            before={"active": row["active"]},
            after={"active": active, "reason": reason, "sessions_closed": closed},
        )
    return user_out(await _row(user_id))


async def reset_password(actor: Actor, user_id: int, new_password: str) -> UserOut:
    """The admin sets a new password (told to the person in private); every session of the
    account ends, so whoever held the old password is signed out."""
    row = await _row(user_id)
    _ensure(actor, row, "reset_password")
    if problem := passwords.password_problem(new_password, username=row["username"]):
        raise RuleViolation(problem, field="new_password")
    await set_password(actor, user_id, new_password, action="user:admin_reset_password")
    return user_out(await _row(user_id))


async def set_password(actor: audit.ActorLike, user_id: int, new: str, *, action: str) -> None:
    """Store a new password hash and close every session of the account (audited)."""
    async with transaction():
        await User.update(
            {
                User.password_hash: passwords.hash_password(new),
                User.password_changed_at: clock.now(),
            }
        ).where(User.id == user_id)
        await Session.delete().where(Session.user == user_id)
        await audit.record(actor, action, "user", user_id)
