"""Demo cases from the demo check with findings (demo_check_data): the unlabelled seedlings
(V3-1, treated as fake seed, 种子法第七十四条) decided with a fine, the missing archive (V4-1)
open under investigation. Made through the real services, so the audit, the clock, the documents
and 行政执法公示 are genuine. Idempotent: a finding already in a case is left alone."""

from __future__ import annotations

from datetime import timedelta

from seedreg.accounts.rules import Actor
from seedreg.accounts.services import actor_from_row
from seedreg.accounts.tables import User
from seedreg.cases import cases, stages
from seedreg.cases.schemas import CaseOpenIn, DecideIn, DefenceIn, InvestigateIn, NoticeIn
from seedreg.cases.tables import Case
from seedreg.core.clock import CHINA
from seedreg.demo_check_data import _key
from seedreg.inspections.check_out import when
from seedreg.inspections.tables import CheckFinding, FieldCheck

FACTS = {
    "V3-1": "在集贸市场摊位销售无标签樟子松2-0苗约3000株，货值4,500元",
    "V4-1": "未建立本年度林木种苗生产经营档案，检查时未能出示",
}


async def _actor(username: str) -> Actor:
    row = await User.select().where(User.username == username).first()
    if row is None:
        raise RuntimeError(f"演示数据不完整：没有 {username} 账号")
    return actor_from_row(row)


async def _decide(actor: Actor, case_id: int) -> None:
    await stages.act(
        actor,
        case_id,
        "investigate",
        InvestigateIn(
            investigation="现场检查笔录、抽样记录、先行登记保存通知书、询问笔录、现场照片"
        ),
    )
    await stages.act(
        actor, case_id, "notify", NoticeIn(amount=20000, confiscation="无标签樟子松苗3000株")
    )
    await stages.act(
        actor, case_id, "defence", DefenceIn(defence="当事人称系初次销售，请求从轻处罚")
    )
    await stages.act(
        actor, case_id, "decide", DecideIn(amount=20000, confiscation="无标签樟子松苗3000株")
    )


async def load_cases() -> list[str]:
    """One case decided with a fine and one open; returns the lines ``load-demo`` prints."""
    actor = await _actor("zhifa1")
    check = await FieldCheck.select().where(FieldCheck.idempotency_key == _key("findings")).first()
    if check is None:
        return ["  行政处罚案件演示数据未加载：没有发现问题的演示检查"]
    lines = []
    for code, decide in (("V3-1", True), ("V4-1", False)):
        finding = await (
            CheckFinding.select()
            .where((CheckFinding.field_check == check["id"]) & (CheckFinding.code == code))
            .first()
        )
        if finding is None:
            continue
        existing = await Case.select(Case.id).where(Case.finding == finding["id"]).first()
        if existing is None:
            act_on = when(check["started_at"]).astimezone(CHINA).date() - timedelta(days=10)
            data = CaseOpenIn(finding_id=finding["id"], act_on=act_on, facts=FACTS[code])
            case_id = (await cases.open_case(actor, data)).id
            if decide:
                await _decide(actor, case_id)
            else:
                await stages.act(
                    actor,
                    case_id,
                    "investigate",
                    InvestigateIn(investigation="已调取当事人进货单据，待询问负责人"),
                )
        else:
            case_id = existing["id"]
        found = await cases.get(actor, case_id)
        lines.append(
            f"  行政处罚案件 {found.number}：{found.party_name}，{found.stage_label}"
            + (f"，{found.decision_words}" if found.decided_on else "")
        )
    return lines
