"""Forwarding to the region for every matter whose catalogue entry forwards (种子法 Art. 31 ¶2
for 良种 licences): the handling bureau reviews (审核) and sends the review file with its
opinion; the region decides within its own 20 working days, extended once by 10 (令第40号
Art. 12; 行政许可法 Art. 43); the officer records the region's decision as the region wrote it
(number, date, outcome, reasons, the scan), the matter's effect run through
``matters.decisions`` in the same transaction.

The bureau's clock ends when it forwards; the region's starts that day. Which applications go
up is the matter's predicate (``decisions.forwards``). As in ``matters.review``, the matter's
package loads the row and passes its ``intake.Hooks``."""

from __future__ import annotations

from typing import Any

from seedreg.core import calendar, clock
from seedreg.core.audit import services as audit
from seedreg.core.db import transaction
from seedreg.core.errors import Conflict, RuleViolation
from seedreg.matters import clocks, decisions, notices, rules, workflow
from seedreg.matters.intake import Hooks
from seedreg.matters.review import ensure_pending_items_arrived, require
from seedreg.matters.tables import Matter

REGION_AUTHORITY = "内蒙古自治区林业和草原局"


def ensure_allowed(row: dict[str, Any], action: str) -> None:
    """Asked first, so a step out of turn gets the state machine's message, not another."""
    try:
        rules.next_state(row["matter"], str(row["status"]), action)
    except rules.TransitionError as exc:
        raise Conflict(str(exc)) from None


async def forwarding_applies(matter: str) -> bool:
    """The catalogue says whether the matter forwards at all."""
    found = await Matter.select(Matter.forwarding).where(Matter.code == matter).first()
    return bool(found and found["forwarding"])


async def forward(
    actor: audit.ActorLike, row: dict[str, Any], hooks: Hooks, *, opinion: str
) -> dict[str, Any]:
    """审核 done: the review file and opinion go to the region; its clock starts today.

    RuleViolation when this bureau decides the application itself, while the review clock is
    paused, or while 容缺 materials are still missing (the region gets a whole file)."""
    ensure_allowed(row, "forward")
    require(
        await forwarding_applies(row["matter"]) and await decisions.region_decides(row),
        "本申请不属于报送上级机关决定的情形（如林木良种），由本机关直接作出决定，无需报送",
    )
    require(not clocks.is_paused(row["pauses"] or []), "审查期限中止期间不能报送")
    await ensure_pending_items_arrived(row)
    today = clock.today()
    due = clocks.issuing_due(today, await calendar.work_calendar())
    fields = {
        "forwarded_on": today,
        "review_opinion": opinion,
        "issuing_due": due,
        "issuing_extended": False,
        "due_on": due,
    }
    message = (
        f"申请{row['reference']}已审核完毕，于{today}报送{REGION_AUTHORITY}核发，"
        f"核发机关法定办结期限{due}。"
    )
    edge = rules.step(row["matter"], str(row["status"]), "forward")
    async with transaction():
        updated = await workflow.transition(
            actor, row, "forward", fields, notice=("已报送核发机关", message), write=hooks.write
        )
        if edge.notice:
            content = {"forwarded_on": today.isoformat(), "issuing_due": due.isoformat()}
            prefix = hooks.prefixes.get(edge.notice, "")
            await notices.issue(actor, updated, edge.notice, content, prefix=prefix)
    return updated


async def extend_issuing(
    actor: audit.ActorLike, row: dict[str, Any], hooks: Hooks, *, reasons: str
) -> dict[str, Any]:
    """Record that the region extended its period by ten working days, once (令第40号 Art. 12)."""
    ensure_allowed(row, "extend_issuing")
    require(not row["issuing_extended"], "核发期限只能延长一次")
    due = clocks.issuing_due(row["forwarded_on"], await calendar.work_calendar(), extended=True)
    fields = {"issuing_extended": True, "issuing_due": due, "due_on": due, "reasons": reasons}
    message = (
        f"{REGION_AUTHORITY}将申请{row['reference']}的核发期限延长十个工作日，"
        f"至{due}。理由：{reasons}"
    )
    async with transaction():
        return await workflow.transition(
            actor,
            row,
            "extend_issuing",
            fields,
            notice=("核发期限延长", message),
            write=hooks.write,
        )


def _check_decision_date(row: dict[str, Any], region: decisions.RegionDecision) -> None:
    problem = clocks.region_decision_problem(
        decided_on=region.decided_on, forwarded_on=row["forwarded_on"], on=clock.today()
    )
    if problem:
        raise RuleViolation(problem[0], field=problem[1])


async def record_region_decision(
    actor: audit.ActorLike, row: dict[str, Any], hooks: Hooks, region: decisions.RegionDecision
) -> dict[str, Any]:
    """The region's decision as it wrote it: granted (the matter's grant hooks apply it, e.g.
    the licence on the register as the region issued it) or refused (its reasons recorded)."""
    granted = region.outcome is decisions.Outcome.GRANT
    action = "region_grant" if granted else "region_refuse"
    ensure_allowed(row, action)
    _check_decision_date(row, region)
    label = rules.flow(row["matter"]).action_labels[region.outcome.value]
    changes: dict[str, Any] = {
        "decided_on": region.decided_on,
        "due_on": None,
        "region_decision": region.record(),
    }
    if granted:
        message = f"{REGION_AUTHORITY}已{label}（申请{row['reference']}）。"
    else:
        changes["reasons"] = region.reasons
        message = f"{REGION_AUTHORITY}决定{label}。理由：{region.reasons}"
    decision = decisions.Decision(region.outcome, row, region.decided_on, region=region)
    async with transaction():
        effect = await decisions.run(actor, decision)
        return await workflow.transition(
            actor,
            row,
            action,
            {**changes, **effect.changes},
            notice=(label, effect.message or message),
            write=hooks.write,
        )
