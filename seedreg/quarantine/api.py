"""JSON API for plant quarantine: 产地检疫合格证, 植物检疫证书, exchange, revocation, PDFs and
the public verification the QR codes lead to."""

from __future__ import annotations

from litestar import Response, get, post
from litestar.params import FromPath, FromQuery, JSONBody
from pydantic import BaseModel

from seedreg.accounts.web import CurrentActor
from seedreg.core.web.bounds import PageNo
from seedreg.core.web.responses import pdf_response
from seedreg.quarantine import documents, records, revocation, services
from seedreg.quarantine.schemas import (
    ConsignmentCertificateOut,
    ConsignmentIn,
    ExchangeIn,
    PublicCertificate,
    RevokeIn,
    SiteCertificateIn,
    SiteCertificateOut,
)

TAGS = ["植物检疫"]
SITES = "/api/quarantine/site-certificates"
SITE = f"{SITES}/{{certificate_id:int}}"
CONSIGNMENTS = "/api/quarantine/certificates"
CONSIGNMENT = f"{CONSIGNMENTS}/{{certificate_id:int}}"


class SitePage(BaseModel):
    items: list[SiteCertificateOut]
    total: int
    page: int


class ConsignmentPage(BaseModel):
    items: list[ConsignmentCertificateOut]
    total: int
    page: int


@post(SITES, tags=TAGS, summary="签发产地检疫合格证（专职检疫员）")
async def issue_site(actor: CurrentActor, data: JSONBody[SiteCertificateIn]) -> SiteCertificateOut:
    return await services.issue_site(actor, data)


@get(SITES, tags=TAGS, summary="产地检疫合格证列表：经营者看本单位，工作人员看辖区")
async def list_sites(
    actor: CurrentActor, status: FromQuery[str] = "", page: PageNo = 1
) -> SitePage:
    items, total = await records.search_site(actor, state=status[:12], page=page)
    return SitePage(items=items, total=total, page=page)


@get(SITE, tags=TAGS, summary="产地检疫合格证详情")
async def get_site(actor: CurrentActor, certificate_id: FromPath[int]) -> SiteCertificateOut:
    return await services.get_site(actor, certificate_id)


@post(f"{SITE}/revoke", tags=TAGS, summary="撤销产地检疫合格证（说明理由）", status_code=200)
async def revoke_site(
    actor: CurrentActor, certificate_id: FromPath[int], data: JSONBody[RevokeIn]
) -> SiteCertificateOut:
    return await revocation.revoke_site(actor, certificate_id, data)


@post(f"{SITE}/exchange", tags=TAGS, summary="凭有效的产地检疫合格证换发植物检疫证书（免检）")
async def exchange(
    actor: CurrentActor, certificate_id: FromPath[int], data: JSONBody[ExchangeIn]
) -> ConsignmentCertificateOut:
    return await services.exchange(actor, certificate_id, data)


@get(
    f"{SITE}/certificate.pdf", tags=TAGS, summary="产地检疫合格证PDF", media_type="application/pdf"
)
async def site_pdf(actor: CurrentActor, certificate_id: FromPath[int]) -> Response:
    pdf = await documents.site_pdf(actor, certificate_id)
    return pdf_response(pdf, f"site-quarantine-{certificate_id}.pdf")


@post(CONSIGNMENTS, tags=TAGS, summary="签发植物检疫证书（一批一证，专职检疫员）")
async def issue_consignment(
    actor: CurrentActor, data: JSONBody[ConsignmentIn]
) -> ConsignmentCertificateOut:
    return await services.issue_consignment(actor, data)


@get(CONSIGNMENTS, tags=TAGS, summary="植物检疫证书列表：经营者看本单位，工作人员看辖区")
async def list_consignments(
    actor: CurrentActor, status: FromQuery[str] = "", page: PageNo = 1
) -> ConsignmentPage:
    items, total = await records.search_consignments(actor, state=status[:12], page=page)
    return ConsignmentPage(items=items, total=total, page=page)


@get(CONSIGNMENT, tags=TAGS, summary="植物检疫证书详情")
async def get_consignment(
    actor: CurrentActor, certificate_id: FromPath[int]
) -> ConsignmentCertificateOut:
    return await services.get_consignment(actor, certificate_id)


@post(f"{CONSIGNMENT}/revoke", tags=TAGS, summary="撤销植物检疫证书（说明理由）", status_code=200)
async def revoke_consignment(
    actor: CurrentActor, certificate_id: FromPath[int], data: JSONBody[RevokeIn]
) -> ConsignmentCertificateOut:
    return await revocation.revoke_consignment(actor, certificate_id, data)


@get(
    f"{CONSIGNMENT}/certificate.pdf",
    tags=TAGS,
    summary="植物检疫证书PDF",
    media_type="application/pdf",
)
async def consignment_pdf(actor: CurrentActor, certificate_id: FromPath[int]) -> Response:
    pdf = await documents.consignment_pdf(actor, certificate_id)
    return pdf_response(pdf, f"quarantine-{certificate_id}.pdf")


@get("/api/public/quarantine/{public_id:str}", tags=["公开核验"], summary="检疫证书核验")
async def verify(public_id: FromPath[str]) -> PublicCertificate:
    return await records.verify(public_id)


HANDLERS = [
    issue_site,
    list_sites,
    get_site,
    revoke_site,
    exchange,
    site_pdf,
    issue_consignment,
    list_consignments,
    get_consignment,
    revoke_consignment,
    consignment_pdf,
    verify,
]
