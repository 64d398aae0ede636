"""The archive's completeness per lot and year, read from the records (the rules are in
``completeness``). ``archive_gaps`` is what the inspection module calls for the 档案不齐全
finding (catalogue item V4-1)."""

from __future__ import annotations

from datetime import date
from typing import Any

from seedreg.archive import completeness
from seedreg.archive.completeness import LotYear
from seedreg.archive.rules import DocumentKind, EntryKind
from seedreg.archive.schemas import CertificateLink, GapOut, LotGapsOut
from seedreg.archive.tables import ArchiveDocument, ArchiveEntry
from seedreg.lots.rules import SourceKind
from seedreg.lots.tables import Lot
from seedreg.quality.tables import QualityCertificate
from seedreg.quarantine.tables import ConsignmentItem, SiteQuarantineLot

PAPERS = {DocumentKind.CONTRACT.value, DocumentKind.INVOICE.value}


async def _certificates(lot_ids: list[int]) -> dict[int, list[CertificateLink]]:
    """Each lot's quality and quarantine certificates, linked to their pages (any state: a
    certificate revoked later was still part of the archive)."""
    out: dict[int, list[CertificateLink]] = {i: [] for i in lot_ids}
    if not lot_ids:
        return out
    for r in await QualityCertificate.select(
        QualityCertificate.id, QualityCertificate.lot, QualityCertificate.number
    ).where(QualityCertificate.lot.is_in(lot_ids)):
        url = f"/quality/certificates/{r['id']}"
        out[r["lot"]].append(
            CertificateLink(kind="quality", text=f"质量检验合格证 {r['number']}", url=url)
        )
    for r in await SiteQuarantineLot.select(
        SiteQuarantineLot.lot,
        SiteQuarantineLot.certificate.id,
        SiteQuarantineLot.certificate.number,
    ).where(SiteQuarantineLot.lot.is_in(lot_ids)):
        text, url = (
            f"产地检疫合格证 {r['certificate.number']}",
            f"/quarantine/site/{r['certificate.id']}",
        )
        out[r["lot"]].append(CertificateLink(kind="quarantine", text=text, url=url))
    for r in await ConsignmentItem.select(
        ConsignmentItem.lot, ConsignmentItem.certificate.id, ConsignmentItem.certificate.number
    ).where(ConsignmentItem.lot.is_in(lot_ids)):
        text = f"植物检疫证书 {r['certificate.number']}"
        url = f"/quarantine/consignments/{r['certificate.id']}"
        out[r["lot"]].append(CertificateLink(kind="quarantine", text=text, url=url))
    return out


def _facts(
    lot: dict[str, Any],
    year: int,
    entries: list[dict[str, Any]],
    papers: list[dict[str, Any]],
    certificates: list[CertificateLink],
) -> LotYear:
    mine = [e for e in entries if e["lot"] == lot["id"] and e["occurred_on"].year == year]
    by_kind = {k: [e for e in mine if e["kind"] == k.value] for k in EntryKind}
    lot_papers = [p for p in papers if p["lot"] == lot["id"] and p["kind"] in PAPERS]
    proven = {p["entry"] for p in lot_papers}
    return LotYear(
        lot_id=lot["id"],
        lot_number=lot["number"],
        year=year,
        produced_here=lot["source_kind"] == SourceKind.OWN,
        production_records=len(by_kind[EntryKind.PRODUCTION]),
        stock_in_records=len(by_kind[EntryKind.STOCK_IN]),
        stock_out_quantity=sum(e["quantity"] for e in by_kind[EntryKind.STOCK_OUT]),
        sale_quantity=sum(e["quantity"] for e in by_kind[EntryKind.SALE]),
        sales=len(by_kind[EntryKind.SALE]),
        sales_without_papers=sum(1 for e in by_kind[EntryKind.SALE] if e["id"] not in proven),
        source_papers=len(lot_papers),
        has_quality_certificate=any(c.kind == "quality" for c in certificates),
        has_quarantine_certificate=any(c.kind == "quarantine" for c in certificates),
    )


async def lot_gaps(organisation_id: int, year: int) -> list[LotGapsOut]:
    """Each lot of the operator active in the year (produced then, or with records dated then)
    and what its archive lacks for that year."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    entries = await ArchiveEntry.select(
        ArchiveEntry.id, ArchiveEntry.lot, ArchiveEntry.kind, ArchiveEntry.occurred_on,
        ArchiveEntry.quantity,
    ).where(
        (ArchiveEntry.organisation == organisation_id)
        & (ArchiveEntry.occurred_on >= start)
        & (ArchiveEntry.occurred_on <= end)
    )  # fmt: skip
    lots = await (
        Lot.select(Lot.id, Lot.number, Lot.species, Lot.source_kind, Lot.produced_on)
        .where(Lot.organisation == organisation_id)
        .order_by(Lot.id)
    )
    active = {e["lot"] for e in entries}
    lots = [lot for lot in lots if lot["id"] in active or lot["produced_on"].year == year]
    papers = await ArchiveDocument.select(
        ArchiveDocument.lot, ArchiveDocument.entry, ArchiveDocument.kind
    ).where(ArchiveDocument.organisation == organisation_id)
    certificates = await _certificates([lot["id"] for lot in lots])
    out = []
    for lot in lots:
        facts = _facts(lot, year, entries, papers, certificates[lot["id"]])
        found = completeness.gaps(facts)
        out.append(
            LotGapsOut(
                lot_id=lot["id"],
                lot_number=lot["number"],
                species=lot["species"],
                year=year,
                complete=not found,
                gaps=[GapOut(code=g.code, text=g.text) for g in found],
                certificates=certificates[lot["id"]],
            )
        )
    return out


async def archive_gaps(organisation_id: int, year: int) -> dict[str, Any]:
    """For the inspection module: the 档案不齐全 finding of an operator in a year, or none.
    {"violation_code": "V4-1", "finding": "档案不齐全", "lots": [{lot_number, gaps}]}; an
    empty ``lots`` means the archive is complete."""
    lots = [lot for lot in await lot_gaps(organisation_id, year) if not lot.complete]
    return {
        "violation_code": completeness.VIOLATION_CODE,
        "finding": completeness.FINDING,
        "basis": "种子法第三十六条、第七十九条第（四）项",
        "lots": [
            {"lot_number": lot.lot_number, "gaps": [g.text for g in lot.gaps]} for lot in lots
        ],
    }
