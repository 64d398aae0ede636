"""Nothing asked twice (兴署发〔2021〕5号 Art. 10(四)): the 良种 register's record of the variety an
application names (its 审定/认定 number), as a record the 良种证明 material may be confirmed
from (registered with ``matters.held`` at start-up). The register is public, so it concerns
no organisation: only the number the application names, and only while the variety may be
promoted (not stopped, a 认定 not lapsed)."""

from __future__ import annotations

from seedreg.core import clock
from seedreg.matters.held_rules import HeldRecord, RecordKind
from seedreg.varieties.rules import Kind
from seedreg.varieties.tables import ImprovedVariety


async def held_varieties(organisation_id: int, subjects: frozenset[str]) -> list[HeldRecord]:
    numbers = [s.removeprefix("variety:") for s in subjects if s.startswith("variety:")]
    if not numbers:
        return []
    today = clock.today()
    rows = await ImprovedVariety.select().where(ImprovedVariety.number.is_in(numbers))
    found = []
    for r in rows:
        if r["stopped_on"] is not None and r["stopped_on"] <= today:
            continue
        words = Kind(r["kind"]).label
        found.append(
            HeldRecord(
                RecordKind.VARIETY,
                str(r["id"]),
                f"林木良种{words}编号 {r['number']}（{r['species_name']} {r['variety_name']}，"
                f"{r['year']}年{words}）",
                f"/varieties/{r['id']}",
                valid_to=r["valid_until"],
                about=frozenset({f"variety:{r['number']}"}),
            )
        )
    return found
