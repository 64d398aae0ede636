"""备案 pages: the filer's new filing (kind first, then its fields), its list and the detail
with notices; the bureau acts from the detail (actions from ``allowed_actions``). Each POST
calls one service and redirects (303), or re-shows the form with the Chinese message and what
was typed (422)."""

from __future__ import annotations

import re
from typing import Any

from litestar import Request, Response, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from seedreg.accounts.web import CurrentActor
from seedreg.core.errors import DomainError, NotFound
from seedreg.core.web import exporting
from seedreg.core.web.confirm import confirmation, confirmed
from seedreg.core.web.exporting import ExportColumn
from seedreg.core.web.forms import parse
from seedreg.core.web.pages import form_error, page, see_other
from seedreg.filings import services
from seedreg.filings.documents import DETAIL_LINES, detail_lines
from seedreg.filings.rules import MATTER, FilingKind
from seedreg.filings.schemas import FilingCreate
from seedreg.licensing.schemas import RejectIntakeIn, SupplementIn
from seedreg.matters import catalogue
from seedreg.matters import rules as flow_rules

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


def _form_context(kind: str) -> dict[str, Any]:
    known = kind in {k.value for k in FilingKind}
    fields = DETAIL_LINES[FilingKind(kind)] if known else ()
    return {
        "kinds": KINDS,
        "kind": kind if known else "",
        "fields": fields,
        "date_fields": ("commission_from", "commission_to"),
        "hints": FIELD_HINTS,
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
async def filings_page(request: Request, actor: CurrentActor) -> Template | Response:
    filings = await services.mine(actor)
    if exporting.wanted(request):
        return exporting.xlsx("备案", FILING_EXPORT, filings, "filings.xlsx")
    return page(request, "filings/list.html", filings=filings)


@get("/filings/new", include_in_schema=False)
async def new_page(request: Request, actor: CurrentActor, kind: str = "") -> Template:
    return page(request, "filings/new.html", **_form_context(kind[:20]))


@post("/filings/new", include_in_schema=False)
async def new_submit(request: Request, actor: CurrentActor) -> Template | Redirect:
    values = await _form_values(request)
    kind = str(values.get("kind", ""))[:20]
    details = {k: v for k, v in values.items() if k != "organisation_id"}
    if "varieties" in details:
        details["varieties"] = [v for v in re.split(r"[\n、,，]+", details["varieties"]) if v]
    try:
        data = parse(FilingCreate, {"details": details})
        filing = await services.create(actor, data)
    except DomainError as exc:
        errors = getattr(exc, "details", None)
        if isinstance(errors, dict):  # "details.branch.licence_number" → "licence_number"
            exc.details = {k.rsplit(".", 1)[-1]: v for k, v in errors.items()}
        return form_error(request, "filings/new.html", exc, values, **_form_context(kind))
    return see_other(DETAIL.format(id=filing.id))


async def _detail_context(actor: CurrentActor, filing_id: int) -> dict[str, Any]:
    filing = await services.get(actor, filing_id)
    labels = flow_rules.flow(MATTER).action_labels
    checklist = await catalogue.materials(MATTER, filing.kind.value)
    return {
        "filing": filing,
        "lines": detail_lines(filing.kind, filing.details),
        "actions": {a: labels[a] for a in filing.allowed_actions},
        "checklist": [(m["code"], m["name"]) for m in checklist],
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


HANDLERS = [filings_page, new_page, new_submit, detail_page, act]
