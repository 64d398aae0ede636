"""The rules of a case (行政处罚案件), pure: its stages, the limitation (行政处罚法 Art. 36), the
90-day clock (Art. 60), the right to a hearing (Art. 63), legal review (Art. 58), what a decision
may be (Arts. 44–45) and how a published decision is masked (行政执法公示)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from seedreg.accounts.rules import Actor, Role, covers_division

DECISION_DAYS = 90  # 行政处罚法第六十条：自立案之日起九十日内作出行政处罚决定
HEARING_REQUEST_WORKDAYS = 5  # 第六十四条第（一）项：告知后五日内提出；第八十五条：五日指工作日
REVIEW_DAYS = 60  # 行政复议法第二十条：知道之日起六十日内申请行政复议
LAWSUIT_MONTHS = 6  # 行政诉讼法第四十六条：知道之日起六个月内提起诉讼
PAY_DAYS = 15  # 行政处罚法第六十七条第三款：收到决定书之日起十五日内缴纳罚款


class Stage(StrEnum):
    OPENED = "opened"
    INVESTIGATING = "investigating"
    NOTIFIED = "notified"
    REVIEWED = "reviewed"
    DECIDED = "decided"
    SERVED = "served"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return STAGE_LABELS[self]


STAGE_LABELS = {
    Stage.OPENED: "立案",
    Stage.INVESTIGATING: "调查取证",
    Stage.NOTIFIED: "已告知（陈述申辩）",
    Stage.REVIEWED: "法制审核",
    Stage.DECIDED: "已决定",
    Stage.SERVED: "已送达",
    Stage.CLOSED: "结案",
}
RUNNING = (Stage.OPENED, Stage.INVESTIGATING, Stage.NOTIFIED, Stage.REVIEWED)
PUBLISHED = (Stage.DECIDED, Stage.SERVED, Stage.CLOSED)


class PauseKind(StrEnum):
    HEARING = "hearing"
    ASSESSMENT = "assessment"

    @property
    def label(self) -> str:
        return {"hearing": "听证", "assessment": "检测、检验、鉴定"}[self.value]


class Band(StrEnum):
    OVERDUE = "overdue"
    RED = "red"
    AMBER = "amber"
    GREEN = "green"
    PAUSED = "paused"
    DONE = "done"

    @property
    def label(self) -> str:
        return {
            "overdue": "已超过作出决定的期限",
            "red": "剩10日以内",
            "amber": "剩30日以内",
            "green": "时间充裕",
            "paused": "期限中止计算",
            "done": "已作出决定",
        }[self.value]


# --- 行政处罚法第三十六条: the limitation -------------------------------------------------------


def limitation_years(endangers_life_or_health: bool) -> int:
    """Two years; five where the act concerns citizens' life and health (or financial) safety
    and had harmful consequences (行政处罚法第三十六条第一款)."""
    return 5 if endangers_life_or_health else 2


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def limitation_problem(act_on: date, found_on: date, *, serious: bool) -> str | None:
    """Counted from the day the act occurred, or ended where it continued (Art. 36 ¶2), to the day
    it was found; an act not found within the period is not punished. None when in time."""
    if act_on > found_on:
        return "违法行为发生（终了）日期不能晚于发现之日"
    years = limitation_years(serious)
    if found_on > _add_years(act_on, years):
        kind = "涉及公民生命健康安全且有危害后果的为五年" if serious else "一般为二年"
        return (
            f"违法行为于{act_on.year}年{act_on.month}月{act_on.day}日发生（终了），"
            f"{years}年内未被发现，依照行政处罚法第三十六条（{kind}）不再给予行政处罚，不能立案"
        )
    return None


# --- 行政处罚法第六十条: the 90-day clock ---------------------------------------------------------


@dataclass(frozen=True)
class Clock:
    due_on: date
    days_left: int
    band: Band
    paused: bool


def paused_days(pause_started_on: date | None, paused_before: int, on: date) -> int:
    running = (on - pause_started_on).days if pause_started_on else 0
    return paused_before + max(running, 0)


def clock(
    opened_on: date,
    *,
    extension_days: int,
    paused_before: int,
    pause_started_on: date | None,
    stage: Stage,
    on: date,
) -> Clock:
    """Ninety calendar days from 立案 (Art. 60; Art. 85 makes only 二、三、五、七日 working days),
    plus an approved extension and the days a hearing or an assessment stopped the clock."""
    paused = paused_days(pause_started_on, paused_before, on)
    due = opened_on + timedelta(days=DECISION_DAYS + extension_days + paused)
    left = (due - on).days
    if stage not in RUNNING:
        band = Band.DONE
    elif pause_started_on is not None:
        band = Band.PAUSED
    elif left < 0:
        band = Band.OVERDUE
    elif left <= 10:
        band = Band.RED
    elif left <= 30:
        band = Band.AMBER
    else:
        band = Band.GREEN
    return Clock(due, left, band, pause_started_on is not None)


# --- 告知, 听证, 法制审核, 决定 -------------------------------------------------------------------


def hearing_right(amount: int, *, revoke: bool, threshold: int) -> bool:
    """Art. 63: 较大数额罚款 (the threshold a local setting names) and 吊销许可证件 give the
    party the right to ask for a hearing."""
    return revoke or amount >= threshold


def review_required(amount: int, *, revoke: bool, hearing_held: bool, major_amount: int) -> bool:
    """Art. 58: legal review before a major decision — after a hearing (58(二)), and what the
    league counts as major (a revocation, a fine at or above the set amount)."""
    return revoke or hearing_held or amount >= major_amount


def amount_problem(amount: int, low: int | None, high: int | None) -> str | None:
    """A fine within the range the catalogue item gives for this 货值."""
    if amount < 0:
        return "罚款数额不能为负数"
    if low is None or high is None:
        if amount:
            return "该违法行为的罚款幅度无法确定（法律未规定数额或货值未核定），不能处以罚款"
        return None
    if not low <= amount <= high:
        return f"罚款数额应在{low:,}元至{high:,}元之间（处罚依据规定的幅度）"
    return None


def heavier_problem(amount: int, revoke: bool, notified: int, notified_revoke: bool) -> str | None:
    """Art. 45 ¶2: the decision may not be heavier than what was notified because the party
    stated a defence; a heavier one needs a new 告知 first."""
    if amount > notified or (revoke and not notified_revoke):
        return (
            "决定不能重于事先告知的处罚内容；如需加重，应重新告知当事人"
            "（行政处罚法第四十四条、第四十五条）"
        )
    return None


def hearing_request_problem(has_right: bool) -> str | None:
    if not has_right:
        return "本案告知的处罚不属于应当告知听证权利的情形（行政处罚法第六十三条）"
    return None


# --- who may do what ------------------------------------------------------------------------


def may_see_case(actor: Actor, division_code: str) -> bool:
    """The inspectors and the admin of the area (a league inspector sees every banner's)."""
    return (
        actor.role in (Role.INSPECTOR, Role.ADMIN)
        and actor.jurisdiction is not None
        and covers_division(actor.jurisdiction, division_code)
    )


def may_handle_case(actor: Actor, division_code: str) -> bool:
    return (
        actor.role is Role.INSPECTOR
        and actor.jurisdiction is not None
        and covers_division(actor.jurisdiction, division_code)
    )


NEXT: dict[Stage, tuple[str, ...]] = {
    Stage.OPENED: ("investigate", "extend", "pause"),
    Stage.INVESTIGATING: ("notify", "extend", "pause"),
    Stage.NOTIFIED: ("defence", "review", "decide", "extend", "pause"),
    Stage.REVIEWED: ("decide", "extend"),
    Stage.DECIDED: ("serve",),
    Stage.SERVED: ("close",),
    Stage.CLOSED: (),
}


def allowed_actions(
    stage: Stage, *, handler: bool, paused: bool, extended: bool, review_needed: bool
) -> list[str]:
    """What the page offers: nothing to a reader; while paused only resuming; one extension."""
    if not handler:
        return []
    if paused:
        return ["resume"]
    actions = list(NEXT[stage])
    if extended and "extend" in actions:
        actions.remove("extend")
    if stage is Stage.NOTIFIED and review_needed and "decide" in actions:
        actions.remove("decide")
    if stage is Stage.NOTIFIED and not review_needed and "review" in actions:
        actions.remove("review")
    return actions


def action_problem(stage: Stage, action: str, *, paused: bool) -> str | None:
    if paused and action != "resume":
        return "办案期限中止期间不能办理其他环节，请先恢复计算"
    if action == "resume":
        return None if paused else "本案期限没有中止"
    if action not in NEXT[stage]:
        return f"案件处于“{stage.label}”阶段，不能办理该环节"
    return None


# --- 行政执法公示: masking personal data ---------------------------------------------------

_ID = re.compile(r"\d{17}[\dXx]|\d{15}")
_PHONE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)|(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)")


def mask_name(name: str) -> str:
    """张三丰 → 张某某: an individual's name is not published in full."""
    name = name.strip()
    return name[:1] + "某" * max(len(name) - 1, 1) if name else ""


def mask_text(text: str) -> str:
    """ID numbers and phone numbers out of any published text."""
    text = _ID.sub(lambda m: m[0][:4] + "*" * (len(m[0]) - 4), text)
    return _PHONE.sub(lambda m: m[0][:3] + "*" * (len(m[0]) - 3), text)
