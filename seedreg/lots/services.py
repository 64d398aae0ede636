"""Lot (批次) use-cases: registration under a covering licence, lists, detail and recall."""

from __future__ import annotations

import secrets
from typing import Any

from piccolo.table import Table

from seedreg.accounts.rules import Actor, Role, covers_division, may_see_record
from seedreg.accounts.scope import in_jurisdiction
from seedreg.core import clock, paging
from seedreg.core.audit import services as audit
from seedreg.core.db import transaction
from seedreg.core.errors import Conflict, Forbidden, NotFound, RuleViolation
from seedreg.core.sequences import next_value
from seedreg.introductions import approvals as introductions
from seedreg.introductions.scope_rules import Unit
from seedreg.licensing.rules import LicenceStatus
from seedreg.licensing.tables import Licence
from seedreg.lots import rules
from seedreg.lots.outputs import lot_outs as _outs
from seedreg.lots.rules import LotStatus
from seedreg.lots.schemas import BaseLinkIn, LotCreate, LotOut, RecallIn, UseIn
from seedreg.lots.tables import Lot
from seedreg.notifications.services import notify_lot_recalled
from seedreg.nurseries import services as nurseries
from seedreg.organisations.tables import Organisation
from seedreg.reference.tables import Species

PAGE_SIZE = 20
NOT_FOUND = "未找到该批次"


async def load(actor: Actor, lot_id: int) -> dict[str, Any]:
    """The lot row if the actor may see it; otherwise NotFound (an outsider learns nothing)."""
    row: dict[str, Any] | None = (
        await Lot.select().where(Lot.id == lot_id).first().output(load_json=True)
    )
    if row is None or not may_see_record(
        actor, organisation_id=row["organisation"], division_code=row["division_code"]
    ):
        raise NotFound(NOT_FOUND)
    return row


async def load_lot_record(
    actor: Actor, table: type[Table], record_id: int, not_found: str
) -> tuple[dict[str, Any], dict[str, Any]]:
    """A record that belongs to a lot (inspection, certificate …) and its lot, if the actor
    may see the lot; otherwise NotFound with the record's own message."""
    key = table._meta.primary_key
    row = await table.select().where(key == record_id).first().output(load_json=True)
    if row is None:
        raise NotFound(not_found)
    try:
        lot = await load(actor, row["lot"])
    except NotFound:
        raise NotFound(not_found) from None
    return row, lot


def ensure_active(lot: dict[str, Any], doing: str) -> None:
    """A recalled lot gets no new inspections, certificates or labels."""
    if lot["status"] != LotStatus.ACTIVE:
        raise Conflict(f"该批次已召回，不能{doing}")


async def load_by_number(actor: Actor, number: str) -> dict[str, Any]:
    """The lot with this 批次号 (P260000006), if the actor may see it; otherwise NotFound."""
    row = await Lot.select(Lot.id).where(Lot.number == number.strip().upper()).first()
    if row is None:
        raise NotFound(NOT_FOUND)
    return await load(actor, row["id"])


async def get(actor: Actor, lot_id: int) -> LotOut:
    return (await _outs([await load(actor, lot_id)]))[0]


async def search(
    actor: Actor, *, species: str = "", status: str = "", page: int = 1
) -> tuple[list[LotOut], int]:
    """An operator's own lots, or the lots in an official's jurisdiction (latest first)."""
    if actor.role is Role.OPERATOR:
        clauses = [Lot.organisation == (actor.organisation_id or -1)]
    else:
        clauses = [in_jurisdiction(Lot.division_code, actor)]
    if species:
        clauses.append(Lot.species == species)
    if status in {s.value for s in LotStatus}:
        clauses.append(Lot.status == status)
    rows, total = await paging.page_of(Lot, clauses, page=page, per_page=PAGE_SIZE)
    return await _outs(rows), total


async def licence_choices(actor: Actor) -> list[dict[str, Any]]:
    """The operator's licences that are valid today, for the registration form."""
    if actor.role is not Role.OPERATOR:
        return []
    today = clock.today()
    return (
        await Licence.select()
        .where(
            (Licence.organisation == (actor.organisation_id or -1))
            & (Licence.status == LicenceStatus.VALID)
            & (Licence.valid_from <= today)
            & (Licence.valid_to >= today)
        )
        .order_by(Licence.id, ascending=False)
        .output(load_json=True)
    )


async def _species(name: str) -> dict[str, Any]:
    row = await Species.select().where(Species.name_zh == name).first()
    if row is None:
        raise RuleViolation(f"“{name}”不在树种名录中，请从名录中选择树种", field="species")
    return row


def _raise_first(problems: list[rules.Problem]) -> None:
    if problems:
        raise RuleViolation(
            "；".join(p.message for p in problems),
            field=problems[0].field,
            details={p.field: p.message for p in reversed(problems)},
        )


async def _introduction(
    actor: Actor,
    data: LotCreate,
    species: str,
    quantity: int,
    site: dict[str, Any] | None,
    org: dict[str, Any],
) -> str:
    """A lot from outside the league cites its approved introduction (issue 16), which the
    introductions service checks and draws the lot's quantity from, in this transaction."""
    if not data.introduction_number.strip():
        return ""
    seed = data.material is rules.Material.SEED
    return await introductions.draw_for_lot(
        actor,
        data.introduction_number,
        species=species,
        variety=data.variety,
        quantity=rules.from_base_units(data.material, quantity),
        unit=Unit.KG if seed else Unit.PLANTS,
        site_code=(site or {}).get("division_code") or org["division_code"],
        reference="",
        on=clock.today(),
    )


async def create(actor: Actor, data: LotCreate) -> LotOut:
    """Register a lot for the operator's own organisation under a licence that covers it."""
    if actor.role is not Role.OPERATOR or actor.organisation_id is None:
        raise Forbidden("只有生产经营者可以登记本单位的批次")
    try:
        quantity = rules.to_base_units(data.material, data.quantity)
    except ValueError as exc:
        raise RuleViolation(str(exc), field="quantity") from None
    if data.variety_right_number and not data.variety:
        raise RuleViolation(
            "填写品种权号的，须同时填写受保护的品种名称", field="variety_right_number"
        )
    species = await _species(data.species)
    licence = (
        await Licence.select().where(Licence.id == data.licence_id).first().output(load_json=True)
    )
    if licence is None:
        raise RuleViolation("该许可证不属于本单位", field="licence_id")
    own = data.source_kind is rules.SourceKind.OWN
    _raise_first(rules.source_problems(data.source_kind, data.model_dump()))
    site = data.production_site.model_dump() if data.production_site else None
    _raise_first(
        rules.coverage_problems(
            licence,
            organisation_id=actor.organisation_id,
            material=data.material.value,
            species=data.species,
            improved=data.improved,
            variety=data.variety,
            approval_number=data.approval_number,
            site=site,
            produced_on=data.produced_on,
            today=clock.today(),
            own=own,
        )
    )
    # The licence's own spelling of the site, so the lot prints what the licence says.
    if own:
        site = next(s for s in licence["production_sites"] if rules.site_problem(site, [s]) is None)
    source = {name: getattr(data, name) for name, _ in rules.SOURCE_FIELDS}
    base = (
        await nurseries.own_base(data.base_id, actor.organisation_id)
        if data.base_id is not None
        else None
    )
    org = await Organisation.select().where(Organisation.id == actor.organisation_id).first()
    if org is None:  # the account's organisation was deleted under it
        raise Forbidden("只有生产经营者可以登记本单位的批次")
    now, year = clock.now(), clock.today().year
    async with transaction():
        number = rules.lot_number(year, await next_value(f"lot:{year}"))
        introduction = await _introduction(actor, data, species["name_zh"], quantity, site, org)
        lot = Lot(
            number=number,
            public_id=secrets.token_urlsafe(12),
            organisation=org["id"],
            licence=licence["id"],
            division_code=org["division_code"],
            material=data.material,
            species=species["name_zh"],
            latin_name=species["latin_name"],
            variety=data.variety,
            improved=data.improved,
            approval_number=data.approval_number if data.improved else "",
            variety_right_number=data.variety_right_number,
            origin=data.origin,
            introduction_number=introduction,
            production_site=site if own else {},
            source_kind=data.source_kind,
            **source,
            nursery_base=base.name if base else data.nursery_base,
            base=base.id if base else None,
            produced_on=data.produced_on,
            quantity=quantity,
            labelled_quantity=0,
            suitable_area=data.suitable_area,
            suitable_season=data.suitable_season,
            instructions=data.instructions,
            status=LotStatus.ACTIVE,
            created_by=actor.user_id,
            created_at=now,
            updated_at=now,
        )
        await lot.save()
        await audit.record(
            actor,
            "lot:register",
            "lot",
            lot.id,
            after={
                "number": number,
                "licence": licence["number"],
                "species": species["name_zh"],
                "quantity": quantity,
                "source_kind": data.source_kind.value,
                **({k: v for k, v in source.items() if v} if not own else {}),
            },
        )
    return await get(actor, lot.id)


def may_fill_use(actor: Actor, lot: dict[str, Any]) -> bool:
    """The holder fills in its own lot's 使用说明 (it answers for them, Seed Law Art. 40)."""
    return (
        actor.role is Role.OPERATOR
        and lot["organisation"] == actor.organisation_id
        and lot["status"] == LotStatus.ACTIVE
    )


async def fill_use(actor: Actor, lot_id: int, data: UseIn) -> LotOut:
    """补填 the 使用说明 and suitable area and season of a lot registered without them. Labels
    already issued keep what they printed (their issue stored it)."""
    lot = await load(actor, lot_id)
    if not may_fill_use(actor, lot):
        raise Forbidden("只有生产经营者可以补填本单位未召回批次的使用说明")
    fields = data.model_dump()
    async with transaction():
        await Lot.update(
            {**{getattr(Lot, k): v for k, v in fields.items()}, Lot.updated_at: clock.now()}
        ).where(Lot.id == lot_id)
        await audit.record(
            actor,
            "lot:use",
            "lot",
            lot_id,
            before={k: lot[k] for k in fields},
            after=fields,
        )
    return await get(actor, lot_id)


def may_link_base(actor: Actor, lot: dict[str, Any]) -> bool:
    """The holder names which of its registered bases a lot came from."""
    return actor.role is Role.OPERATOR and lot["organisation"] == actor.organisation_id


async def link_base(actor: Actor, lot_id: int, data: BaseLinkIn) -> LotOut:
    """关联: the lot names a base of the register; the name typed before stays in the audit
    trail (before), so nothing typed is lost."""
    lot = await load(actor, lot_id)
    if not may_link_base(actor, lot):
        raise Forbidden("只有生产经营者可以为本单位的批次关联苗圃基地")
    base = await nurseries.own_base(data.base_id, lot["organisation"])
    async with transaction():
        await Lot.update(
            {Lot.base: base.id, Lot.nursery_base: base.name, Lot.updated_at: clock.now()}
        ).where(Lot.id == lot_id)
        await audit.record(
            actor,
            "lot:link_base",
            "lot",
            lot_id,
            before={"nursery_base": lot["nursery_base"], "base": lot["base"]},
            after={"nursery_base": base.name, "base": base.id},
        )
    return await get(actor, lot_id)


async def base_choices(actor: Actor) -> list[tuple[str, str]]:
    """The operator's registered bases as (id, name) for the lot forms."""
    if actor.organisation_id is None:
        return []
    rows = await nurseries.choices_for_organisation(actor.organisation_id)
    return [(str(b.id), b.name) for b in rows]


def may_recall(actor: Actor, lot: dict[str, Any]) -> bool:
    """The holder itself, or the 种苗站 whose jurisdiction covers the lot."""
    if actor.role is Role.OPERATOR:
        return bool(lot["organisation"] == actor.organisation_id)
    return (
        actor.role is Role.SEED_STATION
        and actor.jurisdiction is not None
        and covers_division(actor.jurisdiction, lot["division_code"])
    )


async def recall(actor: Actor, lot_id: int, data: RecallIn) -> LotOut:
    """召回: the lot is recalled and every valid label of it void, in one transaction."""
    # labels depends on lots; the import is here so that lots does not depend on labels
    from seedreg.labels.records import void_for_recall

    lot = await load(actor, lot_id)
    if not may_recall(actor, lot):
        raise Forbidden("只有生产经营者本人或辖区种苗站可以召回批次")
    ensure_active(lot, "再次召回")
    today = clock.today()
    async with transaction():
        done = (
            await Lot.update(
                {
                    Lot.status: LotStatus.RECALLED,
                    Lot.recall_reason: data.reason,
                    Lot.recalled_on: today,
                    Lot.labelled_quantity: 0,  # labelled = quantity on valid labels: none now
                    Lot.updated_at: clock.now(),
                }
            )
            .where((Lot.id == lot_id) & (Lot.status == LotStatus.ACTIVE))
            .returning(Lot.id)
        )
        if not done:
            raise Conflict("该批次已被召回，请刷新后查看")
        voided = await void_for_recall(lot_id, data.reason)
        await audit.record(
            actor,
            "lot:recall",
            "lot",
            lot_id,
            before={"status": lot["status"], "labelled_quantity": lot["labelled_quantity"]},
            after={
                "status": LotStatus.RECALLED.value,
                "reason": data.reason,
                "voided": voided,
            },
        )
        await notify_lot_recalled(
            lot["organisation"],
            lot["number"],
            lot["species"],
            today.isoformat(),
            voided,
            data.reason,
            f"/lots/{lot_id}",
        )
    return await get(actor, lot_id)
