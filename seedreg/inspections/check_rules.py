"""Pure rules of the on-site check (现场检查, issue 22): who may record and read a check, how many
inspectors must be present, the checklist's answers, which catalogue item a label scan's
difference pre-fills, and the deadlines the law sets. No I/O."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from seedreg.accounts.rules import Actor, Role, covers_division

# 行政处罚法 Art. 42 ¶1: enforcement by at least two officers holding enforcement certificates.
MIN_INSPECTORS = 2
TOO_FEW_INSPECTORS = (
    "现场检查的执法人员不得少于两人，且须持有执法证（《中华人民共和国行政处罚法》第四十二条）"
)
NO_ENFORCEMENT_ID = (
    "执法人员{name}未登记执法证号，不能参加现场检查（《中华人民共和国行政处罚法》第四十二条）"
)

# 行政处罚法 Art. 56: goods kept under 先行登记保存 are decided on within seven days; Art. 85
# counts 七日 in working days.
SEIZURE_DECISION_WORKDAYS = 7
SEIZURE_BASIS = "《中华人民共和国行政处罚法》第五十六条"
RECORD_BASIS = (
    "《中华人民共和国行政处罚法》第四十二条、第五十五条；《中华人民共和国种子法》第四十九条"
)
SAMPLING_BASIS = "《中华人民共和国行政处罚法》第五十六条；《中华人民共和国种子法》第四十九条"


class Origin(StrEnum):
    """What opened the check."""

    DRAW = "draw"
    LEAD = "lead"
    AD_HOC = "ad_hoc"

    @property
    def label(self) -> str:
        return {"draw": "双随机抽查", "lead": "线索核查", "ad_hoc": "日常检查"}[self.value]


class ItemResult(StrEnum):
    """An answer on the checklist; 不符合 makes a finding."""

    COMPLIES = "complies"
    FAILS = "fails"
    NOT_APPLICABLE = "na"

    @property
    def label(self) -> str:
        return {"complies": "符合", "fails": "不符合", "na": "不适用"}[self.value]


class FindingSource(StrEnum):
    CHECKLIST = "checklist"
    SCAN = "scan"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {"checklist": "检查清单", "scan": "标签扫码", "other": "其他"}[self.value]


# The catalogue item each label-scan difference (labels.field_checks.Hint) pre-fills; the
# inspector may change it. Why each: the article the difference rests on (field_checks.BASIS).
HINT_ITEMS: dict[str, str] = {
    "forged_signature": "V3-3",  # a signature that fails: the label was altered (Art. 79(3))
    "label_not_found": "V3-2",  # an 信息代码 the registry never issued (Art. 40)
    "label_void": "V3-2",
    "label_copied": "V3-2",
    "lot_recalled": "V2-2",  # recalls are for quality: treated as 劣种苗 until tested
    "licence_invalid": "V1-1",  # trading without a valid licence (Art. 33 → 76(1))
    "no_quality_certificate": "V1-6",  # produced without following the testing rules
    "no_quarantine_certificate": "Q-1",
    "species_mismatch": "V2-1",  # 种类与标签不符 is fake seed (Art. 48 → 74)
    "lot_mismatch": "V3-2",
    "licence_mismatch": "V3-2",
    "quantity_mismatch": "V3-2",
}


def item_for_hint(hint: str) -> str | None:
    return HINT_ITEMS.get(hint)


@dataclass(frozen=True)
class ScanFinding:
    code: str
    text: str
    hint: str


def scan_findings(serial: str, mismatches: Iterable[tuple[str, str]]) -> list[ScanFinding]:
    """The findings a scan's differences pre-fill: one per difference with a catalogue item,
    each naming the label's serial so the record says which label it was."""
    out = []
    for hint, text in mismatches:
        code = item_for_hint(hint)
        if code is not None:
            out.append(ScanFinding(code=code, text=f"标签 {serial}：{text}", hint=hint))
    return out


@dataclass(frozen=True)
class Present:
    """An inspector named on the check, as the account says."""

    id: int
    name: str
    enforcement_id: str
    role: str
    jurisdiction: str | None


def inspectors_problem(people: list[Present], division_code: str) -> str | None:
    """Why these people cannot make a check, or None: two distinct inspectors at least, each
    with an enforcement certificate, each covering the inspected party's area."""
    if len({p.id for p in people}) < MIN_INSPECTORS:
        return TOO_FEW_INSPECTORS
    for p in people:
        if p.role != Role.INSPECTOR.value:
            return f"{p.name}不是执法人员，不能参加现场检查"
        if not p.enforcement_id.strip():
            return NO_ENFORCEMENT_ID.format(name=p.name)
        if not p.jurisdiction or not covers_division(p.jurisdiction, division_code):
            return f"执法人员{p.name}不负责被检查单位所在地区"
    if len({p.enforcement_id.strip() for p in people}) < MIN_INSPECTORS:
        return TOO_FEW_INSPECTORS
    return None


def may_record_check(actor: Actor, division_code: str) -> bool:
    """An inspector covering the party's area (a league inspector covers its banners)."""
    return (
        actor.role is Role.INSPECTOR
        and actor.jurisdiction is not None
        and covers_division(actor.jurisdiction, division_code)
    )


def may_see_check(actor: Actor, division_code: str) -> bool:
    """Inspectors and the admin of the area; no operator (the 检查码 of issue 23 will let the
    inspected party see its own), no other official: a check is an investigation record."""
    return (
        actor.role in (Role.INSPECTOR, Role.ADMIN)
        and actor.jurisdiction is not None
        and covers_division(actor.jurisdiction, division_code)
    )


def time_problem(started_at_iso: str, ended_at_iso: str) -> str | None:
    if ended_at_iso < started_at_iso:
        return "检查结束时间不能早于开始时间"
    return None


def published_result(findings: int) -> str:
    """What the 双随机 publication says of a drawn visit once checked: whether problems were
    found, not what they were (an investigation is not public until decided)."""
    return "已检查，未发现问题" if findings == 0 else "已检查，发现问题，依法处理中"


def rectify_due(on: date, days: int) -> date:
    """The 责令改正 deadline: a local setting's number of calendar days from the check."""
    return on + timedelta(days=days)
