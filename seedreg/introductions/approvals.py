"""The approval record of an introduction (准予引种): what it covers and how much is left, and
the draw-down by lots and inbound consignments. The quantity left is lowered only by one
conditional UPDATE (``remaining >= quantity`` and inside the period), so concurrent draws can
never take more than the approval allows (issue 16: exceeding it, or using it after its period,
is refused with the reason)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from seedreg.accounts.rules import Actor, Role
from seedreg.core import clock
from seedreg.core.audit import services as audit
from seedreg.core.db import transaction
from seedreg.core.errors import NotFound, RuleViolation
from seedreg.introductions import scope_rules
from seedreg.introductions.application_rules import may_see
from seedreg.introductions.schemas import ApprovalOut, DrawIn, DrawOut
from seedreg.introductions.scope_rules import GRAMS_PER_KG, Draw, Scope, Unit
from seedreg.introductions.tables import IntroductionApproval, IntroductionDraw
from seedreg.reference import rules as divisions

SUBJECT = "introduction_approval"
NOT_FOUND = "未找到该引种批准"


def to_stored(quantity: Decimal, unit: Unit) -> int:
    """Grams for seed (kg × 1000), 株 for seedlings: how the column keeps it."""
    return int(quantity * GRAMS_PER_KG) if unit is Unit.KG else int(quantity)


def from_stored(stored: int, unit: str) -> Decimal:
    if Unit(unit) is Unit.KG:
        return (Decimal(stored) / GRAMS_PER_KG).normalize()
    return Decimal(stored)


def scope_of(row: dict[str, Any]) -> Scope:
    unit = Unit(row["unit"])
    return Scope(
        variety=row["variety"],
        origin_code=row["origin_code"],
        supplier=row["supplier"],
        max_quantity=from_stored(row["max_stored"], unit),
        unit=unit,
        valid_from=row["valid_from"],
        valid_to=row["valid_to"],
        site_codes=tuple(row["site_codes"] or ()),
    )


def approval_out(row: dict[str, Any]) -> ApprovalOut:
    return ApprovalOut(
        id=row["id"],
        number=row["number"],
        decided_by=row["decided_by"],
        decided_on=row["decided_on"],
        species=row["species"],
        variety=row["variety"],
        origin_code=row["origin_code"],
        supplier=row["supplier"],
        unit=Unit(row["unit"]),
        max_quantity=from_stored(row["max_stored"], row["unit"]),
        remaining=from_stored(row["remaining_stored"], row["unit"]),
        valid_from=row["valid_from"],
        valid_to=row["valid_to"],
        site_codes=list(row["site_codes"] or []),
        conditions=row["conditions"],
    )


async def record(actor: audit.ActorLike, values: dict[str, Any]) -> dict[str, Any]:
    """A new approval with its whole quantity left. Call inside the decision's transaction."""
    row = IntroductionApproval(
        **values, remaining_stored=values["max_stored"], created_at=clock.now()
    )
    await row.save()
    await audit.record(
        actor,
        "introduction_approval:create",
        SUBJECT,
        row.id,
        after={"number": values["number"], "application": values["application"]},
    )
    return row.to_dict()


async def for_application(application_id: int) -> dict[str, Any] | None:
    return await (
        IntroductionApproval.select()
        .where(IntroductionApproval.application == application_id)
        .first()
        .output(load_json=True)
    )


async def _visible(actor: Actor, row: dict[str, Any] | None) -> dict[str, Any]:
    if row is None or not may_see(
        actor,
        organisation_id=row["organisation"],
        handling_division=divisions.LEAGUE_CODE,
        site_codes=tuple(row["site_codes"] or ()),
    ):
        raise NotFound(NOT_FOUND)
    return row


async def by_number(actor: Actor, number: str) -> dict[str, Any]:
    """The approval with this number, if the actor may see it (the lot form cites it)."""
    row = await (
        IntroductionApproval.select()
        .where(IntroductionApproval.number == "".join(number.split()))
        .first()
        .output(load_json=True)
    )
    return await _visible(actor, row)


async def get(actor: Actor, approval_id: int) -> ApprovalOut:
    row = await (
        IntroductionApproval.select()
        .where(IntroductionApproval.id == approval_id)
        .first()
        .output(load_json=True)
    )
    return approval_out(await _visible(actor, row))


def _refusal(row: dict[str, Any], draw: Draw) -> RuleViolation | None:
    drawn = from_stored(row["max_stored"] - row["remaining_stored"], row["unit"])
    decision = scope_rules.check_draw(scope_of(row), draw, drawn)
    if decision.allowed:
        return None
    return RuleViolation("不能使用该引种批准：" + "；".join(decision.reasons), field="quantity")


async def draw(actor: Actor, approval_id: int, data: DrawIn, on: date | None = None) -> DrawOut:
    """Take ``data.quantity`` off the approval, or refuse with every reason it does not fit.
    The holder draws for its own lots and consignments; the league's officers record them."""
    day = on or clock.today()
    row = await (
        IntroductionApproval.select()
        .where(IntroductionApproval.id == approval_id)
        .first()
        .output(load_json=True)
    )
    row = await _visible(actor, row)
    if actor.role is not Role.OPERATOR and not actor.is_official:
        raise NotFound(NOT_FOUND)
    proposed = Draw(
        quantity=data.quantity,
        unit=data.unit,
        on=day,
        site_code=data.site_code,
        variety=data.variety,
        origin_code=data.origin_code,
        supplier=data.supplier,
    )
    if refusal := _refusal(row, proposed):
        raise refusal
    stored = to_stored(data.quantity, data.unit)
    async with transaction():
        taken = await (
            IntroductionApproval.update(
                {
                    IntroductionApproval.remaining_stored: IntroductionApproval.remaining_stored
                    - stored
                }
            )
            .where(
                (IntroductionApproval.id == approval_id)
                & (IntroductionApproval.remaining_stored >= stored)
                & (IntroductionApproval.valid_from <= day)
                & (IntroductionApproval.valid_to >= day)
            )
            .returning(IntroductionApproval.remaining_stored)
        )
        if not taken:
            fresh = (
                await IntroductionApproval.select()
                .where(IntroductionApproval.id == approval_id)
                .first()
                .output(load_json=True)
            )
            raise _refusal(fresh or row, proposed) or RuleViolation(
                "该引种批准已被他人使用，请刷新"
            )
        await IntroductionDraw.insert(
            IntroductionDraw(
                approval=approval_id,
                source=data.source,
                reference=data.reference,
                quantity_stored=stored,
                site_code=data.site_code,
                drawn_on=day,
                drawn_by=actor.user_id,
                created_at=clock.now(),
            )
        )
        await audit.record(
            actor,
            "introduction_approval:draw",
            SUBJECT,
            approval_id,
            after={
                "quantity": str(data.quantity),
                "source": data.source,
                "reference": data.reference,
            },
        )
    remaining = from_stored(taken[0]["remaining_stored"], row["unit"])
    return DrawOut(
        approval_id=approval_id, quantity=data.quantity, unit=data.unit, remaining=remaining
    )
