"""Pure rules of the 良种 register: 审定 or 认定, whether a 良种 is in force on a day, and the soft
check of its number. No I/O.

Sources: a 良种 is approved (审定, 种子法第十五条) or, where production needs it before
approval, recognised (认定, 第二十三条第二款); a recognised 良种 stops being one when its
recognition ends (facts §14); promotion of a 良种 ordered to stop is punished under 第七十七条
第一款第三项. How long a recognition lasts was NOT FOUND: it is stored per row, with a local
setting for the default the form suggests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from seedreg.accounts.rules import Actor
from seedreg.reference import rules as divisions


class Kind(StrEnum):
    APPROVAL = "approval"  # 审定
    RECOGNITION = "recognition"  # 认定

    @property
    def label(self) -> str:
        return KIND_LABELS[self]

    @property
    def letter(self) -> str:
        """The number's second segment (facts §14: S = 审定; R = 认定, unconfirmed)."""
        return "S" if self is Kind.APPROVAL else "R"


KIND_LABELS = {Kind.APPROVAL: "审定", Kind.RECOGNITION: "认定"}


class VarietyStatus(StrEnum):
    VALID = "valid"
    EXPIRED = "expired"
    STOPPED = "stopped"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {
    VarietyStatus.VALID: "有效",
    VarietyStatus.EXPIRED: "认定已过期",
    VarietyStatus.STOPPED: "已停止推广",
}
STOP_BASIS = "种子法第七十七条第一款第三项"
RECOGNITION_BASIS = "种子法第二十三条第二款"


@dataclass(frozen=True)
class Standing:
    """What decides a 良种's status: its kind, the end of a recognition, a stop order."""

    kind: Kind
    valid_until: date | None = None
    stopped_on: date | None = None


def status_on(standing: Standing, on: date) -> VarietyStatus:
    """有效, 认定已过期 (the day after ``valid_until``) or 已停止推广 (from ``stopped_on``).
    A stop order outranks expiry: it is what the penalty article names."""
    if standing.stopped_on is not None and standing.stopped_on <= on:
        return VarietyStatus.STOPPED
    if (
        standing.kind is Kind.RECOGNITION
        and standing.valid_until is not None
        and standing.valid_until < on
    ):
        return VarietyStatus.EXPIRED
    return VarietyStatus.VALID


def status_problem(standing: Standing, on: date) -> str | None:
    """Why the 良种 may not be promoted or used as 良种 on ``on``, or None."""
    status = status_on(standing, on)
    if status is VarietyStatus.STOPPED:
        stopped = cn_day(standing.stopped_on)
        return f"该良种已于{stopped}停止推广，不得作为良种推广、销售（{STOP_BASIS}）"
    if status is VarietyStatus.EXPIRED:
        return (
            f"该良种的认定已于{cn_day(standing.valid_until)}期满，期满后不再作为良种"
            f"（{RECOGNITION_BASIS}）"
        )
    return None


def cn_day(value: date | None) -> str:
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


def kind_problem(kind: Kind, valid_until: date | None) -> str | None:
    """A recognition states when it ends; an approval has no end date."""
    if kind is Kind.RECOGNITION and valid_until is None:
        return "认定的良种须填写认定有效期至"
    if kind is Kind.APPROVAL and valid_until is not None:
        return "审定的良种没有有效期，请留空“认定有效期至”"
    return None


# facts §14: authority – S|R – category – Latin initials – 3-digit serial – year. Only the
# national S-SF/SV/SC examples are confirmed, so each mismatch is a warning, never a refusal.
NUMBER = re.compile(r"^(国|[\u4e00-\u9fa5])(S|R)-([A-Z]{2,3})-([A-Z]{2,4})-(\d{3})-(\d{4})$")
CATEGORIES = {
    "SV": "优良品种",
    "SC": "优良无性系",
    "SF": "优良家系",
    "SP": "优良种源",
    "SS": "母树林",
    "SSO": "种子园",
    "ETS": "引种驯化",
}
EXAMPLE = "国S-SV-CC-031-2008"


def number_warnings(number: str, *, kind: Kind, body_code: str, year: int | None) -> list[str]:
    """The soft check of a 审定/认定 number (facts §6, §14; low confidence): each way the number
    differs from the usual format or from the row's own facts. Empty when it looks right."""
    text = number.strip()
    match = NUMBER.match(text)
    if match is None:
        return [f"编号“{text}”与常见格式（如 {EXAMPLE}）不一致，请与审定（认定）公告核对"]
    mark, letter, category, _initials, _serial, number_year = match.groups()
    warnings = []
    marks = divisions.body_abbreviations(body_code)
    if marks and mark not in marks:
        warnings.append(f"编号开头“{mark}”与审定（认定）机关（应为“{marks[0]}”）不一致")
    if letter != kind.letter:
        warnings.append(f"编号中的“{letter}”与{kind.label}不一致（审定为S，认定为R）")
    if category not in CATEGORIES:
        warnings.append(f"编号中的类别“{category}”不在常见类别（SV、SC、SF、SP、SS、SSO、ETS）中")
    if year is not None and int(number_year) != year:
        warnings.append(f"编号末尾的年份{number_year}与{kind.label}年份{year}不一致")
    return warnings


def may_keep_register(actor: Actor) -> bool:
    """The league admin keeps the register; every signed-in user reads it."""
    return actor.is_admin


def variety_actions(actor: Actor, status: VarietyStatus) -> tuple[str, ...]:
    """What ``actor`` may do to one 良种: correct it, and order its promotion stopped once."""
    if not may_keep_register(actor):
        return ()
    return ("edit",) if status is VarietyStatus.STOPPED else ("edit", "stop")


def recognition_default_end(year: int, years: int) -> date:
    """The assumed last day of a recognition whose announcement states none (local setting)."""
    return date(year + years, 12, 31)


def body_name(body_code: str) -> str:
    """国家 or the province's name, as pages and the export show the approving body."""
    if body_code == divisions.NATIONAL:
        return "国家"
    return divisions.province_name(body_code)


def body_code_of(text: str) -> str | None:
    """The body code from what a sheet says: 国家/国, a province's name or abbreviation, or its
    code; None when nothing matches."""
    value = text.strip()
    if value in ("国家", "国", "全国", divisions.NATIONAL):
        return divisions.NATIONAL
    for prefix, (name, *marks) in divisions.PROVINCES.items():
        short = name[:3] if prefix == divisions.REGION_PREFIX else name[:2]
        plain = name.removesuffix("省").removesuffix("市")
        if value in (name, short, plain, f"{prefix}0000") or (value and value in marks):
            return f"{prefix}0000"
    return None
