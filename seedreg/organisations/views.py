"""Pages for organisations (生产经营者) and their public verification page."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from seedreg.accounts.rules import Role
from seedreg.accounts.web import CurrentActor
from seedreg.core.errors import DomainError
from seedreg.core.paging import page_number
from seedreg.core.web import exporting
from seedreg.core.web.bounds import ViewPageNo
from seedreg.core.web.forms import parse
from seedreg.core.web.pages import form_data, form_error, page, see_other
from seedreg.core.web.responses import pdf_response
from seedreg.organisations import identity, ledger, services
from seedreg.organisations.rules import OrganisationKind
from seedreg.organisations.schemas import (
    IdentityVerificationIn,
    OrganisationCreate,
    OrganisationUpdate,
)
from seedreg.reference import services as reference


@get("/organisations", include_in_schema=False)
async def organisation_list(
    request: Request,
    actor: CurrentActor,
    q: FromQuery[str] = "",
    division: FromQuery[str] = "",
    page_no: ViewPageNo = 1,
) -> Template | Redirect | Response:
    if actor.role is Role.OPERATOR and actor.organisation_id:
        return see_other(f"/organisations/{actor.organisation_id}")
    if exporting.wanted(request):
        rows, _ = await services.search(
            actor, q=q[:60], division_code=division[:6], size=exporting.MAX_ROWS
        )
        return exporting.xlsx("生产经营者", ledger.EXPORT, rows, "organisations.xlsx")
    page_no = page_number(page_no)
    items, total = await services.search(actor, q=q[:60], division_code=division[:6], page=page_no)
    return page(
        request,
        "organisations/list.html",
        items=items,
        total=total,
        q=q,
        division=division,
        page_no=page_no,
        page_size=services.PAGE_SIZE,
        divisions=await reference.league_counties(),
    )


async def _form_context() -> dict[str, Any]:
    return {
        "kind_options": [(k.value, k.label) for k in OrganisationKind],
        "division_options": [(d["code"], d["name"]) for d in await reference.league_counties()],
    }


@get("/organisations/new", include_in_schema=False)
async def organisation_new(request: Request, actor: CurrentActor) -> Template:
    services.ensure_registrar(actor)
    return page(request, "organisations/form.html", **await _form_context())


@post("/organisations/new", include_in_schema=False)
async def organisation_create(request: Request, actor: CurrentActor) -> Template | Redirect:
    values = await form_data(request)
    try:
        org = await services.register(actor, parse(OrganisationCreate, values))
    except DomainError as exc:
        return form_error(request, "organisations/form.html", exc, values, **await _form_context())
    return see_other(f"/organisations/{org.id}")


@get("/organisations/{org_id:int}", include_in_schema=False)
async def organisation_detail(
    request: Request, actor: CurrentActor, org_id: FromPath[int]
) -> Template:
    return page(request, "organisations/detail.html", **await _detail_context(actor, org_id))


async def _detail_context(actor: CurrentActor, org_id: int) -> dict[str, Any]:
    org = await services.get(actor, org_id)
    return {
        "org": org,
        "history_url": f"/admin/audit?subject_type=organisation&subject_id={org.id}",
        "signed_up": org.registered_via == "signup",
        "may_verify": identity.may_verify(
            actor,
            division_code=org.division_code,
            verified=org.identity_verified_at is not None,
        ),
    }


@post("/organisations/{org_id:int}/verify-identity", include_in_schema=False)
async def organisation_verify_identity(
    request: Request, actor: CurrentActor, org_id: FromPath[int]
) -> Template | Redirect:
    values = await form_data(request)
    try:
        data = parse(IdentityVerificationIn, values)
        await identity.verify_identity(actor, org_id, data.note)
    except DomainError as exc:
        context = await _detail_context(actor, org_id)
        return form_error(request, "organisations/detail.html", exc, values, **context)
    return see_other(f"/organisations/{org_id}")


@get("/organisations/{org_id:int}/edit", include_in_schema=False)
async def organisation_edit(
    request: Request, actor: CurrentActor, org_id: FromPath[int]
) -> Template:
    org = await services.get(actor, org_id)
    return page(request, "organisations/edit.html", org=org, values=org.model_dump())


@post("/organisations/{org_id:int}/edit", include_in_schema=False)
async def organisation_update(
    request: Request, actor: CurrentActor, org_id: FromPath[int]
) -> Template | Redirect:
    values = await form_data(request)
    try:
        await services.update(actor, org_id, parse(OrganisationUpdate, values))
    except DomainError as exc:
        org = await services.get(actor, org_id)
        return form_error(request, "organisations/edit.html", exc, values, org=org)
    return see_other(f"/organisations/{org_id}")


@get("/organisations/{org_id:int}/record.pdf", include_in_schema=False)
async def organisation_record_pdf(
    request: Request, actor: CurrentActor, org_id: FromPath[int]
) -> Response:
    pdf = await services.record_pdf(
        actor, org_id, base_url=request.app.state.settings.public_base_url
    )
    return pdf_response(pdf, f"organisation-{org_id}.pdf")


@get("/verify/organisations/{public_id:str}", include_in_schema=False)
async def organisation_verify(request: Request, public_id: FromPath[str]) -> Template:
    record = await services.public_view(public_id[:40])
    return page(request, "organisations/verify.html", record=record)


HANDLERS = [
    organisation_list,
    organisation_new,
    organisation_create,
    organisation_detail,
    organisation_verify_identity,
    organisation_edit,
    organisation_update,
    organisation_record_pdf,
    organisation_verify,
]
