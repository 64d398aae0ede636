"""Licensing's decision hooks (``matters.decisions``), run inside the decision's transaction:
a grant puts the licence on the register — issued, renewed, changed or cancelled (种子法
Arts. 31–33; 行政许可法 Arts. 49, 50, 70) — and the decision notice states it as granted; a
refusal changes nothing of licensing's. 良种 licences and the region's own are decided by the
region (种子法 Art. 31 ¶2): the bureau reviews and forwards (``region_decides``).

Imported by ``licensing.review`` and ``licensing.forwarding`` (and so by the app); ``register``
is idempotent."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from seedreg.core.audit.services import ActorLike
from seedreg.licensing import licences
from seedreg.licensing.common import region_decides
from seedreg.licensing.rules import ApplicationKind
from seedreg.licensing.schemas import RegionGrantIn
from seedreg.licensing.states import MATTER
from seedreg.matters import decisions
from seedreg.matters.decisions import Decision, Effect, Outcome
from seedreg.matters.forwarding import REGION_AUTHORITY


async def _licence_effect(licence_id: int, decision: Decision, message: str) -> Effect:
    # the decision states the licence as granted; a later renewal must not rewrite it
    granted = await licences.terms(licence_id)
    return Effect(
        changes={"licence": licence_id, "renewal_deemed": decision.deemed},
        notice={"licence_id": licence_id, **granted},
        message=message.format(**granted),
    )


async def on_grant(actor: ActorLike, decision: Decision) -> Effect:
    """The licence as granted here on the decision's day, or as the region's decision states it
    (its number, validity; ``recorded_only``)."""
    row: dict[str, Any] = dict(decision.application)
    kind = ApplicationKind(row["kind"])
    if decision.region is None:
        licence_id = await licences.apply_grant(actor, row, kind, on=decision.on)
        return await _licence_effect(
            licence_id, decision, f"申请{row['reference']}已准予{kind.label}。"
        )
    data = RegionGrantIn.model_validate(
        {"decided_on": decision.region.decided_on, **decision.region.facts}
    )
    licence_id = await licences.apply_region_grant(actor, row, kind, data)
    return await _licence_effect(
        licence_id,
        decision,
        f"{REGION_AUTHORITY}已准予{kind.label}（申请{row['reference']}），许可证号{{licence_number}}。",
    )


async def _region_decides(row: Mapping[str, Any]) -> bool:
    return await region_decides(dict(row))


decisions.register(MATTER, Outcome.GRANT, on_grant)
decisions.forwards(MATTER, _region_decides)
