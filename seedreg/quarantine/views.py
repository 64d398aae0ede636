"""Pages for plant quarantine: the lists, the 检疫员's issuing forms (产地检疫合格证, 植物检疫证书,
换发), detail pages with revocation, the PDFs and the public verification page.

Each POST reads its form, calls one service use-case and redirects (303), or re-renders the
form with the service's Chinese message (422/403/409). The rules live in the services.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from seedreg.accounts.rules import Role
from seedreg.accounts.web import CurrentActor
from seedreg.core import clock
from seedreg.core import rulesettings as rs
from seedreg.core.errors import DomainError
from seedreg.core.paging import page_number
from seedreg.core.web import exporting
from seedreg.core.web.bounds import ViewPageNo, db_id
from seedreg.core.web.confirm import confirmation, confirmed
from seedreg.core.web.exporting import ExportColumn
from seedreg.core.web.forms import parse
from seedreg.core.web.pages import form_error, page, see_other, verification
from seedreg.core.web.responses import pdf_response
from seedreg.organisations import services as organisations
from seedreg.quarantine import documents, records, revocation, rules, services
from seedreg.quarantine.rule_settings import (
    CONSIGNMENT_CERTIFICATE_VALID_DAYS,
    SITE_CERTIFICATE_VALID_DAYS,
)
from seedreg.quarantine.rules import CertificateState
from seedreg.quarantine.schemas import ConsignmentIn, ExchangeIn, RevokeIn, SiteCertificateIn
from seedreg.reference import services as reference
from seedreg.seals import services as seals

STATE_OPTIONS = [(s.value, s.label) for s in CertificateState]
SITE_FIELDS = ("organisation_id", "production_site", "inspected_on", "findings", "lot_ids")
CONSIGNMENT_FIELDS = (
    "consignee",
    "consignee_address",
    "origin",
    "destination",
    "destination_division",
    "via",
    "vehicle",
    "ships_on",
    "requirement_number",
)


async def _read(request: Request) -> dict[str, Any]:
    """Form fields without the CSRF token: lot_ids as a list, blank fields dropped."""
    form = await request.form()
    values: dict[str, Any] = {"lot_ids": []}
    for key, value in form.multi_items():
        if key == "_csrf_token" or not isinstance(value, str):
            continue
        if key == "lot_ids":
            values["lot_ids"].append(value)
        elif value.strip():
            values[key] = value.strip()
    return values


def _placed(exc: DomainError, fields: tuple[str, ...]) -> DomainError:
    """A message about a field the form does not show is shown as the form's message."""
    if exc.field and exc.field not in fields and not exc.details:
        return type(exc)(exc.message)
    return exc


# --- lists -------------------------------------------------------------------------------------


CERTIFICATE_EXPORT = (
    ExportColumn("证书编号", "number", text=True),
    ExportColumn("种类", "kind_label"),
    ExportColumn("生产经营者", "organisation_name"),
    ExportColumn("旗县市", "division_name"),
    ExportColumn("签发日期", "issued_on"),
    ExportColumn("有效期至", "valid_to"),
    ExportColumn("检疫结果", "findings"),
    ExportColumn("检疫员", "inspector_name"),
    ExportColumn("签发机关", "issuing_authority"),
    ExportColumn("状态", "state_label"),
)


@get("/quarantine", include_in_schema=False)
async def quarantine_home(
    request: Request,
    actor: CurrentActor,
    kind: FromQuery[str] = "consignment",
    status: FromQuery[str] = "",
    page_no: ViewPageNo = 1,
) -> Template | Response:
    kind = kind if kind in ("site", "consignment") else "consignment"
    state = status if status in dict(STATE_OPTIONS) else ""
    page_no = page_number(page_no)
    search = records.search_site if kind == "site" else records.search_consignments
    if exporting.wanted(request):
        title = "产地检疫合格证" if kind == "site" else "植物检疫证书"
        return await exporting.xlsx_paged(
            title,
            CERTIFICATE_EXPORT,
            lambda n: search(actor, state=state, page=n),
            f"quarantine-{kind}.xlsx",
        )
    items, total = await search(actor, state=state, page=page_no)
    return page(
        request,
        "quarantine/list.html",
        kind=kind,
        state=state,
        state_options=STATE_OPTIONS,
        items=items,
        total=total,
        page_no=page_no,
        page_size=records.PAGE_SIZE,
        may_sign=actor.role is Role.QUARANTINE_OFFICER,
    )


# --- issuing forms -----------------------------------------------------------------------------


async def _organisation_step(actor: CurrentActor, org_q: str) -> dict[str, Any]:
    orgs, _ = await organisations.search(actor, q=org_q.strip()[:60])
    return {"orgs": orgs, "org_q": org_q[:60]}


async def _site_form(actor: CurrentActor, organisation_id: int | None, org_q: str = "") -> dict:
    await services.ensure_signer(actor)
    context: dict[str, Any] = {
        "organisation": None,
        "lots": [],
        **await _organisation_step(actor, org_q),
    }
    if organisation_id:
        context["organisation"] = await organisations.get(actor, organisation_id)
        context["lots"] = await services.lot_choices(actor, organisation_id)
    context["valid_days"] = await rs.value(SITE_CERTIFICATE_VALID_DAYS)
    context["today"] = clock.today().isoformat()
    return context


@get("/quarantine/site/new", include_in_schema=False)
async def site_new(
    request: Request,
    actor: CurrentActor,
    organisation_id: FromQuery[int | None] = None,
    org_q: FromQuery[str] = "",
) -> Template:
    context = await _site_form(actor, organisation_id, org_q)
    values = {"inspected_on": context["today"], "findings": "未发现检疫对象"}
    return page(request, "quarantine/site_form.html", values=values, **context)


@post("/quarantine/site/new", include_in_schema=False)
async def site_create(request: Request, actor: CurrentActor) -> Template | Redirect:
    values = await _read(request)
    try:
        data = parse(SiteCertificateIn, {k: values[k] for k in SITE_FIELDS if k in values})
        cert = await services.issue_site(actor, data)
    except DomainError as exc:
        org_id = _int(values.get("organisation_id"))
        context = await _site_form(actor, org_id)
        return form_error(
            request, "quarantine/site_form.html", _placed(exc, SITE_FIELDS), values, **context
        )
    return see_other(f"/quarantine/site/{cert.id}")


def _int(value: object) -> int | None:
    return db_id(str(value or ""))


async def _consignment_form(
    actor: CurrentActor, organisation_id: int | None, site_id: int | None, org_q: str = ""
) -> dict[str, Any]:
    await services.ensure_signer(actor)
    context: dict[str, Any] = {"organisation": None, "lots": [], "site": None}
    if site_id:
        site = await services.get_site(actor, site_id)
        covered = {line.lot_id for line in site.lots}
        context["site"] = site
        organisation_id = site.organisation_id
        lots = await services.lot_choices(actor, organisation_id)
        context["lots"] = [lot for lot in lots if lot["lot_id"] in covered]
    elif organisation_id:
        context["lots"] = await services.lot_choices(actor, organisation_id)
    if organisation_id:
        context["organisation"] = await organisations.get(actor, organisation_id)
    else:
        context.update(await _organisation_step(actor, org_q))
    context["destination_groups"] = rules.destination_groups(await reference.divisions())
    context["valid_days"] = await rs.value(CONSIGNMENT_CERTIFICATE_VALID_DAYS)
    context["today"] = clock.today().isoformat()
    return context


@get("/quarantine/consignments/new", include_in_schema=False)
async def consignment_new(
    request: Request,
    actor: CurrentActor,
    organisation_id: FromQuery[int | None] = None,
    site_id: FromQuery[int | None] = None,
    org_q: FromQuery[str] = "",
) -> Template:
    context = await _consignment_form(actor, organisation_id, site_id, org_q)
    values: dict[str, Any] = {"ships_on": context["today"], "findings": "未发现检疫对象"}
    if context["site"]:
        values["origin"] = context["site"].production_site[:120]
    return page(request, "quarantine/consignment_form.html", values=values, **context)


def _items(values: dict[str, Any]) -> list[dict[str, Any]]:
    """Rows of the items table with a quantity typed in: qty_<lot id>, packing_<lot id>."""
    items = []
    for key, quantity in values.items():
        if key.startswith("qty_") and key[4:].isdigit():
            lot_id = key[4:]
            items.append(
                {
                    "lot_id": lot_id,
                    "quantity": quantity,
                    "packing": values.get(f"packing_{lot_id}", ""),
                }
            )
    return items


@post("/quarantine/consignments/new", include_in_schema=False)
async def consignment_create(request: Request, actor: CurrentActor) -> Template | Redirect:
    values = await _read(request)
    site_id = _int(values.get("site_id"))
    fields = {k: values[k] for k in CONSIGNMENT_FIELDS if k in values}
    fields["items"] = _items(values)
    try:
        if site_id:
            cert = await services.exchange(actor, site_id, parse(ExchangeIn, fields))
        else:
            fields |= {k: values[k] for k in ("organisation_id", "findings") if k in values}
            cert = await services.issue_consignment(actor, parse(ConsignmentIn, fields))
    except DomainError as exc:
        org_id = _int(values.get("organisation_id"))
        context = await _consignment_form(actor, org_id, site_id)
        shown = (*CONSIGNMENT_FIELDS, "organisation_id", "findings", "items")
        template = "quarantine/consignment_form.html"
        return form_error(request, template, _placed(exc, shown), values, **context)
    return see_other(f"/quarantine/consignments/{cert.id}")


# --- one certificate ---------------------------------------------------------------------------


async def _site_context(actor: CurrentActor, certificate_id: int) -> dict[str, Any]:
    return {
        "cert": await services.get_site(actor, certificate_id),
        "may_sign": actor.role is Role.QUARANTINE_OFFICER,
        "failed": "",
    }


@get("/quarantine/site/{certificate_id:int}", include_in_schema=False)
async def site_detail(
    request: Request, actor: CurrentActor, certificate_id: FromPath[int]
) -> Template:
    context = await _site_context(actor, certificate_id)
    return page(request, "quarantine/site_detail.html", **context)


def _confirm_revoke(
    request: Request, values: dict[str, Any], cert: Any, kind: str, back: str
) -> Template:
    """撤销 asks first, naming the certificate and its holder (issue 14 item 6)."""
    return confirmation(
        request,
        values,
        question=f"确认撤销 {kind} {cert.number}（{cert.organisation_name}）？",
        button="确认撤销证书",
        back=back,
        facts=[("撤销原因", values.get("reason", ""))],
        danger=True,
    )


@post("/quarantine/site/{certificate_id:int}/revoke", include_in_schema=False)
async def site_revoke(
    request: Request, actor: CurrentActor, certificate_id: FromPath[int]
) -> Template | Redirect:
    values = await _read(request)
    try:
        data = parse(RevokeIn, {"reason": values.get("reason", "")})
        if not confirmed(values):
            cert = await services.get_site(actor, certificate_id)
            return _confirm_revoke(
                request, values, cert, "产地检疫合格证", f"/quarantine/site/{certificate_id}"
            )
        await revocation.revoke_site(actor, certificate_id, data)
    except DomainError as exc:
        context = {**await _site_context(actor, certificate_id), "failed": "revoke"}
        placed = _placed(exc, ("reason",))
        return form_error(request, "quarantine/site_detail.html", placed, values, **context)
    return see_other(f"/quarantine/site/{certificate_id}")


@get("/quarantine/site/{certificate_id:int}/certificate.pdf", include_in_schema=False)
async def site_pdf(actor: CurrentActor, certificate_id: FromPath[int]) -> Response:
    pdf = await documents.site_pdf(actor, certificate_id)
    return pdf_response(pdf, f"site-quarantine-{certificate_id}.pdf")


async def _consignment_context(actor: CurrentActor, certificate_id: int) -> dict[str, Any]:
    return {
        "cert": await services.get_consignment(actor, certificate_id),
        "may_sign": actor.role is Role.QUARANTINE_OFFICER,
        "failed": "",
    }


@get("/quarantine/consignments/{certificate_id:int}", include_in_schema=False)
async def consignment_detail(
    request: Request, actor: CurrentActor, certificate_id: FromPath[int]
) -> Template:
    context = await _consignment_context(actor, certificate_id)
    return page(request, "quarantine/consignment_detail.html", **context)


@post("/quarantine/consignments/{certificate_id:int}/revoke", include_in_schema=False)
async def consignment_revoke(
    request: Request, actor: CurrentActor, certificate_id: FromPath[int]
) -> Template | Redirect:
    values = await _read(request)
    try:
        data = parse(RevokeIn, {"reason": values.get("reason", "")})
        if not confirmed(values):
            cert = await services.get_consignment(actor, certificate_id)
            back = f"/quarantine/consignments/{certificate_id}"
            return _confirm_revoke(request, values, cert, "植物检疫证书", back)
        await revocation.revoke_consignment(actor, certificate_id, data)
    except DomainError as exc:
        context = {**await _consignment_context(actor, certificate_id), "failed": "revoke"}
        placed = _placed(exc, ("reason",))
        template = "quarantine/consignment_detail.html"
        return form_error(request, template, placed, values, **context)
    return see_other(f"/quarantine/consignments/{certificate_id}")


@get("/quarantine/consignments/{certificate_id:int}/certificate.pdf", include_in_schema=False)
async def consignment_pdf(actor: CurrentActor, certificate_id: FromPath[int]) -> Response:
    pdf = await documents.consignment_pdf(actor, certificate_id)
    return pdf_response(pdf, f"quarantine-{certificate_id}.pdf")


# --- public ------------------------------------------------------------------------------------


@get("/verify/quarantine/{public_id:str}", include_in_schema=False)
async def verify_page(request: Request, public_id: FromPath[str]) -> Template:
    look_up = records.verify(public_id)
    template, shown = "quarantine/verify.html", seals.seal_shown
    return await verification(request, template, "found", look_up, shown=shown, seal="")


HANDLERS = [
    quarantine_home,
    site_new,
    site_create,
    site_detail,
    site_revoke,
    site_pdf,
    consignment_new,
    consignment_create,
    consignment_detail,
    consignment_revoke,
    consignment_pdf,
    verify_page,
]
