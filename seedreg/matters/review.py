"""Review and decision for every matter that reviews (a state whose clock is the decision's):
site verification by two or more officers of the jurisdiction (行政许可法 Art. 34, inside the
time limit), pauses on Art. 45's grounds only, the one extension (Art. 42 ¶1: 10 working days,
with the reason told), and the written decision — grant, or refusal with reasons and the rights
of review and litigation (Art. 38). The matter's own effect (licensing: the licence) runs
through ``matters.decisions`` inside the decision's transaction.

As in ``matters.intake``, the matter's package loads the row (with its access check) and passes
it with its ``intake.Hooks`` (notice number prefixes, where its own values are kept); these
functions check, write, audit and return the updated row. Call outside a transaction: each
opens its own."""

from __future__ import annotations

from datetime import date
from typing import Any

from seedreg.accounts.rules import OFFICIAL_ROLES, Role, covers_division
from seedreg.accounts.tables import User
from seedreg.core import calendar, clock
from seedreg.core.audit import services as audit
from seedreg.core.db import transaction
from seedreg.core.errors import Conflict, RuleViolation
from seedreg.matters import applications as shared
from seedreg.matters import catalogue, clocks, decisions, notices, rules, workflow
from seedreg.matters.inbox import audit_subject
from seedreg.matters.intake import APPEAL_RIGHTS, Hooks
from seedreg.matters.tables import ApplicationMaterial
from seedreg.matters.transitions import Clock
from seedreg.organisations import identity


def require(condition: bool, message: str, field: str | None = None) -> None:
    if not condition:
        raise RuleViolation(message, field=field)


def ensure_reviewing(row: dict[str, Any]) -> None:
    """Only an application under review (its state runs the decision clock)."""
    state = rules.flow(row["matter"]).states.get(str(row["status"]))
    if state is None or state.clock is not Clock.DECISION:
        label = rules.state_label(row["matter"], str(row["status"]))
        raise Conflict(f"申请当前状态为“{label}”，只有已受理、审查中的申请可以办理此事项")


def ensure_not_paused(row: dict[str, Any]) -> None:
    require(not clocks.is_paused(row["pauses"] or []), "审查期限中止期间不能作出决定")


async def ensure_pending_items_arrived(row: dict[str, Any]) -> None:
    """容缺受理: the deferred materials must be in before a grant or forwarding
    (兴署发〔2021〕5号 Art. 16(三))."""
    pending = set(row["pending_items"] or [])
    if not pending:
        return
    uploaded = {
        m["item_code"]
        for m in await ApplicationMaterial.select(ApplicationMaterial.item_code).where(
            ApplicationMaterial.application == row["id"]
        )
    }
    missing = sorted(pending - uploaded)
    require(not missing, f"容缺受理的材料尚未补齐：{'、'.join(missing)}", "pending_items")


async def ensure_decided_here(row: dict[str, Any]) -> None:
    """What the region decides, the bureau only reviews and forwards (``decisions.forwards``)."""
    require(
        not await decisions.region_decides(row),
        "生产经营林木良种繁殖材料的许可证（及其延续、变更、注销）由自治区林业和草原局核发"
        "（种子法第三十一条第二款），本机关只审核；请审核后报送自治区林业和草原局核发",
        "varieties",
    )


async def recomputed_due(row: dict[str, Any], pauses: list[dict[str, Any]], extended: bool) -> date:
    """The statutory day again: the catalogue's limit, the extension, the excluded days."""
    limit, extension = await catalogue.decision_limits(row["matter"])
    return clocks.decision_due(
        row["accepted_on"],
        await calendar.work_calendar(),
        extended=extended,
        pauses=clocks.counted_pauses(pauses),
        on=clock.today(),
        limit=limit,
        extension=extension,
    )


async def _update(
    actor: audit.ActorLike, row: dict[str, Any], hooks: Hooks, action: str, values: dict[str, Any]
) -> dict[str, Any]:
    """A step that keeps the state: written only if the state is still the one read."""
    write = hooks.write or shared_write
    if not await write(row["id"], {**values, "updated_at": clock.now()}, str(row["status"])):
        raise Conflict("该申请已被他人处理，请刷新后查看")
    await audit.record(
        actor, f"application:{action}", audit_subject(row["matter"]), row["id"], after=values
    )
    return {**row, **values}


async def shared_write(application_id: int, values: Any, state: str) -> bool:
    return await shared.update(application_id, values, status=state)


async def record_site_check(
    actor: audit.ActorLike,
    row: dict[str, Any],
    hooks: Hooks,
    *,
    checked_on: date,
    officer_ids: list[int],
    findings: str,
) -> dict[str, Any]:
    """Substantive verification needs two or more officers of the jurisdiction (Art. 34)."""
    ensure_reviewing(row)
    ids = sorted(set(officer_ids))
    officers = await User.select(User.id, User.display_name, User.role, User.jurisdiction).where(
        User.id.is_in(ids or [-1]) & (User.active.eq(True))
    )
    fit = [
        o
        for o in officers
        if Role(o["role"]) in OFFICIAL_ROLES
        and o["jurisdiction"]
        and covers_division(o["jurisdiction"], row["division_code"])
    ]
    require(
        len(ids) >= 2 and len(fit) == len(ids),
        "现场核查须由两名以上本辖区工作人员进行",
        "officer_ids",
    )
    require(checked_on <= clock.today(), "核查日期不能晚于今天", "checked_on")
    site_check = {
        "checked_on": checked_on.isoformat(),
        "findings": findings,
        "officers": [{"id": o["id"], "name": o["display_name"]} for o in fit],
    }
    async with transaction():
        return await _update(actor, row, hooks, "site_check", {"site_check": site_check})


async def pause(
    actor: audit.ActorLike, row: dict[str, Any], hooks: Hooks, *, ground: str | None, reason: str
) -> dict[str, Any]:
    """Stop the clock for one of Art. 45's excluded periods, telling the applicant in writing
    which ground and why. A site check is not one of them (it runs inside the limit)."""
    ensure_reviewing(row)
    problem = clocks.pause_ground_problem(ground)
    require(problem is None, problem or "", "ground")
    lawful = clocks.PauseGround(str(ground))
    pauses = list(row["pauses"] or [])
    require(not clocks.is_paused(pauses), "审查期限已经中止")
    today = clock.today().isoformat()
    pauses.append({"start": today, "end": None, "ground": lawful.value, "reason": reason})
    content = {
        "ground": lawful.value,
        "ground_label": lawful.label,
        "basis": lawful.basis,
        "reason": reason,
        "from": today,
    }
    async with transaction():
        # due_on stays: the application stays in the inbox, shown as paused
        updated = await _update(actor, row, hooks, "pause", {"pauses": pauses})
        prefix = hooks.prefixes.get("pause", "")
        await notices.issue(actor, updated, "pause", content, prefix=prefix)
    return updated


async def resume(actor: audit.ActorLike, row: dict[str, Any], hooks: Hooks) -> dict[str, Any]:
    """The excluded period ends today; the statutory day moves by the working days it took."""
    ensure_reviewing(row)
    pauses = list(row["pauses"] or [])
    require(clocks.is_paused(pauses) and not pauses[-1].get("end"), "审查期限未中止")
    pauses[-1] = {**pauses[-1], "end": clock.today().isoformat()}
    due = await recomputed_due(row, pauses, row["extended"])
    values = {"pauses": pauses, "statutory_due": due, "due_on": due}
    async with transaction():
        return await _update(actor, row, hooks, "resume", values)


async def extend(
    actor: audit.ActorLike, row: dict[str, Any], hooks: Hooks, *, reasons: str
) -> dict[str, Any]:
    """The catalogue's extension (Art. 42 ¶1: ten more working days), once, with the reason
    told to the applicant in writing."""
    ensure_reviewing(row)
    require(not row["extended"], "审查期限只能延长一次")
    due = await recomputed_due(row, row["pauses"] or [], True)
    values = {"extended": True, "statutory_due": due, "due_on": due, "reasons": reasons}
    async with transaction():
        updated = await _update(actor, row, hooks, "extend", values)
        await notices.issue(
            actor,
            updated,
            "extension",
            {"reasons": reasons, "statutory_due": due.isoformat()},
            prefix=hooks.prefixes.get("extension", ""),
        )
    return updated


async def _decide(
    actor: audit.ActorLike,
    row: dict[str, Any],
    hooks: Hooks,
    decision: decisions.Decision,
    changes: dict[str, Any],
    content: dict[str, Any],
    default_message: str,
) -> dict[str, Any]:
    """The matter's hooks, the transition and the written decision, in one transaction."""
    action = decision.outcome.value
    label = rules.flow(row["matter"]).action_labels[action]
    edge = rules.step(row["matter"], str(row["status"]), action)
    async with transaction():
        effect = await decisions.run(actor, decision)
        updated = await workflow.transition(
            actor,
            row,
            action,
            {**changes, **effect.changes},
            notice=(label, effect.message or default_message),
            write=hooks.write,
        )
        if edge.notice:
            await notices.issue(
                actor,
                updated,
                edge.notice,
                {**content, **effect.notice},
                prefix=hooks.prefixes.get(edge.notice, ""),
                on=decision.on,
            )
    return updated


async def grant(
    actor: audit.ActorLike,
    row: dict[str, Any],
    hooks: Hooks,
    *,
    on: date | None = None,
    deemed: bool = False,
) -> dict[str, Any]:
    """准予 on ``on`` (default today), the matter's grant hooks run in the same transaction.
    A deemed decision (by law, e.g. renewal at expiry) skips the officer's checks."""
    on = on or clock.today()
    ensure_reviewing(row)
    ensure_not_paused(row)
    await ensure_decided_here(row)
    if not deemed:
        await ensure_pending_items_arrived(row)
        await identity.ensure_identity_verified(row["organisation"])  # 实名核验 first
    decision = decisions.Decision(decisions.Outcome.GRANT, row, on, deemed=deemed)
    label = rules.flow(row["matter"]).action_labels["grant"]
    message = f"申请{row['reference']}已{label}。"
    changes = {"decided_on": on, "due_on": None}
    return await _decide(actor, row, hooks, decision, changes, {"deemed": deemed}, message)


async def refuse(
    actor: audit.ActorLike, row: dict[str, Any], hooks: Hooks, *, reasons: str, contact: str
) -> dict[str, Any]:
    """不予, with reasons and the rights to review and litigation (Art. 38 ¶2)."""
    ensure_reviewing(row)
    ensure_not_paused(row)
    await ensure_decided_here(row)
    await identity.ensure_identity_verified(row["organisation"])  # 实名核验 first
    today = clock.today()
    decision = decisions.Decision(decisions.Outcome.REFUSE, row, today)
    changes = {"decided_on": today, "due_on": None, "reasons": reasons}
    content = {"reasons": reasons, "rights": APPEAL_RIGHTS, "contact": contact}
    return await _decide(actor, row, hooks, decision, changes, content, reasons)
