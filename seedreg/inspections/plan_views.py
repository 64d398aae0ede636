"""Pages of the annual plans, the 双随机 draw and the conflicts (回避). Approving a plan and
drawing are irreversible (a draw is published at once), so both ask first (core.web.confirm)."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from seedreg.accounts.rules import LEAGUE_CODE
from seedreg.accounts.web import CurrentActor
from seedreg.core import clock
from seedreg.core.errors import DomainError, Forbidden
from seedreg.core.web import exporting
from seedreg.core.web.confirm import confirmation, confirmed
from seedreg.core.web.exporting import ExportColumn
from seedreg.core.web.forms import parse
from seedreg.core.web.pages import form_error, page, see_other
from seedreg.inspections import draw_rules, draws, plans, rules
from seedreg.inspections.rule_settings import weights
from seedreg.inspections.rules import TargetKind
from seedreg.inspections.schemas import ConflictIn, DrawIn, PlanIn
from seedreg.reference import services as reference

KIND_OPTIONS = [(k.value, k.label) for k in TargetKind]


async def _division_options() -> list[tuple[str, str]]:
    league = await reference.division_name(LEAGUE_CODE)
    return [(LEAGUE_CODE, league)] + [
        (d["code"], d["name"]) for d in await reference.league_counties()
    ]


PLAN_EXPORT = (
    ExportColumn("年度", "year"),
    ExportColumn("计划名称", "title"),
    ExportColumn("区域", "division_name"),
    ExportColumn("检查对象", "target_kind_labels"),
    ExportColumn("每年抽查次数", "draws_per_year"),
    ExportColumn("随机抽取比例（%）", "random_share_percent"),
    ExportColumn("状态", "status_label"),
    ExportColumn("批准时间", "approved_at"),
)


@get("/inspections/plans", include_in_schema=False)
async def plans_page(request: Request, actor: CurrentActor) -> Template | Response:
    listed = await plans.list_plans(actor)
    if exporting.wanted(request):
        return exporting.xlsx("检查计划", PLAN_EXPORT, listed, "inspection-plans.xlsx")
    return page(
        request,
        "inspections/plans.html",
        plans=listed,
        may_plan=rules.may_plan(actor, actor.jurisdiction or ""),
    )


async def _plan_form(
    request: Request, values: dict, exc: DomainError | None = None, plan_id: int | None = None
) -> Template:
    context: dict[str, Any] = {
        "divisions": await _division_options(),
        "kinds": KIND_OPTIONS,
        "action": f"/inspections/plans/{plan_id}/edit" if plan_id else "/inspections/plans/new",
        "heading": "修改检查计划（草稿）" if plan_id else "制定年度检查计划",
    }
    if exc is not None:
        return form_error(request, "inspections/plan_form.html", exc, values, **context)
    return page(request, "inspections/plan_form.html", values=values, **context)


@get("/inspections/plans/new", include_in_schema=False)
async def plan_new(request: Request, actor: CurrentActor) -> Template:
    if not rules.may_plan(actor, actor.jurisdiction or ""):
        raise Forbidden("只有执法人员或管理员可以制定检查计划")
    values = {
        "year": clock.today().year,
        "division_code": actor.jurisdiction,
        "target_kinds": [TargetKind.ORGANISATION.value],
        "draws_per_year": 1,
        "random_share_percent": 20,
        "max_visits_per_target": 1,
    }
    return await _plan_form(request, values)


async def _plan_values(request: Request) -> dict[str, Any]:
    form = await request.form()
    values: dict[str, Any] = {
        k: v.strip() for k, v in form.items() if isinstance(v, str) and k != "_csrf_token"
    }
    values["target_kinds"] = [v for v in form.getall("target_kinds", []) if isinstance(v, str)]
    values["risk_weighted"] = values.get("risk_weighted") == "on"
    return values


@post("/inspections/plans/new", include_in_schema=False)
async def plan_create(request: Request, actor: CurrentActor) -> Template | Redirect:
    values = await _plan_values(request)
    try:
        data = parse(PlanIn, {k: v for k, v in values.items() if v != ""})
        plan = await plans.create_plan(actor, data)
    except DomainError as exc:
        if isinstance(exc, Forbidden):
            raise
        return await _plan_form(request, values, exc)
    return see_other(f"/inspections/plans/{plan.id}")


@get("/inspections/plans/{plan_id:int}/edit", include_in_schema=False)
async def plan_edit(request: Request, actor: CurrentActor, plan_id: FromPath[int]) -> Template:
    plan = await plans.get_plan(actor, plan_id)
    if not rules.plan_actions(actor, plan.division_code, plan.status).edit:
        raise Forbidden("只有草稿可以修改，且须管辖该区域")
    values = plan.model_dump(include=set(PlanIn.model_fields))
    return await _plan_form(request, values, plan_id=plan_id)


@post("/inspections/plans/{plan_id:int}/edit", include_in_schema=False)
async def plan_update(
    request: Request, actor: CurrentActor, plan_id: FromPath[int]
) -> Template | Redirect:
    values = await _plan_values(request)
    try:
        data = parse(PlanIn, {k: v for k, v in values.items() if v != ""})
        await plans.update_plan(actor, plan_id, data)
    except DomainError as exc:
        if isinstance(exc, Forbidden):
            raise
        return await _plan_form(request, values, exc, plan_id=plan_id)
    return see_other(f"/inspections/plans/{plan_id}")


async def _plan_page(
    request: Request, actor: CurrentActor, plan_id: int, **context: Any
) -> Template:
    plan = await plans.get_plan(actor, plan_id)
    context.setdefault("status_code", 200)
    return page(
        request,
        "inspections/plan.html",
        plan=plan,
        draws=await draws.draws_of_plan(actor, plan_id),
        factors=draw_rules.factor_rows(await weights()),
        actions=rules.plan_actions(actor, plan.division_code, plan.status),
        **context,
    )


@get("/inspections/plans/{plan_id:int}", include_in_schema=False)
async def plan_page(request: Request, actor: CurrentActor, plan_id: FromPath[int]) -> Template:
    return await _plan_page(request, actor, plan_id)


@post("/inspections/plans/{plan_id:int}/approve", include_in_schema=False)
async def plan_approve(
    request: Request, actor: CurrentActor, plan_id: FromPath[int]
) -> Template | Redirect:
    values = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    plan = await plans.get_plan(actor, plan_id)
    if not confirmed(values):
        return confirmation(
            request,
            values,
            question=f"确认批准检查计划“{plan.title}”（{plan.year}年，{plan.division_name}）？",
            button="确认批准",
            back=f"/inspections/plans/{plan_id}",
            consequence="批准后计划不能再修改，可以按计划抽取。",
        )
    try:
        await plans.approve_plan(actor, plan_id)
    except DomainError as exc:
        if isinstance(exc, Forbidden):
            raise
        return await _plan_page(request, actor, plan_id, error=exc.message, status_code=409)
    return see_other(f"/inspections/plans/{plan_id}")


@post("/inspections/plans/{plan_id:int}/draw", include_in_schema=False)
async def plan_draw(
    request: Request, actor: CurrentActor, plan_id: FromPath[int]
) -> Template | Redirect:
    values = {k: v.strip() for k, v in (await request.form()).items() if isinstance(v, str)}
    plan = await plans.get_plan(actor, plan_id)
    try:
        data = parse(DrawIn, {"seed": values.get("seed", "")})
        if not confirmed(values):
            return confirmation(
                request,
                values,
                question=f"确认按计划“{plan.title}”进行双随机抽取？",
                button="确认抽取并公开",
                back=f"/inspections/plans/{plan_id}",
                facts=[("随机种子", data.seed or "由系统生成")],
                consequence="抽取结果立即在“双随机抽查公开”页面公布，不能撤回。",
            )
        drawn = await draws.run_draw(actor, plan_id, data.seed)
    except DomainError as exc:
        if isinstance(exc, Forbidden):
            raise
        status = exc.status_code if exc.status_code in (403, 409) else 422
        return await _plan_page(
            request, actor, plan_id, error=exc.message, values=values, status_code=status
        )
    return see_other(f"/inspections/draws/{drawn.id}")


@get("/inspections/draws/{draw_id:int}", include_in_schema=False)
async def draw_page(request: Request, actor: CurrentActor, draw_id: FromPath[int]) -> Template:
    drawn = await draws.get_draw(actor, draw_id)
    return page(request, "inspections/draw.html", draw=drawn, kinds=dict(KIND_OPTIONS))


async def _conflicts_page(
    request: Request, actor: CurrentActor, values: dict, exc: DomainError | None = None
) -> Template:
    context: dict[str, Any] = {
        "conflicts": await draws.list_conflicts(actor),
        "may_name_anyone": actor.is_admin,
        "own_id": actor.user_id,
    }
    if exc is not None:
        return form_error(request, "inspections/conflicts.html", exc, values, **context)
    return page(request, "inspections/conflicts.html", values=values, **context)


@get("/inspections/conflicts", include_in_schema=False)
async def conflicts_page(request: Request, actor: CurrentActor) -> Template:
    return await _conflicts_page(request, actor, {"inspector_id": actor.user_id})


@post("/inspections/conflicts", include_in_schema=False)
async def conflict_declare(request: Request, actor: CurrentActor) -> Template | Redirect:
    form = await request.form()
    values = {k: v.strip() for k, v in form.items() if isinstance(v, str) and k != "_csrf_token"}
    if not actor.is_admin:
        values["inspector_id"] = str(actor.user_id)
    try:
        await draws.declare_conflict(actor, parse(ConflictIn, values))
    except DomainError as exc:
        if isinstance(exc, Forbidden):
            raise
        return await _conflicts_page(request, actor, values, exc)
    return see_other("/inspections/conflicts")


HANDLERS = [
    plans_page,
    plan_new,
    plan_create,
    plan_edit,
    plan_update,
    plan_page,
    plan_approve,
    plan_draw,
    draw_page,
    conflicts_page,
    conflict_declare,
]
