"""Pure rules of the follow-up of a check (issue 23): the re-inspection (复查) of each finding at
its 责令改正 deadline, the inspected business's 检查码 and its anonymous rating of the visit, and
the statistics counted from findings. No I/O."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

# 种子法 Arts. 74–82 order 责令改正 with the penalty; a finding not put right by the deadline
# goes on to a case (行政处罚法 Art. 54: 立案 where a violation is found that calls for a penalty).
ESCALATE_BASIS = "《中华人民共和国行政处罚法》第五十四条"
RECHECK_BASIS = "《中华人民共和国种子法》第七十四条至第八十二条（责令改正）"


class FollowUpState(StrEnum):
    PENDING = "pending"
    RECTIFIED = "rectified"
    ESCALATED = "escalated"

    @property
    def label(self) -> str:
        return {"pending": "待复查", "rectified": "已整改", "escalated": "未整改，移送立案"}[
            self.value
        ]


class Rating(StrEnum):
    """The inspected business's rating of a visit."""

    SATISFIED = "satisfied"
    FAIR = "fair"
    DISSATISFIED = "dissatisfied"

    @property
    def label(self) -> str:
        return {"satisfied": "满意", "fair": "基本满意", "dissatisfied": "不满意"}[self.value]


def outcome_problem(state: FollowUpState, note: str) -> str | None:
    """Why a re-inspection's result cannot be recorded, or None. Only a pending follow-up is
    decided, once; either way the re-inspection must say what it saw."""
    if state is FollowUpState.PENDING:
        return "请选择复查结果：已整改或未整改"
    if not note.strip():
        return "请填写复查情况（整改情况或未整改的事实）"
    return None


def grouped(code: str) -> str:
    """A 检查码 as printed: groups of four ('' stays '')."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def may_decide(current: str) -> bool:
    return current == FollowUpState.PENDING.value


def case_link(finding_id: int) -> str:
    """Where an escalated finding goes: the case form of part B (立案), pre-filled."""
    return f"/cases/new?finding={finding_id}"


def overdue(state: str, due_on: date, on: date) -> bool:
    """A rectification past its deadline with no re-inspection recorded."""
    return state == FollowUpState.PENDING.value and due_on < on


@dataclass(frozen=True)
class FindingFact:
    """One finding as the statistics count it."""

    code: str
    division_code: str
    month: str  # YYYY-MM of the check in 兴安盟's time


def by_item(facts: Iterable[FindingFact]) -> dict[str, int]:
    return dict(sorted(Counter(f.code for f in facts).items()))


def by_division(facts: Iterable[FindingFact]) -> dict[str, int]:
    return dict(sorted(Counter(f.division_code for f in facts).items()))


def by_month(facts: Iterable[FindingFact]) -> dict[str, int]:
    return dict(sorted(Counter(f.month for f in facts).items()))
