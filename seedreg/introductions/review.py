"""The reviewer's automatic checks for one application's facts: the register and the species
list are read here, the checks themselves are pure (``check_rules``). The matter workflow's
review page will call ``automatic_checks`` with the application's fields."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from seedreg.introductions import check_rules
from seedreg.reference.tables import Species
from seedreg.varieties import services as varieties
from seedreg.varieties.rules import Kind


@dataclass(frozen=True)
class Facts:
    """What the application states (plain data; the flow's model maps onto it)."""

    species: str
    origin_code: str
    site_codes: tuple[str, ...]
    variety_number: str = ""  # "" when not a 良种
    filing_number: str = ""
    filing_zone_codes: tuple[str, ...] = ()
    native: bool | None = None
    trial_evidence: str = ""
    requirement_number: str = ""


def variety_facts(row: dict[str, Any]) -> check_rules.ImprovedVariety:
    """A register row as the checks read it."""
    return check_rules.ImprovedVariety(
        number=row["number"],
        species=row["species_name"],
        kind=Kind(row["kind"]),
        body_code=row["body_code"],
        zone_codes=tuple(row["zone_codes"]),
        valid_until=row["valid_until"],
        stopped_on=row["stopped_on"],
    )


async def automatic_checks(facts: Facts, on: date) -> list[check_rules.Check]:
    """Every check on ``facts`` as of ``on``. A 良种 number not in the register fails its own
    check (the register is where the league admin records what was approved)."""
    recommended = await Species.exists().where(
        (Species.name_zh == facts.species) & Species.recommended.eq(True)
    )
    row = await varieties.find_by_number(facts.variety_number) if facts.variety_number else None
    case = check_rules.Case(
        species=facts.species,
        species_recommended=bool(recommended),
        origin_code=facts.origin_code,
        site_codes=facts.site_codes,
        on=on,
        variety=variety_facts(row) if row else None,
        filing_number=facts.filing_number,
        filing_zone_codes=facts.filing_zone_codes,
        native=facts.native,
        trial_evidence=facts.trial_evidence,
        requirement_number=facts.requirement_number,
    )
    checks = check_rules.run_checks(case)
    if facts.variety_number and row is None:
        checks.insert(1, check_rules.unregistered_variety(facts.variety_number))
    return checks
