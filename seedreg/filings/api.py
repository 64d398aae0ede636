"""JSON API of 备案 filings (种子法 Art. 38 ¶1): the same services as the pages."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, delete, get, post
from litestar.datastructures import UploadFile
from litestar.params import FromPath, JSONBody, MultipartBody
from litestar.status_codes import HTTP_204_NO_CONTENT

from seedreg.accounts.web import CurrentActor
from seedreg.core.errors import RuleViolation
from seedreg.core.web.bounds import PageNo
from seedreg.core.web.openapi import binary
from seedreg.core.web.responses import pdf_response
from seedreg.filings import documents, materials, services
from seedreg.filings.schemas import FilingCreate, FilingOut, FilingPage
from seedreg.licensing.schemas import RatingIn, RejectIntakeIn, SupplementIn

TAGS = ["备案"]
UPLOAD_LIMIT = 12_000_000  # as licensing's: the setting's file limit plus the form around it
BASE = "/api/filings/{application_id:int}"


@post("/api/filings", tags=TAGS, summary="新建备案（草稿）；审批人员为窗口代办")
async def create_filing(actor: CurrentActor, data: JSONBody[FilingCreate]) -> FilingOut:
    return await services.create(actor, data)


@get("/api/filings", tags=TAGS, summary="备案列表（分页）：经营者看本单位，审批人员看辖区")
async def list_filings(actor: CurrentActor, page: PageNo = 1) -> FilingPage:
    items, total = await services.mine(actor, page=page)
    return FilingPage(items=items, total=total, page=page, page_size=services.PAGE_SIZE)


@get(BASE, tags=TAGS, summary="备案详情")
async def get_filing(actor: CurrentActor, application_id: FromPath[int]) -> FilingOut:
    return await services.get(actor, application_id)


def _simple(name: str, func: Any, summary: str) -> Any:
    async def handler(actor: CurrentActor, application_id: FromPath[int]) -> FilingOut:
        return await func(actor, application_id)

    handler.__name__ = f"filing_{name}"
    return post(f"{BASE}/{name}", tags=TAGS, summary=summary, status_code=200)(handler)


submit = _simple("submit", services.submit, "提交备案")
resubmit = _simple("resubmit", services.resubmit, "提交补正材料")
withdraw = _simple("withdraw", services.withdraw, "撤回备案申请")
record = _simple("record", services.record, "予以备案（出具备案回执）")


@post(f"{BASE}/supplement", tags=TAGS, summary="一次性告知补正", status_code=200)
async def filing_supplement(
    actor: CurrentActor, application_id: FromPath[int], data: JSONBody[SupplementIn]
) -> FilingOut:
    return await services.request_supplement(actor, application_id, data)


@post(f"{BASE}/reject", tags=TAGS, summary="不予备案（说明理由）", status_code=200)
async def filing_reject(
    actor: CurrentActor, application_id: FromPath[int], data: JSONBody[RejectIntakeIn]
) -> FilingOut:
    return await services.reject(actor, application_id, data)


@post(f"{BASE}/rating", tags=TAGS, summary="好差评")
async def filing_rate(
    actor: CurrentActor, application_id: FromPath[int], data: JSONBody[RatingIn]
) -> dict[str, Any]:
    return await services.rate(actor, application_id, data.score, data.comment)


@post(f"{BASE}/details", tags=TAGS, summary="修改备案事项（草稿或待补正时）", status_code=200)
async def filing_update(
    actor: CurrentActor, application_id: FromPath[int], data: JSONBody[FilingCreate]
) -> FilingOut:
    return await services.update_details(actor, application_id, data)


@post(
    f"{BASE}/materials",
    tags=TAGS,
    summary="上传备案材料（PDF/JPEG/PNG）",
    request_max_body_size=UPLOAD_LIMIT,
)
async def filing_upload(
    actor: CurrentActor, application_id: FromPath[int], data: MultipartBody[dict[str, Any]]
) -> dict[str, Any]:
    file = data.get("file")
    if not isinstance(file, UploadFile):
        raise RuleViolation("请选择要上传的文件", field="file")
    code = str(data.get("item_code", ""))
    return await materials.upload(actor, application_id, code, file.filename, await file.read())


@get(
    "/api/filings/materials/{material_id:int}",
    tags=TAGS,
    summary="下载备案材料（原文件：PDF、JPEG 或 PNG）",
    opt=binary(*materials.ALLOWED_TYPES),
)
async def filing_material(actor: CurrentActor, material_id: FromPath[int]) -> Response[bytes]:
    row, content = await materials.download(actor, material_id)
    disposition = f'attachment; filename="material-{material_id}"'
    return Response(
        content, media_type=row["content_type"], headers={"Content-Disposition": disposition}
    )


@delete(
    "/api/filings/materials/{material_id:int}",
    tags=TAGS,
    summary="删除备案材料（提交前或补正时）",
    status_code=HTTP_204_NO_CONTENT,
)
async def filing_material_delete(actor: CurrentActor, material_id: FromPath[int]) -> None:
    await materials.delete(actor, material_id)


@get(
    "/api/filings/notices/{notice_id:int}/pdf",
    tags=TAGS,
    summary="备案回执PDF",
    media_type="application/pdf",
)
async def filing_receipt_pdf(
    request: Request, actor: CurrentActor, notice_id: FromPath[int]
) -> Response[bytes]:
    base_url = request.app.state.settings.public_base_url
    pdf = await documents.receipt_pdf(actor, notice_id, base_url)
    return pdf_response(pdf, f"filing-receipt-{notice_id}.pdf")


HANDLERS = [
    filing_update,
    filing_upload,
    filing_material,
    filing_material_delete,
    filing_rate,
    filing_receipt_pdf,
    create_filing,
    list_filings,
    get_filing,
    submit,
    resubmit,
    withdraw,
    record,
    filing_supplement,
    filing_reject,
]
