"""The demo's requests and consignments (issue 17), made through the real services by the demo
accounts: the first organisation's requests in every state of the shared table (draft,
submitted, sent back for 补正, accepted with a visit planned, certified, refused, rejected at
intake, withdrawn), consignments out of the league exchanged from its 产地检疫合格证 today (the
services date a certificate the day it is issued), and a month of consignments into the league
with other bodies' certificates, one flagged for lacking its introduction approval and one
checked on arrival. Loading twice changes nothing (it looks for its requests first)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from seedreg.accounts.rules import Actor
from seedreg.accounts.services import actor_from_row
from seedreg.accounts.tables import User
from seedreg.core import clock
from seedreg.licensing.schemas import RejectIntakeIn, SupplementIn
from seedreg.lots.tables import Lot
from seedreg.matters.tables import Application
from seedreg.quarantine import consignments
from seedreg.quarantine.consignment_schemas import (
    ArrivalIn,
    ArrivalResult,
    InboundIn,
    InboundLine,
)
from seedreg.requests import results, services
from seedreg.requests.rules import Disposal, RequestKind
from seedreg.requests.schemas import QuarantineResultIn, RefuseIn, RequestCreate, VisitIn

HOLDER = "op01_152201"
# (origin, division, species, 株, days ago, introduction approval)
INBOUND = [
    ("吉林省白城市", "220800", "樟子松", 30000, 27, "内林引〔2026〕3号"),
    ("黑龙江省齐齐哈尔市", "230200", "兴安落叶松", 12000, 19, ""),  # flagged: no approval
    ("通辽市科尔沁区", "150502", "樟子松", 8000, 11, "兴林引〔2026〕5号"),
    ("科尔沁右翼前旗", "152221", "新疆杨", 5000, 4, ""),  # within the league: none needed
]


async def _actor(username: str) -> Actor:
    row = await User.select().where(User.username == username).first()
    if row is None:
        raise RuntimeError("演示数据不完整：请先加载演示账号")
    return actor_from_row(row)


def _quality(lot: dict[str, Any]) -> RequestCreate:
    details = {"kind": RequestKind.QUALITY, "lot_id": lot["id"], "sample_place": "1号苗圃"}
    return RequestCreate.model_validate({"details": {**details, "contact": "苗圃主任"}})


def _site(lot: dict[str, Any]) -> RequestCreate:
    details = {
        "kind": RequestKind.SITE,
        "lot_ids": [lot["id"]],
        "production_site": "1号苗圃",
        "season": f"{clock.today().year}年春季",
        "contact": "苗圃主任",
    }
    return RequestCreate.model_validate({"details": details})


def _move(lot: dict[str, Any], quantity: int, destination: str, division: str) -> RequestCreate:
    details = {
        "kind": RequestKind.CONSIGNMENT,
        "consignee": f"{destination}造林站",
        "origin": "乌兰浩特市",
        "destination": destination,
        "destination_division": division,
        "vehicle": f"货车 蒙F·{quantity:05d}",
        "carrier": "兴安盟运输公司",
        "ships_on": clock.today().isoformat(),
        "items": [{"lot_id": lot["id"], "quantity": str(quantity), "packing": "捆"}],
    }
    return RequestCreate.model_validate({"details": details})


async def _submitted(operator: Actor, data: RequestCreate) -> int:
    request_id = await services.create(operator, data)
    await services.submit(operator, request_id)
    return request_id


async def _requests(operator: Actor, station: Actor, officer: Actor) -> list[str]:
    pine = (
        await Lot.select()
        .where((Lot.organisation == operator.organisation_id) & (Lot.species == "樟子松"))
        .first()
    )
    larch = (
        await Lot.select()
        .where((Lot.organisation == operator.organisation_id) & (Lot.species == "兴安落叶松"))
        .first()
    )
    if pine is None or larch is None:
        return ["检验检疫申请演示数据未加载：缺少演示批次"]
    await services.create(operator, _quality(pine))  # a draft
    await _submitted(operator, _quality(larch))  # waiting for the 种苗站
    back = await _submitted(operator, _site(larch))
    await services.request_supplement(officer, back, SupplementIn(items=["S02"]))
    visit = await _submitted(operator, _quality(pine))
    await services.accept(station, visit)
    await services.plan_visit(
        station, visit, VisitIn(visit_on=clock.today() + timedelta(days=2), visitor="那仁满都拉")
    )
    for quantity, place, division in ((1500, "科右前旗", "152221"), (800, "扎赉特旗", "152223")):
        move = await _submitted(operator, _move(pine, quantity, place, division))
        await services.accept(officer, move)
        await results.record_quarantine(officer, move, QuarantineResultIn())
    pests = await _submitted(operator, _site(pine))
    await services.accept(officer, pests)
    refusal = RefuseIn(reasons="发现松梢螟为害", disposal=Disposal.TREAT)
    await results.refuse(officer, pests, refusal)
    rejected = await _submitted(operator, _quality(pine))
    await services.reject(
        station, rejected, RejectIntakeIn(reasons="该批次已取得有效的质量检验合格证")
    )
    withdrawn = await _submitted(operator, _site(larch))
    await services.withdraw(operator, withdrawn)
    return [
        "  检验检疫申请：草稿、待受理、待补正、已安排现场检验、已签发、"
        "未通过、不予受理、已撤回各有示例"
    ]


async def _inbound(officer: Actor, organisation_id: int) -> list[str]:
    today = clock.today()
    made = []
    for n, (origin, division, species, quantity, days, approval) in enumerate(INBOUND, 1):
        data = InboundIn(
            organisation_id=organisation_id,
            certificate_number=f"DR{today.year}{n:04d}",
            issuer=f"{origin}森林病虫害防治检疫站",
            origin=origin,
            origin_division=division,
            destination="乌兰浩特市",
            arrives_on=today - timedelta(days=days),
            vehicle=f"货车 {n:05d}",
            introduction_ref=approval,
            lines=[InboundLine(species=species, quantity=quantity, unit="株")],
        )
        made.append(await consignments.record_inbound(officer, data))
    await consignments.arrival_check(
        officer, made[0].id, ArrivalIn(result=ArrivalResult.PASSED, note="复检合格")
    )
    flagged = sum(1 for m in made if m.approval_missing)
    return [f"  调入记录 {len(made)} 批（近一个月），其中 {flagged} 批缺少所需的引种审批"]


async def load_requests() -> list[str]:
    """Make the requests and consignments once; the lines ``load-demo`` prints."""
    operator = await _actor(HOLDER)
    if await Application.exists().where(
        (Application.organisation == operator.organisation_id)
        & Application.matter.is_in([k.value for k in RequestKind])
    ):
        return ["检验检疫申请与调运演示数据已存在"]
    officer, station = await _actor("jianyi"), await _actor("zhongmiao")
    lines = await _requests(operator, station, officer)
    return [
        "检验检疫申请与调运演示数据：",
        *lines,
        *await _inbound(officer, operator.organisation_id or 0),
    ]
