"""What a 产地检疫合格证 still covers: each exchange draws its quantities from the certificate's
lots by one conditional UPDATE per lot (the count rises only while it stays within the lot's
quantity), so two exchanges for the last quantity cannot both succeed on either engine, whatever
the locks (植物检疫条例 Art. 8: the certificate travels with the goods it names; facts §5.2: a
valid 产地检疫合格证 is exchanged, not re-inspected)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from seedreg.core.db import fetch
from seedreg.core.errors import RuleViolation
from seedreg.quarantine import rules

DRAW = (
    "UPDATE site_quarantine_lot SET consigned = consigned + {} "
    "WHERE certificate = {} AND lot = {} AND consigned + {} <= {} RETURNING id"
)


async def draw_from_site(
    site_id: int, wanted: Iterable[tuple[int, int]], lots: dict[int, dict[str, Any]]
) -> None:
    """Draw (lot id, quantity) from the site certificate's lots, inside the caller's
    transaction; RuleViolation (and so no certificate) when a lot has less left."""
    for lot_id, quantity in wanted:
        lot = lots[lot_id]
        done = await fetch(DRAW, quantity, site_id, lot_id, quantity, lot["quantity"])
        if not done:
            left = await fetch(
                "SELECT consigned FROM site_quarantine_lot WHERE certificate = {} AND lot = {}",
                site_id,
                lot_id,
            )
            drawn = left[0]["consigned"] if left else 0
            shown = rules.show(lot["material"], max(lot["quantity"] - drawn, 0))
            raise RuleViolation(
                f"批次 {lot['number']} 的产地检疫合格证只剩 {shown} 可换发", field="items"
            )


async def release(certificate_id: int) -> None:
    """A revoked exchanged certificate gives its quantities back to the site certificate."""
    await fetch(
        "UPDATE site_quarantine_lot SET consigned = consigned - ("
        " SELECT COALESCE(SUM(i.quantity), 0) FROM consignment_item i"
        " WHERE i.certificate = {} AND i.lot = site_quarantine_lot.lot)"
        " WHERE certificate = (SELECT exchanged_from FROM quarantine_certificate WHERE id = {})",
        certificate_id,
        certificate_id,
    )
