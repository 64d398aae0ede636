"""Pages of the production-and-trade archive: the year's records and completeness, the form
for a record, a record with its corrections and papers, the trace of a label, the official's
export, and the public page an exported PDF's QR code leads to."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import quote

from litestar import Request, Response, get, post
from litestar.datastructures import UploadFile
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from seedreg.accounts.rules import Actor
from seedreg.accounts.web import CurrentActor
from seedreg.archive import exports, papers, rules, services, tracing
from seedreg.archive.api import UPLOAD_LIMIT, archive_view, organisation_of, year_of
from seedreg.archive.rules import CORRECTABLE, DocumentKind, EntryKind
from seedreg.archive.schemas import CorrectionIn, EntryIn
from seedreg.core import clock
from seedreg.core.errors import DomainError, NotFound, RuleViolation
from seedreg.core.web.forms import parse
from seedreg.core.web.pages import form_data, form_error, page, see_other, verification
from seedreg.core.web.responses import pdf_response, xlsx_response

KIND_OPTIONS = [(k.value, k.label) for k in EntryKind]
DOCUMENT_OPTIONS = [(k.value, k.label) for k in DocumentKind]


@get("/archive", include_in_schema=False)
async def archive_page(
    request: Request,
    actor: CurrentActor,
    organisation_id: FromQuery[int | None] = None,
    year: FromQuery[int | None] = None,
) -> Template:
    options = await services.organisation_options(actor)
    chosen = organisation_id if actor.is_official else actor.organisation_id
    archive = await archive_view(actor, chosen, year_of(year)) if chosen else None
    actions = rules.allowed_actions(actor, chosen or 0)
    today = clock.today()
    return page(
        request,
        "archive/list.html",
        archive=archive,
        organisation_options=options,
        chosen=str(chosen or ""),
        year=year_of(year),
        may_record="record" in actions,
        may_export="export" in actions and archive is not None,
        export_from=date(today.year, 1, 1).isoformat(),
        export_to=today.isoformat(),
    )


async def _form_context(actor: Actor) -> dict[str, Any]:
    if not rules.may_record(actor, actor.organisation_id or 0):
        raise NotFound("档案由生产经营者本单位登记")
    lots = await services.own_lots(actor)
    return {
        "kind_options": KIND_OPTIONS,
        "lot_options": [(str(lot["id"]), f"{lot['number']} {lot['species']}") for lot in lots],
    }


@get("/archive/new", include_in_schema=False)
async def entry_new(request: Request, actor: CurrentActor, lot: FromQuery[str] = "") -> Template:
    context = await _form_context(actor)
    values = {"occurred_on": clock.today().isoformat(), "lot_id": lot[:12]}
    return page(request, "archive/form.html", values=values, **context)


@post("/archive/new", include_in_schema=False)
async def entry_create(request: Request, actor: CurrentActor) -> Template | Redirect:
    context = await _form_context(actor)
    values = await form_data(request)
    try:
        entry = await services.record_entry(actor, parse(EntryIn, values))
    except DomainError as exc:
        return form_error(request, "archive/form.html", exc, values, **context)
    return see_other(f"/archive/entries/{entry.id}")


async def _entry_context(actor: Actor, entry_id: int) -> dict[str, Any]:
    entry = await services.get_entry(actor, entry_id)
    actions = rules.allowed_actions(actor, entry.organisation_id)
    return {
        "entry": entry,
        "may_correct": "correct" in actions,
        "may_attach": "attach" in actions,
        "fields": CORRECTABLE,
        "document_options": DOCUMENT_OPTIONS,
    }


@get("/archive/entries/{entry_id:int}", include_in_schema=False)
async def entry_detail(request: Request, actor: CurrentActor, entry_id: FromPath[int]) -> Template:
    return page(request, "archive/entry.html", **await _entry_context(actor, entry_id))


@post("/archive/entries/{entry_id:int}/correct", include_in_schema=False)
async def entry_correct(
    request: Request, actor: CurrentActor, entry_id: FromPath[int]
) -> Template | Redirect:
    values = await form_data(request)
    try:
        await services.correct_entry(actor, entry_id, parse(CorrectionIn, values))
    except DomainError as exc:
        context = await _entry_context(actor, entry_id)
        return form_error(request, "archive/entry.html", exc, values, **context)
    return see_other(f"/archive/entries/{entry_id}")


@post(
    "/archive/entries/{entry_id:int}/documents",
    include_in_schema=False,
    request_max_body_size=UPLOAD_LIMIT,
)
async def entry_attach(
    request: Request, actor: CurrentActor, entry_id: FromPath[int]
) -> Template | Redirect:
    form = await request.form()
    values = {"kind": str(form.get("kind", ""))}
    file = form.get("file")
    try:
        entry = await services.get_entry(actor, entry_id)
        if not isinstance(file, UploadFile) or not file.filename:
            raise RuleViolation("请选择要上传的文件", field="file")
        await papers.attach(
            actor, lot_id=entry.lot_id, entry_id=entry_id, kind=values["kind"],
            filename=file.filename, content=await file.read(),
        )  # fmt: skip
    except DomainError as exc:
        context = await _entry_context(actor, entry_id)
        return form_error(request, "archive/entry.html", exc, values, **context)
    return see_other(f"/archive/entries/{entry_id}#papers")


@get("/archive/documents/{document_id:int}", include_in_schema=False)
async def document_download(actor: CurrentActor, document_id: FromPath[int]) -> Response[bytes]:
    path, name, content_type = await papers.file(actor, document_id)
    return Response(
        path.read_bytes(),
        media_type=content_type,
        headers={
            "Content-Disposition": f'attachment; filename="archive-{document_id}"; '
            f"filename*=UTF-8''{quote(name, safe='')}"
        },
    )


@get("/archive/trace", include_in_schema=False)
async def trace_page(
    request: Request, actor: CurrentActor, serial: FromQuery[str] = ""
) -> Template:
    found = await tracing.trace(actor, serial[:40]) if serial.strip() else None
    return page(request, "archive/trace.html", found=found, values={"serial": serial[:40]})


def _range(values: dict[str, Any]) -> tuple[date, date]:
    try:
        return date.fromisoformat(values["date_from"]), date.fromisoformat(values["date_to"])
    except (KeyError, ValueError):
        raise RuleViolation("请填写正确的起止日期", field="date_from") from None


@get("/archive/export.xlsx", include_in_schema=False)
async def export_xlsx(
    actor: CurrentActor, organisation_id: FromQuery[int], date_from: FromQuery[str] = "",
    date_to: FromQuery[str] = "",
) -> Response[bytes]:  # fmt: skip
    start, end = _range({"date_from": date_from, "date_to": date_to})
    org = organisation_of(actor, organisation_id)
    content = await exports.xlsx(actor, org, start, end)
    return xlsx_response(content, f"archive-{org}-{start}-{end}.xlsx")


@get("/archive/export.pdf", include_in_schema=False)
async def export_pdf(
    request: Request, actor: CurrentActor, organisation_id: FromQuery[int],
    date_from: FromQuery[str] = "", date_to: FromQuery[str] = "",
) -> Response[bytes]:  # fmt: skip
    start, end = _range({"date_from": date_from, "date_to": date_to})
    org = organisation_of(actor, organisation_id)
    base_url = request.app.state.settings.public_base_url
    content = await exports.pdf(actor, org, start, end, base_url)
    return pdf_response(content, f"archive-{org}-{start}-{end}.pdf")


@get("/verify/archive/{public_id:str}", include_in_schema=False)
async def export_verify(request: Request, public_id: FromPath[str]) -> Template:
    look_up = exports.verify(public_id[:40])
    return await verification(request, "archive/verify.html", "found", look_up)


HANDLERS = [
    archive_page,
    entry_new,
    entry_create,
    entry_detail,
    entry_correct,
    entry_attach,
    document_download,
    trace_page,
    export_xlsx,
    export_pdf,
    export_verify,
]
