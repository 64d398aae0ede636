"""The daily gathering of leads from every source (idempotent: each lead's source key is
unique, so a second run, or two processes at once, add nothing)."""

from __future__ import annotations

from datetime import date

from seedreg.leads import services
from seedreg.leads.rules import LeadKind
from seedreg.leads.sources import GATHERERS


async def gather(on: date, kinds: tuple[LeadKind, ...] = tuple(LeadKind)) -> dict[str, int]:
    """New leads per kind."""
    added: dict[str, int] = {}
    for kind in kinds:
        found = await GATHERERS[kind](on)
        added[kind.value] = sum([await services.receive(lead) for lead in found])
    return added


async def run(on: date) -> int:
    return sum((await gather(on)).values())
