"""Two-stage handling of what the region issues (林木良种, 种子法 Art. 31 ¶2): the shared
forwarding (``matters.forwarding``: 审核 here, forwarded with the opinion, the region's 20 + 10
working days of 令第40号 Art. 12, its decision recorded as it wrote it) called on rows loaded with
licensing's access check; the region's grant goes on the register through licensing's grant hook
(``licensing.decisions``: the licence as the region issued it, ``recorded_only``)."""

from __future__ import annotations

from typing import Any

from seedreg.accounts.rules import Actor
from seedreg.licensing import decisions as _hooks  # noqa: F401  (registers licensing's hooks)
from seedreg.licensing.common import ensure_officer, load, to_out
from seedreg.licensing.intake import HOOKS
from seedreg.licensing.schemas import (
    ApplicationOut,
    ForwardIn,
    ReasonIn,
    RegionDecisionIn,
    RegionGrantIn,
    RegionRefusalIn,
)
from seedreg.matters import forwarding
from seedreg.matters.decisions import Outcome, RegionDecision
from seedreg.matters.forwarding import REGION_AUTHORITY

__all__ = [
    "REGION_AUTHORITY",
    "extend_issuing",
    "forward",
    "record_region_grant",
    "record_region_refusal",
]


async def _officer_row(actor: Actor, application_id: int) -> dict[str, Any]:
    row = await load(actor, application_id)
    ensure_officer(actor)
    return row


async def forward(actor: Actor, application_id: int, data: ForwardIn) -> ApplicationOut:
    """审核 done: send the review file and opinion to the region; its 核发 clock starts today."""
    row = await _officer_row(actor, application_id)
    await forwarding.forward(actor, row, HOOKS, opinion=data.opinion)
    return await to_out(await load(actor, application_id))


async def extend_issuing(actor: Actor, application_id: int, data: ReasonIn) -> ApplicationOut:
    """Record that the region extended its 核发 period by ten working days, once."""
    row = await _officer_row(actor, application_id)
    await forwarding.extend_issuing(actor, row, HOOKS, reasons=data.reasons)
    return await to_out(await load(actor, application_id))


def _region(data: RegionDecisionIn, outcome: Outcome, **facts: Any) -> RegionDecision:
    return RegionDecision(
        decided_on=data.decided_on,
        outcome=outcome,
        number=data.decision_number,
        reasons=getattr(data, "reasons", ""),
        facts={k: v for k, v in facts.items() if v is not None},
    )


async def record_region_grant(
    actor: Actor, application_id: int, data: RegionGrantIn
) -> ApplicationOut:
    """The region granted: the licence goes on the register as the region issued it (its
    number), or the region's renewal, change or cancellation is applied."""
    row = await _officer_row(actor, application_id)
    facts = {"number": data.number, "valid_from": data.valid_from, "valid_to": data.valid_to}
    region = _region(data, Outcome.GRANT, **facts)
    await forwarding.record_region_decision(actor, row, HOOKS, region)
    return await to_out(await load(actor, application_id))


async def record_region_refusal(
    actor: Actor, application_id: int, data: RegionRefusalIn
) -> ApplicationOut:
    """The region refused: its reasons are recorded as it wrote them."""
    row = await _officer_row(actor, application_id)
    await forwarding.record_region_decision(actor, row, HOOKS, _region(data, Outcome.REFUSE))
    return await to_out(await load(actor, application_id))
