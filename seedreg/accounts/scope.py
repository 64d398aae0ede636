"""Jurisdiction as a query condition, written once for every list an official sees."""

from __future__ import annotations

from typing import Any

from seedreg.accounts.rules import Actor, jurisdiction_bounds


def in_jurisdiction(column: Any, actor: Actor) -> Any:
    """``column`` (a division code) within the actor's jurisdiction; a range, not LIKE, so
    both engines can use an index."""
    bounds = jurisdiction_bounds(actor)
    if bounds is None:
        return column == "------"  # no jurisdiction: nothing
    low, high = bounds
    return (column >= low) & (column < high)
