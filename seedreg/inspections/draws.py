"""The 双随机 draw as a use-case: gather candidates, run the pure draw on a recorded seed, keep
the seed, the candidates and the result, audit it, and publish it (双随机一公开)."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from seedreg.accounts.rules import Actor, Role
from seedreg.core import clock
from seedreg.core.audit import services as audit
from seedreg.core.db import transaction
from seedreg.core.errors import Conflict, Forbidden, NotFound, RuleViolation
from seedreg.inspections import draw_rules, plans, rules, targets
from seedreg.inspections.rule_settings import weights
from seedreg.inspections.rules import PlanStatus, TargetKind
from seedreg.inspections.schemas import (
    ConflictIn,
    ConflictOut,
    DrawDetailOut,
    DrawnVisitOut,
    DrawOut,
    PublicInspector,
)
from seedreg.inspections.tables import (
    CheckFinding,
    DrawnVisit,
    FieldCheck,
    InspectionPlan,
    InspectorConflict,
    RandomDraw,
)
from seedreg.reference import services as reference

IN_PROGRESS = "检查中"  # the published result until the check closes (issue 22/23 fill it)


async def _visits_this_year(year: int) -> dict[str, int]:
    rows = await DrawnVisit.select(DrawnVisit.target_kind, DrawnVisit.target_id).where(
        DrawnVisit.year == year
    )
    counts: dict[str, int] = {}
    for r in rows:
        key = f"{r['target_kind']}:{r['target_id']}"
        counts[key] = counts.get(key, 0) + 1
    return counts


async def _conflict_pairs() -> frozenset[tuple[int, str]]:
    rows = await InspectorConflict.select(
        InspectorConflict.inspector, InspectorConflict.target_kind, InspectorConflict.target_id
    )
    return frozenset((r["inspector"], f"{r['target_kind']}:{r['target_id']}") for r in rows)


async def draw_input(plan: dict[str, Any], seed: str) -> draw_rules.DrawInput:
    kinds = [TargetKind(k) for k in plan["target_kinds"]]
    found = await targets.candidates(
        kinds, plan["division_code"], await _visits_this_year(plan["year"])
    )
    return draw_rules.DrawInput(
        seed=seed,
        count=rules.targets_per_draw(len(found), plan["random_share_percent"]),
        cap=plan["max_visits_per_target"],
        risk_weighted=plan["risk_weighted"],
        weights=await weights(),
        targets=tuple(found),
        inspectors=tuple(await targets.inspectors(plan["division_code"])),
        conflicts=await _conflict_pairs(),
    )


async def run_draw(actor: Actor, plan_id: int, seed: str = "") -> DrawDetailOut:
    """Draw targets and inspector pairs for an approved plan; refused clearly when fewer than
    two inspectors hold an enforcement certificate or no target is left."""
    seed = seed or f"{secrets.randbelow(10**16):016d}"  # digits: read out and typed easily
    async with transaction():
        plan = await plans.plan_row(actor, plan_id)
        if not rules.may_draw(actor, plan["division_code"], PlanStatus(plan["status"])):
            if PlanStatus(plan["status"]) is not PlanStatus.APPROVED:
                raise Conflict("计划批准后才能抽取")
            raise Forbidden("只有管辖该区域的执法人员或管理员可以抽取")
        data = await draw_input(plan, seed)
        try:
            result = draw_rules.draw(data)
        except draw_rules.TooFewInspectors as exc:
            raise RuleViolation(f"{exc}，不能抽取。请先为执法人员登记执法证号") from exc
        if not result.visits and not result.unpaired:
            raise RuleViolation("没有可抽取的检查对象（无持证对象，或均已达到本年度抽查次数上限）")
        draw = RandomDraw(
            plan=plan_id,
            year=plan["year"],
            division_code=plan["division_code"],
            seed=seed,
            requested=data.count,
            candidates=draw_rules.candidates_json(data),
            result=result.as_json(),
            drawn_by=actor.user_id,
            drawn_at=clock.now(),
        )
        await draw.save()
        for visit in result.visits:
            await DrawnVisit.insert(
                DrawnVisit(
                    draw=draw.id,
                    year=plan["year"],
                    target_kind=visit.target.kind,
                    target_id=visit.target.id,
                    target_name=visit.target.name,
                    inspectors=[
                        {"id": i.id, "name": i.name, "enforcement_id": i.enforcement_id}
                        for i in visit.inspectors
                    ],
                )
            )
        await audit.record(
            actor,
            "random_draw:draw",
            "random_draw",
            draw.id,
            after={"plan": plan_id, "seed": seed, "requested": data.count, **result.as_json()},
        )
    return await get_draw(actor, draw.id)


async def replay(draw_id: int) -> draw_rules.DrawResult:
    """The recorded draw run again from its seed and candidates (anyone can check it)."""
    row = await RandomDraw.select().output(load_json=True).where(RandomDraw.id == draw_id).first()
    if row is None:
        raise NotFound("未找到该次抽取")
    return draw_rules.draw(draw_rules.input_from_json(row["seed"], row["candidates"]))


async def _draw_out(row: dict[str, Any], names: dict[str, str], titles: dict[int, str]) -> DrawOut:
    visits = (
        await DrawnVisit.select()
        .output(load_json=True)
        .where(DrawnVisit.draw == row["id"])
        .order_by(DrawnVisit.id)
    )
    unpaired = row["result"].get("unpaired", [])
    by_key = {f"{c['kind']}:{c['id']}": c["name"] for c in row["candidates"].get("targets", [])}
    return DrawOut(
        id=row["id"],
        plan_id=row["plan"],
        plan_title=titles.get(row["plan"], ""),
        year=row["year"],
        division_code=row["division_code"],
        division_name=names.get(row["division_code"], row["division_code"]),
        seed=row["seed"],
        requested=row["requested"],
        drawn_at=row["drawn_at"],
        visits=[
            DrawnVisitOut(
                target_kind=TargetKind(v["target_kind"]),
                target_name=v["target_name"],
                inspectors=[
                    PublicInspector(name=i["name"], enforcement_id=i["enforcement_id"])
                    for i in v["inspectors"]
                ],
                result=v["result"] or IN_PROGRESS,
            )
            for v in visits
        ],
        unpaired=[by_key.get(k, k) for k in unpaired],
    )


async def _titles() -> dict[int, str]:
    rows = await InspectionPlan.select(InspectionPlan.id, InspectionPlan.title)
    return {r["id"]: r["title"] for r in rows}


async def public_draws(limit: int = 50) -> list[DrawOut]:
    """The published draws, newest first: targets, inspectors' names and 执法证号, results."""
    rows = (
        await RandomDraw.select()
        .output(load_json=True)
        .order_by(RandomDraw.id, ascending=False)
        .limit(limit)
    )
    names, titles = await reference.division_names(), await _titles()
    return [await _draw_out(r, names, titles) for r in rows]


async def get_draw(actor: Actor, draw_id: int) -> DrawDetailOut:
    row = await RandomDraw.select().output(load_json=True).where(RandomDraw.id == draw_id).first()
    if row is None:
        raise NotFound("未找到该次抽取")
    await plans.plan_row(actor, row["plan"])  # the same officials who see the plan
    out = await _draw_out(row, await reference.division_names(), await _titles())
    return DrawDetailOut(
        **out.model_dump(), candidates=row["candidates"], result_json=row["result"]
    )


async def draws_of_plan(actor: Actor, plan_id: int) -> list[DrawOut]:
    await plans.plan_row(actor, plan_id)
    rows = (
        await RandomDraw.select()
        .output(load_json=True)
        .where(RandomDraw.plan == plan_id)
        .order_by(RandomDraw.id)
    )
    names, titles = await reference.division_names(), await _titles()
    return [await _draw_out(r, names, titles) for r in rows]


# --- conflicts (回避) ---------------------------------------------------------------------------


async def declare_conflict(actor: Actor, data: ConflictIn) -> ConflictOut:
    """An inspector declares a link to a target (or the admin records one): never drawn for it."""
    if not rules.may_declare_conflict(actor, data.inspector_id):
        raise Forbidden("执法人员本人或管理员才能登记回避关系")
    inspector = await targets.inspector_row(data.inspector_id)
    if inspector is None or Role(inspector["role"]) is not Role.INSPECTOR:
        raise RuleViolation("请选择一名执法人员", field="inspector_id")
    name = await targets.target_name(data.target_kind, data.target_id)
    if name is None:
        raise RuleViolation("检查对象不存在", field="target_id")
    async with transaction():
        row = InspectorConflict(
            inspector=data.inspector_id,
            target_kind=data.target_kind.value,
            target_id=data.target_id,
            reason=data.reason,
            declared_by=actor.user_id,
            created_at=clock.now(),
        )
        await row.save()
        await audit.record(
            actor,
            "inspector_conflict:declare",
            "inspector_conflict",
            row.id,
            after=data.model_dump(mode="json"),
        )
    return ConflictOut(
        id=row.id,
        inspector_id=data.inspector_id,
        inspector_name=targets.published_name(inspector),
        target_kind=data.target_kind,
        target_id=data.target_id,
        target_name=name,
        reason=data.reason,
        created_at=row.created_at,
    )


async def list_conflicts(actor: Actor) -> list[ConflictOut]:
    """The admin sees every declared link; an inspector its own."""
    if not actor.is_official:
        raise Forbidden("回避关系供执法和管理人员查看")
    query = InspectorConflict.select().order_by(InspectorConflict.id)
    if not actor.is_admin:
        query = query.where(InspectorConflict.inspector == actor.user_id)
    out = []
    for r in await query:
        inspector = await targets.inspector_row(r["inspector"])
        kind = TargetKind(r["target_kind"])
        out.append(
            ConflictOut(
                id=r["id"],
                inspector_id=r["inspector"],
                inspector_name=targets.published_name(inspector) if inspector else "",
                target_kind=kind,
                target_id=r["target_id"],
                target_name=await targets.target_name(kind, r["target_id"]) or "",
                reason=r["reason"],
                created_at=r["created_at"],
            )
        )
    return out


DRAW_COUNTS = ("draws", "targets", "closed", "with_findings", "without_findings")


async def month_counts(start: datetime, end: datetime) -> dict[str, dict[str, int]]:
    """Per office (the draw's division) for the draws held in [start, end): draws, targets
    drawn, checks closed (a drawn target whose check is recorded) with and without findings.
    Counts only, for the public publication (双随机一公开)."""
    draws = await RandomDraw.select(RandomDraw.id, RandomDraw.division_code).where(
        (RandomDraw.drawn_at >= start) & (RandomDraw.drawn_at < end)
    )
    office = {d["id"]: d["division_code"] for d in draws}
    out = {o: dict.fromkeys(DRAW_COUNTS, 0) for o in office.values()}
    for d in draws:
        out[d["division_code"]]["draws"] += 1
    visits = (
        await DrawnVisit.select(DrawnVisit.id, DrawnVisit.draw).where(
            DrawnVisit.draw.is_in(list(office))
        )
        if office
        else []
    )
    of_visit = {v["id"]: office[v["draw"]] for v in visits}
    for v in visits:
        out[office[v["draw"]]]["targets"] += 1
    checks = (
        await FieldCheck.select(FieldCheck.id, FieldCheck.drawn_visit).where(
            FieldCheck.drawn_visit.is_in(list(of_visit))
        )
        if of_visit
        else []
    )
    found = (
        {
            f["field_check"]
            for f in await CheckFinding.select(CheckFinding.field_check).where(
                CheckFinding.field_check.is_in([c["id"] for c in checks])
            )
        }
        if checks
        else set()
    )
    # a drawn target counts once, with findings if any of its checks found any
    closed: dict[int, bool] = {}
    for c in checks:
        closed[c["drawn_visit"]] = closed.get(c["drawn_visit"], False) or c["id"] in found
    for visit, with_findings in closed.items():
        counts = out[of_visit[visit]]
        counts["closed"] += 1
        counts["with_findings" if with_findings else "without_findings"] += 1
    return out
