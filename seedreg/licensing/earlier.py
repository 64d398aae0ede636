"""Licences issued before the system, entered from the office's 台账: the number kept as printed
and reserved in its issuer's yearly counter, so a number the system issues later never collides
(the counter and the licences are licensing's own). A licence the region issued (its 良种 ones,
种子法 Art. 31 ¶2) is recorded as the region's, as ``record_region_licence`` does: the system
never issues the region's numbers, so there is no counter to raise. Called inside the import's
transaction."""

from __future__ import annotations

from typing import Any

from seedreg.core import sequences
from seedreg.core.audit import services as audit
from seedreg.core.errors import Conflict, RuleViolation
from seedreg.licensing import rules
from seedreg.licensing.licences import _create
from seedreg.licensing.schemas import EarlierLicenceIn
from seedreg.licensing.tables import Licence

ACTION = "licence:record_earlier"


async def numbers_in_use() -> set[str]:
    """Every licence number on the register (one query: an import checks its rows against it)."""
    return {r["number"] for r in await Licence.select(Licence.number)}


async def reserve_number(number: str) -> None:
    """Keep a printed number from ever being issued again: its issuer's counter for its year
    is raised to at least the number's sequence (never lowered)."""
    parts = rules.number_parts(number)
    if parts is None:
        raise RuleViolation("许可证编号应为14位数字", field="number")
    division, year, seq = parts
    await sequences.reserve(rules.sequence_name(division, year), seq)


async def record_earlier(
    actor: audit.ActorLike, org: dict[str, Any], data: EarlierLicenceIn
) -> int:
    """Store a licence issued before the system for ``org`` (id, name, division_code) and
    reserve its number; the caller holds the transaction and checked the actor's reach."""
    parts = rules.number_parts(data.number)
    if parts is None:
        raise RuleViolation("许可证编号应为14位数字", field="number")
    details = data.details.model_dump(mode="json")
    issuer, region = parts[0], parts[0] == rules.REGION_CODE
    if details["varieties"] and not region:
        raise RuleViolation(
            "含林木良种的许可证由自治区林业和草原局核发（种子法第三十一条第二款）",
            field="varieties",
        )
    if problem := rules.valid_area_problem(issuer, details["valid_area"]):
        raise RuleViolation(problem, field="valid_area")
    if await Licence.exists().where(Licence.number == data.number):
        raise Conflict("该许可证编号已登记", field="number")
    licence_id = await _create(
        actor,
        org,
        details,
        ACTION,
        number=data.number,
        valid_from=data.valid_from,
        valid_to=data.valid_to,
        issued_on=data.issued_on,
        issuing_division=issuer,
        recorded_only=region,
    )
    if not region:
        await reserve_number(data.number)
    return licence_id
