"""Nothing asked twice (兴署发〔2021〕5号 Art. 10(四)): the 质量检验合格证 the system issued for the
applicant's lots, as records a material may be confirmed from (registered with
``matters.held`` at start-up). Only certificates in force, only of the lots the application
is about; the link is the public verification page anyone holding the paper would use."""

from __future__ import annotations

from seedreg.core import clock
from seedreg.matters.held_rules import HeldRecord, RecordKind, lot_ids
from seedreg.quality.tables import QualityCertificate

VALID = "valid"


async def held_certificates(organisation_id: int, subjects: frozenset[str]) -> list[HeldRecord]:
    lots = lot_ids(subjects)
    if not lots:
        return []
    rows = (
        await QualityCertificate.select(
            QualityCertificate.id,
            QualityCertificate.number,
            QualityCertificate.public_id,
            QualityCertificate.valid_to,
            QualityCertificate.lot.id,
            QualityCertificate.lot.number,
        )
        .where(
            (QualityCertificate.lot.organisation == organisation_id)
            & QualityCertificate.lot.id.is_in(lots)
            & (QualityCertificate.status == VALID)
            & (QualityCertificate.valid_to >= clock.today())
        )
        .order_by(QualityCertificate.id)
    )
    return [
        HeldRecord(
            RecordKind.QUALITY,
            str(r["id"]),
            f"质量检验合格证 {r['number']}（批次 {r['lot.number']}，"
            f"有效期至{r['valid_to']:%Y年%m月%d日}）",
            f"/verify/quality/{r['public_id']}",
            valid_to=r["valid_to"],
            about=frozenset({f"lot:{r['lot.id']}"}),
        )
        for r in rows
    ]
