"""Pure access rules: roles, actors and who may see what. No I/O."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

LEAGUE_CODE = "152200"


class Role(StrEnum):
    OPERATOR = "operator"
    LICENSING_OFFICER = "licensing_officer"
    SEED_STATION = "seed_station"
    QUARANTINE_OFFICER = "quarantine_officer"
    INSPECTOR = "inspector"
    ADMIN = "league_admin"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.OPERATOR: "生产经营者",
    Role.LICENSING_OFFICER: "审批人员",
    Role.SEED_STATION: "种苗站",
    Role.QUARANTINE_OFFICER: "检疫员",
    Role.INSPECTOR: "执法人员",
    Role.ADMIN: "盟林草局管理员",
}
OFFICIAL_ROLES = frozenset(Role) - {Role.OPERATOR}


@dataclass(frozen=True)
class Actor:
    """Who is acting: a signed-in user, reduced to what access decisions need."""

    user_id: int
    username: str
    display_name: str
    role: Role
    organisation_id: int | None = None
    jurisdiction: str | None = None

    @property
    def label(self) -> str:
        return f"{self.display_name}（{self.role.label}）"

    @property
    def is_official(self) -> bool:
        return self.role in OFFICIAL_ROLES

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN

    @property
    def is_operator(self) -> bool:
        """Acts for its own organisation (生产经营者); pages say "本单位…" to it."""
        return self.role is Role.OPERATOR

    @property
    def nav(self) -> Nav:
        """What the navigation offers this actor (templates ask this, never the role)."""
        return nav_for(self)


# Who handles licence applications (受理, 审查, 决定): the licensing officers and the league admin.
LICENSING_ROLES = frozenset({Role.LICENSING_OFFICER, Role.ADMIN})
# Who reviews suspected cloned labels: the seed station and the league admin.
CLONE_FLAG_ROLES = frozenset({Role.SEED_STATION, Role.ADMIN})
# Who enters and confirms the quality grading tables: the seed station and the league admin.
GRADING_ROLES = frozenset({Role.SEED_STATION, Role.ADMIN})
# Who plans inspections and draws (双随机): the inspectors and the league admin.
INSPECTION_ROLES = frozenset({Role.INSPECTOR, Role.ADMIN})
# Who deals with account claims: operators claim, licensing officers and the admin decide.
CLAIM_ROLES = frozenset({Role.OPERATOR, Role.LICENSING_OFFICER, Role.ADMIN})


@dataclass(frozen=True)
class Nav:
    """The navigation's choices for one actor."""

    own_organisation: bool  # an operator: "本单位信息", "本单位批次", "检疫证书"
    licensing_inbox: bool
    compliance: bool
    clone_flags: bool
    claims: bool
    register_organisations: bool  # the registrars (organisations.services.REGISTRAR_ROLES)
    admin: bool
    grading: bool  # the quality grading tables
    inspections: bool  # 执法检查: catalogue, plans, draws (inspectors and the admin)
    api_docs: bool


def may_read_api_docs(actor: Actor) -> bool:
    """The API documentation is for officials and the admin who connect other systems; an
    operator's menu does not offer it (issue 14 item 10: no technical text for users)."""
    return actor.is_official


def nav_for(actor: Actor) -> Nav:
    return Nav(
        own_organisation=actor.role is Role.OPERATOR,
        licensing_inbox=actor.role in LICENSING_ROLES,
        compliance=actor.is_official,
        clone_flags=actor.role in CLONE_FLAG_ROLES,
        claims=actor.role in CLAIM_ROLES,
        register_organisations=actor.role in LICENSING_ROLES,
        admin=actor.is_admin,
        grading=actor.role in GRADING_ROLES,
        inspections=actor.role in INSPECTION_ROLES,
        api_docs=may_read_api_docs(actor),
    )


def covers_division(jurisdiction: str, division_code: str) -> bool:
    """A league-level jurisdiction (…00) covers its banners; a banner covers only itself."""
    if jurisdiction == division_code:
        return True
    return jurisdiction.endswith("00") and division_code[:4] == jurisdiction[:4]


def may_see_record(actor: Actor, *, organisation_id: int | None, division_code: str) -> bool:
    """An operator sees its own organisation's records; an official those of its jurisdiction."""
    if actor.role is Role.OPERATOR:
        return organisation_id is not None and organisation_id == actor.organisation_id
    return actor.jurisdiction is not None and covers_division(actor.jurisdiction, division_code)


def jurisdiction_bounds(actor: Actor) -> tuple[str, str] | None:
    """Division codes ``low <= code < high`` an official's lists are limited to."""
    j = actor.jurisdiction
    if j is None:
        return None
    if j.endswith("00"):
        return j, f"{int(j[:4]) + 1:04d}00"
    return j, f"{int(j) + 1:06d}"


def validate_account(
    role: Role, *, organisation_id: int | None, jurisdiction: str | None, enforcement_id: str | None
) -> str | None:
    """Why an account's shape is wrong for its role, in Chinese; None when it is fine."""
    if role is Role.OPERATOR:
        if organisation_id is None:
            return "生产经营者账号必须属于一个生产经营者"
        if jurisdiction:
            return "生产经营者账号不设管辖区域"
        return None
    if not jurisdiction:
        return "工作人员账号必须设置管辖区域（兴安盟或某一旗县市）"
    if organisation_id is not None:
        return "工作人员账号不属于生产经营者"
    if role is Role.INSPECTOR and not enforcement_id:
        return "执法人员账号必须填写执法证号"
    if role is Role.ADMIN and jurisdiction != LEAGUE_CODE:
        return "盟林草局管理员的管辖区域必须是兴安盟"
    return None


def account_actions(actor: Actor, *, user_id: int, active: bool) -> frozenset[str]:
    """What ``actor`` may do to an account: edit, reset_password, disable or enable.

    Only the league admin manages accounts; nobody disables their own account (the last
    admin could lock everyone out).
    """
    if not actor.is_admin:
        return frozenset()
    actions = {"edit", "reset_password"}
    if user_id != actor.user_id:
        actions.add("disable" if active else "enable")
    return frozenset(actions)


# --- contacts (phone numbers and e-mail addresses) -----------------------------------------

PHONE_PATTERN = re.compile(r"1[3-9]\d{9}")
EMAIL_PATTERN = re.compile(r"[^@\s]{1,64}@[^@\s]{1,190}\.[^@\s.]{2,}")


def normalise_phone(raw: str) -> str:
    """A mainland mobile number as 11 digits: full-width digits, spaces, dashes and a +86
    or 0086 prefix are forgiven. Not a valid number → the cleaned text (callers check)."""
    text = unicodedata.normalize("NFKC", raw)
    text = re.sub(r"[\s\-()]", "", text)
    for prefix in ("+86", "0086"):
        if text.startswith(prefix):
            text = text[len(prefix) :]
    return text


def is_mobile(phone: str) -> bool:
    return PHONE_PATTERN.fullmatch(phone) is not None


def normalise_email(raw: str) -> str:
    return unicodedata.normalize("NFKC", raw).strip().lower()


def is_email(address: str) -> bool:
    return len(address) <= 120 and EMAIL_PATTERN.fullmatch(address) is not None


def parse_contact(raw: str) -> tuple[str, str]:
    """("sms", phone) or ("email", address) for what a person typed; ValueError otherwise."""
    if "@" in raw:
        address = normalise_email(raw)
        if is_email(address):
            return "email", address
    else:
        phone = normalise_phone(raw)
        if is_mobile(phone):
            return "sms", phone
    msg = "请输入11位手机号码或电子邮箱"
    raise ValueError(msg)


# --- online sign-ups and claims -------------------------------------------------------------


class SignUpStatus(StrEnum):
    PENDING = "pending"  # the form is in; the codes not yet entered
    CLAIM = "claim"  # the code was registered already: waiting for approval
    DONE = "done"  # the account exists
    REFUSED = "refused"  # a claim turned down

    @property
    def label(self) -> str:
        return SIGNUP_STATUS_LABELS[self]


SIGNUP_STATUS_LABELS = {
    SignUpStatus.PENDING: "待输入验证码",
    SignUpStatus.CLAIM: "认领待确认",
    SignUpStatus.DONE: "已开通账号",
    SignUpStatus.REFUSED: "认领未通过",
}


def claim_actions(
    actor: Actor, *, status: SignUpStatus, organisation_id: int, division_code: str
) -> frozenset[str]:
    """Who decides a claim on an organisation already registered: a licensing officer of its
    jurisdiction or the league admin, or an account holder of that organisation itself."""
    if status is not SignUpStatus.CLAIM:
        return frozenset()
    if actor.role is Role.OPERATOR:
        allowed = actor.organisation_id == organisation_id
    else:
        allowed = actor.role in {Role.LICENSING_OFFICER, Role.ADMIN} and bool(
            actor.jurisdiction and covers_division(actor.jurisdiction, division_code)
        )
    return frozenset({"approve", "refuse"}) if allowed else frozenset()
