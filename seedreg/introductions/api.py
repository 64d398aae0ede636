"""JSON API of introductions (引种, 兴署发〔2021〕6号 五(一)): the same services as the pages."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, post
from litestar.params import FromPath, JSONBody

from seedreg.accounts.web import CurrentActor
from seedreg.core.paging import Page
from seedreg.core.web.bounds import PageNo
from seedreg.core.web.openapi import errors
from seedreg.core.web.responses import pdf_response
from seedreg.introductions import approvals, decide, documents, filing, outputs, services
from seedreg.introductions.schemas import (
    ApprovalOut,
    CheckOut,
    DrawIn,
    DrawOut,
    ForwardIn,
    GrantIn,
    IntroductionCreate,
    IntroductionOut,
    RecordIn,
    RefuseIn,
    RegionDecisionIn,
)
from seedreg.licensing.schemas import (
    PauseIn,
    RatingIn,
    ReasonIn,
    RejectIntakeIn,
    SiteCheckIn,
    SupplementIn,
)

TAGS = ["引种"]
BASE = "/api/introductions/{application_id:int}"


@post(
    "/api/introductions",
    tags=TAGS,
    summary="新建引种申请（草稿）；审批人员为窗口代办",
    responses=errors(403, 404, 422),
)
async def create_introduction(
    actor: CurrentActor, data: JSONBody[IntroductionCreate]
) -> IntroductionOut:
    row = await services.create(actor, data)
    return await outputs.to_out(actor, row)


class IntroductionPage(Page[IntroductionOut]):
    """One page of introduction applications, newest first."""


@get(
    "/api/introductions", tags=TAGS, summary="引种申请列表（分页）：申请人看本单位，审批人员看辖区"
)
async def list_introductions(actor: CurrentActor, page: PageNo = 1) -> IntroductionPage:
    items, total = await outputs.listing(actor, page=page)
    return IntroductionPage(items=items, total=total, page=page, page_size=outputs.PAGE_SIZE)


@get(BASE, tags=TAGS, summary="引种申请详情", responses=errors(404))
async def get_introduction(actor: CurrentActor, application_id: FromPath[int]) -> IntroductionOut:
    return await outputs.get(actor, application_id)


@get(f"{BASE}/checks", tags=TAGS, summary="自动审查结果（各项及其依据）", responses=errors(404))
async def introduction_checks(actor: CurrentActor, application_id: FromPath[int]) -> list[CheckOut]:
    return [
        CheckOut(
            key=c.key,
            title=c.title,
            outcome=c.outcome.value,
            outcome_label=c.outcome.label,
            message=c.message,
            source=c.source,
        )
        for c in await decide.checks(actor, application_id)
    ]


def _simple(name: str, func: Any, summary: str) -> Any:
    async def handler(actor: CurrentActor, application_id: FromPath[int]) -> IntroductionOut:
        await func(actor, application_id)
        return await outputs.get(actor, application_id)

    handler.__name__ = f"introduction_{name}"
    return post(
        f"{BASE}/{name}",
        tags=TAGS,
        summary=summary,
        status_code=200,
        responses=errors(403, 404, 409, 422),
    )(handler)


submit = _simple("submit", services.submit, "提交引种申请")
resubmit = _simple("resubmit", services.resubmit, "提交补正材料")
withdraw = _simple("withdraw", services.withdraw, "撤回引种申请")
accept = _simple("accept", services.accept, "受理")
resume = _simple("resume", decide.resume, "恢复计算审查期限")


@post(
    f"{BASE}/site-check",
    tags=TAGS,
    summary="记录现场核查（两名以上工作人员，行政许可法第三十四条）",
    status_code=200,
    responses=errors(403, 404, 409, 422),
)
async def introduction_site_check(
    actor: CurrentActor, application_id: FromPath[int], data: JSONBody[SiteCheckIn]
) -> IntroductionOut:
    await decide.record_site_check(actor, application_id, data)
    return await outputs.get(actor, application_id)


@post(
    f"{BASE}/pause",
    tags=TAGS,
    summary="中止计算审查期限（行政许可法第四十五条，书面告知理由）",
    status_code=200,
    responses=errors(403, 404, 409, 422),
)
async def introduction_pause(
    actor: CurrentActor, application_id: FromPath[int], data: JSONBody[PauseIn]
) -> IntroductionOut:
    await decide.pause(actor, application_id, data)
    return await outputs.get(actor, application_id)


@post(
    f"{BASE}/extend",
    tags=TAGS,
    summary="延长审查期限10个工作日（行政许可法第四十二条第一款）",
    status_code=200,
    responses=errors(403, 404, 409, 422),
)
async def introduction_extend(
    actor: CurrentActor, application_id: FromPath[int], data: JSONBody[ReasonIn]
) -> IntroductionOut:
    await decide.extend(actor, application_id, data)
    return await outputs.get(actor, application_id)


@post(
    f"{BASE}/supplement",
    tags=TAGS,
    summary="一次性告知补正",
    status_code=200,
    responses=errors(403, 404, 409, 422),
)
async def introduction_supplement(
    actor: CurrentActor, application_id: FromPath[int], data: JSONBody[SupplementIn]
) -> IntroductionOut:
    await services.request_supplement(actor, application_id, data)
    return await outputs.get(actor, application_id)


@post(
    f"{BASE}/reject",
    tags=TAGS,
    summary="不予受理（说明理由）",
    status_code=200,
    responses=errors(403, 404, 409, 422),
)
async def introduction_reject(
    actor: CurrentActor, application_id: FromPath[int], data: JSONBody[RejectIntakeIn]
) -> IntroductionOut:
    await services.reject(actor, application_id, data)
    return await outputs.get(actor, application_id)


@post(
    f"{BASE}/refuse",
    tags=TAGS,
    summary="不予批准（说明理由和救济途径）",
    status_code=200,
    responses=errors(403, 404, 409, 422),
)
async def introduction_refuse(
    actor: CurrentActor, application_id: FromPath[int], data: JSONBody[RefuseIn]
) -> IntroductionOut:
    await decide.refuse(actor, application_id, data)
    return await outputs.get(actor, application_id)


@post(
    f"{BASE}/forward",
    tags=TAGS,
    summary="初审并报送自治区（自治区外）",
    status_code=200,
    responses=errors(403, 404, 409, 422),
)
async def introduction_forward(
    actor: CurrentActor, application_id: FromPath[int], data: JSONBody[ForwardIn]
) -> IntroductionOut:
    await decide.forward(actor, application_id, data)
    return await outputs.get(actor, application_id)


@post(
    f"{BASE}/region-decision",
    tags=TAGS,
    summary="登记自治区的决定（文号、日期、结果）",
    status_code=200,
    responses=errors(403, 404, 409, 422),
)
async def introduction_region_decision(
    actor: CurrentActor, application_id: FromPath[int], data: JSONBody[RegionDecisionIn]
) -> IntroductionOut:
    await decide.record_region(actor, application_id, data)
    return await outputs.get(actor, application_id)


@post(
    f"{BASE}/grant",
    tags=TAGS,
    summary="准予引种（自治区内其他盟市）；附加条件可不填",
    status_code=200,
    responses=errors(403, 404, 409, 422),
)
async def grant(
    actor: CurrentActor, application_id: FromPath[int], data: JSONBody[GrantIn | None] = None
) -> IntroductionOut:
    await decide.grant(actor, application_id, data or GrantIn())
    return await outputs.get(actor, application_id)


@post(
    f"{BASE}/record",
    tags=TAGS,
    summary="予以备案（办理方式设为备案时，自治区内其他盟市）；出具引种备案回执",
    status_code=200,
    responses=errors(403, 404, 409, 422),
)
async def record_filing(
    actor: CurrentActor, application_id: FromPath[int], data: JSONBody[RecordIn | None] = None
) -> IntroductionOut:
    await filing.record(actor, application_id, data or RecordIn())
    return await outputs.get(actor, application_id)


@post(f"{BASE}/rating", tags=TAGS, summary="好差评", responses=errors(404, 409, 422))
async def introduction_rate(
    actor: CurrentActor, application_id: FromPath[int], data: JSONBody[RatingIn]
) -> dict[str, Any]:
    return await services.rate(actor, application_id, data.score, data.comment)


@get(
    "/api/introductions/notices/{notice_id:int}/pdf",
    tags=TAGS,
    summary="引种文书PDF（准予引种、不予批准、报送告知、备案回执）",
    media_type="application/pdf",
    responses=errors(404),
)
async def introduction_notice_pdf(
    request: Request, actor: CurrentActor, notice_id: FromPath[int]
) -> Response[bytes]:
    base_url = request.app.state.settings.public_base_url
    pdf = await documents.notice_pdf(actor, notice_id, base_url)
    return pdf_response(pdf, f"introduction-{notice_id}.pdf")


@get(
    "/api/introductions/approvals/{approval_id:int}",
    tags=TAGS,
    summary="引种批准：范围和剩余数量",
    responses=errors(404),
)
async def get_approval(actor: CurrentActor, approval_id: FromPath[int]) -> ApprovalOut:
    return await approvals.get(actor, approval_id)


@post(
    "/api/introductions/approvals/{approval_id:int}/draws",
    tags=TAGS,
    summary="使用引种批准数量（批次或调入）；超出或过期即拒绝并说明理由",
    responses=errors(404, 422),
)
async def draw_approval(
    actor: CurrentActor, approval_id: FromPath[int], data: JSONBody[DrawIn]
) -> DrawOut:
    return await approvals.draw(actor, approval_id, data)


HANDLERS = [
    create_introduction,
    list_introductions,
    get_introduction,
    introduction_checks,
    submit,
    resubmit,
    withdraw,
    accept,
    introduction_site_check,
    introduction_pause,
    resume,
    introduction_extend,
    introduction_supplement,
    introduction_reject,
    grant,
    record_filing,
    introduction_refuse,
    introduction_forward,
    introduction_region_decision,
    introduction_rate,
    introduction_notice_pdf,
    get_approval,
    draw_approval,
]
