"""JSON API for lots (批次): register, list, detail with inspections and certificates, recall."""

from __future__ import annotations

from litestar import get, post
from litestar.params import FromPath, FromQuery, JSONBody
from pydantic import BaseModel

from seedreg.accounts.web import CurrentActor
from seedreg.core.web.bounds import PageNo
from seedreg.lots import services
from seedreg.lots.schemas import BaseLinkIn, LotCreate, LotOut, LotPage, RecallIn, UseIn
from seedreg.quality import inspections
from seedreg.quality import services as certificates
from seedreg.quality.schemas import CertificateOut, InspectionOut

TAGS = ["批次"]


class LotDetail(BaseModel):
    lot: LotOut
    inspections: list[InspectionOut]
    certificates: list[CertificateOut]


@post("/api/lots", tags=TAGS, summary="登记批次（生产经营者，须有覆盖该批次的有效许可证）")
async def create_lot(actor: CurrentActor, data: JSONBody[LotCreate]) -> LotOut:
    return await services.create(actor, data)


@get("/api/lots", tags=TAGS, summary="批次列表：经营者看本单位，工作人员看辖区")
async def list_lots(
    actor: CurrentActor,
    species: FromQuery[str] = "",
    status: FromQuery[str] = "",
    page: PageNo = 1,
) -> LotPage:
    items, total = await services.search(actor, species=species[:40], status=status[:12], page=page)
    return LotPage(items=items, total=total, page=page, page_size=services.PAGE_SIZE)


async def lot_detail(actor: CurrentActor, lot_id: int) -> LotDetail:
    lot = await services.get(actor, lot_id)
    row = await services.load(actor, lot_id)
    return LotDetail(
        lot=lot,
        inspections=await inspections.for_lot(lot_id),
        certificates=await certificates.for_lot(row),
    )


@get("/api/lots/{lot_id:int}", tags=TAGS, summary="批次详情：数量、质量检验和合格证")
async def get_lot(actor: CurrentActor, lot_id: FromPath[int]) -> LotDetail:
    return await lot_detail(actor, lot_id)


@post(
    "/api/lots/{lot_id:int}/recall",
    tags=TAGS,
    summary="召回批次（该批次的有效标签同时作废）",
    status_code=200,
)
async def recall_lot(
    actor: CurrentActor, lot_id: FromPath[int], data: JSONBody[RecallIn]
) -> LotOut:
    return await services.recall(actor, lot_id, data)


@post(
    "/api/lots/{lot_id:int}/use",
    tags=TAGS,
    summary="补填或修改批次的使用说明、适宜种植区域和季节（种子法第四十条）",
    status_code=200,
)
async def fill_use(actor: CurrentActor, lot_id: FromPath[int], data: JSONBody[UseIn]) -> LotOut:
    return await services.fill_use(actor, lot_id, data)


@post(
    "/api/lots/{lot_id:int}/base",
    tags=TAGS,
    summary="批次关联本单位登记的苗圃基地（原填写的名称保留在审计记录中）",
    status_code=200,
)
async def link_base(
    actor: CurrentActor, lot_id: FromPath[int], data: JSONBody[BaseLinkIn]
) -> LotOut:
    return await services.link_base(actor, lot_id, data)


HANDLERS = [create_lot, list_lots, get_lot, recall_lot, fill_use, link_base]
