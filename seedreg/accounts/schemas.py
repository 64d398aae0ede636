"""Pydantic models for account input and output."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from seedreg.accounts.rules import Role
from seedreg.core.inputs import Input
from seedreg.organisations.rules import OrganisationKind
from seedreg.organisations.schemas import TEXT

USERNAME_PATTERN = r"^[A-Za-z0-9_.-]{3,40}$"


class Strict(Input):
    """Accounts' inputs: unknown fields refused, text stripped and checked (core.inputs)."""


class LoginIn(Strict):
    username: str = Field(min_length=1, max_length=40, description="用户名")
    password: str = Field(min_length=1, max_length=128, description="密码")


class PasswordChangeIn(Strict):
    current_password: str = Field(min_length=1, max_length=128)
    new_password: str = Field(min_length=1, max_length=128)


class UserCreate(Strict):
    username: str = Field(pattern=USERNAME_PATTERN, description="3–40位字母、数字、_.-")
    display_name: str = Field(min_length=1, max_length=60)
    password: str = Field(min_length=1, max_length=128)
    role: Role
    organisation_id: int | None = None
    jurisdiction: str | None = Field(default=None, pattern=r"^\d{6}$")
    enforcement_id: str = Field(default="", max_length=40)
    full_time_quarantine: bool = False
    real_name: str = Field(default="", max_length=40, description="真实姓名（签发证书时打印）")
    qualification_number: str = Field(default="", max_length=40, description="森林植物检疫员证号")
    phone: str = Field(default="", max_length=20)
    email: str = Field(default="", max_length=120)


class UserUpdate(Strict):
    """What the admin may correct on an account (all optional; the role stays)."""

    display_name: str | None = Field(default=None, min_length=1, max_length=60)
    jurisdiction: str | None = Field(default=None, pattern=r"^\d{6}$")
    enforcement_id: str | None = Field(default=None, max_length=40)
    full_time_quarantine: bool | None = None
    real_name: str | None = Field(default=None, max_length=40, description="真实姓名")
    qualification_number: str | None = Field(
        default=None, max_length=40, description="森林植物检疫员证号"
    )
    phone: str | None = Field(default=None, pattern=r"^[0-9+\- ]{0,20}$")
    email: str | None = Field(default=None, max_length=120)


class DisableIn(Strict):
    reason: str = Field(min_length=2, max_length=200, description="停用理由（记入审计）")


class PasswordResetIn(Strict):
    new_password: str = Field(min_length=1, max_length=128, description="新密码（须符合强度规则）")


class UserOut(BaseModel):
    id: int
    username: str
    display_name: str
    role: Role
    role_label: str
    organisation_id: int | None
    jurisdiction: str | None
    enforcement_id: str
    full_time_quarantine: bool
    real_name: str
    qualification_number: str
    active: bool
    created_at: datetime


class TokenOut(BaseModel):
    token: str = Field(description="Send as 'Authorization: Bearer <token>'.")
    expires_at: datetime
    user: UserOut


class ResetCodeIn(Strict):
    contact: str = Field(min_length=1, max_length=120, description="手机号码或电子邮箱")


class ResetIn(Strict):
    contact: str = Field(min_length=1, max_length=120, description="手机号码或电子邮箱")
    code: str = Field(pattern=r"^\s*\d{6}\s*$", description="6位验证码")
    new_password: str = Field(min_length=1, max_length=128)


class ResetCodeOut(BaseModel):
    message: str
    valid_minutes: int


class SignUpIn(Strict):
    """The sign-up form of a new nursery (enterprise by credit code, individual by ID)."""

    kind: OrganisationKind = Field(description="enterprise 企业（单位） / individual 个人")
    name: str = Field(min_length=2, max_length=120, pattern=TEXT, description="名称或姓名")
    uscc: str | None = Field(
        default=None, max_length=40, description="统一社会信用代码（空格、全角、小写均可）"
    )
    uscc_override_reason: str = Field(default="", max_length=200, pattern=TEXT)
    id_number: str | None = Field(default=None, max_length=40, description="身份证号（个人）")
    legal_representative: str = Field(min_length=2, max_length=60, pattern=TEXT)
    division_code: str = Field(pattern=r"^\d{6}$", description="所在旗县市代码")
    address: str = Field(min_length=4, max_length=200, pattern=TEXT)
    display_name: str = Field(min_length=1, max_length=60, pattern=TEXT, description="使用人姓名")
    phone: str = Field(min_length=1, max_length=30, description="手机号码（接收验证码）")
    email: str = Field(default="", max_length=120, description="电子邮箱（可选，须验证）")
    username: str = Field(pattern=USERNAME_PATTERN, description="3–40位字母、数字、_.-")
    password: str = Field(min_length=1, max_length=128)
    consent: bool = Field(default=False, description="已阅读并同意《个人信息处理告知》")
    website: str = Field(default="", max_length=200, description="留空（防机器人）")


class SignUpConfirmIn(Strict):
    phone_code: str = Field(pattern=r"^\s*\d{6}\s*$", description="手机验证码")
    email_code: str = Field(default="", pattern=r"^\s*(\d{6})?\s*$", description="邮箱验证码")


class SignUpOut(BaseModel):
    token: str = Field(description="本次注册的凭据：确认验证码、查看进度时使用")
    status: str
    status_label: str
    message: str
    phone_masked: str
    email_masked: str
    username: str
    awaiting_codes: bool = Field(description="还须输入验证码")
    account_open: bool = Field(description="账号已开通，可以登录")


class ClaimOut(BaseModel):
    id: int
    organisation_id: int
    organisation_name: str
    display_name: str
    username: str
    phone_masked: str
    created_at: datetime
    status: str
    status_label: str
    actions: list[str]


class ClaimRefuseIn(Strict):
    reason: str = Field(min_length=2, max_length=200, pattern=TEXT)
