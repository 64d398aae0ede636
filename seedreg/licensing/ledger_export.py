"""The 许可证台账 as a workbook in the import's own columns (``ledger.COLUMNS``), for the
officers who may import it: the register's filters, within the officer's reach. Sites and
良种 are written as the import reads them (``ledger_cells``), so an exported 台账 imports back
as the same licences (holder, sites, 良种, area and dates included)."""

from __future__ import annotations

from typing import Any

from seedreg.accounts.rules import Actor, may_see_record
from seedreg.core.xlsx import ExportColumn
from seedreg.licensing import ledger
from seedreg.licensing import ledger_cells as cells
from seedreg.licensing.licence_register import _register_clauses
from seedreg.licensing.tables import Licence
from seedreg.reference import services as reference

LEDGER = "/licensing/licences/ledger.xlsx"
MAX_ROWS = 100_000  # as every list's export (core.web.exporting.MAX_ROWS)
SCOPE_WORDS = {v: k for k, v in ledger.SCOPES.items()}  # seed → 种子


def _columns() -> tuple[ExportColumn, ...]:
    """One export column per import column, by its field, in the template's order."""
    text_fields = {"number", "uscc"}
    return tuple(
        ExportColumn(c.header, c.field, text=c.field in text_fields) for c in ledger.COLUMNS
    )


EXPORT = _columns()


async def ledger_rows(
    actor: Actor, *, holder: str = "", number: str = "", division_code: str = "", species: str = ""
) -> list[dict[str, Any]]:
    """The licences the register's filters find, that ``actor`` may see, as 台账 lines."""
    ledger.ensure_importer(actor)
    query = Licence.select(
        *Licence.all_columns(),
        Licence.organisation.uscc.as_alias("uscc"),
    )
    for clause in _register_clauses(holder, number, division_code, species):
        query = query.where(clause)
    rows = await query.order_by(Licence.id).limit(MAX_ROWS).output(load_json=True)
    names = await reference.division_names()
    return [
        _line(r, names)
        for r in rows
        if may_see_record(actor, organisation_id=None, division_code=r["division_code"])
    ]


def _line(r: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    return {
        "number": r["number"],
        "holder_name": r["holder_name"],
        "uscc": r["uscc"] or "",
        "legal_representative": r["legal_representative"],
        "division": names.get(r["division_code"], r["division_code"]),
        "registered_address": r["registered_address"],
        "scope": "、".join(SCOPE_WORDS.get(s, s) for s in r["scope"]),
        "species": "、".join(r["species"]),
        "production_sites": cells.site_cell(r["production_sites"], names),
        "varieties": cells.variety_cell(r["varieties"]),
        "valid_area": "、".join(names.get(c, c) for c in r["valid_area"]),
        "issued_on": r["issued_on"],
        "valid_from": r["valid_from"],
        "valid_to": r["valid_to"],
    }
