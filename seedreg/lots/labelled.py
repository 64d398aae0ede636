"""A lot's labelled quantity (标签已用数量): labels issue and void, lots owns the lot row, so
labels call these inside their own transaction."""

from __future__ import annotations

from seedreg.core import clock
from seedreg.core.db import fetch
from seedreg.lots.rules import LotStatus


async def add_labelled(lot_id: int, total: int) -> bool:
    """Add ``total`` to an active lot's labelled quantity if it still fits; False if not.

    One conditional UPDATE that re-checks the row itself, so concurrent issues never label
    more than the lot holds (both engines). Call inside the caller's transaction."""
    rows = await fetch(
        "UPDATE lot SET labelled_quantity = labelled_quantity + {}, updated_at = {} "
        "WHERE id = {} AND status = {} AND labelled_quantity + {} <= quantity "
        "RETURNING labelled_quantity",
        total,
        clock.now(),
        lot_id,
        LotStatus.ACTIVE.value,
        total,
    )
    return bool(rows)


async def labelled_left(lot_id: int) -> int:
    """What the lot can still put on labels (base units)."""
    rows = await fetch("SELECT quantity, labelled_quantity FROM lot WHERE id = {}", lot_id)
    return max(rows[0]["quantity"] - rows[0]["labelled_quantity"], 0)


async def release_labelled(lot_id: int, quantity: int) -> None:
    """A voided label's quantity goes back to the lot (never below zero: a recall already
    zeroed it). Call inside the caller's transaction."""
    await fetch(
        "UPDATE lot SET labelled_quantity = labelled_quantity - {}, updated_at = {} "
        "WHERE id = {} AND labelled_quantity >= {}",
        quantity,
        clock.now(),
        lot_id,
        quantity,
    )
