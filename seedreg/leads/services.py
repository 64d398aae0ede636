"""Leads (线索): arrival (idempotent by the source key), the banner's queue, and the decision —
已派查 (a check is opened with origin "lead", the target and the lead's note pre-filled) or
不予立查 with a reason. Every change is audited."""

from __future__ import annotations

from typing import Any

from seedreg.accounts.rules import Actor
from seedreg.core import clock
from seedreg.core.audit import services as audit
from seedreg.core.audit.services import SYSTEM
from seedreg.core.db import fetch, transaction
from seedreg.core.errors import Forbidden, NotFound, RuleViolation
from seedreg.leads import rules
from seedreg.leads.rules import LeadKind, LeadState
from seedreg.leads.schemas import LeadIn, LeadOut
from seedreg.leads.tables import InspectionLead

NOT_FOUND = "未找到该线索"
TARGET_KINDS = ("organisation", "nursery_base")


async def receive(lead: LeadIn) -> bool:
    """Store a lead unless its source key is known (then refresh it while undecided); True when
    new. Safe to run twice and from
    two processes at once (the unique key decides)."""
    async with transaction():
        made = await fetch(
            "INSERT INTO inspection_lead (kind, source_key, source_url, division_code, title, "
            "detail, target_kind, target_id, target_name, received_at, state, reason) VALUES "
            "({}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, '') "
            "ON CONFLICT (source_key) DO NOTHING RETURNING id",
            lead.kind.value, lead.source_key, lead.source_url, lead.division_code,
            lead.title[:120], lead.detail, lead.target_kind, lead.target_id,
            lead.target_name[:120], clock.now(), LeadState.NEW.value,
        )  # fmt: skip
        if made:
            await audit.record(
                SYSTEM, "lead:receive", "lead", made[0]["id"],
                after={"lead_kind": lead.kind.value, "source_key": lead.source_key},
            )  # fmt: skip
        else:
            await _refresh(lead)
    return bool(made)


async def _refresh(lead: LeadIn) -> None:
    """A lead nobody has decided yet shows what its source says today (an archive's gaps grow
    and shrink through the year); a decided lead keeps what it was decided on."""
    changed = await fetch(
        "UPDATE inspection_lead SET title = {}, detail = {} WHERE source_key = {} AND state = {} "
        "AND (title <> {} OR detail <> {}) RETURNING id",
        lead.title[:120], lead.detail, lead.source_key, LeadState.NEW.value,
        lead.title[:120], lead.detail,
    )  # fmt: skip
    if changed:
        await audit.record(
            SYSTEM, "lead:refresh", "lead", changed[0]["id"],
            after={"source_key": lead.source_key, "detail": lead.detail[:200]},
        )  # fmt: skip


def _out(actor: Actor, r: dict[str, Any]) -> LeadOut:
    return LeadOut(
        **{k: r[k] for k in LeadOut.model_fields if k in r},
        kind_label=LeadKind(r["kind"]).label,
        state_label=LeadState(r["state"]).label,
        may_decide=rules.may_decide(actor, r["division_code"], r["state"]),
    )


def _ensure(actor: Actor) -> None:
    if not rules.may_see(actor, actor.jurisdiction or "-"):
        raise Forbidden("线索供执法人员查看")


async def queue(actor: Actor, state: str = LeadState.NEW.value, kind: str = "") -> list[LeadOut]:
    """The leads of the actor's area, newest first (a league inspector: every banner's)."""
    _ensure(actor)
    query = InspectionLead.select().order_by(InspectionLead.id, ascending=False)
    if state in {s.value for s in LeadState}:
        query = query.where(InspectionLead.state == state)
    if kind in {k.value for k in LeadKind}:
        query = query.where(InspectionLead.kind == kind)
    rows = [r for r in await query if rules.may_see(actor, r["division_code"])]
    return [_out(actor, r) for r in rows[:300]]


async def load(actor: Actor, lead_id: int) -> LeadOut:
    _ensure(actor)
    row = await InspectionLead.select().where(InspectionLead.id == lead_id).first()
    if row is None:
        raise NotFound(NOT_FOUND)
    if not rules.may_see(actor, row["division_code"]):
        raise Forbidden("只有本辖区的执法人员可以查看该线索")
    return _out(actor, row)


def _target(lead: LeadOut, typed: str) -> tuple[str, int]:
    if lead.target_kind and lead.target_id is not None:
        return lead.target_kind, lead.target_id
    kind, _, raw = typed.partition(":")
    if kind not in TARGET_KINDS or not raw.isdigit():
        raise RuleViolation("该线索未指明检查对象，请选择检查对象", field="target")
    return kind, int(raw)


async def _decide(
    actor: Actor, lead: LeadOut, state: LeadState, reason: str, after: dict[str, Any]
) -> None:
    async with transaction():
        done = await fetch(
            "UPDATE inspection_lead SET state = {}, reason = {}, handled_by = {}, "
            "handled_at = {} WHERE id = {} AND state = {} RETURNING id",
            state.value, reason, actor.user_id, clock.now(), lead.id, LeadState.NEW.value,
        )  # fmt: skip
        if not done:
            raise RuleViolation("该线索已经处理", field="state")
        action = "lead:dispatch" if state is LeadState.DISPATCHED else "lead:dismiss"
        await audit.record(
            actor, action, "lead", lead.id, before={"state": lead.state},
            after={"state": state.value, **after},
        )  # fmt: skip


async def dispatch(actor: Actor, lead_id: int, target: str = "") -> str:
    """已派查: the lead is taken up; answers the address of the check form, pre-filled with the
    target and the lead (origin 线索核查)."""
    lead = await load(actor, lead_id)
    if not rules.may_decide(actor, lead.division_code, lead.state):
        raise Forbidden("只有本辖区的执法人员可以处理待处理的线索")
    kind, target_id = _target(lead, target)
    await _decide(actor, lead, LeadState.DISPATCHED, "", {"target": f"{kind}:{target_id}"})
    return f"/inspections/checks/new?target={kind}:{target_id}&lead={lead_id}"


async def dismiss(actor: Actor, lead_id: int, reason: str) -> LeadOut:
    """不予立查 with a reason."""
    lead = await load(actor, lead_id)
    if not rules.may_decide(actor, lead.division_code, lead.state):
        raise Forbidden("只有本辖区的执法人员可以处理待处理的线索")
    if (problem := rules.dismiss_problem(reason)) is not None:
        raise RuleViolation(problem, field="reason")
    await _decide(actor, lead, LeadState.DISMISSED, reason.strip(), {"reason": reason.strip()})
    return await load(actor, lead_id)


async def check_note(actor: Actor, lead_id: int) -> str:
    """The note a check opened from this lead carries (线索核查's lead_note)."""
    lead = await load(actor, lead_id)
    return f"【{lead.kind_label}】{lead.title}。{lead.detail}".strip()[:1000]
