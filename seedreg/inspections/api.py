"""JSON API for inspections: the violation catalogue and its fine ranges, annual plans, conflicts
(回避) and the 双随机 draws; the published draws need no login."""

from __future__ import annotations

from decimal import Decimal

from litestar import get, post, put
from litestar.params import FromPath, FromQuery, JSONBody

from seedreg.accounts.web import CurrentActor
from seedreg.core.errors import RuleViolation
from seedreg.inspections import catalogue, draws, plans
from seedreg.inspections.schemas import (
    ConflictIn,
    ConflictOut,
    DrawDetailOut,
    DrawIn,
    DrawOut,
    PenaltyRangeOut,
    PlanIn,
    PlanOut,
    ViolationItemIn,
    ViolationItemOut,
)

TAGS = ["执法检查"]
ITEM = "/api/inspections/violations/{code:str}"
PLAN = "/api/inspections/plans/{plan_id:int}"
MAX_VALUE = Decimal(10_000_000_000)


@get("/api/inspections/violations", tags=TAGS, summary="违法行为目录（执法和管理人员）")
async def list_violations(actor: CurrentActor) -> list[ViolationItemOut]:
    return await catalogue.list_items(actor)


@get(ITEM, tags=TAGS, summary="违法行为目录条目")
async def get_violation(actor: CurrentActor, code: FromPath[str]) -> ViolationItemOut:
    return await catalogue.get_item(actor, code[:12])


@put(ITEM, tags=TAGS, summary="修改违法行为目录条目（管理员）")
async def update_violation(
    actor: CurrentActor, code: FromPath[str], data: JSONBody[ViolationItemIn]
) -> ViolationItemOut:
    return await catalogue.update_item(actor, code[:12], data)


@get(f"{ITEM}/penalty", tags=TAGS, summary="按货值计算罚款幅度（不填货值表示货值无法计算）")
async def penalty(
    actor: CurrentActor, code: FromPath[str], goods_value: FromQuery[Decimal | None] = None
) -> PenaltyRangeOut:
    if goods_value is not None and not (goods_value.is_finite() and 0 <= goods_value <= MAX_VALUE):
        raise RuleViolation("货值应在0到100亿元之间", field="goods_value")
    return await catalogue.penalty_for(actor, code[:12], goods_value)


@get("/api/inspections/plans", tags=TAGS, summary="检查计划（本辖区）")
async def list_plans(actor: CurrentActor) -> list[PlanOut]:
    return await plans.list_plans(actor)


@post("/api/inspections/plans", tags=TAGS, summary="制定年度检查计划（草稿）")
async def create_plan(actor: CurrentActor, data: JSONBody[PlanIn]) -> PlanOut:
    return await plans.create_plan(actor, data)


@get(PLAN, tags=TAGS, summary="检查计划详情")
async def get_plan(actor: CurrentActor, plan_id: FromPath[int]) -> PlanOut:
    return await plans.get_plan(actor, plan_id)


@put(PLAN, tags=TAGS, summary="修改检查计划（仅草稿）")
async def update_plan(
    actor: CurrentActor, plan_id: FromPath[int], data: JSONBody[PlanIn]
) -> PlanOut:
    return await plans.update_plan(actor, plan_id, data)


@post(f"{PLAN}/approve", tags=TAGS, summary="批准检查计划（管理员）", status_code=200)
async def approve_plan(actor: CurrentActor, plan_id: FromPath[int]) -> PlanOut:
    return await plans.approve_plan(actor, plan_id)


@post(f"{PLAN}/draws", tags=TAGS, summary="双随机抽取检查对象和执法人员（记录随机种子并公开）")
async def draw(
    actor: CurrentActor, plan_id: FromPath[int], data: JSONBody[DrawIn]
) -> DrawDetailOut:
    return await draws.run_draw(actor, plan_id, data.seed)


@get("/api/inspections/draws/{draw_id:int}", tags=TAGS, summary="抽取记录（含种子和候选名单）")
async def get_draw(actor: CurrentActor, draw_id: FromPath[int]) -> DrawDetailOut:
    return await draws.get_draw(actor, draw_id)


@get("/api/inspections/conflicts", tags=TAGS, summary="回避关系（管理员看全部，执法人员看本人）")
async def list_conflicts(actor: CurrentActor) -> list[ConflictOut]:
    return await draws.list_conflicts(actor)


@post("/api/inspections/conflicts", tags=TAGS, summary="登记回避关系（执法人员本人或管理员）")
async def declare_conflict(actor: CurrentActor, data: JSONBody[ConflictIn]) -> ConflictOut:
    return await draws.declare_conflict(actor, data)


@get(
    "/api/public/draws",
    tags=TAGS,
    summary="双随机抽查公开：抽取结果（检查对象、执法人员及执法证号）",
)
async def public_draws() -> list[DrawOut]:
    return await draws.public_draws()


HANDLERS = [
    list_violations,
    get_violation,
    update_violation,
    penalty,
    list_plans,
    create_plan,
    get_plan,
    update_plan,
    approve_plan,
    draw,
    get_draw,
    list_conflicts,
    declare_conflict,
    public_draws,
]
