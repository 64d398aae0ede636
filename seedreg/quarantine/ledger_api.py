"""JSON API of the consignment ledger: inbound consignments and their arrival check (复检),
monthly totals by species and origin, and inbound consignments lacking a needed approval."""

from __future__ import annotations

from litestar import get, post
from litestar.params import FromPath, FromQuery, JSONBody

from seedreg.accounts.web import CurrentActor
from seedreg.core import paging
from seedreg.core.paging import Page
from seedreg.core.web.bounds import PageNo
from seedreg.quarantine import consignments
from seedreg.quarantine.consignment_schemas import ArrivalIn, InboundIn, InboundOut, MonthlyTotal

TAGS = ["植物检疫"]
INBOUND = "/api/quarantine/inbound"


@post(INBOUND, tags=TAGS, summary="登记调入本盟的苗木及调出地签发的植物检疫证书（检疫员）")
async def record_inbound(actor: CurrentActor, data: JSONBody[InboundIn]) -> InboundOut:
    return await consignments.record_inbound(actor, data)


class InboundPage(Page[InboundOut]):
    """One page of inbound consignments, latest shipped first."""


@get(INBOUND, tags=TAGS, summary="调入记录（分页）；flagged=true 只列需要引种审批却未注明的")
async def list_inbound(
    actor: CurrentActor, flagged: FromQuery[bool] = False, page: PageNo = 1
) -> InboundPage:
    size = consignments.PAGE_SIZE
    if flagged:
        every = await consignments.flagged_inbound(actor)
        skip = paging.offset(page, size)
        items, total = every[skip : skip + size], len(every)
    else:
        items, total = await consignments.inbound_list(actor, page=page)
    return InboundPage(items=items, total=total, page=page, page_size=size)


@get(f"{INBOUND}/{{consignment_id:int}}", tags=TAGS, summary="调入记录详情")
async def get_inbound(actor: CurrentActor, consignment_id: FromPath[int]) -> InboundOut:
    return await consignments.inbound(actor, consignment_id)


@post(
    f"{INBOUND}/{{consignment_id:int}}/arrival",
    tags=TAGS,
    summary="复检：合格、除害处理、销毁或退回",
    status_code=200,
)
async def arrival_check(
    actor: CurrentActor, consignment_id: FromPath[int], data: JSONBody[ArrivalIn]
) -> InboundOut:
    return await consignments.arrival_check(actor, consignment_id, data)


@get("/api/quarantine/monthly", tags=TAGS, summary="调运月度统计：按树种和来源（调入、调出）")
async def monthly(actor: CurrentActor, month: FromQuery[str]) -> list[MonthlyTotal]:
    return await consignments.monthly_totals(actor, month[:7])


HANDLERS = [record_inbound, list_inbound, get_inbound, arrival_check, monthly]
