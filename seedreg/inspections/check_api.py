"""JSON API of on-site checks (issue 22). A phone keeps the whole check locally and submits it
once: ``POST /api/inspections/checks`` with the body ``CheckIn`` (an idempotency key: a retry
or a double tap answers 200 with the same record), then each declared photo and the drawn
signature as raw bytes to ``PUT /api/inspections/checks/{key}/photos/{photo_key}`` (idempotent
by the photo key). The documents are PDFs with a QR to a public verification page."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, post, put
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import FromPath, FromQuery, JSONBody

from seedreg.accounts.web import CurrentActor
from seedreg.core.web.bounds import PageNo
from seedreg.core.web.openapi import errors
from seedreg.core.web.responses import pdf_response
from seedreg.inspections import check_documents, check_list, checks, evidence
from seedreg.inspections.check_out import check_out
from seedreg.inspections.check_schemas import CheckIn, CheckOut, PhotoOut

TAGS = ["现场检查"]
CHECK = "/api/inspections/checks/{check_id:int}"


@post(
    "/api/inspections/checks",
    tags=TAGS,
    summary="提交一次现场检查（整份记录，一次提交）",
    description=(
        "同一个 idempotency_key 重复提交（重试、连点）只记录一次：首次 201，之后 200 并返回"
        "同一条记录；另一名执法人员用过的键为 409。执法人员少于两名（或无执法证号）为 422"
        "（行政处罚法第四十二条）。scans 中的每次扫码按其自身的键记录，其差异自动生成预填的"
        "发现问题（除非 findings 中已有 scan_key 相同的项）。"
    ),
    responses={
        201: ResponseSpec(CheckOut, description="已记录"),
        200: ResponseSpec(CheckOut, description="此前已记录（同一幂等键）"),
        **errors(401, 403, 409, 422),
    },
)
async def submit_check(actor: CurrentActor, data: JSONBody[CheckIn]) -> Response[CheckOut]:
    out, created = await checks.submit_check(actor, data)
    return Response(out, status_code=201 if created else 200)


@get(
    "/api/inspections/checks",
    tags=TAGS,
    summary="现场检查记录（本辖区，最新的在前，可按旗县市、月份、违法事项、单位名称筛选）",
    responses=errors(403, 422),
)
async def list_checks(
    actor: CurrentActor,
    division: FromQuery[str] = "",
    month: FromQuery[str] = "",
    finding: FromQuery[str] = "",
    q: FromQuery[str] = "",
    page: PageNo = 1,
) -> check_list.CheckPage:
    wanted = check_list.CheckFilter(
        division=division[:6], month=month[:7], finding=finding[:12], q=q[:60]
    )
    return await check_list.check_page(actor, wanted, page)


@get(CHECK, tags=TAGS, summary="现场检查记录详情", responses=errors(403, 404))
async def get_check(actor: CurrentActor, check_id: FromPath[int]) -> CheckOut:
    return await check_out(await checks.load(actor, check_id))


@put(
    "/api/inspections/checks/{check_key:str}/photos/{photo_key:str}",
    tags=TAGS,
    summary="上传一张证据照片或签名（请求体为图片原始字节）",
    description="同一照片编号、同样内容重复上传只保存一次（首次 201，之后 200）；"
    "照片须已在检查记录的 photos 或 signature.photo_key 中登记。",
    responses={
        201: ResponseSpec(PhotoOut, description="已保存"),
        200: ResponseSpec(PhotoOut, description="此前已保存"),
        **errors(403, 404, 409, 422),
    },
    request_max_body_size=60_000_000,
)
async def upload_photo(
    request: Request[Any, Any, Any],
    actor: CurrentActor,
    check_key: FromPath[str],
    photo_key: FromPath[str],
) -> Response[PhotoOut]:
    kept, created = await evidence.upload(
        actor, check_key[:36], photo_key[:36], await request.body()
    )
    out = PhotoOut(
        key=kept["photo_key"],
        caption="",
        kind=kept["kind"],
        uploaded=True,
        sha256=kept["sha256"],
        size=kept["size"],
        content_type=kept["content_type"],
    )
    return Response(out, status_code=201 if created else 200)


@get(f"{CHECK}/photos/{{photo_key:str}}", tags=TAGS, summary="证据照片（已去除位置信息的副本）")
async def photo_copy(
    actor: CurrentActor, check_id: FromPath[int], photo_key: FromPath[str]
) -> Response[bytes]:
    content, mime = await evidence.copy_for(actor, check_id, photo_key[:36])
    return Response(content, media_type=mime)


@get(
    f"{CHECK}/documents/{{kind:str}}",
    tags=TAGS,
    summary="检查文书 PDF：record 现场检查笔录、rectification 责令改正通知书、sampling 抽样记录、"
    "seizure 先行登记保存通知书",
    responses=errors(403, 404),
)
async def check_document(
    request: Request[Any, Any, Any],
    actor: CurrentActor,
    check_id: FromPath[int],
    kind: FromPath[str],
) -> Response[bytes]:
    content, filename = await check_documents.pdf(
        actor, check_id, kind, request.app.state.settings.public_base_url
    )
    return pdf_response(content, filename)


HANDLERS = [submit_check, list_checks, get_check, upload_photo, photo_copy, check_document]
