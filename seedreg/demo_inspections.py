"""Demo data for inspections: the league's plan for this year, approved, and one 双随机 draw on a
published seed, made through the real services (so the audit and the public page are genuine).
Idempotent: a plan of that title is made once, and drawn from once."""

from __future__ import annotations

from seedreg.accounts.rules import LEAGUE_CODE, Actor
from seedreg.accounts.services import actor_from_row
from seedreg.accounts.tables import User
from seedreg.core import clock
from seedreg.demo_check_data import load_checks
from seedreg.demo_followups import load_followups
from seedreg.inspections import draws, plans
from seedreg.inspections.rules import PlanStatus, TargetKind
from seedreg.inspections.schemas import PlanIn

TITLE = "兴安盟林木种苗执法检查计划（演示）"
SEED = "20260001"


async def _actor(username: str) -> Actor:
    row = await User.select().where(User.username == username).first()
    if row is None:
        raise RuntimeError(f"演示数据不完整：没有 {username} 账号")
    return actor_from_row(row)


async def load_inspections() -> list[str]:
    """Make the demo plan and its draw if missing; returns the lines ``load-demo`` prints."""
    admin, inspector = await _actor("admin"), await _actor("zhifa1")
    plan = next((p for p in await plans.list_plans(admin) if p.title == TITLE), None)
    if plan is None:
        data = PlanIn(
            year=clock.today().year,
            division_code=LEAGUE_CODE,
            title=TITLE,
            target_kinds=[TargetKind.ORGANISATION],
            draws_per_year=2,
            random_share_percent=50,
            risk_weighted=True,
            max_visits_per_target=1,
        )
        plan = await plans.create_plan(inspector, data)
    if plan.status is PlanStatus.DRAFT:
        plan = await plans.approve_plan(admin, plan.id)
    made = await draws.draws_of_plan(admin, plan.id)
    drawn = made[0] if made else await draws.run_draw(inspector, plan.id, SEED)
    partner = await _actor("zhifa2")
    made_checks = await load_checks(inspector, partner)
    made_checks += await load_followups(inspector, partner)
    return [
        "执法检查演示数据：",
        f"  检查计划 {plan.year}年 {plan.title}（已批准）",
        f"  双随机抽取 随机种子 {drawn.seed}，抽中 {len(drawn.visits)} 个对象",
        "  抽取结果公开于 /inspections/draws",
        *made_checks,
    ]
