"""Reference data: loading from fixtures, look-ups, and the admin's species maintenance."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from piccolo.columns import Column

from seedreg.accounts.rules import LEAGUE_CODE, Actor
from seedreg.core.audit import services as audit
from seedreg.core.db import transaction
from seedreg.core.errors import Conflict, Forbidden, NotFound, RuleViolation
from seedreg.reference import authorities
from seedreg.reference.schemas import SpeciesIn
from seedreg.reference.tables import Division, Species
from seedreg.settings import PROJECT_ROOT

FIXTURES = PROJECT_ROOT / "fixtures" / "reference"


def _csv(name: str) -> list[dict[str, str]]:
    with (FIXTURES / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _none_if_empty(value: str) -> str | None:
    return value or None


async def _upsert(table: Any, key: str, rows: list[dict[str, Any]]) -> int:
    """Insert rows whose key is new, update the others; returns rows changed."""
    existing = {r[key]: r for r in await table.select()}
    changed = 0
    for row in rows:
        old = existing.get(row[key])
        if old is None:
            await table.insert(table(**row))
            changed += 1
        elif any(old[k] != v for k, v in row.items()):
            await table.update(row).where(getattr(table, key) == row[key])
            changed += 1
    return changed


def _species_row(row: dict[str, str], index: int) -> dict[str, Any]:
    """A fixture row; a "high" Latin name counts as confirmed. Other rows leave the flag alone,
    so a reload never withdraws the administrator's confirmation."""
    out: dict[str, Any] = {**row, "sort_order": index}
    if row["latin_confidence"] == "high":
        out["latin_confirmed"] = True
    return out


async def load_reference(fixtures: Path = FIXTURES) -> dict[str, int]:
    """Load divisions, species and authorities (idempotent: a second run changes nothing). The
    violation catalogue is the inspections domain's (seedreg.inspections.catalogue.load)."""
    divisions = [
        {**r, "parent_code": _none_if_empty(r["parent_code"])} for r in _csv("divisions.csv")
    ]
    species = [_species_row(r, i) for i, r in enumerate(_csv("species.csv"))]
    async with transaction():
        counts = {
            "divisions": await _upsert(Division, "code", divisions),
            "species": await _upsert(Species, "name_zh", species),
            "authorities": await authorities.load(fixtures / "authorities.csv"),
        }
        if any(counts.values()):
            await audit.record(
                audit.SYSTEM, "reference:load", "reference", "fixtures", after=counts
            )
    return counts


async def division_names() -> dict[str, str]:
    return {r["code"]: r["name"] for r in await Division.select(Division.code, Division.name)}


async def division_name(code: str) -> str:
    row = await Division.select(Division.name).where(Division.code == code).first()
    return row["name"] if row else code


async def league_counties() -> list[dict[str, Any]]:
    """兴安盟's banners, counties and cities."""
    return (
        await Division.select().where(Division.parent_code == LEAGUE_CODE).order_by(Division.code)
    )


async def ensure_league_county(code: str) -> None:
    if not await Division.exists().where(
        (Division.code == code) & (Division.parent_code == LEAGUE_CODE)
    ):
        raise RuleViolation("所在地须为兴安盟的旗县市", field="division_code")


async def ensure_division(code: str, field: str = "division_code") -> None:
    """The code is in the reference divisions (GB/T 2260), or a RuleViolation on ``field``."""
    if not await Division.exists().where(Division.code == code):
        raise RuleViolation(f"行政区划代码 {code} 不在区划名录中，请从列表中选择", field=field)


async def divisions() -> list[dict[str, Any]]:
    return await Division.select().order_by(Division.code)


async def species_list(*, include_retired: bool = False) -> list[dict[str, Any]]:
    query = Species.select().order_by(Species.sort_order, Species.id)
    if not include_retired:
        query = query.where(Species.recommended.eq(True))
    return await query


async def latin_awaiting() -> list[dict[str, Any]]:
    """Species with a Latin name the league has not confirmed (labels print them without it)."""
    return (
        await Species.select()
        .where((Species.latin_name != "") & Species.latin_confirmed.eq(False))
        .order_by(Species.sort_order, Species.id)
    )


async def confirm_latin(actor: Actor, species_id: int) -> dict[str, Any]:
    """The administrator confirms a species' Latin name: labels issued from now print it."""
    _ensure_admin(actor)
    async with transaction():
        row = await Species.select().where(Species.id == species_id).first()
        if row is None:
            raise NotFound("未找到该树种")
        if not row["latin_name"]:
            raise RuleViolation("该树种没有拉丁学名，请先填写学名")
        if row["latin_confirmed"]:
            raise Conflict("该树种的学名已核实")
        await Species.update({Species.latin_confirmed: True}).where(Species.id == species_id)
        await audit.record(
            actor,
            "species:confirm_latin",
            "species",
            species_id,
            before={"latin_name": row["latin_name"], "latin_confirmed": False},
            after={"latin_name": row["latin_name"], "latin_confirmed": True},
        )
    return {**row, "latin_confirmed": True}


def _ensure_admin(actor: Actor) -> None:
    if not actor.is_admin:
        raise Forbidden("只有盟林草局管理员可以维护基础数据")


async def save_species(
    actor: Actor, data: SpeciesIn, species_id: int | None = None
) -> dict[str, Any]:
    """Add a species to the list or correct one (league admin only); audited."""
    _ensure_admin(actor)
    async with transaction():
        clash = Species.exists().where(Species.name_zh == data.name_zh)
        if species_id is not None:
            clash = clash.where(Species.id != species_id)
        if await clash:
            raise Conflict("该树种已在名录中", field="name_zh")
        if species_id is None:
            row = Species(**data.model_dump())
            await row.save()
            species_id, before = row.id, None
        else:
            before = await Species.select().where(Species.id == species_id).first()
            if before is None:
                raise NotFound("未找到该树种")
            values: dict[Column | str, Any] = dict(data.model_dump().items())
            await Species.update(values).where(Species.id == species_id)
        after = await Species.select().where(Species.id == species_id).first()
        assert after is not None  # saved just above, in this transaction
        await audit.record(actor, "species:save", "species", species_id, before=before, after=after)
    return after


async def ensure_unlisted_species(entry: dict[str, Any]) -> bool:
    """Add a species outside the directive's list (not recommended) if it is missing, e.g. the
    species of a grading row a standard names exactly (红皮云杉 where the list says 云杉). The
    caller's transaction; audited as a system change. True when added."""
    if await Species.exists().where(Species.name_zh == entry["name_zh"]):
        return False
    row = Species(**{**entry, "recommended": False})
    await row.save()
    after = await Species.select().where(Species.id == row.id).first()
    await audit.record(audit.SYSTEM, "species:add_unlisted", "species", row.id, after=after)
    return True


async def species_exists(name: str) -> bool:
    return bool(await Species.exists().where(Species.name_zh == name))
