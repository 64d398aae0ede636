"""JSON API for nursery bases (苗圃基地): the register, confirmation, the state-nursery target."""

from __future__ import annotations

from litestar import get, post, put
from litestar.params import FromPath, FromQuery, JSONBody

from seedreg.accounts.web import CurrentActor
from seedreg.core.web.bounds import PageNo
from seedreg.nurseries import overview, services
from seedreg.nurseries.schemas import BaseIn, BaseOut, BasePage, TargetOut

TAGS = ["苗圃基地"]


@get("/api/nurseries", tags=TAGS, summary="苗圃基地列表（分页）：经营者看本单位，工作人员看辖区")
async def list_bases(
    actor: CurrentActor, kind: FromQuery[str] = "", status: FromQuery[str] = "", page: PageNo = 1
) -> BasePage:
    items, total = await services.search(actor, kind=kind[:12], status=status[:12], page=page)
    return BasePage(items=items, total=total, page=page, page_size=services.PAGE_SIZE)


@post(
    "/api/nurseries", tags=TAGS, summary="登记苗圃基地（生产经营者登记本单位的，种苗站登记辖区的）"
)
async def create_base(actor: CurrentActor, data: JSONBody[BaseIn]) -> BaseOut:
    return await services.create(actor, data)


@get(
    "/api/nurseries/target",
    tags=TAGS,
    summary="国有林场苗圃（基地）目标：每个旗县市和全盟（兴署发〔2021〕6号 四）",
)
async def state_target(actor: CurrentActor) -> TargetOut:
    return await overview.target(actor)


@get("/api/nurseries/{base_id:int}", tags=TAGS, summary="苗圃基地详情")
async def get_base(actor: CurrentActor, base_id: FromPath[int]) -> BaseOut:
    return await services.get(actor, base_id)


@put(
    "/api/nurseries/{base_id:int}",
    tags=TAGS,
    summary="修改苗圃基地（经营单位修改已确认的基地后须重新确认）",
)
async def update_base(
    actor: CurrentActor, base_id: FromPath[int], data: JSONBody[BaseIn]
) -> BaseOut:
    return await services.update(actor, base_id, data)


@post(
    "/api/nurseries/{base_id:int}/confirm", tags=TAGS, summary="种苗站确认苗圃基地", status_code=200
)
async def confirm_base(actor: CurrentActor, base_id: FromPath[int]) -> BaseOut:
    return await services.confirm(actor, base_id)


HANDLERS = [list_bases, create_base, state_target, get_base, update_base, confirm_base]
