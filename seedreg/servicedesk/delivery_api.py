"""JSON API of deliveries (送达, 兴署发〔2021〕5号 Arts. 17(三), 19)
(any matter's application)."""

from __future__ import annotations

from datetime import date, datetime

from litestar import get, post, put
from litestar.params import FromPath, JSONBody
from pydantic import BaseModel

from seedreg.accounts.web import CurrentActor
from seedreg.core.web.openapi import errors
from seedreg.servicedesk import delivery, matter_ratings
from seedreg.servicedesk.delivery_schemas import (
    DeliveryChoiceIn,
    DeliveryOut,
    MailingIn,
    PickupIn,
)
from seedreg.servicedesk.schemas import FollowUpIn, RatingIn

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


# --- 一事一评 for any matter (matters' ratings; see servicedesk.matter_ratings) -------------

R = "/api/ratings/applications/{application_id:int}"


class MatterRatingOut(BaseModel):
    score: int
    comment: str
    rated_at: datetime
    follow_up_due: date | None
    follow_up_answer: str
    answered_at: datetime | None


@get(R, tags=["好差评"], summary="一事一评：申请的评价（任何事项）", responses=errors(404))
async def matter_rating(actor: CurrentActor, application_id: FromPath[int]) -> MatterRatingOut:
    return MatterRatingOut(**await matter_ratings.get(actor, application_id))


@post(
    R,
    tags=["好差评"],
    summary="一事一评：申请人办结后评价一次（差评7日内整改反馈）",
    responses=errors(403, 404, 409, 422),
)
async def rate_matter(
    actor: CurrentActor, application_id: FromPath[int], data: JSONBody[RatingIn]
) -> MatterRatingOut:
    return MatterRatingOut(**await matter_ratings.rate(actor, application_id, data))


@post(
    f"{R}/answer",
    tags=["好差评"],
    summary="一事一评：审批人员对差评的整改反馈",
    status_code=200,
    responses=errors(403, 404, 422),
)
async def answer_matter_rating(
    actor: CurrentActor, application_id: FromPath[int], data: JSONBody[FollowUpIn]
) -> MatterRatingOut:
    return MatterRatingOut(**await matter_ratings.answer(actor, application_id, data))


HANDLERS += [matter_rating, rate_matter, answer_matter_rating]
