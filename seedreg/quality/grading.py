"""Grading rows: the GB 7908 / DB15/T 281 and GB 6000 / DB15/T 374 threshold tables an
administrator maintains from the purchased standards (facts §4.2, §4.3, §14), the marked sample
rows shipped with the code, and choosing the row an inspection is graded against."""

from __future__ import annotations

from typing import Any

from seedreg.accounts.rules import Actor
from seedreg.core import clock
from seedreg.core.audit import services as audit
from seedreg.core.db import transaction
from seedreg.core.errors import Forbidden, NotFound, RuleViolation
from seedreg.quality import rules, seedling_rules
from seedreg.quality.rules import SeedThreshold
from seedreg.quality.schemas import SeedlingRowIn, SeedlingRowOut, SeedRowIn, SeedRowOut
from seedreg.quality.seedling_rules import SeedlingThreshold
from seedreg.quality.tables import SeedGradingRow, SeedlingGradingRow
from seedreg.reference.tables import Species


def _ensure_admin(actor: Actor) -> None:
    if not actor.is_admin:
        raise Forbidden("只有盟林草局管理员可以维护分级标准数据")


def _threshold_field(message: str, *, seedling: bool) -> str:
    """Which input a threshold constructor's Chinese ValueError is about."""
    for prefix, field in (
        ("树种", "species"),
        ("标准名称", "standard"),
        ("苗木种类", "seedling_type"),
        ("苗龄", "age_code"),
        ("含水量上限", "max_moisture"),
        ("I、II级苗百分率", "min_share_I_II"),
    ):
        if message.startswith(prefix):
            return field
    if not seedling:
        return "grade_min"
    return "grade_II" if message.startswith("II级") else "grade_I"


async def _ensure_species(name: str) -> None:
    if not await Species.exists().where(Species.name_zh == name):
        raise RuleViolation(f"“{name}”不在树种名录中：请先在基础数据中添加该树种", field="species")


def seed_threshold(row: dict[str, Any]) -> SeedThreshold:
    return SeedThreshold(
        species=row["species"],
        standard=row["standard"],
        grade_min=row["grade_min"],
        max_moisture=row["max_moisture"],
    )


def seedling_threshold(row: dict[str, Any]) -> SeedlingThreshold:
    return SeedlingThreshold(
        species=row["species"],
        standard=row["standard"],
        seedling_type=row["seedling_type"],
        age_code=row["age_code"],
        grade_I=row["grade_I"],
        grade_II=row["grade_II"],
        min_share_I_II=row["min_share_I_II"],
        overall=row["overall"],
        region=row["region"],
    )


def seed_row_out(row: dict[str, Any]) -> SeedRowOut:
    second = next((k for k in row["grade_min"].get("I", {}) if k != "purity"), "")
    return SeedRowOut(**{**row, "second_indicator": second})


def seedling_row_out(row: dict[str, Any]) -> SeedlingRowOut:
    return SeedlingRowOut(**row)


async def seed_rows(*, active_only: bool = False) -> list[SeedRowOut]:
    query = SeedGradingRow.select().order_by(SeedGradingRow.species).order_by(SeedGradingRow.id)
    if active_only:
        query = query.where(SeedGradingRow.active.eq(True))
    return [seed_row_out(r) for r in await query.output(load_json=True)]


async def seedling_rows(*, active_only: bool = False) -> list[SeedlingRowOut]:
    T = SeedlingGradingRow
    query = T.select().order_by(T.species).order_by(T.seedling_type).order_by(T.id)
    if active_only:
        query = query.where(T.active.eq(True))
    return [seedling_row_out(r) for r in await query.output(load_json=True)]


async def _row(table: Any, row_id: int) -> dict[str, Any]:
    row = await table.select().where(table.id == row_id).first().output(load_json=True)
    if row is None:
        raise NotFound("未找到该分级数据")
    return row


async def get_seed_row(row_id: int) -> SeedRowOut:
    return seed_row_out(await _row(SeedGradingRow, row_id))


async def get_seedling_row(row_id: int) -> SeedlingRowOut:
    return seedling_row_out(await _row(SeedlingGradingRow, row_id))


async def _save(
    actor: Actor, table: Any, kind: str, values: dict[str, Any], row_id: int | None
) -> dict[str, Any]:
    async with transaction():
        before = await _row(table, row_id) if row_id is not None else None
        values = {**values, "updated_at": clock.now()}
        if row_id is None:
            row = table(**values)
            await row.save()
            row_id = row.id
        else:
            await table.update(values).where(table.id == row_id)
        after = await _row(table, row_id)
        await audit.record(
            actor, f"grading:{kind}:save", f"{kind}_grading_row", row_id, before=before, after=after
        )
    return after


async def save_seed_row(actor: Actor, data: SeedRowIn, row_id: int | None = None) -> SeedRowOut:
    """Add or correct a seed grading row; checked by ``SeedThreshold`` (Chinese reasons)."""
    _ensure_admin(actor)
    try:
        threshold = SeedThreshold(
            species=data.species,
            standard=data.standard,
            grade_min=data.grade_min,
            max_moisture=data.max_moisture,
        )
    except ValueError as exc:
        raise RuleViolation(str(exc), field=_threshold_field(str(exc), seedling=False)) from None
    await _ensure_species(data.species)
    values = data.model_dump()
    values["grade_min"] = {g: dict(threshold.grade_min[g]) for g in rules.SEED_GRADES}
    return seed_row_out(await _save(actor, SeedGradingRow, "seed", values, row_id))


async def save_seedling_row(
    actor: Actor, data: SeedlingRowIn, row_id: int | None = None
) -> SeedlingRowOut:
    """Add or correct a seedling grading row; checked by ``SeedlingThreshold``."""
    _ensure_admin(actor)
    try:
        threshold = SeedlingThreshold(
            species=data.species,
            standard=data.standard,
            seedling_type=data.seedling_type,
            age_code=data.age_code,
            grade_I=data.grade_I,
            grade_II=data.grade_II,
            min_share_I_II=data.min_share_I_II,
            overall=data.overall,
            region=data.region,
        )
    except ValueError as exc:
        raise RuleViolation(str(exc), field=_threshold_field(str(exc), seedling=True)) from None
    await _ensure_species(data.species)
    values = {**data.model_dump(), "age_code": threshold.age.code}
    return seedling_row_out(await _save(actor, SeedlingGradingRow, "seedling", values, row_id))


async def set_row_active(actor: Actor, kind: str, row_id: int, active: bool) -> None:
    """Deactivate (or reactivate) a row: past inspections keep their snapshot."""
    _ensure_admin(actor)
    tables = {"seed": SeedGradingRow, "seedling": SeedlingGradingRow}
    if kind not in tables:
        raise NotFound("未找到该分级数据")
    table = tables[kind]
    row = await _row(table, row_id)
    async with transaction():
        await table.update({table.active: active, table.updated_at: clock.now()}).where(
            table.id == row_id
        )
        await audit.record(
            actor,
            f"grading:{kind}:active",
            f"{kind}_grading_row",
            row_id,
            before={"active": row["active"]},
            after={"active": active},
        )


SAMPLE_SPECIES = {
    "name_zh": "红皮云杉",
    "category": "主要造林树种",
    "latin_name": "Picea koraiensis Nakai",
    "latin_confidence": "medium",
    "note": "不在推荐名录：GB 6000-1999 分级样例所用树种；名录中的“云杉”未指明种",
    "recommended": False,
    "sort_order": 1000,
}


async def load_sample_rows() -> int:
    """Ship the marked sample rows (idempotent; never overwrites an administrator's edits).

    The sample seedling row is for 红皮云杉, which the directive's list names only as "云杉":
    the species is added to the list as not recommended, so a lot can name it exactly.
    """
    changed = 0
    async with transaction():
        if not await Species.exists().where(Species.name_zh == SAMPLE_SPECIES["name_zh"]):
            await Species.insert(Species(**SAMPLE_SPECIES))
            changed += 1
        for sample in seedling_rules.SAMPLE_SEEDLING_ROWS:
            T = SeedlingGradingRow
            if await T.exists().where(
                (T.species == sample.species)
                & (T.seedling_type == sample.seedling_type)
                & (T.age_code == sample.age.code)
                & T.sample.eq(True)
            ):
                continue
            await T.insert(
                T(
                    species=sample.species,
                    standard=sample.standard,
                    seedling_type=sample.seedling_type,
                    age_code=sample.age.code,
                    grade_I=sample.grade_I,
                    grade_II=sample.grade_II,
                    min_share_I_II=sample.min_share_I_II,
                    overall=sample.overall,
                    region=sample.region,
                    sample=True,
                    note=rules.SAMPLE_BADGE,
                    active=True,
                    updated_at=clock.now(),
                )
            )
            changed += 1
        if changed:
            await audit.record(
                audit.SYSTEM,
                "grading:load_samples",
                "reference",
                "quality",
                after={"changed": changed},
            )
    return changed


def _preference(row: dict[str, Any]) -> tuple[int, int, int]:
    """Official rows before samples, the region's DB15/T before GB (facts §14), newest first."""
    return (int(row["sample"]), 0 if row["standard"].startswith("DB15") else 1, -row["id"])


async def seed_row_for(species: str) -> dict[str, Any] | None:
    rows = (
        await SeedGradingRow.select()
        .where((SeedGradingRow.species == species) & SeedGradingRow.active.eq(True))
        .output(load_json=True)
    )
    return min(rows, key=_preference) if rows else None


async def seedling_row_for(
    species: str, seedling_type: str, age_code: str
) -> tuple[dict[str, Any] | None, bool]:
    """The row for species + 苗木种类 + 苗龄, and whether the species has any rows at all."""
    T = SeedlingGradingRow
    rows = await T.select().where((T.species == species) & T.active.eq(True)).output(load_json=True)
    matching = [
        r for r in rows if r["seedling_type"] == seedling_type and r["age_code"] == age_code
    ]
    return (min(matching, key=_preference) if matching else None), bool(rows)
