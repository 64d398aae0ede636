"""Claims (issue 13 item 2): a sign-up for a code registered already becomes a claim that a
licensing officer of the jurisdiction, the league admin or an account holder of that
organisation approves (the account opens) or refuses. The claimant learns the outcome by SMS
and never any contact of the organisation's existing accounts."""

from __future__ import annotations

from typing import Any

from seedreg.accounts.rules import Actor, Role, SignUpStatus, claim_actions
from seedreg.accounts.schemas import ClaimOut
from seedreg.accounts.scope import in_jurisdiction
from seedreg.accounts.signup import create_operator
from seedreg.accounts.tables import SignUp, User
from seedreg.core import clock
from seedreg.core.audit import services as audit
from seedreg.core.db import transaction
from seedreg.core.errors import Conflict, Forbidden, NotFound
from seedreg.notifications.sms import queue_sms
from seedreg.organisations.rules import mask_phone

COLUMNS = (
    SignUp.id,
    SignUp.status,
    SignUp.display_name,
    SignUp.username,
    SignUp.phone,
    SignUp.email,
    SignUp.password_hash,
    SignUp.confirmed_at,
    SignUp.created_at,
    SignUp.organisation,
    SignUp.organisation.name.as_alias("organisation_name"),
    SignUp.organisation.division_code.as_alias("division_code"),
)


def _out(actor: Actor, row: dict[str, Any]) -> ClaimOut:
    status = SignUpStatus(row["status"])
    actions = claim_actions(
        actor,
        status=status,
        organisation_id=row["organisation"],
        division_code=row["division_code"],
    )
    return ClaimOut(
        id=row["id"],
        organisation_id=row["organisation"],
        organisation_name=row["organisation_name"],
        display_name=row["display_name"],
        username=row["username"],
        phone_masked=mask_phone(row["phone"]),
        created_at=row["created_at"],
        status=status,
        status_label=status.label,
        actions=sorted(actions),
    )


async def pending(actor: Actor) -> list[ClaimOut]:
    """Claims waiting for ``actor``: an operator's own organisation's, or those of an
    official's jurisdiction."""
    query = SignUp.select(*COLUMNS).where(SignUp.status == SignUpStatus.CLAIM)
    if actor.role is Role.OPERATOR:
        query = query.where(SignUp.organisation == (actor.organisation_id or -1))
    else:
        query = query.where(in_jurisdiction(SignUp.organisation.division_code, actor))
    rows = await query.order_by(SignUp.id)
    return [c for c in (_out(actor, r) for r in rows) if c.actions]


async def _decidable(actor: Actor, claim_id: int, action: str) -> dict[str, Any]:
    row = await SignUp.select(*COLUMNS).where(SignUp.id == claim_id).first()
    if row is None or row["organisation"] is None:
        raise NotFound("未找到该认领申请")
    if action not in _out(actor, row).actions:
        if row["status"] != SignUpStatus.CLAIM:
            raise Conflict("该认领申请已处理")
        raise Forbidden("只有管辖地审批人员、管理员或该单位的账号持有人可以处理认领申请")
    return row


async def approve(actor: Actor, claim_id: int) -> ClaimOut:
    """Open the claimant's account on the organisation (audited; the claimant gets an SMS)."""
    row = await _decidable(actor, claim_id, "approve")
    async with transaction():
        if await User.exists().where(User.username == row["username"]):
            raise Conflict("申请人所选的用户名已被他人使用，请拒绝并请其重新注册")
        user_id = await create_operator(actor, row, row["organisation"])
        await _decide(actor, row, SignUpStatus.DONE, "", user=user_id)
        await queue_sms(
            row["phone"],
            f"您以{row['organisation_name']}名义开通账号的申请已通过，"
            f"请用用户名{row['username']}登录。",
        )
    return _out(actor, {**row, "status": SignUpStatus.DONE})


async def refuse(actor: Actor, claim_id: int, reason: str) -> ClaimOut:
    row = await _decidable(actor, claim_id, "refuse")
    async with transaction():
        await _decide(actor, row, SignUpStatus.REFUSED, reason)
        await queue_sms(row["phone"], f"您开通账号的申请未通过：{reason}")
    return _out(actor, {**row, "status": SignUpStatus.REFUSED})


async def _decide(
    actor: Actor, row: dict[str, Any], status: SignUpStatus, reason: str, user: int | None = None
) -> None:
    values: dict[Any, Any] = {
        SignUp.status: status,
        SignUp.decided_at: clock.now(),
        SignUp.decided_by: actor.label[:80],
        SignUp.decision_reason: reason,
        SignUp.password_hash: "",  # not needed any more either way
    }
    if user is not None:
        values[SignUp.user] = user
    await SignUp.update(values).where(SignUp.id == row["id"])
    await audit.record(
        actor,
        "signup:approve_claim" if status is SignUpStatus.DONE else "signup:refuse_claim",
        "sign_up",
        row["id"],
        after={"organisation_id": row["organisation"], "reason": reason, "user_id": user},
    )
