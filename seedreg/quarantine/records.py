"""Quarantine certificates read back: the certificate labels use for a lot, lists, what the
API and pages show (``LotLine``s, masked names), and the public verification."""

from __future__ import annotations

from datetime import date
from typing import Any

from seedreg.accounts.rules import Actor, Role
from seedreg.accounts.scope import in_jurisdiction
from seedreg.core import clock, paging
from seedreg.core.errors import NotFound
from seedreg.lots.rules import Material, show_quantity
from seedreg.organisations.rules import OrganisationKind, mask_person_name
from seedreg.organisations.tables import Organisation
from seedreg.quarantine import rules
from seedreg.quarantine.rules import CertificateState, Kind
from seedreg.quarantine.schemas import (
    ConsignmentCertificateOut,
    LotLine,
    PublicCertificate,
    PublicLine,
    SiteCertificateOut,
)
from seedreg.quarantine.tables import (
    ConsignmentItem,
    QuarantineCertificate,
    SiteQuarantineCertificate,
    SiteQuarantineLot,
)
from seedreg.reference import authorities
from seedreg.reference import services as reference
from seedreg.reference.authorities import AuthorityKind
from seedreg.settings import get_settings

PAGE_SIZE = 20
NOT_FOUND = "未找到该检疫证书"


# --- for labels -------------------------------------------------------------------------------


async def current_certificate_for_lot(lot_id: int, on: date) -> dict[str, Any] | None:
    """A certificate valid on ``on`` that covers the lot: a 产地检疫合格证 listing it, else a
    植物检疫证书 with an item for it (the one valid longest of each kind).

    Returns ``{"kind": "site" | "consignment", "id", "number", "valid_to"}`` or None.
    """
    site_ids = SiteQuarantineLot.select(SiteQuarantineLot.certificate).where(
        SiteQuarantineLot.lot == lot_id
    )
    site = await (
        SiteQuarantineCertificate.select(
            SiteQuarantineCertificate.id,
            SiteQuarantineCertificate.number,
            SiteQuarantineCertificate.valid_to,
        )
        .where(
            SiteQuarantineCertificate.id.is_in(site_ids),
            SiteQuarantineCertificate.status == CertificateState.VALID,
            SiteQuarantineCertificate.issued_on <= on,
            SiteQuarantineCertificate.valid_to >= on,
        )
        .order_by(SiteQuarantineCertificate.valid_to, ascending=False)
        .first()
    )
    if site is not None:
        return {"kind": "site", **site}
    consignment_ids = ConsignmentItem.select(ConsignmentItem.certificate).where(
        ConsignmentItem.lot == lot_id
    )
    consignment = await (
        QuarantineCertificate.select(
            QuarantineCertificate.id, QuarantineCertificate.number, QuarantineCertificate.valid_to
        )
        .where(
            QuarantineCertificate.id.is_in(consignment_ids),
            QuarantineCertificate.status == CertificateState.VALID,
            QuarantineCertificate.issued_on <= on,
            QuarantineCertificate.valid_to >= on,
        )
        .order_by(QuarantineCertificate.valid_to, ascending=False)
        .first()
    )
    if consignment is not None:
        return {"kind": "consignment", **consignment}
    return None


# --- lists ------------------------------------------------------------------------------------


def _scope(actor: Actor, table: Any) -> Any:
    mine = (
        table.organisation == (actor.organisation_id or -1)
        if actor.role is Role.OPERATOR
        else in_jurisdiction(table.division_code, actor)
    )
    if table is QuarantineCertificate:  # ours: inbound ones carry another body's certificate
        return mine & (table.direction == "out")
    return mine


def _state_clause(table: Any, state: str, today: date) -> Any | None:
    if state == CertificateState.REVOKED:
        return table.status == CertificateState.REVOKED
    if state == CertificateState.VALID:
        return (table.status == CertificateState.VALID) & (table.valid_to >= today)
    if state == CertificateState.EXPIRED:
        return (table.status == CertificateState.VALID) & (table.valid_to < today)
    return None


async def _page(actor: Actor, table: Any, state: str, page: int) -> tuple[list[dict], int]:
    clauses = [_scope(actor, table)]
    if (clause := _state_clause(table, state, clock.today())) is not None:
        clauses.append(clause)
    return await paging.page_of(table, clauses, page=page, per_page=PAGE_SIZE)


async def search_site(
    actor: Actor, *, state: str = "", page: int = 1
) -> tuple[list[SiteCertificateOut], int]:
    """An operator's own certificates, or those in an official's jurisdiction (latest first)."""
    rows, total = await _page(actor, SiteQuarantineCertificate, state, page)
    return await site_outs(rows), total


async def search_consignments(
    actor: Actor, *, state: str = "", page: int = 1
) -> tuple[list[ConsignmentCertificateOut], int]:
    rows, total = await _page(actor, QuarantineCertificate, state, page)
    return await consignment_outs(rows), total


async def site_lot_ids(certificate_id: int) -> list[int]:
    rows = await SiteQuarantineLot.select(SiteQuarantineLot.lot).where(
        SiteQuarantineLot.certificate == certificate_id
    )
    return [r["lot"] for r in rows]


# --- output -----------------------------------------------------------------------------------


def lot_line(lot: dict[str, Any], quantity: int, packing: str = "") -> LotLine:
    material = Material(lot["material"])
    return LotLine(
        lot_id=lot["id"],
        lot_number=lot["number"],
        species=lot["species"],
        variety=lot["variety"],
        material=material.value,
        material_label=material.label,
        quantity=show_quantity(material, quantity),
        packing=packing,
    )


async def _context(rows: list[dict[str, Any]]) -> tuple[dict[int, str], dict[str, str]]:
    """Organisation names, and division codes with their names plus, under ``"station:"+code``,
    the name of that division's quarantine station (内蒙古 实施办法: stations at region, league
    and banner level), as the admin entered it."""
    org_ids = list({r["organisation"] for r in rows}) or [-1]
    orgs = await Organisation.select(Organisation.id, Organisation.name).where(
        Organisation.id.is_in(org_ids)
    )
    stations = await authorities.names(AuthorityKind.QUARANTINE_STATION)
    names = {
        **await reference.division_names(),
        **{f"station:{code}": name for code, name in stations.items()},
    }
    return {o["id"]: o["name"] for o in orgs}, names


def _verify_url(public_id: str) -> str:
    return f"{get_settings().public_base_url}/verify/quarantine/{public_id}"


def _common(row: dict[str, Any], orgs: dict[int, str], names: dict[str, str]) -> dict[str, Any]:
    state = rules.state_on(row["status"], row["valid_to"], clock.today())
    issuing = row["issuing_division"] or row["division_code"]
    return {
        "id": row["id"],
        "number": row["number"],
        "public_id": row["public_id"],
        "organisation_id": row["organisation"],
        "organisation_name": orgs.get(row["organisation"], ""),
        "division_code": row["division_code"],
        "division_name": names.get(row["division_code"], row["division_code"]),
        "issuing_authority": names.get(f"station:{issuing}")
        or f"{names.get(issuing, issuing)}{AuthorityKind.QUARANTINE_STATION.label}",
        "findings": row["findings"],
        "inspector_name": row["inspector_name"],
        "inspector_qualification": row["inspector_qualification"],
        "issued_on": row["issued_on"],
        "valid_to": row["valid_to"],
        "state": state,
        "state_label": state.label,
        "status_reason": row["status_reason"],
        "verify_url": _verify_url(row["public_id"]),
        "created_at": row["created_at"],
    }


async def site_outs(rows: list[dict[str, Any]]) -> list[SiteCertificateOut]:
    if not rows:
        return []
    orgs, names = await _context(rows)
    links = await SiteQuarantineLot.select(
        SiteQuarantineLot.certificate, *SiteQuarantineLot.lot.all_columns()
    ).where(SiteQuarantineLot.certificate.is_in([r["id"] for r in rows]))
    lots: dict[int, list[LotLine]] = {}
    for link in links:
        lot = {k.removeprefix("lot."): v for k, v in link.items() if k.startswith("lot.")}
        lots.setdefault(link["certificate"], []).append(lot_line(lot, lot["quantity"]))
    return [
        SiteCertificateOut(
            kind_label=Kind.SITE.label,
            production_site=r["production_site"],
            inspected_on=r["inspected_on"],
            lots=sorted(lots.get(r["id"], []), key=lambda line: line.lot_number),
            **_common(r, orgs, names),
        )
        for r in rows
    ]


async def consignment_outs(rows: list[dict[str, Any]]) -> list[ConsignmentCertificateOut]:
    if not rows:
        return []
    orgs, names = await _context(rows)
    ids = [r["id"] for r in rows]
    items = await ConsignmentItem.select(
        ConsignmentItem.id,
        ConsignmentItem.certificate,
        ConsignmentItem.quantity,
        ConsignmentItem.packing,
        *ConsignmentItem.lot.all_columns(),
    ).where(ConsignmentItem.certificate.is_in(ids))
    lines: dict[int, list[LotLine]] = {}
    for item in sorted(items, key=lambda i: i["id"]):
        lot = {k.removeprefix("lot."): v for k, v in item.items() if k.startswith("lot.")}
        line = lot_line(lot, item["quantity"], item["packing"])
        lines.setdefault(item["certificate"], []).append(line)
    site_ids = [r["exchanged_from"] for r in rows if r["exchanged_from"]]
    sites = {
        s["id"]: s["number"]
        for s in (
            await SiteQuarantineCertificate.select(
                SiteQuarantineCertificate.id, SiteQuarantineCertificate.number
            ).where(SiteQuarantineCertificate.id.is_in(site_ids))
            if site_ids
            else []
        )
    }
    return [
        ConsignmentCertificateOut(
            kind_label=Kind.CONSIGNMENT.label,
            consignee=r["consignee"],
            consignee_address=r["consignee_address"],
            origin=r["origin"],
            destination=r["destination"],
            destination_division=r["destination_division"],
            destination_province=rules.province_name(r["destination_division"]),
            via=r["via"],
            vehicle=r["vehicle"],
            ships_on=r["ships_on"],
            inter_province=r["inter_province"],
            requirement_number=r["requirement_number"],
            exchanged_from_id=r["exchanged_from"],
            exchanged_from_number=sites.get(r["exchanged_from"], ""),
            items=lines.get(r["id"], []),
            **_common(r, orgs, names),
        )
        for r in rows
    ]


# --- public verification ----------------------------------------------------------------------


async def verify(public_id: str) -> PublicCertificate:
    """What the QR on either certificate leads to: genuine or not, and its state today. The
    organisation's name only (an individual's masked); no inspector or consignee."""
    public_id = public_id[:40]
    row = (
        await SiteQuarantineCertificate.select()
        .where(SiteQuarantineCertificate.public_id == public_id)
        .first()
    )
    if row is not None:
        out: SiteCertificateOut | ConsignmentCertificateOut = (await site_outs([row]))[0]
    else:
        row = (
            await QuarantineCertificate.select()
            .where(
                (QuarantineCertificate.public_id == public_id)
                & (QuarantineCertificate.direction == "out")  # we vouch only for our own
            )
            .first()
        )
        if row is None:
            raise NotFound("未找到该检疫证书：可能是伪造的，请向签发的森林植物检疫机构核实")
        out = (await consignment_outs([row]))[0]
    org = await Organisation.select(Organisation.kind).where(Organisation.id == row["organisation"])
    individual = bool(org) and org[0]["kind"] == OrganisationKind.INDIVIDUAL
    if isinstance(out, SiteCertificateOut):
        where = {"origin": "", "destination": "", "production_site": out.production_site}
        lines = [line.model_dump(include=set(PublicLine.model_fields)) for line in out.lots]
    else:
        where = {"origin": out.origin, "destination": out.destination, "production_site": ""}
        lines = [line.model_dump(include=set(PublicLine.model_fields)) for line in out.items]
    return PublicCertificate(
        kind=out.kind,
        kind_label=out.kind_label,
        number=out.number,
        state=out.state,
        state_label=out.state_label,
        status_reason=out.status_reason,
        organisation_name=mask_person_name(out.organisation_name)
        if individual
        else out.organisation_name,
        issuing_authority=out.issuing_authority,
        issued_on=out.issued_on,
        valid_to=out.valid_to,
        **where,
        items=[PublicLine(**line) for line in lines],
    )
