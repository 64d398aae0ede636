"""Acceptance (受理) for every matter: accept (and 容缺受理), the one-time 补正 notice naming
everything missing at once, 不予受理 with reasons, and deemed acceptance when no notice was
given within five working days (行政许可法 Art. 32; 兴署发〔2021〕5号 Art. 16). The matter's
own package loads the application (with its access check) and passes the row and its
``Hooks``; the checklist comes from the catalogue and the notice each step issues from the
matter's table (``Step.notice``). Call inside the caller's transaction."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from seedreg.core import calendar, clock
from seedreg.core.audit import services as audit
from seedreg.core.errors import RuleViolation
from seedreg.matters import catalogue, clocks, notices, rules, workflow
from seedreg.matters.held_rules import HELD
from seedreg.matters.tables import ApplicationMaterial, MatterMaterial

SERVICE = rules.LeagueStep.SERVICE
APPEAL_RIGHTS = (
    "如不服本决定，可以自收到本决定书之日起六十日内依法申请行政复议，"
    "或者自收到之日起六个月内依法向人民法院提起行政诉讼。"
)


@dataclass(frozen=True)
class Hooks:
    """What a matter brings to the shared intake: its class of notice number by notice kind
    (licensing's 许受 for an acceptance), and where it keeps values of its own (default: all
    in the shared application)."""

    prefixes: Mapping[str, str] = field(default_factory=dict)
    write: workflow.Writer | None = None


async def clock_fields(matter: str, accepted_on: date, promised_workdays: int) -> dict[str, Any]:
    """The decision clock set on acceptance: the catalogue's statutory limit (Art. 42) and the
    authority's promised days."""
    cal = await calendar.work_calendar()
    limit, extension = await catalogue.decision_limits(matter)
    due = clocks.decision_due(accepted_on, cal, limit=limit, extension=extension)
    return {
        "accepted_on": accepted_on,
        "statutory_due": due,
        "due_on": due,
        "promised_due": clocks.promised_due(accepted_on, promised_workdays, cal),
    }


def clock_content(fields: Mapping[str, Any]) -> dict[str, str]:
    """The acceptance notice states the clock as it was set on acceptance."""
    return {k: fields[k].isoformat() for k in ("accepted_on", "statutory_due", "promised_due")}


async def checklist_items(matter: str, sub_item: str, codes: list[str]) -> dict[str, str]:
    """Checklist items of the matter (and its sub-item) by code, in checklist order; unknown
    codes are refused."""
    rows = (
        await MatterMaterial.select(MatterMaterial.code, MatterMaterial.name, MatterMaterial.kinds)
        .where((MatterMaterial.matter == matter) & MatterMaterial.code.is_in(codes or ["-"]))
        .order_by(MatterMaterial.sort_order)
    )
    known = {r["code"]: r["name"] for r in rows if sub_item in r["kinds"].split(",")}
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise RuleViolation(f"材料编号不在本事项的材料清单中：{'、'.join(unknown)}", field="items")
    return known


async def _step(
    actor: audit.ActorLike,
    row: dict[str, Any],
    hooks: Hooks,
    action: str,
    changes: Mapping[str, Any],
    content: dict[str, Any],
    *,
    notice: tuple[str, str],
    on: date | None = None,
) -> dict[str, Any]:
    """The transition and the written notice its step issues (from the matter's table)."""
    edge = rules.flow(row["matter"]).steps.get((str(row["status"]), action))
    kind = edge.notice if edge else None  # no edge: the transition refuses it (Conflict)
    updated = await workflow.transition(
        actor, row, action, changes, notice=notice, write=hooks.write
    )
    if kind:
        await notices.issue(
            actor, updated, kind, content, prefix=hooks.prefixes.get(kind, ""), on=on
        )
    return updated


async def accept(
    actor: audit.ActorLike,
    row: dict[str, Any],
    hooks: Hooks,
    fields: Mapping[str, Any],
    *,
    pending: Mapping[str, str] | None = None,
    pending_due: date | None = None,
) -> dict[str, Any]:
    """Accept with the clock ``fields`` (``clock_fields``); with ``pending`` items, 容缺受理:
    accepted now, those to follow by ``pending_due`` (兴署发〔2021〕5号 Art. 16(三))."""
    content: dict[str, Any] = dict(clock_content(fields))
    changes = dict(fields)
    if pending is None:
        due = fields["statutory_due"]
        message = ("申请已受理", f"申请{row['reference']}已受理，法定办结期限{due}。")
    else:
        message = ("申请已容缺受理", "请在期限内补齐容缺材料。")
        changes |= {"pending_items": list(pending), "pending_due": pending_due}
        content |= {
            "pending": [{"code": c, "name": n} for c, n in pending.items()],
            "pending_deadline": pending_due.isoformat() if pending_due else "",
        }
    return await _step(actor, row, hooks, "accept", changes, content, notice=message)


async def _held_codes(application_id: int) -> set[str]:
    """The materials confirmed from a record the system holds (系统调取)."""
    rows = await ApplicationMaterial.select(ApplicationMaterial.item_code).where(
        (ApplicationMaterial.application == application_id) & (ApplicationMaterial.source == HELD)
    )
    return {r["item_code"] for r in rows}


async def request_supplement(
    actor: audit.ActorLike,
    row: dict[str, Any],
    hooks: Hooks,
    *,
    items: list[str],
    notes: Mapping[str, str],
    deadline_workdays: int,
) -> dict[str, Any]:
    """One notice naming everything missing or defective (一次性告知, Art. 32 ¶1(四)) with a
    deadline; a later notice may only name items the first one named."""
    named = await checklist_items(row["matter"], row["sub_item"], items)
    earlier = set(row["supplement_items"]) if row["supplement_items"] else None
    held = await _held_codes(int(row["id"]))
    if problem := clocks.check_supplement_items(set(named), earlier, held):
        raise RuleViolation(problem, field="items")
    deadline = (await calendar.work_calendar()).add_workdays(clock.today(), deadline_workdays)
    changes = {
        "supplement_items": row["supplement_items"] or list(named),
        "supplement_deadline": deadline,
        "due_on": deadline,
    }
    content = {
        "items": [{"code": c, "name": n, "problem": notes.get(c, "")} for c, n in named.items()],
        "deadline": deadline.isoformat(),
    }
    message = ("请补正材料", f"申请{row['reference']}需补正材料，期限{deadline}。")
    return await _step(actor, row, hooks, "request_supplement", changes, content, notice=message)


async def reject_intake(
    actor: audit.ActorLike,
    row: dict[str, Any],
    hooks: Hooks,
    *,
    reasons: str,
    competent_authority: str | None,
    contact: str,
) -> dict[str, Any]:
    """不予受理 with reasons, the competent authority where it is not ours, the rights of
    appeal and how to reach the office (兴署发〔2021〕5号 Art. 17(二)). A public service is
    not a licence: its notice carries no 行政许可法 appeal wording (``rules.LeagueStep``)."""
    changes = {
        "reasons": reasons,
        "competent_authority": competent_authority,
        "decided_on": clock.today(),
        "due_on": None,
    }
    content = {
        "reasons": reasons,
        "competent_authority": competent_authority,
        "rights": "" if await catalogue.league_step(row["matter"]) is SERVICE else APPEAL_RIGHTS,
        "contact": contact,
    }
    return await _step(
        actor, row, hooks, "reject_intake", changes, content, notice=("申请不予受理", reasons)
    )


async def deem_accepted(
    row: dict[str, Any], hooks: Hooks, fields: Mapping[str, Any], on: date
) -> dict[str, Any]:
    """Counted as accepted from the day it was received: no notice within five working days
    (行政许可法 Art. 32). Raises Conflict when another worker got there first."""
    message = (
        "申请依法视为受理",
        f"申请{row['reference']}自收到之日起五个工作日内未获告知，依法视为受理。",
    )
    return await _step(
        audit.SYSTEM,
        row,
        hooks,
        "deem_accepted",
        {**fields, "acceptance_deemed": True},
        {**clock_content(fields), "deemed": True},
        notice=message,
        on=on,
    )
