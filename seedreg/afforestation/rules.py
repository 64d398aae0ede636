"""Pure rules of afforestation deliveries: the checks of one delivered label, the 良种 share
delivered against the plan, and who may do what. No I/O: the registry's facts are arguments.

种子法第四十四条: projects funded wholly or mainly by the state must use 林木良种 according to
the plan of the forestry authority; the penalty is 第八十四条 (catalogue item V5-1)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from seedreg.accounts.rules import Actor, Role, covers_division
from seedreg.quality.rules import CertificateState

LEAD_CODE = "V5-1"  # fixtures/inspections/violations.csv: 未根据…计划使用林木良种
LEAD_TITLE = "应当使用良种而未使用良种"
LEAD_BASIS = "种子法第四十四条、第八十四条"
# Who sets up projects: the seed station (种苗站) and the league admin of the jurisdiction.
PROJECT_ROLES = frozenset({Role.SEED_STATION, Role.ADMIN})


class CheckOutcome(StrEnum):
    OK = "ok"
    PROBLEM = "problem"
    UNKNOWN = "unknown"  # 未能核对: the registry cannot say yet

    @property
    def label(self) -> str:
        return {"ok": "通过", "problem": "不符合", "unknown": "未能核对"}[self.value]


class Check(StrEnum):
    LABEL = "label"
    LICENCE = "licence"
    QUALITY = "quality"
    QUARANTINE = "quarantine"
    SPECIES = "species"
    INTRODUCTION = "introduction"

    @property
    def label(self) -> str:
        return CHECK_LABELS[self]


CHECK_LABELS = {
    Check.LABEL: "标签真实且未作废",
    Check.LICENCE: "生产经营许可证有效",
    Check.QUALITY: "质量检验合格证有效",
    Check.QUARANTINE: "检疫证书有效",
    Check.SPECIES: "树种与计划相符",
    Check.INTRODUCTION: "引种审批或备案",
}
# A lot produced in the league cites no approval (lots: '' in the league; a lot from outside
# must cite one when it is registered, issue 16; 兴署发〔2021〕6号 五(一)).
INTRODUCTION_NOT_NEEDED = "本盟内生产的批次，无需引种审批"


@dataclass(frozen=True)
class ApprovalFacts:
    """The introduction approval a lot cites, as ``introductions.approvals`` holds it."""

    number: str
    species: str
    variety: str
    origin_code: str
    decided_by: str


@dataclass(frozen=True)
class LabelRecord:
    """What the registry holds of a delivered label on the day of delivery; None fields:
    the label or the record does not exist."""

    found: bool
    label_valid: bool  # not void, not superseded, not copied, lot not recalled
    label_reason: str
    licence_status: str  # LicenceStatus value
    licence_valid_to: date | None
    quality_status: str | None  # "valid" / "revoked"; None: no certificate
    quality_valid_to: date | None
    quarantine_status: str | None
    quarantine_valid_to: date | None
    species: str
    variety: str = ""
    introduction_number: str = ""  # the lot's 引种批准文号; '' for a lot of the league
    approval: ApprovalFacts | None = None  # the approval under that number, if recorded


@dataclass(frozen=True)
class CheckResult:
    check: Check
    state: CheckOutcome
    text: str


def _valid(status: str | None, valid_to: date | None, on: date) -> bool:
    return status == CertificateState.VALID and valid_to is not None and valid_to >= on


def check_delivery(record: LabelRecord, planned: list[str], on: date) -> list[CheckResult]:
    """Each check of one delivered label on the day of delivery."""
    if not record.found:
        return [CheckResult(Check.LABEL, CheckOutcome.PROBLEM, "序列号不存在（可能是假冒标签）")]
    out = [
        CheckResult(
            Check.LABEL,
            CheckOutcome.OK if record.label_valid else CheckOutcome.PROBLEM,
            "标签真实有效" if record.label_valid else record.label_reason,
        )
    ]
    pairs = (
        (Check.LICENCE, record.licence_status, record.licence_valid_to, "生产经营许可证"),
        (Check.QUALITY, record.quality_status, record.quality_valid_to, "质量检验合格证"),
        (Check.QUARANTINE, record.quarantine_status, record.quarantine_valid_to, "检疫证书"),
    )
    for check, status, valid_to, what in pairs:
        if status is None:
            out.append(CheckResult(check, CheckOutcome.PROBLEM, f"没有{what}"))
        elif _valid(status, valid_to, on):
            out.append(CheckResult(check, CheckOutcome.OK, f"{what}有效"))
        else:
            text = f"{what}已失效（过期、撤销或吊销）"
            out.append(CheckResult(check, CheckOutcome.PROBLEM, text))
    if record.species in planned:
        out.append(CheckResult(Check.SPECIES, CheckOutcome.OK, f"{record.species}，与计划相符"))
    else:
        text = f"供苗树种“{record.species}”不在计划树种（{'、'.join(planned)}）之内"
        out.append(CheckResult(Check.SPECIES, CheckOutcome.PROBLEM, text))
    out.append(introduction_check(record))
    return out


def introduction_check(record: LabelRecord) -> CheckResult:
    """The approval the lot cites covers its species and variety (兴署发〔2021〕6号 五(一));
    not needed for a lot of the league."""
    number = record.introduction_number
    if not number:
        return CheckResult(Check.INTRODUCTION, CheckOutcome.OK, INTRODUCTION_NOT_NEEDED)
    approval = record.approval
    if approval is None:
        text = f"批次所引的引种批准文号“{number}”在本系统中没有记录"
        return CheckResult(Check.INTRODUCTION, CheckOutcome.PROBLEM, text)
    if approval.species != record.species:
        text = f"引种批准{number}的树种是{approval.species}，不是{record.species}"
        return CheckResult(Check.INTRODUCTION, CheckOutcome.PROBLEM, text)
    if approval.variety and record.variety and approval.variety != record.variety:
        text = f"引种批准{number}的品种是{approval.variety}，不是{record.variety}"
        return CheckResult(Check.INTRODUCTION, CheckOutcome.PROBLEM, text)
    text = f"引种批准{number}（{approval.decided_by}），与批次树种、品种相符"
    return CheckResult(Check.INTRODUCTION, CheckOutcome.OK, text)


def passed(results: list[CheckResult]) -> bool:
    """No check failed (未能核对 is not a failure: it is shown as such)."""
    return all(r.state is not CheckOutcome.PROBLEM for r in results)


@dataclass(frozen=True)
class Share:
    improved: int
    total: int
    required_percent: int

    @property
    def percent(self) -> Decimal:
        if not self.total:
            return Decimal(0)
        return (Decimal(self.improved) * 100 / self.total).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )

    @property
    def short(self) -> bool:
        """Below the plan's share (nothing delivered yet is not a shortfall)."""
        return self.total > 0 and self.percent < self.required_percent


def raises_lead(state_funded: bool, share: Share) -> bool:
    """Art. 44 binds projects funded wholly or mainly by the state."""
    return state_funded and share.short


def lead_detail(project: str, share: Share) -> str:
    return (
        f"{project}：已供苗木中林木良种占 {share.percent}%（{share.improved}/{share.total}），"
        f"低于计划的 {share.required_percent}%（{LEAD_BASIS}）"
    )


# --- who may do what --------------------------------------------------------------------------


def may_create(actor: Actor) -> bool:
    return actor.role in PROJECT_ROLES


def may_see(actor: Actor, organisation_id: int, division_code: str) -> bool:
    """The construction unit its own projects; officials those of their jurisdiction."""
    if actor.role is Role.OPERATOR:
        return actor.organisation_id == organisation_id
    return actor.jurisdiction is not None and covers_division(actor.jurisdiction, division_code)


def allowed_actions(actor: Actor, organisation_id: int, division_code: str) -> frozenset[str]:
    """record: deliveries (the construction unit receiving, or the station checking);
    assess: compute the share and raise the lead (officials)."""
    if not may_see(actor, organisation_id, division_code):
        return frozenset()
    actions = {"record"} if actor.role is Role.OPERATOR or actor.role in PROJECT_ROLES else set()
    if actor.role in PROJECT_ROLES:
        actions.add("assess")
    return frozenset(actions)
