"""JSON API for organisations."""

from __future__ import annotations

from litestar import Request, Response, get, patch, post
from litestar.params import FromPath, FromQuery, JSONBody
from pydantic import BaseModel

from seedreg.accounts.web import CurrentActor
from seedreg.core.web.bounds import PageNo
from seedreg.core.web.responses import pdf_response
from seedreg.organisations import identity, services
from seedreg.organisations.schemas import (
    IdentityVerificationIn,
    OrganisationCreate,
    OrganisationOut,
    OrganisationPublic,
    OrganisationUpdate,
)

TAGS = ["生产经营者"]


class OrganisationPage(BaseModel):
    items: list[OrganisationOut]
    total: int
    page: int
    page_size: int


@get("/api/organisations", tags=TAGS, summary="生产经营者列表（按权限范围）")
async def list_organisations(
    actor: CurrentActor,
    q: FromQuery[str] = "",
    division_code: FromQuery[str] = "",
    page: PageNo = 1,
) -> OrganisationPage:
    items, total = await services.search(
        actor, q=q[:60], division_code=division_code[:6], page=page
    )
    return OrganisationPage(items=items, total=total, page=page, page_size=services.PAGE_SIZE)


@post("/api/organisations", tags=TAGS, summary="登记生产经营者")
async def create_organisation(
    actor: CurrentActor, data: JSONBody[OrganisationCreate]
) -> OrganisationOut:
    return await services.register(actor, data)


@get("/api/organisations/{org_id:int}", tags=TAGS, summary="生产经营者详情")
async def get_organisation(actor: CurrentActor, org_id: FromPath[int]) -> OrganisationOut:
    return await services.get(actor, org_id)


@patch("/api/organisations/{org_id:int}", tags=TAGS, summary="更正生产经营者信息")
async def update_organisation(
    actor: CurrentActor, org_id: FromPath[int], data: JSONBody[OrganisationUpdate]
) -> OrganisationOut:
    return await services.update(actor, org_id, data)


@post(
    "/api/organisations/{org_id:int}/identity-verification",
    tags=TAGS,
    summary="实名核验：确认已核对营业执照或身份证（管辖地审批人员或管理员）",
    status_code=200,
)
async def verify_identity(
    actor: CurrentActor, org_id: FromPath[int], data: JSONBody[IdentityVerificationIn]
) -> OrganisationOut:
    return await identity.verify_identity(actor, org_id, data.note)


@get(
    "/api/organisations/{org_id:int}/record.pdf",
    tags=TAGS,
    summary="登记信息表PDF",
    media_type="application/pdf",
)
async def organisation_record_pdf(
    request: Request, actor: CurrentActor, org_id: FromPath[int]
) -> Response:
    pdf = await services.record_pdf(
        actor, org_id, base_url=request.app.state.settings.public_base_url
    )
    return pdf_response(pdf, f"organisation-{org_id}.pdf")


@get("/api/public/organisations/{public_id:str}", tags=["公开核验"], summary="登记记录核验（脱敏）")
async def verify_organisation(public_id: FromPath[str]) -> OrganisationPublic:
    return await services.public_view(public_id[:40])


HANDLERS = [
    list_organisations,
    create_organisation,
    get_organisation,
    update_organisation,
    verify_identity,
    organisation_record_pdf,
    verify_organisation,
]
