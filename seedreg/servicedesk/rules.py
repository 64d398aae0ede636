"""Pure service-desk rules: answer and handling deadlines in working days, who may handle what,
the queue's colour band, seats and slot patterns. No I/O.

兴署发〔2021〕5号 Art. 14 (首问负责制, 有问必答) and Art. 37 (投诉受理、办理、反馈) set no number of
days, so the deadlines are local settings (``rule_settings``); Art. 38(三) fixes the 差评 follow-up
at 7 days, the rule licensing applies (reused from ``licensing.rules``, not copied).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from seedreg.accounts.rules import Actor, covers_division
from seedreg.core.errors import RuleViolation
from seedreg.core.workdays import WorkCalendar
from seedreg.licensing.rules import RATING_FOLLOW_UP_DAYS, Band, band, days_left

__all__ = ["Band", "band", "days_left"]

POOR = 2  # scores 1–2 are 差评, as licensing's ratings count them


class Channel(StrEnum):
    """咨询渠道 of Art. 14: 窗口、电话、网上、信函."""

    ONLINE = "online"
    PHONE = "phone"
    WINDOW = "window"
    LETTER = "letter"

    @property
    def label(self) -> str:
        return CHANNEL_LABELS[self]


CHANNEL_LABELS = {
    Channel.ONLINE: "网上咨询",
    Channel.PHONE: "电话咨询",
    Channel.WINDOW: "窗口咨询",
    Channel.LETTER: "信函咨询",
}
LOGGED_CHANNELS = (Channel.PHONE, Channel.WINDOW, Channel.LETTER)


class QuestionStatus(StrEnum):
    OPEN = "open"
    TAKEN = "taken"
    ANSWERED = "answered"


class BookingStatus(StrEnum):
    BOOKED = "booked"
    CANCELLED = "cancelled"
    ARRIVED = "arrived"
    NO_SHOW = "no_show"


class ComplaintStatus(StrEnum):
    OPEN = "open"
    ASSIGNED = "assigned"
    REPLIED = "replied"
    CLOSED = "closed"


ABOUT_LABELS = {"matter": "办理事项", "office": "办事机构", "person": "工作人员"}
STATUS_LABELS = {
    "open": "待处理",
    "taken": "已接手",
    "answered": "已答复",
    "booked": "已预约",
    "cancelled": "已取消",
    "arrived": "已到场",
    "no_show": "未到场",
    "assigned": "办理中",
    "replied": "已答复",
    "closed": "已办结",
}
# The other channels Art. 37 and Art. 36 name, shown on the complaint page.
OTHER_CHANNELS = (
    "兴安盟行政公署门户网站“政务服务监督投诉”统一入口（兴署发〔2021〕5号第三十七条）",
    "12345政务服务便民热线（兴署发〔2021〕5号第三十六条）",
)


def due_in_workdays(start: date, workdays: int, cal: WorkCalendar) -> date:
    """The deadline ``workdays`` working days after ``start`` (``start`` itself not counted;
    a question asked on a rest day starts counting from it all the same)."""
    return cal.add_workdays(start, workdays)


def follow_up_due(score: int, rated_on: date) -> date | None:
    """A 差评 is verified and answered within 7 days (兴署发〔2021〕5号 Art. 38(三))."""
    return rated_on + timedelta(days=RATING_FOLLOW_UP_DAYS) if score <= POOR else None


def may_handle(actor: Actor, division_code: str) -> bool:
    """Officials handle the desk's work of their jurisdiction (a league official: all)."""
    return bool(
        actor.is_official
        and actor.jurisdiction
        and covers_division(actor.jurisdiction, division_code)
    )


def may_manage_windows(actor: Actor | None) -> bool:
    """The league admin sets up windows and their weekly slots."""
    return actor is not None and actor.is_admin


def ensure_handover_reason(reason: str) -> str:
    """首问负责: the first responder owns the question until answered or handed over with a
    reason (Art. 14: 不得推诿扯皮)."""
    text = reason.strip()
    if len(text) < 2:
        raise RuleViolation("移交须说明理由", field="reason")
    return text


@dataclass(frozen=True)
class SlotPattern:
    """A weekly pattern: on these weekdays (0 = Monday) of working days, slots of ``minutes``
    from ``starts`` to ``ends``, each with ``capacity`` seats."""

    weekdays: frozenset[int]
    starts: str
    ends: str
    minutes: int
    capacity: int


def _minutes(hhmm: str) -> int:
    try:
        h, m = (int(p) for p in hhmm.split(":"))
    except ValueError:
        raise RuleViolation("时间格式应为 时:分，如 09:00", field="starts") from None
    if not (0 <= h < 24 and 0 <= m < 60):
        raise RuleViolation("时间格式应为 时:分，如 09:00", field="starts")
    return h * 60 + m


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def slot_times(pattern: SlotPattern) -> list[tuple[str, str]]:
    """The (starts, ends) of each slot in a day of the pattern."""
    first, last = _minutes(pattern.starts), _minutes(pattern.ends)
    if pattern.minutes < 5 or last <= first:
        raise RuleViolation("结束时间须晚于开始时间，每段至少5分钟", field="ends")
    times = []
    t = first
    while t + pattern.minutes <= last:
        times.append((_hhmm(t), _hhmm(t + pattern.minutes)))
        t += pattern.minutes
    return times


def pattern_days(
    pattern: SlotPattern, first: date, last: date, cal: WorkCalendar
) -> Iterable[date]:
    """The working days from ``first`` to ``last`` on the pattern's weekdays."""
    if last < first or (last - first).days > 366:
        raise RuleViolation("日期范围应在一年以内，且结束日期不早于开始日期", field="last")
    d = first
    while d <= last:
        if d.weekday() in pattern.weekdays and cal.is_workday(d):
            yield d
        d += timedelta(days=1)
