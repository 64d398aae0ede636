"""Pages of the 良种 register: the list (filters, export) and a 良种 for every signed-in user;
the league admin's forms to register, correct and stop one, and the xlsx import."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from seedreg.accounts.web import CurrentActor
from seedreg.core.errors import DomainError
from seedreg.core.web import importing
from seedreg.core.web.confirm import confirmation, confirmed
from seedreg.core.web.forms import parse
from seedreg.core.web.pages import form_data, form_error, page, see_other
from seedreg.core.web.responses import xlsx_response
from seedreg.varieties import rules, services
from seedreg.varieties.importing import VARIETIES, export_xlsx
from seedreg.varieties.schemas import StopIn, VarietyFilters, VarietyIn

HOME = "/varieties"
IMPORT = "/admin/varieties/import"
STATUS_CSS = {
    rules.VarietyStatus.VALID: "lic-valid",
    rules.VarietyStatus.EXPIRED: "lic-expired",
    rules.VarietyStatus.STOPPED: "lic-revoked",
}
KIND_OPTIONS = [(k.value, k.label) for k in rules.Kind]


def _filters(species: str, status: str) -> VarietyFilters:
    known = {s.value for s in rules.VarietyStatus}
    return VarietyFilters(
        species=species.strip()[:40],
        status=rules.VarietyStatus(status) if status in known else None,
    )


@get(HOME, include_in_schema=False)
async def variety_list(
    request: Request,
    actor: CurrentActor,
    species: FromQuery[str] = "",
    status: FromQuery[str] = "",
    imported: FromQuery[str] = "",
) -> Template:
    filters = _filters(species, status)
    return page(
        request,
        "varieties/list.html",
        items=await services.search(filters),
        species=filters.species,
        status=filters.status.value if filters.status else "",
        status_options=[(s.value, s.label) for s in rules.VarietyStatus],
        status_css=STATUS_CSS,
        may_keep=rules.may_keep_register(actor),
        imported=imported if imported.isdigit() else "",
    )


@get(f"{HOME}/export.xlsx", include_in_schema=False)
async def variety_export(
    actor: CurrentActor, species: FromQuery[str] = "", status: FromQuery[str] = ""
) -> Response[bytes]:
    rows = await services.search(_filters(species, status))
    return xlsx_response(export_xlsx(rows), "improved-varieties.xlsx")


async def _detail(request: Request, actor: CurrentActor, variety_id: int, **extra: Any) -> Template:
    row = await services.get(variety_id)
    context: dict[str, Any] = {
        "v": row,
        "status_css": STATUS_CSS,
        "actions": rules.variety_actions(actor, row["status"]),
        "failed": "",
    }
    context.update(extra)
    if extra.get("failed"):
        return form_error(request, "varieties/detail.html", **context)
    return page(request, "varieties/detail.html", **context)


@get(f"{HOME}/{{variety_id:int}}", include_in_schema=False)
async def variety_detail(
    request: Request, actor: CurrentActor, variety_id: FromPath[int]
) -> Template:
    return await _detail(request, actor, variety_id)


def _form(request: Request, values: dict[str, Any], action: str, title: str) -> Template:
    return page(
        request,
        "varieties/form.html",
        values=values,
        action=action,
        title=title,
        kinds=KIND_OPTIONS,
    )


@get(f"{HOME}/new", include_in_schema=False)
async def variety_new(request: Request, actor: CurrentActor) -> Template:
    services.ensure_keeper(actor)
    return _form(request, {}, HOME, "登记林木良种")


def _form_values(row: dict[str, Any]) -> dict[str, Any]:
    keys = ("kind", "number", "species_name", "variety_name", "latin_name", "breeder", "body_code")
    values = {k: str(row[k]) for k in keys}
    values.update(
        year=str(row["year"]),
        zone_codes="，".join(row["zone_codes"]),
        zone_text=row["zone_text"],
        valid_until=""
        if row["valid_until_assumed"] or not row["valid_until"]
        else str(row["valid_until"]),
        note=row["note"],
    )
    return values


@get(f"{HOME}/{{variety_id:int}}/edit", include_in_schema=False)
async def variety_edit(
    request: Request, actor: CurrentActor, variety_id: FromPath[int]
) -> Template:
    services.ensure_keeper(actor)
    row = await services.get(variety_id)
    return _form(request, _form_values(row), f"{HOME}/{variety_id}", f"更正 {row['number']}")


async def _save(
    request: Request, actor: CurrentActor, variety_id: int | None
) -> Template | Redirect:
    values = await form_data(request)
    action = HOME if variety_id is None else f"{HOME}/{variety_id}"
    try:
        data = parse(VarietyIn, values)
        if variety_id is None:
            row = await services.create(actor, data)
        else:
            row = await services.update(actor, variety_id, data)
    except DomainError as exc:
        services.ensure_keeper(actor)
        return form_error(
            request,
            "varieties/form.html",
            exc,
            values,
            action=action,
            title="林木良种",
            kinds=KIND_OPTIONS,
        )
    return see_other(f"{HOME}/{row['id']}")


@post(HOME, include_in_schema=False)
async def variety_create(request: Request, actor: CurrentActor) -> Template | Redirect:
    return await _save(request, actor, None)


@post(f"{HOME}/{{variety_id:int}}", include_in_schema=False)
async def variety_update(
    request: Request, actor: CurrentActor, variety_id: FromPath[int]
) -> Template | Redirect:
    return await _save(request, actor, variety_id)


@post(f"{HOME}/{{variety_id:int}}/stop", include_in_schema=False)
async def variety_stop(
    request: Request, actor: CurrentActor, variety_id: FromPath[int]
) -> Template | Redirect:
    values = await form_data(request)
    try:
        data = parse(StopIn, {k: v for k, v in values.items() if k != "confirm"})
        row = await services.get(variety_id)
        services.ensure_keeper(actor)
        if not confirmed(values):
            return confirmation(
                request,
                values,
                question=f"确认登记 {row['number']}（{row['variety_name']}）停止推广？",
                button="确认停止推广",
                back=f"{HOME}/{variety_id}",
                facts=[
                    ("停止推广日期", rules.cn_day(data.stopped_on)),
                    ("文号", data.document),
                    ("理由", data.reason),
                ],
                consequence="登记后该良种自该日起不得作为良种推广、销售（种子法第七十七条第一款第三项），不能撤回。",
                danger=True,
            )
        await services.stop(actor, variety_id, data)
    except DomainError as exc:
        return await _detail(request, actor, variety_id, exc=exc, values=values, failed="stop")
    return see_other(f"{HOME}/{variety_id}")


def _imported(result: dict[str, Any]) -> str:
    return f"{HOME}?imported={result['imported']}"


IMPORT_HANDLERS = importing.mount(
    VARIETIES,
    base=IMPORT,
    home=HOME,
    ensure=services.ensure_keeper,
    filename="improved-varieties-template.xlsx",
    actor_type=CurrentActor,
    done=_imported,
)


HANDLERS = [
    variety_list,
    variety_export,
    variety_detail,
    variety_new,
    variety_edit,
    variety_create,
    variety_update,
    variety_stop,
    *IMPORT_HANDLERS,
]
