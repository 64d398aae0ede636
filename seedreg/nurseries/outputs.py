"""Rows of the register as BaseOut: names looked up once per list, areas in both units, the
outline's area compared with the declared total under the local tolerance."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from seedreg.core import rulesettings as rs
from seedreg.nurseries import rules
from seedreg.nurseries.agecodes import parse_age_code
from seedreg.nurseries.rule_settings import AREA_TOLERANCE_PERCENT
from seedreg.nurseries.rules import BaseKind, BaseStatus, Duty, Facility
from seedreg.nurseries.schemas import BaseOut, DutyOut, StockOut
from seedreg.organisations.tables import Organisation
from seedreg.reference import services as reference


def _mu(hundredths: int) -> Decimal:
    return (Decimal(hundredths) / 100).quantize(rules.HUNDREDTHS)


def _stock(rows: list[dict[str, Any]]) -> list[StockOut]:
    return [StockOut(**r, age_text=parse_age_code(r["age_code"]).text) for r in rows]


def one(
    row: dict[str, Any], org_names: dict[int, str], divisions: dict[str, str], tolerance: int
) -> BaseOut:
    total, production = _mu(row["total_area_cmu"]), _mu(row["production_area_cmu"])
    outline = row["outline"] or None
    drawn = _mu(row["outline_area_cmu"]) if outline else None
    gap = rules.area_gap(drawn, total) if drawn is not None else None
    return BaseOut(
        id=row["id"],
        name=row["name"],
        kind=BaseKind(row["kind"]),
        kind_label=BaseKind(row["kind"]).label,
        organisation_id=row["organisation"],
        organisation_name=org_names.get(row["organisation"], ""),
        division_code=row["division_code"],
        division_name=divisions.get(row["division_code"], row["division_code"]),
        address=row["address"],
        lat=row["lat"],
        lon=row["lon"],
        outline=outline,
        outline_area_mu=drawn,
        total_area_mu=total,
        production_area_mu=production,
        total_area_text=rules.area_text(total),
        production_area_text=rules.area_text(production),
        outline_area_text=rules.area_text(drawn) if drawn is not None else "",
        area_gap_percent=(gap * 100).quantize(Decimal("0.1")) if gap is not None else None,
        area_flagged=drawn is not None and rules.area_flagged(drawn, total, tolerance),
        area_tolerance_percent=tolerance,
        facilities=[Facility(f) for f in row["facilities"]],
        facility_labels=[Facility(f).label for f in row["facilities"]],
        stock=_stock(row["stock"]),
        stock_total=sum(r["quantity"] for r in row["stock"]),
        annual_output=row["annual_output"],
        duties=[
            DutyOut(duty=Duty(d["duty"]), label=Duty(d["duty"]).label, delivered=d["delivered"])
            for d in row["duties"]
        ],
        status=BaseStatus(row["status"]),
        status_label=BaseStatus(row["status"]).label,
        confirmed_at=row["confirmed_at"],
        updated_at=row["updated_at"],
    )


async def base_outs(rows: list[dict[str, Any]]) -> list[BaseOut]:
    org_ids = list({r["organisation"] for r in rows})
    org_names = (
        {
            o["id"]: o["name"]
            for o in await Organisation.select(Organisation.id, Organisation.name).where(
                Organisation.id.is_in(org_ids)
            )
        }
        if org_ids
        else {}
    )
    divisions = await reference.division_names()
    tolerance = int(await rs.value(AREA_TOLERANCE_PERCENT))
    return [one(r, org_names, divisions, tolerance) for r in rows]
