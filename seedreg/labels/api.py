"""JSON API for labels: 两证一签, issuing, reprints and voiding, PDFs, clone flags and the
public verification twin."""

from __future__ import annotations

from typing import Any

from litestar import MediaType, Request, Response, get, post
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import FromPath, FromQuery, JSONBody
from litestar.response.base import ASGIResponse
from litestar.serialization import encode_json
from litestar.types import ASGIApp
from pydantic import BaseModel

from seedreg.accounts.web import CurrentActor, anonymous
from seedreg.core.errors import RuleViolation
from seedreg.core.web.bounds import PageNo
from seedreg.core.web.openapi import ErrorBody, errors
from seedreg.core.web.responses import pdf_response
from seedreg.labels import (
    field_scans,
    flags,
    issuance,
    printable,
    ratelimit,
    records,
    rules,
    verification,
)
from seedreg.labels.readiness import readiness
from seedreg.labels.schemas import (
    FieldScanIn,
    FieldScanOut,
    FlagNoteIn,
    FlagOut,
    IssueIn,
    IssueOut,
    LabelOut,
    LabelPage,
    ReadinessOut,
    VerificationOut,
    VoidIn,
)
from seedreg.labels.serials import TYPO

TAGS = ["标签"]
LOT = "/api/labels/lots/{lot_id:int}"
ITEM = "/api/labels/items/{label_id:int}"


class FlagPage(BaseModel):
    items: list[FlagOut]
    total: int
    page: int


def client_address(request: Request) -> str:
    return request.client.host if request.client else ""


@get(f"{LOT}/readiness", tags=TAGS, summary="两证一签是否齐全（缺什么）")
async def lot_readiness(actor: CurrentActor, lot_id: FromPath[int]) -> ReadinessOut:
    return await readiness(actor, lot_id)


@post(f"{LOT}/issues", tags=TAGS, summary="签发标签（生产经营者；两证一签齐全）")
async def issue(actor: CurrentActor, lot_id: FromPath[int], data: JSONBody[IssueIn]) -> IssueOut:
    return await issuance.issue_labels(actor, lot_id, data)


@get(f"{LOT}/issues", tags=TAGS, summary="批次的标签签发记录")
async def lot_issues(actor: CurrentActor, lot_id: FromPath[int]) -> list[IssueOut]:
    return await records.issues_of_lot(actor, lot_id)


@get(f"{LOT}/labels", tags=TAGS, summary="批次的标签（分页）")
async def lot_labels(actor: CurrentActor, lot_id: FromPath[int], page: PageNo = 1) -> LabelPage:
    return await records.labels_page(actor, lot_id=lot_id, page=page)


@get("/api/labels/issues/{issue_id:int}", tags=TAGS, summary="标签签发记录")
async def get_issue(actor: CurrentActor, issue_id: FromPath[int]) -> IssueOut:
    return await records.get_issue(actor, issue_id)


@get("/api/labels/issues/{issue_id:int}/labels", tags=TAGS, summary="签发记录中的标签（分页）")
async def issue_labels(actor: CurrentActor, issue_id: FromPath[int], page: PageNo = 1) -> LabelPage:
    return await records.labels_page(actor, issue_id=issue_id, page=page)


@get(ITEM, tags=TAGS, summary="标签详情")
async def get_label(actor: CurrentActor, label_id: FromPath[int]) -> LabelOut:
    return await records.get_label(actor, label_id)


@post(f"{ITEM}/reissue", tags=TAGS, summary="补发标签（新序列号，原标签作废）")
async def reissue(actor: CurrentActor, label_id: FromPath[int]) -> LabelOut:
    return await issuance.reissue(actor, label_id)


@post(f"{ITEM}/void", tags=TAGS, summary="作废标签（数量退回批次）", status_code=200)
async def void(actor: CurrentActor, label_id: FromPath[int], data: JSONBody[VoidIn]) -> LabelOut:
    return await issuance.void_label(actor, label_id, data.reason)


@get(
    f"{ITEM}/pdf",
    tags=TAGS,
    summary="单张标签PDF（layout=single_100x70 或 single_80x50）",
    media_type="application/pdf",
)
async def label_pdf(
    actor: CurrentActor, label_id: FromPath[int], layout: FromQuery[str] = "single_100x70"
) -> Response:
    pdf, serial = await printable.label_pdf(actor, label_id, layout[:24])
    return pdf_response(pdf, f"label-{serial}.pdf")


@get("/api/labels/clone-flags", tags=TAGS, summary="疑似仿冒标签预警（种苗站）")
async def list_flags(
    actor: CurrentActor, status: FromQuery[str] = "open", page: PageNo = 1
) -> FlagPage:
    items, total = await flags.list_flags(actor, status[:12], page)
    return FlagPage(items=items, total=total, page=page)


@post(
    "/api/labels/clone-flags/{flag_id:int}/confirm",
    tags=TAGS,
    summary="确认仿冒",
    status_code=200,
)
async def confirm_flag(
    actor: CurrentActor, flag_id: FromPath[int], data: JSONBody[FlagNoteIn]
) -> FlagOut:
    return await flags.handle(actor, flag_id, "confirm", data.note)


@post(
    "/api/labels/clone-flags/{flag_id:int}/dismiss",
    tags=TAGS,
    summary="排除预警",
    status_code=200,
)
async def dismiss_flag(
    actor: CurrentActor, flag_id: FromPath[int], data: JSONBody[FlagNoteIn]
) -> FlagOut:
    return await flags.handle(actor, flag_id, "dismiss", data.note)


@get(
    "/api/public/labels/{serial:str}",
    tags=["公开核验"],
    summary="标签核验（扫码结果）",
    before_request=anonymous,  # no session look-up on the busiest public endpoint
    responses={
        200: ResponseSpec(VerificationOut, description="标签存在（verdict 说明其状态）"),
        404: ResponseSpec(
            # the error body when the address holds no serial at all (a control character)
            VerificationOut | ErrorBody,  # type: ignore[arg-type]
            description="序列号不存在（可能是假冒标签）",
            generate_examples=False,
        ),
        **errors(422, 429),
    },
)
async def verify_label(request: Request, serial: FromPath[str]) -> ASGIApp:
    # Like the page: a serial's shape with a wrong check character is a slip in typing, not a
    # forgery (422, before the rate limit and the look-up: the answer costs nothing to give).
    typed = rules.normalise_serial(serial[:40])
    if rules.serial_has_shape(typed) and not rules.serial_is_well_formed(typed):
        raise RuleViolation(TYPO, field="serial")
    client = client_address(request)
    ratelimit.check(client)
    found = await verification.check(serial, client)
    # The hot path answers with the encoded body itself: Litestar's generic response handling
    # costs about as much as the look-up (profiled under wrk).
    return ASGIResponse(
        body=encode_json(found),
        status_code=404 if found["verdict"] == "not_found" else 200,
        media_type=MediaType.JSON,
    )


@post(
    "/api/labels/field-scans",
    tags=TAGS,
    summary="现场扫码核验（监管人员）：记录一次扫码并返回登记系统的核验结果和差异",
    description=(
        "同一个 idempotency_key 重复提交（重试、连点）只记录一次："
        "首次 201，之后 200 并返回同一条记录。"
    ),
    responses={
        201: ResponseSpec(FieldScanOut, description="已记录"),
        200: ResponseSpec(FieldScanOut, description="此前已记录（同一幂等键）"),
        **errors(401, 403, 409, 422),
    },
)
async def field_scan(actor: CurrentActor, data: JSONBody[FieldScanIn]) -> Response[FieldScanOut]:
    out, created = await field_scans.record_scan(actor, data)
    return Response(out, status_code=201 if created else 200)


HANDLERS: list[Any] = [
    lot_readiness,
    issue,
    lot_issues,
    lot_labels,
    get_issue,
    issue_labels,
    get_label,
    reissue,
    void,
    label_pdf,
    list_flags,
    confirm_flag,
    dismiss_flag,
    verify_label,
    field_scan,
]
