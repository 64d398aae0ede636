"""Use-cases of the nursery-base register: register, change, confirm, list, and the lookups the
lots package calls (only this package writes nursery_base rows)."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from seedreg.accounts.rules import Actor, Role, covers_division
from seedreg.accounts.scope import in_jurisdiction
from seedreg.core import clock, paging
from seedreg.core.audit import services as audit
from seedreg.core.db import transaction
from seedreg.core.errors import Forbidden, NotFound, RuleViolation
from seedreg.nurseries import geometry, rules
from seedreg.nurseries.outputs import base_outs
from seedreg.nurseries.rules import BaseKind, BaseStatus
from seedreg.nurseries.schemas import BaseChoice, BaseIn, BaseOut
from seedreg.nurseries.tables import NurseryBase
from seedreg.organisations.tables import Organisation
from seedreg.reference import services as reference

NOT_FOUND = "未找到该苗圃基地"
PAGE_SIZE = 20  # bases a page of the list (page and API)
AUDITED = (
    "name",
    "kind",
    "organisation",
    "division_code",
    "address",
    "lat",
    "lon",
    "total_area_cmu",
    "production_area_cmu",
    "outline_area_cmu",
    "facilities",
    "stock",
    "annual_output",
    "duties",
    "status",
)


async def load(actor: Actor, base_id: int) -> dict[str, Any]:
    """The base's row if the actor may see it; otherwise NotFound (an outsider learns nothing)."""
    row: dict[str, Any] | None = (
        await NurseryBase.select().where(NurseryBase.id == base_id).first().output(load_json=True)
    )
    if row is None or not rules.may_see(actor, row):
        raise NotFound(NOT_FOUND)
    return row


async def get(actor: Actor, base_id: int) -> BaseOut:
    return (await base_outs([await load(actor, base_id)]))[0]


def _clauses(actor: Actor, kind: str, status: str) -> list[Any]:
    """An operator's own bases, or those in an official's jurisdiction; of a kind, a status."""
    clauses = [
        NurseryBase.organisation == (actor.organisation_id or -1)
        if actor.role is Role.OPERATOR
        else in_jurisdiction(NurseryBase.division_code, actor)
    ]
    if kind in {k.value for k in BaseKind}:
        clauses.append(NurseryBase.kind == kind)
    if status in {s.value for s in BaseStatus}:
        clauses.append(NurseryBase.status == status)
    return clauses


# by banner and name (the id settles equal names, so pages never overlap)
ORDER = (NurseryBase.division_code, NurseryBase.name, NurseryBase.id)


async def visible_rows(actor: Actor, *, kind: str = "", status: str = "") -> list[dict[str, Any]]:
    """Every base the actor may see (the map, the stock ledger, the import's lookups: the
    league has tens of bases, not thousands), by banner and name."""
    query = NurseryBase.select().where(*_clauses(actor, kind, status))
    for column in ORDER:
        query = query.order_by(column)
    rows: list[dict[str, Any]] = await query.output(load_json=True)
    return rows


async def search(
    actor: Actor, *, kind: str = "", status: str = "", page: int = 1, per_page: int = PAGE_SIZE
) -> tuple[list[BaseOut], int]:
    """One page of the bases the actor may see, by banner and name, and how many there are."""
    rows, total = await paging.page_of(
        NurseryBase,
        _clauses(actor, kind, status),
        page=page,
        per_page=per_page,
        order_by=ORDER,
        ascending=True,
    )
    return await base_outs(rows), total


async def every_base(actor: Actor, *, kind: str = "", status: str = "") -> list[BaseOut]:
    """Every base the list's filters match (the stock ledger's export)."""
    return await base_outs(await visible_rows(actor, kind=kind, status=status))


def _violation(exc: ValueError, field: str) -> RuleViolation:
    return RuleViolation(str(exc), field=field)


async def _organisation(actor: Actor, data: BaseIn) -> dict[str, Any]:
    """The operating organisation: the operator's own, or the one the 种苗站 names."""
    org_id = actor.organisation_id if actor.role is Role.OPERATOR else data.organisation_id
    if org_id is None:
        raise RuleViolation("请选择经营单位", field="organisation_id")
    org = await Organisation.select().where(Organisation.id == org_id).first()
    if org is None:
        raise RuleViolation("经营单位不存在", field="organisation_id")
    if actor.role is not Role.OPERATOR and not covers_division(
        actor.jurisdiction or "", org["division_code"]
    ):
        raise RuleViolation("经营单位不在您的管辖范围内", field="organisation_id")
    return org


async def organisation_options(actor: Actor) -> list[tuple[str, str]]:
    """The organisations the 种苗站 may register a base for: those of its jurisdiction."""
    if actor.role is Role.OPERATOR:
        return []
    rows = (
        await Organisation.select(Organisation.id, Organisation.name)
        .where(in_jurisdiction(Organisation.division_code, actor))
        .order_by(Organisation.name)
    )
    return [(str(r["id"]), r["name"]) for r in rows]


def _outline(data: BaseIn) -> dict[str, Any]:
    try:
        if data.outline_kml.strip():
            return geometry.from_kml(data.outline_kml.encode("utf-8"))
        if data.outline:
            return geometry.from_geojson(json.dumps(data.outline.model_dump()))
    except ValueError as exc:
        raise _violation(exc, "outline") from None
    return {}


def _areas(data: BaseIn) -> tuple[Decimal, Decimal]:
    try:
        total = rules.to_mu(data.total_area, data.area_unit)
        production = rules.to_mu(data.production_area, data.area_unit)
    except ValueError as exc:
        raise _violation(exc, "total_area") from None
    if production > total:
        raise RuleViolation("生产面积不能大于总面积", field="production_area")
    return total, production


def _stock(data: BaseIn) -> list[dict[str, Any]]:
    rows = []
    for number, item in enumerate(data.stock, start=1):
        try:
            row = rules.stock_row(
                item.species, item.age_code, item.grade, item.quantity, line_no=number
            )
        except ValueError as exc:
            raise _violation(exc, "stock") from None
        rows.append(row.__dict__)
    return rows


def _duties(data: BaseIn) -> list[dict[str, str]]:
    if data.duties and data.kind is not BaseKind.STATE:
        raise RuleViolation("只有国有林场苗圃/基地填写承担的任务", field="duties")
    seen: dict[str, str] = {d.duty.value: d.delivered for d in data.duties}
    return [{"duty": duty, "delivered": text} for duty, text in seen.items()]


async def _fields(actor: Actor, data: BaseIn) -> dict[str, Any]:
    """The row's values from the input, every rule checked; RuleViolation names the field."""
    org = await _organisation(actor, data)
    await reference.ensure_league_county(data.division_code)
    if actor.role is not Role.OPERATOR and not covers_division(
        actor.jurisdiction or "", data.division_code
    ):
        raise RuleViolation("所在旗县市不在您的管辖范围内", field="division_code")
    problem = rules.point_problem(data.lat, data.lon)
    if problem:
        raise RuleViolation(problem, field="lat")
    outline = _outline(data)
    total, production = _areas(data)
    return {
        "name": data.name,
        "kind": data.kind.value,
        "organisation": org["id"],
        "division_code": data.division_code,
        "address": data.address,
        "lat": round(data.lat, 6),
        "lon": round(data.lon, 6),
        "outline": outline,
        "outline_area_cmu": int(geometry.area_mu(outline) * 100) if outline else 0,
        "total_area_cmu": int(total * 100),
        "production_area_cmu": int(production * 100),
        "facilities": [f.value for f in rules.Facility if f in data.facilities],
        "stock": _stock(data),
        "annual_output": data.annual_output,
        "duties": _duties(data),
    }


async def create(actor: Actor, data: BaseIn) -> BaseOut:
    """Register a base: an operator its own (待确认), the 种苗站 one in its jurisdiction."""
    if not rules.may_create(actor):
        raise Forbidden("只有生产经营者（本单位）或种苗站可以登记苗圃基地")
    fields = await _fields(actor, data)
    now = clock.now()
    async with transaction():
        base = NurseryBase(
            **fields,
            status=BaseStatus.PENDING,
            created_by=actor.user_id,
            created_at=now,
            updated_at=now,
        )
        await base.save()
        await audit.record(
            actor,
            "nursery_base:register",
            "nursery_base",
            base.id,
            after={k: fields[k] for k in AUDITED if k in fields},
        )
    return await get(actor, base.id)


async def update(actor: Actor, base_id: int, data: BaseIn) -> BaseOut:
    """Change a base. An operator's change of a confirmed base sends it back to 待确认."""
    row = await load(actor, base_id)
    if "edit" not in rules.allowed_actions(actor, row):
        raise Forbidden("只有经营单位本身或辖区种苗站可以修改该苗圃基地")
    fields = await _fields(actor, data)
    if actor.role is Role.OPERATOR:
        fields["organisation"] = row["organisation"]  # an operator cannot hand a base away
    fields["status"] = rules.status_after_edit(actor, row["status"]).value
    async with transaction():
        await NurseryBase.update(
            {
                **{getattr(NurseryBase, k): v for k, v in fields.items()},
                NurseryBase.updated_at: clock.now(),
            }
        ).where(NurseryBase.id == base_id)
        changed = [k for k in AUDITED if row.get(k) != fields.get(k)]
        await audit.record(
            actor,
            "nursery_base:update",
            "nursery_base",
            base_id,
            before={k: row[k] for k in changed},
            after={k: fields[k] for k in changed},
        )
    return await get(actor, base_id)


async def confirm(actor: Actor, base_id: int) -> BaseOut:
    """The 种苗站 confirms a base it has checked (待确认 → 已确认)."""
    row = await load(actor, base_id)
    if "confirm" not in rules.allowed_actions(actor, row):
        raise Forbidden("只有辖区种苗站可以确认待确认的苗圃基地")
    async with transaction():
        done = (
            await NurseryBase.update(
                {
                    NurseryBase.status: BaseStatus.CONFIRMED,
                    NurseryBase.confirmed_by: actor.user_id,
                    NurseryBase.confirmed_at: clock.now(),
                }
            )
            .where((NurseryBase.id == base_id) & (NurseryBase.status == BaseStatus.PENDING))
            .returning(NurseryBase.id)
        )
        if not done:
            raise RuleViolation("该苗圃基地已确认，请刷新后查看")
        await audit.record(
            actor,
            "nursery_base:confirm",
            "nursery_base",
            base_id,
            before={"status": row["status"]},
            after={"status": BaseStatus.CONFIRMED.value},
        )
    return await get(actor, base_id)


# ---- lookups for lots -----------------------------------------------------------------------


async def choices_for_organisation(organisation_id: int) -> list[BaseChoice]:
    """The organisation's bases, for a lot's form."""
    rows = (
        await NurseryBase.select(NurseryBase.id, NurseryBase.name, NurseryBase.division_code)
        .where(NurseryBase.organisation == organisation_id)
        .order_by(NurseryBase.name)
    )
    return [BaseChoice(**r) for r in rows]


async def bases_for_inspection() -> list[dict[str, Any]]:
    """Every registered base with its operating organisation and banner, for an inspection
    plan's candidates (inspections reads the register through here)."""
    return list(
        await NurseryBase.select(
            NurseryBase.id,
            NurseryBase.name,
            NurseryBase.organisation,
            NurseryBase.division_code,
        ).order_by(NurseryBase.id)
    )


async def names(base_ids: list[int]) -> dict[int, str]:
    if not base_ids:
        return {}
    rows = await NurseryBase.select(NurseryBase.id, NurseryBase.name).where(
        NurseryBase.id.is_in(base_ids)
    )
    return {r["id"]: r["name"] for r in rows}


async def own_base(base_id: int, organisation_id: int) -> BaseChoice:
    """A base of this organisation, or RuleViolation on base_id (a lot names its own base)."""
    row = (
        await NurseryBase.select(NurseryBase.id, NurseryBase.name, NurseryBase.division_code)
        .where((NurseryBase.id == base_id) & (NurseryBase.organisation == organisation_id))
        .first()
    )
    if row is None:
        raise RuleViolation("请选择本单位登记的苗圃基地", field="base_id")
    return BaseChoice(**row)
