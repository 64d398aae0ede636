"""Delivery of an application's result, for any matter (兴署发〔2021〕5号 Arts. 17(三), 19):
the applicant's choice, and the office's record of the mailing or the pickup or the online
delivery. Each change is audited; the record is part of the application's history."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from piccolo.columns import Column

from seedreg.accounts.rules import Actor, may_see_record
from seedreg.core import clock
from seedreg.core.audit import services as audit
from seedreg.core.db import transaction
from seedreg.core.errors import Forbidden, NotFound, RuleViolation
from seedreg.matters import rules as matter_rules
from seedreg.matters.inbox import DETAIL_PAGES
from seedreg.matters.tables import Application
from seedreg.notifications import services as notifications
from seedreg.organisations.rules import mask_phone
from seedreg.servicedesk import delivery_rules as rules
from seedreg.servicedesk.delivery_rules import DeliveryStatus, Method
from seedreg.servicedesk.delivery_schemas import (
    DeliveryChoiceIn,
    DeliveryOut,
    MailingIn,
    PickupIn,
)
from seedreg.servicedesk.tables import Delivery

NOT_FOUND = "未找到该申请"


async def application_row(actor: Actor, application_id: int) -> dict[str, Any]:
    """The shared application row if this actor may see it (else NotFound, as if missing)."""
    row = (
        await Application.select(
            Application.id,
            Application.matter,
            Application.status,
            Application.organisation,
            Application.division_code,
            Application.reference,
        )
        .where(Application.id == application_id)
        .first()
    )
    if row is None or not may_see_record(
        actor, organisation_id=row["organisation"], division_code=row["division_code"]
    ):
        raise NotFound(NOT_FOUND)  # out of reach looks the same as missing
    return row


def _decided(application: dict[str, Any]) -> bool:
    state = matter_rules.flow(application["matter"]).states.get(application["status"])
    return bool(state and state.decided)


def _out(application: dict[str, Any], row: dict[str, Any] | None, actor: Actor) -> DeliveryOut:
    status = DeliveryStatus(row["status"]) if row else None
    method = Method(row["method"]) if row else None
    actions = rules.allowed_actions(
        status,
        method,
        is_applicant=actor.is_operator,
        is_official=actor.is_official,
        decided=_decided(application),
    )
    row = row or {}
    return DeliveryOut(
        application_id=application["id"],
        electronic=row.get("electronic", False),
        paper=row.get("paper", False),
        method=method.value if method else None,
        method_label=method.label if method else "申请人尚未选择",
        recipient=row.get("recipient", ""),
        phone=row.get("phone", ""),
        address=row.get("address", ""),
        status=status.value if status else None,
        status_label=status.label if status else "未选择",
        carrier=row.get("carrier", ""),
        tracking_number=row.get("tracking_number", ""),
        mailed_at=row.get("mailed_at"),
        collected_by=row.get("collected_by", ""),
        collected_at=row.get("collected_at"),
        sent_online_at=row.get("sent_online_at"),
        allowed_actions=actions,
    )


async def _row(application_id: int) -> dict[str, Any] | None:
    row: dict[str, Any] | None = (
        await Delivery.select().where(Delivery.application_id == application_id).first()
    )
    return row


async def page_context(actor: Actor, application_id: int) -> dict[str, Any]:
    """The delivery page's record: the delivery, the application's number and its page."""
    application = await application_row(actor, application_id)
    detail = DETAIL_PAGES.get(application["matter"], "/matters/inbox")
    return {
        "delivery": _out(application, await _row(application_id), actor),
        "reference": application["reference"],
        "back": detail.format(id=application_id),
    }


async def get(actor: Actor, application_id: int) -> DeliveryOut:
    application = await application_row(actor, application_id)
    return _out(application, await _row(application_id), actor)


async def choose(actor: Actor, application_id: int, data: DeliveryChoiceIn) -> DeliveryOut:
    """The applicant's choice of form and method (again, until the result has gone out)."""
    await application_row(actor, application_id)  # the access check
    if not actor.is_operator:
        raise Forbidden("送达方式由申请人选择")
    rules.check_choice(
        electronic=data.electronic, paper=data.paper, method=data.method, address=data.address
    )
    values = data.model_dump(mode="json")
    async with transaction():
        row = await _row(application_id)
        if row and not rules.may_choose(DeliveryStatus(row["status"])):
            raise RuleViolation("办理结果已经送出，不能再修改送达方式")
        now = clock.now()
        if row is None:
            await Delivery.insert(
                Delivery(application_id=application_id, **values, created_at=now, updated_at=now)
            )
        else:
            update: dict[Column | str, Any] = {k: v for k, v in values.items()}  # noqa: C416 (Piccolo wants Column | str keys)
            update["updated_at"] = now
            await Delivery.update(update).where(Delivery.application_id == application_id)
        await audit.record(
            actor,
            "delivery:choose",
            "matter_application",
            application_id,
            before=_choice_of(row),
            after=values,
        )
    return await get(actor, application_id)


def _choice_of(row: dict[str, Any] | None) -> dict[str, Any] | None:
    if row is None:
        return None
    keys = ("electronic", "paper", "method", "recipient", "phone", "address")
    return {k: row[k] for k in keys}


async def _record(
    actor: Actor, application_id: int, kind: str, values: dict[str, Any]
) -> DeliveryOut:
    application = await application_row(actor, application_id)
    if not actor.is_official:
        raise Forbidden("送达情况由工作人员登记")
    async with transaction():
        row = await _row(application_id)
        status = DeliveryStatus(row["status"]) if row else None
        method = Method(row["method"]) if row else None
        if not rules.may_record(status, method, kind, decided=_decided(application)):
            raise RuleViolation(_refusal(row, kind, decided=_decided(application)))
        _, after = rules.RECORDINGS[kind]
        changes = {**values, "status": after.value, "recorded_by": actor.user_id}
        update: dict[Column | str, Any] = {k: v for k, v in changes.items()}  # noqa: C416 (Piccolo wants Column | str keys)
        update["updated_at"] = clock.now()
        await Delivery.update(update).where(Delivery.application_id == application_id)
        if kind == "mailing":
            changes["sms_to"] = await _tell_mailed(application, row, values)
        await audit.record(
            actor, f"delivery:{kind}", "matter_application", application_id, after=changes
        )
    return await get(actor, application_id)


async def _tell_mailed(
    application: dict[str, Any], row: dict[str, Any] | None, values: dict[str, Any]
) -> str:
    """The applicant hears that the result is in the post: a notification to its accounts and
    an SMS to the contact number it gave for the mailing (兴署发〔2021〕5号 Art. 18: results are
    told by SMS); the number texted, masked, for the audit trail."""
    phone = row["phone"] if row else ""
    title, body = rules.mailed_message(
        application["reference"], values["carrier"], values["tracking_number"], clock.today()
    )
    await notifications.notify_organisation(
        application["organisation"],
        title,
        body,
        link=f"/deliveries/{application['id']}",
        also_sms=phone,
    )
    return mask_phone(phone) if phone else ""


def _refusal(row: dict[str, Any] | None, kind: str, *, decided: bool) -> str:
    if not decided:
        return "申请办结后才能登记送达"
    if row is None:
        return "申请人尚未选择送达方式"
    if row["status"] != DeliveryStatus.CHOSEN:
        return "该申请已登记送达"
    needed, _ = rules.RECORDINGS[kind]
    return f"申请人选择的是{Method(row['method']).label}，不是{needed.label}"


async def record_mailing(actor: Actor, application_id: int, data: MailingIn) -> DeliveryOut:
    values = {**data.model_dump(), "mailed_at": clock.now()}
    return await _record(actor, application_id, "mailing", values)


async def record_pickup(actor: Actor, application_id: int, data: PickupIn) -> DeliveryOut:
    at: datetime = data.collected_at or clock.now()
    if at.tzinfo is None:  # a time typed on the page is China time
        at = at.replace(tzinfo=clock.CHINA)
    if at > clock.now():
        raise RuleViolation("领取时间不能晚于现在", field="collected_at")
    return await _record(
        actor, application_id, "pickup", {"collected_by": data.collected_by, "collected_at": at}
    )


async def record_online(actor: Actor, application_id: int) -> DeliveryOut:
    return await _record(actor, application_id, "online", {"sent_online_at": clock.now()})
