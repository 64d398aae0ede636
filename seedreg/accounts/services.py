"""Use-cases for accounts: sign-in with rate limiting, sessions, users, passwords."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from seedreg.accounts import passwords
from seedreg.accounts.rules import Actor, Role, covers_division, validate_account
from seedreg.accounts.schemas import UserCreate, UserOut
from seedreg.accounts.tables import LoginFailure, Session, User
from seedreg.core import clock
from seedreg.core.audit import services as audit
from seedreg.core.db import transaction
from seedreg.core.errors import Conflict, Forbidden, NotFound, RuleViolation, TooManyAttempts
from seedreg.settings import Settings

SESSION_TOUCH_INTERVAL = timedelta(minutes=5)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def actor_from_row(row: dict[str, Any]) -> Actor:
    return Actor(
        user_id=row["id"],
        username=row["username"],
        display_name=row["display_name"],
        role=Role(row["role"]),
        organisation_id=row["organisation"],
        jurisdiction=row["jurisdiction"],
    )


def user_out(row: dict[str, Any]) -> UserOut:
    role = Role(row["role"])
    return UserOut(
        id=row["id"],
        username=row["username"],
        display_name=row["display_name"],
        role=role,
        role_label=role.label,
        organisation_id=row["organisation"],
        jurisdiction=row["jurisdiction"],
        enforcement_id=row["enforcement_id"],
        full_time_quarantine=row["full_time_quarantine"],
        real_name=row["real_name"],
        qualification_number=row["qualification_number"],
        active=row["active"],
        created_at=row["created_at"],
    )


@dataclass(frozen=True)
class OpenedSession:
    token: str
    expires_at: datetime
    actor: Actor
    user: dict[str, Any]


async def _check_rate(username: str, client: str, settings: Settings) -> None:
    since = clock.now() - timedelta(minutes=settings.login_window_minutes)
    by_user = await LoginFailure.count().where(
        (LoginFailure.username == username) & (LoginFailure.at > since)
    )
    by_client = await LoginFailure.count().where(
        (LoginFailure.client == client) & (LoginFailure.at > since)
    )
    if by_user >= settings.login_max_failures or by_client >= settings.login_max_failures_per_ip:
        raise TooManyAttempts(
            f"登录失败次数过多，请{settings.login_window_minutes}分钟后再试", field="username"
        )


async def sign_in(
    username: str, password: str, *, client: str, kind: str, settings: Settings
) -> OpenedSession:
    """Check credentials (rate-limited per account and per client) and open a session."""
    username = username.strip()
    client = client[:64]  # LoginFailure.client is Varchar(64) (PostgreSQL enforces it)
    await _check_rate(username, client, settings)
    row = await User.select().where(User.username == username).first()
    if (
        row is None
        or not row["active"]
        or not passwords.verify_password(row["password_hash"], password)
    ):
        if row is None:
            passwords.verify_password(None, password)  # same cost as a real check
        await LoginFailure.insert(LoginFailure(username=username, client=client, at=clock.now()))
        raise RuleViolation("用户名或密码不正确", field="password")
    return await _open_session(row, client=client, kind=kind, settings=settings)


async def _open_session(
    row: dict[str, Any], *, client: str, kind: str, settings: Settings
) -> OpenedSession:
    token = secrets.token_urlsafe(32)
    now = clock.now()
    expires = now + timedelta(hours=settings.session_idle_hours)
    actor = actor_from_row(row)
    async with transaction():
        await Session.insert(
            Session(
                token_hash=token_digest(token),
                user=row["id"],
                kind=kind,
                created_at=now,
                last_seen_at=now,
                expires_at=expires,
                client=client[:120],
            )
        )
        await audit.record(actor, "session:open", "user", row["id"], after={"kind": kind})
    return OpenedSession(token, expires, actor, row)


async def resolve_session(token: str, settings: Settings) -> Actor | None:
    """The actor of a live session, sliding its expiry; None when invalid."""
    if not token or len(token) > 100:
        return None
    digest = token_digest(token)
    found = (
        await Session.select(
            Session.id,
            Session.expires_at,
            Session.last_seen_at,
            *Session.user.all_columns(exclude=[Session.user.password_hash]),
        )
        .where(Session.token_hash == digest)
        .first()
    )
    now = clock.now()
    if found is None or found["expires_at"] <= now or not found["user.active"]:
        return None
    if now - found["last_seen_at"] > SESSION_TOUCH_INTERVAL:
        await Session.update(
            {
                Session.last_seen_at: now,
                Session.expires_at: now + timedelta(hours=settings.session_idle_hours),
            }
        ).where(Session.id == found["id"])
    user = {k.removeprefix("user."): v for k, v in found.items() if k.startswith("user.")}
    return actor_from_row(user)


async def sign_out(actor: Actor, token: str) -> None:
    async with transaction():
        await Session.delete().where(Session.token_hash == token_digest(token))
        await audit.record(actor, "session:close", "user", actor.user_id)


async def change_password(actor: Actor, current: str, new: str, *, keep_token: str) -> None:
    """Change one's own password; every other session of the user is closed."""
    row = await User.select().where(User.id == actor.user_id).first()
    if row is None:
        raise NotFound("用户不存在")
    if not passwords.verify_password(row["password_hash"], current):
        raise RuleViolation("当前密码不正确", field="current_password")
    if problem := passwords.password_problem(new, username=row["username"]):
        raise RuleViolation(problem, field="new_password")
    async with transaction():
        await User.update(
            {
                User.password_hash: passwords.hash_password(new),
                User.password_changed_at: clock.now(),
            }
        ).where(User.id == actor.user_id)
        await Session.delete().where(
            (Session.user == actor.user_id) & (Session.token_hash != token_digest(keep_token))
        )
        await audit.record(actor, "user:change_password", "user", actor.user_id)


async def create_user(actor: audit.ActorLike, data: UserCreate) -> UserOut:
    """Create an account (league admin, or the system via the CLI)."""
    if isinstance(actor, Actor) and not actor.is_admin:
        raise Forbidden("只有盟林草局管理员可以创建账号")
    if problem := validate_account(
        data.role,
        organisation_id=data.organisation_id,
        jurisdiction=data.jurisdiction,
        enforcement_id=data.enforcement_id,
    ):
        raise RuleViolation(problem)
    if problem := passwords.password_problem(data.password, username=data.username):
        raise RuleViolation(problem, field="password")
    await _check_jurisdiction_exists(data.jurisdiction)
    async with transaction():
        if await User.exists().where(User.username == data.username):
            raise Conflict("用户名已被使用", field="username")
        now = clock.now()
        fields = data.model_dump(exclude={"password", "organisation_id"})
        user = User(
            **fields,
            organisation=data.organisation_id,
            password_hash=passwords.hash_password(data.password),
            created_at=now,
            password_changed_at=now,
            # the admin enters contacts seen at the counter: they count as confirmed
            phone_confirmed_at=now if data.phone else None,
            email_confirmed_at=now if data.email else None,
        )
        await user.save()
        row = await User.select().where(User.id == user.id).first()
        assert row is not None  # saved just above, in this transaction
        out = user_out(row)
        await audit.record(actor, "user:create", "user", user.id, after=out.model_dump())
    return out


async def _check_jurisdiction_exists(code: str | None) -> None:
    from seedreg.reference.tables import Division

    if code and not await Division.exists().where(Division.code == code):
        raise RuleViolation("管辖区域代码不存在", field="jurisdiction")


async def list_users(actor: Actor) -> list[UserOut]:
    if not actor.is_admin:
        raise Forbidden("只有盟林草局管理员可以管理账号")
    rows = await User.select().order_by(User.id)
    return [user_out(r) for r in rows]


async def get_me(actor: Actor) -> UserOut:
    row = await User.select().where(User.id == actor.user_id).first()
    if row is None:
        raise NotFound("用户不存在")
    return user_out(row)


async def officials_covering(actor: Actor, division_code: str) -> list[dict[str, Any]]:
    """Active officials whose jurisdiction covers ``division_code`` (league staff cover every
    banner), e.g. to choose the two or more officers of a site check. Officials only."""
    if not actor.is_official:
        raise Forbidden("只有工作人员可以查看工作人员名单")
    rows = (
        await User.select(User.id, User.display_name, User.role, User.jurisdiction)
        .where(
            User.active.eq(True) & (User.role != Role.OPERATOR) & User.jurisdiction.is_not_null()
        )
        .order_by(User.display_name)
    )
    return [
        {**r, "role_label": Role(r["role"]).label}
        for r in rows
        if covers_division(r["jurisdiction"], division_code)
    ]
