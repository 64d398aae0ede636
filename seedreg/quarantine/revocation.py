"""撤销 of a quarantine certificate (产地检疫合格证 or 植物检疫证书), with a reason, by its signer's
authority; the row changes only from valid, so two officers cannot both revoke it."""

from __future__ import annotations

from typing import Any

from seedreg.accounts.rules import Actor
from seedreg.core.audit import services as audit
from seedreg.core.db import transaction
from seedreg.core.errors import Conflict
from seedreg.notifications.services import notify_certificate_revoked
from seedreg.quarantine import draws, services
from seedreg.quarantine.rules import CertificateState
from seedreg.quarantine.schemas import ConsignmentCertificateOut, RevokeIn, SiteCertificateOut
from seedreg.quarantine.tables import QuarantineCertificate, SiteQuarantineCertificate


async def revoke_site(actor: Actor, certificate_id: int, data: RevokeIn) -> SiteCertificateOut:
    row = await services.site_row(actor, certificate_id)
    await _revoke(actor, SiteQuarantineCertificate, services.SITE, row, data.reason)
    return await services.get_site(actor, certificate_id)


async def revoke_consignment(
    actor: Actor, certificate_id: int, data: RevokeIn
) -> ConsignmentCertificateOut:
    row = await services.consignment_row(actor, certificate_id)
    await _revoke(actor, QuarantineCertificate, services.CONSIGNMENT, row, data.reason)
    return await services.get_consignment(actor, certificate_id)


async def _revoke(actor: Actor, table: Any, subject: str, row: dict[str, Any], reason: str) -> None:
    """撤销 with a reason. An expired certificate may still be revoked (releasing its
    quantities when the goods never moved)."""
    await services.ensure_signer(actor)  # the row was loaded within the actor's jurisdiction
    if row["status"] == CertificateState.REVOKED:
        raise Conflict("该检疫证书已撤销")
    revoked, valid = CertificateState.REVOKED, CertificateState.VALID
    async with transaction():
        done = (
            await table.update({table.status: revoked, table.status_reason: reason})
            .where((table.id == row["id"]) & (table.status == valid))
            .returning(table.id)
        )
        if not done:
            raise Conflict("该检疫证书已被撤销，请刷新后查看")
        if table is QuarantineCertificate and row.get("exchanged_from"):
            await draws.release(row["id"])  # the site certificate covers it again
        await audit.record(
            actor,
            f"quarantine:{'site' if table is SiteQuarantineCertificate else 'consignment'}:revoke",
            subject,
            row["id"],
            before={"status": row["status"]},
            after={"status": CertificateState.REVOKED.value, "reason": reason},
        )
        site = table is SiteQuarantineCertificate
        await notify_certificate_revoked(
            row["organisation"],
            "产地检疫合格证" if site else "植物检疫证书",
            row["number"],
            "",
            reason,
            f"/quarantine/{'site' if site else 'consignments'}/{row['id']}",
        )
