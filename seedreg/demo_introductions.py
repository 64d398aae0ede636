"""Demo introductions (引种) in every routing state, made through the services as the demo
applicant and the league's officer: from another 盟市 a draft, one waiting, one accepted, one
granted (with a consignment drawn from its approval) and one refused; from another province
one forwarded to the region and one whose region grant is recorded. From inside the league or
abroad nobody applies (the route page says so). FICTIONAL: every supplier starts with （演示）.
Loading twice changes nothing (nothing is added once any demo introduction exists)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from seedreg.accounts.rules import Role
from seedreg.accounts.services import actor_from_row
from seedreg.accounts.tables import User
from seedreg.core import clock
from seedreg.introductions import approvals, decide, services
from seedreg.introductions.schemas import (
    DrawIn,
    ForwardIn,
    GrantIn,
    IntroductionCreate,
    RefuseIn,
    RegionDecisionIn,
)
from seedreg.introductions.scope_rules import Unit
from seedreg.matters.tables import Application

CHIFENG, HEILONGJIANG = "150400", "230000"


def _details(species: str, origin: str, quantity: str, **extra: Any) -> IntroductionCreate:
    today = clock.today()
    return IntroductionCreate.model_validate(
        {
            "details": {
                "applicant_kind": "organisation",
                "species": species,
                "variety": f"{species}（普通）",
                "origin_code": origin,
                "supplier": "（演示）赤峰市林木种苗有限公司"
                if origin == CHIFENG
                else "（演示）黑龙江省林木种苗有限公司",
                "supplier_licence": "15040020260001" if origin == CHIFENG else "23000020260001",
                "quantity": quantity,
                "unit": "株",
                "purpose": "afforestation",
                "sites": [{"division_code": "152201", "place": "义勒力特镇红星村"}],
                "valid_from": today.isoformat(),
                "valid_to": (today + timedelta(days=180)).isoformat(),
                "quarantine": "起运前由供种地森防站实施检疫并出具植物检疫证书",
                "native": True,
                **extra,
            }
        }
    )


async def _people() -> tuple[Any, Any] | None:
    officer = await User.select().where(User.username == "shenpi").first()
    applicant = await (
        User.select().where(User.role == Role.OPERATOR.value).order_by(User.id).first()
    )
    if officer is None or applicant is None:
        return None
    return actor_from_row(applicant), actor_from_row(officer)


async def load_introductions() -> list[str]:
    """Make the demo introductions if there are none yet; what was done."""
    if await Application.exists().where(Application.matter == services.MATTER):
        return ["引种（演示）：已有引种申请，未重复加载"]
    people = await _people()
    if people is None:
        return ["引种演示数据未加载：没有演示申请人或盟林草局审批人员"]
    who, league = people
    states = []
    for step in ("draft", "submitted", "accepted", "granted", "refused"):
        row = await services.create(who, _details("樟子松", CHIFENG, "20000"))
        if step != "draft":
            await services.submit(who, row["id"])
        if step in ("accepted", "granted", "refused"):
            await services.accept(league, row["id"])
        if step == "granted":
            await decide.grant(league, row["id"], GrantIn(conditions="仅限造林使用，不得转售"))
            approval = await approvals.for_application(row["id"])
            if approval:
                await approvals.draw(who, approval["id"], _consignment(approval))
        if step == "refused":
            await decide.refuse(league, row["id"], RefuseIn(reasons="（演示）供种单位许可证已过期"))
        states.append(step)
    for recorded in (False, True):
        extra = {"requirement_number": "（演示）黑检要〔2026〕1号"}
        row = await services.create(who, _details("兴安落叶松", HEILONGJIANG, "50000", **extra))
        await services.submit(who, row["id"])
        await services.accept(league, row["id"])
        await decide.forward(league, row["id"], ForwardIn(opinion="材料齐全，同意报送自治区"))
        if recorded:
            decision = RegionDecisionIn(
                outcome="granted", number="（演示）内林草引字〔2026〕1号", decided_on=clock.today()
            )
            await decide.record_region(league, row["id"], decision)
        states.append("region_granted" if recorded else "forwarded")
    return [f"引种（演示）：{len(states)} 件，状态 {'、'.join(states)}"]


def _consignment(approval: dict[str, Any]) -> DrawIn:
    return DrawIn(
        quantity=Decimal(5000),
        unit=Unit.PLANTS,
        site_code="152201",
        variety=approval["variety"],
        origin_code=approval["origin_code"],
        source="consignment",
        reference="（演示）调入单001",
    )
