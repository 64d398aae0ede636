"""JSON API of issue 23 in inspections: re-inspections (复查), statistics, and the inspected
business's 检查码 (no login; rate-limited like its page)."""

from __future__ import annotations

from datetime import date
from typing import Any

from litestar import Request, get, post
from litestar.params import FromPath, FromQuery, JSONBody

from seedreg.accounts.web import CurrentActor
from seedreg.core import clock
from seedreg.core.web.openapi import errors
from seedreg.inspections import followup_rules as fr
from seedreg.inspections import followups, inspected, statistics
from seedreg.inspections.followup_schemas import FollowUpIn, FollowUpOut, RatingIn, follow_up_out
from seedreg.inspections.followup_views import limit_lookups

TAGS = ["现场检查"]


@get(
    "/api/inspections/follow-ups",
    tags=TAGS,
    summary="复查任务（本辖区，按期限排序；done=true 含已复查）",
    responses=errors(403),
)
async def list_follow_ups(actor: CurrentActor, done: FromQuery[bool] = False) -> list[FollowUpOut]:
    return [follow_up_out(r) for r in await followups.queue(actor, pending_only=not done)]


@get(
    "/api/inspections/follow-ups/{follow_up_id:int}",
    tags=TAGS,
    summary="复查任务详情",
    responses=errors(403, 404),
)
async def get_follow_up(actor: CurrentActor, follow_up_id: FromPath[int]) -> FollowUpOut:
    return follow_up_out(await followups.load(actor, follow_up_id))


@post(
    "/api/inspections/follow-ups/{follow_up_id:int}",
    tags=TAGS,
    summary="记录复查结果：已整改（结案）或未整改（移送立案）",
    description="只能记录一次；未整改时返回 case_link（立案页面）。",
    responses=errors(403, 404, 422),
    status_code=200,
)
async def record_follow_up(
    actor: CurrentActor, follow_up_id: FromPath[int], data: JSONBody[FollowUpIn]
) -> FollowUpOut:
    row = await followups.record(
        actor, follow_up_id, fr.FollowUpState(data.state), data.note, data.evidence_ref
    )
    return follow_up_out(row)


@get(
    "/api/inspections/statistics",
    tags=TAGS,
    summary="检查统计：按违法行为、旗县市、月份统计发现的问题；逾期未整改",
    description="start、end 为检查日期（含），默认本年初至今；division 为本辖区内的旗县市代码。",
    responses=errors(403),
)
async def get_statistics(
    actor: CurrentActor,
    start: FromQuery[date | None] = None,
    end: FromQuery[date | None] = None,
    division: FromQuery[str] = "",
) -> dict[str, Any]:
    today = clock.today()
    return await statistics.figures(
        actor, start=start or date(today.year, 1, 1), end=end or today, division=division[:6]
    )


@get(
    "/api/inspected/{code:str}",
    tags=["检查码"],
    summary="被检查单位凭检查码查看本单位的检查记录",
    responses=errors(404, 429),
)
async def inspected_history(request: Request[Any, Any, Any], code: FromPath[str]) -> dict[str, Any]:
    limit_lookups(request)
    return await inspected.history(code[:40], request.app.state.settings.public_base_url)


@post(
    "/api/inspected/{code:str}/rating",
    tags=["检查码"],
    summary="对本次检查匿名评价（每次检查一次）",
    responses=errors(404, 422, 429),
    status_code=201,
)
async def inspected_rating(
    request: Request[Any, Any, Any], code: FromPath[str], data: JSONBody[RatingIn]
) -> dict[str, str]:
    limit_lookups(request)
    await inspected.rate(code[:40], data.rating, data.comment)
    return {"rating": data.rating.value, "label": data.rating.label}


HANDLERS = [
    list_follow_ups,
    get_follow_up,
    record_follow_up,
    get_statistics,
    inspected_history,
    inspected_rating,
]
