"""Pure rules of leads (线索): their kinds and states, who handles them, and what a decision
needs. No I/O."""

from __future__ import annotations

from enum import StrEnum

from seedreg.accounts.rules import Actor, Role, covers_division


class LeadKind(StrEnum):
    ARCHIVE = "archive"
    IMPROVED_SEED = "improved_seed"
    CLONE = "clone"
    NO_APPROVAL = "no_approval"
    POOR_RATING = "poor_rating"
    COMPLAINT = "complaint"

    @property
    def label(self) -> str:
        return {
            "archive": "档案不齐全",
            "improved_seed": "良种不足",
            "clone": "克隆标签",
            "no_approval": "无引种批准调入",
            "poor_rating": "差评",
            "complaint": "投诉",
        }[self.value]


class LeadState(StrEnum):
    NEW = "new"
    DISPATCHED = "dispatched"
    DISMISSED = "dismissed"

    @property
    def label(self) -> str:
        return {"new": "待处理", "dispatched": "已派查", "dismissed": "不予立查"}[self.value]


def may_see(actor: Actor, division_code: str) -> bool:
    """The banner's inspectors see its own leads; the league's see all; the admin reads."""
    return (
        actor.role in (Role.INSPECTOR, Role.ADMIN)
        and actor.jurisdiction is not None
        and covers_division(actor.jurisdiction, division_code)
    )


def may_decide(actor: Actor, division_code: str, state: str) -> bool:
    """Only a new lead is decided, by an inspector covering its area."""
    return (
        state == LeadState.NEW.value
        and actor.role is Role.INSPECTOR
        and actor.jurisdiction is not None
        and covers_division(actor.jurisdiction, division_code)
    )


def dismiss_problem(reason: str) -> str | None:
    if len(reason.strip()) < 4:
        return "不予立查应当写明理由（至少4个字）"
    return None
