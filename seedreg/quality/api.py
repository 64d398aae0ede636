"""JSON API for quality: grading rows (admin data), inspections, 质量检验合格证 and the public
verification of a certificate."""

from __future__ import annotations

from typing import Any

from litestar import Response, get, post, put
from litestar.params import FromPath, FromQuery, JSONBody

from seedreg.accounts.web import CurrentActor
from seedreg.core.paging import Page
from seedreg.core.web.bounds import PageNo
from seedreg.core.web.responses import pdf_response
from seedreg.quality import (
    documents,
    grading,
    grading_import_api,
    inspections,
    services,
    testers,
)
from seedreg.quality.schemas import (
    CertificateOut,
    InspectionIn,
    InspectionOut,
    RevokeIn,
    RowActiveIn,
    SeedlingRowIn,
    SeedlingRowOut,
    SeedRowIn,
    SeedRowOut,
    TesterIn,
    TesterOut,
    WithdrawIn,
)

TAGS = ["质量检验"]
GRADING = ["分级标准数据"]


@get("/api/quality/grading/seed", tags=GRADING, summary="种子分级数据（GB 7908 / DB15/T 281）")
async def list_seed_rows(actor: CurrentActor) -> list[SeedRowOut]:
    return await grading.seed_rows()


@post("/api/quality/grading/seed", tags=GRADING, summary="新增种子分级数据（管理员）")
async def create_seed_row(actor: CurrentActor, data: JSONBody[SeedRowIn]) -> SeedRowOut:
    return await grading.save_seed_row(actor, data)


@put("/api/quality/grading/seed/{row_id:int}", tags=GRADING, summary="修改种子分级数据（管理员）")
async def update_seed_row(
    actor: CurrentActor, row_id: FromPath[int], data: JSONBody[SeedRowIn]
) -> SeedRowOut:
    return await grading.save_seed_row(actor, data, row_id)


@get(
    "/api/quality/grading/seedling",
    tags=GRADING,
    summary="苗木分级数据（GB 6000 / DB15/T 374，含根幅）",
)
async def list_seedling_rows(actor: CurrentActor) -> list[SeedlingRowOut]:
    return await grading.seedling_rows()


@post("/api/quality/grading/seedling", tags=GRADING, summary="新增苗木分级数据（管理员）")
async def create_seedling_row(actor: CurrentActor, data: JSONBody[SeedlingRowIn]) -> SeedlingRowOut:
    return await grading.save_seedling_row(actor, data)


@put(
    "/api/quality/grading/seedling/{row_id:int}", tags=GRADING, summary="修改苗木分级数据（管理员）"
)
async def update_seedling_row(
    actor: CurrentActor, row_id: FromPath[int], data: JSONBody[SeedlingRowIn]
) -> SeedlingRowOut:
    return await grading.save_seedling_row(actor, data, row_id)


def _activation(kind: str) -> Any:
    # One literal route per kind: Litestar does not fall back from ".../seed" to a parameter.
    async def handler(
        actor: CurrentActor, row_id: FromPath[int], data: JSONBody[RowActiveIn]
    ) -> dict[str, Any]:
        await grading.set_row_active(actor, kind, row_id, data.active)
        return {"id": row_id, "kind": kind, "active": data.active}

    handler.__name__ = f"set_{kind}_row_active"
    return post(
        f"/api/quality/grading/{kind}/{{row_id:int}}/active",
        tags=GRADING,
        summary="停用或启用分级数据（管理员）",
        status_code=200,
    )(handler)


set_seed_row_active = _activation("seed")
set_seedling_row_active = _activation("seedling")


def _confirmation(kind: str) -> Any:
    async def handler(actor: CurrentActor, row_id: FromPath[int]) -> Any:
        row = await grading.confirm_row(actor, kind, row_id)
        return (grading.seed_row_out if kind == "seed" else grading.seedling_row_out)(row)

    handler.__name__ = f"confirm_{kind}_row"
    return post(
        f"/api/quality/grading/{kind}/{{row_id:int}}/confirm",
        tags=GRADING,
        summary="确认分级数据（种苗站或管理员，须非录入人）",
        status_code=200,
    )(handler)


confirm_seed_row = _confirmation("seed")
confirm_seedling_row = _confirmation("seedling")


@post(
    "/api/lots/{lot_id:int}/inspections",
    tags=TAGS,
    summary="记录质量检验（生产经营者自检或种苗站检验），按分级数据评定等级",
)
async def record_inspection(
    actor: CurrentActor, lot_id: FromPath[int], data: JSONBody[InspectionIn]
) -> InspectionOut:
    return await inspections.record(actor, lot_id, data)


@get("/api/quality/inspections/{inspection_id:int}", tags=TAGS, summary="检验记录")
async def get_inspection(actor: CurrentActor, inspection_id: FromPath[int]) -> InspectionOut:
    return await inspections.get(actor, inspection_id)


@post(
    "/api/quality/inspections/{inspection_id:int}/certificate",
    tags=TAGS,
    summary="签发质量检验合格证（种苗站依据本站检验；生产经营者依据已核验检验员的自检）",
)
async def issue_certificate(actor: CurrentActor, inspection_id: FromPath[int]) -> CertificateOut:
    return await services.issue(actor, inspection_id)


@get("/api/quality/certificates/{certificate_id:int}", tags=TAGS, summary="质量检验合格证")
async def get_certificate(actor: CurrentActor, certificate_id: FromPath[int]) -> CertificateOut:
    return await services.get(actor, certificate_id)


@get(
    "/api/quality/certificates/{certificate_id:int}/pdf",
    tags=TAGS,
    summary="质量检验合格证 PDF",
    media_type="application/pdf",
)
async def certificate_pdf(actor: CurrentActor, certificate_id: FromPath[int]) -> Response:
    pdf = await documents.certificate_pdf(actor, certificate_id)
    return pdf_response(pdf, f"quality-{certificate_id}.pdf")


@post(
    "/api/quality/certificates/{certificate_id:int}/revoke",
    tags=TAGS,
    summary="撤销质量检验合格证（种苗站，站检或自检均可，说明理由）",
    status_code=200,
)
async def revoke_certificate(
    actor: CurrentActor, certificate_id: FromPath[int], data: JSONBody[RevokeIn]
) -> CertificateOut:
    return await services.revoke(actor, certificate_id, data)


@get(
    "/api/public/quality-certificates/{public_id:str}",
    tags=["公开核验"],
    summary="质量检验合格证核验",
)
async def verify_certificate(public_id: FromPath[str]) -> dict[str, Any]:
    return await services.verify(public_id)


# --- 检验员 (种子法第四十七条) --------------------------------------------------------------------

TESTERS = ["检验员"]


class TesterPage(Page[TesterOut]):
    """One page of the register: pending first, then newest."""


@get("/api/quality/testers", tags=TESTERS, summary="检验员名册（分页；本单位 / 辖区内）")
async def list_testers(
    actor: CurrentActor, status: FromQuery[str] = "", page: PageNo = 1
) -> TesterPage:
    items, total = await testers.search(actor, status=status[:12], page=page)
    return TesterPage(items=items, total=total, page=page, page_size=testers.PAGE_SIZE)


@post("/api/quality/testers", tags=TESTERS, summary="登记本单位检验员（生产经营者，待种苗站核验）")
async def register_tester(actor: CurrentActor, data: JSONBody[TesterIn]) -> TesterOut:
    return await testers.register(actor, data)


@get("/api/quality/testers/{tester_id:int}", tags=TESTERS, summary="检验员")
async def get_tester(actor: CurrentActor, tester_id: FromPath[int]) -> TesterOut:
    return await testers.get(actor, tester_id)


@post(
    "/api/quality/testers/{tester_id:int}/verify",
    tags=TESTERS,
    summary="核验检验员（种苗站）",
    status_code=200,
)
async def verify_tester(actor: CurrentActor, tester_id: FromPath[int]) -> TesterOut:
    return await testers.verify(actor, tester_id)


@post(
    "/api/quality/testers/{tester_id:int}/withdraw",
    tags=TESTERS,
    summary="撤回检验员（种苗站或本单位，说明理由）",
    status_code=200,
)
async def withdraw_tester(
    actor: CurrentActor, tester_id: FromPath[int], data: JSONBody[WithdrawIn]
) -> TesterOut:
    return await testers.withdraw(actor, tester_id, data)


HANDLERS = [
    list_testers,
    register_tester,
    get_tester,
    verify_tester,
    withdraw_tester,
    list_seed_rows,
    create_seed_row,
    update_seed_row,
    list_seedling_rows,
    create_seedling_row,
    update_seedling_row,
    set_seed_row_active,
    set_seedling_row_active,
    confirm_seed_row,
    confirm_seedling_row,
    *grading_import_api.HANDLERS,
    record_inspection,
    get_inspection,
    issue_certificate,
    get_certificate,
    certificate_pdf,
    revoke_certificate,
    verify_certificate,
]
