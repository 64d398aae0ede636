"""Pure licensing rules: each decision's basis, the material checklist and who decides what
(bureau or region). No I/O. The state machine is in ``states``, the clocks in ``deadlines``,
licence numbers, validity and terms in ``licence_terms``; this module re-exports them, so
``rules.X`` stays the one name callers use.

Legal basis: 行政许可法 Arts. 32 (acceptance, deemed acceptance after 5 days), 42 (20 + 10 days),
43 (a lower authority reviews first), 45 (excluded periods), 50 (renewal 30 days ahead, deemed
renewal), 49 (change), 70 (cancellation), 82 (working days); 国家林业局令第40号 Arts. 12, 14;
种子法 Arts. 31–33;
兴署发〔2021〕5号 Arts. 16–18, 38.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

# The split modules' names, re-exported (see __all__): `rules.X` stays the one name callers use.
from seedreg.licensing.deadlines import (
    CHANGE_FILING_DAYS,
    DECISION_WORKDAYS,
    EXPIRY_REMINDER_DAYS,
    EXTENSION_WORKDAYS,
    INTAKE_PROMISED_WORKDAYS,
    INTAKE_STATUTORY_WORKDAYS,
    PAUSE_BASIS,
    PAUSE_GROUND_LABELS,
    RATING_FOLLOW_UP_DAYS,
    RENEWAL_LEAD_DAYS,
    Band,
    Pause,
    PauseGround,
    band,
    check_supplement_items,
    counted_pauses,
    days_left,
    decision_due,
    deemed_acceptance_day,
    intake_due,
    is_deemed_accepted,
    is_paused,
    issuing_due,
    pause_ground_problem,
    paused_workdays,
    pending_overdue,
    promised_due,
)
from seedreg.licensing.licence_terms import (
    LICENCE_NUMBER,
    REGION_CODE,
    LicenceStatus,
    change_is_late,
    end_problem,
    filing_warnings,
    licence_number,
    licence_status_on,
    licence_validity,
    number_parts,
    reminder_due,
    renewal_problem,
    renewal_term,
    renewal_window_opens,
    sequence_name,
    term_record,
)
from seedreg.licensing.states import (
    FINAL,
    STATUS_LABELS,
    TRANSITIONS,
    Action,
    ApplicationKind,
    Status,
    TransitionError,
    next_status,
)
from seedreg.matters.clocks import region_decision_problem
from seedreg.matters.rules import CATCH_ALL, material_item_problem


@dataclass(frozen=True)
class DecisionBasis:
    """What a decision on one kind of application is called, what it decides and the law it
    rests on (printed as "依照{basis}的规定，本机关决定{decided}")."""

    title: str
    finding: str
    decided: str
    basis: str


SEED_LAW = "《中华人民共和国种子法》"
LICENSING_LAW = "《中华人民共和国行政许可法》"
ORDER_40 = "《林木种子生产经营许可证管理办法》（国家林业局令第40号）"

# Each kind its own basis: 核发 种子法 Arts. 31–32 and 令第40号; 延续 行政许可法 Art. 50;
# 变更 种子法 Art. 33 and 行政许可法 Art. 49; 注销 行政许可法 Art. 70 (a cancellation, not a
# grant of a licence). The three grants also cite Art. 38 ¶1 (a grant is a written decision).
DECISION_BASES: dict[ApplicationKind, DecisionBasis] = {
    ApplicationKind.ISSUE: DecisionBasis(
        "准予行政许可决定书",
        "该申请符合法定条件、标准",
        "准予行政许可，核发林木种子生产经营许可证",
        f"{SEED_LAW}第三十一条、第三十二条，{ORDER_40}和{LICENSING_LAW}第三十八条第一款",
    ),
    ApplicationKind.RENEWAL: DecisionBasis(
        "准予延续行政许可决定书",
        "该申请符合法定条件、标准",
        "准予延续林木种子生产经营许可证有效期",
        f"{LICENSING_LAW}第三十八条第一款、第五十条",
    ),
    ApplicationKind.CHANGE: DecisionBasis(
        "准予变更行政许可决定书",
        "该申请符合法定条件、标准",
        "准予变更林木种子生产经营许可证载明事项",
        f"{SEED_LAW}第三十三条和{LICENSING_LAW}第三十八条第一款、第四十九条",
    ),
    ApplicationKind.CANCELLATION: DecisionBasis(
        "准予注销决定书",
        "该许可证依法应当办理注销手续",
        "准予注销林木种子生产经营许可证",
        f"{LICENSING_LAW}第七十条",
    ),
}


def decision_basis(kind: ApplicationKind | str) -> DecisionBasis:
    return DECISION_BASES[ApplicationKind(kind)]


def missing_items(
    checklist: Iterable[dict[str, object]],
    uploaded: Iterable[str],
    supplement_items: Iterable[str] = (),
) -> list[dict[str, object]]:
    """The checklist items still without a file: every required item, and each item the
    supplement notice named (行政许可法 Art. 32(四): the applicant is told at once what is
    missing; 兴署发〔2021〕5号 Art. 16(一) 一次性告知). In checklist order."""
    have = set(uploaded)
    asked = set(supplement_items)
    return [
        item
        for item in checklist
        if item["code"] not in have and (item["required"] or item["code"] in asked)
    ]


# --- who issues -----------------------------------------------------------------------------


def issuing_division(bureau_division: str, *, covers_improved_varieties: bool) -> str:
    """种子法 Art. 31 ¶2: licences for 林木良种 material are issued by the region's bureau."""
    return REGION_CODE if covers_improved_varieties else bureau_division


def region_decides(
    kind: ApplicationKind,
    *,
    handling_division: str,
    covers_improved_varieties: bool,
    licence_issuing_division: str | None,
) -> bool:
    """Whether the region's bureau decides, the handling bureau only reviewing (审核) and
    forwarding: a licence covering 林木良种 (种子法 Art. 31 ¶2), and anything done to a licence the
    region issued (its issuer renews, changes and cancels it, 行政许可法 Arts. 49–50, 70)."""
    if handling_division == REGION_CODE:
        return False
    if licence_issuing_division == REGION_CODE:
        return True
    return kind in (ApplicationKind.ISSUE, ApplicationKind.CHANGE) and covers_improved_varieties


def region_grant_problem(
    kind: ApplicationKind,
    *,
    number: str | None,
    valid_from: date | None,
    valid_to: date | None,
    decided_on: date,
    licence: tuple[str, date] | None,
) -> tuple[str, str] | None:
    """What the region's grant must state, by kind: a new licence its number and validity; a
    renewal the new expiry (same number); a change or cancellation nothing more. ``licence`` is
    the existing licence's number and expiry. Returns (message, field) or None."""
    if kind is ApplicationKind.ISSUE:
        if not number:
            return "请填写自治区核发的许可证号", "number"
        if valid_from is None or valid_to is None:
            return "请填写许可证有效期", "valid_to"
        if not decided_on <= valid_from < valid_to:
            return "日期应满足：决定日期 ≤ 有效期起 < 有效期止", "valid_from"
        return None
    if licence is None:
        return "未找到该许可证", "licence_id"
    if number and number != licence[0]:
        return f"延续、变更、注销不改变许可证号（{licence[0]}）", "number"
    if kind is ApplicationKind.RENEWAL and (valid_to is None or valid_to <= licence[1]):
        return "请填写延续后的有效期止，应晚于原有效期", "valid_to"
    return None


def valid_area_problem(issuing_division: str, area: Iterable[str]) -> str | None:
    """种子法 Art. 38 ¶1: the issuer sets the valid area within its own jurisdiction."""

    def within(code: str) -> bool:
        if code == issuing_division:
            return True
        if issuing_division.endswith("0000"):
            return code[:2] == issuing_division[:2]
        return issuing_division.endswith("00") and code[:4] == issuing_division[:4]

    outside = [code for code in area if not within(code)]
    if outside:
        return f"有效区域须在发证机关辖区内（种子法第三十八条），超出：{'、'.join(outside)}"
    return None


# this module's own names and the re-exported ones
__all__ = [
    "CATCH_ALL",
    "CHANGE_FILING_DAYS",
    "DECISION_BASES",
    "DECISION_WORKDAYS",
    "EXPIRY_REMINDER_DAYS",
    "EXTENSION_WORKDAYS",
    "FINAL",
    "INTAKE_PROMISED_WORKDAYS",
    "INTAKE_STATUTORY_WORKDAYS",
    "LICENCE_NUMBER",
    "LICENSING_LAW",
    "ORDER_40",
    "PAUSE_BASIS",
    "PAUSE_GROUND_LABELS",
    "RATING_FOLLOW_UP_DAYS",
    "REGION_CODE",
    "RENEWAL_LEAD_DAYS",
    "SEED_LAW",
    "STATUS_LABELS",
    "TRANSITIONS",
    "Action",
    "ApplicationKind",
    "Band",
    "DecisionBasis",
    "LicenceStatus",
    "Pause",
    "PauseGround",
    "Status",
    "TransitionError",
    "band",
    "change_is_late",
    "check_supplement_items",
    "counted_pauses",
    "days_left",
    "decision_basis",
    "decision_due",
    "deemed_acceptance_day",
    "end_problem",
    "filing_warnings",
    "intake_due",
    "is_deemed_accepted",
    "is_paused",
    "issuing_division",
    "issuing_due",
    "licence_number",
    "licence_status_on",
    "licence_validity",
    "material_item_problem",
    "next_status",
    "number_parts",
    "pause_ground_problem",
    "paused_workdays",
    "pending_overdue",
    "promised_due",
    "region_decides",
    "region_decision_problem",
    "region_grant_problem",
    "reminder_due",
    "renewal_problem",
    "renewal_term",
    "renewal_window_opens",
    "sequence_name",
    "term_record",
    "valid_area_problem",
]
