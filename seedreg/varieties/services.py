"""The 良种 register: search, read, and the admin's create, correct and stop order (audited).

Only this package writes improved_variety. Introductions, lots and labels read it through
``search``, ``get`` and ``find_by_number``; licensing's 台账 import through ``names_by_number``.
"""

from __future__ import annotations

from typing import Any

from piccolo.columns import Column

from seedreg.accounts.rules import Actor
from seedreg.core import clock
from seedreg.core import rulesettings as rs
from seedreg.core.audit import services as audit
from seedreg.core.db import transaction
from seedreg.core.errors import Conflict, Forbidden, NotFound, RuleViolation
from seedreg.reference import rules as divisions
from seedreg.reference.tables import Division, Species
from seedreg.varieties import rules
from seedreg.varieties.rule_settings import RECOGNITION_YEARS
from seedreg.varieties.schemas import StopIn, VarietyFilters, VarietyIn
from seedreg.varieties.tables import ImprovedVariety

SUBJECT = "improved_variety"
REFUSAL = "只有盟林草局管理员可以维护林木良种名录"


def ensure_keeper(actor: Actor) -> None:
    """Forbidden unless ``actor`` keeps the register (the league admin)."""
    if not rules.may_keep_register(actor):
        raise Forbidden(REFUSAL)


def _standing(row: dict[str, Any]) -> rules.Standing:
    return rules.Standing(rules.Kind(row["kind"]), row["valid_until"], row["stopped_on"])


def _codes(text: str) -> list[str]:
    return [c for c in text.split(",") if c]


def shown(row: dict[str, Any]) -> dict[str, Any]:
    """A register row with what pages and the API show beside the stored facts."""
    kind = rules.Kind(row["kind"])
    status = rules.status_on(_standing(row), clock.today())
    return {
        **row,
        "kind": kind,
        "kind_label": kind.label,
        "species_id": row["species"],
        "zone_codes": _codes(row["zone_codes"]),
        "body_name": rules.body_name(row["body_code"]),
        "status": status,
        "status_label": status.label,
        "number_warnings": rules.number_warnings(
            row["number"], kind=kind, body_code=row["body_code"], year=row["year"]
        ),
    }


async def search(filters: VarietyFilters) -> list[dict[str, Any]]:
    """The register, newest approvals first; by species (name contains) and status on today.
    The register holds tens of rows, so the status is worked out here rather than in SQL."""
    query = ImprovedVariety.select().order_by(ImprovedVariety.year, ascending=False)
    if filters.species:
        query = query.where(ImprovedVariety.species_name.like(f"%{filters.species}%"))
    rows = [shown(r) for r in await query.order_by(ImprovedVariety.id)]
    if filters.status is not None:
        rows = [r for r in rows if r["status"] is filters.status]
    return rows


async def get(variety_id: int) -> dict[str, Any]:
    row = await ImprovedVariety.select().where(ImprovedVariety.id == variety_id).first()
    if row is None:
        raise NotFound("未找到该良种")
    return shown(row)


async def find_by_number(number: str) -> dict[str, Any] | None:
    """The 良种 with this 审定/认定 number (as typed, spaces ignored), or None."""
    wanted = "".join(number.split())
    row = await ImprovedVariety.select().where(ImprovedVariety.number == wanted).first()
    return shown(row) if row else None


async def names_by_number() -> dict[str, tuple[str, str]]:
    """Every 良种's (树种, 品种) by its 审定/认定 number, in one query (an import checks each
    row's 良种 against it)."""
    rows = await ImprovedVariety.select(
        ImprovedVariety.number, ImprovedVariety.species_name, ImprovedVariety.variety_name
    )
    return {r["number"]: (r["species_name"], r["variety_name"]) for r in rows}


async def check(data: VarietyIn, variety_id: int | None = None) -> None:
    """The rules a row must meet before it is saved (also the import's preview): a known body
    and zone, a recognition's end, a number not registered twice."""
    if data.body_code != divisions.NATIONAL and (
        data.body_code[:2] not in divisions.MAINLAND_PROVINCES
        or data.body_code != divisions.province_code(data.body_code)
    ):
        raise RuleViolation("审定（认定）机关应为国家或一个省级行政区", field="body_code")
    known = {
        r["code"]
        for r in await Division.select(Division.code).where(Division.code.is_in(data.zone_codes))
    }
    unknown = [c for c in data.zone_codes if c not in known and c != divisions.NATIONAL]
    if unknown:
        raise RuleViolation(
            f"适宜种植区域代码 {'、'.join(unknown)} 不在行政区划名录中", field="zone_codes"
        )
    if data.valid_until is not None and data.valid_until.year < data.year:
        raise RuleViolation("认定有效期至不能早于认定年份", field="valid_until")
    if data.kind is rules.Kind.APPROVAL and data.valid_until is not None:
        raise RuleViolation("审定的良种没有有效期，请留空“认定有效期至”", field="valid_until")
    clash = ImprovedVariety.exists().where(ImprovedVariety.number == _number(data))
    if variety_id is not None:
        clash = clash.where(ImprovedVariety.id != variety_id)
    if await clash:
        raise Conflict(f"编号 {data.number} 已在良种名录中", field="number")


def _number(data: VarietyIn) -> str:
    return "".join(data.number.split())


async def _values(data: VarietyIn) -> dict[str, Any]:
    species = await Species.select(Species.id).where(Species.name_zh == data.species_name).first()
    values = data.model_dump(exclude={"zone_codes"})
    values.update(
        number=_number(data),
        species=species["id"] if species else None,
        zone_codes=",".join(data.zone_codes),
        valid_until_assumed=False,
    )
    if data.kind is rules.Kind.RECOGNITION and data.valid_until is None:
        years = await rs.value(RECOGNITION_YEARS)
        values["valid_until"] = rules.recognition_default_end(data.year, years)
        values["valid_until_assumed"] = True
    return values


async def create(actor: Actor, data: VarietyIn) -> dict[str, Any]:
    """Register a 良种 (league admin); audited. Raises Forbidden, Conflict, RuleViolation."""
    ensure_keeper(actor)
    async with transaction():
        await check(data)
        now = clock.now()
        row = ImprovedVariety(**await _values(data), created_at=now, updated_at=now)
        await row.save()
        after = await get(row.id)
        await audit.record(actor, "variety:create", SUBJECT, row.id, after=_trail(after))
    return after


async def update(actor: Actor, variety_id: int, data: VarietyIn) -> dict[str, Any]:
    """Correct a 良种's facts (league admin); a stop order stays as it was. Audited."""
    ensure_keeper(actor)
    async with transaction():
        before = await get(variety_id)
        await check(data, variety_id)
        values: dict[Column | str, Any] = {"updated_at": clock.now()}
        for key, value in (await _values(data)).items():
            values[key] = value
        await ImprovedVariety.update(values).where(ImprovedVariety.id == variety_id)
        after = await get(variety_id)
        await audit.record(
            actor, "variety:update", SUBJECT, variety_id, before=_trail(before), after=_trail(after)
        )
    return after


async def stop(actor: Actor, variety_id: int, data: StopIn) -> dict[str, Any]:
    """Record a stop order (停止推广): from ``stopped_on`` the 良种 may not be promoted or sold
    as one (种子法第七十七条第一款第三项). Once only; audited."""
    ensure_keeper(actor)
    async with transaction():
        before = await get(variety_id)
        if before["stopped_on"] is not None:
            raise Conflict("该良种已登记停止推广")
        if data.stopped_on.year < before["year"]:
            raise RuleViolation("停止推广日期不能早于审定（认定）年份", field="stopped_on")
        values: dict[Column | str, Any] = {
            ImprovedVariety.stopped_on: data.stopped_on,
            ImprovedVariety.stop_document: data.document,
            ImprovedVariety.stop_reason: data.reason,
            ImprovedVariety.updated_at: clock.now(),
        }
        await ImprovedVariety.update(values).where(ImprovedVariety.id == variety_id)
        after = await get(variety_id)
        await audit.record(
            actor, "variety:stop", SUBJECT, variety_id, before=_trail(before), after=_trail(after)
        )
    return after


def _trail(row: dict[str, Any]) -> dict[str, Any]:
    """What the audit trail keeps of a row: its stored facts and status, no derived text."""
    keep = (
        "number",
        "kind",
        "species_name",
        "variety_name",
        "breeder",
        "body_code",
        "year",
        "zone_codes",
        "zone_text",
        "valid_until",
        "stopped_on",
        "stop_document",
        "stop_reason",
        "status",
    )
    return {k: row[k] for k in keep}
