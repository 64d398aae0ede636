"""The scan log and clone detection.

Every public look-up is appended to an in-memory buffer (the hot path does nothing else) and a
background task started with the app writes the buffer in batches, at least every
``scan_flush_seconds`` or as soon as ``scan_flush_batch`` scans wait, and once more on shutdown.
The client address is never stored: only a keyed hash and a coarse network prefix.
After each write the serials just scanned are checked for signs of copying (rules.clone_signs),
and a CloneFlag goes to the 种苗站 of the lot's division.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import itertools
import logging
import time
from datetime import datetime, timedelta
from functools import cache, lru_cache
from typing import Any, NamedTuple

from seedreg.core import clock
from seedreg.core.db import fetch, transaction
from seedreg.labels import fastdb, fastsql, rules
from seedreg.settings import Settings, get_settings

log = logging.getLogger("seedreg.labels.scans")
MAX_SERIALS_PER_CHECK = 500
CHECK_EVERY_SECONDS = 2.0  # clone checks read the window's scans: not on every flush
MAX_BUFFERED = 100_000
# Serials waiting for a clone check, oldest first. Under a sustained flood of distinct serials
# the checks (500 every 2 s) fall behind; the oldest waiting serials are then dropped rather
# than let the backlog grow without end. A copied label is scanned again and comes back.
MAX_PENDING = 50_000


class Scan(NamedTuple):  # a tuple: made on every look-up, so as cheap as Python allows
    serial: str
    label_id: int | None
    lot_id: int | None
    client: str  # the address, in memory only until the flush
    at: datetime
    outcome: str
    latitude: float | None
    longitude: float | None


class _Buffer:
    def __init__(self) -> None:
        self.items: list[Scan] = []
        self.wake: asyncio.Event | None = None
        self.pending: dict[str, None] = {}  # serials scanned since their last clone check
        self.located: set[str] = set()  # those of them scanned with a shared position
        self.checked_at = 0.0
        self.dropped, self.warned_at = 0, -60.0  # serials dropped unchecked since the warning
        self.lots_checked: dict[int, float] = {}  # lot id: when its scans were last counted


_buffer = _Buffer()


def record(
    serial: str,
    label_id: int | None,
    lot_id: int | None,
    client: str,
    at: datetime,
    outcome: str,
    latitude: float | None = None,
    longitude: float | None = None,
) -> None:
    """Queue one scan; the flusher writes it. Without a flusher (or with the database gone)
    the buffer stops growing at MAX_BUFFERED scans: the log is a signal, not a ledger."""
    if len(_buffer.items) >= MAX_BUFFERED:
        return
    _buffer.items.append(
        Scan(serial[:24], label_id, lot_id, client, at, outcome, latitude, longitude)
    )
    if _buffer.wake is not None and len(_buffer.items) >= get_settings().scan_flush_batch:
        _buffer.wake.set()


@cache
def _hash_key() -> bytes:
    return hashlib.sha256(b"label-scan:" + get_settings().signing_key().encode()).digest()


@lru_cache(maxsize=65_536)
def client_hash(address: str) -> str:
    """A keyed hash of the address: the same client is recognisable, the address is not."""
    return hmac.new(_hash_key(), address.encode(), hashlib.sha256).hexdigest()[:16]


async def flush() -> int:
    """Write the buffered scans, then check the serials for clone signs; returns rows written."""
    items, _buffer.items = _buffer.items, []
    if items:
        await _write(items)
        _wait_for_check(items)
    if _buffer.pending and time.monotonic() - _buffer.checked_at >= CHECK_EVERY_SECONDS:
        serials = list(itertools.islice(_buffer.pending, MAX_SERIALS_PER_CHECK))
        located = _buffer.located.intersection(serials)
        for serial in serials:
            del _buffer.pending[serial]
        _buffer.located.difference_update(located)
        _buffer.checked_at = time.monotonic()
        await check_serials(serials, located)
    return len(items)


def _wait_for_check(items: list[Scan]) -> None:
    """Queue the scanned serials for a clone check (oldest first, at most MAX_PENDING)."""
    pending = _buffer.pending
    for scan in items:
        if scan.label_id is not None:
            pending[scan.serial] = None
            if scan.latitude is not None:
                _buffer.located.add(scan.serial)
    excess = len(pending) - MAX_PENDING
    if excess > 0:
        dropped = list(itertools.islice(pending, excess))
        for serial in dropped:
            del pending[serial]
        _buffer.located.difference_update(dropped)
        _buffer.dropped += excess
        if time.monotonic() - _buffer.warned_at >= 60:  # a flood must not flood the log too
            log.warning("clone checks behind: %d scanned serials dropped", _buffer.dropped)
            _buffer.warned_at, _buffer.dropped = time.monotonic(), 0


async def _write(items: list[Scan]) -> None:
    rows = [
        (
            s.serial,
            s.label_id,
            s.lot_id,
            s.at,
            client_hash(s.client),
            rules.network_prefix(s.client),
            s.latitude,
            s.longitude,
            s.outcome,
        )
        for s in items
    ]
    await fastdb.append_rows(fastsql.SCAN_TABLE, fastsql.SCAN_COLUMNS, rows)


async def run_flusher(settings: Settings, stop: asyncio.Event) -> None:
    """The background task: flush on a timer or a full batch, and once more after ``stop``."""
    _buffer.wake = asyncio.Event()
    while not stop.is_set():
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(_buffer.wake.wait(), settings.scan_flush_seconds)
        _buffer.wake.clear()
        try:
            await flush()
        except Exception:  # keep serving; the scans of this batch are lost, not the server
            log.exception("writing label scans failed")
    with contextlib.suppress(Exception):
        await flush()
    await fastdb.close()  # the look-ups' pool ends with the server, after the last write


def wake_flusher() -> None:
    if _buffer.wake is not None:
        _buffer.wake.set()


# --- clone detection --------------------------------------------------------------------------


def limits(settings: Settings | None = None) -> rules.CloneLimits:
    settings = settings or get_settings()
    return rules.CloneLimits(
        window=timedelta(hours=settings.clone_window_hours),
        distance_km=settings.clone_distance_km,
        max_networks=settings.clone_max_networks,
        max_clients=settings.clone_max_clients,
        lot_scan_multiple=settings.clone_lot_scan_multiple,
    )


def _in(values: list[Any]) -> str:
    return "(" + ", ".join("{}" for _ in values) + ")"


def _at(value: Any) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


async def check_serials(serials: list[str], located: set[str] | None = None) -> int:
    """Raise clone flags for these serials where the rules see signs; returns flags raised.
    Positions are compared only for ``located`` (default: all): a far-apart pair needs a new
    located scan, and most scans share no position."""
    if not serials:
        return 0
    lim = limits()
    since = clock.now() - lim.window
    labels = await fetch(
        "SELECT l.id, l.serial, l.lot, lot.number, lot.division_code FROM label l "  # noqa: S608 (placeholders only)
        f"JOIN lot ON lot.id = l.lot WHERE l.serial IN {_in(serials)}",
        *serials,
    )
    by_serial = {r["serial"]: r for r in labels}
    counts = await fetch(
        "SELECT serial, COUNT(DISTINCT client) AS clients, COUNT(DISTINCT network) AS networks "  # noqa: S608 (placeholders only)
        f"FROM label_scan WHERE serial IN {_in(serials)} AND scanned_at >= {{}} GROUP BY serial",
        *serials,
        since,
    )
    positions = await _positions(sorted(located) if located is not None else serials, since)
    found: list[tuple[dict[str, Any], rules.CloneReason, dict[str, Any]]] = []
    for c in counts:
        label = by_serial.get(c["serial"])
        if label is None:
            continue
        signs = rules.clone_signs(
            positions.get(c["serial"], []), int(c["clients"]), int(c["networks"]), lim
        )
        found += [(label, reason, detail) for reason, detail in signs]
    found += await _overscanned_lots(labels, since, lim)
    return await raise_flags(found)


async def _positions(serials: list[str], since: datetime) -> dict[str, list[rules.ScanFacts]]:
    out: dict[str, list[rules.ScanFacts]] = {}
    if not serials:
        return out
    for r in await fetch(
        "SELECT serial, scanned_at, latitude, longitude FROM label_scan "  # noqa: S608 (placeholders only)
        f"WHERE serial IN {_in(serials)} AND scanned_at >= {{}} AND latitude IS NOT NULL "
        "ORDER BY scanned_at LIMIT 5000",
        *serials,
        since,
    ):
        out.setdefault(r["serial"], []).append(
            rules.ScanFacts(_at(r["scanned_at"]), r["latitude"], r["longitude"])
        )
    return out


async def _overscanned_lots(
    labels: list[dict[str, Any]], since: datetime, lim: rules.CloneLimits
) -> list[tuple[dict[str, Any], rules.CloneReason, dict[str, Any]]]:
    first_by_lot: dict[int, dict[str, Any]] = {}
    for label in labels:
        first_by_lot.setdefault(label["lot"], label)
    lot_ids = _lots_due(list(first_by_lot))
    if not lot_ids:
        return []
    issued = await fetch(
        "SELECT lot, SUM(label_count) AS n FROM label_issue "  # noqa: S608 (placeholders only)
        f"WHERE lot IN {_in(lot_ids)} GROUP BY lot",
        *lot_ids,
    )
    scanned = await fetch(
        "SELECT lot, COUNT(*) AS n FROM label_scan "  # noqa: S608 (placeholders only)
        f"WHERE lot IN {_in(lot_ids)} AND scanned_at >= {{}} GROUP BY lot",
        *lot_ids,
        since,
    )
    scans_by_lot = {r["lot"]: int(r["n"]) for r in scanned}
    out = []
    for r in issued:
        n_scans, n_labels = scans_by_lot.get(r["lot"], 0), int(r["n"] or 0)
        if rules.lot_overscanned(n_scans, n_labels, lim):
            detail = {"lot": first_by_lot[r["lot"]]["number"], "scans": n_scans, "labels": n_labels}
            out.append((first_by_lot[r["lot"]], rules.CloneReason.LOT_OVERSCANNED, detail))
    return out


def _lots_due(lot_ids: list[int]) -> list[int]:
    """The lots not counted within ``clone_lot_check_seconds`` (now marked as counted)."""
    now, every = time.monotonic(), get_settings().clone_lot_check_seconds
    checked = _buffer.lots_checked
    if len(checked) > 10_000:  # forget lots not scanned lately
        _buffer.lots_checked = checked = {k: t for k, t in checked.items() if now - t < every}
    due = [lot for lot in lot_ids if now - checked.get(lot, -every) >= every]
    checked.update(dict.fromkeys(due, now))
    return due


async def raise_flags(
    found: list[tuple[dict[str, Any], rules.CloneReason, dict[str, Any]]],
) -> int:
    """One open flag per serial and reason (per lot for an overscanned lot), audited, and a
    notice to the 种苗站 accounts covering the lot."""
    from seedreg.labels.flags import open_keys, raise_flag

    if not found:
        return 0
    raised = 0
    async with transaction():
        serial_keys, lot_keys = await open_keys(
            [label["serial"] for label, _, _ in found], [label["lot"] for label, _, _ in found]
        )
        for label, reason, detail in found:
            if reason is rules.CloneReason.LOT_OVERSCANNED:
                if label["lot"] in lot_keys:
                    continue
                lot_keys.add(label["lot"])
            elif (label["serial"], reason.value) in serial_keys:
                continue
            serial_keys.add((label["serial"], reason.value))
            await raise_flag(label, reason, detail)
            raised += 1
    return raised
