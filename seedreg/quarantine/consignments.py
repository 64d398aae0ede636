"""The consignment ledger: every consignment into or out of the league is one row of
``QuarantineCertificate`` — out: our 植物检疫证书 (issued or exchanged, ``services``); in: the
certificate another body issued, recorded by the 检疫员 with its arrival check (复检,
植物检疫条例 Art. 10). The 种苗站 sees monthly totals by species and origin, and inbound
consignments that needed an introduction approval and name none (兴署发〔2021〕6号 五(一),
``introductions.routing_rules``)."""

from __future__ import annotations

import secrets
from datetime import date, timedelta
from typing import Any

from seedreg.accounts.rules import Actor, Role
from seedreg.accounts.scope import in_jurisdiction
from seedreg.core import clock, paging
from seedreg.core.audit import services as audit
from seedreg.core.db import transaction
from seedreg.core.errors import Conflict, Forbidden, NotFound, RuleViolation
from seedreg.introductions.routing_rules import CHINA, Origin, route_introduction
from seedreg.lots.rules import Material
from seedreg.quarantine import services
from seedreg.quarantine.consignment_schemas import (
    ArrivalIn,
    ArrivalResult,
    InboundIn,
    InboundOut,
    MonthlyTotal,
)
from seedreg.quarantine.rules import CertificateState
from seedreg.quarantine.tables import ConsignmentItem, QuarantineCertificate

INBOUND, OUTBOUND = "in", "out"
DIRECTION_LABELS = {INBOUND: "调入", OUTBOUND: "调出"}
LEDGER_ROLES = (Role.SEED_STATION, Role.QUARANTINE_OFFICER, Role.ADMIN)
PAGE_SIZE = 20  # inbound consignments a page of the ledger (page and API)


def _route(row: dict[str, Any]) -> tuple[bool, str]:
    """Whether the origin needs an introduction approval, and who decides it."""
    abroad = not row["origin_division"]
    origin = Origin("XX" if abroad else CHINA, row["origin_division"])
    try:
        route = route_introduction(origin)
    except RuleViolation:  # an unknown code: ask for the approval rather than wave it through
        return True, ""
    return route.needs_application or route.refused, route.decided_by


async def record_inbound(actor: Actor, data: InboundIn) -> InboundOut:
    """The 检疫员 records a consignment arriving with another body's 植物检疫证书."""
    await services.ensure_signer(actor)
    org = await services.organisation_in_reach(actor, data.organisation_id)
    if not data.abroad and not data.origin_division:
        raise RuleViolation(
            "请填写调出地行政区划代码；境外调入的请勾选“从境外调入”", field="origin_division"
        )
    async with transaction():
        if await QuarantineCertificate.exists().where(
            QuarantineCertificate.number == data.certificate_number
        ):
            raise Conflict(f"植物检疫证书 {data.certificate_number} 已登记")
        row = QuarantineCertificate(
            number=data.certificate_number,
            public_id=secrets.token_urlsafe(12),
            organisation=org["id"],
            division_code=org["division_code"],
            issuing_division="",
            consignee=org["name"][:120],
            origin=data.origin,
            destination=data.destination,
            destination_division=org["division_code"],
            vehicle=data.vehicle,
            ships_on=data.arrives_on,
            inter_province=not data.origin_division.startswith("15"),
            findings="",
            inspector=None,
            inspector_name="",
            issued_on=data.arrives_on,
            valid_to=data.arrives_on,
            status=CertificateState.VALID,
            created_at=clock.now(),
            direction=INBOUND,
            carrier=data.carrier,
            introduction_ref=data.introduction_ref,
            origin_division="" if data.abroad else data.origin_division,
            issuer=data.issuer,
            lines=[line.model_dump() for line in data.lines],
        )
        await row.save()
        await audit.record(
            actor,
            "quarantine:consignment:inbound",
            services.CONSIGNMENT,
            row.id,
            after={"number": data.certificate_number, "origin": data.origin},
        )
    return await inbound(actor, row.id)


async def _inbound_row(actor: Actor, consignment_id: int) -> dict[str, Any]:
    row = (
        await QuarantineCertificate.select(
            *QuarantineCertificate.all_columns(),
            QuarantineCertificate.organisation.name.as_alias("organisation_name"),
        )
        .where(
            (QuarantineCertificate.id == consignment_id)
            & (QuarantineCertificate.direction == INBOUND)
            & in_jurisdiction(QuarantineCertificate.division_code, actor)
        )
        .first()
        .output(load_json=True)
    )
    if row is None or actor.role not in LEDGER_ROLES:
        raise NotFound("未找到该调入记录")
    return row


def _out(row: dict[str, Any]) -> InboundOut:
    needs, decided_by = _route(row)
    result = row["arrival_result"]
    return InboundOut(
        id=row["id"],
        certificate_number=row["number"],
        issuer=row["issuer"],
        organisation_name=row.get("organisation_name") or "",
        origin=row["origin"],
        origin_division=row["origin_division"],
        destination=row["destination"],
        arrives_on=row["ships_on"],
        vehicle=row["vehicle"],
        carrier=row["carrier"],
        introduction_ref=row["introduction_ref"],
        lines=row["lines"] or [],
        needs_approval=needs,
        approval_missing=needs and not row["introduction_ref"],
        approval_route=decided_by,
        arrival_result=result,
        arrival_result_label=ArrivalResult(result).label if result else "未复检",
        arrival_checked_on=row["arrival_checked_on"],
        arrival_note=row["arrival_note"],
    )


async def inbound(actor: Actor, consignment_id: int) -> InboundOut:
    return _out(await _inbound_row(actor, consignment_id))


async def arrival_check(actor: Actor, consignment_id: int, data: ArrivalIn) -> InboundOut:
    """复检 on arrival: pass, treat, destroy or return; recorded once."""
    await services.ensure_signer(actor)
    row = await _inbound_row(actor, consignment_id)
    async with transaction():
        done = (
            await QuarantineCertificate.update(
                {
                    QuarantineCertificate.arrival_result: data.result.value,
                    QuarantineCertificate.arrival_checked_on: clock.today(),
                    QuarantineCertificate.arrival_note: data.note,
                }
            )
            .where(
                (QuarantineCertificate.id == row["id"])
                & (QuarantineCertificate.arrival_result == "")
            )
            .returning(QuarantineCertificate.id)
        )
        if not done:
            raise Conflict("该批调入苗木已复检")
        await audit.record(
            actor,
            "quarantine:consignment:arrival",
            services.CONSIGNMENT,
            row["id"],
            after={"result": data.result.value},
        )
    return await inbound(actor, consignment_id)


def _ensure_ledger(actor: Actor) -> None:
    if actor.role not in LEDGER_ROLES:
        raise Forbidden("只有种苗站、检疫员和管理员可以查看调运台账")


def _inbound_reach(actor: Actor) -> list[Any]:
    QC = QuarantineCertificate
    return [QC.direction == INBOUND, in_jurisdiction(QC.division_code, actor)]


_INBOUND_COLUMNS = (
    *QuarantineCertificate.all_columns(),
    QuarantineCertificate.organisation.name.as_alias("organisation_name"),
)


async def inbound_list(
    actor: Actor, *, page: int = 1, per_page: int = PAGE_SIZE
) -> tuple[list[InboundOut], int]:
    """One page of the inbound consignments of the jurisdiction, latest shipped first, and
    how many there are."""
    _ensure_ledger(actor)
    QC = QuarantineCertificate
    rows, total = await paging.page_of(
        QC,
        _inbound_reach(actor),
        page=page,
        per_page=per_page,
        order_by=(QC.ships_on, QC.id),
        columns=_INBOUND_COLUMNS,
    )
    return [_out(r) for r in rows], total


async def flagged_inbound(actor: Actor) -> list[InboundOut]:
    """Every inbound consignment of the jurisdiction that needed an introduction approval and
    names none, latest shipped first (the leads' daily gathering must not miss an old one; the
    flag is the rules' reading of each row, so every row in reach is read)."""
    _ensure_ledger(actor)
    QC = QuarantineCertificate
    rows = (
        await QC.select(*_INBOUND_COLUMNS)
        .where(*_inbound_reach(actor))
        .order_by(QC.ships_on, ascending=False)
        .order_by(QC.id, ascending=False)
        .output(load_json=True)
    )
    return [f for f in (_out(r) for r in rows) if f.approval_missing]


def month_bounds(month: str) -> tuple[date, date]:
    """ "2026-12" → its first day and the first day of the next month."""
    try:
        start = date.fromisoformat(f"{month}-01")
    except ValueError:
        raise RuleViolation("月份格式应为 2026-12", field="month") from None
    return start, (start + timedelta(days=32)).replace(day=1)


async def monthly_totals(actor: Actor, month: str) -> list[MonthlyTotal]:
    """In and out of the month by species and origin (not revoked), in 株 or kg."""
    _ensure_ledger(actor)
    start, end = month_bounds(month)
    rows = (
        await QuarantineCertificate.select()
        .where(
            (QuarantineCertificate.ships_on >= start)
            & (QuarantineCertificate.ships_on < end)
            & (QuarantineCertificate.status == CertificateState.VALID)
            & in_jurisdiction(QuarantineCertificate.division_code, actor)
        )
        .output(load_json=True)
    )
    totals: dict[tuple[str, str, str, str], list[int]] = {}

    def add(key: tuple[str, str, str, str], quantity: int, consignment: int) -> None:
        entry = totals.setdefault(key, [0, 0, -1])
        entry[0] += quantity
        if entry[2] != consignment:
            entry[1], entry[2] = entry[1] + 1, consignment

    out_ids = [r["id"] for r in rows if r["direction"] == OUTBOUND]
    items = (
        await ConsignmentItem.select(
            ConsignmentItem.certificate,
            ConsignmentItem.quantity,
            ConsignmentItem.lot.species.as_alias("species"),
            ConsignmentItem.lot.material.as_alias("material"),
        ).where(ConsignmentItem.certificate.is_in(out_ids))
        if out_ids
        else []
    )
    origins = {r["id"]: r["origin"] for r in rows}
    for i in sorted(items, key=lambda x: x["certificate"]):
        material = Material(i["material"])
        unit, quantity = material.unit, i["quantity"]
        if material is Material.SEED:
            unit, quantity = "kg", quantity // 1000  # stored in g
        add((OUTBOUND, i["species"], origins[i["certificate"]], unit), quantity, i["certificate"])
    for r in rows:
        if r["direction"] == INBOUND:
            for line in r["lines"] or []:
                add(
                    (INBOUND, line["species"], r["origin"], line["unit"]), line["quantity"], r["id"]
                )
    return [
        MonthlyTotal(
            direction=d,
            direction_label=DIRECTION_LABELS[d],
            species=species,
            origin=origin,
            unit=unit,
            quantity=v[0],
            consignments=v[1],
        )
        for (d, species, origin, unit), v in sorted(totals.items())
    ]
