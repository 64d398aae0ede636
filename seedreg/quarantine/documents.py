"""PDFs of the 产地检疫合格证 and the 植物检疫证书, built from the stored records."""

from __future__ import annotations

from typing import Any

from seedreg.accounts.rules import Actor
from seedreg.core.pdf import render_pdf_async
from seedreg.quarantine import services
from seedreg.quarantine.schemas import ConsignmentCertificateOut, SiteCertificateOut

SITE_TEMPLATE = "site_quarantine.html"
CONSIGNMENT_TEMPLATE = "quarantine_certificate.html"


def site_context(cert: SiteCertificateOut) -> dict[str, Any]:
    """What ``site_quarantine.html`` prints (no database: samples can use it too)."""
    return {"cert": cert, "authority": cert.issuing_authority, "verify_url": cert.verify_url}


def consignment_context(cert: ConsignmentCertificateOut) -> dict[str, Any]:
    return {"cert": cert, "authority": cert.issuing_authority, "verify_url": cert.verify_url}


async def site_pdf(actor: Actor, certificate_id: int) -> bytes:
    cert = await services.get_site(actor, certificate_id)
    return await render_pdf_async(SITE_TEMPLATE, site_context(cert))


async def consignment_pdf(actor: Actor, certificate_id: int) -> bytes:
    cert = await services.get_consignment(actor, certificate_id)
    return await render_pdf_async(CONSIGNMENT_TEMPLATE, consignment_context(cert))
