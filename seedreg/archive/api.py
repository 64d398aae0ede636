"""JSON API of the production-and-trade archive (生产经营档案, 种子法第三十六条)."""

from __future__ import annotations

from datetime import date
from typing import Any

from litestar import Request, Response, get, post
from litestar.datastructures import UploadFile
from litestar.params import FromPath, FromQuery, JSONBody, MultipartBody

from seedreg.accounts.web import CurrentActor
from seedreg.archive import exports, findings, papers, services, tracing
from seedreg.archive.rule_settings import RETENTION_YEARS
from seedreg.archive.schemas import (
    ArchiveOut,
    CorrectionIn,
    DocumentOut,
    EntryIn,
    EntryOut,
    TraceOut,
)
from seedreg.core import clock, rulesettings
from seedreg.core.errors import RuleViolation
from seedreg.core.web.openapi import binary, errors
from seedreg.core.web.responses import XLSX, pdf_response, xlsx_response
from seedreg.matters.uploads import ALLOWED_TYPES

TAGS = ["生产经营档案"]
UPLOAD_LIMIT = 12_000_000


def organisation_of(actor: Any, organisation_id: int | None) -> int:
    """The operator's own archive, or the one an official names."""
    chosen = organisation_id if actor.is_official else actor.organisation_id
    if chosen is None:
        raise RuleViolation("请选择生产经营者", field="organisation_id")
    return int(chosen)


async def archive_view(actor: Any, organisation_id: int, year: int) -> ArchiveOut:
    org = await services.organisation(actor, organisation_id)
    return ArchiveOut(
        organisation_id=org["id"],
        organisation_name=org["name"],
        year=year,
        retention_years=await rulesettings.value(RETENTION_YEARS),
        entries=await services.entries(actor, org["id"], date(year, 1, 1), date(year, 12, 31)),
        lots=await findings.lot_gaps(org["id"], year),
    )


def year_of(year: int | None) -> int:
    chosen = year or clock.today().year
    if not 2000 <= chosen <= 2100:
        raise RuleViolation("年度不正确", field="year")
    return chosen


@get(
    "/api/archive",
    tags=TAGS,
    summary="生产经营档案：一年的记录与每个批次的完整性检查",
    responses=errors(404),
)
async def get_archive(
    actor: CurrentActor,
    organisation_id: FromQuery[int | None] = None,
    year: FromQuery[int | None] = None,
) -> ArchiveOut:
    return await archive_view(actor, organisation_of(actor, organisation_id), year_of(year))


@post("/api/archive/entries", tags=TAGS, summary="登记档案记录（生产、入库、出库、销售）")
async def create_entry(actor: CurrentActor, data: JSONBody[EntryIn]) -> EntryOut:
    return await services.record_entry(actor, data)


@get("/api/archive/entries/{entry_id:int}", tags=TAGS, summary="档案记录（含更正）")
async def get_entry(actor: CurrentActor, entry_id: FromPath[int]) -> EntryOut:
    return await services.get_entry(actor, entry_id)


@post(
    "/api/archive/entries/{entry_id:int}/corrections",
    tags=TAGS,
    summary="更正档案记录（追加更正记录，原记录保留）",
)
async def correct_entry(
    actor: CurrentActor, entry_id: FromPath[int], data: JSONBody[CorrectionIn]
) -> EntryOut:
    return await services.correct_entry(actor, entry_id, data)


@post(
    "/api/archive/documents",
    tags=TAGS,
    summary="上传合同、发票等档案材料（PDF/JPEG/PNG）",
    request_max_body_size=UPLOAD_LIMIT,
)
async def attach_document(actor: CurrentActor, data: MultipartBody[dict[str, Any]]) -> DocumentOut:
    file = data.get("file")
    if not isinstance(file, UploadFile) or not file.filename:
        raise RuleViolation("请选择要上传的文件", field="file")
    try:
        lot_id = int(str(data.get("lot_id", "")))
        entry = str(data.get("entry_id") or "")
        entry_id = int(entry) if entry else None
    except ValueError:
        raise RuleViolation("批次或档案记录编号不正确", field="lot_id") from None
    return await papers.attach(
        actor,
        lot_id=lot_id,
        entry_id=entry_id,
        kind=str(data.get("kind", "")),
        filename=file.filename,
        content=await file.read(),
    )


@get(
    "/api/archive/documents/{document_id:int}",
    tags=TAGS,
    summary="下载档案材料",
    opt=binary(*ALLOWED_TYPES),
)
async def download_document(actor: CurrentActor, document_id: FromPath[int]) -> Response[bytes]:
    path, _, content_type = await papers.file(actor, document_id)
    return Response(
        path.read_bytes(),
        media_type=content_type,
        headers={"Content-Disposition": f'attachment; filename="archive-{document_id}"'},
    )


@get(
    "/api/archive/trace",
    tags=TAGS,
    summary="按标签序列号追溯销售记录（购买方仅执法和主管人员可见）",
)
async def trace(actor: CurrentActor, serial: FromQuery[str] = "") -> TraceOut:
    return await tracing.trace(actor, serial[:40])


@get(
    "/api/archive/export.xlsx",
    tags=TAGS,
    summary="导出生产经营者一段时间的档案（xlsx）",
    media_type=XLSX,
    responses=errors(404),
)
async def export_xlsx(
    actor: CurrentActor, organisation_id: FromQuery[int], date_from: FromQuery[date],
    date_to: FromQuery[date],
) -> Response[bytes]:  # fmt: skip
    content = await exports.xlsx(actor, organisation_id, date_from, date_to)
    return xlsx_response(content, f"archive-{organisation_id}-{date_from}-{date_to}.xlsx")


@get(
    "/api/archive/export.pdf", tags=TAGS, summary="导出生产经营者一段时间的档案（PDF）",
    media_type="application/pdf", responses=errors(404),
)  # fmt: skip
async def export_pdf(
    request: Request, actor: CurrentActor, organisation_id: FromQuery[int],
    date_from: FromQuery[date], date_to: FromQuery[date],
) -> Response[bytes]:  # fmt: skip
    base_url = request.app.state.settings.public_base_url
    content = await exports.pdf(actor, organisation_id, date_from, date_to, base_url)
    return pdf_response(content, f"archive-{organisation_id}-{date_from}-{date_to}.pdf")


HANDLERS = [
    get_archive,
    create_entry,
    get_entry,
    correct_entry,
    attach_document,
    download_document,
    trace,
    export_xlsx,
    export_pdf,
]
