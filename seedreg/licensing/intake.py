"""Acceptance (受理): accept, one-time 补正 notice, 容缺受理, 不予受理, and deemed acceptance
when no notice was given within five working days (行政许可法 Art. 32)."""

from __future__ import annotations

from datetime import date
from typing import Any

from seedreg.accounts.rules import Actor
from seedreg.core import clock
from seedreg.core import rulesettings as rs
from seedreg.core.audit.services import SYSTEM
from seedreg.core.db import transaction
from seedreg.core.errors import Conflict, RuleViolation
from seedreg.licensing import notices, rules
from seedreg.licensing.common import (
    ensure_officer,
    load,
    of_licensing,
    to_out,
    transition,
    with_licence,
    work_calendar,
)
from seedreg.licensing.guide import contact_line
from seedreg.licensing.rule_settings import (
    CONDITIONAL_ACCEPTANCE_WORKDAYS,
    PROMISED_DECISION_WORKDAYS,
)
from seedreg.licensing.rules import Action, Status
from seedreg.licensing.schemas import (
    ApplicationOut,
    ConditionalAcceptIn,
    RejectIntakeIn,
    SupplementIn,
)
from seedreg.licensing.states import MATTER
from seedreg.matters import catalogue
from seedreg.matters.tables import Application, MatterMaterial

APPEAL_RIGHTS = (
    "如不服本决定，可以自收到本决定书之日起六十日内依法申请行政复议，"
    "或者自收到之日起六个月内依法向人民法院提起行政诉讼。"
)


async def _clock_fields(accepted_on: date) -> dict[str, Any]:
    cal = await work_calendar()
    limit, extension = await catalogue.decision_limits(MATTER)
    due = rules.decision_due(accepted_on, cal, limit=limit, extension=extension)
    return {
        "accepted_on": accepted_on,
        "statutory_due": due,
        "due_on": due,
        "promised_due": rules.promised_due(
            accepted_on, await rs.value(PROMISED_DECISION_WORKDAYS), cal
        ),
    }


def _clock_content(fields: dict[str, Any]) -> dict[str, str]:
    """The acceptance notice states the clock as it was set on acceptance."""
    return {k: fields[k].isoformat() for k in ("accepted_on", "statutory_due", "promised_due")}


async def accept(actor: Actor, application_id: int) -> ApplicationOut:
    row = await load(actor, application_id)
    ensure_officer(actor)
    fields = await _clock_fields(clock.today())
    async with transaction():
        updated = await transition(
            actor,
            row,
            Action.ACCEPT,
            fields,
            notice=(
                "申请已受理",
                f"申请{row['reference']}已受理，法定办结期限{fields['statutory_due']}。",
            ),
        )
        await notices.issue(
            actor,
            updated,
            "acceptance",
            _clock_content(fields),
        )
    return await to_out(await load(actor, application_id))


async def conditional_accept(
    actor: Actor, application_id: int, data: ConditionalAcceptIn
) -> ApplicationOut:
    """容缺受理: accept now, with non-essential items to follow by a stored deadline (the local
    setting's working days unless the officer gives others; 兴署发〔2021〕5号 Art. 16(三))."""
    row = await load(actor, application_id)
    ensure_officer(actor)
    items = await _items_for(row["kind"], data.pending_items)
    fields = await _clock_fields(clock.today())
    workdays = data.deadline_workdays or await rs.value(CONDITIONAL_ACCEPTANCE_WORKDAYS)
    deadline = (await work_calendar()).add_workdays(clock.today(), workdays)
    async with transaction():
        updated = await transition(
            actor,
            row,
            Action.ACCEPT,
            {**fields, "pending_items": list(items), "pending_due": deadline},
            notice=("申请已容缺受理", "请在期限内补齐容缺材料。"),
        )
        await notices.issue(
            actor,
            updated,
            "acceptance",
            {
                **_clock_content(fields),
                "pending": [{"code": c, "name": n} for c, n in items.items()],
                "pending_deadline": deadline.isoformat(),
            },
        )
    return await to_out(await load(actor, application_id))


async def _items_for(kind: str, codes: list[str]) -> dict[str, str]:
    """Checklist items by code, in checklist order; unknown codes are refused."""
    rows = (
        await MatterMaterial.select(MatterMaterial.code, MatterMaterial.name, MatterMaterial.kinds)
        .where((MatterMaterial.matter == MATTER) & MatterMaterial.code.is_in(codes or ["-"]))
        .order_by(MatterMaterial.sort_order)
    )
    known = {r["code"]: r["name"] for r in rows if kind in r["kinds"].split(",")}
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise RuleViolation(f"材料编号不在本事项的材料清单中：{'、'.join(unknown)}", field="items")
    return known


async def request_supplement(
    actor: Actor, application_id: int, data: SupplementIn
) -> ApplicationOut:
    """One notice naming everything missing or defective (一次性告知) with a deadline."""
    row = await load(actor, application_id)
    ensure_officer(actor)
    items = await _items_for(row["kind"], data.items)
    earlier = set(row["supplement_items"]) if row["supplement_items"] else None
    if problem := rules.check_supplement_items(set(items), earlier):
        raise RuleViolation(problem, field="items")
    deadline = (await work_calendar()).add_workdays(clock.today(), data.deadline_workdays)
    async with transaction():
        updated = await transition(
            actor,
            row,
            Action.REQUEST_SUPPLEMENT,
            {
                "supplement_items": row["supplement_items"] or list(items),
                "supplement_deadline": deadline,
                "due_on": deadline,
            },
            notice=("请补正材料", f"申请{row['reference']}需补正材料，期限{deadline}。"),
        )
        await notices.issue(
            actor,
            updated,
            "supplement",
            {
                "items": [
                    {"code": c, "name": n, "problem": data.notes.get(c, "")}
                    for c, n in items.items()
                ],
                "deadline": deadline.isoformat(),
            },
        )
    return await to_out(await load(actor, application_id))


async def reject_intake(actor: Actor, application_id: int, data: RejectIntakeIn) -> ApplicationOut:
    """不予受理 with reasons, and the competent authority where it is not ours."""
    row = await load(actor, application_id)
    ensure_officer(actor)
    async with transaction():
        updated = await transition(
            actor,
            row,
            Action.REJECT_INTAKE,
            {
                "reasons": data.reasons,
                "competent_authority": data.competent_authority,
                "decided_on": clock.today(),
                "due_on": None,
            },
            notice=("申请不予受理", data.reasons),
        )
        await notices.issue(
            actor,
            updated,
            "rejection",
            {
                "reasons": data.reasons,
                "competent_authority": data.competent_authority,
                "rights": APPEAL_RIGHTS,
                "contact": await contact_line(row["division_code"]),
            },
        )
    return await to_out(await load(actor, application_id))


async def deem_overdue_acceptances(on: date) -> list[int]:
    """Applications left without a notice for five working days count as accepted from the
    day they were received (行政许可法 Art. 32). Run daily; safe to run twice or in parallel."""
    cal = await work_calendar()
    rows = await with_licence(
        await Application.select()
        .where((Application.status == Status.SUBMITTED) & of_licensing())
        .output(load_json=True)
    )
    deemed = []
    for row in rows:
        if not rules.is_deemed_accepted(row["received_on"], on, cal):
            continue
        fields = await _clock_fields(row["received_on"])
        async with transaction():
            try:
                updated = await transition(
                    SYSTEM,
                    row,
                    Action.DEEM_ACCEPTED,
                    {**fields, "acceptance_deemed": True},
                    notice=(
                        "申请依法视为受理",
                        f"申请{row['reference']}自收到之日起五个工作日内未获告知，依法视为受理。",
                    ),
                )
            except Conflict:  # another worker got there first
                continue
            await notices.issue(
                SYSTEM,
                updated,
                "acceptance",
                {
                    **_clock_content(fields),
                    "deemed": True,
                },
                on=on,
            )
        deemed.append(row["id"])
    return deemed
