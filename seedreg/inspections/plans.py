"""Annual inspection plans (行政执法检查计划) per jurisdiction: drafted by an inspector or the
admin, approved by the admin, audited. Only an approved plan is drawn from."""

from __future__ import annotations

from typing import Any

from seedreg.accounts.rules import Actor, jurisdiction_bounds
from seedreg.core import clock
from seedreg.core.audit import services as audit
from seedreg.core.db import transaction
from seedreg.core.errors import Conflict, Forbidden, NotFound
from seedreg.inspections import rules
from seedreg.inspections.rules import PlanStatus, TargetKind
from seedreg.inspections.schemas import PlanIn, PlanOut
from seedreg.inspections.tables import InspectionPlan
from seedreg.reference import services as reference


def _ensure_official(actor: Actor) -> None:
    if not actor.is_official:
        raise Forbidden("检查计划供执法和管理人员使用")


async def plan_out(row: dict[str, Any]) -> PlanOut:
    kinds = [TargetKind(k) for k in row["target_kinds"]]
    status = PlanStatus(row["status"])
    return PlanOut(
        **{k: v for k, v in row.items() if k in PlanOut.model_fields and k != "target_kinds"},
        target_kinds=kinds,
        target_kind_labels=[k.label for k in kinds],
        division_name=await reference.division_name(row["division_code"]),
        status_label=status.label,
    )


async def _row(plan_id: int) -> dict[str, Any]:
    row = (
        await InspectionPlan.select()
        .output(load_json=True)
        .where(InspectionPlan.id == plan_id)
        .first()
    )
    if row is None:
        raise NotFound("未找到该检查计划")
    return row


async def plan_row(actor: Actor, plan_id: int) -> dict[str, Any]:
    """The plan, for an official whose jurisdiction overlaps it (others: not found)."""
    _ensure_official(actor)
    row = await _row(plan_id)
    if not rules.inspector_covers(actor.jurisdiction, row["division_code"]):
        raise NotFound("未找到该检查计划")
    return row


async def get_plan(actor: Actor, plan_id: int) -> PlanOut:
    return await plan_out(await plan_row(actor, plan_id))


async def list_plans(actor: Actor) -> list[PlanOut]:
    """Plans of the actor's jurisdiction and the areas within it, newest year first."""
    _ensure_official(actor)
    bounds = jurisdiction_bounds(actor)
    if bounds is None:
        return []
    rows = (
        await InspectionPlan.select()
        .output(load_json=True)
        .order_by(InspectionPlan.year, ascending=False)
    )
    return [
        await plan_out(r)
        for r in rows
        if rules.inspector_covers(actor.jurisdiction, r["division_code"])
    ]


async def create_plan(actor: Actor, data: PlanIn) -> PlanOut:
    if not rules.may_plan(actor, data.division_code):
        raise Forbidden("只有管辖该区域的执法人员或管理员可以制定检查计划")
    await reference.ensure_division(data.division_code)
    values = data.model_dump()
    values["target_kinds"] = [k.value for k in data.target_kinds]
    async with transaction():
        plan = InspectionPlan(
            **values, status=PlanStatus.DRAFT, created_by=actor.user_id, created_at=clock.now()
        )
        await plan.save()
        await audit.record(
            actor, "inspection_plan:create", "inspection_plan", plan.id, after=values
        )
    return await get_plan(actor, plan.id)


async def update_plan(actor: Actor, plan_id: int, data: PlanIn) -> PlanOut:
    """A draft can be corrected; an approved plan is what draws were made from, so it stays."""
    async with transaction():
        row = await plan_row(actor, plan_id)
        if not rules.may_plan(actor, row["division_code"]) or not rules.may_plan(
            actor, data.division_code
        ):
            raise Forbidden("只有管辖该区域的执法人员或管理员可以修改检查计划")
        if PlanStatus(row["status"]) is not PlanStatus.DRAFT:
            raise Conflict("计划已批准，不能再修改")
        values = data.model_dump()
        values["target_kinds"] = [k.value for k in data.target_kinds]
        await InspectionPlan.update(dict(values.items())).where(InspectionPlan.id == plan_id)
        before = {k: row[k] for k in values}
        await audit.record(
            actor, "inspection_plan:update", "inspection_plan", plan_id, before=before, after=values
        )
    return await get_plan(actor, plan_id)


async def approve_plan(actor: Actor, plan_id: int) -> PlanOut:
    async with transaction():
        row = await plan_row(actor, plan_id)
        if not rules.may_approve(actor, row["division_code"]):
            raise Forbidden("检查计划由盟林草局管理员批准")
        if PlanStatus(row["status"]) is not PlanStatus.DRAFT:
            raise Conflict("该计划已批准")
        await InspectionPlan.update(
            {
                InspectionPlan.status: PlanStatus.APPROVED,
                InspectionPlan.approved_by: actor.user_id,
                InspectionPlan.approved_at: clock.now(),
            }
        ).where(InspectionPlan.id == plan_id)
        await audit.record(
            actor,
            "inspection_plan:approve",
            "inspection_plan",
            plan_id,
            before={"status": row["status"]},
            after={"status": PlanStatus.APPROVED.value},
        )
    return await get_plan(actor, plan_id)
