"""Pages of the nursery-base register: the list, the form (new and edit, with an outline pasted
as GeoJSON or imported from a GeoJSON or KML file), the detail and the station's confirmation.
Each POST calls one service and redirects (303), or re-shows the form with what was typed."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, post
from litestar.datastructures import UploadFile
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from seedreg.accounts.rules import Actor, Role
from seedreg.accounts.web import CurrentActor
from seedreg.core.errors import DomainError, Forbidden
from seedreg.core.paging import page_number
from seedreg.core.web import exporting
from seedreg.core.web.bounds import ViewPageNo
from seedreg.core.web.forms import InvalidInput, parse
from seedreg.core.web.pages import form_error, page, see_other
from seedreg.nurseries import geometry, ledger, rules, services
from seedreg.nurseries.rules import BaseKind, BaseStatus, Duty, Facility
from seedreg.nurseries.schemas import BaseIn, BaseOut
from seedreg.reference import services as reference

KIND_OPTIONS = [(k.value, k.label) for k in BaseKind]
STATUS_OPTIONS = [(s.value, s.label) for s in BaseStatus]
UNIT_OPTIONS = [("mu", "亩"), ("ha", "公顷")]
FACILITY_OPTIONS = [(f.value, f.label) for f in Facility]
DUTY_OPTIONS = [(d.value, d.label) for d in Duty]


@get("/nurseries", include_in_schema=False)
async def base_list(
    request: Request,
    actor: CurrentActor,
    kind: FromQuery[str] = "",
    status: FromQuery[str] = "",
    page_no: ViewPageNo = 1,
) -> Template | Response:
    kind, status, page_no = kind[:12], status[:12], page_number(page_no)
    if exporting.wanted(request):

        async def coded(n: int) -> tuple[list[dict[str, Any]], int]:
            items, total = await services.search(actor, kind=kind, status=status, page=n)
            return await ledger.with_codes(items), total

        return await exporting.xlsx_paged(
            "苗圃基地", ledger.BASE_EXPORT, coded, "nursery-bases.xlsx"
        )
    items, total = await services.search(actor, kind=kind, status=status, page=page_no)
    return page(
        request,
        "nurseries/list.html",
        items=items,
        total=total,
        page_no=page_no,
        page_size=services.PAGE_SIZE,
        kind=kind[:12],
        status=status[:12],
        kind_options=KIND_OPTIONS,
        status_options=STATUS_OPTIONS,
        may_create=rules.may_create(actor),
        may_see_overview=actor.is_official,
    )


async def _form_context(actor: Actor, action: str) -> dict[str, Any]:
    if not rules.may_create(actor):
        raise Forbidden("只有生产经营者（本单位）或种苗站可以登记苗圃基地")
    counties = await reference.league_counties()
    return {
        "action": action,
        "kind_options": KIND_OPTIONS,
        "unit_options": UNIT_OPTIONS,
        "facility_options": FACILITY_OPTIONS,
        "duty_options": DUTY_OPTIONS,
        "division_options": [(c["code"], c["name"]) for c in counties],
        "organisation_options": await services.organisation_options(actor),
        "chooses_organisation": actor.role is not Role.OPERATOR,
        "league_box": rules.LEAGUE_BOX,
    }


async def _read(request: Request) -> tuple[dict[str, Any], list[str], UploadFile | None]:
    """Typed values (blank dropped), ticked facilities, and the outline file if one was chosen."""
    form = await request.form()
    values: dict[str, Any] = {}
    facilities: list[str] = []
    upload = None
    for key, value in form.multi_items():
        if isinstance(value, UploadFile):
            upload = value if value.filename else None
        elif key == "facilities":
            facilities.append(value)
        elif key != "_csrf_token" and isinstance(value, str) and value.strip():
            values[key] = value.strip()
    values["facilities"] = facilities
    return values, facilities, upload


async def _base_input(
    values: dict[str, Any], upload: UploadFile | None, kept: dict[str, Any] | None = None
) -> BaseIn:
    """The form's fields as the API's BaseIn: stock lines, duties, outline pasted or uploaded."""
    data: dict[str, Any] = {
        k: values[k]
        for k in ("name", "kind", "organisation_id", "division_code", "address", "lat", "lon")
        if k in values
    }
    data |= {k: values.get(k, "0") for k in ("total_area", "production_area", "annual_output")}
    data["area_unit"] = values.get("area_unit", "mu")
    data["facilities"] = values["facilities"]
    try:
        data["stock"] = [r.__dict__ for r in rules.parse_stock(values.get("stock", ""))]
    except ValueError as exc:
        raise InvalidInput(str(exc), field="stock") from None
    data["duties"] = [
        {"duty": d.value, "delivered": values.get(f"delivered_{d.value}", "")}
        for d in Duty
        if values.get(f"duty_{d.value}")
    ]
    try:
        if upload is not None:
            data["outline"] = geometry.from_upload(upload.filename, await upload.read())
        elif values.get("outline"):
            data["outline"] = geometry.from_geojson(values["outline"])
        elif kept and not values.get("clear_outline"):
            data["outline"] = kept  # editing: the outline on file stays unless replaced
    except ValueError as exc:
        raise InvalidInput(str(exc), field="outline") from None
    return parse(BaseIn, data)


def _values(base: BaseOut) -> dict[str, Any]:
    """A base as the form's fields, for editing."""
    values: dict[str, Any] = {
        "name": base.name,
        "kind": base.kind.value,
        "organisation_id": str(base.organisation_id),
        "division_code": base.division_code,
        "address": base.address,
        "lat": str(base.lat),
        "lon": str(base.lon),
        "area_unit": "mu",
        "total_area": str(base.total_area_mu),
        "production_area": str(base.production_area_mu),
        "annual_output": str(base.annual_output),
        "facilities": [f.value for f in base.facilities],
        "stock": rules.stock_text([s.model_dump() for s in base.stock]),
    }
    for duty in base.duties:
        values[f"duty_{duty.duty.value}"] = "on"
        values[f"delivered_{duty.duty.value}"] = duty.delivered
    return values


@get("/nurseries/new", include_in_schema=False)
async def base_new(request: Request, actor: CurrentActor) -> Template:
    context = await _form_context(actor, "/nurseries/new")
    return page(request, "nurseries/form.html", values={"facilities": []}, base=None, **context)


@post("/nurseries/new", include_in_schema=False)
async def base_create(request: Request, actor: CurrentActor) -> Template | Redirect:
    context = await _form_context(actor, "/nurseries/new")
    values, _, upload = await _read(request)
    try:
        base = await services.create(actor, await _base_input(values, upload))
    except DomainError as exc:
        return form_error(request, "nurseries/form.html", exc, values, base=None, **context)
    return see_other(f"/nurseries/{base.id}")


async def _detail_context(actor: Actor, base_id: int) -> dict[str, Any]:
    base = await services.get(actor, base_id)
    row = await services.load(actor, base_id)
    actions = rules.allowed_actions(actor, row)
    return {
        "base": base,
        "may_edit": "edit" in actions,
        "may_confirm": "confirm" in actions,
        "is_state": base.kind is BaseKind.STATE,
    }


@get("/nurseries/{base_id:int}", include_in_schema=False)
async def base_detail(request: Request, actor: CurrentActor, base_id: FromPath[int]) -> Template:
    return page(request, "nurseries/detail.html", **await _detail_context(actor, base_id))


@get("/nurseries/{base_id:int}/edit", include_in_schema=False)
async def base_edit(request: Request, actor: CurrentActor, base_id: FromPath[int]) -> Template:
    context = await _detail_context(actor, base_id)
    if not context["may_edit"]:
        raise Forbidden("只有经营单位本身或辖区种苗站可以修改该苗圃基地")
    form = await _form_context(actor, f"/nurseries/{base_id}/edit")
    return page(
        request,
        "nurseries/form.html",
        values=_values(context["base"]),
        base=context["base"],
        **form,
    )


@post("/nurseries/{base_id:int}/edit", include_in_schema=False)
async def base_update(
    request: Request, actor: CurrentActor, base_id: FromPath[int]
) -> Template | Redirect:
    base = await services.get(actor, base_id)
    context = await _form_context(actor, f"/nurseries/{base_id}/edit")
    values, _, upload = await _read(request)
    try:
        await services.update(actor, base_id, await _base_input(values, upload, base.outline))
    except DomainError as exc:
        return form_error(request, "nurseries/form.html", exc, values, base=base, **context)
    return see_other(f"/nurseries/{base_id}")


@post("/nurseries/{base_id:int}/confirm", include_in_schema=False)
async def base_confirm(
    request: Request, actor: CurrentActor, base_id: FromPath[int]
) -> Template | Redirect:
    try:
        await services.confirm(actor, base_id)
    except DomainError as exc:
        context = await _detail_context(actor, base_id)
        return form_error(request, "nurseries/detail.html", exc, {}, **context)
    return see_other(f"/nurseries/{base_id}")


HANDLERS = [base_list, base_new, base_create, base_detail, base_edit, base_update, base_confirm]
