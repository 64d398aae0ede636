"""The licence application's state machine (行政许可法 Arts. 32, 38, 42–44; 兴署发〔2021〕5号
Arts. 16–18): kinds, states, actions and the transitions table. Pure, no I/O."""

from __future__ import annotations

from enum import StrEnum


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
