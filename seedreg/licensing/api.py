"""JSON API for licensing: applications and the decisions on them; licences, notices and the
public register are in licence_api (HANDLERS lists both)."""

from __future__ import annotations

from typing import Any

from litestar import Response, delete, get, post, put
from litestar.datastructures import UploadFile
from litestar.params import FromPath, FromQuery, JSONBody, MultipartBody
from litestar.status_codes import HTTP_204_NO_CONTENT
from pydantic import BaseModel

from seedreg.accounts.web import CurrentActor
from seedreg.core.web.bounds import PageNo
from seedreg.core.web.openapi import binary
from seedreg.licensing import (
    applications,
    forwarding,
    intake,
    licence_api,
    materials,
    ratings,
    review,
)
from seedreg.licensing.schemas import (
    ApplicationCreate,
    ApplicationOut,
    ConditionalAcceptIn,
    DetailsUpdate,
    FollowUpIn,
    ForwardIn,
    PauseIn,
    RatingIn,
    ReasonIn,
    RegionGrantIn,
    RegionRefusalIn,
    RejectIntakeIn,
    SiteCheckIn,
    SupplementIn,
)
from seedreg.matters import held
from seedreg.matters.schemas import HeldConfirmIn, HeldRecordOut

TAGS = ["许可证办理"]
BASE = "/api/licensing/applications/{application_id:int}"
UPLOAD_LIMIT = 12_000_000


class ApplicationPage(BaseModel):
    items: list[ApplicationOut]
    total: int
    page: int


@post("/api/licensing/applications", tags=TAGS, summary="新建申请（草稿）；审批人员为窗口代办")
async def create_application(
    actor: CurrentActor, data: JSONBody[ApplicationCreate]
) -> ApplicationOut:
    return await applications.create(actor, data)


@get(
    "/api/licensing/applications", tags=TAGS, summary="申请列表：经营者看本单位，审批人员看辖区待办"
)
async def list_applications(
    actor: CurrentActor,
    status: FromQuery[str] = "",
    kind: FromQuery[str] = "",
    open_only: FromQuery[bool] = False,
    pending_overdue: FromQuery[bool] = False,
    page: PageNo = 1,
) -> ApplicationPage:
    items, total = await applications.search(
        actor,
        status=status[:24],
        kind=kind[:16],
        open_only=open_only,
        pending_overdue=pending_overdue,
        page=page,
    )
    return ApplicationPage(items=items, total=total, page=page)


@get(BASE, tags=TAGS, summary="申请详情")
async def get_application(actor: CurrentActor, application_id: FromPath[int]) -> ApplicationOut:
    return await applications.get(actor, application_id)


@put(f"{BASE}/details", tags=TAGS, summary="填写或修改申请信息")
async def update_details(
    actor: CurrentActor, application_id: FromPath[int], data: JSONBody[DetailsUpdate]
) -> ApplicationOut:
    return await applications.update_details(actor, application_id, data.details)


def _simple(name: str, func: Any, summary: str) -> Any:
    async def handler(actor: CurrentActor, application_id: FromPath[int]) -> ApplicationOut:
        return await func(actor, application_id)

    handler.__name__ = name
    return post(f"{BASE}/{name.replace('_', '-')}", tags=TAGS, summary=summary, status_code=200)(
        handler
    )


submit = _simple("submit", applications.submit, "提交申请")
resubmit = _simple("resubmit", applications.resubmit, "提交补正材料")
withdraw = _simple("withdraw", applications.withdraw, "撤回申请")
accept = _simple("accept", intake.accept, "受理（出具受理通知书）")
resume = _simple("resume", review.resume, "恢复计算审查期限")
grant = _simple("grant", review.grant, "准予许可")


@post(f"{BASE}/supplement", tags=TAGS, summary="一次性告知补正", status_code=200)
async def supplement(
    actor: CurrentActor, application_id: FromPath[int], data: JSONBody[SupplementIn]
) -> ApplicationOut:
    return await intake.request_supplement(actor, application_id, data)


@post(f"{BASE}/conditional-accept", tags=TAGS, summary="容缺受理", status_code=200)
async def conditional_accept(
    actor: CurrentActor, application_id: FromPath[int], data: JSONBody[ConditionalAcceptIn]
) -> ApplicationOut:
    return await intake.conditional_accept(actor, application_id, data)


@post(f"{BASE}/reject", tags=TAGS, summary="不予受理（说明理由，告知有权机关）", status_code=200)
async def reject(
    actor: CurrentActor, application_id: FromPath[int], data: JSONBody[RejectIntakeIn]
) -> ApplicationOut:
    return await intake.reject_intake(actor, application_id, data)


@post(f"{BASE}/site-check", tags=TAGS, summary="记录现场核查（两名以上工作人员）", status_code=200)
async def site_check(
    actor: CurrentActor, application_id: FromPath[int], data: JSONBody[SiteCheckIn]
) -> ApplicationOut:
    return await review.record_site_check(actor, application_id, data)


@post(f"{BASE}/pause", tags=TAGS, summary="中止计算审查期限（书面告知理由）", status_code=200)
async def pause(
    actor: CurrentActor, application_id: FromPath[int], data: JSONBody[PauseIn]
) -> ApplicationOut:
    return await review.pause(actor, application_id, data)


@post(f"{BASE}/extend", tags=TAGS, summary="延长审查期限10个工作日", status_code=200)
async def extend(
    actor: CurrentActor, application_id: FromPath[int], data: JSONBody[ReasonIn]
) -> ApplicationOut:
    return await review.extend(actor, application_id, data)


@post(f"{BASE}/refuse", tags=TAGS, summary="不予许可（说明理由，告知救济权利）", status_code=200)
async def refuse(
    actor: CurrentActor, application_id: FromPath[int], data: JSONBody[ReasonIn]
) -> ApplicationOut:
    return await review.refuse(actor, application_id, data)


@post(
    f"{BASE}/forward",
    tags=TAGS,
    summary="审核完毕，报送自治区林业和草原局核发（林木良种）",
    status_code=200,
)
async def forward(
    actor: CurrentActor, application_id: FromPath[int], data: JSONBody[ForwardIn]
) -> ApplicationOut:
    return await forwarding.forward(actor, application_id, data)


@post(
    f"{BASE}/issuing-extension",
    tags=TAGS,
    summary="记录核发机关延长核发期限10个工作日",
    status_code=200,
)
async def issuing_extension(
    actor: CurrentActor, application_id: FromPath[int], data: JSONBody[ReasonIn]
) -> ApplicationOut:
    return await forwarding.extend_issuing(actor, application_id, data)


@post(f"{BASE}/region-grant", tags=TAGS, summary="记录核发机关准予许可", status_code=200)
async def region_grant(
    actor: CurrentActor, application_id: FromPath[int], data: JSONBody[RegionGrantIn]
) -> ApplicationOut:
    return await forwarding.record_region_grant(actor, application_id, data)


@post(f"{BASE}/region-refusal", tags=TAGS, summary="记录核发机关不予许可", status_code=200)
async def region_refusal(
    actor: CurrentActor, application_id: FromPath[int], data: JSONBody[RegionRefusalIn]
) -> ApplicationOut:
    return await forwarding.record_region_refusal(actor, application_id, data)


@post(
    f"{BASE}/materials",
    tags=TAGS,
    summary="上传材料（PDF/JPEG/PNG）",
    request_max_body_size=UPLOAD_LIMIT,
)
async def upload_material(
    actor: CurrentActor,
    application_id: FromPath[int],
    data: MultipartBody[dict[str, Any]],
) -> dict[str, Any]:
    file = data.get("file")
    if not isinstance(file, UploadFile):
        from seedreg.core.errors import RuleViolation

        raise RuleViolation("请选择要上传的文件", field="file")
    content = await file.read()
    return await materials.upload(
        actor, application_id, str(data.get("item_code", "")), file.filename, content
    )


@get(
    f"{BASE}/held-materials",
    tags=TAGS,
    summary="系统已有、可确认使用的材料（兴署发〔2021〕5号第十条（四））",
)
async def held_materials(
    actor: CurrentActor, application_id: FromPath[int]
) -> dict[str, list[HeldRecordOut]]:
    return held.as_out(await materials.offered(actor, application_id))


@post(f"{BASE}/held-materials", tags=TAGS, summary="确认使用系统已有材料（系统调取）")
async def confirm_held_material(
    actor: CurrentActor, application_id: FromPath[int], data: JSONBody[HeldConfirmIn]
) -> dict[str, Any]:
    return await materials.confirm_held(actor, application_id, data.item_code, data.record)


@get(
    "/api/licensing/materials/{material_id:int}",
    tags=TAGS,
    summary="下载材料（原文件：PDF、JPEG 或 PNG）",
    opt=binary(*materials.ALLOWED_TYPES),
)
async def download_material(actor: CurrentActor, material_id: FromPath[int]) -> Response:
    row, content = await materials.download(actor, material_id)
    return Response(
        content,
        media_type=row["content_type"],
        headers={
            "Content-Disposition": f'attachment; filename="material-{material_id}"',
        },
    )


@delete(
    "/api/licensing/materials/{material_id:int}",
    tags=TAGS,
    summary="删除材料",
    status_code=HTTP_204_NO_CONTENT,
)
async def delete_material(actor: CurrentActor, material_id: FromPath[int]) -> None:
    await materials.delete(actor, material_id)


@post(f"{BASE}/rating", tags=TAGS, summary="好差评")
async def rate(
    actor: CurrentActor, application_id: FromPath[int], data: JSONBody[RatingIn]
) -> dict[str, Any]:
    return await ratings.rate(actor, application_id, data)


@post(f"{BASE}/rating/answer", tags=TAGS, summary="差评整改反馈", status_code=200)
async def answer_rating(
    actor: CurrentActor, application_id: FromPath[int], data: JSONBody[FollowUpIn]
) -> dict[str, Any]:
    return await ratings.answer(actor, application_id, data)


HANDLERS = [
    licence_api.record_region_licence,
    create_application,
    list_applications,
    get_application,
    update_details,
    submit,
    resubmit,
    withdraw,
    accept,
    resume,
    grant,
    supplement,
    conditional_accept,
    reject,
    site_check,
    pause,
    extend,
    refuse,
    forward,
    issuing_extension,
    region_grant,
    region_refusal,
    upload_material,
    held_materials,
    confirm_held_material,
    download_material,
    delete_material,
    rate,
    answer_rating,
    licence_api.notice_pdf,
    licence_api.list_licences,
    licence_api.get_licence,
    licence_api.licence_original_pdf,
    licence_api.licence_duplicate_pdf,
    licence_api.end_licence,
    licence_api.compliance,
    licence_api.public_register,
    licence_api.verify_licence,
    licence_api.guide,
]
