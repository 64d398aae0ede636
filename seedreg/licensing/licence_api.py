"""JSON API for licensing's licences: the notices (文书) as PDFs, licences by scope, their printed
original and duplicate, ending one, a region-issued licence recorded, the compliance figures and
the public register, check and service guide."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Request, Response, get, post
from litestar.params import FromPath, FromQuery, JSONBody, QueryParameter

from seedreg.accounts.web import CurrentActor
from seedreg.core.web.bounds import PageNo
from seedreg.core.web.openapi import errors
from seedreg.core.web.responses import pdf_response
from seedreg.licensing import documents, licence_list, licence_register, licences, ratings
from seedreg.licensing.guide import service_guide
from seedreg.licensing.licence_list import MAX_EXPIRING_DAYS, LicenceFilter, LicencePage
from seedreg.licensing.licence_terms import LicenceStatus
from seedreg.licensing.schemas import LicenceOut, RegionLicenceIn, RegisterPage, StatusChangeIn

TAGS = ["许可证办理"]
ExpiringWithin = Annotated[
    int | None,
    QueryParameter(ge=0, le=MAX_EXPIRING_DAYS, description="有效且在此日数内到期（0–3660）"),
]


@get(
    "/api/licensing/notices/{notice_id:int}/pdf",
    tags=TAGS,
    summary="文书PDF",
    media_type="application/pdf",
)
async def notice_pdf(request: Request, actor: CurrentActor, notice_id: FromPath[int]) -> Response:
    pdf = await documents.notice_pdf(actor, notice_id, request.app.state.settings.public_base_url)
    return pdf_response(pdf, f"notice-{notice_id}.pdf")


@get(
    "/api/licensing/licences",
    tags=["许可证"],
    summary="许可证列表（按权限范围，最新的在前；可按状态、旗县市、到期日数、名称或编号筛选）",
    responses=errors(422),
)
async def list_licences(
    actor: CurrentActor,
    status: FromQuery[LicenceStatus | None] = None,
    division: FromQuery[str] = "",
    expiring_within: ExpiringWithin = None,
    q: FromQuery[str] = "",
    page: PageNo = 1,
) -> LicencePage:
    wanted = LicenceFilter(
        status=status, division=division[:6], expiring_within=expiring_within, q=q[:60]
    )
    return await licence_list.licence_page(actor, wanted, page)


@get("/api/licensing/licences/{licence_id:int}", tags=["许可证"], summary="许可证详情")
async def get_licence(actor: CurrentActor, licence_id: FromPath[int]) -> LicenceOut:
    return await licence_register.get(actor, licence_id)


# Two literal routes: Litestar only matches a parameter as a whole path segment, so a
# "{copy:str}.pdf" route is registered literally and never matches (every download was a 404).
@get(
    "/api/licensing/licences/{licence_id:int}/original.pdf",
    tags=["许可证"],
    summary="许可证正本PDF",
    media_type="application/pdf",
)
async def licence_original_pdf(actor: CurrentActor, licence_id: FromPath[int]) -> Response:
    pdf = await documents.licence_pdf(actor, licence_id, "original")
    return pdf_response(pdf, f"licence-{licence_id}-original.pdf")


@get(
    "/api/licensing/licences/{licence_id:int}/duplicate.pdf",
    tags=["许可证"],
    summary="许可证副本PDF",
    media_type="application/pdf",
)
async def licence_duplicate_pdf(actor: CurrentActor, licence_id: FromPath[int]) -> Response:
    pdf = await documents.licence_pdf(actor, licence_id, "duplicate")
    return pdf_response(pdf, f"licence-{licence_id}-duplicate.pdf")


@post(
    "/api/licensing/licences/{licence_id:int}/end",
    tags=["许可证"],
    summary="撤销或吊销许可证",
    status_code=200,
)
async def end_licence(
    actor: CurrentActor, licence_id: FromPath[int], data: JSONBody[StatusChangeIn]
) -> LicenceOut:
    return await licences.end_licence(actor, licence_id, data)


@post(
    "/api/licensing/licences/region", tags=["许可证"], summary="登记自治区核发的许可证（林木良种）"
)
async def record_region_licence(actor: CurrentActor, data: JSONBody[RegionLicenceIn]) -> LicenceOut:
    return await licences.record_region_licence(actor, data)


@get("/api/licensing/compliance", tags=["许可证"], summary="办结时限与好差评统计（按机关）")
async def compliance(actor: CurrentActor) -> list[dict[str, Any]]:
    return await ratings.compliance(actor)


@get("/api/public/licences", tags=["公开核验"], summary="许可证公开名录查询")
async def public_register(
    holder: FromQuery[str] = "",
    number: FromQuery[str] = "",
    division_code: FromQuery[str] = "",
    species: FromQuery[str] = "",
    page: PageNo = 1,
) -> RegisterPage:
    items, total = await licence_register.register(
        holder=holder[:60],
        number=number[:14],
        division_code=division_code[:6],
        species=species[:40],
        page=page,
    )
    return RegisterPage(items=items, total=total, page=page, page_size=licence_register.PAGE_SIZE)


@get("/api/public/licences/{public_id:str}", tags=["公开核验"], summary="许可证核验")
async def verify_licence(public_id: FromPath[str]) -> dict[str, Any]:
    found = await licence_register.verify(public_id)
    return {
        **found,
        "licence": found["licence"].model_dump(
            include={
                "number",
                "status",
                "status_label",
                "valid_from",
                "valid_to",
                "issuing_authority",
                "scope",
                "species",
                "status_reason",
                "status_note",
            }
        ),
    }


@get("/api/public/service-guide", tags=["公开核验"], summary="办事指南")
async def guide() -> dict[str, Any]:
    return await service_guide()
