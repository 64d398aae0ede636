"""Online sign-up of a new nursery (issue 13 item 1): the form, one-time codes to the phone
(and e-mail), then an operator account on a new, not yet verified organisation — or, for a
code registered already, a claim (item 2, ``claims``).

What the form answers never depends on whether the code is registered: that shows only after
the phone's code is entered, and then only as "a claim awaits approval" (never the existing
account's contacts). Scripted sign-ups meet rate limits per client and per code, a hidden
honeypot field and the codes; there is no image CAPTCHA (it fails people who cannot see it).
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from seedreg.accounts import codes, passwords
from seedreg.accounts import rule_settings as limits
from seedreg.accounts.codes import Channel, Purpose
from seedreg.accounts.rules import (
    Role,
    SignUpStatus,
    is_email,
    is_mobile,
    normalise_email,
    normalise_phone,
)
from seedreg.accounts.schemas import SignUpIn, SignUpOut
from seedreg.accounts.tables import OneTimeCode, SignUp, User
from seedreg.core import clock
from seedreg.core import rulesettings as rs
from seedreg.core.audit import services as audit
from seedreg.core.db import fetch, is_sqlite, transaction
from seedreg.core.errors import Conflict, NotFound, RuleViolation, TooManyAttempts
from seedreg.core.validation import parse
from seedreg.notifications.services import notify_organisation
from seedreg.organisations import identity
from seedreg.organisations import rules as org_rules
from seedreg.organisations.rules import OrganisationKind
from seedreg.organisations.schemas import OrganisationCreate
from seedreg.organisations.services import checked_identifiers

log = logging.getLogger("seedreg.signup")
# The personal-information notice (templates/accounts/privacy.html) the applicant agreed to.
CONSENT_VERSION = "2026-12-v1"


@dataclass(frozen=True)
class Applicant:
    """The person signing up, as the audit trail names them (no account yet)."""

    label: str
    user_id: int | None = None


def _organisation(data: SignUpIn) -> OrganisationCreate:
    enterprise = data.kind is OrganisationKind.ENTERPRISE
    return parse(
        OrganisationCreate,
        {
            "kind": data.kind,
            "name": data.name,
            "uscc": org_rules.compact_code(data.uscc or "") if enterprise else None,
            "uscc_override_reason": data.uscc_override_reason if enterprise else "",
            "id_number": None if enterprise else org_rules.compact_code(data.id_number or ""),
            "legal_representative": data.legal_representative,
            "division_code": data.division_code,
            "address": data.address,
            "contact_person": data.display_name,
            "phone": "",
        },
    )


def _contacts(data: SignUpIn) -> tuple[str, str]:
    phone = normalise_phone(data.phone)
    if not is_mobile(phone):
        raise RuleViolation("请填写11位手机号码，用于接收验证码", field="phone")
    email = normalise_email(data.email) if data.email else ""
    if email and not is_email(email):
        raise RuleViolation("电子邮箱格式不正确", field="email")
    return phone, email


async def _check_rate(identifier: str, client: str) -> None:
    values = await rs.current()
    since = clock.now() - timedelta(days=1)
    recent = SignUp.created_at > since
    if await SignUp.count().where(recent & (SignUp.client == client)) >= values.of(
        limits.SIGNUPS_PER_CLIENT_DAY
    ):
        raise TooManyAttempts("注册提交过于频繁，请明天再试")
    if await SignUp.count().where(recent & (SignUp.identifier == identifier)) >= values.of(
        limits.SIGNUPS_PER_CODE_DAY
    ):
        raise TooManyAttempts("该代码今日注册次数已达上限，请明天再试或到政务服务窗口办理")


async def start(data: SignUpIn, *, client: str) -> str:
    """Check the form, keep it and send the codes; returns the sign-up's token."""
    if data.website:  # the honeypot: people never see the field, scripts fill it
        log.info("sign-up honeypot filled from %s", client)
        return secrets.token_urlsafe(18)
    if not data.consent:
        raise RuleViolation("请阅读并同意《个人信息处理告知》后再提交", field="consent")
    org = _organisation(data)
    checked = checked_identifiers(org)  # the override-with-reason rule of the counter applies
    identifier = checked["uscc"] or checked["id_number"]
    phone, email = _contacts(data)
    if problem := passwords.password_problem(data.password, username=data.username):
        raise RuleViolation(problem, field="password")
    if await User.exists().where(User.username == data.username):
        raise Conflict("用户名已被使用，请换一个", field="username")
    client = client[:64]
    await _check_rate(identifier, client)
    token, now = secrets.token_urlsafe(18), clock.now()
    async with transaction():
        row = SignUp(
            **org.model_dump(include={"kind", "name", "legal_representative", "address"}),
            division_code=org.division_code,
            uscc_override_reason=org.uscc_override_reason if org.uscc else "",
            token=token,
            status=SignUpStatus.PENDING,
            identifier=identifier,
            display_name=data.display_name,
            phone=phone,
            email=email,
            username=data.username,
            password_hash=passwords.hash_password(data.password),
            consent_version=CONSENT_VERSION,
            consent_at=now,
            client=client,
            created_at=now,
        )
        await row.save()
        await _send_codes(row.token, phone, email, client)
        await audit.record(
            Applicant(f"注册申请人 {data.display_name}"),
            "signup:start",
            "sign_up",
            row.id,
            after={
                "kind": org.kind,
                "identifier": _masked(org.kind, identifier),
                "consent_version": CONSENT_VERSION,
            },
        )
    return token


def _masked(kind: str, identifier: str) -> str:
    # the audit chain is permanent: an ID number (sensitive personal information) goes masked
    if kind == OrganisationKind.INDIVIDUAL:
        return org_rules.mask_id_number(identifier)
    return identifier


async def _send_codes(token: str, phone: str, email: str, client: str) -> None:
    await codes.issue(Purpose.SIGNUP, Channel.SMS, phone, reference=token, client=client)
    if email:
        await codes.issue(Purpose.SIGNUP, Channel.EMAIL, email, reference=token, client=client)


async def _row(token: str) -> dict[str, Any]:
    row = await SignUp.select().where(SignUp.token == token[:40]).first()
    if row is None:
        raise NotFound("未找到该注册申请，可能已过期，请重新注册")
    return row


MESSAGES = {
    SignUpStatus.PENDING: "验证码已发送，请在有效期内输入",
    SignUpStatus.CLAIM: "该代码已由窗口登记。您的申请已转为账号认领，待管辖地审批人员或该单位现有"
    "账号持有人确认后即可登录，结果将以短信通知",
    SignUpStatus.DONE: "账号已开通，请登录。现在即可填写和提交许可申请；作出许可决定前，审批人员"
    "将核对营业执照或身份证（实名核验）",
    SignUpStatus.REFUSED: "账号认领未通过",
}


def out(row: dict[str, Any]) -> SignUpOut:
    status = SignUpStatus(row["status"])
    return SignUpOut(
        token=row["token"],
        status=status,
        status_label=status.label,
        message=MESSAGES[status],
        phone_masked=org_rules.mask_phone(row["phone"]),
        email_masked=_mask_email(row["email"]),
        username=row["username"],
        awaiting_codes=status is SignUpStatus.PENDING,
        account_open=status is SignUpStatus.DONE,
    )


def _mask_email(address: str) -> str:
    name, _, domain = address.partition("@")
    return f"{name[:1]}***@{domain}" if address else ""


async def get(token: str) -> SignUpOut:
    return out(await _row(token))


async def resend(token: str, *, client: str) -> SignUpOut:
    """New codes for a sign-up still waiting for them (rate-limited like the first)."""
    row = await _row(token)
    if row["status"] != SignUpStatus.PENDING:
        raise RuleViolation("该注册申请已确认，无需再发送验证码")
    async with transaction():
        await _send_codes(row["token"], row["phone"], row["email"], client[:64])
    return out(row)


async def confirm(token: str, phone_code: str, email_code: str = "") -> SignUpOut:
    """Take the codes; then open the account on a new organisation, or make a claim."""
    row = await _row(token)
    if row["status"] != SignUpStatus.PENDING:
        raise RuleViolation(codes.MSG_INVALID, field="phone_code")
    taken = [await codes.verify(Purpose.SIGNUP, row["phone"], phone_code, field="phone_code")]
    if row["email"]:
        taken.append(
            await codes.verify(Purpose.SIGNUP, row["email"], email_code, field="email_code")
        )
    if any(v.reference != row["token"] for v in taken):
        raise RuleViolation(codes.MSG_INVALID, field="phone_code")
    async with transaction():
        for verified in taken:
            await codes.take(verified)  # a second use of a code fails here, and rolls back
        key = f"{row['kind']}:{row['identifier']}"
        await _lock(key)
        existing = await identity.find_by_identifier(row["kind"], row["identifier"])
        if existing is not None:
            await _make_claim(row, existing)
        else:
            await _open_account(row, key)
    return out(await _row(token))


async def _lock(key: str) -> None:
    """Serialise sign-ups for one code: two at once give one organisation and one account.
    SQLite's write transactions already run one at a time (BEGIN IMMEDIATE)."""
    if not is_sqlite():
        await fetch("SELECT pg_advisory_xact_lock(hashtext({}))", key)


async def _make_claim(row: dict[str, Any], org: dict[str, Any]) -> None:
    now = clock.now()
    await SignUp.update(
        {
            SignUp.status: SignUpStatus.CLAIM,
            SignUp.organisation: org["id"],
            SignUp.confirmed_at: now,
        }
    ).where(SignUp.id == row["id"])
    await audit.record(
        Applicant(f"注册申请人 {row['display_name']}"),
        "signup:claim",
        "sign_up",
        row["id"],
        after={"organisation_id": org["id"]},
    )
    # the account holders hear of it through their own contacts; the applicant learns none
    await notify_organisation(
        org["id"],
        "账号认领申请",
        f"{row['display_name']}申请以本单位名义开通账号（用户名{row['username']}）。"
        "如确是本单位人员，请登录后在“账号认领”中同意，否则请拒绝。",
        "/claims",
    )


async def _open_account(row: dict[str, Any], key: str) -> None:
    if await User.exists().where(User.username == row["username"]):
        raise Conflict("用户名已被他人使用，请重新注册并换一个用户名", field="phone_code")
    applicant = Applicant(f"注册申请人 {row['display_name']}")
    org = parse(
        OrganisationCreate,
        {
            "kind": row["kind"],
            "name": row["name"],
            "uscc": row["identifier"] if row["kind"] == OrganisationKind.ENTERPRISE else None,
            "uscc_override_reason": row["uscc_override_reason"],
            "id_number": row["identifier"] if row["kind"] == OrganisationKind.INDIVIDUAL else None,
            "legal_representative": row["legal_representative"],
            "division_code": row["division_code"],
            "address": row["address"],
            "contact_person": row["display_name"],
            "phone": row["phone"],
        },
    )
    org_id = await identity.register_signed_up(applicant, org)
    user_id = await create_operator(applicant, row, org_id)
    await SignUp.update(
        {
            SignUp.status: SignUpStatus.DONE,
            SignUp.organisation: org_id,
            SignUp.user: user_id,
            SignUp.completed_key: key,
            SignUp.confirmed_at: clock.now(),
            SignUp.password_hash: "",
        }
    ).where(SignUp.id == row["id"])


async def create_operator(actor: audit.ActorLike, row: dict[str, Any], org_id: int) -> int:
    """The operator account of a sign-up, its phone (and e-mail) confirmed by the codes."""
    now = clock.now()
    user = User(
        username=row["username"],
        display_name=row["display_name"],
        password_hash=row["password_hash"],
        role=Role.OPERATOR,
        organisation=org_id,
        phone=row["phone"],
        email=row["email"],
        created_at=now,
        password_changed_at=now,
        phone_confirmed_at=row["confirmed_at"] or now,
        email_confirmed_at=(row["confirmed_at"] or now) if row["email"] else None,
    )
    await user.save()
    await audit.record(
        actor,
        "user:signup",
        "user",
        user.id,
        after={"username": row["username"], "organisation_id": org_id, "sign_up": row["id"]},
    )
    return user.id


async def purge_stale(now: datetime) -> int:
    """Delete sign-ups never confirmed, or refused, after the retention period (个人信息保护法
    第十九条: kept no longer than their purpose needs), with their old codes."""
    days = await rs.value(limits.SIGNUP_RETENTION_DAYS)
    before = now - timedelta(days=days)
    stale = SignUp.status.is_in([SignUpStatus.PENDING, SignUpStatus.REFUSED]) & (
        SignUp.created_at < before
    )
    count = await SignUp.count().where(stale)
    async with transaction():
        await SignUp.delete().where(stale)
        await OneTimeCode.delete().where(OneTimeCode.created_at < before)
    return count


async def purge_stale_on(today: date) -> int:
    """The daily duty: purge what is stale now (the scheduler passes the day)."""
    return await purge_stale(clock.now())
