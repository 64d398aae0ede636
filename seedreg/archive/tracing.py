"""Tracing a label to the sale it was recorded in (an official scans a label in the field or
at a planting site and finds the seller's sale, 种子法第三十六条: traceable archives)."""

from __future__ import annotations

from seedreg.accounts.rules import Actor
from seedreg.archive import rules
from seedreg.archive.schemas import TraceOut
from seedreg.archive.services import entry_outs
from seedreg.archive.tables import ArchiveEntry, ArchiveSaleLabel
from seedreg.labels.serials import normalise_serial
from seedreg.organisations.tables import Organisation


async def trace(actor: Actor, serial: str) -> TraceOut:
    """The sale a label was recorded in: officials (and the seller) see the buyer."""
    typed = normalise_serial(serial)
    row = (
        await ArchiveSaleLabel.select(ArchiveSaleLabel.entry)
        .where(ArchiveSaleLabel.serial == typed)
        .first()
    )
    if row is None:
        return TraceOut(serial=typed, found=False)
    entry = (
        await ArchiveEntry.select()
        .where(ArchiveEntry.id == row["entry"])
        .first()
        .output(load_json=True)
    )
    assert entry is not None  # the foreign key
    out = (await entry_outs(actor, [entry]))[0]
    org = (
        await Organisation.select(Organisation.name)
        .where(Organisation.id == entry["organisation"])
        .first()
    )
    visible = rules.may_see(actor, entry["organisation"], entry["division_code"])
    return TraceOut(
        serial=typed,
        found=True,
        entry_id=out.id if visible else None,
        seller=org["name"] if org else "",
        lot_number=out.lot_number,
        sold_on=out.occurred_on,
        quantity_text=out.quantity_text,
        counterparty=out.details.get("counterparty", "") if visible else "",
        destination=out.details.get("destination", "") if visible else "",
        buyer_hidden=out.buyer_hidden or not visible,
    )
