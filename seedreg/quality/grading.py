"""Grading rows: the GB 7908 / DB15/T 281 and GB 6000 / DB15/T 374 threshold tables the 种苗站 or
the league admin types from the league's copies of the standards (facts §4.2, §4.3, §14), each
naming its table and row and confirmed by a second person; and choosing the row an inspection is
graded against. The public rows shipped as drafts are loaded by ``grading_public``."""

from __future__ import annotations

from typing import Any

from seedreg.accounts.rules import Actor
from seedreg.core import clock
from seedreg.core.audit import services as audit
from seedreg.core.db import transaction
from seedreg.core.errors import Conflict, Forbidden, NotFound, RuleViolation
from seedreg.quality import grading_rules, rules
from seedreg.quality.grading_rules import RowState
from seedreg.quality.rules import SeedThreshold
from seedreg.quality.schemas import SeedlingRowIn, SeedlingRowOut, SeedRowIn, SeedRowOut
from seedreg.quality.seedling_rules import SeedlingThreshold
from seedreg.quality.tables import SeedGradingRow, SeedlingGradingRow
from seedreg.reference import services as reference

TABLES: dict[str, Any] = {"seed": SeedGradingRow, "seedling": SeedlingGradingRow}
NOT_FOUND = "未找到该分级数据"


def ensure_grading(actor: Actor) -> None:
    if not grading_rules.may_enter(actor):
        raise Forbidden(grading_rules.ENTRY_REFUSAL)


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
    if not await reference.species_exists(name):
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


THRESHOLDS = {"seed": seed_threshold, "seedling": seedling_threshold}


def incomplete(kind: str, row: dict[str, Any]) -> str | None:
    """Why a row cannot grade (a public copy cut off, say), or None."""
    try:
        THRESHOLDS[kind](row)
    except (ValueError, KeyError, TypeError) as exc:
        return str(exc) or "指标不全"
    return None


def _out_fields(kind: str, row: dict[str, Any]) -> dict[str, Any]:
    state = RowState(row["state"])
    return {
        **row,
        "reference": grading_rules.row_reference(row),
        "state_label": state.label,
        "complete": incomplete(kind, row) is None,
        "entered_by_name": row.get("entered_by_name") or "",
        "confirmed_by_name": row.get("confirmed_by_name") or "",
    }


def seed_row_out(row: dict[str, Any]) -> SeedRowOut:
    grade_i = row["grade_min"].get("I", {}) if isinstance(row["grade_min"], dict) else {}
    second = next((k for k in grade_i if k != "purity"), "")
    return SeedRowOut(**{**_out_fields("seed", row), "second_indicator": second})


def seedling_row_out(row: dict[str, Any]) -> SeedlingRowOut:
    return SeedlingRowOut(**_out_fields("seedling", row))


def _select(table: Any) -> Any:
    return table.select(
        *table.all_columns(),
        table.entered_by.display_name.as_alias("entered_by_name"),
        table.confirmed_by.display_name.as_alias("confirmed_by_name"),
    )


async def seed_rows(*, active_only: bool = False) -> list[SeedRowOut]:
    T = SeedGradingRow
    query = _select(T).order_by(T.species).order_by(T.id)
    if active_only:
        query = query.where(T.active.eq(True))
    return [seed_row_out(r) for r in await query.output(load_json=True)]


async def seedling_rows(*, active_only: bool = False) -> list[SeedlingRowOut]:
    T = SeedlingGradingRow
    query = _select(T).order_by(T.species).order_by(T.seedling_type).order_by(T.id)
    if active_only:
        query = query.where(T.active.eq(True))
    return [seedling_row_out(r) for r in await query.output(load_json=True)]


async def _row(table: Any, row_id: int) -> dict[str, Any]:
    row = await _select(table).where(table.id == row_id).first().output(load_json=True)
    if row is None:
        raise NotFound(NOT_FOUND)
    return row


def table_of(kind: str) -> Any:
    if kind not in TABLES:
        raise NotFound(NOT_FOUND)
    return TABLES[kind]


async def get_seed_row(row_id: int) -> SeedRowOut:
    return seed_row_out(await _row(SeedGradingRow, row_id))


async def get_seedling_row(row_id: int) -> SeedlingRowOut:
    return seedling_row_out(await _row(SeedlingGradingRow, row_id))


def _audited(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if not k.endswith("_name")}


async def _save(
    actor: Actor, kind: str, values: dict[str, Any], row_id: int | None
) -> dict[str, Any]:
    """Insert or correct a row. Whoever saves it entered it: a correction of a confirmed row
    makes it a draft again, for a second person to confirm (four eyes)."""
    table = TABLES[kind]
    now = clock.now()
    values = {
        **values,
        "updated_at": now,
        "state": RowState.DRAFT,
        "entered_by": actor.user_id,
        "entered_at": now,
        "confirmed_by": None,
        "confirmed_at": None,
    }
    async with transaction():
        before = await _row(table, row_id) if row_id is not None else None
        if row_id is None:
            row = table(**values)
            await row.save()
            row_id = row.id
        else:
            await table.update(values).where(table.id == row_id)
        after = await _row(table, row_id)
        await audit.record(
            actor,
            f"grading:{kind}:save",
            f"{kind}_grading_row",
            row_id,
            before=_audited(before) if before else None,
            after=_audited(after),
        )
    return after


async def save_seed_row(actor: Actor, data: SeedRowIn, row_id: int | None = None) -> SeedRowOut:
    """Add or correct a seed grading row; checked by ``SeedThreshold`` (Chinese reasons)."""
    ensure_grading(actor)
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
    return seed_row_out(await _save(actor, "seed", values, row_id))


async def check_seedling_row(data: SeedlingRowIn) -> SeedlingThreshold:
    """The row as ``SeedlingThreshold`` checks it, its species on the list (Chinese reasons)."""
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
    return threshold


async def save_seedling_row(
    actor: Actor, data: SeedlingRowIn, row_id: int | None = None
) -> SeedlingRowOut:
    """Add or correct a seedling grading row; checked by ``SeedlingThreshold``."""
    ensure_grading(actor)
    threshold = await check_seedling_row(data)
    values = {**data.model_dump(), "age_code": threshold.age.code}
    return seedling_row_out(await _save(actor, "seedling", values, row_id))


async def confirm_row(actor: Actor, kind: str, row_id: int) -> dict[str, Any]:
    """A second person confirms a complete draft row against the standard's text."""
    table = table_of(kind)
    ensure_grading(actor)
    async with transaction():
        row = await _row(table, row_id)
        refusal = grading_rules.confirm_refusal(actor, row["state"], row["entered_by"])
        if refusal:
            raise Conflict(refusal)
        missing = incomplete(kind, row)
        if missing:
            raise RuleViolation(f"该行指标不全，请先依据标准文本补全后再确认：{missing}")
        if not (row["table_ref"] and row["row_ref"]):
            raise RuleViolation("请先填写该行在标准中的表号和行，再确认", field="table_ref")
        now = clock.now()
        changes = {"state": RowState.CONFIRMED, "confirmed_by": actor.user_id, "confirmed_at": now}
        # Only the version the confirmer looked at: a correction saved meanwhile wins.
        done = (
            await table.update(changes)
            .where(
                (table.id == row_id)
                & (table.state == RowState.DRAFT)
                & (table.updated_at == row["updated_at"])
            )
            .returning(table.id)
        )
        if not done:
            raise Conflict("该行刚被他人修改或确认，请刷新后核对")
        await audit.record(
            actor,
            f"grading:{kind}:confirm",
            f"{kind}_grading_row",
            row_id,
            before={"state": row["state"]},
            after={**changes, "reference": grading_rules.row_reference(row)},
        )
        return await _row(table, row_id)


async def set_row_active(actor: Actor, kind: str, row_id: int, active: bool) -> None:
    """Deactivate (or reactivate) a row: past inspections keep their snapshot."""
    ensure_grading(actor)
    table = table_of(kind)
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


def _preference(row: dict[str, Any]) -> tuple[int, int, int]:
    """Confirmed rows before drafts, the region's DB15/T before GB (facts §14), newest first."""
    draft = int(row["state"] != RowState.CONFIRMED)
    return (draft, 0 if row["standard"].startswith("DB15") else 1, -row["id"])


async def seed_row_for(species: str) -> dict[str, Any] | None:
    T = SeedGradingRow
    rows = await T.select().where((T.species == species) & T.active.eq(True)).output(load_json=True)
    usable = [r for r in rows if incomplete("seed", r) is None]
    return min(usable, key=_preference) if usable else None


async def seedling_row_for(
    species: str, seedling_type: str, age_code: str
) -> tuple[dict[str, Any] | None, bool]:
    """The row for species + 苗木种类 + 苗龄 (complete rows only), and whether the species has
    any usable rows at all."""
    T = SeedlingGradingRow
    rows = await T.select().where((T.species == species) & T.active.eq(True)).output(load_json=True)
    usable = [r for r in rows if incomplete("seedling", r) is None]
    matching = [
        r for r in usable if r["seedling_type"] == seedling_type and r["age_code"] == age_code
    ]
    return (min(matching, key=_preference) if matching else None), bool(usable)


GRADED_FIELDS = {
    "seed": ("species", "standard", "grade_min", "max_moisture"),
    "seedling": (
        *("species", "standard", "seedling_type", "age_code"),
        *("grade_I", "grade_II", "min_share_I_II"),
    ),
}


async def confirmed_basis(material: str, snapshot: dict[str, Any] | None) -> dict[str, Any]:
    """The confirmed row an inspection was graded against, as it stands now; refused (Chinese,
    naming the species and 苗龄) when the row is a draft, gone, or changed since the grading."""
    kind = "seed" if material == "seed" else "seedling"
    if not snapshot:
        raise Conflict("该检验没有依据分级标准数据评定等级，不能签发合格证")
    missing = grading_rules.missing_row_text(
        snapshot.get("species", ""), snapshot.get("seedling_type", ""), snapshot.get("age_code", "")
    )
    T = TABLES[kind]
    row = await T.select().where(T.id == snapshot.get("id")).first().output(load_json=True)
    if row is None or row["state"] != RowState.CONFIRMED:
        raise Conflict(missing)
    if any(row[k] != snapshot.get(k) for k in GRADED_FIELDS[kind]):
        raise Conflict("检验所依据的分级数据行已修改：请按确认后的数据重新检验，再签发合格证")
    return row


async def confirmed_ids(snapshots: list[dict[str, Any] | None]) -> frozenset[int]:
    """Which of these inspection snapshots' rows are confirmed now (one lot: one material, so
    one table; a seed row's snapshot has ``grade_min``)."""
    found = [s for s in snapshots if s and s.get("id") is not None]
    if not found:
        return frozenset()
    T = SeedGradingRow if "grade_min" in found[0] else SeedlingGradingRow
    ids = list({s["id"] for s in found})
    rows = await T.select(T.id).where(T.id.is_in(ids) & (T.state == RowState.CONFIRMED))
    return frozenset(r["id"] for r in rows)
