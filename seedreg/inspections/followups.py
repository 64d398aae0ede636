"""复查 (issue 23): each finding of a check gets a re-inspection task due at its 责令改正
deadline; the re-inspection records 已整改 (the finding is closed, with the evidence seen) or
未整改 (escalated: the finding goes on to a case, which the cases package opens).

The tasks are made with the check, in its transaction (``make_for_check``); ``backfill`` makes the
missing ones of checks recorded before follow-ups existed, idempotently (the daily job runs it)."""

from __future__ import annotations

from datetime import date
from typing import Any

from seedreg.accounts.rules import Actor
from seedreg.core import clock
from seedreg.core.audit import services as audit
from seedreg.core.calendar import work_calendar
from seedreg.core.db import fetch, transaction
from seedreg.core.errors import Forbidden, NotFound, RuleViolation
from seedreg.inspections import check_rules as cr
from seedreg.inspections import followup_rules as fr
from seedreg.inspections import rule_settings
from seedreg.inspections.check_out import when
from seedreg.inspections.tables import CheckFinding, FieldCheck, FollowUp, ViolationItem
from seedreg.matters.clocks import band, days_left

NOT_FOUND = "未找到该复查任务"


async def make_for_check(check_id: int, division: str, on: date) -> int:
    """The re-inspection tasks of a check's findings, due at the 责令改正 deadline (the local
    setting's days from the check day). Inside the caller's transaction; idempotent."""
    due = cr.rectify_due(on, await rule_settings.rectify_days())
    made = 0
    findings = await CheckFinding.select(CheckFinding.id).where(
        CheckFinding.field_check == check_id
    )
    for f in findings:
        rows = await fetch(
            "INSERT INTO follow_up (finding, field_check, division_code, due_on, state, note, "
            "evidence_ref) VALUES ({}, {}, {}, {}, {}, '', '') "
            "ON CONFLICT (finding) DO NOTHING RETURNING id",
            f["id"], check_id, division, due, fr.FollowUpState.PENDING.value,
        )  # fmt: skip
        made += len(rows)
    return made


async def backfill(on: date | None = None) -> int:
    """Tasks for the findings of checks recorded before follow-ups existed (daily; idempotent)."""
    del on
    have = {r["finding"] for r in await FollowUp.select(FollowUp.finding)}
    rows = await CheckFinding.select(CheckFinding.id, CheckFinding.field_check)
    missing = {r["field_check"] for r in rows if r["id"] not in have}
    made = 0
    for check_id in sorted(missing):
        check = (
            await FieldCheck.select(FieldCheck.division_code, FieldCheck.started_at)
            .where(FieldCheck.id == check_id)
            .first()
        )
        if check is None:
            continue
        day = when(check["started_at"]).astimezone(clock.CHINA).date()
        async with transaction():
            made += await make_for_check(check_id, check["division_code"], day)
    return made


def _ensure_inspector(actor: Actor) -> None:
    if not cr.may_see_check(actor, actor.jurisdiction or "-"):
        raise Forbidden("复查任务供执法人员查看")


_SELECT = (
    "SELECT u.id, u.finding, u.field_check, u.division_code, u.due_on, u.state, u.note, "
    "u.evidence_ref, u.recorded_at, f.code, f.text, c.number, c.target_name, "
    "c.target_kind, c.target_id FROM follow_up u "
    "JOIN check_finding f ON f.id = u.finding JOIN field_check c ON c.id = u.field_check "
)


async def _rows(where: str = "", *args: Any) -> list[dict[str, Any]]:
    """``where``: one of this module's constant clauses, values as placeholders only."""
    return await fetch(_SELECT + where + " ORDER BY u.due_on, u.id", *args)


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


async def _shaped(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    cal = await work_calendar()
    today = clock.today()
    items = await ViolationItem.select(ViolationItem.code, ViolationItem.name)
    names = {r["code"]: r["name"] for r in items}
    out = []
    for r in rows:
        due = _day(r["due_on"])
        state = fr.FollowUpState(r["state"])
        pending = fr.may_decide(r["state"])
        out.append(
            {
                **r,
                "due_on": due,
                "item_name": names.get(r["code"], r["code"]),
                "state_label": state.label,
                "band": band(days_left(due, today, cal)).value if pending else "",
                "overdue": fr.overdue(r["state"], due, today),
                "may_record": pending,
                "escalated": state is fr.FollowUpState.ESCALATED,
                "case_link": fr.case_link(r["finding"]),
            }
        )
    return out


async def queue(actor: Actor, *, pending_only: bool = True) -> list[dict[str, Any]]:
    """The re-inspections of the actor's area, soonest due first (a league inspector: all)."""
    _ensure_inspector(actor)
    where = "WHERE u.state = {}" if pending_only else ""
    args = [fr.FollowUpState.PENDING.value] if pending_only else []
    rows = [r for r in await _rows(where, *args) if cr.may_see_check(actor, r["division_code"])]
    return await _shaped(rows[:200])


async def for_check(actor: Actor, check_id: int) -> list[dict[str, Any]]:
    _ensure_inspector(actor)
    rows = await _rows("WHERE u.field_check = {}", check_id)
    return await _shaped([r for r in rows if cr.may_see_check(actor, r["division_code"])])


async def for_finding(finding_id: int) -> dict[str, Any] | None:
    """A finding's follow-up with its check (for the cases package: is it escalated?)."""
    rows = await _rows("WHERE u.finding = {}", finding_id)
    return (await _shaped(rows))[0] if rows else None


async def load(actor: Actor, follow_up_id: int) -> dict[str, Any]:
    _ensure_inspector(actor)
    rows = await _rows("WHERE u.id = {}", follow_up_id)
    if not rows:
        raise NotFound(NOT_FOUND)
    if not cr.may_see_check(actor, rows[0]["division_code"]):
        raise Forbidden("只有本辖区的执法人员可以查看该复查任务")
    return (await _shaped(rows))[0]


async def record(
    actor: Actor, follow_up_id: int, state: fr.FollowUpState, note: str, evidence_ref: str = ""
) -> dict[str, Any]:
    """Record the re-inspection once: 已整改 closes the finding; 未整改 escalates it to a case."""
    row = await load(actor, follow_up_id)
    if not cr.may_record_check(actor, row["division_code"]):
        raise Forbidden("只有负责被检查单位所在地区的执法人员可以记录复查结果")
    if (problem := fr.outcome_problem(state, note)) is not None:
        raise RuleViolation(problem, field="state" if state is fr.FollowUpState.PENDING else "note")
    async with transaction():
        changed = await fetch(
            "UPDATE follow_up SET state = {}, note = {}, evidence_ref = {}, recorded_by = {}, "
            "recorded_at = {} WHERE id = {} AND state = {} RETURNING id",
            state.value, note.strip(), evidence_ref.strip()[:200], actor.user_id, clock.now(),
            follow_up_id, fr.FollowUpState.PENDING.value,
        )  # fmt: skip
        if not changed:
            raise RuleViolation("该复查结果已经记录，不能再次记录", field="state")
        await audit.record(
            actor, f"follow_up:{state.value}", "follow_up", follow_up_id,
            before={"state": row["state"]},
            after={"state": state.value, "finding": row["finding"], "note": note.strip(),
                   "evidence_ref": evidence_ref.strip()},
        )  # fmt: skip
    return await load(actor, follow_up_id)
