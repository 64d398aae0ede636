"""Nothing asked twice (兴署发〔2021〕5号 Art. 10(四)): the 产地检疫合格证 the system issued for the
applicant's lots, as records a material may be confirmed from (registered with
``matters.held`` at start-up): while one is valid it is exchanged for a 植物检疫证书 without
re-inspection (facts §5), so a consignment request names it instead of a copy. Only
certificates in force, only of the lots the application is about."""

from __future__ import annotations

from collections import defaultdict

from seedreg.core import clock
from seedreg.matters.held_rules import HeldRecord, RecordKind, lot_ids
from seedreg.quarantine.tables import SiteQuarantineLot

VALID = "valid"


async def held_site_certificates(
    organisation_id: int, subjects: frozenset[str]
) -> list[HeldRecord]:
    lots = lot_ids(subjects)
    if not lots:
        return []
    cert = SiteQuarantineLot.certificate
    rows = (
        await SiteQuarantineLot.select(
            SiteQuarantineLot.lot.id,
            cert.id,
            cert.number,
            cert.public_id,
            cert.valid_to,
        )
        .where(
            (cert.organisation == organisation_id)
            & SiteQuarantineLot.lot.id.is_in(lots)
            & (cert.status == VALID)
            & (cert.valid_to >= clock.today())
        )
        .order_by(cert.id)
    )
    covered: dict[int, set[str]] = defaultdict(set)
    first: dict[int, dict] = {}
    for r in rows:
        covered[r["certificate.id"]].add(f"lot:{r['lot.id']}")
        first.setdefault(r["certificate.id"], r)
    return [
        HeldRecord(
            RecordKind.QUARANTINE,
            str(cid),
            f"产地检疫合格证 {r['certificate.number']}"
            f"（有效期至{r['certificate.valid_to']:%Y年%m月%d日}）",
            f"/verify/quarantine/{r['certificate.public_id']}",
            valid_to=r["certificate.valid_to"],
            about=frozenset(covered[cid]),
        )
        for cid, r in first.items()
    ]
