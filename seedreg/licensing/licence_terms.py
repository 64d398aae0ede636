"""Licence numbers, validity, renewal and change deadlines, a licence's states and terms
(行政许可法 Arts. 49, 50, 70; 令第40号 Art. 14; 种子法 Arts. 31–33). Pure, no I/O."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta
from enum import StrEnum

from seedreg.licensing.deadlines import CHANGE_FILING_DAYS, EXPIRY_REMINDER_DAYS, RENEWAL_LEAD_DAYS
from seedreg.licensing.states import ApplicationKind

# --- licence numbers and validity -----------------------------------------------------------

LICENCE_NUMBER = re.compile(r"^(\d{6})(\d{4})(\d{4})$")
REGION_CODE = "150000"


def sequence_name(issuing_division: str, year: int) -> str:
    """The counter a licence number's last four digits come from: one per issuer and year."""
    return f"licence:{issuing_division}:{year}"


def number_parts(number: str) -> tuple[str, int, int] | None:
    """(issuing division, year, sequence) of a 14-digit number, or None if it is not one."""
    match = LICENCE_NUMBER.match(number)
    if match is None or not 1 <= int(match.group(3)) <= 9999:
        return None
    return match.group(1), int(match.group(2)), int(match.group(3))


def licence_number(issuing_division: str, year: int, sequence: int) -> str:
    """14 digits: issuing division (6) + year (4) + sequence (4), 令第40号 form notes."""
    if not re.fullmatch(r"\d{6}", issuing_division) or not 1 <= sequence <= 9999:
        msg = "许可证号无法生成：发证机关代码或序号超出范围"
        raise ValueError(msg)
    return f"{issuing_division}{year:04d}{sequence:04d}"


def licence_validity(valid_from: date, years: int) -> date:
    """Last valid day: ``years`` later, less one day (29 Feb rolls to 28 Feb)."""
    try:
        end = valid_from.replace(year=valid_from.year + years)
    except ValueError:
        end = valid_from.replace(year=valid_from.year + years, day=28)
    return end - timedelta(days=1)


def renewal_window_opens(valid_to: date, lead_days: int = RENEWAL_LEAD_DAYS) -> date:
    """Last day to apply for renewal with the full lead (行政许可法 Art. 50: 30 days unless a
    law, regulation or rule says otherwise)."""
    return valid_to - timedelta(days=lead_days)


def renewal_problem(valid_to: date, on: date, lead_days: int = RENEWAL_LEAD_DAYS) -> str | None:
    if on > valid_to:
        return "许可证已过期，不能申请延续，请重新申请核发"
    if on > renewal_window_opens(valid_to, lead_days):
        last = renewal_window_opens(valid_to, lead_days).isoformat()
        return f"应在有效期届满{lead_days}日前提出延续申请（最迟{last}）"
    return None


def change_is_late(change_occurred_on: date, filed_on: date) -> bool:
    """种子法 Art. 33: apply for 变更 within 30 days of the change."""
    return (filed_on - change_occurred_on).days > CHANGE_FILING_DAYS


def filing_warnings(
    kind: ApplicationKind,
    *,
    filed_on: date,
    change_occurred_on: date | None,
    licence_valid_to: date | None,
    renewal_lead_days: int = RENEWAL_LEAD_DAYS,
) -> list[str]:
    """Late filings that are still handled but that the officer and applicant should see:
    a change filed more than 30 days after it happened (种子法 Art. 33 ¶2, a possible
    violation) and a renewal filed inside the last 30 days (no deemed renewal, Art. 50)."""
    warnings = []
    if (
        kind is ApplicationKind.CHANGE
        and change_occurred_on
        and change_is_late(change_occurred_on, filed_on)
    ):
        warnings.append("变更事项发生后超过30日才申请变更登记（种子法第三十三条第二款）")
    if (
        kind is ApplicationKind.RENEWAL
        and licence_valid_to
        and filed_on > renewal_window_opens(licence_valid_to, renewal_lead_days)
    ):
        warnings.append(
            f"未在有效期届满{renewal_lead_days}日前申请延续：到期前未作出决定的，"
            "不视为准予延续（行政许可法第五十条）"
        )
    return warnings


class LicenceStatus(StrEnum):
    VALID = "valid"
    EXPIRED = "expired"
    CANCELLED = "cancelled"  # 注销
    ANNULLED = "annulled"  # 撤销
    REVOKED = "revoked"  # 吊销

    @property
    def label(self) -> str:
        return {
            "valid": "有效",
            "expired": "已过期",
            "cancelled": "已注销",
            "annulled": "已撤销",
            "revoked": "已吊销",
        }[self]


def renewal_term(current_valid_to: date, new_valid_to: date, decided_on: date) -> dict[str, str]:
    """The term a renewal grants: from the day after the current term ends to the new expiry,
    issued on the day of the decision (the number stays; 行政许可法 Art. 50)."""
    return term_record(
        ApplicationKind.RENEWAL, current_valid_to + timedelta(days=1), new_valid_to, decided_on
    )


def term_record(kind: ApplicationKind, valid_from: date, valid_to: date, issued_on: date) -> dict:
    """One term of a licence as its history stores it (ISO dates)."""
    return {
        "kind": kind.value,
        "valid_from": valid_from.isoformat(),
        "valid_to": valid_to.isoformat(),
        "issued_on": issued_on.isoformat(),
    }


def end_problem(
    kind: LicenceStatus, *, decision_number: str, decided_on: date | None, on: date
) -> tuple[str, str] | None:
    """吊销 is an administrative penalty (种子法 Arts. 74–76): it rests on a 行政处罚决定书, whose
    number and date the record must name. Returns (message, field) or None."""
    if kind is not LicenceStatus.REVOKED:
        return None
    if not decision_number.strip():
        return "吊销许可证须填写行政处罚决定书文号", "penalty_decision_number"
    if decided_on is None:
        return "吊销许可证须填写行政处罚决定书的作出日期", "penalty_decided_on"
    if decided_on > on:
        return "行政处罚决定书的日期不能晚于今天", "penalty_decided_on"
    return None


def ended_note(
    status: LicenceStatus, reason: str, decision_number: str, decided_on: date | None
) -> str:
    """What people read about an ended licence: its reason and, for 吊销, the 行政处罚决定书
    it rests on (种子法 Arts. 74–76) — in words, never a status code."""
    if status in (LicenceStatus.VALID, LicenceStatus.EXPIRED):
        return ""
    parts = []
    if decision_number:
        made = ""
        if decided_on:
            made = f"，{decided_on.year}年{decided_on.month}月{decided_on.day}日作出"
        parts.append(f"依据行政处罚决定书{decision_number}{made}")
    if reason:
        parts.append(f"理由：{reason}")
    return "；".join(parts)


def licence_status_on(stored: LicenceStatus, valid_to: date, on: date) -> LicenceStatus:
    """What a licence is on a day: an ended licence stays ended; a valid one expires."""
    if stored is LicenceStatus.VALID and on > valid_to:
        return LicenceStatus.EXPIRED
    return stored


def reminder_due(valid_to: date, on: date, sent: Iterable[int]) -> int | None:
    """Which expiry reminder (90/60/30 days) should go out on ``on``, if any not yet sent.

    Only the nearest lead reached counts: once the 60-day reminder is out, a missed 90-day one
    is stale and never follows it.
    """
    left = (valid_to - on).days
    reached = [lead for lead in EXPIRY_REMINDER_DAYS if 0 <= left <= lead]
    if not reached or min(reached) in set(sent):
        return None
    return min(reached)


# --- material checklist ---------------------------------------------------------------------
