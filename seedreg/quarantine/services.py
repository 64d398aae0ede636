"""Quarantine use-cases: 产地检疫合格证 and 植物检疫证书 — issue (full-time 检疫员 only),
exchange without re-inspection, revocation, detail. Lists, output and the public verification
are in ``records``."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import date
from typing import Any

from seedreg.accounts.rules import Actor, Role, may_see_record
from seedreg.accounts.tables import User
from seedreg.core import clock
from seedreg.core import rulesettings as rs
from seedreg.core.audit import services as audit
from seedreg.core.db import fetch, is_sqlite, transaction
from seedreg.core.errors import Forbidden, NotFound, RuleViolation
from seedreg.core.sequences import next_value
from seedreg.lots.rules import LotStatus, Material, show_quantity, to_base_units
from seedreg.lots.tables import Lot
from seedreg.organisations.tables import Organisation
from seedreg.quarantine import rules
from seedreg.quarantine.coverage import certified
from seedreg.quarantine.draws import draw_from_site
from seedreg.quarantine.records import consignment_outs, lot_line, site_outs
from seedreg.quarantine.rule_settings import (
    CONSIGNMENT_CERTIFICATE_VALID_DAYS,
    SITE_CERTIFICATE_VALID_DAYS,
)
from seedreg.quarantine.rules import CertificateState, Kind, LotFacts
from seedreg.quarantine.schemas import (
    ConsignmentBase,
    ConsignmentCertificateOut,
    ConsignmentIn,
    ExchangeIn,
    SiteCertificateIn,
    SiteCertificateOut,
)
from seedreg.quarantine.tables import (
    ConsignmentItem,
    QuarantineCertificate,
    SiteQuarantineCertificate,
    SiteQuarantineLot,
)
from seedreg.reference import services as reference

PAGE_SIZE = 20
NOT_FOUND = "未找到该检疫证书"
ORG_NOT_FOUND = "未找到该生产经营者"
SITE, CONSIGNMENT = "site_quarantine_certificate", "quarantine_certificate"  # audit subjects


# --- who signs, for whom ------------------------------------------------------------------------


async def ensure_signer(actor: Actor) -> dict[str, Any]:
    """The signing 检疫员's account row. The full-time flag is read from the row, not the
    session, so a change by the administrator applies at once."""
    if actor.role is not Role.QUARANTINE_OFFICER:
        raise Forbidden("只有检疫员可以签发或撤销检疫证书")
    row = await User.select().where(User.id == actor.user_id).first()
    problem = rules.signing_problem(
        row["role"] if row else "",
        bool(row and row["full_time_quarantine"]),
        bool(row and row["active"]),
    )
    if problem or row is None:
        raise Forbidden(problem or "只有检疫员可以签发或撤销检疫证书")
    return row


async def _named_signer(actor: Actor) -> dict[str, Any]:
    """The signer of a new certificate, who must be on file by name and qualification number."""
    row = await ensure_signer(actor)
    if problem := rules.identity_problem(row["real_name"], row["qualification_number"]):
        raise RuleViolation(problem)
    return row


async def organisation_in_reach(actor: Actor, organisation_id: int) -> dict[str, Any]:
    """An organisation in the actor's jurisdiction; NotFound for any other."""
    row = await Organisation.select().where(Organisation.id == organisation_id).first()
    if row is None or not may_see_record(
        actor, organisation_id=row["id"], division_code=row["division_code"]
    ):
        raise NotFound(ORG_NOT_FOUND, field="organisation_id")
    return row


async def _lock_lots(lot_ids: list[int]) -> None:
    # SQLite already holds the write lock (BEGIN IMMEDIATE); PostgreSQL locks the lots so two
    # certificates for one lot cannot both pass the quantity check.
    if not is_sqlite() and lot_ids:
        await fetch("SELECT id FROM lot WHERE id = ANY({}) ORDER BY id FOR UPDATE", lot_ids)


async def _lot_facts(lot_ids: Iterable[int], organisation_id: int) -> dict[int, dict[str, Any]]:
    """The lots by id, each checked with ``rules.lot_problem``; unknown ids are refused."""
    ids = sorted(set(lot_ids))
    rows = await Lot.select().where(Lot.id.is_in(ids)) if ids else []
    found = {r["id"]: r for r in rows}
    for lot_id in ids:
        row = found.get(lot_id)
        if row is None:
            raise RuleViolation(f"未找到批次（编号 {lot_id}）", field="lot_ids")
        if problem := rules.lot_problem(_facts(row), organisation_id):
            raise RuleViolation(problem, field="lot_ids")
    return found


def _facts(row: dict[str, Any]) -> LotFacts:
    return LotFacts(
        id=row["id"],
        number=row["number"],
        organisation=row["organisation"],
        status=row["status"],
        material=row["material"],
        quantity=row["quantity"],
    )


async def _number(kind: Kind, division: str, on: date) -> str:
    seq = await next_value(rules.sequence_name(kind, division, on.year))
    return rules.certificate_number(kind, division, on.year, seq)


# --- 产地检疫合格证 ---------------------------------------------------------------------------


async def issue_site(actor: Actor, data: SiteCertificateIn) -> SiteCertificateOut:
    """Record a production-site quarantine and issue its 产地检疫合格证."""
    signer = await _named_signer(actor)
    org = await organisation_in_reach(actor, data.organisation_id)
    today = clock.today()
    if problem := rules.inspected_on_problem(data.inspected_on, today):
        raise RuleViolation(problem, field="inspected_on")
    async with transaction():
        await _lock_lots(data.lot_ids)
        await _lot_facts(data.lot_ids, org["id"])
        cert = SiteQuarantineCertificate(
            number=await _number(Kind.SITE, org["division_code"], today),
            public_id=secrets.token_urlsafe(12),
            organisation=org["id"],
            division_code=org["division_code"],
            issuing_division=actor.jurisdiction or "",
            production_site=data.production_site,
            inspected_on=data.inspected_on,
            findings=data.findings,
            inspector=signer["id"],
            inspector_name=signer["real_name"],
            inspector_qualification=signer["qualification_number"],
            issued_on=today,
            valid_to=rules.valid_to(today, await rs.value(SITE_CERTIFICATE_VALID_DAYS)),
            status=CertificateState.VALID,
            created_at=clock.now(),
        )
        await cert.save()
        await SiteQuarantineLot.insert(
            *[SiteQuarantineLot(certificate=cert.id, lot=i) for i in sorted(set(data.lot_ids))]
        )
        await audit.record(
            actor,
            "quarantine:site:issue",
            SITE,
            cert.id,
            after={"number": cert.number, "lots": sorted(set(data.lot_ids))},
        )
    return await get_site(actor, cert.id)


async def site_row(actor: Actor, certificate_id: int) -> dict[str, Any]:
    row = (
        await SiteQuarantineCertificate.select()
        .where(SiteQuarantineCertificate.id == certificate_id)
        .first()
    )
    if row is None or not may_see_record(
        actor, organisation_id=row["organisation"], division_code=row["division_code"]
    ):
        raise NotFound(NOT_FOUND)
    return row


async def get_site(actor: Actor, certificate_id: int) -> SiteCertificateOut:
    return (await site_outs([await site_row(actor, certificate_id)]))[0]


# --- 植物检疫证书 -----------------------------------------------------------------------------


async def issue_consignment(
    actor: Actor, data: ConsignmentIn, request: int | None = None
) -> ConsignmentCertificateOut:
    """Inspect a consignment and issue its 植物检疫证书 (one per vehicle); ``request`` is the
    调运检疫报检 it answers, if any."""
    signer = await _named_signer(actor)
    org = await organisation_in_reach(actor, data.organisation_id)
    cert_id = await _create_consignment(actor, signer, org, data, data.findings, None, request)
    return await get_consignment(actor, cert_id)


async def exchange(
    actor: Actor, site_id: int, data: ExchangeIn, request: int | None = None
) -> ConsignmentCertificateOut:
    """换发: a 植物检疫证书 from a valid 产地检疫合格证, without re-inspection, for lots it
    covers."""
    signer = await _named_signer(actor)
    site = await site_row(actor, site_id)
    if problem := rules.exchange_problem(site["status"], site["valid_to"], clock.today()):
        raise RuleViolation(problem)
    covered = await SiteQuarantineLot.select(SiteQuarantineLot.lot).where(
        SiteQuarantineLot.certificate == site_id
    )
    outside = rules.uncovered_lots([i.lot_id for i in data.items], [r["lot"] for r in covered])
    if outside:
        raise RuleViolation(
            f"产地检疫合格证 {site['number']} 未覆盖所选批次，不能凭此证换发", field="items"
        )
    org = await organisation_in_reach(actor, site["organisation"])
    findings = rules.exchange_findings(site["number"], site["findings"])
    cert_id = await _create_consignment(actor, signer, org, data, findings, site, request)
    return await get_consignment(actor, cert_id)


def _consignment_checks(data: ConsignmentBase, today: date, last_day: date) -> None:
    if problem := rules.destination_problem(data.destination_division):
        raise RuleViolation(problem, field="destination_division")
    if problem := rules.requirement_problem(data.destination_division, data.requirement_number):
        raise RuleViolation(problem, field="requirement_number")
    if problem := rules.ships_on_problem(data.ships_on, today, last_day):
        raise RuleViolation(problem, field="ships_on")


def _base_items(
    data: ConsignmentBase, lots: dict[int, dict[str, Any]]
) -> list[tuple[int, int, str]]:
    """(lot id, quantity in g or 株, packing) per item, converted from kg or 株 as entered."""
    items = []
    for item in data.items:
        lot = lots[item.lot_id]
        try:
            quantity = to_base_units(Material(lot["material"]), item.quantity)
        except ValueError as exc:
            raise RuleViolation(f"批次 {lot['number']}：{exc}", field="items") from None
        items.append((item.lot_id, quantity, item.packing))
    return items


async def _recheck_site(site: dict[str, Any], today: date) -> None:
    """Inside the transaction: the site certificate is still valid (a revocation running at
    the same moment waits for, or is seen by, this check)."""
    if not is_sqlite():
        await fetch(
            "SELECT id FROM site_quarantine_certificate WHERE id = {} FOR UPDATE", site["id"]
        )
    row = (
        await SiteQuarantineCertificate.select(
            SiteQuarantineCertificate.status, SiteQuarantineCertificate.valid_to
        )
        .where(SiteQuarantineCertificate.id == site["id"])
        .first()
    )
    if row is None:
        raise NotFound(NOT_FOUND)
    if problem := rules.exchange_problem(row["status"], row["valid_to"], today):
        raise RuleViolation(problem)


async def _create_consignment(
    actor: Actor,
    signer: dict[str, Any],
    org: dict[str, Any],
    data: ConsignmentBase,
    findings: str,
    site: dict[str, Any] | None,
    request: int | None = None,
) -> int:
    today = clock.today()
    last_day = rules.valid_to(today, await rs.value(CONSIGNMENT_CERTIFICATE_VALID_DAYS))
    _consignment_checks(data, today, last_day)
    if not rules.is_inter_province(data.destination_division):  # picked from the reference
        await reference.ensure_division(data.destination_division, "destination_division")
    lot_ids = sorted({i.lot_id for i in data.items})
    async with transaction():
        if site:
            await _recheck_site(site, today)
        await _lock_lots(lot_ids)
        lots = await _lot_facts(lot_ids, org["id"])
        items = _base_items(data, lots)
        facts = {i: _facts(r) for i, r in lots.items()}
        wanted = [(lot_id, quantity) for lot_id, quantity, _ in items]
        if problems := rules.quantity_problems(wanted, facts, await certified(lot_ids)):
            raise RuleViolation("；".join(problems), field="items")
        cert = QuarantineCertificate(
            number=await _number(Kind.CONSIGNMENT, org["division_code"], today),
            public_id=secrets.token_urlsafe(12),
            organisation=org["id"],
            division_code=org["division_code"],
            issuing_division=actor.jurisdiction or "",
            consignee=data.consignee,
            consignee_address=data.consignee_address,
            origin=data.origin,
            destination=data.destination,
            destination_division=data.destination_division,
            via=data.via,
            vehicle=data.vehicle,
            ships_on=data.ships_on,
            inter_province=rules.is_inter_province(data.destination_division),
            requirement_number=data.requirement_number,
            carrier=data.carrier,
            introduction_ref=data.introduction_ref,
            request=request,
            exchanged_from=site["id"] if site else None,
            findings=findings,
            inspector=signer["id"],
            inspector_name=signer["real_name"],
            inspector_qualification=signer["qualification_number"],
            issued_on=today,
            valid_to=last_day,
            status=CertificateState.VALID,
            created_at=clock.now(),
        )
        await cert.save()
        await ConsignmentItem.insert(
            *[
                ConsignmentItem(certificate=cert.id, lot=lot_id, quantity=q, packing=packing)
                for lot_id, q, packing in items
            ]
        )
        if site:
            await draw_from_site(site["id"], wanted, lots)
        await audit.record(
            actor,
            "quarantine:consignment:exchange" if site else "quarantine:consignment:issue",
            CONSIGNMENT,
            cert.id,
            after={
                "number": cert.number,
                "items": [list(i) for i in wanted],
                "destination_division": data.destination_division,
                "exchanged_from": site["number"] if site else None,
            },
        )
    return cert.id


async def consignment_row(actor: Actor, certificate_id: int) -> dict[str, Any]:
    row = (
        await QuarantineCertificate.select()
        .where(
            (QuarantineCertificate.id == certificate_id)
            & (QuarantineCertificate.direction == "out")
        )
        .first()
    )
    if row is None or not may_see_record(
        actor, organisation_id=row["organisation"], division_code=row["division_code"]
    ):
        raise NotFound(NOT_FOUND)
    return row


async def get_consignment(actor: Actor, certificate_id: int) -> ConsignmentCertificateOut:
    return (await consignment_outs([await consignment_row(actor, certificate_id)]))[0]


async def lot_choices(actor: Actor, organisation_id: int) -> list[dict[str, Any]]:
    """The organisation's active lots with what is still uncertified, for the issuing forms."""
    org = await organisation_in_reach(actor, organisation_id)
    rows = (
        await Lot.select()
        .where((Lot.organisation == org["id"]) & (Lot.status == LotStatus.ACTIVE))
        .order_by(Lot.id, ascending=False)
        .limit(200)
    )
    done = await certified([r["id"] for r in rows]) if rows else {}
    return [
        {
            **lot_line(r, r["quantity"]).model_dump(),
            "unit": Material(r["material"]).unit,
            "available": show_quantity(
                Material(r["material"]), max(r["quantity"] - done.get(r["id"], 0), 0)
            ),
        }
        for r in rows
    ]
