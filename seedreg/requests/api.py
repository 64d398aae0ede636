"""JSON API of the requests (质量检验申请, 产地检疫申请, 调运检疫报检) and their queues: the same
services as the pages."""

from __future__ import annotations

from typing import Any

from litestar import get, post
from litestar.params import FromPath, FromQuery, JSONBody

from seedreg.accounts.web import CurrentActor
from seedreg.core.web.bounds import PageNo
from seedreg.licensing.schemas import RatingIn, RejectIntakeIn, SupplementIn
from seedreg.quality.schemas import InspectionIn
from seedreg.requests import queues, records, results, services
from seedreg.requests.schemas import (
    QuarantineResultIn,
    RefuseIn,
    RequestCreate,
    RequestOut,
    RequestPage,
    VisitIn,
)

TAGS = ["检验检疫申请"]
BASE = "/api/requests/{application_id:int}"


@post("/api/requests", tags=TAGS, summary="新建检验检疫申请（草稿）：生产经营者为本单位批次申请")
async def create_request(actor: CurrentActor, data: JSONBody[RequestCreate]) -> RequestOut:
    return await records.get(actor, await services.create(actor, data))


@get("/api/requests", tags=TAGS, summary="申请列表（分页）：经营者看本单位，工作人员看辖区")
async def list_requests(
    actor: CurrentActor, lot_id: FromQuery[int | None] = None, page: PageNo = 1
) -> RequestPage:
    items, total = await records.listing(actor, lot_id=lot_id, page=page)
    return RequestPage(items=items, total=total, page=page, page_size=records.PAGE_SIZE)


@get("/api/requests/queue", tags=TAGS, summary="种苗站、检疫员的待办：按期限排序，颜色分级")
async def request_queue(
    actor: CurrentActor, mine: FromQuery[bool] = False, page: PageNo = 1
) -> queues.QueuePage:
    items, total = await queues.queue(actor, mine=mine, page=page)
    return queues.QueuePage(items=items, total=total, page=page, page_size=queues.PAGE_SIZE)


@get(BASE, tags=TAGS, summary="申请详情")
async def get_request(actor: CurrentActor, application_id: FromPath[int]) -> RequestOut:
    return await records.get(actor, application_id)


def _simple(name: str, func: Any, summary: str) -> Any:
    async def handler(actor: CurrentActor, application_id: FromPath[int]) -> RequestOut:
        await func(actor, application_id)
        return await records.get(actor, application_id)

    handler.__name__ = f"request_{name}"
    return post(f"{BASE}/{name}", tags=TAGS, summary=summary, status_code=200)(handler)


submit = _simple("submit", services.submit, "提交申请")
resubmit = _simple("resubmit", services.resubmit, "提交补正材料")
withdraw = _simple("withdraw", services.withdraw, "撤回申请")
accept = _simple("accept", services.accept, "受理")


@post(f"{BASE}/supplement", tags=TAGS, summary="一次性告知补正", status_code=200)
async def request_supplement(
    actor: CurrentActor, application_id: FromPath[int], data: JSONBody[SupplementIn]
) -> RequestOut:
    await services.request_supplement(actor, application_id, data)
    return await records.get(actor, application_id)


@post(f"{BASE}/reject", tags=TAGS, summary="不予受理（说明理由）", status_code=200)
async def request_reject(
    actor: CurrentActor, application_id: FromPath[int], data: JSONBody[RejectIntakeIn]
) -> RequestOut:
    await services.reject(actor, application_id, data)
    return await records.get(actor, application_id)


@post(f"{BASE}/visit", tags=TAGS, summary="安排现场检验（日期、检验人员）", status_code=200)
async def request_visit(
    actor: CurrentActor, application_id: FromPath[int], data: JSONBody[VisitIn]
) -> RequestOut:
    await services.plan_visit(actor, application_id, data)
    return await records.get(actor, application_id)


@post(
    f"{BASE}/quality-result",
    tags=TAGS,
    summary="种苗站记录检验结果：合格即签发质量检验合格证，不合格即退回并说明理由",
    status_code=200,
)
async def request_quality_result(
    actor: CurrentActor, application_id: FromPath[int], data: JSONBody[InspectionIn]
) -> RequestOut:
    await results.record_quality(actor, application_id, data)
    return await records.get(actor, application_id)


@post(
    f"{BASE}/quarantine-result",
    tags=TAGS,
    summary="检疫员记录检疫合格：签发产地检疫合格证或植物检疫证书（有效产地检疫合格证的换发）",
    status_code=200,
)
async def request_quarantine_result(
    actor: CurrentActor, application_id: FromPath[int], data: JSONBody[QuarantineResultIn]
) -> RequestOut:
    await results.record_quarantine(actor, application_id, data)
    return await records.get(actor, application_id)


@post(f"{BASE}/refuse", tags=TAGS, summary="检验检疫不合格：理由和处理意见", status_code=200)
async def request_refuse(
    actor: CurrentActor, application_id: FromPath[int], data: JSONBody[RefuseIn]
) -> RequestOut:
    await results.refuse(actor, application_id, data)
    return await records.get(actor, application_id)


@post(f"{BASE}/rating", tags=TAGS, summary="好差评")
async def request_rate(
    actor: CurrentActor, application_id: FromPath[int], data: JSONBody[RatingIn]
) -> dict[str, Any]:
    return await services.rate(actor, application_id, data.score, data.comment)


HANDLERS = [
    create_request,
    list_requests,
    request_queue,
    get_request,
    submit,
    resubmit,
    withdraw,
    accept,
    request_supplement,
    request_reject,
    request_visit,
    request_quality_result,
    request_quarantine_result,
    request_refuse,
    request_rate,
]
