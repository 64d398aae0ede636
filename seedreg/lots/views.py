"""Pages for lots (批次): the list, registration form, detail (quantities, inspections,
certificates) and recall. Each POST calls one service and redirects (303), or re-renders the
form with the Chinese message beside its field."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from seedreg.accounts.rules import Role
from seedreg.accounts.web import CurrentActor
from seedreg.core.errors import DomainError, Forbidden, RuleViolation
from seedreg.core.paging import page_number
from seedreg.core.web import exporting
from seedreg.core.web.bounds import ViewPageNo
from seedreg.core.web.confirm import confirmation, confirmed
from seedreg.core.web.exporting import ExportColumn
from seedreg.core.web.forms import InvalidInput, parse
from seedreg.core.web.pages import form_data, form_error, page, see_other
from seedreg.labels import standing
from seedreg.lots import services
from seedreg.lots.outputs import site_text
from seedreg.lots.rules import LotStatus, Material, SourceKind, use_problem
from seedreg.lots.schemas import BaseLinkIn, LotCreate, RecallIn, UseIn
from seedreg.quality import inspections
from seedreg.quality import services as certificates
from seedreg.reference import services as reference

MATERIAL_OPTIONS = [(m.value, f"{m.label}（{m.unit}）") for m in Material]
SOURCE_OPTIONS = [(k.value, k.label) for k in SourceKind]
BOUGHT_IN = "-"  # the licence choice of a lot produced elsewhere: no production site
STATUS_OPTIONS = [(s.value, s.label) for s in LotStatus]


def with_fields(exc: DomainError) -> DomainError:
    """A refusal naming several fields shows each message beside its field."""
    if isinstance(exc, RuleViolation) and isinstance(exc.details, dict) and exc.details:
        return InvalidInput(exc.message, field=exc.field, details=exc.details)
    return exc


async def _species_options() -> list[tuple[str, str]]:
    rows = await reference.species_list(include_retired=True)
    return [(r["name_zh"], r["name_zh"]) for r in rows]


EXPORT = (
    ExportColumn("批次编号", "number", text=True),
    ExportColumn("生产经营者", "organisation_name"),
    ExportColumn("许可证编号", "licence_number", text=True),
    ExportColumn("树种", "species"),
    ExportColumn("品种", "variety"),
    ExportColumn("种类", "material_label"),
    ExportColumn("数量", "quantity_text"),
    ExportColumn("良种编号", "approval_number", text=True),
    ExportColumn("产地", "origin"),
    ExportColumn("苗圃基地", "base_name"),
    ExportColumn("生产日期", "produced_on"),
    ExportColumn("状态", "status_label"),
)


@get("/lots", include_in_schema=False)
async def lot_list(
    request: Request,
    actor: CurrentActor,
    species: FromQuery[str] = "",
    status: FromQuery[str] = "",
    page_no: ViewPageNo = 1,
) -> Template | Response:
    page_no = page_number(page_no)
    if exporting.wanted(request):
        return await exporting.xlsx_paged(
            "批次",
            EXPORT,
            lambda n: services.search(actor, species=species[:40], status=status[:12], page=n),
            "lots.xlsx",
        )
    items, total = await services.search(
        actor, species=species[:40], status=status[:12], page=page_no
    )
    return page(
        request,
        "lots/list.html",
        items=items,
        verdicts=await _verdicts([lot.id for lot in items]),
        total=total,
        species=species[:40],
        status=status[:12],
        page_no=page_no,
        page_size=services.PAGE_SIZE,
        species_options=await _species_options(),
        status_options=STATUS_OPTIONS,
    )


async def _verdicts(lot_ids: list[int]) -> dict[int, Any]:
    """What the public check says of each lot's labels today (issue 14 item 8: the lot pages
    show the public verdict, not the lot row's own state)."""
    found = await standing.lot_verdicts(lot_ids)
    return {lot_id: standing.shown(v) for lot_id, v in found.items()}


def _site_label(licence: dict[str, Any], site: dict[str, Any], names: dict[str, str]) -> str:
    return f"{licence['number']} — {site_text(site, names)}"


async def _form_context(actor: CurrentActor) -> dict[str, Any]:
    if actor.role is not Role.OPERATOR:
        raise Forbidden("只有生产经营者可以登记本单位的批次")
    licences = await services.licence_choices(actor)
    names = await reference.division_names()
    return {
        "site_options": [
            (f"{lic['id']}:{i}", _site_label(lic, site, names))
            for lic in licences
            for i, site in enumerate(lic["production_sites"])
        ]
        + [
            (f"{lic['id']}:{BOUGHT_IN}", f"{lic['number']} — 购进的批次（无本单位生产地点）")
            for lic in licences
        ],
        "source_options": SOURCE_OPTIONS,
        "licences": licences,
        "material_options": MATERIAL_OPTIONS,
        "species_options": await _species_options(),
        "base_options": await services.base_choices(actor),
    }


@get("/lots/new", include_in_schema=False)
async def lot_new(request: Request, actor: CurrentActor) -> Template:
    return page(request, "lots/form.html", **await _form_context(actor))


def _lot_input(values: dict[str, Any], licences: list[dict[str, Any]]) -> LotCreate:
    """The form's "licence:site" choice becomes the licence id and that site, as the API takes."""
    data = {k: v for k, v in values.items() if k != "licence_site"}
    choice = str(values.get("licence_site", ""))
    licence_id, _, index = choice.partition(":")
    licence = next((lic for lic in licences if str(lic["id"]) == licence_id), None)
    sites = licence["production_sites"] if licence else []
    if licence is None or not (index == BOUGHT_IN or (index.isdigit() and int(index) < len(sites))):
        raise InvalidInput(
            "请选择许可证及生产地点", details={"licence_site": "请选择许可证及生产地点"}
        )
    data["licence_id"] = licence["id"]
    data["production_site"] = None if index == BOUGHT_IN else sites[int(index)]
    return parse(LotCreate, data)


@post("/lots/new", include_in_schema=False)
async def lot_create(request: Request, actor: CurrentActor) -> Template | Redirect:
    context = await _form_context(actor)
    values = await form_data(request)
    try:
        lot = await services.create(actor, _lot_input(values, context["licences"]))
    except DomainError as exc:
        exc = with_fields(exc)
        details = exc.details if isinstance(exc, InvalidInput) else None
        if isinstance(details, dict) and details:
            # The form shows licence and site as one choice.
            for name in ("licence_id", "production_site"):
                if name in details:
                    details.setdefault("licence_site", details.pop(name))
        elif exc.field in ("licence_id", "production_site"):
            exc.field = "licence_site"
        return form_error(request, "lots/form.html", exc, values, **context)
    return see_other(f"/lots/{lot.id}")


async def detail_context(actor: CurrentActor, lot_id: int) -> dict[str, Any]:
    lot = await services.get(actor, lot_id)
    row = await services.load(actor, lot_id)
    station = actor.role is Role.SEED_STATION
    return {
        "lot": lot,
        "verdict": (await _verdicts([lot_id]))[lot_id],
        "inspections": await inspections.for_lot(lot_id),
        "certificates": await certificates.for_lot(row),
        "may_inspect": lot.status == LotStatus.ACTIVE
        and actor.role in (Role.OPERATOR, Role.SEED_STATION),
        "may_recall": lot.status == LotStatus.ACTIVE and services.may_recall(actor, row),
        "may_fill_use": services.may_fill_use(actor, row),
        "use_missing": use_problem(row) is not None,
        "may_link_base": services.may_link_base(actor, row),
        "base_options": await services.base_choices(actor),
        "is_station": station,
        "failed": "",
    }


@get("/lots/{lot_id:int}", include_in_schema=False)
async def lot_detail(request: Request, actor: CurrentActor, lot_id: FromPath[int]) -> Template:
    return page(request, "lots/detail.html", **await detail_context(actor, lot_id))


@post("/lots/{lot_id:int}/recall", include_in_schema=False)
async def lot_recall(
    request: Request, actor: CurrentActor, lot_id: FromPath[int]
) -> Template | Redirect:
    values = await form_data(request)
    try:
        data = parse(RecallIn, {"reason": values.get("reason", "")})
        if not confirmed(values):
            lot = await services.get(actor, lot_id)
            return confirmation(
                request,
                values,
                question=f"确认召回 批次 {lot.number}（{lot.species}）？",
                button="确认召回",
                back=f"/lots/{lot_id}",
                facts=[("召回原因", data.reason)],
                consequence="召回后本批次的标签一并作废，扫码显示无效，此操作不能撤销。",
                danger=True,
            )
        await services.recall(actor, lot_id, data)
    except DomainError as exc:
        context = await detail_context(actor, lot_id)
        context["failed"] = "recall"
        return form_error(request, "lots/detail.html", exc, values, **context)
    return see_other(f"/lots/{lot_id}")


@post("/lots/{lot_id:int}/use", include_in_schema=False)
async def lot_fill_use(
    request: Request, actor: CurrentActor, lot_id: FromPath[int]
) -> Template | Redirect:
    values = await form_data(request)
    try:
        await services.fill_use(actor, lot_id, parse(UseIn, values))
    except DomainError as exc:
        context = await detail_context(actor, lot_id)
        context["failed"] = "use"
        return form_error(request, "lots/detail.html", exc, values, **context)
    return see_other(f"/lots/{lot_id}")


@post("/lots/{lot_id:int}/base", include_in_schema=False)
async def lot_link_base(
    request: Request, actor: CurrentActor, lot_id: FromPath[int]
) -> Template | Redirect:
    values = await form_data(request)
    try:
        await services.link_base(actor, lot_id, parse(BaseLinkIn, values))
    except DomainError as exc:
        context = await detail_context(actor, lot_id)
        context["failed"] = "base"
        return form_error(request, "lots/detail.html", exc, values, **context)
    return see_other(f"/lots/{lot_id}")


HANDLERS = [lot_list, lot_new, lot_create, lot_detail, lot_recall, lot_fill_use, lot_link_base]
