"""Demo data of issue 23: two earlier checks whose 责令改正 deadline has passed — one
re-inspected as 已整改, one 未整改 and escalated to a case (the cases package adds the case and
its decision) — and the leads gathered from the other modules' demo records. Through the real
services; idempotent (fixed check keys, a decided follow-up is left alone, leads by source key)."""

from __future__ import annotations

from datetime import timedelta

from seedreg.accounts.rules import Actor
from seedreg.core import clock
from seedreg.demo_check_data import _key, signature_png
from seedreg.inspections import checks, evidence, followups
from seedreg.inspections.check_schemas import CheckIn
from seedreg.inspections.followup_rules import FollowUpState
from seedreg.leads import jobs
from seedreg.leads.rules import LeadKind
from seedreg.organisations.tables import Organisation

# (key, days ago, catalogue item, what was found, the re-inspection's result and note)
CASES = (
    ("rectified", 40, "V4-1", "未建立本年度生产经营档案", FollowUpState.RECTIFIED,
     "复查时已补建生产经营档案，核对3个批次的生产、出入库和销售记录齐全"),
    ("escalated", 30, "V3-1", "销售的樟子松苗未附标签", FollowUpState.ESCALATED,
     "复查时仍在销售无标签苗木，拒不改正"),
)  # fmt: skip


async def _check(actor: Actor, partner: int, target: int, case: tuple) -> str:
    name, days, code, note, _, _ = case
    start = (clock.now() - timedelta(days=days)).replace(hour=2, minute=0, second=0)
    sign = _key(f"{name}-signature")
    data = CheckIn.model_validate({
        "idempotency_key": _key(name), "origin": "ad_hoc", "target_kind": "organisation",
        "target_id": target, "representative": "周海", "representative_role": "负责人",
        "place": "苗圃办公室", "inspector_ids": [actor.user_id, partner],
        "started_at": start.isoformat(), "ended_at": (start + timedelta(hours=1)).isoformat(),
        "checklist": [{"code": code, "result": "fails", "note": note}],
        "signature": {"photo_key": sign},
    })  # fmt: skip
    out, _ = await checks.submit_check(actor, data)
    await evidence.upload(actor, data.idempotency_key, sign, signature_png())
    return str(out.id)


async def load_followups(inspector: Actor, partner: Actor) -> list[str]:
    orgs = (
        await Organisation.select(Organisation.id)
        .where(Organisation.division_code.like("1522%"))
        .order_by(Organisation.id)
        .limit(4)
    )
    lines = []
    for case, org in zip(CASES, orgs[2:] or orgs, strict=False):
        check_id = int(await _check(inspector, partner.user_id, org["id"], case))
        for task in await followups.for_check(inspector, check_id):
            if task["may_record"]:
                await followups.record(inspector, task["id"], case[4], case[5])
        lines.append(f"  复查 {case[2]}：{case[4].label}")
    added = await jobs.gather(clock.today())
    lines.append("  线索：" + "，".join(f"{LeadKind(k).label} {n} 条" for k, n in added.items()))
    return lines
