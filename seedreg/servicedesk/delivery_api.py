"""JSON API of deliveries (送达, 兴署发〔2021〕5号 Arts. 17(三), 19)
(any matter's application)."""

from __future__ import annotations

from litestar import get, post, put
from litestar.params import FromPath, JSONBody

from seedreg.accounts.web import CurrentActor
from seedreg.core.web.openapi import errors
from seedreg.servicedesk import delivery
from seedreg.servicedesk.delivery_schemas import (
    DeliveryChoiceIn,
    DeliveryOut,
    MailingIn,
    PickupIn,
)

TAGS = ["送达"]
D = "/api/deliveries/{application_id:int}"


@get(D, tags=TAGS, summary="申请的送达方式和送达情况", responses=errors(404))
async def get_delivery(actor: CurrentActor, application_id: FromPath[int]) -> DeliveryOut:
    return await delivery.get(actor, application_id)


@put(
    D,
    tags=TAGS,
    summary="申请人选择电子或纸质及送达方式（送出前可改）",
    responses=errors(403, 404, 422),
)
async def choose_delivery(
    actor: CurrentActor, application_id: FromPath[int], data: JSONBody[DeliveryChoiceIn]
) -> DeliveryOut:
    return await delivery.choose(actor, application_id, data)


@post(
    f"{D}/mailing",
    tags=TAGS,
    summary="登记邮寄送达（寄递企业、邮件号）",
    status_code=200,
    responses=errors(403, 404, 422),
)
async def record_mailing(
    actor: CurrentActor, application_id: FromPath[int], data: JSONBody[MailingIn]
) -> DeliveryOut:
    return await delivery.record_mailing(actor, application_id, data)


@post(
    f"{D}/pickup",
    tags=TAGS,
    summary="登记窗口领取（领取人、领取时间）",
    status_code=200,
    responses=errors(403, 404, 422),
)
async def record_pickup(
    actor: CurrentActor, application_id: FromPath[int], data: JSONBody[PickupIn]
) -> DeliveryOut:
    return await delivery.record_pickup(actor, application_id, data)


@post(
    f"{D}/online",
    tags=TAGS,
    summary="登记电子文书网上送达",
    status_code=200,
    responses=errors(403, 404, 422),
)
async def record_online(actor: CurrentActor, application_id: FromPath[int]) -> DeliveryOut:
    return await delivery.record_online(actor, application_id)


HANDLERS = [get_delivery, choose_delivery, record_mailing, record_pickup, record_online]
