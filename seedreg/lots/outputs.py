"""How a lot reads to people and clients (LotOut): its quantities in kg or 株, its place in
words, its holder's name and licence number, and the warnings its numbers raise."""

from __future__ import annotations

from typing import Any

from seedreg.licensing.tables import Licence
from seedreg.lots import rules
from seedreg.lots.rules import LotStatus, Material
from seedreg.lots.schemas import LotOut
from seedreg.nurseries import services as nurseries
from seedreg.organisations.tables import Organisation
from seedreg.reference import services as reference


def site_text(site: dict[str, Any], names: dict[str, str]) -> str:
    if not site:
        return ""
    place = names.get(site.get("division_code", ""), site.get("division_code", ""))
    return f"{place}{site.get('township', '')}{site.get('village', '')}{site.get('detail', '')}"


def lot_out(
    row: dict[str, Any],
    names: dict[str, str],
    org_name: str,
    licence_no: str,
    base_names: dict[int, str] | None = None,
) -> LotOut:
    material = Material(row["material"])
    status = LotStatus(row["status"])
    remaining = max(row["quantity"] - row["labelled_quantity"], 0)
    warnings = [
        w
        for w in (
            rules.approval_number_warning(row["approval_number"]) if row["improved"] else None,
            rules.variety_right_warning(row["variety_right_number"]),
        )
        if w
    ]
    return LotOut(
        id=row["id"],
        number=row["number"],
        public_id=row["public_id"],
        organisation_id=row["organisation"],
        organisation_name=org_name,
        licence_id=row["licence"],
        licence_number=licence_no,
        division_code=row["division_code"],
        material=material,
        material_label=material.label,
        unit=material.unit,
        species=row["species"],
        latin_name=row["latin_name"],
        variety=row["variety"],
        improved=row["improved"],
        approval_number=row["approval_number"],
        variety_right_number=row["variety_right_number"],
        origin=row["origin"],
        introduction_number=row.get("introduction_number") or "",
        source_kind=row["source_kind"],
        source_kind_label=rules.SourceKind(row["source_kind"]).label,
        **{name: row[name] for name, _ in rules.SOURCE_FIELDS},
        production_site=row["production_site"] or {},
        production_site_text=site_text(row["production_site"] or {}, names),
        nursery_base=row["nursery_base"],
        base_id=row.get("base"),
        base_name=(base_names or {}).get(row.get("base") or 0, ""),
        base_unresolved=bool(row["nursery_base"]) and row.get("base") is None,
        produced_on=row["produced_on"],
        quantity=rules.from_base_units(material, row["quantity"]),
        labelled_quantity=rules.from_base_units(material, row["labelled_quantity"]),
        remaining_quantity=rules.from_base_units(material, remaining),
        quantity_text=rules.show_quantity(material, row["quantity"]),
        labelled_text=rules.show_quantity(material, row["labelled_quantity"]),
        remaining_text=rules.show_quantity(material, remaining),
        suitable_area=row["suitable_area"],
        suitable_season=row["suitable_season"],
        instructions=row["instructions"],
        status=status,
        status_label=status.label,
        recall_reason=row["recall_reason"],
        recalled_on=row["recalled_on"],
        warnings=warnings,
        created_at=row["created_at"],
    )


async def lot_outs(rows: list[dict[str, Any]]) -> list[LotOut]:
    if not rows:
        return []
    org_ids = list({r["organisation"] for r in rows})
    licence_ids = list({r["licence"] for r in rows})
    orgs = {
        o["id"]: o["name"]
        for o in await Organisation.select(Organisation.id, Organisation.name).where(
            Organisation.id.is_in(org_ids)
        )
    }
    numbers = {
        licence["id"]: licence["number"]
        for licence in await Licence.select(Licence.id, Licence.number).where(
            Licence.id.is_in(licence_ids)
        )
    }
    names = await reference.division_names()
    base_names = await nurseries.names([r["base"] for r in rows if r.get("base")])
    return [
        lot_out(
            r, names, orgs.get(r["organisation"], ""), numbers.get(r["licence"], ""), base_names
        )
        for r in rows
    ]
