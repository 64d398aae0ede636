"""The licence application's state machine (行政许可法 Arts. 32, 38, 42–44; 兴署发〔2021〕5号
Arts. 16–18): kinds, states and actions as enums. The table itself is the licensing matter's in
``matters.transitions``, read by the one engine ``matters.rules``. Pure, no I/O."""

from __future__ import annotations

from enum import StrEnum

from seedreg.matters import rules as matter_rules
from seedreg.matters.rules import TransitionError
from seedreg.matters.transitions import LICENSING

MATTER = LICENSING.matter  # the licensing matter's code in the catalogue


class ApplicationKind(StrEnum):
    ISSUE = "issue"
    RENEWAL = "renewal"
    CHANGE = "change"
    CANCELLATION = "cancellation"

    @property
    def label(self) -> str:
        return {"issue": "核发", "renewal": "延续", "change": "变更", "cancellation": "注销"}[self]


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


# The labels and which states are final are the licensing matter's table (matters.transitions).
STATUS_LABELS = {s: LICENSING.states[s.value].label for s in Status}
FINAL = frozenset(s for s in Status if LICENSING.states[s.value].final)


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


# Read from the licensing matter's table, as enums, for the callers that iterate it.
TRANSITIONS: dict[tuple[Status, Action], Status] = {
    (Status(state), Action(action)): Status(edge.to)
    for (state, action), edge in LICENSING.steps.items()
}


def next_status(current: Status, action: Action) -> Status:
    """The state after ``action``, or TransitionError (a decided application stays decided)."""
    return Status(matter_rules.next_state(LICENSING.matter, current, action))


__all__ = [
    "FINAL",
    "MATTER",
    "STATUS_LABELS",
    "TRANSITIONS",
    "Action",
    "ApplicationKind",
    "Status",
    "TransitionError",
    "next_status",
]
