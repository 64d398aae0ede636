"""What the desk's parts share: who acts for the public in the audit trail, the anonymous rate
limit (as sign-up has), contact checks, the matter catalogue look-up and the working calendar."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from seedreg.accounts.rules import Actor, Role, is_mobile, normalise_phone
from seedreg.accounts.tables import User
from seedreg.core import calendar, clock
from seedreg.core import rulesettings as rs
from seedreg.core.errors import Forbidden, RuleViolation, TooManyAttempts
from seedreg.core.workdays import WorkCalendar
from seedreg.matters.tables import Matter
from seedreg.servicedesk import rule_settings as limits
from seedreg.servicedesk import rules
from seedreg.servicedesk.tables import Booking, Complaint, Question


@dataclass(frozen=True)
class PublicActor:
    """A member of the public acting without an account (the audit names the phone's tail)."""

    phone: str
    user_id: int | None = None

    @property
    def label(self) -> str:
        return f"公众（手机尾号{self.phone[-4:]}）"


def token() -> str:
    return secrets.token_urlsafe(18)


def mobile(raw: str) -> str:
    phone = normalise_phone(raw)
    if not is_mobile(phone):
        raise RuleViolation("请填写11位手机号码，用于接收短信通知", field="phone")
    return phone


async def check_rate(client: str) -> None:
    """Anonymous submissions (questions, bookings, complaints together) per client per day."""
    since = clock.now() - timedelta(days=1)
    cap = await rs.value(limits.ANONYMOUS_PER_CLIENT_DAY)
    count = 0
    for table in (Question, Booking, Complaint):
        count += await table.count().where((table.client == client) & (table.created_at > since))
    if count >= int(cap):
        raise TooManyAttempts("提交过于频繁，请明天再试或拨打电话咨询")


async def check_matter(code: str, *, required: bool = False) -> str:
    """A catalogue code (read from matters, which owns the catalogue), or '' for none."""
    if not code:
        if required:
            raise RuleViolation("请选择办理事项", field="matter_code")
        return ""
    if not await Matter.exists().where((Matter.code == code) & (Matter.active.eq(True))):
        raise RuleViolation("没有这个办理事项", field="matter_code")
    return code


async def matter_names() -> dict[str, str]:
    rows = await Matter.select(Matter.code, Matter.name).where(Matter.active.eq(True))
    return {r["code"]: r["name"] for r in rows}


async def user_names(ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = await User.select(User.id, User.display_name).where(User.id.is_in(list(ids)))
    return {r["id"]: r["display_name"] for r in rows}


async def work_calendar() -> WorkCalendar:
    return await calendar.work_calendar()


def ensure_handler(actor: Actor, division_code: str) -> None:
    if not rules.may_handle(actor, division_code):
        raise Forbidden("不在您的管辖范围内")


def ensure_official(actor: Actor) -> None:
    if not actor.is_official:
        raise Forbidden("只有工作人员可以办理")


def band_of(due_on: date, cal: WorkCalendar) -> str:
    """The inbox's colour band (licensing's rule) by working days left to ``due_on``."""
    left = rules.days_left(due_on, clock.today(), cal)
    return str(rules.band(left).value)


def actor_of(user: dict[str, Any]) -> Actor:
    """The Actor of a user row (a handover's receiver: may they handle it?)."""
    return Actor(
        user_id=user["id"],
        username=user["username"],
        display_name=user["display_name"],
        role=Role(user["role"]),
        organisation_id=user["organisation"],
        jurisdiction=user["jurisdiction"],
    )


async def colleagues(actor: Actor) -> list[tuple[int, str]]:
    """Officials a first responder may hand a question to (the service checks the question's
    place): active officials other than the actor, by name."""
    rows = (
        await User.select(User.id, User.display_name, User.role)
        .where(User.active.eq(True) & (User.id != actor.user_id) & (User.role != Role.OPERATOR))
        .order_by(User.display_name)
        .limit(200)
    )
    return [(r["id"], f"{r['display_name']}（{Role(r['role']).label}）") for r in rows]
