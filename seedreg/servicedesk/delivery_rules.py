"""Delivery of results (送达), pure: the applicant chooses electronic and/or paper results
(兴署发〔2021〕5号 Art. 17(三)) and how they reach it — window pickup, electronic delivery online
or mail (Art. 19); the office records the mailing's tracking number, or who collected and when."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from seedreg.core.errors import RuleViolation


class Method(StrEnum):
    WINDOW = "window"
    ONLINE = "online"
    MAIL = "mail"

    @property
    def label(self) -> str:
        return METHOD_LABELS[self]


METHOD_LABELS = {
    Method.WINDOW: "窗口领取",
    Method.ONLINE: "电子文书网上送达",
    Method.MAIL: "邮寄送达",
}


class DeliveryStatus(StrEnum):
    CHOSEN = "chosen"
    MAILED = "mailed"
    COLLECTED = "collected"
    SENT_ONLINE = "sent_online"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {
    DeliveryStatus.CHOSEN: "待送达",
    DeliveryStatus.MAILED: "已邮寄",
    DeliveryStatus.COLLECTED: "已领取",
    DeliveryStatus.SENT_ONLINE: "已网上送达",
}

# What each recording does: the method it needs, and the status it leaves.
RECORDINGS = {
    "mailing": (Method.MAIL, DeliveryStatus.MAILED),
    "pickup": (Method.WINDOW, DeliveryStatus.COLLECTED),
    "online": (Method.ONLINE, DeliveryStatus.SENT_ONLINE),
}


def check_choice(*, electronic: bool, paper: bool, method: Method, address: str) -> None:
    """Raise RuleViolation unless the choice hangs together.

    Paper travels by window or mail; electronic results alone are delivered online; mail needs
    an address. (Electronic results chosen with paper are available online anyway.)
    """
    if not (electronic or paper):
        raise RuleViolation("请至少选择电子证照（文书）或纸质证照（文书）中的一种", field="paper")
    if paper and method is Method.ONLINE:
        raise RuleViolation("纸质证照（文书）请选择窗口领取或邮寄送达", field="method")
    if not paper and method is not Method.ONLINE:
        raise RuleViolation("只要电子证照（文书）的，请选择电子文书网上送达", field="method")
    if method is Method.MAIL and len(address.strip()) < 6:
        raise RuleViolation("邮寄送达请填写收件地址", field="address")


def may_choose(status: DeliveryStatus | None) -> bool:
    """The applicant chooses, and may change its mind, until the result has gone out."""
    return status is None or status is DeliveryStatus.CHOSEN


def may_record(
    status: DeliveryStatus | None, method: Method | None, kind: str, *, decided: bool
) -> bool:
    """The office records a delivery once the application is decided, by the chosen method,
    once (the record of a delivery is not rewritten)."""
    needed, _ = RECORDINGS[kind]
    return decided and status is DeliveryStatus.CHOSEN and method is needed


def allowed_actions(
    status: DeliveryStatus | None,
    method: Method | None,
    *,
    is_applicant: bool,
    is_official: bool,
    decided: bool,
) -> list[str]:
    """What this person may do with the application's delivery now (pages and API ask this)."""
    actions = []
    if is_applicant and may_choose(status):
        actions.append("choose")
    if is_official:
        actions += [k for k in RECORDINGS if may_record(status, method, k, decided=decided)]
    return actions


def mailed_message(reference: str, carrier: str, tracking: str, on: date) -> tuple[str, str]:
    """The notice (title, body) that the result went out by mail (Art. 19 delivery; Art. 18:
    results are told by SMS)."""
    body = (
        f"您的申请{reference}的办理结果已于{on.month}月{on.day}日交{carrier}邮寄，"
        f"邮件号{tracking}，请注意查收。"
    )
    return "办理结果已邮寄", body
