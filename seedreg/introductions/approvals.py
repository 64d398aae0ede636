"""The approval record of an introduction (准予引种): what it covers and how much is left, and
the draw-down by lots and inbound consignments. The quantity left is lowered only by one
conditional UPDATE (``remaining >= quantity`` and inside the period), so concurrent draws can
never take more than the approval allows (issue 16: exceeding it, or using it after its period,
is refused with the reason)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from seedreg.accounts.rules import Actor
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


async def find(number: str) -> dict[str, Any] | None:
    """The approval under ``number`` for another package's check (afforestation's delivery
    check reads what a lot cites); no access check: the caller shows only the match."""
    return await IntroductionApproval.select().where(IntroductionApproval.number == number).first()


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


async def take(actor: Actor, row: dict[str, Any], data: DrawIn, day: date) -> Decimal:
    """Take ``data`` off the approval ``row`` inside the caller's transaction (a lot takes it
    in the lot's own): refused with every reason it does not fit; what is left after it."""
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
    taken = await (
        IntroductionApproval.update(
            {IntroductionApproval.remaining_stored: IntroductionApproval.remaining_stored - stored}
        )
        .where(
            (IntroductionApproval.id == row["id"])
            & (IntroductionApproval.remaining_stored >= stored)
            & (IntroductionApproval.valid_from <= day)
            & (IntroductionApproval.valid_to >= day)
        )
        .returning(IntroductionApproval.remaining_stored)
    )
    if not taken:  # another draw got there first: say what is left now
        fresh = await (
            IntroductionApproval.select()
            .where(IntroductionApproval.id == row["id"])
            .first()
            .output(load_json=True)
        )
        raise _refusal(fresh or row, proposed) or RuleViolation("该引种批准已被使用，请刷新")
    await IntroductionDraw.insert(
        IntroductionDraw(
            approval=row["id"],
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
        row["id"],
        after={"quantity": str(data.quantity), "source": data.source, "reference": data.reference},
    )
    return from_stored(taken[0]["remaining_stored"], row["unit"])


async def draw(actor: Actor, approval_id: int, data: DrawIn, on: date | None = None) -> DrawOut:
    """Take ``data.quantity`` off the approval, or refuse with every reason it does not fit.
    The holder draws for its own lots and consignments; officials who see it record them."""
    row = await (
        IntroductionApproval.select()
        .where(IntroductionApproval.id == approval_id)
        .first()
        .output(load_json=True)
    )
    row = await _visible(actor, row)
    async with transaction():
        remaining = await take(actor, row, data, on or clock.today())
    return DrawOut(
        approval_id=approval_id, quantity=data.quantity, unit=data.unit, remaining=remaining
    )


async def draw_for_lot(
    actor: Actor,
    number: str,
    *,
    species: str,
    variety: str,
    quantity: Decimal,
    unit: Unit,
    site_code: str,
    reference: str,
    on: date,
) -> str:
    """A lot from outside the league cites its approval (issue 16): the approval must be the
    holder's, for the lot's species, and have room; the lot's quantity is taken from it in the
    lot's transaction. The approval's number as stored (the label prints it)."""
    try:
        row = await by_number(actor, number)
    except NotFound:
        raise RuleViolation(
            f"引种批准文号“{number}”不存在或不属于本单位", field="introduction_number"
        ) from None
    if row["organisation"] != actor.organisation_id:
        raise RuleViolation(f"引种批准文号“{number}”不属于本单位", field="introduction_number")
    if row["species"] != species:
        raise RuleViolation(
            f"引种批准的树种是{row['species']}，不是{species}", field="introduction_number"
        )
    data = DrawIn(
        quantity=quantity,
        unit=unit,
        site_code=site_code,
        variety=variety or row["variety"],
        origin_code=row["origin_code"],
        source="lot",
        reference=reference,
    )
    try:
        await take(actor, row, data, on)
    except RuleViolation as exc:
        raise RuleViolation(exc.message, field="introduction_number") from None
    return str(row["number"])
