"""JSON API of cases (立案 and 行政处罚决定): open one from a finding, run its stages, read the
cases by stage with their clocks, print its documents; the published decisions need no login."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, post
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import FromPath, FromQuery, JSONBody

from seedreg.accounts.web import CurrentActor
from seedreg.cases import cases, documents, stages
from seedreg.cases.rules import Stage
from seedreg.cases.schemas import CaseOpenIn, CaseOut, CaseStats, PublicDecisionOut
from seedreg.core.web.openapi import errors
from seedreg.core.web.responses import pdf_response

TAGS = ["行政处罚案件"]
CASE = "/api/cases/{case_id:int}"


@post(
    "/api/cases",
    tags=TAGS,
    summary="立案（由现场检查发现的问题）",
    description="违法行为发生（终了）之日起二年内（涉及公民生命健康安全且有危害后果的五年内）未被发现的，"
    "不予立案（行政处罚法第三十六条），返回 422。同一问题再次立案为 409。",
    responses={201: ResponseSpec(CaseOut, description="已立案"), **errors(401, 403, 404, 409, 422)},
)
async def open_case(actor: CurrentActor, data: JSONBody[CaseOpenIn]) -> Response[CaseOut]:
    return Response(await cases.open_case(actor, data), status_code=201)


@get(
    "/api/cases",
    tags=TAGS,
    summary="案件（本辖区；盟级为全部），可按阶段筛选",
    responses=errors(401, 403),
)
async def list_cases(
    actor: CurrentActor, stage: FromQuery[Stage | None] = None, page: FromQuery[int] = 1
) -> list[CaseOut]:
    found, _ = await cases.list_cases(actor, stage, max(page, 1))
    return found


@get("/api/cases/stats", tags=TAGS, summary="各阶段案件数与超期数", responses=errors(401, 403))
async def case_stats(actor: CurrentActor) -> CaseStats:
    return await cases.stats(actor)


@get(CASE, tags=TAGS, summary="案件详情（含办案期限）", responses=errors(401, 404))
async def get_case(actor: CurrentActor, case_id: FromPath[int]) -> CaseOut:
    return await cases.get(actor, case_id)


@post(
    f"{CASE}/actions/{{action:str}}",
    tags=TAGS,
    summary="办理一个环节：investigate 调查终结、notify 事先告知、defence 陈述申辩/听证申请、"
    "review 法制审核、decide 决定、serve 送达、close 结案、extend 延长期限、"
    "pause 中止、resume 恢复",
    description="请求体按环节：notify {amount, goods_value?, confiscation?, revoke_licence_id?}；"
    "decide {amount, confiscation?, revoke?}；defence {defence, hearing_requested?}；"
    "review {opinion}；"
    "investigate {investigation}；serve {served_on, how}；close {note}；extend {reason}；"
    "pause {kind: hearing|assessment}；resume {}。罚款超出幅度、重于告知或阶段不符为 422。",
    status_code=200,
    responses=errors(401, 403, 404, 422),
)
async def act(
    actor: CurrentActor,
    case_id: FromPath[int],
    action: FromPath[str],
    data: JSONBody[dict[str, Any]],
) -> CaseOut:
    return await stages.act_with(actor, case_id, action[:20], data)


@get(
    f"{CASE}/documents/{{kind:str}}",
    tags=TAGS,
    summary="案件文书 PDF：opening 立案审批表、notice 行政处罚事先告知书、decision 行政处罚决定书",
    responses=errors(401, 404),
)
async def case_document(
    request: Request[Any, Any, Any],
    actor: CurrentActor,
    case_id: FromPath[int],
    kind: FromPath[str],
) -> Response[bytes]:
    content, filename = await documents.pdf(
        actor, case_id, kind[:20], request.app.state.settings.public_base_url
    )
    return pdf_response(content, filename)


@get("/api/cases/published", tags=TAGS, summary="行政执法公示：已作出的行政处罚决定（无需登录）")
async def published(page: FromQuery[int] = 1) -> list[PublicDecisionOut]:
    found, _ = await cases.published(max(page, 1))
    return found


HANDLERS = [open_case, list_cases, case_stats, get_case, act, case_document, published]
