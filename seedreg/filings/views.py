"""备案 pages: the filer's new filing (kind first, then its fields), its list and the detail
with notices; the bureau acts from the detail (actions from ``allowed_actions``). Each POST
calls one service and redirects (303), or re-shows the form with the Chinese message and what
was typed (422)."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from litestar import Request, Response, get, post
from litestar.datastructures import UploadFile
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from seedreg.accounts.web import CurrentActor
from seedreg.core.errors import DomainError, NotFound, RuleViolation
from seedreg.core.paging import page_number
from seedreg.core.web import exporting
from seedreg.core.web.bounds import ViewPageNo
from seedreg.core.web.confirm import confirmation, confirmed
from seedreg.core.web.exporting import ExportColumn
from seedreg.core.web.forms import parse
from seedreg.core.web.pages import form_error, page, see_other
from seedreg.filings import materials, services
from seedreg.filings.api import UPLOAD_LIMIT
from seedreg.filings.documents import DETAIL_LINES, detail_lines
from seedreg.filings.rules import MATTER, FilingKind
from seedreg.filings.schemas import FilingCreate
from seedreg.licensing.schemas import RejectIntakeIn, SupplementIn
from seedreg.matters import catalogue
from seedreg.matters import rules as flow_rules
from seedreg.matters.held_rules import HELD_LABEL
from seedreg.matters.held_views import held_material
from seedreg.matters.transitions import Clock, Party
from seedreg.organisations import services as organisations

DETAIL = "/filings/{id}"
KINDS = [(k.value, k.label) for k in FilingKind]
FIELD_HINTS = {"varieties": "每行一个品种", "commission_from": "如 2026-01-01"}


async def _form_values(request: Request) -> dict[str, Any]:
    form = await request.form()
    values: dict[str, Any] = {}
    for key, value in form.multi_items():
        if key == "_csrf_token" or not isinstance(value, str):
            continue
        if key == "items":
            values.setdefault(key, []).append(value)
        elif value.strip():
            values[key] = value.strip()
    return values


async def _form_context(actor: CurrentActor, kind: str, org_q: str = "") -> dict[str, Any]:
    """The form of the kind chosen; for the bureau's officer (窗口代办) also the filers found
    by name or credit code, to choose the one filing at the counter."""
    known = kind in {k.value for k in FilingKind}
    fields = DETAIL_LINES[FilingKind(kind)] if known else ()
    at_counter = Party.OFFICER in flow_rules.actor_view(actor.role, MATTER).parties
    orgs = (await organisations.search(actor, q=org_q.strip()[:60]))[0] if at_counter else []
    return {
        "kinds": KINDS,
        "kind": kind if known else "",
        "fields": fields,
        "date_fields": ("commission_from", "commission_to"),
        "hints": FIELD_HINTS,
        "may_file_at_counter": at_counter,
        "orgs": orgs,
        "org_q": org_q[:60],
    }


FILING_EXPORT = (
    ExportColumn("备案编号", "reference", text=True),
    ExportColumn("备案类型", "kind_label"),
    ExportColumn("生产经营者", "organisation_name"),
    ExportColumn("提交时间", "submitted_at"),
    ExportColumn("收到日期", "received_on"),
    ExportColumn("办结日期", "decided_on"),
    ExportColumn("状态", "status_label"),
)


@get("/filings", include_in_schema=False)
async def filings_page(
    request: Request, actor: CurrentActor, page_no: ViewPageNo = 1
) -> Template | Response:
    if exporting.wanted(request):
        return await exporting.xlsx_paged(
            "备案", FILING_EXPORT, lambda n: services.mine(actor, page=n), "filings.xlsx"
        )
    page_no = page_number(page_no)
    filings, total = await services.mine(actor, page=page_no)
    return page(
        request,
        "filings/list.html",
        filings=filings,
        total=total,
        page_no=page_no,
        page_size=services.PAGE_SIZE,
    )


@get("/filings/new", include_in_schema=False)
async def new_page(
    request: Request, actor: CurrentActor, kind: FromQuery[str] = "", org_q: FromQuery[str] = ""
) -> Template:
    return page(request, "filings/new.html", **await _form_context(actor, kind[:20], org_q))


@post("/filings/new", include_in_schema=False)
async def new_submit(request: Request, actor: CurrentActor) -> Template | Redirect:
    values = await _form_values(request)
    kind = str(values.get("kind", ""))[:20]
    details = parse_details(values)
    filer = {"organisation_id": values["organisation_id"]} if "organisation_id" in values else {}
    try:
        data = parse(FilingCreate, {"details": details, **filer})
        filing = await services.create(actor, data)
    except DomainError as exc:
        context = await _form_context(actor, kind)
        return form_error(request, "filings/new.html", _placed(exc), values, **context)
    return see_other(DETAIL.format(id=filing.id))


def parse_details(values: dict[str, Any]) -> dict[str, Any]:
    """The kind's fields as typed; the varieties one a line (or 、 , separated)."""
    details = {k: v for k, v in values.items() if k not in {"organisation_id", "org_q"}}
    if "varieties" in details:
        details["varieties"] = [v for v in re.split(r"[\n、,，]+", details["varieties"]) if v]
    return details


def _placed(exc: DomainError) -> DomainError:
    errors = getattr(exc, "details", None)
    if isinstance(errors, dict):  # "details.branch.licence_number" → "licence_number"
        exc.details = {k.rsplit(".", 1)[-1]: v for k, v in errors.items()}
    return exc


async def _detail_context(actor: CurrentActor, filing_id: int) -> dict[str, Any]:
    filing = await services.get(actor, filing_id)
    labels = flow_rules.flow(MATTER).action_labels
    checklist = await catalogue.materials(MATTER, filing.kind.value)
    state = flow_rules.flow(MATTER).states[filing.status]
    view = flow_rules.actor_view(actor.role, MATTER, at_counter=filing.at_counter)
    filer = Party.APPLICANT in view.parties
    return {
        "filing": filing,
        "lines": detail_lines(filing.kind, filing.details),
        "actions": {a: labels[a] for a in filing.allowed_actions},
        "checklist": [(m["code"], m["name"]) for m in checklist],
        "checklist_names": {m["code"]: m["name"] for m in checklist},
        # 兴署发〔2021〕5号 Art. 10(四): what the system holds, offered instead of an upload
        "held": await materials.offered(actor, filing_id) if filer and state.uploads else {},
        "held_label": HELD_LABEL,
        # the table says when the filer may still add files, correct or take them back
        "may_upload": filer and state.uploads,
        "may_edit": filer and filing.status in services.EDITABLE,
        "may_delete_materials": filer and state.uploads and state.clock is not Clock.INTAKE,
    }


@get("/filings/{filing_id:int}", include_in_schema=False)
async def detail_page(request: Request, actor: CurrentActor, filing_id: FromPath[int]) -> Template:
    return page(request, "filings/detail.html", **await _detail_context(actor, filing_id))


# The steps that ask first (irreversible), with the question's verb and button.
ASK = {
    "record": ("予以备案", "确认予以备案，出具备案回执"),
    "reject_intake": ("不予备案", "确认不予备案"),
}


@post("/filings/{filing_id:int}/{action:str}", include_in_schema=False)
async def act(
    request: Request, actor: CurrentActor, filing_id: FromPath[int], action: FromPath[str]
) -> Template | Redirect:
    values = await _form_values(request)
    try:
        if action in ASK and not confirmed(values):
            filing = await services.get(actor, filing_id)
            verb, button = ASK[action]
            who = f"{filing.kind_label} {filing.reference}（{filing.organisation_name}）"
            return confirmation(
                request,
                values,
                question=f"确认{verb} {who}？",
                button=button,
                back=DETAIL.format(id=filing_id),
                facts=[("理由", values.get("reasons", ""))],
                danger=action == "reject_intake",
            )
        await _call(actor, filing_id, action, values)
    except DomainError as exc:
        context = await _detail_context(actor, filing_id)
        return form_error(request, "filings/detail.html", exc, values, **context)
    return see_other(DETAIL.format(id=filing_id))


async def _call(actor: CurrentActor, filing_id: int, action: str, values: dict[str, Any]) -> None:
    if action == "request_supplement":
        data = parse(SupplementIn, {"items": values.get("items", [])})
        await services.request_supplement(actor, filing_id, data)
    elif action == "reject_intake":
        reasons = {k: values[k] for k in ("reasons", "competent_authority") if k in values}
        await services.reject(actor, filing_id, parse(RejectIntakeIn, reasons))
    else:
        simple = {
            "submit": services.submit,
            "resubmit": services.resubmit,
            "withdraw": services.withdraw,
            "record": services.record,
        }
        if action not in simple:
            raise NotFound("没有这项操作")
        await simple[action](actor, filing_id)


# --- the filer's corrections and materials ---------------------------------------------------


def _edit_values(filing: Any) -> dict[str, Any]:
    values = {k: v for k, v in filing.details.items() if k != "kind"}
    if isinstance(values.get("varieties"), list):
        values["varieties"] = "\n".join(values["varieties"])
    return {k: str(v) for k, v in values.items()}


async def _edit_context(actor: CurrentActor, filing_id: int) -> dict[str, Any]:
    filing = await services.get(actor, filing_id)
    context = await _form_context(actor, filing.kind.value)
    return {**context, "filing": filing, "may_file_at_counter": False}


@get("/filings/{filing_id:int}/edit", include_in_schema=False)
async def edit_page(request: Request, actor: CurrentActor, filing_id: FromPath[int]) -> Template:
    context = await _edit_context(actor, filing_id)
    values = _edit_values(context["filing"])
    return page(request, "filings/edit.html", values=values, **context)


@post("/filings/{filing_id:int}/edit", include_in_schema=False)
async def edit_submit(
    request: Request, actor: CurrentActor, filing_id: FromPath[int]
) -> Template | Redirect:
    values = await _form_values(request)
    try:
        kind = (await services.get(actor, filing_id)).kind.value  # the kind stays what it is
        data = parse(FilingCreate, {"details": {**parse_details(values), "kind": kind}})
        await services.update_details(actor, filing_id, data)
    except DomainError as exc:
        context = await _edit_context(actor, filing_id)
        return form_error(request, "filings/edit.html", _placed(exc), values, **context)
    return see_other(DETAIL.format(id=filing_id))


@post(
    "/filings/{filing_id:int}/materials",
    include_in_schema=False,
    request_max_body_size=UPLOAD_LIMIT,
)
async def material_upload(
    request: Request, actor: CurrentActor, filing_id: FromPath[int]
) -> Template | Redirect:
    form = await request.form()
    values = {"item_code": str(form.get("item_code", ""))}
    file = form.get("file")
    try:
        if not isinstance(file, UploadFile) or not file.filename:
            raise RuleViolation("请选择要上传的文件", field="file")
        content = await file.read()
        await materials.upload(actor, filing_id, values["item_code"], file.filename, content)
    except DomainError as exc:
        context = await _detail_context(actor, filing_id)
        return form_error(request, "filings/detail.html", exc, values, **context)
    return see_other(DETAIL.format(id=filing_id) + "#materials")


@post("/filings/{filing_id:int}/materials/held", include_in_schema=False)
async def material_held(
    request: Request, actor: CurrentActor, filing_id: FromPath[int]
) -> Template | Redirect:
    """使用系统已有材料 instead of an upload (兴署发〔2021〕5号 Art. 10(四))."""

    async def confirm(item_code: str, token: str) -> None:
        await materials.confirm_held(actor, filing_id, item_code, token)

    async def show_again(exc: DomainError, values: dict[str, Any]) -> Template:
        context = await _detail_context(actor, filing_id)
        return form_error(request, "filings/detail.html", exc, values, **context)

    return await held_material(request, confirm, show_again, DETAIL.format(id=filing_id))


@post("/filings/{filing_id:int}/materials/{material_id:int}/delete", include_in_schema=False)
async def material_delete(
    request: Request, actor: CurrentActor, filing_id: FromPath[int], material_id: FromPath[int]
) -> Template | Redirect:
    try:
        await materials.delete(actor, material_id)
    except DomainError as exc:
        context = await _detail_context(actor, filing_id)
        return form_error(request, "filings/detail.html", exc, {}, **context)
    return see_other(DETAIL.format(id=filing_id) + "#materials")


@get("/filings/materials/{material_id:int}", include_in_schema=False)
async def material_download(actor: CurrentActor, material_id: FromPath[int]) -> Response[bytes]:
    row, content = await materials.download(actor, material_id)
    extension = materials.ALLOWED_TYPES.get(row["content_type"], "bin")
    name = quote(row["original_name"], safe="")
    disposition = (
        f"attachment; filename=\"material-{material_id}.{extension}\"; filename*=UTF-8''{name}"
    )
    return Response(
        content, media_type=row["content_type"], headers={"Content-Disposition": disposition}
    )


HANDLERS = [
    filings_page,
    new_page,
    new_submit,
    detail_page,
    edit_page,
    edit_submit,
    material_upload,
    material_held,
    material_delete,
    material_download,
    act,
]
