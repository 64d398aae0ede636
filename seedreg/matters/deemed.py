"""Deemed acceptance for every administrative licence in the catalogue (行政许可法第三十二条:
an application not told within five working days whether it is accepted counts as accepted on
the day it was received; 兴署发〔2021〕5号第十六条). One daily job over every matter the catalogue
types as an approval (审批) whose flow has the system's ``deem_accepted`` step — licensing and
introductions now, and whatever joins them — with the notice, audit and message of the shared
intake. A matter registers the hooks its intake uses, and may say which of its applications are
not licences (an introduction its league step made a 备案 is recorded, not accepted).
Idempotent: every worker may run it; the guarded transition decides who wins."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from seedreg.core import calendar
from seedreg.core.db import transaction
from seedreg.core.errors import Conflict
from seedreg.matters import catalogue, clocks, intake, rules
from seedreg.matters.tables import Application, Matter

ACTION = "deem_accepted"
SUBMITTED = "submitted"  # the flows' state waiting for acceptance (Clock.INTAKE)

Applies = Callable[[Mapping[str, Any]], bool]


@dataclass(frozen=True)
class Registered:
    hooks: intake.Hooks
    applies: Applies | None = None


_REGISTRY: dict[str, Registered] = {}


def register(matter: str, hooks: intake.Hooks, applies: Applies | None = None) -> None:
    """The matter's intake hooks (its notice numbers, its writer); ``applies`` leaves out the
    applications that are not licences. Registering again replaces."""
    _REGISTRY[matter] = Registered(hooks, applies)


def deemable(matter: str) -> bool:
    """Whether the matter's table lets the system deem an application accepted."""
    return (SUBMITTED, ACTION) in rules.flow(matter).steps


async def licence_matters() -> list[dict[str, Any]]:
    """The catalogue's administrative licences (审批) the job covers: registered, with the step."""
    rows = await Matter.select().where(Matter.league_step == rules.LeagueStep.APPROVAL)
    return [r for r in rows if r["code"] in _REGISTRY and deemable(r["code"])]


async def deem_overdue_acceptances(on: date) -> list[int]:
    """Deem accepted, from the day received, every waiting application of a licence matter
    left five working days without a notice; returns the ids this call deemed."""
    cal = await calendar.work_calendar()
    deemed: list[int] = []
    for matter in await licence_matters():
        code, entry = matter["code"], _REGISTRY[matter["code"]]
        limit, _extension = await catalogue.decision_limits(code)
        promised = await catalogue.effective_promised_days(matter) or limit
        rows = (
            await Application.select()
            .where((Application.matter == code) & (Application.status == SUBMITTED))
            .order_by(Application.id)
            .output(load_json=True)
        )
        for row in rows:
            if not row["received_on"] or not clocks.is_deemed_accepted(row["received_on"], on, cal):
                continue
            if entry.applies is not None and not entry.applies(row):
                continue
            fields = await intake.clock_fields(code, row["received_on"], promised)
            async with transaction():
                try:
                    await intake.deem_accepted(dict(row), entry.hooks, fields, on)
                except Conflict:  # another worker got there first
                    continue
            deemed.append(row["id"])
    return deemed
