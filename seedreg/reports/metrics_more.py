"""The refresh's counters for introductions, consignments and nursery bases (kept apart from
``metrics`` so each module stays short). Read-only; names from the owners' table classes. The
quantities held in JSON lists (an inbound certificate's lines, a base's stock) are summed here
from one narrow read of their table: the two engines expand a JSON list in different ways."""

from __future__ import annotations

from datetime import date
from typing import Any

from seedreg.core.db import fetch
from seedreg.introductions.routing_rules import RouteKind
from seedreg.lots.rules import Material
from seedreg.lots.tables import Lot
from seedreg.matters.tables import Application
from seedreg.matters.transitions import INTRODUCTION
from seedreg.nurseries.tables import NurseryBase
from seedreg.quarantine.consignments import INBOUND, OUTBOUND
from seedreg.quarantine.rules import CertificateState
from seedreg.quarantine.tables import ConsignmentItem, QuarantineCertificate
from seedreg.reference.rules import REGION_PREFIX
from seedreg.reports.rules import Metric, Row
from seedreg.reports.sql import c as _c
from seedreg.reports.sql import json_text
from seedreg.reports.sql import month_of_day as _month_of_day
from seedreg.reports.sql import rows as _rows
from seedreg.reports.sql import t as _t

GRAMS_PER_KG = 1000


async def introductions(today: date) -> list[Row]:
    """Introduction applications by where the stock comes from and where each stands: another
    盟市 of the region (the league decides) or outside it (the region decides), as
    introductions.routing_rules routes them. Drafts are nobody's application yet."""
    a = Application
    origin = json_text(_c(a.details), "origin_code")
    kind = (
        f"CASE WHEN {origin} IS NULL OR {origin} = '' THEN '{RouteKind.ABROAD.value}' "
        f"WHEN substr({origin}, 1, 2) = '{REGION_PREFIX}' THEN '{RouteKind.OTHER_CITY.value}' "
        f"ELSE '{RouteKind.OTHER_PROVINCE.value}' END"
    )
    div, status = _c(a.division_code), _c(a.status)
    found = await fetch(
        f"SELECT {div} AS division, {kind} || ':' || {status} AS k, COUNT(*) AS n "  # noqa: S608 (names from table classes)
        f"FROM {_t(a)} WHERE {_c(a.matter)} = {{}} AND {status} <> {{}} "
        f"GROUP BY {div}, {kind}, {status}",
        INTRODUCTION.matter,
        INTRODUCTION.start,
    )
    return _rows(Metric.INTRODUCTION_OUTCOME, found)


def _add(out: dict[tuple[str, str, str], int], key: tuple[str, str, str], n: int) -> None:
    out[key] = out.get(key, 0) + n


def _to_rows(metric: Metric, out: dict[tuple[str, str, str], int]) -> list[Row]:
    return [Row(metric, d, p, k, n) for (d, p, k), n in sorted(out.items()) if n]


async def consignments(today: date) -> list[Row]:
    """Consignments in and out per month of shipping and by species, not revoked, as the
    quarantine ledger totals them: per month each consignment once (key: its direction); by
    species once per species it carries; quantities in 株 or kg apart (seed is stored in grams:
    each item's whole kg, as the ledger shows it)."""
    q, i, lot = QuarantineCertificate, ConsignmentItem, Lot
    div, month = _c(q.division_code, "q"), _month_of_day(_c(q.ships_on, "q"))
    valid = f"{_c(q.status, 'q')} = {{}}"
    per_month = await fetch(
        f"SELECT {div} AS division, {month} AS period, {_c(q.direction, 'q')} AS k, "  # noqa: S608 (names from table classes)
        f"COUNT(*) AS n FROM {_t(q)} q WHERE {valid} "
        f"GROUP BY {div}, {month}, {_c(q.direction, 'q')}",
        CertificateState.VALID.value,
    )
    species, material = _c(lot.species, "l"), _c(lot.material, "l")
    amount = _c(i.quantity, "i")
    kg = f"CASE WHEN {material} = {{}} THEN {amount} / {GRAMS_PER_KG} ELSE {amount} END"
    items = (
        f"FROM {_t(q)} q JOIN {_t(i)} i ON {_c(i.certificate, 'i')} = q.{_c(q.id)} "
        f"JOIN {_t(lot)} l ON l.{_c(lot.id)} = {_c(i.lot, 'i')} "
        f"WHERE {_c(q.direction, 'q')} = {{}} AND {valid} "
    )
    out_counts = await fetch(
        f"SELECT {div} AS division, {month} AS period, '{OUTBOUND}:' || {species} AS k, "
        f"COUNT(DISTINCT q.{_c(q.id)}) AS n {items}GROUP BY {div}, {month}, {species}",
        OUTBOUND,
        CertificateState.VALID.value,
    )
    out_amounts = await fetch(
        f"SELECT {div} AS division, {month} AS period, {species} AS species, "
        f"{material} AS material, SUM({kg}) AS quantity {items}"
        f"GROUP BY {div}, {month}, {species}, {material}",
        Material.SEED.value,
        OUTBOUND,
        CertificateState.VALID.value,
    )
    counts: dict[tuple[str, str, str], int] = {}
    amounts: dict[tuple[str, str, str], int] = {}
    for r in out_amounts:
        key = f"{OUTBOUND}:{r['species']}:{Material(r['material']).unit}"
        _add(amounts, (r["division"] or "", r["period"] or "", key), int(r["quantity"] or 0))
    inbound = (
        await q.select(q.division_code, q.ships_on, q.lines)
        .where((q.direction == INBOUND) & (q.status == CertificateState.VALID.value))
        .output(load_json=True)
    )
    for r in inbound:
        place = (r["division_code"], r["ships_on"].isoformat()[:7])
        lines: list[dict[str, Any]] = r["lines"] or []
        for name in {line["species"] for line in lines}:
            _add(counts, (*place, f"{INBOUND}:{name}"), 1)
        for line in lines:
            key = f"{INBOUND}:{line['species']}:{line['unit']}"
            _add(amounts, (*place, key), int(line["quantity"]))
    return [
        *_rows(Metric.CONSIGNMENT_COUNT, per_month + out_counts),
        *_to_rows(Metric.CONSIGNMENT_COUNT, counts),
        *_to_rows(Metric.CONSIGNMENT_QUANTITY, amounts),
    ]


async def nurseries(today: date) -> list[Row]:
    """Bases in the register per banner and kind, and their stock by species in 株 (the
    stock lines typed on the base or imported from a 存苗台账), pending and confirmed alike."""
    b = NurseryBase
    div, kind = _c(b.division_code), _c(b.kind)
    bases = await fetch(
        f"SELECT {div} AS division, {kind} AS k, COUNT(*) AS n FROM {_t(b)} "  # noqa: S608 (names from table classes)
        f"GROUP BY {div}, {kind}"
    )
    stock: dict[tuple[str, str, str], int] = {}
    for r in await b.select(b.division_code, b.stock).output(load_json=True):
        for line in r["stock"] or []:
            _add(stock, (r["division_code"], "", str(line["species"])), int(line["quantity"]))
    return _rows(Metric.NURSERY_BASES, bases) + _to_rows(Metric.NURSERY_STOCK, stock)
