"""Acceptance (受理) of a licence application: the shared intake (``matters.intake``: accept,
容缺受理, one-time 补正 notice, 不予受理, deemed acceptance, 行政许可法 Art. 32) called on rows
loaded with licensing's access check, with licensing's notice numbers (许受…), its licence
facts kept in its own table and its promised-days setting."""

from __future__ import annotations

from datetime import date

from seedreg.accounts.rules import Actor
from seedreg.core import clock
from seedreg.core import rulesettings as rs
from seedreg.core.db import transaction
from seedreg.licensing.common import (
    ensure_officer,
    load,
    to_out,
    work_calendar,
    write_step,
)
from seedreg.licensing.guide import contact_line
from seedreg.licensing.notices import NUMBER_PREFIX
from seedreg.licensing.rule_settings import (
    CONDITIONAL_ACCEPTANCE_WORKDAYS,
    PROMISED_DECISION_WORKDAYS,
)
from seedreg.licensing.schemas import (
    ApplicationOut,
    ConditionalAcceptIn,
    RejectIntakeIn,
    SupplementIn,
)
from seedreg.licensing.states import MATTER
from seedreg.matters import deemed, intake
from seedreg.matters.intake import APPEAL_RIGHTS

HOOKS = intake.Hooks(prefixes=NUMBER_PREFIX, write=write_step)

__all__ = [
    "APPEAL_RIGHTS",
    "accept",
    "conditional_accept",
    "reject_intake",
    "request_supplement",
]


async def _clock_fields(accepted_on: date) -> dict[str, object]:
    promised = await rs.value(PROMISED_DECISION_WORKDAYS)
    return await intake.clock_fields(MATTER, accepted_on, promised)


async def accept(actor: Actor, application_id: int) -> ApplicationOut:
    row = await load(actor, application_id)
    ensure_officer(actor)
    fields = await _clock_fields(clock.today())
    async with transaction():
        await intake.accept(actor, row, HOOKS, fields)
    return await to_out(await load(actor, application_id))


async def conditional_accept(
    actor: Actor, application_id: int, data: ConditionalAcceptIn
) -> ApplicationOut:
    """容缺受理: accept now, with non-essential items to follow by a stored deadline (the local
    setting's working days unless the officer gives others; 兴署发〔2021〕5号 Art. 16(三))."""
    row = await load(actor, application_id)
    ensure_officer(actor)
    items = await intake.checklist_items(MATTER, row["kind"], data.pending_items)
    fields = await _clock_fields(clock.today())
    workdays = data.deadline_workdays or await rs.value(CONDITIONAL_ACCEPTANCE_WORKDAYS)
    deadline = (await work_calendar()).add_workdays(clock.today(), workdays)
    async with transaction():
        await intake.accept(actor, row, HOOKS, fields, pending=items, pending_due=deadline)
    return await to_out(await load(actor, application_id))


async def request_supplement(
    actor: Actor, application_id: int, data: SupplementIn
) -> ApplicationOut:
    """One notice naming everything missing or defective (一次性告知) with a deadline."""
    row = await load(actor, application_id)
    ensure_officer(actor)
    async with transaction():
        await intake.request_supplement(
            actor,
            row,
            HOOKS,
            items=data.items,
            notes=data.notes,
            deadline_workdays=data.deadline_workdays,
        )
    return await to_out(await load(actor, application_id))


async def reject_intake(actor: Actor, application_id: int, data: RejectIntakeIn) -> ApplicationOut:
    """不予受理 with reasons, and the competent authority where it is not ours."""
    row = await load(actor, application_id)
    ensure_officer(actor)
    async with transaction():
        await intake.reject_intake(
            actor,
            row,
            HOOKS,
            reasons=data.reasons,
            competent_authority=data.competent_authority,
            contact=await contact_line(row["division_code"]),
        )
    return await to_out(await load(actor, application_id))


# Deemed acceptance (Art. 32) is the matters' daily job over every licence in the catalogue.
deemed.register(MATTER, HOOKS)
