"""Two-stage handling of what the region issues (林木良种, 种子法 Art. 31 ¶2): the bureau reviews
(审核) and forwards the review file with its opinion; the region issues (核发) within its own
20 working days (令第40号 Art. 12; 行政许可法 Art. 43), and the officer records its decision.

The bureau's clock ends when it forwards; the region's starts from that day. Nothing here
writes the region's documents: its decision is recorded as the region wrote it.
"""

from __future__ import annotations

from typing import Any

from seedreg.accounts.rules import Actor
from seedreg.core import clock
from seedreg.core.db import transaction
from seedreg.core.errors import Conflict, RuleViolation
from seedreg.licensing import licences, notices, rules
from seedreg.licensing.common import (
    ensure_officer,
    load,
    region_decides,
    require,
    to_out,
    transition,
    work_calendar,
)
from seedreg.licensing.review import ensure_pending_items_arrived
from seedreg.licensing.rules import Action, ApplicationKind, Status
from seedreg.licensing.schemas import (
    ApplicationOut,
    ForwardIn,
    ReasonIn,
    RegionDecisionIn,
    RegionGrantIn,
    RegionRefusalIn,
)

REGION_AUTHORITY = "内蒙古自治区林业和草原局"


def _ensure_allowed(row: dict[str, Any], action: Action) -> None:
    """Asked first, so a step out of turn gets the state machine's message, not another."""
    try:
        rules.next_status(Status(row["status"]), action)
    except rules.TransitionError as exc:
        raise Conflict(str(exc)) from None


async def forward(actor: Actor, application_id: int, data: ForwardIn) -> ApplicationOut:
    """审核 done: send the review file and opinion to the region; its 核发 clock starts today.

    Raises RuleViolation when this bureau decides the application itself, while the review
    clock is paused, or while 容缺 materials are still missing (the region gets a whole file).
    """
    row = await load(actor, application_id)
    ensure_officer(actor)
    _ensure_allowed(row, Action.FORWARD)
    require(
        await region_decides(row),
        "本申请不涉及林木良种，由本机关直接作出决定，无需报送",
    )
    require(not rules.is_paused(row["pauses"] or []), "审查期限中止期间不能报送")
    await ensure_pending_items_arrived(row)
    today = clock.today()
    due = rules.issuing_due(today, await work_calendar())
    fields = {
        "forwarded_on": today,
        "review_opinion": data.opinion,
        "issuing_due": due,
        "issuing_extended": False,
        "due_on": due,
    }
    async with transaction():
        updated = await transition(
            actor,
            row,
            Action.FORWARD,
            fields,
            notice=(
                "已报送核发机关",
                f"申请{row['reference']}已审核完毕，于{today}报送{REGION_AUTHORITY}核发，"
                f"核发机关法定办结期限{due}。",
            ),
        )
        await notices.issue(
            actor,
            updated,
            "forward",
            {"forwarded_on": today.isoformat(), "issuing_due": due.isoformat()},
        )
    return await to_out(await load(actor, application_id))


async def extend_issuing(actor: Actor, application_id: int, data: ReasonIn) -> ApplicationOut:
    """Record that the region extended its 核发 period by ten working days, once."""
    row = await load(actor, application_id)
    ensure_officer(actor)
    _ensure_allowed(row, Action.EXTEND_ISSUING)
    require(not row["issuing_extended"], "核发期限只能延长一次")
    due = rules.issuing_due(row["forwarded_on"], await work_calendar(), extended=True)
    async with transaction():
        await transition(
            actor,
            row,
            Action.EXTEND_ISSUING,
            {"issuing_extended": True, "issuing_due": due, "due_on": due, "reasons": data.reasons},
            notice=(
                "核发期限延长",
                f"{REGION_AUTHORITY}将申请{row['reference']}的核发期限延长十个工作日，"
                f"至{due}。理由：{data.reasons}",
            ),
        )
    return await to_out(await load(actor, application_id))


def _check_decision_date(row: dict[str, Any], data: RegionDecisionIn) -> None:
    problem = rules.region_decision_problem(
        decided_on=data.decided_on, forwarded_on=row["forwarded_on"], on=clock.today()
    )
    if problem:
        raise RuleViolation(problem[0], field=problem[1])


async def record_region_grant(
    actor: Actor, application_id: int, data: RegionGrantIn
) -> ApplicationOut:
    """The region granted: the licence goes on the register as the region issued it
    (its number, ``recorded_only``), or the region's renewal, change or cancellation is applied.
    """
    row = await load(actor, application_id)
    ensure_officer(actor)
    _ensure_allowed(row, Action.REGION_GRANT)
    _check_decision_date(row, data)
    kind = ApplicationKind(row["kind"])
    async with transaction():
        licence_id = await licences.apply_region_grant(actor, row, kind, data)
        granted = await licences.terms(licence_id)
        await transition(
            actor,
            row,
            Action.REGION_GRANT,
            {"decided_on": data.decided_on, "due_on": None, "licence": licence_id},
            notice=(
                "准予许可",
                f"{REGION_AUTHORITY}已准予{kind.label}（申请{row['reference']}），"
                f"许可证号{granted['licence_number']}。",
            ),
        )
    return await to_out(await load(actor, application_id))


async def record_region_refusal(
    actor: Actor, application_id: int, data: RegionRefusalIn
) -> ApplicationOut:
    """The region refused: its reasons are recorded as it wrote them."""
    row = await load(actor, application_id)
    ensure_officer(actor)
    _ensure_allowed(row, Action.REGION_REFUSE)
    _check_decision_date(row, data)
    async with transaction():
        await transition(
            actor,
            row,
            Action.REGION_REFUSE,
            {"decided_on": data.decided_on, "due_on": None, "reasons": data.reasons},
            notice=("不予许可", f"{REGION_AUTHORITY}决定不予许可。理由：{data.reasons}"),
        )
    return await to_out(await load(actor, application_id))
