"""Statutory clocks of an application of any matter (行政许可法 Arts. 32, 42, 45, 82; 令第40号
Art. 12; 兴署发〔2021〕5号 Arts. 16, 38): intake, decision and issuing deadlines, pauses, bands,
the one-time supplement notice. Pure, no I/O; dates and the working-day calendar are
arguments. A matter's own limits (the catalogue's statutory days) are passed as ``limit``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from seedreg.core.workdays import WorkCalendar

# --- clocks ---------------------------------------------------------------------------------

INTAKE_PROMISED_WORKDAYS = 1  # 兴署发〔2021〕5号 Art. 16: decide on acceptance in one working day
INTAKE_STATUTORY_WORKDAYS = 5  # 行政许可法 Art. 32: afterwards the application counts as accepted
DECISION_WORKDAYS = 20  # 行政许可法 Art. 42; 令第40号 Art. 12 for each of 审核 and 核发
EXTENSION_WORKDAYS = 10
RATING_FOLLOW_UP_DAYS = 7  # 兴署发〔2021〕5号 Art. 38


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
    extension: int = EXTENSION_WORKDAYS,
) -> date:
    """Statutory decision deadline: ``limit`` working days after acceptance (the matter's
    statutory days in the catalogue), plus the ``extension`` once granted, plus every excluded
    working day (counted up to ``on`` for an open pause)."""
    pauses = list(pauses)
    extra = extension if extended else 0
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


def region_decision_problem(
    *, decided_on: date, forwarded_on: date, on: date
) -> tuple[str, str] | None:
    """A recorded decision of the issuing authority falls between forwarding and today."""
    if decided_on < forwarded_on:
        return "核发机关的决定日期不能早于报送日期", "decided_on"
    if decided_on > on:
        return "核发机关的决定日期不能晚于今天", "decided_on"
    return None


def promised_due(accepted_on: date, promised_workdays: int, cal: WorkCalendar) -> date:
    return cal.add_workdays(accepted_on, promised_workdays)


class Band(StrEnum):
    OVERDUE = "overdue"
    RED = "red"
    PROMISE = "promise"  # past the promised day, the statutory one still ahead
    AMBER = "amber"
    GREEN = "green"

    @property
    def label(self) -> str:
        return BAND_LABELS[self]


BAND_LABELS = {
    Band.OVERDUE: "超过法定期限",
    Band.RED: "剩2个工作日以内",
    Band.PROMISE: "超过承诺时限",
    Band.AMBER: "剩5个工作日以内",
    Band.GREEN: "时间充裕",
}


def band(days_left: int, promised_days_left: int | None = None) -> Band:
    """Colour band for an inbox row by working days left to the statutory deadline, and to
    the promised one where it runs (兴署发〔2021〕5号: the guide publishes a 承诺时限 shorter than
    the statutory 20 working days): a missed promise has its own band, below the statutory
    overdue and last-two-days bands, which it never hides."""
    if days_left < 0:
        return Band.OVERDUE
    if days_left <= 2:
        return Band.RED
    if promised_days_left is not None and promised_days_left < 0:
        return Band.PROMISE
    if days_left <= 5:
        return Band.AMBER
    return Band.GREEN


def provisional_dates(
    dates: Mapping[str, date | None], cal: WorkCalendar, origin: date | None
) -> list[str]:
    """The deadlines counted into or through a year whose 调休 arrangement is not entered."""
    return [k for k, d in dates.items() if d and cal.is_provisional(origin or d, d)]


def days_left(due: date, on: date, cal: WorkCalendar) -> int:
    """Working days from ``on`` to ``due`` (0 = due today, negative = overdue)."""
    return cal.workdays_between(on, due)


def pending_overdue(reviewing: bool, pending_due: date | None, on: date) -> bool:
    """容缺受理 whose deferred items are past their day and still missing (the day is cleared
    when the last arrives), while the application is under review: the officer now decides,
    逾期未补正 → 不予批准 with reasons (兴署发〔2021〕5号 Art. 16(三))."""
    return reviewing and pending_due is not None and pending_due < on


# --- supplement (一次性告知) -------------------------------------------------------------------


def check_supplement_items(
    requested: set[str], earlier: set[str] | None, held: set[str] | None = None
) -> str | None:
    """After the one-time notice, only items it named may be asked for again; a material the
    applicant confirmed from a record the system holds is not asked for (兴署发〔2021〕5号
    Art. 10(四))."""
    if not requested:
        return "补正通知必须列明需要补正的全部材料"
    if asked_again := sorted(requested & (held or set())):
        return (
            f"材料 {'、'.join(asked_again)} 已由系统调取，不得要求申请人再提交"
            "（兴署发〔2021〕5号第十条（四））"
        )
    if earlier is not None and not requested <= earlier:
        return "一次性告知后，只能就首次补正通知列明的材料再次要求补正"
    return None
