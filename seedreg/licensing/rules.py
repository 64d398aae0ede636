"""Pure licensing rules: the application state machine, statutory clocks, licence numbers and
validity. No I/O; dates and the working-day calendar are arguments.

Legal basis: 行政许可法 Arts. 32 (acceptance, deemed acceptance after 5 days), 42 (20 + 10 days),
43 (a lower authority reviews first), 45 (excluded periods), 50 (renewal 30 days ahead, deemed
renewal), 49 (change), 70 (cancellation), 82 (working days); 国家林业局令第40号 Arts. 12, 14;
种子法 Arts. 31–33;
兴署发〔2021〕5号 Arts. 16–18, 38.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from seedreg.core.workdays import WorkCalendar


class ApplicationKind(StrEnum):
    ISSUE = "issue"
    RENEWAL = "renewal"
    CHANGE = "change"
    CANCELLATION = "cancellation"

    @property
    def label(self) -> str:
        return {"issue": "核发", "renewal": "延续", "change": "变更", "cancellation": "注销"}[self]


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


class Status(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    SUPPLEMENT_REQUESTED = "supplement_requested"
    ACCEPTED = "accepted"
    FORWARDED = "forwarded"  # 审核 done, the review file is with the issuing authority (核发)
    GRANTED = "granted"
    REFUSED = "refused"
    REJECTED_INTAKE = "rejected_intake"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]

    @property
    def is_final(self) -> bool:
        return self in FINAL


STATUS_LABELS = {
    Status.DRAFT: "草稿",
    Status.SUBMITTED: "已提交，待受理",
    Status.SUPPLEMENT_REQUESTED: "待补正",
    Status.ACCEPTED: "已受理，审查中",
    Status.FORWARDED: "已报送核发机关，待核发",
    Status.GRANTED: "准予许可",
    Status.REFUSED: "不予许可",
    Status.REJECTED_INTAKE: "不予受理",
    Status.WITHDRAWN: "已撤回",
}
FINAL = frozenset({Status.GRANTED, Status.REFUSED, Status.REJECTED_INTAKE, Status.WITHDRAWN})


class Action(StrEnum):
    SUBMIT = "submit"
    REQUEST_SUPPLEMENT = "request_supplement"
    RESUBMIT = "resubmit"
    ACCEPT = "accept"
    DEEM_ACCEPTED = "deem_accepted"
    REJECT_INTAKE = "reject_intake"
    GRANT = "grant"
    REFUSE = "refuse"
    WITHDRAW = "withdraw"
    FORWARD = "forward"
    EXTEND_ISSUING = "extend_issuing"
    REGION_GRANT = "region_grant"
    REGION_REFUSE = "region_refuse"


TRANSITIONS: dict[tuple[Status, Action], Status] = {
    (Status.DRAFT, Action.SUBMIT): Status.SUBMITTED,
    (Status.SUBMITTED, Action.REQUEST_SUPPLEMENT): Status.SUPPLEMENT_REQUESTED,
    (Status.SUBMITTED, Action.ACCEPT): Status.ACCEPTED,
    (Status.SUBMITTED, Action.DEEM_ACCEPTED): Status.ACCEPTED,
    (Status.SUBMITTED, Action.REJECT_INTAKE): Status.REJECTED_INTAKE,
    (Status.SUBMITTED, Action.WITHDRAW): Status.WITHDRAWN,
    (Status.SUPPLEMENT_REQUESTED, Action.RESUBMIT): Status.SUBMITTED,
    (Status.SUPPLEMENT_REQUESTED, Action.WITHDRAW): Status.WITHDRAWN,
    (Status.ACCEPTED, Action.GRANT): Status.GRANTED,
    (Status.ACCEPTED, Action.REFUSE): Status.REFUSED,
    (Status.ACCEPTED, Action.WITHDRAW): Status.WITHDRAWN,
    # 良种: the bureau reviews (审核) and forwards; the region issues (核发) and the officer
    # records its decision. The region's extension of its own clock keeps the state.
    (Status.ACCEPTED, Action.FORWARD): Status.FORWARDED,
    (Status.FORWARDED, Action.EXTEND_ISSUING): Status.FORWARDED,
    (Status.FORWARDED, Action.REGION_GRANT): Status.GRANTED,
    (Status.FORWARDED, Action.REGION_REFUSE): Status.REFUSED,
    (Status.FORWARDED, Action.WITHDRAW): Status.WITHDRAWN,
}


class TransitionError(ValueError):
    """An action that the application's state does not allow; the message is Chinese."""


def next_status(current: Status, action: Action) -> Status:
    """The state after ``action``, or TransitionError (a decided application stays decided)."""
    try:
        return TRANSITIONS[(current, action)]
    except KeyError:
        raise TransitionError(f"申请当前状态为“{current.label}”，不能执行此操作") from None


# --- clocks ---------------------------------------------------------------------------------

INTAKE_PROMISED_WORKDAYS = 1  # 兴署发〔2021〕5号 Art. 16: decide on acceptance in one working day
INTAKE_STATUTORY_WORKDAYS = 5  # 行政许可法 Art. 32: afterwards the application counts as accepted
DECISION_WORKDAYS = 20  # 行政许可法 Art. 42; 令第40号 Art. 12 for each of 审核 and 核发
EXTENSION_WORKDAYS = 10
RENEWAL_LEAD_DAYS = 30  # 行政许可法 Art. 50; the local setting licensing.renewal_lead_days
CHANGE_FILING_DAYS = 30  # 种子法 Art. 33 ¶2
RATING_FOLLOW_UP_DAYS = 7  # 兴署发〔2021〕5号 Art. 38
EXPIRY_REMINDER_DAYS = (90, 60, 30)


class PauseGround(StrEnum):
    """What may stop the clock: the closed list of 行政许可法 Art. 45. 现场核查 (Art. 34) is not
    on it: a site check runs inside the 20 working days."""

    HEARING = "hearing"
    TENDER = "tender"
    AUCTION = "auction"
    INSPECTION = "inspection"
    TESTING = "testing"
    QUARANTINE = "quarantine"
    APPRAISAL = "appraisal"
    EXPERT_REVIEW = "expert_review"

    @property
    def label(self) -> str:
        return PAUSE_GROUND_LABELS[self]

    @property
    def basis(self) -> str:
        return PAUSE_BASIS


PAUSE_GROUND_LABELS = {
    PauseGround.HEARING: "听证",
    PauseGround.TENDER: "招标",
    PauseGround.AUCTION: "拍卖",
    PauseGround.INSPECTION: "检验",
    PauseGround.TESTING: "检测",
    PauseGround.QUARANTINE: "检疫",
    PauseGround.APPRAISAL: "鉴定",
    PauseGround.EXPERT_REVIEW: "专家评审",
}
PAUSE_BASIS = "行政许可法第四十五条"


def pause_ground_problem(ground: str | None) -> str | None:
    """A pause must name one ground of Art. 45's closed list; anything else is refused."""
    if ground in {g.value for g in PauseGround}:
        return None
    lawful = "、".join(PAUSE_GROUND_LABELS.values())
    return f"中止计算审查期限须依法说明事由，只能是{lawful}之一（{PAUSE_BASIS}）"


@dataclass(frozen=True)
class Pause:
    """An excluded period (行政许可法 Art. 45): one of the grounds of ``PauseGround``."""

    start: date
    end: date | None  # None while it lasts


def counted_pauses(records: Iterable[dict]) -> list[Pause]:
    """The stored pauses that exclude time: an annulled one (a site check recorded as a pause
    before it was corrected) never did, and counts as if it had not been."""
    return [
        Pause(
            date.fromisoformat(r["start"]), date.fromisoformat(r["end"]) if r.get("end") else None
        )
        for r in records
        if not r.get("annulled_on")
    ]


def is_paused(records: Iterable[dict]) -> bool:
    return any(not r.get("end") and not r.get("annulled_on") for r in records)


def intake_due(received_on: date, cal: WorkCalendar) -> date:
    """The league's promised day for the acceptance decision."""
    return cal.add_workdays(received_on, INTAKE_PROMISED_WORKDAYS)


def deemed_acceptance_day(received_on: date, cal: WorkCalendar) -> date:
    """After this day without a notice the application counts as accepted (Art. 32)."""
    return cal.add_workdays(received_on, INTAKE_STATUTORY_WORKDAYS)


def is_deemed_accepted(received_on: date, on: date, cal: WorkCalendar) -> bool:
    return on > deemed_acceptance_day(received_on, cal)


def paused_workdays(pauses: Iterable[Pause], on: date, cal: WorkCalendar) -> int:
    """Working days excluded by pauses: from a pause's first day up to, not including, the day
    it ends (an open pause runs until ``on``). Paused and resumed the same day excludes nothing.
    """
    day = timedelta(days=1)
    total = 0
    for p in pauses:
        end = min(p.end or on, on)
        total += max(0, cal.workdays_between(p.start - day, end - day))
    return total


def decision_due(
    accepted_on: date,
    cal: WorkCalendar,
    *,
    extended: bool = False,
    pauses: Iterable[Pause] = (),
    on: date | None = None,
    limit: int = DECISION_WORKDAYS,
) -> date:
    """Statutory decision deadline: ``limit`` working days after acceptance, plus the
    extension, plus every excluded working day (counted up to ``on`` for an open pause)."""
    pauses = list(pauses)
    extra = EXTENSION_WORKDAYS if extended else 0
    if on is None and any(p.end is None for p in pauses):
        msg = "an open pause needs the day to count it up to (on=)"
        raise ValueError(msg)
    excluded = paused_workdays(pauses, on or date.max, cal) if pauses else 0
    return cal.add_workdays(accepted_on, limit + extra + excluded)


def issuing_due(review_file_on: date, cal: WorkCalendar, *, extended: bool = False) -> date:
    """The issuing authority's (核发) deadline: 20 working days from receiving the review file,
    plus 10 if it extends once (令第40号 Art. 12). The reviewing bureau's own clock ended when
    it forwarded the file."""
    return decision_due(review_file_on, cal, extended=extended)


def promised_due(accepted_on: date, promised_workdays: int, cal: WorkCalendar) -> date:
    return cal.add_workdays(accepted_on, promised_workdays)


class Band(StrEnum):
    OVERDUE = "overdue"
    RED = "red"
    AMBER = "amber"
    GREEN = "green"


def band(days_left: int) -> Band:
    """Colour band for an inbox row by working days left."""
    if days_left < 0:
        return Band.OVERDUE
    if days_left <= 2:
        return Band.RED
    if days_left <= 5:
        return Band.AMBER
    return Band.GREEN


def days_left(due: date, on: date, cal: WorkCalendar) -> int:
    """Working days from ``on`` to ``due`` (0 = due today, negative = overdue)."""
    return cal.workdays_between(on, due)


def pending_overdue(status: Status, pending_due: date | None, on: date) -> bool:
    """容缺受理 whose deferred items are past their day and still missing (the day is cleared
    when the last arrives): the officer now decides, 逾期未补正 → 不予批准 with reasons
    (兴署发〔2021〕5号 Art. 16(三))."""
    return status is Status.ACCEPTED and pending_due is not None and pending_due < on


# --- supplement (一次性告知) -------------------------------------------------------------------


def check_supplement_items(requested: set[str], earlier: set[str] | None) -> str | None:
    """After the one-time notice, only items it named may be asked for again."""
    if not requested:
        return "补正通知必须列明需要补正的全部材料"
    if earlier is not None and not requested <= earlier:
        return "一次性告知后，只能就首次补正通知列明的材料再次要求补正"
    return None


# --- licence numbers and validity -----------------------------------------------------------

LICENCE_NUMBER = re.compile(r"^(\d{6})(\d{4})(\d{4})$")
REGION_CODE = "150000"


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

# A bare "有关…"/"相关…" item ("有关证明", "相关部门出具的文件") names nothing the applicant can
# find in the guide, just as "其他材料" does.
CATCH_ALL = re.compile(
    r"其他|其它|其余|等材料|^\s*(有关|相关)|(有关|相关)(的)?(材料|文件|证明|资料|手续|证件)"
)


def material_item_problem(name: str, legal_basis: str) -> str | None:
    """兴署发〔2021〕5号 Art. 10: every material needs a legal basis; no catch-all items, so
    nothing is asked beyond the guide (Art. 16(二))."""
    if CATCH_ALL.search(name):
        return (
            "材料名称不得含有“其他”“有关”等兜底性表述（兴署发〔2021〕5号第十条、"
            "第十六条第二项：不得超出办事指南规定的要求）"
        )
    if not legal_basis.strip():
        return "每项材料必须注明法律法规或规章依据"
    return None


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


def region_decision_problem(
    *, decided_on: date, forwarded_on: date, on: date
) -> tuple[str, str] | None:
    """A recorded decision of the issuing authority falls between forwarding and today."""
    if decided_on < forwarded_on:
        return "核发机关的决定日期不能早于报送日期", "decided_on"
    if decided_on > on:
        return "核发机关的决定日期不能晚于今天", "decided_on"
    return None


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
