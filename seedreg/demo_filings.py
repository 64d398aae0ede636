"""Demo 备案 filings in every state of their flow (草稿, 已提交, 待补正, 已备案, 不予备案,
已撤回), made through the real services by a demo operator of 乌兰浩特市 and its banner's
审批人员, each resting on the demo licence of the 两证一签 chain (so notices, numbers and the
audit are genuine). Idempotent: made once, when the operator has no filing yet."""

from __future__ import annotations

from seedreg.accounts.rules import Actor
from seedreg.accounts.services import actor_from_row
from seedreg.accounts.tables import User
from seedreg.filings import services
from seedreg.filings.schemas import FilingCreate, FilingOut
from seedreg.licensing.schemas import RejectIntakeIn, SupplementIn
from seedreg.licensing.tables import Licence
from seedreg.matters.tables import Application

FILER, OFFICER, HOLDER = "op02_152201", "shenpi_wlht", "op01_152201"
# What each demo filing sells, by the state it is left in.
STATES = {
    "draft": "樟子松",
    "submitted": "兴安落叶松",
    "supplement_requested": "红皮云杉",
    "filed": "油松",
    "rejected_intake": "白桦",
    "withdrawn": "山杏",
}


async def _actor(username: str) -> Actor:
    row = await User.select().where(User.username == username).first()
    if row is None:
        raise RuntimeError(f"演示数据不完整：没有 {username} 账号")
    return actor_from_row(row)


async def _filing(filer: Actor, officer: Actor, number: str, state: str) -> FilingOut:
    details = {"kind": "packaged_seller", "licence_number": number, "varieties": [STATES[state]]}
    made = await services.create(filer, FilingCreate.model_validate({"details": details}))
    if state == "draft":
        return made
    out = await services.submit(filer, made.id)
    if state == "supplement_requested":
        items = SupplementIn(items=["F01", "F04"], deadline_workdays=5)
        out = await services.request_supplement(officer, made.id, items)
    elif state == "filed":
        out = await services.record(officer, made.id)
    elif state == "rejected_intake":
        reasons = "该单位对所经营种子进行了分装，不属于备案情形，应申请林木种子生产经营许可证"
        out = await services.reject(officer, made.id, RejectIntakeIn(reasons=reasons))
    elif state == "withdrawn":
        out = await services.withdraw(filer, made.id)
    return out


async def load_filings() -> list[str]:
    """Make the demo filings if the operator has none; returns the lines ``load-demo`` prints."""
    filer, officer, holder = await _actor(FILER), await _actor(OFFICER), await _actor(HOLDER)
    mine = (Application.matter == "filing") & (Application.organisation == filer.organisation_id)
    if not await Application.exists().where(mine):
        licence = (
            await Licence.select(Licence.number)
            .where(Licence.organisation == holder.organisation_id)
            .first()
        )
        if licence is None:
            raise RuntimeError("演示数据不完整：两证一签的许可证尚未生成")
        for state in STATES:
            await _filing(filer, officer, licence["number"], state)
    made, _ = await services.mine(filer)
    return [
        f"备案演示数据（{FILER}，{OFFICER} 办理）：",
        *(f"  备案 {f.reference}  {f.kind_label}  {f.status_label}" for f in reversed(made)),
    ]
