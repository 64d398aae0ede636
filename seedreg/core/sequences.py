"""Gap-free number sequences kept in the database, safe across worker processes."""

from __future__ import annotations

from seedreg.core.db import fetch


async def next_value(name: str) -> int:
    """Increment and return the counter ``name``; call inside the transaction that uses it.

    The UPDATE locks the row until commit, so concurrent callers queue and numbers stay
    consecutive; a rolled-back caller gives its number back.
    """
    await fetch(
        "INSERT INTO number_sequence (name, value) VALUES ({}, 0) ON CONFLICT (name) DO NOTHING",
        name,
    )
    rows = await fetch(
        "UPDATE number_sequence SET value = value + 1 WHERE name = {} RETURNING value", name
    )
    return int(rows[0]["value"])


async def claim(name: str) -> bool:
    """True for the first caller ever to claim ``name``, False for every later one: a one-off
    event (a yearly reminder) keyed like a sequence. Call inside the transaction that does it;
    a rolled-back caller leaves the claim free."""
    rows = await fetch(
        "INSERT INTO number_sequence (name, value) VALUES ({}, 1) "
        "ON CONFLICT (name) DO NOTHING RETURNING value",
        name,
    )
    return bool(rows)


async def reserve(name: str, value: int) -> None:
    """Make ``value`` (and every number below it) taken in the counter ``name``: numbers issued
    before the system (kept as printed) must never be handed out again. The counter never goes
    down. Call inside the transaction that records the reserved number."""
    await fetch(
        "INSERT INTO number_sequence (name, value) VALUES ({}, {}) ON CONFLICT (name) DO UPDATE "
        "SET value = CASE WHEN number_sequence.value < {} THEN {} ELSE number_sequence.value END",
        name,
        value,
        value,
        value,
    )
