"""What a lot can still be sent under: checked when the operator submits a 调运检疫报检
(issue 17), before anyone acts on it. The same limits hold again, under lock, when the
certificate is issued (``services``, ``draws``): two requests may both pass here and only one
of them get the last quantity there.

Per lot: the quantity on certificates not revoked plus this request within the lot's quantity
(``rules.quantity_problems``); and where a valid 产地检疫合格证 covers the lot — the consignment
is then exchanged from it without re-inspection (facts §5.2) — within what that certificate has
not yet given out (植物检疫条例 Art. 8: the certificate travels with the goods it names)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from seedreg.lots.rules import Material, to_base_units
from seedreg.lots.tables import Lot
from seedreg.quarantine import rules
from seedreg.quarantine.rules import CertificateState, LotFacts
from seedreg.quarantine.tables import ConsignmentItem, SiteQuarantineLot


async def certified(lot_ids: list[int]) -> dict[int, int]:
    """Per lot, the quantity on certificates not revoked. Expired ones count: the goods
    travelled under them (revoke an unused one to release its quantity)."""
    rows = await ConsignmentItem.select(ConsignmentItem.lot, ConsignmentItem.quantity).where(
        ConsignmentItem.lot.is_in(lot_ids),
        ConsignmentItem.certificate.status == CertificateState.VALID,
    )
    totals: dict[int, int] = {}
    for r in rows:
        totals[r["lot"]] = totals.get(r["lot"], 0) + r["quantity"]
    return totals


async def _site_left(lot: LotFacts, on: date) -> tuple[str, int] | None:
    """The valid 产地检疫合格证 an exchange would use for the lot (the one valid longest, as
    ``records.current_certificate_for_lot`` picks it) and what it has not given out."""
    row = await (
        SiteQuarantineLot.select(
            SiteQuarantineLot.consigned,
            SiteQuarantineLot.certificate.number.as_alias("number"),
        )
        .where(
            (SiteQuarantineLot.lot == lot.id)
            & (SiteQuarantineLot.certificate.status == CertificateState.VALID)
            & (SiteQuarantineLot.certificate.issued_on <= on)
            & (SiteQuarantineLot.certificate.valid_to >= on)
        )
        .order_by(SiteQuarantineLot.certificate.valid_to, ascending=False)
        .first()
    )
    if row is None:
        return None
    return row["number"], max(lot.quantity - row["consigned"], 0)


async def request_problems(
    items: Iterable[tuple[int, Decimal | int | float | str]], on: date
) -> list[str]:
    """Every reason the (lot id, quantity as entered: kg or 株) of a 报检 cannot be sent, each
    naming its lot; empty when all fit. Unknown lots are the lot checks' business."""
    items = list(items)
    ids = sorted({lot_id for lot_id, _ in items})
    rows = {r["id"]: r for r in await Lot.select().where(Lot.id.is_in(ids))} if ids else {}
    wanted: dict[int, int] = {}
    problems: list[str] = []
    facts = {
        i: LotFacts(
            id=i,
            number=r["number"],
            organisation=r["organisation"],
            status=r["status"],
            material=r["material"],
            quantity=r["quantity"],
        )
        for i, r in rows.items()
    }
    for lot_id, amount in items:
        if lot_id not in facts:
            continue
        try:
            quantity = to_base_units(Material(facts[lot_id].material), amount)
        except ValueError as exc:
            problems.append(f"批次 {facts[lot_id].number}：{exc}")
            continue
        wanted[lot_id] = wanted.get(lot_id, 0) + quantity
    problems += rules.quantity_problems(wanted.items(), facts, await certified(list(wanted)))
    for lot_id, quantity in wanted.items():
        lot = facts[lot_id]
        site = await _site_left(lot, on)
        if site is not None and quantity > site[1]:
            number, left = site
            problems.append(
                f"批次 {lot.number} 的产地检疫合格证 {number} 只剩 "
                f"{rules.show(lot.material, left)} 可换发，本次报检 "
                f"{rules.show(lot.material, quantity)}"
            )
    return problems
